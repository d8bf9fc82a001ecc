import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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
  const onPath = safe(() =>
    execFileSync(process.platform === 'win32' ? 'where' : 'which', ['plansmith'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]!
      .trim(),
  );
  if (onPath && safe(() => realpath(onPath)) === self)
    return { how: 'global', launch: { command: 'plansmith', args: ['mcp'] } };
  return { how: 'path', launch: { command: process.execPath, args: [self, 'mcp'] } };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f() || undefined;
  } catch {
    return undefined;
  }
}
