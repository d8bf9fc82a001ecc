import type { Command } from 'commander';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('release <id>')
    .description('give a claimed task back, without counting an attempt')
    .option('--owner <name>', 'the lease holder (checked when given)')
    .action(
      action(async ({ ctx, emit }, id: string, opts: { owner?: string }) => {
        const task = await (await ctx.tasks()).release(id, { owner: opts.owner });
        emit(task, () => `${task.id} released`);
      }),
    );
}
