/**
 * The names of the tests in a file, as each runner sees them, and whether a selection (`pytest -k`,
 * `jest -t`, `mocha --grep`, `go test -run`, a `cargo test` filter) picks any of them. A narrow test
 * command is only worth writing when it selects something: pytest exits 5 when `-k` selects nothing.
 *
 * - Python: pytest functions `test*` at module level and methods `test*` of classes named `Test*` or of
 *   `unittest.TestCase` subclasses (parents: the class);
 * - JavaScript/TypeScript: `describe`/`context`/`suite` titles as parents of `it`/`test`/`specify` titles;
 * - Go: `func TestX(t *testing.T)` (and `t.Run("sub", …)` inside it, the test as parent);
 * - Rust: `#[test]` (and `#[tokio::test]`-style) functions, with their enclosing `mod`s as parents.
 */
import { maskLifetimes, maskRawStrings, matchClose, outline } from './outline.js';

export interface TestName {
  name: string;
  line: number;
  parents: string[];
}

export function testNamesIn(path: string, text: string): TestName[] {
  return testSpansIn(path, text)
    .filter((s) => !s.group)
    .map(({ name, line, parents }) => ({ name, line, parents }));
}

/** A test or a group of tests (a describe block, a test class) with the last line of its body. */
export interface TestSpan extends TestName {
  end: number;
  group: boolean;
}

/** The tests and groups of a file with their spans, for "which test encloses line N". */
export function testSpansIn(path: string, text: string): TestSpan[] {
  // pytest reads fixtures and hooks from a conftest.py and never collects a test there.
  if (/(^|\/)conftest\.py$/.test(path)) return [];
  if (/\.py$/.test(path)) return python(text);
  if (/\.[cm]?[jt]sx?$/.test(path)) return jsTitles(text);
  if (/\.go$/.test(path)) return goTests(text);
  if (/\.rs$/.test(path)) return rustTests(text);
  return [];
}

function python(text: string): TestSpan[] {
  const items = outline(text, 'Python');
  const classes = items.filter((i) => i.kind === 'class');
  // A test class: named `Test…` (pytest), or derived from a test case class — `unittest.TestCase`, a
  // project's own base named so (`AppBaseTestCase`, `BaseTest`), or a test class of this file.
  const basesOf = (signature: string) =>
    (/^class\s+\w+\s*\(([^)]*)\)/.exec(signature)?.[1] ?? '')
      .split(',')
      .map((b) => b.trim().split('.').pop() ?? '')
      .filter((b) => /^\w+$/.test(b));
  const testClass = new Set(classes.filter((i) => /^Test/.test(i.name)).map((i) => i.qualified));
  const testNames = () => new Set(classes.filter((c) => testClass.has(c.qualified)).map((c) => c.name));
  for (let grew = true; grew; ) {
    grew = false;
    const known = testNames();
    for (const c of classes) {
      if (testClass.has(c.qualified)) continue;
      if (basesOf(c.signature).some((b) => /TestCase$|TestBase$|Tests?$/.test(b) || known.has(b))) {
        testClass.add(c.qualified);
        grew = true;
      }
    }
  }
  const out: TestSpan[] = [];
  const collected = (parents: string[]) =>
    parents.every((_, k) => testClass.has(parents.slice(0, k + 1).join('.')));
  for (const i of items) {
    const parents = i.qualified.split('.').slice(0, -1);
    if (i.kind === 'class' && testClass.has(i.qualified) && collected(parents))
      out.push({ name: i.name, line: i.start_line, parents, end: i.end_line, group: true });
    if (i.kind !== 'function' || !/^test/.test(i.name)) continue;
    // A module-level function, or a method of a test class (every class on the way collected).
    if (!collected(parents)) continue;
    out.push({ name: i.name, line: i.start_line, parents, end: i.end_line, group: false });
  }
  return out;
}

const lineAt = (lineStarts: number[], offset: number) => {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
};

const starts = (text: string) => {
  const s = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) s.push(k + 1);
  return s;
};

const JS_CALL =
  /(?<![\w$.])(describe|context|suite|it|test|specify)((?:\.(?:only|skip|todo|concurrent|sequential|each\s*(?:\([^)]*\)|`[^`]*`)))*)\s*\(\s*(['"`])((?:\\.|(?!\3)[^\\\n])*)\3/g;

/**
 * node-tap's tests: `t.test('title', …)` and `tap.test(…)` (a subtest inside another is a test too), in a
 * file that loads tap (`require('tap')`, `from 'tap'`); elsewhere `x.test('…')` is a regular expression's.
 */
const TAP_CALL =
  /(?<![\w$.])(?:t|tap)\.(test)((?:\.(?:only|skip|todo))*)\s*\(\s*(['"`])((?:\\.|(?!\3)[^\\\n])*)\3\s*,/g;
const LOADS_TAP = /\brequire\(\s*['"]tap['"]\s*\)|\bfrom\s+['"]tap['"]/;

function jsTitles(text: string): TestSpan[] {
  const ls = starts(text);
  const groups: Array<{ title: string; from: number; to: number }> = [];
  const tests: Array<{ title: string; at: number; to: number }> = [];
  const calls = [...text.matchAll(JS_CALL), ...(LOADS_TAP.test(text) ? text.matchAll(TAP_CALL) : [])];
  for (const m of calls) {
    const open = text.indexOf('(', m.index! + m[1]!.length + m[2]!.length);
    const title = m[4]!.replace(/\\(.)/g, '$1');
    const close = matchClose(text, open, '(', ')');
    const to = close < 0 ? text.length : close;
    if (/^(describe|context|suite)$/.test(m[1]!)) groups.push({ title, from: m.index!, to });
    else tests.push({ title, at: m.index!, to });
  }
  const parentsOf = (at: number) => groups.filter((g) => g.from < at && at < g.to).map((g) => g.title);
  return [
    ...groups.map((g) => ({
      name: g.title,
      line: lineAt(ls, g.from),
      parents: parentsOf(g.from),
      end: lineAt(ls, g.to),
      group: true,
    })),
    ...tests.map((t) => ({
      name: t.title,
      line: lineAt(ls, t.at),
      parents: parentsOf(t.at),
      end: lineAt(ls, t.to),
      group: false,
    })),
  ].sort((a, b) => a.line - b.line);
}

function goTests(text: string): TestSpan[] {
  const ls = starts(text);
  const out: TestSpan[] = [];
  for (const m of text.matchAll(/(?:^|\n)func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchClose(text, open, '{', '}');
    const at = m.index! + m[0].indexOf('func');
    const end = lineAt(ls, close < 0 ? text.length : close);
    out.push({ name: m[1]!, line: lineAt(ls, at), parents: [], end, group: false });
    const body = text.slice(open, close < 0 ? text.length : close);
    for (const s of body.matchAll(/\bt\.Run\(\s*"((?:\\.|[^"\\])*)"/g)) {
      const runEnd = matchClose(text, open + s.index! + s[0].indexOf('('), '(', ')');
      out.push({
        name: s[1]!.replace(/ /g, '_'),
        line: lineAt(ls, open + s.index!),
        parents: [m[1]!],
        end: runEnd < 0 ? end : lineAt(ls, runEnd),
        group: false,
      });
    }
  }
  return out;
}

function rustTests(source: string): TestSpan[] {
  // Brackets are matched on the text with lifetimes and raw strings blanked (same offsets).
  const text = maskRawStrings(maskLifetimes(source));
  const ls = starts(text);
  const mods: Array<{ name: string; from: number; to: number }> = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchClose(text, open, '{', '}');
    mods.push({ name: m[1]!, from: open, to: close < 0 ? text.length : close });
  }
  const out: TestSpan[] = [];
  for (const m of text.matchAll(
    /#\[(?:[\w:]+::)?test\b[^\]]*\]\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?(?:async\s+)?fn\s+(\w+)/g,
  )) {
    const at = m.index! + m[0].lastIndexOf(m[1]!);
    const open = text.indexOf('{', at);
    const close = open < 0 ? -1 : matchClose(text, open, '{', '}');
    out.push({
      name: m[1]!,
      line: lineAt(ls, at),
      parents: mods.filter((d) => d.from < at && at < d.to).map((d) => d.name),
      end: lineAt(ls, close < 0 ? text.length : close),
      group: false,
    });
  }
  return out;
}

/** True when the runner's selection picks at least one of the names. An unreadable selection picks nothing. */
export function selectionMatches(runner: string, selection: string, names: TestName[]): boolean {
  const sel = selection.trim();
  if (!sel) return names.length > 0;
  try {
    switch (runner) {
      case 'pytest': {
        if (sel.includes('::')) {
          const parts = sel
            .split('::')
            .slice(1)
            .map((p) => p.replace(/\[.*$/, ''));
          return names.some((n) => {
            const full = [...n.parents, n.name];
            return parts.length <= full.length && parts.every((p, k) => full[k] === p);
          });
        }
        const expr = parseK(sel);
        return names.some((n) => expr([n.name, ...n.parents].map((s) => s.toLowerCase())));
      }
      case 'unittest': {
        const pattern = sel.includes('*')
          ? new RegExp(`^${sel.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
          : null;
        return names.some((n) => {
          const full = [...n.parents, n.name].join('.');
          return pattern ? pattern.test(full) : full.includes(sel);
        });
      }
      case 'jest':
      case 'vitest':
      case 'mocha': {
        const re = new RegExp(sel, runner === 'jest' ? 'i' : '');
        return names.some((n) => re.test([...n.parents, n.name].join(' ')));
      }
      case 'go': {
        const levels = splitGoRun(sel).map((p) => new RegExp(p));
        return names.some((n) => {
          const path = [...n.parents, n.name];
          return levels.length <= path.length ? levels.every((re, k) => re.test(path[k]!)) : false;
        });
      }
      case 'cargo':
        return names.some((n) => [...n.parents, n.name].join('::').includes(sel));
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/** `go test -run` splits its regex at `/` outside brackets and parentheses, one part per subtest level. */
function splitGoRun(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    if (ch === '/' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * pytest's `-k` language: names matched case-insensitively as substrings of a test's name or its parents',
 * combined with `and`, `or`, `not` and parentheses. Throws on a malformed expression.
 */
function parseK(src: string): (keywords: string[]) => boolean {
  const tokens = src.match(/\(|\)|[^\s()]+/g) ?? [];
  let k = 0;
  type Node = (kw: string[]) => boolean;
  const orExpr = (): Node => {
    let left = andExpr();
    while (tokens[k] === 'or') {
      k++;
      const l = left;
      const r = andExpr();
      left = (kw) => l(kw) || r(kw);
    }
    return left;
  };
  const andExpr = (): Node => {
    let left = notExpr();
    while (tokens[k] === 'and') {
      k++;
      const l = left;
      const r = notExpr();
      left = (kw) => l(kw) && r(kw);
    }
    return left;
  };
  const notExpr = (): Node => {
    if (tokens[k] === 'not') {
      k++;
      const inner = notExpr();
      return (kw) => !inner(kw);
    }
    if (tokens[k] === '(') {
      k++;
      const inner = orExpr();
      if (tokens[k++] !== ')') throw new Error('unbalanced parentheses');
      return inner;
    }
    const word = tokens[k++];
    if (!word || word === ')' || /^(and|or)$/.test(word)) throw new Error('expected a name');
    const w = word.toLowerCase();
    return (kw) => kw.some((x) => x.includes(w));
  };
  const node = orExpr();
  if (k !== tokens.length) throw new Error('trailing words');
  return node;
}

/**
 * One selection that picks every named test for the runner, or null (run the file): a name that is part
 * of all the others; for `cargo test`, whose filter is one substring of the test's path, the longest part
 * all names share (four characters or more, not only `test` and separators); for pytest `-k`, up to three
 * names joined by `or`; for jest, vitest and mocha (a regular expression over the full title), up to three
 * escaped names as alternatives; for `go test -run`, up to three top-level test names, anchored. A name a
 * shell would need more than single quotes for is never written.
 */
export function selectionFor(runner: string, names: string[]): string | null {
  const all = [...new Set(names)];
  if (!all.length || all.some((n) => /['\n\\`$]/.test(n))) return null;
  // pytest's -k and jest's -t ignore case; cargo, vitest and mocha do not.
  const fold = (n: string) => (runner === 'pytest' || runner === 'jest' ? n.toLowerCase() : n);
  const inAll = all.find((n) => all.every((m) => fold(m).includes(fold(n))));
  const re = (n: string) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  switch (runner) {
    case 'cargo': {
      if (inAll) return inAll;
      const shared = longestShared(all);
      return shared.length >= 4 && !/^[_:]*(tests?)?[_:]*$/i.test(shared) ? shared : null;
    }
    case 'pytest':
      if (!all.every((n) => /^[A-Za-z_]\w*$/.test(n))) return null;
      return inAll ?? (all.length <= 3 ? all.join(' or ') : null);
    case 'jest':
    case 'vitest':
    case 'mocha':
      return inAll ? re(inAll) : all.length <= 3 ? all.map(re).join('|') : null;
    case 'go':
      // Top-level test names, anchored (`-run TestFetch` would also run `TestFetchAll`).
      if (!all.every((n) => /^Test\w*$/.test(n)) || all.length > 3) return null;
      return all.length === 1 ? `^${all[0]}$` : `^(${all.join('|')})$`;
    default:
      return null;
  }
}

/** The longest substring every name holds. */
function longestShared(names: string[]): string {
  const [first, ...rest] = [...names].sort((a, b) => a.length - b.length);
  let best = '';
  for (let i = 0; i < first!.length; i++)
    for (let j = first!.length; j > i + best.length; j--) {
      const part = first!.slice(i, j);
      if (rest.every((n) => n.includes(part))) {
        best = part;
        break;
      }
    }
  return best;
}
