import type { Code, Heading, InlineCode, List, ListItem, Nodes, Root } from 'mdast';
import { InputError } from '../../domain/errors.js';
import { LIMITS, markdownBudget, markdownDepth } from '../../domain/limits.js';
import type { PlanStyle } from '../../domain/plan.js';
import { LATER } from '../../workspace/plan-blocks.js';
import { META } from '../../workspace/render.js';
import { markdownTree, markdownWorkersOn, parseAhead } from './tree.js';

/**
 * The one reader of plan markdown, plansmith's own or written by a person or a host agent in the sections
 * the planner workflows use. `lint` checks what it finds; `import` builds a plan model from it.
 */
export interface PlanDocument {
  source: string;
  tree: Root;
  style: PlanStyle | 'unknown';
  status: 'draft' | 'final' | 'unknown';
  /** The plansmith header, when the file has one. */
  meta: { id: string; revision: number; style: PlanStyle; status: 'draft' | 'final' } | null;
  headings: Heading[];
  title: string;
}

/** A file the plan says to create or modify, with the nested items of a file to modify (edit points). */
export interface FileMention {
  path: string;
  mode: 'create' | 'modify';
  line: number;
  /** The text after the file's dash: why it changes. */
  why: string;
  points: Array<{ text: string; line: number }>;
  /** A file to create whose name is decided later: its nested "named later: …" item (what fills the pattern). */
  later?: string;
}

/** A command under a heading that makes it a check (automated, success criteria, verify, tests). */
export interface CommandMention {
  command: string;
  line: number;
  heading: string;
  /** The comment line above it in its code block (`# Storage`), without the `#`: the group it is listed in. */
  group?: string;
}

export const text = (n: Nodes): string =>
  'value' in n && typeof n.value === 'string'
    ? n.value
    : 'children' in n
      ? (n.children as Nodes[]).map(text).join('')
      : '';
export const line = (n: Nodes) => n.position?.start.line ?? 1;

/**
 * A list item's own text with its code spans kept in backticks (the nested lists left out): an edit point's
 * symbol, signature and why read back as written ("`Environment variables` (lines 3–9) — sets `FOO`").
 */
export const inlineOf = (n: Nodes): string =>
  n.type === 'inlineCode'
    ? n.value.includes('`')
      ? `\`\` ${n.value} \`\``
      : `\`${n.value}\``
    : n.type === 'list'
      ? ''
      : 'value' in n && typeof n.value === 'string'
        ? n.value
        : 'children' in n
          ? (n.children as Nodes[]).map(inlineOf).join('')
          : '';

/** The markdown of some sibling nodes as written (code spans, emphasis and links kept). */
export function markdownOf(source: string, nodes: Nodes[]): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes[nodes.length - 1]?.position?.end.offset;
  return first === undefined || last === undefined
    ? nodes.map(text).join('')
    : unescapeLt(source.slice(first, last));
}

/** `&lt;` outside code spans back to `<` (plansmith escapes a `<` that would open an HTML tag). */
const unescapeLt = (s: string) =>
  s.includes('&lt;')
    ? s
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 ? part : part.replace(/&lt;/g, '<')))
        .join('')
    : s;

const PATH = /^[\w@.-]+(?:\/[\w@.*-]+)*\.[\w]+$|^[\w@.-]+(?:\/[\w@.-]+)+\/?$/;
/** A path in free prose: with a folder, or with a file extension a project keeps (`self.limit` is not). */
const FILE_EXT =
  /\.(py|pyi|ts|tsx|js|jsx|mjs|cjs|rs|go|java|kt|rb|php|cs|c|h|cc|cpp|hpp|swift|md|mdx|rst|txt|toml|ya?ml|json|cfg|ini|sh|html|css|scss|sql|lock)$/i;
export const looksLikeFile = (p: string) =>
  PATH.test(p) && !/^https?:|\*|\s/.test(p) && (p.includes('/') || FILE_EXT.test(p)) && !/^--?\w/.test(p);
/** A path out of the root or into .git/: reported, never followed. */
export const ESCAPES = /^(\/|~\/)|(^|\/)\.\.(\/|$)|(^|\/)\.git(\/|$)/;

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
  // A hand-written plan with phases or steps and files: read as a phased plan.
  if (
    /^(phase|step|stage|milestone)\s*\d+/m.test(h) ||
    (/\b(phase|step|stage|milestone)s?\b/.test(h) && /file|change|success|verif|test/.test(h))
  )
    return 'phased';
  return 'unknown';
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
const BOLD_LABEL = /^\*\*[^*\n]{1,60}(?::\*\*|\*\*:)\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * A bold label written on the line after a list item ("- a\n**Files to modify:**\n- b") would be read as
 * the item's continuation, and the list after it as more of the same list: a blank line is put before it.
 * Returns the text to parse and the (1-based, original) lines a blank line was put before.
 */
function separateLabels(source: string): { text: string; inserted: number[] } {
  const lines = source.split('\n');
  const out: string[] = [];
  const inserted: number[] = [];
  let fence: string | null = null;
  let inList = false;
  lines.forEach((l, i) => {
    const f = FENCE.exec(l);
    if (fence) {
      if (f && f[1]!.startsWith(fence)) fence = null;
    } else if (f) fence = f[1]!;
    else if (inList && BOLD_LABEL.test(l.trim()) && !/^\s/.test(l)) {
      out.push('');
      inserted.push(i + 1);
    }
    if (!fence) inList = l.trim() !== '' && (inList || LIST_ITEM.test(l));
    out.push(l);
  });
  return { text: out.join('\n'), inserted };
}

/** Node positions back on the lines of the file as written (offsets stay those of the parsed text). */
function restoreLines(tree: Root, inserted: number[]): void {
  const shift = (ln: number) => ln - inserted.filter((at) => at + inserted.indexOf(at) < ln).length;
  const visit = (n: Nodes) => {
    if (n.position) {
      n.position.start.line = shift(n.position.start.line);
      n.position.end.line = shift(n.position.end.line);
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
}

/**
 * On a server, parses a plan's markdown on a worker thread under the time limit before `readPlanMarkdown`
 * reads it (which then takes that tree): the use cases call it in their async part. A plan the reader
 * would refuse before parsing is left to it; a no-op in the CLI.
 */
export async function parsePlanAhead(source: string, file: string): Promise<void> {
  if (!markdownWorkersOn() || source.includes('\0') || markdownBudget(source)) return;
  if (markdownDepth(source).depth > LIMITS.markdownDepth) return;
  await parseAhead([separateLabels(source).text], file);
}

/** Parses a plan's markdown; refuses a binary, an over-deep or a non-plan document with the file and line. */
export function readPlanMarkdown(source: string, file: string): PlanDocument {
  if (source.includes('\0')) throw new InputError(`${file}: a binary file, not a plan`);
  const over = markdownBudget(source);
  if (over) throw new InputError(`${file}:${over.line}: ${over.message}`);
  const deep = markdownDepth(source);
  if (deep.depth > LIMITS.markdownDepth)
    throw new InputError(
      `${file}:${deep.line}: lists or quotes nested ${deep.depth} levels deep, over the limit of ${LIMITS.markdownDepth}`,
    );
  const { text: parsed, inserted } = separateLabels(source);
  const tree = markdownTree(parsed);
  if (inserted.length) restoreLines(tree, inserted);
  const headings: Heading[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'heading') headings.push(n);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
  const m = META.exec(source);
  const meta = m
    ? {
        id: m[1]!,
        revision: Number(m[2]),
        style: m[3] as PlanStyle,
        status: m[4] as 'draft' | 'final',
      }
    : null;
  const first = headings.find((h) => h.depth === 1);
  const style =
    meta?.style ??
    detectStyle(
      headings.map((h) => text(h).toLowerCase()),
      first ? text(first) : '',
    );
  if (!meta && style === 'unknown')
    throw new InputError(
      `${file}: not a plan plansmith can read (no plansmith header, and its headings match no plan style: feature, phased, prd, tasks, xano)`,
    );
  const status = meta
    ? meta.status
    : /status:\s*\**\s*final/i.test(source)
      ? 'final'
      : /status:\s*\**\s*draft/i.test(source)
        ? 'draft'
        : 'unknown';
  return {
    source: parsed,
    tree,
    style,
    status,
    meta,
    headings,
    title: first ? markdownOf(source, first.children as Nodes[]).trim() : '',
  };
}

const modeOf = (s: string): 'create' | 'modify' | null =>
  /\b(files? to create|create[sd]?|new files?)\b/i.test(s)
    ? 'create'
    : /\b(files? to modify|modif(y|ied|ies)|change[sd]?|edit)\b/i.test(s)
      ? 'modify'
      : null;

const DESCRIBES =
  /^(what exists|current state|existing (code|state|behaviou?r|support)|research|findings|context|background|(technical )?overview|analysis|integration points|precedent)\b/i;
const CREATE_LEAD =
  /^\s*(create|add|new)\b(\s+(a|an|the))?(\s+new)?(\s+(file|module|test|folder|directory|script|page|component))?\s*:?\s*$/i;

/**
 * The files a plan (or one part of it) says to create or modify: list items under a heading or a label
 * that says which ("**Files to modify:**"), or items that say it themselves ("Create `x` — why").
 */
export function fileMentions(nodes: Nodes | Nodes[]): FileMention[] {
  const out: FileMention[] = [];
  let mode: 'create' | 'modify' | null = null;
  // Under a heading that describes (what exists, research, context), items report; they ask for nothing.
  let describes = false;
  const visitBlock = (n: Nodes) => {
    if (n.type === 'heading') {
      mode = modeOf(text(n));
      describes = DESCRIBES.test(text(n));
    } else if (n.type === 'paragraph') {
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
        // "Create `x`", "Add a new file `x`": the verb is all that comes before the path; "Add a retry so
        // `x` …" or "New endpoint in `x`" says something else, and a heading that describes asks for nothing.
        const own =
          lead?.type !== 'text' || describes
            ? null
            : /^\s*(modify|update|change|edit|extend|fix)\b/i.test(t) ||
                (/^\s*add\b/i.test(leadText) && /\b(to|in|into)\s*$/i.test(leadText))
              ? 'modify'
              : CREATE_LEAD.test(leadText) && item.children[0]?.type === 'paragraph'
                ? 'create'
                : null;
        const m = own ?? (describes ? null : mode);
        if (!m) continue;
        // The files an item names come before its dash: "`a.py` — why, like `b.py`" names only a.py.
        const codes: InlineCode[] = [];
        let dash = false;
        const collect = (x: Nodes) => {
          if (dash) return;
          if (x.type === 'text' && /\s[—–]\s|\s-\s/.test(x.value)) {
            dash = true;
            return;
          }
          if (x.type === 'inlineCode') codes.push(x);
          if (x.type === 'list') return;
          if ('children' in x) for (const c of x.children as Nodes[]) collect(c);
        };
        for (const c of item.children) collect(c as Nodes);
        const own0 = item.children[0] ? text(item.children[0] as Nodes) : t;
        const why = /\s[—–]\s|\s-\s/.exec(own0) ? own0.slice(own0.search(/\s[—–]\s|\s-\s/) + 3).trim() : '';
        const paths = codes.length ? codes.map((c) => c.value) : [t.split(/\s+[—–-]\s+|\s+\(/)[0]!.trim()];
        const points: FileMention['points'] = [];
        let later: string | undefined;
        for (const sub of item.children)
          if (sub.type === 'list')
            for (const li of (sub as List).children as ListItem[]) {
              const named = m === 'create' ? LATER.exec(text(li)) : null;
              if (named) later = named[1]!.trim();
              else points.push({ text: inlineOf(li), line: line(li) });
            }
        for (const raw of paths) {
          const p = raw.replace(/^\.\//, '').replace(/[:#].*$/, '');
          // A placeholder (`changes/<ISSUE>.feature.rst`, `{issue}`) is kept: the checker says how to declare it.
          const shape = p.replace(/<[^>/]+>|\{[^}/]+\}/g, 'x');
          if ((!PATH.test(shape) && !ESCAPES.test(p)) || /^https?:/.test(p) || p.includes('*')) continue;
          out.push({
            path: p,
            mode: m,
            line: line(item),
            why,
            points: p === paths[0] ? points : [],
            ...(later && p === paths[0] ? { later } : {}),
          });
        }
      }
    }
    if ('children' in n && n.type !== 'list') for (const c of n.children as Nodes[]) visitBlock(c);
  };
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) visitBlock(n);
  return out;
}

/** An edit point item: "`Shelf.add` (lines 13–16): `signature` — why". */
export function editPointOf(item: string): {
  symbol: string;
  start_line: number;
  end_line: number;
  signature: string;
  why: string;
} | null {
  // The symbol in a code span may hold spaces (a docs heading such as `Environment variables`); the why
  // keeps its code spans.
  const m =
    /^\s*(?:`([^`]+)`|([^`\s(][^`(]*?))\s*\(lines?\s+(\d+)\s*[–-]\s*(\d+)\)(?::\s*(?:``\s(.*?)\s``|`([^`]*)`|([^`—]*?)))?\s*(?:—\s*(.*))?$/s.exec(
      item.trim(),
    );
  if (!m) return null;
  const symbol = (m[1] ?? m[2]!).trim();
  return {
    symbol,
    start_line: Number(m[3]),
    end_line: Number(m[4]),
    signature: (m[5] ?? m[6] ?? m[7] ?? '').trim() || symbol,
    why: (m[8] ?? '').trim(),
  };
}

export const COMMAND_HEADING = /automated|success criteria|verify|verification|checks|tests|run these/;

/** Commands in shell blocks under a heading that makes them checks. */
export function commandMentions(nodes: Nodes | Nodes[], heading = ''): CommandMention[] {
  const out: CommandMention[] = [];
  let current = heading;
  const visit = (n: Nodes) => {
    if (n.type === 'heading') current = text(n).toLowerCase();
    if (
      n.type === 'code' &&
      COMMAND_HEADING.test(current) &&
      (!(n as Code).lang || /^(bash|sh|shell|console|zsh)$/.test((n as Code).lang ?? ''))
    ) {
      let group: string | undefined;
      (n as Code).value.split('\n').forEach((l, i) => {
        const c = l.replace(/^\$\s+/, '').trim();
        if (c.startsWith('#')) group = c.replace(/^#+\s*/, '') || undefined;
        else if (c)
          out.push({ command: c, line: line(n) + 1 + i, heading: current, ...(group ? { group } : {}) });
      });
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) visit(n);
  return out;
}
