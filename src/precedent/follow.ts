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
 */

const STRING = /"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|`(?:[^`\\]|\\[\s\S])*`/g;

/** The string literals of a text: [start, end) offsets, quotes included. */
export function stringRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(STRING)].map((m) => [m.index!, m.index! + m[0].length]);
}

/** String literals blanked (same length, newlines kept), so that brackets inside them do not count. */
export function maskStrings(text: string): string {
  return text.replace(STRING, (m) => m.replace(/[^\n]/g, ' '));
}

function lineStarts(text: string): number[] {
  const at = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) at.push(k + 1);
  return at;
}

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

/** Whether the project's own code defines a function or method named `w` (one of these lines does). */
export function definesFunction(lines: string[], w: string): boolean {
  const e = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const def = new RegExp(
    `\\b(?:def|fn|function|func(?:\\s*\\([^)]*\\))?)\\s+${e}\\s*[(<]|^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:async\\s+|static\\s+|get\\s+|set\\s+)*${e}\\s*\\([^)]*\\)\\s*\\{|\\b${e}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>)`,
  );
  return lines.some((l) => def.test(l));
}

/** A weak form of `w` on this line is a method call: `.w(`. */
export function isMethodCall(text: string, w: string): boolean {
  const e = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
): string | null {
  const t = text.trim();
  if (/^(#|\/\/|\/\*|\*)/.test(t)) return null;
  const forms = [
    // A struct field init or an object key on its own line: `skip_hidden: !m.is_present("hidden"),`.
    /^(?:pub(?:\([^)]*\))?\s+)?([A-Za-z_]\w*)\s*:(?!:)\s*(.+)$/g,
    // A quoted settings key: `'skip_hidden': args.hidden,`.
    /^['"]([A-Za-z_]\w*)['"]\s*:\s*(.+)$/g,
    // An attribute assignment: `self.skip_hidden = not args.hidden`, `opts.SkipHidden = *hidden`.
    /(?:^|[\s(,;{])(?:self|this|[A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*=(?![=>])\s*(.+)$/g,
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
      if (field === id || NOT_CARRIER.has(field.toLowerCase()) || field.length < 3) return null;
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
