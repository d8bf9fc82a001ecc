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
}
