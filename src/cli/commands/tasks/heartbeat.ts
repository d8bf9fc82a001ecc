import type { Command } from 'commander';
import { action, defaultOwner, intOption } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('heartbeat <id>')
    .description('extend the lease of a claimed task')
    .option('--owner <name>', 'the lease holder (default $PLANSMITH_OWNER or user@host)')
    .option('--lease <seconds>', 'new lease length from now', intOption('--lease'))
    .action(
      action(async ({ ctx, emit }, id: string, opts: { owner?: string; lease?: number }) => {
        const task = await (await ctx.tasks()).heartbeat(id, {
          owner: opts.owner ?? defaultOwner(),
          lease_seconds: opts.lease,
        });
        emit(task, () => `lease of ${task.id} extended until ${task.lease?.expires_at}`);
      }),
    );
}
