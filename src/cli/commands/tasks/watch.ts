import type { Command } from 'commander';
import { action, intOption } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('watch')
    .description('print task events as they happen, from any process (--json: one JSON object per line)')
    .option('--after <seq>', 'start after this event number (default: now)', intOption('--after'))
    .option('--count <n>', 'stop after this many events', intOption('--count'))
    .action(
      action(async ({ ctx, json, io }, opts: { after?: number; count?: number }) => {
        const store = await ctx.store();
        let seen = 0;
        await new Promise<void>((resolve) => {
          let stop: (() => Promise<void>) | undefined;
          const finish = () => void stop?.().then(resolve);
          process.once('SIGINT', finish);
          store
            .watch(
              (events) => {
                for (const e of events) {
                  if (opts.count !== undefined && seen >= opts.count) break;
                  seen++;
                  io.out(
                    json
                      ? JSON.stringify(e)
                      : `${e.at}  #${e.seq}  ${e.type.padEnd(14)} ${e.task_id}${e.actor ? ` by ${e.actor}` : ''}`,
                  );
                }
                if (opts.count !== undefined && seen >= opts.count) finish();
              },
              { after: opts.after, keepAlive: true },
            )
            .then((s) => {
              stop = s;
            });
        });
      }),
    );
}
