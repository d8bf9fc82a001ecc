import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { addPlan } from '../plans.js';
import { call, connectInMemory } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8'));

describe('MCP server in process (SDK client, in-memory transport)', () => {
  let dir: string;
  let ctx: AppContext;
  let client: Client;

  async function connect(profile: 'core' | 'all' = 'all') {
    ctx = new AppContext({ root: dir });
    client = await connectInMemory(ctx, profile);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-mcp-'));
    await connect();
  });
  afterEach(async () => {
    await client.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the tools with annotations; the core profile lists the contract only', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'claim_task',
        'complete_task',
        'create_subtask',
        'create_task',
        'create_tasks_batch',
        'fail_task',
        'get_task',
        'heartbeat_task',
        'list_tasks',
        'next_task',
        'planner',
        'release_task',
        'search_skills',
        'explore_codebase',
        'draft_plan',
        'save_plan',
        'lint_plan',
        'refine_plan',
        'get_plan',
        'list_plans',
        'close_plan',
      ].sort(),
    );
    expect(tools.find((t) => t.name === 'next_task')!.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((t) => t.name === 'create_tasks_batch')!.annotations?.destructiveHint).toBe(false);
    await client.close();
    await ctx.close();
    await connect('core');
    const core = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(core).toEqual([
      'claim_task',
      'complete_task',
      'create_subtask',
      'create_task',
      'create_tasks_batch',
      'next_task',
      'search_skills',
    ]);
  });

  it('search_skills returns full_ids by category and tag, best first', async () => {
    const r = await call<Array<{ full_id: string; category: string }>>(client, 'search_skills', {
      category: 'critique',
      tag: 'backend',
    });
    expect(r.value[0]!.full_id).toBe('plansmith/builtin/backend-critique');
    expect(r.value.every((s) => s.category === 'critique')).toBe(true);
    const none = await call<unknown[]>(client, 'search_skills', { category: 'nonexistent' });
    expect(none.value).toEqual([]);
  });

  it('the four-step batch in both dialects, walked in order with next/claim/complete', async () => {
    for (const file of ['four-step-batch.json', 'four-step-batch-unique-ids.json']) {
      const body = fixture(file);
      await addPlan(await ctx.store(), file);
      const created = await call<Array<{ id: string; task_order: number }>>(client, 'create_tasks_batch', {
        tasks: Array.isArray(body) ? body : body.tasks,
        plan_id: file,
      });
      expect(created.error).toBeUndefined();
      expect(created.value.map((t) => t.task_order)).toEqual([1, 2, 3, 4]);
      for (const expected of created.value) {
        const next = await call<{ id: string }>(client, 'next_task', { plan_id: file });
        expect(next.value.id).toBe(expected.id);
        const claimed = await call<{ id: string; kind: string }>(client, 'claim_task', {
          owner: 'agent',
          plan_id: file,
        });
        expect(claimed.value.id).toBe(expected.id);
        const done = await call<{ status: string }>(client, 'complete_task', {
          task_id: claimed.value.id,
          owner: 'agent',
          ...(claimed.value.kind === 'critique' ? { verdict: 'pass', score: 8 } : {}),
        });
        expect(done.value.status).toBe('done');
      }
      expect((await call(client, 'next_task', { plan_id: file })).value).toBeNull();
    }
  });

  it('bad batches come back as isError naming the task and the field; nothing is created', async () => {
    const cyc = await call(client, 'create_tasks_batch', {
      tasks: [
        { task_name: 'a', dependencies: ['$2'] },
        { task_name: 'b', dependencies: ['$1'] },
      ],
    });
    expect(cyc.raw.isError).toBe(true);
    expect(cyc.error!.message).toMatch(/dependency cycle \$1 → \$2 → \$1/);
    const unknownField = await call(client, 'create_tasks_batch', { tasks: [{ task_name: 'a', prio: 1 }] });
    expect(unknownField.error!.issues![0]).toMatchObject({ task: '$1 "a"', field: '(task)' });
    const badOrder = await call(client, 'create_tasks_batch', {
      tasks: [{ task_name: 'a', task_order: 1.5 }],
    });
    expect(badOrder.error!.message).toMatch(/task \$1 "a", field task_order/);
    const missingName = await call(client, 'create_tasks_batch', { tasks: [{ description: 'x' }] });
    expect(missingName.raw.isError).toBe(true);
    expect(JSON.stringify(missingName.raw.content)).toMatch(/task_name/);
    expect((await call<{ total: number }>(client, 'list_tasks')).value.total).toBe(0);
  });

  it('create_task and create_subtask: the parent with sequential sub-tasks, then a review of the parent', async () => {
    const parent = await call<{ id: string }>(client, 'create_task', {
      skill_id: 'plansmith/builtin/backend-development',
      task_name: 'Build order services',
      task_order: 1,
    });
    const kids = [];
    for (const name of ['orders', 'inventory', 'payments']) {
      kids.push(
        (
          await call<{ id: string; position: number }>(client, 'create_subtask', {
            parent_task_id: parent.value.id,
            task: { task_name: name },
          })
        ).value,
      );
    }
    expect(kids.map((k) => k.position)).toEqual([1, 2, 3]);
    const review = await call<{ id: string; kind: string }>(client, 'create_task', {
      skill_id: 'plansmith/builtin/backend-critique',
      task_name: 'Review order services',
      task_order: 2,
      dependencies: [parent.value.id],
      inputs: { preceding_task: { task_order: 1, task_name: 'Build order services' } },
    });
    expect(review.value.kind).toBe('critique');
    const nested = await call(client, 'create_subtask', {
      parent_task_id: kids[0]!.id,
      task: { task_name: 'too deep' },
    });
    expect(nested.error!.message).toMatch(/is itself a sub-task/);
    const full = await call<{ subtasks: Array<{ task_name: string }> }>(client, 'get_task', {
      task_id: parent.value.id,
    });
    expect(full.value.subtasks.map((s) => s.task_name)).toEqual(['orders', 'inventory', 'payments']);
    const picked = await call<Record<string, unknown>>(client, 'get_task', {
      task_id: parent.value.id,
      fields: ['id', 'status'],
    });
    expect(Object.keys(picked.value).sort()).toEqual(['id', 'preceding', 'status', 'subtasks']);
  });

  it('a failing critique verdict re-opens the build with feedback_for_rebuild', async () => {
    const [build, review] = (
      await call<Array<{ id: string }>>(client, 'create_tasks_batch', {
        tasks: fixture('four-step-batch.json'),
      })
    ).value;
    await call(client, 'claim_task', { owner: 'a' });
    await call(client, 'complete_task', { task_id: build!.id, owner: 'a' });
    await call(client, 'claim_task', { owner: 'b' });
    const noVerdict = await call(client, 'complete_task', { task_id: review!.id, owner: 'b' });
    expect(noVerdict.error!.message).toMatch(/field verdict/);
    const fail = await call<{ reopened: string[] }>(client, 'complete_task', {
      task_id: review!.id,
      owner: 'b',
      // An agent's words: "Rejected", "High". Read as fail and major; the word given is kept.
      verdict: 'Rejected',
      score: 3,
      feedback_for_rebuild: {
        summary: 'no owner filter',
        issues: [{ what: 'leak', location: 'src/billing/export.ts:3', severity: 'High' }],
      },
    });
    expect(fail.value.reopened).toEqual([build!.id]);
    const todo = await call<{ total: number }>(client, 'list_tasks', {
      status: ['todo'],
      kind: 'Implementation',
    });
    expect(todo.value.total).toBe(1);
    const wrong = await call(client, 'list_tasks', { status: ['sleeping'] });
    expect(wrong.error!.message).toMatch(/"sleeping" is not a status/);
    const rebuilt = await call<{ inputs: { feedback_for_rebuild: { summary: string } } }>(
      client,
      'get_task',
      { task_id: build!.id },
    );
    expect(rebuilt.value.inputs.feedback_for_rebuild.summary).toBe('no owner filter');
    expect(
      (rebuilt.value.inputs.feedback_for_rebuild as unknown as { issues: Array<Record<string, string>> })
        .issues[0],
    ).toMatchObject({ severity: 'major', severity_given: 'High' });
  });

  it('list_tasks paginates and picks fields; heartbeat, fail and release work and check the owner', async () => {
    await call(client, 'create_tasks_batch', {
      tasks: Array.from({ length: 30 }, (_, i) => ({ task_name: `t${i}` })),
    });
    const page = await call<{ total: number; tasks: Array<Record<string, unknown>> }>(client, 'list_tasks', {
      limit: 10,
      offset: 5,
      fields: ['id', 'task_name'],
    });
    expect(page.value.total).toBe(30);
    expect(page.value.tasks.map((t) => t.task_name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `t${i + 5}`),
    );
    expect(Object.keys(page.value.tasks[0]!)).toEqual(['id', 'task_name']);
    const t = (await call<{ id: string }>(client, 'claim_task', { owner: 'me', lease_seconds: 60 })).value;
    expect(
      (await call(client, 'heartbeat_task', { task_id: t.id, owner: 'someone-else' })).error!.message,
    ).toMatch(/leased by me/);
    expect(
      (await call(client, 'heartbeat_task', { task_id: t.id, owner: 'me', lease_seconds: 1.5 })).error!
        .message,
    ).toMatch(/lease_seconds/);
    expect(
      (await call<{ lease: unknown }>(client, 'heartbeat_task', { task_id: t.id, owner: 'me' })).value.lease,
    ).toBeTruthy();
    expect(
      (await call<{ status: string }>(client, 'fail_task', { task_id: t.id, owner: 'me', error: 'flaky' }))
        .value.status,
    ).toBe('pending');
    await call(client, 'claim_task', { owner: 'me', task_id: t.id });
    expect(
      (await call<{ status: string }>(client, 'release_task', { task_id: t.id, owner: 'me' })).value.status,
    ).toBe('pending');
    // The owner is required: a claimed task is only its lease holder's to change.
    expect((await call(client, 'release_task', { task_id: t.id })).error!.message).toMatch(/owner/);
    expect((await call(client, 'release_task', { task_id: t.id, owner: 'me' })).error!.message).toMatch(
      /cannot release/,
    );
    expect((await call(client, 'get_task', { task_id: 'NOPE' })).error!.message).toMatch(
      /no task with id NOPE/,
    );
  });

  it('the planner tool persists sessions across server restarts (a new context on the same store)', async () => {
    const s1 = await call<{ continuation_id: string; next: string }>(client, 'planner', {
      step: 'Read the billing module',
      step_number: 1,
      total_steps: 2,
      next_step_required: true,
    });
    expect(s1.value.next).toMatch(/step_number 2/);
    await client.close();
    await ctx.close();
    await connect();
    const s2 = await call<{ steps_recorded: number; next_step_required: boolean }>(client, 'planner', {
      continuation_id: s1.value.continuation_id,
      step: 'Stream CSV from the router',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
    });
    expect(s2.value.steps_recorded).toBe(2);
    const bad = await call(client, 'planner', {
      continuation_id: s1.value.continuation_id,
      step: 'x',
      step_number: 3,
      total_steps: 3,
      next_step_required: false,
      revises_step: 7,
    });
    expect(bad.error!.message).toMatch(/revises_step/);
  });

  it('prompts and resources: the built-in planners and the task graph', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'plan',
      'plan_ci',
      'plan_prd',
      'plan_tasks',
      'plan_two',
      'plan_xano',
    ]);
    const p = await client.getPrompt({ name: 'plan_tasks', arguments: { requirement: 'invoice export' } });
    expect(JSON.stringify(p.messages)).toMatch(/invoice export.*search_skills.*create_tasks_batch/s);
    const [t] = (
      await call<Array<{ id: string }>>(client, 'create_tasks_batch', { tasks: [{ task_name: 'only task' }] })
    ).value;
    const graph = await client.readResource({ uri: 'plansmith://tasks/graph' });
    expect(JSON.stringify(graph.contents)).toMatch(/only task/);
    const one = await client.readResource({ uri: `plansmith://tasks/${t!.id}` });
    expect(JSON.parse((one.contents[0] as { text: string }).text).task.task_name).toBe('only task');
  });
});
