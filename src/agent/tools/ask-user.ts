import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Ask the person a clarifying question when the requirement is ambiguous in a way that changes the plan. Returns their answer, or says it was recorded as an open question when nobody can answer now.`;

export function askUserTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ question: z.string(), why: z.string().optional() }),
    execute: async ({ question }) => {
      const answer = ctx.ask ? await ctx.ask(question) : null;
      ctx.emit({ type: 'tool', name: 'ask_user', summary: question.slice(0, 60) });
      if (answer) return { answer };
      ctx.unanswered.push(question);
      return {
        answer: null,
        note: 'no one can answer now: it is recorded as an open question; plan with a stated assumption',
      };
    },
  });
}
