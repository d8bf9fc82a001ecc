/**
 * Reading the code around the sibling: which lines that spell its name really use the project's own
 * identifier for it, and where its value goes once parsed.
 *
 * - **Library vocabulary.** A one-word name is also a word of the libraries the project calls: clap's
 *   `.hidden(true)`, click's `hidden=True`, a yargs `{ hidden: true }`, the walker's `.hidden(x)`. Such a
 *   line is no use of the option. A weak form (`.x`, `x=`, `x:`) inside the statement that registers a
 *   declaration (its call, keyword arguments, options object and builder chain) is the registering
 *   library's keyword; a method call `.x(` is a use only when the project defines a function or method
 *   named `x` itself.
 * - **Carriers.** The parsed value is assigned somewhere: a struct field (`ignore_hidden: !matches
 *   .is_present("hidden")`), an attribute (`self.show_all = args.all`), a keyword argument
 *   (`Options(max_depth=args.depth)`), an options object key (`inlineDiffs: argv['inline-diffs']`). The
 *   left side is the field that carries the value through the program; its declaration and its reads are
 *   where a new option's value is carried and read too.
 * - **Locals and parameters** (`carriedThrough`). The value also travels under other names: a local bound
 *   from the read (`let quiet = m.get_flag("quiet")`, `depth = args.max_depth`, `const { diff } = opts`),
 *   the parameter of the project's function it is passed to (by position, by keyword, or a dict forwarded
 *   with `**` to the parameter named as the sibling), a method a guarded block calls to turn it on. Two
 *   hops at most, each cited at the line that binds it; a one-word field only on its carrier.
 */

import { outline } from '../explore/outline.js';
import { callArgs, stringValue } from './call-args.js';
import {
  definedAs,
  definesFunction,
  esc,
  innermost,
  lineStarts,
  maskStrings,
  parametersAt,
  stringRanges,
} from './code-shape.js';
import { stringLines } from './lines.js';
import type { Hit, TreeSearch } from './search.js';
import { contains } from './search.js';
import { wordsOf } from './words.js';

const OPEN = '([{';
const CLOSE = ')]}';

/** The offset of the bracket that closes the one at `open`, in masked text; -1 if none within `limit`. */
function closing(masked: string, open: number, limit = 20_000): number {
  let depth = 0;
  for (let k = open; k < masked.length && k < open + limit; k++) {
    const c = masked[k]!;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) return k;
  }
  return -1;
}

/**
 * The lines (1-based, inclusive) of the statement that registers the declaration written at `line`: the
 * innermost call around the name (`add_argument(`, `click.option(`, `.option(`, `Arg::with_name(`) and the
 * builder chain that follows it (`.long("x").hidden(true)`), stopping at a call that takes a function (a
 * commander `.action(…)` is where the program reads its options, not where it registers them). A name that
 * no call encloses (a struct field under a derive attribute) is its own line.
 */
export function registrationSpan(text: string, masked: string, line: number, name = ''): [number, number] {
  const starts = lineStarts(text);
  const from = starts[line - 1] ?? 0;
  const lineText = masked.slice(from, starts[line] ?? masked.length);
  // Start where the name is written (else at the line's first character): the call around it is the
  // registration (`Arg::with_name("x")`, not the `.arg(` that holds every option of the program).
  const bare = name.replace(/^-+/, '');
  const written = bare ? text.slice(from, starts[line] ?? text.length).indexOf(bare) : -1;
  const name_ = from + (written >= 0 ? written : Math.max(0, lineText.search(/\S/)));
  let open = -1;
  let depth = 0;
  for (let k = name_ - 1; k >= 0 && k > name_ - 1200; k--) {
    const c = masked[k]!;
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth > 0) depth--;
      else {
        if (c === '(') open = k;
        break;
      }
    } else if (c === ';' && depth === 0) break;
  }
  // The call may open on the name's own line (`.arg(Arg::with_name("x")`).
  if (open < 0) {
    const own = /\(/.exec(lineText);
    if (own) open = from + own.index;
  }
  if (open < 0) return [line, line];
  let end = closing(masked, open);
  if (end < 0) return [line, line];
  // A builder chain: `.long("x")`, `.hidden(true)`, … — while the calls take no function.
  for (let links = 0; links < 40; links++) {
    const next = /^\s*\.\s*[A-Za-z_]\w*\s*\(/.exec(masked.slice(end + 1, end + 400));
    if (!next) break;
    const o = end + next[0].length;
    const e = closing(masked, o);
    if (e < 0) break;
    const args = masked.slice(o, e);
    if (/=>|\bfunction\b|\|\s*\w*\s*\||\blambda\b/.test(args)) break;
    end = e;
  }
  const lineOf = (off: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return [Math.min(line, lineOf(open)), Math.max(line, lineOf(end))];
}

/** A weak form of `w` on this line is a method call: `.w(`. */
export function isMethodCall(text: string, w: string): boolean {
  const e = esc(w);
  return new RegExp(`\\.${e}\\s*\\(`).test(text) && !new RegExp(`\\.${e}\\b(?!\\s*\\()`).test(text);
}

/**
 * Keys that are a registering library's own vocabulary, or too generic to be the field that carries a
 * value (`help: …`, `default=…`, `value: x`).
 */
const NOT_CARRIER = new Set([
  'help',
  'type',
  'default',
  'defaults',
  'action',
  'dest',
  'description',
  'desc',
  'describe',
  'alias',
  'aliases',
  'long',
  'short',
  'name',
  'names',
  'value',
  'values',
  'key',
  'choices',
  'metavar',
  'nargs',
  'required',
  'hidden',
  'args',
  'kwargs',
  'options',
  'opts',
  'config',
  'settings',
  'self',
  'this',
  'return',
  'case',
  'if',
  'else',
  'let',
  'const',
  'var',
  'mut',
  'pub',
  'true',
  'false',
  'none',
  'null',
  'result',
  'res',
  'ok',
  'err',
  'e',
  'x',
  'i',
  'k',
  'v',
]);

const TYPE_LIKE =
  /^&?(?:'\w+\s+)?(?:mut\s+)?(?:[A-Z]\w*|bool|str|string|int|float|[ui](?:8|16|32|64|128|size)|f32|f64|number|boolean|any|char)\b[\w:<>[\]&', ]*[,;]?$/;

/**
 * The field a line assigns the sibling's value to, if it does: the left side of a struct field init or
 * object key (`field: …`), an attribute assignment (`obj.field = …`), a keyword argument (`field=…`) or a
 * quoted settings key (`'field': …`), when the right side names the sibling (`id`). Null for anything else,
 * and for a left side that is the sibling's own name or a generic word.
 */
export function carrierOf(
  text: string,
  id: string,
  contains: (s: string, n: string) => boolean,
  sameName = false,
): string | null {
  const t = text.trim();
  if (/^(#|\/\/|\/\*|\*)/.test(t)) return null;
  const forms = [
    // A struct field init or an object key on its own line: `skip_hidden: !m.is_present("hidden"),`.
    /^(?:pub(?:\([^)]*\))?\s+)?([A-Za-z_]\w*)\s*:(?!:)\s*(.+)$/g,
    // A quoted settings key: `'skip_hidden': args.hidden,`.
    /^['"]([A-Za-z_]\w*)['"]\s*:\s*(.+)$/g,
    // An attribute assignment: `self.skip_hidden = not args.hidden`, `opts.SkipHidden = *hidden`,
    // `this.options.skipHidden = on`.
    /(?:^|[\s(,;{])(?:self|this|[A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*\.([A-Za-z_]\w*)\s*=(?![=>])\s*(.+)$/g,
    // A keyword argument or an object key inside a call or a literal: `Report(include_hidden=hidden)`,
    // `{ showHidden: argv.hidden }`.
    /(?:^|[(,{]\s*)([A-Za-z_]\w*)=(?![=>])\s*([^,()]+)/g,
    /(?:[{,]\s*)([A-Za-z_]\w*)\s*:(?!:)\s*([^,}]+)/g,
  ];
  for (const re of forms)
    for (const m of t.matchAll(re)) {
      const field = m[1]!;
      const rhs = m[2]!;
      if (!contains(rhs, id)) continue;
      if ((field === id && !sameName) || NOT_CARRIER.has(field.toLowerCase()) || field.length < 3)
        return null;
      // A type annotation (`field: bool`, `field: Option<String>,`) carries nothing.
      if (TYPE_LIKE.test(rhs.trim())) return null;
      return field;
    }
  return null;
}

interface Read {
  text: string;
  masked: string;
  starts: number[];
  strings: Array<[number, number]>;
  spans: Map<string, [number, number]>;
}

/**
 * One file's reading, kept per analysis: its masked text, its string literals, and the registration span
 * of each declaration written in it.
 */
export class CodeReader {
  private cache = new Map<string, Read | null>();

  constructor(private readonly read: (path: string) => string | null) {}

  private of(path: string): Read | null {
    if (!this.cache.has(path)) {
      const text = this.read(path);
      this.cache.set(
        path,
        text === null
          ? null
          : {
              text,
              masked: maskStrings(text),
              starts: lineStarts(text),
              strings: stringRanges(text),
              spans: new Map(),
            },
      );
    }
    return this.cache.get(path)!;
  }

  /** The registration span of a declaration whose `name` is written at `line` of `path`. */
  span(path: string, line: number, name = ''): [number, number] {
    const r = this.of(path);
    if (!r) return [line, line];
    const key = `${line}\0${name}`;
    let s = r.spans.get(key);
    if (!s) {
      s = registrationSpan(r.text, r.masked, line, name);
      r.spans.set(key, s);
    }
    return s;
  }

  /** Whether `line` lies in the registration statement of one of these declarations (line and name). */
  inRegistration(path: string, line: number, declared: Array<{ line: number; name: string }>): boolean {
    return declared.some((d) => {
      const [a, b] = this.span(path, d.line, d.name);
      return a <= line && line <= b;
    });
  }

  /**
   * Whether every occurrence of `id` on `line` is inside a string literal of prose (one with a space in
   * it: a help text that mentions the option, not the option's name as a value).
   */
  /**
   * Whether every occurrence of `id` on `line` is inside a sentence: a string literal with two plain
   * words or more (an error message, a help text: "cannot use --hidden here"), not a list of options
   * (`"-H --hidden --no-ignore"`) nor the name as a value.
   */
  onlyInSentence(path: string, line: number, id: string): boolean {
    return this.onlyInProse(
      path,
      line,
      id,
      (inner) => inner.split(/\s+/).filter((w) => /^[A-Za-z][a-z]+[.,:;!?]?$/.test(w)).length >= 2,
    );
  }

  onlyInProse(path: string, line: number, id: string, prose = (inner: string) => /\s/.test(inner)): boolean {
    const r = this.of(path);
    if (!r) return false;
    const from = r.starts[line - 1] ?? 0;
    const to = r.starts[line] ?? r.text.length;
    const lineText = r.text.slice(from, to);
    let any = false;
    for (let k = lineText.indexOf(id); k >= 0; k = lineText.indexOf(id, k + 1)) {
      any = true;
      const at = from + k;
      const lit = r.strings.find(([a, b]) => a <= at && at < b);
      if (!lit || !prose(r.text.slice(lit[0] + 1, lit[1] - 1))) return false;
    }
    return any;
  }
}

// ---- Where the value goes: fields, locals and parameters --------------------------------------------

/** A line the sibling's value reaches, the name it is carried by there, and the line that put it there. */
export interface Carried extends Hit {
  id: string;
  field: string;
  from: Hit;
  why: string;
}

/** What a name carrying the value is: a local or a parameter (followed in its scope) or a field. */
interface Held {
  name: string;
  file: string;
  /** The line that put the value into it (cited). */
  from: Hit;
  /** Hops from the sibling's own line: a name at 2 is listed, not followed further. */
  depth: number;
  how: string;
}

/** A field that carries the value, with the receivers it is read through. */
interface Field {
  name: string;
  from: Hit;
  /** The variables or attributes holding the object (`config`, `opts`); empty when only a type is known. */
  receivers: string[];
  /** The struct or class that declares it (`Config`), when the assignment names it. */
  type?: string;
  how: string;
}

const COMMENT = /^\s*(#|\/\/|\/\*|\*|:param\b|:type\b|@param\b)/;
/** Keywords and calls of the languages themselves: a value passed to them is no hop into the project. */
const NOT_CALLEE = new Set([
  'if',
  'while',
  'for',
  'match',
  'return',
  'switch',
  'catch',
  'with',
  'elif',
  'not',
  'and',
  'or',
  'in',
]);

/**
 * A local bound from an expression that names `id`: `let quiet = matches.get_flag("quiet");`, `const
 * diffs = argv.diff`, `x = args.foo`, `depth := opts.depth`, and a destructured options object `const {
 * diff } = opts` (the pattern names it). `statement` says the line is a statement (no bracket around it),
 * so a keyword argument on its own line (`quiet=args.quiet,`) is no binding. Generic words (`config`,
 * `options`, `args`) are not followed: they hold every option.
 */
export function bindingOf(
  text: string,
  id: string,
  contains: (s: string, n: string) => boolean,
  statement = true,
): string | null {
  const t = text.trim();
  if (COMMENT.test(t)) return null;
  const destructured = /^(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(.+)$/.exec(t);
  if (destructured) {
    for (const part of destructured[1]!.split(',')) {
      const m = /^\s*([A-Za-z_$][\w$]*)\s*(?::\s*([A-Za-z_$][\w$]*))?\s*(?:=.*)?$/.exec(part);
      if (m && m[1] === id) return usable(m[2] ?? m[1]!);
    }
    return null;
  }
  const declared = /^(?:let|const|var)\s+(?:mut\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=(?![=>])\s*(.+)$/.exec(
    t,
  );
  const assigned = statement
    ? /^([A-Za-z_][\w]*)\s*(?::\s*[\w[\]., |]+)?\s*(?::=|=(?![=>]))\s*(.+)$/.exec(t)
    : null;
  const m = declared ?? assigned;
  if (!m) return null;
  const rhs = m[2]!.trim();
  if (!declared && rhs.endsWith(',')) return null;
  return contains(rhs, id) && readsValue(rhs, id) ? usable(m[1]!) : null;
}

/**
 * Whether an expression reads the value named `id`: an attribute or a name (`args.quiet`, `quiet`), or the
 * name quoted as the argument of a call or a subscript (`m.get_flag("quiet")`, `opts["quiet"]`); not the
 * name as an element of a literal (`{"exempt", "ignore"}`, `["--quiet"]`), which is a word, not its value.
 */
export function readsValue(expression: string, id: string): boolean {
  const e = esc(id);
  if (new RegExp(`(?<![\\w$-])${e}(?![\\w$-])`).test(maskStrings(expression))) return true;
  return new RegExp(`[\\w$)\\]>]\\s*[([]\\s*(?:b|r|f)?(["'\`])(?:-{1,2})?${e}\\1`).test(expression);
}

function usable(name: string): string | null {
  return NOT_CARRIER.has(name.toLowerCase()) || name.length < 2 ? null : name;
}

/** The bracket that encloses `at` (not closed before it), searched back at most `limit` characters. */
export function enclosingOpen(masked: string, at: number, limit = 3000): number {
  let depth = 0;
  for (let k = at - 1; k >= 0 && k > at - limit; k--) {
    const c = masked[k]!;
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/**
 * What the bracket at `open` builds: a struct or class (`Config {`, `Settings(`, `new Mocha({`), a call
 * (`run(`, `self.walk(`), and the variable it is bound to (`let config = Config {`, `opts = {`).
 */
function builtAt(
  masked: string,
  open: number,
): { type?: string; callee?: string; method: boolean; variable?: string } {
  const before = masked.slice(Math.max(0, open - 300), open);
  const name = /([A-Za-z_$][\w$]*)\s*(?:::\s*<[^<>]*>\s*)?$/.exec(before);
  const out: { type?: string; callee?: string; method: boolean; variable?: string } = { method: false };
  let head = before;
  if (name && !NOT_CALLEE.has(name[1]!)) {
    const n = name[1]!;
    if (/^[A-Z]/.test(n) && n !== 'Self') out.type = n;
    else if (masked[open] === '(') out.callee = n;
    out.method = /\.\s*$/.test(before.slice(0, name.index));
    head = before
      .slice(0, name.index)
      .replace(/(?:[\w$]+\s*(?:\.|::)\s*)+$/, '')
      .replace(/\bnew\s*$/, '');
  } else if (masked[open] === '{' && /\(\s*$/.test(before)) {
    // An options object passed to a call: `new Mocha({`, `run({`.
    const call = enclosingOpen(masked, open);
    if (call >= 0 && call === open - (before.length - before.replace(/\(\s*$/, '').length)) {
      const inner = builtAt(masked, call);
      if (inner.type) out.type = inner.type;
      return { ...out, ...(inner.variable ? { variable: inner.variable } : {}) };
    }
  }
  const bound =
    /(?:^|[\s;{(])(?:(?:let|const|var)\s+(?:mut\s+)?)?(?:(?:self|this)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*$/.exec(
      head,
    );
  if (bound && !NOT_CALLEE.has(bound[1]!)) out.variable = bound[1]!;
  return out;
}

const snakeOf = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const lowerFirst = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);

/** The receivers a field of `type`, or of an object bound to `variable`, is read through. */
function receiversOf(type: string | undefined, variable: string | undefined): string[] {
  const out = new Set<string>();
  if (variable && !['self', 'this'].includes(variable)) out.add(variable);
  if (type) {
    out.add(lowerFirst(type));
    out.add(snakeOf(type));
  }
  return [...out];
}

export interface FollowInput {
  search: TreeSearch;
  /** The sibling's own lines (its hits) and the identifiers they name it by. */
  hits: Array<Hit & { id: string }>;
  ids: string[];
  /** The file that declares the sibling. */
  home: string;
  isCode: (path: string) => boolean;
  language: (path: string) => string | null;
}

/** Followed fields, at most. */
const MAX_CARRIERS = 3;
/** A field named in more source files than this is too common to follow. */
const MAX_CARRIER_FILES = 5;
/** At most this many files the sibling's own lines do not name: the value's path, not a second footprint. */
const MAX_NEW_FILES = 3;
/** Locals and parameters followed, at most; each listed at most this many lines. */
const MAX_NAMES = 6;
const LINES_PER_NAME = 8;
/** A function called from more places than this is a generic helper: the value is not followed into it. */
const MAX_CALLERS = 4;
/** Functions looked up (one whole-word search each), at most. */
const MAX_CALLEES = 6;
/** Hops from the sibling's line: a local or parameter (1), then a field or parameter it is passed on to (2). */
const MAX_DEPTH = 2;
/** A method chain read back this many lines at most, to the line that starts its statement. */
const MAX_CHAIN = 6;
/** A local's scope when the file has no outline (a script without an extension): this many lines. */
const SCRIPT_SCOPE = 60;

/**
 * Where the sibling's value goes from the lines that read it (`follow.ts` heading): the fields it is
 * assigned to, and the locals and parameters that carry it there — `let quiet = m.get_flag("quiet")`
 * then `Config { quiet, .. }`, `x = args.foo` then `run(x)` (the parameter of `run` at that position)
 * or `Settings(foo=x)`, `opts = {…}; run(opts)`, `run(**options)` (the parameter named as the sibling),
 * `const { diff } = opts`. Two hops at most, each cited at the line that binds it. A field of two words
 * or more is searched as a whole word; a field of one word (`quiet`, `color`) only as a field access on
 * its carrier (`config.quiet`, `self.opts.quiet`, `options.diff`) and in the struct or class that declares
 * it, never as a bare word.
 */
export function carriedThrough(input: FollowInput): Carried[] {
  const { search, ids, isCode } = input;
  // The declaring file's lines first, then its top folder's: a value assigned both there and in a plugin
  // beside the project (an editor integration's copy of the call) is cited where the program does it.
  const top = (f: string) => f.split('/')[0];
  const near = (f: string) => (f === input.home ? 0 : top(f) === top(input.home) ? 1 : 2);
  const hits = [...input.hits].sort((a, b) => near(a.file) - near(b.file));
  const has = (s: string, n: string) => contains(s, n, true);
  const read = new CodeReader((p) => search.read(p));
  const texts = new Map<string, { text: string; masked: string; starts: number[]; lines: string[] } | null>();
  const fileOf = (path: string) => {
    if (!texts.has(path)) {
      const text = search.read(path);
      texts.set(
        path,
        text === null
          ? null
          : { text, masked: maskStrings(text), starts: lineStarts(text), lines: text.split('\n') },
      );
    }
    return texts.get(path)!;
  };
  const python = (path: string) => path.endsWith('.py') || input.language(path) === 'Python';
  // A Python docstring that names a carrier (`\`self.env.stdout\`. Unicode errors …`) is prose about it.
  const docstrings = new Map<string, Set<number>>();
  const prose = (h: Hit) => {
    if (!python(h.file)) return false;
    let d = docstrings.get(h.file);
    if (!d) {
      d = stringLines(fileOf(h.file)?.lines ?? []);
      docstrings.set(h.file, d);
    }
    return d.has(h.line);
  };
  // The value, not a sentence about it: prose strings (`doc="… importmode=importlib."`) are blanked.
  const codeOf = (text: string) =>
    text.replace(/(["'`])((?:(?!\1)[^\\]|\\.)*\s(?:(?!\1)[^\\]|\\.)*)\1/g, (m) => ' '.repeat(m.length));
  const statementAt = (path: string, line: number) => {
    const f = fileOf(path);
    if (!f) return false;
    const at = f.starts[line - 1]! + (f.lines[line - 1]!.length - f.lines[line - 1]!.trimStart().length);
    const open = enclosingOpen(f.masked, at);
    if (open < 0) return true;
    // A block, not a literal: `{` after `)`, `else`, `=>`, `:` of a Python-free language, or a line end.
    return (
      f.masked[open] === '{' &&
      /(?:\)|\belse|=>|\btry|\bloop|\bdo|^|\n)\s*$/.test(f.masked.slice(Math.max(0, open - 80), open))
    );
  };

  const fields: Field[] = [];
  const held: Held[] = [];
  const heldKey = new Set<string>();
  const fieldKey = new Set<string>();
  const addField = (f: Field) => {
    if (fieldKey.has(f.name) || fields.length >= MAX_CARRIERS + 2) return;
    fieldKey.add(f.name);
    fields.push(f);
  };
  const hold = (h: Held): boolean => {
    const key = `${h.file}\0${h.name}`;
    if (heldKey.has(key) || held.length >= MAX_NAMES) return heldKey.has(key);
    heldKey.add(key);
    held.push(h);
    return true;
  };

  /** The field `name` assigned on this line of `path`, with what builds it and the receivers to read it through. */
  const fieldAt = (path: string, line: number, text: string, name: string, how: string): Field | null => {
    const f = fileOf(path);
    if (!f) return null;
    const attr = new RegExp(`([A-Za-z_$][\\w$]*)\\s*\\.\\s*${esc(name)}\\s*=(?![=>])`).exec(text);
    const from = { file: path, line, text };
    if (attr) {
      const recv = attr[1]!;
      if (recv === 'self' || recv === 'this') {
        const cls = classAt(path, line);
        return cls ? { name, from, receivers: receiversOf(cls, undefined), type: cls, how } : null;
      }
      return { name, from, receivers: [recv], how };
    }
    const k = text.search(new RegExp(`(?<![\\w$.])${esc(name)}(?![\\w$])`));
    if (k < 0) return null;
    const open = enclosingOpen(f.masked, f.starts[line - 1]! + k);
    if (open < 0) return null;
    const b = builtAt(f.masked, open);
    const receivers = receiversOf(b.type, b.variable);
    return receivers.length || b.type ? { name, from, receivers, type: b.type, how } : null;
  };
  const classAt = (path: string, line: number): string | undefined => {
    const f = fileOf(path);
    if (!f) return undefined;
    return innermost(outline(f.text, input.language(path)), line, { kind: 'class' })?.name;
  };

  /** A call on this line that takes `name` (or the sibling's read) as an argument, and which one. */
  const passedAt = (path: string, line: number, text: string, name: string, whole: boolean) => {
    const f = fileOf(path);
    if (!f) return null;
    const start = f.starts[line - 1]!;
    const masked = f.masked.slice(start, start + text.length);
    const k = masked.search(new RegExp(`(?<![\\w$])${esc(name)}(?![\\w$])`));
    if (k < 0) return null;
    const open = enclosingOpen(f.masked, start + k, 800);
    if (open < 0 || f.masked[open] !== '(') return null;
    const b = builtAt(f.masked, open);
    if (!b.callee) return null;
    // A definition's own parameter list (`def main(ctx, quiet):`) is no call.
    const nl = f.text.indexOf('\n', open);
    const openLine = f.text.slice(f.text.lastIndexOf('\n', open) + 1, nl < 0 ? undefined : nl);
    if (definesFunction([openLine], b.callee)) return null;
    const call = callArgs(f.text, open, { hashComments: python(path), limit: 4000 });
    const arg = call?.args.find((a) => a.at <= start + k && start + k < a.at + a.value.length + 1);
    if (!call || !arg) return null;
    const value = arg.value.trim();
    const plain = new RegExp(
      `^(?:&\\s*(?:mut\\s+)?|\\*{1,2}|\\.\\.\\.)?${esc(name)}(?:\\.clone\\(\\)|\\.to_owned\\(\\))?$`,
    );
    // From the sibling's own line the argument is its read (`args.quiet`, `m.get_flag("quiet")`), not the
    // name as a string (a registration helper's `name` parameter is no carrier).
    if (whole ? !plain.test(value) : stringValue(value) !== null || !has(codeOf(value), name)) return null;
    const position = call.args.filter((a) => !a.key).indexOf(arg);
    return {
      callee: b.callee,
      value,
      keyword: arg.key,
      index: arg.key ? -1 : position,
      spread: /^\*\*/.test(value),
      method: b.method,
    };
  };

  /** The parameter of `callee` that receives the value, followed into its definition. */
  const definitions = new Map<string, Hit[]>();
  const intoCallee = (
    p: { callee: string; keyword?: string; index: number; spread: boolean },
    at: Hit,
    depth: number,
    how = `passed to \`${p.callee}\` at ${at.file}:${at.line}`,
  ): boolean => {
    let defs = definitions.get(p.callee);
    if (!defs && definitions.size >= MAX_CALLEES) return false;
    if (!defs) {
      const named = search
        .lines([p.callee], { word: true, maxPerFile: 20, maxTotal: 400 })
        .filter((h) => isCode(h.file));
      defs = named.filter((h) => definesFunction([h.text], p.callee));
      // A generic helper (`paint(input)`, a path or format parser) is called from many places with
      // unrelated values: nothing of the option is decided in it, so the value is not followed there.
      const call = new RegExp(`(?<![\\w$])${esc(p.callee)}\\s*(?:::\\s*<[^<>]*>\\s*)?\\(`);
      const calls = named.filter(
        (h) =>
          !COMMENT.test(h.text) && call.test(maskStrings(h.text)) && !definesFunction([h.text], p.callee),
      );
      if (calls.length > MAX_CALLERS) defs = [];
      definitions.set(p.callee, defs);
    }
    // One definition, or one in the same file: else which one runs is not known from the text.
    const same = defs.filter((d) => d.file === at.file);
    const def = defs.length === 1 ? defs[0] : same.length === 1 ? same[0] : undefined;
    if (!def) return false;
    const f = fileOf(def.file);
    if (!f) return false;
    const start = f.starts[def.line - 1]!;
    const nameAt = f.masked.indexOf(p.callee, start);
    const open = nameAt < 0 ? -1 : f.masked.indexOf('(', nameAt);
    if (open < 0 || open > start + 400) return false;
    const params = parametersAt(f.text, open, python(def.file));
    if (!params) return false;
    const names = params.map((n) => n.name);
    let param: string | undefined;
    if (p.spread) param = names.find((n) => ids.includes(n));
    else if (p.keyword) param = names.find((n) => n === p.keyword);
    else if (p.index >= 0 && !params.slice(0, p.index + 1).some((n) => n.rest)) param = names[p.index];
    if (!param || NOT_CARRIER.has(param.toLowerCase())) return false;
    return hold({
      name: param,
      file: def.file,
      from: def,
      depth,
      how,
    });
  };

  // A one-word name (`exclude`, `host`) is also a keyword or a local of other code: only a line in the
  // declaring file, or one that writes it as a name (`"host"`, `--host`), is its value.
  const theValue = (h: Hit & { id: string }) =>
    wordsOf(h.id).length >= 2 ||
    h.file === input.home ||
    new RegExp(`--${esc(h.id)}(?![\\w-])|(["'])${esc(h.id)}\\1`).test(h.text);

  /**
   * Whether the project defines `callee` (a function, a method, a class or a struct): a keyword argument of
   * a call it does not define is the library's parameter (`json.dumps(sort_keys=…)`), no field of its own.
   */
  const known = new Map<string, boolean>();
  const definedHere = (callee: string): boolean => {
    let d = known.get(callee);
    if (d === undefined) {
      d = search
        .lines([callee], { word: true, maxPerFile: 20, maxTotal: 400 })
        .some((h) => isCode(h.file) && ['function', 'type'].includes(definedAs(h.text, callee)!));
      known.set(callee, d);
    }
    return d;
  };
  const libraryKeyword = (h: Hit & { id: string }, field: string): boolean => {
    const p = passedAt(h.file, h.line, h.text, h.id, false);
    return Boolean(p && p.keyword === field && !definedHere(p.callee));
  };

  /**
   * A read written as a method chain over several lines (`language: self\n.matches\n.get_one("language")`):
   * the statement from the chain's first line, the later lines joined to it, cited at that first line.
   * The line itself when it continues no chain.
   */
  const chainHead = (h: Hit & { id: string }): Hit & { id: string } => {
    const lines = fileOf(h.file)?.lines;
    if (!lines || !/^\s*\??\./.test(h.text)) return h;
    let line = h.line;
    while (line > 1 && h.line - line < MAX_CHAIN && /^\s*\??\./.test(lines[line - 1]!)) line--;
    const head = lines[line - 1]!;
    if (/^\s*\??\./.test(head) || COMMENT.test(head) || /[;{}]\s*$/.test(head)) return h;
    const text = [head, ...lines.slice(line, h.line).map((l) => l.trim())].join('');
    return { ...h, line, text };
  };

  // 1. The sibling's own lines: the field, the local or the parameter they put its value in.
  for (const read of hits) {
    if (!isCode(read.file)) continue;
    const h = chainHead(read);
    const code = codeOf(h.text);
    const field = carrierOf(code, h.id, has);
    if (field && h === read && libraryKeyword(h, field)) continue;
    if (field && !ids.includes(field)) {
      if (wordsOf(field).length >= 2)
        addField({ name: field, from: h, receivers: [], how: `assigned at ${h.file}:${h.line}` });
      else if (theValue(h)) {
        const f = fieldAt(h.file, h.line, h.text, field, `assigned at ${h.file}:${h.line}`);
        if (f) addField(f);
      }
      continue;
    }
    if (!theValue(h)) continue;
    // A field of the sibling's own one-word name (`quiet: m.get_flag("quiet")`): read on its carrier only.
    const same = !field && wordsOf(h.id).length === 1 ? carrierOf(code, h.id, has, true) : null;
    if (same === h.id) {
      const f = fieldAt(h.file, h.line, h.text, same, `assigned at ${h.file}:${h.line}`);
      if (f) addField(f);
      continue;
    }
    if (h !== read) continue;
    if (guarded(h)) continue;
    // A call of the project's own (`found = walk(".", args.depth)`) takes it on as its parameter.
    const passed = passedAt(h.file, h.line, h.text, h.id, false);
    if (passed && intoCallee(passed, h, 1)) continue;
    const local = bindingOf(code, h.id, has, statementAt(h.file, h.line));
    if (local) hold({ name: local, file: h.file, from: h, depth: 1, how: `assigned at ${h.file}:${h.line}` });
  }

  /**
   * A block the read guards, that turns it on through a method of the project's own: `if
   * (program.noDiff) { mocha.hideDiff(true); }`, `if args.quiet: report.silence(True)`. The method's first
   * parameter carries it (the block is at most a few lines; only a literal or the value itself as the
   * argument).
   */
  function guarded(h: Hit & { id: string }): boolean {
    const f = fileOf(h.file);
    if (!f || !/^\s*(?:\}\s*else\s+)?(?:if|elif)\b/.test(h.text)) return false;
    const indent = h.text.length - h.text.trimStart().length;
    let any = false;
    for (let line = h.line + 1; line <= Math.min(f.lines.length, h.line + 4); line++) {
      const text = f.lines[line - 1]!;
      if (!text.trim()) continue;
      if (text.length - text.trimStart().length <= indent) break;
      const call =
        /^\s*[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*\.\s*([A-Za-z_$][\w$]*)\s*\(\s*([^,()]*?)\s*\)\s*;?\s*$/.exec(
          text,
        );
      if (!call || (!/^(?:true|True|1|!0)$/.test(call[2]!) && !has(call[2]!, h.id))) continue;
      const at = { file: h.file, line, text };
      const callee = call[1]!;
      if (
        intoCallee(
          { callee, index: 0, spread: false },
          at,
          1,
          `set when \`${h.id}\` is, at ${h.file}:${h.line}`,
        )
      )
        any = true;
    }
    return any;
  }

  // An options object destructured (`const { colour } = argv`) in a file that names the sibling: the
  // pattern names it, the line need not write it as a name.
  const pattern = new RegExp(
    `^\\s*(?:const|let|var)\\s*\\{[^}]*(?<![\\w$])(?:${ids.map(esc).join('|')})(?![\\w$])[^}]*\\}\\s*=`,
  );
  for (const file of [...new Set(hits.map((h) => h.file))].filter(isCode).slice(0, 10)) {
    if (python(file)) continue;
    for (const [i, text] of (fileOf(file)?.lines ?? []).entries()) {
      if (!pattern.test(text)) continue;
      const id = ids.find((n) => contains(text, n, true))!;
      const local = bindingOf(text, id, has);
      if (local)
        hold({
          name: local,
          file,
          from: { file, line: i + 1, text },
          depth: 1,
          how: `assigned at ${file}:${i + 1}`,
        });
    }
  }

  // 2. Locals and parameters, in their scope: the lines that read them, and where they pass it on.
  const out: Carried[] = [];
  const seen = new Set(hits.map((h) => `${h.file}:${h.line}`));
  const named = new Set(hits.map((h) => h.file));
  const added = new Set<string>();
  const followHeld = (first: number, files = MAX_NEW_FILES) => {
    for (let n = first; n < held.length; n++) {
      const v = held[n]!;
      const f = fileOf(v.file);
      if (!f) continue;
      if (!named.has(v.file) && !added.has(v.file)) {
        if (added.size >= files) continue;
        added.add(v.file);
      }
      const fn = innermost(outline(f.text, input.language(v.file)), v.from.line, { kind: 'function' });
      const end = Math.min(
        fn ? fn.end_line : Math.min(f.lines.length, v.from.line + SCRIPT_SCOPE),
        blockEnd(v.file, v.from.line),
      );
      let listed = 0;
      for (let line = v.from.line + 1; line <= end && listed < LINES_PER_NAME; line++) {
        const text = f.lines[line - 1]!;
        const code = f.masked.slice(f.starts[line - 1]!, f.starts[line - 1]! + text.length);
        if (COMMENT.test(text) || !has(code, v.name) || prose({ file: v.file, line, text })) continue;
        // Bound again: the value is no longer in it.
        if (
          new RegExp(`^\\s*(?:(?:let|const|var)\\s+(?:mut\\s+)?)?${esc(v.name)}\\s*(?::=|=(?![=>]))`).test(
            code,
          ) &&
          !has(code.replace(/^[^=]*=/, ''), v.name)
        )
          break;
        const key = `${v.file}:${line}`;
        if (!seen.has(key)) {
          seen.add(key);
          listed++;
          out.push({
            file: v.file,
            line,
            text,
            id: v.name,
            field: v.name,
            from: v.from,
            why: `carries the value as \`${v.name}\` (${v.how})`,
          });
        }
        if (v.depth >= MAX_DEPTH) continue;
        const at = { file: v.file, line, text };
        const field = carrierOf(codeOf(text), v.name, has, true) ?? shorthandAt(v.file, line, text, v.name);
        const passed = passedAt(v.file, line, text, v.name, true);
        // A keyword argument of the project's own function (`count(level=level)`) is that function's
        // parameter, read in its body only: no field, whose every namesake elsewhere would carry it.
        if (field && passed?.keyword === field && intoCallee(passed, at, v.depth + 1)) continue;
        if (field) {
          const how = `assigned at ${v.file}:${line}`;
          if (wordsOf(field).length >= 2 && !ids.includes(field))
            addField({ name: field, from: at, receivers: [], how });
          else {
            const fd = fieldAt(v.file, line, text, field, how);
            if (fd) addField(fd);
          }
          continue;
        }
        if (passed && intoCallee(passed, at, v.depth + 1)) continue;
        const local = bindingOf(code, v.name, has, statementAt(v.file, line));
        if (local && local !== v.name)
          hold({
            name: local,
            file: v.file,
            from: at,
            depth: v.depth + 1,
            how: `assigned at ${v.file}:${line}`,
          });
      }
    }
  };
  followHeld(0);

  /**
   * The last line a local bound at `line` lives to: a block-scoped binding (`let`, `const`, Go's `:=`) ends
   * with the block around it (`if let Some(style) = style { let path = …; }`: a `path` after the block is
   * the outer one again). Infinity for anything else (a parameter, a Python local: the function's).
   */
  function blockEnd(path: string, line: number): number {
    const f = fileOf(path);
    const text = f?.lines[line - 1];
    if (!f || text === undefined || python(path)) return Number.POSITIVE_INFINITY;
    if (!/^\s*(?:let|const)\s/.test(text) && !/^\s*[\w, ]+:=/.test(text)) return Number.POSITIVE_INFINITY;
    const at = f.starts[line - 1]! + (text.length - text.trimStart().length);
    const open = enclosingOpen(f.masked, at, 20_000);
    if (open < 0 || f.masked[open] !== '{') return Number.POSITIVE_INFINITY;
    const close = closing(f.masked, open);
    if (close < 0) return Number.POSITIVE_INFINITY;
    let n = line;
    while (n < f.starts.length && f.starts[n]! <= close) n++;
    return n;
  }

  /** `Config { quiet, .. }`, `{ diff }`: a field initialised from a local of its own name. */
  function shorthandAt(path: string, line: number, text: string, name: string): string | null {
    const f = fileOf(path);
    if (!f || python(path)) return null;
    const start = f.starts[line - 1]!;
    const masked = f.masked.slice(start, start + text.length);
    const re = new RegExp(`(^|[{,])\\s*${esc(name)}\\s*(?=[,}]|$)`, 'g');
    for (const m of masked.matchAll(re)) {
      const open = enclosingOpen(f.masked, start + m.index! + m[0].length - name.length);
      if (open < 0 || f.masked[open] !== '{') continue;
      const b = builtAt(f.masked, open);
      if (b.type || b.variable) return name;
    }
    return null;
  }

  // 3. The fields: a name of two words or more wherever it is written; one word only on its carrier.
  const fromFields = held.length;
  for (const field of fields.slice(0, MAX_CARRIERS)) {
    let found: Hit[];
    if (field.receivers.length === 0 && !field.type) {
      found = search
        .lines([field.name], { word: true, maxPerFile: 12, maxTotal: 400 })
        .filter(
          (h) =>
            isCode(h.file) &&
            !COMMENT.test(h.text) &&
            !isMethodCall(h.text, field.name) &&
            !read.onlyInProse(h.file, h.line, field.name),
        );
    } else found = onCarrier(field);
    found = found.filter((h) => !prose(h));
    const reads = found;
    found = found.filter((h) => !seen.has(`${h.file}:${h.line}`));
    const inFiles = new Set(found.map((h) => h.file));
    if (inFiles.size > MAX_CARRIER_FILES) continue;
    const more = [...inFiles].filter((f) => !named.has(f) && !added.has(f));
    if (added.size + more.length > MAX_NEW_FILES) continue;
    for (const f of more) added.add(f);
    for (const h of found) {
      seen.add(`${h.file}:${h.line}`);
      out.push({
        ...h,
        id: field.name,
        field: field.name,
        from: field.from,
        why: `carries the value as \`${field.name}\` (${field.how})`,
      });
    }
    // A read that hands the field to a function of the project's own (`get_syntax(config.language, …)`),
    // listed already or not: that function's parameter carries it on, where the value takes effect.
    for (const h of reads) {
      const passed = passedAt(h.file, h.line, h.text, field.name, false);
      if (passed && new RegExp(`\\.\\s*${esc(field.name)}\\s*$`).test(passed.value))
        intoCallee(
          passed,
          h,
          MAX_DEPTH,
          `\`${field.name}\` passed to \`${passed.callee}\` at ${h.file}:${h.line}`,
        );
    }
  }
  // The parameters the fields are handed to, read in their functions: one file more than the locals.
  followHeld(fromFields, MAX_NEW_FILES + 1);

  /** A one-word field: `recv.field` for its receivers, and in the file that declares its type, the declaration and `self.field`. */
  function onCarrier(field: Field): Hit[] {
    const w = esc(field.name);
    const out: Hit[] = [];
    if (field.receivers.length) {
      const recv = field.receivers.map(esc).join('|');
      const access = new RegExp(`(?<![\\w$])(?:${recv})\\s*\\??\\.\\s*${w}(?![\\w$])(?!\\s*\\()`);
      out.push(
        ...search
          .lines([`.${field.name}`], { maxPerFile: 12, maxTotal: 400 })
          .filter((h) => isCode(h.file) && access.test(codeOf(h.text)) && !COMMENT.test(h.text)),
      );
    }
    if (field.type) {
      const decl = search
        .lines([`struct ${field.type}`, `class ${field.type}`, `interface ${field.type}`], {
          word: true,
          maxPerFile: 2,
          maxTotal: 20,
        })
        .filter(
          (h) =>
            isCode(h.file) &&
            new RegExp(`\\b(?:struct|class|interface)\\s+${esc(field.type!)}\\b`).test(h.text),
        );
      const files = [...new Set(decl.map((h) => h.file))];
      if (files.length === 1) {
        const file = files[0]!;
        const own = new RegExp(
          `^\\s*(?:(?:pub(?:\\([^)]*\\))?|public|private|protected|readonly)\\s+)*${w}\\s*\\??\\s*:(?!:)|(?<![\\w$])(?:self|this)\\s*\\.\\s*${w}(?![\\w$])(?!\\s*\\()`,
        );
        const lines = fileOf(file)?.lines ?? [];
        for (const [i, text] of lines.entries())
          if (own.test(text) && !COMMENT.test(text)) out.push({ file, line: i + 1, text });
      }
    }
    const key = new Set<string>();
    return out.filter((h) => !key.has(`${h.file}:${h.line}`) && key.add(`${h.file}:${h.line}`)).slice(0, 24);
  }

  return out;
}
