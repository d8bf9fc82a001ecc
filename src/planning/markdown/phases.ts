import type { Code, Heading, Nodes, Paragraph } from 'mdast';
import type { EditPoint } from '../../domain/plan.js';
import { COMMAND_HEADING, commandMentions, editPointOf, fileMentions } from './read.js';
import {
  dropped,
  items,
  itemText,
  markUsed,
  md,
  minutes,
  prose,
  type Section,
  split,
  unbold,
} from './sections.js';

/** The phases of a plan's markdown: phase and step headings, their steps, files and checks. */

/** The phase blocks of a plan: "## Phase 1: …", "### 1. Step (Phase, ~30 min)", "### Step 2: …". */
export const PHASE = /^(?:phase|stage|milestone|step)\s*(\d+)\s*[:.)—–-]?\s*(.*)$|^(\d+)[.)]\s+(.*)$/i;

export interface Block {
  title: string;
  phaseTitle: string;
  estimate?: number;
  nodes: Nodes[];
  heading: Heading;
}

/** `own`: plansmith's file, whose feature steps say their phase in parentheses: "### 2. Title (Phase)". */
export function phaseBlocks(sections: Section[], own = false): Block[] {
  const out: Block[] = [];
  for (const s of sections) {
    // Sections that name phases without being them: the handoffs, the timeline, the risks.
    if (
      /handoff|timeline|risk|rollback|question|research|approach|option|success criteria|definition of done|next steps/i.test(
        s.title,
      ) &&
      !PHASE.test(s.title)
    )
      continue;
    const inside = split(s.nodes, (s.heading?.depth ?? 1) + 1);
    const candidates: Array<{ heading: Heading; title: string; nodes: Nodes[] }> = [];
    if (s.heading && PHASE.test(s.title) && /^(phase|stage|milestone|step)/i.test(s.title))
      candidates.push({ heading: s.heading, title: s.title, nodes: s.nodes });
    else
      for (const sub of inside.slice(1))
        if (sub.heading && PHASE.test(sub.title) && !/success criteria/i.test(sub.title))
          candidates.push({ heading: sub.heading, title: sub.title, nodes: sub.nodes });
    if (candidates.length) markUsed(s);
    for (const c of candidates) {
      const m = PHASE.exec(c.title)!;
      let title = (m[2] ?? m[4] ?? '').trim();
      // plansmith's feature form: "1. Step title (Phase title, ~30 min)".
      const paren = /^(.*)\s+\(([^()]*?),\s*~\s*([^()]+)\)$/.exec(title);
      let phaseTitle = title;
      let estimate: number | undefined;
      if (paren) {
        title = paren[1]!.trim();
        phaseTitle = paren[2]!.trim();
        estimate = minutes(paren[3]!);
      } else {
        const est = /\s*\(~?\s*([\d.]+\s*(?:h|hours?|min|minutes?))\)$/i.exec(title);
        const named = own ? /^(.*)\s+\(([^()]+)\)$/.exec(title) : null;
        if (est) {
          estimate = minutes(est[1]!);
          title = title.slice(0, est.index).trim();
          phaseTitle = title;
        } else if (named) {
          title = named[1]!.trim();
          phaseTitle = named[2]!.trim();
        }
      }
      out.push({
        title: title || c.title,
        phaseTitle: phaseTitle || c.title,
        estimate,
        nodes: c.nodes,
        heading: c.heading,
      });
    }
  }
  return out;
}

export const KIND = (title: string): 'implement' | 'test' | 'docs' | 'research' =>
  /\btest/i.test(title)
    ? 'test'
    : /\bdoc/i.test(title)
      ? 'docs'
      : /\bresearch|spike|investigat/i.test(title)
        ? 'research'
        : 'implement';

export interface FileLists {
  create: Array<{ path: string; why: string; later?: string }>;
  modify: Array<{ path: string; why: string; edit_points?: EditPoint[] }>;
}

/**
 * The files a part of a plan names, in runs as listed: each run is files to create, then files to modify
 * (plansmith lists a step's files that way, so a create after a modify starts the next step's run). A path
 * is kept once per run; the files to modify carry their edit points.
 */
export function fileRuns(nodes: Nodes[]): FileLists[] {
  const runs: FileLists[] = [];
  let last: 'create' | 'modify' | null = null;
  for (const f of fileMentions(nodes)) {
    if (!runs.length || (f.mode === 'create' && last === 'modify')) runs.push({ create: [], modify: [] });
    const run = runs[runs.length - 1]!;
    if (f.mode === 'create') {
      if (!run.create.some((x) => x.path === f.path))
        run.create.push({ path: f.path, why: f.why, ...(f.later ? { later: f.later } : {}) });
    } else if (!run.modify.some((x) => x.path === f.path)) {
      const points: EditPoint[] = [];
      for (const p of f.points) {
        const e = editPointOf(p.text);
        if (e) points.push(e);
        else
          dropped(
            p.line,
            `the edit point "${p.text}" of ${f.path} (write \`symbol\` (lines a–b): \`signature\` — why)`,
          );
      }
      run.modify.push({ path: f.path, why: f.why, ...(points.length ? { edit_points: points } : {}) });
    }
    last = f.mode;
  }
  return runs;
}

/** All the files a part of a plan names, each path once (the first mention wins). */
export function filesOf(nodes: Nodes[]): FileLists {
  const out: FileLists = { create: [], modify: [] };
  for (const run of fileRuns(nodes)) {
    for (const c of run.create) if (!out.create.some((x) => x.path === c.path)) out.create.push(c);
    for (const m of run.modify) if (!out.modify.some((x) => x.path === m.path)) out.modify.push(m);
  }
  return out;
}

/** Commands under check headings, "cmd   # expect" split. */
export interface ImportedCheck {
  command: string;
  expect?: string;
  evidence?: { file: string; line: number };
}

export function checksOf(nodes: Nodes[], heading = ''): ImportedCheck[] {
  const seen = new Set<string>();
  return groupedChecksOf(nodes, heading)
    .map(({ check }) => check)
    .filter((c) => {
      const key = `${c.command}\0${c.expect ?? ''}\0${c.evidence ? `${c.evidence.file}:${c.evidence.line}` : ''}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

/**
 * The checks of a section with the group each is listed under: the comment line above it in its code
 * block (plansmith's feature form marks each phase's checks with the phase's title, `# Storage`).
 */
export function groupedChecksOf(
  nodes: Nodes[],
  heading = '',
): Array<{ check: ImportedCheck; group?: string }> {
  const seen = new Set<string>();
  const out: Array<{ check: ImportedCheck; group?: string }> = [];
  for (const c of commandMentions(nodes, heading)) {
    const [command, said] = c.command.split(/\s+#\s+/, 2) as [string, string | undefined];
    // The same command with another expectation is another check (two phases may run it for two reasons);
    // the same line in two groups is a check of each.
    const key = `${command.trim()}\0${said ?? ''}\0${c.group ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // "cmd   # expect · file:line": what passing looks like, and where the project defines the command.
    const where = said ? /\s+·\s+([^\s:]+):(\d+)$/.exec(said) : null;
    const expect = where ? said!.slice(0, where.index) : said;
    out.push({
      check: {
        command: command.trim(),
        ...(expect ? { expect: expect.trim() } : {}),
        ...(where ? { evidence: { file: where[1]!, line: Number(where[2]) } } : {}),
      },
      ...(c.group ? { group: c.group } : {}),
    });
  }
  return out;
}

/** Sub-sections of a phase that are its checks or its file lists, not steps. */
const NOT_STEP = /^(changes|files|success criteria|automated|manual|verification|checks|tests?$)/i;
const SHELL = /^(bash|sh|shell|console|zsh)$/;

/**
 * One step's parts: its prose (labelled lists that are not files, such as "**Key functions:**", kept in
 * it as "**Label:** a; b"), its first code example as the sketch (a shell block too, unless the step is a
 * check), the code examples after it reported.
 */
function stepParts(nodes: Nodes[], title: string) {
  const detail: string[] = [];
  let label: string | null = null;
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      const t = md(n).trim();
      const m = /^\*\*([^*\n]{1,60}?)(?::\*\*|\*\*:)$/.exec(t);
      label = m && !/\bfiles?\b|^implementation$|^example|^code/i.test(m[1]!) ? m[1]! : null;
      if (!m && !/:$/.test(t)) detail.push(t);
    } else if (n.type === 'list' && label) {
      detail.push(
        `**${label}:** ${items([n])
          .map((li) => itemText(li))
          .join('; ')}`,
      );
      label = null;
    } else if (n.type !== 'html') label = null;
  }
  const checks = COMMAND_HEADING.test(title.toLowerCase());
  const codes = nodes.filter(
    (n): n is Code => n.type === 'code' && !(checks && (!n.lang || SHELL.test(n.lang))) && n.lang !== 'text',
  );
  for (const c of codes.slice(1)) dropped(c, `a second code example in "${title}"`);
  const sketch = codes[0] ? { language: codes[0].lang ?? '', code: codes[0].value } : undefined;
  return { detail: detail.join('\n\n'), sketch };
}

export function stepsOf(block: Block) {
  const sub = split(block.nodes, block.heading.depth + 1);
  const own = sub[0]!.nodes;
  const { create, modify } = filesOf(block.nodes);
  // Bold list items are steps: "- **Title** — detail".
  const bold = items(own).filter((li) => {
    const first = (li.children[0] as Paragraph | undefined)?.children?.[0];
    return first?.type === 'strong';
  });
  if (bold.length) {
    // plansmith nests a step's files under its item; files listed elsewhere in the phase go to its first step.
    const nested = bold.map((li) => filesOf((li.children as Nodes[]).filter((c) => c.type === 'list')));
    const inItems = new Set(nested.flatMap((f) => [...f.create, ...f.modify].map((x) => x.path)));
    const outside = {
      create: create.filter((x) => !inItems.has(x.path)),
      modify: modify.filter((x) => !inItems.has(x.path)),
    };
    return bold.map((li, i) => {
      const t = (li.children as Nodes[])
        .filter((c) => c.type !== 'list' && c.type !== 'code')
        .map(md)
        .join(' ')
        .trim();
      const [title, ...rest] = t.split(/\s+[—–]\s+/);
      // plansmith writes a step's sketch as a code block inside its item.
      const code = (li.children as Nodes[]).find((c): c is Code => c.type === 'code');
      return {
        title: unbold(title!.trim()),
        detail: rest.join(' — ').trim(),
        files_to_create: [...(i === 0 ? outside.create : []), ...nested[i]!.create],
        files_to_modify: [...(i === 0 ? outside.modify : []), ...nested[i]!.modify],
        ...(code ? { sketch: { language: code.lang ?? '', code: code.value } } : {}),
      };
    });
  }
  // Sub-sections that are not checks or file lists are steps ("### 1.1 Schema" with its code).
  const parts = sub.slice(1).filter((x) => !NOT_STEP.test(x.title));
  if (parts.length && !prose(own).length) {
    const ownFiles = filesOf(own);
    return parts.map((x, i) => {
      const files = filesOf(x.nodes);
      const title = x.title.replace(/^\d+(\.\d+)*[.)]?\s+/, '');
      const { detail, sketch } = stepParts(x.nodes, title);
      return {
        title,
        detail,
        files_to_create: [...(i === 0 ? ownFiles.create : []), ...files.create],
        files_to_modify: [...(i === 0 ? ownFiles.modify : []), ...files.modify],
        ...(sketch ? { sketch } : {}),
      };
    });
  }
  const { detail, sketch } = stepParts(own, block.title);
  return [
    {
      title: block.title,
      detail,
      files_to_create: create,
      files_to_modify: modify,
      ...(sketch ? { sketch } : {}),
    },
  ];
}
