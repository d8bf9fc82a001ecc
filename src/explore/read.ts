import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { PlansmithError } from '../domain/errors.js';
import { isInside } from './inventory.js';
import { looksBinary } from './languages.js';
import { isSecretPath } from './secrets.js';

export class FileAccessError extends PlansmithError {
  constructor(path: string, reason: string) {
    super('VALIDATION', `${path}: ${reason}`, { path });
    this.name = 'FileAccessError';
  }
}

export interface TextFile {
  path: string;
  text: string;
  /** The bytes were not valid UTF-8; undecodable bytes became U+FFFD. */
  lossy: boolean;
  size: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: null when they are binary; non-UTF-8 bytes become U+FFFD and `lossy` says so. */
export function decodeText(bytes: Uint8Array): { text: string; lossy: boolean } | null {
  if (looksBinary(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) return null;
  try {
    return { text: strict.decode(bytes), lossy: false };
  } catch {
    return { text: decoder.decode(bytes), lossy: true };
  }
}

/**
 * Reads a project file safely: the path must stay inside the root after resolving symlinks, must not
 * be a secret, must be under the size cap and must be text. Every tool that reads files goes through here.
 */
export function readProjectFile(
  root: string,
  relPath: string,
  options: { maxBytes?: number } = {},
): TextFile {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  if (isAbsolute(relPath) && !isInside(root, relPath))
    throw new FileAccessError(relPath, 'outside the project root');
  const clean = normalize(relPath).split('\\').join('/').replace(/^\.\//, '');
  if (clean.startsWith('../') || clean === '..')
    throw new FileAccessError(relPath, 'outside the project root');
  const abs = isAbsolute(clean) ? clean : join(root, clean);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new FileAccessError(relPath, 'no such file');
  }
  if (!isInside(root, real))
    throw new FileAccessError(relPath, 'resolves (through a symlink) outside the project root');
  const rel = real
    .slice(root.length + 1)
    .split('\\')
    .join('/');
  if (isSecretPath(clean) || isSecretPath(rel))
    throw new FileAccessError(relPath, 'may hold secrets; plansmith never reads it');
  const fd = openSync(real, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileAccessError(relPath, 'is a directory');
    if (st.size > maxBytes)
      throw new FileAccessError(relPath, `is ${st.size} bytes, over the ${maxBytes}-byte limit`);
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const decoded = decodeText(buf);
    if (!decoded) throw new FileAccessError(relPath, 'is binary');
    return { path: rel, text: decoded.text, lossy: decoded.lossy, size: st.size };
  } finally {
    closeSync(fd);
  }
}
