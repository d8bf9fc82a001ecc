import { execFileSync } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { InputError } from '../domain/errors.js';
import { safeGitArgs } from '../files/git-args.js';
import { isInside } from '../files/project-files.js';
import { isGitInternal, isSecretPath } from '../files/secrets.js';
import type { FileRole } from './classify.js';
import { isGenerated, isVendored, roleOf } from './classify.js';
import { isBinaryPath, languageOf } from './languages.js';

export interface InventoryFile {
  /** Relative to the root, forward slashes. */
  path: string;
  size: number;
  language: string | null;
  role: FileRole;
}

export type SkipReason =
  | 'vendored'
  | 'generated'
  | 'binary'
  | 'large'
  | 'secret'
  | 'symlink_outside'
  | 'unreadable'
  | 'plansmith_output';

export interface Inventory {
  root: string;
  /** How the file list was made: `git` (tracked + untracked, not ignored) or `walk` (.gitignore rules). */
  source: 'git' | 'walk';
  files: InventoryFile[];
  skipped: Record<SkipReason, number>;
  /** A few examples per reason, so a report can say what was left out. */
  skippedExamples: Partial<Record<SkipReason, string[]>>;
  /** Secret files that exist: listed, never read. */
  secrets: string[];
  maxFileBytes: number;
}

export interface InventoryOptions {
  /** Files larger than this are listed as skipped, never read (default 1 MiB). */
  maxFileBytes?: number;
  onProgress?: (seen: number) => void;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** Checks `dir` is a readable directory and returns its real path. */
export function checkRoot(dir: string): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`${dir}: no such directory`);
  }
  if (!st.isDirectory()) throw new InputError(`${dir} is a file, not a directory; give the project folder`);
  return realpathSync(dir);
}

interface GitEntry {
  path: string;
  /** Size of the committed blob when the file is unchanged since HEAD, else null (stat it). */
  size: number | null;
  /** git file mode: 100644/100755 files, 120000 symlinks, 160000 submodules. */
  mode: string | null;
}

const git = (root: string, args: string[]) =>
  execFileSync('git', [...safeGitArgs(root), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });

/**
 * Lists a git work tree in two git calls: `ls-files -t` gives tracked, changed, deleted and untracked
 * (not ignored) files with status tags; `ls-tree -l HEAD` gives committed sizes, so a file unchanged
 * since HEAD needs no stat. Changed, new and untracked files are stat'ed; deleted ones left out.
 */
function gitFiles(root: string): GitEntry[] | null {
  let listing: string;
  try {
    listing = git(root, [
      'ls-files',
      '-z',
      '-t',
      '--cached',
      '--others',
      '--exclude-standard',
      '--deleted',
      '--modified',
    ]);
  } catch {
    return null; // not a git work tree (or no git): walk instead
  }
  // Nothing listed: the folder is empty, or an enclosing repository ignores it (a scratch folder, a build
  // output): git sees no files there, so walk it with its own ignore files instead of reading it as empty.
  if (!/[^\0]/.test(listing)) return null;
  const committed = new Map<string, { size: number | null; mode: string }>();
  try {
    // "<mode> <type> <object> <size>\t<path>", paths relative to the folder asked about.
    for (const line of git(root, ['ls-tree', '-r', '-l', '-z', 'HEAD']).split('\0')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const [mode, , , size] = line.slice(0, tab).split(/\s+/);
      committed.set(line.slice(tab + 1), { mode: mode!, size: size === '-' ? null : Number(size) });
    }
  } catch {
    // No commit yet: every file is stat'ed.
  }
  const entries = new Map<string, GitEntry>();
  const changed = new Set<string>();
  const deleted = new Set<string>();
  for (const item of listing.split('\0')) {
    if (item.length < 3) continue;
    const tag = item[0];
    const path = item.slice(2);
    if (tag === 'R') deleted.add(path);
    else if (tag === 'C') changed.add(path);
    else if (!entries.has(path)) {
      const c = tag === '?' ? undefined : committed.get(path);
      entries.set(path, { path, size: c?.size ?? null, mode: c?.mode ?? null });
    }
  }
  for (const p of deleted) entries.delete(p);
  for (const p of changed) {
    const e = entries.get(p);
    if (e) e.size = null;
  }
  return [...entries.values()];
}

function loadIgnore(file: string): Ignore | null {
  if (!existsSync(file)) return null;
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Walks a tree that is not a git work tree, honouring nested .gitignore files; never follows symlinked folders. */
function walkFiles(
  root: string,
  onProgress?: (n: number) => void,
): { files: string[]; symlinksOutside: string[] } {
  const files: string[] = [];
  const symlinksOutside: string[] = [];
  const stack: Array<{ dir: string; rules: Array<{ base: string; ig: Ignore }> }> = [{ dir: '', rules: [] }];
  while (stack.length > 0) {
    const { dir, rules: inherited } = stack.pop()!;
    const abs = join(root, dir);
    const own = loadIgnore(join(abs, '.gitignore'));
    const rules = own ? [...inherited, { base: dir, ig: own }] : inherited;
    const ignored = (rel: string, isDir: boolean) =>
      rules.some(({ base, ig }) => {
        const sub = base ? rel.slice(base.length + 1) : rel;
        return sub !== '' && ig.ignores(isDir ? `${sub}/` : sub);
      });
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.name === '.git') continue;
      if (e.isDirectory()) {
        if (!ignored(rel, true) && !isVendored(`${rel}/`)) stack.push({ dir: rel, rules });
      } else if (e.isFile()) {
        if (!ignored(rel, false)) files.push(rel);
      } else if (e.isSymbolicLink()) {
        if (ignored(rel, false)) continue;
        try {
          const target = realpathSync(join(abs, e.name));
          if (!isInside(root, target)) symlinksOutside.push(rel);
          else if (statSync(target).isFile()) files.push(rel);
        } catch {
          symlinksOutside.push(rel);
        }
      }
    }
    onProgress?.(files.length);
  }
  return { files, symlinksOutside };
}

export { isInside };

/**
 * Lists the files of a project: in a git work tree, what git tracks plus untracked files it does not
 * ignore; elsewhere a walk honouring .gitignore; `.plansmithignore` applies in both. Vendored and
 * generated folders, binaries, large files and symlinks that leave the root are skipped and counted;
 * secret files are listed as present but never read.
 */
export function inventory(dir: string, options: InventoryOptions = {}): Inventory {
  const root = checkRoot(dir);
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const skipped: Record<SkipReason, number> = {
    vendored: 0,
    generated: 0,
    binary: 0,
    large: 0,
    secret: 0,
    symlink_outside: 0,
    unreadable: 0,
    plansmith_output: 0,
  };
  const skippedExamples: Inventory['skippedExamples'] = {};
  const skip = (reason: SkipReason, path: string) => {
    skipped[reason]++;
    const list = skippedExamples[reason] ?? [];
    skippedExamples[reason] = list;
    if (list.length < 5) list.push(path);
  };
  const fromGit = gitFiles(root);
  let entries: GitEntry[];
  if (fromGit) entries = fromGit.map((e) => ({ ...e, path: toPosix(e.path) }));
  else {
    const walked = walkFiles(root, options.onProgress);
    entries = walked.files.map((p) => ({ path: toPosix(p), size: null, mode: null }));
    for (const p of walked.symlinksOutside) skip('symlink_outside', toPosix(p));
  }
  const own = loadIgnore(join(root, '.plansmithignore'));
  const files: InventoryFile[] = [];
  const secrets: string[] = [];
  let n = 0;
  for (const { path, size: knownSize, mode } of entries) {
    if (mode === '160000') continue; // a submodule: another repository
    if (++n % 5000 === 0) options.onProgress?.(n);
    if (own?.ignores(path)) continue;
    if (path.startsWith('.plansmith/')) {
      skip('plansmith_output', path);
      continue;
    }
    if (isVendored(path)) {
      skip('vendored', path);
      continue;
    }
    if (isGenerated(path)) {
      skip('generated', path);
      continue;
    }
    if (isSecretPath(path)) {
      secrets.push(path);
      skip('secret', path);
      continue;
    }
    if (isBinaryPath(path)) {
      skip('binary', path);
      continue;
    }
    const abs = join(root, path);
    let size: number;
    if (knownSize !== null && mode !== '120000') {
      // Tracked regular file: git told us its size; no stat needed.
      if (knownSize > maxFileBytes) {
        skip('large', path);
        continue;
      }
      files.push({ path, size: knownSize, language: languageOf(path), role: roleOf(path) });
      continue;
    }
    try {
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) {
        const target = realpathSync(abs);
        if (!isInside(root, target)) {
          skip('symlink_outside', path);
          continue;
        }
        // A link inside the root to a secret is the secret: listed, never read or ranked.
        const targetRel = toPosix(relative(root, target));
        if (isSecretPath(targetRel) || isGitInternal(targetRel)) {
          secrets.push(path);
          skip('secret', path);
          continue;
        }
        const tst = statSync(target);
        if (!tst.isFile()) continue;
        size = tst.size;
      } else if (st.isFile()) size = st.size;
      else continue;
    } catch {
      // Listed by git but gone from the work tree (deleted, not yet committed), or a broken link.
      continue;
    }
    if (size > maxFileBytes) {
      skip('large', path);
      continue;
    }
    files.push({ path, size, language: languageOf(path), role: roleOf(path) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { root, source: fromGit ? 'git' : 'walk', files, skipped, skippedExamples, secrets, maxFileBytes };
}
