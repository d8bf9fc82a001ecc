import type { TaskStatus } from '../domain/task.js';
import { satisfies } from '../domain/task.js';

/** Everything readiness depends on, gathered by the store. */
export interface ReadinessFacts {
  status: TaskStatus;
  subtask_count: number;
  dependencyStatuses: TaskStatus[];
  /** For a sub-task: the statuses of its parent's dependencies. */
  parentDependencyStatuses: TaskStatus[];
  /** For a sub-task: the statuses of the siblings before it. */
  earlierSiblingStatuses: TaskStatus[];
}

export function isReady(f: ReadinessFacts): boolean {
  return (
    f.status === 'pending' &&
    f.subtask_count === 0 &&
    f.dependencyStatuses.every(satisfies) &&
    f.parentDependencyStatuses.every(satisfies) &&
    f.earlierSiblingStatuses.every(satisfies)
  );
}

/**
 * The status of a parent with sub-tasks, derived from theirs: done when all are done or cancelled
 * (and at least one is done); failed when one failed; blocked when one is blocked; in progress once
 * any has started or finished; else pending.
 */
export function deriveParentStatus(children: TaskStatus[]): TaskStatus {
  if (children.length === 0) return 'pending';
  if (children.every(satisfies)) return children.some((s) => s === 'done') ? 'done' : 'cancelled';
  if (children.includes('failed')) return 'failed';
  if (children.includes('blocked')) return 'blocked';
  if (children.some((s) => s === 'in_progress' || s === 'done')) return 'in_progress';
  return 'pending';
}
