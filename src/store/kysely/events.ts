import type { TaskEvent } from '../../domain/task.js';
import { type StoreCore, toEvent } from './core.js';

/** The event log: a task's history, the log in pages, and `watch` (LISTEN/NOTIFY where the backend has it, polling otherwise). */

export async function history(s: StoreCore, ref: string): Promise<TaskEvent[]> {
  const id = await s.resolveId(ref);
  const rows = await s.db
    .selectFrom('task_events')
    .selectAll()
    .where('task_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map(toEvent);
}

export async function events(
  s: StoreCore,
  options: { after?: number; limit?: number; types?: string[] } = {},
): Promise<TaskEvent[]> {
  if (options.types?.length === 0) return [];
  let q = s.db
    .selectFrom('task_events')
    .selectAll()
    .where('seq', '>', options.after ?? 0);
  if (options.types) q = q.where('type', 'in', options.types);
  const rows = await q
    .orderBy('seq')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map(toEvent);
}

export async function watch(
  s: StoreCore,
  onEvents: (events: TaskEvent[]) => void,
  options: { after?: number; intervalMs?: number; keepAlive?: boolean } = {},
): Promise<() => Promise<void>> {
  let after = options.after ?? (await lastSeq(s));
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
          const page = await events(s, { after, limit: 1000 });
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
  const unlisten = s.adapter.listen ? await s.adapter.listen(() => void pull()) : null;
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

export async function lastSeq(s: StoreCore): Promise<number> {
  const r = await s.db
    .selectFrom('task_events')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.seq) : 0;
}
