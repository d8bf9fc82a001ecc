import { parse as parseYaml } from 'yaml';
import { stepDirectory } from '../../explore/profile/ci.js';
import { programOf } from './command-kinds.js';
import type { CheckContext } from './context.js';
import { packageJson, packageRun, scriptsOf, workspaces } from './scripts.js';
import { joinDir, parseCommand, type SimpleCommand } from './shell.js';

/**
 * Whether a simple command is one the project has: a package script (in the folder or workspace it runs
 * in), a Makefile/justfile/Taskfile/pixi/tox/nox target, a CI step, or a tool the project declares or
 * configures. Returns why not, with what would pass, or null.
 */

/**
 * Every `run:` line of the project's GitHub workflows, trimmed, with the folder its step runs in (`dir`,
 * from `working-directory`) when that is not the root.
 */
export function ciLines(ctx: CheckContext): Array<{ text: string; cite: string; dir?: string }> {
  return ctx.memo('ci-lines', () => {
    const out: Array<{ text: string; cite: string; dir?: string }> = [];
    for (const e of ctx.list('.github/workflows')) {
      if (!/\.ya?ml$/.test(e.name)) continue;
      const file = `.github/workflows/${e.name}`;
      const text = ctx.read(file) ?? '';
      const dirs = stepDirs(text);
      const push = (t: string, i: number) => {
        const dir = dirs.get(t);
        out.push({ text: t, cite: `${file}:${i + 1}`, ...(dir ? { dir } : {}) });
      };
      let inRun = -1;
      text.split('\n').forEach((l, i) => {
        const m = /^(\s*)-?\s*run:\s*(.*)$/.exec(l);
        if (m) {
          const v = m[2]!.trim();
          if (v && !/^[|>][-+]?$/.test(v)) push(v.replace(/^["']|["']$/g, ''), i);
          else inRun = m[1]!.length;
          return;
        }
        if (inRun >= 0) {
          const indent = /^\s*/.exec(l)![0].length;
          if (l.trim() && indent <= inRun) inRun = -1;
          else if (l.trim()) push(l.trim(), i);
        }
      });
    }
    return out;
  });
}

/** The lines of each step that runs in a folder other than the root, to that folder ('' when unknown). */
function stepDirs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let doc: Parameters<typeof stepDirectory>[0];
  try {
    doc = parseYaml(text) as typeof doc;
  } catch {
    return out;
  }
  for (const job of Object.values(doc?.jobs ?? {}))
    for (const step of job?.steps ?? []) {
      if (typeof step?.run !== 'string') continue;
      const dir = stepDirectory(doc, job, step);
      if (dir === '.') continue;
      for (const l of step.run.split('\n')) if (l.trim()) out.set(l.trim(), dir ?? '');
    }
  return out;
}

function pythonText(ctx: CheckContext): string {
  return ctx.memo('python-text', () =>
    [
      'pyproject.toml',
      'setup.cfg',
      'tox.ini',
      'pytest.ini',
      'noxfile.py',
      '.pre-commit-config.yaml',
      'pixi.toml',
      'requirements.txt',
      'requirements-dev.txt',
      'requirements/dev.txt',
      'requirements/test.txt',
      'requirements/tests.txt',
      'Pipfile',
      'environment.yml',
    ]
      .map((p) => ctx.read(p))
      .filter(Boolean)
      .join('\n'),
  );
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Python tool's own configuration file: the project configures that tool (`.flake8`, `mypy.ini`). */
const TOOL_CONFIG: Record<string, string[]> = {
  flake8: ['.flake8'],
  mypy: ['mypy.ini', '.mypy.ini'],
  ruff: ['ruff.toml', '.ruff.toml'],
  pylint: ['.pylintrc', 'pylintrc'],
  isort: ['.isort.cfg'],
  coverage: ['.coveragerc'],
  pyright: ['pyrightconfig.json'],
};

function nodeDeps(ctx: CheckContext, dir: string): Set<string> {
  const out = new Set<string>();
  for (const d of new Set([dir, '.'])) {
    const p = packageJson(ctx, d) as Record<string, Record<string, string>> | null;
    for (const k of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'])
      for (const name of Object.keys(p?.[k] ?? {})) out.add(name);
  }
  return out;
}

/** The bins a package provides under a different name (`@playwright/test` → playwright). */
const BIN_OF: Record<string, string> = {
  '@playwright/test': 'playwright',
  typescript: 'tsc',
  '@biomejs/biome': 'biome',
  '@vitest/ui': 'vitest',
  'ts-node': 'ts-node',
  '@angular/cli': 'ng',
  'npm-run-all': 'run-s',
  'npm-run-all2': 'run-s',
};

function hasBin(ctx: CheckContext, dir: string, bin: string): boolean {
  // The package's own bin (mocha's repository runs `mocha` from bin/).
  for (const d of new Set([dir, '.'])) {
    const own = packageJson(ctx, d);
    if (own?.name === bin || (own?.bin && typeof own.bin === 'object' && bin in (own.bin as object)))
      return true;
  }
  const deps = nodeDeps(ctx, dir);
  if (deps.has(bin)) return true;
  for (const [pkg, b] of Object.entries(BIN_OF)) if (b === bin && deps.has(pkg)) return true;
  // A program the folder's own scripts run is on its path (a workspace's dependency hoisted to the root
  // that the root's `test` script calls).
  for (const d of new Set([dir, '.']))
    for (const body of Object.values(scriptsOf(ctx, d)))
      if (parseCommand(body).commands.some((c) => programOf(c.argv).bin === bin)) return true;
  return (
    ctx.files.has(`node_modules/.bin/${bin}`) ||
    (dir !== '.' && ctx.files.has(`${dir}/node_modules/.bin/${bin}`))
  );
}

export function unknownCommand(ctx: CheckContext, c: SimpleCommand, whole: string): string | null {
  const [first, second, third] = c.argv;
  if (!first) return null;
  if (ctx.profile.commands.some((x) => x.command === whole.trim())) return null;
  // A CI line as the step runs it: in its working directory (a line whose folder the workflow fills in
  // is not one a plan can run as written).
  const asRun = (l: { text: string; dir?: string }) =>
    l.dir === undefined ? l.text : l.dir ? `cd ${l.dir} && ${l.text}` : null;
  if (ciLines(ctx).some((l) => asRun(l) === whole.trim())) return null;
  const at = c.cwd === '.' ? '' : ` in ${c.cwd}`;
  if (first === 'cd') {
    const to = joinDir(c.cwd, second ?? '.');
    return second && !ctx.files.has(to) ? `${to} is not a folder of the project` : null;
  }
  const pr = packageRun(ctx, c);
  if (pr) {
    if (pr.unknownWorkspace)
      return `no workspace of the project is "${pr.unknownWorkspace}" (workspaces: ${[...workspaces(ctx).entries()].map(([d, n]) => `${n} in ${d}`).join(', ') || 'none'})`;
    const dir = pr.dirs[0] ?? '.';
    if (!packageJson(ctx, dir)) return `there is no package.json${dir === '.' ? '' : ` in ${dir}`}`;
    if (pr.sub !== 'run' || !pr.script) return null;
    const missing = pr.dirs.filter((d) => scriptsOf(ctx, d)[pr.script!] === undefined);
    if (!missing.length) return null;
    const names = Object.keys(scriptsOf(ctx, missing[0]!));
    const near = names.filter((n) => n.includes(pr.script!) || pr.script!.includes(n)).slice(0, 4);
    return `package.json${missing[0] === '.' ? '' : ` in ${missing[0]}`} has no "${pr.script}" script${near.length ? ` (it has ${near.map((n) => `"${n}"`).join(', ')})` : ''}`;
  }
  if (/^(npx|bunx|pnpx)$/.test(first)) {
    const bin = c.argv.slice(1).find((w) => !w.startsWith('-')) ?? '';
    return hasBin(ctx, c.cwd, bin.replace(/@[^/]*$/, '')) || hasBin(ctx, c.cwd, bin)
      ? null
      : `${bin} is not a dependency of the project${at}`;
  }
  if (first === 'make') return makeTarget(ctx, c);
  if (first === 'just' || first === 'task') return runnerTask(ctx, c);
  const py = pythonText(ctx);
  const pyTool = (tool: string) => new RegExp(`(^|[^\\w-])${esc(tool)}([^\\w-]|$)`, 'im').test(py);
  if (first === 'pixi') {
    if (second !== 'run') return null;
    const words = c.argv.slice(2);
    let i = 0;
    while (words[i]?.startsWith('-')) i += /^(-e|--environment|--manifest-path)$/.test(words[i]!) ? 2 : 1;
    const task = words[i];
    return !task || new RegExp(`^\\s*${esc(task)}\\s*=`, 'm').test(py)
      ? null
      : `pixi has no "${task}" task (pixi.toml / [tool.pixi.tasks])`;
  }
  if (first === 'tox') {
    if (!/\[tox\]|\[tool\.tox\]|\[testenv/.test(py) && !ctx.files.has('tox.ini'))
      return 'the project does not configure tox';
    const e = c.argv.indexOf('-e');
    const envs = e > 0 ? (c.argv[e + 1] ?? '').split(',') : [];
    const missing = envs.filter(
      (x) =>
        x &&
        !/\{/.test(x) &&
        !/^(py\d*|pypy\d*)(-|$)/.test(x) &&
        !new RegExp(`\\[testenv:${esc(x)}\\]|\\b${esc(x)}\\b`).test(py),
    );
    return missing.length ? `tox has no "${missing[0]}" environment` : null;
  }
  if (first === 'nox') {
    const nf = ctx.read('noxfile.py');
    if (!nf) return 'the project has no noxfile.py';
    // `-s`/`-e`/`--session(s)` take one or more sessions, each a function's name or its `name=`, with a
    // Python version (`tests-3.12`) or parameters (`tests(django='5')`) after it.
    const sessions: string[] = [];
    for (let i = 1; i < c.argv.length; i++) {
      const m = /^(-s|-e|--sessions?)(?:=(.*))?$/.exec(c.argv[i]!);
      if (!m) continue;
      if (m[2]) sessions.push(m[2]);
      else while (c.argv[i + 1] && !c.argv[i + 1]!.startsWith('-')) sessions.push(c.argv[++i]!);
    }
    const known = (x: string) => {
      const base = x.split('(')[0]!;
      return [base, base.replace(/-(py|pypy)?\d+(\.\d+)*$/, '')].some(
        (b) =>
          new RegExp(`def\\s+${esc(b.replace(/-/g, '_'))}\\s*\\(`).test(nf) ||
          nf.includes(`"${b}"`) ||
          nf.includes(`'${b}'`),
      );
    };
    const missing = sessions.find((x) => !known(x));
    return missing ? `noxfile.py has no "${missing}" session` : null;
  }
  if (/^(poetry|uv|pdm|hatch|pipenv|rye)$/.test(first)) {
    if (second !== 'run') return null;
    const words = c.argv.slice(2);
    let i = 0;
    while (words[i]?.startsWith('-'))
      i += /^(--with|--extra|--group|-p|--python|--env|-e)$/.test(words[i]!) ? 2 : 1;
    const tool = words[i] ?? third ?? '';
    if (/^python3?$/.test(tool) || tool.includes('/') || tool.includes(':')) return null;
    // A shell running one of the project's scripts (`uv run bash scripts/lint.sh`).
    if (/^(bash|sh)$/.test(tool)) {
      const script = words.slice(i + 1).find((w) => !w.startsWith('-'));
      return !script || ctx.files.has(joinDir(c.cwd, script)) ? null : `${script} does not exist${at}`;
    }
    return pyTool(tool) || (tool === 'pytest' && ctx.profile.testRunner?.name === 'pytest')
      ? null
      : `${tool} is not declared by the project`;
  }
  if (
    [
      'pytest',
      'py.test',
      'ruff',
      'mypy',
      'flake8',
      'black',
      'alembic',
      'pylint',
      'isort',
      'pyright',
      'coverage',
      'sphinx-build',
      'pre-commit',
    ].includes(first)
  ) {
    if (
      (first === 'pytest' || first === 'py.test') &&
      (ctx.profile.testRunner?.name === 'pytest' || ctx.files.has('conftest.py'))
    )
      return null;
    if (first === 'pre-commit' && ctx.files.has('.pre-commit-config.yaml')) return null;
    if ((TOOL_CONFIG[first] ?? []).some((f) => ctx.files.has(f))) return null;
    return pyTool(first) ? null : `${first} is not declared or configured by the project`;
  }
  if (first === 'python' || first === 'python3') {
    if (c.argv.includes('-m') || c.argv.includes('-c')) return null;
    const script = c.argv.slice(1).find((w) => !w.startsWith('-'));
    return !script || ctx.files.has(c.cwd === '.' ? script : `${c.cwd}/${script}`)
      ? null
      : `${script} does not exist${at}`;
  }
  if (first === 'node') {
    const script = c.argv.slice(1).find((w) => !w.startsWith('-'));
    return !script || ctx.files.has(c.cwd === '.' ? script : `${c.cwd}/${script}`)
      ? null
      : `${script} does not exist${at}`;
  }
  const inDir = (f: string) => ctx.files.has(c.cwd === '.' ? f : `${c.cwd}/${f}`) || ctx.files.has(f);
  // A manifest in a folder one level down: the command runs there.
  const below = (manifest: string) => {
    const d = ctx
      .list('.')
      .find((e) => e.dir && !e.name.startsWith('.') && ctx.files.has(`${e.name}/${manifest}`))?.name;
    return d ? ` (${d}/${manifest} is: run it there, \`cd ${d} && ${c.argv.join(' ')}\`)` : '';
  };
  // A tree of Go's old layout has no go.mod: the profile names go its runner when Go is what it is written in.
  const gopath = ctx.profile.testRunner?.name === 'go' && !ctx.profile.testRunner.roots.length;
  if (first === 'go')
    return inDir('go.mod') || ctx.files.has('go.work') || gopath
      ? null
      : `the project has no go.mod${at}${below('go.mod')}`;
  if (first === 'golangci-lint')
    return ['yml', 'yaml', 'toml', 'json'].some((x) => inDir(`.golangci.${x}`))
      ? null
      : 'the project does not configure golangci-lint (no .golangci.yml)';
  if (first === 'cargo')
    return inDir('Cargo.toml') ? null : `the project has no Cargo.toml${at}${below('Cargo.toml')}`;
  if (first === 'mvn' || first === './mvnw') return inDir('pom.xml') ? null : 'the project has no pom.xml';
  if (first === 'gradle' || first === './gradlew')
    return inDir('build.gradle') || inDir('build.gradle.kts') ? null : 'the project has no Gradle build';
  if (first === 'dotnet') return null;
  if (/^(bundle|rails|bin\/rails|rake|rspec|bin\/rspec)$/.test(first))
    return inDir('Gemfile') ? null : 'the project has no Gemfile';
  if (/^(php|composer|vendor\/bin\/phpunit)$/.test(first))
    return inDir('composer.json') ? null : 'the project has no composer.json';
  if (
    /^(git|plansmith|docker|curl|echo|true|test|ls|cat|grep|diff|bash|sh|xargs|tee|head|tail|wc|sort|find)$/.test(
      first,
    )
  )
    return null;
  if (first.startsWith('./') || first.includes('/'))
    return inDir(first) ? null : `${first} does not exist${at}`;
  if (hasBin(ctx, c.cwd, first)) return null;
  return `"${first}" is not a command this project defines (no script, target, CI step or declared tool)`;
}

/**
 * `make [-C dir] [-f file] [target…]`: the makefile make reads in that folder has each target, as a rule of
 * its own or among several (`test lint:`); a pattern rule that matches anything (`%: Makefile`, as a
 * Sphinx docs folder has) makes every target one. Returns why not, or null.
 */
function makeTarget(ctx: CheckContext, c: SimpleCommand): string | null {
  let dir = c.cwd;
  let file: string | undefined;
  const targets: string[] = [];
  for (let i = 1; i < c.argv.length; i++) {
    const w = c.argv[i]!;
    if (w === '-C' || w === '--directory') dir = joinDir(dir, c.argv[++i] ?? '.');
    else if (/^-C./.test(w)) dir = joinDir(dir, w.slice(2));
    else if (/^--directory=/.test(w)) dir = joinDir(dir, w.slice(12));
    else if (w === '-f' || w === '--file' || w === '--makefile') file = c.argv[++i];
    else if (/^-[jlo]$/.test(w) && /^\d+$/.test(c.argv[i + 1] ?? '')) i++;
    else if (!w.startsWith('-') && !w.includes('=')) targets.push(w);
  }
  const at = (f: string) => (dir === '.' ? f : `${dir}/${f}`);
  const name = (file ? [file] : ['GNUmakefile', 'makefile', 'Makefile']).find(
    (f) => ctx.read(at(f)) !== null,
  );
  if (!name) return `the project has no ${file ?? 'Makefile'}${dir === '.' ? '' : ` in ${dir}`}`;
  const mk = ctx.read(at(name))!;
  const rules = new Set<string>();
  for (const m of mk.matchAll(/^([^\s#:=][^:=#]*?)\s*::?(?!=)/gm))
    for (const t of m[1]!.split(/\s+/)) rules.add(t);
  if (rules.has('%')) return null;
  const missing = targets.find((t) => !rules.has(t));
  return missing
    ? `${dir === '.' ? 'the' : `${dir}/`}${dir === '.' ? ` ${name}` : name} has no "${missing}" target`
    : null;
}

/** A folder and its parents up to the root, nearest first: where just and task look for their file. */
function upward(dir: string): string[] {
  const out = [dir];
  while (out[out.length - 1] !== '.') {
    const d = out[out.length - 1]!;
    out.push(d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '.');
  }
  return out;
}

/**
 * `just [flags] recipe …` and `task [flags] name …`: the file the tool finds (given by `-f`/`--justfile`,
 * `-t`/`--taskfile`, else the nearest in the folder or a parent, as both tools search) has the recipe or
 * task. A task of an included Taskfile (`docs:build`) is not judged.
 */
function runnerTask(ctx: CheckContext, c: SimpleCommand): string | null {
  const just = c.argv[0] === 'just';
  let dir = c.cwd;
  let file: string | undefined;
  let name: string | undefined;
  for (let i = 1; i < c.argv.length && !name; i++) {
    const w = c.argv[i]!;
    if (w === '--') break;
    if (/^(-f|--justfile|-t|--taskfile)$/.test(w)) file = joinDir(dir, c.argv[++i] ?? '');
    else if (/^(-d|--dir|--working-directory)$/.test(w)) dir = joinDir(dir, c.argv[++i] ?? '.');
    else if (w === '--set') i += 2;
    else if (!w.startsWith('-') && !w.includes('=')) name = w;
  }
  const names = just
    ? ['justfile', 'Justfile', '.justfile']
    : ['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml', 'taskfile.yaml'];
  const found =
    file ??
    upward(dir)
      .flatMap((d) => names.map((n) => (d === '.' ? n : `${d}/${n}`)))
      .find((f) => ctx.read(f) !== null);
  const text = found ? ctx.read(found) : null;
  if (!text) return `the project has no ${just ? 'justfile' : 'Taskfile'}`;
  if (!name) return null;
  if (just)
    return new RegExp(`^@?${esc(name)}\\b[^\\n]*:`, 'm').test(text)
      ? null
      : `the justfile has no "${name}" recipe`;
  try {
    const doc = parseYaml(text) as { tasks?: Record<string, unknown>; includes?: unknown };
    if (name.includes(':') && doc?.includes) return null;
    return name in (doc?.tasks ?? {}) ? null : `the Taskfile has no "${name}" task`;
  } catch {
    return null;
  }
}
