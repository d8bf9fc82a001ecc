import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../src/app/plans.js';
import type { Task } from '../../src/domain/task.js';
import { call, newClient } from '../mcp/helpers.js';
import { copySample } from '../samples.js';
import { CLI, plansmith } from './cli.js';

/**
 * The backend-planner workflows (seed 002) replayed by a real MCP client over stdio against the bundled CLI on
 * the default profile: the four-task batch worked to the end, with a failing critique whose feedback survives a
 * refine and a sync; and a parent with sequential sub-tasks whose critique fails after three are done.
 */
describe('the seed workflows over stdio, default profile', () => {
  let dir: string;
  let client: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-seeds-'));
    copySample('py-service', dir);
    client = newClient();
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', '-C', dir],
        stderr: 'ignore',
      }),
    );
  });
  afterEach(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (args: string[]) => plansmith(args, { cwd: dir });

  it('the four-task pattern: a failing critique with feedback that survives a refine and a sync', async () => {
    // A requirement workspace whose tasks.md is synced, then the four-task graph of the skill in its plan.
    const o = cli([
      'plan',
      'Track order history: keep every status change with who made it',
      '--style',
      'prd',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    const build = o.tasks.find((t) => t.subtask_count === 0 && t.ready);
    expect(build).toBeTruthy();
    const skills = await call<Array<{ full_id: string; category: string }>>(client, 'search_skills', {
      category: 'critique',
    });
    const critic = skills.value[0]!.full_id;
    const review = await call<{ id: string; kind: string }>(client, 'create_task', {
      plan_id: o.plan.id,
      skill_id: critic,
      task_name: 'QA: review the order history build',
      kind: 'review',
      inputs: { critiques_tasks: [build!.id] },
    });
    expect(review.error).toBeUndefined();
    expect(review.value.kind).toBe('critique');

    // The builder works its task, with a heartbeat; the box is ticked by sync.
    const claimed = await call<Task>(client, 'claim_task', { owner: 'builder', task_id: build!.id });
    expect(claimed.value.id).toBe(build!.id);
    expect(
      (await call(client, 'heartbeat_task', { task_id: build!.id, owner: 'builder' })).error,
    ).toBeUndefined();
    // Another agent cannot finish it, nor can a caller that does not say who it is.
    expect((await call(client, 'complete_task', { task_id: build!.id })).error!.message).toMatch(
      /leased by builder/,
    );
    expect(
      (await call(client, 'complete_task', { task_id: build!.id, owner: 'intruder' })).error!.message,
    ).toMatch(/leased by builder, not intruder/);
    await call(client, 'complete_task', {
      task_id: build!.id,
      owner: 'builder',
      summary: 'history table added',
    });
    const tasksMd = join(dir, o.files.find((f) => f.endsWith('prd.md'))!.replace(/prd\.md$/, 'tasks.md'));
    cli(['sync', o.plan.id]);
    expect(readFileSync(tasksMd, 'utf8')).toMatch(new RegExp(`- \\[x\\].*${build!.id}`));

    // The critic sees what the build reported, and fails it in its own words (where, fix).
    const critique = await call<Task & { preceding: Array<{ id: string; outputs: { summary?: string } }> }>(
      client,
      'claim_task',
      { owner: 'critic', task_id: review.value.id },
    );
    expect(critique.value.preceding[0]).toMatchObject({
      id: build!.id,
      outputs: { summary: 'history table added' },
    });
    expect(
      (await call(client, 'complete_task', { task_id: build!.id, owner: 'critic', verdict: 'fail' })).error,
    ).toBeTruthy();
    const failed = await call<{ reopened: string[]; notes: string[] }>(client, 'complete_task', {
      task_id: review.value.id,
      owner: 'critic',
      verdict: 'fail',
      feedback_for_rebuild: {
        summary: 'who made the change is not stored',
        issues: [{ what: 'actor missing', where: 'app/orders.py:12', fix: 'store the user id' }],
      },
    });
    expect(failed.value.reopened).toEqual([build!.id]);
    expect(failed.value.notes).toEqual([
      'feedback_for_rebuild.issues[0].where read as location',
      'feedback_for_rebuild.issues[0].fix read as suggestion',
    ]);

    // A refine rewrites what the task asks for and keeps the feedback.
    expect(
      cli(['refine', o.plan.id, '--feedback', 'add a step for an index on the history table']).code,
    ).toBe(0);
    // A sync does not tick the re-opened build done from the old box: the store wins, and says so.
    const s = cli(['sync', o.plan.id, '--json']).json<{
      completed_in_store: string[];
      kept_open: Array<{ id: string; why: string }>;
    }>();
    expect(s.completed_in_store).toEqual([]);
    expect(s.kept_open.map((k) => k.id)).toEqual([build!.id]);
    expect(s.kept_open[0]!.why).toMatch(/re-opened by a failing critique \(round 1\)/);
    expect(readFileSync(tasksMd, 'utf8')).toMatch(new RegExp(`- \\[ \\].*${build!.id}`));

    const rebuilt = await call<Task>(client, 'get_task', { task_id: build!.id });
    expect(rebuilt.value.status).toBe('pending');
    expect(rebuilt.value.inputs).toMatchObject({
      rebuild_round: 1,
      feedback_for_rebuild: {
        summary: 'who made the change is not stored',
        issues: [{ what: 'actor missing', location: 'app/orders.py:12', suggestion: 'store the user id' }],
      },
    });
    expect(rebuilt.value.inputs.critique_history).toHaveLength(1);
  });

  it('the four-task batch without a plan: its architecture makes a plan that is listed, served and cancelled; skill ids the registry lacks are warned about', async () => {
    const search = async (category: string) =>
      (
        await call<Array<{ full_id: string; name: string }>>(client, 'search_skills', {
          category,
          tag: 'backend',
        })
      ).value[0]!;
    const [dev, critic, tester] = [
      await search('development'),
      await search('critique'),
      await search('testing'),
    ];
    const architecture = [
      '**Architecture**: Order history kept beside each order.',
      '- **Models**: OrderEvent (order_id, status, actor, at)',
      '- **Services**: HistoryService (append, list)',
    ].join('\n');
    const made = await call<
      Array<{ id: string; task_order: number; ready: boolean; plan_id?: string; warnings?: string[] }>
    >(client, 'create_tasks_batch', {
      architecture,
      tasks: [
        {
          skill_id: dev.full_id,
          task_name: 'Build order history',
          task_order: 1,
          inputs: { files_to_create: ['app/history.py'], files_to_modify: ['app/orders.py'] },
        },
        {
          // Another owner's id for a skill the registry has under its own.
          skill_id: `acme/skills/${critic.name}`,
          task_name: 'QA: review order history',
          task_order: 2,
          dependencies: ['$1'],
          inputs: { preceding_task: { task_order: 1 } },
        },
        // A short name where a full_id is required.
        { skill_id: tester.name, task_name: 'Test order history', task_order: 3, dependencies: ['$2'] },
        {
          skill_id: 'acme/skills/x',
          task_name: 'QA: review the tests',
          task_order: 4,
          kind: 'critique',
          dependencies: ['$3'],
          inputs: { preceding_task: { task_order: 3 } },
        },
      ],
    });
    expect(made.error).toBeUndefined();
    const planId = made.value[0]!.plan_id!;
    expect(planId).toBeTruthy();
    expect(made.value.map((t) => t.plan_id)).toEqual([planId, planId, planId, planId]);
    // Warnings, not refusals: each on its task, naming the registry's closest full_id.
    expect(made.value.map((t) => t.warnings ?? [])).toEqual([
      [],
      [
        `$2 "QA: review order history": skill_id acme/skills/${critic.name} is not in the registry: did you mean ${critic.full_id}?`,
      ],
      [
        `$3 "Test order history": skill_id ${tester.name} is a skill's name, not its full_id: did you mean ${tester.full_id}?`,
      ],
      [
        '$4 "QA: review the tests": skill_id acme/skills/x is not in the registry and no one skill is close (search_skills lists them)',
      ],
    ]);

    // The plan is listed like any plan, and shows the architecture it holds.
    const listed = cli(['plans', 'list', '--json']).json<
      Array<{ id: string; title: string; state: string; open_tasks: number; path: string }>
    >();
    expect(listed).toEqual([
      expect.objectContaining({
        id: planId,
        title: 'Order history kept beside each order.',
        state: 'draft',
        open_tasks: 4,
        path: '',
      }),
    ]);
    const shown = cli(['plans', 'show', planId]);
    expect(shown.stdout).toContain('file: none (made by create_tasks_batch)');
    expect(shown.stdout).toContain('- **Services**: HistoryService (append, list)');
    const model = cli(['plans', 'show', planId, '--json']).json<{
      requirement: { text: string };
      phases: Array<{
        title: string;
        skill?: string;
        steps: Array<{ files_to_create: Array<{ path: string }> }>;
      }>;
      tasks: unknown[];
    }>();
    expect(model.requirement.text).toBe(architecture);
    expect(model.phases.map((p) => p.title)).toEqual([
      'Build order history',
      'QA: review order history',
      'Test order history',
      'QA: review the tests',
    ]);
    expect(model.phases[0]!.steps[0]!.files_to_create.map((f) => f.path)).toEqual(['app/history.py']);
    expect(model.tasks).toHaveLength(4);
    // It has no file to refine: said so, nothing changed.
    const refine = cli(['refine', planId, '--feedback', 'add an index']);
    expect(refine.code).not.toBe(0);
    expect(refine.stderr).toMatch(/plan .* was made by create_tasks_batch and has no plan file/);

    // Served like any plan's tasks; a worker starts it.
    const next = await call<Task>(client, 'next_task', { plan_id: planId });
    expect(next.value.id).toBe(made.value[0]!.id);
    await call(client, 'claim_task', { owner: 'builder', task_id: next.value.id });
    await call(client, 'complete_task', { task_id: next.value.id, owner: 'builder' });
    expect(cli(['plans', 'list', '--json']).json<Array<{ state: string }>>()[0]!.state).toBe('active');

    // Cancelled over MCP: its open tasks are cancelled and never served; the done one stays done.
    const closed = await call<{ status: string; cancelled: string[] }>(client, 'close_plan', {
      plan: planId,
      status: 'cancelled',
      reason: 'the history moves to the audit service',
    });
    expect(closed.value.status).toBe('cancelled');
    expect([...closed.value.cancelled].sort()).toEqual(
      made.value
        .slice(1)
        .map((t) => t.id)
        .sort(),
    );
    expect((await call(client, 'next_task', { plan_id: planId })).value).toBeNull();
    expect((await call(client, 'next_task')).value).toBeNull();
    expect((await call<Task>(client, 'get_task', { task_id: next.value.id })).value.status).toBe('done');
    // A cancelled plan takes no new tasks.
    const more = await call(client, 'create_tasks_batch', {
      plan_id: planId,
      tasks: [{ task_name: 'late' }],
    });
    expect(more.error!.message + JSON.stringify(more.error!.issues)).toMatch(
      /is cancelled: it takes no new tasks/,
    );
  });

  it('tasks batch on the CLI: architecture and title make a plan, superseded by a newer one; warnings on stderr, the tasks on stdout', () => {
    const doc = (title: string) =>
      JSON.stringify({
        title,
        architecture: 'History rows written by the order service',
        tasks: [
          { task_name: 'Build history', skill_id: 'backend-development' },
          {
            task_name: 'Review history',
            kind: 'review',
            dependencies: ['$1'],
            inputs: { preceding_task: { task_order: 1 } },
          },
        ],
      });
    const a = plansmith(['tasks', 'batch', '-', '--json'], {
      cwd: dir,
      input: doc('Order history, first cut'),
    });
    expect(a.code).toBe(0);
    const tasks = a.json<Task[]>();
    const planA = tasks[0]!.plan_id!;
    expect(tasks.map((t) => t.plan_id)).toEqual([planA, planA]);
    expect(a.stderr).toMatch(
      /warning: \$1 "Build history": skill_id backend-development is a skill's name, not its full_id: did you mean \S+\/backend-development\?/,
    );
    const b = plansmith(['tasks', 'batch', '-'], { cwd: dir, input: doc('Order history, second cut') });
    expect(b.stdout).toMatch(/created 2 tasks in the new plan (\S+) "Order history, second cut"/);
    expect(b.stdout).toMatch(/warning: \$1 "Build history": skill_id backend-development/);
    const planB = /in the new plan (\S+)/.exec(b.stdout)![1]!;
    const s = cli(['plans', 'supersede', planA, '--by', planB, '--json']).json<{ cancelled: string[] }>();
    expect([...s.cancelled].sort()).toEqual(tasks.map((t) => t.id).sort());
    const states = cli(['plans', 'list', '--json']).json<
      Array<{ id: string; state: string; title: string }>
    >();
    expect(states.map((p) => [p.id, p.state, p.title])).toEqual([
      [planB, 'draft', 'Order history, second cut'],
      [planA, 'superseded', 'Order history, first cut'],
    ]);
    // next serves only the newer plan's work.
    expect(cli(['tasks', 'next', '--json']).json<Task>().plan_id).toBe(planB);
  });

  it('the small things: handoff without a plan when one is open, --plan by id prefix, tasks done of an unclaimed task records who', async () => {
    const env = { PLANSMITH_OWNER: '', USER: 'ana', HOSTNAME: 'box' };
    const as = (args: string[]) => plansmith(args, { cwd: dir, env });
    const o = cli(['plan', 'Add a health check endpoint', '--no-interactive', '--json']).json<PlanOutcome>();
    expect(o.plan.handoffs.length).toBeGreaterThan(0);
    // A plan made by a task batch is open too, but has no handoffs: it does not count.
    await call(client, 'create_tasks_batch', { architecture: 'One route', tasks: [{ task_name: 'route' }] });
    const listed = cli(['handoff', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json<Array<{ label: string }>>().map((h) => h.label)).toEqual(
      o.plan.handoffs.map((h) => h.label),
    );
    expect(cli(['handoff', '--to', '1']).stdout).toBe(cli(['handoff', o.plan.id, '--to', '1']).stdout);
    // A plan id prefix finds the plan's tasks.
    const next = cli(['tasks', 'next', '--plan', o.plan.id.slice(0, 10), '--json']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.json<Task>().plan_id).toBe(o.plan.id);
    // `tasks done` of a task nobody claimed: completed by the CLI's owner, recorded as such.
    const id = next.json<Task>().id;
    expect(as(['tasks', 'done', id]).code).toBe(0);
    expect(
      as(['tasks', 'history', id, '--json']).json<Array<{ type: string; actor: string | null }>>().at(-1),
    ).toMatchObject({ type: 'completed', actor: 'ana@box' });
    // Two plans with files open: the plan must be named, and the message lists them.
    cli(['plan', 'Add a version endpoint', '--no-interactive']);
    const two = cli(['handoff']);
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/name the plan: 2 plans are open \(.*Add a .*; .*Add a /);
  });

  it('the parent pattern: sequential sub-tasks, a review of the parent, a failing critique keeps three done sub-tasks', async () => {
    const parent = await call<{ id: string }>(client, 'create_task', {
      skill_id: 'acme/skills/backend-dev',
      task_name: 'Build order services',
      task_order: 1,
    });
    const kids: string[] = [];
    for (const name of ['orders', 'inventory', 'payments']) {
      const k = await call<{ id: string }>(client, 'create_subtask', {
        parent_task_id: parent.value.id,
        task: { task_name: name, inputs: { files_to_create: [`svc/${name}.go`] } },
      });
      kids.push(k.value.id);
    }
    const review = await call<{ id: string; kind: string }>(client, 'create_task', {
      task_name: 'QA: validate order services',
      kind: 'critique',
      task_order: 2,
      dependencies: [parent.value.id],
      inputs: { preceding_task: { task_order: 1, task_name: 'Build order services' } },
    });
    expect(review.value.kind).toBe('critique');
    for (const id of kids) {
      const next = await call<Task>(client, 'next_task');
      expect(next.value.id).toBe(id);
      await call(client, 'claim_task', { owner: 'w', task_id: id });
      if (id === kids[1]) {
        // A worker may give work back, or fail an attempt; the sub-task stays in line.
        await call(client, 'release_task', { task_id: id, owner: 'w' });
        await call(client, 'claim_task', { owner: 'w', task_id: id });
        await call(client, 'fail_task', { task_id: id, owner: 'w', error: 'flaky network' });
        await call(client, 'claim_task', { owner: 'w', task_id: id });
      }
      expect((await call(client, 'complete_task', { task_id: id, owner: 'w' })).error).toBeUndefined();
    }
    await call(client, 'claim_task', { owner: 'critic', task_id: review.value.id });
    const failed = await call<{ reopened: string[] }>(client, 'complete_task', {
      task_id: review.value.id,
      owner: 'critic',
      verdict: 'fail',
      feedback_for_rebuild: {
        summary: 'payments skip the idempotency key',
        issues: [{ what: 'double charge' }],
      },
    });
    expect(failed.value.reopened).toHaveLength(1);
    const parentNow = await call<Task & { subtasks: Array<{ id: string; status: string }> }>(
      client,
      'get_task',
      {
        task_id: parent.value.id,
      },
    );
    expect(parentNow.value.subtasks.map((s) => s.status)).toEqual(['done', 'done', 'done', 'pending']);
    const rework = await call<Task>(client, 'get_task', { task_id: failed.value.reopened[0]! });
    expect(rework.value.inputs.feedback_for_rebuild).toMatchObject({
      summary: 'payments skip the idempotency key',
    });
    expect((await call<Task>(client, 'next_task')).value.id).toBe(rework.value.id);
  });
});
