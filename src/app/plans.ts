import { createTwoFilesPatch } from 'diff';
import { ConflictError, InputError, NotFoundError, ValidationError } from '../domain/errors.js';
import { ulid } from '../domain/ids.js';
import { checkBounds, LIMITS } from '../domain/limits.js';
import type { Handoff, Plan, PlanStyle } from '../domain/plan.js';
import { PLAN_STYLES, planSchema, slugify } from '../domain/plan.js';
import type { Task } from '../domain/task.js';
import type { ExploreReport } from '../explore/explore.js';
import { explore } from '../explore/explore.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { FileAccessError, type ProjectFiles, projectFiles, type TextFile } from '../files/project-files.js';
import { secretInText } from '../files/secrets.js';
import type { LintResult } from '../planning/lint/lint.js';
import { lintPlan, lintSource } from '../planning/lint/lint.js';
import { titleOf } from '../planning/offline/index.js';
import type { Planner, PlannerContext, PlanRequest } from '../planning/planner.js';
import type { SkillRegistry } from '../registry/index.js';
import type { PlanSummary, TaskRevision, TaskStore } from '../store/task-store.js';
import { mergeFenced } from '../workspace/fences.js';
import { mainArtefact } from '../workspace/paths.js';
import type { RenderedFile } from '../workspace/render.js';
import { META, renderApproaches, renderPlan, renderRecovery, TASK_MARK } from '../workspace/render.js';
import { markdownPlan, type SubmitDeps, submittedModel } from './submitted.js';

export interface PlanInputs {
  /** The requirement as text (joined with files and stdin when several are given). */
  text?: string;
  /** Ticket or note files, read whole, in order. */
  files?: string[];
  stdin?: string;
  ciLog?: string;
  title?: string;
  style?: PlanStyle;
  approaches?: 1 | 2;
  answers?: Record<string, string>;
  /** Asks the clarifying questions and returns the answers; absent when not interactive. */
  ask?: (questions: Array<{ question: string; why: string }>) => Promise<Record<string, string>>;
  /** Asks a yes/no question (a style that does not fit the codebase); absent when not interactive. */
  confirm?: (message: string) => Promise<boolean>;
  /** Plan in the style asked for even when it does not fit the codebase. */
  force?: boolean;
  /** Exploration progress, for a terminal. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Re-plan in place: the newest plan of the same requirement gets a new revision. */
  replace?: boolean;
}

export interface PlanOutcome {
  plan: Plan;
  files: string[];
  tasks: Task[];
  lint: LintResult;
  /** Sections a person had edited that were kept (only on rewrites). */
  kept_edits: string[];
  /** What a new revision changed in the plan's open task graph (refine). */
  task_changes?: TaskChanges;
}

/** A plan in `plans list`: its summary, where it stands, and how many of its tasks are open. */
export interface PlanListing extends PlanSummary {
  state: 'draft' | 'active' | 'done' | 'superseded';
  open_tasks: number;
}

/** Task ids by what a revision did to them; done (and cancelled) tasks are never touched. */
export interface TaskChanges {
  revised: string[];
  created: string[];
  cancelled: string[];
  untouched_done: string[];
}

const FINISHED = new Set(['done', 'cancelled']);

/**
 * Brings the stored task graph of a plan in line with a new revision's batch: top-level tasks matched by
 * their order, sub-tasks by name. Open tasks get the new description, inputs, criteria and estimate; a
 * phase that is new becomes a sub-task; one that is gone is cancelled. Done work is never touched.
 */
export async function reviseTaskGraph(store: TaskStore, plan: Plan): Promise<TaskChanges> {
  const out: TaskChanges = { revised: [], created: [], cancelled: [], untouched_done: [] };
  const existing = await store.listTasks({ plan_id: plan.id });
  const batch = plan.tasks as Array<Record<string, unknown>>;
  const revision = (b: Record<string, unknown>): TaskRevision => ({
    description: typeof b.description === 'string' ? b.description : undefined,
    inputs: (b.inputs as Record<string, unknown> | undefined) ?? undefined,
    validation_criteria: b.validation_criteria,
    estimate_minutes: typeof b.estimate_minutes === 'number' ? b.estimate_minutes : undefined,
  });
  const differs = (t: Task, r: TaskRevision) =>
    (r.description !== undefined && r.description !== t.description) ||
    (r.inputs !== undefined && JSON.stringify(r.inputs) !== JSON.stringify(t.inputs)) ||
    (r.validation_criteria !== undefined &&
      JSON.stringify(r.validation_criteria) !== JSON.stringify(t.validation_criteria)) ||
    (r.estimate_minutes !== undefined && r.estimate_minutes !== t.estimate_minutes);
  const apply = async (t: Task, b: Record<string, unknown>) => {
    if (FINISHED.has(t.status)) {
      if (t.status === 'done') out.untouched_done.push(t.id);
      return;
    }
    const r = revision(b);
    if (differs(t, r)) {
      await store.revise(t.id, r);
      out.revised.push(t.id);
    }
  };
  for (const b of batch) {
    const t = existing.find((x) => !x.parent_id && x.task_order === b.task_order);
    if (!t) continue;
    const subs = (b.subtasks as Array<Record<string, unknown>> | undefined) ?? [];
    const kids = existing.filter((x) => x.parent_id === t.id);
    // A container's own fields are derived from its sub-tasks' work: revise it only when it has none.
    if (!kids.length || FINISHED.has(t.status)) await apply(t, b);
    for (const s of subs) {
      const k = kids.find((x) => x.task_name === s.task_name);
      if (k) await apply(k, s);
      else if (kids.length && !FINISHED.has(t.status)) {
        const created = await store.createSubtask(t.id, s);
        out.created.push(created.id);
      }
    }
    for (const k of kids)
      if (!subs.some((s) => s.task_name === k.task_name) && !FINISHED.has(k.status)) {
        await store.cancel(k.id, { reason: `left out in revision ${plan.revision} of the plan` });
        out.cancelled.push(k.id);
      }
  }
  return out;
}

/** A requirement file or CI log, through the file layer: inside the root, no secret, text. */
function readInput(files: ProjectFiles, file: string, what: string): TextFile {
  try {
    return files.readText(file, { maxBytes: LIMITS.messageBytes, what });
  } catch (e) {
    if (e instanceof FileAccessError) throw new InputError(e.message);
    throw e;
  }
}

/** Refuses text that carries a secret (a pasted key or token): it would end up in a plan and a store row. */
function refuseSecrets(text: string, where: string): void {
  const what = secretInText(text);
  if (what) throw new InputError(`${where} holds what looks like ${what}; remove it and plan again`);
}

/** A plan model checked by schema and bounds, with every problem named by field. */
export function parsePlanModel(input: unknown): Plan {
  const bounds = checkBounds(input, 'plan');
  if (bounds) throw new ValidationError([{ field: bounds.field, message: bounds.message }]);
  const parsed = planSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
      'the plan is not valid',
    );
  return parsed.data;
}

/** The planning use cases: one place each, called alike by the CLI and the MCP server. */
export class PlanService {
  constructor(
    private readonly deps: {
      root: string;
      store: () => Promise<TaskStore>;
      skills: SkillRegistry;
      planner: Planner;
      now?: () => Date;
    },
  ) {}

  private get root() {
    return this.deps.root;
  }

  private get files(): ProjectFiles {
    return projectFiles(this.deps.root);
  }

  /** Reads and checks the inputs; throws before anything is written. */
  private intake(inputs: PlanInputs): { request: PlanRequest; queryText: string } {
    const parts: string[] = [];
    const sources: PlanRequest['sources'] = [];
    if (inputs.text?.trim()) {
      parts.push(inputs.text.trim());
      sources.push({ kind: 'text', name: 'command line' });
    }
    for (const f of inputs.files ?? []) {
      const t = readInput(this.files, f, 'requirement file').text.trim();
      if (!t) throw new InputError(`${f}: the file is empty`);
      parts.push(t);
      sources.push({ kind: 'file', name: f });
    }
    if (inputs.stdin?.trim()) {
      parts.push(inputs.stdin.trim());
      sources.push({ kind: 'stdin', name: 'stdin' });
    }
    let ciLog: PlanRequest['ciLog'];
    if (inputs.ciLog) {
      ciLog = { name: inputs.ciLog, text: readInput(this.files, inputs.ciLog, 'CI log').text };
      sources.push({ kind: 'ci-log', name: inputs.ciLog });
      if (parts.length === 0) parts.push(`Fix the CI failure in ${inputs.ciLog}`);
    }
    const requirement = parts.join('\n\n');
    refuseSecrets(requirement, 'the requirement');
    if (!requirement.trim())
      throw new InputError('the requirement is empty: give it as text, a file, or on stdin');
    if (inputs.style && !PLAN_STYLES.includes(inputs.style))
      throw new InputError(`unknown plan style "${inputs.style}"; use ${PLAN_STYLES.join(', ')}`);
    const title = inputs.title?.trim() || undefined;
    return {
      request: {
        requirement,
        title,
        style: inputs.style,
        sources,
        ciLog,
        approaches: inputs.approaches,
        answers: inputs.answers,
      },
      queryText: ciLog ? `${requirement}\n${ciLog.text.slice(-20000)}` : requirement,
    };
  }

  private context(report: ExploreReport, id: string, slug: string, now: Date): PlannerContext {
    return { root: this.root, report, skills: this.deps.skills, now, id, slug };
  }

  /** Checks the inputs, explores for them, and names the plan: everything before an engine runs. */
  private prepare(inputs: PlanInputs): { request: PlanRequest; report: ExploreReport; ctx: PlannerContext } {
    const { request, queryText } = this.intake(inputs);
    const report = explore(this.root, { for: queryText, top: 20, onProgress: inputs.onProgress });
    const now = this.deps.now?.() ?? new Date();
    const slug = slugify(
      request.title ??
        (request.ciLog
          ? `fix-ci-${request.ciLog.name.replace(/.*\//, '').replace(/\.[^.]+$/, '')}`
          : titleOf(request.requirement)),
    );
    return { request, report, ctx: this.context(report, ulid(now.getTime()), slug, now) };
  }

  async plan(inputs: PlanInputs): Promise<PlanOutcome> {
    const prepared = this.prepare(inputs);
    const { request, report } = prepared;
    let { ctx } = prepared;
    await this.checkStyle(request.style, report, inputs);
    // --replace: the newest plan of the same requirement gets a new revision (same id and files), and its
    // open tasks follow it; done work is untouched.
    let replacing: Plan | null = null;
    if (inputs.replace) {
      const same = (await (await this.deps.store()).listPlans()).find((p) => p.slug === ctx.slug);
      if (!same)
        throw new InputError(`--replace: no earlier plan of "${ctx.slug}" to replace; plan without it`);
      replacing = (await this.resolve(same.id)).plan;
      ctx = { ...ctx, id: replacing.id, now: new Date(replacing.created_at) };
    }
    let plan = await this.deps.planner.plan(request, ctx);
    const open = plan.questions.filter((q) => !q.answer);
    if (inputs.ask && open.length) {
      const answers = await inputs.ask(open.map((q) => ({ question: q.question, why: q.why })));
      if (Object.keys(answers).length)
        plan = await this.deps.planner.plan({ ...request, answers: { ...request.answers, ...answers } }, ctx);
    }
    if (replacing)
      plan = {
        ...plan,
        revision: replacing.revision + 1,
        revision_notes: ['Re-planned from the requirement (--replace).'],
      };
    return this.persist(plan, { report, feedback: replacing ? 'replan' : undefined });
  }

  /**
   * A style that does not fit the codebase (xano without a Xano workspace) is never a silent surprise:
   * asked at a terminal, refused otherwise unless forced. Nothing is written either way.
   */
  private async checkStyle(style: PlanStyle | undefined, report: ExploreReport, inputs: PlanInputs) {
    if (style !== 'xano' || report.profile.xano || inputs.force) return;
    const why = 'this repository has no Xano workspace (no .xs files)';
    if (inputs.confirm && (await inputs.confirm(`--style xano: ${why}. Plan Xano components anyway?`)))
      return;
    throw new InputError(
      `--style xano: ${why}; plan with --style feature (or phased, prd, tasks), or pass --force to plan a new Xano workspace here`,
    );
  }

  /** A plan model from the engine, written nowhere (for a caller who edits it and saves it later). */
  async draft(inputs: PlanInputs): Promise<Plan> {
    const { request, report, ctx } = this.prepare(inputs);
    await this.checkStyle(request.style, report, inputs);
    return this.deps.planner.plan(request, ctx);
  }

  private submitDeps(): SubmitDeps {
    return {
      root: this.root,
      store: this.deps.store,
      skills: this.deps.skills,
      now: this.deps.now?.() ?? new Date(),
    };
  }

  /**
   * save_plan: a host agent's plan model (`{plan}`, the fields at the top level, or a JSON string), through
   * the intake, the schema, the content gate and grounding, then persisted. Refused whole, with every
   * problem by field, before anything is written.
   */
  async saveSubmitted(input: unknown): Promise<PlanOutcome & { notes: string[] }> {
    const s = await submittedModel(input, this.submitDeps());
    const o = await this.persist(s.plan, {
      report: s.report,
      feedback: s.plan.revision > 1 ? 'save_plan' : undefined,
    });
    return { ...o, notes: s.notes };
  }

  /**
   * `plansmith import` and save_plan `{markdown}`: a plan written in markdown (by a person or an agent, or
   * plansmith's own file) read by lint's reader, gated like any plan, saved as a plan (or the next revision
   * of the plan its header names) with its task graph. The source file is never rewritten.
   */
  async importMarkdown(o: { file?: string; markdown?: string }): Promise<PlanOutcome & { notes: string[] }> {
    const source =
      o.markdown !== undefined
        ? { text: o.markdown, name: 'markdown' }
        : { text: readInput(this.files, o.file!, 'plan').text, name: this.files.relative(o.file!) };
    if (Buffer.byteLength(source.text) > LIMITS.messageBytes)
      throw new InputError(`${source.name}: over the ${LIMITS.messageBytes}-byte limit`);
    refuseSecrets(source.text, source.name);
    const s = await markdownPlan(source.text, source.name, this.submitDeps());
    const out = await this.persist(s.plan, {
      report: s.report,
      feedback: s.plan.revision > 1 ? `import ${source.name}` : undefined,
    });
    return { ...out, notes: s.notes };
  }

  /** Saves a plan model (from any engine, or from a calling agent), creates its tasks, writes its files. */
  async persist(
    input: Plan | unknown,
    options: { report?: ExploreReport; feedback?: string } = {},
  ): Promise<PlanOutcome> {
    const plan = parsePlanModel(input);
    const path = mainArtefact(plan);
    // Explored at most once per save, and only when the caller has no report.
    let profileOf: CodebaseProfile | undefined;
    const profile = () => {
      profileOf ??= (options.report ?? explore(this.root)).profile;
      return profileOf;
    };
    // Validate, then write: every target is checked, every previous file read and the rendered plan
    // linted before the store or any file changes, so a failure leaves everything as it was.
    const preview = renderPlan(plan, { tasks: [] });
    const previous = new Map<string, string | null>();
    for (const f of preview) {
      this.files.checkWrite(f.path);
      previous.set(f.path, this.readPrevious(f.path));
    }
    const previewMain = preview.find((f) => f.path === path)!.content;
    const previousMain = previous.get(path) ?? null;
    lintSource(previousMain === null ? previewMain : mergeFenced(previousMain, previewMain).content, path, {
      root: this.root,
      profile: profile(),
      known: this.knownAgents(),
    });
    const store = await this.deps.store();
    await store.savePlan(plan, { path, model: plan, feedback: options.feedback });
    let tasks: Task[] = [];
    let taskChanges: TaskChanges | undefined;
    try {
      if (plan.revision === 1 && plan.tasks.length)
        tasks = await store.createBatch(plan.tasks, { plan_id: plan.id });
      else {
        if (plan.tasks.length) taskChanges = await reviseTaskGraph(store, plan);
        tasks = await store.listTasks({ plan_id: plan.id });
      }
    } catch (e) {
      if (plan.revision === 1) await store.deletePlan(plan.id);
      throw e;
    }
    const rendered: RenderedFile[] = renderPlan(plan, { tasks });
    const keptEdits: string[] = [];
    const writes = rendered.map((f) => {
      const prev = previous.has(f.path) ? previous.get(f.path)! : this.readPrevious(f.path);
      let content = f.content;
      if (prev !== null && f.path.endsWith('.md')) {
        if (/\/(tasks|progress)\.md$/.test(f.path))
          content = prev; // kept; tasks.md is synced, progress.md is the team's log
        else {
          const merged = mergeFenced(prev, f.content);
          content = merged.content;
          keptEdits.push(...merged.keptEdits.map((s) => `${f.path}#${s}`));
        }
      } else if (prev !== null) content = prev;
      return { path: f.path, content };
    });
    try {
      this.files.writeAll(writes);
    } catch (e) {
      if (plan.revision === 1) await store.deletePlan(plan.id);
      throw e;
    }
    const main = writes.find((w) => w.path === path)!.content;
    const lint = lintSource(main, path, { root: this.root, profile: profile(), known: this.knownAgents() });
    return {
      plan,
      files: rendered.map((f) => f.path),
      tasks,
      lint,
      kept_edits: keptEdits,
      ...(taskChanges ? { task_changes: taskChanges } : {}),
    };
  }

  /** The current text of a file plansmith is about to rewrite (null if none); refuses a binary or linked one. */
  private readPrevious(path: string): string | null {
    try {
      return (
        this.files.readTextIfExists(path, { maxBytes: LIMITS.messageBytes, what: 'plan file' })?.text ?? null
      );
    } catch (e) {
      if (e instanceof FileAccessError) throw new InputError(`cannot rewrite ${e.message}`);
      throw e;
    }
  }

  /** `--approaches 2`: the approach files and the comparison, written beside the plan. */
  writeApproaches(plan: Plan): string[] {
    const files = renderApproaches(plan);
    this.files.writeAll(files.map((f) => ({ path: f.path, content: f.content })));
    return files.map((f) => f.path);
  }

  /** A plan by id, id prefix, or the path of one of its files. */
  async resolve(ref: string): Promise<{ plan: Plan; summary: PlanSummary; revisions: number[] }> {
    let id = ref.trim();
    const file = this.planFileOf(id);
    if (file) {
      const text = readInput(this.files, file, 'plan').text;
      const m = META.exec(text);
      if (!m)
        throw new InputError(
          `${ref}: not a plansmith plan (no plansmith header); lint it with \`plansmith lint ${ref}\``,
        );
      id = m[1]!;
    }
    // The store is opened only once the input is known to name a plan.
    const store = await this.deps.store();
    if (id === ref.trim()) {
      const all = await store.listPlans();
      const hits = all.filter((p) => p.id === id || p.id.startsWith(id.toUpperCase()) || p.slug === id);
      if (hits.length > 1 && !hits.some((h) => h.id === id))
        throw new ConflictError(`${ref} matches ${hits.length} plans: ${hits.map((h) => h.id).join(', ')}`);
      if (hits.length) id = (hits.find((h) => h.id === id) ?? hits[0]!).id;
    }
    const got = await store.getPlanModel(id);
    if (!got) throw new NotFoundError('plan', id);
    return { plan: planSchema.parse(got.model), summary: got.summary, revisions: got.revisions };
  }

  /**
   * The plan file a reference names, when it names a file: a plan file, a requirement folder
   * (`requirements/<slug>`), or that folder's `tasks.md` (all mean its `prd.md`). Null for ids and slugs.
   * Paths outside the root are refused here, the same whether or not they exist.
   */
  private planFileOf(ref: string): string | null {
    const looksLikePath = /[/\\]|\.md$/i.test(ref);
    let exists: boolean;
    try {
      exists = this.files.exists(ref);
    } catch (e) {
      if (e instanceof FileAccessError) throw new InputError(e.message);
      throw e;
    }
    if (!looksLikePath && !exists) return null;
    const rel = this.files.relative(ref);
    if (exists && this.files.isDirectory(rel)) {
      const prd = `${rel}/prd.md`;
      if (!this.files.isFile(prd))
        throw new InputError(`${ref}: a folder with no prd.md; give a plan file or id`);
      return prd;
    }
    if (/(^|\/)(tasks|recovery|progress)\.md$/.test(rel)) {
      const prd = rel.replace(/[^/]+$/, 'prd.md');
      if (this.files.isFile(prd)) return prd;
    }
    if (!exists) throw new InputError(`${ref}: no such file`);
    return rel;
  }

  async refine(
    ref: string,
    feedback: string,
  ): Promise<PlanOutcome & { diff: string; previous_revision: number }> {
    if (!feedback.trim()) throw new InputError('the feedback is empty: say what to change');
    const { plan } = await this.resolve(ref);
    const report = explore(this.root);
    const next = await this.deps.planner.refine(
      { plan, feedback },
      this.context(report, plan.id, plan.slug, new Date(plan.created_at)),
    );
    const before = renderPlan(plan, { tasks: [] }).find((f) => f.path === mainArtefact(plan))!.content;
    const after = renderPlan(next, { tasks: [] }).find((f) => f.path === mainArtefact(next))!.content;
    const diff = createTwoFilesPatch(
      `${mainArtefact(plan)} (revision ${plan.revision})`,
      `${mainArtefact(next)} (revision ${next.revision})`,
      before,
      after,
      '',
      '',
      { context: 1 },
    );
    const out = await this.persist(next, { report, feedback });
    // The diff shows the task graph too: what the revision did to the plan's open tasks.
    const c = out.task_changes;
    const name = (id: string) => out.tasks.find((t) => t.id === id)?.task_name ?? id;
    const taskLines = c
      ? [
          ...c.revised.map((id) => `~ task ${id} ${name(id)} (inputs revised)`),
          ...c.created.map((id) => `+ task ${id} ${name(id)}`),
          ...c.cancelled.map((id) => `- task ${id} ${name(id)} (cancelled)`),
          ...(c.untouched_done.length ? [`= ${c.untouched_done.length} done task(s) left as they are`] : []),
        ]
      : [];
    return {
      ...out,
      diff: taskLines.length ? `${diff}\nTask graph:\n${taskLines.join('\n')}\n` : diff,
      previous_revision: plan.revision,
    };
  }

  lint(file: string): LintResult {
    return lintPlan(file, {
      root: this.root,
      profile: explore(this.root).profile,
      known: this.knownAgents(),
    });
  }

  /** Names a handoff may go to: the project's agents and commands, and every skill (by name and id). */
  private knownAgents(): Set<string> {
    const r = this.deps.skills;
    return new Set([
      ...r.agents.map((a) => a.name),
      ...r.commands.map((c) => c.name),
      ...r.all().flatMap((s) => [s.name, s.full_id]),
    ]);
  }

  /**
   * Every plan, newest first, with where it stands: `draft` (no task started), `active` (work started, some
   * open), `done` (every task finished), `superseded` (a newer plan of the same requirement exists and this
   * one has nothing open), and its open task count.
   */
  async list(): Promise<PlanListing[]> {
    return this.listings(await (await this.deps.store()).listPlans());
  }

  /** The listing of some plans; `all` is every plan, for telling a superseded one by its newer twin. */
  private async listings(plans: PlanSummary[], all = plans): Promise<PlanListing[]> {
    const store = await this.deps.store();
    const out: PlanListing[] = [];
    for (const p of plans) {
      const leaves = (await store.listTasks({ plan_id: p.id })).filter((t) => t.subtask_count === 0);
      const open = leaves.filter((t) => !FINISHED.has(t.status)).length;
      const started = leaves.some((t) => t.status !== 'pending' && t.status !== 'cancelled');
      const newer = all.some((q) => q.slug === p.slug && q.id !== p.id && q.created_at > p.created_at);
      const state: PlanListing['state'] =
        newer && open === 0
          ? 'superseded'
          : leaves.length && open === 0 && leaves.some((t) => t.status === 'done')
            ? 'done'
            : started
              ? 'active'
              : 'draft';
      out.push({ ...p, state, open_tasks: open });
    }
    return out;
  }

  /**
   * The older plans of the same requirement (same slug) that still have open tasks, newest first: what a new
   * plan would duplicate.
   */
  async duplicatesOf(slug: string, exceptId?: string): Promise<PlanListing[]> {
    // Only the plans of this slug are looked at: planning never reads every plan's tasks.
    const all = await (await this.deps.store()).listPlans();
    const same = all.filter((p) => p.slug === slug && p.id !== exceptId);
    return (await this.listings(same, all)).filter((p) => p.open_tasks > 0);
  }

  /** Cancels the open tasks of older plans: the new plan replaces them. Done work stays done. */
  async supersede(olderIds: string[], by: string): Promise<string[]> {
    const store = await this.deps.store();
    const cancelled: string[] = [];
    for (const id of olderIds)
      for (const t of await store.listTasks({ plan_id: id }))
        if (!FINISHED.has(t.status) && !t.parent_id) {
          await store.cancel(t.id, { reason: `superseded by plan ${by}` });
          cancelled.push(t.id);
        }
    return cancelled;
  }

  async handoffs(ref: string): Promise<{ plan: Plan; path: string; handoffs: Handoff[] }> {
    const { plan, summary } = await this.resolve(ref);
    return { plan, path: summary.path, handoffs: plan.handoffs };
  }

  /** One handoff as a ready prompt, with the plan's context, for pasting or piping into an agent. */
  async handoffPrompt(ref: string, to: string): Promise<{ handoff: Handoff; prompt: string }> {
    const { plan, path, handoffs } = await this.handoffs(ref);
    const want = to.toLowerCase();
    const h =
      handoffs.find((x) => x.agent.toLowerCase() === want) ??
      handoffs.find((x) => x.label.toLowerCase().includes(want) || x.agent.toLowerCase().includes(want)) ??
      (/^\d+$/.test(to) ? handoffs[Number(to) - 1] : undefined);
    if (!h)
      throw new InputError(
        `no handoff matches "${to}"; the plan has: ${handoffs.map((x, i) => `${i + 1}. ${x.label} → ${x.agent}`).join('; ')}`,
      );
    const context = [
      `You are continuing the plan "${plan.title}" (${path}, revision ${plan.revision}).`,
      `Summary: ${plan.analysis.summary}`,
      plan.research.read_first.length ? `Read first: ${plan.research.read_first.join(', ')}.` : '',
      plan.security.length ? `Security notes: ${plan.security.join(' ')}` : '',
      `Track progress with: plansmith tasks claim --plan ${plan.id} (and plansmith tasks done <id>).`,
      '',
      h.prompt,
    ];
    return { handoff: h, prompt: context.filter((x) => x !== '').join('\n') };
  }

  /**
   * Syncs a requirement workspace's tasks.md with the store both ways: a box checked by hand completes
   * the task; a task done in the store gets its box checked. Only the boxes change; recovery.md is
   * regenerated from the store.
   */
  async sync(
    ref: string,
  ): Promise<{ checked_in_file: string[]; completed_in_store: string[]; files: string[] }> {
    const { plan, summary } = await this.resolve(ref);
    const dir = summary.path.replace(/\/prd\.md$/, '');
    const tasksPath = `${dir}/tasks.md`;
    if (plan.style !== 'prd' || !this.files.isFile(tasksPath))
      throw new InputError(`${ref}: only requirement workspaces (style prd) have a tasks.md to sync`);
    const read = readInput(this.files, tasksPath, 'tasks.md');
    const original = read.text;
    if (read.lossy) throw new InputError(`${tasksPath}: not valid UTF-8; plansmith will not rewrite it`);
    const recPath = `${dir}/recovery.md`;
    const recPrev = this.readPrevious(recPath);
    this.files.checkWrite(tasksPath);
    this.files.checkWrite(recPath);
    const store = await this.deps.store();
    const own = new Map((await store.listTasks({ plan_id: plan.id })).map((t) => [t.id, t]));
    const lines = original.split('\n');
    // Only markers plansmith wrote count: at the end of a checklist line, naming a task of this plan, once.
    const seen = new Set<string>();
    const marked = lines.map((l) => {
      const m = TASK_MARK.exec(l);
      const box = /^\s*[-*] \[([ xX])\]/.exec(l);
      if (!m || !box || !own.has(m[1]!) || seen.has(m[1]!)) return null;
      seen.add(m[1]!);
      return { id: m[1]!, ticked: box[1] !== ' ' };
    });
    const completed: string[] = [];
    for (const mark of marked) {
      if (!mark?.ticked) continue;
      const t = own.get(mark.id)!;
      if (t.status !== 'done' && t.subtask_count === 0) {
        await store.complete(t.id, {
          force: true,
          summary: 'checked off in tasks.md',
          ...(t.kind === 'critique' ? { verdict: 'pass' as const } : {}),
        });
        completed.push(t.id);
      }
    }
    const tasks = await store.listTasks({ plan_id: plan.id });
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const checked: string[] = [];
    const next = lines.map((l, i) => {
      const mark = marked[i];
      if (!mark) return l;
      const t = byId.get(mark.id);
      if (t?.status === 'done' && !mark.ticked) {
        checked.push(t.id);
        return l.replace('[ ]', '[x]');
      }
      return l;
    });
    const rec = renderRecovery(plan, tasks);
    const files = [
      { path: tasksPath, content: next.join('\n') },
      { path: recPath, content: recPrev ? mergeFenced(recPrev, rec).content : rec },
    ];
    this.files.writeAll(files);
    return {
      checked_in_file: checked,
      completed_in_store: completed,
      files: files.map((f) => f.path),
    };
  }
}
