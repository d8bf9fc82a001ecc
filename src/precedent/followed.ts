/**
 * Which entries of a precedent's footprint a plan follows as places to edit, and why the others are not:
 * a file not written by hand (generated, the introducing commit's incidental file), no source, a comment
 * or docstring, a read in another top-level folder the sibling's code does not call into, the word and not
 * the option; and a one-word sibling named in too many source files to follow beyond its own. Pure: read
 * from the footprint the core returned, by every engine that plans from it.
 */
import type { Precedent } from '../domain/precedent.js';
import { OUTSIDE_SOURCE } from '../explore/conventions.js';
import { calledBySibling, mentionOnly, wordOnly } from './footprint.js';
import { COMPLETION } from './places.js';
import { wordsOf } from './words.js';

type Entry = Precedent['footprint'][number];

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|py|pyi|go|rs|java|kt|rb|php|cs|vue|svelte)$|(^|\/)[^./]+$/;
/** How many source files a one-word sibling may be named in before only its own file is followed. */
export const MAX_FILES = 6;

/** An entry whose place is judged: code, or a file not written by hand or only changed with the sibling. */
export const judged = (e: Entry) => e.area === 'code' || Boolean(e.generated) || Boolean(e.incidental);

/** Why a code entry (or a file not written by hand) is no place to edit, or null when it is one. */
export function notFollowed(p: Precedent, e: Entry): string | null {
  const top = (f: string) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : '');
  if (e.generated) return e.generated;
  if (e.incidental) return e.incidental;
  if (COMPLETION.test(e.file)) return null;
  if (!SOURCE.test(e.file) || OUTSIDE_SOURCE.test(e.file)) return 'not source';
  if (mentionOnly(e)) return 'a comment or docstring';
  // A line that only reads or names the sibling's name in another top-level folder (a bundle, a script, a
  // library call that shares a word) is rarely where the change goes (dev set: 1 in 38) — unless the
  // sibling's code calls a function defined there (`bin/` driving `lib/`): that folder is where it goes;
  // nor is a line its value is carried to (a field assigned from it, read there: `follow.ts`), which the
  // code itself ties to the option.
  const elsewhere =
    e.source !== 'history' &&
    !e.why.startsWith('carries ') &&
    p.sibling &&
    ['read', 'other'].includes(e.role) &&
    top(e.file) !== top(p.sibling.file) &&
    !p.footprint.some((x) => calledBySibling(x) && top(x.file) === top(e.file));
  if (elsewhere) return 'only read in another top-level folder';
  return wordOnly(p.sibling, e) ? 'the word, not the option' : null;
}

/** The entries of these areas a plan follows: source code (no comment or docstring), none generated. */
export function followedEntries(p: Precedent, area: Entry['area'][]): Entry[] {
  return p.footprint.filter((e) => area.includes(e.area) && !(judged(e) && notFollowed(p, e)));
}

/**
 * A sibling of one word named in more source files than a change touches is a common word: only its own
 * file (where it is declared) and the commit that introduced it are followed; the file, and how many files
 * name it. A name of two words or more (`--nonprintable-notation`) is its own, however far it goes.
 * Completion scripts list every option: they say nothing of how common the name is; nor do the lines its
 * value is carried to (a field, a parameter: `follow.ts`), which do not name it.
 */
export function commonSibling(p: Precedent): { own: string; spread: number } | null {
  const spread = new Set(
    followedEntries(p, ['code'])
      .filter((e) => e.source !== 'history' && !COMPLETION.test(e.file) && !e.why.startsWith('carries '))
      .map((e) => e.file),
  );
  return spread.size > MAX_FILES && p.sibling && wordsOf(p.sibling.name).length < 2
    ? { own: p.sibling.file, spread: spread.size }
    : null;
}
