import type { Command } from 'commander';
import { escapeTerminal, taskLine, taskTable } from '../../format.js';
import { action, intOption } from '../../run.js';
import type { FilterFlags } from './filters.js';
import { filterFlags, toFilter } from './filters.js';

/** Past this many tasks the text listing shows a page and says how to see the rest. */
export const TEXT_PAGE = 200;

/** Writes to stdout in chunks, waiting when the pipe is full: a listing of any size in bounded memory. */
function streamOut() {
  let buffer = '';
  const put = (chunk: string | Uint8Array) =>
    new Promise<void>((resolve) => {
      if (!chunk.length) return resolve();
      // Bytes are written before the next chunk is asked for (the store may fill their buffer again).
      if (typeof chunk !== 'string') process.stdout.write(chunk, () => resolve());
      else if (process.stdout.write(chunk)) resolve();
      else process.stdout.once('drain', resolve);
    });
  const flush = async () => {
    const chunk = buffer;
    buffer = '';
    await put(chunk);
  };
  return {
    async write(s: string | Uint8Array) {
      if (typeof s !== 'string') {
        await flush();
        // One task's JSON from the store: escaped like every other line (C1 and bidi controls stay in JSON).
        await put(escapeTerminal(Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('utf8')));
        return;
      }
      buffer += escapeTerminal(s);
      if (buffer.length >= 1 << 16) await flush();
    },
    end: flush,
  };
}

export function register(tasks: Command): void {
  filterFlags(tasks.command('list').description('list tasks in order'), true)
    .option('--tree', 'show sub-tasks under their parent')
    .option('--limit <n>', 'at most this many', intOption('--limit'))
    .option('--offset <n>', 'skip this many', intOption('--offset'))
    .option('--all', `every task in the text listing (it shows the first ${TEXT_PAGE} otherwise)`)
    .action(
      action(
        async (
          { ctx, emit, json },
          opts: FilterFlags & { tree?: boolean; limit?: number; offset?: number; all?: boolean },
        ) => {
          const service = await ctx.tasks();
          const filter = toFilter(opts);
          const paged = opts.limit !== undefined || opts.offset !== undefined;
          if (json && !paged) {
            // Streamed as it is read: one JSON document, the same shape as a paged answer.
            const total = await service.store.countTasks(filter);
            const out = streamOut();
            await out.write('{\n  "tasks": [');
            const separator = ',\n    ';
            let n = 0;
            for await (const chunk of service.store.streamTaskJson(filter, { separator })) {
              await out.write(n++ ? separator : '\n    ');
              await out.write(chunk);
            }
            await out.write(`${n ? '\n  ' : ''}],\n  "total": ${total}\n}\n`);
            await out.end();
            return;
          }
          if (!json && !paged && opts.all && !opts.tree) {
            const out = streamOut();
            let n = 0;
            for await (const t of service.store.streamTasks(filter)) {
              await out.write(`${taskLine(t)}\n`);
              n++;
            }
            if (!n) await out.write('no tasks\n');
            await out.end();
            return;
          }
          // A page: the one asked for, or by default the first TEXT_PAGE tasks of a long listing.
          const limit = opts.limit ?? (json || opts.all ? undefined : TEXT_PAGE);
          const { tasks: list, total } = await service.list({ ...filter, limit, offset: opts.offset });
          // The tree groups by plan: one heading per plan, its tasks (and their sub-tasks) under it.
          const plans = opts.tree ? await (await ctx.plans()).list() : [];
          emit({ tasks: list, total }, () => {
            const table = taskTable(list, {
              tree: opts.tree,
              plans: new Map(plans.map((p) => [p.id, `${p.title} (${p.id}, ${p.state})`])),
            });
            return total > list.length
              ? `${table}\n… ${list.length} of ${total} shown: --all for every task, --limit/--offset to page, --json for a stream`
              : table;
          });
        },
      ),
    );
}
