import type { Command } from 'commander';
import { taskDetail } from '../../format.js';
import { action, defaultOwner, intOption } from '../../run.js';
import type { FilterFlags } from './filters.js';
import { filterFlags, toFilter } from './filters.js';

export function register(tasks: Command): void {
  filterFlags(
    tasks
      .command('claim [id]')
      .description(
        'atomically take the next ready task (or this one) with a lease; --json prints the task or null',
      ),
  )
    .option('--owner <name>', 'who takes it (default $PLANSMITH_OWNER or user@host:pid)')
    .option('--lease <seconds>', 'lease length (default the task timeout, else 1800)', intOption('--lease'))
    .action(
      action(
        async (
          { ctx, emit },
          id: string | undefined,
          opts: FilterFlags & { owner?: string; lease?: number },
        ) => {
          const task = await (await ctx.tasks()).claim({
            owner: opts.owner ?? defaultOwner(),
            lease_seconds: opts.lease,
            filter: toFilter(opts),
            task_id: id,
          });
          emit(task, () =>
            task
              ? `claimed ${task.id} until ${task.lease?.expires_at}\n${taskDetail(task)}`
              : 'nothing is ready to claim',
          );
        },
      ),
    );
}
