import { isDeepStrictEqual } from 'node:util';
import { ConflictError } from '../domain/errors.js';
import { openStore } from '../store/open.js';
import type { StoreDump } from '../store/task-store.js';

export interface CopyResult {
  from: string;
  to: string;
  tasks: number;
  links: number;
  events: number;
  /** The target's export equals the source's, row for row. */
  identical: boolean;
}

/**
 * Copies a whole store (SQLite file or PostgreSQL URL) into an empty one, in one transaction, then
 * exports the target and compares it with the source row for row.
 */
export async function copyStore(options: { from: string; to: string; root?: string }): Promise<CopyResult> {
  const source = await openStore({ db: options.from, root: options.root });
  let dump: StoreDump;
  try {
    dump = await source.dump();
  } finally {
    await source.close();
  }
  const target = await openStore({ db: options.to, root: options.root });
  try {
    await target.load(dump);
    const back = await target.dump();
    const identical = isDeepStrictEqual(back, dump);
    if (!identical)
      throw new ConflictError(
        `copied, but ${target.info.location} does not read back identical to the source`,
      );
    return {
      from: options.from,
      to: target.info.location,
      tasks: dump.tasks.length,
      links: dump.task_deps.length,
      events: dump.task_events.length,
      identical,
    };
  } finally {
    await target.close();
  }
}
