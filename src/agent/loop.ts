import type { LanguageModel, ToolSet } from 'ai';
import { generateText, stepCountIs } from 'ai';
import type { AgentEvent } from './context.js';
import { explainModelError } from './errors.js';
import type { LoopState, StopReason } from './stop.js';
import { repairsExhausted, submitted, tokenBudget } from './stop.js';

export interface LoopLimits {
  maxSteps: number;
  maxTokens: number;
  timeoutMs: number;
}

export const DEFAULT_LIMITS: LoopLimits = { maxSteps: 40, maxTokens: 400_000, timeoutMs: 10 * 60_000 };

export interface LoopResult {
  text: string;
  steps: number;
  stoppedBy: StopReason;
  usage: { input: number; output: number; total: number };
  toolCalls: string[];
}

/**
 * The agent loop: the model calls tools until it stops on its own, submits, or hits a limit. Transient
 * provider failures (429, 5xx) are retried with exponential backoff by the SDK; the rest become one
 * clear line.
 */
export async function runLoop(o: {
  model: LanguageModel;
  modelName: string;
  system: string;
  prompt: string;
  tools: ToolSet;
  state: LoopState;
  limits?: Partial<LoopLimits>;
  emit?: (e: AgentEvent) => void;
  maxRetries?: number;
}): Promise<LoopResult> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const toolCalls: string[] = [];
  let steps = 0;
  try {
    const result = await generateText({
      model: o.model,
      system: o.system,
      prompt: o.prompt,
      tools: o.tools,
      maxRetries: o.maxRetries ?? 3,
      abortSignal: AbortSignal.timeout(limits.timeoutMs),
      stopWhen: [
        stepCountIs(limits.maxSteps),
        submitted(o.state),
        repairsExhausted(o.state),
        tokenBudget(o.state, limits.maxTokens),
      ],
      onStepFinish: (step) => {
        steps++;
        o.state.tokens +=
          step.usage.totalTokens ?? (step.usage.inputTokens ?? 0) + (step.usage.outputTokens ?? 0);
        for (const c of step.toolCalls) toolCalls.push(c.toolName);
        o.emit?.({ type: 'step', step: steps });
      },
    });
    const u = result.totalUsage;
    const last = result.steps[result.steps.length - 1];
    const stoppedBy: StopReason = o.state.submitted
      ? 'submitted'
      : o.state.repairsExhausted
        ? 'repairs-exhausted'
        : o.state.tokens >= limits.maxTokens
          ? 'token-limit'
          : last && last.toolCalls.length > 0 && result.steps.length >= limits.maxSteps
            ? 'step-limit'
            : 'finished';
    return {
      text: result.text,
      steps: result.steps.length,
      stoppedBy,
      usage: {
        input: u.inputTokens ?? 0,
        output: u.outputTokens ?? 0,
        total: u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0),
      },
      toolCalls,
    };
  } catch (e) {
    throw explainModelError(e, o.modelName);
  }
}
