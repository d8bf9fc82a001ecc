import { ConflictError, InvalidTransitionError, ValidationError } from '../../domain/errors.js';
import type { CompleteInput, TaskKind, TaskStatus } from '../../domain/task.js';
import { completeInputSchema } from '../../domain/task.js';
import {
  completionOutcome,
  completionRefusal,
  reopenedInputs,
  reopens,
  reopenTargets,
  type VerdictInput,
  verdictEntry,
} from '../../graph/rules.js';
import type { CompleteResult } from '../task-store.js';
import { type Change, changeOf, iso, type NewEvent, parseJson, type StoreCore, stateOf } from './core.js';
import { afterChanges } from './derived.js';

/** Completing a task, with the critique loop: a failing verdict re-opens what the critique reviews, with its feedback, until the rounds run out. */

export async function complete(
  s: StoreCore,
  ref: string,
  rawInput: CompleteInput = {},
): Promise<CompleteResult> {
  const parsed = completeInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        task: ref,
        field: i.path.map(String).join('.') || '(input)',
        message: i.message,
      })),
    );
  }
  const input = parsed.data;
  const { id, reopened } = await s.adapter.writeTx(async (trx) => {
    const row = await s.lockTask(trx, ref, input.owner);
    const refused = completionRefusal(stateOf(row), input.force);
    if (refused?.kind === 'not-ready') throw new ConflictError(await s.whyNotClaimable(trx, row));
    if (refused) throw new InvalidTransitionError(row.id, row.status, 'complete', refused.why);
    const kind = row.kind as TaskKind;
    if (kind === 'critique' && !input.verdict) {
      throw new ValidationError([
        {
          task: row.id,
          field: 'verdict',
          message: 'a critique task finishes with a verdict: pass or fail',
        },
      ]);
    }
    if (input.verdict === 'fail' && !input.feedback_for_rebuild) {
      throw new ValidationError([
        {
          task: row.id,
          field: 'feedback_for_rebuild',
          message: 'a failing verdict needs feedback_for_rebuild {summary, issues[]} for the rebuild',
        },
      ]);
    }
    const now = s.clock.now();
    const outputs: Record<string, unknown> = { ...parseJson(row.outputs), ...(input.outputs ?? {}) };
    for (const k of ['summary', 'score', 'verdict', 'feedback_for_rebuild'] as const)
      if (input[k] !== undefined) outputs[k] = input[k];
    const events: NewEvent[] = [];
    const changes: Change[] = [];
    const reopenedIds: string[] = [];
    if (input.verdict) {
      const history = Array.isArray(outputs.verdicts) ? (outputs.verdicts as unknown[]) : [];
      history.push(verdictEntry(history, input as VerdictInput, input.owner ?? row.lease_owner, iso(now)!));
      outputs.verdicts = history;
      events.push({
        task_id: row.id,
        type: 'verdict',
        actor: input.owner ?? row.lease_owner,
        data: { verdict: input.verdict, score: input.score ?? null },
      });
    }
    const base = {
      lease_owner: null,
      lease_expires_at: null,
      ready: 0,
      updated_at: now,
      outputs: JSON.stringify(outputs),
    };
    const outcome = completionOutcome(stateOf(row), input.verdict);
    if (outcome !== 'done') {
      if (outcome === 'rounds-exhausted') {
        await trx
          .updateTable('tasks')
          .set({
            ...base,
            status: 'failed',
            completed_at: now,
            last_error: `critique failed ${row.attempts} of ${row.max_attempts} rounds`,
          })
          .where('id', '=', row.id)
          .execute();
        events.push({
          task_id: row.id,
          type: 'failed',
          data: { reason: 'critique rounds exhausted', rounds: row.attempts },
        });
        changes.push(changeOf(row, 'failed'));
      } else {
        const targets = await trx
          .selectFrom('task_deps')
          .select('dep_id')
          .where('task_id', '=', row.id)
          .where('kind', '=', 'critiques')
          .execute();
        const targetIds = targets.map((t) => t.dep_id);
        const reviewed = targetIds.length
          ? await trx
              .selectFrom('tasks')
              .select(['id', 'subtask_count'])
              .where('id', 'in', targetIds)
              .execute()
          : [];
        const parents = reviewed.filter((r) => r.subtask_count > 0).map((r) => r.id);
        const kids = parents.length
          ? await trx
              .selectFrom('tasks')
              .select(['id', 'parent_id'])
              .where('parent_id', 'in', parents)
              .execute()
          : [];
        const ids = reopenTargets(reviewed, (p) => kids.filter((k) => k.parent_id === p).map((k) => k.id));
        const rowsToReopen = ids.length
          ? await s.adapter
              .forUpdate(trx.selectFrom('tasks').selectAll().where('id', 'in', ids).orderBy('id'))
              .execute()
          : [];
        const round = (outputs.verdicts as unknown[]).length;
        for (const t of rowsToReopen) {
          if (!reopens({ status: t.status as TaskStatus })) continue;
          const tin = reopenedInputs(parseJson(t.inputs), {
            round,
            critique_task: row.id,
            score: input.score,
            feedback_for_rebuild: input.feedback_for_rebuild,
          });
          await trx
            .updateTable('tasks')
            .set({
              status: 'pending',
              inputs: JSON.stringify(tin),
              attempts: 0,
              lease_owner: null,
              lease_expires_at: null,
              completed_at: null,
              updated_at: now,
            })
            .where('id', '=', t.id)
            .execute();
          events.push({
            task_id: t.id,
            type: 'reopened',
            actor: input.owner ?? row.lease_owner,
            data: { by_critique: row.id, round },
          });
          changes.push(changeOf(t, 'pending'));
          reopenedIds.push(t.id);
        }
        await trx
          .updateTable('tasks')
          .set({ ...base, status: 'pending' })
          .where('id', '=', row.id)
          .execute();
        changes.push(changeOf(row, 'pending'));
      }
    } else {
      await trx
        .updateTable('tasks')
        .set({ ...base, status: 'done', completed_at: now, last_error: null })
        .where('id', '=', row.id)
        .execute();
      events.push({ task_id: row.id, type: 'completed', actor: input.owner ?? row.lease_owner, data: {} });
      changes.push(changeOf(row, 'done'));
    }
    await s.recordEvents(trx, events);
    await afterChanges(s, trx, changes);
    return { id: row.id, reopened: reopenedIds };
  });
  return { task: (await s.getTask(id))!, reopened: await s.getTasks(reopened) };
}
