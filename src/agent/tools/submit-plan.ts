import { jsonSchema, tool } from 'ai';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Submit the finished plan as {"plan": {...}}. It is checked before anything is written: its shape, that it says something (each implement phase names files, no empty steps, the requirement's terms appear), that every file to modify exists, that no file to create exists, and that every automated check is a command the project has. If it is refused you get the problems by field; fix them and submit again.`;

export type SubmitVerdict =
  | { accepted: true; summary: string; notes?: string[] }
  | { accepted: false; problems: string[]; attempts_left: number; notes?: string[] };

/**
 * The planner decides what an acceptable plan is; this tool only carries it. The schema the model sees is
 * the typed plan schema; the SDK is told to accept any arguments, so a plan at the top level or as a JSON
 * string reaches the planner's intake (which normalises it, with notes) instead of being refused unseen.
 */
export function submitPlanTool(
  ctx: ToolContext,
  submit: (args: unknown) => SubmitVerdict | Promise<SubmitVerdict>,
  planJsonSchema: Record<string, unknown>,
) {
  return tool({
    description: DESCRIPTION,
    inputSchema: jsonSchema<unknown>(
      { type: 'object', properties: { plan: planJsonSchema }, required: ['plan'] },
      { validate: (value) => ({ success: true, value }) },
    ),
    execute: async (args) => {
      const verdict = await submit(args);
      // A refusal is reported by the planner, which counts it.
      if (verdict.accepted) ctx.emit({ type: 'tool', name: 'submit_plan', summary: 'accepted' });
      return verdict;
    },
  });
}
