// `plansmith tasks list --json` on a 100k-task graph: wall time and peak memory of the whole process, for
// the streamed listing against the same command on the previous build (--before <dist/bin/main.js>), and
// against Taskmaster's `list` on the same graph when it is installed (--taskmaster <dir with node_modules>).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../dist/index.js';
import { args, syntheticBatch } from './lib.mjs';

const opt = args({ tasks: 100000, before: '', taskmaster: '', runs: 2 });
const CLI = join(import.meta.dirname, '..', 'dist', 'bin', 'main.js');
const before = opt.before ? resolve(opt.before) : '';

/**
 * The same graph in a project of its own, built by a build's own library (its dist/index.js beside
 * bin/main.js): a build refuses a database a newer one has migrated.
 */
async function project(open) {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-bench-list-'));
  mkdirSync(join(dir, '.plansmith'));
  const db = join(dir, '.plansmith', 'plansmith.db');
  const store = await open({ db });
  // Batches are bounded (10k tasks): the graph is built from batches of that size, each a connected graph.
  for (let made = 0; made < opt.tasks; made += 10000)
    await store.createBatch(syntheticBatch(Math.min(10000, opt.tasks - made), made + 1));
  const total = await store.countTasks();
  await store.close();
  return { dir, db, total };
}
const { dir, db, total } = await project(openStore);
const old = before
  ? await project((await import(pathToFileURL(join(dirname(before), '..', 'index.js')).href)).openStore)
  : null;

/** Runs a command under GNU time: seconds and peak RSS (MB), stdout to a file (its size says it all came). */
function measure(label, cmd, argv, cwd, env = {}) {
  const out = join(dir, 'out.json');
  const results = [];
  for (let i = 0; i < opt.runs; i++) {
    for (const f of ['copy-now.db', 'copy-before.db']) rmSync(join(cwd, f), { force: true });
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', `"$0" "$@" > ${out}`, cmd, ...argv], {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const m = /([\d.]+) (\d+)\s*$/.exec(r.stderr.trim());
    if (r.status !== 0 || !m) {
      console.log(`${label.padEnd(34)} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      return;
    }
    results.push({ s: Number(m[1]), mb: Number(m[2]) / 1024 });
  }
  const best = results.sort((a, b) => a.s - b.s)[0];
  const size = spawnSync('wc', ['-c', out], { encoding: 'utf8' }).stdout.trim().split(' ')[0];
  console.log(
    `${label.padEnd(34)} ${best.s.toFixed(2)} s, peak ${best.mb.toFixed(0)} MB, ${(Number(size) / 1e6).toFixed(0)} MB of output`,
  );
  return best;
}

console.log(`== ${total} tasks (SQLite), best of ${opt.runs}`);
const now = measure('plansmith tasks list --json', process.execPath, [CLI, 'tasks', 'list', '--json'], dir);
const then = old
  ? measure('previous build, same command', process.execPath, [before, 'tasks', 'list', '--json'], old.dir)
  : null;
measure('plansmith tasks list (text)', process.execPath, [CLI, 'tasks', 'list'], dir);
// db copy streams too: from the store into a fresh file, then read back and compared page by page.
const copy = (label, cli, at, n) =>
  measure(
    label,
    process.execPath,
    [cli, 'db', 'copy', '--from', at.db, '--to', join(at.dir, `copy-${n}.db`)],
    at.dir,
  );
copy('plansmith db copy (100k → new file)', CLI, { dir, db }, 'now');
if (old) copy('previous build, same copy', before, old, 'before');

if (opt.taskmaster) {
  // The same graph in Taskmaster's file: ids 1…n, dependencies by id, subtasks inline.
  const tm = mkdtempSync(join(tmpdir(), 'taskmaster-bench-'));
  mkdirSync(join(tm, '.taskmaster', 'tasks'), { recursive: true });
  const batch = [];
  for (let made = 0; made < opt.tasks; made += 10000) {
    const part = syntheticBatch(Math.min(10000, opt.tasks - made), made + 1);
    const base = batch.length;
    batch.push(
      ...part.map((t) => ({
        ...t,
        dependencies: t.dependencies.map((d) => `$${Number(d.slice(1)) + base}`),
      })),
    );
  }
  const tasks = batch.map((t, i) => ({
    id: i + 1,
    title: t.task_name,
    description: t.task_name,
    details: '',
    testStrategy: '',
    status: 'pending',
    priority: 'medium',
    dependencies: t.dependencies.map((d) => Number(d.slice(1))),
    subtasks: (t.subtasks ?? []).map((s, j) => ({
      id: j + 1,
      title: s.task_name,
      description: '',
      details: '',
      status: 'pending',
      dependencies: [],
    })),
  }));
  writeFileSync(
    join(tm, '.taskmaster', 'tasks', 'tasks.json'),
    JSON.stringify({ master: { tasks, metadata: { created: new Date().toISOString() } } }),
  );
  writeFileSync(join(tm, '.taskmaster', 'config.json'), JSON.stringify({ global: { logLevel: 'silent' } }));
  const bin = join(opt.taskmaster, 'node_modules', '.bin', 'task-master');
  if (!existsSync(bin)) console.log(`no Taskmaster at ${bin}`);
  else {
    const them = measure('Taskmaster 0.43.1 list --format json', bin, ['list', '--format', 'json'], tm);
    if (now && them) console.log(`plansmith / Taskmaster time: ${(now.s / them.s).toFixed(2)} (goal ≤ 0.20)`);
    if (then && them) console.log(`previous build / Taskmaster time: ${(then.s / them.s).toFixed(2)}`);
  }
  rmSync(tm, { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });
if (old) rmSync(old.dir, { recursive: true, force: true });
