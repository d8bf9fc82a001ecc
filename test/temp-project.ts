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
