import { projectFiles } from '../../files/project-files.js';
import {
  changeSteps,
  code,
  type Draft,
  docsPhase,
  est,
  names,
  phase,
  pointsOf,
  step,
  testStep,
} from './phase-parts.js';
import { lowerFirst } from './placement.js';
import type { Work } from './work.js';

export function performancePhases(w: Work): Draft[] {
  const main = w.targets.filter((t) => t.edit_points).slice(0, 3);
  const files = projectFiles(w.ctx.root);
  const bench = ['bench', 'benchmarks', 'benchmark', 'asv_bench'].find((d) => files.isDirectory(d));
  const hot = main[0]?.edit_points?.[0];
  const phases: Draft[] = [
    phase(
      'Measure first',
      hot
        ? `A number for ${code(hot.symbol)} on the workload the report describes.`
        : 'A number for the slow path, before any change.',
      'research',
      [
        step(
          bench ? `Add the case to the benchmarks in ${code(`${bench}/`)}` : 'Time the slow path',
          bench
            ? `The project keeps its benchmarks in ${code(`${bench}/`)}: add the workload there and record the figure before the change.`
            : 'The project has no benchmark folder: record a figure before the change.',
          [],
          [],
        ),
      ],
      [],
      30,
    ),
  ];
  // No place the report points at: the measurement says where, not a guess.
  const steps = changeSteps(main, 'Optimise');
  phases.push(
    phase(
      'Optimise the hot path',
      'Faster on the measured workload, with the same results.',
      'implement',
      steps,
      [...w.checks.test, ...w.checks.static],
      est(steps),
      ['The figure after the change beats the one before, on the same machine and workload'],
    ),
  );
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}

export function refactorPhases(w: Work): Draft[] {
  const main = w.targets.filter((t) => t.edit_points).slice(0, 3);
  const t = testStep(
    w,
    `Pin what ${
      names(main.flatMap((m) => pointsOf(m).map((e) => e.symbol))) || 'the code'
    } do today before moving anything.`,
  );
  const steps = changeSteps(main, 'Restructure');
  return [
    phase(
      'Pin the behaviour',
      'Tests that pass before and after the refactor.',
      'test',
      [t.step],
      [...t.checks, ...w.checks.test],
      30,
    ),
    phase(
      'Restructure',
      'The same behaviour behind a clearer structure.',
      'implement',
      steps,
      [...w.checks.test, ...w.checks.static],
      est(steps),
    ),
  ];
}

export function docsOnlyPhases(w: Work): Draft[] {
  const ranked = (w.ctx.report.relevance?.docs ?? [])
    .slice(0, 2)
    .map((d) => ({ path: d.path, why: d.reasons[0] ?? 'ranked for the requirement' }));
  const files = w.docs.file ? [w.docs.file, ...ranked.filter((r) => r.path !== w.docs.file!.path)] : ranked;
  // No page found: no step (the phase is dropped) rather than "find where the project documents this".
  const steps = files.length
    ? [step('Edit the pages', `Start with ${code(files[0]!.path)}.`, [], files.slice(0, 3))]
    : [];
  return [phase('Update the docs', `The docs say what ${lowerFirst(w.title)} asks.`, 'docs', steps, [], 30)];
}
