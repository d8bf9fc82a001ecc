import type { Code, Heading, InlineCode, List, ListItem, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { InputError, ValidationError } from '../../domain/errors.js';
import { LIMITS, markdownDepth } from '../../domain/limits.js';
import type { PlanStyle } from '../../domain/plan.js';
import type { CodebaseProfile } from '../../explore/profile.js';
import { FileAccessError, projectFiles, REFUSED } from '../../files/project-files.js';
import { parseBatch, resolveBatch } from '../../graph/batch.js';
import { findCycle } from '../../graph/cycles.js';
import { META } from '../../workspace/render.js';
import { commandNeverEnds, editPointMiss, invalidModuleName, uncollectedTest } from '../checks.js';
import { commandExists } from './commands.js';

export interface LintFinding {
  severity: 'error' | 'warning';
  rule:
    | 'sections'
    | 'modify-exists'
    | 'create-absent'
    | 'command-exists'
    | 'task-graph'
    | 'critique'
    | 'open-questions'
    | 'outside-root'
    | 'command-terminates'
    | 'module-name'
    | 'test-collected'
    | 'edit-point'
    | 'handoff-target'
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

const text = (n: Nodes): string =>
  'value' in n && typeof n.value === 'string'
    ? n.value
    : 'children' in n
      ? (n.children as Nodes[]).map(text).join('')
      : '';
const line = (n: Nodes) => n.position?.start.line ?? 1;

const PATH = /^[\w@.-]+(?:\/[\w@.*-]+)*\.[\w]+$|^[\w@.-]+(?:\/[\w@.-]+)+\/?$/;

function detectStyle(headings: string[], firstHeading: string): PlanStyle | 'unknown' {
  const h = headings.join('\n');
  if (
    /^xano plan|xano/i.test(firstHeading) ||
    (/implementation order/.test(h) && /xano|tables|functions/.test(h))
  )
    return 'xano';
  if (/^task plan/i.test(firstHeading) || /create_tasks_batch|task graph/.test(h)) return 'tasks';
  if (/acceptance criteria/.test(h) && /goals/.test(h)) return 'prd';
  if (
    /^technical (implementation )?plan/i.test(firstHeading) ||
    (/success criteria/.test(h) && /phase \d/.test(h))
  )
    return 'phased';
  if (/implementation steps|implementation plan/.test(h + firstHeading.toLowerCase())) return 'feature';
  return 'unknown';
}

export interface LintOptions {
  root: string;
  profile: CodebaseProfile;
  /** Agent and skill names a handoff may go to (the registry's); without it handoffs are not checked. */
  known?: Set<string>;
}

/**
 * Checks a plan file, plansmith's own or written by hand in one of these formats. Never changes
 * anything. Refuses a file that is not a plan at all.
 */
export function lintPlan(file: string, options: LintOptions): LintResult {
  const files = projectFiles(options.root);
  let source: string;
  let rel: string;
  try {
    const f = files.readText(file, { maxBytes: LIMITS.messageBytes, what: 'plan' });
    source = f.text;
    rel = files.relative(file);
  } catch (e) {
    if (e instanceof FileAccessError) throw new InputError(e.message);
    throw e;
  }
  return lintSource(source, rel, options);
}

/** Lints a plan's text (before it is written, or as read from `file`). */
export function lintSource(source: string, file: string, options: LintOptions): LintResult {
  const rel = file;
  if (source.includes('\0')) throw new InputError(`${file}: a binary file, not a plan`);
  const deep = markdownDepth(source);
  if (deep.depth > LIMITS.markdownDepth)
    throw new InputError(
      `${file}:${deep.line}: lists or quotes nested ${deep.depth} levels deep, over the limit of ${LIMITS.markdownDepth}`,
    );
  const files = projectFiles(options.root);
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Root;
  const headings: Heading[] = [];
  const walk = (n: Nodes, visit: (n: Nodes, ctx: string) => void, ctx = '') => {
    let current = ctx;
    visit(n, current);
    if ('children' in n) {
      for (const c of n.children as Nodes[]) {
        if (c.type === 'heading') current = text(c).toLowerCase();
        walk(c, visit, current);
      }
    }
  };
  walk(tree, (n) => {
    if (n.type === 'heading') headings.push(n);
  });
  const meta = META.exec(source);
  const first = headings.find((h) => h.depth === 1);
  const headingText = headings.map((h) => text(h).toLowerCase());
  const style = (meta?.[3] as PlanStyle | undefined) ?? detectStyle(headingText, first ? text(first) : '');
  if (!meta && style === 'unknown') {
    throw new InputError(
      `${file}: not a plan plansmith can read (no plansmith header, and its headings match no plan style: feature, phased, prd, tasks, xano)`,
    );
  }
  const status: LintResult['status'] = meta
    ? (meta[4] as 'draft' | 'final')
    : /status:\s*\**\s*final/i.test(source)
      ? 'final'
      : /status:\s*\**\s*draft/i.test(source)
        ? 'draft'
        : 'unknown';
  const findings: LintFinding[] = [];
  const add = (severity: LintFinding['severity'], rule: LintFinding['rule'], at: number, message: string) =>
    findings.push({ severity, rule, file: rel, line: at, message });

  if (style !== 'unknown') {
    for (const alts of REQUIRED[style]) {
      if (!headingText.some((h) => alts.some((a) => h.includes(a))))
        add('warning', 'sections', 1, `a ${style} plan usually has a "${alts[0]}" section`);
    }
  }

  // Files to create and modify: list items under a heading or paragraph that says which, or items that say it themselves.
  let mode: 'create' | 'modify' | null = null;
  const seen = new Set<string>();
  const checkFile = (path: string, m: 'create' | 'modify', at: number) => {
    const p = path.replace(/^\.\//, '').replace(/[:#].*$/, '');
    const escapes = /^(\/|~\/)|(^|\/)\.\.(\/|$)|(^|\/)\.git(\/|$)/.test(p);
    if ((!PATH.test(p) && !escapes) || /^https?:/.test(p) || p.includes('*') || seen.has(`${m}:${p}`)) return;
    if (p.startsWith('~/')) {
      add('error', 'outside-root', at, `says to ${m} ${p}: ${REFUSED.outside}`);
      return;
    }
    seen.add(`${m}:${p}`);
    let present: boolean;
    try {
      present = files.exists(p);
    } catch (e) {
      // Outside the root or into .git/: the same finding whether or not anything is there.
      if (e instanceof FileAccessError) {
        add('error', 'outside-root', at, `says to ${m} ${p}: ${e.reason}`);
        return;
      }
      throw e;
    }
    if (m === 'modify' && !present)
      add('error', 'modify-exists', at, `says to modify ${p}, which does not exist`);
    if (m === 'create' && present)
      add('error', 'create-absent', at, `says to create ${p}, which already exists`);
    if (m === 'create' && !present) {
      const bad = invalidModuleName(p);
      if (bad) add('error', 'module-name', at, `says to create ${p}: ${bad}`);
      const rule = uncollectedTest(options.profile, p);
      if (rule)
        add(
          'error',
          'test-collected',
          at,
          `says to create the test ${p}, which the runner would never run: ${rule}`,
        );
    }
  };
  /** An edit point: the symbol it names is in the file at the lines it gives. */
  const checkPoint = (path: string, item: string, at: number) => {
    // The item's text, code spans already unwrapped: "Shelf.add (lines 13–16): …".
    const m = /^\s*`?([^`\s(]+)`?\s*\(lines?\s+(\d+)\s*[–-]\s*(\d+)\)/.exec(item);
    if (!m) return;
    const [, symbol, a, b] = m;
    const from = Number(a);
    const to = Number(b);
    let lines: string[];
    try {
      lines = files.readText(path.replace(/^\.\//, '')).text.split('\n');
    } catch {
      return; // a missing or refused file is reported by modify-exists / outside-root
    }
    const miss = editPointMiss(lines, symbol!, from, to);
    if (miss === 'outside')
      add('error', 'edit-point', at, `${symbol} (lines ${from}–${to}): ${path} has ${lines.length} lines`);
    else if (miss === 'absent')
      add('error', 'edit-point', at, `${symbol} is not in ${path} at lines ${from}–${to}`);
  };
  const modeOf = (s: string): 'create' | 'modify' | null =>
    /\b(files? to create|create[sd]?|new files?)\b/i.test(s)
      ? 'create'
      : /\b(files? to modify|modif(y|ied|ies)|change[sd]?|edit)\b/i.test(s)
        ? 'modify'
        : null;
  const visitBlock = (n: Nodes) => {
    if (n.type === 'heading') mode = modeOf(text(n));
    else if (n.type === 'paragraph') {
      const t = text(n);
      if ((t.length < 80 && /:\s*$|\*\*$/.test(t.trim())) || /^(\*\*)?files? to/i.test(t.trim()))
        mode = modeOf(t);
    } else if (n.type === 'list') {
      for (const item of (n as List).children as ListItem[]) {
        const t = text(item);
        // Only an item that opens with a plain word says what it does ("Create `x`"); one that opens with code
        // (`add(input)` in …) or a bold step title ("**Add the logic** — …") does not.
        const lead = (item.children[0] as { children?: Nodes[] } | undefined)?.children?.[0];
        // "Add the cases to `x`" adds to an existing file; "Add `x`" creates one.
        const leadText = lead?.type === 'text' ? lead.value : '';
        const own =
          lead?.type !== 'text'
            ? null
            : /^\s*(modify|update|change|edit|extend|fix)\b/i.test(t) ||
                (/^\s*add\b/i.test(leadText) && /\b(to|in|into)\s*$/i.test(leadText))
              ? 'modify'
              : /^\s*(create|add|new)\b/i.test(t)
                ? 'create'
                : null;
        const m = own ?? mode;
        if (!m) continue;
        // The files an item names come before its dash: "`a.py` — why, like `b.py`" names only a.py.
        const codes: InlineCode[] = [];
        let why = false;
        const collect = (x: Nodes) => {
          if (why) return;
          if (x.type === 'text' && /\s[—–]\s|\s-\s/.test(x.value)) {
            why = true;
            return;
          }
          if (x.type === 'inlineCode') codes.push(x);
          if (x.type === 'list') return;
          if ('children' in x) for (const c of x.children as Nodes[]) collect(c);
        };
        for (const c of item.children) collect(c as Nodes);
        const paths = codes.length ? codes.map((c) => c.value) : [t.split(/\s+[—–-]\s+|\s+\(/)[0]!.trim()];
        for (const p of paths) checkFile(p, m, line(item));
        // Edit points: the nested items of a file to modify.
        if (m === 'modify' && paths[0])
          for (const sub of item.children)
            if (sub.type === 'list')
              for (const li of (sub as List).children as ListItem[]) checkPoint(paths[0], text(li), line(li));
      }
    }
    if ('children' in n && n.type !== 'list') for (const c of n.children as Nodes[]) visitBlock(c);
  };
  visitBlock(tree);

  // Commands: shell blocks under success-criteria / automated / verify headings, and inline code in checks.
  let heading = '';
  const commandHeading = () =>
    /automated|success criteria|verify|verification|checks|tests|run these/.test(heading);
  const checkCommand = (cmd: string, at: number) => {
    const why = commandExists(cmd, options.root, options.profile);
    if (why) add('error', 'command-exists', at, `\`${cmd.trim()}\`: ${why}`);
    const never = commandNeverEnds(options.profile, cmd);
    if (never) add('error', 'command-terminates', at, `\`${cmd.trim()}\` cannot be a check: it ${never}`);
  };
  const visitCommands = (n: Nodes) => {
    if (n.type === 'heading') heading = text(n).toLowerCase();
    if (
      n.type === 'code' &&
      commandHeading() &&
      (!(n as Code).lang || /^(bash|sh|shell|console|zsh)$/.test((n as Code).lang ?? ''))
    ) {
      (n as Code).value.split('\n').forEach((l, i) => {
        const c = l.replace(/^\$\s+/, '').trim();
        if (c && !c.startsWith('#')) checkCommand(c, line(n) + 1 + i);
      });
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visitCommands(c);
  };
  visitCommands(tree);

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
    plansmith: Boolean(meta),
    status,
    findings,
    ok: !findings.some((f) => f.severity === 'error'),
  };
}
