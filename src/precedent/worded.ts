/**
 * A request that reads as a behaviour, or names nothing ("Add terminal title", "Enable selection of a single
 * rule"), met by an option whose name is made of the request's own words (`--set-terminal-title`,
 * `--enable-rule`): projects name a feature's switch after the words its title says, so a command-line
 * declaration whose every name word the request says (two or more, a leading control verb such as `set`
 * excused) is that feature, registered. One such name only: two are unsure, not a claim.
 */
import type { Declaration } from './declaration.js';
import { stemOf } from './synonyms.js';
import { sideOf } from './verdict.js';
import { wordsOf } from './words.js';

/** A verb that says how a switch is worked, not what it is: a name may open with it unsaid. */
const CONTROL = new Set(['set', 'enable', 'use', 'show', 'with']);
/** Words a name says without naming anything. */
const EMPTY = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'or', 'for', 'in', 'on', 'no']);

export function wordedOption(requirement: string, declarations: Declaration[]): Declaration[] {
  const title = requirement.trim().split('\n')[0] ?? '';
  const said = new Set(wordsOf(title).map(stemOf));
  const fits = new Map<string, { all: Declaration[]; count: number }>();
  for (const d of declarations) {
    if ((d.kind !== 'flag' && d.kind !== 'option') || sideOf(d) !== 'cli') continue;
    const words = wordsOf(d.name).filter((w) => !EMPTY.has(w));
    if (words.length < 2) continue;
    const [head, ...rest] = words;
    const unsaid = words.filter((w) => !said.has(stemOf(w)));
    const ok = unsaid.length === 0 || (unsaid.length === 1 && unsaid[0] === head && CONTROL.has(head!));
    const count = words.length - unsaid.length;
    if (!ok || count < 2 || rest.length === 0) continue;
    const key = words.join('-');
    const fit = fits.get(key);
    if (fit) fit.all.push(d);
    else fits.set(key, { all: [d], count });
  }
  const ranked = [...fits.values()].sort((a, b) => b.count - a.count);
  if (!ranked.length || (ranked[1] && ranked[1].count === ranked[0]!.count)) return [];
  // The same name registered again (on another command) is the same thing: each is evidence.
  return ranked[0]!.all.slice(0, 6);
}
