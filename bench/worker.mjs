// One worker of the concurrency benchmark: claim, "work", complete, until nothing is left.
import { openStore } from '../dist/index.js';
import { args } from './lib.mjs';

const opt = args({ db: '', owner: 'w', lease: 5, workMs: 2 });
const store = await openStore({ db: opt.db });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let done = 0;
let lost = 0;
for (;;) {
  const t = await store.claim({ owner: opt.owner, lease_seconds: opt.lease });
  if (!t) {
    const open = await store.countTasks({ status: ['pending', 'in_progress', 'blocked'] });
    if (open === 0) break;
    await sleep(10 + Math.random() * 20);
    continue;
  }
  // Tell the orchestrator we hold a lease (it may choose this moment to SIGKILL us).
  process.stdout.write(`claimed ${t.id}\n`);
  if (opt.workMs > 0) await sleep(Math.random() * opt.workMs);
  try {
    await store.complete(t.id, { owner: opt.owner });
    done++;
  } catch (e) {
    // The lease expired and another worker took the task over: our result is not recorded.
    if (e?.code === 'CONFLICT' || e?.code === 'INVALID_TRANSITION') lost++;
    else throw e;
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ owner: opt.owner, done, lost })}\n`);
