import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { postgresAvailable, TEST_PG_URL } from '../pg-helper.js';
import { addPlan } from '../plans.js';
import { plansmith } from './cli.js';

const pgUp = await postgresAvailable();
if (!pgUp.ok) console.warn(`[plansmith] db copy via PostgreSQL skipped: ${pgUp.reason}`);

/** 10,000 tasks: chains with fan-in, some parents with sub-tasks, some work done, a failed critique. */
function bigBatch(n: number) {
  const tasks: Array<Record<string, unknown>> = [];
  for (let i = 1; tasks.length < n; i++) {
    const deps = i > 1 ? [`$${i - 1}`] : [];
    if (i > 10 && i % 7 === 0) deps.push(`$${i - 10}`);
    const t: Record<string, unknown> = {
      task_name: `step ${i}`,
      dependencies: deps,
      estimate_minutes: i % 50,
      inputs: { files_to_modify: [`src/m${i}.ts`] },
    };
    if (i % 40 === 0) t.subtasks = [{ task_name: `step ${i}.1` }, { task_name: `step ${i}.2` }];
    tasks.push(t);
  }
  return tasks;
}

describe('plansmith db copy', () => {
  let dir: string;
  const schema = `plansmith_copy_${process.pid}`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-copy-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgUp.ok) {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
  });

  it('round-trips a 10k-task graph with its history, nothing lost', async () => {
    const a = join(dir, 'a.db');
    const store = await openSqliteStore(a);
    await addPlan(store, 'big');
    const created = await store.createBatch(bigBatch(10_000), { plan_id: 'big' });
    for (let i = 0; i < 25; i++) {
      const t = await store.claim({ owner: `w${i % 3}` });
      await store.complete(t!.id, { owner: `w${i % 3}`, summary: `did ${i}`, outputs: { n: i } });
    }
    await store.claim({ owner: 'holder', lease_seconds: 600 });
    const before = await store.dump();
    await store.close();
    expect(before.tasks.length).toBeGreaterThanOrEqual(10_000);
    expect(created.length).toBe(before.tasks.length);

    const middle = pgUp.ok ? `${TEST_PG_URL}?schema=${schema}` : join(dir, 'b.db');
    const there = plansmith(['db', 'copy', '--from', a, '--to', middle, '--json'], { cwd: dir });
    expect(there.code, there.stderr).toBe(0);
    expect(there.json<{ tasks: number; identical: boolean }>()).toMatchObject({
      tasks: before.tasks.length,
      identical: true,
    });
    const back = plansmith(['db', 'copy', '--from', middle, '--to', join(dir, 'c.db')], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/verified identical/);

    const c = await openSqliteStore(join(dir, 'c.db'));
    expect(await c.dump()).toEqual(before);
    expect(await c.validate()).toEqual([]);
    await c.close();

    const again = plansmith(['db', 'copy', '--from', a, '--to', join(dir, 'c.db')], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds \d+ tasks; copy into an empty store/);
  });

  it('db migrate reports the applied migrations', () => {
    const r = plansmith(['db', 'migrate', '--db', join(dir, 'm.db'), '--json'], { cwd: dir });
    expect(r.json<{ migrations: string[] }>().migrations).toEqual([
      '0001_tasks',
      '0002_event_notify',
      '0003_planner_steps',
      '0004_plans',
      '0005_listing_order',
    ]);
  });
});
