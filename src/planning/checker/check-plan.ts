import { FileAccessError, REFUSED } from '../../files/project-files.js';
import { invalidModuleName, uncollectedTest } from '../checks.js';
import { fragmentProblems } from './changelog.js';
import { claimNewProblem, claimSymbolProblems } from './claims.js';
import { commandProblems } from './commands.js';
import type { CheckContext, CheckFinding } from './context.js';
import { editPointProblem } from './edit-points.js';
import { generatedBy } from './generated.js';
import { runnerCall } from './runners.js';
import { reach } from './scripts.js';
import { plannedTestNames } from './selection.js';
import { parseCommand } from './shell.js';
import { sketchProblem } from './sketch.js';

/**
 * The one checker `lint`, the content gate and the model/host refusals run. Each door reads a plan into
 * these facts (a markdown plan with line numbers, a plan model with field paths), and shows the findings
 * with the same messages.
 */
export type Where = string | number;

export interface PlanFacts {
  files: Array<{
    path: string;
    mode: 'create' | 'modify';
    later?: string;
    at: Where;
    /** The phase it belongs to, when known. */
    group?: number;
    points: Array<{ symbol: string; start_line: number; end_line: number; at: Where }>;
  }>;
  commands: Array<{ command: string; at: Where; group?: number }>;
  sketches: Array<{ language: string; code: string; at: Where }>;
  /** Sentences that make claims: titles, summaries, steps. */
  claims: Array<{ text: string; at: Where }>;
  /**
   * The request as the person asked it (the plan's recorded requirement): where a title or summary repeats
   * it, those words are the request, not the plan's claim ("Add `--x`" on a plan that finds `--x` met).
   */
  requirement?: string;
  /** Other text that may name the tests the plan writes (its test strategy and cases, manual checks). */
  notes?: string[];
}

export interface PlanFinding extends CheckFinding {
  at: Where;
}

export function checkPlan(ctx: CheckContext, facts: PlanFacts): PlanFinding[] {
  const out: PlanFinding[] = [];
  const add = (at: Where, rule: CheckFinding['rule'], message: string) => out.push({ at, rule, message });
  for (const f of facts.files) {
    let present: boolean;
    try {
      present = f.later ? false : ctx.files.exists(f.path);
    } catch (e) {
      if (!(e instanceof FileAccessError)) throw e;
      add(f.at, 'outside-root', `${f.path}: ${e.reason}`);
      continue;
    }
    if (f.path.startsWith('~/')) {
      add(f.at, 'outside-root', `${f.path}: ${REFUSED.outside}`);
      continue;
    }
    if (f.mode === 'modify') {
      if (!present) {
        add(
          f.at,
          'modify-exists',
          `${f.path} does not exist (list only existing files to modify; new ones go in the files to create)`,
        );
        continue;
      }
      const gen = generatedBy(ctx, f.path);
      if (gen) add(f.at, 'generated-file', gen);
      const text = f.points.length ? ctx.read(f.path) : null;
      if (text !== null)
        for (const p of f.points) {
          const why = editPointProblem(f.path, text, p.symbol, p.start_line, p.end_line);
          if (why) add(p.at, 'edit-point', why);
        }
      continue;
    }
    if (present) {
      add(f.at, 'create-absent', `${f.path} already exists (move it to the files to modify)`);
      continue;
    }
    for (const p of fragmentProblems(ctx, f.path, f.later)) add(f.at, p.rule, p.message);
    if (f.later) continue;
    const bad = invalidModuleName(f.path);
    if (bad) add(f.at, 'module-name', bad);
    const rule = uncollectedTest(ctx.profile, f.path);
    if (rule) add(f.at, 'test-collected', `${f.path} would never run: ${rule}`);
  }
  // The tests the plan writes or names: a selection that matches one of them is not refused.
  const planned = {
    names: plannedTestNames(
      [
        ...facts.claims.map((c) => c.text),
        ...(facts.notes ?? []),
        ...facts.files.flatMap((f) => f.points.map((p) => p.symbol)),
      ],
      facts.sketches,
    ),
    files: facts.files.map((f) => f.path.replace(/^\.\//, '')),
  };
  for (const c of facts.commands) {
    for (const p of commandProblems(ctx, c.command, planned)) add(c.at, p.rule, p.message);
    const py = c.group === undefined ? [] : facts.files.filter((f) => f.group === c.group);
    const runsJs = jsOnly(ctx, c.command);
    if (
      runsJs &&
      py.length &&
      py.every((f) => /\.py$/.test(f.path)) &&
      ctx.profile.testRunner?.name === 'pytest'
    )
      add(
        c.at,
        'command-runner',
        `\`${c.command}\`: runs ${runsJs}, the JavaScript suite, but this phase changes only Python files; run the Python tests (\`${ctx.profile.commands.find((x) => x.purpose === 'test' && /pytest|tox|nox/.test(x.command))?.command ?? 'pytest'}\`)`,
      );
  }
  for (const s of facts.sketches) {
    const why = sketchProblem(s.language, s.code);
    if (why) add(s.at, 'sketch-parses', why);
  }
  for (const c of facts.claims) {
    // The recorded verdict first, then those asked for the plan's own claims (when it records none).
    const said = withoutRequest(c.text, facts.requirement);
    const why = [ctx.precedent, ...(ctx.claimed ?? [])]
      .map((p) => (p ? claimNewProblem({ ...ctx, precedent: p }, said) : null))
      .find(Boolean);
    // The message names no text of the claim: each door locates it (a field, a line), and the same claim
    // reads differently in a model and in markdown.
    if (why) add(c.at, 'claim-new', `this ${why}`);
    for (const m of claimSymbolProblems(ctx, c.text)) add(c.at, 'claim-symbol', m);
  }
  return out;
}

/**
 * A claim's text with the request's own words taken out (case, spacing, code and emphasis marks aside),
 * where it repeats them, whole or its first sentence (a summary opens with it).
 */
export function withoutRequest(text: string, requirement: string | undefined): string {
  let out = text;
  for (const re of requestPatterns(requirement)) out = out.replace(re, ' ');
  return out;
}

/** The request's patterns, built once per request (every claim of a plan is read against the same one). */
let lastRequest: { requirement: string | undefined; patterns: RegExp[] } | null = null;
function requestPatterns(requirement: string | undefined): RegExp[] {
  if (lastRequest && lastRequest.requirement === requirement) return lastRequest.patterns;
  // Emphasis by underscores (`_tally_`) is a mark too, read off in one place and not the other; an
  // underscore inside a word (`max_items`) is the word's.
  const request = requirement
    ?.replace(/[`*]/g, '')
    .replace(/(?<![\w])_+(?=\w)|(?<=\w)_+(?![\w])/g, '')
    .trim();
  const patterns: RegExp[] = [];
  if (request && request.length >= 8) {
    const first = request.split(/(?<=[.!?])\s|\n/)[0]!.trim();
    // Markdown may set any part of it in code or emphasis in one place and not the other.
    const pattern = (r: string) =>
      r
        .split(/\s+/)
        .map((w) => [...w].map((c) => `${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\`*_]*`).join(''))
        .join('\\s+[`*_]*');
    for (const r of first.length >= 8 && first !== request ? [request, first] : [request])
      patterns.push(new RegExp(`[\`*_]*${pattern(r)}`, 'gi'));
  }
  lastRequest = { requirement, patterns };
  return patterns;
}

/** The JavaScript runner a command reaches when it reaches only JavaScript runners; else null. */
function jsOnly(ctx: CheckContext, command: string): string | null {
  const parsed = parseCommand(command);
  if (parsed.error) return null;
  const runners = reach(ctx, parsed.commands)
    .map((r) => runnerCall(r.cmd.argv)?.runner ?? otherJsRunner(r.cmd.argv))
    .filter((r): r is string => Boolean(r));
  return runners.length &&
    runners.every((r) => /^(jest|vitest|mocha|playwright|jasmine|karma|ava|tap|uvu)/.test(r))
    ? runners[0]!
    : null;
}

/** A JavaScript runner the checker reads no selection of (`jasmine-browser-runner`, karma, ava): its name. */
function otherJsRunner(argv: string[]): string | null {
  const words = argv[0] === 'npx' ? argv.slice(1).filter((w) => !w.startsWith('-')) : argv;
  const bin = (words[0] ?? '').replace(/^.*node_modules\/\.bin\//, '');
  return /^(jasmine(-browser-runner)?|karma|ava|tap|uvu)$/.test(bin) ? bin : null;
}
