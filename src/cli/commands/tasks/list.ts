import type { Command } from 'commander';
import { taskTable } from '../../format.js';
import { action, intOption } from '../../run.js';
import type { FilterFlags } from './filters.js';
import { filterFlags, toFilter } from './filters.js';

export function register(tasks: Command): void {
  filterFlags(tasks.command('list').description('list tasks in order'), true)
    .option('--tree', 'show sub-tasks under their parent')
    .option('--limit <n>', 'at most this many', intOption('--limit'))
    .option('--offset <n>', 'skip this many', intOption('--offset'))
    .action(
      action(
        async ({ ctx, emit }, opts: FilterFlags & { tree?: boolean; limit?: number; offset?: number }) => {
          const { tasks: list, total } = await (await ctx.tasks()).list({
            ...toFilter(opts),
            limit: opts.limit,
            offset: opts.offset,
          });
          // The tree groups by plan: one heading per plan, its tasks (and their sub-tasks) under it.
          const plans = opts.tree ? await ctx.plans().list() : [];
          emit({ tasks: list, total }, () =>
            taskTable(list, {
              tree: opts.tree,
              total,
              plans: new Map(plans.map((p) => [p.id, `${p.title} (${p.id}, ${p.state})`])),
            }),
          );
        },
      ),
    );
}
