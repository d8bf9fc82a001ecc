import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { storeContract } from './store-contract.js';

let dir: string | undefined;
storeContract({
  name: 'sqlite (a real file)',
  async makeStore(options) {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-sqlite-'));
    return openSqliteStore(join(dir, 'plansmith.db'), options);
  },
  async dispose() {
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
});
