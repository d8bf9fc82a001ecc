import type { Command } from 'commander';
import { action, defaultOwner } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('fail <id>')
    .description('report a failed attempt; the task is retried until max_attempts, then fails')
    .requiredOption('--error <text>', 'what went wrong')
    .option('--owner <name>', 'the lease holder (default $PLANSMITH_OWNER or user@host)')
    .action(
      action(async ({ ctx, emit }, id: string, opts: { error: string; owner?: string }) => {
        const task = await (await ctx.tasks()).fail(id, {
          owner: opts.owner ?? defaultOwner(),
          error: opts.error,
        });
        emit(task, () =>
          task.status === 'failed'
            ? `${task.id} failed after ${task.attempts} attempts`
            : `${task.id} goes back to the queue (attempt ${task.attempts} of ${task.max_attempts} failed)`,
        );
      }),
    );
}
