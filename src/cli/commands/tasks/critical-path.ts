import type { Command } from 'commander';
import { action, intOption } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('critical-path')
    .description('the longest chain of unfinished work, by estimate_minutes')
    .option('--plan <id>', 'only this plan')
    .option(
      '--default-estimate <minutes>',
      'for tasks without an estimate',
      intOption('--default-estimate'),
      30,
    )
    .action(
      action(async ({ ctx, emit }, opts: { plan?: string; defaultEstimate: number }) => {
        const r = await (await ctx.tasks()).criticalPath({
          plan_id: opts.plan,
          default_minutes: opts.defaultEstimate,
        });
        emit(r, () => {
          if (r.path.length === 0) return 'no unfinished work';
          const note = r.unestimated
            ? ` (${r.unestimated} without an estimate, counted at ${r.default_minutes} min)`
            : '';
          return [
            `critical path: ${r.path.length} tasks, ${r.total_minutes} min${note}`,
            ...r.path.map(
              (t, i) =>
                `  ${i + 1}. ${t.id}  ${t.task_name}  ${t.estimate_minutes ?? `~${r.default_minutes}`} min`,
            ),
          ].join('\n');
        });
      }),
    );
}
