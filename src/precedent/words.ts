/**
 * A name as words, and the same words in every spelling an ecosystem uses for a name: `--max-items`,
 * `max-items`, `max_items`, `maxItems`, `MaxItems`, `MAX_ITEMS`, `<PREFIX>_MAX_ITEMS`, `maxitems`.
 */

import { stem } from '../explore/tokenize.js';

/** `--maxItems`, `max_items`, `MAX-ITEMS`, `max items` → ['max', 'items']. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The words joined with dashes: one key per name, whatever its spelling (`max_items` → `max-items`). */
export function keyOf(name: string): string {
  return wordsOf(name).join('-');
}

/**
 * Words of a requirement that hedge ("allow", "support", "make", "let") or name the kind of thing it asks
 * for ("option", "flag", "setting", "value"), never what the thing does: both the requested thing's
 * purpose words (`requested.ts`) and the phrases its effect is looked for by (`effect.ts`) leave them out,
 * each with words of its own besides. A purpose also drops the request's frame ("add", "new", "user", "the
 * command line"), which an effect keeps (the "first line" of a file is what a flag acts on); an effect also
 * breaks its phrases at verbs of control ("enable", "specify", "never"), which a purpose keeps as ideas.
 */
export const HEDGE_AND_KIND_WORDS: readonly string[] = [
  'allow',
  'allows',
  'allowing',
  'support',
  'supports',
  'make',
  'makes',
  'let',
  'lets',
  'option',
  'options',
  'flag',
  'flags',
  'setting',
  'settings',
  'value',
];

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * Every spelling of the words, most specific first. `prefix` is the project's environment prefix
 * (`PLANSMITH` gives `PLANSMITH_MAX_ITEMS`).
 */
export function spellingsOf(words: string[], prefix?: string): string[] {
  if (!words.length) return [];
  const [first, ...rest] = words;
  const kebab = words.join('-');
  const snake = words.join('_');
  const camel = first! + rest.map(cap).join('');
  const screaming = snake.toUpperCase();
  const out = [
    `--${kebab}`,
    kebab,
    snake,
    camel,
    words.map(cap).join(''),
    screaming,
    ...(prefix ? [`${prefix.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${screaming}`] : []),
    words.join(''),
  ];
  return [...new Set(out)];
}

/** What holds the parsed options: a one-word dest read on one of these is the option (`args.all`). */
export const HOLDER =
  '(?<![\\w$])(?:args|arguments|opts|options|config|cfg|conf|settings|matches|parsed|ns|namespace|flags|params)';

/**
 * Two words are one word in another form: the same stem, or one the other's start past a short ending
 * ("verbosity" and `verbose`, "squashing" and `squash`): a shared start of five letters or more that leaves
 * at most four letters of either.
 */
export function akin(a: string, b: string): boolean {
  if (stem(a) === stem(b)) return true;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return p >= 5 && Math.max(a.length, b.length) - p <= 4;
}
