import { execFileSync } from 'node:child_process';

/**
 * The arguments every git call plansmith makes starts with. A repository's own `.git/config` may name
 * programs git runs on its behalf (`core.fsmonitor` runs on `git ls-files`; `core.hooksPath` and the diff
 * and pager settings too); a cloned repository must not run code when plansmith looks at it, so these
 * are switched off on the command line, which outranks the repository's config.
 */
export function safeGitArgs(root: string): string[] {
  return [
    '-C',
    root,
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.untrackedCache=false',
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.pager=cat',
    '-c',
    'diff.external=',
    '-c',
    'protocol.allow=never',
    '--no-pager',
  ];
}

/**
 * A read-only git call's standard output (`safeGitArgs` first, no optional locks taken, stderr dropped),
 * bounded in time; it throws when git fails or runs past `timeout`, and the caller decides what that means.
 */
export function gitOutput(root: string, args: string[], timeout: number): string {
  return execFileSync('git', [...safeGitArgs(root), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
}
