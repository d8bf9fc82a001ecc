import type { LanguageModel } from 'ai';
import { tool } from 'ai';
import { z } from 'zod';
import { RESEARCH_MAX_TOKENS, RESEARCH_MIN_TOKENS } from '../budget.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';
import { loopContext, runLoop } from '../loop.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { listDirTool } from './list-dir.js';
import { readFileTool } from './read-file.js';

const DESCRIPTION = `Send a sub-agent to research one area of the codebase (a folder, a module, a flow) and report back: what is there, how it works, the files and symbols that matter (with path:line), the conventions it follows. Use it to cover several areas without reading everything yourself.`;

const SYSTEM = `You research one area of a codebase for a planner. You can only read: list folders, glob, grep and read files. Report in under 300 words: what the area does, the files and symbols that matter (path:line), the patterns it follows, and anything risky. Do not plan or propose code.`;

export function researchTool(ctx: ToolContext, model: LanguageModel, modelName: string) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ area: z.string().describe('a folder or topic'), question: z.string() }),
    execute: async ({ area, question }, options) => {
      // The sub-agent spends from the run's budget: at most what is left after the planner's next request.
      // Parallel research calls share it: each holds its cap until it has spent it.
      const loop = loopContext(options.experimental_context);
      const cap = Math.min(RESEARCH_MAX_TOKENS, loop?.toolRoom() ?? RESEARCH_MAX_TOKENS);
      if (cap < RESEARCH_MIN_TOKENS)
        return refusal(
          `research needs at least ${RESEARCH_MIN_TOKENS} tokens and only ${cap} are left for it in the budget: read what you need with read_file and grep, or submit your plan`,
        );
      const release = loop?.reserve(cap);
      ctx.emit({ type: 'subagent', area });
      const state = { submitted: false, repairsExhausted: false, tokens: 0 };
      const r = await runLoop({
        model,
        modelName,
        system: SYSTEM,
        prompt: `Area: ${area}\nQuestion: ${question}`,
        tools: {
          read_file: readFileTool(ctx),
          grep: grepTool(ctx),
          glob: globTool(ctx),
          list_dir: listDirTool(ctx),
        },
        state,
        limits: { maxSteps: 8, maxTokens: cap },
      }).finally(() => release?.());
      // What the sub-agent's requests cost: the loop adds it to the budget the model sees.
      return {
        area,
        findings: r.text || '(the sub-agent reported nothing)',
        steps: r.steps,
        ...(cap < RESEARCH_MAX_TOKENS ? { token_cap: cap } : {}),
        tokens_used: { input: r.usage.input, output: r.usage.output },
      };
    },
  });
}
