// Many worker processes claim-and-complete one task graph in one store. Optionally a share of them is
// killed with SIGKILL at random moments and restarted; their leases expire and others take over.
// Audits the result from the store's own event log and prints:
//   done more than once · claims before a dependency was done · tasks left undone · throughput.
// The first three must be 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildWorkGraph, openStore } from '../dist/index.js';
import { args, syntheticBatch } from './lib.mjs';

const opt = args({
  workers: 8,
  tasks: 2000,
  db: 'sqlite',
  kill: 0,
  lease: 3,
  workMs: 2,
  pool: 2,
  killWindow: 8,
  baselineWorkers: 8,
});

export async function runConcurrency(o) {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-conc-'));
  let target = join(dir, 'conc.db');
  if (o.db.startsWith('postgres')) {
    target = `${o.db}${o.db.includes('?') ? '&' : '?'}schema=conc_${process.pid}_${Date.now()}`;
  }
  const setup = await openStore({ db: target });
  const created = await setup.createBatch(syntheticBatch(o.tasks, 7));
  const kind = setup.info.kind;
  await setup.close();

  const WORKER = join(import.meta.dirname, 'worker.mjs');
  const t0 = performance.now();
  const toKill = new Set(Array.from({ length: Math.round(o.workers * o.kill) }, (_, i) => i));
  let kills = 0;
  const start = (i, restarted = false) =>
    new Promise((resolve) => {
      const env = { ...process.env, PLANSMITH_PG_POOL: String(o.pool) };
      const child = spawn(
        process.execPath,
        [
          WORKER,
          '--db',
          target,
          '--owner',
          `w${i}${restarted ? 'r' : ''}`,
          '--lease',
          String(o.lease),
          '--work-ms',
          String(o.workMs),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env },
      );
      let out = '';
      // A worker chosen to die is killed at the first claim it reports after a random moment, so it
      // always dies holding a lease that someone else must take over after it expires.
      const killAfter =
        toKill.has(i) && !restarted
          ? performance.now() + 500 + Math.random() * o.killWindow * 1000
          : Infinity;
      child.stdout.on('data', (d) => {
        out += d;
        if (
          performance.now() >= killAfter &&
          child.exitCode === null &&
          !child.killed &&
          /claimed /.test(String(d))
        ) {
          child.kill('SIGKILL');
          kills++;
        }
      });
      child.on('exit', async (code, signal) => {
        if (signal === 'SIGKILL') resolve(await start(i, true));
        else resolve({ code, out: out.trim().split('\n').at(-1) });
      });
    });
  const results = await Promise.all(Array.from({ length: o.workers }, (_, i) => start(i)));
  const seconds = (performance.now() - t0) / 1000;
  const failed = results.filter((r) => r.code !== 0);

  // Audit from the event log.
  const store = await openStore({ db: target });
  const events = [];
  for (let after = 0; ; ) {
    const page = await store.events({ after, limit: 50_000 });
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1].seq;
  }
  const graph = buildWorkGraph(await store.graphNodes());
  const completedAt = new Map();
  const completions = new Map();
  const claims = [];
  for (const e of events) {
    if (e.type === 'completed') {
      completions.set(e.task_id, (completions.get(e.task_id) ?? 0) + 1);
      if (!completedAt.has(e.task_id)) completedAt.set(e.task_id, e.seq);
    } else if (e.type === 'claimed') claims.push(e);
  }
  const doneTwice = [...completions.values()].filter((n) => n > 1).length;
  let orderViolations = 0;
  for (const c of claims) {
    for (const d of graph.deps.get(c.task_id) ?? []) {
      const at = completedAt.get(d);
      if (at === undefined || at > c.seq) orderViolations++;
    }
  }
  const undone = (await store.countTasks()) - (await store.countTasks({ status: 'done' }));
  const expired = events.filter((e) => e.type === 'lease_expired').length;
  await store.close();
  if (kind === 'postgres') {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: o.db });
    await c.connect();
    await c.query(`drop schema if exists "${new URL(target).searchParams.get('schema')}" cascade`);
    await c.end();
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    kind,
    workers: o.workers,
    tasks: created.length,
    seconds,
    throughput: created.length / seconds,
    doneTwice,
    orderViolations,
    undone,
    kills,
    expired,
    workerErrors: failed.length,
  };
}

function report(r) {
  console.log(
    `${r.workers} workers on ${r.kind}, ${r.tasks} tasks${r.kills ? `, ${r.kills} killed with SIGKILL and restarted` : ''}`,
  );
  console.log(`  done more than once:              ${r.doneTwice}`);
  console.log(`  claimed before a dependency done: ${r.orderViolations}`);
  console.log(`  left undone:                      ${r.undone}`);
  console.log(`  leases expired and taken over:    ${r.expired}`);
  console.log(
    `  throughput:                       ${r.throughput.toFixed(0)} tasks/s (${r.seconds.toFixed(1)} s)`,
  );
  if (r.workerErrors) console.log(`  workers that exited with an error: ${r.workerErrors}`);
  return r.doneTwice || r.orderViolations || r.undone || r.workerErrors ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let bad = report(await runConcurrency(opt));
  // Baseline in the same run: the same graph and kill share on SQLite with --baseline-workers workers.
  if (opt.db.startsWith('postgres') && Number(opt.baselineWorkers) > 0) {
    console.log('\nbaseline, same run:');
    bad |= report(await runConcurrency({ ...opt, db: 'sqlite', workers: Number(opt.baselineWorkers) }));
  }
  process.exitCode = bad;
}
