import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('graph')
    .description('the dependency graph as Mermaid, DOT or JSON')
    .option(
      '--format <mermaid|dot|json>',
      'output format',
      (v) => {
        if (!['mermaid', 'dot', 'json'].includes(v))
          throw new InvalidArgumentError('use mermaid, dot or json');
        return v;
      },
      'mermaid',
    )
    .option('--plan <id>', 'only this plan')
    .action(
      action(async ({ ctx, json, io }, opts: { format: 'mermaid' | 'dot' | 'json'; plan?: string }) => {
        const format = json ? 'json' : opts.format;
        const g = await (await ctx.tasks()).graph({ format, plan_id: opts.plan });
        io.out(typeof g === 'string' ? g : JSON.stringify(g, null, 2));
      }),
    );
}
