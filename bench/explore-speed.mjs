// Explorer speed on large trees. For each tree, timed in the same run:
//   git ls-files            the floor for listing a git work tree
//   read every listed file  the floor for reading it all (fs.readFileSync of each)
//   plansmith inventory     list + stat + classify
//   plansmith explore       inventory + read + profile + conventions
//   explore --for           … + symbols + BM25F index and ranking
// Trees: generated git repositories of --sizes files (cached under bench/out/), and any --trees DIRS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explore } from '../dist/explore/explore.js';
import { inventory } from '../dist/explore/inventory.js';
import { args, mb, PeakMemory, rng } from './lib.mjs';

const opt = args({ sizes: '50000,100000', trees: '', out: join(import.meta.dirname, 'out') });

function generate(n) {
  const root = join(opt.out, `gen-${n}`);
  if (
    existsSync(join(root, '.git')) &&
    execFileSync('git', ['-C', root, 'rev-list', '-n1', '--all'], { encoding: 'utf8' }).trim()
  )
    return root;
  rmSync(root, { recursive: true, force: true });
  const rand = rng(n);
  const words = [
    'order',
    'invoice',
    'user',
    'session',
    'payment',
    'report',
    'cache',
    'queue',
    'search',
    'export',
    'account',
    'shipment',
  ];
  const w = () => words[Math.floor(rand() * words.length)];
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: `gen-${n}`, scripts: { test: 'vitest run' }, devDependencies: { vitest: '1' } }),
  );
  for (let i = 0; i < n; i++) {
    const pkg = `packages/pkg-${Math.floor(i / 500)}`;
    const kind = i % 10 === 0 ? 'tests' : 'src';
    const name = `${w()}-${w()}-${i}`;
    const dir = join(root, pkg, kind);
    if (i % 500 === 0 || i % 500 === 1) mkdirSync(dir, { recursive: true });
    const a = w();
    const b = w();
    const body = `import { helper } from './util';\n\n/** Handles the ${a} of a ${b}. */\nexport function ${a}${b[0].toUpperCase()}${b.slice(1)}${i}(input: string): string {\n  const value = helper(input);\n  if (!value) throw new Error('no ${a} for ${b}');\n  return value.trim();\n}\n\nexport class ${a[0].toUpperCase()}${a.slice(1)}Store${i} {\n  private items = new Map<string, string>();\n  put(key: string, v: string) { this.items.set(key, v); }\n  get(key: string) { return this.items.get(key); }\n}\n`;
    writeFileSync(join(dir, kind === 'tests' ? `${name}.test.ts` : `${name}.ts`), body);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync(
    'git',
    ['-c', 'user.name=bench', '-c', 'user.email=bench@local', 'commit', '-qm', 'generated'],
    { cwd: root, maxBuffer: 1 << 30 },
  );
  // Packed, as every cloned repository is (50k loose objects would measure the disk, not the tool).
  execFileSync('git', ['gc', '-q'], { cwd: root });
  return root;
}

const time = (fn) => {
  const t0 = performance.now();
  const v = fn();
  return [performance.now() - t0, v];
};
const rate = (n, ms) => `${Math.round((n / ms) * 1000).toLocaleString('en')} files/s`;

const trees = opt.sizes
  .split(',')
  .filter(Boolean)
  .map((n) => generate(Number(n)));
if (opt.trees) trees.push(...opt.trees.split(','));
for (const root of trees) {
  global.gc?.();
  const [gitMs, listed] = time(() =>
    execFileSync('git', ['-C', root, 'ls-files', '-z'], { maxBuffer: 1 << 30 })
      .toString()
      .split('\0')
      .filter(Boolean),
  );
  // What an inventory must list: tracked and untracked-not-ignored files (git walks the tree for the latter).
  const [gitAllMs] = time(() =>
    execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      maxBuffer: 1 << 30,
    }),
  );
  const [readMs] = time(() => {
    let bytes = 0;
    for (const f of listed) {
      try {
        bytes += readFileSync(join(root, f)).length;
      } catch {}
    }
    return bytes;
  });
  const [invMs, inv] = time(() => inventory(root));
  const mem = new PeakMemory();
  const [expMs] = time(() => explore(root));
  const [forMs, r] = time(() =>
    explore(root, { for: 'export the invoice report as CSV when the queue drains' }),
  );
  const peak = mem.stop();
  console.log(`\n== ${root}: ${listed.length} tracked files (${inv.files.length} kept)`);
  console.log(`  git ls-files              ${Math.round(gitMs)} ms  (${rate(listed.length, gitMs)})`);
  console.log(`  git ls-files --others too ${Math.round(gitAllMs)} ms  (tracked + untracked, not ignored)`);
  console.log(`  read every tracked file   ${Math.round(readMs)} ms  (${rate(listed.length, readMs)})`);
  console.log(
    `  plansmith inventory       ${Math.round(invMs)} ms  (${rate(listed.length, invMs)}; ${(invMs / gitMs).toFixed(1)}× git ls-files, ${(invMs / gitAllMs).toFixed(1)}× with --others)`,
  );
  console.log(`  plansmith explore         ${Math.round(expMs)} ms  (${rate(listed.length, expMs)})`);
  console.log(
    `  plansmith explore --for   ${Math.round(forMs)} ms  (${rate(listed.length, forMs)}; top: ${r.relevance.relevantFiles[0]?.path})`,
  );
  console.log(`  peak memory               ${mb(peak)}`);
}
