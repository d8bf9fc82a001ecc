// The library API, by name.
export { TaskService } from './app/tasks.js';
export type { ContextOptions } from './context.js';
export { AppContext, createContext } from './context.js';
export type { ErrorCode, Issue } from './domain/errors.js';
export {
  AmbiguousIdError,
  ConfigError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  PlansmithError,
  ValidationError,
} from './domain/errors.js';
export { ulid } from './domain/ids.js';
export type {
  CompleteInput,
  FeedbackForRebuild,
  Lease,
  SubtaskInput,
  Task,
  TaskEvent,
  TaskFilter,
  TaskInput,
  TaskKind,
  TaskStatus,
  ValidationCriteria,
  Verdict,
} from './domain/task.js';
export { TASK_KINDS, TASK_STATUSES } from './domain/task.js';
export { parseBatch, prepareBatch, resolveBatch } from './graph/batch.js';
export { findCycle } from './graph/cycles.js';
export type { CriticalPath, GraphNode, Waves, WorkGraph } from './graph/model.js';
export { buildWorkGraph, computeCriticalPath, computeWaves } from './graph/model.js';
export { renderGraph } from './graph/render.js';
export { openStore, storeTarget } from './store/open.js';
export { openPostgresStore } from './store/postgres/index.js';
export { openSqliteStore } from './store/sqlite/index.js';
export type { ClaimOptions, CompleteResult, Finding, TaskStore } from './store/task-store.js';
