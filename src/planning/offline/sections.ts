/**
 * The plan's prose sections, derived from what the change touches: the summary and assumptions, the test
 * strategy and cases, risks, rollback, what is not done, the definition of done, the approaches and the
 * research findings. A section with nothing specific to say says less; nothing here is a sentence that
 * would read the same in any repository.
 */
import type { Approach, Phase, Plan, Risk } from '../../domain/plan.js';
import { codeRoleOf } from '../../explore/conventions.js';
import type { Implications } from './analyze.js';
import { callSites, names, reportedError } from './phases.js';
import { lowerFirst } from './placement.js';
import type { Work } from './work.js';

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The files a plan changes, in order, once each (tests left out). */
export function changedFiles(phases: Phase[]): string[] {
  const out: string[] = [];
  for (const p of phases)
    for (const st of p.steps)
      for (const f of [...st.files_to_modify, ...st.files_to_create])
        if (!out.includes(f.path) && codeRoleOf(f.path) !== 'test' && !/\.(md|rst|txt)$/.test(f.path))
          out.push(f.path);
  return out;
}

/** The edit points a plan names, with their files. */
export function pointsIn(phases: Phase[]) {
  return phases.flatMap((p) =>
    p.steps.flatMap((s) =>
      s.files_to_modify.flatMap((f) => (f.edit_points ?? []).map((e) => ({ path: f.path, e }))),
    ),
  );
}

export function summaryOf(w: Work, phases: Phase[]): string {
  const web = w.profile.frameworks
    .filter((f) => ['web', 'ui', 'orm'].includes(f.kind ?? ''))
    .map((f) => f.name);
  const on = w.language
    ? ` in a ${w.language}${web.length ? ` (${web.slice(0, 2).join(', ')})` : ''} codebase`
    : '';
  const what = {
    feature: 'A new capability',
    option: 'An option on existing behaviour',
    fix: 'A defect to fix',
    refactor: 'A restructuring with no change in behaviour',
    performance: 'A performance improvement',
    migration: 'A migration',
    ci: 'A CI failure to fix',
    docs: 'A documentation change',
  }[w.a.workType];
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const where = pts.length
    ? `; it lands in ${names(
        pts.map((p) => p.e.symbol),
        3,
      )}`
    : '';
  const signals =
    w.a.because.length && w.a.workType !== 'ci'
      ? ` (the text says ${names([...new Set(w.a.because)].slice(0, 3))})`
      : '';
  return `${what}${on}${signals}: ${w.title}${where}.`;
}

export function assumptionsOf(w: Work): string[] {
  const out: string[] = [];
  if (!w.targets.length)
    out.push(
      'No existing code matched the requirement closely: the plan names no file to modify until that is settled.',
    );
  if (w.checks.missing.includes('tests'))
    out.push(
      'The project has no test command the explorer could find: automated checks are missing until one is added.',
    );
  return out;
}

export function testStrategy(w: Work, phases: Phase[]): string {
  const runner = w.profile.testRunner;
  const narrow = phases
    .flatMap((p) => p.automated_checks)
    .find(
      (c) =>
        !w.checks.test.some((t) => t.command === c.command) &&
        /test|pytest|jest|mocha|vitest/.test(c.command),
    );
  const suite = w.checks.test[0]?.command;
  const where = w.covering
    ? `New cases go into ${code(w.covering.path)} (${w.covering.why})`
    : w.newTest
      ? `New tests go into ${code(w.newTest)}${runner ? `, where ${runner.name} collects them` : ''}`
      : 'No test file could be placed where the runner collects it';
  const run = narrow ? `; run them alone with ${code(narrow.command)}` : '';
  return `${where}${run}${suite ? `, then the whole suite with ${code(suite)}` : ''}.`;
}

export function testCases(w: Work, phases: Phase[], security: string[]): string[] {
  const out: string[] = [];
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const err = reportedError(w.req.requirement);
  if (w.a.workType === 'fix' || w.a.workType === 'ci')
    out.push(
      `The reported case: ${w.title}${err ? ` (today: ${code(err)})` : ''}${pts[0] ? `, through ${code(pts[0].e.symbol)}` : ''}`,
    );
  else if (w.a.workType === 'option') {
    const opt = w.existing.find((e) => e.option)?.option;
    out.push(
      `${opt ? `With ${code(opt)} left at its default` : 'Without the option'}, the behaviour is what it is today`,
    );
    out.push(`With it set: ${lowerFirst(w.title)}`);
  } else if (w.a.workType === 'refactor')
    out.push(
      `Every existing test of ${
        names(
          pts.map((p) => p.e.symbol),
          3,
        ) || 'the code'
      } passes unchanged`,
    );
  else out.push(`${w.title}, from the caller's side${pts[0] ? ` through ${code(pts[0].e.symbol)}` : ''}`);
  if (w.a.interfaces.includes('HTTP API')) out.push('An unauthenticated or unauthorised caller is refused');
  if (security.some((s) => /expire/.test(s))) out.push('An expired or reused token is refused');
  if (security.some((s) => /exists/.test(s))) out.push('Known and unknown accounts get the same response');
  if (w.a.interfaces.includes('background jobs'))
    out.push('Running the job twice has the same effect as once');
  return out;
}

/** Where the symbol of an edit point is called, outside its own body. */
function otherCallers(
  w: Work,
  p: { path: string; e: { symbol: string; start_line: number; end_line: number } },
) {
  return callSites(w, p.e.symbol, { path: p.path, from: p.e.start_line, to: p.e.end_line });
}

/** Risks the change carries, said about this change: who else calls what it changes, what a default does. */
export function risksOf(w: Work, phases: Phase[], imp: Implications): Risk[] {
  const out: Risk[] = [...imp.risks];
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const suite = w.checks.test[0]?.command;
  const first = pts[0];
  if (first) {
    const callers = otherCallers(w, first);
    if (callers.length)
      out.push({
        risk: `${code(first.e.symbol)} has other callers (${names(callers, 3)}) that rely on what it does today`,
        mitigation: suite
          ? `Run ${code(suite)} (the whole suite, not only the new test) and read each caller before merging`
          : 'Read each caller before merging: the project has no test command',
        contingency: `Revert the change to ${code(first.path)}`,
        likelihood: callers.length > 4 ? 'medium' : 'low',
      });
    const publicApi =
      !first.e.symbol.split('.').some((p) => p.startsWith('_') && !/^__\w+__$/.test(p)) &&
      !/(^|\/)(tests?|internal|_[^/]+)\//.test(first.path);
    if (publicApi && (w.a.workType === 'option' || w.a.workType === 'feature'))
      out.push({
        risk: `${code(first.e.symbol)} is public: a changed signature breaks code outside this repository`,
        mitigation:
          'Add parameters at the end with a default (keyword-only where the language has it); never reorder or remove one',
        contingency: 'Deprecate instead of changing: keep the old form working for a release',
        likelihood: 'medium',
      });
  }
  if (w.a.workType === 'option') {
    const opt = w.existing.find((e) => e.option)?.option;
    out.push({
      risk: `A default that differs from today's behaviour changes results for everyone who never sets ${opt ? code(opt) : 'the option'}`,
      mitigation: 'The default is today’s behaviour; a test pins it',
      contingency: 'Release a fix that restores the old default',
      likelihood: 'low',
    });
  }
  return out;
}

export function rollbackOf(
  w: Work,
  phases: Phase[],
  o: { migration: boolean; deployable: boolean },
): string[] {
  const changed = changedFiles(phases);
  const what = changed.length ? `the change to ${names(changed, 3)}` : 'the change';
  const out: string[] = [];
  if (w.a.workType === 'fix') out.push(`Revert ${what}; the new test then fails again and documents the bug`);
  else if (w.a.workType === 'option') {
    const opt = w.existing.find((e) => e.option)?.option;
    out.push(
      `Revert ${what}: while ${opt ? code(opt) : 'the option'} defaults to today's behaviour, nobody who leaves it unset is affected`,
    );
  } else out.push(o.deployable ? `Revert ${what} and redeploy the previous version` : `Revert ${what}`);
  if (o.migration)
    out.push(
      'Run the down migration (or leave the additive columns in place, unused) and restore from the pre-deploy backup if data changed',
    );
  return out;
}

/** What the plan leaves out, said only where it is a real choice for this change. */
export function notDoing(w: Work, phases: Phase[]): string[] {
  const out: string[] = [];
  const changed = changedFiles(phases);
  const creates = phases.some((p) =>
    p.steps.some((st) =>
      st.files_to_create.some((f) => codeRoleOf(f.path) !== 'test' && !/\.(md|rst|txt)$/.test(f.path)),
    ),
  );
  if ((w.a.workType === 'fix' || w.a.workType === 'option') && !creates && changed.length)
    out.push(`No new module: the change stays in ${names(changed, 2)}`);
  if (w.a.workType === 'option') out.push('No change for users who do not set the option');
  if (w.a.workType === 'refactor') out.push('No behaviour changes');
  const opt = w.existing.find((e) => e.option);
  if (opt) out.push(`No second option beside ${code(opt.option!)}: the plan extends it`);
  return out;
}

export function definitionOfDone(phases: Phase[], plan: { questions: unknown[] }): string[] {
  const out = phases
    .flatMap((p) => p.automated_checks.map((c) => `${code(c.command)} ${c.expect}`))
    .filter((x, i, all) => all.indexOf(x) === i);
  const build = phases.filter((p) => p.kind === 'implement').map((p) => p.title);
  if (build.length) out.push(`The review of ${names(build, 2)} passed with no open critical feedback`);
  if (plan.questions.length)
    out.push(
      `The ${plan.questions.length === 1 ? 'open question is' : `${plan.questions.length} open questions are`} answered or explicitly deferred`,
    );
  return out;
}

/** Two real alternatives where the code offers them: the two best places to make the change. */
/** One recommended and one considered; `--approaches 2` writes both out in full (see renderApproaches). */
export function approachesOf(w: Work, phases: Phase[]): Approach[] {
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const created = phases
    .flatMap((p) => p.steps.flatMap((s) => s.files_to_create))
    .filter((f) => codeRoleOf(f.path) !== 'test' && !/\.(md|rst|txt)$/.test(f.path));
  const lines = (e: { start_line: number; end_line: number }) => e.end_line - e.start_line + 1;
  const list: Approach[] = [];
  const first = pts[0];
  if (first) {
    const callers = otherCallers(w, first);
    list.push({
      name: `Change ${code(first.e.symbol)} (${first.path})`,
      summary: `Make the change inside ${code(first.e.symbol)} (${lines(first.e)} lines at ${first.path}:${first.e.start_line}), where the behaviour lives today.`,
      pros: [`One place: ${lines(first.e)} lines in one function`],
      cons: callers.length ? [`Every caller shares it: ${names(callers, 3)}`] : [],
      effort: lines(first.e) > 60 ? 'medium' : 'small',
      best_for: 'When every caller should see the change',
      recommended: true,
    });
    const alt =
      pts.find((p) => p.e.symbol !== first.e.symbol && p.path !== first.path) ??
      pts.find((p) => p.e.symbol !== first.e.symbol);
    if (alt)
      list.push({
        name: `Change ${code(alt.e.symbol)} (${alt.path}) instead`,
        summary: `Handle it in ${code(alt.e.symbol)} (${alt.path}:${alt.e.start_line}) and leave ${code(first.e.symbol)} as it is.`,
        pros: [`${code(first.e.symbol)} and its callers stay untouched`],
        cons: [`Only the paths through ${code(alt.e.symbol)} get the change`],
        effort: lines(alt.e) > 60 ? 'medium' : 'small',
        best_for: `When only the callers of ${code(alt.e.symbol)} need it`,
        recommended: false,
      });
  }
  // No place to edit in a file that ranks: extending that file is the alternative to a new module.
  const top = w.targets[0];
  if (!first && top)
    list.push({
      name: `Extend ${code(top.path)}`,
      summary: `Add ${w.words.join(' ')} to ${code(top.path)} (${top.why}) instead of a new module.`,
      pros: ['No new file to wire in'],
      cons: [`${code(top.path)} grows; ${w.words.join(' ')} gets no boundary of its own`],
      effort: 'small to medium',
      best_for: 'When the capability is small and lives with what that file does',
      recommended: !created.length,
    });
  if (created.length)
    list.push({
      name: `A new module ${code(created[0]!.path)}`,
      summary: `Put ${w.words.join(' ')} in ${code(created[0]!.path)} and call it from the existing code.`,
      pros: ['Clear boundaries; easy to remove'],
      cons: [`${created.length + 1} files to wire together`],
      effort: 'medium',
      best_for: 'A capability with its own rules and data',
      recommended: !first,
    });
  // The recommended one first.
  const ordered = [...list.filter((a) => a.recommended), ...list.filter((a) => !a.recommended)];
  if (ordered[0] && !ordered.some((a) => a.recommended)) ordered[0].recommended = true;
  return ordered.slice(0, 2);
}

export function findingsOf(w: Work): Plan['research']['findings'] {
  const out: Plan['research']['findings'] = [];
  for (const f of w.profile.frameworks.slice(0, 6))
    out.push({ text: `Uses ${f.name} (${f.kind ?? 'library'})`, evidence: f.evidence });
  const runner = w.profile.testRunner;
  if (runner)
    out.push({
      text: `Tests: ${runner.name} collects ${runner.collects.slice(0, 3).map(code).join(', ')}${runner.roots.length ? ` under ${runner.roots.map(code).join(', ')}` : ''}`,
      evidence: runner.evidence,
    });
  for (const c of w.profile.commands
    .filter((c) => ['test', 'lint', 'typecheck', 'migrate'].includes(c.purpose))
    .slice(0, 5))
    out.push({ text: `${c.purpose} command: \`${c.command}\``, evidence: c.evidence });
  for (const t of w.targets.slice(0, 5)) out.push({ text: `\`${t.path}\` is likely to change: ${t.why}` });
  if (w.profile.changelog)
    out.push({
      text: `Release notes: ${w.profile.changelog.kind === 'fragments' ? `news fragments in \`${w.profile.changelog.path}/\`` : `\`${w.profile.changelog.path}\``}`,
      evidence: w.profile.changelog.evidence,
    });
  if (w.profile.ci.length)
    out.push({ text: `CI: ${w.profile.ci.map((c) => `${c.system} (${c.file})`).join(', ')}` });
  if (w.ctx.report.inventory.secrets.length)
    out.push({
      text: `Secret files exist (${w.ctx.report.inventory.secrets.length}); they were not read and must stay out of commits and logs`,
    });
  return out;
}
