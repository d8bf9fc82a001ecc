/**
 * The plan's prose sections, derived from facts the engine found: the summary (the precedent's verdict with
 * its evidence), the assumptions (what the project lacks), the test strategy and cases, the risks (other
 * callers of what changes), the definition of done, the approaches and the research findings. A section
 * with nothing specific to say is left empty: there are no generic risks, rollback or not-doing lines.
 */
import type { Approach, Phase, Plan, Risk } from '../../domain/plan.js';
import { codeRoleOf } from '../../explore/conventions.js';
import { libraryRisks } from '../../precedent/library-call.js';
import { modelAdvice, SNAPSHOT } from '../../precedent/tests.js';
import { code, names, otherCallers, reportedError } from './phase-parts.js';
import { where as at } from './phases-precedent.js';
import type { Work } from './work.js';

/** The edit points a plan names, with their files. */
export function pointsIn(phases: Phase[]) {
  return phases.flatMap((p) =>
    p.steps.flatMap((s) =>
      s.files_to_modify.flatMap((f) => (f.edit_points ?? []).map((e) => ({ path: f.path, e }))),
    ),
  );
}

/**
 * The plan adds something beside a sibling (an option beside options, a route beside routes): the places
 * it edits gain an entry, so no caller of theirs is at risk and "change X" is no approach to weigh.
 */
const unitFollowed = (w: Work) =>
  Boolean(w.precedent?.sibling) && w.precedent?.verdict !== 'met' && w.a.workType !== 'fix';

export function summaryOf(w: Work, phases: Phase[]): string {
  // The language and frameworks are in the research findings, each with its evidence; the summary is the
  // conclusion (a tree's most common language is not always the one the change is in).
  if (w.conclusion) return `${w.title.replace(/[.!?]$/, '')}. ${w.conclusion}`;
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const where = pts.length ? `; it lands in ${names(pts.map((p) => p.e.symbol))}` : '';
  // The kind of change is the analysis's work type: no stock phrase restates it.
  return `${w.title.replace(/\.$/, '')}${where}.`;
}

/** What the project lacks for this plan, and what the phase builders found open. */
export function assumptionsOf(w: Work): string[] {
  const out = [...w.facts];
  if (w.docs.atRelease) out.push(w.docs.atRelease);
  if (w.checks.missing.includes('tests'))
    out.push('The project has no test command the explorer could find: automated checks are missing.');
  if (w.precedent) {
    if (w.ctx.report.inventory.source !== 'git')
      out.push(
        'The tree has no git history: the footprint comes from the code alone, not from past commits.',
      );
    const own = w.profile.packageChangelogs ?? [];
    if (!w.profile.changelog)
      out.push(
        own.length
          ? `No changelog of the whole project; its packages keep their own (${names(own, 4)}): a release note, if one is due, goes in that of each package the change touches.`
          : 'The project keeps no changelog the explorer could find: no release note is planned.',
      );
  }
  return out;
}

/** Where the tests go and how they run, read from the plan's own test steps and checks. */
export function testStrategy(w: Work, phases: Phase[]): string {
  const runner = w.profile.testRunner;
  const testSteps = phases.filter((p) => p.kind === 'test').flatMap((p) => p.steps);
  const file = testSteps
    .flatMap((s) => [...s.files_to_modify, ...s.files_to_create])
    .find((f) => !SNAPSHOT.test(f.path) && (codeRoleOf(f.path) === 'test' || /test|spec/i.test(f.path)));
  // The command that runs that file (a cargo integration test file is a target: `--test <stem>`).
  const run = file?.path.replace(/^tests\/([^/]+)\.rs$/, '--test $1');
  const narrow = phases
    .flatMap((p) => p.automated_checks)
    .find((c) => !w.checks.test.some((t) => t.command === c.command) && run && c.command.includes(run));
  const suite = w.checks.test[0]?.command;
  const then = suite ? `, then the whole suite with ${code(suite)}` : '';
  if (file)
    return `New cases go into ${code(file.path)} (${file.why})${narrow ? `; run them alone with ${code(narrow.command)}` : ''}${then}.`;
  // Only files whose tests use the sibling exercise it; one that tests its neighbours is where a test goes.
  const [some, ...more] = (w.precedent?.tests ?? []).filter((t) => !SNAPSHOT.test(t.file));
  const sib = w.precedent?.sibling ? code(w.precedent.sibling.name) : '';
  const pinned = [some, ...more].filter((t) => t && t.uses !== 0).map((t) => t!.file);
  if (sib && pinned.length) return `Tests that exercise ${sib} already exist: ${names(pinned)}${then}.`;
  if (sib && some)
    return `No test names ${sib} yet: a new test goes into ${code(some.file)} (${some.why})${then}.`;
  const already = phases
    .flatMap((p) => p.automated_checks)
    .find(
      (c) =>
        !w.checks.test.some((t) => t.command === c.command) &&
        codeRoleOf(c.command.split(' ').find((x) => x.includes('/')) ?? '') === 'test',
    );
  if (already) return `Tests that exercise it already exist: ${code(already.command)}${then}.`;
  if (!runner && !suite) return 'The project has no tests the explorer could find: no test is planned.';
  // A tests phase with no file to copy still writes tests: say where, never "no test is planned" beside it.
  if (phases.some((p) => p.kind === 'test' && p.steps.length))
    return `No test file exercises ${sib || 'it'} yet: the tests phase writes new ones beside the project's own${then}.`;
  return w.questions.length
    ? 'No test is planned until the open question says where the change goes.'
    : 'No test is planned: no test file exercises it.';
}

export function testCases(w: Work, phases: Phase[]): string[] {
  const out: string[] = [];
  const pts = pointsIn(phases).filter((p) => codeRoleOf(p.path) !== 'test');
  const err = reportedError(w.req.requirement);
  const p = w.precedent;
  const name = p?.requested?.name;
  const t = p && shown(p, phases);
  if (w.a.workType === 'fix' || w.a.workType === 'ci')
    out.push(
      `The reported case: ${w.title}${err ? ` (today: ${code(err)})` : ''}${pts[0] ? `, through ${code(pts[0].e.symbol)}` : ''}`,
    );
  else if (w.a.workType === 'refactor')
    out.push(`Every existing test of ${names(pts.map((p) => p.e.symbol)) || 'the code'} passes unchanged`);
  else if (p && name && t?.model && (p.verdict !== 'met' || !t.uses))
    out.push(modelAdvice(t, name, p.sibling?.name)!.case);
  else if (p && name && t?.selects.length && p.sibling && !unitFollowed(w))
    out.push(
      `For ${code(name)}, cases like ${names(t.selects, 3)} in ${code(t.file)}, which test ${code(p.sibling.name)}`,
    );
  else if (pts[0] && !unitFollowed(w)) out.push(`${w.title}, through ${code(pts[0].e.symbol)}`);
  return out;
}

/** The precedent's tests in a file the tests phase changes (not one it left out), else its first. */
const shown = (p: NonNullable<Work['precedent']>, phases: Phase[]) => {
  const kept = phases.flatMap((x) => (x.kind === 'test' ? x.steps.flatMap((s) => s.files_to_modify) : []));
  return p.tests.find((t) => !kept.length || kept.some((f) => f.path === t.file));
};

/** The risks the engine can show: a library's call (`libraryRisks`), other callers of the first place it changes. */
export function risksOf(w: Work, phases: Phase[]): Risk[] {
  const out = libraryRisks(w.precedent).map((r): Risk => ({ ...r, contingency: '', likelihood: 'low' }));
  // A new route or command adds beside the code it follows: no caller of that code changes.
  if (unitFollowed(w)) return out;
  const first = pointsIn(phases).find((p) => codeRoleOf(p.path) !== 'test');
  const callers = first ? otherCallers(w, first) : [];
  if (!first || !callers.length) return out;
  const suite = w.checks.test[0]?.command;
  return [
    ...out,
    {
      risk: `${code(first.e.symbol)} has other callers (${names(callers, 3)}) that rely on what it does today`,
      mitigation: suite
        ? `Run ${code(suite)} (the whole suite, not only the new test) and read each caller before merging`
        : 'Read each caller before merging: the project has no test command',
      contingency: '',
      likelihood: callers.length > 4 ? 'medium' : 'low',
    },
  ];
}

/** What the plan does not do, only where the precedent says it: no second copy of what exists. */
export function notDoing(w: Work): string[] {
  const p = w.precedent;
  const name = p?.requested?.name;
  if (!p || !name || !p.evidence[0] || (p.verdict !== 'met' && p.verdict !== 'partly-met')) return [];
  return [`No second ${p.verdict === 'met' ? code(name) : 'copy'}: it exists at ${at(p.evidence[0])}`];
}

export function definitionOfDone(phases: Phase[], plan: { questions: unknown[] }): string[] {
  const out = phases
    .flatMap((p) => p.automated_checks.map((c) => `${code(c.command)} ${c.expect}`))
    .filter((x, i, all) => all.indexOf(x) === i);
  if (plan.questions.length)
    out.push(
      `The ${plan.questions.length === 1 ? 'open question is' : `${plan.questions.length} open questions are`} answered or explicitly deferred`,
    );
  return out;
}

/**
 * The alternatives the engine found, never a template: the first place the plan changes and a second one in
 * another file. An unsure plan has none: the places it weighed are in its open question.
 */
export function approachesOf(w: Work, phases: Phase[]): Approach[] {
  const p = w.precedent;
  const pts = pointsIn(phases).filter((x) => codeRoleOf(x.path) !== 'test');
  const first = pts[0];
  if (!first || unitFollowed(w)) return [];
  const lines = (e: { start_line: number; end_line: number }) => e.end_line - e.start_line + 1;
  const callers = otherCallers(w, first);
  const list: Approach[] = [
    {
      name: `Change ${code(first.e.symbol)} (${first.path})`,
      summary: `At ${first.path}:${first.e.start_line}–${first.e.end_line}: ${first.e.why}.`,
      pros: [],
      cons: callers.length ? [`Every caller shares it: ${names(callers, 3)}`] : [],
      effort: lines(first.e) > 60 ? 'medium' : 'small',
      best_for: '',
      recommended: true,
    },
  ];
  const alt = pts.find((x) => x.e.symbol !== first.e.symbol && x.path !== first.path);
  if (alt && !p)
    list.push({
      name: `Change ${code(alt.e.symbol)} (${alt.path}) instead`,
      summary: `At ${alt.path}:${alt.e.start_line}–${alt.e.end_line}: ${alt.e.why}; ${code(first.e.symbol)} stays as it is.`,
      pros: [],
      cons: [`Only the paths through ${code(alt.e.symbol)} get the change`],
      effort: lines(alt.e) > 60 ? 'medium' : 'small',
      best_for: '',
      recommended: false,
    });
  return list;
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
  const sib = w.precedent?.sibling;
  if (sib)
    out.push({
      text: `The nearest sibling: ${code(sib.name)}${sib.kind ? ` (${sib.kind})` : ''}`,
      evidence: { file: sib.file, line: sib.line },
    });
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
