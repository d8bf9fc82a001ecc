import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository's root, where `examples/samples/` lives. */
export const REPO = join(import.meta.dirname, '..');
export const SAMPLES = join(REPO, 'examples', 'samples');

/**
 * Copies a shipped sample project into `dest` from git's tracked files only, so that whatever a user's run
 * left in the working tree (the README quick start writes `plans/` and `.plansmith/` into a sample) never
 * reaches a test. Throws when the sample has no tracked files: a test must not run on an empty copy.
 */
export function copySample(name: string, dest: string): string {
  const rel = `examples/samples/${name}`;
  const out = execFileSync('git', ['ls-files', '-z', '--', rel], { cwd: REPO, encoding: 'utf8' });
  const files = out.split('\0').filter(Boolean);
  if (files.length === 0) throw new Error(`no tracked files under ${rel}`);
  for (const file of files) {
    const to = join(dest, file.slice(rel.length + 1));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(REPO, file), to);
  }
  return dest;
}

/** A fresh temporary copy of a sample. */
export function sampleCopy(name: string, prefix = 'plansmith-sample-'): string {
  return copySample(name, mkdtempSync(join(tmpdir(), prefix)));
}
