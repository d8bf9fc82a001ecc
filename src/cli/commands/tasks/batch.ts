import type { Command } from 'commander';
import { taskTable } from '../../format.js';
import { action, parseJsonInput, readInput } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('batch <file>')
    .description(
      'create tasks from a create_tasks_batch document (a JSON array or {"tasks": [...]}; - for stdin), all or nothing',
    )
    .option('--plan <id>', 'link the tasks to this plan')
    .action(
      action(async ({ ctx, emit }, file: string, opts: { plan?: string }) => {
        const { text, name } = readInput(file, ctx.root);
        const created = await (await ctx.tasks()).batch(parseJsonInput(text, name), { plan_id: opts.plan });
        emit(
          created,
          () =>
            `created ${created.length} task${created.length === 1 ? '' : 's'}\n${taskTable(created, { tree: true })}`,
        );
      }),
    );
}
