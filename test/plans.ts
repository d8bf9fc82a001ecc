import type { TaskStore } from '../src/store/task-store.js';

/** Registers a minimal plan so that batches may name it: a batch naming an unknown plan_id is refused. */
export async function addPlan(store: TaskStore, id: string): Promise<void> {
  await store.savePlan(
    {
      id,
      revision: 1,
      slug: id.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      title: id,
      style: 'tasks',
      status: 'draft',
    },
    { path: `plans/${id}.md`, model: {} },
  );
}
