import type { Command } from 'commander';
import { taskTable } from '../../format.js';
import { action, parseJsonInput, readInput } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('batch <file>')
    .description(
      'create tasks from a create_tasks_batch document (a JSON array, or {"tasks": [...]} with "plan_id", or with "architecture" and "title" to make a plan for them; - for stdin), all or nothing',
    )
    .option('--plan <id>', 'link the tasks to this plan')
    .action(
      action(async ({ ctx, emit, io, json }, file: string, opts: { plan?: string }) => {
        const { text, name } = readInput(file, ctx.root);
        const r = await (await ctx.tasks()).create(parseJsonInput(text, name), { plan_id: opts.plan });
        const created = r.tasks;
        const warnings = r.warnings.flat();
        // Under --json stdout stays the list of tasks (each names its plan); what to fix goes to stderr.
        if (json) for (const w of warnings) io.err(`warning: ${w}`);
        emit(created, () =>
          [
            `created ${created.length} task${created.length === 1 ? '' : 's'}${r.plan ? ` in the new plan ${r.plan.id} "${r.plan.title}"` : ''}`,
            ...warnings.map((w) => `warning: ${w}`),
            taskTable(created, { tree: true }),
          ].join('\n'),
        );
      }),
    );
}
