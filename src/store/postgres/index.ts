import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../domain/errors.js';
import type { Database as Schema } from '../kysely/schema.js';
import type { DialectAdapter, StoreOptions } from '../kysely/store.js';
import { KyselyTaskStore } from '../kysely/store.js';

// int8 (bigint) columns hold epoch milliseconds and sequence numbers: safe as JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

import { EVENTS_CHANNEL, migrateToLatest, migrationProvider } from '../kysely/migrations.js';

export { EVENTS_CHANNEL };

export interface PostgresStoreOptions extends StoreOptions {
  /** A schema to use (created if missing); default `public`. */
  schema?: string;
  poolSize?: number;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
}

/**
 * The team store: PostgreSQL through a connection pool. Claims use `FOR UPDATE SKIP LOCKED`, so
 * workers never wait on each other's claims; derived state locks rows in id order (no deadlocks
 * between writers of the same rows), and a transaction that loses a deadlock or serialisation race
 * is retried.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<KyselyTaskStore> {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new ConfigError(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    const c = await pool.connect();
    try {
      if (schema) {
        await c.query(`create schema if not exists "${schema}"`);
      }
    } finally {
      c.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw new ConfigError(`cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<() => void>();
  let listening: { client: pg.Client; ready: Promise<void> } | null = null;
  if (options.migrate !== false)
    await migratePostgres(db, schema).catch(async (e) => {
      await db.destroy();
      throw e;
    });
  const adapter: DialectAdapter = {
    info: { kind: 'postgres', location: redact(url) + (schema ? ` (schema ${schema})` : '') },
    db,
    async writeTx(fn) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (attempt < 8 && (code === '40P01' || code === '40001')) {
            await new Promise((r) => setTimeout(r, 5 * 2 ** attempt * Math.random()));
            continue;
          }
          throw e;
        }
      }
    },
    skipLocked: (q) => q.forUpdate().skipLocked(),
    forUpdate: (q) => q.forUpdate(),
    async listen(onNotify) {
      // One LISTEN connection for the store, however many watch it (every dashboard tab, `tasks watch`):
      // opened by the first watcher, closed with the last. pg_stat_activity shows it by its name.
      listeners.add(onNotify);
      if (!listening) {
        const client = new pg.Client({
          connectionString: url,
          application_name: `plansmith listen${schema ? ` ${schema}` : ''}`,
        });
        const ready = (async () => {
          await client.connect();
          client.on('notification', () => {
            for (const l of listeners) l();
          });
          client.on('error', () => {});
          await client.query(`listen ${EVENTS_CHANNEL}`);
        })();
        listening = { client, ready };
        ready.catch(() => {
          if (listening?.client === client) listening = null;
          client.end().catch(() => {});
        });
      }
      const mine = listening;
      try {
        await mine.ready;
      } catch (e) {
        listeners.delete(onNotify);
        throw e;
      }
      return async () => {
        listeners.delete(onNotify);
        if (listeners.size || listening !== mine) return;
        listening = null;
        await mine.client.end().catch(() => {});
      };
    },
    async afterLoad(trx) {
      for (const table of ['task_events', 'planner_steps']) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'seq'), coalesce((select max(seq) from ${sql.table(table)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    },
    async close() {
      listeners.clear();
      const open = listening;
      listening = null;
      await open?.client.end().catch(() => {});
      await db.destroy();
    },
  };
  return new KyselyTaskStore(adapter, options);
}

export async function migratePostgres(db: Kysely<Schema>, schema?: string): Promise<void> {
  // One migrator at a time, across processes: Kysely's migrator takes an advisory lock itself. Its
  // bookkeeping tables go in our schema: left implicit, it finds another schema's and skips its own.
  const migrator = new Migrator({
    db,
    provider: migrationProvider('postgres'),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  await migrateToLatest(migrator, `on PostgreSQL${schema ? ` (schema ${schema})` : ''}`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
