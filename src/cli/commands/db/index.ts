import type { Command } from 'commander';
import { action } from '../../run.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('the store: migrations, copies between SQLite and PostgreSQL');
  db.command('migrate')
    .description('apply pending migrations to the store (--db or the default) and list them')
    .action(
      action(async ({ ctx, emit }) => {
        const store = await ctx.store();
        const applied = await store.migrations();
        emit(
          { store: store.info, migrations: applied },
          () => `${store.info.kind} ${store.info.location}: up to date (${applied.join(', ')})`,
        );
      }),
    );
  db.command('copy')
    .description('copy a whole task graph into an empty store, then verify it reads back identical')
    .requiredOption('--from <file|url>', 'source: a SQLite file or postgres:// URL')
    .requiredOption('--to <file|url>', 'target (must be empty): a SQLite file or postgres:// URL')
    .action(
      action(async ({ ctx, emit }, opts: { from: string; to: string }) => {
        const { copyStore } = await import('../../../app/db.js');
        const r = await copyStore({ from: opts.from, to: opts.to, root: ctx.root });
        emit(
          r,
          () =>
            `copied ${r.tasks} tasks, ${r.links} links, ${r.events} events to ${r.to}; verified identical`,
        );
      }),
    );
}
