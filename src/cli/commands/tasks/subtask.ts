import type { Command } from 'commander';
import { taskDetail } from '../../format.js';
import { action } from '../../run.js';
import type { TaskFlags } from './task-flags.js';
import { taskFlags, taskFromArgs } from './task-flags.js';

export function register(tasks: Command): void {
  taskFlags(
    tasks
      .command('subtask <parent> [file]')
      .description('append a sub-task to a parent (create_subtask); sub-tasks run one after another'),
  )
    .option('--after <id>', 'insert right after this sibling')
    .option('--before <id>', 'insert right before this sibling')
    .action(
      action(
        async (
          { ctx, emit, io },
          parent: string,
          file: string | undefined,
          opts: TaskFlags & { after?: string; before?: string },
        ) => {
          const { task, warnings } = await (await ctx.tasks()).subtaskWithWarnings(
            parent,
            taskFromArgs(file, opts, ctx.root),
            {
              after: opts.after,
              before: opts.before,
            },
          );
          for (const w of warnings) io.err(`warning: ${w}`);
          emit(task, () => `created sub-task ${task.id} (position ${task.position})\n${taskDetail(task)}`);
        },
      ),
    );
}
