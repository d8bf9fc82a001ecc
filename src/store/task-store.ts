import type { CompleteInput, SubtaskInput, Task, TaskEvent, TaskFilter, TaskInput } from '../domain/task.js';
import type { GraphNode } from '../graph/model.js';

export interface ClaimOptions {
  owner: string;
  /** Lease length; defaults to the task's `timeout_seconds`, else 30 minutes. */
  lease_seconds?: number;
  filter?: TaskFilter;
  /** Claim this task rather than the next ready one. */
  task_id?: string;
}

export interface CompleteResult {
  task: Task;
  /** Tasks a failing critique re-opened with its feedback, and the rework sub-tasks it added to a reviewed parent. */
  reopened: Task[];
  /** Words of the input read as plansmith's (`where` read as `location`), and fields kept as given. */
  notes: string[];
}

export interface Finding {
  severity: 'error' | 'warning';
  code: 'cycle' | 'dangling' | 'stale_lease' | 'ready_flag' | 'parent_status' | 'nesting';
  task: string;
  message: string;
}

/** Everything a store holds, row for row: what `db copy` moves and compares. */
/** One page of a streamed dump: rows of one table, in the dump's order. */
export interface DumpPage {
  table: 'tasks' | 'task_deps' | 'task_events' | 'planner_steps' | 'plans' | 'plan_revisions';
  rows: Array<Record<string, unknown>>;
}

export interface StoreDump {
  format: 'plansmith-dump';
  version: 1;
  tasks: Array<Record<string, unknown>>;
  task_deps: Array<{ task_id: string; dep_id: string; kind: string }>;
  task_events: Array<Record<string, unknown>>;
  planner_steps?: Array<Record<string, unknown>>;
  plans?: Array<Record<string, unknown>>;
  plan_revisions?: Array<Record<string, unknown>>;
}

export interface PlanSummary {
  id: string;
  revision: number;
  slug: string;
  title: string;
  style: string;
  status: string;
  path: string;
  created_at: string;
  updated_at: string;
}

/** A plan record as `createBatch` makes it in the batch's own transaction (the batch's `architecture`). */
export interface NewPlanRecord {
  plan: { id: string; revision: number; slug: string; title: string; style: string; status: string };
  /** Where its file is; '' when it has none (a plan made by a task batch). */
  path: string;
  model: unknown;
}

/** One thought of the step-wise planner. */
export interface PlannerStep {
  step_number: number;
  total_steps: number;
  next_step_required: boolean;
  content: string;
  revises_step: number | null;
  branch_id: string | null;
  branch_from_step: number | null;
  created_at: string;
}

export interface PlannerStepInput {
  continuation_id?: string;
  step: string;
  step_number: number;
  total_steps: number;
  next_step_required: boolean;
  revises_step?: number;
  branch_from_step?: number;
  branch_id?: string;
}

export interface StoreInfo {
  kind: 'sqlite' | 'postgres';
  location: string;
}

export interface SubtaskPlacement {
  /** Insert right after this sibling. */
  after?: string;
  /** Insert right before this sibling. */
  before?: string;
}

/**
 * Where tasks live. One contract, two backends (SQLite embedded, PostgreSQL for teams), one test
 * suite (`test/store-contract.ts`) that both must pass. Every method that changes state is one
 * transaction: it happens whole or not at all.
 */
export interface TaskRevision {
  description?: string;
  inputs?: Record<string, unknown>;
  validation_criteria?: unknown;
  estimate_minutes?: number | null;
}

export interface TaskStore {
  readonly info: StoreInfo;
  /** `new_plan`: a plan record made in the batch's transaction, its tasks' plan (none if the batch is refused). */
  createBatch(input: unknown, options?: { plan_id?: string; new_plan?: NewPlanRecord }): Promise<Task[]>;
  createTask(input: TaskInput | unknown, options?: { plan_id?: string }): Promise<Task>;
  createSubtask(parentId: string, input: SubtaskInput | unknown, placement?: SubtaskPlacement): Promise<Task>;
  getTask(id: string): Promise<Task | null>;
  getTasks(ids: string[]): Promise<Task[]>;
  /** A full id, an unambiguous prefix of one (case-insensitive), else a NotFound / AmbiguousId error. */
  resolveId(idOrPrefix: string): Promise<string>;
  listTasks(filter?: TaskFilter): Promise<Task[]>;
  countTasks(filter?: TaskFilter): Promise<number>;
  /** The tasks of a filter in order, a page at a time: for listings of any size in bounded memory. */
  streamTasks(filter?: TaskFilter): AsyncIterable<Task>;
  /**
   * The same listing as JSON text: UTF-8 chunks, each one or more whole tasks with `separator` (default
   * `,`) between them; the caller writes the separator between chunks too. The backend may build it itself,
   * over several threads: the fastest way out. Each task reflects one committed state; chunks are read
   * apart, so a task changing while a long listing is written shows its state when its chunk was read.
   * A chunk's bytes are the caller's until it asks for the next one: write or copy them before that.
   */
  streamTaskJson(filter?: TaskFilter, options?: { separator?: string }): AsyncIterable<Uint8Array>;
  next(filter?: TaskFilter): Promise<Task | null>;
  claim(options: ClaimOptions): Promise<Task | null>;
  heartbeat(id: string, options?: { owner?: string; lease_seconds?: number }): Promise<Task>;
  complete(id: string, input?: CompleteInput): Promise<CompleteResult>;
  fail(id: string, options: { owner?: string; error: string }): Promise<Task>;
  release(id: string, options?: { owner?: string }): Promise<Task>;
  cancel(id: string, options?: { reason?: string }): Promise<Task>;
  /**
   * Changes what a task asks for (a refined plan): description, inputs, validation criteria, estimate.
   * Refused for a done or cancelled task; the event records which fields changed.
   */
  revise(id: string, patch: TaskRevision): Promise<Task>;
  retry(id: string): Promise<Task>;
  block(id: string, options: { reason: string }): Promise<Task>;
  unblock(id: string): Promise<Task>;
  graphNodes(filter?: { plan_id?: string }): Promise<GraphNode[]>;
  validate(): Promise<Finding[]>;
  history(taskId: string): Promise<TaskEvent[]>;
  /** Events after a sequence number, in order; `types` keeps only those (`['completed']`). */
  events(options?: { after?: number; limit?: number; types?: string[] }): Promise<TaskEvent[]>;
  /** Calls `onEvents` with new events as they are recorded, by any process; returns a stop function. */
  watch(
    onEvents: (events: TaskEvent[]) => void,
    options?: { after?: number; intervalMs?: number; keepAlive?: boolean },
  ): Promise<() => Promise<void>>;
  /** Records one step of a step-wise planning session (a new session without continuation_id). */
  addPlannerStep(input: PlannerStepInput): Promise<{ continuation_id: string; steps: PlannerStep[] }>;
  plannerSession(continuationId: string): Promise<PlannerStep[]>;
  /** Saves a plan revision (a new plan, or the next revision of one); the model is stored as given. */
  savePlan(
    plan: { id: string; revision: number; slug: string; title: string; style: string; status: string },
    options: { path: string; model: unknown; feedback?: string },
  ): Promise<PlanSummary>;
  /** The model of a plan revision (the latest by default); null when there is none. */
  getPlanModel(
    id: string,
    revision?: number,
  ): Promise<{ summary: PlanSummary; model: unknown; revisions: number[] } | null>;
  listPlans(): Promise<PlanSummary[]>;
  /**
   * Closes a plan (superseded by a newer one, or cancelled): its open tasks are cancelled with the reason
   * and it takes no new tasks. Returns the plan and the ids of the tasks cancelled.
   */
  closePlan(
    id: string,
    options: { status: 'superseded' | 'cancelled'; reason?: string; superseded_by?: string },
  ): Promise<{ plan: PlanSummary; cancelled: string[] }>;
  /** Removes a plan and its revisions (used to undo a plan whose tasks could not be created). */
  deletePlan(id: string): Promise<void>;
  /** Names of the applied migrations, oldest first. */
  migrations(): Promise<string[]>;
  dump(): Promise<StoreDump>;
  /** The whole store table by table, a page at a time (what `db copy` streams). */
  dumpPages(): AsyncIterable<DumpPage>;
  /** Loads pages into this store, which must be empty, in one transaction; returns the rows per table. */
  loadPages(pages: AsyncIterable<DumpPage> | Iterable<DumpPage>): Promise<Record<DumpPage['table'], number>>;
  /** Loads a dump into this store, which must be empty; all or nothing. */
  load(dump: StoreDump): Promise<void>;
  close(): Promise<void>;
}
