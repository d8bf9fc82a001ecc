import type { SelectQueryBuilder } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Task, TaskFilter } from '../../domain/task.js';
import { checkReference } from '../../domain/text-safety.js';
import { claimable, claimChange, leaseFrom, onExpiredLease } from '../../graph/rules.js';
import type { ClaimOptions } from '../task-store.js';
import type { Db, ListingKey, NewEvent, Row, StoreCore } from './core.js';
import { changeOf, ensureAllowed, stateOf } from './core.js';
import { afterChanges } from './derived.js';
import type { Database } from './schema.js';

/** Reading and taking work: lists and counts, the next claimable task, claims with leases (and the expiry of a lease), heartbeats. */

export async function listTasks(s: StoreCore, filter: TaskFilter = {}): Promise<Task[]> {
  let q = s.applyFilter(s.db.selectFrom('tasks').selectAll(), filter).orderBy('sort_key').orderBy('id');
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  if (filter.offset) q = q.offset(filter.offset);
  if (filter.offset && filter.limit === undefined) q = q.limit(Number.MAX_SAFE_INTEGER);
  return s.hydrate(s.db, await q.execute());
}

/** The tasks past (or before) a key in listing order: row values compare (sort_key, id) as one key, an index range on both backends. */
function byKey<O>(
  q: SelectQueryBuilder<Database, 'tasks', O>,
  op: '>' | '>=' | '<',
  k: ListingKey | null,
): SelectQueryBuilder<Database, 'tasks', O> {
  return k ? q.where((eb) => eb(eb.refTuple('sort_key', 'id'), op, eb.tuple(k.sort_key, k.id))) : q;
}

/**
 * The tasks of a filter in order, a page at a time (keyset paging on sort_key, id): memory stays bounded
 * however many there are, and each page is written out before the next is read. With limit or offset it
 * is `listTasks`, already bounded.
 */
export async function* streamTasks(
  s: StoreCore,
  filter: TaskFilter = {},
  pageSize = 1000,
): AsyncGenerator<Task> {
  if (filter.limit !== undefined || filter.offset) {
    yield* await listTasks(s, filter);
    return;
  }
  let after: ListingKey | null = null;
  for (;;) {
    const q = byKey(s.applyFilter(s.db.selectFrom('tasks').selectAll(), filter), '>', after);
    const rows: Row[] = await q.orderBy('sort_key').orderBy('id').limit(pageSize).execute();
    if (!rows.length) return;
    yield* await s.hydrate(s.db, rows);
    const last = rows[rows.length - 1]!;
    after = { sort_key: last.sort_key, id: last.id };
    if (rows.length < pageSize) return;
  }
}

/**
 * The listing as JSON text, in chunks of UTF-8 (`separator` between tasks, and between chunks for the
 * caller to write): the backend's own builder when it has one, which may spread the chunks over threads;
 * else `streamTasks` stringified a chunk at a time.
 */
export async function* streamTaskJson(
  s: StoreCore,
  filter: TaskFilter = {},
  options: { separator?: string } = {},
): AsyncGenerator<Uint8Array> {
  const separator = options.separator ?? ',';
  const chunk = s.listingChunk;
  const fast = s.adapter.taskJson;
  if (fast && filter.limit === undefined && !filter.offset) {
    const base = s.applyFilter(s.db.selectFrom('tasks'), filter);
    yield* fast.chunks({
      chunk,
      separator,
      nextKey: (k) =>
        byKey(base.select(['sort_key', 'id']), '>=', k)
          .orderBy('sort_key')
          .orderBy('id')
          .limit(1)
          .offset(chunk)
          .compile(),
      rows: (a, b) =>
        byKey(byKey(base.select(fast.column.as('j')), '>=', a), '<', b)
          .orderBy('sort_key')
          .orderBy('id')
          .compile(),
    });
    return;
  }
  const encoder = new TextEncoder();
  let page: string[] = [];
  for await (const t of streamTasks(s, filter, chunk)) {
    page.push(JSON.stringify(t));
    if (page.length < chunk) continue;
    yield encoder.encode(page.join(separator));
    page = [];
  }
  if (page.length) yield encoder.encode(page.join(separator));
}

export async function countTasks(s: StoreCore, filter: TaskFilter = {}): Promise<number> {
  const r = await s
    .applyFilter(s.db.selectFrom('tasks'), filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function next(s: StoreCore, filter: TaskFilter = {}): Promise<Task | null> {
  const row = await pickClaimable(s, s.db, filter, false);
  return row ? (await s.hydrate(s.db, [row]))[0]! : null;
}

/** The first claimable task in order: ready and pending, or in progress with an expired lease. */
export async function pickClaimable(
  s: StoreCore,
  db: Db,
  filter: TaskFilter,
  lock: boolean,
): Promise<Row | null> {
  const now = s.clock.now();
  const { status: _s, ...f } = filter;
  let ready = s
    .applyFilter(db.selectFrom('tasks').selectAll(), f)
    .where('status', '=', 'pending')
    .where('ready', '=', 1)
    .orderBy('sort_key')
    .orderBy('id')
    .limit(1);
  let expired = s
    .applyFilter(db.selectFrom('tasks').selectAll(), f)
    .where('status', '=', 'in_progress')
    .where('lease_expires_at', '<', now)
    .orderBy('sort_key')
    .limit(1);
  if (!lock) expired = expired.whereRef('attempts', '<', 'max_attempts');
  if (lock) {
    ready = s.adapter.skipLocked(ready);
    expired = s.adapter.skipLocked(expired);
  }
  const [a, b] = [await ready.executeTakeFirst(), await expired.executeTakeFirst()];
  if (a && b) return a.sort_key <= b.sort_key ? a : b;
  return a ?? b ?? null;
}

export async function claim(s: StoreCore, options: ClaimOptions): Promise<Task | null> {
  if (!options.owner?.trim())
    throw new ValidationError([
      { field: 'owner', message: 'a claim needs an owner (who is taking the task)' },
    ]);
  checkReference('owner', options.owner);
  for (const [field, v] of [['lease_seconds', options.lease_seconds]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v <= 0)) {
      throw new ValidationError([{ field, message: `a whole number of seconds above 0, not ${v}` }]);
    }
  }
  const wanted = options.task_id ? await s.resolveId(options.task_id) : null;
  const id = await s.adapter.writeTx(async (trx) => {
    for (let guard = 0; guard < 50; guard++) {
      const now = s.clock.now();
      let row: Row | null;
      if (wanted) {
        row =
          (await s.adapter
            .forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', wanted))
            .executeTakeFirst()) ?? null;
        if (!row) throw new NotFoundError('task', wanted);
        if (!claimable(stateOf(row), now)) {
          throw new ConflictError(await s.whyNotClaimable(trx, row), {
            task: row.id,
            status: row.status,
          });
        }
      } else {
        row = await pickClaimable(s, trx, options.filter ?? {}, true);
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
        if (onExpiredLease(stateOf(row)) === 'fail') {
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
          await s.recordEvents(trx, events);
          await afterChanges(s, trx, [changeOf(row, 'failed')]);
          if (wanted)
            throw new ConflictError(
              `task ${row.id} failed: its lease expired on the last of ${row.max_attempts} attempts`,
            );
          continue;
        }
      }
      const claimed = claimChange(row, now, options.lease_seconds);
      const lease = claimed.lease_seconds;
      await trx
        .updateTable('tasks')
        .set({
          status: 'in_progress',
          ready: 0,
          attempts: claimed.attempts,
          lease_owner: options.owner,
          lease_expires_at: claimed.lease_expires_at,
          started_at: row.started_at ?? now,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      events.push({
        task_id: row.id,
        type: 'claimed',
        actor: options.owner,
        data: { attempt: claimed.attempts, lease_seconds: lease },
      });
      await s.recordEvents(trx, events);
      await afterChanges(s, trx, [changeOf(row, 'in_progress')]);
      return row.id;
    }
    return null;
  });
  return id ? s.getTask(id) : null;
}

export async function heartbeat(
  s: StoreCore,
  ref: string,
  options: { owner?: string; lease_seconds?: number } = {},
): Promise<Task> {
  const lease = options.lease_seconds;
  if (lease !== undefined && (!Number.isInteger(lease) || lease <= 0)) {
    throw new ValidationError([
      { task: ref, field: 'lease_seconds', message: `a whole number of seconds above 0, not ${lease}` },
    ]);
  }
  const id = await s.adapter.writeTx(async (trx) => {
    const row = await s.lockTask(trx, ref, options.owner, true);
    ensureAllowed('heartbeat', row);
    const now = s.clock.now();
    const { lease_expires_at } = leaseFrom(row, now, options.lease_seconds);
    await trx
      .updateTable('tasks')
      .set({ lease_expires_at, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return row.id;
  });
  return (await s.getTask(id))!;
}
