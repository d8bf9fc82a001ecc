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

/** The deepest nesting of block quotes and list items in a markdown text (a cheap line scan). */
export function markdownDepth(source: string): { depth: number; line: number } {
  let max = 0;
  let at = 0;
  const lines = source.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
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
      at = i + 1;
    }
  }
  return { depth: max, line: at };
}
