import type { Plan } from '../domain/plan.js';
import type { Precedent } from '../domain/precedent.js';
import type { Inventory } from '../explore/inventory.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { terms } from '../explore/tokenize.js';
import { checkPlan } from './checker/check-plan.js';
import { claimPrecedents } from './checker/claim-precedent.js';
import { checkContext } from './checker/context.js';
import { planFacts } from './checker/plan-facts.js';

/**
 * What makes a plan grounded, checked by the one checker `lint` also runs (`checker/check-plan.ts`): files
 * to modify exist and are written by hand, edit points lie inside their symbols, files to create are absent
 * and named by the project's rules, checks are the project's own commands that exit and only look, sketches
 * parse, claims hold. Returns the problems, located by field, each saying what would pass.
 */
export function groundingProblems(
  plan: Plan,
  root: string,
  profile: CodebaseProfile,
  claimed?: Precedent[],
): string[] {
  const ctx = checkContext(root, profile, plan.precedent, claimed);
  return checkPlan(ctx, planFacts(plan)).map((f) => `${f.at}: ${f.message}`);
}

/** Placeholder text a model writes when it has nothing to say. */
const PLACEHOLDER =
  /^(?:todo|tbd|tba|fixme|xxx+|n\/?a|none|null|undefined|placeholder|lorem ipsum.*|\.{2,}|…|-+|step \d+|phase \d+|foo|bar|baz|test|asdf\w*|qwerty)$/i;

/** True when a text holds no words: empty, a placeholder, or keyboard noise. */
export function isJunk(text: string): boolean {
  const t = text.trim();
  if (!t) return true;
  if (PLACEHOLDER.test(t)) return true;
  const words = t.match(/[A-Za-z]{3,}/g) ?? [];
  if (!words.length) return true;
  // Noise like "sdfkjh qwpoeiru": no vowel in a long word, or one character repeated.
  return words.every((w) => !/[aeiouy]/i.test(w) || /^(.)\1+$/i.test(w));
}

/**
 * The content gate: a plan that passes the shape check can still say nothing. Each implement phase names a
 * file to create or modify, no step is empty or a placeholder, and the plan speaks of the requirement (its
 * key terms appear). Problems are located by field, so a model can repair them.
 */
export function contentProblems(plan: Plan): string[] {
  const out: string[] = [];
  if (isJunk(plan.title)) out.push(`title: "${plan.title}" says nothing; name the change`);
  if (isJunk(plan.analysis.summary))
    out.push('analysis.summary: empty or a placeholder; say in a sentence what changes and why');
  plan.phases.forEach((p, i) => {
    const at = `phases[${i}]`;
    if (isJunk(p.title)) out.push(`${at}.title: "${p.title}" says nothing`);
    const files = p.steps.flatMap((s) => [...s.files_to_create, ...s.files_to_modify]);
    if (p.kind === 'implement' && !files.length)
      out.push(
        `${at} ("${p.title}"): an implement phase names no file to create or modify; add the files its steps change`,
      );
    p.steps.forEach((s, j) => {
      if (isJunk(s.title) && isJunk(s.detail))
        out.push(`${at}.steps[${j}]: "${s.title}" is empty or a placeholder; say what the step does`);
    });
  });
  const wanted = [...new Set(terms(plan.requirement.text))];
  if (wanted.length && plan.analysis.work_type !== 'ci') {
    const text = [
      plan.title,
      plan.analysis.summary,
      ...plan.phases.flatMap((p) => [
        p.title,
        p.goal,
        ...p.steps.flatMap((s) => [
          s.title,
          s.detail,
          ...[...s.files_to_create, ...s.files_to_modify].flatMap((f) => [f.path, f.why]),
        ]),
      ]),
    ].join(' ');
    const have = new Set(terms(text));
    const hits = wanted.filter((t) => have.has(t)).length;
    const need = wanted.length >= 4 ? 2 : 1;
    if (hits < need)
      out.push(
        `(plan): it does not speak of the requirement: ${hits ? 'only one' : 'none'} of its key terms (${wanted.slice(0, 8).join(', ')}) appears in the title, summary, phases or steps`,
      );
  }
  return out;
}

/** Everything a submitted or imported plan must pass before it is written: content, then grounding. */
export function planProblems(
  plan: Plan,
  root: string,
  profile: CodebaseProfile,
  claimed?: Precedent[],
): string[] {
  return [...contentProblems(plan), ...groundingProblems(plan, root, profile, claimed)];
}

/**
 * For a plan that carries no precedent verdict (a host's model, an imported markdown plan): the verdicts of
 * the things its claims call new, asked of the precedent analysis, so the gate finds "calls X new, but the
 * code already has it" as `lint` does. None when the plan carries a verdict or claims nothing new.
 */
export async function claimedPrecedents(
  plan: Plan,
  root: string,
  profile: CodebaseProfile,
  inventory?: Inventory,
): Promise<Precedent[]> {
  if (plan.precedent) return [];
  return claimPrecedents(
    root,
    profile,
    planFacts(plan).claims.map((c) => c.text),
    inventory,
  );
}
