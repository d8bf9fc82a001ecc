import { ConflictError, InvalidTransitionError, ValidationError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { CompleteInput, TaskKind, TaskStatus } from '../../domain/task.js';
import { completeInputSchema } from '../../domain/task.js';
import { feedbackInWords } from '../../domain/words.js';
import { parseBatch, resolveBatch } from '../../graph/batch.js';
import {
  completionOutcome,
  completionRefusal,
  reopenedInputs,
  reopens,
  reopenTargets,
  reworkSubtask,
  type VerdictInput,
  verdictEntry,
  verdictRefusal,
} from '../../graph/rules.js';
import type { CompleteResult } from '../task-store.js';
import { type Change, changeOf, iso, type NewEvent, parseJson, type StoreCore, stateOf } from './core.js';
import { insertRows, loadExisting } from './creation.js';
import { afterChanges } from './derived.js';

/**
 * Completing a task, with the critique loop (its rules are in `graph/rules.ts`): a failing verdict re-opens
 * what the critique reviews, with its feedback, until the rounds run out; a reviewed parent keeps its done
 * sub-tasks and gets the rework as a new sub-task.
 */

export async function complete(
  s: StoreCore,
  ref: string,
  rawInput: CompleteInput = {},
): Promise<CompleteResult> {
  const words = feedbackInWords(rawInput.feedback_for_rebuild);
  const parsed = completeInputSchema.safeParse(
    words.notes.length ? { ...rawInput, feedback_for_rebuild: words.feedback } : rawInput,
  );
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
    const row = await s.lockTask(trx, ref, input.owner, true);
    const refused = completionRefusal(stateOf(row), input.force);
    if (refused?.kind === 'not-ready') throw new ConflictError(await s.whyNotClaimable(trx, row));
    if (refused) throw new InvalidTransitionError(row.id, row.status, 'complete', refused.why);
    const kind = row.kind as TaskKind;
    const wrong = verdictRefusal({ id: row.id, kind }, input);
    if (wrong) throw new ValidationError([{ task: row.id, ...wrong }]);
    const actor = input.owner ?? row.lease_owner;
    const now = s.clock.now();
    const outputs: Record<string, unknown> = { ...parseJson(row.outputs), ...(input.outputs ?? {}) };
    for (const k of ['summary', 'score', 'verdict', 'feedback_for_rebuild'] as const)
      if (input[k] !== undefined) outputs[k] = input[k];
    const events: NewEvent[] = [];
    const changes: Change[] = [];
    const reopenedIds: string[] = [];
    if (input.verdict) {
      const history = Array.isArray(outputs.verdicts) ? (outputs.verdicts as unknown[]) : [];
      history.push(verdictEntry(history, input as VerdictInput, actor, iso(now)!));
      outputs.verdicts = history;
      events.push({
        task_id: row.id,
        type: 'verdict',
        actor,
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
        const { reopen, rework } = reopenTargets(reviewed);
        const rowsToReopen = reopen.length
          ? await s.adapter
              .forUpdate(trx.selectFrom('tasks').selectAll().where('id', 'in', reopen).orderBy('id'))
              .execute()
          : [];
        const round = (outputs.verdicts as unknown[]).length;
        const feedback = {
          round,
          critique_task: row.id,
          score: input.score,
          feedback_for_rebuild: input.feedback_for_rebuild,
        };
        for (const t of rowsToReopen) {
          if (!reopens({ status: t.status as TaskStatus })) continue;
          await trx
            .updateTable('tasks')
            .set({
              status: 'pending',
              inputs: JSON.stringify(reopenedInputs(parseJson(t.inputs), feedback)),
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
            actor,
            data: { by_critique: row.id, round },
          });
          changes.push(changeOf(t, 'pending'));
          reopenedIds.push(t.id);
        }
        // A reviewed parent keeps its done sub-tasks: the rework is one new sub-task at its end.
        const parents = rework.length
          ? await trx.selectFrom('tasks').selectAll().where('id', 'in', rework).orderBy('id').execute()
          : [];
        for (const p of parents) {
          if (!reopens({ status: p.status as TaskStatus })) continue;
          const existing = await loadExisting(trx, [p.id]);
          const [added] = resolveBatch(
            parseBatch([{ ...reworkSubtask(p, feedback, LIMITS.nameChars), parent_id: p.id }]),
            existing,
            {
              newId: s.newId,
              skillCategory: s.skillCategory,
              existingChildCount: () => p.subtask_count,
            },
          );
          await insertRows(s, trx, [added!], existing);
          events.push({
            task_id: p.id,
            type: 'reopened',
            actor,
            data: { by_critique: row.id, round, rework: added!.id },
          });
          reopenedIds.push(added!.id);
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
      events.push({ task_id: row.id, type: 'completed', actor, data: {} });
      changes.push(changeOf(row, 'done'));
    }
    await s.recordEvents(trx, events);
    await afterChanges(s, trx, changes);
    return { id: row.id, reopened: reopenedIds };
  });
  return { task: (await s.getTask(id))!, reopened: await s.getTasks(reopened), notes: words.notes };
}
