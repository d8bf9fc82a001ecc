import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
