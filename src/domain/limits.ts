/**
 * One set of input limits for every surface (CLI, stdio MCP, HTTP). A value over a limit is refused with
 * the limit and the field, never truncated and never allowed to take the process down.
 */
export const LIMITS = {
  /** One JSON-RPC message, HTTP body, batch file or plan file. */
  messageBytes: 4 * 1024 * 1024,
  /** A task name, title or other one-line field. */
  nameChars: 500,
  /** Who holds a lease (`owner`) and a skill id (`owner/repo/name`). */
  ownerChars: 200,
  skillIdChars: 200,
  /** A task id or id prefix as given to a command (ids are 26-character ULIDs; slugs stay far below). */
  idChars: 200,
  /** Any single string (descriptions, plan bodies, inputs). */
  stringChars: 256 * 1024,
  /** Nesting of JSON objects and arrays. */
  depth: 32,
  /** Items in one list (tasks in a batch, dependencies, issues). */
  listItems: 10_000,
  /** Nesting of markdown block quotes and lists, checked before a plan is parsed. */
  markdownDepth: 24,
  /**
   * A plan file's bytes. The largest plan in examples/ is 13 KB and the largest markdown file of any kind in
   * 25 well-known repositories (510 files) is a 166 KB changelog; 128 KiB is six times the largest seed
   * plan and bounds what a hostile one can cost (bench/markdown-budget.mjs).
   */
  planBytes: 128 * 1024,
  /**
   * Emphasis delimiter runs (`*`, `_`, `~`; an underscore inside a word does not count) in one paragraph or
   * table. The parser pairs them in time that grows with the square of their number; in the 510 markdown
   * files above the most is 70 (bench/markdown-budget.mjs prints the largest seen).
   */
  markdownDelimiters: 200,
  /** The same runs in the whole plan (the most seen: 1,194, in a changelog). */
  markdownDelimitersTotal: 5_000,
  /** Open `[` brackets nested at once in one paragraph (link labels nest; the most seen in real files: 4). */
  markdownBrackets: 8,
  /** `[` in the whole plan (the most seen: 1,720, in a 166 KB changelog; a plan has tens). */
  markdownBracketsTotal: 2_000,
  /**
   * CPU time one parse of plan markdown may take on a server's worker thread (`planning/markdown/tree.ts`).
   * The worst plan the caps above let through took 1.4 s on a slow 2-core machine
   * (bench/markdown-budget.mjs); a plan over this is refused, naming its file.
   */
  markdownParseMs: 10_000,
} as const;

export interface LimitProblem {
  field: string;
  message: string;
}

/**
 * Walks a JSON-like value once and returns the first limit it breaks (depth, list length, string length),
 * naming the field by its path, or null. Iterative, so a hostile depth cannot overflow the stack.
 */
export function checkBounds(value: unknown, root = 'input'): LimitProblem | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > LIMITS.stringChars)
        return { field: path, message: `is ${v.length} characters, over the limit of ${LIMITS.stringChars}` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= LIMITS.depth)
      return { field: path, message: `is nested more than ${LIMITS.depth} levels deep` };
    if (Array.isArray(v)) {
      if (v.length > LIMITS.listItems)
        return { field: path, message: `has ${v.length} items, over the limit of ${LIMITS.listItems}` };
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
    } else {
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}

/** The lines of a markdown text outside fenced code (the fence lines left out too), with their 1-based number. */
function* proseLines(source: string): Generator<[number, string]> {
  let fence: string | null = null;
  let lineNo = 0;
  for (const l of source.split('\n')) {
    lineNo++;
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence === null) yield [lineNo, l];
  }
}

/** The deepest nesting of block quotes and list items in a markdown text (a cheap line scan). */
export function markdownDepth(source: string): { depth: number; line: number } {
  let max = 0;
  let at = 0;
  for (const [lineNo, l] of proseLines(source)) {
    let d = 0;
    let j = 0;
    // Each '>' and each list marker opens a level; indentation by 2+ spaces before a marker nests it.
    for (;;) {
      while (l[j] === ' ' || l[j] === '\t') j++;
      if (l[j] === '>') {
        d++;
        j++;
        continue;
      }
      const m = /^(?:[-*+]|\d{1,9}[.)])(?=\s)/.exec(l.slice(j));
      if (m) {
        d++;
        j += m[0].length;
        continue;
      }
      break;
    }
    const indent = /^[ \t]*/.exec(l)![0].replace(/\t/g, '    ').length;
    d += Math.floor(indent / 2);
    if (d > max) {
      max = d;
      at = lineNo;
    }
  }
  return { depth: max, line: at };
}

/** What a markdown text costs a parser, measured in one linear pass (fenced code skipped). */
export interface MarkdownLoad {
  bytes: number;
  /** The most emphasis delimiter runs in one paragraph, and its line. */
  delimiters: number;
  delimitersLine: number;
  /** Delimiter runs in the whole text. */
  delimitersTotal: number;
  /** The most `[` open at once in one paragraph, and its line; every `[` in the text. */
  brackets: number;
  bracketsLine: number;
  bracketsTotal: number;
}

const WORD = /[\p{L}\p{N}]/u;

export function markdownLoad(source: string): MarkdownLoad {
  const load: MarkdownLoad = {
    bytes: Buffer.byteLength(source),
    delimiters: 0,
    delimitersLine: 0,
    delimitersTotal: 0,
    brackets: 0,
    bracketsLine: 0,
    bracketsTotal: 0,
  };
  let runs = 0;
  let depth = 0;
  for (const [lineNo, l] of proseLines(source)) {
    if (l.trim() === '') {
      runs = 0;
      depth = 0;
      continue;
    }
    // A list marker (`* `, `- `) at the start of a line is not a delimiter.
    const start = /^[\s>]*(?:[*+-]\s+)?/.exec(l)![0].length;
    for (let i = start; i < l.length; i++) {
      const c = l[i]!;
      if (c === '[') {
        load.bracketsTotal++;
        if (++depth > load.brackets) {
          load.brackets = depth;
          load.bracketsLine = lineNo;
        }
      } else if (c === ']') depth = Math.max(0, depth - 1);
      else if (c === '*' || c === '_' || c === '~') {
        let j = i;
        while (l[j + 1] === c) j++;
        // An underscore run inside a word (snake_case) can neither open nor close emphasis.
        const inWord = c === '_' && WORD.test(l[i - 1] ?? '') && WORD.test(l[j + 1] ?? '');
        i = j;
        if (inWord) continue;
        load.delimitersTotal++;
        if (++runs > load.delimiters) {
          load.delimiters = runs;
          load.delimitersLine = lineNo;
        }
      }
    }
  }
  return load;
}

/**
 * The budget a markdown text must meet before it is parsed, checked in one linear pass: its size, and per
 * paragraph the emphasis delimiter runs and the nesting of open brackets, which a CommonMark parser resolves
 * in quadratic time (40 KB of `*_` once took 20 s of CPU). Returns the first problem with its line, or null.
 */
export function markdownBudget(source: string): { line: number; message: string } | null {
  const load = markdownLoad(source);
  if (load.bytes > LIMITS.planBytes)
    return { line: 1, message: `is ${load.bytes} bytes, over the ${LIMITS.planBytes}-byte limit for a plan` };
  if (load.brackets > LIMITS.markdownBrackets)
    return {
      line: load.bracketsLine,
      message: `${load.brackets} brackets open at once in one paragraph, over the limit of ${LIMITS.markdownBrackets}`,
    };
  if (load.bracketsTotal > LIMITS.markdownBracketsTotal)
    return {
      line: 1,
      message: `${load.bracketsTotal} brackets, over the limit of ${LIMITS.markdownBracketsTotal}`,
    };
  if (load.delimiters > LIMITS.markdownDelimiters)
    return {
      line: load.delimitersLine,
      message: `${load.delimiters} emphasis delimiters (*, _, ~) in one paragraph, over the limit of ${LIMITS.markdownDelimiters}`,
    };
  if (load.delimitersTotal > LIMITS.markdownDelimitersTotal)
    return {
      line: 1,
      message: `${load.delimitersTotal} emphasis delimiters (*, _, ~), over the limit of ${LIMITS.markdownDelimitersTotal}`,
    };
  return null;
}
