import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** Writes each file of `files` (relative path → text) under `root`, making its folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * Small projects written into temporary folders for a test file (fixtures in our own words), removed when
 * the file's tests end. Returns the function that writes one: `project({ 'a/b.py': '…' })` → its root.
 */
export function tempProjects(name: string): (files: Record<string, string>) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const root of made) rmSync(root, { recursive: true, force: true });
  });
  return (files) => {
    const root = mkdtempSync(join(tmpdir(), `plansmith-${name}-`));
    made.push(root);
    writeFiles(root, files);
    return root;
  };
}

/**
 * A git repository in a fresh temporary project (from `tempProjects`), for tests of what the history
 * says: `commit(message, files, remove)` writes the files, removes those named, commits all and returns
 * the commit id.
 */
export function gitRepo(project: (files: Record<string, string>) => string) {
  const root = project({});
  const run = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  run('init', '-q');
  const commit = (message: string, files: Record<string, string>, remove: string[] = []) => {
    for (const f of remove) rmSync(join(root, f));
    writeFiles(root, files);
    run('add', '-A');
    run('commit', '-q', '-m', message);
    return run('rev-parse', 'HEAD').trim();
  };
  return { root, run, commit };
}
