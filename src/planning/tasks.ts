import type { Phase, Plan } from '../domain/plan.js';
import type { SkillRegistry } from '../registry/index.js';

/** The domain tag a plan's skills are searched by. */
export function domainOf(plan: Pick<Plan, 'analysis' | 'style'>, stack: string[]): string {
  const i = plan.analysis.interfaces;
  if (plan.analysis.work_type === 'ci') return 'devops';
  if (i.includes('UI') && !i.includes('HTTP API')) return 'frontend';
  if (
    plan.analysis.work_type === 'migration' &&
    plan.analysis.entities.some((e) => /data|table|schema/.test(e))
  )
    return 'data';
  // A command-line change is a CLI tool's, whatever its docs website is built with (a Go tool's Vue site).
  if (i.includes('CLI') && !i.includes('HTTP API') && !i.includes('UI')) return 'cli';
  if (
    stack.some((s) => /React|Vue|Svelte|Angular/.test(s)) &&
    !stack.some((s) => /Express|Fastify|NestJS|Django|Flask|FastAPI|Rails|Laravel|Spring|Xano|Hono/.test(s))
  )
    return 'frontend';
  return 'backend';
}

/** The family of a skill named `<family>-<role>` (`library-development` → `library`), else undefined. */
export const familyOf = (name: string | undefined): string | undefined =>
  name ? /^(.+)-(development|testing|critique|writing)$/.exec(name)?.[1] : undefined;

/** The full_id of the best skill of a category for a domain (project skills first, then built-ins). */
export function skillFor(skills: SkillRegistry, category: string, domain: string): string {
  return (
    (skills.search({ category, tags: [domain] })[0] ?? skills.search({ category })[0])?.full_id ??
    `plansmith/builtin/${domain}-${category}`
  );
}

/** Where each kind of phase goes: implement, research and other phases are built; docs and tests have their own task. */
type Route = 'build' | 'docs' | 'test';
const routeOf = (p: Phase): Route => (p.kind === 'test' ? 'test' : p.kind === 'docs' ? 'docs' : 'build');

const files = (phases: Phase[], key: 'files_to_create' | 'files_to_modify') => [
  ...new Set(phases.flatMap((p) => p.steps.flatMap((s) => s[key].map((f) => f.path)))),
];

/**
 * A task's criteria come from what the plan says can be checked: the phases' commands (critical), their
 * manual checks and the definition of done items about its kind (expected). Prose sections (security,
 * performance) are the plan's reading, not criteria.
 */
const criteria = (phases: Phase[], extra: string[] = []) => ({
  critical: [
    ...new Set(phases.flatMap((p) => p.automated_checks.map((c) => `\`${c.command}\` ${c.expect}`))),
  ],
  expected: [...new Set([...phases.flatMap((p) => p.manual_checks), ...extra])],
  nice_to_have: [] as string[],
});

/** What a definition-of-done item is about, by its words. */
const DOCS_WORDS = /\b(docs?|documentation|documented|readme|changelog|docstrings?|user guide|help text)\b/i;
// Tests as work (new tests, cases, coverage); not a command such as `npm test` or "the test suite passes".
const TEST_WORDS = /\b(tests|tested|test cases?|test files?|coverage)\b/i;

/** The phases' estimates added up; undefined when none has one (no estimate is invented). */
const minutes = (phases: Phase[]) =>
  phases.some((p) => p.estimate_minutes !== undefined)
    ? phases.reduce((a, p) => a + (p.estimate_minutes ?? 0), 0)
    : undefined;

/**
 * The plan's task graph as a create_tasks_batch document, following its phases: the implement phases
 * are the build (one task, or a parent with one sequential sub-task per phase), each routed to the
 * phase's `skill` when it names one the registry has; a critique reviews the build; the docs phases become
 * one docs task and the test phases one test task (with its own critique), each routed to their phases'
 * common skill. Every file keeps the side it was
 * submitted on: an existing test file to modify is never handed over as a file to create.
 */
export function planTasks(
  plan: Plan,
  skills: SkillRegistry,
  stack: string[],
  artefact: string,
): Array<Record<string, unknown>> {
  const domain = domainOf(plan, stack);
  const fallback = {
    build: skillFor(skills, 'development', domain),
    docs: skillFor(skills, 'docs', domain),
    test: skillFor(skills, 'testing', domain),
  };
  const critique = skillFor(skills, 'critique', domain);
  /**
   * The critique of the same family as the work it reviews (library-development → library-critique):
   * when every reviewed task's skill is of one family and the registry has a critique skill for it.
   */
  const critiqueOf = (ids: string[]) => {
    // A skill not named `<family>-<role>` (a project's `api-builder`) has no family: the default critique,
    // which the project's own reviewer already is when it declares one.
    const fams = [...new Set(ids.map((id) => familyOf(skills.get(id)?.name)))];
    if (fams.length !== 1 || fams[0] === undefined) return critique;
    // Only a critique named for the family: a search by tag would put a built-in reviewer over the
    // project's own (an `api-builder` reviewed by `api-reviewer`, as the project planner declares).
    const hit = skills.get(`${fams[0]}-critique`);
    return hit && hit.category === 'critique' ? hit.full_id : critique;
  };
  /** The phase's own skill when the registry has it (a planner skill is never assigned), else the route's. */
  const skillOf = (p: Phase) => {
    const own = p.skill ? skills.get(p.skill) : undefined;
    return own && own.category !== 'planner' ? own.full_id : fallback[routeOf(p)];
  };
  const shared = (phases: Phase[], route: Route) => {
    const ids = [...new Set(phases.map(skillOf))];
    return ids.length === 1 ? ids[0]! : fallback[route];
  };
  const build = plan.phases.filter((p) => routeOf(p) === 'build');
  const docs = plan.phases.filter((p) => routeOf(p) === 'docs');
  const tests = plan.phases.filter((p) => routeOf(p) === 'test');
  const out: Array<Record<string, unknown>> = [];
  const add = (t: Record<string, unknown>) => {
    out.push({ ...t, task_order: out.length + 1 });
    return out.length;
  };
  const sides = (phases: Phase[]) => ({
    files_to_create: files(phases, 'files_to_create'),
    files_to_modify: files(phases, 'files_to_modify'),
  });
  const subtasks = (phases: Phase[]) =>
    phases.length < 2
      ? undefined
      : phases.map((p) => ({
          skill_id: skillOf(p),
          task_name: p.title,
          description: p.goal || p.steps.map((s) => s.title).join('; '),
          inputs: { plan: artefact, phase: p.id, ...sides([p]) },
          validation_criteria: criteria([p]),
          estimate_minutes: p.estimate_minutes,
        }));
  const preceding = (order: number) => {
    const t = out[order - 1]!;
    return { task_order: order, skill_id: t.skill_id, task_name: t.task_name, description: t.description };
  };
  // Each definition-of-done item goes to the task of the kind it is about: docs to the docs task, tests to
  // the test task, the rest to the build (or, without one, the docs task, else the test task).
  const home = (item: string): Route => {
    const about = DOCS_WORDS.test(item) ? 'docs' : TEST_WORDS.test(item) ? 'test' : 'build';
    if (about === 'docs' && docs.length) return 'docs';
    if (about === 'test') return 'test';
    return build.length ? 'build' : docs.length ? 'docs' : 'test';
  };
  const done = (route: Route) => plan.definition_of_done.filter((d) => home(d) === route);
  let gate: number | undefined;
  if (build.length) {
    const buildCriteria = criteria(build, done('build'));
    const b = add({
      skill_id: shared(build, 'build'),
      task_name: `Build: ${plan.title}`,
      description: `${plan.analysis.summary} Follow ${artefact}.`,
      inputs: {
        requirements: plan.requirement.text,
        plan: artefact,
        ...sides(build),
        patterns_to_follow:
          plan.research.findings
            .filter((f) => f.text.startsWith('Convention'))
            .map((f) => f.text)
            .join('; ') || undefined,
      },
      validation_criteria: buildCriteria,
      subtasks: subtasks(build),
      estimate_minutes: minutes(build),
      timeout_seconds: 3600,
    });
    gate = add({
      skill_id: critiqueOf(build.map(skillOf)),
      task_name: `Review: ${plan.title}`,
      description: `Check the build against ${artefact} and its criteria; give a verdict with feedback for a rebuild.`,
      dependencies: [`$${b}`],
      inputs: {
        original_prompt: plan.requirement.text,
        plan: artefact,
        preceding_task: preceding(b),
        validation_criteria: buildCriteria,
      },
      validation_criteria: {
        critical: ['Gives a pass/fail verdict with concrete, located feedback'],
        expected: ['Checks every critical criterion of the build'],
        nice_to_have: [],
      },
      estimate_minutes: 20,
      timeout_seconds: 1800,
    });
  }
  if (docs.length) {
    const d = add({
      skill_id: shared(docs, 'docs'),
      kind: 'docs',
      task_name: `Docs: ${plan.title}`,
      description: docs.map((p) => p.goal || p.title).join(' '),
      dependencies: gate ? [`$${gate}`] : [],
      inputs: { plan: artefact, ...sides(docs) },
      validation_criteria: criteria(docs, done('docs')),
      estimate_minutes: minutes(docs),
      timeout_seconds: 1800,
    });
    gate ??= d;
  }
  const t = add({
    skill_id: tests.length ? shared(tests, 'test') : fallback.test,
    task_name: `Test: ${plan.title}, as the user expects it`,
    description: `Tests that prove the requirement is met, not just that the code runs. Strategy: ${plan.tests.strategy}`,
    dependencies: gate ? [`$${gate}`] : [],
    inputs: {
      original_prompt: plan.requirement.text,
      plan: artefact,
      user_expectations: plan.tests.cases,
      files_to_test: files(build, 'files_to_create').concat(files(build, 'files_to_modify')).slice(0, 10),
      ...sides(tests),
      test_types: ['unit', 'integration'],
    },
    validation_criteria: criteria(tests, done('test')),
    estimate_minutes: minutes(tests),
    timeout_seconds: 3600,
  });
  add({
    skill_id: critiqueOf([out[t - 1]!.skill_id as string]),
    task_name: `Review: do the tests prove ${plan.title}?`,
    description: 'Check the tests validate what the user asked for, not just implementation details.',
    dependencies: [`$${t}`],
    inputs: {
      original_prompt: plan.requirement.text,
      plan: artefact,
      preceding_task: preceding(t),
      focus: 'Would these tests fail if the requirement were not met?',
    },
    validation_criteria: {
      critical: ['Names every user expectation left untested'],
      expected: [],
      nice_to_have: [],
    },
    estimate_minutes: 15,
    timeout_seconds: 1800,
  });
  return out.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)));
}
