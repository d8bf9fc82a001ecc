/** The CI side of a plan: the diagnosis as the log shows it, and reproduce → fix → guard. */
import type { Plan } from '../../domain/plan.js';
import { looksLikeTest } from '../checks.js';
import { findInTree } from './ci-log.js';
import { type Draft, phase, step, strip } from './phase-parts.js';
import type { Work } from './work.js';

/**
 * The CI diagnosis as the log shows it: the error and the files it names (mapped onto the tree, then the
 * ranked code), and the commands that check a fix. No cause, remedy or prevention is guessed from the
 * failure's category: those would read the same for every failing build.
 */
export function ciDiagnosis(w: Work): NonNullable<Plan['ci']> {
  const r = w.ciReading!;
  const run = r.command ?? r.diagnosis.failing_step;
  const ref = r.fileRefs.map((f) => ({ ...f, path: findInTree(f.path, w.ctx) })).find((f) => f.path);
  return {
    ...r.diagnosis,
    root_causes: [
      {
        cause: `What the log reports at line ${r.diagnosis.log_line}`,
        files: w.targets.slice(0, 3).map((t) => t.path),
      },
    ],
    quick_fix: `Make \`${run}\` pass again${ref ? `, starting at \`${ref.path}${ref.line ? `:${ref.line}` : ''}\` (named in the log)` : ''}.`,
    proper_fix: '',
    verify: [
      ...new Set([
        ...(r.command ? [r.command] : []),
        ...w.profile.commands
          .filter((c) => ['test', 'lint', 'typecheck', 'build'].includes(c.purpose))
          .map((c) => c.command),
      ]),
    ],
    prevention: [],
  };
}

/** Reproduce the failing step → fix the cause → keep it from coming back. */
export function ciPhases(w: Work): Draft[] {
  const r = w.ciReading!;
  const known = r.command ? w.profile.commands.find((c) => c.command === r.command) : undefined;
  // The failing test file the log names, re-run on its own: faster than the whole step, and the same failure.
  const failingTest = r.fileRefs
    .map((ref) => findInTree(ref.path, w.ctx))
    .find((p): p is string => p !== null && looksLikeTest(p));
  const rerun = failingTest ? w.checks.narrow(failingTest) : [];
  const fixFiles = w.targets.slice(0, 4).map(strip);
  const regression =
    (r.diagnosis.category === 'test' || r.diagnosis.category === 'build') && !w.covering && w.newTest
      ? { path: w.newTest, why: 'regression test for the CI failure' }
      : null;
  const same = { expect: 'fails the same way as in CI' };
  return [
    phase(
      'Reproduce the failure locally',
      `See "${r.diagnosis.error.slice(0, 120)}" on your machine before changing anything.`,
      'research',
      [
        step(
          `Run the failing step: ${r.command ?? r.diagnosis.failing_step}`,
          `The log fails at line ${r.diagnosis.log_line} in step "${r.diagnosis.failing_step}".`,
          [],
          [],
        ),
      ],
      [
        ...rerun.map((c) => ({ ...c, ...same })),
        ...(known ? [{ command: known.command, evidence: known.evidence, ...same }] : []),
      ],
      15,
      ['The local failure matches the CI error'],
    ),
    phase(
      'Fix the cause',
      'Change the code (or the environment) the error points at.',
      'implement',
      [step('Fix the root cause', r.diagnosis.error, [], fixFiles)],
      r.diagnosis.category === 'lint'
        ? w.checks.static.filter((c) => /lint|ruff|eslint|flake8|biome/.test(c.command))
        : r.diagnosis.category === 'build'
          ? w.checks.static
          : [...rerun, ...w.checks.test],
      30,
      ['The fix addresses the cause, not only the symptom in this run'],
    ),
    phase(
      'Keep it from coming back',
      'Make the failure impossible to merge again unnoticed.',
      'test',
      [
        step(
          w.covering ? `Add a regression case to ${w.covering.path}` : 'Add a regression guard',
          'A test (or a lint rule, or a pinned version) that fails on the old behaviour.',
          [regression],
          [w.covering ? { path: w.covering.path, why: w.covering.why } : null],
        ),
      ],
      [...w.checks.test, ...w.checks.static],
      20,
      ['The CI run on the fix branch is green'],
    ),
  ];
}
