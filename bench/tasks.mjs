// Task graph operations on synthetic graphs of 1k, 10k and 100k tasks, in one store each.
// Baseline in the same run: how a file-based tracker answers `next` — load every task and scan for the
// first whose dependencies are done — timed over the same data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/index.js';
import { args, f, mb, PeakMemory, samples, syntheticBatch, time } from './lib.mjs';

const opt = args({ sizes: '1000,10000,100000', db: 'sqlite', cycles: 300, cli: 10 });
const CLI = join(import.meta.dirname, '..', 'dist', 'bin', 'main.js');

for (const n of opt.sizes.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-bench-'));
  const file = join(dir, 'bench.db');
  let target = file;
  if (opt.db.startsWith('postgres')) {
    const schema = `bench_${process.pid}_${n}`;
    target = `${opt.db}${opt.db.includes('?') ? '&' : '?'}schema=${schema}`;
  }
  const mem = new PeakMemory();
  const store = await openStore({ db: target });
  const batch = syntheticBatch(n);
  const created = await time(() => store.createBatch(batch));
  const total = created.value.length;
  console.log(`\n== ${total} tasks (${store.info.kind})`);
  console.log(
    `batch create (one call)   ${f(created.ms)} ms  (${Math.round((total / created.ms) * 1000)} tasks/s)`,
  );

  const listAll = await time(() => store.listTasks());
  console.log(`list all                  ${f(listAll.ms)} ms`);
  const page = await samples(20, () => store.listTasks({ limit: 50, offset: 1000 % total }));
  console.log(`list page of 50           median ${f(page.median)} ms`);

  // Work a third of the way through so `next` answers from the middle of the graph.
  for (let i = 0; i < Math.min(Math.floor(total / 3), 2000); i++) {
    const t = await store.claim({ owner: 'bench' });
    if (!t) break;
    await store.complete(t.id);
  }
  const next = await samples(200, () => store.next());
  console.log(`next (in process)         median ${f(next.median)} ms, p95 ${f(next.p95)} ms`);
  const nextFiltered = await samples(50, () =>
    store.next({ kind: 'implement', skill_id: 'bench/skills/dev' }),
  );
  console.log(`next --skill --kind       median ${f(nextFiltered.median)} ms`);

  // Baseline: the file-tracker way (read everything, scan for the first ready task).
  const baseline = await samples(5, async () => {
    const all = await store.listTasks();
    const status = new Map(all.map((t) => [t.id, t.status]));
    return all.find(
      (t) =>
        t.status === 'pending' &&
        t.subtask_count === 0 &&
        t.dependencies.every((d) => status.get(d) === 'done'),
    );
  });
  console.log(`  baseline: load all + scan  median ${f(baseline.median)} ms`);

  let done = 0;
  const cycle = await samples(opt.cycles, async () => {
    const t = await store.claim({ owner: 'bench' });
    if (t) {
      await store.complete(t.id);
      done++;
    }
  });
  console.log(
    `claim+done cycle          median ${f(cycle.median)} ms, p95 ${f(cycle.p95)} ms  (${Math.round(1000 / cycle.median)} cycles/s, ${done} done)`,
  );

  const nodes = await time(() => store.graphNodes());
  const { buildWorkGraph, computeWaves, computeCriticalPath } = await import('../dist/index.js');
  const waves = await time(() => computeWaves(buildWorkGraph(nodes.value)));
  const cp = await time(() => computeCriticalPath(buildWorkGraph(nodes.value)));
  console.log(`graph load                ${f(nodes.ms)} ms`);
  console.log(`waves (ready-set layers)  ${f(waves.ms)} ms  (${waves.value.waves.length} waves)`);
  console.log(
    `critical path             ${f(cp.ms)} ms  (${cp.value.path.length} tasks, ${cp.value.total_minutes} min)`,
  );
  const validate = await time(() => store.validate());
  console.log(
    `validate whole store      ${f(validate.ms)} ms  (${validate.value.filter((x) => x.severity === 'error').length} errors)`,
  );
  await store.close();
  console.log(`peak memory (this process) ${mb(mem.stop())}`);

  if (opt.cli > 0 && !opt.db.startsWith('postgres')) {
    const runs = await samples(opt.cli, () =>
      spawnSync(process.execPath, [CLI, 'tasks', 'next', '--json', '--db', file], { encoding: 'utf8' }),
    );
    const hello = await samples(opt.cli, () => spawnSync(process.execPath, ['-e', '0']));
    console.log(
      `plansmith tasks next (whole process)  median ${f(runs.median)} ms  (node -e 0: ${f(hello.median)} ms)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
