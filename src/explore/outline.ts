/**
 * The outline of a source file: its functions, classes and methods with the lines they span, their
 * enclosing symbol and their signature as written. Block structure is read the way each language marks
 * it: indentation for Python (and Ruby's `end`-closed blocks, which are indented by convention), braces
 * for the C family (JavaScript/TypeScript, Go, Rust, Java, Kotlin, C#, PHP), with strings, comments and
 * template literals skipped. See docs/ARCHITECTURE.md ("Edit points") for why this is not tree-sitter.
 */
import { extractSymbols } from './symbols.js';

export interface OutlineItem {
  name: string;
  /** `Class.method` for a member, else the name. */
  qualified: string;
  kind: 'class' | 'function';
  /** 1-based, inclusive; decorators are not included. */
  start_line: number;
  end_line: number;
  /** The declaration as written, joined onto one line (up to the body's opening `:` or `{`). */
  signature: string;
}

const PY_DEF = /^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)/;
const RB_DEF = /^([ \t]*)(def|class|module)[ \t]+(?:self\.)?([A-Za-z_][\w:]*[?!=]?)/;
const BRACE_LANGS = new Set([
  'TypeScript',
  'JavaScript',
  'Vue',
  'Svelte',
  'Go',
  'Rust',
  'Java',
  'Kotlin',
  'C#',
  'Scala',
  'PHP',
]);

export function outline(text: string, language: string | null): OutlineItem[] {
  if (language === 'Python') return indented(text, PY_DEF, true);
  if (language === 'Ruby') return indented(text, RB_DEF, false);
  if (language && BRACE_LANGS.has(language)) return braced(text, language);
  return [];
}

const indentOf = (s: string) => s.match(/^[ \t]*/)![0].replace(/\t/g, '    ').length;

/** Python and Ruby: a block ends before the first later line indented no deeper than its header. */
function indented(text: string, header: RegExp, python: boolean): OutlineItem[] {
  const lines = text.split('\n');
  // Lines inside a multi-line string or bracket continuation are not block structure.
  const structural: boolean[] = new Array(lines.length).fill(true);
  if (python) {
    let inString: string | null = null;
    let depth = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // A top-level `def`, `class` or decorator is never a continuation: recover from a miscount there.
      if (!inString && depth > 0 && /^(def|class|async def|@)\b/.test(line)) depth = 0;
      if (inString || depth > 0) structural[i] = false;
      for (let k = 0; k < line.length; k++) {
        const ch = line[k]!;
        if (inString) {
          if (ch === '\\') k++;
          else if (line.startsWith(inString, k)) {
            k += inString.length - 1;
            inString = null;
          }
          continue;
        }
        if (ch === '#') break;
        if (line.startsWith('"""', k) || line.startsWith("'''", k)) {
          inString = line.slice(k, k + 3);
          k += 2;
        } else if (ch === '"' || ch === "'") {
          // To the closing quote; a backslash escapes the next character (in raw strings too).
          let j = k + 1;
          while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
          k = j;
        } else if ('([{'.includes(ch)) depth++;
        else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
      }
    }
  }
  const items: OutlineItem[] = [];
  const open: Array<{ item: OutlineItem; indent: number }> = [];
  const close = (upto: number, indent: number) => {
    while (open.length && open[open.length - 1]!.indent >= indent) {
      const o = open.pop()!;
      // The block ends at its last non-blank line before `upto`.
      let end = upto;
      while (end > o.item.start_line && !lines[end - 1]!.trim()) end--;
      o.item.end_line = Math.max(o.item.start_line, end);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!structural[i] || !line.trim() || /^\s*#/.test(line)) continue;
    const indent = indentOf(line);
    if (!python && /^\s*end\b/.test(line)) {
      // Ruby: `end` at a block's own indent closes it, on this line.
      const top = open[open.length - 1];
      if (top && top.indent === indent) {
        open.pop();
        top.item.end_line = i + 1;
      }
      continue;
    }
    close(i, indent);
    const m = line.match(header);
    if (!m) continue;
    const parent = open[open.length - 1]?.item;
    let sig = line.trim();
    if (python) {
      // The signature runs to the line whose colon opens the body.
      for (let k = i; k < Math.min(lines.length, i + 30); k++) {
        if (k > i) sig += ` ${lines[k]!.trim()}`;
        if (/:\s*(#.*)?$/.test(lines[k]!) && balanced(sig)) break;
      }
      sig = tidy(sig.replace(/:\s*(#.*)?$/, ''));
    }
    const name = m[3]!;
    const item: OutlineItem = {
      name,
      qualified: parent ? `${parent.qualified}.${name}` : name,
      kind: m[2] === 'def' ? 'function' : 'class',
      start_line: i + 1,
      end_line: i + 1,
      signature: sig,
    };
    items.push(item);
    open.push({ item, indent });
  }
  close(lines.length, -1);
  return items;
}

/** A declaration joined onto one line: single spaces, none inside brackets' edges or before commas. */
function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([([{]) /g, '$1')
    .replace(/ ([)\]},])/g, '$1')
    .replace(/,([)\]}])/g, '$1')
    .trim();
}

function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if ('([{'.includes(ch)) d++;
    else if (')]}'.includes(ch)) d--;
  }
  return d <= 0;
}

/**
 * For each character offset, the brace depth, skipping strings, template literals and comments. Returns
 * the offset of the `}` that closes the `{` at `openAt`, or -1.
 */
/**
 * If a string, template literal, comment or regular expression literal starts at `k`, the offset of its
 * last character; else -1.
 */
function skipToken(text: string, k: number): number {
  const ch = text[k]!;
  if (ch === '"' || ch === "'" || ch === '`') return skipString(text, k);
  if (ch !== '/') return -1;
  const next = text[k + 1];
  if (next === '/') {
    const nl = text.indexOf('\n', k);
    return nl < 0 ? text.length : nl - 1;
  }
  if (next === '*') {
    const end = text.indexOf('*/', k + 2);
    return end < 0 ? text.length : end + 1;
  }
  // A regular expression literal follows an operator, a bracket, a comma or a keyword, not a value.
  let p = k - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  const before = p < 0 ? '\n' : text[p]!;
  if (
    !/[(,=:[!&|?{};\n+\-*%<>~^]/.test(before) &&
    !/\b(return|typeof|case|in|of)$/.test(text.slice(Math.max(0, p - 6), p + 1))
  )
    return -1;
  let inClass = false;
  for (let j = k + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') j++;
    else if (c === '\n') return -1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '/') return j;
  }
  return -1;
}

/** The offset of the bracket that closes the one at `openAt` (strings, comments, regexes skipped), or -1. */
export function matchClose(text: string, openAt: number, open: string, close: string): number {
  let depth = 0;
  for (let k = openAt; k < text.length; k++) {
    const ch = text[k]!;
    const skip = skipToken(text, k);
    if (skip >= 0) k = skip;
    else if (ch === open) depth++;
    else if (ch === close) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

const matchBrace = (text: string, openAt: number) => matchClose(text, openAt, '{', '}');
const matchParen = (text: string, openAt: number) => matchClose(text, openAt, '(', ')');

/** Where an expression that starts at `k` ends: a `;`, `,` or closing bracket at depth 0, or a line break there. */
function expressionEnd(text: string, k: number): number {
  let depth = 0;
  let last = k;
  for (let j = k; j < text.length; j++) {
    const ch = text[j]!;
    const skip = skipToken(text, j);
    if (skip >= 0) {
      j = skip;
      last = j;
      continue;
    }
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return last;
      depth--;
    } else if (depth === 0 && (ch === ';' || ch === ',')) return last;
    else if (depth === 0 && ch === '\n') {
      // A line that goes on with an operator continues the expression.
      const rest = /^\s*(\S)/.exec(text.slice(j + 1, j + 200));
      if (!rest || !/[.?:+\-*/|&]/.test(rest[1]!)) return last;
    }
    if (!/\s/.test(ch)) last = j;
  }
  return last;
}

function skipString(text: string, at: number): number {
  const q = text[at]!;
  for (let k = at + 1; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '\\') k++;
    else if (q === '`' && ch === '$' && text[k + 1] === '{') {
      const end = matchBrace(text, k + 1);
      if (end < 0) return text.length;
      k = end;
    } else if (ch === q) return k;
    else if (ch === '\n' && q !== '`') return k;
  }
  return text.length;
}

/**
 * Rust's lifetimes (`&'a str`, `Config<'_>`) blanked to spaces, same length: a lone `'` is no char literal
 * there, and read as one it would swallow the rest of its line, the body's `{` with it. A char literal
 * (`'a'`, `'\n'`) closes its quote and is kept.
 */
export const maskLifetimes = (text: string) =>
  text.replace(/'(?:[A-Za-z_]\w*)(?![\w'])/g, (m) => ' '.repeat(m.length));

/**
 * Rust's raw strings (`r"…"`, `r#"…"#`, `br#"…"#`) blanked to spaces, line breaks kept: they span lines and
 * hold quotes and brackets freely (a test's expected JSON in `indoc! {r#"…"#}`), which the string reader,
 * ending a string at its line's end, would take for code.
 */
export const maskRawStrings = (text: string) =>
  text.replace(/\bb?r(#*)"[\s\S]*?"\1/g, (m) => m.replace(/[^\n]/g, ' '));

function braced(source: string, language: string): OutlineItem[] {
  const starts = extractSymbols(source, language, { all: true });
  // Offsets are the source's; only brackets and strings are read from the masked text.
  const text = language === 'Rust' ? maskRawStrings(maskLifetimes(source)) : source;
  const lineStart: number[] = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStart.push(k + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStart[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const items: OutlineItem[] = [];
  for (const s of starts) {
    const from = lineStart[s.line - 1]!;
    const declLine = text.slice(from, text.indexOf('\n', from) < 0 ? text.length : text.indexOf('\n', from));
    // Types, interfaces and one-line arrows have no block of their own to edit inside: keep them one line.
    if (/^\s*(export\s+)?(type|interface|enum)\b/.test(declLine) && !/\{/.test(declLine)) continue;
    // The body opens at the first `{` after the name, before the statement ends, at paren depth 0
    // (`foo(a, function (err) {` is a call with a callback, not a declaration; a Go parameter's
    // `interface{}` is a type).
    // The name as a whole word: a Go method's name may be part of its receiver's type (`Encode` in
    // `func (e *yamlEncoder) Encode(`), where the scan for its body would start inside the receiver.
    const word = new RegExp(`(?<![\\w$])${s.name.replace(/[$]/g, '\\$&')}(?![\\w$])`, 'g');
    word.lastIndex = from;
    const nameAt = word.exec(text)?.index ?? text.indexOf(s.name, from);
    let open = -1;
    let end = s.line;
    const arrow =
      /^\s*(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*(?:async\s*)?(?!\s|function\b|class\b)/.exec(
        declLine,
      );
    if (arrow) {
      // `const f = (…) =>` or `const f = x =>`; anything else (`const x = (a || b).c`) is not a function.
      let k = from + arrow[0].length;
      if (text[k] === '(') {
        const close = matchParen(text, k);
        if (close < 0) continue;
        k = close + 1;
      } else {
        const id = /^[\w$]+/.exec(text.slice(k));
        if (!id) continue;
        k += id[0].length;
      }
      const after = /^\s*(?::[^=;{]+)?=>\s*/.exec(text.slice(k, k + 400));
      if (!after) continue;
      k += after[0].length;
      if (text[k] === '{') open = k;
      else end = lineOf(expressionEnd(text, k));
    } else {
      let paren = 0;
      for (let k = nameAt; k < text.length && k < nameAt + 2000; k++) {
        const ch = text[k]!;
        const skip = skipToken(text, k);
        if (skip >= 0) k = skip;
        else if (ch === '(') paren++;
        else if (ch === ')') paren--;
        else if (ch === '{' && paren > 0 && /\b(?:interface|struct)\s*$/.test(text.slice(k - 12, k))) {
          // A type written in the parameters (Go's `interface{}`, `struct{}`) is no body.
          const close = matchBrace(text, k);
          if (close < 0) break;
          k = close;
        } else if (ch === '{') {
          if (paren === 0) open = k;
          break;
        } else if (ch === ';' && paren <= 0) break;
      }
      if (open < 0) continue;
    }
    const close = open >= 0 ? matchBrace(text, open) : -1;
    if (close >= 0) end = lineOf(close);
    const signature = tidy(
      open >= 0 ? source.slice(from, open) : source.slice(from, from + declLine.length),
    ).replace(/\s*=>\s*$/, ' =>');
    const isClass = /\b(class|interface|struct|trait|enum|impl|object|record)\s+[A-Za-z_$]/.test(
      declLine.slice(0, declLine.indexOf(s.name) + s.name.length),
    );
    items.push({
      name: s.name,
      qualified: s.name,
      kind: isClass ? 'class' : 'function',
      start_line: s.line,
      end_line: Math.max(s.line, end),
      signature: signature.length > 240 ? `${signature.slice(0, 237)}…` : signature,
    });
  }
  // Members: the innermost class whose block contains the item.
  for (const it of items) {
    const parent = items
      .filter(
        (p) => p !== it && p.kind === 'class' && p.start_line < it.start_line && p.end_line >= it.end_line,
      )
      .sort((a, b) => b.start_line - a.start_line)[0];
    if (parent) it.qualified = `${parent.name}.${it.name}`;
  }
  return items;
}
