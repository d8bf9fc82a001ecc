// `plansmith plan` (the whole CLI process, offline) on real repositories: the localization dev set's
// trees at their base commits, with the real issue text as the requirement. Prints, per run and overall:
// time (median, p90), files in the tree, whether lint passed, and whether every file to modify exists
// and no file to create does. Cleans up what it writes (plans/, .plansmith/).
//   npm run bench -- plan-real --set dev-python --trees /work/loc/py --limit 24
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { args } from './lib.mjs';

const opt = args({
  set: 'dev-python',
  trees: '',
  limit: 24,
  data: join(import.meta.dirname, '..', '..', 'shared', 'bench', 'localization'),
});
if (!opt.trees) {
  console.error('give --trees <folder of materialized cases> (see bench/localization.mjs)');
  process.exit(2);
}
const CLI = join(import.meta.dirname, '..', 'dist', 'bin', 'main.js');
const cases = readFileSync(join(opt.data, `${opt.set}.jsonl`), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((c) => existsSync(join(opt.trees, c.instance_id)));
// Spread over the repositories: round-robin by repo.
const byRepo = new Map();
for (const c of cases) byRepo.set(c.repo, [...(byRepo.get(c.repo) ?? []), c]);
const picked = [];
for (let i = 0; picked.length < Math.min(opt.limit, cases.length); i++)
  for (const list of byRepo.values()) if (list[i] && picked.length < opt.limit) picked.push(list[i]);

const times = [];
let lintOk = 0;
let modifyOk = 0;
let createOk = 0;
let failures = 0;
for (const c of picked) {
  const root = join(opt.trees, c.instance_id);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [CLI, 'plan', '-', '--no-interactive', '--json', '-C', root, '--title', c.instance_id],
    {
      input: c.problem_statement,
      encoding: 'utf8',
      env: { ...process.env, PLANSMITH_MODEL: '' },
      maxBuffer: 1 << 28,
    },
  );
  const ms = performance.now() - t0;
  let line = `${c.instance_id.padEnd(34)} ${String(Math.round(ms)).padStart(5)} ms`;
  if (r.status !== 0 && r.status !== 1) {
    failures++;
    console.log(`${line}  FAILED: ${r.stderr.split('\n').find((l) => l.startsWith('plansmith:'))}`);
  } else {
    const o = JSON.parse(r.stdout);
    times.push(ms);
    const modify = o.plan.phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    const create = o.plan.phases
      .flatMap((p) => p.steps.flatMap((s) => s.files_to_create.map((f) => f.path)))
      .filter((p) => !o.files.includes(p));
    const mOk = modify.every((p) => existsSync(join(root, p)));
    const cOk = create.every((p) => !existsSync(join(root, p)));
    lintOk += o.lint.ok ? 1 : 0;
    modifyOk += mOk ? 1 : 0;
    createOk += cOk ? 1 : 0;
    line += `  lint ${o.lint.ok ? 'ok' : `${o.lint.findings.filter((f) => f.severity === 'error').length} errors`}  modify ${modify.length} ${mOk ? 'all exist' : 'MISSING'}  create ${create.length}  ${o.plan.analysis.work_type}`;
    console.log(line);
  }
  rmSync(join(root, 'plans'), { recursive: true, force: true });
  rmSync(join(root, 'requirements'), { recursive: true, force: true });
  rmSync(join(root, '.plansmith'), { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const n = times.length;
console.log(
  `\n${n} plans on ${byRepo.size} repositories (${failures} failed): median ${Math.round(times[Math.floor(n / 2)])} ms, p90 ${Math.round(times[Math.floor(n * 0.9)])} ms`,
);
console.log(
  `lint passed: ${lintOk}/${n}; every file to modify exists: ${modifyOk}/${n}; no file to create exists: ${createOk}/${n}`,
);
