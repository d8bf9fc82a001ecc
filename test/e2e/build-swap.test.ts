import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The build never breaks a running install (#27): `npm run build` (package.json's script as it is, then
 * scripts/bundle.mjs as it is) runs in a scratch copy of the project with build-probe.mjs loaded into each of
 * its processes. After every file-system change the build makes inside dist/, the probe checks that the CLI
 * still works at that moment (every module main.js imports exists; `--version` runs when main.js itself is
 * replaced) and that a process started from the build before can still import its chunks lazily. A failing
 * build (a type error, a bundling error) changes nothing in dist/. No clock: every change is looked at.
 *
 * The scratch project links the real `src/` and `node_modules/`; its library is a one-file stand-in (the real
 * library takes minutes of tsc on a loaded machine and arrives by the same rename step as the CLI).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const PROBE = join(import.meta.dirname, 'build-probe.mjs');
const REAL = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: { build: string };
};
const PAGES = readdirSync(join(ROOT, 'src', 'web', 'assets'));

interface Probe {
  op: string;
  path: string;
  ran?: boolean;
  problems: string[];
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Every file of `dir` with a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    files(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

function version(dir: string) {
  return spawnSync(process.execPath, [join(dir, 'dist', 'bin', 'main.js'), '--version'], {
    encoding: 'utf8',
  });
}

/**
 * A scratch project whose dist/ is an older build: the real build's CLI with every chunk renamed `old-…`
 * (and the imports that name them), as a different generation of chunks would be, listed as the current
 * generation in the manifest; plus a chunk of a generation before that, which the build should remove.
 */
function scratch(parent: string, name: string, opts: { lib: string; src?: 'real' | 'broken' }): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(ROOT, 'scripts', 'bundle.mjs'), join(dir, 'scripts', 'bundle.mjs'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'plansmith',
      version: REAL.version,
      type: 'module',
      scripts: { build: REAL.scripts.build },
    }),
  );
  writeFileSync(
    join(dir, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: true,
        types: [],
        rootDir: 'lib',
        outDir: 'dist',
      },
      include: ['lib'],
    }),
  );
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'index.ts'), opts.lib);
  if (opts.src === 'broken') {
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    mkdirSync(join(dir, 'src', 'web'), { recursive: true });
    writeFileSync(
      join(dir, 'src', 'cli', 'main.ts'),
      'import { nothing } from "./no-such-module.js";\nnothing(;\n',
    );
    symlinkSync(join(ROOT, 'src', 'web', 'assets'), join(dir, 'src', 'web', 'assets'));
  } else symlinkSync(join(ROOT, 'src'), join(dir, 'src'));

  const bin = join(dir, 'dist', 'bin');
  cpSync(join(ROOT, 'dist', 'bin'), bin, { recursive: true });
  cpSync(join(ROOT, 'dist', 'dashboard'), join(dir, 'dist', 'dashboard'), { recursive: true });
  rmSync(join(bin, '.chunks.json'), { force: true });
  const chunks = readdirSync(join(bin, 'chunks'));
  const modules = chunks.filter((c) => c.endsWith('.js'));
  for (const f of ['main.js', ...modules.map((m) => join('chunks', m))]) {
    let text = readFileSync(join(bin, f), 'utf8');
    for (const m of modules) text = text.split(`/${m}"`).join(`/old-${m}"`);
    writeFileSync(join(bin, f), text);
  }
  for (const c of chunks) renameSync(join(bin, 'chunks', c), join(bin, 'chunks', `old-${c}`));
  writeFileSync(
    join(bin, '.chunks.json'),
    JSON.stringify({ current: chunks.map((c) => `chunks/old-${c}`), previous: [] }),
  );
  writeFileSync(join(bin, 'chunks', 'ancient-AAAAAAAA.js'), 'export const gone = true;\n');
  return dir;
}

/** Runs `npm run build` in `dir` with the probe in every node process it starts. */
function buildWithProbe(dir: string) {
  const log = join(dir, 'probe.jsonl');
  writeFileSync(log, '');
  const oldMain = join(dir, 'old-main.js');
  cpSync(join(dir, 'dist', 'bin', 'main.js'), oldMain);
  const r = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(PROBE).href}`.trim(),
      PROBE_DIST: join(dir, 'dist'),
      PROBE_LOG: log,
      PROBE_OLD_MAIN: oldMain,
      PROBE_PAGES: PAGES.join(','),
      PROBE_VERSION: REAL.version,
      npm_config_update_notifier: 'false',
    },
  });
  const probes = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Probe);
  return { code: r.status, output: `${r.stdout}${r.stderr}`, probes, oldMain };
}

describe('the build never breaks a running install (npm run build, probed at every change)', () => {
  let parent: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'bin', 'main.js'))) throw new Error('run `npm run build` first');
    parent = mkdtempSync(join(tmpdir(), 'plansmith-build-'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('a build that succeeds: the CLI and the build before stay whole after every single change in dist/', () => {
    const dir = scratch(parent, 'ok', { lib: 'export const answer: number = 42;\n' });
    expect(version(dir).stdout.trim(), 'the older build runs before the build').toBe(REAL.version);

    const { code, output, probes } = buildWithProbe(dir);
    expect(code, output).toBe(0);

    // The probe saw the whole swap: every new chunk, the dashboard, main.js replaced (and run), the
    // manifest, the chunk of two builds ago removed.
    const fresh = files(join(dir, 'dist', 'bin', 'chunks')).filter((c) => !c.startsWith('old-'));
    expect(fresh.length).toBeGreaterThan(10);
    const seen = new Set(probes.map((p) => p.path));
    for (const c of fresh) expect(seen, c).toContain(join('bin', 'chunks', c));
    for (const p of PAGES) expect(seen, p).toContain(join('dashboard', p));
    expect(probes.filter((p) => p.path === join('bin', 'main.js') && p.op === 'rename')).toHaveLength(1);
    expect(probes.find((p) => p.path === join('bin', 'main.js'))?.ran).toBe(true);
    expect(probes).toContainEqual(
      expect.objectContaining({ op: 'rm', path: 'bin/chunks/ancient-AAAAAAAA.js' }),
    );
    expect(probes).toContainEqual(expect.objectContaining({ op: 'rename', path: 'bin/.chunks.json.tmp' }));

    // … and at none of those moments was anything missing.
    expect(probes.filter((p) => p.problems.length > 0)).toEqual([]);

    // After the build: the new CLI runs, the build before keeps its chunks, two builds ago is gone, the
    // library arrived, the dashboard is the source's.
    expect(version(dir).stdout.trim()).toBe(REAL.version);
    const manifest = JSON.parse(readFileSync(join(dir, 'dist', 'bin', '.chunks.json'), 'utf8'));
    expect(manifest.previous.length).toBeGreaterThan(10);
    expect(manifest.previous.every((c: string) => c.startsWith('chunks/old-'))).toBe(true);
    for (const c of manifest.previous) expect(existsSync(join(dir, 'dist', 'bin', c)), c).toBe(true);
    expect(manifest.current.sort()).toEqual(fresh.map((c) => `chunks/${c}`));
    expect(existsSync(join(dir, 'dist', 'bin', 'chunks', 'ancient-AAAAAAAA.js'))).toBe(false);
    expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toMatch(/answer = 42/);
    expect(files(join(dir, 'dist', 'dashboard'))).toEqual([...PAGES].sort());
    expect(existsSync(join(dir, '.build'))).toBe(false);
  });

  it('a build that fails type-checking changes nothing in dist/', () => {
    const dir = scratch(parent, 'type-error', { lib: "export const answer: number = 'forty-two';\n" });
    const before = snapshot(join(dir, 'dist'));
    const { code, output, probes } = buildWithProbe(dir);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/TS2322/);
    expect(probes).toEqual([]);
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    expect(version(dir).stdout.trim()).toBe(REAL.version);
  });

  it('a build that fails bundling changes nothing in dist/', () => {
    const dir = scratch(parent, 'bundle-error', {
      lib: 'export const answer: number = 42;\n',
      src: 'broken',
    });
    const before = snapshot(join(dir, 'dist'));
    const { code, output, probes } = buildWithProbe(dir);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/src\/cli\/main\.ts/);
    expect(probes).toEqual([]);
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    expect(version(dir).stdout.trim()).toBe(REAL.version);
  });
});
