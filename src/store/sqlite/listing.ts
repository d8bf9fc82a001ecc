import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { ListingKey, ListingPlan } from '../kysely/core.js';

/** A listing of fewer chunks than this is written by one thread: starting workers would cost more. */
const PARALLEL_FROM = 4;
/** Chunks asked of each worker ahead of the one being written: what bounds the memory. */
const AHEAD = 2;

/**
 * A whole listing out of SQLite. Chunk boundaries are read on a connection of its own, in one read
 * transaction (one snapshot: no two chunks overlap, none is skipped). A short listing is one query; a long
 * one is shared among worker threads, each with its own read-only connection, each building and encoding
 * its chunks while the caller writes the ones before: json_object is most of the cost, and it is the part
 * that runs on every core. Chunks come back in order, at most a few ahead.
 */
export async function* listingChunks(
  path: string,
  shared: Database.Database,
  plan: ListingPlan,
  threads = Math.min(4, availableParallelism()),
): AsyncGenerator<Uint8Array> {
  const own = path === ':memory:' ? null : new BetterSqlite3(path, { readonly: true });
  const db = own ?? shared;
  const statements = new Map<string, Database.Statement>();
  const run = (q: CompiledQuery) => {
    const stmt = statements.get(q.sql) ?? db.prepare(q.sql);
    statements.set(q.sql, stmt);
    return stmt;
  };
  const keyAfter = (k: ListingKey | null) => {
    const query = plan.nextKey(k);
    return (run(query).get(...params(query)) as ListingKey | undefined) ?? null;
  };
  if (own) own.exec('begin');
  try {
    const keys: ListingKey[] = [];
    while (keys.length < PARALLEL_FROM - 1) {
      const k = keyAfter(keys.at(-1) ?? null);
      if (!k) break;
      keys.push(k);
    }
    if (!own || threads < 2 || keys.length < PARALLEL_FROM - 1) {
      yield* oneThread(run, plan);
      return;
    }
    yield* threaded(path, plan, keys, keyAfter, threads);
  } finally {
    if (own?.inTransaction) own.exec('commit');
    own?.close();
  }
}

const params = (c: CompiledQuery) => c.parameters as unknown[];

function* oneThread(run: (q: CompiledQuery) => Database.Statement, plan: ListingPlan): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const all = plan.rows(null, null);
  let page: string[] = [];
  for (const j of run(all)
    .pluck()
    .iterate(...params(all)) as Iterable<string>) {
    page.push(j);
    if (page.length < plan.chunk) continue;
    yield encoder.encode(page.join(plan.separator));
    page = [];
  }
  if (page.length) yield encoder.encode(page.join(plan.separator));
}

type Pending = { resolve: (b: Uint8Array) => void; reject: (e: Error) => void };
type Reply = { i: number; buffer?: ArrayBuffer; length?: number; error?: string };

async function* threaded(
  path: string,
  plan: ListingPlan,
  first: ListingKey[],
  keyAfter: (k: ListingKey) => ListingKey | null,
  threads: number,
): AsyncGenerator<Uint8Array> {
  const pending = new Map<number, Pending>();
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const workerData = {
    path,
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    separator: plan.separator,
  };
  const pool = Array.from({ length: threads }, () => {
    const w = new Worker(WORKER, { eval: true, workerData });
    w.on('message', (m: Reply) => {
      const p = pending.get(m.i);
      pending.delete(m.i);
      if (m.error !== undefined) p?.reject(new Error(`listing from ${path}: ${m.error}`));
      else p?.resolve(new Uint8Array(m.buffer!, 0, m.length));
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (pending.size) fail(new Error(`listing from ${path}: a worker stopped (exit code ${code})`));
    });
    return w;
  });
  // Chunk i runs from starts[i] to starts[i + 1]; the first starts at the beginning, the last ends at the end.
  const starts: (ListingKey | null)[] = [null, ...first];
  let next = 0;
  let ended = false;
  const ask = (i: number): Promise<Uint8Array> => {
    if (starts.length <= i + 1 && !ended) {
      const k = keyAfter(starts[starts.length - 1]!);
      if (k) starts.push(k);
      else ended = true;
    }
    const query = plan.rows(starts[i]!, starts[i + 1] ?? null);
    const out = new Promise<Uint8Array>((resolve, reject) => {
      if (failure) return reject(failure);
      pending.set(i, { resolve, reject });
      pool[i % threads]!.postMessage({ i, sql: query.sql, parameters: query.parameters });
    });
    out.catch(() => {}); // awaited in order below; this only keeps an early failure from going unhandled
    return out;
  };
  const queue: Promise<Uint8Array>[] = [];
  try {
    for (let i = 0; ; i++) {
      while (queue.length < threads * AHEAD && !(ended && next >= starts.length)) queue.push(ask(next++));
      const chunk = queue.shift();
      if (!chunk) return;
      const bytes = await chunk;
      // A chunk read empty (its tasks left the filter since the keys were read) is not written at all.
      if (bytes.length) yield bytes;
      // The caller is done with it (see TaskStore.streamTaskJson): its buffer goes back to be filled again.
      pool[i % threads]!.postMessage({ recycle: bytes.buffer }, [bytes.buffer as ArrayBuffer]);
    }
  } finally {
    for (const w of pool) w.postMessage('close');
    await Promise.all(pool.map((w) => (w.threadId === -1 ? null : new Promise((r) => w.once('exit', r)))));
  }
}

/**
 * The worker, as source text run with `eval`: it needs no file of its own, so it runs alike from the bundle
 * and from the compiled modules (a bundler would rewrite the \`require\` of a function here). It runs the
 * chunks it is sent on its own read-only connection and encodes each task straight into a buffer (no string
 * of the whole chunk, which would sit in the old generation), sends the buffer over (transferred, not
 * copied) and fills it again when it comes back: a few buffers a worker, whatever the listing's size.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.path, { readonly: true });
// One pass over the chunk's rows: a small page cache (the OS caches the file) keeps each worker small.
db.pragma('cache_size = -256');
const statements = new Map();
const encoder = new TextEncoder();
const separator = encoder.encode(workerData.separator);
const free = [];
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (m.recycle) {
    free.push(m.recycle);
    return;
  }
  try {
    const stmt = statements.get(m.sql) ?? db.prepare(m.sql).pluck();
    statements.set(m.sql, stmt);
    let out = new Uint8Array(free.pop() ?? new ArrayBuffer(1 << 21));
    let at = 0;
    let n = 0;
    for (const json of stmt.iterate(...m.parameters)) {
      // A UTF-16 code unit is at most 3 bytes of UTF-8: room for the worst case, or a bigger buffer.
      const need = at + separator.length + json.length * 3;
      if (need > out.length) {
        const bigger = new Uint8Array(Math.max(out.length * 2, need));
        bigger.set(out.subarray(0, at));
        out = bigger;
      }
      if (n++) {
        out.set(separator, at);
        at += separator.length;
      }
      at += encoder.encodeInto(json, out.subarray(at)).written;
    }
    parentPort.postMessage({ i: m.i, buffer: out.buffer, length: at }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage({ i: m.i, error: String(e?.message ?? e) });
  }
});
`;
