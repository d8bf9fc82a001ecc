import { execFileSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { projectFiles, realPathOf } from '../files/project-files.js';
import type { McpLaunch } from '../registry/export.js';

export interface Installation {
  /** How plansmith is installed, as `init` reports it. */
  how: 'project dependency' | 'global' | 'path';
  launch: McpLaunch;
}

/**
 * How plansmith is installed on this machine, so that the MCP entries `init` writes start the server:
 * a dependency of the project → `npx plansmith mcp` (npx finds the project's own copy, offline); on the
 * PATH as `plansmith` and the same program as the one running → `plansmith mcp`; else (a clone that is
 * not linked) the absolute node and script path.
 */
export function detectInstallation(
  root: string,
  script: string,
  realpath: (p: string) => string = realPathOf,
): Installation {
  const self = safe(() => realpath(script)) ?? script;
  const files = projectFiles(root);
  let declared = false;
  try {
    const pkg = JSON.parse(files.readTextIfExists('package.json')?.text ?? '{}');
    declared = Boolean(pkg.dependencies?.plansmith ?? pkg.devDependencies?.plansmith);
  } catch {
    declared = false;
  }
  const local = safe(() => realpath(join(files.root, 'node_modules', 'plansmith', 'dist', 'bin', 'main.js')));
  if (declared && local)
    return { how: 'project dependency', launch: { command: 'npx', args: ['plansmith', 'mcp'] } };
  const onPath = plansmithOnPath();
  if (onPath && safe(() => realpath(onPath)) === self)
    return { how: 'global', launch: { command: 'plansmith', args: ['mcp'] } };
  return { how: 'path', launch: { command: process.execPath, args: [self, 'mcp'] } };
}

/** The first `plansmith` on the PATH, or undefined. */
function plansmithOnPath(): string | undefined {
  return safe(() =>
    execFileSync(process.platform === 'win32' ? 'where' : 'which', ['plansmith'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]!
      .trim(),
  );
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f() || undefined;
  } catch {
    return undefined;
  }
}

/** An MCP entry that starts this very plansmith, and how doctor starts it (this node, this script). */
export type EntryCheck = { self: true; launch: McpLaunch; via: string } | { self: false; reason: string };

/**
 * Whether an MCP entry (from a project's `.mcp.json` or `.vscode/mcp.json`, so chosen by whoever wrote the
 * repository) starts this plansmith: one of the three forms `init` writes, each resolved to the running
 * script. Anything else is the repository's own command, which doctor never starts without asking.
 */
export function recogniseEntry(
  entry: { command?: unknown; args?: unknown },
  root: string,
  script: string,
  realpath: (p: string) => string = realPathOf,
): EntryCheck {
  const self = safe(() => realpath(script));
  if (!self) return { self: false, reason: 'the running plansmith has no script path to compare with' };
  const command = typeof entry.command === 'string' ? entry.command : '';
  const args =
    Array.isArray(entry.args) && entry.args.every((a) => typeof a === 'string') ? entry.args : null;
  const ours: McpLaunch = { command: process.execPath, args: [self, 'mcp'] };
  if (!args) return { self: false, reason: '`args` is not a list of strings' };
  const same = (p: string) => safe(() => realpath(p)) === self;
  if (command === 'npx' && args.length === 2 && args[0] === 'plansmith' && args[1] === 'mcp') {
    const bin = join(root, 'node_modules', '.bin', 'plansmith');
    return same(bin)
      ? { self: true, launch: ours, via: `the project's node_modules/.bin/plansmith is this plansmith` }
      : {
          self: false,
          reason: `npx would run the project's own node_modules/.bin/plansmith, not this plansmith`,
        };
  }
  if (command === 'plansmith' && args.length === 1 && args[0] === 'mcp') {
    const onPath = plansmithOnPath();
    return onPath && isAbsolute(onPath) && same(onPath)
      ? { self: true, launch: ours, via: `plansmith on the PATH is this plansmith` }
      : { self: false, reason: 'plansmith on the PATH is another program' };
  }
  if (
    isAbsolute(command) &&
    safe(() => realpath(command)) === safe(() => realpath(process.execPath)) &&
    args.length === 2 &&
    isAbsolute(args[0]!) &&
    args[1] === 'mcp' &&
    same(args[0]!)
  )
    return { self: true, launch: ours, via: 'this node and this plansmith script' };
  return { self: false, reason: 'not one of the forms plansmith init writes for this installation' };
}
