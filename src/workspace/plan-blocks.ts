import type { Check, Phase, Plan, Step } from '../domain/plan.js';
import { fenceFor } from './escape.js';
import { fence } from './fences.js';
import { mainArtefact } from './paths.js';

/**
 * The blocks the plan styles share, each rendering its fields in the form `planning/markdown/` reads back:
 * the header (summary, requirement, analysis, what exists, the precedent), approaches, steps, checks,
 * questions, handoffs, risks, the CI diagnosis. Strings arrive already made safe by escape.ts.
 */
export const list = (items: string[], empty = '_None._') =>
  items.length ? items.map((x) => `- ${x}`).join('\n') : empty;
export const code = (p: string) => `\`${p}\``;
export const mins = (m: number) => (m >= 90 ? `${(m / 60).toFixed(1).replace(/\.0$/, '')} h` : `${m} min`);
/** A phase's estimate for a table cell: "—" where the plan gives none (never a default). */
export const estimateCell = (m: number | undefined) => (m === undefined ? '—' : mins(m));
/** The phases' estimates added up, and how many phases have none; null when no phase has one. */
export function totalEstimate(phases: Array<Pick<Phase, 'estimate_minutes'>>): string {
  const given = phases.filter((p) => p.estimate_minutes !== undefined);
  if (!given.length) return '—';
  const sum = mins(given.reduce((a, p) => a + p.estimate_minutes!, 0));
  const left = phases.length - given.length;
  return `**${sum}**${left ? ` (${left} phase${left === 1 ? '' : 's'} not estimated)` : ''}`;
}
export const checklist = (items: string[], empty = '_None._') =>
  items.length ? items.map((x) => `- [ ] ${x}`).join('\n') : empty;

export function metaLine(plan: Plan): string {
  return `> plansmith plan \`${plan.id}\` · revision ${plan.revision} · style ${plan.style} · status ${plan.status} · engine ${plan.engine}`;
}

export const META = /plansmith plan `([^`]+)` · revision (\d+) · style (\w+) · status (\w+)/;

/** A file to modify with its edit points as nested items: `Symbol` (lines a–b): `signature` — why. */
export function modifyItem(prefix: string, f: Step['files_to_modify'][number]): string {
  const points = (f.edit_points ?? []).map(
    (e) =>
      `  - ${code(e.symbol)} (lines ${e.start_line}–${e.end_line})${e.signature && e.signature !== e.symbol ? `: ${code(e.signature)}` : ''}${e.why ? ` — ${e.why}` : ''}`,
  );
  return [`- ${prefix}${code(f.path)} — ${f.why}`, ...points].join('\n');
}

/** The item under a file to create whose name is decided later: what fills its {placeholders}. */
export const LATER = /^named later:\s*(.+)$/is;

/** A file to create, with what names it later as a nested item when its name is decided later. */
export function createItem(prefix: string, f: Step['files_to_create'][number]): string {
  return [`- ${prefix}${code(f.path)} — ${f.why}`, ...(f.later ? [`  - named later: ${f.later}`] : [])].join(
    '\n',
  );
}

/** The files a phase touches, for a table cell: full paths, at most three. */
export function phaseFiles(p: Phase): string {
  const all = [
    ...new Set(p.steps.flatMap((s) => [...s.files_to_modify, ...s.files_to_create].map((f) => f.path))),
  ];
  // A phase that touches no file runs something: say what (the suite, the checks).
  if (!all.length) {
    const runs = [...new Set(p.automated_checks.map((c) => c.command))];
    return runs.length
      ? `runs ${runs.slice(0, 2).map(code).join(', ')}${runs.length > 2 ? ` +${runs.length - 2}` : ''}`
      : '—';
  }
  return all.slice(0, 3).map(code).join(', ') + (all.length > 3 ? ` +${all.length - 3}` : '');
}

export function files(phase: Pick<Phase, 'steps'>): string {
  const out: string[] = [];
  for (const s of phase.steps) {
    for (const f of s.files_to_create) out.push(createItem('Create ', f));
    for (const f of s.files_to_modify) out.push(modifyItem('Modify ', f));
  }
  return out.join('\n');
}

/** A code sketch in a fence no line of it can close, indented under a list item when `indent` is set. */
export function sketch(s: Step, indent = ''): string {
  if (!s.sketch) return '';
  const f = fenceFor(s.sketch.code);
  return [`${f}${s.sketch.language}`, ...s.sketch.code.split('\n'), f]
    .map((l) => (l ? `${indent}${l}` : l))
    .join('\n');
}

/** A step as a list item: "- **Title** — detail", its files and its sketch nested under it. */
export function stepItem(s: Step): string {
  const sk = sketch(s, '  ');
  const own = files({ steps: [s] })
    .split('\n')
    .filter(Boolean)
    .map((l) => `  ${l}`)
    .join('\n');
  return `- **${s.title}** — ${s.detail}${own ? `\n${own}` : ''}${sk ? `\n\n${sk}` : ''}`;
}

/**
 * Prose inside a code block, where markdown shows text as written: the `&lt;` escape.ts put before a tag
 * is taken back (a marker stays defused).
 */
export const inCode = (s: string) => s.replace(/&lt;(?!!--)/g, '<');

/** A check as a shell line: the command, then what passing looks like and where the project defines it. */
export function checkLine(c: Check): string {
  const where = c.evidence ? ` · ${c.evidence.file}:${c.evidence.line}` : '';
  return `${c.command}   # ${inCode(c.expect)}${where}`;
}

export function checksBlock(checks: Check[], none: string): string {
  return checks.length ? `\`\`\`bash\n${checks.map(checkLine).join('\n')}\n\`\`\`` : none;
}

/** The phase's kind, said only when its title does not already say it (the importer reads it from either). */
export function kindLine(p: Phase): string {
  const implied = /\btest/i.test(p.title)
    ? 'test'
    : /\bdoc/i.test(p.title)
      ? 'docs'
      : /\bresearch|spike|investigat/i.test(p.title)
        ? 'research'
        : 'implement';
  return p.kind === implied ? '' : `**Kind:** ${p.kind}`;
}

/** The agent (or skill) a phase's handoff goes to, when the phase names one. */
export const agentLine = (p: Phase) => (p.agent ? `**Agent:** \`${p.agent}\`` : '');

/** The skill (a full_id) the phase's task is assigned to, when the phase names one. */
export const skillLine = (p: Phase) => (p.skill ? `**Skill:** \`${p.skill}\`` : '');

export function research(plan: Plan): string {
  const f = plan.research.findings.map(
    (x) => `${x.text}${x.evidence ? ` (${code(`${x.evidence.file}:${x.evidence.line}`)})` : ''}`,
  );
  const read = plan.research.read_first.length
    ? `\n\n**Read first:** ${plan.research.read_first.map(code).join(', ')}`
    : '';
  return `## Research findings\n\n${list(f)}${read}`;
}

/** An answer the planner assumed (it starts with "Assumed") is an assumption to confirm, not an answer. */
export const assumedAnswer = (a: string | undefined) => (a ? /^assumed\b[:,.]?\s*(.*)$/is.exec(a) : null);

export function questions(plan: Plan): string {
  const q = plan.questions.map((x, i) => {
    const assumed = assumedAnswer(x.answer);
    if (assumed) return `- [ ] Q${i + 1}. ${x.question} — **Assumed:** ${assumed[1]}`;
    return x.answer
      ? `- [x] Q${i + 1}. ${x.question} — **${x.answer}**`
      : `- [ ] Q${i + 1}. ${x.question}${x.why ? ` _(${x.why})_` : ''}`;
  });
  return `## Open questions\n\n${q.join('\n')}`;
}

export function handoffs(plan: Plan): string {
  const rows = plan.handoffs.map((h) => `### ${h.label} → \`${h.agent}\`\n\n\`\`\`text\n${h.prompt}\n\`\`\``);
  return `## Handoffs\n\n${rows.join('\n\n')}\n\nNext: \`${plan.next_command}\` (or \`plansmith handoff ${mainArtefact(plan)}\`)`;
}

export function risksTable(plan: Plan): string {
  return `## Risks\n\n| Risk | Likelihood | Mitigation | Contingency |\n| --- | --- | --- | --- |\n${plan.risks.map((r) => `| ${r.risk} | ${r.likelihood} | ${r.mitigation} | ${r.contingency || '—'} |`).join('\n')}`;
}

/**
 * Every approach as a sub-section: the recommended one first, then the ones not chosen, each with its
 * summary, pros, cons (the "why not" of a rejected one), effort and best for; an empty field is left out.
 */
export function approachesBlock(plan: Plan, heading = '## Approach', option = false): string {
  if (!plan.approaches.length) return `${heading}\n\n_Single straightforward approach._`;
  const depth = `${/^#+/.exec(heading)![0]}#`;
  const hasRec = plan.approaches.some((a) => a.recommended);
  const parts = plan.approaches.map((a, i) => {
    const rejected = hasRec && !a.recommended;
    const name = option
      ? `Option ${String.fromCharCode(65 + i)}: ${a.name}${a.recommended ? ' (recommended)' : rejected ? ' (not chosen)' : ''}`
      : a.recommended
        ? `${a.name} (recommended)`
        : rejected
          ? `Considered: ${a.name}`
          : a.name;
    const labels = [
      a.pros.length ? `**Pros:** ${a.pros.join('; ')}` : '',
      a.cons.length ? `**${rejected ? 'Why not' : 'Cons'}:** ${a.cons.join('; ')}` : '',
      a.effort ? `**Effort:** ${a.effort}` : '',
      a.best_for ? `**Best for:** ${a.best_for}` : '',
    ].filter(Boolean);
    return [`${depth} ${name}`, a.summary, labels.join('  \n')].filter(Boolean).join('\n\n');
  });
  return `${heading}\n\n${parts.join('\n\n')}`;
}

export function ciBlock(plan: Plan): string {
  const ci = plan.ci!;
  return [
    '## CI failure',
    `- **Failing step:** ${code(ci.failing_step)}`,
    `- **Error** (log line ${ci.log_line}): ${code(ci.error.replace(/`/g, "'"))}`,
    `- **Category:** ${ci.category}`,
    '',
    '**Root-cause candidates:**',
    list(
      ci.root_causes.map((r) => `${r.cause}${r.files.length ? ` — ${r.files.map(code).join(', ')}` : ''}`),
    ),
    '',
    // An offline plan states no remedy it cannot derive from the log: an empty one is left out.
    ...(ci.quick_fix ? [`**Quick fix:** ${ci.quick_fix}`, ''] : []),
    ...(ci.proper_fix ? [`**Proper fix:** ${ci.proper_fix}`, ''] : []),
    '**Verify locally:**',
    ci.verify.length
      ? `\`\`\`bash\n${ci.verify.join('\n')}\n\`\`\``
      : '_No local command found; rerun the CI job._',
    ...(ci.prevention.length ? ['', '**Prevention:**', list(ci.prevention)] : []),
  ].join('\n');
}

/** How many of a covering test file's tests use the sibling, as the precedent block writes it. */
const usesText = (n: number | undefined) =>
  n === undefined ? '' : ` (${n ? `${n} test${n === 1 ? ' uses' : 's use'}` : 'no test uses'} the sibling)`;
/** A code span that holds a backtick too (a test title may have one): fenced by a longer run. */
const span = (s: string) => {
  const run = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  return run ? `${'`'.repeat(run + 1)} ${s} ${'`'.repeat(run + 1)}` : code(s);
};
/**
 * The test a new one is modelled on, under its file: "model: `name` (lines 84–90) passes `--x` on a command
 * line", and where it tests a neighbour of the sibling, "(a test of the neighbour `--y`)".
 */
type ModelOf = NonNullable<NonNullable<Plan['precedent']>['tests'][number]['model']>;
const modelText = (m: ModelOf) =>
  `model: ${span(m.name)} (${m.end > m.line ? `lines ${m.line}–${m.end}` : `line ${m.line}`})${m.does ? ` ${m.does}` : ''}${m.of ? ` (a test of the neighbour ${span(m.of)})` : ''}`;

/** The precedent: what is asked, whether the code already has it, and the places that say so. */
export function precedentBlock(plan: Plan): string {
  const p = plan.precedent;
  if (!p) return '';
  const at = (x: { file: string; line?: number }) => code(x.line ? `${x.file}:${x.line}` : x.file);
  const lines = [
    '## Precedent',
    '',
    `**Verdict:** ${p.verdict}${p.requested ? ` — ${p.requested.kind} ${code(p.requested.name)}` : ''}`,
  ];
  if (p.requested?.spellings.length)
    lines.push('', `**Spellings:** ${p.requested.spellings.map(code).join(', ')}`);
  if (p.missing) lines.push('', `**Missing:** ${p.missing}`);
  if (p.reason) lines.push('', `**Reason:** ${p.reason}`);
  if (p.sibling)
    lines.push(
      '',
      `**Sibling:** ${code(p.sibling.name)}${p.sibling.kind ? ` (${p.sibling.kind})` : ''} at ${at(p.sibling)}${p.sibling.tentative ? ' (unsure: as near as the candidates)' : ''}`,
    );
  if (p.evidence.length)
    lines.push('', '**Evidence:**', list(p.evidence.map((e) => `${at(e)}${e.text ? ` — ${e.text}` : ''}`)));
  if (p.footprint.length)
    lines.push(
      '',
      '**Footprint:**',
      list(
        p.footprint.map(
          (f) =>
            `${at(f)}${f.symbol ? ` ${code(f.symbol)}` : ''} — ${f.role}, ${f.area}, ${f.source}${f.why ? `: ${f.why}` : ''}`,
        ),
      ),
    );
  if (p.tests.length)
    lines.push(
      '',
      '**Tests:**',
      list(
        p.tests.map(
          (t) =>
            `${code(t.file)}${t.command ? ` — ${code(t.command)}` : ''}${t.selects.length ? ` selects ${t.selects.map(code).join(', ')}` : ''}${usesText(t.uses)}${t.why ? `\n  - why: ${t.why}` : ''}${t.data ? `\n  - data: ${code(`${t.data}/`)}` : ''}${t.cases?.length ? `\n  - cases: ${t.cases.map(code).join(', ')}` : ''}${t.model ? `\n  - ${modelText(t.model)}` : ''}`,
        ),
      ),
    );
  if (p.candidates.length)
    lines.push(
      '',
      '**Candidates:**',
      list(p.candidates.map((c) => `${at(c)}${c.text ? ` — ${c.text}` : ''}`)),
    );
  return fence('precedent', lines.join('\n'));
}

export type AnalysisField = 'operations' | 'interfaces' | 'integrations' | 'stack';

/**
 * The top of every plan: the summary with the requirement, the decisions and assumptions, the analysis
 * (work type, entities, operations, interfaces, integrations, stack; those the style shows elsewhere left
 * out), what exists, and the precedent.
 */
export function header(plan: Plan, title: string, shownElsewhere: AnalysisField[] = []): string {
  const a = plan.analysis;
  const assumptions = a.assumptions.length
    ? `\n\n**Decisions and assumptions:**\n${list(a.assumptions)}`
    : '';
  const values: Array<[string, string[]]> = [
    ['Work type', [a.work_type]],
    ['Entities', a.entities],
    ['Operations', shownElsewhere.includes('operations') ? [] : a.operations],
    ['Interfaces', shownElsewhere.includes('interfaces') ? [] : a.interfaces],
    ['Integrations', shownElsewhere.includes('integrations') ? [] : a.integrations],
    ['Stack', shownElsewhere.includes('stack') ? [] : plan.research.stack],
  ];
  const analysis = `\n\n**Analysis:**\n${list(values.filter(([, v]) => v.length).map(([k, v]) => `${k}: ${v.join('; ')}`))}`;
  const existing = a.existing.length
    ? `\n\n${fence('existing', `## What exists\n\n${list(a.existing.map((e) => `${e.text} (${code(`${e.file}:${e.line}`)})`))}`)}`
    : '';
  const precedent = plan.precedent ? `\n\n${precedentBlock(plan)}` : '';
  return `${fence('meta', metaLine(plan))}\n\n# ${title}\n\n${fence('summary', `${a.summary}\n\n**Requirement:** ${plan.requirement.text.trim().split('\n').slice(0, 12).join('\n')}${assumptions}${analysis}`)}${existing}${precedent}`;
}
