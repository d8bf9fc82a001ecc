import type { z } from 'zod';
import type { Issue } from '../domain/errors.js';
import { ValidationError } from '../domain/errors.js';
import { checkBounds } from '../domain/limits.js';
import type { Task, TaskInput, TaskKind, ValidationCriteria } from '../domain/task.js';
import { batchEnvelopeSchema, batchInputSchema, taskInputSchema } from '../domain/task.js';

/**
 * `create_tasks_batch`, as pure functions: parse the input, resolve `$N` placeholders (or the
 * `uniqueId` / `logicalDependencies` dialect) and existing ids, check every rule, and return the rows
 * to insert. All or nothing: any problem and the whole batch is refused, with every problem listed.
 *
 * Two steps, because existing ids must be looked up in a store between them:
 *   parseBatch(raw)                          → drafts + the existing ids they name
 *   resolveBatch(parsed, existing, context)  → rows, or a ValidationError
 */

/** What the resolver needs to know of a task that already exists. */
export interface ExistingTask {
  id: string;
  parent_id: string | null;
  plan_id: string | null;
  task_order: number;
  task_name: string;
  subtask_count: number;
  sort_key: string;
}

export interface Draft {
  /** 0-based index in the flattened list. */
  index: number;
  /** `$3`, or `$3.2` for the second inline sub-task of the third task. */
  ref: string;
  label: string;
  input: TaskInput;
  /** Index of the inline parent, when given as `subtasks` or `parent_id: "$N"`. */
  parentIndex: number | null;
  /** Existing parent id, when `parent_id` names one. */
  parentId: string | null;
  /** Position among inline siblings (1-based) for inline sub-tasks. */
  position: number | null;
}

export interface ParsedBatch {
  drafts: Draft[];
  existingIds: Set<string>;
  planId: string | undefined;
  /** A new plan the batch asks for: its architecture summary and title (`{tasks, architecture, title}`). */
  plan?: { architecture: string; title?: string };
}

/** A task as a batch creates it: what it asks for and where it goes, before any state. */
export type NewTaskRow = Pick<
  Task,
  | 'id'
  | 'plan_id'
  | 'batch_id'
  | 'parent_id'
  | 'task_order'
  | 'position'
  | 'task_name'
  | 'description'
  | 'skill_id'
  | 'category'
  | 'kind'
  | 'inputs'
  | 'validation_criteria'
  | 'timeout_seconds'
  | 'estimate_minutes'
  | 'max_attempts'
  | 'dependencies'
  | 'critiques'
> & { sort_key: string };

export interface ResolveContext {
  newId: () => string;
  /** The category of a skill id, from the registry; undefined when unknown. */
  skillCategory?: (skillId: string) => string | undefined;
  planId?: string | null;
  /** Orders this batch after every earlier one (see `nextBatchKey`); defaults to the batch id. */
  batchKey?: string;
  /** Used when a new sub-task's parent already exists: how many sub-tasks it has now. */
  existingChildCount?: (parentId: string) => number;
}

export const PLACEHOLDER = /^\$(\d+)(?:\.(\d+))?$/;

export function labelOf(ref: string, name: unknown): string {
  return typeof name === 'string' && name.trim() ? `${ref} "${name.trim()}"` : ref;
}

export function zodIssues(error: z.ZodError, task: string, prefix = ''): Issue[] {
  return error.issues.map((i) => {
    const field =
      prefix +
      i.path
        .map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k === 0 && !prefix ? '' : '.'}${String(p)}`))
        .join('');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field(s) ${i.keys.join(', ')}`;
    return { task, field: field || '(task)', message };
  });
}

export function parseBatch(raw: unknown): ParsedBatch {
  // Bounds first, iteratively: a hostile depth or size is refused before any recursive parser sees it.
  const bounds = checkBounds(raw, 'tasks');
  if (bounds) throw new ValidationError([{ field: bounds.field, message: bounds.message }]);
  const envelope = batchInputSchema.safeParse(raw);
  if (!envelope.success) {
    // An object with a task list: say which of its fields is wrong (an unknown one, an empty architecture).
    const asObject =
      raw && typeof raw === 'object' && Array.isArray((raw as { tasks?: unknown }).tasks)
        ? batchEnvelopeSchema.safeParse(raw)
        : null;
    if (asObject && !asObject.success)
      throw new ValidationError(
        asObject.error.issues.map((i) => ({
          field: i.path.join('.') || '(batch)',
          message:
            i.code === 'unrecognized_keys'
              ? `unknown field(s) ${i.keys.join(', ')} of the batch: it takes tasks, plan_id, or architecture and title for a new plan`
              : i.message,
        })),
        'the batch was refused; nothing was created',
      );
    throw new ValidationError([
      { field: 'tasks', message: 'expected a JSON array of tasks, or an object {"tasks": [...]}' },
    ]);
  }
  const items = Array.isArray(envelope.data) ? envelope.data : envelope.data.tasks;
  const planId = Array.isArray(envelope.data) ? undefined : envelope.data.plan_id;
  const plan =
    !Array.isArray(envelope.data) && envelope.data.architecture !== undefined
      ? { architecture: envelope.data.architecture.trim(), title: envelope.data.title }
      : undefined;
  if (!Array.isArray(envelope.data) && envelope.data.title !== undefined && !plan)
    throw new ValidationError([
      { field: 'title', message: "a title names a new plan: give the plan's architecture with it" },
    ]);
  if (items.length === 0) throw new ValidationError([{ field: 'tasks', message: 'the batch has no tasks' }]);

  const issues: Issue[] = [];
  const drafts: Draft[] = [];
  const existingIds = new Set<string>();

  items.forEach((item, i) => {
    const ref = `$${i + 1}`;
    const name = item && typeof item === 'object' ? (item as Record<string, unknown>).task_name : undefined;
    const label = labelOf(ref, name);
    const parsed = taskInputSchema.safeParse(item);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, label));
      return;
    }
    const { subtasks, ...input } = parsed.data;
    const index = drafts.length;
    drafts.push({ index, ref, label, input, parentIndex: null, parentId: null, position: null });
    (subtasks ?? []).forEach((sub, k) => {
      const subRef = `${ref}.${k + 1}`;
      const subLabel = labelOf(subRef, sub.task_name);
      if (sub.subtasks !== undefined) {
        issues.push({
          task: subLabel,
          field: 'subtasks',
          message: 'a sub-task cannot have sub-tasks (only one level of nesting)',
        });
        return;
      }
      const { subtasks: _ignored, ...subInput } = sub;
      drafts.push({
        index: drafts.length,
        ref: subRef,
        label: subLabel,
        input: subInput,
        parentIndex: index,
        parentId: null,
        position: k + 1,
      });
    });
  });
  if (issues.length > 0) throw new ValidationError(issues, `the batch was refused; nothing was created`);

  for (const d of drafts) {
    for (const dep of d.input.dependencies ?? []) if (!dep.startsWith('$')) existingIds.add(dep);
    const p = d.input.parent_id;
    if (p && !p.startsWith('$')) existingIds.add(p);
    for (const c of critiquesList(d.input)) if (!c.startsWith('$')) existingIds.add(c);
    const pre = precedingTask(d.input);
    if (pre?.task_id) existingIds.add(pre.task_id);
  }
  return { drafts, existingIds, planId, plan };
}

export function critiquesList(input: TaskInput): string[] {
  const v = input.inputs?.critiques_tasks;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return [v];
  return [];
}

export interface PrecedingRef {
  task_order?: number;
  task_id?: string;
}

export function precedingTask(input: TaskInput): PrecedingRef | null {
  const v = input.inputs?.preceding_task;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const id = typeof o.task_id === 'string' ? o.task_id : typeof o.id === 'string' ? o.id : undefined;
  return {
    task_order: typeof o.task_order === 'number' ? o.task_order : undefined,
    task_id: id,
  };
}

const KIND_BY_CATEGORY: Record<string, TaskKind> = {
  development: 'implement',
  implementation: 'implement',
  critique: 'critique',
  review: 'critique',
  qa: 'critique',
  testing: 'test',
  test: 'test',
  research: 'research',
  docs: 'docs',
  documentation: 'docs',
};

export function inferKind(input: TaskInput, category: string | undefined): TaskKind {
  if (input.kind) return input.kind;
  if (category && KIND_BY_CATEGORY[category]) return KIND_BY_CATEGORY[category]!;
  const name = (input.skill_id ?? '').split('/').pop() ?? '';
  if (/critique|review|(^|-)qa($|-)/i.test(name)) return 'critique';
  if (/test/i.test(name)) return 'test';
  if (/(^|-)docs?($|-)|documentation/i.test(name)) return 'docs';
  if (/research/i.test(name)) return 'research';
  if (precedingTask(input) || critiquesList(input).length > 0) return 'critique';
  return 'implement';
}

export function isPlannerSkill(skillId: string, category: string | undefined): boolean {
  if (category) return category === 'planner';
  const name = skillId.split('/').pop() ?? '';
  return /(^|-)planner$/i.test(name);
}

export function emptyCriteria(c: TaskInput['validation_criteria']): ValidationCriteria {
  return { critical: c?.critical ?? [], expected: c?.expected ?? [], nice_to_have: c?.nice_to_have ?? [] };
}

export const pad = (n: number) => String(n).padStart(6, '0');
export function sortKey(batchId: string, order: number, position: number | null): string {
  return `${batchId}:${pad(order)}:${pad(position ?? 0)}`;
}

/** The batch part of the sort key after `maxKey` (the greatest sort key stored so far). */
export function nextBatchKey(maxKey: string | null | undefined): string {
  const n = maxKey ? Number.parseInt(maxKey.split(':')[0]!, 10) : 0;
  return String((Number.isFinite(n) ? n : 0) + 1).padStart(10, '0');
}
