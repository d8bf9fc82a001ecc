/**
 * The commit that introduced the sibling, from the project's own history: the pickaxe (`git log -S` with
 * the sibling's registration forms as a regular expression) limited to the file that declares it, oldest
 * first, bounded in time; then the files that commit changed. Co-change is what a maintainer follows ("who
 * changed this also changed that"), but only from the commit that really registered the sibling: one that
 * adds a line naming it as registered, to a file whose previous version did not have it. A move (the lines
 * removed from another file) is followed to the file it came from; a reformat or a rename is no
 * introduction. git runs with `safeGitArgs` (no fsmonitor, hooks, pager or external diff) and without
 * textconv filters, so a cloned repository's config runs nothing, and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { safeGitArgs } from '../files/git-args.js';
import { wordsOf } from './words.js';

export interface Introduced {
  commit: string;
  subject: string;
  files: string[];
}

/** What the history is asked about: the sibling's name, the file that declares it, its declaration line. */
export interface HistorySibling {
  name: string;
  file: string;
  /** The declaration's line: a name registered as an identifier (a derive field) is read from it. */
  text?: string;
}

/** One git call's limit. */
const TIMEOUT_MS = 15_000;
/** All the calls of one question: none starts after this (no answer rather than a late one). */
const BUDGET_MS = 30_000;
/** Commits examined in all, over every file the sibling lived in. */
const TRIES = 6;
/** Moves followed back (the declaring file, then at most this many files it came from). */
const MOVES = 2;

const git = (root: string, args: string[], timeout = TIMEOUT_MS) =>
  execFileSync('git', [...safeGitArgs(root), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });

const NAME_CHAR = 'A-Za-z0-9_';
const ere = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The forms a registration spells the sibling's name in, as regular expressions both git (POSIX extended)
 * and JavaScript read alike: the flag (`--max-depth`, not `--max-depth-x`), the quoted name (`"max-depth"`,
 * `'max-depth'`), a multi-word name as a whole word (`assertion_style`); and, when the declaration line
 * spells none of those (a clap derive field `max_depth: usize`), the spelling it does use. A variable the
 * value is kept in (argparse's `dest`, shared by several options) is no form of the name.
 */
export function registrationForms(name: string, text = ''): string[] {
  const bare = name.replace(/^-+/, '');
  const word = (w: string) => `(^|[^${NAME_CHAR}-])${ere(w)}([^${NAME_CHAR}-]|$)`;
  const forms = [`"${ere(bare)}"`, `'${ere(bare)}'`];
  if (name.startsWith('-')) forms.unshift(`--${ere(bare)}([^${NAME_CHAR}-]|$)`);
  else if (wordsOf(bare).length > 1) forms.push(word(bare));
  if (text && !forms.some((f) => new RegExp(f).test(text))) {
    const w = wordsOf(bare);
    const spellings = [
      w.join('_'),
      w.join('-'),
      w.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join(''),
    ];
    for (const s of new Set(spellings))
      if (w.length > 1 && new RegExp(`(^|[^${NAME_CHAR}])${ere(s)}([^${NAME_CHAR}]|$)`).test(text))
        forms.push(word(s));
  }
  return forms;
}

/**
 * The commit that introduced the sibling and is a precedent, with the files it changed; null without
 * history, or when no commit examined within the bounds is an introduction (no history fact rather than a
 * wrong one). A commit that changed more than `maxFiles` files (an import, a mass refactor) is no precedent.
 */
export function introducedBy(root: string, sibling: HistorySibling, maxFiles = 20): Introduced | null {
  const forms = registrationForms(sibling.name, sibling.text);
  const named = new RegExp(forms.join('|'));
  const deadline = Date.now() + BUDGET_MS;
  const left = () => Math.min(TIMEOUT_MS, deadline - Date.now());
  // Paths from `git show` are relative to the repository's top; the analysis works relative to `root`.
  let prefix = '';
  try {
    prefix = git(root, ['rev-parse', '--show-prefix']).trim();
  } catch {
    return null; // not a repository
  }
  let path = `${prefix}${sibling.file}`;
  // The files it was moved out of: where it no longer lives, so no place for the new one.
  const movedOut = new Set<string>();
  let tried = 0;
  for (let hop = 0; hop <= MOVES && tried < TRIES && left() > 0; hop++) {
    let log: string;
    try {
      log = git(
        root,
        [
          'log',
          '--no-renames',
          '--reverse',
          '--no-textconv',
          '--no-ext-diff',
          '--format=%H%x00%s',
          '--pickaxe-regex',
          `-S${forms.join('|')}`,
          '--',
          `:(top,literal)${path}`,
        ],
        left(),
      );
    } catch {
      return null; // no commits, or too slow
    }
    let from: string | null = null;
    for (const line of log.split('\n').filter((l) => l.includes('\0'))) {
      if (tried >= TRIES || left() <= 0) return null;
      tried++;
      const [commit, subject] = line.split('\0') as [string, string];
      const change = changeOf(root, commit, maxFiles, left());
      if (!change || change.files.length > maxFiles) continue;
      const judged = judge(change.diff, path, named, sibling.name);
      if (judged.movedFrom) {
        from = judged.movedFrom;
        break;
      }
      if (!judged.adds || parentHas(root, commit, path, forms, left())) continue;
      const files = change.files
        .filter((p) => p.startsWith(prefix) && !movedOut.has(p))
        .map((p) => p.slice(prefix.length));
      return { commit, subject, files };
    }
    if (!from) return null;
    movedOut.add(from);
    path = from;
  }
  return null;
}

/** A commit's files and its diff without context (`-U0`), or null when git cannot say in time. */
function changeOf(
  root: string,
  commit: string,
  maxFiles: number,
  timeout: number,
): { files: string[]; diff: string } | null {
  if (timeout <= 0) return null;
  const show = ['show', '--no-renames', '--no-textconv', '--no-ext-diff', '--format='];
  try {
    const files = git(root, [...show, '--name-only', '-z', commit], timeout)
      .split('\0')
      .filter(Boolean);
    // A mass change is judged by its size alone: its diff is not read.
    if (files.length > maxFiles) return { files, diff: '' };
    return { files, diff: git(root, [...show, '--unified=0', commit], timeout) };
  } catch {
    return null;
  }
}

/**
 * What a commit did to the registration: `adds` when it adds a line naming it as registered to `file` and
 * removes none there (a removed one is a reformat of it) and renames nothing into it (a removed line that
 * reads the same with another name); `movedFrom` when it removed more lines naming it from another file
 * than it added there (the lines came from that file).
 */
export function judge(
  diff: string,
  file: string,
  named: RegExp,
  name: string,
): { adds: boolean; movedFrom?: string } {
  const added = new Map<string, string[]>();
  const removed = new Map<string, string[]>();
  let current = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = / b\/(.+)$/.exec(line)?.[1] ?? '';
      continue;
    }
    if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    const to = line.startsWith('+') ? added : line.startsWith('-') ? removed : null;
    if (to) to.set(current, [...(to.get(current) ?? []), line.slice(1).trim()]);
  }
  const naming = (m: Map<string, string[]>, f: string) => (m.get(f) ?? []).filter((l) => named.test(l));
  for (const f of removed.keys())
    if (f !== file && naming(removed, f).length > naming(added, f).length)
      return { adds: false, movedFrom: f };
  const here = naming(added, file);
  if (!here.length || naming(removed, file).length) return { adds: false };
  // A rename: a removed line of the file that reads like an added one with another name in its place.
  const bare = name.replace(/^-+/, '');
  const renamed = here.some((a) => {
    if (!a.includes(bare)) return false;
    const like = new RegExp(`^${a.split(bare).map(ere).join(`[${NAME_CHAR}-]+`)}$`);
    return (removed.get(file) ?? []).some((r) => !r.includes(bare) && like.test(r));
  });
  return { adds: !renamed };
}

/** True when the commit's parent already registered the sibling in `file` (or git cannot say in time). */
function parentHas(root: string, commit: string, file: string, forms: string[], timeout: number): boolean {
  if (timeout <= 0) return true;
  try {
    // A root commit has nothing before it.
    if (git(root, ['rev-list', '--parents', '-n', '1', commit], timeout).trim().split(' ').length < 2)
      return false;
    git(
      root,
      [
        'grep',
        '--no-textconv',
        '-q',
        '-E',
        ...forms.flatMap((f) => ['-e', f]),
        `${commit}^`,
        '--',
        `:(top,literal)${file}`,
      ],
      timeout,
    );
    return true;
  } catch (e) {
    return (e as { status?: number }).status !== 1; // exit 1: not there
  }
}
