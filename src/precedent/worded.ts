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
  // A format asked for is a value of a choice: the option of its words may lack it (`formatChoice` decides).
  if (formatAsked(title)) return [];
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

/** "results in csv format", "support for YAML output": the value a format choice is asked to offer. */
const FORMAT_ASKED = /\b([a-z][a-z0-9]{1,9})\s+(?:format|output)\b/i;
const NO_VALUE =
  /^(?:the|a|an|new|other|another|different|output|file|custom|same|this|that|its|their|some|any|more|in|as|to|for|of|and|or|result|results|text)$/i;
/** The value a title asks a format choice to offer, if it asks one. */
function formatAsked(title: string): string | null {
  const value = FORMAT_ASKED.exec(title)?.[1]?.toLowerCase();
  return value && !NO_VALUE.test(value) ? value : null;
}

/** A declared enum's variants (Rust, TypeScript, Java, C#, Swift): `enum PrintMode { Text, Json, Csv }`. */
const ENUM_AT = (type: string) => new RegExp(`\\benum\\s+${type}\\b`);

/**
 * A request for a format ("Add support for results in csv format") met by the one command-line option of a
 * `format` name that offers that value: its help says it, or its type is an enum the project declares with
 * that variant (`--output-format` of type `PrintMode { Text, Json, Csv }`). A format is a choice among
 * values, so the option that lists the value is the feature.
 */
export function formatChoice(
  requirement: string,
  declarations: Declaration[],
  enumText: (type: string) => string | null,
): Declaration[] {
  const value = formatAsked(requirement.trim().split('\n')[0] ?? '');
  if (!value) return [];
  const offers = (d: Declaration) => {
    if (new RegExp(`\\b${value}\\b`, 'i').test(d.help)) return true;
    const type = /([A-Z]\w*)>*\s*$/.exec(d.type)?.[1];
    const body = type ? enumText(type) : null;
    return !!body && new RegExp(`^\\s*${value}\\b`, 'im').test(body);
  };
  const found = declarations.filter(
    (d) =>
      (d.kind === 'flag' || d.kind === 'option') &&
      sideOf(d) === 'cli' &&
      wordsOf(d.name).includes('format') &&
      offers(d),
  );
  return new Set(found.map((d) => d.name)).size === 1 ? found.slice(0, 6) : [];
}

/** The lines of the enum `type` declares, from its opening line to its closing brace, as `read` gives files. */
export function enumBody(
  lines: Array<{ file: string; line: number }>,
  type: string,
  read: (f: string) => string | null,
): string | null {
  for (const h of lines) {
    const text = read(h.file)?.split('\n');
    if (!text || !ENUM_AT(type).test(text[h.line - 1] ?? '')) continue;
    const end = text.findIndex((l, i) => i >= h.line - 1 && /^\s*}/.test(l));
    return text.slice(h.line, end < 0 ? h.line + 40 : end).join('\n');
  }
  return null;
}
