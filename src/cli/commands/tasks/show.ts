import type { Command } from 'commander';
import { taskDetail } from '../../format.js';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('show <id>')
    .description('one task in full, with its sub-tasks and history')
    .action(
      action(async ({ ctx, emit }, id: string) => {
        const r = await (await ctx.tasks()).show(id);
        emit(r, () => taskDetail(r.task, r));
      }),
    );
}
