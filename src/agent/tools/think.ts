import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Think step by step before deciding. Record one step of reasoning; say how many steps you expect and whether another is needed. Revise an earlier step with revises_step, or explore an alternative with branch_id. Nothing outside this run sees it.`;

export function thinkTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      step: z.string(),
      step_number: z.number().int().min(1),
      total_steps: z.number().int().min(1),
      next_step_required: z.boolean(),
      revises_step: z.number().int().optional(),
      branch_id: z.string().optional(),
    }),
    execute: async (t) => {
      ctx.thoughts.push(t);
      ctx.emit({ type: 'tool', name: 'think', summary: `${t.step_number}/${t.total_steps}` });
      return {
        recorded: ctx.thoughts.length,
        next: t.next_step_required ? `continue with step ${t.step_number + 1}` : 'done thinking; act on it',
      };
    },
  });
}
