import type { Plan } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import type { ExploreReport } from '../../explore/explore.js';
import { esc } from '../../precedent/code-shape.js';
import { applyPlace, namesPlace } from './refine-place.js';

function replaceEverywhere<T>(value: T, from: RegExp, to: string): T {
  if (typeof value === 'string') return value.replace(from, to) as T;
  if (Array.isArray(value)) return value.map((v) => replaceEverywhere(v, from, to)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'path' || k === 'command' || k === 'id' ? v : replaceEverywhere(v, from, to),
      ]),
    ) as T;
  }
  return value;
}

/**
 * Applies feedback to a plan without a model. It understands a few plain directives, one per sentence
 * or line, and records everything it was told in the revision notes:
 *   use X instead of Y · replace Y with X         swap a technology or name throughout
 *   drop X · remove X · skip X · no X · without X  remove matching phases, steps and files; note it as not done
 *   don't create X · no new module                 remove files to create (matching X, or every new module)
 *   do not modify Y · don't touch Y · leave Y alone  remove Y from the files to modify; note it as not done
 *   split phase N                                  split phase N into two phases at its middle step
 *   add a step for X · also X                      add a step to the last building phase
 *   Q2: answer · answer 2: answer                  answer a clarifying question
 *   mark final                                     mark the plan final
 *   put it on `sym` in `file` · tests in `file`    move the edit points / tests there (checked: see refine-place.ts)
 * Anything else is reported as not applied.
 */
export function applyFeedback(
  plan: Plan,
  feedback: string,
  ctx: { root: string; report: ExploreReport },
): Plan {
  let next: Plan = structuredClone(plan);
  const notes: string[] = [];
  const sentences = feedback
    .split(/\n|(?<=[.!;])\s+/)
    .map((s) => s.trim().replace(/[.!;]$/, ''))
    .filter(Boolean);
  const swapUse = /^(?:use|prefer|switch to)\s+(.+?)\s+(?:instead of|rather than|not)\s+(.+)$/i;
  const swapReplace = /^replace\s+(.+?)\s+(?:with|by)\s+(.+)$/i;
  const drop =
    /^(?:drop|remove|skip|no|without|don'?t (?:do|add|build|include)|do not (?:do|add|build|include))\s+(?:the\s+)?(.+)$/i;
  const addStep = /^(?:(?:add|include)\s+(?:a\s+)?(?:step|phase|task)\s+(?:for|to|that)|also)\s+(.+)$/i;
  const answer = /^(?:q|answer\s*)(\d+)\s*[:=]\s*(.+)$/i;
  const noCreate =
    /^(?:don'?t|do not|never)\s+(?:create|add)\s+(?:an?\s+|the\s+)?(.+)$|^no\s+new\s+(modules?|files?)$/i;
  const noModify =
    /^(?:don'?t|do not|never)\s+(?:modify|touch|change|edit)\s+(?:the\s+)?(.+)$|^leave\s+(.+?)\s+(?:alone|as it is|unchanged)$/i;
  const split = /^split\s+(?:phase\s+)?(?:p)?(\d+)$/i;
  const isCode = (path: string) =>
    !/(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]+$|\.(test|spec)\.|\.(md|rst|txt)$/.test(path);
  for (const s of sentences) {
    if (namesPlace(s)) {
      notes.push(...applyPlace(next, s, ctx.root));
      continue;
    }
    const nc = noCreate.exec(s);
    if (nc) {
      const what = (nc[1] ?? nc[2]!).trim();
      // "a new module", "new files", "any module": every new code file; else the ones whose path matches.
      const every = /^(new\s+|any\s+)?(modules?|files?|services?|classes?)$/i.test(what);
      const re = new RegExp(esc(what.replace(/^new\s+/i, '')), 'i');
      let removed = 0;
      for (const p of next.phases)
        p.steps = p.steps.filter((st) => {
          const keep = st.files_to_create.filter((f) => (every ? !isCode(f.path) : !re.test(f.path)));
          removed += st.files_to_create.length - keep.length;
          const emptied =
            keep.length < st.files_to_create.length && keep.length + st.files_to_modify.length === 0;
          st.files_to_create = keep;
          // A step that only created what is now refused goes with it.
          return !emptied;
        });
      next.phases = next.phases.filter((p) => p.steps.length > 0);
      next.not_doing = [
        ...next.not_doing,
        every
          ? 'No new module: the change stays in existing files (on review)'
          : `No new ${what} (on review)`,
      ];
      notes.push(
        removed
          ? `Removed ${removed} file(s) to create: ${what}.`
          : `Left out: new ${what} (nothing in the plan matched; recorded as not done).`,
      );
      continue;
    }
    const nm = noModify.exec(s);
    if (nm) {
      const what = (nm[1] ?? nm[2]!).trim().replace(/^`|`$/g, '');
      const re = new RegExp(esc(what), 'i');
      let removed = 0;
      for (const p of next.phases)
        for (const st of p.steps) {
          const keep = st.files_to_modify.filter((f) => !re.test(f.path));
          removed += st.files_to_modify.length - keep.length;
          st.files_to_modify = keep;
        }
      next.not_doing = [...next.not_doing, `No change to ${what} (on review)`];
      notes.push(
        removed
          ? `No longer modifies ${what} (${removed} file(s)).`
          : `Left alone: ${what} (the plan did not modify it).`,
      );
      continue;
    }
    const sp = split.exec(s);
    if (sp) {
      const i = Number(sp[1]) - 1;
      const p = next.phases[i];
      if (!p || p.steps.length < 2) {
        notes.push(
          p
            ? `Phase ${i + 1} has one step; nothing to split.`
            : `No phase ${i + 1} to split (the plan has ${next.phases.length}).`,
        );
        continue;
      }
      const half = Math.ceil(p.steps.length / 2);
      const part = (n: 1 | 2) => ({
        ...p,
        title: `${p.title} (${n} of 2)`,
        steps: n === 1 ? p.steps.slice(0, half) : p.steps.slice(half),
        estimate_minutes:
          p.estimate_minutes === undefined
            ? undefined
            : Math[n === 1 ? 'ceil' : 'floor'](p.estimate_minutes / 2),
      });
      next.phases.splice(i, 1, part(1), part(2));
      next.phases = next.phases.map((ph, k) => ({ ...ph, id: `p${k + 1}` }));
      notes.push(`Split phase ${i + 1} (“${p.title}”) in two.`);
      continue;
    }
    const use = swapUse.exec(s);
    const rep = use ? null : swapReplace.exec(s);
    if (use || rep) {
      const [to, from] = use ? [use[1]!, use[2]!] : [rep![2]!, rep![1]!];
      next = replaceEverywhere(next, new RegExp(`\\b${esc(from.trim())}\\b`, 'gi'), to.trim());
      next.requirement = plan.requirement;
      notes.push(`Uses ${to.trim()} instead of ${from.trim()}.`);
      continue;
    }
    const d = drop.exec(s);
    if (d) {
      const what = d[1]!.trim();
      const re = new RegExp(esc(what), 'i');
      const before = JSON.stringify(next.phases);
      next.phases = next.phases
        .filter((p) => !re.test(p.title))
        .map((p) => ({
          ...p,
          steps: p.steps
            .filter((st) => !re.test(st.title))
            .map((st) => ({
              ...st,
              files_to_create: st.files_to_create.filter((f) => !re.test(f.path)),
              files_to_modify: st.files_to_modify.filter((f) => !re.test(f.path)),
            })),
        }))
        .filter((p) => p.steps.length > 0);
      if (next.phases.length === 0) next.phases = plan.phases;
      next.not_doing = [
        ...next.not_doing,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} (left out on review)`,
      ];
      notes.push(
        JSON.stringify(next.phases) === before
          ? `Left out: ${what} (nothing in the plan matched; recorded as not done).`
          : `Removed: ${what}.`,
      );
      continue;
    }
    const add = addStep.exec(s);
    if (add) {
      const what = add[1]!.trim();
      const target =
        [...next.phases].reverse().find((p) => p.kind === 'implement') ??
        next.phases[next.phases.length - 1]!;
      target.steps.push({
        title: what.charAt(0).toUpperCase() + what.slice(1),
        detail: 'Added on review.',
        files_to_create: [],
        files_to_modify: [],
      });
      if (target.estimate_minutes !== undefined) target.estimate_minutes += 30;
      notes.push(`Added a step to “${target.title}”: ${what}.`);
      continue;
    }
    const ans = answer.exec(s);
    if (ans) {
      const q = next.questions[Number(ans[1]) - 1];
      if (q) {
        q.answer = ans[2]!.trim();
        next.analysis.assumptions = [`Decided: ${q.question} — ${q.answer}`, ...next.analysis.assumptions];
        notes.push(`Answered: ${q.question} → ${q.answer}`);
      } else notes.push(`No question ${ans[1]} to answer (the plan has ${next.questions.length}).`);
      continue;
    }
    if (/^(mark (it )?final|final|approved?)$/i.test(s)) {
      next.status = 'final';
      notes.push('Marked final.');
      continue;
    }
    notes.push(`Not applied: ${s} (not a directive the offline engine can act on)`);
  }
  if (next.phases.length === 0) {
    next.phases = plan.phases;
    notes.push('Kept the phases: every one would have been removed, and a plan needs at least one.');
  }
  next.revision = plan.revision + 1;
  next.revision_notes = notes;
  return planSchema.parse(next);
}
