import picomatch from 'picomatch';
import type { CheckContext } from './context.js';
import { workspaces } from './scripts.js';

/**
 * The JavaScript test runners' own configurations (Playwright, Vitest, Jest), read from their config
 * files in the root and in each workspace: which files each one runs, with the line that says so.
 */
export interface RunnerConfig {
  name: 'playwright' | 'vitest' | 'jest';
  /** The folder the config lives in (paths in it are relative to this folder). */
  dir: string;
  /** Where the deciding setting is (`file:line`). */
  cite: string;
  include: string[];
  exclude: string[];
}

const CONFIGS: Array<[RunnerConfig['name'], string[]]> = [
  [
    'playwright',
    ['playwright.config.ts', 'playwright.config.js', 'playwright.config.mjs', 'playwright.config.cjs'],
  ],
  [
    'vitest',
    [
      'vitest.config.ts',
      'vitest.config.mts',
      'vitest.config.js',
      'vitest.config.mjs',
      'vite.config.ts',
      'vite.config.js',
      'vite.config.mjs',
    ],
  ],
  ['jest', ['jest.config.js', 'jest.config.ts', 'jest.config.cjs', 'jest.config.mjs']],
];

const DEFAULTS: Record<RunnerConfig['name'], string[]> = {
  playwright: ['**/*.@(spec|test).?(c|m)[jt]s?(x)'],
  vitest: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'],
  jest: ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)'],
};

function lineAt(text: string, index: number): number {
  return text.slice(0, Math.max(0, index)).split('\n').length;
}

function stringsIn(list: string): string[] {
  return [...list.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
}

function readConfig(
  name: RunnerConfig['name'],
  dir: string,
  file: string,
  text: string,
): RunnerConfig | null {
  const path = dir === '.' ? file : `${dir}/${file}`;
  if (name === 'vitest' && file.startsWith('vite.') && !/\btest\s*:/.test(text)) return null;
  const at = (re: RegExp) => {
    const m = re.exec(text);
    return m ? { m, cite: `${path}:${lineAt(text, m.index)}` } : null;
  };
  if (name === 'playwright') {
    const testDir = at(/testDir\s*:\s*["'`]([^"'`]+)["'`]/);
    const match = at(/testMatch\s*:\s*(\[[^\]]*\]|["'`][^"'`]+["'`])/);
    const base = testDir ? testDir.m[1]!.replace(/^\.\//, '').replace(/\/+$/, '') : '';
    const globs = match ? stringsIn(match.m[1]!) : DEFAULTS.playwright;
    return {
      name,
      dir,
      cite: (testDir ?? match)?.cite ?? `${path}:1`,
      include: globs.map((g) => (base && base !== '.' ? `${base}/${g.replace(/^\*\*\//, '**/')}` : g)),
      exclude: [],
    };
  }
  const inc = at(/\b(include|testMatch)\s*:\s*\[([^\]]*)\]/);
  const exc = at(/\b(exclude|testPathIgnorePatterns)\s*:\s*\[([^\]]*)\]/);
  const include = inc ? stringsIn(inc.m[2]!) : DEFAULTS[name];
  return {
    name,
    dir,
    cite: inc?.cite ?? `${path}:1`,
    include: include.map((g) => g.replace(/^<rootDir>\//, '').replace(/^\.\//, '')),
    exclude: exc ? stringsIn(exc.m[2]!).filter((g) => !/node_modules/.test(g)) : [],
  };
}

/** Every runner config in the root and the workspaces. */
export function runnerConfigs(ctx: CheckContext): RunnerConfig[] {
  return ctx.memo('runner-configs', () => {
    const out: RunnerConfig[] = [];
    for (const dir of ['.', ...workspaces(ctx).keys()]) {
      for (const [name, files] of CONFIGS) {
        for (const f of files) {
          const text = ctx.read(dir === '.' ? f : `${dir}/${f}`);
          if (text === null) continue;
          const cfg = readConfig(name, dir, f, text);
          if (cfg) out.push(cfg);
          break;
        }
      }
    }
    return out;
  });
}

/** Whether a runner config takes a file (a path relative to the root); exclusions are globs or jest regexes. */
export function takes(cfg: RunnerConfig, path: string): boolean {
  const rel = cfg.dir === '.' ? path : path.startsWith(`${cfg.dir}/`) ? path.slice(cfg.dir.length + 1) : null;
  if (rel === null) return false;
  const inc = cfg.include.some(
    (g) => picomatch.isMatch(rel, g, { dot: true }) || picomatch.isMatch(rel, `**/${g}`),
  );
  if (!inc) return false;
  return !cfg.exclude.some((g) => {
    if (cfg.name === 'jest') {
      try {
        return new RegExp(g.replace(/^<rootDir>\/?/, '')).test(rel);
      } catch {
        return false;
      }
    }
    return picomatch.isMatch(rel, g, { dot: true });
  });
}

/** Which runner a simple command calls (through npx, pnpm exec, node_modules/.bin), and the words after it. */
export function runnerCall(argv: string[]): { runner: string; args: string[] } | null {
  let i = 0;
  const skip = () => {
    while (i < argv.length) {
      const w = argv[i]!;
      if (
        /^(npx|bunx|pnpx)$/.test(w) ||
        (/^(pnpm|yarn|bun|npm)$/.test(w) && /^(exec|dlx|x)$/.test(argv[i + 1] ?? ''))
      ) {
        i += /^(npx|bunx|pnpx)$/.test(w) ? 1 : 2;
        while (argv[i]?.startsWith('-')) i++;
        continue;
      }
      if (w === 'node' || /^python3?$/.test(w)) {
        i++;
        while (argv[i]?.startsWith('-')) {
          if (argv[i] === '-m') {
            i++;
            break;
          }
          i++;
        }
        continue;
      }
      if (/^(uv|poetry|pdm|hatch|pipenv|pixi)$/.test(w) && argv[i + 1] === 'run') {
        i += 2;
        while (argv[i]?.startsWith('-'))
          i += /^(-e|--environment|--with|--extra|--group)$/.test(argv[i]!) ? 2 : 1;
        continue;
      }
      break;
    }
  };
  skip();
  // A runner's own entry script counts as the runner: `node ./bin/mocha.js`, `node bin/_mocha`.
  const bin = (argv[i] ?? '')
    .replace(/^.*node_modules\/\.bin\//, '')
    .replace(/^.*\/bin\//, '')
    .replace(/^(mocha|jest|vitest)\.[cm]?js$/, '$1')
    .replace(/^_mocha$/, 'mocha');
  const args = argv.slice(i + 1);
  if (bin === 'playwright' && args[0] === 'test') return { runner: 'playwright', args: args.slice(1) };
  if (/^(vitest|jest|mocha|pytest|py\.test)$/.test(bin))
    return { runner: bin === 'py.test' ? 'pytest' : bin, args };
  if (bin === 'go' && args[0] === 'test') return { runner: 'go', args: args.slice(1) };
  return null;
}
