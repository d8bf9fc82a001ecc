import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import type { Plan } from '../../src/domain/plan.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

/** The submitted plan's phases, editable. */
const phasesOf = (plan: Record<string, unknown>) => plan.phases as Plan['phases'];

describe('the task graph follows the phases a scripted model submits through the real loop', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-graph-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an existing test file on the modify side, routes phases to their skills, docs to a docs task, and takes criteria from checks and the definition of done', async () => {
    const plan = submitted({
      security: ['Tokens are single-use and hashed'],
      performance: ['Token lookups use an index'],
      definition_of_done: ['A person can reset a password end to end'],
    });
    const [build, tests] = phasesOf(plan);
    build!.skill = 'plansmith/builtin/backend-development';
    tests!.skill = 'plansmith/builtin/library-testing';
    tests!.steps[0]!.files_to_modify.push({ path: 'tests/unit/auth.service.test.ts', why: 'cover reuse' });
    phasesOf(plan).splice(1, 0, {
      id: 'p1b',
      title: 'Routes',
      goal: 'Expose the reset endpoints.',
      kind: 'implement',
      skill: 'plansmith/builtin/cli-development',
      steps: [
        {
          title: 'Reset routes',
          detail: '',
          files_to_create: [],
          files_to_modify: [{ path: 'src/routes/auth.routes.ts', why: 'add the routes' }],
        },
        {
          title: 'Reset validation',
          detail: 'Validate the two bodies.',
          files_to_create: [],
          files_to_modify: [{ path: 'src/routes/auth.routes.ts', why: 'validate the bodies' }],
        },
      ],
      automated_checks: [{ command: 'npm run lint', expect: 'no errors' }],
      manual_checks: ['The endpoint answers 202'],
      estimate_minutes: 30,
    });
    phasesOf(plan).push({
      id: 'p3',
      title: 'Docs',
      goal: 'Say how a reset works in the README.',
      kind: 'docs',
      steps: [
        {
          title: 'README',
          detail: '',
          files_to_create: [],
          files_to_modify: [{ path: 'README.md', why: 'a reset section' }],
        },
      ],
      automated_checks: [],
      manual_checks: ['The README names the link lifetime'],
      estimate_minutes: 15,
    });
    const model = scriptedModel([
      { calls: [{ tool: 'search_skills', input: { query: 'tests for a library' } }] },
      { calls: [{ tool: 'submit_plan', input: { plan } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    const o = await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    // search_skills matched the text ("tests" finds the testing skills, "library" the library ones).
    const found = promptText(model.doGenerateCalls[1]!);
    expect(found).toContain('plansmith/builtin/library-testing');

    const t = o.plan.tasks as Array<{
      task_name: string;
      skill_id: string;
      subtasks: Array<{ task_name: string; skill_id: string }>;
      inputs: Record<string, string[]>;
      validation_criteria: unknown;
    }>;
    expect(t.map((x) => x.task_name)).toEqual([
      'Build: Password reset by email',
      'Review: Password reset by email',
      'Docs: Password reset by email',
      'Test: Password reset by email, as the user expects it',
      'Review: do the tests prove Password reset by email?',
    ]);
    // One build sub-task per implement phase, each with its phase's skill.
    expect(t[0]!.subtasks.map((s) => [s.task_name, s.skill_id])).toEqual([
      ['Tokens and service', 'plansmith/builtin/backend-development'],
      ['Routes', 'plansmith/builtin/cli-development'],
    ]);
    expect(t[2]!.skill_id).toBe('plansmith/builtin/docs-writing');
    expect(t[2]!.inputs.files_to_modify).toEqual(['README.md']);
    expect(t[3]!.skill_id).toBe('plansmith/builtin/library-testing');
    // The existing test file stays a file to modify; only the new one is to create.
    expect(t[3]!.inputs.files_to_modify).toEqual(['tests/unit/auth.service.test.ts']);
    expect(t[3]!.inputs.files_to_create).toEqual(['tests/unit/password-reset.service.test.ts']);
    // Criteria: commands, manual checks and the definition of done; never the security or performance prose.
    expect(t[0]!.validation_criteria).toEqual({
      critical: ['`npm test` passes', '`npm run lint` no errors'],
      expected: [
        'A used link is refused',
        'The endpoint answers 202',
        'A person can reset a password end to end',
      ],
      nice_to_have: [],
    });
    expect(JSON.stringify(t)).not.toContain('single-use and hashed');
    expect(JSON.stringify(t)).not.toContain('Token lookups use an index');

    // The store has the same graph, with kinds from the skills, and every build task reviewed.
    expect(o.lint.ok).toBe(true);
    expect(o.tasks.filter((x) => !x.parent_id).map((x) => x.kind)).toEqual([
      'implement',
      'critique',
      'docs',
      'test',
      'critique',
    ]);
    // Handoffs go to the phases' skills, and name each path once.
    expect(o.plan.handoffs.slice(0, 4).map((h) => h.agent)).toEqual([
      'backend-development',
      'cli-development',
      'library-testing',
      'docs-writing',
    ]);
    // Two steps of the Routes phase modify one file: its handoff names it once.
    expect(o.plan.handoffs[1]!.prompt).toContain('Modify: src/routes/auth.routes.ts.');
    expect(o.plan.handoffs[1]!.prompt.split('src/routes/auth.routes.ts')).toHaveLength(2);
  });

  it('refuses a phase skill the registry does not have, or a planner skill, naming the phase', async () => {
    const bad = submitted();
    phasesOf(bad)[0]!.skill = 'someone/nonexistent-skill';
    phasesOf(bad)[1]!.skill = 'plansmith/builtin/feature-planner';
    let repair = '';
    const model = scriptedModel([
      { calls: [{ tool: 'submit_plan', input: { plan: bad } }] },
      (o) => {
        repair = promptText(o);
        return { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] };
      },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(repair).toContain('phases.0.skill: \\"someone/nonexistent-skill\\" is not a skill');
    expect(repair).toContain('phases.1.skill: \\"plansmith/builtin/feature-planner\\" is a planner skill');
  });
  it('reviews with the critique of the skill family of the work, sends definition-of-done items to the task of their kind, and cuts a long requirement at a word', async () => {
    const plan = submitted({
      definition_of_done: [
        'The README documents the reset link',
        'The new tests pass in CI',
        'A person can reset a password end to end',
        '`npm test` passes',
      ],
    });
    const [build, tests] = phasesOf(plan);
    build!.skill = 'plansmith/builtin/library-development';
    tests!.skill = 'plansmith/builtin/library-testing';
    phasesOf(plan).push({
      id: 'p3',
      title: 'Docs',
      goal: 'Say how a reset works in the README.',
      kind: 'docs',
      steps: [
        {
          title: 'README',
          detail: '',
          files_to_create: [],
          files_to_modify: [{ path: 'README.md', why: 'a reset section' }],
        },
      ],
      automated_checks: [],
      manual_checks: [],
      estimate_minutes: 15,
    });
    const model = scriptedModel([{ calls: [{ tool: 'submit_plan', input: { plan } }] }]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    // Over 200 characters, with a word running across the 200th.
    const text =
      'add password reset by email so that a member who forgot a password gets a link that works once, ' +
      'expires after a configurable time, and can be requested again without revealing whether the address ' +
      'has an account (a positive answer would leak members)';
    const o = await (await ctx.plans(planner)).plan({ text });
    const t = o.plan.tasks as Array<{
      task_name: string;
      skill_id: string;
      validation_criteria: { expected: string[] };
    }>;
    const named = (start: string) => t.find((x) => x.task_name.startsWith(start))!;
    // Both reviews: the library critique, as the build and the tests are library work.
    expect(t.filter((x) => x.task_name.startsWith('Review')).map((x) => x.skill_id)).toEqual([
      'plansmith/builtin/library-critique',
      'plansmith/builtin/library-critique',
    ]);
    expect(o.plan.handoffs.find((h) => h.label === 'Review the result')!.agent).toBe('library-critique');
    // Each definition-of-done item in the task of its kind.
    expect(named('Build').validation_criteria.expected).toContain('A person can reset a password end to end');
    // A command that runs the suite is the build's, not a test to write.
    expect(named('Build').validation_criteria.expected).toContain('`npm test` passes');
    expect(named('Build').validation_criteria.expected).not.toContain('The README documents the reset link');
    expect(named('Docs').validation_criteria.expected).toContain('The README documents the reset link');
    expect(named('Test:').validation_criteria.expected).toContain('The new tests pass in CI');
    // The requirement in a handoff ends at a word, with an ellipsis.
    const req = /Requirement: (.*)$/.exec(o.plan.handoffs[0]!.prompt)![1]!;
    expect(req.length).toBeLessThanOrEqual(200);
    expect(req).toMatch(/…$/);
    expect(text.startsWith(req.replace(/\s*…$/, ''))).toBe(true);
    expect(text[req.replace(/\s*…$/, '').length]).toMatch(/[\s,;.]/);
  });
});
