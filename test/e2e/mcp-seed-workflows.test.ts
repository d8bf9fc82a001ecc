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
