import type { Kysely, Migration, MigrationProvider, Migrator } from 'kysely';
import { sql } from 'kysely';
import { ConfigError } from '../../domain/errors.js';

// Migrations run against the schema as it was when they were written, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: Kysely's documented type for migrations
type AnyDb = Kysely<any>;

export type DialectName = 'sqlite' | 'postgres';

/** PostgreSQL channel that hears of every batch of task events (LISTEN plansmith_task_events). */
export const EVENTS_CHANNEL = 'plansmith_task_events';

/**
 * Versioned migrations, in code so they ship inside the package. Both backends run the same list;
 * where a type differs, the dialect decides. Never edit a released migration: add a new one.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    '0001_tasks': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('plan_id', 'text')
          .addColumn('batch_id', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'text', (c) => c.references('tasks.id'))
          .addColumn('task_order', 'integer', (c) => c.notNull())
          .addColumn('position', 'integer')
          .addColumn('task_name', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('skill_id', 'text')
          .addColumn('category', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('ready', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('inputs', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('validation_criteria', 'text', (c) => c.notNull())
          .addColumn('timeout_seconds', 'integer')
          .addColumn('estimate_minutes', 'double precision')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_expires_at', bigint)
          .addColumn('outputs', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('last_error', 'text')
          .addColumn('subtask_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('sort_key', 'text', (c) => c.notNull())
          .addColumn('created_at', bigint, (c) => c.notNull())
          .addColumn('updated_at', bigint, (c) => c.notNull())
          .addColumn('started_at', bigint)
          .addColumn('completed_at', bigint)
          .execute();
        // `next` and `claim`: the first ready task in order, one index seek.
        await db.schema
          .createIndex('tasks_queue')
          .on('tasks')
          .columns(['status', 'ready', 'sort_key'])
          .execute();
        await db.schema
          .createIndex('tasks_lease')
          .on('tasks')
          .columns(['status', 'lease_expires_at'])
          .execute();
        await db.schema.createIndex('tasks_parent').on('tasks').columns(['parent_id', 'position']).execute();
        await db.schema.createIndex('tasks_plan').on('tasks').columns(['plan_id', 'sort_key']).execute();
        await db.schema.createIndex('tasks_sort').on('tasks').column('sort_key').execute();

        await db.schema
          .createTable('task_deps')
          .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
          .addColumn('dep_id', 'text', (c) => c.notNull().references('tasks.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('task_deps_pk', ['task_id', 'kind', 'dep_id'])
          .execute();
        await db.schema
          .createIndex('task_deps_reverse')
          .on('task_deps')
          .columns(['dep_id', 'kind'])
          .execute();

        const events = db.schema.createTable('task_events');
        await (dialect === 'postgres'
          ? events.addColumn('seq', 'bigserial', (c) => c.primaryKey())
          : events.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        )
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('at', bigint, (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
        await db.schema
          .createIndex('task_events_task')
          .on('task_events')
          .columns(['task_id', 'seq'])
          .execute();
      },
      async down(db: AnyDb) {
        await sql`drop table if exists task_events`.execute(db);
        await sql`drop table if exists task_deps`.execute(db);
        await sql`drop table if exists tasks`.execute(db);
      },
    },
    '0002_event_notify': {
      // PostgreSQL: every statement that records task events notifies listeners on other machines, in
      // the same transaction (delivered on commit). SQLite listeners poll the events table instead.
      async up(db: AnyDb) {
        if (dialect !== 'postgres') return;
        await sql
          .raw(`create or replace function plansmith_notify_task_events() returns trigger language plpgsql as $$
            begin perform pg_notify('${EVENTS_CHANNEL}', ''); return null; end $$`)
          .execute(db);
        await sql`create trigger task_events_notify after insert on task_events
          for each statement execute function plansmith_notify_task_events()`.execute(db);
      },
      async down(db: AnyDb) {
        if (dialect !== 'postgres') return;
        await sql`drop trigger if exists task_events_notify on task_events`.execute(db);
        await sql`drop function if exists plansmith_notify_task_events()`.execute(db);
      },
    },
    '0003_planner_steps': {
      // The step-wise planner's thoughts, so a continuation survives a restart of the server.
      async up(db: AnyDb) {
        const t = db.schema.createTable('planner_steps');
        await (dialect === 'postgres'
          ? t.addColumn('seq', 'bigserial', (c) => c.primaryKey())
          : t.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        )
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('step_number', 'integer', (c) => c.notNull())
          .addColumn('total_steps', 'integer', (c) => c.notNull())
          .addColumn('next_step_required', 'integer', (c) => c.notNull())
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('revises_step', 'integer')
          .addColumn('branch_id', 'text')
          .addColumn('branch_from_step', 'integer')
          .addColumn('created_at', bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('planner_steps_session')
          .on('planner_steps')
          .columns(['session_id', 'seq'])
          .execute();
      },
      async down(db: AnyDb) {
        await sql`drop table if exists planner_steps`.execute(db);
      },
    },
    '0004_plans': {
      // Plans and every revision of each, so refine keeps history and MCP clients can read them.
      async up(db: AnyDb) {
        await db.schema
          .createTable('plans')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('slug', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('style', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('created_at', bigint, (c) => c.notNull())
          .addColumn('updated_at', bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('plan_revisions')
          .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('feedback', 'text')
          .addColumn('created_at', bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint('plan_revisions_pk', ['plan_id', 'revision'])
          .execute();
      },
      async down(db: AnyDb) {
        await sql`drop table if exists plan_revisions`.execute(db);
        await sql`drop table if exists plans`.execute(db);
      },
    },
    '0005_listing_order': {
      // Listings order by (sort_key, id) and page by that key: one index holds both, so neither the order
      // nor a keyset range needs a sort of its own.
      async up(db: AnyDb) {
        await db.schema.createIndex('tasks_listing').on('tasks').columns(['sort_key', 'id']).execute();
        await db.schema.dropIndex('tasks_sort').execute();
      },
      async down(db: AnyDb) {
        await db.schema.createIndex('tasks_sort').on('tasks').column('sort_key').execute();
        await db.schema.dropIndex('tasks_listing').execute();
      },
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}

/**
 * Applies what is missing. A database a newer plansmith has migrated is refused with a clear error (and
 * left as it is), not Kysely's "corrupted migrations".
 */
export async function migrateToLatest(migrator: Migrator, where: string): Promise<void> {
  const { error } = await migrator.migrateToLatest();
  if (!error) return;
  const newer = /previously executed migration (\S+) is missing/.exec(String((error as Error)?.message));
  if (newer)
    throw new ConfigError(
      `the database ${where} has migration ${newer[1]}, which this plansmith does not know: a newer version has used it. Upgrade plansmith, or give --db another database`,
      { migration: newer[1] },
    );
  throw error;
}
