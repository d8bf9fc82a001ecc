// Regenerates examples/plans/: plansmith's own output on the shipped samples, for reviewers to read.
// Each sample is copied to a temporary folder (so the samples stay clean), planned, and the plan files
// copied back. Run after `npm run build`: node scripts/examples.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const CLI = join(root, 'dist', 'bin', 'main.js');
const out = join(root, 'examples', 'plans');
const runs = [
  ['node-api', 'feature', ['add password reset by email']],
  ['node-api', 'tasks', ['Let users export their shelves as CSV', '--style', 'tasks']],
  // The log is copied into the sample first: plansmith reads a CI log only from inside the project.
  ['node-api', 'ci', ['--ci-log', 'ci.log'], join(root, 'test', 'fixtures', 'ci', 'vitest-failure.log')],
  ['py-service', 'phased', ['Add a cancel endpoint for orders that are not shipped yet', '--style', 'phased']],
  ['py-service', 'prd', ['Track order history: keep every status change with who made it', '--style', 'prd', '--title', 'Order history']],
  ['xano-workspace', 'xano', ['Nightly batch import of member posts from a partner feed']],
];
rmSync(out, { recursive: true, force: true });
for (const [sample, name, args, log] of runs) {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-example-'));
  // git's tracked files only: whatever a quick-start run left in the sample stays out.
  const rel = `examples/samples/${sample}`;
  const tracked = spawnSync('git', ['ls-files', '-z', '--', rel], { cwd: root, encoding: 'utf8' }).stdout;
  for (const file of tracked.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(dir, file.slice(rel.length + 1))), { recursive: true });
    cpSync(join(root, file), join(dir, file.slice(rel.length + 1)));
  }
  if (log) cpSync(log, join(dir, 'ci.log'));
  const r = spawnSync(process.execPath, [CLI, 'plan', ...args, '--no-interactive'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PLANSMITH_MODEL: '' } });
  if (r.status !== 0) {
    console.error(`${sample} ${name}: failed\n${r.stderr}`);
    process.exit(1);
  }
  const target = join(out, `${sample}-${name}`);
  mkdirSync(target, { recursive: true });
  for (const folder of ['plans', 'requirements']) {
    const from = join(dir, folder);
    try {
      if (statSync(from).isDirectory()) cpSync(from, join(target, folder), { recursive: true });
    } catch {}
  }
  console.log(`${sample} ${name}: ${readdirSync(target).join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
}
