import type { Command } from 'commander';
import { taskDetail } from '../../format.js';
import { action } from '../../run.js';
import type { TaskFlags } from './task-flags.js';
import { taskFlags, taskFromArgs } from './task-flags.js';

export function register(tasks: Command): void {
  taskFlags(
    tasks
      .command('add [file]')
      .description('create one task (create_task), from flags or a JSON file; prints its id'),
  )
    .option('--plan <id>', 'link the task to this plan')
    .action(
      action(async ({ ctx, emit, io }, file: string | undefined, opts: TaskFlags & { plan?: string }) => {
        const { task, warnings } = await (await ctx.tasks()).addWithWarnings(
          taskFromArgs(file, opts, ctx.root),
          {
            plan_id: opts.plan,
          },
        );
        for (const w of warnings) io.err(`warning: ${w}`);
        emit(task, () => `created ${task.id}\n${taskDetail(task)}`);
      }),
    );
}
