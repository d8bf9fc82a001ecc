import { createTwoFilesPatch } from 'diff';
import { ConflictError, InputError, NotFoundError, ValidationError } from '../domain/errors.js';
import { ulid } from '../domain/ids.js';
import { checkBounds, LIMITS } from '../domain/limits.js';
import type { Handoff, Plan, PlanStyle } from '../domain/plan.js';
import { planSchema, slugify } from '../domain/plan.js';
import type { Task } from '../domain/task.js';
import type { ExploreReport } from '../explore/explore.js';
import { explore, inventoryOf } from '../explore/explore.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { FileAccessError, type ProjectFiles, projectFiles } from '../files/project-files.js';
import type { LintResult } from '../planning/lint/lint.js';
import { lint, lintFile, lintSource } from '../planning/lint/lint.js';
import { parsePlanAhead } from '../planning/markdown/read.js';
import { markdownWorkersOn } from '../planning/markdown/tree.js';
import { titleOf } from '../planning/offline/index.js';
import type { Planner, PlannerContext, PlanRequest } from '../planning/planner.js';
import type { SkillRegistry } from '../registry/index.js';
import type { PlanSummary, TaskStore } from '../store/task-store.js';
import { mergeFenced } from '../workspace/fences.js';
import { mainArtefact } from '../workspace/paths.js';
import type { RenderedFile } from '../workspace/render.js';
import { META, renderApproaches, renderPlan } from '../workspace/render.js';
import { isBatchPlan } from './batch-plan.js';
import { handoffPrompt } from './handoff-prompt.js';
import { duplicatesOf, type PlanListing, planListings, supersede } from './plan-listing.js';
import { type PlanInputs, readInput, refuseSecrets, requestOf } from './plan-request.js';

export type { PlanInputs } from './plan-request.js';

import { reviseTaskGraph, type TaskChanges } from './revise-graph.js';
import { markdownPlan, type SubmitDeps, submittedModel } from './submitted.js';
import { type SyncResult, syncTasksMd } from './sync.js';

export type { PlanListing } from './plan-listing.js';

export { reviseTaskGraph, type TaskChanges } from './revise-graph.js';

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

/**
 * A plan made by create_tasks_batch has no plan file to rewrite: refine and sync say what it takes instead
 * (its tasks are worked, added to with plan_id, superseded or cancelled like any plan's).
 */
function refuseBatchPlan(plan: Plan, what: string): void {
  if (isBatchPlan(plan))
    throw new InputError(
      `${what}: plan ${plan.id} was made by create_tasks_batch and has no plan file; add tasks to it with plan_id, or supersede it with a plan written by \`plansmith plan\`, save_plan or import`,
    );
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
  private context(report: ExploreReport, id: string, slug: string, now: Date): PlannerContext {
    return { root: this.root, report, skills: this.deps.skills, now, id, slug };
  }

  /** Checks the inputs, explores for them, and names the plan: everything before an engine runs. */
  private prepare(inputs: PlanInputs): { request: PlanRequest; report: ExploreReport; ctx: PlannerContext } {
    const { request, queryText } = requestOf(this.files, inputs);
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
  async importMarkdown(o: {
    file?: string;
    markdown?: string;
    /** The request as the person asked it, kept as the plan's requirement. */
    requirement?: string;
  }): Promise<PlanOutcome & { notes: string[] }> {
    const source =
      o.markdown !== undefined
        ? { text: o.markdown, name: 'markdown' }
        : { text: readInput(this.files, o.file!, 'plan').text, name: this.files.relative(o.file!) };
    if (Buffer.byteLength(source.text) > LIMITS.messageBytes)
      throw new InputError(`${source.name}: over the ${LIMITS.messageBytes}-byte limit`);
    refuseSecrets(source.text, source.name);
    const s = await markdownPlan(source.text, source.name, this.submitDeps(), o.requirement);
    // The imported file is a person's: never rewritten, also when it is the plan's own file (a revision).
    const keep = o.markdown === undefined ? source.name : undefined;
    const out = await this.persist(s.plan, {
      report: s.report,
      feedback: s.plan.revision > 1 ? `import ${source.name}` : undefined,
      // The model was read from the markdown, edits inside plansmith's sections included: the new render
      // holds them, so they are written once (what it could not place is kept beside it).
      absorbed: true,
      keep,
    });
    const kept =
      keep && out.plan.revision > 1 && mainArtefact(out.plan) === keep
        ? [`kept ${keep} as written (revision ${out.plan.revision} is in the store)`]
        : [];
    return { ...out, notes: [...s.notes, ...kept] };
  }

  /** Saves a plan model (from any engine, or from a calling agent), creates its tasks, writes its files. */
  async persist(
    input: Plan | unknown,
    options: { report?: ExploreReport; feedback?: string; absorbed?: boolean; keep?: string } = {},
  ): Promise<PlanOutcome> {
    const plan = parsePlanModel(input);
    // One secret check over every free-text field the plan carries (save_plan, refine, import), and the
    // feedback that is stored beside it, before anything is written.
    refuseSecrets(options.feedback ?? '', 'the feedback');
    const texts: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(plan);
    refuseSecrets(texts.join('\n'), 'the plan');
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
    const merged =
      previousMain === null
        ? previewMain
        : mergeFenced(previousMain, previewMain, { absorbed: options.absorbed }).content;
    await parsePlanAhead(merged, path); // on a server: off the event loop, under a time limit
    lintSource(merged, path, { root: this.root, profile: profile(), known: this.knownAgents() });
    // Files first, store last: the plan's files (without task ids yet) are on disk before the store knows
    // the plan, so a process killed in between leaves a plan file a person can see and import, never a
    // plan with open tasks and no file. A store failure puts the files back as they were.
    // The store is opened (not written) before any file: where there is none to open (an MCP server outside
    // a project), nothing is written.
    // `keep`: a file never written (the one a person imports), though its content is linted.
    const unkept = (ws: Array<{ path: string; content: string }>) =>
      ws.filter((w) => w.path !== options.keep);
    const store = await this.deps.store();
    this.files.writeAll(unkept(this.mergeWithPrevious(preview, previous, options).writes));
    let tasks: Task[] = [];
    let taskChanges: TaskChanges | undefined;
    try {
      await store.savePlan(plan, { path, model: plan, feedback: options.feedback });
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
    } catch (e) {
      for (const [file, prev] of previous)
        if (file !== options.keep) prev === null ? this.files.remove(file) : this.files.write(file, prev);
      throw e;
    }
    const rendered: RenderedFile[] = renderPlan(plan, { tasks });
    const { writes, keptEdits } = this.mergeWithPrevious(rendered, previous, options);
    try {
      this.files.writeAll(unkept(writes));
    } catch (e) {
      if (plan.revision === 1) await store.deletePlan(plan.id);
      throw e;
    }
    const main = writes.find((w) => w.path === path)!.content;
    await parsePlanAhead(main, path);
    // The plan as written, linted as `plansmith lint` would (a plan saved without a verdict has its claims of
    // "new" asked of the precedent analysis).
    const linted = await lint(main, path, {
      root: this.root,
      profile: profile(),
      known: this.knownAgents(),
    });
    return {
      plan,
      files: rendered.map((f) => f.path).filter((f) => f !== options.keep),
      tasks,
      lint: linted,
      kept_edits: keptEdits,
      ...(taskChanges ? { task_changes: taskChanges } : {}),
    };
  }

  /**
   * The files to write for a rendered plan over what is on disk: a person's edits outside plansmith's fenced
   * sections are kept, tasks.md (synced) and progress.md (the team's log) are kept whole, other files kept.
   */
  private mergeWithPrevious(
    rendered: RenderedFile[],
    previous: Map<string, string | null>,
    options: { absorbed?: boolean } = {},
  ): { writes: Array<{ path: string; content: string }>; keptEdits: string[] } {
    const keptEdits: string[] = [];
    const writes = rendered.map((f) => {
      if (!previous.has(f.path)) previous.set(f.path, this.readPrevious(f.path));
      const prev = previous.get(f.path)!;
      let content = f.content;
      if (prev !== null && f.path.endsWith('.md')) {
        if (/\/(tasks|progress)\.md$/.test(f.path))
          content = prev; // kept; tasks.md is synced, progress.md is the team's log
        else {
          const merged = mergeFenced(prev, f.content, { absorbed: options.absorbed });
          content = merged.content;
          keptEdits.push(...merged.keptEdits.map((s) => `${f.path}#${s}`));
        }
      } else if (prev !== null) content = prev;
      return { path: f.path, content };
    });
    return { writes, keptEdits };
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

  /** `--approaches 2`: the approach files and the comparison, written beside the plan (none with fewer than two). */
  writeApproaches(plan: Plan): string[] {
    if (plan.approaches.length < 2) return [];
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
    refuseSecrets(feedback, 'the feedback'); // before it reaches a planner's prompt
    const { plan } = await this.resolve(ref);
    refuseBatchPlan(plan, 'refine');
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

  async lint(file: string): Promise<LintResult> {
    if (markdownWorkersOn()) {
      // On a server the plan is parsed on a worker first; a file that cannot be read is left to lintFile.
      const text = (() => {
        try {
          return this.files.readText(file, { maxBytes: LIMITS.messageBytes, what: 'plan' }).text;
        } catch {
          return null;
        }
      })();
      if (text !== null) await parsePlanAhead(text, this.files.relative(file));
    }
    const report = explore(this.root);
    const inventory = inventoryOf(report);
    return lintFile(file, {
      root: this.root,
      profile: report.profile,
      known: this.knownAgents(),
      ...(inventory ? { inventory } : {}),
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
    const store = await this.deps.store();
    return planListings(store, await store.listPlans());
  }

  /** The older plans of the same requirement that still have open tasks, newest first. */
  async duplicatesOf(slug: string, exceptId?: string): Promise<PlanListing[]> {
    return duplicatesOf(await this.deps.store(), slug, exceptId);
  }

  /** Cancels the open tasks of older plans: the new plan replaces them. Done work stays done. */
  async supersede(olderIds: string[], by: string): Promise<string[]> {
    return supersede(await this.deps.store(), olderIds, by);
  }

  async handoffs(ref: string): Promise<{ plan: Plan; path: string; handoffs: Handoff[] }> {
    const { plan, summary } = await this.resolve(ref);
    return { plan, path: summary.path, handoffs: plan.handoffs };
  }

  /** One handoff as a ready prompt, with the plan's context, for pasting or piping into an agent. */
  async handoffPrompt(ref: string, to: string): Promise<{ handoff: Handoff; prompt: string }> {
    const { plan, path } = await this.handoffs(ref);
    return handoffPrompt(plan, path, to);
  }

  /**
   * Closes a plan nobody will work on: superseded (by a newer plan, given as id, prefix or slug) or
   * cancelled. Its open tasks are cancelled with the reason, so no agent is served them.
   */
  async close(
    ref: string,
    options: { status: 'superseded' | 'cancelled'; reason?: string; superseded_by?: string },
  ): Promise<{ plan: PlanSummary; cancelled: string[] }> {
    refuseSecrets(options.reason ?? '', 'the reason'); // stored on every task it cancels
    const { plan } = await this.resolve(ref);
    const by = options.superseded_by ? (await this.resolve(options.superseded_by)).plan.id : undefined;
    return (await this.deps.store()).closePlan(plan.id, { ...options, superseded_by: by });
  }

  /**
   * Syncs a requirement workspace's tasks.md with the store both ways (see `sync.ts`); recovery.md is
   * regenerated from the store.
   */
  async sync(ref: string): Promise<SyncResult> {
    const { plan, summary } = await this.resolve(ref);
    refuseBatchPlan(plan, 'sync');
    return syncTasksMd({
      files: this.files,
      store: await this.deps.store(),
      plan,
      path: summary.path,
      ref,
      previous: (p) => this.readPrevious(p),
    });
  }
}
