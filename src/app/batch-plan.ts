import { ulid } from '../domain/ids.js';
import type { Plan, Step } from '../domain/plan.js';
import { planSchema, slugify } from '../domain/plan.js';
import type { TaskInput } from '../domain/task.js';
import { type Draft, inferKind, type ParsedBatch } from '../graph/batch.js';
import type { NewPlanRecord } from '../store/task-store.js';

/**
 * The plan a task batch makes for itself (`{tasks, architecture, title}`): the home of the backend-planner
 * skill's architecture summary. A real plan model (listed, served, superseded and cancelled like any plan,
 * shown by `plans show` and `get_plan`): the architecture is its requirement and summary, each top-level
 * task a phase whose steps are its sub-tasks (or the task itself), and the batch its task graph. It has no
 * plan file: `path` is empty, and the commands that rewrite a plan's files say so (`isBatchPlan`).
 */
export const BATCH_ENGINE = 'create_tasks_batch';

/** A plan made by a task batch: nothing on disk to refine, sync or hand off. */
export function isBatchPlan(plan: Pick<Plan, 'engine'>): boolean {
  return plan.engine === BATCH_ENGINE;
}

/** The plan's title: the one given, else the architecture's first line (without its label), else the first task's name. */
function titleOf(parsed: ParsedBatch, architecture: string, given?: string): string {
  if (given) return given;
  const first = (architecture.split('\n').find((l) => l.trim()) ?? '')
    .replace(/^[\s>#*_-]+/, '')
    .replace(/^(\*\*|__)?architecture( summary)?(\*\*|__)?\s*:?\s*(\*\*|__)?\s*/i, '')
    .replace(/[*_`]/g, '')
    .trim();
  const line = first.length > 80 ? `${first.slice(0, 80).replace(/\s+\S*$/, '')}…` : first;
  return line || parsed.drafts[0]!.input.task_name;
}

const paths = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : [])
    .map((x) =>
      typeof x === 'string' ? x : x && typeof x === 'object' ? (x as { path?: unknown }).path : '',
    )
    .filter((x): x is string => typeof x === 'string' && x.trim().length > 0);

function stepOf(input: TaskInput): Step {
  const requirements = input.inputs?.requirements;
  return {
    title: input.task_name,
    detail: [input.description, typeof requirements === 'string' ? requirements : '']
      .filter(Boolean)
      .join('\n\n'),
    files_to_create: paths(input.inputs?.files_to_create).map((path) => ({ path, why: '' })),
    files_to_modify: paths(input.inputs?.files_to_modify).map((path) => ({ path, why: '' })),
  };
}

const PHASE_KINDS = new Set(['implement', 'test', 'docs', 'research', 'other']);

/** The plan record for a batch that gives `architecture`; `items` are its tasks as given (the plan's task graph). */
export function batchPlan(parsed: ParsedBatch, items: unknown[], now: Date): NewPlanRecord {
  const { architecture, title: given } = parsed.plan!;
  const title = titleOf(parsed, architecture, given);
  const top = parsed.drafts.filter((d) => d.parentIndex === null);
  const kids = (d: Draft) => parsed.drafts.filter((k) => k.parentIndex === d.index);
  const model: Plan = planSchema.parse({
    id: ulid(now.getTime()),
    revision: 1,
    title,
    slug: slugify(title),
    style: 'tasks',
    engine: BATCH_ENGINE,
    created_at: now.toISOString(),
    requirement: { text: architecture, sources: [{ kind: 'text', name: BATCH_ENGINE }] },
    analysis: { work_type: 'feature', summary: architecture },
    research: {},
    phases: top.map((d, i) => {
      const kind = inferKind(d.input, d.input.category);
      return {
        id: `p${i + 1}`,
        title: d.input.task_name,
        goal: d.input.description ?? '',
        ...(d.input.skill_id ? { skill: d.input.skill_id } : {}),
        kind: PHASE_KINDS.has(kind) ? kind : 'other',
        steps: (kids(d).length ? kids(d) : [d]).map((x) => stepOf(x.input)),
        ...(d.input.estimate_minutes !== undefined
          ? { estimate_minutes: Math.round(d.input.estimate_minutes) }
          : {}),
      };
    }),
    tests: { strategy: '' },
    tasks: items,
  });
  return {
    plan: {
      id: model.id,
      revision: 1,
      slug: model.slug,
      title: model.title,
      style: model.style,
      status: model.status,
    },
    path: '',
    model,
  };
}
