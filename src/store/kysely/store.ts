import type { TaskStore } from '../task-store.js';
import * as checks from './checks.js';
import * as completion from './completion.js';
import { StoreCore } from './core.js';
import * as creation from './creation.js';
import * as dump from './dump.js';
import * as events from './events.js';
import * as plans from './plans.js';
import * as scheduling from './scheduling.js';
import * as transitions from './transitions.js';

export { type DialectAdapter, type StoreOptions, toTask } from './core.js';

/**
 * The one `TaskStore` over both backends (SQLite, PostgreSQL; the `DialectAdapter` says what differs). Each
 * concern lives in its own file as functions of the shared core; this class only puts them behind the
 * interface, so callers and the contract suite see one store.
 *
 * | file | what |
 * | --- | --- |
 * | `creation.ts` | batches, tasks, sub-tasks |
 * | `scheduling.ts` | lists, next, claims and lease expiry, heartbeats |
 * | `completion.ts` | completion and the critique loop |
 * | `transitions.ts` | fail, release, cancel, revise, retry, block, unblock |
 * | `derived.ts` | parent status and readiness after every change |
 * | `checks.ts` | graph nodes, validate |
 * | `events.ts` | history, the event log, watch |
 * | `plans.ts` | planner sessions, plans and revisions |
 * | `dump.ts` | migrations, dump and load |
 */
export class KyselyTaskStore extends StoreCore implements TaskStore {
  async close(): Promise<void> {
    await this.adapter.close();
  }

  createBatch: TaskStore['createBatch'] = (...a) => creation.createBatch(this, ...a);
  createTask: TaskStore['createTask'] = (...a) => creation.createTask(this, ...a);
  createSubtask: TaskStore['createSubtask'] = (...a) => creation.createSubtask(this, ...a);
  listTasks: TaskStore['listTasks'] = (...a) => scheduling.listTasks(this, ...a);
  countTasks: TaskStore['countTasks'] = (...a) => scheduling.countTasks(this, ...a);
  streamTasks: TaskStore['streamTasks'] = (...a) => scheduling.streamTasks(this, ...a);
  streamTaskJson: TaskStore['streamTaskJson'] = (...a) => scheduling.streamTaskJson(this, ...a);
  next: TaskStore['next'] = (...a) => scheduling.next(this, ...a);
  claim: TaskStore['claim'] = (...a) => scheduling.claim(this, ...a);
  heartbeat: TaskStore['heartbeat'] = (...a) => scheduling.heartbeat(this, ...a);
  complete: TaskStore['complete'] = (...a) => completion.complete(this, ...a);
  fail: TaskStore['fail'] = (...a) => transitions.fail(this, ...a);
  release: TaskStore['release'] = (...a) => transitions.release(this, ...a);
  cancel: TaskStore['cancel'] = (...a) => transitions.cancel(this, ...a);
  revise: TaskStore['revise'] = (...a) => transitions.revise(this, ...a);
  retry: TaskStore['retry'] = (...a) => transitions.retry(this, ...a);
  block: TaskStore['block'] = (...a) => transitions.block(this, ...a);
  unblock: TaskStore['unblock'] = (...a) => transitions.unblock(this, ...a);
  graphNodes: TaskStore['graphNodes'] = (...a) => checks.graphNodes(this, ...a);
  validate: TaskStore['validate'] = () => checks.validate(this);
  history: TaskStore['history'] = (...a) => events.history(this, ...a);
  events: TaskStore['events'] = (...a) => events.events(this, ...a);
  watch: TaskStore['watch'] = (...a) => events.watch(this, ...a);
  addPlannerStep: TaskStore['addPlannerStep'] = (...a) => plans.addPlannerStep(this, ...a);
  plannerSession: TaskStore['plannerSession'] = (...a) => plans.plannerSession(this, ...a);
  savePlan: TaskStore['savePlan'] = (...a) => plans.savePlan(this, ...a);
  getPlanModel: TaskStore['getPlanModel'] = (...a) => plans.getPlanModel(this, ...a);
  listPlans: TaskStore['listPlans'] = () => plans.listPlans(this);
  deletePlan: TaskStore['deletePlan'] = (...a) => plans.deletePlan(this, ...a);
  closePlan: TaskStore['closePlan'] = (...a) => plans.closePlan(this, ...a);
  migrations: TaskStore['migrations'] = () => dump.migrations(this);
  dump: TaskStore['dump'] = () => dump.dump(this);
  load: TaskStore['load'] = (...a) => dump.load(this, ...a);
  dumpPages: TaskStore['dumpPages'] = () => dump.dumpPages(this);
  loadPages: TaskStore['loadPages'] = (...a) => dump.loadPages(this, ...a);
}
