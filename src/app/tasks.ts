import { ConflictError, NotFoundError } from '../domain/errors.js';
import {
  type CompleteInput,
  refuseSecretText,
  type Task,
  type TaskEvent,
  type TaskFilter,
} from '../domain/task.js';
import { labelOf, parseBatch } from '../graph/batch.js';
import type { GraphNode } from '../graph/model.js';
import { buildWorkGraph, computeCriticalPath, computeWaves } from '../graph/model.js';
import type { GraphFormat } from '../graph/render.js';
import { renderGraph } from '../graph/render.js';
import type {
  ClaimOptions,
  CompleteResult,
  Finding,
  NewPlanRecord,
  SubtaskPlacement,
  TaskStore,
} from '../store/task-store.js';

/** What a batch made: its tasks in order, the plan it made for them (with `architecture`), warnings per task. */
export interface BatchOutcome {
  tasks: Task[];
  plan: { id: string; title: string } | null;
  /** `warnings[i]`: what to fix in `tasks[i]` (a skill id the registry does not have), never a refusal. */
  warnings: string[][];
}

export interface TaskSummary {
  id: string;
  task_name: string;
  status: string;
  kind: string;
  estimate_minutes: number | null;
}

const summary = (n: GraphNode): TaskSummary => ({
  id: n.id,
  task_name: n.task_name,
  status: n.status,
  kind: n.kind,
  estimate_minutes: n.estimate_minutes,
});

/**
 * The task use cases, called alike by the CLI, the MCP server and the HTTP server. Ids may be
 * unambiguous prefixes everywhere.
 */
export class TaskService {
  constructor(
    readonly store: TaskStore,
    /** What is wrong with a skill id (null when the registry has it): warnings, never refusals. */
    private readonly skillIdProblem: (skillId: string) => string | null = () => null,
  ) {}

  async batch(input: unknown, options: { plan_id?: string } = {}): Promise<Task[]> {
    return (await this.create(input, options)).tasks;
  }

  /**
   * create_tasks_batch and `tasks batch`: the tasks, all or nothing; with `architecture` (and no plan_id) a
   * new plan holding it, made in the same transaction; and a warning for each skill id the registry does
   * not have, naming the closest full_id (`warnings[i]` belongs to `tasks[i]`).
   */
  async create(input: unknown, options: { plan_id?: string } = {}): Promise<BatchOutcome> {
    const parsed = parseBatch(input);
    let newPlan: NewPlanRecord | undefined;
    if (parsed.plan) {
      // The plan's own text reaches plans show, get_plan and prompts: the same secret check as task fields.
      refuseSecretText(parsed.plan.architecture, 'architecture');
      refuseSecretText(parsed.plan.title, 'title');
      const { batchPlan } = await import('./batch-plan.js');
      const items = Array.isArray(input) ? input : (input as { tasks: unknown[] }).tasks;
      newPlan = batchPlan(parsed, items, new Date());
    }
    const tasks = await this.store.createBatch(input, { ...options, new_plan: newPlan });
    return {
      tasks,
      plan: newPlan ? { id: newPlan.plan.id, title: newPlan.plan.title } : null,
      warnings: parsed.drafts.map((d) => this.skillWarnings(d.label, d.input.skill_id)),
    };
  }

  private skillWarnings(label: string, skillId: string | null | undefined): string[] {
    const problem = skillId ? this.skillIdProblem(skillId) : null;
    return problem ? [`${label}: skill_id ${problem}`] : [];
  }

  /** One task (create_task), with the batch's checks and its skill warnings. */
  async add(input: unknown, options: { plan_id?: string } = {}): Promise<Task> {
    return (await this.addWithWarnings(input, options)).task;
  }

  async addWithWarnings(
    input: unknown,
    options: { plan_id?: string } = {},
  ): Promise<{ task: Task; warnings: string[] }> {
    const task = await this.store.createTask(input, options);
    return { task, warnings: this.skillWarnings(labelOf('$1', task.task_name), task.skill_id) };
  }

  async subtask(parent: string, input: unknown, placement: SubtaskPlacement = {}): Promise<Task> {
    return (await this.subtaskWithWarnings(parent, input, placement)).task;
  }

  async subtaskWithWarnings(
    parent: string,
    input: unknown,
    placement: SubtaskPlacement = {},
  ): Promise<{ task: Task; warnings: string[] }> {
    const task = await this.store.createSubtask(parent, input, placement);
    return { task, warnings: this.skillWarnings(labelOf('sub-task', task.task_name), task.skill_id) };
  }

  async list(given: TaskFilter = {}): Promise<{ tasks: Task[]; total: number }> {
    const filter = await this.withPlan(given);
    const { limit: _limit, offset: _offset, ...rest } = filter;
    const [tasks, total] = await Promise.all([this.store.listTasks(filter), this.store.countTasks(rest)]);
    return { tasks, total };
  }

  /**
   * What the work before a task reported: for a critique, the tasks it reviews; else its dependencies.
   * Each with its status and outputs (summary, artefacts, verdicts), so a worker starts from them.
   */
  async preceding(task: Task): Promise<Array<Pick<Task, 'id' | 'task_name' | 'status' | 'outputs'>>> {
    const ids = task.critiques.length ? task.critiques : task.dependencies;
    const got = ids.length ? await this.store.getTasks(ids) : [];
    return got.map((t) => ({ id: t.id, task_name: t.task_name, status: t.status, outputs: t.outputs }));
  }

  async show(ref: string): Promise<{ task: Task; subtasks: Task[]; history: TaskEvent[] }> {
    const id = await this.store.resolveId(ref);
    const [task, subtasks, history] = await Promise.all([
      this.store.getTask(id),
      this.store.listTasks({ parent_id: id }),
      this.store.history(id),
    ]);
    return { task: task!, subtasks, history };
  }

  /**
   * A filter's plan as the store knows it: a plan id, an unambiguous prefix of one, or a slug. A plan that
   * does not exist is an error, not an empty answer.
   */
  async withPlan<F extends TaskFilter>(filter: F): Promise<F> {
    if (!filter.plan_id) return filter;
    const ref = filter.plan_id.trim();
    const plans = await this.store.listPlans();
    const exact = plans.find((p) => p.id === ref);
    if (exact) return filter;
    const hits = plans.filter((p) => p.id.startsWith(ref.toUpperCase()) || p.slug === ref);
    if (hits.length > 1)
      throw new ConflictError(
        `plan ${ref} matches ${hits.length} plans: ${hits.map((h) => h.id).join(', ')}`,
      );
    if (!hits.length) throw new NotFoundError('plan', ref);
    return { ...filter, plan_id: hits[0]!.id };
  }

  async next(filter: TaskFilter = {}): Promise<Task | null> {
    return this.store.next(await this.withPlan(filter));
  }

  async claim(options: ClaimOptions): Promise<Task | null> {
    return this.store.claim(
      options.filter ? { ...options, filter: await this.withPlan(options.filter) } : options,
    );
  }

  /** Why nothing is ready under a filter: what the open tasks wait for, or that there are none. */
  async whyNothingReady(filter: TaskFilter = {}): Promise<string> {
    const f = await this.withPlan(filter);
    const count = (status: TaskFilter['status']) => this.store.countTasks({ ...f, status });
    const [pending, claimed, blocked, failed] = await Promise.all([
      count('pending'),
      count('in_progress'),
      count('blocked'),
      count('failed'),
    ]);
    if (!pending && !claimed && !blocked && !failed) return 'no open tasks';
    const parts = [
      pending && `${pending} pending wait for their dependencies or earlier sub-tasks`,
      claimed && `${claimed} in progress (claimed by an agent)`,
      blocked && `${blocked} blocked`,
      failed && `${failed} failed (retry with \`plansmith tasks retry\`)`,
    ].filter(Boolean);
    return parts.join('; ');
  }

  heartbeat(ref: string, options: { owner?: string; lease_seconds?: number } = {}): Promise<Task> {
    return this.store.heartbeat(ref, options);
  }

  complete(ref: string, input: CompleteInput = {}): Promise<CompleteResult> {
    return this.store.complete(ref, input);
  }

  // A failure's error, a block's or a cancellation's reason is free text like a description: it is stored
  // and shown to the next agent, so it passes the same secret check (the schema checks the other fields).
  async fail(ref: string, options: { owner?: string; error: string }): Promise<Task> {
    refuseSecretText(options.error, 'error', ref);
    return this.store.fail(ref, options);
  }

  release(ref: string, options: { owner?: string } = {}): Promise<Task> {
    return this.store.release(ref, options);
  }

  async cancel(ref: string, reason?: string): Promise<Task> {
    refuseSecretText(reason, 'reason', ref);
    return this.store.cancel(ref, { reason });
  }

  retry(ref: string): Promise<Task> {
    return this.store.retry(ref);
  }

  async block(ref: string, reason: string): Promise<Task> {
    refuseSecretText(reason, 'reason', ref);
    return this.store.block(ref, { reason });
  }

  unblock(ref: string): Promise<Task> {
    return this.store.unblock(ref);
  }

  async graph(options: {
    format: GraphFormat | 'json';
    plan_id?: string;
  }): Promise<string | { nodes: GraphNode[] }> {
    const nodes = await this.store.graphNodes({ plan_id: options.plan_id });
    return options.format === 'json' ? { nodes } : renderGraph(nodes, options.format);
  }

  async waves(options: { plan_id?: string } = {}): Promise<{ waves: TaskSummary[][]; stuck: TaskSummary[] }> {
    const graph = buildWorkGraph(await this.store.graphNodes(options));
    const { waves, stuck } = computeWaves(graph);
    return { waves: waves.map((w) => w.map(summary)), stuck: stuck.map(summary) };
  }

  async criticalPath(options: { plan_id?: string; default_minutes?: number } = {}) {
    const graph = buildWorkGraph(await this.store.graphNodes({ plan_id: options.plan_id }));
    const cp = computeCriticalPath(graph, options.default_minutes);
    return { ...cp, path: cp.path.map(summary) };
  }

  async validate(): Promise<{ ok: boolean; findings: Finding[]; tasks: number }> {
    const [findings, tasks] = await Promise.all([this.store.validate(), this.store.countTasks()]);
    return { ok: !findings.some((f) => f.severity === 'error'), findings, tasks };
  }
}
