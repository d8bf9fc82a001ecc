/** An option on existing behaviour: extend the option the code declares (or declare one beside its siblings) and read it where the behaviour happens. */
import type { EditPoint, Step } from '../../domain/plan.js';
import { DECLARES } from './existing.js';
import {
  changeSteps,
  code,
  type Draft,
  docsPhase,
  est,
  keywordFor,
  step,
  strip,
  testStep,
  testsPhase,
} from './phase-parts.js';
import { lowerFirst } from './placement.js';
import type { Target, Work } from './work.js';

/** Where the code declares options like the one to add: the file with most declarations, and one sibling. */
function declarationSite(w: Work): { target: Target; line: number; sibling: string } | null {
  let best: { target: Target; line: number; sibling: string; count: number } | null = null;
  for (const t of w.targets) {
    if (!t.outline) continue;
    let count = 0;
    let first = -1;
    let sibling = '';
    t.outline.lines.forEach((l, i) => {
      const m = /(['"])(--?)?([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)\1/.exec(l);
      if (m && DECLARES.test(l)) {
        count++;
        if (first < 0) {
          first = i + 1;
          sibling = m[3]!;
        }
      }
    });
    if (count >= 2 && (!best || count > best.count)) best = { target: t, line: first, sibling, count };
  }
  return best;
}

/** The functions that read an option, by its attribute spellings, outside its declaration. */
function readersOf(w: Work, option: string, decl: { file: string; line: number }): Target[] {
  const parts = option.replace(/^-+/, '').split(/[-_]/);
  const spellings = [
    parts.join('_'),
    parts.map((p, i) => (i ? p.charAt(0).toUpperCase() + p.slice(1) : p)).join(''),
    parts.join('_').toUpperCase(),
  ];
  const re = new RegExp(`\\b(${spellings.join('|')})\\b`);
  const out: Target[] = [];
  for (const t of w.targets) {
    if (!t.outline) continue;
    const pts: EditPoint[] = [];
    t.outline.lines.forEach((l, i) => {
      if (!re.test(l) || (t.path === decl.file && Math.abs(i + 1 - decl.line) <= 2)) return;
      const p = pointAt(t, i + 1, `reads \`${re.exec(l)![1]}\` (line ${i + 1})`);
      if (p && p.end_line - p.start_line < 400 && !pts.some((x) => x.symbol === p.symbol)) pts.push(p);
    });
    if (pts.length) out.push({ ...t, why: `reads \`${option}\``, edit_points: pts.slice(0, 3) });
  }
  return out.slice(0, 2);
}

/** The outline item that contains a line, narrowest first, as an edit point. */
function pointAt(t: Target, line: number, why: string): EditPoint | null {
  const item = t.outline?.items
    .filter((i) => i.start_line <= line && i.end_line >= line)
    .sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0];
  return item
    ? {
        symbol: item.qualified,
        start_line: item.start_line,
        end_line: item.end_line,
        signature: item.signature,
        why,
      }
    : null;
}

export function optionPhases(w: Work): Draft[] {
  const opt = w.existing.find((e) => e.option);
  const phases: Draft[] = [];
  const steps: Step[] = [];
  let declared: string | null = null;
  if (opt) {
    const t = w.targets.find((x) => x.path === opt.file);
    const p = t ? pointAt(t, opt.line, `declares \`${opt.option}\``) : null;
    declared = opt.file;
    steps.push(
      step(
        `Extend the existing ${code(opt.option!)}`,
        `It is declared in ${code(opt.file)} at line ${opt.line}. Change what it does — ${w.title} — and keep the behaviour of every value users set today.`,
        [],
        [{ path: opt.file, why: `declares \`${opt.option}\``, ...(p ? { edit_points: [p] } : {}) }],
      ),
    );
  } else {
    const site = declarationSite(w);
    if (site) {
      declared = site.target.path;
      const p = pointAt(site.target, site.line, `declares \`${site.sibling}\`, a sibling option`);
      steps.push(
        step(
          `Declare the option beside ${code(site.sibling)} in ${code(site.target.path)}`,
          `Declare it the way ${code(site.sibling)} is (line ${site.line}), with a default that keeps today's behaviour.`,
          [],
          [
            {
              path: site.target.path,
              why: `declares the options like \`${site.sibling}\``,
              ...(p ? { edit_points: [p] } : {}),
            },
          ],
        ),
      );
    }
  }
  // Where the option is read: the code that uses its attribute name (`min_similarity_lines`, `minSimilarityLines`).
  const readAt = opt ? readersOf(w, opt.option!, opt) : [];
  const readers = readAt.length
    ? readAt
    : w.targets.filter((t) => t.edit_points && t.path !== declared).slice(0, 2);
  const sketchOf = (): Step['sketch'] => {
    const e = readers[0]?.edit_points?.[0];
    if (!e || opt || !/\(/.test(e.signature)) return undefined;
    const lang = w.language === 'Python' ? 'python' : /Script$/.test(w.language ?? '') ? 'javascript' : null;
    if (!lang) return undefined;
    const param =
      lang === 'python'
        ? `${w.words.join('_')}=None`
        : w.words.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join('');
    const changed = e.signature.replace(
      /\)([^)]*)$/,
      (_m, tail) => `${/\(\s*\)$/.test(e.signature) ? '' : ', '}${param})${tail}`,
    );
    return {
      language: lang,
      code: `${lang === 'python' ? '#' : '//'} ${readers[0]!.path}:${e.start_line}, now\n${e.signature}\n${lang === 'python' ? '#' : '//'} with the option (its default keeps today's behaviour)\n${changed}`,
    };
  };
  steps.push(
    ...changeSteps(w, readers, 'Read the option in').map((s, i) =>
      i === 0 ? { ...s, ...(sketchOf() ? { sketch: sketchOf() } : {}) } : s,
    ),
  );
  if (!steps.length)
    steps.push(
      step(
        'Add the setting where the behaviour is configured',
        'The explorer found no option declarations near the change; look for where similar settings are read before adding one.',
        [],
        w.targets.slice(0, 1).map(strip),
      ),
    );
  phases.push({
    title: opt ? `The ${code(opt.option!)} option` : 'The option',
    goal: opt
      ? `Build on ${code(opt.option!)} instead of adding a second way to do the same.`
      : 'One new option, declared like its siblings, read where the behaviour happens.',
    kind: 'implement',
    steps,
    automated_checks: [...w.checks.static],
    manual_checks: [],
    estimate_minutes: est(steps),
  });
  const name = opt?.option ?? 'the option';
  const t = testStep(
    w,
    `Cases: ${name === 'the option' ? 'without the option' : `with ${code(name)} unset`}, the behaviour is as today; with it set, ${lowerFirst(w.title)}.`,
    keywordFor(w, readers[0]?.edit_points?.[0]),
  );
  phases.push(testsPhase(w, t, 'Both the default and the new setting are pinned by tests.', 30));
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}
