import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { InputError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';

/**
 * Markdown to a syntax tree (CommonMark + GFM), the one place plan markdown is parsed: the plan reader
 * (lint, import) and the dashboard's renderer both call `markdownTree`.
 *
 * The CLI parses in process. The servers (`mcp --http`, `serve`) turn workers on (`useMarkdownWorkers`):
 * then the use cases call `parseAhead` with the text they are about to read, in their async part, and the
 * text is parsed on a worker thread under a time limit. The tree comes back into a small cache that the
 * synchronous reader takes it from, so the event loop never runs the parser for those texts and other
 * clients are served meanwhile; a text over the time limit is refused naming its file (and refused again
 * at once if it comes back). The budget (`markdownBudget`) still runs first: the worker is for what the
 * caps let through (the worst allowed plan still costs over a second of CPU on a slow machine).
 */

const parse = (text: string): Root =>
  fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Root;

const key = (text: string) => createHash('sha256').update(text).digest('base64');

/** Trees parsed ahead, by the hash of their text (most recently used last). */
const trees = new Map<string, Root>();
const TREES = 32;
/** Texts that went over a time limit, by hash: the limit and the message they were refused with. */
const tooSlow = new Map<string, { limitMs: number; message: string }>();

/**
 * The tree of a markdown text: the one parsed ahead on a worker if there is one (a copy: readers change
 * positions), else parsed here. A text that went over the time limit is refused, never parsed here.
 */
export function markdownTree(text: string): Root {
  const k = key(text);
  const hit = trees.get(k);
  if (hit) {
    trees.delete(k);
    trees.set(k, hit);
    return structuredClone(hit);
  }
  const slow = users.size ? tooSlow.get(k) : undefined;
  if (slow) throw new InputError(slow.message);
  return parse(text);
}

/** Whether this process parses markdown on workers (the servers). */
export function markdownWorkersOn(): boolean {
  return users.size > 0;
}

/**
 * Parses `texts` on a worker under the time limit and keeps their trees for `markdownTree`; a no-op when
 * workers are off (the CLI). `file` names the plan in the refusal.
 */
export async function parseAhead(texts: string[], file: string): Promise<void> {
  if (!users.size) return;
  const todo = [...new Set(texts)].filter((t) => !trees.has(key(t)));
  if (!todo.length) return;
  const limit = Math.min(...[...users].map((u) => u.timeLimitMs));
  for (const t of todo) {
    // Refused again at once under the same or a smaller limit (a server with a larger one tries it).
    const slow = tooSlow.get(key(t));
    if (slow && limit <= slow.limitMs) throw new InputError(slow.message);
  }
  let parsed: Root[];
  try {
    parsed = await pool().run(todo, limit);
  } catch (e) {
    if (!(e instanceof TimeLimit)) throw e;
    const message = `${file}: its markdown took over ${limit / 1000} s to parse (the limit on a server); it was not read: fewer emphasis markers (* _ ~) or brackets in a paragraph, or a shorter plan, will parse`;
    for (const t of todo) remember(tooSlow, key(t), { limitMs: limit, message }, TREES);
    throw new InputError(message);
  }
  for (let i = 0; i < todo.length; i++) {
    tooSlow.delete(key(todo[i]!));
    remember(trees, key(todo[i]!), parsed[i]!, TREES);
  }
}

function remember<V>(map: Map<string, V>, k: string, v: V, max: number): void {
  map.delete(k);
  map.set(k, v);
  if (map.size > max) map.delete(map.keys().next().value!);
}

class TimeLimit extends Error {}

export interface MarkdownWorkersHandle {
  readonly timeLimitMs: number;
  /** Stops using the workers; the last user's release ends them. */
  release(): Promise<void>;
}

const users = new Set<MarkdownWorkersHandle>();

/**
 * Turns parsing on worker threads on for this process (a server calls it once and releases it when it
 * closes). The time limit is per parse request; with several users the smallest applies.
 */
export function useMarkdownWorkers(options: { timeLimitMs?: number } = {}): MarkdownWorkersHandle {
  const handle: MarkdownWorkersHandle = {
    timeLimitMs: options.timeLimitMs ?? LIMITS.markdownParseMs,
    async release() {
      users.delete(handle);
      if (!users.size && running) {
        const p = running;
        running = null;
        await p.close();
      }
    },
  };
  users.add(handle);
  return handle;
}

let running: Pool | null = null;
const pool = () => {
  running ??= new Pool(Math.max(2, Math.min(4, availableParallelism())));
  return running;
};

interface Job {
  texts: string[];
  limitMs: number;
  resolve(trees: Root[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
}

/**
 * A few worker threads, started when first needed; each parses one request at a time. A request over its
 * time limit ends its worker (a parser cannot be interrupted otherwise) and a new one starts for the next.
 */
class Pool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private closed = false;
  private readonly modules: string[];

  constructor(private readonly size: number) {
    const req = createRequire(import.meta.url);
    this.modules = ['mdast-util-from-markdown', 'mdast-util-gfm', 'micromark-extension-gfm'].map((m) =>
      req.resolve(m),
    );
  }

  run(texts: string[], limitMs: number): Promise<Root[]> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the markdown workers are closed'));
      this.queue.push({ texts, limitMs, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const free = this.slots.find((s) => s.ready && !s.job);
      if (!free) {
        if (this.slots.filter((s) => !s.job).length === 0 && this.slots.length < this.size) this.start();
        return;
      }
      const job = this.queue.shift()!;
      free.job = job;
      // The limit counts the parse only, not the wait in the queue nor a worker's start.
      free.timer = setTimeout(() => this.overtime(free), job.limitMs);
      free.worker.postMessage(job.texts);
    }
  }

  private start(): void {
    const worker = new Worker(WORKER, { eval: true, workerData: { modules: this.modules } });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null };
    this.slots.push(slot);
    worker.on('message', (m: { ready?: true; trees?: Root[]; error?: string }) => {
      if (m.ready) slot.ready = true;
      else {
        const job = slot.job;
        clearTimeout(slot.timer);
        slot.job = null;
        if (m.error !== undefined) job?.reject(new Error(`markdown parser: ${m.error}`));
        else job?.resolve(m.trees!);
      }
      this.dispatch();
    });
    const gone = (e: Error) => {
      clearTimeout(slot.timer);
      this.slots = this.slots.filter((s) => s !== slot);
      slot.job?.reject(e);
      slot.job = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`a markdown worker stopped (exit code ${code})`)));
  }

  private overtime(slot: Slot): void {
    const job = slot.job;
    slot.job = null;
    this.slots = this.slots.filter((s) => s !== slot);
    job?.reject(new TimeLimit());
    void slot.worker.terminate();
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the markdown workers are closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

/**
 * The worker, as source text run with `eval` (like the SQLite listing's): it needs no file of its own, so it
 * runs alike from the CLI bundle and from the compiled modules. It imports the parser by the paths the main
 * thread resolved, says it is ready, then parses each list of texts it is sent.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
Promise.all(workerData.modules.map((m) => import(pathToFileURL(m).href))).then(([md, mdGfm, gfm]) => {
  const parse = (t) =>
    md.fromMarkdown(t, { extensions: [gfm.gfm()], mdastExtensions: [mdGfm.gfmFromMarkdown()] });
  // A first parse warms the parser up, so a request's time is the parse alone.
  parse('# a\\n\\n- [ ] *b* _c_ [d](e) \`f\`\\n\\n| g | h |\\n| - | - |\\n| i | j |\\n');
  parentPort.on('message', (texts) => {
    try {
      const trees = texts.map(parse);
      parentPort.postMessage({ trees });
    } catch (e) {
      parentPort.postMessage({ error: String((e && e.message) || e) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;
