/**
 * The commit that introduced the sibling, from the project's own history: `git log -S<identifier>` (the
 * pickaxe) limited to the file that declares it, oldest first, bounded in time; then the files that
 * commit changed. Co-change is what a maintainer follows ("who changed this also changed that").
 * git runs with `safeGitArgs` (no fsmonitor, hooks, pager or external diff) and without textconv filters, so
 * a cloned repository's config runs nothing, and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { safeGitArgs } from '../files/git-args.js';

export interface Introduced {
  commit: string;
  subject: string;
  files: string[];
}

const TIMEOUT_MS = 15_000;

const git = (root: string, args: string[]) =>
  execFileSync('git', [...safeGitArgs(root), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });

/**
 * The oldest commit that added `identifier` to `file` and is a precedent, with the files it changed; null
 * without history. A commit that moved it there from another file, or changed more than `maxFiles` files
 * (an import, a mass refactor), is no precedent: the next one in the pickaxe's list is tried, up to
 * `TRIES`, so a sibling whose file was made by a move still has the commit that extended it.
 */
export function introducedBy(
  root: string,
  identifier: string,
  file: string,
  maxFiles = 20,
): Introduced | null {
  let log: string;
  try {
    log = git(root, [
      'log',
      '--no-renames',
      '--reverse',
      '--no-textconv',
      '--no-ext-diff',
      '--format=%H%x00%s',
      `-S${identifier}`,
      '--',
      `:(literal)${file}`,
    ]);
  } catch {
    return null; // not a repository, no commits, or too slow: no history fact rather than a wrong one
  }
  // Paths from `git show` are relative to the repository's top; the analysis works relative to `root`.
  let prefix = '';
  try {
    prefix = git(root, ['rev-parse', '--show-prefix']).trim();
  } catch {
    prefix = '';
  }
  for (const line of log
    .split('\n')
    .filter((l) => l.includes('\0'))
    .slice(0, TRIES)) {
    const [commit, subject] = line.split('\0') as [string, string];
    let names: string;
    try {
      names = git(root, [
        'show',
        '--no-renames',
        '--no-textconv',
        '--no-ext-diff',
        '--format=',
        '--name-only',
        '-z',
        commit,
      ]);
    } catch {
      return null;
    }
    const all = names.split('\0').filter(Boolean);
    if (all.length > maxFiles || moved(root, commit, identifier, `${prefix}${file}`)) continue;
    const files = all.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
    return { commit, subject, files };
  }
  return null;
}

const TRIES = 6;

/** True when the commit removed lines naming the identifier from a file other than `file` (top-relative). */
export function moved(root: string, commit: string, identifier: string, file: string): boolean {
  let diff: string;
  try {
    diff = git(root, [
      'show',
      '--no-renames',
      '--no-textconv',
      '--no-ext-diff',
      '--format=',
      '--unified=0',
      commit,
    ]);
  } catch {
    return false;
  }
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  let current = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = / b\/(.+)$/.exec(line)?.[1] ?? '';
      continue;
    }
    if (line.startsWith('--- ') || line.startsWith('+++ ') || !line.includes(identifier)) continue;
    if (line.startsWith('+')) added.set(current, (added.get(current) ?? 0) + 1);
    else if (line.startsWith('-')) removed.set(current, (removed.get(current) ?? 0) + 1);
  }
  return [...removed].some(([f, n]) => f !== file && n > (added.get(f) ?? 0));
}
