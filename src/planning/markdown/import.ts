import type { Code, List, ListItem, Nodes, Table } from 'mdast';
import type { PlanInput, WorkType } from '../../domain/plan.js';
import { classifyChange } from '../offline/analyze.js';
import { approachesOf } from './approaches.js';
import { ciOf } from './ci.js';
import { checksOf, fileRuns, groupedChecksOf, KIND, phaseBlocks, stepsOf } from './phases.js';
import { precedentOf } from './precedent.js';
import { looksLikeFile, type PlanDocument, text } from './read.js';
import {
  dropped,
  find,
  finding,
  isHtml,
  items,
  itemText,
  labelled,
  labelledLists,
  listOf,
  markUsed,
  md,
  minutes,
  type NotImported,
  none,
  notImported,
  paragraphs,
  prose,
  type Section,
  sourceOf,
  split,
  splitList,
  stripCheck,
  tableRows,
  unlabel,
  useSource,
} from './sections.js';

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
  /** The request the plan answers, as the person asked it (save_plan's `requirement`); else the file's. */
  requirement?: string;
}

/** The plan's title without the word a template puts before it ("Implementation Plan: …"). */
export function planTitle(doc: PlanDocument): string {
  return (
    doc.title
      .replace(
        /^(technical implementation plan|implementation plan|technical plan|task plan|xano plan|plan|prd)\s*[:—–-]\s*/i,
        '',
      )
      .trim() || 'Imported plan'
  );
}

export function planFromMarkdown(doc: PlanDocument, ctx: ImportContext): PlanInput {
  return importMarkdown(doc, ctx).plan;
}

/** The plan model, and every section or line of the file the model has no place for. */
export function importMarkdown(
  doc: PlanDocument,
  ctx: ImportContext,
): { plan: PlanInput; notImported: NotImported[] } {
  useSource(doc.source);
  const top = split(doc.tree.children as Nodes[], 2);
  // The intro: what comes before the first section (after the title, when the title is the only H1).
  const h1 = top.filter((x) => x.heading?.depth === 1);
  const intro = [...top[0]!.nodes, ...(h1.length === 1 ? h1[0]!.nodes : [])];
  const sections = top.slice(1).filter((x) => !(h1.length === 1 && x === h1[0]));
  const title = planTitle(doc);

  // Summary, the requirement and assumptions: the intro (plansmith's summary fence), else an overview section.
  const overview = find(
    sections,
    /^((technical )?overview|summary|analysis|context|problem( statement)?|background)\b/,
  );
  const own = [...intro, ...(overview?.nodes ?? [])];
  const REQ = '(?:requirement|request|original request|prompt|original prompt)';
  const reqPara = paragraphs(own).find((p) => labelled(p, REQ));
  const lists = labelledLists(intro);
  // A paragraph of "**Label**: value" lines is the plan's metadata (created, ticket, approach), not prose.
  const META_LINE = /^\*\*[^*\n]{1,40}(?::\*\*|\*\*:)\s*\S/;
  const isMeta = (p: string) => p.split('\n').every((l) => META_LINE.test(l.trim()));
  const meta = new Map<string, { value: string; line: number }>();
  for (const n of intro)
    if (n.type === 'paragraph' && isMeta(md(n)) && !labelled(md(n), REQ))
      md(n)
        .split('\n')
        .forEach((l, i) => {
          const m = /^\*\*([^*\n]+?):?\*\*:?\s*(.*)$/.exec(l.trim())!;
          meta.set(m[1]!.toLowerCase(), { value: m[2]!.trim(), line: (n.position?.start.line ?? 1) + i });
        });
  const notLabels = (ps: string[]) =>
    ps.filter(
      (p) =>
        !/^plansmith plan /.test(p) &&
        !labelled(p, REQ) &&
        !labelled(p, 'decisions and assumptions') &&
        !labelled(p, 'analysis') &&
        !isMeta(p),
    );
  const summary =
    notLabels(prose(intro)).join('\n\n') ||
    (overview ? notLabels(prose(overview.nodes)).join('\n\n') : '') ||
    title;
  const problemSec = find(sections, /^(problem statement|requirement)/);
  const requirement =
    ctx.requirement?.trim() ||
    (reqPara ? unlabel(reqPara, REQ) : '') ||
    (problemSec ? prose(problemSec.nodes).join('\n') : '') ||
    summary;
  const assumptions = lists.get('decisions and assumptions') ?? [];
  const analysisOf = (label: string) => {
    const hit = (lists.get('analysis') ?? []).find((x) => x.toLowerCase().startsWith(`${label}:`));
    return hit === undefined ? undefined : splitList(hit.slice(label.length + 1));
  };

  const research = find(sections, /research|findings|current state/);
  const readFirst = research ? paragraphs(research.nodes).find((p) => labelled(p, 'read first')) : undefined;
  const existing = find(sections, /^what exists/);
  const stack = find(sections, /stack/);

  const approaches = approachesOf(sections, Boolean(doc.meta));
  // "**Approach**: Option B" (or its name) in the metadata says which approach was chosen.
  for (const [label, { value, line }] of meta) {
    const chosen =
      label === 'approach'
        ? approaches.find((a, i) => value === `Option ${String.fromCharCode(65 + i)}` || value === a.name)
        : undefined;
    if (chosen) for (const a of approaches) a.recommended = a === chosen;
    else dropped(line, `"${label}: ${value}"`);
  }

  // Phases: numbered or named phase/step headings; consecutive steps of the same phase form one phase.
  const blocks = phaseBlocks(sections, doc.meta?.style === 'feature');
  const timelineSec = find(sections, /^timeline/);
  const timeline = tableRows(timelineSec?.nodes ?? []);
  const phases: NonNullable<PlanInput['phases']> = [];
  for (const b of blocks) {
    // plansmith's xano form: "### 1. Title → `agent`": the phase's agent.
    const arrow = /\s+→\s+`?([^`\s]+)`?$/.exec(b.phaseTitle);
    if (arrow) {
      b.phaseTitle = b.phaseTitle.slice(0, arrow.index);
      b.title = b.phaseTitle;
    }
    // plansmith's prd form: "### Phase 1: Title (testing agent)" over a checklist of step titles.
    const agent = /\s+\((implementation|testing|docs) agent\)$/.exec(b.phaseTitle);
    if (agent) {
      b.phaseTitle = b.phaseTitle.slice(0, agent.index);
      b.title = b.phaseTitle;
    }
    const checklist = agent
      ? items(split(b.nodes, b.heading.depth + 1)[0]!.nodes)
          .map((li) => stripCheck(itemText(li)))
          .filter(Boolean)
      : [];
    const steps = checklist.length
      ? checklist.map((t) => ({ title: t, detail: '', files_to_create: [], files_to_modify: [] }))
      : stepsOf(b);
    const sub = split(b.nodes, b.heading.depth + 1);
    const manualSec = split(b.nodes, 6).find((x) => /manual/i.test(x.title));
    const auto = checksOf(b.nodes, b.title.toLowerCase());
    // Manual checks: under a "Manual" heading, else the phase's own checklist items (not its steps).
    const manual = manualSec
      ? listOf(manualSec.nodes)
      : agent
        ? []
        : items(b.nodes)
            .filter((li) => typeof li.checked === 'boolean')
            .map((li) => stripCheck(itemText(li)))
            .filter(Boolean);
    const prev = phases[phases.length - 1];
    const kindLabel = paragraphs(split(b.nodes, b.heading.depth + 1)[0]!.nodes)
      .map((p) => /^\*\*Kind:\*\*\s*(implement|test|docs|research|other)$/.exec(p)?.[1])
      .find(Boolean) as 'implement' | 'test' | 'docs' | 'research' | 'other' | undefined;
    const agentLabel = paragraphs(split(b.nodes, b.heading.depth + 1)[0]!.nodes)
      .map((p) => /^\*\*Agent:\*\*\s*`([^`]+)`$/.exec(p)?.[1])
      .find(Boolean);
    const skillLabel = paragraphs(split(b.nodes, b.heading.depth + 1)[0]!.nodes)
      .map((p) => /^\*\*Skill:\*\*\s*`([^`]+)`$/.exec(p)?.[1])
      .find(Boolean);
    if (prev && prev.title === b.phaseTitle && b.phaseTitle !== b.title) {
      prev.steps.push(...steps);
      if (b.estimate !== undefined) prev.estimate_minutes = (prev.estimate_minutes ?? 0) + b.estimate;
      continue;
    }
    // A phase with bold step items opens with its goal; a single-step block's prose is the step's detail.
    const boldItems = items(sub[0]!.nodes).some(
      (li) => (li.children[0] as { children?: Nodes[] } | undefined)?.children?.[0]?.type === 'strong',
    );
    const bold = Boolean(agent) || boldItems || steps.length > 1 || steps[0]!.title !== b.title;
    const paras = prose(sub[0]!.nodes).filter((p) => !/^\*\*(Kind|Agent|Skill):\*\*/.test(p));
    phases.push({
      id: `p${phases.length + 1}`,
      title: b.phaseTitle,
      goal: bold ? (paras[0] ?? '') : '',
      kind:
        kindLabel ??
        (agent
          ? (({ testing: 'test', docs: 'docs' } as Record<string, 'test' | 'docs'>)[agent[1]!] ?? 'implement')
          : KIND(b.phaseTitle)),
      steps,
      automated_checks: auto,
      manual_checks: manual,
      ...(b.estimate !== undefined ? { estimate_minutes: b.estimate } : {}),
      ...(arrow || agentLabel ? { agent: arrow?.[1] ?? agentLabel! } : {}),
      ...(skillLabel ? { skill: skillLabel } : {}),
    });
  }
  // The timeline: each phase's estimate, and in plansmith's feature form its kind and goal.
  const cols = (
    timelineSec?.nodes.find((n): n is Table => n.type === 'table')?.children[0]?.children ?? []
  ).map((c) => text(c).toLowerCase());
  for (const p of phases) {
    const row = timeline.find((r) => r[0] === p.title);
    if (!row) continue;
    const t = minutes(row[row.length - 1]!);
    if (t !== undefined) p.estimate_minutes = t;
    const at = (name: string) => (cols.indexOf(name) >= 0 ? row[cols.indexOf(name)] : undefined);
    const kind = at('kind');
    if (kind && /^(implement|test|docs|research|other)$/.test(kind)) p.kind = kind as 'test';
    const agentCell = /^`([^`]+)`$/.exec(at('agent') ?? '');
    if (agentCell) p.agent = agentCell[1]!;
    const skillCell = /^`([^`]+)`$/.exec(at('skill') ?? '');
    if (skillCell) p.skill = skillCell[1]!;
    const goal = at('goal');
    if (goal !== undefined && !p.goal) p.goal = goal === '—' ? '' : goal;
  }
  // Without phase headings: one phase with every file the plan names.
  // Without phase headings: one phase; its steps are the runs of files as listed (creates, then modifies),
  // so a plan that lists them step by step (plansmith's tasks style) keeps that order.
  const stepsListed = phases.length || doc.meta ? null : stepList(sections);
  if (stepsListed) {
    // A hand-written plan whose steps are a list under one heading ("## Implementation steps", "1. Register
    // `--limit` in `src/cli.py`"): each item is a step, with its whole text and the files it names.
    markUsed(stepsListed.section);
    const steps = stepsListed.items.map((li) => listedStep(li));
    const named = new Set(
      steps.flatMap((st) => [...st.files_to_create, ...st.files_to_modify].map((f) => f.path)),
    );
    // Files the plan lists elsewhere ("## Files to modify") belong to the first step, as before.
    // (with their headings: "## Files to modify" says what its items are)
    const others = sections.filter((x) => x !== stepsListed.section);
    const elsewhere = fileRuns(others.flatMap((x) => (x.heading ? [x.heading, ...x.nodes] : x.nodes)));
    for (const x of others) if (fileRuns(x.heading ? [x.heading, ...x.nodes] : x.nodes).length) markUsed(x);
    for (const run of elsewhere) {
      steps[0]!.files_to_create.push(...run.create.filter((f) => !named.has(f.path)));
      steps[0]!.files_to_modify.push(...run.modify.filter((f) => !named.has(f.path)));
    }
    phases.push({ id: 'p1', title: 'Implementation', kind: 'implement', steps });
  } else if (!phases.length) {
    const groups = fileRuns(sections.flatMap((x) => x.nodes));
    for (const x of sections) if (fileRuns(x.nodes).length) markUsed(x);
    if (!groups.length) groups.push({ create: [], modify: [] });
    phases.push({
      id: 'p1',
      title: 'Implementation',
      kind: 'implement',
      steps: groups.map((g, i) => ({
        title: groups.length > 1 ? `${title} (${i + 1}/${groups.length})` : title,
        detail: i === 0 ? summary : '',
        files_to_create: g.create,
        files_to_modify: g.modify,
      })),
    });
  }

  // plansmith's prd form keeps the files in the technical scope, in step order: each run of creates then
  // modifies belongs to the next step (the list reads the same whichever step a run of modifies is under).
  const scope = find(sections, /^technical scope/);
  if (doc.style === 'prd' && scope) {
    const runs = fileRuns(scope.nodes);
    const all = phases.flatMap((ph) => ph.steps);
    runs.forEach((r, i) => {
      const st = all[i] ?? (phases.at(-1)?.steps.at(-1) as (typeof all)[number] | undefined);
      if (!st) return;
      st.files_to_create = [...(st.files_to_create ?? []), ...r.create];
      st.files_to_modify = [...(st.files_to_modify ?? []), ...r.modify];
    });
  }

  // Tests and plan-wide checks (plansmith's feature form keeps them in one block).
  const testsSec = find(sections, /^tests?\b|testing|test strategy|verification/);
  // Success criteria at the top level: the definition of done (plansmith's feature form keeps each phase's
  // manual checks there under the phase's title), and any commands are checks of every phase.
  const criteria = find(sections, /^success criteria|^acceptance$/);
  const criteriaParts = criteria ? split(criteria.nodes, (criteria.heading?.depth ?? 2) + 1) : [];
  const done: string[] = criteria ? listOf(criteriaParts[0]!.nodes) : [];
  for (const part of criteriaParts.slice(1)) {
    const phase = phases.find((p) => p.title === part.title);
    if (phase) phase.manual_checks = [...(phase.manual_checks ?? []), ...listOf(part.nodes)];
    else if (/definition of done|^done$/i.test(part.title)) done.push(...listOf(part.nodes));
    // Plan-wide manual checks ("Manual verification" under the success criteria) are what a person checks
    // when the work is done: the last phase's.
    else if (/^manual/i.test(part.title) && phases.length) {
      const last = phases.at(-1)!;
      last.manual_checks = [...(last.manual_checks ?? []), ...listOf(part.nodes)];
    } else if (!/automated|checks|commands/i.test(part.title))
      dropped(part.heading ?? 1, `the part "${part.title}" of "${criteria!.title}"`);
  }
  // A plan-wide check listed under a phase's title (`# Storage` above it, plansmith's feature form) is that
  // phase's; the others are checks of every phase that lists none of its own.
  // A section of its own ("## Automated checks", plansmith's tasks form) is plan-wide too.
  const checksSec = find(sections, /^(automated )?checks$/);
  const listed = [
    ...(testsSec ? groupedChecksOf(testsSec.nodes, testsSec.title.toLowerCase()) : []),
    ...(checksSec ? groupedChecksOf(checksSec.nodes, 'automated checks') : []),
    ...(criteria ? groupedChecksOf(criteria.nodes, 'success criteria') : []),
  ];
  // A title in a heading was read with its `&lt;` escapes undone; in a code block it was written as is.
  const bare = (t: string) => t.replace(/&lt;/g, '<');
  const ofPhase = (g: string | undefined) => (g ? phases.find((p) => bare(p.title) === bare(g)) : undefined);
  for (const { check, group } of listed) {
    const phase = ofPhase(group);
    const has = phase?.automated_checks?.some(
      (c) => c.command === check.command && c.expect === check.expect,
    );
    if (phase && !has) phase.automated_checks = [...(phase.automated_checks ?? []), check];
  }
  const seenCheck = new Set<string>();
  const planChecks = listed
    .filter(({ group }) => !ofPhase(group))
    .map(({ check }) => check)
    .filter(
      (c) =>
        !seenCheck.has(`${c.command}\0${c.expect}`) && Boolean(seenCheck.add(`${c.command}\0${c.expect}`)),
    );
  if (planChecks.length)
    for (const p of phases) if (!p.automated_checks?.length) p.automated_checks = planChecks;

  const questionsSec = find(sections, /question/);
  const questions = questionsSec
    ? items(questionsSec.nodes)
        .map((li) => {
          const t = stripCheck(itemText(li)).replace(/^Q\d+\.\s*/, '');
          // An answer the planner assumed: "question — **Assumed:** what" (kept as the answer it was given).
          const assumed = /^(.*?) — \*\*Assumed:\*\*\s*(.*)$/.exec(t);
          if (assumed) return { question: assumed[1]!.trim(), answer: `Assumed: ${assumed[2]!.trim()}` };
          const answered = /^(.*?) — \*?\*?(.+?)\*?\*?$/.exec(t);
          // plansmith writes the reason after the question as "_(why)_"; other parentheses are the question's.
          const why = /^(.*)\s+_\((.*?)\)_$/.exec(t);
          if ((li.checked || li.checked === null || li.checked === undefined) && answered && /\*\*$/.test(t))
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
  // An ordered list, a command in a code block an item of its own ("`git revert HEAD`").
  const ordered = (re: RegExp) => {
    const s = find(sections, re);
    if (!s) return [];
    const listed = items(s.nodes).map(itemText).map(stripCheck).filter(Boolean);
    const commands = s.nodes
      .filter((n): n is Code => n.type === 'code')
      .flatMap((c) => c.value.split('\n'))
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => `\`${l}\``);
    return [...listed, ...commands];
  };
  const testsStrategy = testsSec ? (prose(testsSec.nodes)[0] ?? '') : '';
  // Labelled values: "**Stack:** a, b" in the scope, "- Operations: a, b" in the goals.
  const labelIn = (sec: Section | undefined, label: string, empty: RegExp): string[] => {
    const hit = sec ? paragraphs(sec.nodes).find((x) => labelled(x, label)) : undefined;
    const v = hit ? unlabel(hit, label) : '';
    return v && !empty.test(v) ? v.split(/,\s*/) : [];
  };
  const goals = find(sections, /^goals/);
  const operations = (goals ? listOf(goals.nodes) : [])
    .find((x) => /^operations:/i.test(x))
    ?.replace(/^operations:\s*/i, '')
    .split(/,\s*/);
  const acceptance = find(sections, /^acceptance criteria/);
  const tier = (name: RegExp) => {
    const sub = acceptance
      ? split(acceptance.nodes, 3).find((x) => name.test(x.title.toLowerCase()))
      : undefined;
    return sub ? listOf(sub.nodes) : undefined;
  };
  const problem = find(sections, /^problem statement/);
  const problemText = problem ? sourceOf(problem.nodes.filter((n) => !isHtml(n))).trim() : '';
  const work: WorkType = classifyChange(`${title}\n${requirement}`).kind;

  // Sections plansmith derives from the rest (a summary of the files, the task graph, the build order).
  for (const re of [
    /^file changes|^files\b/,
    /^task graph/,
    /^implementation order/,
    /^long-running work/,
    /^architecture summary/,
    /^implementation phases/,
    /^components/,
  ])
    find(sections, re);
  const precedentSec = find(sections, /^precedent$/);
  const precedent = precedentSec ? precedentOf(precedentSec.nodes) : undefined;
  const ciSec = find(sections, /^ci failure$/);
  const ci = ciSec ? ciOf(ciSec.nodes) : undefined;
  const plan: PlanInput = {
    id: doc.meta?.id ?? ctx.id,
    revision: doc.meta?.revision ?? 1,
    slug: ctx.slug,
    title,
    style: doc.style === 'unknown' ? 'phased' : doc.style,
    status: doc.status === 'final' ? 'final' : 'draft',
    // A plansmith file names the engine that wrote it; anything else was written by hand or by a host.
    engine: /· engine (\S+)/.exec(doc.source.split('\n', 4).join('\n'))?.[1] ?? 'import',
    created_at: ctx.now.toISOString(),
    requirement: { text: problemText || requirement, sources: [{ kind: 'file', name: ctx.file }] },
    analysis: {
      work_type: (analysisOf('work type')?.[0] as WorkType | undefined) ?? work,
      summary,
      assumptions,
      entities: analysisOf('entities') ?? [],
      operations: analysisOf('operations') ?? operations ?? [],
      interfaces: analysisOf('interfaces') ?? labelIn(scope, 'interfaces', /^none named$/i),
      integrations: analysisOf('integrations') ?? labelIn(scope, 'integrations', /^none$/i),
      existing: existing
        ? listOf(existing.nodes)
            .map(finding)
            .filter((f) => f.evidence)
            .map((f) => ({ text: f.text, file: f.evidence!.file, line: f.evidence!.line }))
        : [],
    },
    research: {
      stack: stack
        ? listOf(stack.nodes)
        : (analysisOf('stack') ?? labelIn(scope, 'stack', /^not detected$/i)),
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
    tests: {
      strategy: testsStrategy,
      cases: tier(/^functional/) ?? (testsSec ? listOf(testsSec.nodes) : []),
    },
    risks,
    security: tier(/^security/) ?? textList(/^security/),
    performance: textList(/^performance/),
    rollback: ordered(/^rollback/),
    // What is left for later ("next steps after implementation", "future work") is not done by this plan.
    not_doing: [
      ...textList(/not doing|out of scope/),
      ...ordered(/^(next steps after|follow-?ups?|future work|later)/),
    ],
    definition_of_done: [...(tier(/^technical/) ?? ordered(/definition of done/)), ...done],
    handoffs,
    next_command: nextCommand,
    revision_notes: textList(/^revision \d+$/),
    tasks,
    ...(precedent ? { precedent } : {}),
    ...(ci ? { ci } : {}),
  };
  return { plan, notImported: notImported(sections) };
}

/** The section of a hand-written plan whose list is its steps, when it has no phase or step headings. */
const STEP_SECTION =
  /^(implementation( steps| plan)?|(the )?steps|tasks?|task list|changes|proposed changes|plan|todo|work( items)?|how)\b/i;

function stepList(sections: Section[]): { section: Section; items: ListItem[] } | null {
  for (const s of sections) {
    if (!s.heading || !STEP_SECTION.test(s.title)) continue;
    const list = items(s.nodes.filter((n) => n.type === 'list'));
    if (list.length) return { section: s, items: list };
  }
  return null;
}

/** One listed step: its first sentence as the title, the whole item (nested items too) as the detail. */
function listedStep(li: ListItem) {
  const own = stripCheck(itemText(li));
  const nested = (li.children as Nodes[])
    .filter((c): c is List => c.type === 'list')
    .flatMap((l) => (l.children as ListItem[]).map((x) => `- ${stripCheck(itemText(x))}`));
  const sentence = /^(.+?[.!?])(\s|$)/s.exec(own)?.[1] ?? own;
  const title =
    sentence.length <= 120
      ? sentence.replace(/[.]$/, '')
      : `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…`;
  const detail = [own === sentence ? '' : own, ...nested].filter(Boolean).join('\n');
  const create: Array<{ path: string; why: string }> = [];
  const modify: Array<{ path: string; why: string }> = [];
  // The files an item names in code spans; "create"/"new file" just before a path makes it a new file.
  const source = sourceOf(li.children as Nodes[]);
  for (const m of source.matchAll(/`([^`\n]+)`/g)) {
    const path = m[1]!.replace(/^\.\//, '').replace(/:\d+(-\d+)?$/, '');
    if (!looksLikeFile(path) || [...create, ...modify].some((f) => f.path === path)) continue;
    const before = source.slice(Math.max(0, m.index! - 40), m.index);
    (/\b(create|new file|add a new|add new)\b[^`]*$/i.test(before) ? create : modify).push({ path, why: '' });
  }
  return { title, detail, files_to_create: create, files_to_modify: modify };
}
