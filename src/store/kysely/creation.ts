import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Task } from '../../domain/task.js';
import { subtaskInputSchema } from '../../domain/task.js';
import type { ExistingTask, NewTaskRow } from '../../graph/batch.js';
import { labelOf, nextBatchKey, parseBatch, resolveBatch } from '../../graph/batch.js';
import type { NewPlanRecord, SubtaskPlacement } from '../task-store.js';
import { chunks, type Db, type StoreCore } from './core.js';
import { refreshParents, refreshReady } from './derived.js';
import { CLOSED_PLAN_STATUSES, writePlanRevision } from './plans.js';

/** Creating tasks: batches (the create_tasks_batch contract), single tasks through the same path, and sub-tasks placed among their siblings. */

export async function createBatch(
  s: StoreCore,
  input: unknown,
  options: { plan_id?: string; new_plan?: NewPlanRecord } = {},
): Promise<Task[]> {
  const parsed = parseBatch(input);
  const ids = await s.adapter.writeTx(async (trx) => {
    // A new plan for the batch (its `architecture`): in this transaction, so a refused batch leaves no plan.
    if (options.new_plan) {
      if (parsed.planId ?? options.plan_id)
        throw new ValidationError([
          {
            field: 'architecture',
            message: `the batch names plan ${parsed.planId ?? options.plan_id}: architecture makes a new plan, so give one or the other`,
          },
        ]);
      await writePlanRevision(trx, options.new_plan.plan, {
        path: options.new_plan.path,
        model: options.new_plan.model,
        now: s.clock.now(),
        exists: false,
      });
    }
    const planIds = new Set(
      [parsed.planId, options.plan_id, ...parsed.drafts.map((d) => d.input.plan_id)].filter(
        (x): x is string => typeof x === 'string',
      ),
    );
    if (planIds.size) {
      const found = await trx
        .selectFrom('plans')
        .select(['id', 'status'])
        .where('id', 'in', [...planIds])
        .execute();
      const missing = [...planIds].filter((id) => !found.some((f) => f.id === id));
      if (missing.length)
        throw new ValidationError([
          { field: 'plan_id', message: `no plan ${missing.join(', ')} in the store` },
        ]);
      const closed = found.filter((f) => (CLOSED_PLAN_STATUSES as readonly string[]).includes(f.status));
      if (closed.length)
        throw new ValidationError([
          {
            field: 'plan_id',
            message: `plan ${closed.map((c) => `${c.id} is ${c.status}`).join(', ')}: it takes no new tasks`,
          },
        ]);
    }
    const existing = await loadExisting(trx, [...parsed.existingIds]);
    const rows = resolveBatch(parsed, existing, {
      newId: s.newId,
      skillCategory: s.skillCategory,
      planId: options.new_plan?.plan.id ?? options.plan_id ?? null,
      batchKey: await batchKeyAfterLast(trx),
    });
    await insertRows(s, trx, rows, existing);
    return rows.map((r) => r.id);
  });
  return s.getTasks(ids);
}

export async function createTask(
  s: StoreCore,
  input: unknown,
  options: { plan_id?: string } = {},
): Promise<Task> {
  // The batch path, so a single task gets exactly the same checks and messages.
  const [task] = await createBatch(s, [input], options);
  return task!;
}

export async function createSubtask(
  s: StoreCore,
  parentRef: string,
  input: unknown,
  placement: SubtaskPlacement = {},
): Promise<Task> {
  const parsed = subtaskInputSchema.safeParse(input);
  if (!parsed.success) {
    const name =
      input && typeof input === 'object' ? (input as Record<string, unknown>).task_name : undefined;
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        task: labelOf('sub-task', name),
        field: i.path.map(String).join('.') || '(task)',
        message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
      })),
      'the sub-task was refused; nothing was created',
    );
  }
  const parentId = await s.resolveId(parentRef);
  const id = await s.adapter.writeTx(async (trx) => {
    const parent = await s.adapter
      .forUpdate(trx.selectFrom('tasks').selectAll().where('id', '=', parentId))
      .executeTakeFirst();
    if (!parent) throw new NotFoundError('task', parentId);
    if (parent.parent_id) {
      throw new ValidationError(
        [
          {
            task: parentId,
            field: 'parent_id',
            message: `${parentId} is itself a sub-task, so it cannot be given sub-tasks (only one level of nesting)`,
          },
        ],
        'the sub-task was refused; nothing was created',
      );
    }
    const siblings = await trx
      .selectFrom('tasks')
      .select(['id', 'position'])
      .where('parent_id', '=', parentId)
      .orderBy('position')
      .execute();
    let position = siblings.length + 1;
    const anchor = placement.after ?? placement.before;
    if (anchor) {
      const anchorId = await s.resolveIdIn(trx, anchor);
      const k = siblings.findIndex((s) => s.id === anchorId);
      if (k < 0) {
        throw new ValidationError([
          {
            task: parentId,
            field: placement.after ? 'after' : 'before',
            message: `${anchorId} is not a sub-task of ${parentId}`,
          },
        ]);
      }
      position = placement.after ? k + 2 : k + 1;
    }
    const existing = await loadExisting(trx, [
      parentId,
      ...(parsed.data.dependencies ?? []).filter((d) => !d.startsWith('$')),
    ]);
    const batch = parseBatch([{ ...parsed.data, parent_id: parentId }]);
    const [row] = resolveBatch(batch, existing, {
      newId: s.newId,
      skillCategory: s.skillCategory,
      existingChildCount: () => position - 1,
    });
    // Make room: later siblings move one place down, keeping their order.
    const later = siblings.filter((s) => (s.position ?? 0) >= position);
    for (const s of later.reverse()) {
      const p = (s.position ?? 0) + 1;
      await trx
        .updateTable('tasks')
        .set({ position: p, sort_key: parent.sort_key.replace(/:\d+$/, `:${String(p).padStart(6, '0')}`) })
        .where('id', '=', s.id)
        .execute();
    }
    await insertRows(s, trx, [row!], existing);
    return row!.id;
  });
  return (await s.getTask(id))!;
}

export async function batchKeyAfterLast(trx: Db): Promise<string> {
  const top = await trx
    .selectFrom('tasks')
    .select('sort_key')
    .orderBy('sort_key', 'desc')
    .limit(1)
    .executeTakeFirst();
  return nextBatchKey(top?.sort_key);
}

export async function loadExisting(trx: Db, ids: string[]): Promise<Map<string, ExistingTask>> {
  const out = new Map<string, ExistingTask>();
  for (const part of chunks(ids)) {
    if (part.length === 0) continue;
    const rows = await trx
      .selectFrom('tasks')
      .select(['id', 'parent_id', 'plan_id', 'task_order', 'task_name', 'subtask_count', 'sort_key'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export async function insertRows(
  s: StoreCore,
  trx: Db,
  rows: NewTaskRow[],
  existing: Map<string, ExistingTask>,
): Promise<void> {
  const now = s.clock.now();
  const childCount = new Map<string, number>();
  for (const r of rows) if (r.parent_id) childCount.set(r.parent_id, (childCount.get(r.parent_id) ?? 0) + 1);
  for (const part of chunks(rows, 400)) {
    await trx
      .insertInto('tasks')
      .values(
        part.map((r) => ({
          id: r.id,
          plan_id: r.plan_id,
          batch_id: r.batch_id,
          parent_id: r.parent_id,
          task_order: r.task_order,
          position: r.position,
          task_name: r.task_name,
          description: r.description,
          skill_id: r.skill_id,
          category: r.category,
          kind: r.kind,
          status: 'pending',
          ready: 0,
          inputs: JSON.stringify(r.inputs),
          validation_criteria: JSON.stringify(r.validation_criteria),
          timeout_seconds: r.timeout_seconds,
          estimate_minutes: r.estimate_minutes,
          attempts: 0,
          max_attempts: r.max_attempts,
          lease_owner: null,
          lease_expires_at: null,
          outputs: '{}',
          last_error: null,
          subtask_count: childCount.get(r.id) ?? 0,
          sort_key: r.sort_key,
          created_at: now,
          updated_at: now,
          started_at: null,
          completed_at: null,
        })),
      )
      .execute();
  }
  const deps = rows.flatMap((r) => [
    ...r.dependencies.map((d) => ({ task_id: r.id, dep_id: d, kind: 'dep' })),
    ...r.critiques.map((d) => ({ task_id: r.id, dep_id: d, kind: 'critiques' })),
  ]);
  for (const part of chunks(deps, 1000)) await trx.insertInto('task_deps').values(part).execute();
  // Existing parents that gained sub-tasks.
  const grown = [...childCount.keys()].filter((p) => existing.has(p));
  for (const p of grown) {
    const n = childCount.get(p)!;
    await trx
      .updateTable('tasks')
      .set((eb) => ({
        subtask_count: eb('subtask_count', '+', n),
        ready: 0,
        lease_owner: null,
        lease_expires_at: null,
      }))
      .where('id', '=', p)
      .execute();
  }
  await s.recordEvents(
    trx,
    rows.map((r) => ({ task_id: r.id, type: 'created', data: { batch_id: r.batch_id } })),
  );
  await refreshParents(s, trx, grown);
  await refreshReady(
    s,
    trx,
    rows.map((r) => r.id),
  );
}
