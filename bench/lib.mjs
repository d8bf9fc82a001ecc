// Shared helpers for the benchmarks: argument parsing, a seeded random graph, timing and memory, a plan.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * The options of a benchmark, over its defaults. `--help` prints the script's opening comment (its usage)
 * and exits; an option it does not know is refused before anything runs (a typo, or `--help` read as a
 * flag, once started a default run of the precedent bench that mined every set, held-out ones included).
 */
export function args(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  const flag = (k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      const head = readFileSync(process.argv[1], 'utf8').split('\n');
      const from = head[0]?.startsWith('#!') ? 1 : 0;
      const usage = [];
      for (const line of head.slice(from)) {
        if (!line.startsWith('//')) break;
        usage.push(line.replace(/^\/\/ ?/, ''));
      }
      console.log(usage.join('\n') || `options: ${Object.keys(defaults).map(flag).join(' ')}`);
      process.exit(0);
    }
    if (!a.startsWith('--')) continue;
    const key = a.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!Object.hasOwn(defaults, key)) {
      console.error(`unknown option ${a} (known: ${Object.keys(defaults).map(flag).join(' ')}; --help)`);
      process.exit(2);
    }
    const v = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    out[key] = typeof defaults[key] === 'number' ? Number(v) : v;
  }
  return out;
}

/** mulberry32: a small seeded PRNG so every run builds the same graph. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A create_tasks_batch document of about n tasks: each top-level task depends on 0–3 random earlier
 * ones (mostly near it, sometimes far back), and every 25th is a parent with three inline sub-tasks.
 */
export function syntheticBatch(n, seed = 42) {
  const rand = rng(seed);
  const tasks = [];
  let count = 0;
  while (count < n) {
    const i = tasks.length + 1;
    const deps = new Set();
    const k = i === 1 ? 0 : Math.floor(rand() * 4);
    for (let j = 0; j < k; j++) {
      const back =
        rand() < 0.8 ? 1 + Math.floor(rand() * Math.min(20, i - 1)) : 1 + Math.floor(rand() * (i - 1));
      deps.add(`$${i - back}`);
    }
    const task = {
      task_name: `task ${i}`,
      skill_id: 'bench/skills/dev',
      estimate_minutes: 5 + Math.floor(rand() * 60),
      dependencies: [...deps],
    };
    count++;
    if (i % 25 === 0 && count + 3 <= n) {
      task.subtasks = [1, 2, 3].map((s) => ({ task_name: `task ${i}.${s}` }));
      count += 3;
    }
    tasks.push(task);
  }
  return tasks;
}

export async function time(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function samples(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  out.sort((a, b) => a - b);
  return { median: out[Math.floor(out.length / 2)], p95: out[Math.floor(out.length * 0.95)], n };
}

export class PeakMemory {
  constructor() {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 20);
    this.timer.unref();
  }
  stop() {
    clearInterval(this.timer);
    return Math.max(this.peak, process.resourceUsage().maxRSS * 1024);
  }
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const f = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

/**
 * `plansmith plan` with the offline engine as a whole process on a tree, the requirement on stdin: the
 * parsed `--json` outcome (null when it printed none) and the first line it wrote to stderr.
 */
export function offlinePlan(cli, root, requirement, timeout = 180_000) {
  const r = spawnSync(process.execPath, [cli, 'plan', '-', '--no-interactive', '--json', '-C', root], {
    input: requirement,
    encoding: 'utf8',
    env: { ...process.env, PLANSMITH_MODEL: '' },
    maxBuffer: 1 << 28,
    timeout,
  });
  let out = null;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    out = null;
  }
  return { out, error: (r.stderr || '').split('\n').find((l) => l.trim()) ?? `exit ${r.status}` };
}
