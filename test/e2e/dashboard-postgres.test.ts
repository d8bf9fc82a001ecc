import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { postgresAvailable, TEST_PG_URL } from '../pg-helper.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';
import { readEvents, type Served, startServe } from './serve.js';

const available = await postgresAvailable();
if (!available.ok) console.warn(`[plansmith] dashboard PostgreSQL test skipped: ${available.reason}`);

/** Team mode: two `plansmith serve` processes on one database see each other's changes live (LISTEN/NOTIFY). */
describe.skipIf(!available.ok)('two dashboards on one PostgreSQL database', () => {
  const schema = `plansmith_dash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  let dir: string;
  let a: Served;
  let b: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-dash-pg-'));
    copySample('node-api', dir);
    expect(plansmith(['db', 'migrate', '--db', url], { cwd: dir }).code).toBe(0);
    expect(plansmith(['plan', 'add password reset by email', '--db', url], { cwd: dir }).code).toBe(0);
    [a, b] = await Promise.all([startServe(dir, ['--db', url]), startServe(dir, ['--db', url])]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const ready = async (s: Served) =>
    ((await (await fetch(`${s.url}api/tasks?status=pending`)).json()) as { tasks: Task[] }).tasks.filter(
      (t) => t.ready,
    );
  const post = (s: Served, path: string, body: unknown) =>
    fetch(`${s.url}api${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('a claim through one server reaches the other one’s event stream, and back', async () => {
    const [t] = await ready(a);
    const seenByB = await readEvents(
      `${b.url}api/events`,
      new RegExp(`"task_id":"${t!.id}"[^}]*"type":"claimed"`),
      60_000,
      async () => {
        expect((await post(a, `/tasks/${t!.id}/claim`, { owner: 'on-a' })).status).toBe(200);
      },
    );
    expect(seenByB).toMatch(/"store":"postgres"/);
    expect(seenByB).toMatch(new RegExp(`"task_id":"${t!.id}"[^}]*"type":"claimed","actor":"on-a"`));
    const seenByA = await readEvents(
      `${a.url}api/events`,
      new RegExp(`"task_id":"${t!.id}"[^}]*"type":"completed"`),
      60_000,
      async () => {
        expect((await post(b, `/tasks/${t!.id}/done`, { owner: 'on-a' })).status).toBe(200);
      },
    );
    expect(seenByA).toMatch(new RegExp(`"task_id":"${t!.id}"[^}]*"type":"completed"`));
    // Both see the same board.
    const board = async (s: Served) =>
      ((await (await fetch(`${s.url}api/board`)).json()) as { tasks: Array<{ id: string; status: string }> })
        .tasks;
    expect((await board(a)).find((x) => x.id === t!.id)!.status).toBe('done');
    expect((await board(b)).find((x) => x.id === t!.id)!.status).toBe('done');
  });
});
