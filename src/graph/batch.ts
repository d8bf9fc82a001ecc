import type { Issue } from '../domain/errors.js';
import { ValidationError } from '../domain/errors.js';
import { DEFAULT_MAX_ATTEMPTS } from '../domain/task.js';
import {
  critiquesList,
  type Draft,
  type ExistingTask,
  emptyCriteria,
  inferKind,
  isPlannerSkill,
  type NewTaskRow,
  type ParsedBatch,
  PLACEHOLDER,
  pad,
  parseBatch,
  precedingTask,
  type ResolveContext,
  sortKey,
} from './batch-parse.js';
import { findCycle } from './cycles.js';

export {
  type Draft,
  type ExistingTask,
  inferKind,
  isPlannerSkill,
  labelOf,
  type NewTaskRow,
  nextBatchKey,
  type ParsedBatch,
  parseBatch,
  type ResolveContext,
  sortKey,
} from './batch-parse.js';

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
      // A bare number is almost always a position in the batch: say which placeholder it would be.
      const n = /^\d+(?:\.\d+)?$/.test(ref.trim()) ? `$${ref.trim()}` : null;
      const hint = n && byRef.has(n) ? ` (did you mean \`${n}\`, task ${n} of this batch?)` : '';
      issues.push({
        task: d.label,
        field,
        message: `unknown task id ${ref}: no such task in the store${hint}`,
      });
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
