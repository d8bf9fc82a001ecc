/**
 * The tests a file declares, with the names a runner's selection is matched against, and whether a
 * selection (pytest `-k`, jest/vitest `-t`, playwright/mocha `--grep`, go `-run`) matches any of them.
 * A minimal reading: the precedent core owns the full version of this file; only the API is relied on.
 */

export interface TestName {
  name: string;
  line: number;
  parents: string[];
}

const JS_CALL =
  /\b(describe|suite|context|it|test|specify)(?:\.(?:only|skip|each\([^)]*\)|concurrent|todo))*\s*\(\s*(['"`])((?:\\.|(?!\2).)*)\2/g;

/** The tests declared in a file (Python `test_*` functions and `Test*` classes, JS describe/it/test, Go `TestX`). */
export function testNamesIn(path: string, text: string): TestName[] {
  const lines = text.split('\n');
  const out: TestName[] = [];
  if (/\.py$/.test(path)) {
    const stack: Array<{ indent: number; name: string }> = [];
    lines.forEach((l, i) => {
      const m = /^([ \t]*)(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/.exec(l);
      if (!m) return;
      const indent = m[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const name = m[3]!;
      if (m[2] === 'class') {
        stack.push({ indent, name });
        if (/^Test/.test(name))
          out.push({ name, line: i + 1, parents: stack.slice(0, -1).map((s) => s.name) });
      } else if (/^test/.test(name)) out.push({ name, line: i + 1, parents: stack.map((s) => s.name) });
    });
    return out;
  }
  if (/\.go$/.test(path)) {
    lines.forEach((l, i) => {
      const m = /^func\s+(Test\w*|Benchmark\w*|Example\w*)\s*\(/.exec(l);
      if (m) out.push({ name: m[1]!, line: i + 1, parents: [] });
    });
    return out;
  }
  // JavaScript/TypeScript: describe blocks open a scope that their braces close.
  const open: Array<{ name: string; depth: number }> = [];
  let depth = 0;
  lines.forEach((l, i) => {
    for (const m of l.matchAll(JS_CALL)) {
      const name = m[3]!;
      if (/^(describe|suite|context)$/.test(m[1]!)) {
        out.push({ name, line: i + 1, parents: open.map((o) => o.name) });
        open.push({ name, depth: depth + 1 });
      } else out.push({ name, line: i + 1, parents: open.map((o) => o.name) });
    }
    for (const ch of l.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '')) {
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        while (open.length && open[open.length - 1]!.depth > depth) open.pop();
      }
    }
  });
  return out;
}

/** pytest `-k`: and/or/not over substrings of a test's name and its parents' names (case-insensitive). */
function pytestK(expr: string, t: TestName): boolean {
  const tokens = expr.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const hay = [t.name, ...t.parents].map((s) => s.toLowerCase());
  const atom = (): boolean => {
    const tok = tokens[i++];
    if (tok === undefined) return false;
    if (tok === 'not') return !atom();
    if (tok === '(') {
      const v = or();
      i++;
      return v;
    }
    const word = tok.toLowerCase();
    return hay.some((h) => h.includes(word));
  };
  const and = (): boolean => {
    let v = atom();
    while (tokens[i] === 'and') {
      i++;
      const r = atom();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === 'or') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  return or();
}

function regexOf(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/** Whether a runner's selection matches at least one of the names. */
export function selectionMatches(runner: string, selection: string, names: TestName[]): boolean {
  if (runner === 'pytest') return names.some((t) => pytestK(selection, t));
  if (runner === 'go') {
    const re = regexOf(selection.split('/')[0]!);
    return re ? names.some((t) => re.test(t.name)) : false;
  }
  const re = regexOf(selection);
  if (!re) return false;
  return names.some((t) => re.test([...t.parents, t.name].join(' ')));
}
