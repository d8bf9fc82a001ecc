/**
 * Words that name the same idea in option and setting names, so a request for `--max-items` finds an
 * existing `--limit-items`, and "ignore hidden files" finds `--exclude-hidden`. Each group is one idea; a
 * word may sit in one group only. Kept short on purpose: a pair belongs here when projects really use the
 * two words for the same thing.
 */
const GROUPS: string[][] = [
  ['glob', 'pattern', 'fnmatch', 'wildcard'],
  ['ignore', 'exclude', 'skip', 'omit'],
  ['include', 'only', 'select'],
  ['max', 'maximum', 'cap', 'limit'],
  ['min', 'minimum'],
  ['hide', 'hidden', 'suppress', 'silence', 'mute'],
  ['show', 'display', 'reveal'],
  ['verbose', 'verbosity'],
  ['quiet', 'silent'],
  ['color', 'colour', 'colors', 'colours', 'colored', 'coloured'],
  ['dir', 'directory', 'folder'],
  ['file', 'filename', 'path'],
  ['timeout', 'deadline'],
  ['retry', 'retries', 'attempt', 'attempts'],
  ['count', 'number', 'num', 'amount', 'total'],
  ['size', 'length', 'len'],
  ['item', 'items', 'entry', 'entries', 'element', 'elements'],
  ['depth', 'nesting'],
  ['output', 'out', 'dest', 'destination'],
  ['input', 'src'],
  ['format', 'fmt'],
  ['enable', 'enabled', 'allow', 'on'],
  ['disable', 'disabled', 'deny', 'off', 'no'],
  ['delete', 'remove', 'rm', 'drop', 'purge'],
  ['create', 'make'],
  ['config', 'configuration', 'conf', 'settings', 'options', 'cfg'],
  ['recursive', 'recurse', 'recursively'],
  ['follow', 'dereference', 'symlinks', 'links'],
  ['case', 'casing'],
  ['insensitive', 'ignorecase', 'icase'],
  ['encoding', 'charset', 'codec'],
  ['width', 'columns', 'cols'],
  ['jobs', 'workers', 'parallel', 'threads', 'processes', 'concurrency'],
  ['dry', 'simulate', 'preview'],
  ['force', 'overwrite', 'clobber'],
  ['log', 'logging', 'logs'],
  ['header', 'headers', 'heading'],
  ['sort', 'order', 'ordering', 'sorted'],
  ['reverse', 'reversed', 'descending'],
  ['error', 'errors', 'failure', 'fail'],
  ['warning', 'warnings', 'warn'],
];

const GROUP_OF = new Map<string, number>();
for (const [i, g] of GROUPS.entries()) for (const w of g) GROUP_OF.set(w, i);

/** The word's idea: its group's first word, or the word itself (plural `s` dropped). */
export function ideaOf(word: string): string {
  const w = word.toLowerCase();
  const g = GROUP_OF.get(w) ?? GROUP_OF.get(w.replace(/s$/, ''));
  return g === undefined ? w.replace(/(?<=\w{3})s$/, '') : GROUPS[g]![0]!;
}

/** True when the two words name the same idea (equal, a plural, or in one synonym group). */
export function sameIdea(a: string, b: string): boolean {
  return ideaOf(a) === ideaOf(b);
}

/** True when the two words are different words that the table calls synonyms (not mere equality). */
export function synonymous(a: string, b: string): boolean {
  return a.toLowerCase() !== b.toLowerCase() && sameIdea(a, b);
}
