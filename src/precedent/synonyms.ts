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
  ['min', 'minimum', 'minimal'],
  ['hide', 'hidden', 'suppress', 'silence', 'mute'],
  ['show', 'display', 'reveal', 'print'],
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
  ['run', 'execute', 'execution', 'exec'],
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
  ['stop', 'abort', 'halt', 'exit', 'quit', 'bail'],
  ['warning', 'warnings', 'warn'],
  ['check', 'validate', 'validation', 'verify', 'verification'],
];

const GROUP_OF = new Map<string, number>();
for (const [i, g] of GROUPS.entries()) for (const w of g) GROUP_OF.set(w, i);
// A word and its plural are one idea: a plural listed alone (`links`, `threads`, `columns`) makes its
// singular one of its group too, else "link" in a help and "links" in a request would be two ideas. Not
// the kind words (`options`, `settings` name a config file; "option" is any option).
for (const [i, g] of GROUPS.entries())
  for (const w of g)
    if (w.endsWith('s') && !GROUP_OF.has(stemOf(w)) && !/^(?:options|settings)$/.test(w))
      GROUP_OF.set(stemOf(w), i);

/**
 * A word without its inflection: `failures`, `failing`, `failed` → `fail`; `matches` → `match`; `files` → `file`;
 * `skipping` → `skip`.
 */
export function stemOf(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(ss|ch|sh|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const bare = w;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  // The consonant doubled before the ending is one (`skipping` → `skip`, `wrapped` → `wrap`), but for
  // an l, s or z the word has twice (`filling`, `passed`).
  if (w !== bare && w.length >= 4 && /([b-df-hj-km-np-tv-y])\1$/.test(w) && !/(ll|ss|zz)$/.test(w))
    w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ure')) w = w.slice(0, -3);
  return w;
}

/** The word's idea: its synonym group's first word, else its stem. */
export function ideaOf(word: string): string {
  const w = word.toLowerCase();
  const g = GROUP_OF.get(w) ?? GROUP_OF.get(stemOf(w));
  return g === undefined ? stemOf(w) : GROUPS[g]![0]!;
}

/** True when the two words name the same idea (equal, a plural, or in one synonym group). */
export function sameIdea(a: string, b: string): boolean {
  return ideaOf(a) === ideaOf(b);
}
