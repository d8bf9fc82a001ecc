/**
 * A name as words, and the same words in every spelling an ecosystem uses for a name: `--max-items`,
 * `max-items`, `max_items`, `maxItems`, `MaxItems`, `MAX_ITEMS`, `<PREFIX>_MAX_ITEMS`, `maxitems`.
 */

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
