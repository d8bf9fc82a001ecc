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
  if (
    stack.some((s) => /React|Vue|Svelte|Angular/.test(s)) &&
    !stack.some((s) => /Express|Fastify|NestJS|Django|Flask|FastAPI|Rails|Laravel|Spring|Xano|Hono/.test(s))
  )
    return 'frontend';
  return 'backend';
}

/** The full_id of the best skill of a category for a domain (project skills first, then built-ins). */
export function skillFor(skills: SkillRegistry, category: string, domain: string): string {
  return (
    (skills.search({ category, tags: [domain] })[0] ?? skills.search({ category })[0])?.full_id ??
    `plansmith/builtin/${domain}-${category}`
  );
}

// Criteria come from what the plan says to check (checks, manual checks, the definition of done), never
// from its prose sections (security and performance notes are advice, not pass/fail criteria).
const criteria = (phases: Phase[], plan: Plan) => ({
  critical: [
    ...new Set(phases.flatMap((p) => p.automated_checks.map((c) => `\`${c.command}\` ${c.expect}`))),
  ],
  expected: [...new Set([...phases.flatMap((p) => p.manual_checks), ...plan.definition_of_done])].slice(0, 8),
  nice_to_have: [],
});

/**
 * The plan's task graph as a create_tasks_batch document: build → critique → test → critique, or, when
 * the work has three or more natural phases, a parent with one sequential sub-task per phase.
 */
export function planTasks(
  plan: Plan,
  skills: SkillRegistry,
  stack: string[],
  artefact: string,
): Array<Record<string, unknown>> {
  const domain = domainOf(plan, stack);
  const dev = skillFor(skills, 'development', domain);
  const critique = skillFor(skills, 'critique', domain);
  const testing = skillFor(skills, 'testing', domain);
  const build = plan.phases.filter((p) => p.kind !== 'test');
  const tests = plan.phases.filter((p) => p.kind === 'test');
  const files = (phases: Phase[], key: 'files_to_create' | 'files_to_modify') => [
    ...new Set(phases.flatMap((p) => p.steps.flatMap((s) => s[key].map((f) => f.path)))),
  ];
  const buildCriteria = criteria(build, plan);
  const buildTask: Record<string, unknown> = {
    skill_id: dev,
    task_name: `Build: ${plan.title}`,
    description: `${plan.analysis.summary} Follow ${artefact}.`,
    task_order: 1,
    inputs: {
      requirements: plan.requirement.text,
      plan: artefact,
      files_to_create: files(build, 'files_to_create'),
      files_to_modify: files(build, 'files_to_modify'),
      patterns_to_follow:
        plan.research.findings
          .filter((f) => f.text.startsWith('Convention'))
          .map((f) => f.text)
          .join('; ') || undefined,
    },
    validation_criteria: buildCriteria,
    estimate_minutes: build.reduce((a, p) => a + p.estimate_minutes, 0),
    timeout_seconds: 3600,
  };
  const out: Array<Record<string, unknown>> = [];
  if (build.length >= 3) {
    buildTask.subtasks = build.map((p) => ({
      skill_id: dev,
      task_name: `${p.title}`,
      description: p.goal || p.steps.map((s) => s.title).join('; '),
      inputs: {
        plan: artefact,
        phase: p.id,
        files_to_create: files([p], 'files_to_create'),
        files_to_modify: files([p], 'files_to_modify'),
      },
      validation_criteria: {
        critical: p.automated_checks.map((c) => `\`${c.command}\` ${c.expect}`),
        expected: p.manual_checks,
        nice_to_have: [],
      },
      estimate_minutes: p.estimate_minutes,
    }));
  }
  out.push(buildTask);
  const preceding = (order: number, t: Record<string, unknown>) => ({
    task_order: order,
    skill_id: t.skill_id,
    task_name: t.task_name,
    description: t.description,
  });
  out.push({
    skill_id: critique,
    task_name: `Review: ${plan.title}`,
    description: `Check the build against ${artefact} and its criteria; give a verdict with feedback for a rebuild.`,
    task_order: 2,
    dependencies: ['$1'],
    inputs: {
      original_prompt: plan.requirement.text,
      plan: artefact,
      preceding_task: preceding(1, buildTask),
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
  const testFiles = files(tests, 'files_to_create').concat(files(tests, 'files_to_modify'));
  const testTask: Record<string, unknown> = {
    skill_id: testing,
    task_name: `Test: ${plan.title}, as the user expects it`,
    description: `Tests that prove the requirement is met, not just that the code runs. Strategy: ${plan.tests.strategy}`,
    task_order: 3,
    dependencies: ['$2'],
    inputs: {
      original_prompt: plan.requirement.text,
      plan: artefact,
      user_expectations: plan.tests.cases,
      files_to_test: files(build, 'files_to_create').concat(files(build, 'files_to_modify')).slice(0, 10),
      files_to_create: testFiles,
      test_types: ['unit', 'integration'],
    },
    validation_criteria: criteria(tests, plan),
    estimate_minutes: tests.reduce((a, p) => a + p.estimate_minutes, 0) || 45,
    timeout_seconds: 3600,
  };
  out.push(testTask);
  out.push({
    skill_id: critique,
    task_name: `Review: do the tests prove ${plan.title}?`,
    description: 'Check the tests validate what the user asked for, not just implementation details.',
    task_order: 4,
    dependencies: ['$3'],
    inputs: {
      original_prompt: plan.requirement.text,
      plan: artefact,
      preceding_task: preceding(3, testTask),
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
  return out;
}
