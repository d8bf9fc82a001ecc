import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { InputError } from '../../domain/errors.js';
import { migrateToLatest, migrationProvider } from '../kysely/migrations.js';
import type { Database as Schema } from '../kysely/schema.js';
import type { DialectAdapter, StoreOptions } from '../kysely/store.js';
import { KyselyTaskStore } from '../kysely/store.js';
import { listingChunks } from './listing.js';
import { TASK_JSON } from './task-json.js';

/**
 * The embedded store: one SQLite file in WAL mode. Writers take the database lock up front
 * (`BEGIN IMMEDIATE`), so two processes can never both claim one task; readers never wait.
 */
export async function openSqliteStore(path: string, options: StoreOptions = {}): Promise<KyselyTaskStore> {
  if (options.mustExist && path !== ':memory:' && !existsSync(path))
    throw new InputError(`no SQLite database at ${path}: give the path of an existing store`);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 15000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateSqlite(db, path).catch(async (e) => {
    await db.destroy();
    throw e;
  });
  const adapter: DialectAdapter = {
    info: { kind: 'sqlite', location: path },
    db,
    async writeTx(fn) {
      return db.connection().execute(async (conn) => {
        await beginImmediate(conn);
        try {
          const out = await fn(conn);
          await sql`commit`.execute(conn);
          return out;
        } catch (e) {
          await sql`rollback`.execute(conn);
          throw e;
        }
      });
    },
    taskJson: { column: TASK_JSON, chunks: (plan) => listingChunks(path, sqlite, plan) },
    skipLocked: (q) => q,
    forUpdate: (q) => q,
    close: () => db.destroy(),
  };
  return new KyselyTaskStore(adapter, options);
}

async function beginImmediate(conn: Kysely<Schema>): Promise<void> {
  // busy_timeout covers most waits; under heavy contention SQLite can still answer BUSY at once.
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (e) {
      if (attempt < 50 && (e as { code?: string }).code === 'SQLITE_BUSY') {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        continue;
      }
      throw e;
    }
  }
}

async function migrateSqlite(db: Kysely<Schema>, path: string): Promise<void> {
  await migrateToLatest(new Migrator({ db, provider: migrationProvider('sqlite') }), path);
}
