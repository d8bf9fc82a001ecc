import type { z } from 'zod';
import type { Issue } from '../domain/errors.js';
import { ValidationError } from '../domain/errors.js';
import { checkBounds } from '../domain/limits.js';
import type { TaskInput, TaskKind, ValidationCriteria } from '../domain/task.js';
import { batchInputSchema, DEFAULT_MAX_ATTEMPTS, taskInputSchema } from '../domain/task.js';
import { findCycle } from './cycles.js';

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
}

export interface NewTaskRow {
  id: string;
  plan_id: string | null;
  batch_id: string;
  parent_id: string | null;
  task_order: number;
  position: number | null;
  task_name: string;
  description: string;
  skill_id: string | null;
  category: string | null;
  kind: TaskKind;
  inputs: Record<string, unknown>;
  validation_criteria: ValidationCriteria;
  timeout_seconds: number | null;
  estimate_minutes: number | null;
  max_attempts: number;
  dependencies: string[];
  critiques: string[];
  sort_key: string;
}

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

const PLACEHOLDER = /^\$(\d+)(?:\.(\d+))?$/;

export function labelOf(ref: string, name: unknown): string {
  return typeof name === 'string' && name.trim() ? `${ref} "${name.trim()}"` : ref;
}

function zodIssues(error: z.ZodError, task: string, prefix = ''): Issue[] {
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
    throw new ValidationError([
      { field: 'tasks', message: 'expected a JSON array of tasks, or an object {"tasks": [...]}' },
    ]);
  }
  const items = Array.isArray(envelope.data) ? envelope.data : envelope.data.tasks;
  const planId = Array.isArray(envelope.data) ? undefined : envelope.data.plan_id;
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
  return { drafts, existingIds, planId };
}

function critiquesList(input: TaskInput): string[] {
  const v = input.inputs?.critiques_tasks;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return [v];
  return [];
}

interface PrecedingRef {
  task_order?: number;
  task_id?: string;
}

function precedingTask(input: TaskInput): PrecedingRef | null {
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

function emptyCriteria(c: TaskInput['validation_criteria']): ValidationCriteria {
  return { critical: c?.critical ?? [], expected: c?.expected ?? [], nice_to_have: c?.nice_to_have ?? [] };
}

const pad = (n: number) => String(n).padStart(6, '0');
export function sortKey(batchId: string, order: number, position: number | null): string {
  return `${batchId}:${pad(order)}:${pad(position ?? 0)}`;
}

/** The batch part of the sort key after `maxKey` (the greatest sort key stored so far). */
export function nextBatchKey(maxKey: string | null | undefined): string {
  const n = maxKey ? Number.parseInt(maxKey.split(':')[0]!, 10) : 0;
  return String((Number.isFinite(n) ? n : 0) + 1).padStart(10, '0');
}

export function resolveBatch(
  parsed: ParsedBatch,
  existing: Map<string, ExistingTask>,
  ctx: ResolveContext,
): NewTaskRow[] {
  const { drafts } = parsed;
  const issues: Issue[] = [];
  const byRef = new Map(drafts.map((d) => [d.ref, d]));
  const topCount = drafts.filter((d) => !d.ref.includes('.')).length;
  const ids = drafts.map(() => ctx.newId());
  const batchId = ids[0]!;
  const planId = parsed.planId ?? ctx.planId ?? null;

  // uniqueId dialect
  const byUnique = new Map<string, Draft>();
  for (const d of drafts) {
    const u = d.input.uniqueId;
    if (u === undefined) continue;
    const prior = byUnique.get(u);
    if (prior)
      issues.push({ task: d.label, field: 'uniqueId', message: `"${u}" is already used by ${prior.label}` });
    else byUnique.set(u, d);
  }

  /** Resolves a reference to a batch index or an existing id. */
  const resolveRef = (d: Draft, field: string, ref: string): { index: number } | { id: string } | null => {
    if (ref.startsWith('$')) {
      const m = PLACEHOLDER.exec(ref);
      if (!m) {
        issues.push({ task: d.label, field, message: `"${ref}" is not a placeholder; use $N (1-based)` });
        return null;
      }
      const target = byRef.get(ref);
      if (!target) {
        const n = Number(m[1]);
        const why =
          n === 0 || n > topCount
            ? `the batch has ${topCount} task${topCount === 1 ? '' : 's'} ($1…$${topCount})`
            : `task $${n} has no such sub-task`;
        issues.push({ task: d.label, field, message: `unknown placeholder ${ref}: ${why}` });
        return null;
      }
      return { index: target.index };
    }
    if (!existing.has(ref)) {
      issues.push({ task: d.label, field, message: `unknown task id ${ref}: no such task in the store` });
      return null;
    }
    return { id: ref };
  };

  // Parents
  const parentIndex: Array<number | null> = drafts.map((d) => d.parentIndex);
  const parentId: Array<string | null> = drafts.map(() => null);
  for (const d of drafts) {
    const p = d.input.parent_id;
    if (!p) continue;
    const r = resolveRef(d, 'parent_id', p);
    if (!r) continue;
    if ('index' in r) {
      if (r.index === d.index)
        issues.push({ task: d.label, field: 'parent_id', message: 'a task cannot be its own parent' });
      else parentIndex[d.index] = r.index;
    } else parentId[d.index] = r.id;
  }
  for (const d of drafts) {
    const pi = parentIndex[d.index];
    if (pi != null && (parentIndex[pi] != null || parentId[pi] != null)) {
      issues.push({
        task: drafts[pi]!.label,
        field: d.input.parent_id ? 'parent_id' : 'subtasks',
        message: `is itself a sub-task, so it cannot be given sub-tasks (${d.label} names it as parent; only one level of nesting)`,
      });
    }
    const pid = parentId[d.index];
    if (pid && existing.get(pid)!.parent_id) {
      issues.push({
        task: d.label,
        field: 'parent_id',
        message: `${pid} is itself a sub-task, so it cannot be given sub-tasks (only one level of nesting)`,
      });
    }
  }

  // Dependencies
  const deps: Array<Set<number>> = drafts.map(() => new Set());
  const extDeps: Array<Set<string>> = drafts.map(() => new Set());
  for (const d of drafts) {
    (d.input.dependencies ?? []).forEach((dep, k) => {
      const field = `dependencies[${k}]`;
      const r = resolveRef(d, field, dep);
      if (!r) return;
      if ('index' in r) {
        if (r.index === d.index)
          issues.push({
            task: d.label,
            field,
            message: `${dep} is the task itself; a task cannot depend on itself`,
          });
        else deps[d.index]!.add(r.index);
      } else extDeps[d.index]!.add(r.id);
    });
    (d.input.logicalDependencies ?? []).forEach((u, k) => {
      const field = `logicalDependencies[${k}]`;
      const target = byUnique.get(u);
      if (!target) {
        if (existing.has(u)) extDeps[d.index]!.add(u);
        else
          issues.push({
            task: d.label,
            field,
            message: `unknown uniqueId "${u}": no task in the batch has it`,
          });
      } else if (target.index === d.index) {
        issues.push({
          task: d.label,
          field,
          message: `"${u}" is the task itself; a task cannot depend on itself`,
        });
      } else deps[d.index]!.add(target.index);
    });
  }

  // task_order: defaults to the position in the batch; must be unique among top-level tasks.
  const orders = drafts.map(
    (d) => d.input.task_order ?? (d.parentIndex == null ? Number(d.ref.slice(1)) : (d.position ?? 1)),
  );
  const seenOrder = new Map<number, Draft>();
  for (const d of drafts) {
    if (d.parentIndex != null || d.input.parent_id) continue;
    const o = orders[d.index]!;
    const prior = seenOrder.get(o);
    if (prior)
      issues.push({ task: d.label, field: 'task_order', message: `${o} is already used by ${prior.label}` });
    else seenOrder.set(o, d);
  }

  // Kinds, planner rule, critiques.
  const categories = drafts.map((d) =>
    d.input.skill_id ? ctx.skillCategory?.(d.input.skill_id) : undefined,
  );
  const kinds = drafts.map((d, i) => inferKind(d.input, d.input.category ?? categories[i]));
  const critiqued: Array<Set<number>> = drafts.map(() => new Set());
  const critiquedExt: Array<Set<string>> = drafts.map(() => new Set());
  for (const d of drafts) {
    const cat = d.input.category ?? categories[d.index];
    if (d.input.skill_id && isPlannerSkill(d.input.skill_id, categories[d.index])) {
      issues.push({
        task: d.label,
        field: 'skill_id',
        message: `${d.input.skill_id} is a planner skill; a planned task may not be given a planner skill (it would plan again, forever)`,
      });
    } else if (cat === 'planner' && d.input.skill_id) {
      issues.push({
        task: d.label,
        field: 'category',
        message: 'a planner task may not be assigned a planner skill',
      });
    }
    if (kinds[d.index] !== 'critique') continue;
    const list = critiquesList(d.input);
    const pre = precedingTask(d.input);
    if (list.length === 0 && !pre) {
      issues.push({
        task: d.label,
        field: 'inputs.preceding_task',
        message:
          'a critique task needs something to critique: give inputs.preceding_task or inputs.critiques_tasks',
      });
      continue;
    }
    list.forEach((c, k) => {
      const r = resolveRef(d, `inputs.critiques_tasks[${k}]`, c);
      if (!r) return;
      if ('index' in r) {
        if (r.index === d.index)
          issues.push({
            task: d.label,
            field: `inputs.critiques_tasks[${k}]`,
            message: 'a critique cannot critique itself',
          });
        else critiqued[d.index]!.add(r.index);
      } else critiquedExt[d.index]!.add(r.id);
    });
    if (list.length === 0 && pre) {
      if (pre.task_id) {
        if (existing.has(pre.task_id)) critiquedExt[d.index]!.add(pre.task_id);
        else
          issues.push({
            task: d.label,
            field: 'inputs.preceding_task.task_id',
            message: `unknown task id ${pre.task_id}`,
          });
      } else if (pre.task_order !== undefined) {
        const inBatch = drafts.find(
          (x) => x.parentIndex == null && !x.input.parent_id && orders[x.index] === pre.task_order,
        );
        const inDeps = [...extDeps[d.index]!].find((id) => existing.get(id)?.task_order === pre.task_order);
        if (inBatch && inBatch.index !== d.index) critiqued[d.index]!.add(inBatch.index);
        else if (inDeps) critiquedExt[d.index]!.add(inDeps);
        else if (extDeps[d.index]!.size === 1) critiquedExt[d.index]!.add([...extDeps[d.index]!][0]!);
        else {
          issues.push({
            task: d.label,
            field: 'inputs.preceding_task.task_order',
            message: `no task in the batch or the dependencies has task_order ${pre.task_order}`,
          });
        }
      } else {
        issues.push({
          task: d.label,
          field: 'inputs.preceding_task',
          message: 'names no task: give task_order (a task of this batch) or task_id',
        });
      }
    }
    // A critique waits for what it critiques.
    for (const c of critiqued[d.index]!) deps[d.index]!.add(c);
    for (const c of critiquedExt[d.index]!) extDeps[d.index]!.add(c);
  }

  // A sub-task cannot depend on its own parent (the parent finishes only when it does).
  for (const d of drafts) {
    const pi = parentIndex[d.index];
    if (pi != null && deps[d.index]!.has(pi)) {
      issues.push({
        task: d.label,
        field: 'dependencies',
        message: `depends on its own parent ${drafts[pi]!.ref}, which can only finish after it`,
      });
    }
    const pid = parentId[d.index];
    if (pid && extDeps[d.index]!.has(pid)) {
      issues.push({
        task: d.label,
        field: 'dependencies',
        message: `depends on its own parent ${pid}, which can only finish after it`,
      });
    }
  }

  // Cycles among the new tasks (existing tasks cannot depend on new ones). Sub-task order counts:
  // a sub-task waits for its previous sibling and for its parent's dependencies.
  if (issues.length === 0) {
    const siblings = new Map<number, number[]>();
    drafts.forEach((d) => {
      const pi = parentIndex[d.index];
      if (pi == null) return;
      const list = siblings.get(pi) ?? [];
      list.push(d.index);
      siblings.set(pi, list);
    });
    const edges = drafts.map((d) => {
      const out = new Set(deps[d.index]);
      const pi = parentIndex[d.index];
      if (pi != null) {
        for (const x of deps[pi]!) out.add(x);
        const sibs = siblings.get(pi)!;
        const k = sibs.indexOf(d.index);
        if (k > 0) out.add(sibs[k - 1]!);
      }
      const kids = siblings.get(d.index);
      if (kids) for (const x of kids) out.add(x);
      return [...out].map(String);
    });
    const cycle = findCycle(
      drafts.map((d) => String(d.index)),
      (i) => edges[Number(i)]!,
    );
    if (cycle) {
      const path = cycle.map((i) => drafts[Number(i)]!.ref).join(' → ');
      const first = drafts[Number(cycle[0])]!;
      issues.push({ task: first.label, field: 'dependencies', message: `dependency cycle ${path}` });
    }
  }

  if (issues.length > 0) throw new ValidationError(issues, 'the batch was refused; nothing was created');

  // Rows. Inline sub-tasks keep the order given; sub-tasks of an existing parent go after its current ones.
  const positions = new Map<number, number>();
  const extPositions = new Map<string, number>();
  return drafts.map((d, i) => {
    const pi = parentIndex[i];
    const pid = parentId[i];
    let position: number | null = null;
    let key: string;
    let order = orders[i]!;
    if (pi != null) {
      position = (positions.get(pi) ?? 0) + 1;
      positions.set(pi, position);
      order = d.input.task_order ?? position;
      key = sortKey(ctx.batchKey ?? batchId, orders[pi]!, position);
    } else if (pid) {
      const base = extPositions.get(pid) ?? ctx.existingChildCount?.(pid) ?? existing.get(pid)!.subtask_count;
      position = base + 1;
      extPositions.set(pid, position);
      order = d.input.task_order ?? position;
      key = existing.get(pid)!.sort_key.replace(/:\d+$/, `:${pad(position)}`);
    } else {
      key = sortKey(ctx.batchKey ?? batchId, order, null);
    }
    const inputs = { ...(d.input.inputs ?? {}) };
    const crit = [...critiqued[i]!].map((x) => ids[x]!).concat([...critiquedExt[i]!]);
    if (Array.isArray(inputs.critiques_tasks)) inputs.critiques_tasks = crit;
    return {
      id: ids[i]!,
      plan_id: d.input.plan_id ?? (pid ? existing.get(pid)!.plan_id : null) ?? planId,
      batch_id: batchId,
      parent_id: pi != null ? ids[pi]! : (pid ?? null),
      task_order: order,
      position,
      task_name: d.input.task_name,
      description: d.input.description ?? '',
      skill_id: d.input.skill_id ?? null,
      category: d.input.category ?? categories[i] ?? null,
      kind: kinds[i]!,
      inputs,
      validation_criteria: emptyCriteria(d.input.validation_criteria),
      timeout_seconds: d.input.timeout_seconds ?? null,
      estimate_minutes: d.input.estimate_minutes ?? null,
      max_attempts: d.input.max_attempts ?? DEFAULT_MAX_ATTEMPTS,
      dependencies: [...deps[i]!].map((x) => ids[x]!).concat([...extDeps[i]!]),
      critiques: crit,
      sort_key: key,
    };
  });
}

/** Parse and resolve in one go, for inputs that name no existing tasks (and for tests). */
export function prepareBatch(
  raw: unknown,
  ctx: ResolveContext,
  existing = new Map<string, ExistingTask>(),
): NewTaskRow[] {
  return resolveBatch(parseBatch(raw), existing, ctx);
}
