import { InputError } from '../../domain/errors.js';
import type { CiDiagnosis } from '../../domain/plan.js';
import { projectFiles } from '../../files/project-files.js';
import type { PlannerContext } from '../planner.js';

type Category = CiDiagnosis['category'];

const PATTERNS: Array<[Category, RegExp]> = [
  [
    'env',
    /command not found|: not found$|ENOENT|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|Could not resolve host|timed out|permission denied|No space left on device|rate limit|exit code 137|Killed|out of memory|JavaScript heap out of memory|npm ERR! code E(AI_AGAIN|CONNRESET|NETWORK)|requires (node|python)|Unsupported engine|version .* is not supported|No matching distribution found|ResolutionImpossible|secret .* not (set|found)|docker: .*daemon/i,
  ],
  [
    'build',
    /error TS\d+|SyntaxError|Cannot find module|Module not found|Failed to compile|compilation (failed|error)|error\[E\d+\]|cannot find symbol|undefined: \w+|BUILD FAILURE|error: could not compile|ModuleNotFoundError|ImportError|Build failed|esbuild.*error|vite.*error|rollup.*Error/i,
  ],
  [
    'lint',
    /\d+ problems? \(\d+ errors?|\beslint\b.*error|\s(F|E|W)\d{3}\s|ruff.*(error|found)|flake8|pylint|Found \d+ errors?\.|would reformat|prettier.*(Code style issues|differ)|biome.*(error|×)|clippy|rubocop.*offenses|golangci-lint/i,
  ],
  [
    'test',
    /^\s*(FAIL|FAILED)\b|AssertionError|AssertionFailedError|\bassert\b.*==|Tests?:\s+\d+ failed|\d+ failed(,|\s)|--- FAIL:|✕|×\s|expected .* (to|but)|panicked at|E\s{3}|Failures:|FAILED\s+[\w/.-]+::|\bnot ok \d+/i,
  ],
];
const GENERIC =
  /##\[error\]|Process completed with exit code [1-9]|ERROR:|npm ERR!|exited with (code )?[1-9]|Error: /;
// Step headers: GitHub Actions groups, GitLab's `$ cmd`, Docker steps. (npm's `> script` echo is not a step.)
const STEP = /^##\[group\](?:Run )?(.+)$|^\$ (.+)$|^Run (.+)$|^Step \d+\/\d+ : (.+)$/;
const FILE_REF =
  /((?:[\w@.-]+\/)*[\w.-]+\.(?:ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|cs|vue|svelte))(?::(\d+)|", line (\d+)|\((\d+),\d+\))/g;

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

function clean(line: string): string {
  return line
    .replace(ANSI, '')
    .replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\s?/, '')
    .replace(/\r$/, '');
}

export interface LogReading {
  diagnosis: Omit<CiDiagnosis, 'root_causes' | 'quick_fix' | 'proper_fix' | 'verify' | 'prevention'>;
  /** Files the log names (with a line), as written in the log. */
  fileRefs: Array<{ path: string; line: number | null }>;
  /** The command that failed, when the log shows it. */
  command: string | null;
}

/** Finds the failing step and the first real error in a CI log; refuses a log with no failure in it. */
export function readCiLog(text: string, name: string): LogReading {
  if (!text.trim()) throw new InputError(`${name}: the CI log is empty`);
  if (text.includes('\0')) throw new InputError(`${name}: this is a binary file, not a CI log`);
  const lines = text.split('\n').map(clean);
  let step: string | null = null;
  let found: { i: number; category: Category | null; step: string | null } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const s = STEP.exec(line.trim());
    if (s) {
      step = (s.slice(1).find(Boolean) ?? '').trim();
      continue;
    }
    const hit = PATTERNS.find(([, re]) => re.test(line));
    if (hit) {
      found = { i, category: hit[0], step };
      break;
    }
    if (!found && GENERIC.test(line)) found = { i, category: null, step };
  }
  if (!found) {
    throw new InputError(
      `${name}: no failure found in the log (no error line, failed test or non-zero exit); give the log of a failed run`,
    );
  }
  let errorLine = lines[found.i]!.trim().replace(/^##\[error\]/, '');
  // A failure header ("FAIL test > name") is explained by the line after it ("AssertionError: …").
  const why = lines
    .slice(found.i + 1, found.i + 4)
    .find((l) => /\b\w*Error\b|expected|assert/i.test(l) && !/^\s*❯|^\s+at /.test(l));
  if (why && !/Error/.test(errorLine)) errorLine = `${errorLine} — ${why.trim()}`;
  const category: Category =
    found.category ??
    (/(test|jest|vitest|pytest|mocha|spec)/i.test(found.step ?? '')
      ? 'test'
      : /lint|ruff|eslint|flake8/i.test(found.step ?? '')
        ? 'lint'
        : /build|compile|tsc/i.test(found.step ?? '')
          ? 'build'
          : 'env');
  const fileRefs: LogReading['fileRefs'] = [];
  const seen = new Set<string>();
  const windowStart = Math.max(0, found.i - 40);
  const windowEnd = Math.min(lines.length, found.i + 60);
  for (const line of lines.slice(windowStart, windowEnd).concat(lines)) {
    for (const m of line.matchAll(FILE_REF)) {
      const path = m[1]!;
      if (/node_modules\/|site-packages\/|^internal\/|^node:/.test(path) || seen.has(path)) continue;
      seen.add(path);
      fileRefs.push({ path, line: Number(m[2] ?? m[3] ?? m[4]) || null });
    }
  }
  const command =
    found.step && !/^(Set up|Post |Complete job|Checkout|actions\/)/i.test(found.step) ? found.step : null;
  return {
    diagnosis: {
      failing_step: found.step ?? 'unknown step',
      error: errorLine.slice(0, 300),
      category,
      log_line: found.i + 1,
    },
    fileRefs,
    command,
  };
}

/** A path a CI log names, mapped onto the tree (a runner's absolute path ends in the project's). */
export function findInTree(logPath: string, ctx: PlannerContext): string | null {
  const clean = logPath.replace(/^(\.\/|\/)+/, '');
  const parts = clean.split('/');
  for (let i = 0; i < parts.length; i++) {
    const cand = parts.slice(i).join('/');
    if (projectFiles(ctx.root).has(cand)) return cand;
  }
  return null;
}
