/**
 * One thing on several sides: a requirement that names it as a flag and also as an environment variable
 * or a configuration key ("a `--temp-dir` flag (with `TASK_TEMP_DIR` env var and `temp-dir` taskrc"). The
 * other sides it names (`otherSides`), their declarations when the thing exists (`sidesMet`), the table a
 * new key goes in (`tableOf`), the key a missing configuration side is declared beside (`configSide`), and
 * whether the sibling a plan copies is registered only behind a feature gate (`gateOf`).
 */
import { esc } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { definition, type FootprintEntry } from './footprint.js';
import { proseLines } from './lines.js';
import { Enclosing } from './places.js';
import type { Requested } from './requested.js';
import { languageOf, roleOf, type TreeSearch } from './search.js';
import { type CoveringTest, coveringTests } from './tests.js';
import { sideOf } from './verdict.js';
import { keyOf, wordsOf } from './words.js';

export interface OtherSide {
  side: 'env' | 'config';
  name: string;
  /** The word after the name that places it (`taskrc` in "`temp-dir` taskrc"), lower case. */
  place?: string;
}

const same = (a: string, b: string) => wordsOf(a).join(' ') === wordsOf(b).join(' ');

/**
 * The other sides the requirement names the requested thing on: an alternative name of the same words
 * (after a prefix, `APP_TEMP_DIR` for `--temp-dir`; a dotted key, `remote.cache-dir` for
 * `--remote-cache-dir`), an environment variable when in capitals, else a configuration key when the
 * request is a flag's; with the word that follows the name (`taskrc`).
 */
export function otherSides(requested: Requested, requirement: string): OtherSide[] {
  const tail = ` ${requested.words.join(' ')}`;
  const out: OtherSide[] = [];
  const dotted = [...requirement.matchAll(/`([a-z][\w-]*(?:\.[a-z][\w-]*)+)`/g)].map((m) => m[1]!);
  for (const alt of [...requested.alternatives, ...dotted]) {
    if (!` ${wordsOf(alt).join(' ')}`.endsWith(tail)) continue;
    const side = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(alt) ? 'env' : alt.startsWith('-') ? null : 'config';
    if (!side || side === requested.side || (side === 'config' && requested.side !== 'cli')) continue;
    if (out.some((o) => o.side === side)) continue;
    out.push({ side, name: alt, place: placeAfter(requirement, alt) });
  }
  return out;
}

/** Words after a key's name that say what it is, not where: "`x` key in the config file". */
const KIND_WORDS = new Set(['key', 'keys', 'option', 'setting', 'value', 'entry', 'field', 'variable']);

/**
 * The file a name is placed in: the word after it (`taskrc` in "`temp-dir` taskrc"), else, after a word
 * that says what it is, the file named next ("`x` key in the config file", "`x` setting in `.shelfrc`").
 */
function placeAfter(requirement: string, name: string): string | undefined {
  const m = new RegExp(`\`${esc(name)}\`\\s+([A-Za-z]\\w+)([^\`]{0,12}\`?[^\`]{0,40})`).exec(requirement);
  const word = m?.[1]?.toLowerCase();
  if (!word || !KIND_WORDS.has(word)) return word;
  return /^\s+in\s+(?:the\s+|your\s+|a\s+|an\s+)?`?\.?([A-Za-z]\w*)/.exec(m![2]!)?.[1]?.toLowerCase();
}

/** The declarations among `ds` of the file the word after the name names (`taskrc`), when one does. */
const placed = (other: OtherSide, ds: Declaration[]) =>
  ds.filter((d) => other.place && wordsOf(d.file).includes(other.place));

/** The declarations of a side: all, and those of the file the word after the name names (`placed`). */
export function ofSide(other: OtherSide, declarations: Declaration[]) {
  const all = declarations.filter((d) => d.kind !== 'parameter' && sideOf(d) === other.side);
  return { all, home: placed(other, all) };
}

/**
 * The declarations of a met thing on the other sides the requirement names it on (`otherSides`): the key
 * of that name (a dotted key's last part) on that side, in the file the word after it names when one does.
 */
export function sidesMet(
  requested: Requested,
  requirement: string,
  declarations: Declaration[],
  have: Declaration[],
): Declaration[] {
  const out: Declaration[] = [];
  for (const other of otherSides(requested, requirement)) {
    const key = keyOf(other.name.slice(other.name.lastIndexOf('.') + 1));
    const named = ofSide(other, declarations).all.filter((d) =>
      [d.name, d.bare].some((n) => n && keyOf(n) === key),
    );
    const home = placed(other, named);
    const d = tableOf(home.length ? home : named, other.name)[0];
    if (d && !have.includes(d) && !out.includes(d)) out.push(d);
  }
  return out;
}

/**
 * The keys of the table a config key goes in, of one file's keys grouped by the type that declares them
 * (a Go struct): a dotted key's (`remote.cache-dir`) the type its first part names, else the top table's,
 * the one type no key of the file names (a sub-table's type is named by its parent's key, `remote`).
 */
export function tableOf(keys: Declaration[], name: string): Declaration[] {
  const types = [...new Set(keys.map((d) => d.scope ?? ''))];
  if (types.length < 2) return keys;
  const parent = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : null;
  const top = types.filter((t) => (parent ? same(t, parent) : !keys.some((d) => same(d.name, t))));
  return top.length === 1 ? keys.filter((d) => (d.scope ?? '') === top[0]) : keys;
}

/** What a missing configuration side is declared beside: the key, its lines, the tests of its file. */
export interface ConfigSide {
  key: Declaration;
  entries: FootprintEntry[];
  tests: CoveringTest[];
}

/** The name a key's code reads it by: a Go struct field (`CacheDir` for `cache-dir`), else the key. */
const fieldOf = (d: Declaration) => d.aliases.find((a) => /^\w+$/.test(a)) ?? d.name;

/**
 * Whether a line reads a key: as an attribute, through its field where the code gives it one
 * (`config.Remote.CacheDir`, `settings.workers`), or by its quoted key in a call or a subscript
 * (`config.get("cache-dir")`, `rc["workers"]`).
 */
const reads = (text: string, d: Declaration) =>
  (/^\w+$/.test(fieldOf(d)) && new RegExp(`\\.${esc(fieldOf(d))}\\b`).test(text)) ||
  new RegExp(`\\w[[(]\\s*["'\`]${esc(d.name)}["'\`]`).test(text);

/** The keys of the table a configuration side goes in, in one file (the one the word after it names). */
function tableFor(other: OtherSide, declarations: Declaration[]) {
  const { all, home } = ofSide(other, declarations);
  const pool = home.length ? home : all;
  const file = pool[0]?.file;
  if (!file || pool.some((d) => d.file !== file)) return null;
  const table = tableOf(pool, other.name).filter((d) => !pool.some((k) => same(k.scope ?? '', d.name)));
  return { pool, table };
}

/**
 * A configuration side the requirement names that nothing declares ("`temp-dir` taskrc"): the key of the
 * table it goes in that a maintainer copies, and that key's own lines in its file — where it is declared
 * and merged or defaulted — each an edit point "as that key does". Of the table's keys (a sub-table's own
 * key left out): the sibling's own key (its registration reads it, `config.Remote.CacheDir`), then one a
 * command-line option reads as well or is named as (a key with a flag, as the requested one will be: a
 * serde field `cones` beside a clap field `cones`), then one taking a value as the request's does, then the first declared. The keys must lie in one file, the one the
 * requirement places it in when it names one: a key of another file is no model for this one.
 */
export function configSide(
  search: TreeSearch,
  requested: Requested,
  other: OtherSide,
  declarations: Declaration[],
  sibling?: Declaration,
): ConfigSide | null {
  const at = other.side === 'config' ? tableFor(other, declarations) : null;
  if (!at) return null;
  const { pool, table } = at;
  const last = keyOf(other.name.slice(other.name.lastIndexOf('.') + 1));
  if (table.some((d) => keyOf(d.name) === last)) return null;
  const cli = declarations.filter((d) => sideOf(d) === 'cli');
  const rank = (d: Declaration) =>
    (sibling && reads(sibling.text, d) ? 8 : 0) +
    (cli.some((c) => reads(c.text, d)) ? 4 : cli.some((c) => same(c.name, d.name)) ? 2 : 0) +
    (requested.takes && d.takes === requested.takes ? 1 : 0);
  const key = [...table].sort((a, b) => rank(b) - rank(a) || a.line - b.line)[0];
  if (!key) return null;
  const lines = search.read(key.file)?.split('\n') ?? [];
  const word = new RegExp(`\\b${esc(fieldOf(key))}\\b`);
  const enclosing = new Enclosing((f) => search.read(f));
  const language = languageOf(search, key.file);
  const as = `the ${other.place ? `${other.place} ` : ''}key \`${key.name}\``;
  // A comment or a docstring naming the key's field is prose, no line of its table (a Rust attribute,
  // `#[serde(…)]`, is code).
  const prose = proseLines(lines, language);
  const entries: FootprintEntry[] = lines.flatMap((text, i) => {
    if (!word.test(text) || prose.has(i + 1)) return [];
    const declares = i + 1 === key.line;
    const symbol = enclosing.symbolAt(key.file, language, i + 1);
    return [
      {
        file: key.file,
        line: i + 1,
        ...(symbol ? { symbol } : {}),
        role: declares ? 'type' : 'serialization',
        area: 'code',
        source: 'occurrence',
        why: declares
          ? `declares ${as}: \`${other.name}\` is declared beside it`
          : `names ${as}'s field \`${fieldOf(key)}\` (its copy or merge list): \`${other.name}\` goes here too`,
        text: text.trim(),
        of: key.name,
      } satisfies FootprintEntry,
    ];
  });
  return { key, entries, tests: keyTests(search, pool, other, key, declarations) };
}

/**
 * The test file of a file's configuration keys: the one that builds or reads their tables' types most
 * (`ast.TaskRC{`, `Settings(`, `*Remote`), where a test of a new key goes; else the tests of the key as a
 * sibling's (`coveringTests`), when one names it or its file's other declarations.
 */
function keyTests(
  search: TreeSearch,
  pool: Declaration[],
  other: OtherSide,
  key: Declaration,
  declarations: Declaration[],
): CoveringTest[] {
  const types = [...new Set(pool.map((d) => d.scope ?? '').filter((t) => t.length > 2))];
  const built = new RegExp(
    `(?:[.*&]|\\b)(?:${types.map(esc).join('|')})\\s*[{(]|[.*&](?:${types.map(esc).join('|')})\\b`,
  );
  const count = new Map<string, number>();
  if (types.length)
    for (const h of search.lines(types, { word: true, maxPerFile: 200, maxTotal: 5000 }))
      if (roleOf(search, h.file) === 'test' && built.test(h.text))
        count.set(h.file, (count.get(h.file) ?? 0) + 1);
  const keys = `${other.place ? `${other.place} ` : ''}keys`;
  const best = [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best)
    return [
      {
        file: best[0],
        command: '',
        selects: [],
        why: `builds or reads the ${keys}' ${types.length > 1 ? 'types' : 'type'} (${types.map((t) => `\`${t}\``).join(', ')}) on ${best[1]} line${best[1] === 1 ? '' : 's'}: a test of \`${other.name}\` goes here`,
        uses: 0,
      },
    ];
  return coveringTests(search, [], key, declarations)
    .filter((t) => !t.data)
    .slice(0, 1)
    .map((t) => ({ ...t, why: `tests the ${keys}: ${t.why}` }));
}

/** A condition that turns a feature on: an experiment, a feature flag, an unstable or preview mode. */
const GATE = new Set([
  'experiment',
  'experiments',
  'experimental',
  'feature',
  'features',
  'unstable',
  'preview',
  'nightly',
]);
const OPENS_IF = /^\s*(?:\}\s*else\s+)?(?:if|elif)\b/;
const DEFINES = /^\s*(?:func|fn|def|class|function|pub\s+fn|async\s+def)\b/;
/** How far up the enclosing block is looked for. */
const GATE_LINES = 120;

/**
 * The feature gate a declaration is registered behind, if any: the `if` block around its line whose
 * condition names an experiment or a feature (`if experiments.RemoteTaskfiles.Enabled() {`), or a Rust
 * `#[cfg(feature = "…")]` on it. A sibling registered there exists only when that feature is on: a new
 * thing copied from it goes outside the block unless it belongs to that feature. Braces count the blocks
 * (Go, Rust, JS, …); in Python, the indentation.
 */
export function gateOf(search: TreeSearch, d: Declaration): { line: number; text: string } | null {
  const lines = search.read(d.file)?.split('\n');
  if (!lines) return null;
  for (let i = d.line - 2; i >= 0 && /^\s*(#\[|\/\/|\/\*|\*)/.test(lines[i]!); i--)
    if (/^\s*#\[cfg\(.*\bfeature\s*=/.test(lines[i]!)) return { line: i + 1, text: lines[i]!.trim() };
  const python = /\.pyi?$/.test(d.file);
  const indent = (s: string) => /^\s*/.exec(s)![0].length;
  let depth = 0;
  let level = indent(lines[d.line - 1] ?? '');
  for (let i = d.line - 2; i >= Math.max(0, d.line - 1 - GATE_LINES); i--) {
    const text = lines[i]!;
    if (!text.trim()) continue;
    let opens = false;
    if (python) {
      if (indent(text) >= level) continue;
      level = indent(text);
      opens = true;
    } else if (depth === 0 && /^\s*\}.*\{\s*$/.test(text)) {
      // `} else {` opens the block: an else branch runs when the condition above it does not hold.
      if (!/\belse\s+if\b/.test(text)) return null;
      opens = true;
    } else {
      depth += (text.match(/\}/g)?.length ?? 0) - (text.match(/\{/g)?.length ?? 0);
      if (depth < 0) {
        opens = true;
        depth = 0;
      }
    }
    if (!opens) continue;
    if (OPENS_IF.test(text) && wordsOf(text).some((w) => GATE.has(w.toLowerCase())))
      return { line: i + 1, text: text.trim() };
    if (DEFINES.test(text)) return null;
  }
  return null;
}

/**
 * Where a docs page defines a declaration that exists on another side (a heading, a list or table entry,
 * `definition` in `footprint.ts`): the environment variable the requested flag will feed is documented
 * there already (`### TASK_TEMP_DIR`), which is what exists, not a place to add it again.
 */
export function documentedAt(
  search: TreeSearch,
  d: Declaration,
  isDocs: (file: string) => boolean,
): { file: string; line: number; text: string } | null {
  let best: { file: string; line: number; text: string; rank: number } | null = null;
  for (const h of search.lines([d.name], { word: true, maxPerFile: 20, maxTotal: 200 })) {
    if (!isDocs(h.file)) continue;
    const lines = search.read(h.file)?.split('\n') ?? [];
    const how = definition(lines, h.line - 1, d.name);
    const rank = how ? STRONG.indexOf(how) : -1;
    if (rank >= 0 && (!best || rank < best.rank))
      best = { file: h.file, line: h.line, text: h.text.trim(), rank };
  }
  return best && { file: best.file, line: best.line, text: best.text };
}

/**
 * Definitions that say what a thing is, strongest first; a line that only starts with the name (an option
 * list's form) may be a sentence about it ("`TASK_TEMP_DIR` environment variable in your machine …").
 */
const STRONG = ['a directive', 'a heading', 'a table row', 'a man page entry'];
