import { codeRoleOf } from '../../explore/conventions.js';
import { clearPoint, pointedAt } from './edit-points.js';
import {
  at,
  callSites,
  changeSteps,
  code,
  type Draft,
  docsPhase,
  est,
  keywordFor,
  names,
  otherCallers,
  phase,
  reportedError,
  step,
  testStep,
} from './phase-parts.js';
import type { Work } from './work.js';

/**
 * A second or third file joins a fix when its best place scores nearly as well as the first's, or well
 * and for a reason of its own: the requirement names the place, the traceback passes through it, the
 * report links to it, or the text names the file or its module. Sharing the words of the report is not
 * enough (`Pantry.shelf_labels` when a `Shelf` is given an empty label). When the first place is itself
 * only a guess (no such reason, one shared word in its name), the others stay as the alternatives.
 */
const NEAR = 0.8;
const SPREAD = 0.6;
const NAMED_FILE = /named in the text|names its module|stack frame|links to a line/;

export function fixPhases(w: Work): Draft[] {
  const withPoints = w.targets.filter((t) => t.edit_points);
  // The best places, three files at most: a fix that spreads over more is not yet understood. A defect
  // has one cause, and a weaker match elsewhere is usually the way in (the API the report called).
  const ranked = (withPoints.length ? withPoints : w.targets).slice(0, 3);
  const top = ranked[0];
  const sure = Boolean(top?.edit_points?.[0] && clearPoint(top.edit_points[0]));
  const main = ranked.filter(
    (t, i) =>
      i === 0 ||
      !sure ||
      t.best >= NEAR * top!.best ||
      (t.best >= SPREAD * top!.best && (pointedAt(t.edit_points![0]!) || NAMED_FILE.test(t.why))),
  );
  const first = main[0];
  const sym = first?.edit_points?.[0];
  const err = reportedError(w.req.requirement);
  const kw = keywordFor(w, sym);
  const reproduce = testStep(
    w,
    sym
      ? `Call ${code(sym.symbol)} (${at(first!.path, sym)}) with the input from the report and assert what the report expects${err ? `, not the ${code(err)}` : ''}.${kw ? ` Name the test after it (\`test_${kw}…\`) so \`-k ${kw}\` selects it.` : ''}`
      : `Reproduce the report from the caller's side${err ? `: today it raises ${code(err)}` : ''}.`,
    kw,
  );
  const phases: Draft[] = [
    phase(
      'Reproduce with a failing test',
      `A test that fails for the reason reported: ${w.title}.`,
      'test',
      [reproduce.step],
      (reproduce.checks.length ? reproduce.checks : w.checks.test).map((c) => ({
        ...c,
        expect: 'fails before the fix, for the reported reason',
      })),
      30,
      err ? [`The test fails with the reported ${code(err)}, not another error`] : [],
    ),
  ];
  const fixSteps = main.length
    ? changeSteps(main, 'Fix')
    : [
        step(
          'Find where the behaviour comes from',
          'The explorer found no code that matches the report closely: start from the entry point the report uses.',
          [],
          [],
        ),
      ];
  const callers = sym ? otherCallers(w, { path: first!.path, e: sym }) : [];
  phases.push(
    phase(
      'Fix the cause',
      sym
        ? `Change ${code(sym.symbol)} so that the failing test passes and its other callers keep working.`
        : 'Change the code the failing test points at.',
      'implement',
      fixSteps,
      [...reproduce.checks, ...w.checks.static],
      est(fixSteps),
      callers.length
        ? [`The other callers of ${code(sym!.symbol)} still get what they expect: ${names(callers, 4)}`]
        : [],
    ),
  );
  const tests = sym ? callSites(w, sym.symbol).filter((c) => codeRoleOf(c.split(':')[0]!) === 'test') : [];
  phases.push(
    phase(
      'Guard against regressions',
      w.checks.test.length
        ? 'The whole suite and the static checks pass.'
        : `The project has no test command: ${w.checks.missing.join(' and ')} are missing.`,
      'test',
      [
        step(
          'Run the whole suite and the static checks',
          tests.length
            ? `Tests that already reach ${code(sym!.symbol)}: ${names([...new Set(tests.map((t) => t.split(':')[0]!))], 3)}.`
            : w.checks.test.length
              ? `Run ${code(w.checks.test[0]!.command)} after the narrow test passes.`
              : 'Add a test command before relying on automated checks.',
          [],
          [],
        ),
      ],
      [...w.checks.test, ...w.checks.static],
      15,
    ),
  );
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}
