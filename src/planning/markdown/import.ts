import type { Code, Heading, List, ListItem, Nodes, Paragraph, Table } from 'mdast';
import type { EditPoint, PlanInput, WorkType } from '../../domain/plan.js';
import { classifyChange } from '../offline/analyze.js';
import { commandMentions, editPointOf, fileMentions, markdownOf, type PlanDocument, text } from './read.js';

/**
 * A plan model from plan markdown: plansmith's own files, or a plan a person or a host agent wrote in the
 * sections of the planner workflows (title, summary, research, approaches, phases or numbered steps with
 * files to create and modify, automated and manual checks, risks, rollback, open questions, handoffs, a
 * create_tasks_batch block). The reader is the one `lint` uses. What the file does not say is left to the
 * model's defaults; ids, dates and the slug come from the caller unless the plansmith header names them.
 */
export interface ImportContext {
  id: string;
  slug: string;
  now: Date;
  /** The file it came from, for the requirement's source. */
  file: string;
}

interface Section {
  heading: Heading | null;
  title: string;
  nodes: Nodes[];
}

/** Splits nodes at headings of `depth` (and shallower): the nodes before the first one come first. */
function split(nodes: Nodes[], depth: number): Section[] {
  const out: Section[] = [{ heading: null, title: '', nodes: [] }];
  for (const n of nodes) {
    if (n.type === 'heading' && (n as Heading).depth <= depth)
      out.push({ heading: n as Heading, title: md(n).trim(), nodes: [] });
    else out[out.length - 1]!.nodes.push(n);
  }
  return out;
}

const isHtml = (n: Nodes) => n.type === 'html';
/** The source being imported: values keep their markdown (code spans, emphasis) as written. */
let SOURCE = '';
const md = (n: Nodes) =>
  'children' in n && n.children.length ? markdownOf(SOURCE, n.children as Nodes[]) : text(n);
const items = (nodes: Nodes[]): ListItem[] =>
  nodes.filter((n): n is List => n.type === 'list').flatMap((l) => l.children as ListItem[]);
/** The first line of a list item (its own paragraph, not the nested lists). */
const itemText = (li: ListItem) =>
  (li.children as Nodes[])
    .filter((c) => c.type !== 'list')
    .map(md)
    .join(' ')
    .trim();
const paragraphs = (nodes: Nodes[]) =>
  nodes.filter((n): n is Paragraph => n.type === 'paragraph').map((p) => md(p).trim());
const stripCheck = (s: string) => s.replace(/^\[[ xX]\]\s*/, '').trim();
/** Markdown emphasis around a whole value removed: "**Name**" → "Name". */
const unbold = (s: string) => s.replace(/^\*\*(.*)\*\*$/s, '$1').trim();
/** A labelled paragraph ("**Requirement:** text") without its label. */
const unlabel = (s: string, label: string) =>
  s.replace(new RegExp(`^\\*{0,2}${label}:\\*{0,2}\\s*`, 'i'), '').trim();
const labelled = (s: string, label: string) => new RegExp(`^\\*{0,2}${label}:`, 'i').test(s);
const none = (s: string) =>
  /^_?(none|none identified|one approach|single straightforward approach)\.?_?$/i.test(s);
const listOf = (nodes: Nodes[]) =>
  items(nodes)
    .map(itemText)
    .map(stripCheck)
    .filter((s) => s && !none(s));

function find(sections: Section[], re: RegExp): Section | undefined {
  return sections.find((s) => re.test(s.title.toLowerCase()));
}

const minutes = (s: string): number | undefined => {
  const m = /~?\s*([\d.]+)\s*(h|hours?|min|minutes?)\b/i.exec(s);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (/^h/i.test(m[2]!) ? 60 : 1));
};

/** "text (`file:line`)" → a finding with evidence. */
function finding(s: string): { text: string; evidence?: { file: string; line: number }; line?: number } {
  const m = /^(.*?)\s*\(([^()\s]+):(\d+)\)\s*$/.exec(s);
  return m ? { text: m[1]!, evidence: { file: m[2]!, line: Number(m[3]) } } : { text: s };
}

function tableRows(nodes: Nodes[]): string[][] {
  const t = nodes.find((n): n is Table => n.type === 'table');
  if (!t) return [];
  return t.children.slice(1).map((r) => r.children.map((c) => md(c).trim()));
}

/** The phase blocks of a plan: "## Phase 1: …", "### 1. Step (Phase, ~30 min)", "### Step 2: …". */
const PHASE = /^(?:phase|stage|milestone|step)\s*(\d+)\s*[:.)—–-]?\s*(.*)$|^(\d+)[.)]\s+(.*)$/i;

interface Block {
  title: string;
  phaseTitle: string;
  estimate?: number;
  nodes: Nodes[];
  heading: Heading;
}

function phaseBlocks(sections: Section[]): Block[] {
  const out: Block[] = [];
  for (const s of sections) {
    // Sections that name phases without being them: the handoffs, the timeline, the risks.
    if (
      /handoff|timeline|risk|rollback|question|research|approach|option/i.test(s.title) &&
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
        if (est) {
          estimate = minutes(est[1]!);
          title = title.slice(0, est.index).trim();
          phaseTitle = title;
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

const KIND = (title: string): 'implement' | 'test' | 'docs' | 'research' =>
  /\btest/i.test(title)
    ? 'test'
    : /\bdoc/i.test(title)
      ? 'docs'
      : /\bresearch|spike|investigat/i.test(title)
        ? 'research'
        : 'implement';

function filesOf(nodes: Nodes[]) {
  const create: Array<{ path: string; why: string }> = [];
  const modify: Array<{ path: string; why: string; edit_points?: EditPoint[] }> = [];
  for (const f of fileMentions(nodes)) {
    if (f.mode === 'create') {
      if (!create.some((x) => x.path === f.path)) create.push({ path: f.path, why: f.why });
    } else if (!modify.some((x) => x.path === f.path)) {
      const points = f.points.map((p) => editPointOf(p.text)).filter((p): p is EditPoint => p !== null);
      modify.push({ path: f.path, why: f.why, ...(points.length ? { edit_points: points } : {}) });
    }
  }
  return { create, modify };
}

/** Commands under check headings, "cmd   # expect" split. */
function checksOf(nodes: Nodes[], heading = '') {
  const seen = new Set<string>();
  const out: Array<{ command: string; expect?: string }> = [];
  for (const c of commandMentions(nodes, heading)) {
    const [command, expect] = c.command.split(/\s+#\s+/, 2) as [string, string | undefined];
    if (seen.has(command)) continue;
    seen.add(command);
    out.push(expect ? { command: command.trim(), expect: expect.trim() } : { command: command.trim() });
  }
  return out;
}

/** Paragraphs that are not labels ("**Files to create:**") and not fence comments. */
function prose(nodes: Nodes[]): string[] {
  return paragraphs(nodes.filter((n) => !isHtml(n))).filter(
    (p) => !/^\*?\*?[^*]{0,60}:\*?\*?$/.test(p) && !/:$/.test(p),
  );
}

function stepsOf(block: Block) {
  const sub = split(block.nodes, block.heading.depth + 1);
  const own = sub[0]!.nodes;
  const { create, modify } = filesOf(block.nodes);
  // Bold list items are steps: "- **Title** — detail".
  const bold = items(own).filter((li) => {
    const first = (li.children[0] as Paragraph | undefined)?.children?.[0];
    return first?.type === 'strong';
  });
  const code = own.find(
    (n): n is Code => n.type === 'code' && !/^(bash|sh|shell|console|zsh|text)?$/.test(n.lang ?? ''),
  );
  const sketch = code ? { language: code.lang ?? '', code: code.value } : undefined;
  if (bold.length) {
    return bold.map((li, i) => {
      const t = itemText(li);
      const [title, ...rest] = t.split(/\s+[—–]\s+/);
      return {
        title: unbold(title!.trim()),
        detail: rest.join(' — ').trim(),
        files_to_create: i === 0 ? create : [],
        files_to_modify: i === 0 ? modify : [],
      };
    });
  }
  const text0 = prose(own);
  return [
    {
      title: block.title,
      detail: text0.join('\n\n'),
      files_to_create: create,
      files_to_modify: modify,
      ...(sketch ? { sketch } : {}),
    },
  ];
}

export function planFromMarkdown(doc: PlanDocument, ctx: ImportContext): PlanInput {
  SOURCE = doc.source;
  const top = split(doc.tree.children as Nodes[], 2);
  // The intro: what comes before the first section (after the title, when the title is the only H1).
  const h1 = top.filter((x) => x.heading?.depth === 1);
  const intro = [...top[0]!.nodes, ...(h1.length === 1 ? h1[0]!.nodes : [])];
  const sections = top.slice(1).filter((x) => !(h1.length === 1 && x === h1[0]));
  const title =
    doc.title
      .replace(/^(implementation plan|technical plan|task plan|xano plan|plan|prd)\s*:\s*/i, '')
      .trim() || 'Imported plan';

  // Summary, the requirement and assumptions: the intro (plansmith's summary fence), else an overview section.
  const introParas = prose(intro).filter((p) => !/^plansmith plan /.test(p));
  const reqPara = paragraphs(intro).find((p) => labelled(p, 'requirement'));
  const overview = find(sections, /^(overview|summary|analysis|context|problem( statement)?|background)\b/);
  const summaryParas = introParas.filter(
    (p) => !labelled(p, 'requirement') && !labelled(p, 'decisions and assumptions'),
  );
  const summary = summaryParas.join('\n\n') || (overview ? prose(overview.nodes).join('\n\n') : '') || title;
  const requirement =
    (reqPara ? unlabel(reqPara, 'requirement') : '') ||
    (find(sections, /^(problem statement|requirement)/)
      ? prose(find(sections, /^(problem statement|requirement)/)!.nodes).join('\n')
      : '') ||
    title;
  const assumptions = paragraphs(intro).some((p) => labelled(p, 'decisions and assumptions'))
    ? listOf(intro)
    : [];

  const research = find(sections, /research|findings|current state/);
  const readFirst = research ? paragraphs(research.nodes).find((p) => labelled(p, 'read first')) : undefined;
  const existing = find(sections, /^what exists/);
  const stack = find(sections, /stack/);

  // Approaches: plansmith's "**Name** (recommended) — summary" / "Considered: **Name** — …", or "### Option A: Name".
  const approachSec = find(sections, /approach|options|alternatives/);
  const approaches: NonNullable<PlanInput['approaches']> = [];
  if (approachSec) {
    const opts = split(approachSec.nodes, (approachSec.heading?.depth ?? 2) + 1).slice(1);
    for (const o of opts) {
      const m = /^(?:option\s+\w+\s*:\s*)?(.*?)(\s*\(recommended\))?$/i.exec(o.title)!;
      const ps = paragraphs(o.nodes);
      const field = (name: string) => {
        const hit = ps
          .join('\n')
          .split('\n')
          .find((l) => labelled(l.trim(), name));
        return hit ? unlabel(hit.trim(), name) : '';
      };
      const list = (s: string) => (s && s !== '—' ? s.split(/;\s*/).filter(Boolean) : []);
      approaches.push({
        name: m[1]!.trim(),
        summary: ps.find((p) => !/^\*?\*?(pros|cons|best for|effort)/i.test(p)) ?? '',
        pros: list(field('pros')),
        cons: list(field('cons')),
        best_for: field('best for').replace(/^—$/, ''),
        effort: field('effort').replace(/^—$/, ''),
        recommended: Boolean(m[2]),
      });
    }
    if (!opts.length) {
      for (const p of paragraphs(approachSec.nodes)) {
        const rec = /^(.+?) \(recommended\) — (.*)$/.exec(p);
        const other = /^Considered: (.+?) — (.*?)(?: Not chosen: (.*?)\.)?$/.exec(p);
        const pc = /^Pros: (.*?)\. Cons: (.*?)\.$/.exec(p);
        const list = (s?: string) => (s && s !== '—' ? s.split(/;\s*/).filter(Boolean) : []);
        if (rec) approaches.push({ name: unbold(rec[1]!), summary: rec[2]!, recommended: true });
        else if (pc && approaches.length)
          Object.assign(approaches[approaches.length - 1]!, { pros: list(pc[1]), cons: list(pc[2]) });
        else if (other)
          approaches.push({ name: unbold(other[1]!), summary: other[2]!.trim(), cons: list(other[3]) });
      }
    }
  }

  // Phases: numbered or named phase/step headings; consecutive steps of the same phase form one phase.
  const blocks = phaseBlocks(sections);
  const timeline = tableRows(find(sections, /^timeline/)?.nodes ?? []);
  const estimateOf = new Map(timeline.map((r) => [r[0]!, minutes(r[r.length - 1]!)]));
  const phases: NonNullable<PlanInput['phases']> = [];
  for (const b of blocks) {
    const steps = stepsOf(b);
    const sub = split(b.nodes, b.heading.depth + 1);
    const manualSec = split(b.nodes, 6).find((x) => /manual/i.test(x.title));
    const auto = checksOf(b.nodes, b.title.toLowerCase());
    const manual = manualSec ? listOf(manualSec.nodes) : [];
    const prev = phases[phases.length - 1];
    if (prev && prev.title === b.phaseTitle && b.phaseTitle !== b.title) {
      prev.steps.push(...steps);
      prev.estimate_minutes = (prev.estimate_minutes ?? 0) + (b.estimate ?? 0);
      continue;
    }
    // A phase with bold step items opens with its goal; a single-step block's prose is the step's detail.
    const bold = steps.length > 1 || steps[0]!.title !== b.title;
    const paras = prose(sub[0]!.nodes);
    phases.push({
      id: `p${phases.length + 1}`,
      title: b.phaseTitle,
      goal: bold ? (paras[0] ?? '') : '',
      kind: KIND(b.phaseTitle),
      steps,
      automated_checks: auto,
      manual_checks: manual,
      estimate_minutes: b.estimate ?? 30,
    });
  }
  for (const p of phases) {
    const t = estimateOf.get(p.title);
    if (t !== undefined) p.estimate_minutes = t;
  }
  // Without phase headings: one phase with every file the plan names.
  if (!phases.length) {
    const { create, modify } = filesOf(sections.flatMap((s) => s.nodes));
    phases.push({
      id: 'p1',
      title: 'Implementation',
      kind: 'implement',
      steps: [{ title, detail: summary, files_to_create: create, files_to_modify: modify }],
    });
  }

  // Tests and plan-wide checks (plansmith's feature form keeps them in one block).
  const testsSec = find(sections, /^tests?\b|testing|test strategy|verification/);
  const planChecks = testsSec ? checksOf(testsSec.nodes, testsSec.title.toLowerCase()) : [];
  if (planChecks.length)
    for (const p of phases) if (!p.automated_checks?.length) p.automated_checks = planChecks;

  const questionsSec = find(sections, /question/);
  const questions = questionsSec
    ? items(questionsSec.nodes)
        .map((li) => {
          const t = stripCheck(itemText(li)).replace(/^Q\d+\.\s*/, '');
          const answered = /^(.*?) — \*?\*?(.+?)\*?\*?$/.exec(t);
          const why = /^(.*?)\s*_?\((.*)\)_?$/.exec(t);
          if (li.checked && answered)
            return { question: answered[1]!.trim(), answer: answered[2]!.replace(/\*\*/g, '').trim() };
          return why ? { question: why[1]!.trim(), why: why[2]!.trim() } : { question: t };
        })
        .filter((q) => q.question && !none(q.question))
    : [];
  if (questionsSec && !questions.length)
    for (const li of (questionsSec.nodes.filter((n) => n.type === 'list') as List[]).flatMap(
      (l) => l.children,
    ))
      questions.push({ question: itemText(li as ListItem) });

  const riskSec = find(sections, /^risk/);
  const riskRows = tableRows(riskSec?.nodes ?? []);
  const header = (
    riskSec?.nodes.find((n): n is Table => n.type === 'table')?.children[0]?.children ?? []
  ).map((c) => text(c).toLowerCase());
  const col = (name: string) => header.findIndex((h) => h.includes(name));
  const risks = riskRows.length
    ? riskRows.map((r) => ({
        risk: r[col('risk')] ?? r[0]!,
        mitigation: r[col('mitigation')] ?? '',
        contingency: (r[col('contingency')] ?? '').replace(/^—$/, ''),
        ...(col('likelihood') >= 0
          ? { likelihood: (r[col('likelihood')] ?? 'medium').toLowerCase() as 'low' }
          : {}),
      }))
    : listOf(riskSec?.nodes ?? []).map((t) => {
        const [risk, ...rest] = t.split(/\s+[—–]\s+/);
        return { risk: risk!, mitigation: rest.join(' — ') };
      });

  const handoffSec = find(sections, /^handoffs?/);
  const handoffs: NonNullable<PlanInput['handoffs']> = [];
  let nextCommand = '';
  if (handoffSec) {
    for (const h of split(handoffSec.nodes, 3).slice(1)) {
      const m = /^(.*?)\s*→\s*`?([^`]+?)`?\s*$/.exec(h.title);
      const prompt =
        h.nodes.find((n): n is Code => n.type === 'code')?.value ?? paragraphs(h.nodes).join('\n');
      if (m && prompt) handoffs.push({ label: m[1]!.trim(), agent: m[2]!.trim(), prompt });
      const next = paragraphs(h.nodes).find((p) => /^Next:/.test(p));
      if (next)
        nextCommand = (/^Next:\s*(\S.*?)(?:\s+\(or .*)?$/.exec(next)?.[1] ?? '').replace(/^`|`$/g, '');
    }
  }

  const batchSec = find(sections, /create_tasks_batch|task batch/);
  let tasks: Array<Record<string, unknown>> = [];
  const batchCode = batchSec?.nodes.find((n): n is Code => n.type === 'code' && n.lang === 'json');
  if (batchCode) {
    try {
      const parsed = JSON.parse(batchCode.value);
      if (Array.isArray(parsed)) tasks = parsed;
    } catch {
      // lint reports a broken batch block with its line
    }
  }

  const textList = (re: RegExp) => listOf(find(sections, re)?.nodes ?? []);
  const ordered = (re: RegExp) => {
    const s = find(sections, re);
    return s ? items(s.nodes).map(itemText).map(stripCheck).filter(Boolean) : [];
  };
  const testsStrategy = testsSec ? (prose(testsSec.nodes)[0] ?? '') : '';
  const work: WorkType = classifyChange(`${title}\n${requirement}`).kind;

  return {
    id: doc.meta?.id ?? ctx.id,
    revision: doc.meta?.revision ?? 1,
    slug: ctx.slug,
    title,
    style: doc.style === 'unknown' ? 'phased' : doc.style,
    status: doc.status === 'final' ? 'final' : 'draft',
    engine: 'import',
    created_at: ctx.now.toISOString(),
    requirement: { text: requirement, sources: [{ kind: 'file', name: ctx.file }] },
    analysis: {
      work_type: work,
      summary,
      assumptions,
      existing: existing
        ? listOf(existing.nodes)
            .map(finding)
            .filter((f) => f.evidence)
            .map((f) => ({ text: f.text, file: f.evidence!.file, line: f.evidence!.line }))
        : [],
    },
    research: {
      stack: stack ? listOf(stack.nodes) : [],
      findings: research ? listOf(research.nodes).map(finding) : [],
      read_first: readFirst
        ? unlabel(readFirst, 'read first')
            .split(/,\s*/)
            .map((x) => x.replace(/^`|`$/g, '').trim())
            .filter(Boolean)
        : [],
    },
    questions,
    approaches,
    phases,
    tests: { strategy: testsStrategy, cases: testsSec ? listOf(testsSec.nodes) : [] },
    risks,
    security: textList(/^security/),
    performance: textList(/^performance/),
    rollback: ordered(/^rollback/),
    not_doing: textList(/not doing/),
    definition_of_done: ordered(/definition of done/),
    handoffs,
    next_command: nextCommand,
    tasks,
  };
}
