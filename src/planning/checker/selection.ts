import { selectionMatches, type TestName, testNamesIn } from '../../explore/test-names.js';
import { collectedBy, workspaceNarrow } from '../checks.js';
import type { CheckContext } from './context.js';
import { runnerConfigs, takes } from './runners.js';
import { reach, scriptsOf } from './scripts.js';
import { joinDir, parseCommand } from './shell.js';

/**
 * What a test command runs: the files it names (or collects), the selection it makes (`-k`, `-t`, `--grep`,
 * a node id, `-run`), and whether the runner is the one the files are written for.
 */

const VALUE_FLAGS: Record<string, RegExp> = {
  pytest:
    /^(-k|-m|-c|-p|-o|-n|-W|--rootdir|--deselect|--ignore|--ignore-glob|--maxfail|--tb|--junitxml|--cov|--cov-report|--cov-config|--durations|--log-level|--basetemp|--import-mode|--confcutdir|--override-ini|--dist)$/,
  jest: /^(-t|--testNamePattern|-c|--config|--reporters?|--selectProjects|--shard|--maxWorkers|-w|--testTimeout|--env|--testEnvironment|--rootDir|--roots|--coverageReporters|--outputFile|--testPathIgnorePatterns)$/,
  vitest:
    /^(-t|--testNamePattern|-c|--config|--reporter|--project|--shard|--maxWorkers|--environment|--testTimeout|--root|-r|--dir|--mode|--pool|--outputFile|--exclude)$/,
  playwright:
    /^(-g|--grep|--grep-invert|-gv|--project|-c|--config|--reporter|--workers|-j|--shard|--retries|--timeout|--repeat-each|--max-failures|--output|--trace)$/,
  mocha:
    /^(-g|--grep|-f|--fgrep|-r|--require|-R|--reporter|-t|--timeout|-u|--ui|--file|--extension|--config|--spec|-s|--slow|--reporter-option|-O)$/,
  go: /^(-run|-bench|-count|-timeout|-tags|-p|-coverprofile|-covermode|-coverpkg|-parallel|-skip|-shuffle)$/,
};
const SELECT: Record<string, RegExp> = {
  pytest: /^-k$/,
  jest: /^(-t|--testNamePattern)$/,
  vitest: /^(-t|--testNamePattern)$/,
  playwright: /^(-g|--grep)$/,
  mocha: /^(-g|--grep)$/,
  go: /^-run$/,
};
const TEST_FILE: Record<string, RegExp> = {
  pytest: /(^|\/)(test_[^/]*|[^/]*_test)\.py$/,
  go: /_test\.go$/,
  js: /(\.(test|spec)\.[cm]?[jt]sx?$)|(__tests__\/.*\.[cm]?[jt]sx?$)|(^|\/)tests?\/.*\.[cm]?[jt]sx?$/,
};
const SKIP_DIRS =
  /^(node_modules|\.git|dist|build|\.venv|venv|vendor|__pycache__|\.tox|\.nox|coverage|target|\.next)$/;

interface Args {
  positional: string[];
  selection?: string;
  nodeIds: string[];
}

function readArgs(runner: string, args: string[]): Args {
  const out: Args = { positional: [], nodeIds: [] };
  const value = VALUE_FLAGS[runner] ?? /^$/;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^(--?[\w-]+)=(.*)$/.exec(a);
    if (eq && SELECT[runner]?.test(eq[1]!)) out.selection = eq[2]!;
    if (eq) continue;
    if (runner === 'pytest' && /^-k./.test(a)) {
      out.selection = a.slice(2);
      continue;
    }
    if (value.test(a)) {
      if (SELECT[runner]?.test(a)) out.selection = args[i + 1];
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (runner === 'pytest' && a.includes('::')) out.nodeIds.push(a);
    else out.positional.push(a.replace(/:\d+$/, ''));
  }
  return out;
}

/** Test files under a folder, bounded, skipping dependencies and build output. */
function walk(ctx: CheckContext, dir: string, want: { test(p: string): boolean }, limit = 4000): string[] {
  const out: string[] = [];
  const queue = [dir];
  while (queue.length && out.length < limit) {
    const d = queue.shift()!;
    for (const e of ctx.list(d)) {
      const p = d === '.' ? e.name : `${d}/${e.name}`;
      if (e.dir) {
        if (!SKIP_DIRS.test(e.name)) queue.push(p);
      } else if (want.test(p)) out.push(p);
    }
  }
  return out;
}

function filesRun(ctx: CheckContext, runner: string, a: Args, cwd: string): string[] {
  const configured = ctx.profile.testRunner?.name === 'pytest' ? ctx.profile.testRunner : null;
  // pytest's own python_files when the project sets them (`unittest_*.py`), else its defaults.
  const want =
    runner === 'pytest'
      ? configured
        ? { test: (p: string) => collectedBy({ ...configured, roots: [] }, p) === true }
        : TEST_FILE.pytest!
      : runner === 'go'
        ? TEST_FILE.go!
        : TEST_FILE.js!;
  const out: string[] = [];
  for (const p of a.positional) {
    const path = joinDir(cwd, p.replace(/\/\.\.\.$/, ''));
    if (ctx.files.isFile(path)) out.push(path);
    else if (ctx.files.isDirectory(path)) out.push(...walk(ctx, path, want));
    else if (runner === 'jest' || runner === 'vitest') {
      // jest and vitest read a word as a pattern over the paths of the files they collect.
      const all = walk(ctx, cwd, want);
      out.push(...all.filter((f) => f.includes(p)));
    }
  }
  if (!a.positional.length && !a.nodeIds.length) {
    const roots =
      runner === 'pytest' && ctx.profile.testRunner?.name === 'pytest' && ctx.profile.testRunner.roots.length
        ? ctx.profile.testRunner.roots.map((r) => joinDir(cwd, r))
        : [cwd];
    for (const r of roots) out.push(...walk(ctx, r, want));
  }
  return out;
}

/**
 * The tests a plan itself writes or names, for the selection check: a selection that matches one of them
 * is right even though the file does not hold it yet. `files` are the plan's files (to create or modify).
 */
export interface PlannedTests {
  names: TestName[];
  files: string[];
}

/**
 * The test names in a plan's own text and sketches: pytest's `test_…` functions and `Test…` classes, Go's
 * `TestXxx`, and the titles of `it(…)`/`test(…)`/`describe(…)` calls in its sketches.
 */
export function plannedTestNames(
  texts: string[],
  sketches: Array<{ language: string; code: string }>,
): TestName[] {
  const out: TestName[] = [];
  for (const t of texts)
    for (const m of t.matchAll(/\b(test_\w+|Test[A-Z_]\w*)\b/g))
      out.push({ name: m[1]!, line: 0, parents: [] });
  for (const s of sketches) {
    const ext = /^py/i.test(s.language)
      ? 'py'
      : /^go$/i.test(s.language)
        ? 'go'
        : /^(ts|typescript|js|javascript|tsx|jsx|mjs)$/i.test(s.language)
          ? 'ts'
          : null;
    if (ext) out.push(...testNamesIn(`sketch_test.${ext}`, s.code));
  }
  return out;
}

/** Why a test command's selection matches no test in the files it runs, or null. */
export function selectionProblem(
  ctx: CheckContext,
  runner: string,
  args: string[],
  cwd: string,
  planned?: PlannedTests,
): string | null {
  const a = readArgs(runner, args);
  for (const id of a.nodeIds) {
    const [file, ...parts] = id.split('::');
    const path = joinDir(cwd, file!);
    const text = ctx.read(path);
    const last = parts[parts.length - 1]!.replace(/\[.*$/, '');
    // A test the plan writes into that file (a file it creates does not exist yet).
    if (planned?.files.includes(path) && planned.names.some((n) => n.name === last)) continue;
    if (text === null) return `the node id ${id} names ${path}, which does not exist`;
    const names = runner === 'pytest' ? withMethods(testNamesIn(path, text), text) : testNamesIn(path, text);
    const hit = names.some((n) => n.name === last && parts.slice(0, -1).every((p) => n.parents.includes(p)));
    if (!hit) return `the node id ${id} names no test in ${path}${nearest(runner, names, last)}`;
  }
  if (!a.selection) return null;
  const files = filesRun(ctx, runner, a, cwd);
  if (!files.length) return null;
  const names: TestName[] = [];
  const shown: TestName[] = [];
  for (const f of files) {
    const t = ctx.read(f);
    if (t === null) continue;
    // pytest matches -k against parametrize ids too: where they are computed (a variable, a generator,
    // `ids=`, `pytest_generate_tests`), no -k can be refuted.
    if (runner === 'pytest' && computedIds(ctx, f, t)) return null;
    // pytest matches -k against the names of a test's parents too: its module file and folders.
    const up = runner === 'pytest' ? f.split('/') : [];
    const own = runner === 'pytest' ? withMethods(testNamesIn(f, t), t) : testNamesIn(f, t);
    shown.push(...own);
    names.push(...own.map((n) => ({ ...n, parents: [...up, ...n.parents] })));
  }
  if (!names.length || selectionMatches(runner, a.selection, names)) return null;
  // The tests the plan writes into a file this command runs (or into a folder it runs) count as there.
  if (planned?.names.length) {
    const dirs = a.positional.map((p) => joinDir(cwd, p.replace(/\/\.\.\.$/, '')));
    const runsPlanned = planned.files.some(
      (p) =>
        files.includes(p) ||
        dirs.some((d) => p === d || p.startsWith(`${d}/`)) ||
        (!a.positional.length && !a.nodeIds.length),
    );
    if (runsPlanned && selectionMatches(runner, a.selection, planned.names)) return null;
  }
  const where = files.length === 1 ? files[0] : `the ${files.length} test files it runs`;
  const flag =
    runner === 'pytest'
      ? '-k'
      : runner === 'go'
        ? '-run'
        : runner === 'playwright' || runner === 'mocha'
          ? '--grep'
          : '-t';
  return `${flag} "${a.selection}" selects no test in ${where}${nearest(runner, shown, a.selection)}`;
}

/**
 * Whether a Python test file's tests get ids pytest computes: `parametrize` over anything but a literal
 * list, `ids=`, or a `pytest_generate_tests` hook in the file or a conftest.py above it. Literal values are
 * matched as they are (`parametrizeWords`).
 */
function computedIds(ctx: CheckContext, path: string, text: string): boolean {
  if (/\bpytest_generate_tests\b/.test(text)) return true;
  for (const call of parametrizeCalls(text)) {
    if (/\bids\s*=/.test(call)) return true;
    // parametrize("name", <argvalues>): a literal list or tuple is known; a name or a call is not.
    const rest = call.replace(/^\s*(["'])[^"']*\1\s*,\s*/, '');
    if (!/^[[(]/.test(rest.trim())) return true;
  }
  const dirs = path.split('/').slice(0, -1);
  for (let i = dirs.length; i >= 0; i--) {
    const conf = ctx.read([...dirs.slice(0, i), 'conftest.py'].join('/'));
    if (conf && /\bpytest_generate_tests\b/.test(conf)) return true;
  }
  return false;
}

/** The argument text of each `parametrize(…)` call in a file (to its matching parenthesis). */
function parametrizeCalls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\.parametrize\(/g)) {
    let depth = 1;
    let i = m.index! + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(' || text[i] === '[' || text[i] === '{') depth++;
      else if (text[i] === ')' || text[i] === ']' || text[i] === '}') depth--;
    }
    out.push(text.slice(start, i - 1));
  }
  return out;
}

/**
 * pytest's names plus test methods of classes whose base makes them tests without a `Test` name
 * (`class BlackTestCase(BaseTestCase)` over `unittest.TestCase`), and the literal parametrize values a
 * test's ids are made of (`test_x[1-a]`), as names under the test so -k can match them.
 */
function withMethods(names: TestName[], text: string): TestName[] {
  const out = [...names];
  const have = new Set(names.map((n) => [...n.parents, n.name].join('::')));
  const lines = text.split('\n');
  let cls: { name: string; indent: number } | null = null;
  lines.forEach((l, i) => {
    const c = /^(\s*)class\s+([A-Za-z_]\w*)\s*\(\s*[^)\s]/.exec(l);
    if (c) {
      cls = { name: c[2]!, indent: c[1]!.length };
      return;
    }
    const d = /^(\s*)(?:async\s+)?def\s+(test\w*)\s*\(\s*self\b/.exec(l);
    if (cls && d && d[1]!.length > cls.indent) {
      const key = `${cls.name}::${d[2]}`;
      if (!have.has(key)) {
        have.add(key);
        out.push({ name: d[2]!, line: i + 1, parents: [cls.name] });
      }
    } else if (cls && /^\S/.test(l) && !/^(class|@|#)/.test(l)) cls = null;
  });
  // Literal parametrize values: each becomes a keyword of the test right below its decorator.
  for (const m of text.matchAll(/\.parametrize\(/g)) {
    const at = text.slice(0, m.index!).split('\n').length;
    const test = names.find((n) => n.line > at && n.line - at < 40);
    if (!test) continue;
    const call = parametrizeCalls(text.slice(m.index!))[0] ?? '';
    for (const v of call.matchAll(/["']([^"'\n]{1,60})["']|\b(\d+(?:\.\d+)?|True|False|None)\b/g))
      out.push({ name: v[1] ?? v[2]!, line: test.line, parents: [...test.parents, test.name] });
  }
  return out;
}

/** Test names as a person reads them: pytest's `Class::test`, a JS test's describe titles and its own. */
function nearest(runner: string, names: TestName[], wanted: string): string {
  const words = wanted
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !/^(and|not|or)$/.test(w));
  // Tests, not the describe blocks that hold them.
  const holders = new Set(names.flatMap((n) => n.parents));
  const leaves = names.filter((n) => !holders.has(n.name));
  const close = leaves.filter((n) => words.some((w) => n.name.toLowerCase().includes(w))).slice(0, 3);
  const pick = (close.length ? close : leaves.slice(0, 3)).map((n) =>
    runner === 'pytest' || runner === 'go'
      ? [...n.parents, n.name].join(runner === 'go' ? '/' : '::')
      : `"${[...n.parents, n.name].join(' ')}"`,
  );
  return pick.length ? ` (tests there: ${pick.join(', ')}${leaves.length > 3 ? ', …' : ''})` : '';
}

/** The runner a test file is written for: by its imports, else by the runner configs that take it. */
function ownerOf(ctx: CheckContext, path: string): { runner: string; cite: string } | null {
  if (/\.py$/.test(path)) return { runner: 'pytest', cite: path };
  if (/_test\.go$/.test(path)) return { runner: 'go', cite: path };
  const text = ctx.read(path) ?? '';
  const imp = /from\s+['"](@playwright\/test|vitest|@jest\/globals|mocha)['"]/.exec(text);
  if (imp) {
    const runner =
      imp[1] === '@playwright/test' ? 'playwright' : imp[1] === '@jest/globals' ? 'jest' : imp[1]!;
    return { runner, cite: `${path}:${text.slice(0, imp.index).split('\n').length}` };
  }
  const taking = runnerConfigs(ctx).filter((c) => takes(c, path));
  return taking.length === 1 ? { runner: taking[0]!.name, cite: taking[0]!.cite } : null;
}

const RUNNER_NAME: Record<string, string> = {
  playwright: 'Playwright',
  vitest: 'Vitest',
  jest: 'Jest',
  mocha: 'Mocha',
  pytest: 'pytest',
  go: 'go test',
};

/** Why a runner is the wrong one for a test file the command names, with the command that runs it; or null. */
export function wrongRunner(ctx: CheckContext, runner: string, args: string[], cwd: string): string | null {
  const a = readArgs(runner, args);
  for (const p of [...a.positional, ...a.nodeIds.map((n) => n.split('::')[0]!)]) {
    const path = joinDir(cwd, p);
    if (!ctx.files.isFile(path)) continue;
    // pytest collects Python files (and, with plugins, data files), never JavaScript or TypeScript.
    if (runner === 'pytest' && /\.(c|m)?[jt]sx?$/.test(path)) {
      const owner = ownerOf(ctx, path);
      const test = scriptsOf(ctx, '.').test;
      return `${path} is a JavaScript test, not one pytest runs; run it with \`${owner ? runWith(ctx, owner.runner, path) : test ? `npm test -- ${path}` : `the project's JavaScript test runner`}\``;
    }
    const owner = ownerOf(ctx, path);
    if (!owner || owner.runner === runner) continue;
    const own = runnerConfigs(ctx).filter((c) => c.name === runner);
    if (
      owner.runner !== 'pytest' &&
      owner.runner !== 'go' &&
      own.some((c) => takes(c, path)) &&
      !/@playwright\/test/.test(ctx.read(path) ?? '')
    )
      continue;
    return `${path} is a ${RUNNER_NAME[owner.runner] ?? owner.runner} test (${owner.cite}), not one ${RUNNER_NAME[runner] ?? runner} runs; run it with \`${runWith(ctx, owner.runner, path)}\``;
  }
  return null;
}

/**
 * The command that runs a file with a runner: in its workspace package's folder when that package's test
 * script runs the runner (the engine's `workspaceNarrow`), else the project's script for the runner with
 * the file after `--`, else the runner itself.
 */
function runWith(ctx: CheckContext, runner: string, path: string): string {
  const ws = workspaceNarrow(ctx.profile, path);
  if (ws?.runner === runner) return ws.command;
  for (const [name, body] of Object.entries(scriptsOf(ctx, '.'))) {
    const calls = reach(ctx, parseCommand(body).commands).map((r) => r.cmd.argv.join(' '));
    const hit = calls.some((c) =>
      runner === 'playwright'
        ? /\bplaywright test\b/.test(c)
        : new RegExp(`(^|[\\s/])${runner}(\\s|$)`).test(c),
    );
    if (hit) return `${name === 'test' ? 'npm test' : `npm run ${name}`} -- ${path}`;
  }
  if (runner === 'pytest') return `pytest ${path}`;
  if (runner === 'go') return `go test ./${path.slice(0, path.lastIndexOf('/'))}/`;
  return runner === 'playwright'
    ? `npx playwright test ${path}`
    : runner === 'vitest'
      ? `npx vitest run ${path}`
      : `npx ${runner} ${path}`;
}
