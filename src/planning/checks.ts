/**
 * What a plan promises about commands and new files, checked the same way by the offline engine (before it
 * writes a plan), by `submit_plan` (grounding) and by `lint`: commands terminate, new modules have names
 * their language can import, new tests are files the project's runner collects.
 */
import picomatch from 'picomatch';
import type { CodebaseProfile, CommandFinding, CommandPurpose, TestRunner } from '../explore/profile.js';

/** Scripts and flags that never exit on their own, or that make a failing check pass. */
const NON_TERMINATING: Array<[RegExp, string]> = [
  [/(^|\s)--watch(all)?\b|(^|\s)-w(\s|$)|\bwatch\b/, 'watches files and never exits'],
  [/(^|[\s:])(dev|serve|start|storybook|preview)(\s|$|:)/, 'starts a server that never exits'],
  [/--inspect(-brk)?\b|(^|[\s:])debug(\s|$|:)/, 'starts a debugger'],
  [
    /update[-:]?snapshots?|--updateSnapshot|(^|\s)-u(\s|$)|test:update|--snapshot-update/,
    'rewrites snapshots, which hides the failure it should show',
  ],
  [/(^|\s)(python3?|node|irb|psql)\s*$|python3? -i\b|--interactive\b/, 'opens an interactive prompt'],
];

/** Why a command cannot be a check (it never exits, or hides failures); null when it can. */
export function nonTerminating(command: string, runs?: string): string | null {
  for (const text of [command, runs ?? '']) {
    for (const [re, why] of NON_TERMINATING) if (re.test(text)) return why;
  }
  return null;
}

/** Why one of the project's commands cannot be a check, judged on the command and the script it runs. */
export function commandNeverEnds(profile: CodebaseProfile, command: string): string | null {
  const cmd = command.trim();
  return nonTerminating(cmd, profile.commands.find((c) => c.command === cmd)?.runs);
}

/**
 * Whether an edit point is really in its file: `outside` when the lines are not in the file, `absent` when
 * the symbol's name is not within them, null when it is there.
 */
export function editPointMiss(
  lines: string[],
  symbol: string,
  from: number,
  to: number,
): 'outside' | 'absent' | null {
  if (from < 1 || to < from || to > lines.length) return 'outside';
  const name = symbol.split('.').pop()!.replace(/\(.*$/, '');
  return lines
    .slice(from - 1, to)
    .join('\n')
    .includes(name)
    ? null
    : 'absent';
}

/** Where a command is defined, best first: the project's own aliases, then CI, then a tool's config. */
const EVIDENCE_RANK = (c: CommandFinding) =>
  /(^|\/)(package\.json|Makefile|tox\.ini|noxfile\.py|justfile|Taskfile\.ya?ml)$/.test(c.evidence.file)
    ? 0
    : /^\.github\/|\.gitlab-ci|\.circleci|azure-pipelines|Jenkinsfile/.test(c.evidence.file)
      ? 1
      : 2;

/** The project's command for a purpose that terminates, run the way the project runs it. */
export function projectCommand(
  profile: CodebaseProfile,
  purpose: CommandPurpose,
): CommandFinding | undefined {
  return profile.commands
    .filter((c) => c.purpose === purpose && !nonTerminating(c.command, c.runs))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => EVIDENCE_RANK(a.c) - EVIDENCE_RANK(b.c) || a.i - b.i)[0]?.c;
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
  return runner && looksLikeTest(path) && collectedBy(runner, path) === false ? runnerRule(runner) : null;
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
  const runner = profile.testRunner;
  if (!runner) return null;
  const test = profile.commands.find((c) => c.purpose === 'test');
  const evidence = runner.evidence;
  if (runner.name === 'pytest') {
    const base =
      /^((?:poetry|uv|pdm|hatch|pipenv) run )?(python3? -m )?pytest\b/.exec(test?.command ?? '')?.[0] ??
      'pytest';
    const k = keyword && /^[A-Za-z_]\w*$/.test(keyword) ? ` -k ${keyword}` : '';
    return { command: `${base.trim()} ${testFile}${k}`, evidence };
  }
  if (runner.name === 'jest') return { command: `npx jest ${testFile}`, evidence };
  if (runner.name === 'vitest') return { command: `npx vitest run ${testFile}`, evidence };
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
    return { command: ['npx mocha', ...keep, testFile].join(' '), evidence };
  }
  if (runner.name === 'go') {
    const dir = testFile.includes('/') ? testFile.slice(0, testFile.lastIndexOf('/')) : '.';
    return { command: dir === '.' ? 'go test .' : `go test ./${dir}/`, evidence };
  }
  return null;
}
