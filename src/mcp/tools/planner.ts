import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { run } from '../result.js';

/** A step-wise thinking tool whose sessions persist in the store, so a restart loses nothing. */
export function registerPlannerTool(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'planner',
    {
      description:
        'Think through a plan one step at a time. Omit continuation_id to start; pass it back to continue. Revise with revises_step, explore alternatives with branch_from_step + branch_id.',
      inputSchema: {
        step: z.string(),
        step_number: z.number(),
        total_steps: z.number(),
        next_step_required: z.boolean(),
        continuation_id: z.string().optional(),
        revises_step: z.number().optional(),
        branch_from_step: z.number().optional(),
        branch_id: z.string().optional(),
      },
      annotations: { destructiveHint: false },
    },
    (input) =>
      run(async () => {
        const { continuation_id, steps } = await (await ctx.store()).addPlannerStep(input);
        const last = steps[steps.length - 1]!;
        const branches = [...new Set(steps.map((s) => s.branch_id).filter((b): b is string => b != null))];
        return {
          continuation_id,
          step_number: last.step_number,
          total_steps: last.total_steps,
          next_step_required: last.next_step_required,
          steps_recorded: steps.length,
          branches,
          next: last.next_step_required
            ? `continue with step_number ${last.step_number + 1} and this continuation_id`
            : 'planning done: turn the steps into tasks with create_tasks_batch',
        };
      }),
  );
}
