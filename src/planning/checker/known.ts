import { parse as parseYaml } from 'yaml';
import type { CheckContext } from './context.js';
import { packageJson, packageRun, scriptsOf, workspaces } from './scripts.js';
import { joinDir, type SimpleCommand } from './shell.js';

/**
 * Whether a simple command is one the project has: a package script (in the folder or workspace it runs
 * in), a Makefile/justfile/Taskfile/pixi/tox/nox target, a CI step, or a tool the project declares or
 * configures. Returns why not, with what would pass, or null.
 */

/** Every `run:` line of the project's GitHub workflows, trimmed. */
export function ciLines(ctx: CheckContext): Array<{ text: string; cite: string }> {
  return ctx.memo('ci-lines', () => {
    const out: Array<{ text: string; cite: string }> = [];
    for (const e of ctx.list('.github/workflows')) {
      if (!/\.ya?ml$/.test(e.name)) continue;
      const file = `.github/workflows/${e.name}`;
      const text = ctx.read(file) ?? '';
      let inRun = -1;
      text.split('\n').forEach((l, i) => {
        const m = /^(\s*)-?\s*run:\s*(.*)$/.exec(l);
        if (m) {
          const v = m[2]!.trim();
          if (v && !/^[|>][-+]?$/.test(v))
            out.push({ text: v.replace(/^["']|["']$/g, ''), cite: `${file}:${i + 1}` });
          else inRun = m[1]!.length;
          return;
        }
        if (inRun >= 0) {
          const indent = /^\s*/.exec(l)![0].length;
          if (l.trim() && indent <= inRun) inRun = -1;
          else if (l.trim()) out.push({ text: l.trim(), cite: `${file}:${i + 1}` });
        }
      });
    }
    return out;
  });
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
  return (
    ctx.files.has(`node_modules/.bin/${bin}`) ||
    (dir !== '.' && ctx.files.has(`${dir}/node_modules/.bin/${bin}`))
  );
}

export function unknownCommand(ctx: CheckContext, c: SimpleCommand, whole: string): string | null {
  const [first, second, third] = c.argv;
  if (!first) return null;
  if (ctx.profile.commands.some((x) => x.command === whole.trim())) return null;
  if (ciLines(ctx).some((l) => l.text === whole.trim())) return null;
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
  if (first === 'make') {
    const mk = ctx.read(c.cwd === '.' ? 'Makefile' : `${c.cwd}/Makefile`) ?? ctx.read('GNUmakefile');
    if (!mk) return `the project has no Makefile${at}`;
    const target = c.argv.slice(1).find((w) => !w.startsWith('-') && !w.includes('='));
    return !target || new RegExp(`^${esc(target)}\\s*:`, 'm').test(mk)
      ? null
      : `the Makefile has no "${target}" target`;
  }
  if (first === 'just') {
    const jf = ctx.read('justfile') ?? ctx.read('Justfile') ?? ctx.read('.justfile');
    if (!jf) return 'the project has no justfile';
    return !second || new RegExp(`^@?${esc(second)}\\b[^\\n]*:`, 'm').test(jf)
      ? null
      : `the justfile has no "${second}" recipe`;
  }
  if (first === 'task') {
    const tf = ctx.read('Taskfile.yml') ?? ctx.read('Taskfile.yaml');
    if (!tf) return 'the project has no Taskfile';
    try {
      const tasks = (parseYaml(tf) as { tasks?: Record<string, unknown> })?.tasks ?? {};
      return !second || second in tasks ? null : `the Taskfile has no "${second}" task`;
    } catch {
      return null;
    }
  }
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
    const s = c.argv.indexOf('-s');
    const session = s > 0 ? c.argv[s + 1] : undefined;
    return !session ||
      new RegExp(`def\\s+${esc(session.split('(')[0]!.replace(/-/g, '_'))}\\s*\\(`).test(nf) ||
      nf.includes(`"${session}"`)
      ? null
      : `noxfile.py has no "${session}" session`;
  }
  if (/^(poetry|uv|pdm|hatch|pipenv|rye)$/.test(first)) {
    if (second !== 'run') return null;
    const words = c.argv.slice(2);
    let i = 0;
    while (words[i]?.startsWith('-'))
      i += /^(--with|--extra|--group|-p|--python|--env|-e)$/.test(words[i]!) ? 2 : 1;
    const tool = words[i] ?? third ?? '';
    if (/^python3?$/.test(tool) || tool.includes('/') || tool.includes(':')) return null;
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
  if (first === 'go') return inDir('go.mod') || ctx.files.has('go.work') ? null : 'the project has no go.mod';
  if (first === 'cargo') return inDir('Cargo.toml') ? null : 'the project has no Cargo.toml';
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
