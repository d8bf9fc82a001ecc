import { tool } from 'ai';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const BATCH = `Create tasks with dependencies in plansmith's store, all or nothing: an array of {skill_id, task_name, description, task_order, dependencies ("$N" = N-th task of this batch, or a task id), inputs, validation_criteria {critical, expected, nice_to_have}, timeout_seconds}. A bad batch is refused with the task and field named; fix it and call again.`;

const run = async (ctx: ToolContext, name: string, fn: () => Promise<unknown>) => {
  if (!ctx.store) return refusal('this run has no task store');
  try {
    const value = await fn();
    ctx.emit({ type: 'tool', name, summary: 'ok' });
    return value;
  } catch (e) {
    if (e instanceof PlansmithError) return refusal(e.message);
    throw e;
  }
};

/** The task contract (create_tasks_batch, create_task, create_subtask) for agents that declare it. */
export function taskTools(ctx: ToolContext) {
  const item = z.record(z.string(), z.unknown());
  return {
    create_tasks_batch: tool({
      description: BATCH,
      inputSchema: z.object({ tasks: z.array(item) }),
      execute: async ({ tasks }) =>
        run(ctx, 'create_tasks_batch', async () =>
          (await (await ctx.store!()).createBatch(tasks)).map((t) => ({
            id: t.id,
            task_order: t.task_order,
            task_name: t.task_name,
          })),
        ),
    }),
    create_task: tool({
      description: 'Create one task; returns its id. Same fields as a create_tasks_batch item.',
      inputSchema: item,
      execute: async (task) =>
        run(ctx, 'create_task', async () => ({ id: (await (await ctx.store!()).createTask(task)).id })),
    }),
    create_subtask: tool({
      description: 'Append a sub-task to a parent task (one level); sub-tasks run in order.',
      inputSchema: z.object({ parent_task_id: z.string(), task: item }),
      execute: async ({ parent_task_id, task }) =>
        run(ctx, 'create_subtask', async () => ({
          id: (await (await ctx.store!()).createSubtask(parent_task_id, task)).id,
        })),
    }),
  };
}
