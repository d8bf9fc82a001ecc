import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Issue } from '../../domain/errors.js';
import {
  AmbiguousIdError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import type { Clock, IdGenerator } from '../../domain/ids.js';
import { systemClock, ulid } from '../../domain/ids.js';
import { checkBounds } from '../../domain/limits.js';
import type { CompleteInput, Task, TaskEvent, TaskFilter, TaskKind, TaskStatus } from '../../domain/task.js';
import {
  completeInputSchema,
  DEFAULT_LEASE_SECONDS,
  satisfies,
  subtaskInputSchema,
  validationCriteriaSchema,
} from '../../domain/task.js';
import type { ExistingTask, NewTaskRow } from '../../graph/batch.js';
import { labelOf, nextBatchKey, parseBatch, resolveBatch } from '../../graph/batch.js';
import { findCycle } from '../../graph/cycles.js';
import type { GraphNode } from '../../graph/model.js';
import { buildWorkGraph } from '../../graph/model.js';
import { deriveParentStatus, isReady } from '../../graph/ready.js';
import type {
  ClaimOptions,
  CompleteResult,
  Finding,
  PlannerStep,
  PlannerStepInput,
  PlanSummary,
  StoreDump,
  StoreInfo,
  SubtaskPlacement,
  TaskRevision,
  TaskStore,
} from '../task-store.js';
import type { Database, PlansTable, TasksTable } from './schema.js';

type Row = Selectable<TasksTable>;
type Db = Kysely<Database>;

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
  /** Adds `FOR UPDATE` where the backend has it, else returns q. */
  forUpdate<O>(q: SelectQueryBuilder<Database, 'tasks', O>): SelectQueryBuilder<Database, 'tasks', O>;
  close(): Promise<void>;
}

export interface StoreOptions {
  clock?: Clock;
  newId?: IdGenerator;
  /** The category of a skill id (from the registry), for kinds and the planner rule. */
  skillCategory?: (skillId: string) => string | undefined;
}

const CHUNK = 500;
function chunks<T>(xs: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());
const parseJson = (s: string) => JSON.parse(s) as Record<string, unknown>;

interface Change {
  id: string;
  parent_id: string | null;
  before: TaskStatus;
  after: TaskStatus;
}

interface NewEvent {
  task_id: string;
  type: string;
  actor?: string | null;
  data?: Record<string, unknown>;
}

export class KyselyTaskStore implements TaskStore {
  readonly info: StoreInfo;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly newId: IdGenerator;
  private readonly skillCategory: StoreOptions['skillCategory'];

  constructor(
    private readonly adapter: DialectAdapter,
    options: StoreOptions = {},
  ) {
    this.info = adapter.info;
    this.db = adapter.db;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? (() => ulid(this.clock.now()));
    this.skillCategory = options.skillCategory;
  }

  async close(): Promise<void> {
    await this.adapter.close();
  }

  // ---------------------------------------------------------------- creation

  async createBatch(input: unknown, options: { plan_id?: string } = {}): Promise<Task[]> {
    const parsed = parseBatch(input);
    const ids = await this.adapter.writeTx(async (trx) => {
      const planIds = new Set(
        [parsed.planId, options.plan_id, ...parsed.drafts.map((d) => d.input.plan_id)].filter(
          (x): x is string => typeof x === 'string',
        ),
      );
      if (planIds.size) {
        const found = await trx
          .selectFrom('plans')
          .select('id')
          .where('id', 'in', [...planIds])
          .execute();
        const missing = [...planIds].filter((id) => !found.some((f) => f.id === id));
        if (missing.length)
          throw new ValidationError([
            { field: 'plan_id', message: `no plan ${missing.join(', ')} in the store` },
          ]);
      }
      const existing = await this.loadExisting(trx, [...parsed.existingIds]);
      const rows = resolveBatch(parsed, existing, {
        newId: this.newId,
        skillCategory: this.skillCategory,
        planId: options.plan_id ?? null,
        batchKey: await this.nextBatchKey(trx),
      });
      await this.insertRows(trx, rows, existing);
      return rows.map((r) => r.id);
    });
    return this.getTasks(ids);
  }

  async createTask(input: unknown, options: { plan_id?: string } = {}): Promise<Task> {
    // The batch path, so a single task gets exactly the same checks and messages.
    const [task] = await this.createBatch([input], options);
    return task!;
  }

  async createSubtask(parentRef: string, input: unknown, placement: SubtaskPlacement = {}): Promise<Task> {
    const parsed = subtaskInputSchema.safeParse(input);
    if (!parsed.success) {
      const name =
        input && typeof input === 'object' ? (input as Record<string, unknown>).task_name : undefined;
      throw new ValidationError(
        parsed.error.issues.map((i) => ({
          task: labelOf('sub-task', name),
          field: i.path.map(String).join('.') || '(task)',
          message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
        })),
        'the sub-task was refused; nothing was created',
      );
    }
    const parentId = await this.resolveId(parentRef);
    const id = await this.adapter.writeTx(async (trx) => {
      const parent = await this.adapter
        .forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', parentId))
        .executeTakeFirst();
      if (!parent) throw new NotFoundError('task', parentId);
      if (parent.parent_id) {
        throw new ValidationError(
          [
            {
              task: parentId,
              field: 'parent_id',
              message: `${parentId} is itself a sub-task, so it cannot be given sub-tasks (only one level of nesting)`,
            },
          ],
          'the sub-task was refused; nothing was created',
        );
      }
      const siblings = await trx
        .selectFrom('tasks')
        .select(['id', 'position'])
        .where('parent_id', '=', parentId)
        .orderBy('position')
        .execute();
      let position = siblings.length + 1;
      const anchor = placement.after ?? placement.before;
      if (anchor) {
        const anchorId = await this.resolveIdIn(trx, anchor);
        const k = siblings.findIndex((s) => s.id === anchorId);
        if (k < 0) {
          throw new ValidationError([
            {
              task: parentId,
              field: placement.after ? 'after' : 'before',
              message: `${anchorId} is not a sub-task of ${parentId}`,
            },
          ]);
        }
        position = placement.after ? k + 2 : k + 1;
      }
      const existing = await this.loadExisting(trx, [
        parentId,
        ...(parsed.data.dependencies ?? []).filter((d) => !d.startsWith('$')),
      ]);
      const batch = parseBatch([{ ...parsed.data, parent_id: parentId }]);
      const [row] = resolveBatch(batch, existing, {
        newId: this.newId,
        skillCategory: this.skillCategory,
        existingChildCount: () => position - 1,
      });
      // Make room: later siblings move one place down, keeping their order.
      const later = siblings.filter((s) => (s.position ?? 0) >= position);
      for (const s of later.reverse()) {
        const p = (s.position ?? 0) + 1;
        await trx
          .updateTable('tasks')
          .set({ position: p, sort_key: parent.sort_key.replace(/:\d+$/, `:${String(p).padStart(6, '0')}`) })
          .where('id', '=', s.id)
          .execute();
      }
      await this.insertRows(trx, [row!], existing);
      return row!.id;
    });
    return (await this.getTask(id))!;
  }

  private async nextBatchKey(trx: Db): Promise<string> {
    const top = await trx
      .selectFrom('tasks')
      .select('sort_key')
      .orderBy('sort_key', 'desc')
      .limit(1)
      .executeTakeFirst();
    return nextBatchKey(top?.sort_key);
  }

  private async loadExisting(trx: Db, ids: string[]): Promise<Map<string, ExistingTask>> {
    const out = new Map<string, ExistingTask>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await trx
        .selectFrom('tasks')
        .select(['id', 'parent_id', 'plan_id', 'task_order', 'task_name', 'subtask_count', 'sort_key'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  private async insertRows(trx: Db, rows: NewTaskRow[], existing: Map<string, ExistingTask>): Promise<void> {
    const now = this.clock.now();
    const childCount = new Map<string, number>();
    for (const r of rows)
      if (r.parent_id) childCount.set(r.parent_id, (childCount.get(r.parent_id) ?? 0) + 1);
    for (const part of chunks(rows, 400)) {
      await trx
        .insertInto('tasks')
        .values(
          part.map((r) => ({
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
            kind: r.kind,
            status: 'pending',
            ready: 0,
            inputs: JSON.stringify(r.inputs),
            validation_criteria: JSON.stringify(r.validation_criteria),
            timeout_seconds: r.timeout_seconds,
            estimate_minutes: r.estimate_minutes,
            attempts: 0,
            max_attempts: r.max_attempts,
            lease_owner: null,
            lease_expires_at: null,
            outputs: '{}',
            last_error: null,
            subtask_count: childCount.get(r.id) ?? 0,
            sort_key: r.sort_key,
            created_at: now,
            updated_at: now,
            started_at: null,
            completed_at: null,
          })),
        )
        .execute();
    }
    const deps = rows.flatMap((r) => [
      ...r.dependencies.map((d) => ({ task_id: r.id, dep_id: d, kind: 'dep' })),
      ...r.critiques.map((d) => ({ task_id: r.id, dep_id: d, kind: 'critiques' })),
    ]);
    for (const part of chunks(deps, 1000)) await trx.insertInto('task_deps').values(part).execute();
    // Existing parents that gained sub-tasks.
    const grown = [...childCount.keys()].filter((p) => existing.has(p));
    for (const p of grown) {
      const n = childCount.get(p)!;
      await trx
        .updateTable('tasks')
        .set((eb) => ({
          subtask_count: eb('subtask_count', '+', n),
          ready: 0,
          lease_owner: null,
          lease_expires_at: null,
        }))
        .where('id', '=', p)
        .execute();
    }
    await this.recordEvents(
      trx,
      rows.map((r) => ({ task_id: r.id, type: 'created', data: { batch_id: r.batch_id } })),
    );
    await this.refreshParents(trx, grown);
    await this.refreshReady(
      trx,
      rows.map((r) => r.id),
    );
  }

  // ---------------------------------------------------------------- reads

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

  private async hydrate(db: Db, rows: Row[]): Promise<Task[]> {
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

  private async resolveIdIn(db: Db, ref: string): Promise<string> {
    const id = ref.trim();
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

  private applyFilter<O>(
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

  async listTasks(filter: TaskFilter = {}): Promise<Task[]> {
    let q = this.applyFilter(this.db.selectFrom('tasks').selectAll(), filter)
      .orderBy('sort_key')
      .orderBy('id');
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    if (filter.offset) q = q.offset(filter.offset);
    if (filter.offset && filter.limit === undefined) q = q.limit(Number.MAX_SAFE_INTEGER);
    return this.hydrate(this.db, await q.execute());
  }

  async countTasks(filter: TaskFilter = {}): Promise<number> {
    const r = await this.applyFilter(this.db.selectFrom('tasks'), filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async next(filter: TaskFilter = {}): Promise<Task | null> {
    const row = await this.pickClaimable(this.db, filter, false);
    return row ? (await this.hydrate(this.db, [row]))[0]! : null;
  }

  /** The first claimable task in order: ready and pending, or in progress with an expired lease. */
  private async pickClaimable(db: Db, filter: TaskFilter, lock: boolean): Promise<Row | null> {
    const now = this.clock.now();
    const { status: _s, ...f } = filter;
    let ready = this.applyFilter(db.selectFrom('tasks').selectAll(), f)
      .where('status', '=', 'pending')
      .where('ready', '=', 1)
      .orderBy('sort_key')
      .orderBy('id')
      .limit(1);
    let expired = this.applyFilter(db.selectFrom('tasks').selectAll(), f)
      .where('status', '=', 'in_progress')
      .where('lease_expires_at', '<', now)
      .orderBy('sort_key')
      .limit(1);
    if (!lock) expired = expired.whereRef('attempts', '<', 'max_attempts');
    if (lock) {
      ready = this.adapter.skipLocked(ready);
      expired = this.adapter.skipLocked(expired);
    }
    const [a, b] = [await ready.executeTakeFirst(), await expired.executeTakeFirst()];
    if (a && b) return a.sort_key <= b.sort_key ? a : b;
    return a ?? b ?? null;
  }

  // ---------------------------------------------------------------- work

  async claim(options: ClaimOptions): Promise<Task | null> {
    if (!options.owner?.trim())
      throw new ValidationError([
        { field: 'owner', message: 'a claim needs an owner (who is taking the task)' },
      ]);
    for (const [field, v] of [['lease_seconds', options.lease_seconds]] as const) {
      if (v !== undefined && (!Number.isInteger(v) || v <= 0)) {
        throw new ValidationError([{ field, message: `a whole number of seconds above 0, not ${v}` }]);
      }
    }
    const wanted = options.task_id ? await this.resolveId(options.task_id) : null;
    const id = await this.adapter.writeTx(async (trx) => {
      for (let guard = 0; guard < 50; guard++) {
        const now = this.clock.now();
        let row: Row | null;
        if (wanted) {
          row =
            (await this.adapter
              .forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', wanted))
              .executeTakeFirst()) ?? null;
          if (!row) throw new NotFoundError('task', wanted);
          const expired =
            row.status === 'in_progress' && row.lease_expires_at != null && row.lease_expires_at < now;
          if (!(row.status === 'pending' && row.ready === 1) && !expired) {
            throw new ConflictError(await this.whyNotClaimable(trx, row), {
              task: row.id,
              status: row.status,
            });
          }
        } else {
          row = await this.pickClaimable(trx, options.filter ?? {}, true);
          if (!row) return null;
        }
        const events: NewEvent[] = [];
        if (row.status === 'in_progress') {
          events.push({
            task_id: row.id,
            type: 'lease_expired',
            actor: row.lease_owner,
            data: { attempts: row.attempts },
          });
          if (row.attempts >= row.max_attempts) {
            await trx
              .updateTable('tasks')
              .set({
                status: 'failed',
                ready: 0,
                lease_owner: null,
                lease_expires_at: null,
                updated_at: now,
                last_error: `lease expired on attempt ${row.attempts} of ${row.max_attempts}`,
              })
              .where('id', '=', row.id)
              .execute();
            events.push({
              task_id: row.id,
              type: 'failed',
              data: { reason: 'lease expired', attempts: row.attempts },
            });
            await this.recordEvents(trx, events);
            await this.afterChanges(trx, [
              { id: row.id, parent_id: row.parent_id, before: 'in_progress', after: 'failed' },
            ]);
            if (wanted)
              throw new ConflictError(
                `task ${row.id} failed: its lease expired on the last of ${row.max_attempts} attempts`,
              );
            continue;
          }
        }
        const lease = options.lease_seconds ?? row.timeout_seconds ?? DEFAULT_LEASE_SECONDS;
        await trx
          .updateTable('tasks')
          .set({
            status: 'in_progress',
            ready: 0,
            attempts: row.attempts + 1,
            lease_owner: options.owner,
            lease_expires_at: now + lease * 1000,
            started_at: row.started_at ?? now,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        events.push({
          task_id: row.id,
          type: 'claimed',
          actor: options.owner,
          data: { attempt: row.attempts + 1, lease_seconds: lease },
        });
        await this.recordEvents(trx, events);
        await this.afterChanges(trx, [
          { id: row.id, parent_id: row.parent_id, before: row.status as TaskStatus, after: 'in_progress' },
        ]);
        return row.id;
      }
      return null;
    });
    return id ? this.getTask(id) : null;
  }

  private async whyNotClaimable(trx: Db, row: Row): Promise<string> {
    if (row.subtask_count > 0) return `task ${row.id} has sub-tasks; claim those instead`;
    if (row.status === 'in_progress')
      return `task ${row.id} is already claimed by ${row.lease_owner ?? 'someone'} until ${iso(row.lease_expires_at)}`;
    if (row.status !== 'pending') return `task ${row.id} is ${row.status}, not pending`;
    const waiting = await this.waitingFor(trx, row);
    return `task ${row.id} is not ready: it waits for ${waiting.join(', ') || 'its dependencies'}`;
  }

  private async waitingFor(trx: Db, row: Row): Promise<string[]> {
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

  /** Loads a task for a state change, checking the caller holds its lease when it says who it is. */
  private async lockTask(trx: Db, ref: string, owner: string | undefined): Promise<Row> {
    const lock = (id: string) =>
      this.adapter.forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', id)).executeTakeFirst();
    // Most callers pass a full id: try it first, resolve a prefix only when that misses.
    let row = await lock(ref.trim());
    if (!row) {
      const id = await this.resolveIdIn(trx, ref);
      row = await lock(id);
      if (!row) throw new NotFoundError('task', id);
    }
    if (owner && row.status === 'in_progress' && row.lease_owner && row.lease_owner !== owner) {
      throw new ConflictError(`task ${row.id} is leased by ${row.lease_owner}, not ${owner}`, {
        task: row.id,
        lease_owner: row.lease_owner,
      });
    }
    return row;
  }

  async heartbeat(ref: string, options: { owner?: string; lease_seconds?: number } = {}): Promise<Task> {
    const lease = options.lease_seconds;
    if (lease !== undefined && (!Number.isInteger(lease) || lease <= 0)) {
      throw new ValidationError([
        { task: ref, field: 'lease_seconds', message: `a whole number of seconds above 0, not ${lease}` },
      ]);
    }
    const id = await this.adapter.writeTx(async (trx) => {
      const row = await this.lockTask(trx, ref, options.owner);
      if (row.status !== 'in_progress')
        throw new InvalidTransitionError(
          row.id,
          row.status,
          'extend the lease of',
          'only a claimed task has a lease',
        );
      const lease = options.lease_seconds ?? row.timeout_seconds ?? DEFAULT_LEASE_SECONDS;
      const now = this.clock.now();
      await trx
        .updateTable('tasks')
        .set({ lease_expires_at: now + lease * 1000, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      return row.id;
    });
    return (await this.getTask(id))!;
  }

  async complete(ref: string, rawInput: CompleteInput = {}): Promise<CompleteResult> {
    const parsed = completeInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({
          task: ref,
          field: i.path.map(String).join('.') || '(input)',
          message: i.message,
        })),
      );
    }
    const input = parsed.data;
    const { id, reopened } = await this.adapter.writeTx(async (trx) => {
      const row = await this.lockTask(trx, ref, input.owner);
      if (row.subtask_count > 0) {
        throw new InvalidTransitionError(
          row.id,
          row.status,
          'complete',
          'it has sub-tasks and is done when they all are',
        );
      }
      if (row.status === 'done')
        throw new InvalidTransitionError(row.id, 'done', 'complete', 'it is already done');
      if (row.status === 'pending' && row.ready !== 1 && !input.force)
        throw new ConflictError(await this.whyNotClaimable(trx, row));
      if (row.status !== 'in_progress' && row.status !== 'pending')
        throw new InvalidTransitionError(row.id, row.status, 'complete');
      const kind = row.kind as TaskKind;
      if (kind === 'critique' && !input.verdict) {
        throw new ValidationError([
          {
            task: row.id,
            field: 'verdict',
            message: 'a critique task finishes with a verdict: pass or fail',
          },
        ]);
      }
      if (input.verdict === 'fail' && !input.feedback_for_rebuild) {
        throw new ValidationError([
          {
            task: row.id,
            field: 'feedback_for_rebuild',
            message: 'a failing verdict needs feedback_for_rebuild {summary, issues[]} for the rebuild',
          },
        ]);
      }
      const now = this.clock.now();
      const outputs: Record<string, unknown> = { ...parseJson(row.outputs), ...(input.outputs ?? {}) };
      for (const k of ['summary', 'score', 'verdict', 'feedback_for_rebuild'] as const)
        if (input[k] !== undefined) outputs[k] = input[k];
      const events: NewEvent[] = [];
      const changes: Change[] = [];
      const reopenedIds: string[] = [];
      if (input.verdict) {
        const history = Array.isArray(outputs.verdicts) ? (outputs.verdicts as unknown[]) : [];
        history.push({
          round: history.length + 1,
          verdict: input.verdict,
          score: input.score ?? null,
          summary: input.summary ?? null,
          feedback_for_rebuild: input.feedback_for_rebuild ?? null,
          by: input.owner ?? row.lease_owner,
          at: iso(now),
        });
        outputs.verdicts = history;
        events.push({
          task_id: row.id,
          type: 'verdict',
          actor: input.owner ?? row.lease_owner,
          data: { verdict: input.verdict, score: input.score ?? null },
        });
      }
      const base = {
        lease_owner: null,
        lease_expires_at: null,
        ready: 0,
        updated_at: now,
        outputs: JSON.stringify(outputs),
      };
      if (kind === 'critique' && input.verdict === 'fail') {
        if (row.attempts >= row.max_attempts) {
          await trx
            .updateTable('tasks')
            .set({
              ...base,
              status: 'failed',
              completed_at: now,
              last_error: `critique failed ${row.attempts} of ${row.max_attempts} rounds`,
            })
            .where('id', '=', row.id)
            .execute();
          events.push({
            task_id: row.id,
            type: 'failed',
            data: { reason: 'critique rounds exhausted', rounds: row.attempts },
          });
          changes.push({
            id: row.id,
            parent_id: row.parent_id,
            before: row.status as TaskStatus,
            after: 'failed',
          });
        } else {
          const targets = await trx
            .selectFrom('task_deps')
            .select('dep_id')
            .where('task_id', '=', row.id)
            .where('kind', '=', 'critiques')
            .execute();
          let ids = targets.map((t) => t.dep_id);
          // A critiqued parent is re-opened through its sub-tasks.
          const containers = await trx
            .selectFrom('tasks')
            .select('id')
            .where('id', 'in', ids.length ? ids : [''])
            .where('subtask_count', '>', 0)
            .execute();
          if (containers.length > 0) {
            const kids = await trx
              .selectFrom('tasks')
              .select('id')
              .where(
                'parent_id',
                'in',
                containers.map((c) => c.id),
              )
              .execute();
            const cset = new Set(containers.map((c) => c.id));
            ids = ids.filter((x) => !cset.has(x)).concat(kids.map((k) => k.id));
          }
          const rowsToReopen = ids.length
            ? await this.adapter
                .forUpdate(trx.selectFrom('tasks').selectAll().where('id', 'in', ids).orderBy('id'))
                .execute()
            : [];
          const round = (outputs.verdicts as unknown[]).length;
          for (const t of rowsToReopen) {
            if (t.status === 'cancelled') continue;
            const tin = parseJson(t.inputs);
            const hist = Array.isArray(tin.critique_history) ? (tin.critique_history as unknown[]) : [];
            hist.push({
              round,
              critique_task: row.id,
              verdict: 'fail',
              score: input.score ?? null,
              feedback_for_rebuild: input.feedback_for_rebuild,
            });
            tin.feedback_for_rebuild = input.feedback_for_rebuild;
            tin.critique_history = hist;
            tin.rebuild_round = round;
            await trx
              .updateTable('tasks')
              .set({
                status: 'pending',
                inputs: JSON.stringify(tin),
                attempts: 0,
                lease_owner: null,
                lease_expires_at: null,
                completed_at: null,
                updated_at: now,
              })
              .where('id', '=', t.id)
              .execute();
            events.push({
              task_id: t.id,
              type: 'reopened',
              actor: input.owner ?? row.lease_owner,
              data: { by_critique: row.id, round },
            });
            changes.push({
              id: t.id,
              parent_id: t.parent_id,
              before: t.status as TaskStatus,
              after: 'pending',
            });
            reopenedIds.push(t.id);
          }
          await trx
            .updateTable('tasks')
            .set({ ...base, status: 'pending' })
            .where('id', '=', row.id)
            .execute();
          changes.push({
            id: row.id,
            parent_id: row.parent_id,
            before: row.status as TaskStatus,
            after: 'pending',
          });
        }
      } else {
        await trx
          .updateTable('tasks')
          .set({ ...base, status: 'done', completed_at: now, last_error: null })
          .where('id', '=', row.id)
          .execute();
        events.push({ task_id: row.id, type: 'completed', actor: input.owner ?? row.lease_owner, data: {} });
        changes.push({
          id: row.id,
          parent_id: row.parent_id,
          before: row.status as TaskStatus,
          after: 'done',
        });
      }
      await this.recordEvents(trx, events);
      await this.afterChanges(trx, changes);
      return { id: row.id, reopened: reopenedIds };
    });
    return { task: (await this.getTask(id))!, reopened: await this.getTasks(reopened) };
  }

  async fail(ref: string, options: { owner?: string; error: string }): Promise<Task> {
    if (!options.error?.trim())
      throw new ValidationError([{ task: ref, field: 'error', message: 'say what went wrong' }]);
    return this.transition(ref, options.owner, async (trx, row, now) => {
      if (row.status !== 'in_progress')
        throw new InvalidTransitionError(row.id, row.status, 'fail', 'only a claimed task can fail');
      const final = row.attempts >= row.max_attempts;
      const after: TaskStatus = final ? 'failed' : 'pending';
      await trx
        .updateTable('tasks')
        .set({
          status: after,
          last_error: options.error,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
          completed_at: final ? now : null,
        })
        .where('id', '=', row.id)
        .execute();
      return {
        after,
        event: {
          type: final ? 'failed' : 'attempt_failed',
          data: { error: options.error, attempt: row.attempts, max_attempts: row.max_attempts },
        },
      };
    });
  }

  async release(ref: string, options: { owner?: string } = {}): Promise<Task> {
    return this.transition(ref, options.owner, async (trx, row, now) => {
      if (row.status !== 'in_progress')
        throw new InvalidTransitionError(
          row.id,
          row.status,
          'release',
          'only a claimed task can be released',
        );
      // Giving work back is not a failed attempt.
      await trx
        .updateTable('tasks')
        .set({
          status: 'pending',
          attempts: Math.max(0, row.attempts - 1),
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      return { after: 'pending', event: { type: 'released', data: {} } };
    });
  }

  async cancel(ref: string, options: { reason?: string } = {}): Promise<Task> {
    return this.transition(ref, undefined, async (trx, row, now) => {
      if (row.status === 'done' || row.status === 'cancelled')
        throw new InvalidTransitionError(row.id, row.status, 'cancel');
      if (row.subtask_count > 0) {
        await trx
          .updateTable('tasks')
          .set({ status: 'cancelled', ready: 0, lease_owner: null, lease_expires_at: null, updated_at: now })
          .where('parent_id', '=', row.id)
          .where('status', 'not in', ['done'])
          .execute();
      }
      await trx
        .updateTable('tasks')
        .set({
          status: 'cancelled',
          ready: 0,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
          last_error: options.reason ?? null,
        })
        .where('id', '=', row.id)
        .execute();
      return { after: 'cancelled', event: { type: 'cancelled', data: { reason: options.reason ?? null } } };
    });
  }

  async revise(ref: string, patch: TaskRevision): Promise<Task> {
    const criteria =
      patch.validation_criteria === undefined
        ? undefined
        : validationCriteriaSchema.safeParse(patch.validation_criteria);
    if (criteria && !criteria.success)
      throw new ValidationError(
        criteria.error.issues.map((i) => ({
          task: ref,
          field: `validation_criteria.${i.path.join('.')}`,
          message: i.message,
        })),
      );
    const tooBig = checkBounds(patch.inputs ?? {}, 'inputs');
    if (tooBig) throw new ValidationError([{ task: ref, field: tooBig.field, message: tooBig.message }]);
    return this.transition(ref, undefined, async (trx, row, now) => {
      if (row.status === 'done' || row.status === 'cancelled')
        throw new InvalidTransitionError(row.id, row.status, 'revise', 'finished work is never rewritten');
      const set: Record<string, unknown> = { updated_at: now };
      const changed: string[] = [];
      if (patch.description !== undefined && patch.description !== row.description) {
        set.description = patch.description;
        changed.push('description');
      }
      if (patch.inputs !== undefined && JSON.stringify(patch.inputs) !== row.inputs) {
        set.inputs = JSON.stringify(patch.inputs);
        changed.push('inputs');
      }
      if (criteria?.success && JSON.stringify(criteria.data) !== row.validation_criteria) {
        set.validation_criteria = JSON.stringify(criteria.data);
        changed.push('validation_criteria');
      }
      if (patch.estimate_minutes !== undefined && patch.estimate_minutes !== row.estimate_minutes) {
        set.estimate_minutes = patch.estimate_minutes;
        changed.push('estimate_minutes');
      }
      await trx.updateTable('tasks').set(set).where('id', '=', row.id).execute();
      return { after: row.status as TaskStatus, event: { type: 'revised', data: { fields: changed } } };
    });
  }

  async retry(ref: string): Promise<Task> {
    return this.transition(ref, undefined, async (trx, row, now) => {
      if (row.status !== 'failed' || row.subtask_count > 0)
        throw new InvalidTransitionError(row.id, row.status, 'retry', 'only a failed task can be retried');
      await trx
        .updateTable('tasks')
        .set({ status: 'pending', attempts: 0, updated_at: now, completed_at: null })
        .where('id', '=', row.id)
        .execute();
      return { after: 'pending', event: { type: 'retried', data: {} } };
    });
  }

  async block(ref: string, options: { reason: string }): Promise<Task> {
    if (!options.reason?.trim())
      throw new ValidationError([{ task: ref, field: 'reason', message: 'say what blocks the task' }]);
    return this.transition(ref, undefined, async (trx, row, now) => {
      if ((row.status !== 'pending' && row.status !== 'in_progress') || row.subtask_count > 0)
        throw new InvalidTransitionError(row.id, row.status, 'block');
      await trx
        .updateTable('tasks')
        .set({
          status: 'blocked',
          ready: 0,
          lease_owner: null,
          lease_expires_at: null,
          last_error: options.reason,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      return { after: 'blocked', event: { type: 'blocked', data: { reason: options.reason } } };
    });
  }

  async unblock(ref: string): Promise<Task> {
    return this.transition(ref, undefined, async (trx, row, now) => {
      if (row.status !== 'blocked' || row.subtask_count > 0)
        throw new InvalidTransitionError(row.id, row.status, 'unblock', 'it is not blocked');
      await trx
        .updateTable('tasks')
        .set({ status: 'pending', last_error: null, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      return { after: 'pending', event: { type: 'unblocked', data: {} } };
    });
  }

  private async transition(
    ref: string,
    owner: string | undefined,
    fn: (
      trx: Db,
      row: Row,
      now: number,
    ) => Promise<{ after: TaskStatus; event: { type: string; data: Record<string, unknown> } }>,
  ): Promise<Task> {
    const id = await this.adapter.writeTx(async (trx) => {
      const row = await this.lockTask(trx, ref, owner);
      const now = this.clock.now();
      const { after, event } = await fn(trx, row, now);
      await this.recordEvents(trx, [
        { task_id: row.id, type: event.type, actor: owner ?? null, data: event.data },
      ]);
      const changes: Change[] = [
        { id: row.id, parent_id: row.parent_id, before: row.status as TaskStatus, after },
      ];
      if (after === 'cancelled' && row.subtask_count > 0) {
        const kids = await trx.selectFrom('tasks').select(['id']).where('parent_id', '=', row.id).execute();
        changes.push(
          ...kids.map((k) => ({
            id: k.id,
            parent_id: row.id,
            before: 'pending' as TaskStatus,
            after: 'cancelled' as TaskStatus,
          })),
        );
      }
      await this.afterChanges(trx, changes);
      return row.id;
    });
    return (await this.getTask(id))!;
  }

  // ---------------------------------------------------------------- derived state

  /**
   * Keeps derived state true after status changes: parents' statuses, then the `ready` flag of
   * everything whose readiness could have moved (the changed tasks, their dependents, the sub-tasks of
   * dependents that are parents, later siblings).
   */
  private async afterChanges(trx: Db, changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    const parents = [...new Set(changes.map((c) => c.parent_id).filter((p): p is string => p != null))];
    const parentChanges = await this.refreshParents(trx, parents);
    const all = [...changes, ...parentChanges];
    // Every move away from pending writes ready = 0 itself; only a return to pending needs the flag derived.
    const affected = new Set(all.filter((c) => c.after === 'pending').map((c) => c.id));
    // Others' readiness depends only on whether a task is satisfied (done or cancelled), so only
    // changes that flip that need to reach dependents and later siblings.
    const flipped = all.filter((c) => satisfies(c.before) !== satisfies(c.after));
    const moved = flipped.map((c) => c.id);
    for (const part of chunks(moved)) {
      if (part.length === 0) continue;
      const dependents = await trx
        .selectFrom('task_deps as d')
        .innerJoin('tasks as t', 't.id', 'd.task_id')
        .select(['d.task_id', 't.subtask_count'])
        .where('d.dep_id', 'in', part)
        .where('d.kind', '=', 'dep')
        .execute();
      for (const d of dependents) affected.add(d.task_id);
      const containers = [...new Set(dependents.filter((d) => d.subtask_count > 0).map((d) => d.task_id))];
      for (const dp of chunks(containers)) {
        if (dp.length === 0) continue;
        const kids = await trx.selectFrom('tasks').select('id').where('parent_id', 'in', dp).execute();
        for (const k of kids) affected.add(k.id);
      }
    }
    for (const c of flipped) {
      if (!c.parent_id) continue;
      const later = await trx.selectFrom('tasks').select('id').where('parent_id', '=', c.parent_id).execute();
      for (const l of later) affected.add(l.id);
    }
    await this.refreshReady(trx, [...affected]);
  }

  /** Re-derives the status of parents with sub-tasks; returns those whose status moved. */
  private async refreshParents(trx: Db, parentIds: string[]): Promise<Change[]> {
    const out: Change[] = [];
    if (parentIds.length === 0) return out;
    const now = this.clock.now();
    for (const part of chunks(parentIds)) {
      const parents = await this.adapter
        .forUpdate(
          trx
            .selectFrom('tasks')
            .select(['id', 'status', 'subtask_count'])
            .where('id', 'in', part)
            .orderBy('id'),
        )
        .execute();
      const kids = await trx
        .selectFrom('tasks')
        .select(['parent_id', 'status'])
        .where('parent_id', 'in', part)
        .execute();
      const byParent = new Map<string, TaskStatus[]>();
      for (const k of kids) {
        const list = byParent.get(k.parent_id!) ?? [];
        list.push(k.status as TaskStatus);
        byParent.set(k.parent_id!, list);
      }
      for (const p of parents) {
        const statuses = byParent.get(p.id) ?? [];
        if (statuses.length === 0) continue;
        const derived = deriveParentStatus(statuses);
        if (derived !== p.status) {
          await trx
            .updateTable('tasks')
            .set({
              status: derived,
              ready: 0,
              updated_at: now,
              completed_at: derived === 'done' ? now : null,
            })
            .where('id', '=', p.id)
            .execute();
          await this.recordEvents(trx, [
            { task_id: p.id, type: 'status_derived', data: { from: p.status, to: derived } },
          ]);
          out.push({ id: p.id, parent_id: null, before: p.status as TaskStatus, after: derived });
        }
      }
    }
    return out;
  }

  /** Recomputes `ready` for these tasks from their dependencies, parent and siblings. */
  private async refreshReady(trx: Db, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const part of chunks([...new Set(ids)].sort(), 900)) {
      const rows = await this.adapter
        .forUpdate(
          trx
            .selectFrom('tasks')
            .select(['id', 'status', 'ready', 'parent_id', 'position', 'subtask_count'])
            .where('id', 'in', part)
            .orderBy('id'),
        )
        .execute();
      const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => p != null))];
      const depStatus = new Map<string, TaskStatus[]>();
      const askDeps = [...part, ...parentIds];
      for (const dp of chunks(askDeps)) {
        const links = await trx
          .selectFrom('task_deps as d')
          .innerJoin('tasks as t', 't.id', 'd.dep_id')
          .select(['d.task_id', 't.status'])
          .where('d.task_id', 'in', dp)
          .where('d.kind', '=', 'dep')
          .execute();
        for (const l of links) {
          const list = depStatus.get(l.task_id) ?? [];
          list.push(l.status as TaskStatus);
          depStatus.set(l.task_id, list);
        }
      }
      const siblings = new Map<string, Array<{ position: number; status: TaskStatus }>>();
      for (const pp of chunks(parentIds)) {
        if (pp.length === 0) continue;
        const sibs = await trx
          .selectFrom('tasks')
          .select(['parent_id', 'position', 'status'])
          .where('parent_id', 'in', pp)
          .execute();
        for (const s of sibs) {
          const list = siblings.get(s.parent_id!) ?? [];
          list.push({ position: s.position ?? 0, status: s.status as TaskStatus });
          siblings.set(s.parent_id!, list);
        }
      }
      const toReady: string[] = [];
      const toUnready: string[] = [];
      for (const r of rows) {
        const ready = isReady({
          status: r.status as TaskStatus,
          subtask_count: r.subtask_count,
          dependencyStatuses: depStatus.get(r.id) ?? [],
          parentDependencyStatuses: r.parent_id ? (depStatus.get(r.parent_id) ?? []) : [],
          earlierSiblingStatuses: r.parent_id
            ? (siblings.get(r.parent_id) ?? [])
                .filter((s) => s.position < (r.position ?? 0))
                .map((s) => s.status)
            : [],
        });
        if (ready && r.ready !== 1) toReady.push(r.id);
        if (!ready && r.ready !== 0) toUnready.push(r.id);
      }
      if (toReady.length)
        await trx.updateTable('tasks').set({ ready: 1 }).where('id', 'in', toReady).execute();
      if (toUnready.length)
        await trx.updateTable('tasks').set({ ready: 0 }).where('id', 'in', toUnready).execute();
    }
  }

  private async recordEvents(trx: Db, events: NewEvent[]): Promise<void> {
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

  // ---------------------------------------------------------------- graph and checks

  async graphNodes(filter: { plan_id?: string } = {}): Promise<GraphNode[]> {
    let q = this.db
      .selectFrom('tasks')
      .select([
        'id',
        'task_name',
        'status',
        'kind',
        'parent_id',
        'position',
        'subtask_count',
        'estimate_minutes',
        'sort_key',
      ]);
    if (filter.plan_id) q = q.where('plan_id', '=', filter.plan_id);
    const rows = await q.orderBy('sort_key').execute();
    let links = this.db.selectFrom('task_deps').select(['task_id', 'dep_id']).where('kind', '=', 'dep');
    if (filter.plan_id)
      links = links.where(
        'task_id',
        'in',
        this.db.selectFrom('tasks').select('id').where('plan_id', '=', filter.plan_id),
      );
    const deps = new Map<string, string[]>();
    for (const l of await links.execute()) {
      const list = deps.get(l.task_id) ?? [];
      list.push(l.dep_id);
      deps.set(l.task_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      task_name: r.task_name,
      status: r.status as TaskStatus,
      kind: r.kind as TaskKind,
      dependencies: deps.get(r.id) ?? [],
      parent_id: r.parent_id,
      position: r.position,
      subtask_count: r.subtask_count,
      estimate_minutes: r.estimate_minutes == null ? null : Number(r.estimate_minutes),
      sort_key: r.sort_key,
    }));
  }

  async validate(): Promise<Finding[]> {
    const findings: Finding[] = [];
    const nodes = await this.graphNodes();
    const graph = buildWorkGraph(nodes);
    for (const d of graph.dangling) {
      findings.push({
        severity: 'error',
        code: 'dangling',
        task: d.task,
        message: `task ${d.task} depends on ${d.dependency}, which does not exist`,
      });
    }
    const cycle = findCycle(
      graph.nodes.map((n) => n.id),
      (id) => graph.deps.get(id) ?? [],
    );
    if (cycle)
      findings.push({
        severity: 'error',
        code: 'cycle',
        task: cycle[0]!,
        message: `dependency cycle ${cycle.join(' → ')}`,
      });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const rows = await this.db
      .selectFrom('tasks')
      .select([
        'id',
        'status',
        'ready',
        'lease_owner',
        'lease_expires_at',
        'parent_id',
        'position',
        'subtask_count',
      ])
      .execute();
    const now = this.clock.now();
    const kids = new Map<string, typeof rows>();
    for (const r of rows) {
      if (!r.parent_id) continue;
      const list = kids.get(r.parent_id) ?? [];
      list.push(r);
      kids.set(r.parent_id, list);
    }
    const statusOf = (id: string) => byId.get(id)?.status ?? 'pending';
    for (const r of rows) {
      if (r.status === 'in_progress' && r.lease_expires_at != null && r.lease_expires_at < now) {
        findings.push({
          severity: 'warning',
          code: 'stale_lease',
          task: r.id,
          message: `task ${r.id}: the lease of ${r.lease_owner ?? 'its owner'} expired at ${iso(r.lease_expires_at)}; the next claim takes it over`,
        });
      }
      if (r.parent_id && byId.get(r.parent_id)?.parent_id) {
        findings.push({
          severity: 'error',
          code: 'nesting',
          task: r.id,
          message: `task ${r.id} is a sub-task of a sub-task`,
        });
      }
      const children = kids.get(r.id) ?? [];
      if (children.length !== r.subtask_count) {
        findings.push({
          severity: 'error',
          code: 'parent_status',
          task: r.id,
          message: `task ${r.id} counts ${r.subtask_count} sub-tasks but has ${children.length}`,
        });
      }
      if (children.length > 0) {
        const derived = deriveParentStatus(children.map((c) => c.status as TaskStatus));
        if (derived !== r.status)
          findings.push({
            severity: 'error',
            code: 'parent_status',
            task: r.id,
            message: `task ${r.id} is ${r.status} but its sub-tasks make it ${derived}`,
          });
      }
      const node = byId.get(r.id)!;
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      const ready = isReady({
        status: r.status as TaskStatus,
        subtask_count: r.subtask_count,
        dependencyStatuses: node.dependencies.map(statusOf),
        parentDependencyStatuses: parent ? parent.dependencies.map(statusOf) : [],
        earlierSiblingStatuses: r.parent_id
          ? (kids.get(r.parent_id) ?? [])
              .filter((s) => (s.position ?? 0) < (r.position ?? 0))
              .map((s) => s.status as TaskStatus)
          : [],
      });
      if (ready !== (r.ready === 1))
        findings.push({
          severity: 'error',
          code: 'ready_flag',
          task: r.id,
          message: `task ${r.id} is marked ${r.ready ? 'ready' : 'not ready'} but is ${ready ? 'ready' : 'not ready'}`,
        });
    }
    return findings;
  }

  async history(ref: string): Promise<TaskEvent[]> {
    const id = await this.resolveId(ref);
    const rows = await this.db
      .selectFrom('task_events')
      .selectAll()
      .where('task_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  async events(options: { after?: number; limit?: number } = {}): Promise<TaskEvent[]> {
    const rows = await this.db
      .selectFrom('task_events')
      .selectAll()
      .where('seq', '>', options.after ?? 0)
      .orderBy('seq')
      .limit(options.limit ?? 1000)
      .execute();
    return rows.map(toEvent);
  }

  async watch(
    onEvents: (events: TaskEvent[]) => void,
    options: { after?: number; intervalMs?: number; keepAlive?: boolean } = {},
  ): Promise<() => Promise<void>> {
    let after = options.after ?? (await this.lastSeq());
    let stopped = false;
    let running: Promise<void> | null = null;
    let again = false;
    const pull = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          for (;;) {
            const page = await this.events({ after, limit: 1000 });
            if (page.length === 0 || stopped) break;
            after = page[page.length - 1]!.seq;
            onEvents(page);
          }
        } while (again && !stopped);
      })()
        .catch(() => {})
        .finally(() => {
          running = null;
        });
      return running;
    };
    const unlisten = this.adapter.listen ? await this.adapter.listen(() => void pull()) : null;
    // Polling: the only channel on SQLite; a safety net behind LISTEN on PostgreSQL.
    const interval = options.intervalMs ?? (unlisten ? 5000 : 250);
    const timer = setInterval(() => void pull(), interval);
    // A library watcher must not keep its process alive; a CLI watcher asks to.
    if (!options.keepAlive) timer.unref();
    return async () => {
      stopped = true;
      clearInterval(timer);
      await unlisten?.();
      await running;
    };
  }

  private async lastSeq(): Promise<number> {
    const r = await this.db
      .selectFrom('task_events')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? Number(r.seq) : 0;
  }

  async addPlannerStep(input: PlannerStepInput): Promise<{ continuation_id: string; steps: PlannerStep[] }> {
    const issues: Issue[] = [];
    if (!input.step?.trim()) issues.push({ field: 'step', message: 'say what this step thinks or decides' });
    if (!Number.isInteger(input.step_number) || input.step_number < 1)
      issues.push({ field: 'step_number', message: 'a whole number from 1' });
    if (!Number.isInteger(input.total_steps) || input.total_steps < 1)
      issues.push({ field: 'total_steps', message: 'a whole number from 1' });
    if (input.branch_from_step !== undefined && !input.branch_id)
      issues.push({ field: 'branch_id', message: 'a branch needs a branch_id' });
    if (issues.length) throw new ValidationError(issues);
    const session = input.continuation_id ?? this.newId();
    await this.adapter.writeTx(async (trx) => {
      const prior = await trx
        .selectFrom('planner_steps')
        .select(['step_number'])
        .where('session_id', '=', session)
        .execute();
      if (input.continuation_id && prior.length === 0)
        throw new NotFoundError('planning session', input.continuation_id);
      const numbers = new Set(prior.map((p) => p.step_number));
      for (const [field, n] of [
        ['revises_step', input.revises_step],
        ['branch_from_step', input.branch_from_step],
      ] as const) {
        if (n !== undefined && !numbers.has(n)) {
          throw new ValidationError([
            {
              field,
              message: `step ${n} is not in session ${session} (it has steps ${[...numbers].sort((a, b) => a - b).join(', ') || 'none'})`,
            },
          ]);
        }
      }
      await trx
        .insertInto('planner_steps')
        .values({
          session_id: session,
          step_number: input.step_number,
          // A step past the announced total raises the total, as a plan grows.
          total_steps: Math.max(input.total_steps, input.step_number),
          next_step_required: input.next_step_required ? 1 : 0,
          content: input.step,
          revises_step: input.revises_step ?? null,
          branch_id: input.branch_id ?? null,
          branch_from_step: input.branch_from_step ?? null,
          created_at: this.clock.now(),
        })
        .execute();
    });
    return { continuation_id: session, steps: await this.plannerSession(session) };
  }

  async plannerSession(continuationId: string): Promise<PlannerStep[]> {
    const rows = await this.db
      .selectFrom('planner_steps')
      .selectAll()
      .where('session_id', '=', continuationId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      step_number: r.step_number,
      total_steps: r.total_steps,
      next_step_required: r.next_step_required === 1,
      content: r.content,
      revises_step: r.revises_step,
      branch_id: r.branch_id,
      branch_from_step: r.branch_from_step,
      created_at: iso(r.created_at)!,
    }));
  }

  async savePlan(
    plan: { id: string; revision: number; slug: string; title: string; style: string; status: string },
    options: { path: string; model: unknown; feedback?: string },
  ): Promise<PlanSummary> {
    const now = this.clock.now();
    await this.adapter.writeTx(async (trx) => {
      const existing = await trx
        .selectFrom('plans')
        .select(['revision'])
        .where('id', '=', plan.id)
        .executeTakeFirst();
      if (existing && plan.revision <= existing.revision) {
        throw new ConflictError(
          `plan ${plan.id} is already at revision ${existing.revision}; a new revision must be higher`,
        );
      }
      if (!existing && plan.revision !== 1)
        throw new ValidationError([
          { field: 'revision', message: `a new plan starts at revision 1, not ${plan.revision}` },
        ]);
      const row = {
        revision: plan.revision,
        slug: plan.slug,
        title: plan.title,
        style: plan.style,
        status: plan.status,
        path: options.path,
        updated_at: now,
      };
      if (existing) await trx.updateTable('plans').set(row).where('id', '=', plan.id).execute();
      else
        await trx
          .insertInto('plans')
          .values({ id: plan.id, ...row, created_at: now })
          .execute();
      await trx
        .insertInto('plan_revisions')
        .values({
          plan_id: plan.id,
          revision: plan.revision,
          model: JSON.stringify(options.model),
          feedback: options.feedback ?? null,
          created_at: now,
        })
        .execute();
    });
    return (await this.getPlanModel(plan.id))!.summary;
  }

  async getPlanModel(
    id: string,
    revision?: number,
  ): Promise<{ summary: PlanSummary; model: unknown; revisions: number[] } | null> {
    const row = await this.db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const revs = await this.db
      .selectFrom('plan_revisions')
      .select(['revision', 'model'])
      .where('plan_id', '=', id)
      .orderBy('revision')
      .execute();
    const chosen = revision === undefined ? revs[revs.length - 1] : revs.find((r) => r.revision === revision);
    if (!chosen) return null;
    return {
      summary: toPlanSummary(row),
      model: JSON.parse(chosen.model),
      revisions: revs.map((r) => r.revision),
    };
  }

  async listPlans(): Promise<PlanSummary[]> {
    const rows = await this.db
      .selectFrom('plans')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toPlanSummary);
  }

  async deletePlan(id: string): Promise<void> {
    await this.adapter.writeTx(async (trx) => {
      await trx.deleteFrom('plan_revisions').where('plan_id', '=', id).execute();
      await trx.deleteFrom('plans').where('id', '=', id).execute();
    });
  }

  async migrations(): Promise<string[]> {
    // Kysely's own bookkeeping table is not part of the typed schema.
    const rows = await this.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .orderBy('name' as never)
      .execute();
    return (rows as Array<{ name: string }>).map((r) => r.name);
  }

  async dump(): Promise<StoreDump> {
    const tasks = await this.db.selectFrom('tasks').selectAll().orderBy('id').execute();
    const task_deps = await this.db
      .selectFrom('task_deps')
      .selectAll()
      .orderBy('task_id')
      .orderBy('kind')
      .orderBy('dep_id')
      .execute();
    const task_events = await this.db.selectFrom('task_events').selectAll().orderBy('seq').execute();
    const planner_steps = await this.db.selectFrom('planner_steps').selectAll().orderBy('seq').execute();
    const plans = await this.db.selectFrom('plans').selectAll().orderBy('id').execute();
    const plan_revisions = await this.db
      .selectFrom('plan_revisions')
      .selectAll()
      .orderBy('plan_id')
      .orderBy('revision')
      .execute();
    const num = (v: unknown) => (v == null ? null : Number(v));
    return {
      format: 'plansmith-dump',
      version: 1,
      tasks: tasks.map((t) => ({
        ...t,
        lease_expires_at: num(t.lease_expires_at),
        created_at: num(t.created_at),
        updated_at: num(t.updated_at),
        started_at: num(t.started_at),
        completed_at: num(t.completed_at),
        estimate_minutes: num(t.estimate_minutes),
      })),
      task_deps,
      task_events: task_events.map((e) => ({ ...e, seq: Number(e.seq), at: Number(e.at) })),
      planner_steps: planner_steps.map((p) => ({
        ...p,
        seq: Number(p.seq),
        created_at: Number(p.created_at),
      })),
      plans: plans.map((p) => ({ ...p, created_at: Number(p.created_at), updated_at: Number(p.updated_at) })),
      plan_revisions: plan_revisions.map((p) => ({ ...p, created_at: Number(p.created_at) })),
    };
  }

  async load(dump: StoreDump): Promise<void> {
    if (dump?.format !== 'plansmith-dump' || dump.version !== 1) {
      throw new ValidationError([{ field: 'format', message: 'not a plansmith dump (version 1)' }]);
    }
    await this.adapter.writeTx(async (trx) => {
      const n = await trx
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) > 0) {
        throw new ConflictError(`the target store already holds ${n.n} tasks; copy into an empty store`);
      }
      // Rows come from a dump of the same schema version, checked by the database on insert.
      // Parents before children (the parent_id foreign key), then links, then history.
      const tasks = [...dump.tasks].sort((a, b) => Number(a.parent_id != null) - Number(b.parent_id != null));
      for (const part of chunks(tasks, 300))
        await trx
          .insertInto('tasks')
          .values(part as never)
          .execute();
      for (const part of chunks(dump.task_deps, 1000))
        await trx.insertInto('task_deps').values(part).execute();
      for (const part of chunks(dump.task_events, 1000)) {
        await trx
          .insertInto('task_events')
          .values(part as never)
          .execute();
      }
      for (const part of chunks(dump.planner_steps ?? [], 500)) {
        await trx
          .insertInto('planner_steps')
          .values(part as never)
          .execute();
      }
      for (const part of chunks(dump.plans ?? [], 300))
        await trx
          .insertInto('plans')
          .values(part as never)
          .execute();
      for (const part of chunks(dump.plan_revisions ?? [], 100))
        await trx
          .insertInto('plan_revisions')
          .values(part as never)
          .execute();
      await this.adapter.afterLoad?.(trx);
    });
  }
}

function toPlanSummary(r: Selectable<PlansTable>): PlanSummary {
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

function toEvent(r: {
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
