import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Ask the person a clarifying question when the requirement is ambiguous in a way that changes the plan. Returns their answer; when nobody can answer now, the question is recorded as an open question of the plan and the answer says its number.`;

export function askUserTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ question: z.string(), why: z.string().optional() }),
    execute: async ({ question }) => {
      const answer = ctx.ask ? await ctx.ask(question) : null;
      ctx.emit({ type: 'tool', name: 'ask_user', summary: question.slice(0, 60) });
      if (answer) return { answer };
      // Recorded questions come first among the plan's questions, in the order asked: their numbers are known now.
      const same = ctx.unanswered.findIndex((q) => q.trim().toLowerCase() === question.trim().toLowerCase());
      const n = same >= 0 ? same + 1 : ctx.unanswered.push(question);
      return {
        answer: null,
        recorded_as: `open question ${n}`,
        note: `no one can answer now. It is question ${n} of the plan (refer to it as question ${n}); you need not repeat it under questions. Plan with a stated assumption: a question of yours with the same text and an answer starting "Assumed:" is merged into it.`,
      };
    },
  });
}
