import type { Command } from 'commander';
import { action } from '../../run.js';

/** cancel, retry, block, unblock: the manual moves of the status machine. */
export function register(tasks: Command): void {
  tasks
    .command('cancel <id>')
    .description('drop a task from the plan (what waits on it goes on)')
    .option('--reason <text>', 'why')
    .action(
      action(async ({ ctx, emit }, id: string, opts: { reason?: string }) => {
        const t = await (await ctx.tasks()).cancel(id, opts.reason);
        emit(t, () => `${t.id} cancelled`);
      }),
    );
  tasks
    .command('retry <id>')
    .description('put a failed task back in the queue with fresh attempts')
    .action(
      action(async ({ ctx, emit }, id: string) => {
        const t = await (await ctx.tasks()).retry(id);
        emit(t, () => `${t.id} is pending again`);
      }),
    );
  tasks
    .command('block <id>')
    .description('hold a task until unblocked')
    .requiredOption('--reason <text>', 'what blocks it')
    .action(
      action(async ({ ctx, emit }, id: string, opts: { reason: string }) => {
        const t = await (await ctx.tasks()).block(id, opts.reason);
        emit(t, () => `${t.id} blocked: ${opts.reason}`);
      }),
    );
  tasks
    .command('unblock <id>')
    .description('release a blocked task')
    .action(
      action(async ({ ctx, emit }, id: string) => {
        const t = await (await ctx.tasks()).unblock(id);
        emit(t, () => `${t.id} is pending again`);
      }),
    );
}
