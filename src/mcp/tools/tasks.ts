import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationError } from '../../domain/errors.js';
import { TASK_STATUSES, type Task, type TaskKind, type TaskStatus } from '../../domain/task.js';
import { canonical, KIND_WORDS, STATUS_WORDS } from '../../domain/words.js';
import { pick, run } from '../result.js';

/** An agent's word for an enum, as plansmith's word; a clear error naming the field when there is none. */
function wordOf(words: Record<string, string>, word: string, field: string): string {
  const w = canonical(words, word);
  if (!w)
    throw new ValidationError([
      { field, message: `"${word}" is not a ${field}: use ${[...new Set(Object.values(words))].join(', ')}` },
    ]);
  return w;
}

/** The filter as the store takes it: the kind in plansmith's word. */
function filterOf<F extends { kind?: string }>(f: F): Omit<F, 'kind'> & { kind?: TaskKind } {
  return { ...f, kind: f.kind === undefined ? undefined : (wordOf(KIND_WORDS, f.kind, 'kind') as TaskKind) };
}

/*
 * The published schemas are deliberately lean (every token is paid in every conversation): numbers are
 * plain numbers and free JSON is a loose object. The store validates strictly (whole numbers, unknown
 * fields, placeholders, cycles) and its errors name the task and the field.
 */
const ids = z.array(z.string());
const json = z.looseObject({});
const criteria = json.describe('critical, expected, nice_to_have: string lists');

/** One task, as create_task and create_subtask take it. */
const taskShape = {
  skill_id: z.string().optional().describe('full_id from search_skills'),
  task_name: z.string(),
  description: z.string().optional(),
  task_order: z.union([z.number(), z.string()]).optional(),
  dependencies: ids.optional().describe('"$N" (N-th of this batch) or task ids'),
  inputs: json.optional().describe('requirements, files_to_create, files_to_modify, preceding_task, …'),
  validation_criteria: criteria.optional(),
  timeout_seconds: z.number().optional(),
  estimate_minutes: z.number().optional(),
  kind: z.string().optional(),
};
/**
 * A batch item adds inline sub-tasks. The `uniqueId` + `logicalDependencies` dialect is read too (the
 * store's intake); it is not published, to keep every conversation's tool list small.
 */
const batchItem = z.looseObject({
  ...taskShape,
  subtasks: z.array(json).optional().describe('same fields; run in order'),
});

const filter = {
  plan_id: z.string().optional(),
  skill_id: z.string().optional(),
  kind: z.string().optional(),
  category: z.string().optional(),
};

/** The fields list_tasks returns unless asked for others. */
export const SUMMARY_FIELDS = [
  'id',
  'task_name',
  'status',
  'ready',
  'kind',
  'skill_id',
  'task_order',
  'parent_id',
  'dependencies',
] as const;
const fields = z.array(z.string()).optional().describe('only these task fields');
const owner = z.string().describe('who takes it');
/** The lease holder: a claimed task is completed, failed, released or extended only by its owner. */
const holder = z.string();

const summary = (t: Task | null) =>
  t ? pick([t], [...SUMMARY_FIELDS, 'inputs', 'validation_criteria', 'description', 'lease'])[0] : null;

/** A task to work on, with what the work before it reported (a critique sees the build's outputs). */
async function toWork(ctx: AppContext, t: Task | null) {
  if (!t) return null;
  const preceding = await (await ctx.tasks()).preceding(t);
  return { ...summary(t), ...(preceding.length ? { preceding } : {}) };
}

/**
 * One issue of critique feedback as published; `expected`, `actual` and other words (`where`, `fix`) are read
 * too (the store's intake notes each synonym), and unknown fields are kept.
 */
const issue = z.looseObject({
  what: z.string(),
  location: z.string().optional().describe('file:line'),
  suggestion: z.string().optional(),
  severity: z.string().optional().describe('critical|major|minor|info'),
});

/** The task contract of the task-graph planner workflow, plus the tools to work the graph. */
export function registerTaskTools(server: McpServer, ctx: AppContext): void {
  // Only what differs from the spec's defaults (readOnly false, destructive true, idempotent false).
  const write = { destructiveHint: false } as const;
  const read = { readOnlyHint: true } as const;

  server.registerTool(
    'create_tasks_batch',
    {
      description:
        'Create tasks with dependencies, all or nothing; errors name task and field. Returns ids in order.',
      inputSchema: {
        tasks: z.array(batchItem),
        plan_id: z.string().optional(),
        architecture: z.string().optional().describe('your architecture summary; makes their plan'),
        title: z.string().optional(),
      },
      annotations: write,
    },
    (args) =>
      run(async () => {
        const r = await (await ctx.tasks()).create(args);
        return r.tasks.map((t, i) => ({
          id: t.id,
          task_order: t.task_order,
          task_name: t.task_name,
          kind: t.kind,
          ready: t.ready,
          ...(t.plan_id ? { plan_id: t.plan_id } : {}),
          ...(r.warnings[i]?.length ? { warnings: r.warnings[i] } : {}),
        }));
      }),
  );
  server.registerTool(
    'create_task',
    {
      description:
        'Create one task (e.g. a parent for create_subtask), fields as a batch item; returns its id.',
      inputSchema: z.looseObject({ task_name: z.string(), plan_id: z.string().optional() }),
      annotations: write,
    },
    ({ plan_id, ...task }) =>
      run(async () => {
        const { task: t, warnings } = await (await ctx.tasks()).addWithWarnings(task, {
          plan_id: plan_id as string | undefined,
        });
        return { id: t.id, kind: t.kind, ready: t.ready, ...(warnings.length ? { warnings } : {}) };
      }),
  );
  server.registerTool(
    'create_subtask',
    {
      description:
        'Append a sub-task to a parent (one level); they run in order, the parent is done when all are.',
      inputSchema: {
        parent_task_id: z.string(),
        task: z.looseObject({ task_name: z.string() }).describe('create_task fields'),
        after: z.string().optional().describe('sibling id'),
      },
      annotations: write,
    },
    ({ parent_task_id, task, after }) =>
      run(async () => {
        const { task: t, warnings } = await (await ctx.tasks()).subtaskWithWarnings(parent_task_id, task, {
          after,
        });
        return {
          id: t.id,
          parent_id: t.parent_id,
          position: t.position,
          ...(warnings.length ? { warnings } : {}),
        };
      }),
  );
  server.registerTool(
    'next_task',
    { description: 'The next ready task (not claimed), or null.', inputSchema: filter, annotations: read },
    (f) => run(async () => toWork(ctx, await (await ctx.tasks()).next(filterOf(f)))),
  );
  server.registerTool(
    'claim_task',
    {
      description: 'Atomically claim the next ready task (or task_id) with a lease; null if none.',
      inputSchema: { owner, task_id: z.string().optional(), lease_seconds: z.number().optional(), ...filter },
      annotations: write,
    },
    ({ owner, task_id, lease_seconds, ...f }) =>
      run(async () =>
        toWork(ctx, await (await ctx.tasks()).claim({ owner, task_id, lease_seconds, filter: filterOf(f) })),
      ),
  );
  server.registerTool(
    'complete_task',
    {
      description:
        'Finish a task (owner: the lease holder). A critique gives a verdict; fail re-opens the reviewed work with the feedback.',
      inputSchema: {
        task_id: z.string(),
        owner: z.string().optional(),
        summary: z.string().optional(),
        verdict: z.string().optional().describe('pass|fail'),
        score: z.number().optional(),
        feedback_for_rebuild: z
          .looseObject({ summary: z.string(), issues: z.array(issue).optional() })
          .optional(),
        outputs: json.optional(),
      },
      annotations: write,
    },
    ({ task_id, ...input }) =>
      run(async () => {
        const r = await (await ctx.tasks()).complete(task_id, input);
        return {
          id: r.task.id,
          status: r.task.status,
          reopened: r.reopened.map((t) => t.id),
          ...(r.notes.length ? { notes: r.notes } : {}),
        };
      }),
  );
  server.registerTool(
    'list_tasks',
    {
      description: 'Tasks in order, paginated (default 20).',
      inputSchema: {
        ...filter,
        status: z
          .array(z.string())
          .optional()
          .describe(`${TASK_STATUSES.join('|')}; synonyms ok`),
        parent_id: z.string().optional(),
        limit: z.number().optional().describe('max 200'),
        offset: z.number().optional(),
        fields,
      },
      annotations: read,
    },
    ({ fields: wanted, limit, offset, ...f }) =>
      run(async () => {
        const page = Math.min(Math.max(1, Math.floor(limit ?? 20)), 200);
        const { tasks, total } = await (await ctx.tasks()).list({
          ...filterOf(f),
          status: f.status?.map((s) => wordOf(STATUS_WORDS, s, 'status') as TaskStatus),
          limit: page,
          offset: Math.max(0, Math.floor(offset ?? 0)),
        });
        return { total, offset: offset ?? 0, tasks: pick(tasks, wanted ?? SUMMARY_FIELDS) };
      }),
  );
  server.registerTool(
    'get_task',
    {
      description: 'One task in full, with what its preceding tasks reported.',
      inputSchema: { task_id: z.string(), fields },
      annotations: read,
    },
    ({ task_id, fields: wanted }) =>
      run(async () => {
        const svc = await ctx.tasks();
        const { task, subtasks } = await svc.show(task_id);
        return {
          ...pick([task], wanted)[0],
          subtasks: subtasks.map((s) => ({ id: s.id, task_name: s.task_name, status: s.status })),
          preceding: await svc.preceding(task),
        };
      }),
  );
  server.registerTool(
    'heartbeat_task',
    {
      description: 'Extend your lease on a claimed task.',
      inputSchema: { task_id: z.string(), owner: holder, lease_seconds: z.number().optional() },
      annotations: write,
    },
    ({ task_id, owner, lease_seconds }) =>
      run(async () => {
        const t = await (await ctx.tasks()).heartbeat(task_id, { owner, lease_seconds });
        return { id: t.id, lease: t.lease };
      }),
  );
  server.registerTool(
    'fail_task',
    {
      description: 'Report a failed attempt; retried until max_attempts.',
      inputSchema: { task_id: z.string(), error: z.string(), owner: holder },
      annotations: write,
    },
    ({ task_id, error, owner }) =>
      run(async () => {
        const t = await (await ctx.tasks()).fail(task_id, { error, owner });
        return { id: t.id, status: t.status, attempts: t.attempts, max_attempts: t.max_attempts };
      }),
  );
  server.registerTool(
    'release_task',
    {
      description: 'Give a claimed task back, no attempt counted.',
      inputSchema: { task_id: z.string(), owner: holder },
      annotations: { ...write, idempotentHint: true },
    },
    ({ task_id, owner }) =>
      run(async () => {
        const t = await (await ctx.tasks()).release(task_id, { owner });
        return { id: t.id, status: t.status };
      }),
  );
}
