import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'bin', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the built CLI as a user would, in `cwd`, with an optional stdin. */
export function plansmith(
  args: string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv },
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 26, // the default (1 MiB) would cut a long listing short
    env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '', ...options.env },
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json<T>() {
      return JSON.parse(r.stdout) as T;
    },
  };
}
