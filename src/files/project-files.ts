import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { PlansmithError } from '../domain/errors.js';
import { isGitInternal, isSecretPath, secretInText } from './secrets.js';
import { decodeText } from './text.js';

/** A path refused by the file layer, or a file that cannot be read; the message names the path and why. */
export class FileAccessError extends PlansmithError {
  readonly reason: string;
  constructor(path: string, reason: string) {
    super('VALIDATION', `${path}: ${reason}`, { path, reason });
    this.name = 'FileAccessError';
    this.reason = reason;
  }
}

export interface TextFile {
  /** Relative to the root, forward slashes: the real file's path when the given path was a symlink. */
  path: string;
  text: string;
  /** The bytes were not valid UTF-8; undecodable bytes became U+FFFD. */
  lossy: boolean;
  size: number;
}

export interface FileWrite {
  /** Project-relative path. */
  path: string;
  content: string | Uint8Array;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** True when `target` (absolute) is `root` or below it. */
export function isInside(root: string, target: string): boolean {
  const r = relative(root, target);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r) && !/^[a-zA-Z]:/.test(r));
}

/** The reasons the layer refuses a path, as stable strings (tests and callers match on them). */
export const REFUSED = {
  outside: 'outside the project root',
  throughLink: 'resolves (through a symlink) outside the project root',
  secret: 'may hold secrets; plansmith never reads it',
  git: 'is inside .git/; plansmith never reads or writes git internals',
  writeLink: 'is a symlink (or lies under one); plansmith never writes through a symlink',
  empty: 'an empty path',
  nul: 'the path contains a NUL byte',
  notRegular: 'is not a regular file (a FIFO, socket or device); plansmith reads only regular project files',
} as const;

/**
 * Opens a file for reading without ever blocking: a FIFO with no writer would otherwise hang `open` (and
 * with it every client of a server). O_NONBLOCK changes nothing for regular files; the caller then checks
 * the type on the open descriptor, so a file swapped for a FIFO after a check is still caught.
 */
function openForReading(path: string, real: string): number {
  try {
    return openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new FileAccessError(path, `cannot be read (${(e as { code?: string }).code ?? 'error'})`);
  }
}

/**
 * The one guarded door to a project's files. Every read and write of every surface (CLI, MCP tools and
 * resources, the agent's tools, explore, the registry loaders, the workspace writers) goes through here:
 *
 * - paths are normalised and must stay inside the root, after resolving symlinks;
 * - `.git/` internals and secrets (by name, and by content for reads) are refused;
 * - writes are atomic (a temporary file, then a rename) and never go through a symlink;
 * - a refusal is a {@link FileAccessError} naming the path and the reason, the same whether or not the file
 *   exists, so the layer is no existence oracle for paths outside the root.
 */
export class ProjectFiles {
  /** The real path of the project root. */
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  /**
   * A project-relative path, checked lexically: inside the root, not `.git/`. Absolute paths inside the
   * root are accepted and made relative. Throws {@link FileAccessError} otherwise.
   */
  relative(path: string): string {
    if (typeof path !== 'string' || path.trim() === '')
      throw new FileAccessError(String(path), REFUSED.empty);
    if (path.includes('\0')) throw new FileAccessError(path.replace(/\0/g, '\\0'), REFUSED.nul);
    let p = path;
    if (isAbsolute(p)) {
      if (!isInside(this.root, p)) throw new FileAccessError(path, REFUSED.outside);
      p = relative(this.root, p);
    }
    const clean = toPosix(normalize(p)).replace(/^\.\//, '').replace(/\/$/, '');
    if (clean === '..' || clean.startsWith('../') || isAbsolute(clean))
      throw new FileAccessError(path, REFUSED.outside);
    if (clean === '.' || clean === '') return '';
    if (isGitInternal(clean)) throw new FileAccessError(path, REFUSED.git);
    return clean;
  }

  /** The absolute path of a checked project-relative path. */
  abs(rel: string): string {
    return rel === '' ? this.root : join(this.root, rel);
  }

  /**
   * Checks that the existing part of `rel` does not leave the root through a symlink, and returns the real
   * path of the file when it exists (else null).
   */
  private realOf(path: string, rel: string): string | null {
    let probe = this.abs(rel);
    // Find the longest existing prefix; its real path must be inside the root.
    for (;;) {
      try {
        const real = realpathSync(probe);
        if (!isInside(this.root, real)) throw new FileAccessError(path, REFUSED.throughLink);
        if (probe === this.abs(rel)) {
          const realRel = toPosix(relative(this.root, real));
          if (isGitInternal(realRel)) throw new FileAccessError(path, REFUSED.git);
          return real;
        }
        return null;
      } catch (e) {
        if (e instanceof FileAccessError) throw e;
        const code = (e as { code?: string }).code;
        if (code === 'ELOOP') throw new FileAccessError(path, 'is a symlink loop');
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
          throw new FileAccessError(path, `cannot be resolved (${code})`);
        // A dangling symlink: where would it point?
        try {
          if (lstatSync(probe).isSymbolicLink()) throw new FileAccessError(path, REFUSED.throughLink);
        } catch (e2) {
          if (e2 instanceof FileAccessError) throw e2;
        }
        const up = dirname(probe);
        if (up === probe || !isInside(this.root, up)) return null;
        probe = up;
      }
    }
  }

  /** Checks a path for reading and returns its project-relative real path (a symlink's target). */
  private checkRead(path: string): { rel: string; real: string } {
    const rel = this.relative(path);
    const real = this.realOf(path, rel);
    if (!real) throw new FileAccessError(path, 'no such file');
    const realRel = toPosix(relative(this.root, real));
    if (isSecretPath(rel) || isSecretPath(realRel)) throw new FileAccessError(path, REFUSED.secret);
    return { rel: realRel, real };
  }

  /**
   * Whether a path names an existing file or folder inside the root. Paths outside the root, into `.git/`
   * or through a symlink out of the root throw, whether or not anything is there.
   */
  exists(path: string): boolean {
    const rel = this.relative(path);
    return this.realOf(path, rel) !== null;
  }

  /** Whether a usable path exists: false for a missing path and for one the layer refuses. */
  has(path: string): boolean {
    try {
      return this.exists(path);
    } catch (e) {
      if (e instanceof FileAccessError) return false;
      throw e;
    }
  }

  /** The stat of an existing path's real file (null when missing); refusals throw as in {@link exists}. */
  private statOf(path: string): ReturnType<typeof statSync> | null {
    const real = this.realOf(path, this.relative(path));
    if (!real) return null;
    try {
      return statSync(real);
    } catch {
      return null;
    }
  }

  /** Like {@link exists}, for a regular file (a symlink to one inside the root counts). */
  isFile(path: string): boolean {
    return this.statOf(path)?.isFile() ?? false;
  }

  /** Like {@link exists}, for a folder. */
  isDirectory(path: string): boolean {
    return this.statOf(path)?.isDirectory() ?? false;
  }

  /**
   * Reads a text file: inside the root after symlinks, not a secret by name or by content, under the size
   * cap, not binary. `what` names the file's role in error messages ("requirement file", "plan").
   */
  readText(path: string, options: { maxBytes?: number; what?: string } = {}): TextFile {
    const maxBytes = options.maxBytes ?? 1024 * 1024;
    const what = options.what ? ` ${options.what}` : '';
    const { rel, real } = this.checkRead(path);
    const fd = openForReading(path, real);
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) throw new FileAccessError(path, `is a folder, not a${what || ' file'}`);
      if (!st.isFile()) throw new FileAccessError(path, REFUSED.notRegular);
      if (st.size > maxBytes)
        throw new FileAccessError(path, `is ${st.size} bytes, over the ${maxBytes}-byte limit`);
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < st.size) {
        const n = readSync(fd, buf, off, st.size - off, off);
        if (n === 0) break;
        off += n;
      }
      const decoded = decodeText(buf.subarray(0, off));
      if (!decoded) throw new FileAccessError(path, `a binary file, not a${what || ' text file'}`);
      const secret = secretInText(decoded.text);
      if (secret)
        throw new FileAccessError(path, `holds what looks like ${secret}; plansmith never reads it`);
      return { path: rel, text: decoded.text, lossy: decoded.lossy, size: off };
    } finally {
      closeSync(fd);
    }
  }

  /** Like {@link readText}, but null when the file does not exist (refusals still throw). */
  readTextIfExists(path: string, options: { maxBytes?: number; what?: string } = {}): TextFile | null {
    return this.exists(path) ? this.readText(path, options) : null;
  }

  /**
   * A file's text read as evidence for a plan: null when it does not exist or the layer refuses it (it holds
   * what looks like a secret, it is binary, over the limit, a link out of the root). A refused file is no
   * evidence, and one such file in a tree (a test of a secret scanner holds a sample key) must not stop a plan.
   */
  readEvidence(path: string, options: { maxBytes?: number } = {}): string | null {
    try {
      return this.readTextIfExists(path, options)?.text ?? null;
    } catch (e) {
      if (e instanceof FileAccessError) return null;
      throw e;
    }
  }

  /**
   * The entries of a folder inside the root. A folder that is a symlink is listed only when it resolves
   * inside the root; `.git` entries are never listed. Missing folders list as empty.
   */
  list(path: string): Dirent[] {
    const rel = this.relative(path);
    const real = this.realOf(path, rel);
    if (!real) return [];
    try {
      return readdirSync(real, { withFileTypes: true }).filter((e) => e.name !== '.git');
    } catch {
      return [];
    }
  }

  /** Checks a path for writing: inside the root, not `.git/`, no symlink anywhere along it. */
  checkWrite(path: string): string {
    const rel = this.relative(path);
    if (rel === '') throw new FileAccessError(path, 'is the project root, not a file');
    const parts = rel.split('/');
    let at = this.root;
    for (const part of parts) {
      at = join(at, part);
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(at);
      } catch {
        break; // the rest does not exist yet; mkdir creates it
      }
      if (st.isSymbolicLink()) throw new FileAccessError(path, REFUSED.writeLink);
    }
    return rel;
  }

  /** Writes one file atomically (a temporary file beside it, then a rename): readers see old or new, never half. */
  write(path: string, content: string | Uint8Array): void {
    const rel = this.checkWrite(path);
    const abs = this.abs(rel);
    mkdirSync(dirname(abs), { recursive: true });
    // mkdir may have raced a symlink into place: check again before the rename.
    this.checkWrite(path);
    const tmp = join(
      dirname(abs),
      `.${rel.split('/').pop()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      writeFileSync(tmp, content, { flag: 'wx' });
      renameSync(tmp, abs);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Writes several files, all or nothing: every path is checked before the first write, and if a write
   * fails, the files already written by this call are put back as they were.
   */
  writeAll(files: FileWrite[]): void {
    for (const f of files) this.checkWrite(f.path);
    const previous = files.map((f) => {
      const abs = this.abs(this.relative(f.path));
      try {
        return lstatSync(abs).isFile() ? readRaw(abs) : null;
      } catch {
        return null;
      }
    });
    const done: number[] = [];
    try {
      files.forEach((f, i) => {
        this.write(f.path, f.content);
        done.push(i);
      });
    } catch (e) {
      for (const i of done.reverse()) {
        const prev = previous[i];
        const abs = this.abs(this.relative(files[i]!.path));
        if (prev === null || prev === undefined) rmSync(abs, { force: true });
        else this.write(files[i]!.path, prev);
      }
      throw e;
    }
  }

  /** Removes a file (never through a symlink). */
  remove(path: string): void {
    const rel = this.checkWrite(path);
    rmSync(this.abs(rel), { force: true });
  }
}

function readRaw(abs: string): Buffer {
  const fd = openForReading(abs, abs);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileAccessError(abs, REFUSED.notRegular);
    const size = st.size;
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

const cache = new Map<string, ProjectFiles>();

/** The file layer of a root (one per real root per process). */
export function projectFiles(root: string): ProjectFiles {
  let f = cache.get(root);
  if (!f) {
    f = new ProjectFiles(root);
    cache.set(root, f);
    cache.set(f.root, f);
  }
  return f;
}

/**
 * A file a person names explicitly that may live outside any project (a batch JSON, an agent definition to
 * run): secrets by name or content, binaries and files over `maxBytes` are still refused.
 */
export function readUserFile(path: string, options: { maxBytes?: number; what?: string } = {}): TextFile {
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  const what = options.what ?? 'file';
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new FileAccessError(path, 'no such file');
  }
  if (isSecretPath(toPosix(path))) throw new FileAccessError(path, REFUSED.secret);
  if (st.isDirectory()) throw new FileAccessError(path, `is a folder, not a ${what}`);
  let bytes: Buffer;
  if (st.isFile()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw new FileAccessError(path, 'no such file');
    }
    if (isSecretPath(toPosix(real)) || isGitInternal(toPosix(real)))
      throw new FileAccessError(path, REFUSED.secret);
    if (st.size > maxBytes)
      throw new FileAccessError(path, `is ${st.size} bytes, over the ${maxBytes}-byte limit`);
    bytes = readRaw(real);
  } else {
    // A pipe the person named (`tasks batch <(generate)`, a FIFO, /dev/stdin): read as a stream, like `-`.
    // Its /proc path does not resolve, so it is opened by the name given; the cap applies as it is read.
    bytes = readStream(path, maxBytes);
  }
  const decoded = decodeText(bytes);
  if (!decoded) throw new FileAccessError(path, `a binary file, not a ${what}`);
  const secret = secretInText(decoded.text);
  if (secret) throw new FileAccessError(path, `holds what looks like ${secret}; plansmith never reads it`);
  return { path: toPosix(path), text: decoded.text, lossy: decoded.lossy, size: bytes.length };
}

/** Reads a stream a person named to its end, refusing it once it passes `maxBytes`. */
function readStream(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new FileAccessError(path, `cannot be read (${(e as { code?: string }).code ?? 'error'})`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as { code?: string }).code === 'EAGAIN') continue;
        throw new FileAccessError(path, `cannot be read (${(e as { code?: string }).code ?? 'error'})`);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileAccessError(path, `is over the ${maxBytes}-byte limit`);
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(chunks);
}

/** The real path of a program or file anywhere (symlinks resolved), for telling how plansmith is installed. */
export function realPathOf(path: string): string {
  return realpathSync(path);
}
