import type { Plan } from '../domain/plan.js';
import type { Task } from '../domain/task.js';
import { carriesFeedback, revisedInputs } from '../graph/rules.js';
import type { TaskRevision, TaskStore } from '../store/task-store.js';

/** Task ids by what a revision did to them; done (and cancelled) tasks are never touched. */
export interface TaskChanges {
  revised: string[];
  created: string[];
  cancelled: string[];
  untouched_done: string[];
}

export const FINISHED = new Set(['done', 'cancelled']);

/**
 * Brings the stored task graph of a plan in line with a new revision's batch: top-level tasks matched by
 * their order, sub-tasks by name. Open tasks get the new description, inputs, criteria and estimate; a
 * phase that is new becomes a sub-task; one that is gone is cancelled. Done work is never touched, and a
 * critique's feedback on a re-opened task (and a rework sub-task it added) is kept (`revisedInputs`).
 */
export async function reviseTaskGraph(store: TaskStore, plan: Plan): Promise<TaskChanges> {
  const out: TaskChanges = { revised: [], created: [], cancelled: [], untouched_done: [] };
  const existing = await store.listTasks({ plan_id: plan.id });
  const batch = plan.tasks as Array<Record<string, unknown>>;
  const revision = (b: Record<string, unknown>): TaskRevision => ({
    description: typeof b.description === 'string' ? b.description : undefined,
    inputs: (b.inputs as Record<string, unknown> | undefined) ?? undefined,
    validation_criteria: b.validation_criteria,
    estimate_minutes: typeof b.estimate_minutes === 'number' ? b.estimate_minutes : undefined,
  });
  const differs = (t: Task, r: TaskRevision) =>
    (r.description !== undefined && r.description !== t.description) ||
    (r.inputs !== undefined &&
      JSON.stringify(revisedInputs(t.inputs, r.inputs)) !== JSON.stringify(t.inputs)) ||
    (r.validation_criteria !== undefined &&
      JSON.stringify(r.validation_criteria) !== JSON.stringify(t.validation_criteria)) ||
    (r.estimate_minutes !== undefined && r.estimate_minutes !== t.estimate_minutes);
  const apply = async (t: Task, b: Record<string, unknown>) => {
    if (FINISHED.has(t.status)) {
      if (t.status === 'done') out.untouched_done.push(t.id);
      return;
    }
    const r = revision(b);
    if (differs(t, r)) {
      await store.revise(t.id, r);
      out.revised.push(t.id);
    }
  };
  for (const b of batch) {
    const t = existing.find((x) => !x.parent_id && x.task_order === b.task_order);
    if (!t) continue;
    const subs = (b.subtasks as Array<Record<string, unknown>> | undefined) ?? [];
    const kids = existing.filter((x) => x.parent_id === t.id);
    // A container's own fields are derived from its sub-tasks' work: revise it only when it has none.
    if (!kids.length || FINISHED.has(t.status)) await apply(t, b);
    for (const s of subs) {
      const k = kids.find((x) => x.task_name === s.task_name);
      if (k) await apply(k, s);
      else if (kids.length && !FINISHED.has(t.status)) {
        const created = await store.createSubtask(t.id, s);
        out.created.push(created.id);
      }
    }
    // A rework sub-task a critique added is not the plan's to take away: its feedback stays.
    for (const k of kids)
      if (
        !subs.some((s) => s.task_name === k.task_name) &&
        !FINISHED.has(k.status) &&
        !carriesFeedback(k.inputs)
      ) {
        await store.cancel(k.id, { reason: `left out in revision ${plan.revision} of the plan` });
        out.cancelled.push(k.id);
      }
  }
  return out;
}
