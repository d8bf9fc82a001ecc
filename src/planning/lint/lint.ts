import type { Code, Heading, ListItem, Nodes } from 'mdast';
import { InputError, ValidationError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { PlanStyle } from '../../domain/plan.js';
import { type Precedent, precedentSchema } from '../../domain/precedent.js';
import type { Inventory } from '../../explore/inventory.js';
import type { CodebaseProfile } from '../../explore/profile.js';
import { FileAccessError, projectFiles } from '../../files/project-files.js';
import { parseBatch, resolveBatch } from '../../graph/batch.js';
import { findCycle } from '../../graph/cycles.js';
import { checkPlan, type PlanFacts } from '../checker/check-plan.js';
import { claimPrecedents } from '../checker/claim-precedent.js';
import { type CheckFinding, checkContext } from '../checker/context.js';
import { importMarkdown } from '../markdown/import.js';
import {
  commandMentions,
  editPointOf,
  fileMentions,
  line,
  markdownOf,
  readPlanMarkdown,
  text,
} from '../markdown/read.js';

export interface LintFinding {
  severity: 'error' | 'warning';
  rule:
    | CheckFinding['rule']
    | 'sections'
    | 'task-graph'
    | 'critique'
    | 'open-questions'
    | 'handoff-target'
    | 'not-imported'
    | 'format';
  file: string;
  line: number;
  message: string;
}

export interface LintResult {
  file: string;
  style: PlanStyle | 'unknown';
  plansmith: boolean;
  status: 'draft' | 'final' | 'unknown';
  findings: LintFinding[];
  ok: boolean;
}

/** Headings a good plan of each style has (any one of the alternatives). */
const REQUIRED: Record<PlanStyle, string[][]> = {
  feature: [
    ['implementation steps', 'steps', 'implementation'],
    ['files to create', 'file changes', 'files'],
    ['test'],
    ['security'],
    ['rollback'],
    ['open questions', 'questions'],
  ],
  phased: [
    ['phase 1', 'phase'],
    ['success criteria'],
    ['not doing', "what we're not doing"],
    ['risk'],
    ['rollback'],
    ['definition of done'],
  ],
  prd: [
    ['overview', 'problem'],
    ['goals'],
    ['acceptance criteria'],
    ['implementation phases', 'phases'],
    ['risk'],
  ],
  tasks: [['architecture'], ['task graph', 'tasks', 'create_tasks_batch']],
  xano: [['implementation order', 'order'], ['components', 'database'], ['handoff']],
};

/** Sections plansmith's renderer leaves out when it has nothing specific to put in them. */
const LEFT_OUT_WHEN_EMPTY = new Set([
  'rollback',
  'security',
  'success criteria',
  'risk',
  'definition of done',
  'acceptance criteria',
  'open questions',
  'not doing',
]);

export interface LintOptions {
  root: string;
  profile: CodebaseProfile;
  /** Agent and skill names a handoff may go to (the registry's); without it handoffs are not checked. */
  known?: Set<string>;
  /** The precedent analysis, when the plan's model carries one (claims of "new" are checked against it). */
  precedent?: Precedent;
  /** Verdicts for the plan's claims of "new" (what `lint` asks when the plan records none). */
  claimed?: Precedent[];
  /** The project's inventory, when the caller has one (saves `lint` a walk of the tree). */
  inventory?: Inventory;
}

/** Sections that report, quote or set aside: nothing in them is a claim of what the plan does. */
const NOT_CLAIMS =
  /^(precedent|what exists|current state|existing|research|findings|context|background|problem|approach|alternatives?|(architecture )?options|risks?|rollback|not doing|what we're not doing|out of scope|non-goals|(open |research )?questions|handoffs?|revision|timeline|tests?$|success criteria|definition of done|acceptance)/i;

/** The precedent a plan file records, as the checker reads it; undefined when there is none or it is malformed. */
function recordedPrecedent(p: unknown): Precedent | undefined {
  if (!p) return undefined;
  const parsed = precedentSchema.safeParse(p);
  return parsed.success ? parsed.data : undefined;
}

/** An edit point item, strict ("`Shelf.add` (lines 13–16): …") or loose (any symbol text before "(lines a–b)"). */
function looseEditPoint(item: string): { symbol: string; start_line: number; end_line: number } | null {
  const strict = editPointOf(item);
  if (strict) return strict;
  const m = /^\s*(.+?)\s*\(lines?\s+(\d+)\s*[–-]\s*(\d+)\)/.exec(item);
  return m
    ? { symbol: m[1]!.replace(/`/g, '').trim(), start_line: Number(m[2]), end_line: Number(m[3]) }
    : null;
}

/** A plan file's text, read through the guarded file layer; a file that may not be read is an input error. */
function readPlanFile(file: string, root: string): { source: string; rel: string } {
  const files = projectFiles(root);
  try {
    const f = files.readText(file, { maxBytes: LIMITS.messageBytes, what: 'plan' });
    return { source: f.text, rel: files.relative(file) };
  } catch (e) {
    if (e instanceof FileAccessError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * Checks a plan file, plansmith's own or written by hand in one of these formats, without asking the
 * precedent analysis (`lintFile` does). Never changes anything. Refuses a file that is not a plan at all.
 */
export function lintPlan(file: string, options: LintOptions): LintResult {
  const { source, rel } = readPlanFile(file, options.root);
  return lintSource(source, rel, options);
}

/** A plan file read for the checker: its markdown, the facts the checker judges, its imported model. */
interface ReadPlan {
  doc: ReturnType<typeof readPlanMarkdown>;
  facts: PlanFacts;
  imported: ReturnType<typeof importMarkdown> | null;
  /** The precedent verdict the file records (its "Precedent" section), if any. */
  recorded?: Precedent;
}

function readForLint(source: string, file: string): ReadPlan {
  const doc = readPlanMarkdown(source, file);
  const { tree, style } = doc;
  // Files, edit points, commands, sketches and claims: the one checker the gate and the refusals run too.
  const facts: PlanFacts = { files: [], commands: [], sketches: [], claims: [] };
  const seen = new Set<string>();
  for (const f of fileMentions(tree)) {
    if (seen.has(`${f.mode}:${f.path}`)) continue;
    seen.add(`${f.mode}:${f.path}`);
    const points: PlanFacts['files'][number]['points'] = [];
    if (f.mode === 'modify')
      for (const pt of f.points) {
        const p = looseEditPoint(pt.text);
        if (p) points.push({ ...p, at: pt.line });
      }
    facts.files.push({
      path: f.path,
      mode: f.mode,
      later: f.later ?? (/\{[^}]+\}/.test(f.path) ? f.why || 'named later' : undefined),
      at: f.line,
      // A markdown plan is read as one group: its checks are judged against all the files it changes.
      group: 0,
      points,
    });
    if (f.why) facts.claims.push({ text: f.why, at: f.line });
  }
  for (const c of commandMentions(tree)) facts.commands.push({ command: c.command, at: c.line, group: 0 });
  // Claims are what the plan says it will do (title, summary, phases, steps, files), as the gate reads them
  // from the model; sections that report, quote or set aside (the requirement, what exists, the precedent,
  // research, approaches, risks, not doing, questions) claim nothing.
  let quiet: number | null = null;
  const visitCode = (n: Nodes) => {
    if (n.type === 'heading') {
      const d = (n as Heading).depth;
      if (quiet !== null && d <= quiet) quiet = null;
      if (quiet === null && NOT_CLAIMS.test(text(n).replace(/^[\d.\s]+/, ''))) quiet = d;
      if (quiet === null) facts.claims.push({ text: text(n), at: line(n) });
    }
    if (n.type === 'code' && (n as Code).lang)
      facts.sketches.push({ language: (n as Code).lang!, code: (n as Code).value, at: line(n) });
    if ((n.type === 'listItem' || n.type === 'paragraph') && quiet === null) {
      const said = markdownOf(source, [n]);
      const request = /^\*\*Requirement:?\*\*:?\s*([\s\S]*)$/.exec(said);
      if (request) facts.requirement ??= request[1]!.trim();
      else if (!/^\*\*(Assumptions?|Verdict|Evidence|Sibling|Missing|Spellings):?\*\*/.test(said))
        facts.claims.push({ text: said, at: line(n) });
    }
    if ('children' in n && n.type !== 'listItem' && n.type !== 'paragraph')
      for (const c of n.children as Nodes[]) visitCode(c);
  };
  visitCode(tree);
  // The plan model import reads (its "Precedent" section is the verdict the file records, so `lint` judges
  // claims of "new" as the gate did when the plan was written).
  const imported =
    style !== 'unknown' ? importMarkdown(doc, { id: 'lint', slug: 'lint', now: new Date(0), file }) : null;
  return { doc, facts, imported, recorded: recordedPrecedent(imported?.plan.precedent) };
}

/**
 * Lints a plan's text as every door does: when the plan records no precedent verdict (and the caller gives
 * none), each clause that calls a named thing new is asked of the precedent analysis first, so "calls a
 * change new while it already exists" is found in a hand-written plan too (`checker/claim-precedent.ts`).
 */
export async function lint(source: string, file: string, options: LintOptions): Promise<LintResult> {
  const read = readForLint(source, file);
  const claimed =
    options.claimed ??
    (options.precedent || read.recorded
      ? []
      : await claimPrecedents(
          options.root,
          options.profile,
          read.facts.claims.map((c) => c.text),
          options.inventory,
        ));
  return judge(read, file, { ...options, claimed });
}

/** `lint` of a plan file (its text read through the guarded file layer). */
export async function lintFile(file: string, options: LintOptions): Promise<LintResult> {
  const { source, rel } = readPlanFile(file, options.root);
  return lint(source, rel, options);
}

/**
 * Lints a plan's text without asking the precedent analysis: the verdict is the caller's or the one the
 * file records (plansmith's own plans record theirs). Use `lint` for a plan that may record none.
 */
export function lintSource(source: string, file: string, options: LintOptions): LintResult {
  return judge(readForLint(source, file), file, options);
}

function judge(read: ReadPlan, file: string, options: LintOptions): LintResult {
  const rel = file;
  const { doc, facts, imported } = read;
  const { tree, style, status } = doc;
  const headingText = doc.headings.map((h) => text(h).toLowerCase());
  const findings: LintFinding[] = [];
  const add = (severity: LintFinding['severity'], rule: LintFinding['rule'], at: number, message: string) =>
    findings.push({ severity, rule, file: rel, line: at, message });

  if (style !== 'unknown') {
    for (const alts of REQUIRED[style]) {
      // plansmith's own file leaves out a section it has nothing specific for (facts or nothing).
      if (doc.meta && alts.some((a) => LEFT_OUT_WHEN_EMPTY.has(a))) continue;
      if (!headingText.some((h) => alts.some((a) => h.includes(a))))
        add('warning', 'sections', 1, `a ${style} plan usually has a "${alts[0]}" section`);
    }
  }

  // The precedent verdict: the caller's, else the one the plan file records.
  const precedent = options.precedent ?? read.recorded;
  for (const f of checkPlan(checkContext(options.root, options.profile, precedent, options.claimed), facts))
    add('error', f.rule, f.at as number, f.message);

  // The task graph (tasks style): acyclic, and every implementation task has a critique.
  if (style === 'tasks') {
    let inBatch = false;
    let found = false;
    const visitBatch = (n: Nodes) => {
      if (n.type === 'heading') inBatch = /create_tasks_batch|task batch/.test(text(n).toLowerCase());
      if (n.type === 'code' && (n as Code).lang === 'json' && inBatch) {
        found = true;
        checkBatch((n as Code).value, line(n));
      }
      if ('children' in n) for (const c of n.children as Nodes[]) visitBatch(c);
    };
    const checkBatch = (json: string, at: number) => {
      let doc: unknown;
      try {
        doc = JSON.parse(json);
      } catch (e) {
        add('error', 'format', at, `the create_tasks_batch block is not valid JSON: ${(e as Error).message}`);
        return;
      }
      let n = 0;
      try {
        const rows = resolveBatch(parseBatch(doc), new Map(), {
          newId: () => `T${String(++n).padStart(25, '0')}`,
        });
        const cycle = findCycle(
          rows.map((r) => r.id),
          (id) => rows.find((r) => r.id === id)!.dependencies,
        );
        if (cycle) add('error', 'task-graph', at, 'the task graph has a cycle');
        const critiqued = new Set(rows.flatMap((r) => r.critiques));
        const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
        for (const r of rows) {
          if (r.kind !== 'implement') continue;
          if (!critiqued.has(r.id) && !(r.parent_id && critiqued.has(parentOf.get(r.id)!)))
            add('error', 'critique', at, `task "${r.task_name}" has no critique task reviewing it`);
        }
      } catch (e) {
        if (e instanceof ValidationError)
          for (const i of e.issues)
            add(
              'error',
              'task-graph',
              at,
              `${i.task ? `task ${i.task}, ` : ''}field ${i.field}: ${i.message}`,
            );
        else throw e;
      }
    };
    visitBatch(tree);
    if (!found)
      add(
        'warning',
        'task-graph',
        1,
        'a tasks plan should carry its create_tasks_batch JSON under a "create_tasks_batch" heading',
      );
  }

  // Handoffs go to agents or skills that exist: `### label → \`agent\`` under a Handoffs heading.
  if (options.known) {
    let inHandoffs = false;
    const visitH = (n: Nodes) => {
      if (n.type === 'heading' && (n as Heading).depth <= 2)
        inHandoffs = /handoff/.test(text(n).toLowerCase());
      if (n.type === 'heading' && inHandoffs && (n as Heading).depth >= 3) {
        const agent = /→\s*`?([^`]+)`?\s*$/.exec(text(n))?.[1]?.trim();
        if (agent && !options.known!.has(agent))
          add(
            'error',
            'handoff-target',
            line(n),
            `hands off to "${agent}", which no agent file or skill defines`,
          );
      }
      if ('children' in n) for (const c of n.children as Nodes[]) visitH(c);
    };
    visitH(tree);
  }

  // What `import` (and save_plan {markdown}) would not carry into the plan model: said, never dropped silently.
  if (imported)
    for (const n of imported.notImported)
      add('warning', 'not-imported', n.line, `not imported: ${n.what}; the plan model has no place for it`);

  // No open question in a plan marked final.
  if (status === 'final') {
    let inQuestions = false;
    const visitQ = (n: Nodes) => {
      if (n.type === 'heading') inQuestions = /question/.test(text(n).toLowerCase());
      if (n.type === 'listItem' && inQuestions && (n as ListItem).checked !== true)
        add(
          'error',
          'open-questions',
          line(n),
          `the plan is marked final but this question is open: ${text(n).slice(0, 80)}`,
        );
      if ('children' in n) for (const c of n.children as Nodes[]) visitQ(c);
    };
    visitQ(tree);
  }
  findings.sort((a, b) => a.line - b.line);
  return {
    file: rel,
    style,
    plansmith: Boolean(doc.meta),
    status,
    findings,
    ok: !findings.some((f) => f.severity === 'error'),
  };
}
