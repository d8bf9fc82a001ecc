import type { TaskKind, TaskStatus } from '../domain/task.js';
import { DEFAULT_LEASE_SECONDS } from '../domain/task.js';

/**
 * The rules of the task contract, as pure functions from the state of the affected tasks to what changes.
 * The store loads the rows, asks these, and writes the answer inside its transaction; readiness and a
 * parent's status are in `ready.ts`. Nothing here touches a database, so every rule is tested on its own
 * (`rules.test.ts`), and a second backend cannot apply them in another order.
 */

/** The state of one task that its rules look at. Times are epoch milliseconds. */
export interface TaskState {
  id: string;
  status: TaskStatus;
  kind: TaskKind;
  ready: boolean;
  subtask_count: number;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

export type Action = 'fail' | 'release' | 'heartbeat' | 'cancel' | 'revise' | 'retry' | 'block' | 'unblock';

interface Rule {
  /** What the refusal calls the action ("cannot extend the lease of it"). */
  label: string;
  from: readonly TaskStatus[];
  /** Whether a parent with sub-tasks may take the action itself. */
  containers: boolean;
  why?: string;
}

/** The transition table: from which statuses each action may start. Completion and claims are below. */
export const TRANSITIONS: Readonly<Record<Action, Rule>> = {
  fail: { label: 'fail', from: ['in_progress'], containers: true, why: 'only a claimed task can fail' },
  release: {
    label: 'release',
    from: ['in_progress'],
    containers: true,
    why: 'only a claimed task can be released',
  },
  heartbeat: {
    label: 'extend the lease of',
    from: ['in_progress'],
    containers: true,
    why: 'only a claimed task has a lease',
  },
  cancel: { label: 'cancel', from: ['pending', 'in_progress', 'failed', 'blocked'], containers: true },
  revise: {
    label: 'revise',
    from: ['pending', 'in_progress', 'failed', 'blocked'],
    containers: true,
    why: 'finished work is never rewritten',
  },
  retry: { label: 'retry', from: ['failed'], containers: false, why: 'only a failed task can be retried' },
  block: { label: 'block', from: ['pending', 'in_progress'], containers: false },
  unblock: { label: 'unblock', from: ['blocked'], containers: false, why: 'it is not blocked' },
};

/** Why `action` may not happen to `t` (the store raises it as an invalid transition), or null. */
export function refusal(
  action: Action,
  t: Pick<TaskState, 'status' | 'subtask_count'>,
): { label: string; why?: string } | null {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(t.status) && (rule.containers || t.subtask_count === 0)) return null;
  return { label: rule.label, ...(rule.why ? { why: rule.why } : {}) };
}

/** Completion: refused, not ready yet (a conflict the caller can wait out), or allowed. */
export function completionRefusal(
  t: Pick<TaskState, 'status' | 'subtask_count' | 'ready'>,
  force = false,
): { kind: 'transition'; why?: string } | { kind: 'not-ready' } | null {
  if (t.subtask_count > 0)
    return { kind: 'transition', why: 'it has sub-tasks and is done when they all are' };
  if (t.status === 'done') return { kind: 'transition', why: 'it is already done' };
  if (t.status === 'pending' && !t.ready && !force) return { kind: 'not-ready' };
  if (t.status !== 'in_progress' && t.status !== 'pending') return { kind: 'transition' };
  return null;
}

// ---------------------------------------------------------------- leases and attempts

/** Whether a claimed task's lease has run out at `now`. */
export const leaseExpired = (t: Pick<TaskState, 'status' | 'lease_expires_at'>, now: number): boolean =>
  t.status === 'in_progress' && t.lease_expires_at != null && t.lease_expires_at < now;

/** A task may be claimed when it is ready, or when its lease expired (the work is taken over). */
export const claimable = (
  t: Pick<TaskState, 'status' | 'ready' | 'lease_expires_at'>,
  now: number,
): boolean => (t.status === 'pending' && t.ready) || leaseExpired(t, now);

/**
 * What an expired lease does when someone claims the task: it is taken over (another attempt), or, when
 * the attempts are used up, the task fails.
 */
export function onExpiredLease(t: Pick<TaskState, 'attempts' | 'max_attempts'>): 'take-over' | 'fail' {
  return t.attempts >= t.max_attempts ? 'fail' : 'take-over';
}

/** A lease (a claim's, or one a heartbeat extends): the request, else the task's timeout, else the default. */
export function leaseFrom(
  t: { timeout_seconds: number | null },
  now: number,
  leaseSeconds?: number,
): { lease_seconds: number; lease_expires_at: number } {
  const seconds = leaseSeconds ?? t.timeout_seconds ?? DEFAULT_LEASE_SECONDS;
  return { lease_seconds: seconds, lease_expires_at: now + seconds * 1000 };
}

/** A claim: one more attempt, and a lease. */
export function claimChange(
  t: Pick<TaskState, 'attempts'> & { timeout_seconds: number | null },
  now: number,
  leaseSeconds?: number,
): { attempts: number; lease_seconds: number; lease_expires_at: number } {
  return { attempts: t.attempts + 1, ...leaseFrom(t, now, leaseSeconds) };
}

/** A reported failure: another attempt when some are left, else the task fails for good. */
export function failChange(t: Pick<TaskState, 'attempts' | 'max_attempts'>): {
  status: 'pending' | 'failed';
  final: boolean;
  event: 'attempt_failed' | 'failed';
} {
  const final = t.attempts >= t.max_attempts;
  return { status: final ? 'failed' : 'pending', final, event: final ? 'failed' : 'attempt_failed' };
}

/** Giving work back is not a failed attempt: the claim's attempt is returned. */
export const releaseChange = (t: Pick<TaskState, 'attempts'>) => ({
  status: 'pending' as const,
  attempts: Math.max(0, t.attempts - 1),
});

/** A retried task starts its attempts again. */
export const retryChange = () => ({ status: 'pending' as const, attempts: 0 });

// ---------------------------------------------------------------- the critique loop

/**
 * What finishing a task does. A critique's failing verdict re-opens what it reviews, with its feedback,
 * and the critique waits for the rebuild; when its rounds (its attempts) are used up the critique fails
 * instead. Anything else is done.
 */
export function completionOutcome(
  t: Pick<TaskState, 'kind' | 'attempts' | 'max_attempts'>,
  verdict?: 'pass' | 'fail',
): 'done' | 'reopen' | 'rounds-exhausted' {
  if (t.kind !== 'critique' || verdict !== 'fail') return 'done';
  return t.attempts >= t.max_attempts ? 'rounds-exhausted' : 'reopen';
}

/**
 * What a failing critique re-opens. A reviewed task is re-opened itself. A reviewed parent keeps its done
 * sub-tasks done (they are its checkpoints): the rework is new work, one sub-task appended to the parent
 * that carries the feedback (`reworkSubtask`), and the parent is open again until it is done.
 */
export function reopenTargets(reviewed: Array<{ id: string; subtask_count: number }>): {
  reopen: string[];
  rework: string[];
} {
  const reopen: string[] = [];
  const rework: string[] = [];
  for (const r of reviewed) (r.subtask_count > 0 ? rework : reopen).push(r.id);
  return { reopen: [...new Set(reopen)], rework: [...new Set(rework)] };
}

/** The sub-task that carries a failing critique's rework of a parent: named after the parent and the round. */
export function reworkSubtask(
  parent: { task_name: string; description: string; skill_id: string | null },
  r: { round: number; critique_task: string; score?: number | null; feedback_for_rebuild: unknown },
  maxNameChars: number,
): {
  task_name: string;
  description: string;
  skill_id?: string;
  kind: 'implement';
  inputs: Record<string, unknown>;
} {
  const prefix = `Rework (critique round ${r.round}): `;
  const name = `${prefix}${parent.task_name}`;
  const summary = (r.feedback_for_rebuild as { summary?: unknown } | null)?.summary;
  return {
    task_name: name.length > maxNameChars ? `${name.slice(0, maxNameChars - 1)}…` : name,
    description: `Rework what the critique ${r.critique_task} found in "${parent.task_name}"${typeof summary === 'string' ? `: ${summary}` : ''}. The earlier sub-tasks stay done; change only what the feedback names.`,
    ...(parent.skill_id ? { skill_id: parent.skill_id } : {}),
    kind: 'implement',
    inputs: reopenedInputs({ rework_of: parent.task_name }, r),
  };
}

/** Whether a re-open applies to a task: cancelled work stays cancelled. */
export const reopens = (t: Pick<TaskState, 'status'>) => t.status !== 'cancelled';

export interface VerdictInput {
  verdict: 'pass' | 'fail';
  score?: number | null;
  summary?: string | null;
  feedback_for_rebuild?: unknown;
}

/** The critique's own record of a verdict, appended to its `outputs.verdicts`. */
export function verdictEntry(history: unknown[], v: VerdictInput, by: string | null, at: string) {
  return {
    round: history.length + 1,
    verdict: v.verdict,
    score: v.score ?? null,
    summary: v.summary ?? null,
    feedback_for_rebuild: v.feedback_for_rebuild ?? null,
    by,
    at,
  };
}

/**
 * The inputs of a re-opened task: the feedback to rebuild from, the round, and the history of every
 * critique round it went through (the earlier ones are kept).
 */
export function reopenedInputs(
  inputs: Record<string, unknown>,
  r: { round: number; critique_task: string; score?: number | null; feedback_for_rebuild: unknown },
): Record<string, unknown> {
  const history = Array.isArray(inputs.critique_history) ? [...(inputs.critique_history as unknown[])] : [];
  history.push({
    round: r.round,
    critique_task: r.critique_task,
    verdict: 'fail',
    score: r.score ?? null,
    feedback_for_rebuild: r.feedback_for_rebuild,
  });
  return {
    ...inputs,
    feedback_for_rebuild: r.feedback_for_rebuild,
    critique_history: history,
    rebuild_round: r.round,
  };
}

/** What finishing a task says about a verdict, checked before anything changes. */
export interface CompletionClaim {
  verdict?: 'pass' | 'fail';
  feedback_for_rebuild?: unknown;
}

/**
 * The critique contract at completion: a critique finishes with a verdict, a failing verdict brings the
 * feedback its rebuild needs, and only a critique gives a verdict (a verdict on a build would otherwise be
 * taken as done). Returns the refused field and why, or null.
 */
export function verdictRefusal(
  t: Pick<TaskState, 'id' | 'kind'>,
  c: CompletionClaim,
): { field: string; message: string } | null {
  if (t.kind === 'critique' && !c.verdict)
    return { field: 'verdict', message: 'a critique task finishes with a verdict: pass or fail' };
  if (t.kind !== 'critique' && c.verdict)
    return {
      field: 'verdict',
      message: `task ${t.id} is a ${t.kind} task, not a critique: only a critique gives a verdict (finish it without one, or give the verdict on its critique task)`,
    };
  if (c.verdict === 'fail' && !c.feedback_for_rebuild)
    return {
      field: 'feedback_for_rebuild',
      message: 'a failing verdict needs feedback_for_rebuild {summary, issues[]} for the rebuild',
    };
  return null;
}

// ---------------------------------------------------------------- who may act on a claimed task

/**
 * A claimed task is its lease holder's: completing, failing, releasing it or extending its lease needs the
 * caller to name itself as that owner, so a second agent cannot finish work another holds (nor be recorded
 * as the holder when it does). Returns why not, or null. Unclaimed work needs no owner.
 */
export function leaseRefusal(
  t: Pick<TaskState, 'id' | 'status' | 'lease_owner'>,
  owner: string | undefined,
): string | null {
  if (t.status !== 'in_progress' || !t.lease_owner) return null;
  if (!owner)
    return `task ${t.id} is leased by ${t.lease_owner}: pass owner "${t.lease_owner}" (the lease holder) to change it`;
  if (owner !== t.lease_owner) return `task ${t.id} is leased by ${t.lease_owner}, not ${owner}`;
  return null;
}

// ---------------------------------------------------------------- what a critique leaves on a task

/** The fields a failing critique writes into a task's inputs: what its rebuild must read. */
export const CRITIQUE_FIELDS = [
  'feedback_for_rebuild',
  'critique_history',
  'rebuild_round',
  'rework_of',
] as const;

/**
 * A task's inputs after a revision (a refined plan): the new inputs, with every critique field of the
 * current ones kept, so the next builder still learns why its work was re-opened.
 */
export function revisedInputs(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...next };
  for (const k of CRITIQUE_FIELDS) if (current[k] !== undefined) out[k] = current[k];
  return out;
}

/** Whether a task carries a critique's feedback (a re-opened task, a rework sub-task). */
export const carriesFeedback = (inputs: Record<string, unknown>): boolean =>
  CRITIQUE_FIELDS.some((k) => inputs[k] !== undefined);

/**
 * Whether a box ticked by hand may complete a task. Not when a critique re-opened it after it was done:
 * the tick is older than the re-open, and the store wins (say why). Nor when someone holds its lease.
 */
export function tickRefusal(
  t: Pick<TaskState, 'id' | 'status' | 'lease_owner'> & { inputs: Record<string, unknown> },
): string | null {
  if (t.status === 'done') return null;
  const round = t.inputs.rebuild_round;
  if (round !== undefined)
    return `re-opened by a failing critique (round ${String(round)}) after its box was ticked: the store wins and the box is cleared; when the rework is done, complete it with \`plansmith tasks done ${t.id}\``;
  if (t.status === 'in_progress' && t.lease_owner)
    return `claimed by ${t.lease_owner}: the store wins and the box is cleared until that owner completes it`;
  return null;
}
