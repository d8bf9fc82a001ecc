import type { Command } from 'commander';
import { taskDetail } from '../../format.js';
import { action } from '../../run.js';
import type { FilterFlags } from './filters.js';
import { filterFlags, toFilter } from './filters.js';

export function register(tasks: Command): void {
  filterFlags(
    tasks
      .command('next')
      .description('the next task to work on (does not claim it); --json prints the task or null'),
  ).action(
    action(async ({ ctx, emit }, opts: FilterFlags) => {
      const task = await (await ctx.tasks()).next(toFilter(opts));
      emit(task, () => (task ? taskDetail(task) : 'nothing is ready'));
    }),
  );
}
