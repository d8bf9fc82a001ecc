import type { PlanSummary, TaskStore } from '../store/task-store.js';
import { FINISHED } from './revise-graph.js';

/** Plans with their state (draft, active, done, superseded) from their tasks, and superseding older ones. */

export interface PlanListing extends PlanSummary {
  state: 'draft' | 'active' | 'done' | 'superseded' | 'cancelled';
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
      p.status === 'cancelled' || p.status === 'superseded'
        ? p.status
        : newer && open === 0
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

/**
 * Marks older plans superseded by a new one (`TaskStore.closePlan`): their open tasks are cancelled and they
 * take no new ones. Done work stays done. Returns the ids of the cancelled tasks.
 */
export async function supersede(store: TaskStore, olderIds: string[], by: string): Promise<string[]> {
  const cancelled: string[] = [];
  for (const id of olderIds)
    cancelled.push(...(await store.closePlan(id, { status: 'superseded', superseded_by: by })).cancelled);
  return cancelled;
}
