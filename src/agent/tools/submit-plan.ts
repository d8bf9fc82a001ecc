import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Submit the finished plan. The plan is checked: its shape, that every file to modify exists, that no file to create exists, and that every automated check is a command the project has. If it is refused you get the problems by field; fix them and submit again.`;

export type SubmitVerdict =
  | { accepted: true; summary: string }
  | { accepted: false; problems: string[]; attempts_left: number };

/** The planner decides what an acceptable plan is; this tool only carries it. */
export function submitPlanTool(ctx: ToolContext, submit: (plan: unknown) => SubmitVerdict, fields: string) {
  return tool({
    description: `${DESCRIPTION}\n\nThe plan object has: ${fields}`,
    inputSchema: z.object({ plan: z.record(z.string(), z.unknown()) }),
    execute: async ({ plan }) => {
      const verdict = submit(plan);
      ctx.emit(
        verdict.accepted
          ? { type: 'tool', name: 'submit_plan', summary: 'accepted' }
          : { type: 'repair', attempt: 0, problems: verdict.problems.length },
      );
      return verdict;
    },
  });
}
