import type { Plan } from '../domain/plan.js';
import { planFiles } from '../domain/plan.js';
import type { Task } from '../domain/task.js';
import { safePlan, safeTasks } from './escape.js';
import { fence } from './fences.js';
import { approachArtefact, comparisonArtefact, mainArtefact } from './paths.js';
import {
  agentLine,
  approachesBlock,
  checkLine,
  checklist,
  checksBlock,
  ciBlock,
  code,
  createItem,
  estimateCell,
  files,
  handoffs,
  header,
  inCode,
  kindLine,
  list,
  META,
  metaLine,
  mins,
  phaseFiles,
  questions,
  research,
  risksTable,
  sketch,
  skillLine,
  stepItem,
  totalEstimate,
} from './plan-blocks.js';

export { META, metaLine };

/**
 * Plan rendering: plansmith's own templates, one per style, all from the plan model. Every
 * machine-owned section is fenced (see fences.ts); the first fence, `meta`, names the plan so `lint`,
 * `refine`, `sync` and `handoff` can find it from the file.
 */
export interface RenderedFile {
  /** Relative to the project root. */
  path: string;
  content: string;
}

export interface RenderContext {
  /** Tasks created for the plan, in batch order (parents before their sub-tasks). */
  tasks: Task[];
}

/**
 * The sections every plan ends with: open questions, handoffs, and what the last revision changed. A
 * section with nothing in it (no question, risk, rollback or not-doing line) is left out, never "None".
 */
function closing(plan: Plan): string[] {
  return [
    plan.questions.length ? fence('questions', questions(plan)) : '',
    fence('handoffs', handoffs(plan)),
    plan.revision_notes.length
      ? fence('revision', `## Revision ${plan.revision}\n\n${list(plan.revision_notes)}`)
      : '',
  ];
}

/**
 * Numbered steps, each under its phase's title. A phase's estimate is the timeline's (never split into
 * invented per-step figures).
 */
function steps(plan: Plan): string {
  let n = 0;
  return plan.phases
    .flatMap((p) =>
      p.steps.map((s) => {
        n++;
        const parts = [`### ${n}. ${s.title}${s.title === p.title ? '' : ` (${p.title})`}`, s.detail];
        const create = s.files_to_create.map((f) => createItem('', f));
        const modify = s.files_to_modify.map((f) => modifyItem(f));
        if (create.length) parts.push(`**Files to create:**\n${create.join('\n')}`);
        if (modify.length) parts.push(`**Files to modify:**\n${modify.join('\n')}`);
        parts.push(sketch(s));
        return parts.filter(Boolean).join('\n\n');
      }),
    )
    .join('\n\n');
}

const modifyItem = (f: Plan['phases'][number]['steps'][number]['files_to_modify'][number]) =>
  files({ steps: [{ title: '', detail: '', files_to_create: [], files_to_modify: [f] }] }).replace(
    /^- Modify /,
    '- ',
  );

/**
 * The plan's checks in one shell block, each phase's under its title as a comment line (`# Storage`), so a
 * reader sees which phase runs what and import gives each check back to its phase; within a phase each line
 * once. A phase without checks has no group.
 */
function phaseChecks(plan: Plan, none: string): string {
  const groups = plan.phases
    .filter((p) => p.automated_checks.length)
    .map((p) => {
      const lines = [...new Set(p.automated_checks.map(checkLine))];
      return [`# ${inCode(p.title)}`, ...lines].join('\n');
    });
  return groups.length ? `\`\`\`bash\n${groups.join('\n\n')}\n\`\`\`` : none;
}

/**
 * Each check once, with what passing looks like, in the order the phases give them: a command two phases
 * give with different expectations is listed with each (the line is the key, not the command).
 */
const allChecks = (plan: Plan) => {
  const seen = new Set<string>();
  return plan.phases
    .flatMap((p) => p.automated_checks)
    .filter((c) => !seen.has(checkLine(c)) && seen.add(checkLine(c)));
};

/** Success criteria: each phase's manual checks under its title, then the definition of done; null if none. */
function criteria(plan: Plan): string | null {
  const parts = ['## Success criteria'];
  for (const p of plan.phases)
    if (p.manual_checks.length) parts.push(`### ${p.title}`, checklist(p.manual_checks));
  if (plan.definition_of_done.length)
    parts.push('### Definition of done', checklist(plan.definition_of_done));
  return parts.length > 1 ? parts.join('\n\n') : null;
}

/** PRD acceptance criteria: each part only when it has items; null when none has. */
function acceptance(plan: Plan): string | null {
  const parts = (
    [
      ['Functional', plan.tests.cases],
      ['Technical', plan.definition_of_done],
      ['Security', plan.security],
    ] as const
  )
    .filter(([, xs]) => xs.length)
    .map(([title, xs]) => `### ${title}\n\n${xs.map((x) => `- [ ] ${x}`).join('\n')}`);
  return parts.length ? `## Acceptance criteria\n\n${parts.join('\n\n')}` : null;
}

/** seed style "feature": one file with research, approach, numbered steps, timeline and rollback. */
function renderFeature(plan: Plan): RenderedFile[] {
  const { create, modify } = planFiles(plan);
  const body = [
    header(plan, `Implementation plan: ${plan.title}`),
    plan.ci ? fence('ci', ciBlock(plan)) : '',
    fence('research', research(plan)),
    // No approach to weigh (one grounded way): the section is left out, not filled with a stock line.
    plan.approaches.length ? fence('approach', approachesBlock(plan)) : '',
    fence('steps', `## Implementation steps\n\n${steps(plan)}`),
    fence(
      'files',
      `## File changes summary\n\n${[create.length ? `**Files to create (${create.length}):**\n${list(create.map(code))}` : '', modify.length ? `**Files to modify (${modify.length}):**\n${list(modify.map(code))}` : ''].filter(Boolean).join('\n\n') || '_No file named yet._'}`,
    ),
    fence(
      'timeline',
      `## Timeline\n\n| Phase | Kind | Agent | Skill | Goal | Files | Estimate |\n| --- | --- | --- | --- | --- | --- | --- |\n${plan.phases.map((p) => `| ${p.title} | ${p.kind} | ${p.agent ? code(p.agent) : '—'} | ${p.skill ? code(p.skill) : '—'} | ${p.goal.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|') || '—'} | ${phaseFiles(p)} | ${estimateCell(p.estimate_minutes)} |`).join('\n')}\n| **Total** | | | | | ${create.length + modify.length} | ${totalEstimate(plan.phases)} |`,
    ),
    fence(
      'tests',
      `## Tests\n\n${[plan.tests.strategy, list(plan.tests.cases, ''), phaseChecks(plan, '') && `**Automated checks:**\n\n${phaseChecks(plan, '')}`].filter(Boolean).join('\n\n')}`,
    ),
    // A section with nothing in it is left out (a heading with nothing under it says nothing).
    criteria(plan) ? fence('criteria', criteria(plan)!) : '',
    plan.security.length ? fence('security', `## Security\n\n${list(plan.security)}`) : '',
    plan.performance.length ? fence('performance', `## Performance\n\n${list(plan.performance)}`) : '',
    plan.risks.length ? fence('risks', risksTable(plan)) : '',
    plan.rollback.length
      ? fence('rollback', `## Rollback\n\n${plan.rollback.map((r, i) => `${i + 1}. ${r}`).join('\n')}`)
      : '',
    plan.not_doing.length ? fence('not-doing', `## Not doing\n\n${list(plan.not_doing)}`) : '',
    ...closing(plan),
  ];
  return [{ path: mainArtefact(plan), content: `${body.filter(Boolean).join('\n\n')}\n` }];
}

/** seed style "phased": options, phases with automated and manual success criteria, what we're not doing. */
function renderPhased(plan: Plan): RenderedFile[] {
  const phases = plan.phases
    .map((p, i) =>
      [
        `## Phase ${i + 1}: ${p.title}${p.estimate_minutes === undefined ? '' : ` (~${mins(p.estimate_minutes)})`}`,
        kindLine(p),
        agentLine(p),
        skillLine(p),
        p.goal,
        ...p.steps.map(stepItem),
        // A phase with no check of either kind has no criteria section; no "None" under Manual.
        ...(p.automated_checks.length || p.manual_checks.length
          ? [
              `### Success criteria — phase ${i + 1}`,
              '#### Automated',
              checksBlock(p.automated_checks, '_No automated check applies; see the manual checks._'),
            ]
          : []),
        ...(p.manual_checks.length ? ['#### Manual', checklist(p.manual_checks)] : []),
      ]
        .filter(Boolean)
        .join('\n\n'),
    )
    .join('\n\n---\n\n');
  const body = [
    header(plan, `Technical plan: ${plan.title}`, ['stack']),
    plan.ci ? fence('ci', ciBlock(plan)) : '',
    fence('stack', `## Technical stack\n\n${list(plan.research.stack)}`),
    fence('research', research(plan)),
    fence(
      'options',
      plan.approaches.length
        ? approachesBlock(plan, '## Architecture options', true)
        : '## Architecture options\n\n_One approach._',
    ),
    fence('phases', phases),
    plan.not_doing.length ? fence('not-doing', `## What we're NOT doing\n\n${list(plan.not_doing)}`) : '',
    fence(
      'tests',
      `## Tests\n\n${[plan.tests.strategy, list(plan.tests.cases, '')].filter(Boolean).join('\n\n')}`,
    ),
    plan.security.length ? fence('security', `## Security\n\n${list(plan.security)}`) : '',
    plan.performance.length ? fence('performance', `## Performance\n\n${list(plan.performance)}`) : '',
    // A section with nothing in it is left out (a heading with nothing under it says nothing).
    plan.risks.length
      ? fence(
          'risks',
          `## Risk mitigation\n\n| Risk | Likelihood | Mitigation | Contingency |\n| --- | --- | --- | --- |\n${plan.risks.map((r) => `| ${r.risk} | ${r.likelihood} | ${r.mitigation} | ${r.contingency || '—'} |`).join('\n')}`,
        )
      : '',
    plan.rollback.length
      ? fence('rollback', `## Rollback plan\n\n${plan.rollback.map((r, i) => `${i + 1}. ${r}`).join('\n')}`)
      : '',
    plan.definition_of_done.length
      ? fence(
          'done',
          `## Definition of done\n\n${plan.definition_of_done.map((d) => `- [ ] ${d}`).join('\n')}`,
        )
      : '',
    ...closing(plan),
  ];
  return [{ path: mainArtefact(plan), content: `${body.filter(Boolean).join('\n\n')}\n` }];
}

/** seed style "tasks": an architecture summary and the executable task graph. */
function renderTasks(plan: Plan, ctx: RenderContext): RenderedFile[] {
  const byId = new Map(ctx.tasks.map((t) => [t.id, t]));
  const rows = ctx.tasks.map(
    (t) =>
      `| ${t.parent_id ? `${byId.get(t.parent_id)?.task_order ?? '?'}.${t.position}` : t.task_order} | ${t.task_name.replace(/\|/g, '\\|')} | ${t.kind} | ${code(t.skill_id ?? '—')} | ${t.dependencies.map((d) => byId.get(d)?.task_order ?? d.slice(0, 8)).join(', ') || '—'} | ${code(t.id)} |`,
  );
  const body = [
    header(plan, `Task plan: ${plan.title}`),
    fence(
      'architecture',
      `## Architecture summary\n\n${plan.analysis.summary}\n\n**Changes:**\n${files({ steps: plan.phases.flatMap((p) => p.steps) })}\n\n${approachesBlock(plan, '### Approach')}`,
    ),
    fence(
      'graph',
      `## Task graph\n\n| # | Task | Kind | Skill | After | Id |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n\nWork it with \`plansmith tasks next --plan ${plan.id}\` / \`plansmith tasks claim --plan ${plan.id}\`, or over MCP with \`next_task\`.`,
    ),
    // The tasks style has no phases in its file: the checks are listed once, for the whole plan.
    fence('checks', `## Automated checks\n\n${checksBlock(allChecks(plan), '_None named._')}`),
    fence('batch', `## create_tasks_batch\n\n\`\`\`json\n${JSON.stringify(plan.tasks, null, 2)}\n\`\`\``),
    fence('done', `## Definition of done\n\n${checklist(plan.definition_of_done)}`),
    plan.questions.length ? fence('questions', questions(plan)) : '',
    fence('handoffs', handoffs(plan)),
  ];
  return [{ path: mainArtefact(plan), content: `${body.filter(Boolean).join('\n\n')}\n` }];
}

/** seed style "xano": components in build order, the job-queue pattern when needed, handoffs per component. */
function renderXano(plan: Plan): RenderedFile[] {
  const comps = plan.phases
    .map((p, i) =>
      [
        `### ${i + 1}. ${p.title}${p.agent ? ` → \`${p.agent}\`` : ''}`,
        kindLine(p),
        skillLine(p),
        p.goal,
        p.steps.map(stepItem).join('\n'),
        p.automated_checks.length ? `#### Checks\n\n${checksBlock(p.automated_checks, '')}` : '',
        checklist(p.manual_checks, ''),
      ]
        .filter(Boolean)
        .join('\n\n'),
    )
    .join('\n\n');
  const queue = plan.phases.some(
    (p) =>
      p.steps.some((s) => s.files_to_create.some((f) => f.path.includes('job_queue'))) ||
      p.title.startsWith('Tasks'),
  );
  const body = [
    header(plan, `Xano plan: ${plan.title}`),
    fence('research', research(plan)),
    fence(
      'order',
      `## Implementation order\n\n${plan.phases.map((p, i) => `${i + 1}. **${p.title}**`).join('\n')}`,
    ),
    fence('components', `## Components\n\n${comps}`),
    queue
      ? fence(
          'job-queue',
          '## Long-running work: the job-queue pattern\n\nWork that cannot finish inside one request goes through a job table and a scheduled processor: jobs are claimed with a lock timestamp (and re-claimable after a timeout), processed idempotently in small batches, resumed from a saved cursor, retried up to a limit, and kept with their last error when they fail. One task with a switch per job type is simpler; one task per type isolates them and schedules them independently.',
        )
      : '',
    plan.security.length ? fence('security', `## Security\n\n${list(plan.security)}`) : '',
    fence('done', `## Definition of done\n\n${checklist(plan.definition_of_done)}`),
    plan.questions.length ? fence('questions', questions(plan)) : '',
    fence('handoffs', handoffs(plan)),
  ];
  return [{ path: mainArtefact(plan), content: `${body.filter(Boolean).join('\n\n')}\n` }];
}

/** seed style "prd": the requirement workspace: PRD, task checklist, recovery guide, progress log. */
function renderPrd(plan: Plan, ctx: RenderContext): RenderedFile[] {
  const dir = `requirements/${plan.slug}`;
  const prd = [
    header(plan, plan.title, ['operations', 'interfaces', 'integrations', 'stack']),
    fence('problem', `## Problem statement\n\n${plan.requirement.text.trim()}`),
    fence(
      'goals',
      `## Goals\n\n- Primary: ${plan.title}\n${plan.analysis.operations.length ? `- Operations: ${plan.analysis.operations.join(', ')}` : ''}`,
    ),
    fence(
      'scope',
      `## Technical scope\n\n**Stack:** ${plan.research.stack.join(', ') || 'not detected'}\n\n**Interfaces:** ${plan.analysis.interfaces.join(', ') || 'none named'}\n\n**Integrations:** ${plan.analysis.integrations.join(', ') || 'none'}\n\n${files({ steps: plan.phases.flatMap((p) => p.steps) })}`,
    ),
    fence('research', research(plan)),
    // No approach to weigh (one grounded way): the section is left out, not filled with a stock line.
    plan.approaches.length ? fence('approach', approachesBlock(plan)) : '',
    acceptance(plan) ? fence('acceptance', acceptance(plan)!) : '',
    fence(
      'phases',
      `## Implementation phases\n\n${plan.phases
        .map((p, i) =>
          [
            `### Phase ${i + 1}: ${p.title} (${p.kind === 'test' ? 'testing agent' : p.kind === 'docs' ? 'docs agent' : 'implementation agent'})`,
            p.kind === 'research' || p.kind === 'other' ? `**Kind:** ${p.kind}` : '',
            skillLine(p),
            p.goal,
            p.steps.map((s) => `- [ ] ${s.title}`).join('\n'),
            p.automated_checks.length ? `#### Checks\n\n${checksBlock(p.automated_checks, '')}` : '',
            p.manual_checks.length ? `#### Manual\n\n${checklist(p.manual_checks)}` : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
        )
        .join('\n\n')}`,
    ),
    plan.risks.length ? fence('risks', risksTable(plan)) : '',
    plan.questions.length
      ? fence(
          'questions',
          `## Research questions\n\n${plan.questions.map((q, i) => `${i + 1}. ${q.question}${q.answer ? ` — **${q.answer}**` : ''}`).join('\n')}`,
        )
      : '',
    fence('handoffs', handoffs(plan)),
  ];
  return [
    { path: `${dir}/prd.md`, content: `${prd.filter(Boolean).join('\n\n')}\n` },
    { path: `${dir}/tasks.md`, content: renderTasksMd(plan, ctx.tasks) },
    { path: `${dir}/recovery.md`, content: renderRecovery(plan, ctx.tasks) },
    {
      path: `${dir}/progress.md`,
      content: `# Progress: ${plan.title}\n\nA running log. Append an entry per session: date, who, what changed, what is next.\n\n- ${plan.created_at.slice(0, 10)} — plan created by plansmith (revision ${plan.revision}).\n`,
    },
    { path: `${dir}/research/.gitkeep`, content: '' },
    { path: `${dir}/tmp/.gitkeep`, content: '' },
  ];
}

/** A task marker plansmith wrote: at the end of a checklist line, never inside text (see escape.ts). */
export const TASK_MARK = /<!-- plansmith:task=([0-9A-Z]{26}) -->\s*$/;

/** The checklist of tasks.md: one line per task, its id in a marker, checked when done. */
export function renderTasksMd(unsafePlan: Plan, unsafeTasks: Task[]): string {
  const plan = safePlan(unsafePlan);
  const tasks = safeTasks(unsafeTasks);
  const lines = [
    `# Tasks: ${plan.title}`,
    '',
    `Checkboxes sync with the task store: \`plansmith sync ${`requirements/${plan.slug}`}\`. Write notes freely under any item; plansmith only flips the boxes.`,
    '',
  ];
  const top = tasks.filter((t) => !t.parent_id);
  top.forEach((t, i) => {
    lines.push(
      `- [${t.status === 'done' ? 'x' : ' '}] ${i + 1}. ${t.task_name} <!-- plansmith:task=${t.id} -->`,
    );
    for (const [j, k] of tasks.filter((x) => x.parent_id === t.id).entries()) {
      lines.push(
        `  - [${k.status === 'done' ? 'x' : ' '}] ${i + 1}.${j + 1} ${k.task_name} <!-- plansmith:task=${k.id} -->`,
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

/** recovery.md, regenerated from the store: where the work stands and how to resume it. */
export function renderRecovery(unsafePlan: Plan, unsafeTasks: Task[]): string {
  const plan = safePlan(unsafePlan);
  const tasks = safeTasks(unsafeTasks);
  const leaves = tasks.filter((t) => t.subtask_count === 0);
  const done = leaves.filter((t) => t.status === 'done').length;
  const next = leaves.filter((t) => t.status === 'pending' && t.ready).slice(0, 3);
  const active = leaves.filter((t) => t.status === 'in_progress');
  const phase =
    active[0]?.task_name ?? next[0]?.task_name ?? (done === leaves.length ? 'complete' : 'waiting');
  const { create, modify } = planFiles(plan);
  const body = [
    `# Recovery guide: ${plan.title}`,
    '',
    fence(
      'status',
      [
        '## To resume',
        '',
        '1. Read this file, then `prd.md`.',
        '2. Check `tasks.md` (or `plansmith tasks list --plan ' + plan.id + ' --tree`).',
        '3. Look in `research/` for findings and append to `progress.md` as you go.',
        '',
        '## Current status',
        '',
        `- **Phase:** ${phase}`,
        `- **Completed:** ${done}/${leaves.length} tasks`,
        `- **In progress:** ${active.map((t) => `${t.task_name} (${t.lease?.owner ?? 'someone'})`).join(', ') || 'nothing'}`,
        `- **Updated:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        '',
        '## Next steps',
        '',
        next.length
          ? next.map((t) => `- ${t.task_name} — \`plansmith tasks claim ${t.id}\``).join('\n')
          : '- Nothing is ready; see what the remaining tasks wait for with `plansmith tasks waves --plan ' +
            plan.id +
            '`.',
        '',
        '## Files touched by the plan',
        '',
        list([...create.map((p) => `${code(p)} (new)`), ...modify.map(code)]),
        '',
        '## Per-agent instructions',
        '',
        ...plan.handoffs.map(
          (h) => `- **${h.agent}** — ${h.label}: ${h.prompt.split('. ').slice(0, 2).join('. ')}.`,
        ),
      ].join('\n'),
    ),
    '',
    '## Blockers and notes',
    '',
    '_Write here; plansmith never rewrites this part._',
  ];
  return `${body.join('\n')}\n`;
}

/** `--approaches 2`: one file per approach, and a comparison with a recommendation. */
export function renderApproaches(unsafePlan: Plan): RenderedFile[] {
  const plan = safePlan(unsafePlan);
  const files = plan.approaches.map((a, i) => ({
    path: approachArtefact(plan, i, a.name),
    content: `${fence('meta', metaLine(plan))}\n\n# Approach ${i + 1}: ${a.name}\n\n${fence('approach', `${a.summary}\n\n**Pros**\n\n${list(a.pros)}\n\n**Cons**\n\n${list(a.cons)}\n\n**Effort:** ${a.effort || '—'} · **Best for:** ${a.best_for || '—'}`)}\n`,
  }));
  const rec = plan.approaches.find((a) => a.recommended) ?? plan.approaches[0]!;
  const table = `| | ${plan.approaches.map((a, i) => `Approach ${i + 1}: ${a.name}`).join(' | ')} |\n| --- | ${plan.approaches.map(() => '---').join(' | ')} |\n| Effort | ${plan.approaches.map((a) => a.effort || '—').join(' | ')} |\n| Pros | ${plan.approaches.map((a) => a.pros.join('; ')).join(' | ')} |\n| Cons | ${plan.approaches.map((a) => a.cons.join('; ')).join(' | ')} |\n| Best for | ${plan.approaches.map((a) => a.best_for || '—').join(' | ')} |`;
  files.push({
    path: comparisonArtefact(plan),
    content: `${fence('meta', metaLine(plan))}\n\n# Comparing approaches: ${plan.title}\n\n${fence('comparison', `${table}\n\n## Recommendation\n\n**${rec.name}** — ${rec.summary} The full plan for it is in ${code(mainArtefact(plan))}.`)}\n`,
  });
  return files;
}

export function renderPlan(unsafePlan: Plan, unsafeCtx: RenderContext): RenderedFile[] {
  // Every string from a person or a model is made safe for markdown once, here, before any template sees it.
  const plan = safePlan(unsafePlan);
  const ctx = { ...unsafeCtx, tasks: safeTasks(unsafeCtx.tasks) };
  const main = {
    feature: renderFeature,
    phased: renderPhased,
    tasks: renderTasks,
    xano: renderXano,
    prd: renderPrd,
  }[plan.style](plan, ctx);
  return main;
}
