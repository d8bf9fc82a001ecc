/**
 * The arguments of a call as written, for the declaration extractors: `add_argument('--max', type=int,
 * help='…')` → positional `'--max'`, keywords `type` and `help`; `.option('-m, --max <n>', 'desc')`;
 * `StringVarP(&o.max, "max", "m", 10, "usage")`. Strings (with Python's triple quotes and prefixes, JS
 * template literals, Rust raw strings), comments and nested brackets are skipped, not parsed.
 */

export interface CallArg {
  /** `help` in `help='…'` (Python) or `help: '…'` inside an object literal is not split: see `objectKeys`. */
  key?: string;
  value: string;
  /** Offset of the value in the text. */
  at: number;
}

/** Offset just past a string literal starting at `k` (quote at `k`, or a prefix like r/b/f before it). */
function stringEnd(text: string, k: number, hashComments: boolean): number {
  const ch = text[k]!;
  if (text.startsWith('"""', k) || text.startsWith("'''", k)) {
    const q = text.slice(k, k + 3);
    for (let j = k + 3; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text.startsWith(q, j)) return j + 3;
    }
    return text.length;
  }
  for (let j = k + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') j++;
    else if (c === ch) return j + 1;
    else if (c === '\n' && ch !== '`' && !hashComments) return j;
  }
  return text.length;
}

/**
 * A Rust lifetime at `k` (`&'b str`, `<'a>`, `<'a, 'b>`), not a character or string literal: a quote right
 * after `&` (not `&&`: JavaScript's `x && 'a b'`) or `<` (or after another lifetime and a comma) that starts a name no quote closes. Read as a string, it
 * ran to the line's end and hid the comma there: `raw_line: &'b str,` merged two parameters, so a value
 * passed third was taken for the fourth (`grep: &GrepLine`).
 */
export function lifetimeAt(text: string, k: number): boolean {
  return (
    text[k] === "'" &&
    ENDS_BEFORE_LIFETIME.test(text.slice(Math.max(0, k - 40), k)) &&
    STARTS_LIFETIME.test(text.slice(k, k + 80))
  );
}
/** What stands before a lifetime: `&` (not `&&`), `<`, or another lifetime and a comma (a pattern's source). */
export const LIFETIME_BEFORE = String.raw`(?<!&)&|<|'[A-Za-z_]\w*,\s*`;
/** A lifetime's own text: a quote and a name no quote closes (a pattern's source). */
export const LIFETIME = String.raw`'[A-Za-z_]\w*(?![\w'])`;
const ENDS_BEFORE_LIFETIME = new RegExp(`(?:${LIFETIME_BEFORE})$`);
const STARTS_LIFETIME = new RegExp(`^${LIFETIME}`);

/**
 * The arguments of the call whose `(` is at `open`, split at top-level commas, and the offset of the `)`.
 * Null when the call does not close within `limit` characters.
 */
export function callArgs(
  text: string,
  open: number,
  options: { hashComments?: boolean; limit?: number } = {},
): { args: CallArg[]; end: number } | null {
  const hash = options.hashComments ?? false;
  const limit = Math.min(text.length, open + (options.limit ?? 50_000));
  const args: CallArg[] = [];
  let depth = 0;
  let start = open + 1;
  const push = (end: number) => {
    // Comments before an argument (`# general options` above a dict's first key) are not part of it.
    const raw = text
      .slice(start, end)
      .replace(hash ? /^(\s*#[^\n]*\n)+/ : /^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))+/, (c) =>
        ' '.repeat(c.length),
      );
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (!value) return;
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(value);
    if (kw && hash)
      args.push({ key: kw[1]!, value: value.slice(kw[0].length), at: start + lead + kw[0].length });
    else args.push({ value, at: start + lead });
  };
  for (let k = open; k < limit; k++) {
    const ch = text[k]!;
    if ((ch === '"' || ch === "'" || ch === '`') && !(ch === "'" && !hash && lifetimeAt(text, k))) {
      k = stringEnd(text, k, hash) - 1;
    } else if (hash && ch === '#') {
      const nl = text.indexOf('\n', k);
      k = nl < 0 ? limit : nl;
    } else if (!hash && ch === '/' && text[k + 1] === '/') {
      const nl = text.indexOf('\n', k);
      k = nl < 0 ? limit : nl;
    } else if (!hash && ch === '/' && text[k + 1] === '*') {
      const e = text.indexOf('*/', k + 2);
      k = e < 0 ? limit : e + 1;
    } else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      depth--;
      if (depth === 0) {
        push(k);
        return { args, end: k };
      }
    } else if (ch === ',' && depth === 1) {
      push(k);
      start = k + 1;
    }
  }
  return null;
}

/** The text of a string literal (`'a'`, `"a"`, `r"a"`, `"""a"""`, `` `a` ``, adjacent literals joined), or null. */
export function stringValue(value: string): string | null {
  const parts: string[] = [];
  let rest = value.trim();
  // Python's implicit concatenation and `+` between literals, over several lines.
  while (rest) {
    const m = /^(?:[rRbBuUfF]{0,2})("""|'''|"|'|`)/.exec(rest);
    if (!m) break;
    const q = m[1]!;
    const from = m[0].length;
    let j = from;
    let out = '';
    for (; j < rest.length; j++) {
      if (rest[j] === '\\' && q.length === 1) {
        out += rest[j + 1] ?? '';
        j++;
      } else if (rest.startsWith(q, j)) break;
      else out += rest[j];
    }
    if (j >= rest.length) return null;
    parts.push(out);
    rest = rest
      .slice(j + q.length)
      .replace(/^\s*\+?\s*/, '')
      .trim();
  }
  if (!parts.length || rest) return null;
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Keys and values of an object literal `{ a: 1, 'b-c': { … } }` (one level), as call arguments. */
export function objectKeys(text: string, open: number): CallArg[] {
  const inner = callArgs(text, open);
  if (!inner) return [];
  return inner.args.flatMap((a) => {
    const m = /^(?:(['"])([^'"]+)\1|([A-Za-z_$][\w$]*))\s*:\s*/.exec(a.value);
    return m ? [{ key: (m[2] ?? m[3])!, value: a.value.slice(m[0].length), at: a.at + m[0].length }] : [];
  });
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) n++;
  return n;
}
