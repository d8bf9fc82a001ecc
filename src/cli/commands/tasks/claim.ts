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
        'atomically take the next ready task (or this one) with a lease; when nothing is ready it says why and exits 1 (--json prints null)',
      ),
  )
    .option('--owner <name>', 'who takes it (default $PLANSMITH_OWNER or user@host)')
    .option('--lease <seconds>', 'lease length (default the task timeout, else 1800)', intOption('--lease'))
    .action(
      action(
        async (
          { ctx, emit, io, json },
          id: string | undefined,
          opts: FilterFlags & { owner?: string; lease?: number },
        ) => {
          const svc = await ctx.tasks();
          const task = await svc.claim({
            owner: opts.owner ?? defaultOwner(),
            lease_seconds: opts.lease,
            filter: toFilter(opts),
            task_id: id,
          });
          if (!task) {
            // Nothing claimed is not success: say why, and exit 1 (--json still prints null).
            if (json) emit(null, () => '');
            io.err(`plansmith: nothing is ready to claim: ${await svc.whyNothingReady(toFilter(opts))}`);
            process.exitCode = 1;
            return;
          }
          emit(task, () => `claimed ${task.id} until ${task.lease?.expires_at}\n${taskDetail(task)}`);
        },
      ),
    );
}
