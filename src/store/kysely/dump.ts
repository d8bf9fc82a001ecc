import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { StoreDump } from '../task-store.js';
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

export async function dump(s: StoreCore): Promise<StoreDump> {
  const tasks = await s.db.selectFrom('tasks').selectAll().orderBy('id').execute();
  const task_deps = await s.db
    .selectFrom('task_deps')
    .selectAll()
    .orderBy('task_id')
    .orderBy('kind')
    .orderBy('dep_id')
    .execute();
  const task_events = await s.db.selectFrom('task_events').selectAll().orderBy('seq').execute();
  const planner_steps = await s.db.selectFrom('planner_steps').selectAll().orderBy('seq').execute();
  const plans = await s.db.selectFrom('plans').selectAll().orderBy('id').execute();
  const plan_revisions = await s.db
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

export async function load(s: StoreCore, dump: StoreDump): Promise<void> {
  if (dump?.format !== 'plansmith-dump' || dump.version !== 1) {
    throw new ValidationError([{ field: 'format', message: 'not a plansmith dump (version 1)' }]);
  }
  await s.adapter.writeTx(async (trx) => {
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
    for (const part of chunks(dump.task_deps, 1000)) await trx.insertInto('task_deps').values(part).execute();
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
    await s.adapter.afterLoad?.(trx);
  });
}
