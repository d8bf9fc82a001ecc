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
import { type OutlineItem, outline } from '../explore/outline.js';
import { gitOutput } from '../files/git-args.js';
import { esc, innermost } from './code-shape.js';
import type { FootprintEntry } from './footprint.js';
import type { Area } from './places.js';
import { roleOf, type TreeSearch } from './search.js';
import { spellingsOf, wordsOf } from './words.js';

export interface Introduced {
  commit: string;
  subject: string;
  files: string[];
  /** The lines the commit added to each of `files`, numbered as its version of the file: [first, last]. */
  added: Record<string, Array<[number, number]>>;
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

const git = (root: string, args: string[], timeout = TIMEOUT_MS) => gitOutput(root, args, timeout);

const NAME_CHAR = 'A-Za-z0-9_';

/**
 * The forms a registration spells the sibling's name in, as regular expressions both git (POSIX extended)
 * and JavaScript read alike: the flag (`--max-depth`, not `--max-depth-x`), the quoted name (`"max-depth"`,
 * `'max-depth'`), a multi-word name as a whole word (`assertion_style`); and, when the declaration line
 * spells none of those (a clap derive field `max_depth: usize`), the spelling it does use. A variable the
 * value is kept in (argparse's `dest`, shared by several options) is no form of the name.
 */
export function registrationForms(name: string, text = ''): string[] {
  const bare = name.replace(/^-+/, '');
  const word = (w: string) => `(^|[^${NAME_CHAR}-])${esc(w)}([^${NAME_CHAR}-]|$)`;
  const forms = [`"${esc(bare)}"`, `'${esc(bare)}'`];
  if (name.startsWith('-')) forms.unshift(`--${esc(bare)}([^${NAME_CHAR}-]|$)`);
  else if (wordsOf(bare).length > 1) forms.push(word(bare));
  if (text && !forms.some((f) => new RegExp(f).test(text))) {
    const w = wordsOf(bare);
    const spellings = [
      w.join('_'),
      w.join('-'),
      w.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join(''),
    ];
    for (const s of new Set(spellings))
      if (w.length > 1 && new RegExp(`(^|[^${NAME_CHAR}])${esc(s)}([^${NAME_CHAR}]|$)`).test(text))
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
      const ranges = addedLines(change.diff);
      const added = Object.fromEntries(
        files.filter((f) => ranges.has(`${prefix}${f}`)).map((f) => [f, ranges.get(`${prefix}${f}`)!]),
      );
      return { commit, subject, files, added };
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
    const like = new RegExp(`^${a.split(bare).map(esc).join(`[${NAME_CHAR}-]+`)}$`);
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

/**
 * The lines a diff without context (`-U0`) added, per file (as the diff names it), as the new version
 * numbers them: the `+c,d` of each hunk header, `d` lines from `c` (a hunk that only removes adds none).
 */
export function addedLines(diff: string): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  let current = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) current = / b\/(.+)$/.exec(line)?.[1] ?? '';
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !current) continue;
    const first = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count > 0) out.set(current, [...(out.get(current) ?? []), [first, first + count - 1]]);
  }
  return out;
}

/** A function or class the introducing commit added lines to: its name then and the lines it added there. */
export interface ChangedSymbol {
  symbol: string;
  /** The first and last added line inside it, as the commit's version of the file numbers them. */
  from: number;
  to: number;
  lines: number;
}

/** Symbols cited per file: the ones the commit added most lines to. */
const SYMBOLS_PER_FILE = 3;

/**
 * What the introducing commit changed in each of `files`: the innermost function or class of the file as
 * that commit left it (its outline) around each added line, most added lines first. One `git cat-file` per
 * file (at most the commit's file bound), inside the history's time budget; a language without an outline,
 * or lines outside every function (imports, a module's constants), name no symbol.
 */
export function changedSymbols(
  root: string,
  intro: Introduced,
  files: Array<{ path: string; language: string | null }>,
): Map<string, ChangedSymbol[]> {
  const deadline = Date.now() + BUDGET_MS;
  const out = new Map<string, ChangedSymbol[]>();
  for (const { path, language } of files) {
    const ranges = intro.added[path];
    if (!ranges?.length || !language || Date.now() >= deadline) continue;
    let text: string;
    try {
      text = git(
        root,
        ['cat-file', 'blob', `${intro.commit}:./${path}`],
        Math.min(TIMEOUT_MS, deadline - Date.now()),
      );
    } catch {
      continue;
    }
    const items = outline(text, language);
    const found = new Map<string, ChangedSymbol>();
    for (const [first, last] of ranges)
      for (let line = first; line <= last; line++) {
        const item = innermost(items, line);
        if (!item) continue;
        const c = found.get(item.qualified);
        if (c)
          found.set(item.qualified, {
            ...c,
            from: Math.min(c.from, line),
            to: Math.max(c.to, line),
            lines: c.lines + 1,
          });
        else found.set(item.qualified, { symbol: item.qualified, from: line, to: line, lines: 1 });
      }
    const ranked = [...found.values()].sort((a, b) => b.lines - a.lines || a.from - b.from);
    if (ranked.length) out.set(path, ranked.slice(0, SYMBOLS_PER_FILE));
  }
  return out;
}

/**
 * Where a symbol the introducing commit changed stands in today's file (its outline): the item of the same
 * qualified name, else the one item of that name (a method moved into a class), else none (renamed or
 * removed since: no line is cited for it).
 */
export function todayAt(items: OutlineItem[], symbol: string): OutlineItem | undefined {
  const same = items.find((i) => i.qualified === symbol);
  if (same) return same;
  const name = symbol.split('.').pop();
  const named = items.filter((i) => i.name === name);
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The footprint entries of the files the introducing commit changed that nothing names the sibling in
 * today: per code or test file, each function or class it changed that today's file still has (by name),
 * at its line today; when all of them are gone, the file with what the commit changed there and that it
 * no longer exists (no line); else (docs, no outline, lines outside any function) the file alone.
 */
export function historyEntries(
  root: string,
  intro: Introduced,
  id: string,
  files: Array<{ path: string; language: string | null; area: Area }>,
  read: (path: string) => string | null,
): FootprintEntry[] {
  const changed = changedSymbols(
    root,
    intro,
    files.filter((f) => f.area === 'code' || f.area === 'test'),
  );
  const by = `the commit that added \`${id}\` (${intro.commit.slice(0, 10)}, "${intro.subject.slice(0, 100)}")`;
  return files.flatMap(({ path, language, area }) => {
    const entry: FootprintEntry = {
      file: path,
      role: area === 'code' ? 'other' : area === 'docs' ? 'docs' : area,
      area,
      source: 'history',
      why: `${by} changed this file`,
      text: '',
    };
    const symbols = changed.get(path) ?? [];
    const text = symbols.length ? read(path) : null;
    if (text === null) return [entry];
    const items = outline(text, language);
    const lines = text.split('\n');
    const seen = new Set<string>();
    const cited = symbols.flatMap((c) => {
      const now = todayAt(items, c.symbol);
      // One entry per function today (two changed then may be one now).
      if (!now || seen.has(now.qualified)) return [];
      seen.add(now.qualified);
      const then = now.qualified === c.symbol ? '' : ` (then \`${c.symbol}\`)`;
      const why = `${by} changed \`${now.qualified}\`${then} here`;
      return [
        {
          ...entry,
          line: now.start_line,
          symbol: now.qualified,
          why,
          text: lines[now.start_line - 1]!.trim(),
        },
      ];
    });
    if (cited.length) return cited;
    // Renamed or removed since: what the commit changed, and no line today.
    const gone = symbols.map((c) => `\`${c.symbol}\` (its lines ${c.from}-${c.to} then)`).join(', ');
    return [{ ...entry, why: `${by} changed ${gone}, which the file no longer has` }];
  });
}

/** What a history file that nothing today ties to the sibling is, in the plan: listed, no step. */
export const INCIDENTAL = 'also changed with the sibling (history); nothing today ties it to the sibling';
/** A docs page from history is a docs table of the kind when it defines at least this many of them. */
const TABLE_MIN = 4;

/**
 * Marks the history entries that nothing in today's code ties to the sibling (`incidental`), so the plan
 * lists them instead of making them steps: the introducing commit also touched a version file, a
 * contributors list, a printer it refactored on the way. A changelog is the kind every option edits, so it
 * stays, and so do test files (the covering tests rank them). A function or class the commit changed is
 * tied when the code that carries the sibling's value calls it today: the enclosing function of one of the
 * footprint's code lines writes `name(`, `name::` or `name {` (not a type annotation or an import). A docs
 * page is tied when it is a table of the kind: it defines `TABLE_MIN` or more of the declarations the
 * sibling is one of (`defined`). A file cited alone (no function: a version file, `AUTHORS`, a lock file)
 * is tied by nothing.
 */
export function markIncidental(
  history: FootprintEntry[],
  occurrences: FootprintEntry[],
  read: (path: string) => string | null,
  languageOf: (path: string) => string | null,
  defined: (page: string) => number,
  names: string[] = [],
  definers: (name: string) => number = () => 1,
): void {
  // A file that spells the sibling today is tied to it, whatever the occurrence search kept (a zsh
  // completion `_task` lists `--remote-cache-dir`): its flag form, or any spelling of a name of two words.
  const spelt = names.flatMap((n) => {
    const words = wordsOf(n.replace(/^-+/, ''));
    return words.length >= 2 ? spellingsOf(words) : words.length ? [`--${words[0]}`] : [];
  });
  const spelling = spelt.length
    ? new RegExp(spelt.map((s) => `(?<![\\w-])${esc(s)}(?![\\w-])`).join('|'))
    : null;
  const spells = (file: string) => {
    const text = spelling && read(file);
    return Boolean(text && spelling.test(text));
  };
  const bodies: string[] = [];
  const seen = new Set<string>();
  const outlines = new Map<string, ReturnType<typeof outline>>(); // each file outlined once
  for (const e of occurrences) {
    if (e.area !== 'code' || !e.line || e.role === 'other' || e.source !== 'occurrence') continue;
    const text = read(e.file);
    if (text === null) continue;
    let items = outlines.get(e.file);
    if (!items) {
      items = outline(text, languageOf(e.file));
      outlines.set(e.file, items);
    }
    const item = innermost(items, e.line);
    if (!item) continue;
    const key = `${e.file}:${item.start_line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bodies.push(
      text
        .split('\n')
        .slice(item.start_line - 1, item.end_line)
        .join('\n'),
    );
  }
  const called = (symbol: string, file: string) => {
    const name = symbol.split('.').pop()!;
    // A name more than one file defines (`new`, `init`, `Start`, `run`): a bare call may be any of them.
    // It ties only written with its owner: a type the file declares or the file's module
    // (`Font::new(`, `tail.Start(`), or on a value built from one; never `x.new(` on a value of unknown type.
    if (definers(name) > 1) {
      const owners = ownersOf(file, read(file), languageOf(file)).filter((o) => o !== name);
      if (!owners.length) return false;
      const owner = owners.map(esc).join('|');
      const owned = new RegExp(`(?<![\\w.])(?:${owner})(?:::|\\.)${esc(name)}\\s*(?:\\(|\\{)`);
      // Or on a variable the body builds from the owner (`let a = Annealing::new(…)`, then `a.run(`).
      const built = new RegExp(
        `(?<![\\w.])(\\w+)\\s*(?::[^=\\n]*)?:?=\\s*(?:&\\s*)?(?:mut\\s+)?(?:new\\s+)?(?:${owner})\\b`,
        'g',
      );
      return bodies.some(
        (b) =>
          owned.test(b) ||
          [...b.matchAll(built)].some((m) =>
            new RegExp(`(?<![\\w.])${esc(m[1]!)}\\.${esc(name)}\\s*\\(`).test(b),
          ),
      );
    }
    const use = new RegExp(`(^|[^\\w.])${esc(name)}\\s*(\\(|::|\\{)|\\.${esc(name)}\\s*\\(`);
    return bodies.some((b) => use.test(b));
  };
  for (const e of history) {
    const tied =
      e.area === 'changelog' ||
      e.area === 'test' ||
      (e.area === 'code' && Boolean(e.symbol) && called(e.symbol!, e.file)) ||
      (e.area === 'docs' && defined(e.file) >= TABLE_MIN) ||
      spells(e.file);
    if (!tied) e.incidental = INCIDENTAL;
  }
}

/** The names a call writes before a function of `file` to say it is that file's: its types, its module. */
function ownersOf(file: string, text: string | null, language: string | null): string[] {
  const stem = file.slice(file.lastIndexOf('/') + 1).replace(/\.\w+$/, '');
  const module = /^(?:mod|__init__|index|lib|main)$/.test(stem)
    ? (file.split('/').slice(-2, -1)[0] ?? '')
    : stem;
  // Its classes and structs (a Go `type T struct` too), its module, and its folder (a Go package).
  const types = text
    ? [
        ...outline(text, language)
          .filter((i) => i.kind === 'class')
          .map((i) => i.name),
        ...[...text.matchAll(/^type\s+([A-Za-z_]\w*)\s/gm)].map((m) => m[1]!),
      ]
    : [];
  const folder = file.split('/').slice(-2, -1)[0] ?? '';
  return [...new Set([...types, module, folder].filter((n) => /^[A-Za-z_]\w*$/.test(n)))];
}

/** How many source files define a function or method of this name (two is enough to say "more than one"). */
export function definersOf(search: TreeSearch, name: string): number {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return 0;
  const n = esc(name);
  const def = new RegExp(
    `\\b(?:fn|def|func(?:\\s*\\([^)]*\\))?|function)\\s+${n}\\b|^\\s*(?:(?:static|async|public|private|protected)\\s+)*${n}\\s*\\([^)]*\\)\\s*\\{`,
  );
  const files = new Set<string>();
  for (const h of search.lines([name], { word: true, maxPerFile: 20, maxTotal: 2000 }))
    if (roleOf(search, h.file) === 'source' && def.test(h.text)) {
      files.add(h.file);
      if (files.size > 1) break;
    }
  return files.size;
}
