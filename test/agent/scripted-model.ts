import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';

/** One scripted model turn: tool calls and/or text; a function sees the prompt so far (tool results included). */
export type Turn =
  | {
      /** `raw`: the arguments exactly as sent (for broken JSON); else `input` is serialised. */
      calls?: Array<{ tool: string; input?: unknown; raw?: string }>;
      text?: string;
      /** Default: tool-calls when there are calls, else stop. */
      finish?: 'stop' | 'length' | 'tool-calls';
      /** What the provider says it ignored, e.g. [{ type: 'unsupported', feature: 'temperature' }]. */
      warnings?: LanguageModelV3GenerateResult['warnings'];
    }
  | ((o: LanguageModelV3CallOptions) => Turn);

/** The text of everything the model has been sent so far in a call (to check what reached it). */
export function promptText(o: LanguageModelV3CallOptions): string {
  return JSON.stringify(o.prompt);
}

/**
 * What a request would cost at a provider, estimated at 4 characters a token: the messages and the tool
 * definitions (names, descriptions, schemas), as they are sent.
 */
export function estimateTokens(o: LanguageModelV3CallOptions): number {
  return Math.ceil((JSON.stringify(o.prompt).length + JSON.stringify(o.tools ?? []).length) / 4);
}

/**
 * A language model that plays a script: each generate call takes the next turn. Responses have the
 * provider (V3) shape, so the real AI SDK loop, tool parsing and tool execution run unchanged. Usage is
 * a fixed 1,200 input tokens a request, or with `measured` the size of what was sent (see
 * {@link estimateTokens}) and of the reply.
 */
export function scriptedModel(turns: Turn[], o: { measured?: boolean } = {}): MockLanguageModelV3 {
  let i = 0;
  return new MockLanguageModelV3({
    provider: 'scripted',
    modelId: 'scripted-planner',
    doGenerate: async (options): Promise<LanguageModelV3GenerateResult> => {
      let turn = turns[i++] ?? { text: 'I have nothing more to do.' };
      while (typeof turn === 'function') turn = turn(options);
      const calls = turn.calls ?? [];
      return {
        content: [
          ...(turn.text ? [{ type: 'text' as const, text: turn.text }] : []),
          ...calls.map((c, k) => ({
            type: 'tool-call' as const,
            toolCallId: `call-${i}-${k}`,
            toolName: c.tool,
            input: c.raw ?? JSON.stringify(c.input),
          })),
        ],
        finishReason: { unified: turn.finish ?? (calls.length ? 'tool-calls' : 'stop'), raw: undefined },
        usage: (() => {
          const input = o.measured ? estimateTokens(options) : 1200;
          const output = o.measured
            ? Math.ceil((JSON.stringify(calls).length + (turn.text?.length ?? 0)) / 4)
            : 150;
          return {
            inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: output, text: output, reasoning: 0 },
          };
        })(),
        warnings: turn.warnings ?? [],
      };
    },
  });
}
