import { parse as parseYaml } from 'yaml';
import { projectFiles } from '../files/project-files.js';
import type { Inventory } from './inventory.js';

export interface Evidence {
  file: string;
  line: number;
}

export interface Finding {
  name: string;
  /** e.g. web, orm, test, ui for frameworks; npm, poetry for package managers. */
  kind?: string;
  detail?: string;
  evidence: Evidence;
}

export type CommandPurpose = 'test' | 'lint' | 'format' | 'typecheck' | 'build' | 'dev' | 'migrate' | 'ci';

export interface CommandFinding {
  purpose: CommandPurpose;
  command: string;
  evidence: Evidence;
  /** What the command runs, when it is an alias (a package script's body, a make target's recipe). */
  runs?: string;
}

/** The test runner and the files it collects, as the project configures it (or the runner's defaults). */
export interface TestRunner {
  name: 'pytest' | 'jest' | 'vitest' | 'mocha' | 'go' | 'cargo' | 'other';
  /** Globs (picomatch) of the files the runner collects, relative to the root. */
  collects: string[];
  /** Folders the runner looks in (pytest `testpaths`, mocha spec folders); empty for everywhere. */
  roots: string[];
  /** How the test script calls the runner (`mocha --require test/support/env test/`), when it does. */
  invocation?: string;
  evidence: Evidence;
}

export interface CiSystem {
  system: string;
  file: string;
  jobs: Finding[];
}

export interface XanoWorkspace {
  root: string;
  components: Record<'apis' | 'functions' | 'tables' | 'tasks' | 'workflow_tests', string[]>;
}

export interface CodebaseProfile {
  languages: Array<{ name: string; files: number; lines: number }>;
  packageManagers: Finding[];
  workspaces: Finding[];
  frameworks: Finding[];
  commands: CommandFinding[];
  pytestMarkers: Finding[];
  testRunner: TestRunner | null;
  ci: CiSystem[];
  database: { tools: Finding[]; migrations: Finding[] };
  containers: Finding[];
  entryPoints: Finding[];
  docs: Finding[];
  changelog: Changelog | null;
  xano: XanoWorkspace | null;
}

/** Where the project records its changes: one file, or a folder of news fragments (towncrier and the like). */
export interface Changelog {
  kind: 'file' | 'fragments';
  /** The changelog file, or the fragments folder. */
  path: string;
  /** Fragment types seen in the folder (`feature`, `bugfix`, …), and one existing fragment's name. */
  types: string[];
  example?: string;
  evidence: Evidence;
}

/**
 * The JavaScript test runner a package uses and the files it collects: its own configuration where the
 * package.json or the runner's config file says (`jest.testMatch`, `testRegex` is read as a suffix,
 * vitest `include`, `.mocharc` `spec`, the paths on the test script's command line), else the runner's
 * defaults.
 */
function jsTestRunner(
  pkg: Record<string, unknown>,
  scripts: Record<string, string>,
  text: string,
  read: (p: string) => string | null,
): TestRunner | null {
  // The test script and the scripts it runs (`npm run test:mocha && npm run test:karma`).
  const expand = (body: string, depth = 0): string =>
    depth > 3
      ? body
      : body.replace(
          /\b(?:npm run|yarn run|pnpm run|yarn|pnpm|run-s|run-p|npm-run-all)\s+([\w:-]+)/g,
          (m, name) => (scripts[name] !== undefined ? `${m} && ${expand(scripts[name]!, depth + 1)}` : m),
        );
  const testScript = expand(scripts.test ?? '');
  const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) } as Record<
    string,
    string
  >;
  const inScript = (bin: string) => new RegExp(`(^|[\\s/&;])${bin}(\\s|$)`).test(testScript);
  // The runner the test script calls wins over one that is only installed.
  const runner =
    ['vitest', 'jest', 'mocha'].find(inScript) ?? ['vitest', 'jest', 'mocha'].find((b) => deps[b]);
  const uses = (bin: string) => runner === bin;
  const invocation = runner
    ? testScript
        .split(/&&|;|\|\|/)
        .map((x) => x.trim())
        .find((x) => new RegExp(`(^|[\\s/])${runner}(\\s|$)`).test(x))
    : undefined;
  /** The paths on the test script's command line after `bin` (flags and their values left out). */
  const args = (bin: string) => {
    const part = testScript.split(/&&|;|\|\|/).find((x) => new RegExp(`(^|\\s)${bin}(\\s|$)`).test(x)) ?? '';
    const words = part.trim().split(/\s+/);
    const out: string[] = [];
    for (let i = words.indexOf(bin) + 1; i > 0 && i < words.length; i++) {
      const w = words[i]!;
      if (w.startsWith('-')) {
        if (!w.includes('=') && FLAG_WITH_VALUE.has(w.replace(/^-+/, ''))) i++;
        continue;
      }
      out.push(w);
    }
    return out;
  };
  const evidence = { file: 'package.json', line: lineOf(text, '"test"') };
  if (uses('vitest')) {
    const cfg = read('vitest.config.ts') ?? read('vitest.config.js') ?? read('vite.config.ts') ?? '';
    const include = /include\s*:\s*\[([^\]]*)\]/.exec(cfg)?.[1];
    const globs = include ? [...include.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!) : [];
    return {
      name: 'vitest',
      collects: globs.length ? globs : ['**/*.{test,spec}.?(c|m)[jt]s?(x)'],
      roots: [],
      evidence,
    };
  }
  if (uses('jest')) {
    const jest = (pkg.jest ?? {}) as {
      testMatch?: string[];
      testRegex?: string | string[];
      roots?: string[];
    };
    const cfg = read('jest.config.js') ?? read('jest.config.ts') ?? read('jest.config.cjs') ?? '';
    const match =
      jest.testMatch ??
      [...(/testMatch\s*:\s*\[([^\]]*)\]/.exec(cfg)?.[1] ?? '').matchAll(/["'`]([^"'`]+)["'`]/g)].map(
        (m) => m[1]!,
      );
    const regex = jest.testRegex ?? /testRegex\s*:\s*['"`]([^'"`]+)['"`]/.exec(cfg)?.[1];
    // A testRegex is kept as the suffix it names (`test/.*\.test\.js$` → test/**/*.test.js).
    const fromRegex = (r: string) =>
      `**/${r
        .replace(/\$$/, '')
        .replace(/\(\?:?[^)]*\)\??/g, '')
        .replace(/\.\*/g, '**/*')
        .replace(/\\\./g, '.')
        .replace(/^\^/, '')}`;
    const collects = match.length
      ? match
      : regex
        ? (Array.isArray(regex) ? regex : [regex]).map(fromRegex)
        : ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)'];
    return {
      name: 'jest',
      collects,
      roots: (jest.roots ?? []).map((r) => r.replace(/^<rootDir>\/?/, '')),
      evidence,
      invocation,
    };
  }
  if (uses('mocha')) {
    const rc = read('.mocharc.json') ?? read('.mocharc.js') ?? read('.mocharc.yml') ?? '';
    const spec = [
      ...(/spec["']?\s*[:=]\s*\[?([^\]\n]*)/.exec(rc)?.[1] ?? '').matchAll(/["']([^"']+)["']/g),
    ].map((m) => m[1]!);
    const paths = spec.length ? spec : args('mocha');
    // Mocha runs the files of the folders it is given, not their sub-folders (without --recursive).
    const recursive = /--recursive/.test(testScript) || /recursive/.test(rc);
    const globs = (paths.length ? paths : ['./test']).map((p) => {
      const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
      return /[*{]|\.[cm]?[jt]s$/.test(clean) ? clean : `${clean}/${recursive ? '**/' : ''}*.{js,cjs,mjs,ts}`;
    });
    return { name: 'mocha', collects: globs, roots: [], evidence, invocation };
  }
  return null;
}

/** Test-runner flags that take a value (`--require test/support/env`): the value is not a path to run. */
const FLAG_WITH_VALUE = new Set(
  'require r reporter R timeout t ui u grep g slow s file extension config c ignore reporter-options O env testTimeout maxWorkers w setupFiles project selectProjects'.split(
    ' ',
  ),
);

/** A profile with nothing found yet: what the detectors fill in (and what tests start from). */
export function emptyProfile(): CodebaseProfile {
  return {
    languages: [],
    packageManagers: [],
    workspaces: [],
    frameworks: [],
    commands: [],
    pytestMarkers: [],
    testRunner: null,
    ci: [],
    database: { tools: [], migrations: [] },
    containers: [],
    entryPoints: [],
    docs: [],
    changelog: null,
    xano: null,
  };
}

/** 1-based line of the first occurrence of needle, or 1. */
export function lineOf(text: string, needle: string | RegExp): number {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  if (i < 0) return 1;
  let n = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

const JS_FRAMEWORKS: Record<string, [string, string]> = {
  express: ['Express', 'web'],
  fastify: ['Fastify', 'web'],
  '@nestjs/core': ['NestJS', 'web'],
  next: ['Next.js', 'web'],
  hono: ['Hono', 'web'],
  koa: ['Koa', 'web'],
  nuxt: ['Nuxt', 'web'],
  '@sveltejs/kit': ['SvelteKit', 'web'],
  '@remix-run/node': ['Remix', 'web'],
  react: ['React', 'ui'],
  vue: ['Vue', 'ui'],
  svelte: ['Svelte', 'ui'],
  '@angular/core': ['Angular', 'ui'],
  'solid-js': ['Solid', 'ui'],
  prisma: ['Prisma', 'orm'],
  '@prisma/client': ['Prisma', 'orm'],
  'drizzle-orm': ['Drizzle', 'orm'],
  typeorm: ['TypeORM', 'orm'],
  kysely: ['Kysely', 'orm'],
  knex: ['Knex', 'orm'],
  sequelize: ['Sequelize', 'orm'],
  mongoose: ['Mongoose', 'orm'],
  jest: ['Jest', 'test'],
  vitest: ['Vitest', 'test'],
  mocha: ['Mocha', 'test'],
  '@playwright/test': ['Playwright', 'test'],
  cypress: ['Cypress', 'test'],
  ava: ['AVA', 'test'],
  jasmine: ['Jasmine', 'test'],
  zod: ['Zod', 'validation'],
  joi: ['Joi', 'validation'],
  bullmq: ['BullMQ', 'queue'],
  'socket.io': ['Socket.IO', 'realtime'],
  '@modelcontextprotocol/sdk': ['MCP SDK', 'ai'],
  ai: ['Vercel AI SDK', 'ai'],
  openai: ['OpenAI SDK', 'ai'],
  '@anthropic-ai/sdk': ['Anthropic SDK', 'ai'],
  stripe: ['Stripe', 'payments'],
  nodemailer: ['Nodemailer', 'email'],
  redis: ['Redis client', 'cache'],
  ioredis: ['ioredis', 'cache'],
};
const PY_FRAMEWORKS: Record<string, [string, string]> = {
  django: ['Django', 'web'],
  flask: ['Flask', 'web'],
  fastapi: ['FastAPI', 'web'],
  litestar: ['Litestar', 'web'],
  starlette: ['Starlette', 'web'],
  sqlalchemy: ['SQLAlchemy', 'orm'],
  alembic: ['Alembic', 'migrations'],
  pytest: ['pytest', 'test'],
  hypothesis: ['Hypothesis', 'test'],
  celery: ['Celery', 'queue'],
  pydantic: ['Pydantic', 'validation'],
  numpy: ['NumPy', 'data'],
  pandas: ['pandas', 'data'],
  'django-rest-framework': ['Django REST framework', 'web'],
  djangorestframework: ['Django REST framework', 'web'],
  tortoise: ['Tortoise ORM', 'orm'],
};
const GO_FRAMEWORKS: Record<string, [string, string]> = {
  'github.com/gin-gonic/gin': ['Gin', 'web'],
  'github.com/labstack/echo': ['Echo', 'web'],
  'github.com/go-chi/chi': ['chi', 'web'],
  'github.com/gofiber/fiber': ['Fiber', 'web'],
  'gorm.io/gorm': ['GORM', 'orm'],
  'github.com/jmoiron/sqlx': ['sqlx', 'orm'],
  'github.com/stretchr/testify': ['testify', 'test'],
};
const RUST_FRAMEWORKS: Record<string, [string, string]> = {
  axum: ['axum', 'web'],
  'actix-web': ['Actix Web', 'web'],
  rocket: ['Rocket', 'web'],
  tokio: ['Tokio', 'runtime'],
  diesel: ['Diesel', 'orm'],
  sqlx: ['SQLx', 'orm'],
  'sea-orm': ['SeaORM', 'orm'],
};

const SCRIPT_PURPOSE: Array<[RegExp, CommandPurpose]> = [
  [/^(test|test:.*|check:test)$/, 'test'],
  [/^(lint|lint:.*|eslint)$/, 'lint'],
  [/^(format|fmt|prettier|format:.*)$/, 'format'],
  [/^(typecheck|type-check|types|tsc|check-types)$/, 'typecheck'],
  [/^(build|compile)$/, 'build'],
  [/^(dev|start|serve)$/, 'dev'],
  [/^(migrate|db:migrate|migration:run|prisma:migrate)$/, 'migrate'],
  [/^check$/, 'ci'],
];

function purposeOfScript(name: string): CommandPurpose | null {
  for (const [re, p] of SCRIPT_PURPOSE) if (re.test(name)) return p;
  return null;
}

export interface ProfileInput {
  inventory: Inventory;
  /** Lines per language, counted while reading (see explore.ts). */
  lines: Map<string, number>;
}

export function profileCodebase({ inventory, lines }: ProfileInput): CodebaseProfile {
  const root = inventory.root;
  const paths = new Set(inventory.files.map((f) => f.path));
  const files = projectFiles(root);
  const has = (p: string) => paths.has(p) || files.has(p);
  const read = (p: string): string | null => {
    try {
      return files.readText(p).text;
    } catch {
      return null;
    }
  };
  const p = emptyProfile();
  const seenFramework = new Set<string>();
  const framework = (name: string, kind: string, evidence: Evidence) => {
    if (seenFramework.has(name)) return;
    seenFramework.add(name);
    p.frameworks.push({ name, kind, evidence });
  };
  const command = (purpose: CommandPurpose, cmd: string, evidence: Evidence, runs?: string) => {
    if (!p.commands.some((c) => c.command === cmd))
      p.commands.push({ purpose, command: cmd, evidence, ...(runs ? { runs } : {}) });
  };

  // Languages
  const counts = new Map<string, number>();
  for (const f of inventory.files) if (f.language) counts.set(f.language, (counts.get(f.language) ?? 0) + 1);
  p.languages = [...counts.entries()]
    .map(([name, files]) => ({ name, files, lines: lines.get(name) ?? 0 }))
    .sort((a, b) => b.lines - a.lines || b.files - a.files);

  // JavaScript / TypeScript
  const manifests = inventory.files.filter(
    (f) => f.path === 'package.json' || (f.path.endsWith('/package.json') && f.path.split('/').length <= 4),
  );
  let runner = 'npm run';
  const lockfiles: Array<[string, string, string]> = [
    ['pnpm-lock.yaml', 'pnpm', 'pnpm'],
    ['yarn.lock', 'yarn', 'yarn'],
    ['bun.lockb', 'bun', 'bun run'],
    ['bun.lock', 'bun', 'bun run'],
    ['package-lock.json', 'npm', 'npm run'],
  ];
  if (manifests.some((m) => m.path === 'package.json')) {
    const lock = lockfiles.find(([file]) => has(file));
    const pkgText = read('package.json') ?? '';
    const declared = /"packageManager"\s*:\s*"(\w+)@/.exec(pkgText)?.[1];
    const name = declared ?? lock?.[1] ?? 'npm';
    runner = lockfiles.find(([, n]) => n === name)?.[2] ?? 'npm run';
    p.packageManagers.push({
      name,
      kind: 'javascript',
      evidence: declared
        ? { file: 'package.json', line: lineOf(pkgText, '"packageManager"') }
        : { file: lock?.[0] ?? 'package.json', line: 1 },
    });
  }
  for (const m of manifests) {
    const text = read(m.path);
    if (!text) continue;
    let pkg: Record<string, unknown>;
    try {
      pkg = JSON.parse(text);
    } catch {
      continue;
    }
    const dir = m.path === 'package.json' ? '' : m.path.slice(0, -'/package.json'.length);
    if (dir)
      p.workspaces.push({ name: String(pkg.name ?? dir), detail: dir, evidence: { file: m.path, line: 1 } });
    const deps = {
      ...(pkg.dependencies as object),
      ...(pkg.devDependencies as object),
      ...(pkg.peerDependencies as object),
    } as Record<string, string>;
    for (const dep of Object.keys(deps)) {
      const fw = JS_FRAMEWORKS[dep];
      if (fw) framework(fw[0], fw[1], { file: m.path, line: lineOf(text, `"${dep}"`) });
    }
    if (deps.typescript || has(dir ? `${dir}/tsconfig.json` : 'tsconfig.json'))
      framework('TypeScript', 'language', {
        file: m.path,
        line: deps.typescript ? lineOf(text, '"typescript"') : 1,
      });
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    for (const name of Object.keys(scripts)) {
      const purpose = purposeOfScript(name);
      if (!purpose) continue;
      const prefix = dir ? `${runner} --prefix ${dir}` : runner;
      const cmd = name === 'test' && runner === 'npm run' && !dir ? 'npm test' : `${prefix} ${name}`;
      command(purpose, cmd, { file: m.path, line: lineOf(text, `"${name}"`) }, scripts[name]);
    }
    if (m.path === 'package.json' && !p.testRunner) p.testRunner = jsTestRunner(pkg, scripts, text, read);
    if (m.path === 'package.json') {
      if (pkg.workspaces)
        p.workspaces.unshift({
          name: 'workspaces',
          detail: JSON.stringify(pkg.workspaces),
          evidence: { file: m.path, line: lineOf(text, '"workspaces"') },
        });
      const bin = pkg.bin;
      if (typeof bin === 'string')
        p.entryPoints.push({
          name: bin,
          kind: 'bin',
          evidence: { file: m.path, line: lineOf(text, '"bin"') },
        });
      else if (bin && typeof bin === 'object')
        for (const v of Object.values(bin))
          p.entryPoints.push({
            name: String(v),
            kind: 'bin',
            evidence: { file: m.path, line: lineOf(text, '"bin"') },
          });
      if (typeof pkg.main === 'string')
        p.entryPoints.push({
          name: pkg.main,
          kind: 'main',
          evidence: { file: m.path, line: lineOf(text, '"main"') },
        });
    }
  }
  for (const e of [
    'src/index.ts',
    'src/main.ts',
    'src/server.ts',
    'src/index.js',
    'server.js',
    'index.js',
    'app.js',
    'src/app.ts',
  ]) {
    if (paths.has(e) && !p.entryPoints.some((x) => x.name === e))
      p.entryPoints.push({ name: e, kind: 'node', evidence: { file: e, line: 1 } });
  }
  if (has('pnpm-workspace.yaml'))
    p.workspaces.unshift({ name: 'pnpm workspace', evidence: { file: 'pnpm-workspace.yaml', line: 1 } });

  // Python
  const pyproject = read('pyproject.toml');
  const pyDeps = new Map<string, Evidence>();
  const addPyDeps = (file: string, text: string) => {
    for (const [dep] of Object.entries(PY_FRAMEWORKS)) {
      const re = new RegExp(`(^|["'\\s,\\[])${dep.replace(/[-]/g, '[-_]')}(\\s*[<>=!~\\[;"',]|\\s*$)`, 'im');
      if (re.test(text) && !pyDeps.has(dep)) pyDeps.set(dep, { file, line: lineOf(text, re) });
    }
  };
  if (pyproject) {
    addPyDeps('pyproject.toml', pyproject);
    if (/\[tool\.poetry\]/.test(pyproject) || has('poetry.lock'))
      p.packageManagers.push({
        name: 'poetry',
        kind: 'python',
        evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.poetry') },
      });
    else if (has('uv.lock'))
      p.packageManagers.push({ name: 'uv', kind: 'python', evidence: { file: 'uv.lock', line: 1 } });
    else if (/\[tool\.pdm\]/.test(pyproject))
      p.packageManagers.push({
        name: 'pdm',
        kind: 'python',
        evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.pdm') },
      });
    else if (/\[tool\.hatch/.test(pyproject))
      p.packageManagers.push({
        name: 'hatch',
        kind: 'python',
        evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.hatch') },
      });
    else
      p.packageManagers.push({ name: 'pip', kind: 'python', evidence: { file: 'pyproject.toml', line: 1 } });
    const scripts = /\[project\.scripts\]([\s\S]*?)(\n\[|$)/.exec(pyproject);
    if (scripts)
      for (const m of scripts[1]!.matchAll(/^\s*([\w-]+)\s*=/gm))
        p.entryPoints.push({
          name: m[1]!,
          kind: 'script',
          evidence: { file: 'pyproject.toml', line: lineOf(pyproject, m[0]) },
        });
    if (/\[tool\.ruff/.test(pyproject))
      command('lint', 'ruff check .', { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.ruff') });
    if (/\[tool\.black\]/.test(pyproject))
      command('format', 'black --check .', {
        file: 'pyproject.toml',
        line: lineOf(pyproject, '[tool.black]'),
      });
    // mypy reads its `files` from its config: `mypy .` would override them.
    if (/\[tool\.mypy\]/.test(pyproject))
      command('typecheck', /\[tool\.mypy\][^[]*\bfiles\s*=/.test(pyproject) ? 'mypy' : 'mypy .', {
        file: 'pyproject.toml',
        line: lineOf(pyproject, '[tool.mypy]'),
      });
  }
  for (const f of inventory.files) {
    if (/^requirements[^/]*\.txt$|^setup\.(py|cfg)$|^Pipfile$/.test(f.path)) {
      const text = read(f.path);
      if (text) addPyDeps(f.path, text);
      if (f.path.startsWith('requirements') && !p.packageManagers.some((m) => m.kind === 'python'))
        p.packageManagers.push({ name: 'pip', kind: 'python', evidence: { file: f.path, line: 1 } });
      if (f.path === 'Pipfile')
        p.packageManagers.push({ name: 'pipenv', kind: 'python', evidence: { file: f.path, line: 1 } });
    }
  }
  const pyFiles = inventory.files.filter((f) => f.language === 'Python').length;
  for (const [dep, ev] of pyDeps) framework(PY_FRAMEWORKS[dep]![0], PY_FRAMEWORKS[dep]![1], ev);
  const pytestConfigs: Array<[string, RegExp]> = [
    ['pytest.ini', /\[pytest\]/],
    ['pyproject.toml', /\[tool\.pytest\.ini_options\]/],
    ['setup.cfg', /\[tool:pytest\]/],
    ['tox.ini', /\[pytest\]/],
  ];
  for (const [file, section] of pytestConfigs) {
    const text = file === 'pyproject.toml' ? pyproject : read(file);
    if (!text || !section.test(text)) continue;
    framework('pytest', 'test', { file, line: lineOf(text, section) });
    const body = text.slice(text.search(section));
    const section_ = body.slice(0, body.slice(1).search(/\n\[/) + 1 || body.length);
    const listOf = (key: string) => {
      const m = new RegExp(`^\\s*${key}\\s*=\\s*(\\[[\\s\\S]*?\\]|[^\\n]*(?:\\n[ \\t]+[^\\n]*)*)`, 'm').exec(
        section_,
      );
      if (!m) return null;
      return m[1]!.startsWith('[')
        ? [...m[1]!.matchAll(/["']([^"']+)["']/g)].map((x) => x[1]!)
        : m[1]!.split(/\s+/).filter(Boolean);
    };
    const pyFilesCfg = listOf('python_files');
    const testpaths = listOf('testpaths') ?? [];
    p.testRunner = {
      name: 'pytest',
      collects: (pyFilesCfg ?? ['test_*.py', '*_test.py']).map((g) => `**/${g}`),
      roots: testpaths.map((t) => t.replace(/\/+$/, '')),
      evidence: { file, line: lineOf(text, pyFilesCfg ? 'python_files' : section) },
    };
    const block = /\bmarkers\s*=\s*(\[[\s\S]*?\]|[^\n]*(?:\n[ \t]+[^\n]*)*)/.exec(body)?.[1] ?? '';
    // Array form: "name: what it means" entries; ini form: one "name: what it means" per indented line.
    const entries = block.startsWith('[')
      ? [...block.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!)
      : block.split('\n');
    for (const entry of entries) {
      const name = /^\s*([A-Za-z_]\w*)/.exec(entry)?.[1];
      if (!name || p.pytestMarkers.some((x) => x.name === name)) continue;
      p.pytestMarkers.push({
        name,
        detail: entry.split(':').slice(1).join(':').trim() || undefined,
        evidence: { file, line: lineOf(text, entry.trim()) },
      });
    }
    break;
  }
  if (
    seenFramework.has('pytest') ||
    (pyFiles > 0 && inventory.files.some((f) => /(^|\/)(test_[^/]+|conftest)\.py$/.test(f.path)))
  ) {
    const ev = p.frameworks.find((f) => f.name === 'pytest')?.evidence ?? {
      file: inventory.files.find((f) => /conftest\.py$|test_[^/]+\.py$/.test(f.path))!.path,
      line: 1,
    };
    framework('pytest', 'test', ev);
    p.testRunner ??= { name: 'pytest', collects: ['**/test_*.py', '**/*_test.py'], roots: [], evidence: ev };
    command(
      'test',
      p.packageManagers.some((m) => m.name === 'poetry')
        ? 'poetry run pytest'
        : p.packageManagers.some((m) => m.name === 'uv')
          ? 'uv run pytest'
          : 'pytest',
      ev,
    );
  }
  if (has('tox.ini')) command('test', 'tox', { file: 'tox.ini', line: 1 });
  if (has('noxfile.py')) command('test', 'nox', { file: 'noxfile.py', line: 1 });
  if (has('.flake8')) command('lint', 'flake8', { file: '.flake8', line: 1 });
  if (has('mypy.ini'))
    command('typecheck', /^\s*files\s*=/m.test(read('mypy.ini') ?? '') ? 'mypy' : 'mypy .', {
      file: 'mypy.ini',
      line: 1,
    });
  if (has('manage.py'))
    p.entryPoints.push({ name: 'manage.py', kind: 'django', evidence: { file: 'manage.py', line: 1 } });
  for (const e of ['app.py', 'main.py', 'wsgi.py', 'asgi.py', 'src/main.py'])
    if (paths.has(e)) p.entryPoints.push({ name: e, kind: 'python', evidence: { file: e, line: 1 } });

  // Go
  const gomod = read('go.mod');
  if (gomod) {
    p.packageManagers.push({
      name: 'go modules',
      kind: 'go',
      detail: /^module\s+(\S+)/m.exec(gomod)?.[1],
      evidence: { file: 'go.mod', line: 1 },
    });
    for (const [dep, [name, kind]] of Object.entries(GO_FRAMEWORKS))
      if (gomod.includes(dep)) framework(name, kind, { file: 'go.mod', line: lineOf(gomod, dep) });
    command('test', 'go test ./...', { file: 'go.mod', line: 1 });
    p.testRunner ??= {
      name: 'go',
      collects: ['**/*_test.go'],
      roots: [],
      evidence: { file: 'go.mod', line: 1 },
    };
    command('lint', 'go vet ./...', { file: 'go.mod', line: 1 });
    if (has('.golangci.yml') || has('.golangci.yaml'))
      command('lint', 'golangci-lint run', {
        file: has('.golangci.yml') ? '.golangci.yml' : '.golangci.yaml',
        line: 1,
      });
    for (const f of inventory.files)
      if (/^(main\.go|cmd\/[^/]+\/main\.go)$/.test(f.path))
        p.entryPoints.push({ name: f.path, kind: 'go', evidence: { file: f.path, line: 1 } });
  }

  // Rust
  const cargo = read('Cargo.toml');
  if (cargo) {
    p.packageManagers.push({ name: 'cargo', kind: 'rust', evidence: { file: 'Cargo.toml', line: 1 } });
    for (const [dep, [name, kind]] of Object.entries(RUST_FRAMEWORKS)) {
      const re = new RegExp(`^${dep}\\s*=`, 'm');
      if (re.test(cargo)) framework(name, kind, { file: 'Cargo.toml', line: lineOf(cargo, re) });
    }
    if (/\[workspace\]/.test(cargo))
      p.workspaces.push({
        name: 'cargo workspace',
        evidence: { file: 'Cargo.toml', line: lineOf(cargo, '[workspace]') },
      });
    command('test', 'cargo test', { file: 'Cargo.toml', line: 1 });
    command('lint', 'cargo clippy -- -D warnings', { file: 'Cargo.toml', line: 1 });
    command('format', 'cargo fmt --check', { file: 'Cargo.toml', line: 1 });
    for (const f of inventory.files)
      if (/^src\/(main\.rs|bin\/[^/]+\.rs)$/.test(f.path))
        p.entryPoints.push({ name: f.path, kind: 'rust', evidence: { file: f.path, line: 1 } });
  }

  // JVM
  const pom = read('pom.xml');
  if (pom) {
    p.packageManagers.push({ name: 'maven', kind: 'java', evidence: { file: 'pom.xml', line: 1 } });
    if (/spring-boot/.test(pom))
      framework('Spring Boot', 'web', { file: 'pom.xml', line: lineOf(pom, 'spring-boot') });
    command('test', has('mvnw') ? './mvnw test' : 'mvn test', { file: 'pom.xml', line: 1 });
  }
  for (const g of ['build.gradle.kts', 'build.gradle']) {
    const text = read(g);
    if (!text) continue;
    p.packageManagers.push({
      name: 'gradle',
      kind: g.endsWith('kts') ? 'kotlin' : 'java',
      evidence: { file: g, line: 1 },
    });
    if (/org\.springframework\.boot/.test(text))
      framework('Spring Boot', 'web', { file: g, line: lineOf(text, 'org.springframework.boot') });
    command('test', has('gradlew') ? './gradlew test' : 'gradle test', { file: g, line: 1 });
    break;
  }

  // Ruby, PHP
  const gemfile = read('Gemfile');
  if (gemfile) {
    p.packageManagers.push({ name: 'bundler', kind: 'ruby', evidence: { file: 'Gemfile', line: 1 } });
    if (/gem ['"]rails['"]/.test(gemfile))
      framework('Rails', 'web', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rails['"]/) });
    if (/gem ['"]rspec/.test(gemfile)) {
      framework('RSpec', 'test', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rspec/) });
      command('test', 'bundle exec rspec', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rspec/) });
    } else if (has('bin/rails')) command('test', 'bin/rails test', { file: 'bin/rails', line: 1 });
    if (/gem ['"]rubocop/.test(gemfile))
      command('lint', 'bundle exec rubocop', { file: 'Gemfile', line: lineOf(gemfile, /gem ['"]rubocop/) });
  }
  const composer = read('composer.json');
  if (composer) {
    p.packageManagers.push({ name: 'composer', kind: 'php', evidence: { file: 'composer.json', line: 1 } });
    if (composer.includes('laravel/framework')) {
      framework('Laravel', 'web', { file: 'composer.json', line: lineOf(composer, 'laravel/framework') });
      command('test', 'php artisan test', {
        file: 'composer.json',
        line: lineOf(composer, 'laravel/framework'),
      });
    }
    if (composer.includes('symfony/framework-bundle'))
      framework('Symfony', 'web', {
        file: 'composer.json',
        line: lineOf(composer, 'symfony/framework-bundle'),
      });
    if (composer.includes('phpunit/phpunit'))
      command('test', 'vendor/bin/phpunit', {
        file: 'composer.json',
        line: lineOf(composer, 'phpunit/phpunit'),
      });
  }

  // Makefile targets
  const makefile = read('Makefile');
  if (makefile) {
    for (const m of makefile.matchAll(/^([A-Za-z][\w.-]*)\s*:(?!=)/gm)) {
      const target = m[1]!;
      const purpose = purposeOfScript(target) ?? (target === 'check' ? 'ci' : null);
      if (purpose) command(purpose, `make ${target}`, { file: 'Makefile', line: lineOf(makefile, m[0]) });
    }
  }

  // CI
  for (const f of inventory.files) {
    if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(f.path)) continue;
    const text = read(f.path);
    if (!text) continue;
    const jobs: Finding[] = [];
    try {
      const doc = parseYaml(text) as {
        jobs?: Record<string, { name?: string; steps?: Array<{ run?: string }> }>;
      };
      for (const [id, job] of Object.entries(doc?.jobs ?? {})) {
        jobs.push({
          name: id,
          detail: job?.name,
          evidence: {
            file: f.path,
            line: lineOf(text, new RegExp(`^\\s{2}${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm')),
          },
        });
        for (const step of job?.steps ?? []) {
          const run = typeof step?.run === 'string' ? step.run.trim() : '';
          if (!run || run.includes('\n') || run.length > 120) continue;
          const purpose: CommandPurpose | null = /\b(test|pytest|jest|vitest|mocha|rspec|phpunit)\b/.test(run)
            ? 'test'
            : /\b(lint|eslint|ruff|flake8|clippy|rubocop|biome)\b/.test(run)
              ? 'lint'
              : /\b(tsc|mypy|typecheck)\b/.test(run)
                ? 'typecheck'
                : null;
          if (purpose) command(purpose, run, { file: f.path, line: lineOf(text, run) });
        }
      }
    } catch {
      // A workflow YAML we cannot parse still shows the system in use.
    }
    p.ci.push({ system: 'GitHub Actions', file: f.path, jobs });
  }
  const otherCi: Array<[string, string]> = [
    ['.gitlab-ci.yml', 'GitLab CI'],
    ['.circleci/config.yml', 'CircleCI'],
    ['Jenkinsfile', 'Jenkins'],
    ['azure-pipelines.yml', 'Azure Pipelines'],
    ['.travis.yml', 'Travis CI'],
    ['bitbucket-pipelines.yml', 'Bitbucket Pipelines'],
    ['.ci/run', 'CI script'],
  ];
  for (const [file, system] of otherCi) {
    if (!has(file)) continue;
    const jobs: Finding[] = [];
    if (file.endsWith('.yml')) {
      const text = read(file) ?? '';
      try {
        const doc = parseYaml(text) as Record<string, unknown>;
        const table = (file.startsWith('.circleci') ? (doc?.jobs as Record<string, unknown>) : doc) ?? {};
        for (const key of Object.keys(table)) {
          if (
            /^(stages|variables|default|include|image|services|before_script|after_script|workflows|version|orbs|cache)$/.test(
              key,
            ) ||
            key.startsWith('.')
          )
            continue;
          jobs.push({
            name: key,
            evidence: {
              file,
              line: lineOf(text, new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm')),
            },
          });
        }
      } catch {}
    }
    p.ci.push({ system, file, jobs });
  }

  // Databases and migrations
  const dbTools: Array<[string, string]> = [
    ['prisma/schema.prisma', 'Prisma schema'],
    ['alembic.ini', 'Alembic'],
    ['knexfile.js', 'Knex'],
    ['knexfile.ts', 'Knex'],
    ['drizzle.config.ts', 'Drizzle Kit'],
    ['ormconfig.json', 'TypeORM'],
    ['db/schema.rb', 'Rails schema'],
    ['supabase/config.toml', 'Supabase'],
  ];
  for (const [file, name] of dbTools)
    if (has(file)) p.database.tools.push({ name, evidence: { file, line: 1 } });
  const migrationDirs = new Map<string, number>();
  for (const f of inventory.files) {
    const m = /^(.*?(?:^|\/)(?:migrations|migrate|alembic\/versions|versions)\/)/.exec(f.path);
    if (m && /migrat|alembic/.test(m[1]!)) migrationDirs.set(m[1]!, (migrationDirs.get(m[1]!) ?? 0) + 1);
  }
  for (const [dir, n] of [...migrationDirs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    p.database.migrations.push({
      name: dir.replace(/\/$/, ''),
      detail: `${n} file${n === 1 ? '' : 's'}`,
      evidence: { file: inventory.files.find((f) => f.path.startsWith(dir))!.path, line: 1 },
    });
  }

  // Containers and infrastructure
  for (const f of inventory.files) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (/^Dockerfile/.test(name))
      p.containers.push({ name: 'Docker', detail: f.path, evidence: { file: f.path, line: 1 } });
    else if (/^(docker-)?compose[^/]*\.ya?ml$/.test(name))
      p.containers.push({ name: 'Docker Compose', detail: f.path, evidence: { file: f.path, line: 1 } });
    else if (name === 'Chart.yaml')
      p.containers.push({ name: 'Helm', detail: f.path, evidence: { file: f.path, line: 1 } });
    else if (/\.tf$/.test(name) && !p.containers.some((c) => c.name === 'Terraform'))
      p.containers.push({ name: 'Terraform', detail: f.path, evidence: { file: f.path, line: 1 } });
    else if (/^(fly\.toml|vercel\.json|netlify\.toml|serverless\.ya?ml|Procfile|app\.yaml)$/.test(name))
      p.containers.push({
        name: name.replace(/\..*$/, ''),
        detail: f.path,
        evidence: { file: f.path, line: 1 },
      });
  }

  // Docs worth reading first
  const docRank = (path: string): number => {
    const name = path.slice(path.lastIndexOf('/') + 1).toUpperCase();
    if (path.includes('/') && !/^docs?\//i.test(path) && !/^\.github\//.test(path)) return -1;
    if (/^AGENTS\.MD$|^CLAUDE\.MD$/.test(name)) return 0;
    if (/^README/.test(name) && !path.includes('/')) return 1;
    if (/^CONTRIBUTING/.test(name)) return 2;
    if (/^ARCHITECTURE/.test(name)) return 2;
    if (/(^|\/)(adr|adrs|decisions)\//i.test(path)) return 4;
    if (/^docs?\/[^/]+\.(md|mdx|rst)$/i.test(path)) return 3;
    if (/^\.github\/copilot-instructions\.md$/.test(path)) return 0;
    return -1;
  };
  p.docs = inventory.files
    .map((f) => ({ f, r: docRank(f.path) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.f.path.localeCompare(b.f.path))
    .slice(0, 15)
    .map(({ f, r }) => ({
      name: f.path,
      kind: ['agent guide', 'readme', 'guide', 'docs', 'adr'][r],
      evidence: { file: f.path, line: 1 },
    }));

  // Changelog: news fragments first (a project that has them wants them, not edits to the file they build).
  const fragment =
    /^(?:(.+)\/)?(\+?[\w-]+)\.(feature|features|bugfix|bugfixes|fix|fixes|doc|docs|removal|removals|misc|change|changes|breaking|deprecation|deprecations|trivial|improvement|internal|added|fixed|changed|removed|security|other|false_positive|false_negative|new_check|user_action)(?:\.\d+)?\.(rst|md|txt)$/;
  const byDir = new Map<string, { types: Set<string>; example: string }>();
  for (const f of inventory.files) {
    const m = fragment.exec(f.path);
    if (!m?.[1] || !/(change|news|fragment|whatsnew|release)/i.test(m[1])) continue;
    const d = byDir.get(m[1]) ?? { types: new Set<string>(), example: f.path };
    d.types.add(m[3]!);
    byDir.set(m[1], d);
  }
  const towncrier = /\[tool\.towncrier\][\s\S]*?directory\s*=\s*["']([^"']+)["']/.exec(pyproject ?? '')?.[1];
  const frag = [...byDir.entries()].sort((a, b) => b[1].types.size - a[1].types.size)[0];
  const changelogFile = inventory.files
    .map((f) => f.path)
    .filter((f) =>
      /^(docs?\/)?(CHANGES|CHANGELOG|HISTORY|NEWS|ChangeLog|RELEASE[-_]?NOTES)(\.(md|rst|txt))?$/i.test(f),
    )
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (frag || towncrier)
    p.changelog = {
      kind: 'fragments',
      path: (towncrier ?? frag![0]).replace(/\/+$/, ''),
      types: frag ? [...frag[1].types] : [],
      example: frag?.[1].example,
      evidence: towncrier
        ? { file: 'pyproject.toml', line: lineOf(pyproject ?? '', '[tool.towncrier]') }
        : { file: frag![1].example, line: 1 },
    };
  else if (changelogFile)
    p.changelog = {
      kind: 'file',
      path: changelogFile,
      types: [],
      evidence: { file: changelogFile, line: 1 },
    };

  // Xano workspace
  const xs = inventory.files.filter((f) => f.path.endsWith('.xs'));
  if (xs.length > 0) {
    const components: XanoWorkspace['components'] = {
      apis: [],
      functions: [],
      tables: [],
      tasks: [],
      workflow_tests: [],
    };
    let base = '';
    for (const f of xs) {
      const m = /^(.*?)(apis|functions|tables|tasks|workflow_tests)\//.exec(f.path);
      if (!m) continue;
      base = m[1]!;
      components[m[2] as keyof XanoWorkspace['components']].push(f.path);
    }
    if (Object.values(components).filter((l) => l.length > 0).length >= 2) {
      p.xano = { root: base.replace(/\/$/, '') || '.', components };
      framework('Xano', 'backend', { file: xs[0]!.path, line: 1 });
    }
  }
  return p;
}
