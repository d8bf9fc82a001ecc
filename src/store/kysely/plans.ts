import type { Issue } from '../../domain/errors.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { NewPlanRecord, PlannerStep, PlannerStepInput, PlanSummary } from '../task-store.js';
import {
  type Change,
  cancelledColumns,
  changeOf,
  type Db,
  iso,
  type StoreCore,
  toPlanSummary,
} from './core.js';
import { afterChanges } from './derived.js';

/** Planner sessions (the step-wise planner) and plans with their revisions. */

export async function addPlannerStep(
  s: StoreCore,
  input: PlannerStepInput,
): Promise<{ continuation_id: string; steps: PlannerStep[] }> {
  const issues: Issue[] = [];
  if (!input.step?.trim()) issues.push({ field: 'step', message: 'say what this step thinks or decides' });
  if (!Number.isInteger(input.step_number) || input.step_number < 1)
    issues.push({ field: 'step_number', message: 'a whole number from 1' });
  if (!Number.isInteger(input.total_steps) || input.total_steps < 1)
    issues.push({ field: 'total_steps', message: 'a whole number from 1' });
  if (input.branch_from_step !== undefined && !input.branch_id)
    issues.push({ field: 'branch_id', message: 'a branch needs a branch_id' });
  if (issues.length) throw new ValidationError(issues);
  const session = input.continuation_id ?? s.newId();
  await s.adapter.writeTx(async (trx) => {
    const prior = await trx
      .selectFrom('planner_steps')
      .select(['step_number'])
      .where('session_id', '=', session)
      .execute();
    if (input.continuation_id && prior.length === 0)
      throw new NotFoundError('planning session', input.continuation_id);
    const numbers = new Set(prior.map((p) => p.step_number));
    for (const [field, n] of [
      ['revises_step', input.revises_step],
      ['branch_from_step', input.branch_from_step],
    ] as const) {
      if (n !== undefined && !numbers.has(n)) {
        throw new ValidationError([
          {
            field,
            message: `step ${n} is not in session ${session} (it has steps ${[...numbers].sort((a, b) => a - b).join(', ') || 'none'})`,
          },
        ]);
      }
    }
    await trx
      .insertInto('planner_steps')
      .values({
        session_id: session,
        step_number: input.step_number,
        // A step past the announced total raises the total, as a plan grows.
        total_steps: Math.max(input.total_steps, input.step_number),
        next_step_required: input.next_step_required ? 1 : 0,
        content: input.step,
        revises_step: input.revises_step ?? null,
        branch_id: input.branch_id ?? null,
        branch_from_step: input.branch_from_step ?? null,
        created_at: s.clock.now(),
      })
      .execute();
  });
  return { continuation_id: session, steps: await plannerSession(s, session) };
}

export async function plannerSession(s: StoreCore, continuationId: string): Promise<PlannerStep[]> {
  const rows = await s.db
    .selectFrom('planner_steps')
    .selectAll()
    .where('session_id', '=', continuationId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    step_number: r.step_number,
    total_steps: r.total_steps,
    next_step_required: r.next_step_required === 1,
    content: r.content,
    revises_step: r.revises_step,
    branch_id: r.branch_id,
    branch_from_step: r.branch_from_step,
    created_at: iso(r.created_at)!,
  }));
}

export async function savePlan(
  s: StoreCore,
  plan: { id: string; revision: number; slug: string; title: string; style: string; status: string },
  options: { path: string; model: unknown; feedback?: string },
): Promise<PlanSummary> {
  const now = s.clock.now();
  await s.adapter.writeTx(async (trx) => {
    const existing = await trx
      .selectFrom('plans')
      .select(['revision'])
      .where('id', '=', plan.id)
      .executeTakeFirst();
    if (existing && plan.revision <= existing.revision) {
      throw new ConflictError(
        `plan ${plan.id} is already at revision ${existing.revision}; a new revision must be higher`,
      );
    }
    if (!existing && plan.revision !== 1)
      throw new ValidationError([
        { field: 'revision', message: `a new plan starts at revision 1, not ${plan.revision}` },
      ]);
    await writePlanRevision(trx, plan, { ...options, now, exists: Boolean(existing) });
  });
  return (await getPlanModel(s, plan.id))!.summary;
}

/** Writes a plan's row (new or updated) and one revision, inside the caller's transaction. */
export async function writePlanRevision(
  trx: Db,
  plan: NewPlanRecord['plan'],
  o: { path: string; model: unknown; feedback?: string; now: number; exists: boolean },
): Promise<void> {
  const row = {
    revision: plan.revision,
    slug: plan.slug,
    title: plan.title,
    style: plan.style,
    status: plan.status,
    path: o.path,
    updated_at: o.now,
  };
  if (o.exists) await trx.updateTable('plans').set(row).where('id', '=', plan.id).execute();
  else
    await trx
      .insertInto('plans')
      .values({ id: plan.id, ...row, created_at: o.now })
      .execute();
  await trx
    .insertInto('plan_revisions')
    .values({
      plan_id: plan.id,
      revision: plan.revision,
      model: JSON.stringify(o.model),
      feedback: o.feedback ?? null,
      created_at: o.now,
    })
    .execute();
}

export async function getPlanModel(
  s: StoreCore,
  id: string,
  revision?: number,
): Promise<{ summary: PlanSummary; model: unknown; revisions: number[] } | null> {
  const row = await s.db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const revs = await s.db
    .selectFrom('plan_revisions')
    .select(['revision', 'model'])
    .where('plan_id', '=', id)
    .orderBy('revision')
    .execute();
  const chosen = revision === undefined ? revs[revs.length - 1] : revs.find((r) => r.revision === revision);
  if (!chosen) return null;
  return {
    summary: toPlanSummary(row),
    model: JSON.parse(chosen.model),
    revisions: revs.map((r) => r.revision),
  };
}

export async function listPlans(s: StoreCore): Promise<PlanSummary[]> {
  const rows = await s.db
    .selectFrom('plans')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toPlanSummary);
}

export async function deletePlan(s: StoreCore, id: string): Promise<void> {
  await s.adapter.writeTx(async (trx) => {
    await trx.deleteFrom('plan_revisions').where('plan_id', '=', id).execute();
    await trx.deleteFrom('plans').where('id', '=', id).execute();
  });
}

/** The statuses of a plan nobody works on any more: its open tasks are cancelled and it takes no new ones. */
export const CLOSED_PLAN_STATUSES = ['superseded', 'cancelled'] as const;

/**
 * Closes a plan: superseded (by a newer one) or cancelled. Every open task of it is cancelled in the same
 * transaction, with the reason, so `next` never serves work of a plan that was given up.
 */
export async function closePlan(
  s: StoreCore,
  id: string,
  options: { status: 'superseded' | 'cancelled'; reason?: string; superseded_by?: string },
): Promise<{ plan: PlanSummary; cancelled: string[] }> {
  const cancelled = await s.adapter.writeTx(async (trx) => {
    const plan = await trx
      .selectFrom('plans')
      .select(['id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!plan) throw new NotFoundError('plan', id);
    if (options.superseded_by !== undefined) {
      const newer = await trx
        .selectFrom('plans')
        .select('id')
        .where('id', '=', options.superseded_by)
        .executeTakeFirst();
      if (!newer || newer.id === id)
        throw new ValidationError([
          { field: 'superseded_by', message: `no other plan ${options.superseded_by} in the store` },
        ]);
    }
    const now = s.clock.now();
    const reason =
      options.reason ??
      (options.status === 'superseded'
        ? `plan ${id} superseded${options.superseded_by ? ` by ${options.superseded_by}` : ''}`
        : `plan ${id} cancelled`);
    await trx
      .updateTable('plans')
      .set({ status: options.status, updated_at: now })
      .where('id', '=', id)
      .execute();
    const open = await s.adapter
      .forUpdate(
        trx
          .selectFrom('tasks')
          .selectAll()
          .where('plan_id', '=', id)
          .where('status', 'not in', ['done', 'cancelled'])
          .orderBy('id'),
      )
      .execute();
    if (!open.length) return [];
    const ids = open.map((t) => t.id);
    await trx.updateTable('tasks').set(cancelledColumns(now, reason)).where('id', 'in', ids).execute();
    await s.recordEvents(
      trx,
      open.map((t) => ({ task_id: t.id, type: 'cancelled', data: { reason, plan: id } })),
    );
    const changes: Change[] = open.map((t) => changeOf(t, 'cancelled'));
    await afterChanges(s, trx, changes);
    return ids;
  });
  return { plan: (await getPlanModel(s, id))!.summary, cancelled };
}
