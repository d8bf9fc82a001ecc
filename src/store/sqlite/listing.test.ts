import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingKey, ListingPlan } from '../kysely/core.js';
import { listingChunks } from './listing.js';

// A table of numbered JSON texts stands in for tasks: what is tested here is the cutting, the threads and
// the encoding, not the task JSON (the store contract suite checks that on real tasks).
let dir: string;
let path: string;
let db: BetterSqlite3.Database;
const ROWS = 1000;
const text = (k: number) =>
  k === 500
    ? JSON.stringify({ k, big: 'ü€😀'.repeat(300_000) }) // ~2.7 MB of UTF-8: more than a worker's first buffer
    : JSON.stringify({ k, name: k % 3 ? `task ${k}` : `tâche ${k} ✓` });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plansmith-listing-'));
  path = join(dir, 'l.db');
  db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.exec('create table t (k integer primary key, j text not null)');
  db.exec('create table empty (k integer primary key, j text not null)');
  const insert = db.prepare('insert into t (k, j) values (?, ?)');
  db.transaction(() => {
    for (let k = 1; k <= ROWS; k++) insert.run(k, text(k));
  })();
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(chunk: number, table = 't', column = 'j'): ListingPlan {
  const rows = `select ${column} from ${table}`;
  const range = (a: ListingKey | null, b: ListingKey | null) => {
    const where = [a ? 'k >= ?' : '', b ? 'k < ?' : ''].filter(Boolean).join(' and ');
    const params = [a?.id, b?.id].filter((v) => v !== undefined).map(Number);
    return CompiledQuery.raw(`${rows}${where ? ` where ${where}` : ''} order by k`, params);
  };
  return {
    chunk,
    separator: ',\n',
    nextKey: (k) =>
      CompiledQuery.raw(
        `select k as sort_key, k as id from ${table}${k ? ' where k >= ?' : ''} order by k limit 1 offset ${chunk}`,
        k ? [Number(k.id)] : [],
      ),
    rows: range as ListingPlan['rows'],
  };
}

async function read(p: ListingPlan, threads: number): Promise<string[]> {
  const decoder = new TextDecoder();
  const out: string[] = [];
  // Decoded at once: a chunk's buffer is reused once the next one is asked for.
  for await (const bytes of listingChunks(path, db, p, threads)) out.push(decoder.decode(bytes));
  return out;
}

describe('listingChunks', () => {
  it('writes the same chunks on worker threads as on one, in order, whole rows each, in UTF-8', async () => {
    const one = await read(plan(50), 1);
    const two = await read(plan(50), 2);
    const three = await read(plan(50), 3);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(one).toHaveLength(ROWS / 50);
    const parsed = one.flatMap((c) => JSON.parse(`[${c}]`) as { k: number }[]);
    expect(parsed.map((r) => r.k)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(`[${one.join(',\n')}]`).toBe(
      `[${Array.from({ length: ROWS }, (_, i) => text(i + 1)).join(',\n')}]`,
    );
  });

  it('writes a short listing on one thread, and an empty one as nothing', async () => {
    expect(await read(plan(400), 2)).toHaveLength(3);
    expect(await read(plan(50, 'empty'), 2)).toEqual([]);
  });

  it('reports a query that fails in a worker with the file, and stops its workers', async () => {
    const bad = plan(50, 't', 'no_such_column');
    // The first chunks' keys are read first; the rows fail in the workers.
    await expect(read(bad, 2)).rejects.toThrow(`listing from ${path}: no such column: no_such_column`);
  });

  it('stops its workers when the reader stops early', async () => {
    let seen = 0;
    for await (const _ of listingChunks(path, db, plan(50), 2)) if (++seen === 2) break;
    expect(seen).toBe(2);
    // The workers are gone: a full listing still works afterwards.
    expect(await read(plan(50), 2)).toHaveLength(ROWS / 50);
  });
});
