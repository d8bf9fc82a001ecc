/**
 * What a declaration's value is, and what a requirement asks the value of the new thing to be: whether it
 * takes one (`none`: a boolean flag; `one`; `many`: a list, by `nargs`, `multiple`, `append`, a variadic
 * `<x...>`, a `Vec`), and what kind of value (a path, a pattern, a number, a choice, a string). One table
 * of words serves both sides, so a request for "a list of patterns" and an option whose help says "glob
 * patterns" are read alike. Pure.
 */

export type Takes = 'none' | 'one' | 'many';
export type ValueType = 'bool' | 'int' | 'float' | 'path' | 'pattern' | 'choice' | 'str';

/** Words that say what kind of value a thing takes, most telling first (a "glob of files" is a pattern). */
const VALUE_WORDS: Array<[ValueType, RegExp]> = [
  ['pattern', /\b(?:patterns?|globs?|regex(?:es|p|ps)?|regular expressions?|wildcards?|fnmatch)\b/i],
  ['path', /\b(?:paths?|files?|filenames?|dirs?|directory|directories|folders?)\b/i],
  [
    'int',
    /\b(?:numbers?|count|max|min|maximum|minimum|limit|depth|width|height|timeout|retries|threads|jobs|port|seconds|milliseconds|lines)\b/i,
  ],
  ['float', /\b(?:ratio|fraction|percent(?:age)?)\b/i],
  ['choice', /\b(?:one of|choices?|mode|style)\b/i],
];

/** Words that say a thing takes several values ("a list of patterns", "multiple paths are separated by"). */
const SAYS_MANY =
  /\b(?:lists? of|multiple|several|comma[- ]separated|separated by|one or more|any number of|may be (?:given|repeated|used) (?:more than once|several times)|repeatable)\b/i;

/** True when a text says the thing takes several values. */
export function saysMany(text: string): boolean {
  return SAYS_MANY.test(text);
}

/** Nouns that, as the last word of a name, make it a list (`--exclude-patterns`, `--extra-files`). */
const LIST_NOUN = /^(?:patterns|globs|paths|files|dirs|directories|folders|extensions|names|hosts|modules)$/;
/**
 * Nouns that, ending a name's head, name a piece of text the option is given (`--key-separator`,
 * `--line-prefix`): one string, whatever the requirement calls it ("a flag").
 */
const STRING_NOUN = /^(?:separator|delimiter|prefix|suffix|template|encoding|charset)$/;
/** Words that end a name's head: `pattern` in `ignore-pattern-in-long-lines`. */
const PREPOSITION = /^(?:in|of|for|on|from|to|with|within|per|at|by)$/;
/** Words that, first in a name, bound a number (`--max-results`, `--min-size`). */
const BOUND = /^(?:max|min|maximum|minimum|limit)$/;
/** Words that, first in a name, make it a switch (`--no-diff`, `--disable-x`). */
export const SWITCH_HEAD = /^(?:no|disable|enable|without|with)$/;

/** The kind of value a declared type names, as written in any of the supported languages, or null. */
export function typeOfWritten(type: string): ValueType | null {
  const t = type.trim();
  if (!t) return null;
  if (/^(?:bool|boolean|Bool|flag)$|\bbool\b|\bBOOL\b/.test(t)) return 'bool';
  if (/Choice|choices|possible_values|ValueEnum|\benum\b|Enum\b|^choice$/.test(t)) return 'choice';
  if (/Pattern|Regex|RegExp|\bre\.compile|glob/i.test(t)) return 'pattern';
  if (/Path|path|File|file|\bdir\b/.test(t)) return 'path';
  if (/\bfloat\b|f32|f64|Float|Decimal/.test(t)) return 'float';
  if (/\bint\b|Int|usize|isize|\b[iu](?:8|16|32|64)\b|duration|Duration|\bcount\b/.test(t)) return 'int';
  if (/\bstr\b|string|String|Text/.test(t)) return 'str';
  return null;
}

/** Whether a declared type is a list (`list of int`, `Vec<PathBuf>`, `[]string`, `stringSlice`, `array`). */
export function typeIsList(type: string): boolean {
  return /^list\b|\bList\b|\blist\[|Vec<|\[\]|[Ss]lice\b|\barray\b|Array\b|linelist|pathlist|^args$|^paths$|_csv\b|\bcsv$/.test(
    type.trim(),
  );
}

/** The value kind words in a text say, the most telling kind first, or null. */
export function typeOfWords(text: string): ValueType | null {
  for (const [t, re] of VALUE_WORDS) if (re.test(text)) return t;
  return null;
}

/** What a name alone says: `--no-x` is a switch, `--extra-files` a list of paths, `--max-depth` a number. */
export function valueOfName(words: string[]): { takes: Takes | null; type: ValueType | null } {
  if (!words.length) return { takes: null, type: null };
  if (SWITCH_HEAD.test(words[0]!)) return { takes: 'none', type: 'bool' };
  const last = words[words.length - 1]!;
  if (LIST_NOUN.test(last)) return { takes: 'many', type: typeOfWords(last) };
  // The value's noun ends the name's head, the words before a preposition (`--max-depth`, `--config-path`,
  // `ignore-pattern-in-long-lines`), or a bound starts it (`--max-results`); a noun elsewhere names
  // something else (`--path-as-is` takes no path).
  const cut = words.findIndex((w, k) => k > 0 && PREPOSITION.test(w));
  const head = cut > 0 ? words.slice(0, cut) : words;
  const noun = head[head.length - 1]!;
  const type =
    typeOfWords(noun) ??
    (BOUND.test(words[0]!) ? typeOfWords(words[0]!) : null) ??
    (STRING_NOUN.test(noun) ? 'str' : null);
  return { takes: type ? 'one' : null, type };
}

/** How alike two `takes`: the same 1, both take a value 0.4, else (or unknown) 0. */
export function takesFit(a: Takes | null | undefined, b: Takes | null | undefined): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  return a !== 'none' && b !== 'none' ? 0.4 : 0;
}

/** How alike two value kinds: the same 1, a path and a pattern (both match files) or two numbers 0.5. */
export function typeFit(a: ValueType | null | undefined, b: ValueType | null | undefined): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const pair = new Set([a, b]);
  return (pair.has('path') && pair.has('pattern')) || (pair.has('int') && pair.has('float')) ? 0.5 : 0;
}
