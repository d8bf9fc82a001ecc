// Loaded with `node --import` into every process of a build (npm, tsc, scripts/bundle.mjs) by
// build-swap.test.ts. After each file-system change that touches PROBE_DIST, it checks that the install in
// PROBE_DIST still works at that moment, and appends one JSON line per change to PROBE_LOG:
// - every module that dist/bin/main.js imports, statically or lazily, transitively, exists (a missing one is
//   the MODULE_NOT_FOUND a running plansmith would die of);
// - the same for the main.js of the build before (PROBE_OLD_MAIN, its text as a running process loaded it):
//   a process started from it may still import one of its chunks lazily;
// - every file of the dashboard (PROBE_PAGES, comma-separated) exists;
// - when the change is main.js itself, `node dist/bin/main.js --version` runs and prints PROBE_VERSION.
// No clock is involved: the check runs between one change and the next, so every moment is looked at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const DIST = resolve(process.env.PROBE_DIST ?? '');
const LOG = process.env.PROBE_LOG ?? '';
const MAIN = join(DIST, 'bin', 'main.js');
const real = {
  appendFileSync: fs.appendFileSync,
  existsSync: fs.existsSync,
  readFileSync: fs.readFileSync,
  statSync: fs.statSync,
};

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/** What a module's text imports by relative path, resolved beside `at`. */
const importsOf = (at, text) => [...text.matchAll(IMPORT)].map((m) => resolve(dirname(at), m[1]));

/** A module's imports, read once per version of the file (chunks are named by their content's hash). */
const cache = new Map();
function importsOfFile(file) {
  const st = real.statSync(file);
  const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.imports;
  const imports = importsOf(file, real.readFileSync(file, 'utf8'));
  cache.set(file, { key, imports });
  return imports;
}

/** The modules that `text` (a module at `file`) imports, transitively, that do not exist. */
function missingFrom(file, text) {
  const missing = [];
  const seen = new Set();
  const walk = (targets) => {
    for (const target of targets) {
      if (seen.has(target)) continue;
      seen.add(target);
      if (!real.existsSync(target)) missing.push(relative(DIST, target));
      else walk(importsOfFile(target));
    }
  };
  walk(importsOf(file, text));
  return missing;
}

function check(op, path) {
  const problems = [];
  if (!real.existsSync(MAIN)) problems.push('bin/main.js is missing');
  else problems.push(...missingFrom(MAIN, real.readFileSync(MAIN, 'utf8')).map((f) => `missing ${f}`));
  const old = process.env.PROBE_OLD_MAIN;
  if (old)
    problems.push(
      ...missingFrom(MAIN, real.readFileSync(old, 'utf8')).map((f) => `the build before misses ${f}`),
    );
  for (const page of (process.env.PROBE_PAGES ?? '').split(',').filter(Boolean))
    if (!real.existsSync(join(DIST, 'dashboard', page))) problems.push(`dashboard/${page} is missing`);
  let ran;
  if (resolve(path) === MAIN) {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const r = spawnSync(process.execPath, [MAIN, '--version'], { encoding: 'utf8', env });
    ran = r.status === 0 && r.stdout.trim() === process.env.PROBE_VERSION;
    if (!ran) problems.push(`--version: exit ${r.status}: ${r.stdout}${r.stderr}`.slice(0, 400));
  }
  real.appendFileSync(LOG, `${JSON.stringify({ op, path: relative(DIST, resolve(path)), ran, problems })}\n`);
}

const inside = (p) => {
  if (typeof p !== 'string' && !(p instanceof URL)) return false;
  const rel = relative(DIST, resolve(p instanceof URL ? p.pathname : p));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

if (process.env.PROBE_DIST && LOG) {
  for (const name of [
    'renameSync',
    'rmSync',
    'unlinkSync',
    'rmdirSync',
    'writeFileSync',
    'appendFileSync',
    'copyFileSync',
    'cpSync',
    'truncateSync',
    'symlinkSync',
  ]) {
    const original = fs[name];
    fs[name] = function probed(...args) {
      const out = original.apply(this, args);
      const touched = args.slice(0, 2).find(inside);
      if (touched !== undefined) check(name.replace(/Sync$/, ''), String(touched));
      return out;
    };
  }
  syncBuiltinESMExports();
}
