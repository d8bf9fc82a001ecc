/**
 * What the requested thing does, and where the project already does that. The sibling's footprint says
 * where a new option is registered and read; the option's effect (exit quietly, cap blank lines, strip
 * escapes) lives in code the sibling may never touch. Two facts:
 *
 * - `says`: the requirement's own words after the name ("to cap the number of blank lines"), quoted as
 *   written, never rephrased; empty when the requirement says nothing past the name.
 * - `at`: code the project already has whose name is a phrase of those words — two words or more in a row
 *   (`blank_lines` for "blank lines"), at least one of them not a word of the requested or the sibling's
 *   name (those are the footprint's). A definition (a function, a type, a field, a constant) or a file
 *   named so; a field or a constant is where it is used, in the first function that is not a constructor.
 *   One shared word is never evidence; a phrase the project names in many files says little (left out).
 *   Each place says which words matched; `sure` only when three words or more match and no other place
 *   matches as many. At most three.
 * - Beyond a phrase: a name the requirement writes as code, where the code reads it (`namedReads`); the
 *   input its words act on, read as the sibling's value is (`inputReads`); the loop a stop-early request
 *   ends (`stopLoops`); the literal a separator option replaces (`replacedLiterals`); and, when it says
 *   nothing past the name, a phrase of the name itself.
 * - Beside a sure place, the unsure ones found by the request's words alone (a phrase, a library's member,
 *   an input read) are left out: they are words the code shares, not another place to edit.
 */
import { languageOf } from '../explore/languages.js';
import { outline } from '../explore/outline.js';
import { STOP, stem } from '../explore/tokenize.js';
import { definedAs, esc, fileStem, innermost, maskStrings } from './code-shape.js';
import { guardOf, refusalOf } from './guard.js';
import { isImported } from './library-call.js';
import { type EffectPlace, librarySettings } from './library-setting.js';
import { stringLines } from './lines.js';
import { commandLines, type Requested } from './requested.js';
import { type Hit, roleOf, type TreeSearch } from './search.js';
import { akin, HEDGE_AND_KIND_WORDS, wordsOf } from './words.js';

export type { EffectPlace };

export interface Effect {
  says: string;
  at: EffectPlace[];
}

const MAX_PLACES = 3;
/** A phrase whose names lie in more source files than this is the project's vocabulary, not a place. */
const MAX_SPREAD = 6;
/** Words that follow a name and say what it is, not what it does. */
const KIND =
  /^(?:\s*(?:[/,]|or|and)?\s*(?:`{1,2}-{1,2}[\w-]+`{1,2}|-{1,2}[\w-]+))*\s*\)?\s*(?:(?:new|cli|command-line|configuration|config|ini|boolean|option|options|flag|flags|switch|setting|settings|parameter|parameters|argument|arguments|arg|args|shortcut|value)\b[\s,]*)*/i;
/** How a requirement links a name to what it does. */
const LINK = /\b(?:to|for|that|which|allowing|allows|so that|in order to)\s+/gi;
/** Words that link or hedge, not name anything: they break a phrase. */
const BREAK = new Set([
  ...STOP,
  ...HEDGE_AND_KIND_WORDS,
  'specify',
  'specifies',
  'control',
  'controls',
  'enable',
  'enables',
  'disable',
  'disables',
  'provide',
  'provides',
  'always',
  'never',
  'work',
  'works',
  'instead',
  'regardless',
  'alternative',
  'etc',
  'values',
]);

/**
 * The requirement's words for what the thing does: the clause after its name ("`--x` to …", "`--x` that
 * …"), past a place it goes ("to the `run` command", "to `tool-x`"), to the end of the sentence.
 */
export function effectSaid(requirement: string, requested: Requested): string {
  const text = requirement.replace(/```[\s\S]*?```/g, ' ');
  const names = [requested.name, ...requested.spellings, ...requested.alternatives].filter(
    (n) => n.length > 1,
  );
  let end = -1;
  if (requested.named) {
    let at = Number.POSITIVE_INFINITY;
    for (const n of names) {
      const i = text.indexOf(n);
      if (i >= 0 && i < at) [at, end] = [i, i + n.length];
    }
  } else {
    const m = /\b(?:option|flag|setting|parameter|argument|switch)s?\b/i.exec(text);
    end = m ? m.index + m[0].length : -1;
  }
  return end < 0 ? '' : saidAfter(text, end, requested.modules);
}

/** The clause from a link word past `end` to the end of its sentence, past a place it goes (`effectSaid`). */
function saidAfter(text: string, end: number, modules: string[]): string {
  const sentence =
    /^[^\n;]*?(?=[.!?](?:\s|$)|;|\n|$)/.exec(text.slice(end).replace(/^[`'"]+/, ''))?.[0] ?? '';
  const rest = sentence.replace(KIND, '');
  for (const m of rest.matchAll(LINK)) {
    const tail = rest.slice(m.index).trim();
    const after = rest.slice(m.index + m[0].length);
    // "to the `run` command", "to `tool-x`", "for node": a place or a program, not what it does.
    const next = /^\S+/.exec(after)?.[0] ?? '';
    const word = next.replace(/[`'",:]/g, '');
    const then = /^\S+\s+(\S+)/.exec(after)?.[1] ?? '';
    const place =
      /^(the|a|an|this|its)$/i.test(word) ||
      /^(to|for|that|which|with|in)$/i.test(then) ||
      /^[`'"]/.test(next) ||
      /[-_./]/.test(word) ||
      modules.some((x) => wordsOf(x).join('') === wordsOf(word).join('')) ||
      tail.split(/\s+/).length < 3;
    if (!place) return tail.replace(/[\s,:(]+$/, '');
  }
  return '';
}

/** The runs of words a phrase is made of: content words in a row, broken by a stop or link word. */
function runsOf(says: string): { runs: string[][]; spans: string[][]; said: Map<string, string> } {
  const runs: string[][] = [[]];
  // Each stem as the requirement writes it, to quote a phrase in its own words.
  const said = new Map<string, string>();
  for (const w of wordsOf(says)) if (!said.has(stem(w))) said.set(stem(w), w);
  // A name the requirement writes as code (`--format-options`) is a phrase of its own.
  const spans = [...says.matchAll(/`+([^`]+)`+/g)].map((m) => wordsOf(m[1]!).map(stem));
  for (const token of says.replace(/`+[^`]*`+/g, ' , ').split(/[^A-Za-z0-9]+/)) {
    const w = token.toLowerCase();
    if (!w) continue;
    if (BREAK.has(w) || w.length < 3 || /^\d+$/.test(w)) {
      if (runs.at(-1)!.length) runs.push([]);
      continue;
    }
    // A camel-case or dashed name in prose ("auto-detection") continues the run word by word.
    runs.at(-1)!.push(...wordsOf(token).map(stem));
  }
  const long = (r: string[]) => r.length >= 2;
  return { runs: [...runs, ...spans].filter(long), spans: spans.filter(long), said };
}

/** The longest stretch of a run the name spells in a row: its length and the words. */
function matchOf(name: string[], runs: string[][]): string[] {
  let best: string[] = [];
  for (const run of runs)
    for (let i = 0; i < name.length; i++)
      for (let j = 0; j < run.length; j++) {
        let k = 0;
        while (i + k < name.length && j + k < run.length && name[i + k] === run[j + k]) k++;
        if (k > best.length) best = run.slice(j, j + k);
      }
  return best.length >= 2 ? best : [];
}

const CONSTRUCTORS = /^(new|__init__|constructor|init|default|__new__|setUp)$/;

/** Where a field or constant is used: the first line in a function that is not a constructor. */
function usedIn(
  search: TreeSearch,
  id: string,
  def: { file: string; line: number },
  source: (f: string) => boolean,
) {
  const hits = search
    .lines([id], { word: true, maxPerFile: 40, maxTotal: 200 })
    .filter((h) => source(h.file) && !(h.file === def.file && h.line === def.line))
    // Its own file first: where the value lives is where it is read.
    .sort((a, b) => Number(b.file === def.file) - Number(a.file === def.file));
  for (const h of hits) {
    const text = search.read(h.file);
    if (!text) continue;
    const fn = innermost(outline(text, languageOf(h.file)), h.line, { kind: 'function', header: false });
    if (fn && !CONSTRUCTORS.test(fn.name)) return { ...h, symbol: fn.qualified };
  }
  return null;
}

type Found = EffectPlace & { words: number; whole: boolean; fn: boolean; phrase: string };

/**
 * Where the project already does what `says` names: definitions and files named by a phrase of it, not
 * by `exclude`'s words alone (the requested and the sibling's names).
 */
export function effectPlaces(search: TreeSearch, says: string, exclude: string[]): EffectPlace[] {
  const own = new Set(exclude.map(stem));
  const { runs, spans, said } = runsOf(says);
  const quote = (m: string[]) => m.map((w) => said.get(w) ?? w).join(' ');
  if (!runs.length) return [];
  // A name written as code is the requirement's own: it may be read in many files (no spread limit).
  const named = new Set(spans.map((r) => r.join(' ')));
  const source = (f: string) => roleOf(search, f) === 'source' && Boolean(languageOf(f));
  const needles = new Set<string>();
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  for (const run of runs)
    for (let i = 0; i + 1 < run.length; i++) {
      const [a, b] = [run[i]!, run[i + 1]!];
      if (own.has(a) && own.has(b)) continue;
      needles
        .add(`${a}_${b}`)
        .add(`${a.toUpperCase()}_${b.toUpperCase()}`)
        .add(`${a}${cap(b)}`)
        .add(`${cap(a)}${cap(b)}`);
    }
  if (!needles.size) return [];
  const usable = (ws: string[]) => ws.length >= 2 && ws.some((w) => !own.has(w));
  const found = new Map<string, Found>();
  const spread = new Map<string, Set<string>>();
  for (const h of search.lines([...needles], { maxPerFile: 30, maxTotal: 3000 })) {
    if (!source(h.file)) continue;
    for (const id of new Set(h.text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
      const words = wordsOf(id).map(stem);
      const m = matchOf(words, runs);
      if (!usable(m)) continue;
      const phrase = m.join(' ');
      spread.set(phrase, (spread.get(phrase) ?? new Set()).add(h.file));
      const kind = definedAs(h.text, id);
      const key = `${h.file}\0${id}`;
      if (!kind || found.has(key)) continue;
      found.set(key, {
        file: h.file,
        line: h.line,
        text: h.text.trim(),
        symbol: id,
        why: `\`${id}\` is named for "${quote(m)}"`,
        sure: false,
        words: m.length,
        whole: words.every((w) => m.includes(w) || own.has(w)),
        fn: kind !== 'value',
        phrase,
      });
      if (kind === 'value') {
        const use = usedIn(search, id, h, source);
        if (use)
          found.set(key, {
            ...found.get(key)!,
            file: use.file,
            line: use.line,
            text: use.text.trim(),
            symbol: use.symbol,
            why: `\`${id}\` (${h.file}:${h.line}), named for "${quote(m)}", is used here`,
          });
      }
    }
  }
  // A file named by the phrase (`blank_lines.rs` for "blank lines").
  for (const f of search.inventory.files) {
    if (!source(f.path)) continue;
    const stemName = fileStem(f.path);
    const words = wordsOf(stemName).map(stem);
    const m = matchOf(words, runs);
    if (!usable(m) || !words.every((w) => m.includes(w) || own.has(w))) continue;
    // A definition in it named so already says where.
    if ([...found.values()].some((x) => x.file === f.path)) continue;
    const phrase = m.join(' ');
    spread.set(phrase, (spread.get(phrase) ?? new Set()).add(f.path));
    const first = search.read(f.path)?.split('\n')[0]?.trim() ?? '';
    found.set(`${f.path}\0`, {
      file: f.path,
      line: 1,
      text: first,
      symbol: stemName,
      why: `the file is named for "${quote(m)}"`,
      sure: false,
      words: m.length,
      whole: true,
      fn: true,
      phrase,
    });
  }
  const ranked = [...found.values()]
    .filter((x) => spread.get(x.phrase)!.size <= MAX_SPREAD || (named.has(x.phrase) && x.fn))
    .sort((a, b) => b.words - a.words || Number(b.whole) - Number(a.whole) || Number(b.fn) - Number(a.fn));
  const top = ranked[0];
  if (!top) return [];
  const tied = ranked.filter((x) => x.words === top.words && x.whole === top.whole).length;
  // One place per function: two names of one function are one place.
  const out: EffectPlace[] = [];
  for (const x of ranked) {
    if (out.some((o) => o.file === x.file && o.symbol === x.symbol)) continue;
    const sure = x === top && x.words >= 3 && tied === 1;
    out.push({ file: x.file, line: x.line, text: x.text, symbol: x.symbol, why: x.why, sure });
    if (out.length >= MAX_PLACES) break;
  }
  return out;
}

/** A line of code (not prose) at a function of the project: the innermost function around it, if any. */
function functionAt(search: TreeSearch, file: string, line: number) {
  const text = search.read(file);
  if (!text) return null;
  if (languageOf(file) === 'Python' && stringLines(text.split('\n')).has(line)) return null;
  return innermost(outline(text, languageOf(file)), line, { kind: 'function', header: false }) ?? null;
}

/**
 * The first of `hits` in each function of the project (a line outside any, or in a function `keep` refuses,
 * is left out), in the order met, as places to read (unsure).
 */
function firstPerFunction(
  search: TreeSearch,
  hits: Array<Hit & { why: string }>,
  keep: (fn: { name: string; qualified: string }) => boolean = () => true,
): EffectPlace[] {
  const fns = new Map<string, EffectPlace>();
  for (const h of hits) {
    const fn = functionAt(search, h.file, h.line);
    if (!fn || !keep(fn)) continue;
    const key = `${h.file}\0${fn.qualified}`;
    if (!fns.has(key))
      fns.set(key, {
        file: h.file,
        line: h.line,
        text: h.text.trim(),
        symbol: fn.qualified,
        why: h.why,
        sure: false,
      });
  }
  return [...fns.values()];
}

/** A read of the environment: declared there, and read there too. */
const ENV_READ = /\b(?:environ|getenv|Getenv|env::var(?:_os)?|process\.env|ENV)\b/;
const COMMENTED = /^\s*(?:#|\/\/|\/\*|\*|--)/;

/** Whether a line of a file is prose: a comment's line, or in Python a line inside a triple-quoted string. */
function proseTest(file: string, lines: string[]): (line: number, text: string) => boolean {
  const strings = languageOf(file) === 'Python' ? stringLines(lines) : new Set<number>();
  return (line, text) => COMMENTED.test(text) || strings.has(line);
}

/**
 * Where the code reads a name the requirement writes as code and likens the requested thing to ("an
 * alternative to `TOOL_NO_CACHE`", "like `cache_dir`"): a line that reads it — the name in code, or as the
 * first argument of a call or a subscript (`os.environ.get("X")`, `env::var("X")`, `environ["X"]`), never
 * a help table's row or a registration (an environment read is both) — in the function around it. Sure
 * when every read is in one file and at most two functions and each reads the environment: where the
 * variable is read, an option that stands for it is read too.
 */
function namedReads(
  search: TreeSearch,
  says: string,
  own: Set<string>,
  registered: Set<string>,
): EffectPlace[] {
  const source = sourceOf(search);
  const out: EffectPlace[] = [];
  for (const m of says.matchAll(/`+([^`]+)`+/g)) {
    const name = m[1]!.trim();
    const words = wordsOf(name).map(stem);
    if (!/^[A-Za-z_][\w.:]*$/.test(name) || words.length < 2 || words.every((w) => own.has(w))) continue;
    const e = esc(name);
    const quotedArg = new RegExp(`[\\w\\])]\\s*[([]\\s*[rbf]?(["'])${e}\\1\\s*[,)\\]]`);
    const reads = search
      .lines([name], { word: true, maxPerFile: 20, maxTotal: 200 })
      .filter(
        (h) =>
          source(h.file) &&
          (!registered.has(`${h.file}:${h.line}`) || ENV_READ.test(h.text)) &&
          !COMMENTED.test(h.text),
      )
      .filter((h) => {
        const code = maskStrings(h.text);
        return new RegExp(`(?<![\\w$])${e}(?![\\w$])`).test(code)
          ? !definedAs(h.text.trim(), name)
          : quotedArg.test(h.text);
      });
    const places = firstPerFunction(
      search,
      reads.map((h) => ({ ...h, why: `\`${name}\`, which the request names, is read here` })),
    );
    if (new Set(places.map((p) => p.file)).size > MAX_SPREAD) continue;
    // An environment variable's reads are where an option that stands for it must be read too; a name
    // read elsewhere is a model to read first, not surely the place.
    const sure =
      places.length <= 2 &&
      new Set(places.map((p) => p.file)).size === 1 &&
      places.every((p) => ENV_READ.test(p.text));
    out.push(...places.map((p) => ({ ...p, sure })));
  }
  return out;
}

/** Functions that read one input, at most: more is the project's vocabulary, not a place. */
const MAX_READERS = 6;

/**
 * The requirement's words a function's body says (its identifiers split into words, its strings and its
 * comments), each at most once.
 */
function wordsSaid(
  search: TreeSearch,
  file: string,
  fn: { start_line: number; end_line: number },
  said: string[],
) {
  const body = (search.read(file) ?? '')
    .split('\n')
    .slice(fn.start_line - 1, fn.end_line)
    .join('\n');
  const words = new Set(wordsOf(body));
  return said.filter((w) => [...words].some((b) => akin(w, b)));
}

/**
 * Where the code reads the input the requirement's words act on (a flag that changes how "the URL" is
 * sent: `args.url`): a word of what it does, not of the requested or the sibling's name (or that word in
 * another form: "verbosity", `option.verbose`), read as an attribute of the object the sibling's own value
 * is read from (`args.output` → `args`, `self.args.output` and `config.option.output` too), in the functions
 * around those reads. The functions whose bodies say more of the requirement's words come first (a read of
 * "verbosity" in the function that also writes the "summary" line), then those outside the sibling's files
 * (where it is read is the footprint's). A word read in more functions than a few is the project's
 * vocabulary: only those of its readers that say another of the requirement's words (or of the requested
 * name's past the sibling's) are kept. A write (`opts.x = 1`) is no read. A candidate to read, never sure.
 */
function inputReads(
  search: TreeSearch,
  says: string,
  own: Set<string>,
  sibling: { name: string; lines: Array<{ file: string; text: string }> },
  named: string[] = [],
): EffectPlace[] {
  const words = wordsOf(sibling.name);
  if (!words.length) return [];
  const source = sourceOf(search);
  const receivers = new Set<string>();
  // `--no-x` is read as `x` (`opts.fold_skipped` for `--no-fold-skipped`).
  const target = words.slice(words[0] === 'no' && words.length > 1 ? 1 : 0).map(stem);
  // Each name before a dot, the inner one of a chain too (`config.option.x`: `option`).
  for (const l of sibling.lines)
    for (const m of l.text.matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*(?=([A-Za-z_$][\w$]*))/g)) {
      const words = wordsOf(m[2]!).map(stem);
      if (target.every((w) => words.includes(w)) && !/^(?:self|this|cls)$/.test(m[1]!)) receivers.add(m[1]!);
    }
  if (!receivers.size || receivers.size > 3) return [];
  const said = [...new Set(wordsOf(says.replace(/`+[^`]*`+/g, ' ')))].filter(
    (w) => w.length >= 3 && !BREAK.has(w) && !/^\d+$/.test(w) && !own.has(stem(w)),
  );
  // A body is weighed by the words of what it does and of the requested name past the sibling's
  // (`--force-short-summary` beside `--no-fold-skipped`: "summary").
  const siblingWords = new Set(words.map(stem));
  const weigh = [
    ...new Set([
      ...said,
      ...named.filter((w) => w.length >= 3 && !BREAK.has(w) && !siblingWords.has(stem(w))),
    ]),
  ];
  const footprint = new Set(sibling.lines.map((l) => l.file));
  const found: Array<EffectPlace & { says: number }> = [];
  for (const w of said) {
    // The word's first five letters find its other forms too; `akin` keeps only those.
    const needles = [...receivers].map((r) => `${r}.${w.slice(0, 5)}`);
    const attr = new RegExp(
      `(?<![\\w$])(${[...receivers].map(esc).join('|')})\\s*\\.\\s*([A-Za-z_$][\\w$]*)(?![\\w$]*\\s*(?:\\(|[-+*/|&]?=(?!=)))`,
      'g',
    );
    const reads = search.lines(needles, { maxPerFile: 20, maxTotal: 200 }).flatMap((h) => {
      if (!source(h.file) || COMMENTED.test(h.text)) return [];
      const [, recv, a] =
        [...maskStrings(h.text).matchAll(attr)].find(
          (m) => /^[a-z]+$/i.test(m[2]!) && akin(m[2]!.toLowerCase(), w),
        ) ?? [];
      if (!a) return [];
      return [
        {
          ...h,
          why: `reads \`${recv}.${a}\` ("${w}" in the request) from \`${recv}\`, as \`${sibling.name}\`'s value is read`,
        },
      ];
    });
    let fns = firstPerFunction(search, reads, (fn) => !CONSTRUCTORS.test(fn.name)).map((p) => {
      const also = wordsSaid(search, p.file, functionAt(search, p.file, p.line)!, weigh).filter(
        (x) => !akin(x, w),
      );
      // The other words of the request its body says are the evidence for ranking it: said with it.
      const why = also.length
        ? `${p.why}; its body also says ${also.map((x) => `"${x}"`).join(', ')}`
        : p.why;
      return { ...p, why, says: also.length + 1 };
    });
    if (fns.length > MAX_READERS) fns = fns.filter((f) => f.says >= 2);
    if (!fns.length || fns.length > MAX_READERS) continue;
    for (const f of fns) if (!found.some((o) => o.file === f.file && o.symbol === f.symbol)) found.push(f);
  }
  return found
    .sort((x, y) => y.says - x.says || Number(footprint.has(x.file)) - Number(footprint.has(y.file)))
    .map(({ says: _, ...p }) => p);
}

/** A name whose last word says its value joins parts: the literal it replaces joins them today. */
const JOINER = /^(?:separator|delimiter|sep|delim|joiner|glue)s?$/;
/** A short punctuation string literal: `"_"`, `'.'`, `", "`. */
const PUNCT = `(?:"[-_.:;,|/+~#@>]{1,2} ?"|'[-_.:;,|/+~#@>]{1,2} ?')`;
/** That literal joining two parts: concatenated, handed to a join or split, or between two placeholders. */
const JOINS = [
  new RegExp(`\\+\\s*${PUNCT}|${PUNCT}\\s*\\+`),
  new RegExp(`${PUNCT}\\s*\\.\\s*join\\s*\\(|\\b(?:join|Join|split|Split|concat|Concat)\\s*\\([^)]*${PUNCT}`),
  /(?:\{[^{}\s]*\}|%[sdvq]|\$\{[^}]+\})[-_.:;,|/]\s?(?:\{[^{}\s]*\}|%[sdvq]|\$\{)/,
];

/**
 * Where a separator the request makes configurable is hard-coded today (`--shell-key-separator`: the
 * `"_"` the shell output joins keys with): the requested name ends in a word for a joiner (separator,
 * delimiter), and its other words name the component (source files named for one of them, not more than a
 * few: `shell` → `encoder_shellvariables.go`); there, a short punctuation literal that joins two parts
 * (concatenated, handed to a join or split, or between two placeholders of a format), in the function
 * around it. Sure when every such line lies in one function: the value replaces that literal; else the
 * functions (three at most) are candidates to read.
 */
export function replacedLiterals(search: TreeSearch, requested: Requested): EffectPlace[] {
  const words = wordsOf(requested.name);
  if (!requested.named || words.length < 2 || !JOINER.test(words.at(-1)!)) return [];
  const parts = words.slice(0, -1).filter((w) => w.length >= 3 && !BREAK.has(w));
  const source = sourceOf(search);
  // A part names a file when a word of its name is the part or, for a part of four letters or more,
  // starts with it (`shellvariables`).
  const names = (part: string, file: string) =>
    wordsOf(fileStem(file)).some((w) => stem(w) === stem(part) || (part.length >= 4 && w.startsWith(part)));
  const hits: Array<Hit & { why: string }> = [];
  for (const part of parts) {
    const files = search.inventory.files.map((f) => f.path).filter((f) => source(f) && names(part, f));
    if (!files.length || files.length > MAX_SPREAD) continue;
    for (const file of files) {
      const text = search.read(file);
      if (!text) continue;
      const lines = text.split('\n');
      const prose = proseTest(file, lines);
      lines.forEach((l, i) => {
        if (prose(i + 1, l) || !JOINS.some((re) => re.test(l))) return;
        const literal = new RegExp(PUNCT).exec(l)?.[0] ?? /[-_.:;,|/]/.exec(l)![0];
        hits.push({
          file,
          line: i + 1,
          text: l,
          why: `${literal.startsWith('"') || literal.startsWith("'") ? `the literal \`${literal}\`` : `\`${literal}\` between two placeholders`} joins parts here, in code named for "${part}": the value of \`${requested.name}\` would replace it`,
        });
      });
    }
  }
  // A literal between two parts (`a + "_" + b`, a join) before one at an edge (`"_" + key`: a prefix).
  const between = (t: string) => !JOINS[0]!.test(t) || new RegExp(`\\+\\s*${PUNCT}\\s*\\+`).test(t);
  hits.sort((a, b) => Number(between(b.text)) - Number(between(a.text)));
  const places = firstPerFunction(search, hits);
  if (places.length > MAX_PLACES) return [];
  const sure = places.length === 1 && new Set(hits.map((h) => h.file)).size === 1;
  return places.map((p) => ({ ...p, sure }));
}

/** The requirement asks to stop early: exit, stop or abort on the first failure, or to fail fast. */
const STOP_EARLY =
  /\b(?:exit|exits|stop|stops|abort|aborts|halt|halts|bail|quit)\b[^.;]*\b(?:first|fail\w*|error\w*)\b|\bfail[-_ ]?fast\b/i;
const LOOP = /^\s*(?:(?:async\s+)?for\b|while\b|loop\b)|\.(?:forEach|map|each)\s*\(/;

/**
 * Where a request to stop early (exit on the first failure, fail fast) takes effect: the loop that runs the
 * work item by item — the function that calls, inside a `for`/`while` loop, the function where the
 * sibling's value is read (`for docname in …: self.test_doc(…)`). A candidate to read, never sure.
 */
function stopLoops(
  search: TreeSearch,
  said: string,
  sibling: string,
  lines: Array<{ file: string; symbol?: string }>,
): EffectPlace[] {
  if (!STOP_EARLY.test(said)) return [];
  const source = sourceOf(search);
  const callees = [
    ...new Set(lines.filter((l) => source(l.file)).map((l) => l.symbol?.split('.').pop() ?? '')),
  ].filter((n) => n.length > 2 && !CONSTRUCTORS.test(n));
  const out: EffectPlace[] = [];
  for (const callee of callees.slice(0, 4)) {
    const call = new RegExp(`(?<![\\w$])${esc(callee)}\\s*\\(`);
    for (const h of search.lines([callee], { word: true, maxPerFile: 10, maxTotal: 60 })) {
      if (!source(h.file) || !call.test(maskStrings(h.text)) || definedAs(h.text.trim(), callee)) continue;
      const fn = functionAt(search, h.file, h.line);
      if (!fn || fn.name === callee) continue;
      const text = search.read(h.file)!.split('\n');
      const indent = (l: string) => l.length - l.trimStart().length;
      const loop = text
        .slice(fn.start_line, h.line - 1)
        .findLast((l) => LOOP.test(l) && indent(l) < indent(h.text));
      if (!loop || out.some((o) => o.file === h.file && o.symbol === fn.qualified)) continue;
      out.push({
        file: h.file,
        line: h.line,
        text: h.text.trim(),
        symbol: fn.qualified,
        why: `calls \`${callee}\` (where \`${sibling}\` is read) once per item of \`${loop.trim().replace(/:$/, '')}\`: the loop a stop would end`,
        sure: false,
      });
    }
  }
  return out.length > 2 ? [] : out;
}

/**
 * Words whose counterpart is the other way of one call: a switch for one asks the call the code makes of
 * the other (`--prepend` where the command calls `userpath.append(…)`). Each pair both ways.
 */
const COUNTERPARTS: Array<[string, string]> = [
  ['prepend', 'append'],
  ['before', 'after'],
  ['first', 'last'],
  ['include', 'exclude'],
  ['enable', 'disable'],
  ['start', 'end'],
  ['head', 'tail'],
  ['show', 'hide'],
  ['allow', 'deny'],
  ['upper', 'lower'],
  ['ascend', 'descend'],
];
const COUNTERPART = new Map<string, string>();
for (const [a, b] of COUNTERPARTS) COUNTERPART.set(a, b).set(b, a);

/**
 * Where a switch whose word is the counterpart of a call the command makes takes effect: `--prepend` where
 * the code that reads the sibling calls `userpath.append(…)`, `--last` where it calls `first(…)`. Looked for
 * in the functions of the sibling's code lines (where the command's own value is read) and the command's
 * module's entry, and in the functions of their files they call; only calls of a module or of a function named with more than the counterpart word (not a local
 * collection's `.append`).
 * Sure when one call is found: that call is what the switch changes.
 */
export function counterpartCalls(
  search: TreeSearch,
  requested: Requested,
  functions: Array<{ file: string; symbol?: string }>,
): EffectPlace[] {
  if (!requested.named || requested.takes === 'one' || requested.takes === 'many') return [];
  const pairs = wordsOf(requested.name)
    .map((w) => [w, COUNTERPART.get(w) ?? COUNTERPART.get(stem(w))] as const)
    .filter((p): p is readonly [string, string] => Boolean(p[1]));
  if (!pairs.length) return [];
  const source = sourceOf(search);
  const seen = new Set<string>();
  const hits: Array<Hit & { why: string }> = [];
  // Each function, then the functions of its file it calls (one hop: `link_all` hands each folder to
  // `link_one`, which makes the call).
  const queue = functions.map((f) => ({ ...f, hop: 0 }));
  for (let q = queue.shift(); q; q = queue.shift()) {
    const { file, symbol, hop } = q;
    if (!symbol || !source(file) || seen.has(`${file}\0${symbol}`)) continue;
    seen.add(`${file}\0${symbol}`);
    const text = search.read(file);
    if (!text) continue;
    const fns = outline(text, languageOf(file)).filter((i) => i.kind === 'function');
    const fn = fns.find((i) => i.qualified === symbol);
    if (!fn) continue;
    const lines = text.split('\n');
    const body = lines.slice(fn.start_line - 1, fn.end_line);
    if (hop === 0)
      for (const other of fns)
        if (
          other !== fn &&
          new RegExp(`(?<![\\w$])${esc(other.name)}\\s*\\(`).test(maskStrings(body.slice(1).join('\n')))
        )
          queue.push({ file, symbol: other.qualified, hop: 1 });
    const prose = proseTest(file, lines);
    body.forEach((l, k) => {
      const line = fn.start_line + k;
      if (k === 0 || prose(line, l)) return;
      for (const m of maskStrings(l).matchAll(
        /(?<![\w$])((?:[A-Za-z_$][\w$]*\s*(?:\.|::)\s*)*)([A-Za-z_$][\w$]*)\s*\(/g,
      )) {
        const callee = m[2]!;
        const words = wordsOf(callee);
        const pair = pairs.find(([, other]) => words.some((w) => w === other || stem(w) === stem(other)));
        if (!pair || definedAs(l.trim(), callee)) continue;
        // A call the command makes of a module (`userpath.append`, `paths::prepend`) or of a function whose
        // name says more than the word (`append_to_path`): never a value's method (`self.seen.append(x)`,
        // `.iter().last()`), a type's (`Iface::show()`), nor a bare builtin (Go's `append`).
        const receiver = m[1]!.replace(/\s+/g, '');
        // A Rust path's head is a module (`paths::prepend`), not a type (`Iface::show()`, a constructor).
        const module = receiver.endsWith('::')
          ? /^[a-z_][a-z0-9_]*::/.test(receiver)
          : isImported(file, lines, receiver.replace(/\.$/, ''));
        if (receiver ? !module : words.length < 2) continue;
        const call = `${receiver}${callee}`;
        // The call the switch makes instead (`userpath.prepend`), and the check that decides whether the
        // call runs at all (an early exit before it, the `if` around it): part of the place.
        const other = callee.replace(new RegExp(pair[1], 'i'), (w) =>
          w[0] === w[0]!.toUpperCase() ? pair[0][0]!.toUpperCase() + pair[0].slice(1) : pair[0],
        );
        const instead = other !== callee ? `, \`${receiver}${other}(…)\` the other way` : '';
        const guard = guardOf(lines, fn.start_line, line);
        const checked = guard
          ? guard.exits
            ? `; after the early exit \`${guard.text}\` (line ${guard.line})`
            : `; made only under \`${guard.text}\` (line ${guard.line})`
          : '';
        hits.push({
          file,
          line,
          text: l,
          why: `\`${call}(…)\` is the counterpart of "${pair[0]}" in \`${requested.name}\`: the switch takes effect where this call is made${instead}${checked}`,
        });
      }
    });
  }
  const places = firstPerFunction(search, hits);
  const sure = hits.length === 1;
  return places.slice(0, MAX_PLACES).map((p) => ({ ...p, sure }));
}

/** The functions a command library calls to run a command's module (yargs `exports.handler`, cobra `Run`). */
const ENTRY = /^(?:handler|handle|run|execute|main|action|invoke|Run|RunE|Execute|Handle)$/;

/**
 * The module of a command the requirement writes with its program (`nyc instrument`, `pipx ensurepath`),
 * where the command's work is done: the one source file named after the command (its name's words
 * joined are the command's: `instrument.js`, `ensure_path.py`; under a folder of commands where several
 * are). Its place is the function the dispatch hands the command to (called within three lines after a
 * line of another file that quotes the command's name: `== "ensurepath"` then `ensure_pipx_paths(`), else
 * the entry a command library calls (`handler`, `run`). Sure: the requirement names the command and the
 * file is named for it. None when no function says where.
 */
export function commandModule(search: TreeSearch, lines: string[], says = ''): EffectPlace | null {
  const source = sourceOf(search);
  const flat = (s: string) => wordsOf(s).join('');
  for (const line of lines) {
    const command = line.split(' ').slice(1).at(-1);
    if (!command) continue;
    const named = search.inventory.files
      .map((f) => f.path)
      .filter((f) => source(f) && flat(fileStem(f)) === flat(command));
    const listed =
      named.length === 1 ? named : named.filter((f) => /(?:^|\/)(?:sub)?(?:commands?|cmds?)\//i.test(f));
    const file = listed.length === 1 ? listed[0]! : null;
    const text = file && search.read(file);
    if (!file || !text) continue;
    const fns = outline(text, languageOf(file)).filter(
      (i) => i.kind === 'function' && !i.qualified.includes('.'),
    );
    const quotes = new RegExp(`(["'\`])${esc(command)}\\1`);
    const dispatched = fns.find((fn) =>
      search.lines([fn.name], { word: true, maxPerFile: 10, maxTotal: 60 }).some((h) => {
        if (
          h.file === file ||
          !source(h.file) ||
          !new RegExp(`(?<![\\w$])${esc(fn.name)}\\s*\\(`).test(h.text)
        )
          return false;
        const before = search
          .read(h.file)!
          .split('\n')
          .slice(Math.max(0, h.line - 4), h.line - 1);
        return before.some((l) => quotes.test(l));
      }),
    );
    const fn = dispatched ?? fns.find((f) => ENTRY.test(f.name));
    if (!fn) continue;
    // A check there that refuses what the request asks today ("cannot … in place"): the change must let it pass.
    const all = text.split('\n');
    const refusal = says ? refusalOf(all, fn.start_line, fn.end_line, says, wordsOf(line)) : null;
    return {
      file,
      line: fn.start_line,
      text: all[fn.start_line - 1]!.trim(),
      symbol: fn.qualified,
      why: `\`${fn.name}\` ${dispatched ? `is what \`${command}\` is dispatched to` : 'runs the command'} in ${file}, the module named for \`${line}\`, the command the request names${refusal ? `; its check \`${refusal.text}\` (line ${refusal.line}) refuses it today ("${refusal.message}"): the change must let it pass` : ''}`,
      sure: true,
    };
  }
  return null;
}

/**
 * A requirement that names no thing but a command it changes ("allow `tool sub` to …"): the command's
 * words for what it should do, and its module (`commandModule`).
 */
export function commandEffect(search: TreeSearch, requirement: string): Effect | null {
  const lines = commandLines(requirement);
  const says = lines[0] ? saidAfter(requirement, lines[0].end, []) || lines[0].line : '';
  const at = commandModule(
    search,
    lines.map((l) => l.line),
    says,
  );
  if (!at) return null;
  return { says, at: [at] };
}

/** Commit types written before a colon ("feat:", "fix(cli):"): a kind of change, not a module. */
const COMMIT_TYPE =
  /^(?:feat|feature|features|fix|fixes|fixed|bugfix|hotfix|bug|chore|docs?|refactor|perf|tests?|build|ci|style|revert|add|added|adds|new|enh|enhancement|improvement|improve|change|changed|update|updated|release|breaking|wip|tada|sparkles|minor|major|patch|misc|deps)$/i;
/** Files that make a folder a package, never the module a scope names. */
const PACKAGE_FILE = /^(?:__init__|mod|index|lib|main)$/;

/**
 * The module a commit-style scope names ("stream.segmented: add --x", "feat(session.http): …"): the scope
 * is where the change lives, by the convention of commit titles. A dotted or slashed scope `a.b` is the
 * one source module at a path ending `a/b` (or `a/b/b`, a package with a module of its name); its stub
 * (`.pyi`) beside it too. A one-word scope is a file of that name only where no folder has it: a package
 * name ("stream:") spans many modules and says no one place, and a role word ("cli:", "config:") an area of
 * the program. None when the scope is a commit type or names no single module. Sure: the request wrote it.
 */
export function scopeModule(search: TreeSearch, requirement: string, requested?: Requested): EffectPlace[] {
  const m = /^\s*(?:[A-Za-z]+\(([\w./:-]+)\)|([\w./:-]+))!?:\s+\S/.exec(requirement);
  const scope = (m?.[1] ?? m?.[2])?.replace(/\.(?:py|rs|go|js|ts|rb)$/, '');
  if (!scope) return [];
  const segs = scope
    .toLowerCase()
    .split(/[./:]+/)
    .filter(Boolean);
  if (!segs.length || segs.some((x) => COMMIT_TYPE.test(x) || !/^[a-z_][\w-]*$/.test(x))) return [];
  // A one-word scope that says a role (`cli`, `config`, `core`) names an area of the program, the way
  // commit titles use it ("feat(cli): …" for any command-line change), not the one module of that name.
  if (segs.length === 1 && ROLE_MODULE.test(segs[0]!)) return [];
  const source = sourceOf(search);
  const tail = segs.join('/');
  const last = segs[segs.length - 1]!;
  // A package's own file (`__init__`, `mod`, `index`) is never the module a scope names.
  if (PACKAGE_FILE.test(last)) return [];
  const files = search.inventory.files.map((f) => f.path).filter(source);
  const stemOf = (f: string) => f.replace(/\.\w+$/, '').toLowerCase();
  if (segs.length === 1 && files.some((f) => f.toLowerCase().split('/').slice(0, -1).includes(last)))
    return [];
  const named = files.filter((f) => {
    const s = stemOf(f);
    const ends = (t: string) => s === t || s.endsWith(`/${t}`);
    return ends(tail) || (segs.length > 1 && ends(`${tail}/${last}`));
  });
  // One module: its files share a folder and a name (`http.py` and its stub `http.pyi`).
  if (!named.length || new Set(named.map(stemOf)).size !== 1) return [];
  const own = new Set(
    (requested?.named ? wordsOf(requested.name) : []).filter((w) => !segs.includes(w)).map(stem),
  );
  return named.map((file) => {
    const text = search.read(file) ?? '';
    const items = outline(text, languageOf(file)).filter((i) => i.kind === 'function' || i.kind === 'class');
    const matched = items.find((i) => wordsOf(i.name).some((w) => own.has(stem(w))));
    const item = matched ?? items.find((i) => i.kind === 'class') ?? items[0];
    const line = item?.start_line ?? 1;
    return {
      file,
      line,
      text: (text.split('\n')[line - 1] ?? '').trim(),
      symbol: item?.qualified ?? last,
      why: `${file} is the module the request's scope \`${scope}\` names (a commit title's "${scope}:" says where the change lives)${matched ? `; \`${item!.name}\` shares a word of the name` : '; where in it is not said'}`,
      sure: true,
    };
  });
}

/** Module names that say a role in the program, never what a request acts on. */
const ROLE_MODULE =
  /^(?:mod|index|main|lib|init|__init__|__main__|utils?|util|helpers?|common|types?|config|cli|args|options|settings|core|base|app|error|errors|constants?)$/;

/**
 * The module of the object the request acts on ("hide the token from the repository URL": `url.rs`): a
 * source file named by one word of what it does (not of the requested or the sibling's name, nor a
 * module name that says a role, `utils`, `config`), the only file of that name, lying in a folder where
 * the sibling's value is read (the modules it is handed to) but not itself of the footprint. In it, the
 * function whose name says another word of the request (`remove_token_from_url`: "token"), else one a
 * footprint file calls. Given only when both hold — the module is where the value is handed already, and a
 * function there does what the request says — and no other word names such a module; never as a candidate.
 */
export function objectModules(
  search: TreeSearch,
  says: string,
  own: Set<string>,
  lines: NonNullable<EffectContext['lines']>,
): EffectPlace[] {
  const source = sourceOf(search);
  const dirOf = (f: string) => f.slice(0, f.lastIndexOf('/') + 1);
  const footprint = new Set(lines.map((l) => l.file).filter(source));
  const dirs = new Set([...footprint].map(dirOf));
  if (!dirs.size) return [];
  const words = [...new Set(wordsOf(says.replace(/`+[^`]*`+/g, ' ')))].filter(
    (w) => w.length >= 3 && !BREAK.has(w) && !/^\d+$/.test(w) && !own.has(stem(w)),
  );
  if (!words.length) return [];
  // The source files by the stem of their name (role modules left out), read once for every word.
  const byStem = new Map<string, string[]>();
  for (const { path: f } of search.inventory.files) {
    const base = fileStem(f).toLowerCase();
    if (!source(f) || ROLE_MODULE.test(base)) continue;
    const key = stem(base);
    byStem.set(key, [...(byStem.get(key) ?? []), f]);
  }
  const out: EffectPlace[] = [];
  for (const w of words) {
    const named = byStem.get(stem(w)) ?? [];
    if (named.length !== 1) continue;
    const file = named[0]!;
    if (footprint.has(file) || !dirs.has(dirOf(file))) continue;
    const text = search.read(file);
    if (!text) continue;
    const fns = outline(text, languageOf(file)).filter(
      (i) => i.kind === 'function' && !CONSTRUCTORS.test(i.name) && !/^test/i.test(i.name),
    );
    const others = words.filter((x) => x !== w);
    const saying = fns
      .map((fn) => ({ fn, n: wordsOf(fn.name).filter((x) => x !== w && others.some((o) => akin(o, x))) }))
      .filter((x) => x.n.length > 0)
      .sort((a, b) => b.n.length - a.n.length);
    const calls = (name: string) => new RegExp(`(?<![\\w$])${esc(name)}\\s*\\(`);
    const called = fns.filter((fn) => [...footprint].some((f) => calls(fn.name).test(search.read(f) ?? '')));
    const top = saying[0]?.fn ?? called[0];
    const sure = Boolean(saying.length && called.length);
    const why = `the module named for "${w}", which the request acts on, beside where \`${[...footprint][0]}\` reads the sibling's value`;
    out.push({
      file,
      line: top?.start_line ?? 1,
      text: (top ? text.split('\n')[top.start_line - 1] : text.split('\n')[0])?.trim() ?? '',
      symbol: top?.qualified ?? fileStem(file),
      why: `${why}${saying[0] ? `; \`${saying[0].fn.name}\` says "${saying[0].n.join('", "')}" too` : ''}${called.length ? `; the footprint calls \`${called[0]!.name}\` there` : ''}`,
      sure,
    });
  }
  // Unsure, a module named by one word is the word's ordinary use (`request.go` for "HTTP request
  // timeouts"): no candidate at all, only the sure place.
  return out.length === 1 ? out.filter((p) => p.sure) : [];
}

const sourceOf = (search: TreeSearch) => (f: string) =>
  roleOf(search, f) === 'source' && Boolean(languageOf(f));

/** What the sibling is and where the analysis found it, for the places its effect is read from. */
export interface EffectContext {
  sibling?: string;
  /** The sibling's footprint lines (code), with the function each lies in. */
  lines?: Array<{ file: string; line?: number; text: string; symbol?: string }>;
  /** Lines that register a declaration: a name there is declared, not read. */
  registered?: Array<{ file: string; line: number }>;
}

/** The effect of a requested thing: the requirement's words, and where the project already does that. */
export function effectOf(
  search: TreeSearch,
  requirement: string,
  requested: Requested,
  context: EffectContext = {},
): Effect | null {
  // A requirement that says nothing past the name: the name says what it does (`autodoc_use_type_comments`:
  // "type comments"); code named by a phrase of it, past the sibling's words, is a candidate to read, never
  // sure (the name alone is thin evidence).
  const name = requested.named ? `\`${requested.name.replace(/^-+/, '')}\`` : '';
  const says = effectSaid(requirement, requested) || name;
  if (!says) return null;
  const sibling = wordsOf(context.sibling ?? '');
  const exclude = [...(requested.named ? requested.words : []), ...sibling];
  const own = new Set(exclude.map(stem));
  const registered = new Set((context.registered ?? []).map((d) => `${d.file}:${d.line}`));
  const at: EffectPlace[] = [];
  // Places found by the request's words alone (a phrase, a library's member, an input's name): a candidate
  // to read only while no place is sure. Beside a sure place they are words the code happens to share
  // (`args.json` and serde's formatter beside the formatter's `indent`), not another place to edit.
  const byWords = new Set<EffectPlace>();
  const add = (places: EffectPlace[], words = false) => {
    for (const p of places)
      if (!at.some((o) => o.file === p.file && o.symbol === p.symbol)) {
        at.push(p);
        if (words) byWords.add(p);
      }
  };
  // The module of the command it goes on, where the footprint does not reach it.
  const command = commandModule(
    search,
    requested.modules.filter((m) => m.includes(' ')),
    says === name ? '' : says,
  );
  // The call a switch's counterpart word names first: it is where in that module the switch acts.
  add(
    counterpartCalls(search, requested, [
      ...(context.lines ?? []),
      ...(command ? [{ file: command.file, symbol: command.symbol }] : []),
    ]),
  );
  if (command && !context.lines?.some((l) => l.file === command.file)) add([command]);
  // The module a commit-style scope names, where the footprint does not reach it.
  add(
    scopeModule(search, requirement, requested).filter((p) => !context.lines?.some((l) => l.file === p.file)),
  );
  add(namedReads(search, says, own, registered));
  add(replacedLiterals(search, requested));
  // A library object the project sets by a word of the request (`encoder.SetIndent(…)` for "indentation"):
  // where the library does the work, whatever the project's own names there.
  const kind = new Set([...STOP, ...HEDGE_AND_KIND_WORDS]);
  add(
    librarySettings(
      search,
      [...(requested.named ? wordsOf(requested.name) : []), ...wordsOf(says)].filter(
        (w) => !kind.has(w) && !sibling.some((s) => akin(s, w)),
      ),
      [...(requested.named ? wordsOf(requested.name) : []), ...wordsOf(says)].filter((w) => !kind.has(w)),
    ),
    true,
  );
  if (says !== name) add(effectPlaces(search, says, exclude), true);
  else
    add(
      effectPlaces(search, name, sibling).map((p) => ({ ...p, sure: false })),
      true,
    );
  if (says !== name && context.lines?.length) add(objectModules(search, says, own, context.lines));
  if (context.sibling) {
    add(
      inputReads(
        search,
        says,
        own,
        { name: context.sibling, lines: context.lines ?? [] },
        requested.named ? wordsOf(requested.name) : [],
      ),
      true,
    );
    add(stopLoops(search, `${requested.name} ${says}`, context.sibling, context.lines ?? []));
  }
  const first = at.slice(0, MAX_PLACES);
  const kept = first.some((p) => p.sure)
    ? at.filter((p) => p.sure || !byWords.has(p)).slice(0, MAX_PLACES)
    : first;
  if (says !== name) return { says, at: kept };
  return kept.length ? { says: requested.name, at: kept } : null;
}
