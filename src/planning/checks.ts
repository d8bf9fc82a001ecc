/**
 * What a plan promises about commands and new files, checked the same way by the offline engine (before it
 * writes a plan), by `submit_plan` (grounding) and by `lint`: commands terminate, new modules have names
 * their language can import, new tests are files the project's runner collects.
 */
import picomatch from 'picomatch';
import type { CodebaseProfile, CommandFinding, CommandPurpose, TestRunner } from '../explore/profile.js';
import { selectionFor } from '../explore/test-names.js';
import { changesTree, namedNeverEnds, neverEnds, programOf } from './checker/command-kinds.js';
import { parseCommand, type SimpleCommand, show } from './checker/shell.js';

/**
 * Why a command cannot be a check (it never exits, or hides failures); null when it can. Judged on the
 * words of the command and of the script it runs (`runs`), the script's name deciding only when its body
 * is not a program known to exit.
 */
export function nonTerminating(command: string, runs?: string): string | null {
  const outer = parseCommand(command).commands;
  const inner = runs === undefined ? [] : parseCommand(runs).commands;
  for (const c of [...outer, ...inner]) {
    const why = neverEnds(c) ?? changesTree(c);
    if (why) return why;
  }
  const script =
    outer.length === 1
      ? /^(?:npm|pnpm|yarn|bun)(?:\s+run)?\s+([\w:.-]+)/.exec(command.trim())?.[1]
      : undefined;
  if (script) {
    for (const c of inner.length ? inner : [{ env: {}, argv: [], cwd: '.', joined: '' }]) {
      const why = namedNeverEnds(script, c);
      if (why) return why;
    }
  }
  return null;
}

/** Where a command is defined, best first: the project's own aliases, then CI, then a tool's config. */
const EVIDENCE_RANK = (c: CommandFinding) =>
  /(^|\/)(package\.json|Makefile|tox\.ini|noxfile\.py|justfile|Taskfile\.ya?ml)$/.test(c.evidence.file)
    ? 0
    : /^\.github\/|\.gitlab-ci|\.circleci|azure-pipelines|Jenkinsfile/.test(c.evidence.file)
      ? 1
      : 2;

/**
 * A test command that runs one of the project's own scripts named for a particular test (`ci/test-complete`,
 * `scripts/test-docs.sh`: words past "test" in its name) checks that one thing, not the project's tests:
 * it comes after the ecosystem's own test command.
 */
export function specialTest(c: CommandFinding): boolean {
  const cmd = parseCommand(c.command).commands.find((x) => x.argv[0] !== 'cd');
  const argv = cmd?.argv ?? [];
  const file = /^(ba|z)?sh$|^python3?$/.test(argv[0] ?? '') ? argv[1] : argv[0];
  if (!file || !/\/|\.(sh|py)$/.test(file)) return false;
  const words = (file.split('/').pop() ?? '').replace(/\.\w+$/, '').split(/[-_.]+/);
  return words.includes('test') && words.some((w) => !/^(tests?|run|all|full|suite|ci|unit)$/.test(w));
}

/** The project's command for a purpose that terminates, run the way the project runs it. */
export function projectCommand(
  profile: CodebaseProfile,
  purpose: CommandPurpose,
): CommandFinding | undefined {
  // The test command that reaches the project's test runner first (sphinx's `npm test` runs its JavaScript
  // suite; its runner is pytest).
  const runner = purpose === 'test' ? profile.testRunner?.name : undefined;
  const other = (c: CommandFinding) => (runner && !`${c.command} ${c.runs ?? ''}`.includes(runner) ? 1 : 0);
  return profile.commands
    .filter((c) => c.purpose === purpose && !nonTerminating(c.command, c.runs))
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        other(a.c) - other(b.c) ||
        Number(specialTest(a.c)) - Number(specialTest(b.c)) ||
        EVIDENCE_RANK(a.c) - EVIDENCE_RANK(b.c) ||
        a.i - b.i,
    )[0]?.c;
}

const PY_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a new file's name cannot be a module in its language; null when it can. */
export function invalidModuleName(path: string): string | null {
  const name = path.split('/').pop()!;
  if (/\.pyi?$/.test(name) && !PY_IDENT.test(name.replace(/\.pyi?$/, '')))
    return `"${name}" cannot be imported in Python (module names are identifiers: letters, digits, _)`;
  if (/\.go$/.test(name) && /-/.test(name)) return `"${name}": Go file names use _ not -`;
  if (/\.rs$/.test(name) && !PY_IDENT.test(name.replace(/\.rs$/, '')))
    return `"${name}" is not a valid Rust module name`;
  return null;
}

/** Whether a path looks like a test file (by name or folder), whatever the runner. */
export function looksLikeTest(path: string): boolean {
  return /(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]+\.py$|_test\.(py|go)$|\.(test|spec|tests)\.[cm]?[jt]sx?$|_spec\.rb$/.test(
    path,
  );
}

/**
 * Whether a new file is meant to be a test module: named like one by any runner's convention, or a code file
 * directly in a tests folder. Data a test driver reads (fixtures, functional-test inputs and expected outputs,
 * `.rc`/`.txt` files, anything under a data folder) is not.
 */
export function namedLikeTest(path: string): boolean {
  if (
    /(^|\/)(fixtures?|data|testdata|test_data|inputs?|expected|outputs?|snapshots|__snapshots__|regrtest_data|messages|functional|samples?)\//.test(
      path,
    )
  )
    return false;
  const name = path.split('/').pop()!;
  if (/^test_[^/]+\.py$|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$|_spec\.rb$/.test(name)) return true;
  return (
    /(^|\/)(tests?|testing|__tests__|spec)\/[^/]+\.([cm]?[jt]sx?|py|rb)$/.test(path) &&
    !/^(conftest|__init__|setup|helpers?|utils?|index)\./.test(name)
  );
}

/** Whether the project's test runner collects this file; null when the runner is unknown. */
export function collectedBy(runner: TestRunner | null, path: string): boolean | null {
  if (!runner || runner.name === 'other') return null;
  const inRoots = !runner.roots.length || runner.roots.some((r) => r === '.' || path.startsWith(`${r}/`));
  const name = path.split('/').pop()!;
  const match = runner.collects.some((g) => {
    const glob = g.replace(/^\.\//, '');
    // pytest's python_files match the file name anywhere below its roots.
    if (runner.name === 'pytest') return picomatch.isMatch(name, glob.replace(/^\*\*\//, ''));
    return picomatch.isMatch(path, glob, { dot: true });
  });
  return inRoots && match;
}

/** For a new file that is a test the project's runner would never collect: the runner's rule; else null. */
export function uncollectedTest(profile: CodebaseProfile, path: string): string | null {
  const runner = profile.testRunner;
  return runner && namedLikeTest(path) && collectedBy(runner, path) === false ? runnerRule(runner) : null;
}

/** The test runner's configuration, for a message: where it says what it collects. */
export function runnerRule(runner: TestRunner): string {
  return `${runner.name} collects ${runner.collects.join(', ')}${runner.roots.length ? ` under ${runner.roots.join(', ')}` : ''} (${runner.evidence.file}:${runner.evidence.line})`;
}

/**
 * The narrowest command that runs one test file (and, for pytest, the tests named after a symbol), built
 * on the project's own test command so its options (config, required setup) still apply.
 */
export function narrowTestCommand(
  profile: CodebaseProfile,
  testFile: string,
  keyword?: string,
): { command: string; evidence: CommandFinding['evidence'] } | null {
  const ws = workspaceNarrow(profile, testFile, keyword);
  if (ws) return { command: ws.command, evidence: ws.evidence };
  const runner = profile.testRunner;
  if (!runner) return null;
  const test = profile.commands.find((c) => c.purpose === 'test');
  const evidence = runner.evidence;
  if (runner.name === 'pytest') {
    const PYTEST = /^((?:poetry|uv|pdm|hatch|pipenv) run )?(python3? -m )?pytest\b/;
    // The project runs pytest in a folder of its own (a CI step's `cd python && uv run pytest`) and the file
    // lies there: the command runs there too, the file relative to it, the same way pytest is called.
    const inFolder = testCommandIn(profile, testFile, PYTEST);
    const base = PYTEST.exec(inFolder?.command ?? test?.command ?? '')?.[0] ?? 'pytest';
    // A keyword, or names joined by `or` (quoted as one argument).
    const k =
      keyword && /^[A-Za-z_]\w*( or [A-Za-z_]\w*)*$/.test(keyword)
        ? ` -k ${/ /.test(keyword) ? `'${keyword}'` : keyword}`
        : '';
    const dir = inFolder?.dir;
    const file = dir ? testFile.slice(dir.length + 1) : testFile;
    return { command: `${dir ? `cd ${dir} && ` : ''}${base.trim()} ${file}${k}`, evidence };
  }
  if (runner.name === 'jest' || runner.name === 'vitest') {
    const script = viaScript(profile, runner.name, testFile);
    if (script) return { command: script, evidence };
    return {
      command: runner.name === 'jest' ? `npx jest ${testFile}` : `npx vitest run ${testFile}`,
      evidence,
    };
  }
  if (runner.name === 'mocha') {
    // Keep the script's options (--require setup files, --check-leaks), drop its paths.
    const script = runner.invocation ?? test?.runs ?? '';
    const part = script.split(/&&|;|\|\|/).find((x) => /(^|\s)mocha(\s|$)/.test(x)) ?? '';
    const words = part.trim().split(/\s+/);
    const keep: string[] = [];
    for (let i = words.indexOf('mocha') + 1; i > 0 && i < words.length; i++) {
      const w = words[i]!;
      if (!w.startsWith('-')) continue;
      if (/^--(reporter|R)$|^-R$/.test(w)) {
        i++;
        continue;
      }
      if (/^--?(require|r|ui|u|timeout|t|file|extension)$/.test(w) && words[i + 1]) {
        keep.push(w, words[++i]!);
        continue;
      }
      if (/^--(check-leaks|exit|bail)$/.test(w)) keep.push(w);
    }
    // The environment the script sets for mocha (`NODE_ENV=test mocha …`) is kept too.
    const env = Object.entries(parseCommand(part).commands[0]?.env ?? {}).map(([k, v]) =>
      show({ env: { [k]: v }, argv: [], cwd: '.', joined: '' }),
    );
    return { command: [...env, 'npx mocha', ...keep, testFile].join(' '), evidence };
  }
  if (runner.name === 'go') {
    // A module in a folder (the runner's one root): the command runs there, the package relative to it.
    const mod =
      runner.roots.length === 1 && testFile.startsWith(`${runner.roots[0]}/`) ? runner.roots[0]! : '';
    const rel = mod ? testFile.slice(mod.length + 1) : testFile;
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
    const cmd = dir === '.' ? 'go test .' : `go test ./${dir}/`;
    return { command: mod ? `cd ${mod} && ${cmd}` : cmd, evidence };
  }
  return null;
}

/**
 * The project's test command that runs `tool` in a folder holding `testFile` (`cd py && uv run pytest`, a
 * crate's `cd cli && cargo test`): the folder, the command run there, and the finding.
 */
function testCommandIn(
  profile: CodebaseProfile,
  testFile: string,
  tool: RegExp,
): { dir: string; command: string; finding: CommandFinding } | undefined {
  for (const c of profile.commands) {
    const m = c.purpose === 'test' ? /^cd (\S+) && (.*)$/.exec(c.command) : null;
    if (m && testFile.startsWith(`${m[1]}/`) && tool.test(m[2]!))
      return { dir: m[1]!, command: m[2]!, finding: c };
  }
  return undefined;
}

/** A package script's command run from inside its folder: `npm run --prefix web test` is `npm test` there. */
const IN_FOLDER: Array<[RegExp, string]> = [
  [/^npm run --prefix (\S+) test$/, 'npm test'],
  [/^pnpm --dir (\S+) test$/, 'pnpm test'],
  [/^yarn --cwd (\S+) test$/, 'yarn test'],
  [/^bun run --cwd (\S+) test$/, 'bun run test'],
];

/**
 * The workspace package (a folder with its own package.json, as the profile lists its scripts) a JavaScript
 * or TypeScript test file lies in, when that package's own test script calls jest, vitest or mocha: its
 * folder, that script as run inside it, the runner it calls and the script's line. The deepest such folder.
 */
function workspaceTest(
  profile: CodebaseProfile,
  testFile: string,
): { dir: string; test: CommandFinding; runner: TestRunner; evidence: CommandFinding['evidence'] } | null {
  if (!/\.[cm]?[jt]sx?$/.test(testFile)) return null;
  let best: ReturnType<typeof workspaceTest> = null;
  for (const c of profile.commands) {
    if (c.purpose !== 'test' || c.runs === undefined) continue;
    const form = IN_FOLDER.find(([re]) => re.test(c.command));
    const dir = form && form[0].exec(c.command)![1]!;
    if (!dir || !testFile.startsWith(`${dir}/`) || (best && best.dir.length >= dir.length)) continue;
    const calls = parseCommand(c.runs).commands.map((x) => programOf(x.argv).bin);
    const name = calls.find((b): b is 'jest' | 'vitest' | 'mocha' => /^(jest|vitest|mocha)$/.test(b));
    if (!name) continue;
    const runner: TestRunner = {
      name,
      collects: [],
      roots: [],
      evidence: c.evidence,
      invocation: c.runs.split(/&&|;|\|\|/).find((x) => new RegExp(`(^|[\\s/])${name}(\\s|$)`).test(x)),
    };
    best = { dir, test: { ...c, command: form![1] }, runner, evidence: c.evidence };
  }
  return best;
}

/**
 * The narrow command for a test file of a workspace package whose own test script runs its runner: run in
 * the package's folder (`cd web && npx vitest run src/a.test.ts`), where the runner reads that package's
 * config and the script's settings apply, the root's would not. Null outside such a package.
 */
export function workspaceNarrow(
  profile: CodebaseProfile,
  testFile: string,
  keyword?: string,
): { command: string; evidence: CommandFinding['evidence']; runner: string } | null {
  const ws = workspaceTest(profile, testFile);
  if (!ws) return null;
  const inner = narrowTestCommand(
    { ...profile, testRunner: ws.runner, commands: [ws.test] },
    testFile.slice(ws.dir.length + 1),
    keyword,
  );
  return (
    inner && { command: `cd ${ws.dir} && ${inner.command}`, evidence: ws.evidence, runner: ws.runner.name }
  );
}

/**
 * The narrow cargo command for a Rust test file: an integration test file is a target of its own
 * (`--test <stem>`), a filter is one substring of the test's path; in the crate's folder when the project's
 * cargo test runs there (`cd cli && cargo test`). Null when there is neither a target nor a filter.
 */
export function narrowCargoCommand(
  profile: CodebaseProfile,
  testFile: string,
  filter?: string,
): { command: string; evidence: CommandFinding['evidence'] } | null {
  // The crate's own command: the one run in the file's folder, else the root's.
  const inFolder = testCommandIn(profile, testFile, /^cargo test\b/);
  const cargo =
    inFolder?.finding ??
    profile.commands.find((c) => c.purpose === 'test' && /^cargo test\b/.test(c.command));
  if (!cargo || !testFile.endsWith('.rs')) return null;
  const dir = inFolder?.dir;
  const stem = /^tests\/([^/]+)\.rs$/.exec(dir ? testFile.slice(dir.length + 1) : testFile)?.[1];
  if (!stem && !filter) return null;
  const command = [dir ? `cd ${dir} &&` : '', 'cargo test', stem ? `--test ${stem}` : '', filter ?? '']
    .filter(Boolean)
    .join(' ');
  return { command, evidence: cargo.evidence };
}

const SELECT_FLAG: Record<string, string> = { jest: '-t', vitest: '-t', mocha: '--grep', go: '-run' };

/**
 * The narrow command for a test file that runs the named tests: one selection of them all in the runner's
 * own language (`selectionFor`: pytest `-k`, jest and vitest `-t`, mocha `--grep`, `go test -run`, a cargo
 * filter), else the file alone; a Rust file (no runner in the profile) through `narrowCargoCommand`.
 */
export function narrowSelecting(
  profile: CodebaseProfile,
  testFile: string,
  names: string[],
): { command: string; evidence: CommandFinding['evidence'] } | null {
  const runner = workspaceTest(profile, testFile)?.runner.name ?? profile.testRunner?.name;
  const rust = !runner && testFile.endsWith('.rs');
  const sel = selectionFor(rust ? 'cargo' : (runner ?? ''), names) ?? undefined;
  if (rust) return narrowCargoCommand(profile, testFile, sel);
  if (runner === 'pytest') return narrowTestCommand(profile, testFile, sel);
  const base = narrowTestCommand(profile, testFile);
  const flag = runner && SELECT_FLAG[runner];
  return sel && flag && base ? { ...base, command: `${base.command} ${flag} '${sel}'` } : base;
}

/**
 * The project's test script given one file (`npm test -- <file>`, `yarn test <file>`), when that script
 * ends in the runner with settings a bare `npx` call would lack (an environment variable, a node flag,
 * a config or setup file): the checker refuses the bare call for dropping them. When the runner is not the
 * script's last command (`NODE_ENV=test jest && eslint .`: the file would go to eslint), the runner's own
 * call with those settings and the file (`runnerWithFile`). Null when the script passes no settings.
 */
function viaScript(profile: CodebaseProfile, runner: string, testFile: string): string | null {
  const test = profile.commands.find(
    (c) =>
      c.purpose === 'test' &&
      /(^|\/)package\.json$/.test(c.evidence.file) &&
      /^(npm|pnpm|yarn|bun run) test$/.test(c.command),
  );
  const cmds = test?.runs === undefined ? [] : parseCommand(test.runs).commands;
  const call = cmds.find((c) => programOf(c.argv).bin === runner);
  if (!call) return null;
  const { args, nodeFlags } = programOf(call.argv);
  const settings =
    Object.keys(call.env).length > 0 ||
    nodeFlags.length > 0 ||
    args.some((a) => /^(-c|--config|--require|-r|--import|--setupFiles)(=|$)/.test(a));
  if (!settings) return null;
  // The file goes to the script's last command: the runner, after steps joined by `&&` (`tsc && jest`).
  const last = cmds.every((c) => c.joined === '' || c.joined === '&&') && cmds[cmds.length - 1] === call;
  if (!last) return runnerWithFile(call, testFile);
  return test!.command === 'npm test' ? `npm test -- ${testFile}` : `${test!.command} ${testFile}`;
}

/**
 * A script's runner call given one file (or the words passed) instead of its own paths: its environment, node flags and options
 * kept (an option's value too), its paths left out, a bare runner name called through `npx`.
 */
export function runnerWithFile(call: SimpleCommand, ...passed: string[]): string {
  const { args } = programOf(call.argv);
  const head = call.argv.slice(0, call.argv.length - args.length);
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) continue;
    kept.push(a);
    if (!a.includes('=') && VALUE_OPTION.test(a) && args[i + 1] !== undefined) kept.push(args[++i]!);
  }
  const bare = head.length === 1 && !head[0]!.includes('/');
  return show({ ...call, argv: [...(bare ? ['npx'] : []), ...head, ...kept, ...passed] });
}

/** Runner options that take a value (`--config jest.config.json`, `-r setup.js`). */
const VALUE_OPTION =
  /^(-c|--config|-r|--require|--import|--setupFiles|--reporter|--env|--testEnvironment|--maxWorkers|-w|--project|--testTimeout|--timeout|-t|--ui|-u)$/;

/** Each check command once in a plan: a later phase does not repeat a command an earlier phase runs. */
export function checksOnce<T extends { automated_checks: Array<{ command: string }> }>(phases: T[]): T[] {
  const seen = new Set<string>();
  return phases.map((p) => ({
    ...p,
    automated_checks: p.automated_checks.filter((c) => !seen.has(c.command) && seen.add(c.command)),
  }));
}
