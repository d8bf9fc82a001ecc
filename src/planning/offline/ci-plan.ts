/** The CI side of a plan: root causes, fixes and prevention by failure category, and log paths mapped onto the tree. */
import { looksLikeTest } from '../checks.js';
import { findInTree, type readCiLog } from './ci-log.js';
import { phase } from './phase-parts.js';

export function rootCauses(
  r: ReturnType<typeof readCiLog>,
  files: string[],
): Array<{ cause: string; files: string[] }> {
  const c = r.diagnosis.category;
  const main: Record<string, string> = {
    test: 'A test expectation no longer matches the code (a behaviour change or a broken test)',
    build: 'The code does not compile: a type error, a missing import or module, or a syntax error',
    lint: 'Code that breaks a lint or format rule was merged',
    env: 'The CI environment differs from what the job expects (tool version, service, network, secret, resources)',
  };
  const out = [{ cause: main[c]!, files: files.slice(0, 3) }];
  if (c === 'test')
    out.push({
      cause: 'A flaky test (timing, order, shared state) that passes on a rerun',
      files: files.slice(0, 1),
    });
  if (c === 'build') out.push({ cause: 'A dependency upgraded under a loose version range', files: [] });
  if (c === 'env') out.push({ cause: 'A cache or image change in the CI configuration', files: [] });
  return out;
}

export const quickFix = (c: string) =>
  ({
    test: 'Fix the code or the test at the failing assertion, whichever is wrong against the requirement.',
    build: 'Fix the compile error at the reported file and line.',
    lint: 'Run the linter with --fix locally and commit the result.',
    env: 'Pin or install the missing tool or service in the CI job; rerun.',
  })[c]!;
export const properFix = (c: string) =>
  ({
    test: 'Find why the behaviour changed; fix the cause and keep the test honest.',
    build: 'Fix the types or imports at their source; lock dependency versions.',
    lint: 'Add the formatter and linter to a pre-commit hook so this cannot be merged again.',
    env: 'Make the CI environment declarative (versions pinned, services declared) and the same as local development.',
  })[c]!;
export const prevention = (c: string) =>
  ({
    test: [
      'Run the test job on every pull request',
      'Quarantine and fix flaky tests instead of retrying them',
    ],
    build: ['Typecheck in CI before tests', 'Pin dependency versions with a lockfile'],
    lint: ['Pre-commit hook running the linter', 'Lint job required for merging'],
    env: ['Pin tool versions in CI', 'Cache dependencies keyed on the lockfile'],
  })[c]!;

/** Reproduce the failing step → fix the cause → keep it from coming back. */
export function ciPhases(
  w: import('./work.js').Work,
): Array<Omit<import('../../domain/plan.js').Phase, 'id'>> {
  const r = w.ciReading!;
  const profile = w.profile;
  const known = r.command ? profile.commands.find((c) => c.command === r.command) : undefined;
  // The failing test file the log names, re-run on its own: faster than the whole step, and the same failure.
  const failingTest = r.fileRefs
    .map((ref) => findInTree(ref.path, w.ctx))
    .find((p): p is string => p !== null && looksLikeTest(p));
  const rerun = failingTest ? w.checks.narrow(failingTest) : [];
  const fixFiles = w.targets.slice(0, 4).map((t) => ({
    path: t.path,
    why: t.why,
    ...(t.edit_points ? { edit_points: t.edit_points } : {}),
  }));
  const regression =
    r.diagnosis.category === 'test' || r.diagnosis.category === 'build'
      ? w.covering
        ? null
        : w.newTest
          ? { path: w.newTest, why: 'regression test for the CI failure' }
          : null
      : null;
  return [
    phase(
      'Reproduce the failure locally',
      `See "${r.diagnosis.error.slice(0, 120)}" on your machine before changing anything.`,
      'research',
      [
        {
          title: `Run the failing step: ${r.command ?? r.diagnosis.failing_step}`,
          detail: `The log fails at line ${r.diagnosis.log_line} in step "${r.diagnosis.failing_step}".`,
          files_to_create: [],
          files_to_modify: [],
        },
      ],
      [
        ...rerun.map((c) => ({ ...c, expect: 'fails the same way as in CI' })),
        ...(known
          ? [{ command: known.command, expect: 'fails the same way as in CI', evidence: known.evidence }]
          : []),
      ],
      15,
      ['The local failure matches the CI error'],
    ),
    {
      title: 'Fix the cause',
      goal: 'Change the code (or the environment) the error points at.',
      kind: 'implement',
      steps: [
        {
          title: 'Fix the root cause',
          detail: r.diagnosis.error,
          files_to_create: [],
          files_to_modify: fixFiles,
        },
      ],
      automated_checks:
        r.diagnosis.category === 'lint'
          ? w.checks.static.filter((c) => /lint|ruff|eslint|flake8|biome/.test(c.command))
          : r.diagnosis.category === 'build'
            ? w.checks.static
            : [...rerun, ...w.checks.test],
      manual_checks: ['The fix addresses the cause, not only the symptom in this run'],
      estimate_minutes: 30,
    },
    phase(
      'Keep it from coming back',
      'Make the failure impossible to merge again unnoticed.',
      'test',
      [
        {
          title: w.covering ? `Add a regression case to ${w.covering.path}` : 'Add a regression guard',
          detail: 'A test (or a lint rule, or a pinned version) that fails on the old behaviour.',
          files_to_create: regression ? [regression] : [],
          files_to_modify: w.covering ? [{ path: w.covering.path, why: w.covering.why }] : [],
        },
      ],
      [...w.checks.test, ...w.checks.static],
      20,
      ['The CI run on the fix branch is green'],
    ),
  ];
}
