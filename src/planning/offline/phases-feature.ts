/** A feature: extend the code that matches, and add a module only when nothing does; HTTP and CLI steps only where the project has them. */
import type { Step } from '../../domain/plan.js';
import { codeRoleOf } from '../../explore/conventions.js';
import { clearPoint } from './edit-points.js';
import {
  changeSteps,
  code,
  type Draft,
  docsPhase,
  est,
  keywordFor,
  names,
  pointsOf,
  short,
  step,
  strip,
  testStep,
  testsPhase,
} from './phase-parts.js';
import { defaultSourceDir, extFor, lowerFirst, moduleName } from './placement.js';
import type { FileChange, Work } from './work.js';

export function featurePhases(w: Work): Draft[] {
  const phases: Draft[] = [];
  const report = w.ctx.report;
  const profile = w.profile;
  const hasMigrations = profile.database.migrations.length > 0;
  const hasOrm = profile.frameworks.some((f) => f.kind === 'orm');
  // Data the feature must keep: said outright, or implied (a reset, verification or invitation needs a token).
  const needsData =
    (hasMigrations || hasOrm) &&
    (/\b(store|save|persist|record|table|token|history|schema|column|database|audit)\b/i.test(
      w.req.requirement,
    ) ||
      w.a.workType === 'migration' ||
      w.a.operations.some((o) =>
        ['reset', 'verify', 'invite', 'subscribe', 'approve', 'archive', 'schedule'].includes(o),
      ));
  const used = new Set<string>();
  const take = (re: RegExp) => {
    const hit = w.targets.filter((t) => re.test(t.path) && !used.has(t.path));
    for (const h of hit) used.add(h.path);
    return hit;
  };
  if (needsData) {
    const create = [
      w.newFile('model', `the ${w.words.join(' ')} data model`),
      hasMigrations ? w.newFile('migration', `schema change for ${w.words.join(' ')}`) : null,
    ];
    const mod = take(/(model|schema|entit|prisma)/i);
    if (create.some(Boolean) || mod.length)
      phases.push({
        title: 'Data model',
        goal: 'The storage the feature needs, added without breaking existing data.',
        kind: 'implement',
        steps: [
          step(
            `Add the ${w.words.join(' ')} data`,
            'Additive changes only: new tables or nullable columns first.',
            create,
            mod.map(strip),
          ),
        ],
        automated_checks: [...w.checks.test],
        manual_checks: [],
        estimate_minutes: 30,
      });
  }
  // Extend what matches; a new module only when nothing in the code does this yet.
  // Code to extend: a function the requirement names (or the traceback passes through), or whose name
  // carries two of its terms; one shared word ("compile", "method") is not enough when such code exists.
  // Failing that, the files whose function names match at all.
  const free = w.targets.filter((t) => !used.has(t.path));
  const strong = free.filter((t) => t.edit_points?.some(clearPoint));
  const extendable = strong.length
    ? strong
    : free.filter((t) => t.edit_points?.some((e) => /name matches/.test(e.why)));
  const isInterface = (p: string) =>
    /(route|controller|handler|\/api\/|views?\.|urls\.|component|page|command|cli)/i.test(p);
  const logic = extendable.filter((t) => !isInterface(t.path)).slice(0, 3);
  for (const l of logic) used.add(l.path);
  const creates =
    logic.length === 0 && w.a.workType === 'feature'
      ? [
          w.newFile(
            'service',
            `the ${w.words.join(' ')} logic`,
            `${defaultSourceDir(report, w.language)}/${moduleName(w.words, w.language)}${extFor(w.language)}`,
          ),
        ]
      : [];
  const coreSteps = logic.length
    ? changeSteps(w, logic, 'Extend')
    : [
        step(
          `Add the ${w.words.join(' ')} logic`,
          w.targets.length
            ? `Nothing in the code does this yet; call it from ${names(w.targets.slice(0, 2).map((t) => t.path))}.`
            : 'No existing code matched the requirement: confirm where it belongs before writing it (see the open questions).',
          creates,
          w.targets
            .filter((t) => !used.has(t.path) && !isInterface(t.path))
            .slice(0, 2)
            .map((t) => {
              used.add(t.path);
              return strip(t);
            }),
        ),
      ];
  phases.push({
    title: logic.length ? 'Extend the existing code' : 'Core logic',
    goal: logic.length
      ? `${names(
          logic.flatMap((t) => pointsOf(t).map(short)),
          3,
        )} already handle the closest behaviour; extend them.`
      : `The ${w.words.join(' ')} behaviour, independent of how it is called.`,
    kind: 'implement',
    steps: coreSteps,
    automated_checks: [...w.checks.static],
    manual_checks: [],
    estimate_minutes: est(coreSteps),
  });
  const iface: Step[] = [];
  // A web application reaches a new capability over HTTP even when the text does not say "endpoint";
  // a library or CLI never gets a route.
  if (w.a.interfaces.includes('HTTP API') || (w.hasWeb && w.a.workType === 'feature')) {
    const routeRe = /(route|controller|handler|\/api\/|views?\.|urls\.)/i;
    let routes: FileChange[] = take(routeRe).map(strip);
    // The router that serves the same resource, even when it ranks low: extend it, not a new file beside it.
    if (!routes.length) {
      const best = (report.relevance?.relevantFiles ?? []).find(
        (f) => routeRe.test(f.path) && codeRoleOf(f.path) !== 'test' && codeRoleOf(f.path) !== 'migration',
      );
      if (best)
        routes = [{ path: best.path, why: best.reasons.slice(0, 2).join('; ') || 'the closest router' }];
    }
    const create = routes.length ? [] : [w.newFile('route', `HTTP entry points for ${w.words.join(' ')}`)];
    if (routes.length || create.some(Boolean))
      iface.push(
        step(
          routes.length ? `Expose it over HTTP in ${code(routes[0]!.path)}` : 'Expose it over HTTP',
          'Validate input at the boundary; map domain errors to status codes.',
          create,
          routes,
        ),
      );
  }
  if (w.a.interfaces.includes('background jobs'))
    iface.push(
      step(
        'Run it in the background',
        'A job that claims work with a lock, processes idempotently and resumes from a cursor.',
        [w.newFile('job', `background job for ${w.words.join(' ')}`)],
        take(/(job|worker|task|queue)/i).map(strip),
      ),
    );
  if (w.a.interfaces.includes('UI'))
    iface.push(
      step(
        'Add the UI',
        'Loading, empty and error states; accessible labels.',
        [w.newFile('component', `UI for ${w.words.join(' ')}`)],
        take(/(component|page|view)/i).map(strip),
      ),
    );
  if (w.a.interfaces.includes('CLI') && profile.entryPoints.length)
    iface.push(
      step(
        'Add the command-line flag',
        'Flags, --help text and a clear error per bad input.',
        [],
        take(/(command|cli|cmd|__main__|main)/i).map(strip),
      ),
    );
  if (iface.length)
    phases.push({
      title: 'Interfaces',
      // The interfaces the requirement names, else the ones the steps add (never an empty "Wire it to .").
      goal: w.a.interfaces.length
        ? `Wire it to ${w.a.interfaces.join(', ')}.`
        : `Make it reachable: ${iface.map((s) => lowerFirst(s.title)).join('; ')}.`,
      kind: 'implement',
      steps: iface,
      automated_checks: [...w.checks.static],
      manual_checks: [],
      estimate_minutes: est(iface),
    });
  const rest = w.targets.filter((t) => !used.has(t.path) && t.edit_points?.some(clearPoint)).slice(0, 2);
  if (rest.length) phases[phases.length - 1]!.steps.push(...changeSteps(w, rest, 'Update'));
  const t = testStep(
    w,
    `Cover ${lowerFirst(w.title)} from the caller's side, and the inputs it must refuse.`,
    keywordFor(w, logic[0]?.edit_points?.[0]),
  );
  phases.push(testsPhase(w, t, 'The requirement is pinned by tests that fail without the change.', 45));
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}
