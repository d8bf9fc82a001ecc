import { InputError } from '../domain/errors.js';
import type { Plan } from '../domain/plan.js';
import type { ProjectFiles } from '../files/project-files.js';
import { tickRefusal } from '../graph/rules.js';
import type { TaskStore } from '../store/task-store.js';
import { mergeFenced } from '../workspace/fences.js';
import { renderRecovery, TASK_MARK } from '../workspace/render.js';
import { readInput } from './plan-request.js';

export interface SyncResult {
  checked_in_file: string[];
  completed_in_store: string[];
  /** Ticked boxes the store overruled (a task re-opened by a critique, or held by an agent): cleared, with why. */
  kept_open: Array<{ id: string; why: string }>;
  files: string[];
}

/** The owner sync records on what it completes: the person who ticked the box, through sync. */
export const SYNC_OWNER = 'sync';

/**
 * Syncs a requirement workspace's tasks.md with the store both ways: a box checked by hand completes
 * the task (recorded as done by "sync"); a task done in the store gets its box checked. A ticked box never
 * completes a task a critique re-opened since, nor one an agent holds (`tickRefusal`): the store wins, the
 * box is cleared and the result says why. Only the boxes change; recovery.md is regenerated from the store.
 */
export async function syncTasksMd(o: {
  files: ProjectFiles;
  store: TaskStore;
  plan: Plan;
  /** The plan's main file (the workspace's prd.md). */
  path: string;
  ref: string;
  previous: (path: string) => string | null;
}): Promise<SyncResult> {
  const { plan, ref, store } = o;
  const dir = o.path.replace(/\/prd\.md$/, '');
  const tasksPath = `${dir}/tasks.md`;
  if (plan.style !== 'prd' || !o.files.isFile(tasksPath))
    throw new InputError(`${ref}: only requirement workspaces (style prd) have a tasks.md to sync`);
  const read = readInput(o.files, tasksPath, 'tasks.md');
  const original = read.text;
  if (read.lossy) throw new InputError(`${tasksPath}: not valid UTF-8; plansmith will not rewrite it`);
  const recPath = `${dir}/recovery.md`;
  const recPrev = o.previous(recPath);
  o.files.checkWrite(tasksPath);
  o.files.checkWrite(recPath);
  const own = new Map((await store.listTasks({ plan_id: plan.id })).map((t) => [t.id, t]));
  const lines = original.split('\n');
  // Only markers plansmith wrote count: at the end of a checklist line, naming a task of this plan, once.
  const seen = new Set<string>();
  const marked = lines.map((l) => {
    const m = TASK_MARK.exec(l);
    const box = /^\s*[-*] \[([ xX])\]/.exec(l);
    if (!m || !box || !own.has(m[1]!) || seen.has(m[1]!)) return null;
    seen.add(m[1]!);
    return { id: m[1]!, ticked: box[1] !== ' ' };
  });
  const completed: string[] = [];
  const keptOpen: Array<{ id: string; why: string }> = [];
  for (const mark of marked) {
    if (!mark?.ticked) continue;
    const t = own.get(mark.id)!;
    if (t.status !== 'done' && t.subtask_count === 0) {
      const why = tickRefusal({ ...t, lease_owner: t.lease?.owner ?? null });
      if (why) {
        keptOpen.push({ id: t.id, why });
        continue;
      }
      await store.complete(t.id, {
        owner: SYNC_OWNER,
        force: true,
        summary: 'checked off in tasks.md',
        ...(t.kind === 'critique' ? { verdict: 'pass' as const } : {}),
      });
      completed.push(t.id);
    }
  }
  const tasks = await store.listTasks({ plan_id: plan.id });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const checked: string[] = [];
  const next = lines.map((l, i) => {
    const mark = marked[i];
    if (!mark) return l;
    const t = byId.get(mark.id);
    if (t?.status === 'done' && !mark.ticked) {
      checked.push(t.id);
      return l.replace('[ ]', '[x]');
    }
    if (mark.ticked && keptOpen.some((k) => k.id === mark.id)) return l.replace(/\[[xX]\]/, '[ ]');
    return l;
  });
  const rec = renderRecovery(plan, tasks);
  const files = [
    { path: tasksPath, content: next.join('\n') },
    { path: recPath, content: recPrev ? mergeFenced(recPrev, rec).content : rec },
  ];
  o.files.writeAll(files);
  return {
    checked_in_file: checked,
    completed_in_store: completed,
    kept_open: keptOpen,
    files: files.map((f) => f.path),
  };
}
