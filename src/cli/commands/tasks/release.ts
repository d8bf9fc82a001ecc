import type { Command } from 'commander';
import { action, defaultOwner } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('release <id>')
    .description('give a claimed task back, without counting an attempt')
    .option('--owner <name>', 'the lease holder (default $PLANSMITH_OWNER or user@host)')
    .action(
      action(async ({ ctx, emit }, id: string, opts: { owner?: string }) => {
        const task = await (await ctx.tasks()).release(id, { owner: opts.owner ?? defaultOwner() });
        emit(task, () => `${task.id} released`);
      }),
    );
}
