import type { Command } from 'commander';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('validate')
    .description('check the whole store: cycles, dangling ids, stale leases, derived state; exit 1 on errors')
    .action(
      action(async ({ ctx, emit }) => {
        const r = await (await ctx.tasks()).validate();
        emit(r, () => {
          if (r.findings.length === 0) return `ok: ${r.tasks} tasks, no problems`;
          return [
            ...r.findings.map((f) => `${f.severity}: ${f.message}`),
            `${r.findings.length} finding(s) in ${r.tasks} tasks`,
          ].join('\n');
        });
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
