import { isDeepStrictEqual } from 'node:util';
import { ConflictError } from '../domain/errors.js';
import { openStore } from '../store/open.js';
import type { DumpPage } from '../store/task-store.js';

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
 * Copies a whole store (SQLite file or PostgreSQL URL) into an empty one, in one transaction, streaming
 * it a page at a time, then reads both back page by page and compares them row for row. Neither store is
 * ever held in memory whole.
 */
export async function copyStore(options: { from: string; to: string; root?: string }): Promise<CopyResult> {
  // The source must be there: a copy never creates it (and so never copies 0 tasks "identical").
  const source = await openStore({ db: options.from, root: options.root, mustExist: true });
  try {
    const target = await openStore({ db: options.to, root: options.root });
    try {
      const counts = await target.loadPages(source.dumpPages());
      const identical = await samePages(source.dumpPages(), target.dumpPages());
      if (!identical)
        throw new ConflictError(
          `copied, but ${target.info.location} does not read back identical to the source`,
        );
      return {
        from: options.from,
        to: target.info.location,
        tasks: counts.tasks,
        links: counts.task_deps,
        events: counts.task_events,
        identical,
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function samePages(a: AsyncIterable<DumpPage>, b: AsyncIterable<DumpPage>): Promise<boolean> {
  const ia = a[Symbol.asyncIterator]();
  const ib = b[Symbol.asyncIterator]();
  for (;;) {
    const [x, y] = await Promise.all([ia.next(), ib.next()]);
    if (x.done || y.done) return Boolean(x.done && y.done);
    if (x.value.table !== y.value.table || !isDeepStrictEqual(x.value.rows, y.value.rows)) return false;
  }
}
