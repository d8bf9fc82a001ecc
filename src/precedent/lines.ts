/**
 * Where a line of a source file stands, read from the file's text: inside a Python triple-quoted string (a
 * docstring or a help text: prose about a name, not code that builds it), in a comment, or in the decorator
 * stack of the function below it. Pure; the footprint asks them of its lines before it calls one a use, the
 * offline engine before it plans an edit point.
 */

import { maskStrings, stringRanges } from './code-shape.js';

/**
 * The lines of a Python file that lie in a triple-quoted string (a docstring, a help text): a line there
 * that names the sibling is prose about it, not a place where it is built.
 */
export function stringLines(lines: string[]): Set<number> {
  return new Set(pythonStrings(lines).keys());
}

/**
 * `stringLines` with, for each line, the line its string opens on (`from`), and whether the string
 * stands as a statement of its own (a docstring, a bare string: prose) or is a value after code on its
 * opening line (`help="""…`, a test's `write("""…` of a file's content: data).
 */
function pythonStrings(lines: string[]): Map<number, { from: number; statement: boolean }> {
  const out = new Map<number, { from: number; statement: boolean }>();
  let open: string | null = null; // the triple quote that closes the open string
  let from = 0;
  let statement = false;
  // Brackets open in the code so far, and whether the last code line went on with a backslash: a string
  // that starts its line inside them (`makeini(` above it) is an argument, a value, not a statement.
  let depth = 0;
  let goesOn = false;
  for (const [i, l] of lines.entries()) {
    // A line that opens a string after code (`help="""…`) is code; one that starts with it is the string.
    const starts = !open && /^\s*[rbuf]*("""|''')/i.test(l);
    if (starts) {
      from = i + 1;
      statement = depth === 0 && !goesOn;
    }
    if (!open && l.trim() && !l.trim().startsWith('#')) goesOn = /\\\s*$/.test(l);
    if (open || starts) out.set(i + 1, { from, statement });
    // Read the line's quotes in order: a triple quote inside a one-line string (`'"""'`) or a comment
    // opens nothing.
    let k = 0;
    while (k < l.length) {
      if (open) {
        const end = l.indexOf(open, k);
        if (end < 0) break;
        open = null;
        k = end + 3;
        continue;
      }
      const c = l[k]!;
      if (c === '#') break;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      if (c === '"' || c === "'") {
        if (l.startsWith(c.repeat(3), k)) {
          open = c.repeat(3);
          // A string opened after code on its line is a value.
          if (from !== i + 1) {
            from = i + 1;
            statement = false;
          }
          k += 3;
          continue;
        }
        let j = k + 1;
        while (j < l.length && l[j] !== c) j += l[j] === '\\' ? 2 : 1;
        k = j + 1;
        continue;
      }
      k++;
    }
  }
  return out;
}

/**
 * The function a decorator's line belongs to (`@click.option("--x", …)` stacked over `def main`): the next
 * item, when every line from the entry's down to it is part of the decorator stack (a line at the item's
 * indentation opens with `@` or closes a bracket; the others are deeper) and the stack opens with `@`.
 */
export function decoratedBy<T extends { start_line: number }>(
  lines: string[],
  items: T[],
  line: number,
): T | undefined {
  const next = items.filter((i) => i.start_line > line).sort((a, b) => a.start_line - b.start_line)[0];
  if (!next) return undefined;
  const indent = /^\s*/.exec(lines[next.start_line - 1] ?? '')![0];
  const inStack = (l: string) =>
    !l.trim() || l.startsWith(`${indent} `) || /^[@)\]]/.test(l.slice(indent.length));
  let top = line;
  while (top > 1 && !lines[top - 1]!.slice(indent.length).startsWith('@') && inStack(lines[top - 1]!)) top--;
  const stack = lines.slice(top - 1, next.start_line - 1);
  return stack[0]?.slice(indent.length).startsWith('@') && stack.every(inStack) ? next : undefined;
}

/** Languages whose comments are `//` and `/* … *\/`; those of `HASH` are `#`. Others: no comment is known. */
const C_LIKE =
  /^(TypeScript|JavaScript|Go|Rust|Java|Kotlin|C#|C|C\+\+|Swift|Scala|Dart|PHP|Vue|Svelte|Zig|Objective-C)$/;
const HASH = /^(Python|Ruby|Shell|Perl|R|Julia|Elixir|PowerShell|HCL)$/;

/**
 * The lines of a source file that are prose, not code, and what kind: a comment (a `#` line, a `//` line, a
 * block comment's lines) or, in Python, a line inside a triple-quoted string (a docstring, a help text, a
 * template). A name written there is mentioned, not used: no registration, read or default of it. A line
 * that has code before its comment or string is code. In a file of no known language, `#` and `//` lines.
 */
export function proseLines(lines: string[], language: string | null): Map<number, 'comment' | 'string'> {
  const out = new Map<number, 'comment' | 'string'>();
  // A file of no language known (a config template without an extension): a line that starts with the
  // usual comment markers, `#` (not `#!`, `#[`) or `//`, is a comment.
  if (!language) {
    for (const [i, l] of lines.entries()) if (/^\s*(?:#(?![![])|\/\/)/.test(l)) out.set(i + 1, 'comment');
    return out;
  }
  if (language === 'Python') for (const n of stringLines(lines)) out.set(n, 'string');
  if (HASH.test(language)) {
    for (const [i, l] of lines.entries())
      if (!out.has(i + 1) && /^\s*#(?![![])/.test(l)) out.set(i + 1, 'comment');
    return out;
  }
  if (!C_LIKE.test(language)) return out;
  const spanning = spanningStrings(lines, language);
  for (const n of spanning.keys()) out.set(n, 'string');
  let block = false;
  for (const [i, l] of lines.entries()) {
    if (spanning.has(i + 1)) continue;
    // Strings blanked, so that a `"/*"` or a glob `*/*` in one opens no comment.
    const code = l.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    if (block) {
      out.set(i + 1, 'comment');
      const end = code.indexOf('*/');
      if (end >= 0) {
        block = false;
        // Code after the comment's end makes the line code.
        if (code.slice(end + 2).trim()) out.delete(i + 1);
      }
      continue;
    }
    const t = code.trim();
    if (t.startsWith('//')) out.set(i + 1, 'comment');
    const open = code.search(/\/\*/);
    if (open < 0 || code.slice(0, open).includes('//')) continue;
    const close = code.indexOf('*/', open + 2);
    if (close < 0) block = true;
    if (!code.slice(0, open).trim() && (close < 0 || !code.slice(close + 2).trim()))
      out.set(i + 1, 'comment');
  }
  return out;
}

/**
 * How each prose line of a file says what it names, for a reader that must tell a mention from a use in a
 * string too (a test's flag on a command line, or in a sentence): `comment`; `doc`, a line of a string that
 * stands as a statement of its own (a Python docstring); `text`, a line inside a string that spans lines
 * as a value after code (a file's content a test writes, a clap help, a Go backquote), with `from`, the
 * line the string opens on. A `text` line is the string's content from end to end: prose only where it
 * reads as prose.
 */
export function saidLines(
  lines: string[],
  language: string | null,
): Map<number, { kind: 'comment' | 'doc' | 'text'; from?: number }> {
  const out = new Map<number, { kind: 'comment' | 'doc' | 'text'; from?: number }>();
  const strings =
    language === 'Python'
      ? new Map([...pythonStrings(lines)].map(([n, s]) => [n, s.statement ? 0 : s.from]))
      : language && C_LIKE.test(language)
        ? spanningStrings(lines, language)
        : new Map<number, number>();
  for (const [n, kind] of proseLines(lines, language)) {
    const from = strings.get(n);
    out.set(
      n,
      kind === 'comment' || from === undefined
        ? { kind: 'comment' }
        : from
          ? { kind: 'text', from }
          : { kind: 'doc' },
    );
  }
  return out;
}

/**
 * Whether a code line names `name` only in its trailing comment (`this.nodes = [] // filled by
 * buildTree()`): the code before the comment does not name it, so the line mentions it and uses nothing.
 */
export function onlyInTrailingComment(
  line: string,
  language: string | null,
  names: (text: string) => boolean,
) {
  if (!language || !(HASH.test(language) || C_LIKE.test(language))) return false;
  const code = maskStrings(line);
  const at = code.search(HASH.test(language) ? /(?:^|\s)#/ : /(?:^|\s)\/\//);
  return at > 0 && Boolean(line.slice(0, at).trim()) && !names(code.slice(0, at)) && names(line.slice(at));
}

/**
 * Whether a code line names `id` only inside messages: its own string literals of words and spaces (an
 * error, a notice: "Unknown MAX_AGE value ({})"), read on the line alone. Interpolated fields (`{x}`,
 * `${x}`) stay code, and a string that spells it as a flag (`--id`) is usage text: neither is a message.
 */
export function onlyInMessage(line: string, id: string, names: (text: string) => boolean): boolean {
  const bare = id.replace(/^-+/, '');
  let message = false;
  let code = '';
  let from = 0;
  for (const [a, b] of stringRanges(line)) {
    const body = line.slice(a + 1, b - 1);
    code += line.slice(from, a);
    from = b;
    if (!/\s/.test(body.trim()) || !names(body) || body.includes(`-${bare}`)) {
      code += line.slice(a, b);
      continue;
    }
    message = true;
    code += ` ${[...body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).join(' ')} `;
  }
  code += line.slice(from);
  return message && !names(code);
}

/**
 * The lines inside a string that spans lines, after the line that opens it (that line has code before the
 * string): Rust's raw `r#"…"#` and plain `"…"` (a clap help text), Go's and JavaScript's backquotes. The line
 * that closes it counts when nothing but closing punctuation follows. Comments are skipped, so a quote in
 * one opens nothing; a Rust `'a` is a lifetime, not a quote.
 */
function spanningStrings(lines: string[], language: string): Map<number, number> {
  const rust = language === 'Rust';
  const ticks = /^(Go|JavaScript|TypeScript|Vue|Svelte)$/.test(language);
  const out = new Map<number, number>(); // a line inside a string → the line the string opens on
  let close: string | null = null; // what ends the open string
  let opener = 0;
  let block = false;
  // The index just past the first `end` at or after k, a backslash escaping one character when `escapes`.
  const endOf = (l: string, k: number, end: string, escapes: boolean) => {
    for (let j = k; j < l.length; j++) {
      if (escapes && l[j] === '\\') j++;
      else if (l.startsWith(end, j)) return j + end.length;
    }
    return -1;
  };
  for (const [i, l] of lines.entries()) {
    let k = 0;
    if (close) {
      const end = endOf(l, 0, close, close === '"' || close === '`');
      if (end < 0 || /^[\s,;)\]}]*$/.test(l.slice(end))) out.set(i + 1, opener);
      if (end < 0) continue;
      close = null;
      k = end;
    }
    while (k < l.length) {
      if (block) {
        const end = l.indexOf('*/', k);
        if (end < 0) break;
        block = false;
        k = end + 2;
        continue;
      }
      if (l.startsWith('//', k)) break;
      if (l.startsWith('/*', k)) {
        block = true;
        k += 2;
        continue;
      }
      const raw = rust && !/\w/.test(l[k - 1] ?? '') ? /^b?r(#*)"/.exec(l.slice(k)) : null;
      const c = l[k]!;
      const quote = raw ? `"${raw[1]}` : c === '"' || (c === '`' && ticks) ? c : null;
      if (quote) {
        const from = raw ? k + raw[0].length : k + 1;
        const end = endOf(l, from, quote, !raw);
        if (end >= 0) {
          k = end;
          continue;
        }
        // Unclosed at the line's end: Rust's strings and backquotes go on; another language's `"` ends here.
        if (raw || rust || c === '`') {
          close = quote;
          opener = i + 1;
        }
        break;
      }
      if (c === "'") {
        // A character or a one-line string; in Rust a lifetime (`'a`) is neither.
        const char = /^'(?:\\.[^']*|[^\\'])'/.exec(l.slice(k));
        if (rust && !char) k++;
        else {
          const end = endOf(l, k + 1, "'", true);
          k = end < 0 ? l.length : end;
        }
        continue;
      }
      k++;
    }
  }
  return out;
}
