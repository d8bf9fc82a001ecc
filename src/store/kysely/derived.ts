import type { TaskStatus } from '../../domain/task.js';
import { satisfies } from '../../domain/task.js';
import { deriveParentStatus, isReady } from '../../graph/ready.js';
import { type Change, chunks, type Db, type StoreCore } from './core.js';

/** Derived state, kept true after every status change: parents' statuses from their sub-tasks, then the `ready` flag of everything whose readiness could have moved. The rules themselves are pure (`graph/ready.ts`); this applies them to rows. */

/**
 * Keeps derived state true after status changes: parents' statuses, then the `ready` flag of
 * everything whose readiness could have moved (the changed tasks, their dependents, the sub-tasks of
 * dependents that are parents, later siblings).
 */
export async function afterChanges(s: StoreCore, trx: Db, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const parents = [...new Set(changes.map((c) => c.parent_id).filter((p): p is string => p != null))];
  const parentChanges = await refreshParents(s, trx, parents);
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
  await refreshReady(s, trx, [...affected]);
}

/** Re-derives the status of parents with sub-tasks; returns those whose status moved. */
export async function refreshParents(s: StoreCore, trx: Db, parentIds: string[]): Promise<Change[]> {
  const out: Change[] = [];
  if (parentIds.length === 0) return out;
  const now = s.clock.now();
  for (const part of chunks(parentIds)) {
    const parents = await s.adapter
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
        await s.recordEvents(trx, [
          { task_id: p.id, type: 'status_derived', data: { from: p.status, to: derived } },
        ]);
        out.push({ id: p.id, parent_id: null, before: p.status as TaskStatus, after: derived });
      }
    }
  }
  return out;
}

/** Recomputes `ready` for these tasks from their dependencies, parent and siblings. */
export async function refreshReady(s: StoreCore, trx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const part of chunks([...new Set(ids)].sort(), 900)) {
    const rows = await s.adapter
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
    if (toReady.length) await trx.updateTable('tasks').set({ ready: 1 }).where('id', 'in', toReady).execute();
    if (toUnready.length)
      await trx.updateTable('tasks').set({ ready: 0 }).where('id', 'in', toUnready).execute();
  }
}
