import type { PlanSummary, TaskStore } from '../store/task-store.js';
import { FINISHED } from './revise-graph.js';

/** Plans with their state (draft, active, done, superseded) from their tasks, and superseding older ones. */

export interface PlanListing extends PlanSummary {
  state: 'draft' | 'active' | 'done' | 'superseded';
  open_tasks: number;
}

/** The listing of some plans; `all` is every plan, for telling a superseded one by its newer twin. */
export async function planListings(
  store: TaskStore,
  plans: PlanSummary[],
  all = plans,
): Promise<PlanListing[]> {
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
export async function duplicatesOf(
  store: TaskStore,
  slug: string,
  exceptId?: string,
): Promise<PlanListing[]> {
  // Only the plans of this slug are looked at: planning never reads every plan's tasks.
  const all = await store.listPlans();
  const same = all.filter((p) => p.slug === slug && p.id !== exceptId);
  return (await planListings(store, same, all)).filter((p) => p.open_tasks > 0);
}

/** Cancels the open tasks of older plans: the new plan replaces them. Done work stays done. */
export async function supersede(store: TaskStore, olderIds: string[], by: string): Promise<string[]> {
  const cancelled: string[] = [];
  for (const id of olderIds)
    for (const t of await store.listTasks({ plan_id: id }))
      if (!FINISHED.has(t.status) && !t.parent_id) {
        await store.cancel(t.id, { reason: `superseded by plan ${by}` });
        cancelled.push(t.id);
      }
  return cancelled;
}
