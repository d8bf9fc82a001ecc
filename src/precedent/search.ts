/**
 * Finding strings in the project's files fast. In a git work tree, `git grep` (tracked and untracked files
 * that are not ignored, one process, multi-threaded, no index to build) with the secret files excluded by
 * pathspec so they are never opened; elsewhere a scan of the inventory's files through the file layer.
 * Either way only the inventory's files answer (vendored, generated and secret files never do). Results
 * are bounded: a string that occurs everywhere says little, so at most `maxPerFile` lines per file.
 */

import { execFileSync } from 'node:child_process';
import { secretInText } from '../domain/secret-text.js';
import type { Inventory, InventoryFile } from '../explore/inventory.js';
import { safeGitArgs } from '../files/git-args.js';
import type { ProjectFiles } from '../files/project-files.js';

export interface Hit {
  file: string;
  line: number;
  text: string;
}

export interface SearchOptions {
  /** Whole words only (no letter, digit or `_` on either side). */
  word?: boolean;
  maxPerFile?: number;
  maxTotal?: number;
  /** Only these files (project-relative). */
  within?: string[];
}

const GIT_TIMEOUT_MS = 30_000;
const MAX_LINE = 400;
/** Where test runners keep the snapshots they record and compare. */
const SNAPSHOT_PATHS = [
  ':(glob)**/snapshots/**/*.snap',
  ':(glob)**/__snapshots__/**',
  ':(glob)**/tap-snapshots/**',
];

export class TreeSearch {
  readonly allowed: Set<string>;
  private readonly texts = new Map<string, string | null>();
  private useGit: boolean;

  constructor(
    readonly root: string,
    readonly files: ProjectFiles,
    readonly inventory: Inventory,
  ) {
    this.allowed = new Set(inventory.files.map((f) => f.path));
    this.useGit = inventory.source === 'git';
  }

  /** A file's text through the file layer (cached), or null when it cannot or may not be read. */
  read(path: string): string | null {
    if (this.texts.has(path)) return this.texts.get(path)!;
    let text: string | null = null;
    if (this.allowed.has(path)) text = this.files.readEvidence(path);
    this.texts.set(path, text);
    return text;
  }

  /**
   * A hit of a file that holds what looks like a secret is never answered: git reads files the inventory
   * did not classify by content (snapshots; an inventory made without exploring), so a hit's own line is
   * checked, and the whole file is dropped from then on (the file layer would refuse to read it).
   */
  private readonly secretFiles = new Set<string>();
  private holdsSecret(file: string, text: string): boolean {
    if (this.secretFiles.has(file)) return true;
    if (!secretInText(text)) return false;
    this.secretFiles.add(file);
    return true;
  }

  /** Files that contain any of the strings. */
  filesWith(needles: string[], options: SearchOptions = {}): string[] {
    const wanted = needles.filter(Boolean);
    if (!wanted.length) return [];
    if (this.useGit) {
      const out = this.git(['-l', ...(options.word ? ['-w'] : [])], wanted, options.within);
      if (out !== null) return out.split('\0').filter((p) => this.allowed.has(p));
    }
    return this.scan(wanted, options, true).map((h) => h.file);
  }

  /** Lines that contain any of the strings, in file order. */
  lines(needles: string[], options: SearchOptions = {}): Hit[] {
    const wanted = needles.filter(Boolean);
    if (!wanted.length) return [];
    const perFile = options.maxPerFile ?? 50;
    const total = options.maxTotal ?? 5000;
    if (this.useGit) {
      const out = this.git(
        ['-n', '-m', String(perFile), ...(options.word ? ['-w'] : [])],
        wanted,
        options.within,
      );
      if (out !== null) {
        const hits: Hit[] = [];
        const parts = out.split('\n');
        for (const rec of parts) {
          const a = rec.indexOf('\0');
          const b = rec.indexOf('\0', a + 1);
          if (a < 0 || b < 0) continue;
          const file = rec.slice(0, a);
          if (!this.allowed.has(file)) continue;
          const text = rec.slice(b + 1);
          if (text.length > MAX_LINE || this.holdsSecret(file, text)) continue;
          hits.push({ file, line: Number(rec.slice(a + 1, b)), text });
          if (hits.length >= total) break;
        }
        return this.secretFiles.size ? hits.filter((h) => !this.secretFiles.has(h.file)) : hits;
      }
    }
    return this.scan(wanted, { ...options, maxPerFile: perFile, maxTotal: total }, false);
  }

  /**
   * Lines of the snapshots a test runner records (insta's `snapshots/*.snap`, jest's `__snapshots__/`,
   * tap's `tap-snapshots/`) that hold any of the strings. The inventory leaves `.snap` files out as
   * generated, so they are asked of git by pathspec (secret files excluded); none outside git.
   */
  snapshotLines(needles: string[]): Hit[] {
    const wanted = needles.filter(Boolean);
    if (!wanted.length || !this.useGit) return [];
    const out = this.grep(['-n', '-m', '3'], wanted, SNAPSHOT_PATHS, false) ?? '';
    return out.split('\n').flatMap((rec) => {
      const [file, line, text] = rec.split('\0');
      return file && line && text !== undefined && text.length <= MAX_LINE && !this.holdsSecret(file, text)
        ? [{ file, line: Number(line), text }]
        : [];
    });
  }

  /**
   * Tracked files that a `.gitignore` pattern also matches (mocha tracks `lib/mocha.js` while ignoring its
   * built `mocha.js`): `git grep --untracked` leaves them out, so they are searched by name too.
   */
  private ignoredTracked?: string[];
  private trackedButIgnored(): string[] {
    if (!this.ignoredTracked) {
      let out = '';
      try {
        out = execFileSync(
          'git',
          [...safeGitArgs(this.root), 'ls-files', '-z', '--cached', '--ignored', '--exclude-standard'],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 26,
            timeout: GIT_TIMEOUT_MS,
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        );
      } catch {
        out = '';
      }
      this.ignoredTracked = out.split('\0').filter((p) => p && this.allowed.has(p));
    }
    return this.ignoredTracked;
  }

  private git(flags: string[], needles: string[], within?: string[]): string | null {
    const paths = within ? within.filter((p) => this.allowed.has(p)) : ['.'];
    if (within && !paths.length) return '';
    const out = this.grep(flags, needles, paths, !within);
    if (out === null || within) return out;
    const more = this.trackedButIgnored();
    if (!more.length) return out;
    const extra = this.grep(flags, needles, more, false);
    return extra === null ? out : out + extra;
  }

  private grep(flags: string[], needles: string[], paths: string[], untracked: boolean): string | null {
    const exclude = this.inventory.secrets.map((s) => `:(exclude,literal)${s}`);
    try {
      return execFileSync(
        'git',
        [
          ...safeGitArgs(this.root),
          'grep',
          '--no-color',
          '-I',
          '-z',
          '-F',
          ...(untracked ? ['--untracked'] : []),
          ...flags,
          ...needles.flatMap((n) => ['-e', n]),
          '--',
          ...paths.map((p) => (p === '.' || p.startsWith(':(glob)') ? p : `:(literal)${p}`)),
          ...exclude,
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
          timeout: GIT_TIMEOUT_MS,
          stdio: ['ignore', 'pipe', 'ignore'],
          env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
        },
      );
    } catch (e) {
      // Exit 1 is "no match"; anything else (no git, not a work tree, too slow) falls back to the scan.
      if ((e as { status?: number }).status === 1) return '';
      this.useGit = false;
      return null;
    }
  }

  private scan(needles: string[], options: SearchOptions, listOnly: boolean): Hit[] {
    const hits: Hit[] = [];
    const total = options.maxTotal ?? 5000;
    const perFile = options.maxPerFile ?? 50;
    const paths = options.within ?? this.inventory.files.map((f) => f.path);
    for (const path of paths) {
      const text = this.read(path);
      if (!text || !needles.some((n) => text.includes(n))) continue;
      let inFile = 0;
      const lines = text.split('\n');
      for (const [i, l] of lines.entries()) {
        if (l.length > MAX_LINE || !needles.some((n) => contains(l, n, options.word ?? false))) continue;
        hits.push({ file: path, line: i + 1, text: l });
        if (listOnly || ++inFile >= perFile) break;
      }
      if (hits.length >= total) break;
    }
    return hits;
  }
}

const WORD = /[A-Za-z0-9_]/;

/**
 * True when `line` contains `needle`, as a whole word when `word` is set. A dash joined to a word on
 * either side continues the name (`log-file` is not in `--log-file-mode` nor in `my-log-file`), a
 * leading `--` does not (`log-file` is in `--log-file`).
 */
export function contains(line: string, needle: string, word: boolean): boolean {
  for (let k = line.indexOf(needle); k >= 0; k = line.indexOf(needle, k + 1)) {
    if (!word) return true;
    const before = k > 0 ? line[k - 1]! : ' ';
    const after = line[k + needle.length] ?? ' ';
    if (WORD.test(before) || WORD.test(after)) continue;
    if (after === '-' && WORD.test(line[k + needle.length + 1] ?? ' ')) continue;
    if (before === '-' && k > 1 && WORD.test(line[k - 2]!)) continue;
    return true;
  }
  return false;
}

const FILES = new WeakMap<TreeSearch, Map<string, InventoryFile>>();
/**
 * A file's inventory entry (its language, role), from the inventory read into a map once per search: every
 * lookup by path goes through here, never a scan of `inventory.files` per lookup.
 */
export function fileOf(search: TreeSearch, file: string): InventoryFile | undefined {
  let byPath = FILES.get(search);
  if (!byPath) {
    // The first entry of a path wins, as a scan would find it.
    byPath = new Map();
    for (const f of search.inventory.files) if (!byPath.has(f.path)) byPath.set(f.path, f);
    FILES.set(search, byPath);
  }
  return byPath.get(file);
}

/** A file's language (null when the inventory has none or does not list the file). */
export const languageOf = (search: TreeSearch, file: string): string | null =>
  fileOf(search, file)?.language ?? null;

/** A file's role in the inventory (source, test, …), undefined when it does not list the file. */
export const roleOf = (search: TreeSearch, file: string): InventoryFile['role'] | undefined =>
  fileOf(search, file)?.role;
