import type { Command } from 'commander';
import { action } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('history <id>')
    .description("a task's events: created, claimed, verdicts, re-opens, failures")
    .action(
      action(async ({ ctx, emit }, id: string) => {
        const events = await (await ctx.store()).history(id);
        emit(events, () =>
          events
            .map((e) => `${e.at}  ${e.type}${e.actor ? ` by ${e.actor}` : ''}  ${JSON.stringify(e.data)}`)
            .join('\n'),
        );
      }),
    );
}
