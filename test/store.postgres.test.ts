import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { postgresAvailable, TEST_PG_URL } from './pg-helper.js';
import { storeContract } from './store-contract.js';
import { until } from './until.js';

const available = await postgresAvailable();
if (!available.ok) {
  // One line, never silent: the PostgreSQL half of the contract is skipped on this machine.
  console.warn(`[plansmith] PostgreSQL store tests skipped: ${available.reason}`);
  describe.skip('TaskStore contract: postgres', () => it('needs a PostgreSQL server', () => {}));
} else {
  const schemas: string[] = [];
  storeContract({
    name: 'postgres (a real server, a fresh schema per store)',
    async makeStore(options) {
      schemas.push(`plansmith_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
      return openPostgresStore(TEST_PG_URL, { ...options, schema: schemas.at(-1)!, poolSize: 4 });
    },
    async reopen(options) {
      return openPostgresStore(TEST_PG_URL, { ...options, schema: schemas.at(-1)!, poolSize: 2 });
    },
    async dispose() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      for (const s of schemas.splice(0)) await c.query(`drop schema if exists "${s}" cascade`);
      await c.end();
    },
  });

  describe('postgres: watchers', () => {
    it('share one LISTEN connection, opened by the first and closed with the last; each hears every event', async () => {
      const schema = `plansmith_test_${process.pid}_listen_${Math.random().toString(36).slice(2, 8)}`;
      const store = await openPostgresStore(TEST_PG_URL, { schema, poolSize: 2 });
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      const listening = async () =>
        Number(
          (
            await admin.query('select count(*) from pg_stat_activity where application_name = $1', [
              `plansmith listen ${schema}`,
            ])
          ).rows[0].count,
        );
      try {
        const heard = [0, 0, 0];
        const stops = await Promise.all(
          heard.map((_, i) =>
            store.watch(
              (events) => {
                heard[i]! += events.length;
              },
              { intervalMs: 60_000 },
            ),
          ),
        );
        expect(await listening()).toBe(1);
        await store.createBatch([{ task_name: 'a' }, { task_name: 'b' }]);
        await until(() => heard.every((n) => n >= 2), 'every listener to hear both tasks');
        expect(heard).toEqual([2, 2, 2]);
        await stops[0]!();
        await stops[1]!();
        expect(await listening()).toBe(1);
        await stops[2]!();
        await until(async () => (await listening()) === 0, 'the last listener to stop listening');
        expect(await listening()).toBe(0);
      } finally {
        await store.close();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    });
  });
}
