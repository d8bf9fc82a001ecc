/** The shape of code, read alike across the precedent core: what a line defines, the item a line lies in. */
import type { OutlineItem } from '../explore/outline.js';
import { callArgs, LIFETIME, LIFETIME_BEFORE } from './call-args.js';

/** `s` as a regular expression matching itself. */
export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A file's name without its folders and its last extension: `src/blank_lines.rs` → `blank_lines`. */
export const fileStem = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.\w+$/, '');

/**
 * A line that uses `name` as code: calls it, reads or calls a member of it, or reads it as a member
 * (`caplog.set_level`), never a word of a test's title. The test files of named code are found by it.
 */
export const usesAsCode = (name: string) =>
  new RegExp(`(?<![\\w$])${esc(name)}(?=\\s*\\(|\\.[\\w$])|(?<=\\.)${esc(name)}(?![\\w$])`);

/** A name specific enough to find its uses by: longer than three letters, no dunder, constructor or `init`. */
export const specificName = (x: string) => x.length > 3 && !/^(__\w+__|constructor|init)$/.test(x);

/** A string literal in double, single or back quotes. */
const QUOTED = /"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|`(?:[^`\\]|\\[\s\S])*`/;
/** A Rust lifetime (`&'b str`, `<'a, 'b>`: the pattern `lifetimeAt` reads), matched first so that it opens no string. */
const STRING = new RegExp(`(?<=${LIFETIME_BEFORE})${LIFETIME}|${QUOTED.source}`, 'g');
const IS_LIFETIME = /^'\w+$/;

/** The string literals of a text: [start, end) offsets, quotes included. */
export function stringRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(STRING)]
    .filter((m) => !IS_LIFETIME.test(m[0]))
    .map((m) => [m.index!, m.index! + m[0].length]);
}

/** The offset each line of a text starts at (0-based lines). */
export function lineStarts(text: string): number[] {
  const at = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) at.push(k + 1);
  return at;
}

/** String literals blanked (same length, newlines kept), so that brackets inside them do not count. */
export function maskStrings(text: string): string {
  return text.replace(STRING, (m) => (IS_LIFETIME.test(m) ? m : m.replace(/[^\n]/g, ' ')));
}

/**
 * What line `line` defines `id` as: a function or method (`def`, `fn`, `func` with or without a receiver,
 * `function`, a class method `x(…) {` with its modifiers, `x = function`, `x: (…) =>`, `x = v =>`), a
 * type (`class`, `struct`, `enum`, `trait`, `interface`, `type`, `mod`), or a value (a constant, a
 * variable, a field, an attribute set on `self`/`this`); null when it only uses it.
 */
export function definedAs(line: string, id: string): 'function' | 'type' | 'value' | null {
  const i = esc(id);
  if (
    new RegExp(`\\b(?:def|fn|function|func(?:\\s*\\([^)]*\\))?)\\s+${i}\\s*[(<]`).test(line) ||
    new RegExp(
      `^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(?:async\\s+|static\\s+|get\\s+|set\\s+)*${i}\\s*\\([^)]*\\)\\s*\\{`,
    ).test(line) ||
    new RegExp(`\\b${i}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>)`).test(line)
  )
    return 'function';
  if (new RegExp(`\\b(?:class|struct|enum|trait|interface|type|mod)\\s+${i}\\b`).test(line)) return 'type';
  if (
    new RegExp(`\\b(?:const|let|var|static)\\s+(?:mut\\s+)?${i}\\b`).test(line) ||
    new RegExp(
      `^\\s*(?:(?:pub(?:\\([\\w:]+\\))?|readonly|private|public|protected)\\s+)*${i}\\??\\s*:\\s*[\\w&[(<]`,
    ).test(line) ||
    new RegExp(`^${i}\\s*(?::[^=]+)?=[^=]`).test(line) ||
    new RegExp(`\\b(?:self|this)\\.${i}\\s*(?::[^=]+)?=[^=]`).test(line)
  )
    return 'value';
  return null;
}

/** Whether one of these lines defines a function or method named `w`. */
export const definesFunction = (lines: string[], w: string): boolean =>
  lines.some((l) => definedAs(l, w) === 'function');

/**
 * The innermost outline item around `line` (1-based): the latest to start, the narrowest of those; only
 * items of `kind` when given, and with `header: false` not the item whose first line it is.
 */
export function innermost(
  items: OutlineItem[],
  line: number,
  opts: { kind?: OutlineItem['kind']; header?: boolean } = {},
): OutlineItem | undefined {
  let best: OutlineItem | undefined;
  for (const it of items)
    if (
      (!opts.kind || it.kind === opts.kind) &&
      (opts.header === false ? it.start_line < line : it.start_line <= line) &&
      line <= it.end_line &&
      (!best ||
        it.start_line > best.start_line ||
        (it.start_line === best.start_line && it.end_line < best.end_line))
    )
      best = it;
  return best;
}

/**
 * A function header: `def x(`, `fn x(`, `function x(`, Go's `func x(` and `func (r T) x[T any](`,
 * `const x = (` / `const x = function (` (an arrow or function value).
 */
const HEADER =
  /\b(?:(?:def|fn|function)\s+([A-Za-z_$][\w$]*)|func\s*(?:\([^()\n]*\)\s*)?([A-Za-z_]\w*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b\s*[\w$]*\s*)?(?=\())\s*(?:\[[^\]\n]*\]|<[^>\n]*>)?\s*\(/g;

/** A method's receiver: `self`, `cls`, `this`, Rust's `&self`, `&'a mut self`, `mut self`. */
const SELF = /^(?:&\s*(?:'\w+\s+)?(?:mut\s+)?)?(?:mut\s+)?(?:self|cls|this)\b/;

/** A parameter as written: its name ('' where it names nothing: a destructured object), type and default ('' when none), and the `*`, `**` or `...` of a rest or keyword one (a bare `*` too). */
export interface Parameter {
  name: string;
  type: string;
  default: string;
  rest: string;
}

/** `a: int = 1`, `*args`, `public readonly a?: T`, Rust's `mut a: u8`, TS's `f: (x: T) => U` (no default). */
const PARAM =
  /^(\*{1,2}|\.\.\.)?\s*(?:&\s*)?(?:mut\s+)?(?:(?:public|private|protected|readonly|override)\s+)*([A-Za-z_$][\w$]*)\??\s*(?::\s*((?:=>|[^=])+?))?\s*(?:=(?!>)\s*([\s\S]+))?$/;
/** Go's `name type`, `args ...string`. */
const GO_PARAM = /^([A-Za-z_]\w*)\s+([^=]+)$/;
/** How many `<` a type leaves open (`Map<K, V>` split at its comma), arrows (`=>`, `->`) aside. */
const angles = (s: string) =>
  (s.match(/</g) ?? []).length - (s.replace(/[=-]>/g, '').match(/>/g) ?? []).length;

/**
 * The parameters of a definition whose `(` is at `open`, in call order: the one reader of a signature
 * (a requested parameter's declarations, the parameter a value is handed to, a helper's parameters). The
 * receiver is left out (`self`, `cls`, `this`, Rust's `&self`, `&'a mut self`, `mut self`), and Python's
 * `/` marker; a bare `*` stays as a rest without a name (no positional argument reaches past it); Go's
 * `a, b string` is two names. Strings, comments and brackets are skipped (`callArgs`); outside Python a
 * type's `<…>` is one parameter. Null when the list does not close within `limit` characters.
 */
export function parametersAt(text: string, open: number, python: boolean, limit = 4000): Parameter[] | null {
  const call = callArgs(text, open, { hashComments: python, limit });
  if (!call) return null;
  const out: Parameter[] = [];
  let held = '';
  for (const a of call.args) {
    if (a.key) {
      out.push({ name: a.key, type: '', default: a.value.trim(), rest: '' });
      continue;
    }
    const s = held ? `${held}, ${a.value}` : a.value.trim();
    held = !python && angles(s) > 0 ? s : '';
    if (held || s === '/' || SELF.test(s)) continue;
    const m = PARAM.exec(s);
    const go = m ? null : GO_PARAM.exec(s);
    const lead = m || go ? null : /^(\*{1,2}|\.\.\.)?\s*(?:&\s*)?(?:mut\s+)?([A-Za-z_$][\w$]*)?/.exec(s);
    out.push({
      name: (m?.[2] ?? go?.[1] ?? lead?.[2] ?? '').trim(),
      type: (m?.[3] ?? go?.[2] ?? '').trim(),
      default: (m?.[4] ?? '').trim(),
      rest: m?.[1] ?? lead?.[1] ?? '',
    });
  }
  return out;
}

/**
 * The function whose header is the last one before `at`, within `span` lines of it: its name, its
 * parameters' names (`parametersAt`, without `*` or `...`; the list closed before `at`) and the header's
 * offset. A reader of small functions (a helper of a few lines), not an outline.
 */
export function enclosingFunction(
  text: string,
  at: number,
  span = 12,
): { name: string; params: string[]; start: number } | null {
  let last: RegExpExecArray | null = null;
  HEADER.lastIndex = Math.max(0, at - 4000);
  for (let m = HEADER.exec(text); m && m.index < at; m = HEADER.exec(text)) last = m;
  if (!last) return null;
  if (text.slice(last.index, at).split('\n').length - 1 > span) return null;
  const open = last.index + last[0].length - 1;
  const params = parametersAt(text, open, last[0].startsWith('def'), at - open + 1);
  if (!params) return null;
  const name = (last[1] ?? last[2] ?? last[3])!;
  return { name, params: params.map((p) => p.name), start: last.index };
}
