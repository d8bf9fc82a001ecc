// Builds plansmith into a temporary folder and moves the result into dist/ at the end, so a plansmith that
// is running from dist/ meanwhile (an `npm link`ed CLI, an editor's MCP server, a test run) keeps working at
// every moment: no file is ever missing or half-written, because every file arrives by rename.
//
// .build/ mirrors dist/ (same depth, so source maps point at the same sources):
// 1. The library (dist/index.js and its modules) is compiled by tsc into .build/ (package.json's build
//    script) and each file is renamed into dist/.
// 2. The CLI is bundled by esbuild with code splitting into .build/bin/: loading ~300 small ESM files of kysely
//    and zod costs ~200 ms of start-up on a slow machine; a code-split bundle loads in a fraction of that.
//    Native and driver packages stay external. Chunks carry a hash in their names, so the new ones arrive
//    beside the old, then main.js is replaced last. The chunks of the build before stay (a process started
//    from it may still import one lazily); older ones are removed, so they do not pile up.
// 3. The dashboard ships prebuilt: its files are copied as they are (no framework, no bundler, no CDN).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const STAGE = '.build';
const DIST = 'dist';

/** Every file under `dir`, as paths relative to it. */
function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Moves every file of `from` into `to` by rename (atomic per file), those named in `last` at the end. */
function install(from, to, last = []) {
  const all = files(from);
  const order = [...all.filter((f) => !last.includes(f)), ...last.filter((f) => all.includes(f))];
  for (const f of order) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    renameSync(join(from, f), join(to, f));
  }
}

rmSync(join(STAGE, 'bin'), { recursive: true, force: true });
rmSync(join(STAGE, 'dashboard'), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: join(STAGE, 'bin'),
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __plansmithRequire } from 'node:module'; const require = __plansmithRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
cpSync('src/web/assets', join(STAGE, 'dashboard'), { recursive: true });

// Everything is built: now it moves in, file by file, each by rename.
const fresh = files(join(STAGE, 'bin')).filter((f) => f.startsWith('chunks/'));
const pages = new Set(files(join(STAGE, 'dashboard')));
const manifest = join(DIST, 'bin', '.chunks.json');
const before = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).current : [];
install(join(STAGE, 'dashboard'), join(DIST, 'dashboard'));
install(join(STAGE, 'bin'), join(DIST, 'bin'), ['main.js.map', 'main.js']);
install(STAGE, DIST); // the library: what is left
const keep = new Set([...fresh, ...before]);
for (const f of files(join(DIST, 'bin', 'chunks')).map((f) => join('chunks', f)))
  if (!keep.has(f) && statSync(join(DIST, 'bin', f)).isFile()) rmSync(join(DIST, 'bin', f));
for (const f of files(join(DIST, 'dashboard'))) if (!pages.has(f)) rmSync(join(DIST, 'dashboard', f));
writeFileSync(`${manifest}.tmp`, `${JSON.stringify({ current: fresh, previous: before })}\n`);
renameSync(`${manifest}.tmp`, manifest);
rmSync(STAGE, { recursive: true, force: true });
