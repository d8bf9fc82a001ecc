/**
 * Where a change's release note goes in a changelog file, and whether a change writes one at all. The one
 * place these rules live: the offline engine's release-note step and a met thing's gap (`gap.ts`) ask here.
 *
 * - The entry goes under the heading that says the version is not out ("Unreleased", "Upcoming release",
 *   or a short line under a version heading that says so), else above the newest entry.
 * - Some projects write the changelog when they release, not with each change: the file has no such
 *   heading, its newest entry is a dated release, and the recent commits that changed it changed nothing
 *   but it, docs and version files ("update CHANGELOG for v4.0.1"). Then a change writes no entry. Read
 *   from the last `RECENT` commits that touched the file (`git log -n`, bounded in time); without history
 *   the rule does not apply (an entry is proposed as before).
 * - An entry of the unreleased section already names the requested thing (a spelling of its name as code,
 *   or its name's words in a row in prose: "Set terminal title to file names" for `set_terminal_title`):
 *   the version that brings it is not out, so its note is written; a second one would repeat it.
 */
import { released } from '../explore/profile/docs.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { gitOutput } from '../files/git-args.js';
import { esc } from './code-shape.js';

export interface NotePlace {
  /** 1-based line of the unreleased heading, or of the newest entry's heading; 0 when none. */
  line: number;
  title: string;
  unreleased: boolean;
}

/** Lines read from the top of the file: the newest entries. */
const TOP = 60;

/** The unreleased entry's heading, else the newest entry's heading, else null. */
export function notePlace(text: string): NotePlace | null {
  const lines = text.split('\n').slice(0, TOP);
  // A heading: a marker, or a line a heading underline follows (never a quote or prose line).
  const heading = (l: string, i: number) =>
    Boolean(l.trim()) && (/^#{1,3}\s/.test(l) || /^[=~^-]{3,}\s*$/.test(lines[i + 1] ?? ''));
  // The unreleased entry: a heading that says so, or a short line just under a heading ("Version 2.1"
  // then "Unreleased"); never a quote or a sentence ("… the next release …").
  const under = (i: number) => [1, 2, 3].some((k) => i - k >= 0 && heading(lines[i - k]!, i - k));
  const at = lines.findIndex(
    (l, i) =>
      (heading(l, i) || (under(i) && l.trim().length <= 40 && !/^\s*>/.test(l))) &&
      /unreleased|in development|upcoming|\bTBD\b|\bnext\b/i.test(l),
  );
  if (at >= 0)
    return {
      line: at + 1,
      title: lines[at]!.trim()
        .replace(/[#=*-]+/g, '')
        .trim(),
      unreleased: true,
    };
  // The newest entry names its version: the file's title above the entries ("# Change Log") names none.
  const entry = lines.findIndex((l, i) => heading(l, i) && /\d/.test(l));
  const head = entry >= 0 ? entry : lines.findIndex(heading);
  return head >= 0
    ? { line: head + 1, title: lines[head]!.replace(/^#+\s*/, '').trim(), unreleased: false }
    : null;
}

/** Where a change's entry goes in a changelog file, in words with its line. */
export function noteWhere(text: string): string {
  const at = notePlace(text);
  if (!at) return 'at the top, in the format of the entries below it';
  return at.unreleased
    ? `under "${at.title}" (line ${at.line})`
    : `above "${at.title}" (line ${at.line}), in the format of that entry`;
}

/** Commits read: the last ones that changed the changelog. */
const RECENT = 12;
/** Fewer than this many commits: too little history to say. */
const ENOUGH = 4;
const TIMEOUT_MS = 10_000;

/**
 * Files a release commit changes beside the changelog: prose, docs, the version in a manifest or a lock
 * file, a version module. Anything else is code a change made.
 */
const RELEASE_FILE =
  /(^|\/)(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.(toml|lock)|setup\.(py|cfg)|pyproject\.toml|[\w.-]*version[\w.-]*|__init__\.py|[^/]+\.(md|rst|txt|adoc))$|^docs?\//i;

/** `abc1234 "subject"` from `abc1234 subject`. */
const quoted = (head: string) =>
  head.replace(/^(\S+) (.*)$/, (_, h: string, t: string) => `${h} "${t.slice(0, 70)}"`);

export interface AtRelease {
  /** The fact, with its evidence: why no entry is written with the change. */
  why: string;
  file: string;
  line: number;
}

/**
 * Whether the project writes `path` (its changelog, `text`) at release time rather than with each change:
 * null when it does not, or when the history cannot say.
 */
export function writtenAtRelease(root: string, path: string, text: string): AtRelease | null {
  const place = notePlace(text);
  if (!place || place.unreleased) return null;
  const lines = text.split('\n');
  // The newest entry is out: its heading (or the lines under it) carries a date.
  if (!released(lines.slice(place.line - 1, place.line + 2).join('\n'))) return null;
  let log: string;
  try {
    log = gitOutput(
      root,
      ['log', '--no-merges', `-n${RECENT}`, '--format=%x00%h %s', '--name-only', '--full-diff', '--', path],
      TIMEOUT_MS,
    );
  } catch {
    return null;
  }
  const commits = log
    .split('\0')
    .slice(1)
    .map((block) => {
      const [head = '', ...files] = block.split('\n').filter(Boolean);
      return { head, files };
    });
  if (commits.length < ENOUGH) return null;
  const own = commits.filter((c) => c.files.every((f) => f === path || RELEASE_FILE.test(f)));
  // More than three in four kept to the changelog and release files: a change does not write it.
  if (own.length * 4 <= commits.length * 3) return null;
  return {
    why: `\`${path}\` is written at release, not with each change: its newest entry "${place.title}" (${path}:${place.line}) is out and none says unreleased, and ${own.length} of the last ${commits.length} commits that changed it changed only it, docs or version files (${quoted(own[0]!.head)}): no release note is planned.`,
    file: path,
    line: place.line,
  };
}

/** Lines of the unreleased section read at most. */
const SECTION = 200;

/**
 * The line of `text`'s unreleased section (to the next heading that names a version) that names the
 * requested thing: one of `names` written as code (with a dash, an underscore or a capital inside, matched
 * as written), or a name's words, two or more, in a row in prose (any case, spaces, dashes or underscores
 * between). One shared word says nothing. Null when there is no unreleased section or no such line.
 */
export function notedAlready(path: string, text: string, names: string[]): AtRelease | null {
  const place = notePlace(text);
  if (!place?.unreleased) return null;
  const lines = text.split('\n');
  const patterns = names.flatMap((n) => {
    const words = n
      .replace(/^-+/, '')
      .split(/[-_\s]+|(?<=[a-z0-9])(?=[A-Z])/)
      .filter(Boolean);
    return [
      ...(/[-_]|[a-z][A-Z]/.test(n) ? [new RegExp(`(?<![\\w-])${esc(n)}(?![\\w-])`)] : []),
      ...(words.length >= 2 ? [new RegExp(`\\b${words.map(esc).join('[\\s_-]+')}\\b`, 'i')] : []),
    ];
  });
  if (!patterns.length) return null;
  for (let i = place.line; i < Math.min(lines.length, place.line + SECTION); i++) {
    const l = lines[i]!;
    // The next version's heading ends the section.
    if ((/^#{1,3}\s/.test(l) || /^[=~^-]{3,}\s*$/.test(lines[i + 1] ?? '')) && /\d/.test(l)) break;
    if (/^\s*#/.test(l) || !patterns.some((p) => p.test(l))) continue;
    // Cited by its line, not quoted: its own words ("Add `--x`") would read as the plan calling it new.
    return {
      why: `\`${path}\` already has an entry under "${place.title}" that names it (${path}:${i + 1}): no second release note is planned; extend that entry if the change adds to what it says.`,
      file: path,
      line: i + 1,
    };
  }
  return null;
}

/**
 * The project's changelog file, when it is written at release (`writtenAtRelease`), or when its unreleased
 * section already names the requested thing (`notedAlready`, one of `names`); null for news fragments, one
 * page per version, or (at release) a tree without history.
 */
export function changelogAtRelease(
  root: string,
  profile: Pick<CodebaseProfile, 'changelog'>,
  read: (path: string) => string | null | undefined,
  history: boolean,
  names: string[] = [],
): AtRelease | null {
  const cl = profile.changelog;
  if (cl?.kind !== 'file' || cl.versions) return null;
  const text = read(cl.path) ?? '';
  return (history ? writtenAtRelease(root, cl.path, text) : null) ?? notedAlready(cl.path, text, names);
}
