/** The parts every kind of change builds its phases from: steps, change steps at edit points, the tests phase, the docs phase, call sites. */
import type { Check, EditPoint, Phase, Step } from '../../domain/plan.js';
import { projectFiles } from '../../files/project-files.js';
import type { FileChange, Target, Work } from './work.js';

export type Draft = Omit<Phase, 'id'>;

export const step = (
  title: string,
  detail: string,
  create: Array<FileChange | null | undefined>,
  modify: Array<FileChange | null | undefined>,
  sketch?: Step['sketch'],
): Step => ({
  title,
  detail,
  files_to_create: create.filter((x): x is FileChange => Boolean(x)),
  files_to_modify: modify.filter((x): x is FileChange => Boolean(x)),
  ...(sketch ? { sketch } : {}),
});

/** A phase: its steps and checks, manual checks only where a builder has one to name. */
export const phase = (
  title: string,
  goal: string,
  kind: Phase['kind'],
  steps: Step[],
  automated_checks: Check[],
  estimate_minutes: number,
  manual_checks: string[] = [],
): Draft => ({ title, goal, kind, steps, automated_checks, manual_checks, estimate_minutes });

export const est = (steps: Step[]) =>
  Math.max(
    15,
    steps.reduce((n, s) => n + 10 + 15 * (s.files_to_create.length + s.files_to_modify.length), 0),
  );

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
export const at = (path: string, e: EditPoint) => `${path}:${e.start_line}–${e.end_line}`;

/** "`a`, `b` and `c`". */
export function names(items: string[], n = 3): string {
  const shown = items.slice(0, n).map(code);
  const more = items.length > n ? ` and ${items.length - n} more` : '';
  if (shown.length <= 1) return `${shown[0] ?? ''}${more}`;
  return more ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** The exception a report says happens today (`UnicodeDecodeError`, `ValueError`), if any; not one it asks for. */
export function reportedError(text: string): string | null {
  for (const m of text.matchAll(/\b([A-Z][A-Za-z]*(?:Error|Exception))\b/g)) {
    // The clause before the name: "it would be helpful if a ValueError was raised" asks for the error,
    // "expected 2 but got KeyError" reports it.
    const clause =
      text
        .slice(0, m.index)
        .split(/[.\n,;:!?]|\bbut\b/)
        .pop() ?? '';
    if (!WANTED.test(clause)) return m[1]!;
  }
  return null;
}

/** Words that make an error the outcome a report asks for, not the one it sees. */
const WANTED =
  /\b(should|shall|must|would|could|expect(?:s|ed)?|wants?|wanted|helpful|needs? to|ought to|proposes?|suggests?)\b/i;

/** Where a symbol is called, among the files the explorer ranked (tests included): `path:line`. */
export function callSites(
  w: Work,
  symbol: string,
  exclude?: { path: string; from: number; to: number },
): string[] {
  const name = symbol.split('.').pop()!;
  if (name.length < 3 || /^(__init__|constructor|init|new|call|get|set)$/.test(name)) return [];
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`);
  const def = new RegExp(
    `(def|function|class)\\s+${name.replace(/\$/g, '\\$')}\\b|\\b${name.replace(/\$/g, '\\$')}\\s*[:=]\\s*(async\\s*)?(function|\\()`,
  );
  const key = `${symbol}\u0000${exclude ? `${exclude.path}:${exclude.from}-${exclude.to}` : ''}`;
  const cache = CALLS.get(w) ?? new Map<string, string[]>();
  CALLS.set(w, cache);
  const hit = cache.get(key);
  if (hit) return hit;
  const out: string[] = [];
  for (const [p, lines] of explored(w)) {
    lines.forEach((line, i) => {
      if (out.length >= 12) return;
      if (exclude && p === exclude.path && i + 1 >= exclude.from && i + 1 <= exclude.to) return;
      if (re.test(line) && !def.test(line)) out.push(`${p}:${i + 1}`);
    });
  }
  cache.set(key, out);
  return out;
}

/** Where the symbol of an edit point is called, outside its own body. */
export const otherCallers = (w: Work, p: { path: string; e: EditPoint }) =>
  callSites(w, p.e.symbol, { path: p.path, from: p.e.start_line, to: p.e.end_line });

const CALLS = new WeakMap<Work, Map<string, string[]>>();
const TEXTS = new WeakMap<Work, Array<[string, string[]]>>();

/** The lines of the files the explorer ranked (code and tests), read once per plan. */
export function explored(w: Work): Array<[string, string[]]> {
  const had = TEXTS.get(w);
  if (had) return had;
  const files = projectFiles(w.ctx.root);
  const rel = w.ctx.report.relevance;
  const paths = [...new Set([...(rel?.relevantFiles ?? []), ...(rel?.tests ?? [])].map((f) => f.path))];
  const out: Array<[string, string[]]> = [];
  for (const p of paths) {
    const text = files.readEvidence(p);
    if (text) out.push([p, text.split('\n')]);
  }
  TEXTS.set(w, out);
  return out;
}

export const pointsOf = (t: FileChange) => t.edit_points ?? [];

/** One step per file to change, naming its edit points and quoting the first signature. */
export function changeSteps(targets: FileChange[], verb: string): Step[] {
  return targets.map((t) => {
    const pts = pointsOf(t);
    const symbols = pts.map((e) => e.symbol);
    const title = pts.length ? `${verb} ${names(symbols, 2)} in ${code(t.path)}` : `${verb} ${code(t.path)}`;
    const detail = pts.length
      ? `${code(pts[0]!.signature || pts[0]!.symbol)} (lines ${pts[0]!.start_line}–${pts[0]!.end_line}) ${pts[0]!.why ? `was picked because ${pts[0]!.why}` : ''}.`
      : `Ranked relevant: ${t.why}.`;
    return step(title, detail, [], [strip(t)]);
  });
}

/** A target as the plan keeps it: path, why and edit points (no score or outline). */
export const strip = (t: Target | FileChange): FileChange => ({
  path: t.path,
  why: t.why,
  ...(t.edit_points?.length ? { edit_points: t.edit_points } : {}),
});

/** The test step: extend the covering test, or a new file where the runner collects it. */
export function testStep(w: Work, detail: string, keyword?: string): { step: Step; checks: Check[] } {
  const file = w.covering?.path ?? w.newTest;
  const title = w.covering
    ? `Add the cases to ${code(w.covering.path)}`
    : w.newTest
      ? `Write the tests in ${code(w.newTest)}`
      : 'Write the tests';
  const where = w.covering
    ? `${code(w.covering.path)} holds ${w.covering.why}. `
    : w.newTest
      ? ''
      : `No test file the project's runner collects could be placed${w.profile.testRunner ? ` (${w.profile.testRunner.name})` : ''}; put it beside the existing tests. `;
  const checks = file ? w.checks.narrow(file, keyword) : [];
  return {
    step: step(
      title,
      `${where}${detail}`,
      [w.covering || !w.newTest ? null : { path: w.newTest, why: `tests for ${w.title}` }],
      [w.covering ? { path: w.covering.path, why: w.covering.why } : null],
    ),
    checks,
  };
}

/** The Tests phase: the test step, then its narrow command, the suite and the static checks. */
export function testsPhase(
  w: Work,
  t: { step: Step; checks: Check[] },
  goal: string,
  minutes: number,
): Draft {
  return phase('Tests', goal, 'test', [t.step], [...t.checks, ...w.checks.test, ...w.checks.static], minutes);
}

/** A pytest -k keyword that selects the new test: the symbol's name, snake_case. */
export function keywordFor(w: Work, e?: EditPoint): string | undefined {
  if (w.profile.testRunner?.name !== 'pytest') return undefined;
  const name = (e?.symbol.split('.').pop() ?? w.words.join('_')).replace(/^_+|_+$/g, '');
  if (!name || /^(init|new|call)$/.test(name)) return w.words.join('_');
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function docsPhase(w: Work, pages: Step[] = []): Draft | null {
  const file = w.docs.file;
  const steps: Step[] = [...pages];
  if (file)
    steps.push(step(`Document it in ${code(file.path)}`, `${code(file.path)} ${file.why}.`, [], [file]));
  const cl = w.docs.changelog;
  if (cl)
    steps.push(
      step(
        cl.create
          ? `Add the release note ${code(cl.create.path)}`
          : `Add the release note to ${code(cl.modify!.path)}`,
        `${cap((cl.create ?? cl.modify)!.why)}.`,
        [cl.create],
        [cl.modify],
      ),
    );
  if (!steps.length) return null;
  return phase(
    file || pages.length ? 'Docs and release note' : 'Release note',
    file
      ? `${code(file.path)} ${file.why}.`
      : `${pages.length ? 'Where the project documents its kind' : ''}${pages.length && cl ? '; a' : cl ? 'A' : ''}${cl ? ` release note in ${code((cl.create ?? cl.modify)!.path)}` : ''}.`,
    'docs',
    steps,
    [],
    15,
  );
}
