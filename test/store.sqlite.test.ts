import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { storeContract } from './store-contract.js';

const dirs: string[] = [];
storeContract({
  name: 'sqlite (a real file)',
  async makeStore(options) {
    dirs.push(mkdtempSync(join(tmpdir(), 'plansmith-sqlite-')));
    return openSqliteStore(join(dirs.at(-1)!, 'plansmith.db'), options);
  },
  async reopen(options) {
    return openSqliteStore(join(dirs.at(-1)!, 'plansmith.db'), options);
  },
  async dispose() {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
});

describe('sqlite: a database from a newer plansmith', () => {
  it('is refused with the migration it does not know, and left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansmith-sqlite-newer-'));
    try {
      const path = join(dir, 'plansmith.db');
      await (await openSqliteStore(path)).close();
      const raw = new BetterSqlite3(path);
      raw
        .prepare("insert into kysely_migration (name, timestamp) values ('9999_future', '2027-01-01')")
        .run();
      raw.close();
      await expect(openSqliteStore(path)).rejects.toThrow(
        `the database ${path} has migration 9999_future, which this plansmith does not know`,
      );
      const after = new BetterSqlite3(path, { readonly: true });
      expect(after.prepare('select name from kysely_migration order by name').pluck().all()).toEqual([
        '0001_tasks',
        '0002_event_notify',
        '0003_planner_steps',
        '0004_plans',
        '0005_listing_order',
        '9999_future',
      ]);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
