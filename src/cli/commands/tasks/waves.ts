import type { Command } from 'commander';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('waves')
    .description('unfinished work in parallel waves: each wave can run at once when the ones before are done')
    .option('--plan <id>', 'only this plan')
    .action(
      action(async ({ ctx, emit }, opts: { plan?: string }) => {
        const r = await (await ctx.tasks()).waves({ plan_id: opts.plan });
        emit(r, () => {
          if (r.waves.length === 0 && r.stuck.length === 0) return 'no unfinished work';
          const lines = r.waves.flatMap((w, i) => [
            `wave ${i + 1} (${w.length} task${w.length === 1 ? '' : 's'})`,
            ...w.map((t) => `  ${t.id}  ${t.task_name}`),
          ]);
          if (r.stuck.length)
            lines.push(
              `stuck on a cycle (${r.stuck.length})`,
              ...r.stuck.map((t) => `  ${t.id}  ${t.task_name}`),
            );
          return lines.join('\n');
        });
      }),
    );
}
