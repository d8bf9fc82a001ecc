import type { CompiledQuery, Kysely, RawBuilder, Selectable, SelectQueryBuilder } from 'kysely';
import {
  AmbiguousIdError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import type { Clock, IdGenerator } from '../../domain/ids.js';
import { systemClock, ulid } from '../../domain/ids.js';
import type { Task, TaskEvent, TaskFilter, TaskKind, TaskStatus } from '../../domain/task.js';
import { satisfies } from '../../domain/task.js';
import { checkReference } from '../../domain/text-safety.js';
import { type Action, leaseRefusal, refusal, type TaskState } from '../../graph/rules.js';
import type { PlanSummary, StoreInfo } from '../task-store.js';
import type { Database, PlansTable, TasksTable } from './schema.js';

export type Row = Selectable<TasksTable>;
export type Db = Kysely<Database>;

/** What differs between backends: how a write transaction starts, and how rows are locked. */
export interface DialectAdapter {
  readonly info: StoreInfo;
  readonly db: Db;
  /** Runs fn in a write transaction that serialises with other writers as the backend allows. */
  writeTx<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** Adds `FOR UPDATE SKIP LOCKED` where the backend has it (claims), else returns q. */
  skipLocked<O>(q: SelectQueryBuilder<Database, 'tasks', O>): SelectQueryBuilder<Database, 'tasks', O>;
  /**
   * Subscribes to the backend's change notifications (PostgreSQL LISTEN); undefined where there are
   * none (SQLite), and the store polls instead.
   */
  listen?(onNotify: () => void): Promise<() => Promise<void>>;
  /** After a load with explicit sequence numbers, moves the backend's sequence past them. */
  afterLoad?(trx: Db): Promise<void>;
  /**
   * The tasks of a filter as JSON, built by the database (SQLite's json_object): the fast path of a whole
   * listing. Each task's JSON parses to exactly what `toTask` makes (the contract suite checks it).
   * Undefined where the backend has none; the store then stringifies `streamTasks`.
   */
  taskJson?: {
    /** The select expression that builds one task's JSON from a `tasks` row. */
    column: RawBuilder<string>;
    /** Runs a listing's chunks (the queries come from `plan`) and yields each chunk's text, in order. */
    chunks(plan: ListingPlan): AsyncIterable<Uint8Array>;
  };
  /** Adds `FOR UPDATE` where the backend has it, else returns q. */
  forUpdate<O>(q: SelectQueryBuilder<Database, 'tasks', O>): SelectQueryBuilder<Database, 'tasks', O>;
  close(): Promise<void>;
}

/** Where one chunk of a listing starts: the (sort_key, id) of its first task. */
export interface ListingKey {
  sort_key: string;
  id: string;
}

/**
 * A whole listing cut into chunks of `chunk` tasks by keyset: the queries a backend runs to write it out
 * in order, however it spreads the work. Chunk boundaries are keys, so the chunks never overlap.
 */
export interface ListingPlan {
  chunk: number;
  /** What goes between two tasks, in a chunk and between chunks. */
  separator: string;
  /** The key `chunk` tasks on from `from` (null: the first task), as rows of sort_key, id; none past the end. */
  nextKey(from: ListingKey | null): CompiledQuery<ListingKey>;
  /** The JSON column of the tasks from `from` (inclusive; null: the first) to `to` (exclusive; null: the end). */
  rows(from: ListingKey | null, to: ListingKey | null): CompiledQuery<{ j: string }>;
}

export interface StoreOptions {
  clock?: Clock;
  newId?: IdGenerator;
  /** The category of a skill id (from the registry), for kinds and the planner rule. */
  skillCategory?: (skillId: string) => string | undefined;
  /** Tasks per chunk of a streamed JSON listing (default 2,000): the unit of work and of memory. */
  listingChunk?: number;
  /** Open an existing store only: a SQLite file that is not there is an error, never created (a copy's source). */
  mustExist?: boolean;
}

const CHUNK = 500;
export function chunks<T>(xs: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The columns a task gets when it is cancelled: not ready, no lease; with a reason, that as its last error. */
export const cancelledColumns = (now: number, reason?: string | null) => ({
  status: 'cancelled' as const,
  ready: 0,
  lease_owner: null,
  lease_expires_at: null,
  updated_at: now,
  ...(reason === undefined ? {} : { last_error: reason }),
});

export const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());
export const parseJson = (s: string) => JSON.parse(s) as Record<string, unknown>;

export interface Change {
  id: string;
  parent_id: string | null;
  before: TaskStatus;
  after: TaskStatus;
}

/** The change of a task row's status to `after`, for `afterChanges`. */
export const changeOf = (row: Pick<Row, 'id' | 'parent_id' | 'status'>, after: TaskStatus): Change => ({
  id: row.id,
  parent_id: row.parent_id,
  before: row.status as TaskStatus,
  after,
});

export interface NewEvent {
  task_id: string;
  type: string;
  actor?: string | null;
  data?: Record<string, unknown>;
}

/**
 * What every part of the store shares: the backend, the clock, ids, and the helpers that read tasks, resolve
 * ids, lock a row and record events. The parts (creation, scheduling, completion, transitions, derived
 * state, checks, events, plans, dump) are functions of it; `KyselyTaskStore` puts them behind `TaskStore`.
 */
/** The state the pure rules (`graph/rules.ts`) look at, from a row. */
export function stateOf(r: Row): TaskState {
  return {
    id: r.id,
    status: r.status as TaskStatus,
    kind: r.kind as TaskKind,
    ready: r.ready === 1,
    subtask_count: r.subtask_count,
    attempts: r.attempts,
    max_attempts: r.max_attempts,
    lease_owner: r.lease_owner,
    lease_expires_at: r.lease_expires_at == null ? null : Number(r.lease_expires_at),
  };
}

/** Raises the transition table's refusal of `action` for this row, if it has one. */
export function ensureAllowed(action: Action, r: Row): void {
  const no = refusal(action, stateOf(r));
  if (no) throw new InvalidTransitionError(r.id, r.status, no.label, no.why);
}

export class StoreCore {
  readonly info: StoreInfo;
  readonly db: Db;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly skillCategory: StoreOptions['skillCategory'];
  readonly listingChunk: number;

  constructor(
    readonly adapter: DialectAdapter,
    options: StoreOptions = {},
  ) {
    this.info = adapter.info;
    this.db = adapter.db;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? (() => ulid(this.clock.now()));
    this.skillCategory = options.skillCategory;
    // At least one task a chunk: a chunk of 0 would never move past its first key.
    this.listingChunk = Math.max(1, Math.floor(options.listingChunk ?? 2000));
  }

  async getTask(id: string): Promise<Task | null> {
    const [t] = await this.getTasks([id]);
    return t ?? null;
  }

  async getTasks(ids: string[]): Promise<Task[]> {
    const rows: Row[] = [];
    for (const part of chunks(ids)) {
      rows.push(...(await this.db.selectFrom('tasks').selectAll().where('id', 'in', part).execute()));
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
    return this.hydrate(this.db, ordered);
  }

  async hydrate(db: Db, rows: Row[]): Promise<Task[]> {
    const deps = new Map<string, string[]>();
    const crit = new Map<string, string[]>();
    for (const part of chunks(rows.map((r) => r.id))) {
      if (part.length === 0) continue;
      const links = await db.selectFrom('task_deps').selectAll().where('task_id', 'in', part).execute();
      for (const l of links) {
        const m = l.kind === 'dep' ? deps : crit;
        const list = m.get(l.task_id) ?? [];
        list.push(l.dep_id);
        m.set(l.task_id, list);
      }
    }
    return rows.map((r) => toTask(r, deps.get(r.id) ?? [], crit.get(r.id) ?? []));
  }

  async resolveId(ref: string): Promise<string> {
    return this.resolveIdIn(this.db, ref);
  }

  async resolveIdIn(db: Db, ref: string): Promise<string> {
    const id = ref.trim();
    checkReference('id', id);
    if (!id) throw new ValidationError([{ field: 'id', message: 'an empty task id' }]);
    const exact = await db.selectFrom('tasks').select('id').where('id', '=', id).executeTakeFirst();
    if (exact) return exact.id;
    const upper = id.toUpperCase();
    if (/[%_]/.test(upper)) throw new NotFoundError('task', id);
    const matches = await db
      .selectFrom('tasks')
      .select('id')
      .where('id', 'like', `${upper}%`)
      .limit(6)
      .execute();
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length > 1)
      throw new AmbiguousIdError(
        id,
        matches.map((m) => m.id),
      );
    throw new NotFoundError('task', id);
  }

  applyFilter<O>(
    q: SelectQueryBuilder<Database, 'tasks', O>,
    f: TaskFilter = {},
  ): SelectQueryBuilder<Database, 'tasks', O> {
    let out = q;
    if (f.status)
      out = Array.isArray(f.status)
        ? out.where('status', 'in', f.status)
        : out.where('status', '=', f.status);
    if (f.plan_id) out = out.where('plan_id', '=', f.plan_id);
    if (f.skill_id) out = out.where('skill_id', '=', f.skill_id);
    if (f.category) out = out.where('category', '=', f.category);
    if (f.kind) out = out.where('kind', '=', f.kind);
    if (f.parent_id === null) out = out.where('parent_id', 'is', null);
    else if (f.parent_id) out = out.where('parent_id', '=', f.parent_id);
    return out;
  }

  /** Loads a task for a state change, checking the caller holds its lease when it says who it is. */
  /**
   * Locks one task for a change. With `holder`, the change is the lease holder's (complete, fail, release,
   * heartbeat): a claimed task needs its owner named (`leaseRefusal`).
   */
  async lockTask(trx: Db, ref: string, owner: string | undefined, holder = false): Promise<Row> {
    const lock = (id: string) =>
      this.adapter.forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', id)).executeTakeFirst();
    checkReference('owner', owner);
    // Most callers pass a full id: try it first, resolve a prefix only when that misses.
    let row = await lock(ref.trim());
    if (!row) {
      const id = await this.resolveIdIn(trx, ref);
      row = await lock(id);
      if (!row) throw new NotFoundError('task', id);
    }
    const why = owner || holder ? leaseRefusal({ ...row, status: row.status as TaskStatus }, owner) : null;
    if (why) throw new ConflictError(why, { task: row.id, lease_owner: row.lease_owner });
    return row;
  }

  async recordEvents(trx: Db, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    const at = this.clock.now();
    for (const part of chunks(events, 1000)) {
      await trx
        .insertInto('task_events')
        .values(
          part.map((e) => ({
            task_id: e.task_id,
            at,
            type: e.type,
            actor: e.actor ?? null,
            data: JSON.stringify(e.data ?? {}),
          })),
        )
        .execute();
    }
  }

  async whyNotClaimable(trx: Db, row: Row): Promise<string> {
    if (row.subtask_count > 0) return `task ${row.id} has sub-tasks; claim those instead`;
    if (row.status === 'in_progress')
      return `task ${row.id} is already claimed by ${row.lease_owner ?? 'someone'} until ${iso(row.lease_expires_at)}`;
    if (row.status !== 'pending') return `task ${row.id} is ${row.status}, not pending`;
    const waiting = await this.waitingFor(trx, row);
    return `task ${row.id} is not ready: it waits for ${waiting.join(', ') || 'its dependencies'}`;
  }

  async waitingFor(trx: Db, row: Row): Promise<string[]> {
    const ids = [row.id, ...(row.parent_id ? [row.parent_id] : [])];
    const deps = await trx
      .selectFrom('task_deps as d')
      .innerJoin('tasks as t', 't.id', 'd.dep_id')
      .select(['t.id', 't.status'])
      .where('d.task_id', 'in', ids)
      .where('d.kind', '=', 'dep')
      .execute();
    const out = deps.filter((d) => !satisfies(d.status as TaskStatus)).map((d) => `${d.id} (${d.status})`);
    if (row.parent_id && row.position != null) {
      const sibs = await trx
        .selectFrom('tasks')
        .select(['id', 'status'])
        .where('parent_id', '=', row.parent_id)
        .where('position', '<', row.position)
        .execute();
      out.push(
        ...sibs
          .filter((s) => !satisfies(s.status as TaskStatus))
          .map((s) => `${s.id} (earlier sub-task, ${s.status})`),
      );
    }
    return out;
  }
}

export function toPlanSummary(r: Selectable<PlansTable>): PlanSummary {
  return {
    id: r.id,
    revision: r.revision,
    slug: r.slug,
    title: r.title,
    style: r.style,
    status: r.status,
    path: r.path,
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
  };
}

export function toEvent(r: {
  seq: number;
  task_id: string;
  at: number;
  type: string;
  actor: string | null;
  data: string;
}): TaskEvent {
  return {
    seq: Number(r.seq),
    task_id: r.task_id,
    at: iso(r.at)!,
    type: r.type,
    actor: r.actor,
    data: parseJson(r.data),
  };
}

export function toTask(r: Row, dependencies: string[], critiques: string[]): Task {
  return {
    id: r.id,
    plan_id: r.plan_id,
    batch_id: r.batch_id,
    parent_id: r.parent_id,
    task_order: r.task_order,
    position: r.position,
    task_name: r.task_name,
    description: r.description,
    skill_id: r.skill_id,
    category: r.category,
    kind: r.kind as TaskKind,
    status: r.status as TaskStatus,
    ready: r.ready === 1,
    dependencies,
    critiques,
    inputs: parseJson(r.inputs),
    validation_criteria: JSON.parse(r.validation_criteria),
    timeout_seconds: r.timeout_seconds,
    estimate_minutes: r.estimate_minutes == null ? null : Number(r.estimate_minutes),
    attempts: r.attempts,
    max_attempts: r.max_attempts,
    lease: r.lease_owner ? { owner: r.lease_owner, expires_at: iso(r.lease_expires_at)! } : null,
    outputs: parseJson(r.outputs),
    last_error: r.last_error,
    subtask_count: r.subtask_count,
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
    started_at: iso(r.started_at),
    completed_at: iso(r.completed_at),
  };
}
