import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { postgresAvailable, TEST_PG_URL } from './pg-helper.js';
import { storeContract } from './store-contract.js';

const available = await postgresAvailable();
if (!available.ok) {
  // One line, never silent: the PostgreSQL half of the contract is skipped on this machine.
  console.warn(`[plansmith] PostgreSQL store tests skipped: ${available.reason}`);
  describe.skip('TaskStore contract: postgres', () => it('needs a PostgreSQL server', () => {}));
} else {
  let schema: string | undefined;
  storeContract({
    name: 'postgres (a real server, a fresh schema per test)',
    async makeStore(options) {
      schema = `plansmith_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      return openPostgresStore(TEST_PG_URL, { ...options, schema, poolSize: 4 });
    },
    async dispose() {
      if (!schema) return;
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  });
}
