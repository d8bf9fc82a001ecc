import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a file atomically: a temporary file beside it, then a rename. Readers see old or new, never half. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes several files; if one fails, the ones already written by this call are put back as they were. */
export function writeFilesAtomic(
  files: Array<{ path: string; content: string; previous: string | null }>,
): void {
  const done: typeof files = [];
  try {
    for (const f of files) {
      writeFileAtomic(f.path, f.content);
      done.push(f);
    }
  } catch (e) {
    for (const f of done.reverse()) {
      if (f.previous === null) rmSync(f.path, { force: true });
      else writeFileAtomic(f.path, f.previous);
    }
    throw e;
  }
}
