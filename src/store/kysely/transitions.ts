import { ValidationError } from '../../domain/errors.js';
import { checkBounds } from '../../domain/limits.js';
import type { Task, TaskStatus } from '../../domain/task.js';
import { validationCriteriaSchema } from '../../domain/task.js';
import { failChange, releaseChange, retryChange, revisedInputs } from '../../graph/rules.js';
import type { TaskRevision } from '../task-store.js';
import type { Change, Db, Row, StoreCore } from './core.js';
import { cancelledColumns, changeOf, ensureAllowed, parseJson, stateOf } from './core.js';
import { afterChanges } from './derived.js';

/** The other state changes of one task: fail (with retry accounting), release, cancel, revise, retry, block, unblock. */

export async function fail(
  s: StoreCore,
  ref: string,
  options: { owner?: string; error: string },
): Promise<Task> {
  if (!options.error?.trim())
    throw new ValidationError([{ task: ref, field: 'error', message: 'say what went wrong' }]);
  return transition(s, ref, options.owner, true, async (trx, row, now) => {
    ensureAllowed('fail', row);
    const { status: after, final, event } = failChange(stateOf(row));
    await trx
      .updateTable('tasks')
      .set({
        status: after,
        last_error: options.error,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
        completed_at: final ? now : null,
      })
      .where('id', '=', row.id)
      .execute();
    return {
      after,
      event: {
        type: event,
        data: { error: options.error, attempt: row.attempts, max_attempts: row.max_attempts },
      },
    };
  });
}

export async function release(s: StoreCore, ref: string, options: { owner?: string } = {}): Promise<Task> {
  return transition(s, ref, options.owner, true, async (trx, row, now) => {
    ensureAllowed('release', row);
    const change = releaseChange(stateOf(row));
    await trx
      .updateTable('tasks')
      .set({
        status: change.status,
        attempts: change.attempts,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    return { after: 'pending', event: { type: 'released', data: {} } };
  });
}

export async function cancel(s: StoreCore, ref: string, options: { reason?: string } = {}): Promise<Task> {
  return transition(s, ref, undefined, false, async (trx, row, now) => {
    ensureAllowed('cancel', row);
    if (row.subtask_count > 0) {
      await trx
        .updateTable('tasks')
        .set(cancelledColumns(now))
        .where('parent_id', '=', row.id)
        .where('status', 'not in', ['done'])
        .execute();
    }
    await trx
      .updateTable('tasks')
      .set(cancelledColumns(now, options.reason ?? null))
      .where('id', '=', row.id)
      .execute();
    return { after: 'cancelled', event: { type: 'cancelled', data: { reason: options.reason ?? null } } };
  });
}

export async function revise(s: StoreCore, ref: string, patch: TaskRevision): Promise<Task> {
  const criteria =
    patch.validation_criteria === undefined
      ? undefined
      : validationCriteriaSchema.safeParse(patch.validation_criteria);
  if (criteria && !criteria.success)
    throw new ValidationError(
      criteria.error.issues.map((i) => ({
        task: ref,
        field: `validation_criteria.${i.path.join('.')}`,
        message: i.message,
      })),
    );
  const tooBig = checkBounds(patch.inputs ?? {}, 'inputs');
  if (tooBig) throw new ValidationError([{ task: ref, field: tooBig.field, message: tooBig.message }]);
  return transition(s, ref, undefined, false, async (trx, row, now) => {
    ensureAllowed('revise', row);
    const set: Record<string, unknown> = { updated_at: now };
    const changed: string[] = [];
    if (patch.description !== undefined && patch.description !== row.description) {
      set.description = patch.description;
      changed.push('description');
    }
    // A critique's feedback is never lost to a revision: its fields are kept (`revisedInputs`).
    const inputs = patch.inputs && JSON.stringify(revisedInputs(parseJson(row.inputs), patch.inputs));
    if (inputs !== undefined && inputs !== row.inputs) {
      set.inputs = inputs;
      changed.push('inputs');
    }
    if (criteria?.success && JSON.stringify(criteria.data) !== row.validation_criteria) {
      set.validation_criteria = JSON.stringify(criteria.data);
      changed.push('validation_criteria');
    }
    if (patch.estimate_minutes !== undefined && patch.estimate_minutes !== row.estimate_minutes) {
      set.estimate_minutes = patch.estimate_minutes;
      changed.push('estimate_minutes');
    }
    await trx.updateTable('tasks').set(set).where('id', '=', row.id).execute();
    return { after: row.status as TaskStatus, event: { type: 'revised', data: { fields: changed } } };
  });
}

export async function retry(s: StoreCore, ref: string): Promise<Task> {
  return transition(s, ref, undefined, false, async (trx, row, now) => {
    ensureAllowed('retry', row);
    await trx
      .updateTable('tasks')
      .set({ ...retryChange(), updated_at: now, completed_at: null })
      .where('id', '=', row.id)
      .execute();
    return { after: 'pending', event: { type: 'retried', data: {} } };
  });
}

export async function block(s: StoreCore, ref: string, options: { reason: string }): Promise<Task> {
  if (!options.reason?.trim())
    throw new ValidationError([{ task: ref, field: 'reason', message: 'say what blocks the task' }]);
  return transition(s, ref, undefined, false, async (trx, row, now) => {
    ensureAllowed('block', row);
    await trx
      .updateTable('tasks')
      .set({
        status: 'blocked',
        ready: 0,
        lease_owner: null,
        lease_expires_at: null,
        last_error: options.reason,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    return { after: 'blocked', event: { type: 'blocked', data: { reason: options.reason } } };
  });
}

export async function unblock(s: StoreCore, ref: string): Promise<Task> {
  return transition(s, ref, undefined, false, async (trx, row, now) => {
    ensureAllowed('unblock', row);
    await trx
      .updateTable('tasks')
      .set({ status: 'pending', last_error: null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return { after: 'pending', event: { type: 'unblocked', data: {} } };
  });
}

export async function transition(
  s: StoreCore,
  ref: string,
  owner: string | undefined,
  /** The change is the lease holder's (fail, release): a claimed task needs its owner named. */
  holder: boolean,
  fn: (
    trx: Db,
    row: Row,
    now: number,
  ) => Promise<{ after: TaskStatus; event: { type: string; data: Record<string, unknown> } }>,
): Promise<Task> {
  const id = await s.adapter.writeTx(async (trx) => {
    const row = await s.lockTask(trx, ref, owner, holder);
    const now = s.clock.now();
    const { after, event } = await fn(trx, row, now);
    await s.recordEvents(trx, [
      { task_id: row.id, type: event.type, actor: owner ?? null, data: event.data },
    ]);
    const changes: Change[] = [changeOf(row, after)];
    if (after === 'cancelled' && row.subtask_count > 0) {
      const kids = await trx.selectFrom('tasks').select(['id']).where('parent_id', '=', row.id).execute();
      changes.push(
        ...kids.map((k) => ({
          id: k.id,
          parent_id: row.id,
          before: 'pending' as TaskStatus,
          after: 'cancelled' as TaskStatus,
        })),
      );
    }
    await afterChanges(s, trx, changes);
    return row.id;
  });
  return (await s.getTask(id))!;
}
