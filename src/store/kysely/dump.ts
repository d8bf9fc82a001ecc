import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { DumpPage, StoreDump } from '../task-store.js';
import { chunks, type StoreCore } from './core.js';

/** Migrations applied, and dump and load of a whole store (`db copy`). */

export async function migrations(s: StoreCore): Promise<string[]> {
  // Kysely's own bookkeeping table is not part of the typed schema.
  const rows = await s.db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .orderBy('name' as never)
    .execute();
  return (rows as Array<{ name: string }>).map((r) => r.name);
}

/** The tables of a dump, in the order a load inserts them (parents before what refers to them). */
const TABLES = ['tasks', 'task_deps', 'task_events', 'planner_steps', 'plans', 'plan_revisions'] as const;
type Table = DumpPage['table'];

/** How each table is ordered, and the columns its keyset paging walks. */
const KEYS: Record<Table, string[]> = {
  tasks: ['id'],
  task_deps: ['task_id', 'kind', 'dep_id'],
  task_events: ['seq'],
  planner_steps: ['seq'],
  plans: ['id'],
  plan_revisions: ['plan_id', 'revision'],
};

const num = (v: unknown) => (v == null ? null : Number(v));
/** Rows as the dump format has them: numbers for times and sequence numbers, whatever the driver returns. */
const NORMALISE: Partial<Record<Table, (r: Record<string, unknown>) => Record<string, unknown>>> = {
  tasks: (t) => ({
    ...t,
    lease_expires_at: num(t.lease_expires_at),
    created_at: num(t.created_at),
    updated_at: num(t.updated_at),
    started_at: num(t.started_at),
    completed_at: num(t.completed_at),
    estimate_minutes: num(t.estimate_minutes),
  }),
  task_events: (e) => ({ ...e, seq: Number(e.seq), at: Number(e.at) }),
  planner_steps: (p) => ({ ...p, seq: Number(p.seq), created_at: Number(p.created_at) }),
  plans: (p) => ({ ...p, created_at: Number(p.created_at), updated_at: Number(p.updated_at) }),
  plan_revisions: (p) => ({ ...p, created_at: Number(p.created_at) }),
};

/**
 * The whole store, table by table, a page at a time (keyset paging): `db copy` streams it into another
 * store without holding either in memory.
 */
export async function* dumpPages(s: StoreCore, pageSize = 2000): AsyncGenerator<DumpPage> {
  for (const table of TABLES) {
    const keys = KEYS[table];
    let after: Record<string, unknown> | null = null;
    for (;;) {
      // biome-ignore lint/suspicious/noExplicitAny: one loop over six tables of different row types
      let q: any = s.db.selectFrom(table as never).selectAll();
      if (after) {
        const a: Record<string, unknown> = after;
        // (k1, k2, …) > (a1, a2, …), spelled out: k1 > a1, or k1 = a1 and k2 > a2, …
        // biome-ignore lint/suspicious/noExplicitAny: the expression builder of the same dynamic query
        q = q.where((eb: any) =>
          eb.or(
            keys.map((k, i) => eb.and([...keys.slice(0, i).map((p) => eb(p, '=', a[p])), eb(k, '>', a[k])])),
          ),
        );
      }
      for (const k of keys) q = q.orderBy(k);
      const rows = (await q.limit(pageSize).execute()) as Array<Record<string, unknown>>;
      if (!rows.length) break;
      const norm = NORMALISE[table];
      yield { table, rows: norm ? rows.map(norm) : rows };
      const last = rows[rows.length - 1]!;
      after = Object.fromEntries(keys.map((k) => [k, last[k]]));
      if (rows.length < pageSize) break;
    }
  }
}

export async function dump(s: StoreCore): Promise<StoreDump> {
  const out: StoreDump = {
    format: 'plansmith-dump',
    version: 1,
    tasks: [],
    task_deps: [],
    task_events: [],
    planner_steps: [],
    plans: [],
    plan_revisions: [],
  };
  for await (const page of dumpPages(s))
    (out[page.table] as Array<Record<string, unknown>>).push(...page.rows);
  return out;
}

/** Rows per insert, by table (the widest rows in the smallest batches). */
const BATCH: Record<Table, number> = {
  tasks: 300,
  task_deps: 1000,
  task_events: 1000,
  planner_steps: 500,
  plans: 300,
  plan_revisions: 100,
};

/**
 * Loads pages into this store, which must be empty, in one transaction: all or nothing. A sub-task that
 * arrives before its parent waits for it (the parent_id foreign key); one whose parent never comes is refused.
 */
export async function loadPages(
  s: StoreCore,
  pages: AsyncIterable<DumpPage> | Iterable<DumpPage>,
): Promise<Record<Table, number>> {
  const counts = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<Table, number>;
  await s.adapter.writeTx(async (trx) => {
    const n = await trx
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) > 0) {
      throw new ConflictError(`the target store already holds ${n.n} tasks; copy into an empty store`);
    }
    // Sub-tasks whose parent has not arrived yet wait for it (the parent_id foreign key).
    const seen = new Set<string>();
    let waiting: Array<Record<string, unknown>> = [];
    const insert = async (table: Table, rows: Array<Record<string, unknown>>) => {
      for (const part of chunks(rows, BATCH[table]))
        await trx
          .insertInto(table as never)
          .values(part as never)
          .execute();
      counts[table] += rows.length;
    };
    for await (const page of pages) {
      if (page.table !== 'tasks') {
        if (waiting.length) throw new ConflictError('the dump names a parent task that is not in it');
        await insert(page.table, page.rows);
        continue;
      }
      const arrived = [...waiting, ...page.rows];
      waiting = [];
      const ready: Array<Record<string, unknown>> = [];
      for (const r of arrived)
        (r.parent_id == null || seen.has(r.parent_id as string) ? ready : waiting).push(r);
      for (const r of ready) seen.add(r.id as string);
      await insert('tasks', ready);
      // Sub-tasks whose parent came later in the page go in after it.
      for (;;) {
        const now = waiting.filter((w) => seen.has(w.parent_id as string));
        if (!now.length) break;
        const taken = new Set(now);
        waiting = waiting.filter((w) => !taken.has(w));
        await insert('tasks', now);
        for (const r of now) seen.add(r.id as string);
      }
    }
    if (waiting.length) throw new ConflictError('the dump names a parent task that is not in it');
    await s.adapter.afterLoad?.(trx);
  });
  return counts;
}

export async function load(s: StoreCore, d: StoreDump): Promise<void> {
  if (d?.format !== 'plansmith-dump' || d.version !== 1) {
    throw new ValidationError([{ field: 'format', message: 'not a plansmith dump (version 1)' }]);
  }
  // Tasks, then links, then history (loadPages puts a sub-task in after its parent).
  await loadPages(s, [
    { table: 'tasks', rows: d.tasks },
    ...TABLES.filter((t) => t !== 'tasks').map((table) => ({
      table,
      rows: (d[table] ?? []) as Array<Record<string, unknown>>,
    })),
  ]);
}
