import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { CheckContext } from './context.js';
import { joinDir, parseCommand, type SimpleCommand } from './shell.js';

/**
 * Package scripts the way npm, pnpm, yarn and bun run them: the flags that pick a folder or a workspace
 * (`-w`/`--workspace`, `--prefix`, `-C`/`--dir`, `--filter`, `yarn workspace`), the script's name, the words
 * after `--`, and what the script really runs, following scripts that call scripts.
 */
export interface PackageRun {
  tool: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** `run` for a script (also `npm test`, `pnpm lint`), else the package manager's own subcommand. */
  sub: string;
  script?: string;
  /** Folders whose package.json the script comes from (several for `--workspaces`, `--filter`, `-r`). */
  dirs: string[];
  /** A workspace the flags name that no package in the project is. */
  unknownWorkspace?: string;
  /** Words after the script name (after `--` for npm). */
  passed: string[];
}

const PM = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const OWN_SUBCOMMANDS = new Set([
  'install',
  'i',
  'ci',
  'add',
  'remove',
  'rm',
  'uninstall',
  'un',
  'update',
  'up',
  'upgrade',
  'audit',
  'exec',
  'dlx',
  'x',
  'publish',
  'version',
  'pack',
  'link',
  'outdated',
  'why',
  'ls',
  'list',
  'init',
  'create',
  'dedupe',
  'prune',
  'rebuild',
  'config',
  'set',
  'cache',
  'import',
  'patch',
  'info',
  'view',
  'whoami',
  'login',
]);
const VALUE_FLAGS = /^(-w|--workspace|--prefix|-C|--dir|--filter|-F|--cwd)$/;

export function packageJson(ctx: CheckContext, dir: string): Record<string, unknown> | null {
  return ctx.memo(`pkg:${dir}`, () => {
    const text = ctx.read(dir === '.' ? 'package.json' : `${dir}/package.json`);
    if (!text) return null;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
  });
}

export function scriptsOf(ctx: CheckContext, dir: string): Record<string, string> {
  const s = packageJson(ctx, dir)?.scripts;
  return s && typeof s === 'object' ? (s as Record<string, string>) : {};
}

/** The 1-based line of a script in its package.json, for evidence. */
export function scriptLine(ctx: CheckContext, dir: string, name: string): string {
  const file = dir === '.' ? 'package.json' : `${dir}/package.json`;
  const text = ctx.read(file) ?? '';
  const i = text.indexOf(`"${name}"`);
  return `${file}:${i < 0 ? 1 : text.slice(0, i).split('\n').length}`;
}

/** The project's workspace packages: folder → package name. */
export function workspaces(ctx: CheckContext): Map<string, string> {
  return ctx.memo('workspaces', () => {
    const out = new Map<string, string>();
    const root = packageJson(ctx, '.');
    const w = root?.workspaces;
    const globs: string[] = Array.isArray(w)
      ? (w as string[])
      : Array.isArray((w as { packages?: unknown })?.packages)
        ? (w as { packages: string[] }).packages
        : [];
    try {
      const pn = parseYaml(ctx.read('pnpm-workspace.yaml') ?? '') as { packages?: string[] } | null;
      globs.push(...(pn?.packages ?? []));
    } catch {}
    for (const g of globs) {
      if (g.startsWith('!')) continue;
      const base = g.replace(/\/?\*.*$/, '').replace(/^\.\//, '') || '.';
      const candidates = g.includes('*')
        ? ctx
            .list(base)
            .filter((e) => e.dir)
            .map((e) => (base === '.' ? e.name : `${base}/${e.name}`))
        : [base];
      for (const dir of candidates) {
        if (g.includes('*') && !picomatch.isMatch(dir, g.replace(/^\.\//, ''))) continue;
        const name = packageJson(ctx, dir)?.name;
        if (typeof name === 'string') out.set(dir, name);
      }
    }
    return out;
  });
}

function workspaceDir(ctx: CheckContext, sel: string, cwd: string): string | null {
  const ws = workspaces(ctx);
  const asPath = joinDir(cwd, sel);
  if (ws.has(asPath) || packageJson(ctx, asPath)) return asPath;
  for (const [dir, name] of ws) if (name === sel) return dir;
  return null;
}

/** How a package manager command reads, or null when the command is not one. */
export function packageRun(ctx: CheckContext, c: SimpleCommand): PackageRun | null {
  const [tool, ...rest] = c.argv;
  if (!tool || !PM.has(tool)) return null;
  const run: PackageRun = { tool: tool as PackageRun['tool'], sub: '', dirs: [], passed: [] };
  let dirs: string[] | null = null;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    const named =
      words.length > 0 && !((words[0] === 'run' || words[0] === 'run-script') && words.length < 2);
    if (named && (OWN_SUBCOMMANDS.has(words[0]!) || run.tool !== 'npm' || w === '--')) {
      // pnpm, yarn and bun pass everything after the script's name to it; npm only what follows `--`.
      run.passed.push(...rest.slice(w === '--' ? i + 1 : i));
      break;
    }
    const eq = /^(--[\w-]+)=(.*)$/.exec(w);
    const flag = eq ? eq[1]! : w;
    const value = eq ? eq[2]! : rest[i + 1];
    if (VALUE_FLAGS.test(flag) && value !== undefined) {
      if (!eq) i++;
      if (flag === '--prefix' || flag === '-C' || flag === '--dir' || flag === '--cwd')
        dirs = [joinDir(c.cwd, value)];
      else {
        const d = workspaceDir(ctx, value, c.cwd);
        if (d) dirs = [...(dirs && flag !== '--prefix' ? dirs.filter((x) => x !== c.cwd) : []), d];
        else if (flag === '--filter' || flag === '-F') {
          const matched = [...workspaces(ctx)].filter(
            ([dir, name]) =>
              picomatch.isMatch(name, value) || picomatch.isMatch(dir, value.replace(/^\.\//, '')),
          );
          if (matched.length) dirs = matched.map(([dir]) => dir);
          else run.unknownWorkspace = value;
        } else run.unknownWorkspace = value;
      }
      continue;
    }
    if (/^(-ws|--workspaces|-r|--recursive)$/.test(flag)) {
      dirs = [...workspaces(ctx).keys()];
      continue;
    }
    if (w.startsWith('-')) continue; // --silent, --if-present, …
    if (run.tool === 'yarn' && !words.length && w === 'workspace' && rest[i + 1]) {
      const d = workspaceDir(ctx, rest[++i]!, c.cwd);
      if (d) dirs = [d];
      else run.unknownWorkspace = rest[i];
      continue;
    }
    if (named) run.passed.push(w);
    else words.push(w);
  }
  run.dirs = dirs ?? [c.cwd];
  const [first, second] = words;
  if (!first) {
    run.sub = run.tool === 'yarn' ? 'install' : '';
    return run;
  }
  if (first === 'run' || first === 'run-script') {
    run.sub = 'run';
    run.script = second;
  } else if (first === 'test' || first === 't' || first === 'tst') {
    run.sub = 'run';
    run.script = 'test';
  } else if (first === 'start' || first === 'stop' || first === 'restart') {
    run.sub = 'run';
    run.script = first;
  } else if (OWN_SUBCOMMANDS.has(first)) run.sub = first;
  else if (run.tool !== 'npm') {
    run.sub = 'run';
    run.script = first;
  } else run.sub = first;
  return run;
}

/** A command the project runs, reached through its scripts: the simple command and the scripts on the way. */
export interface Reached {
  cmd: SimpleCommand;
  via: Array<{ dir: string; script: string; body: string }>;
}

/**
 * What a command really runs: package scripts replaced by their bodies (and `run-s`/`npm-run-all` by the
 * scripts they name), up to a depth; everything else as it is.
 */
export function reach(
  ctx: CheckContext,
  cmds: SimpleCommand[],
  via: Reached['via'] = [],
  depth = 0,
): Reached[] {
  const out: Reached[] = [];
  for (const c of cmds) {
    const pr = depth < 6 ? packageRun(ctx, c) : null;
    if (pr?.sub === 'run' && pr.script) {
      for (const dir of pr.dirs) {
        const body = scriptsOf(ctx, dir)[pr.script];
        if (body === undefined) {
          out.push({ cmd: c, via });
          continue;
        }
        const inner = parseCommand(
          `${body} ${pr.passed.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ')}`.trim(),
        );
        for (const x of inner.commands) x.cwd = joinDir(dir, x.cwd);
        out.push(...reach(ctx, inner.commands, [...via, { dir, script: pr.script, body }], depth + 1));
      }
      continue;
    }
    if (depth < 6 && /^(run-s|run-p|npm-run-all)$/.test(c.argv[0] ?? '')) {
      const names = c.argv.slice(1).filter((w) => !w.startsWith('-'));
      const scripts = scriptsOf(ctx, c.cwd);
      for (const n of names)
        for (const [name, body] of Object.entries(scripts))
          if (picomatch.isMatch(name, n.replace(/:/g, '\\:').replace(/\\:\*/g, ':*'))) {
            const inner = parseCommand(body);
            for (const x of inner.commands) x.cwd = joinDir(c.cwd, x.cwd);
            out.push(...reach(ctx, inner.commands, [...via, { dir: c.cwd, script: name, body }], depth + 1));
          }
      continue;
    }
    out.push({ cmd: c, via });
  }
  return out;
}
