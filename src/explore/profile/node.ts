import type { Detector } from './detect.js';
import { purposeOfScript } from './detect.js';
import type { TestRunner } from './types.js';
import { keyLine } from './types.js';

/** Server frameworks a project may install only to serve its tests (Nuxt, Next and friends are often dev dependencies of the app itself). */
const TEST_SERVERS = new Set(['express', 'fastify', 'koa', 'hono', '@nestjs/core']);

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
  const evidence = { file: 'package.json', line: keyLine(text, 'test', 'scripts') };
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

/** JavaScript and TypeScript: package managers, workspaces, frameworks, scripts, the test runner, entry points. */
export const node: Detector = {
  name: 'node',
  detect(ctx) {
    const { inventory, paths, has, read, p, framework, command } = ctx;
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
      ctx.scriptRunner = runner;
      p.packageManagers.push({
        name,
        kind: 'javascript',
        evidence: declared
          ? { file: 'package.json', line: keyLine(pkgText, 'packageManager') }
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
        p.workspaces.push({
          name: String(pkg.name ?? dir),
          detail: dir,
          evidence: { file: m.path, line: 1 },
        });
      const deps = {
        ...(pkg.dependencies as object),
        ...(pkg.devDependencies as object),
        ...(pkg.peerDependencies as object),
      } as Record<string, string>;
      for (const dep of Object.keys(deps)) {
        const fw = JS_FRAMEWORKS[dep];
        // A server framework only among the dev dependencies runs the tests' server (an HTTP client's
        // test suite, a sandbox), not the project: a library is not a web application for it.
        const devOnly =
          !(pkg.dependencies as Record<string, string> | undefined)?.[dep] &&
          !(pkg.peerDependencies as Record<string, string> | undefined)?.[dep];
        if (fw && !(devOnly && TEST_SERVERS.has(dep)))
          framework(fw[0], fw[1], { file: m.path, line: keyLine(text, dep) });
      }
      if (deps.typescript || has(dir ? `${dir}/tsconfig.json` : 'tsconfig.json'))
        framework('TypeScript', 'language', {
          file: m.path,
          line: deps.typescript ? keyLine(text, 'typescript') : 1,
        });
      const scripts = (pkg.scripts ?? {}) as Record<string, string>;
      for (const name of Object.keys(scripts)) {
        const purpose = purposeOfScript(name);
        if (!purpose) continue;
        // Each tool's own flag for the folder a script runs in: npm `--prefix`, pnpm `--dir`, yarn and bun `--cwd`.
        const inDir = runner === 'npm run' ? '--prefix' : runner === 'pnpm' ? '--dir' : '--cwd';
        const prefix = dir ? `${runner} ${inDir} ${dir}` : runner;
        const cmd = name === 'test' && runner === 'npm run' && !dir ? 'npm test' : `${prefix} ${name}`;
        command(purpose, cmd, { file: m.path, line: keyLine(text, name, 'scripts') }, scripts[name]);
      }
      if (m.path === 'package.json' && !p.testRunner) p.testRunner = jsTestRunner(pkg, scripts, text, read);
      if (m.path === 'package.json') {
        if (pkg.workspaces)
          p.workspaces.unshift({
            name: 'workspaces',
            detail: JSON.stringify(pkg.workspaces),
            evidence: { file: m.path, line: keyLine(text, 'workspaces') },
          });
        const bin = pkg.bin;
        if (typeof bin === 'string')
          p.entryPoints.push({
            name: bin,
            kind: 'bin',
            evidence: { file: m.path, line: keyLine(text, 'bin') },
          });
        else if (bin && typeof bin === 'object')
          for (const v of Object.values(bin))
            p.entryPoints.push({
              name: String(v),
              kind: 'bin',
              evidence: { file: m.path, line: keyLine(text, 'bin') },
            });
        if (typeof pkg.main === 'string')
          p.entryPoints.push({
            name: pkg.main,
            kind: 'main',
            evidence: { file: m.path, line: keyLine(text, 'main') },
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
  },
};
