import type { LanguageModel, ToolSet } from 'ai';
import { generateText, stepCountIs, ToolChoiceViolationError } from 'ai';
import type { AgentEvent } from './context.js';
import { explainModelError, isTimeout } from './errors.js';
import type { LoopState, StopReason } from './stop.js';
import { repairsExhausted, submitted, tokenBudget } from './stop.js';

export interface LoopLimits {
  maxSteps: number;
  maxTokens: number;
  timeoutMs: number;
}

export const DEFAULT_LIMITS: LoopLimits = { maxSteps: 40, maxTokens: 400_000, timeoutMs: 10 * 60_000 };

/** Sampling settings passed to the provider; a provider that ignores one says so in `warnings`. */
export interface ModelSettings {
  /** `required`: every step must call a tool (the plan ends with submit_plan, never with prose). */
  toolChoice?: 'required' | 'auto';
  temperature?: number;
  maxOutputTokens?: number;
}

export interface LoopResult {
  text: string;
  steps: number;
  stoppedBy: StopReason;
  /** The provider's reason for ending the last reply (stop, length, tool-calls, …). */
  finishReason: string;
  usage: { input: number; output: number; total: number };
  toolCalls: string[];
  /** Settings or features the provider said it does not support, one line each. */
  warnings: string[];
}

/** A tool call the SDK could not run: a tool that does not exist, or arguments that are not valid JSON. */
export interface InvalidCall {
  tool: string;
  error: string;
}

/**
 * The agent loop: the model calls tools until it stops on its own, submits, or hits a limit. Transient
 * provider failures (429, 5xx) are retried with exponential backoff by the SDK; the rest become one
 * clear line. A reply without a tool call under `toolChoice: required`, and the time limit, end the loop
 * with their own reason instead of an exception.
 */
export async function runLoop(o: {
  model: LanguageModel;
  modelName: string;
  system: string;
  prompt: string;
  tools: ToolSet;
  state: LoopState;
  limits?: Partial<LoopLimits>;
  settings?: ModelSettings;
  emit?: (e: AgentEvent) => void;
  onInvalidCall?: (call: InvalidCall) => void;
  maxRetries?: number;
}): Promise<LoopResult> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const toolCalls: string[] = [];
  const warnings = new Set<string>();
  const usage = { input: 0, output: 0, total: 0 };
  let steps = 0;
  const ended = (stoppedBy: StopReason, finishReason: string, text: string): LoopResult => ({
    text,
    steps,
    stoppedBy,
    finishReason,
    usage,
    toolCalls,
    warnings: [...warnings],
  });
  try {
    const result = await generateText({
      model: o.model,
      system: o.system,
      prompt: o.prompt,
      tools: o.tools,
      toolChoice: o.settings?.toolChoice ?? 'auto',
      temperature: o.settings?.temperature,
      maxOutputTokens: o.settings?.maxOutputTokens,
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
        const u = step.usage;
        usage.input += u.inputTokens ?? 0;
        usage.output += u.outputTokens ?? 0;
        usage.total += u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
        o.state.tokens = usage.total;
        for (const w of step.warnings ?? []) warnings.add(warningLine(w));
        for (const c of step.toolCalls) {
          toolCalls.push(c.toolName);
          const bad = c as { invalid?: boolean; error?: unknown };
          if (bad.invalid)
            o.onInvalidCall?.({
              tool: c.toolName,
              error: String((bad.error as Error)?.message ?? bad.error),
            });
        }
        o.emit?.({ type: 'step', step: steps });
      },
    });
    const last = result.steps[result.steps.length - 1];
    const finish = String(last?.finishReason ?? 'stop');
    const called = (last?.toolCalls.length ?? 0) > 0;
    const stoppedBy: StopReason = o.state.submitted
      ? 'submitted'
      : o.state.repairsExhausted
        ? 'repairs-exhausted'
        : o.state.tokens >= limits.maxTokens
          ? 'token-limit'
          : called && result.steps.length >= limits.maxSteps
            ? 'step-limit'
            : finish === 'length'
              ? 'length'
              : !called && result.text.trim()
                ? 'text-answer'
                : 'finished';
    return ended(stoppedBy, finish, result.text);
  } catch (e) {
    if (ToolChoiceViolationError.isInstance(e)) {
      steps++;
      const text = (e.content ?? [])
        .map((p) => (p.type === 'text' ? p.text : ''))
        .join('')
        .trim();
      return ended(
        String(e.finishReason) === 'length' ? 'length' : 'text-answer',
        String(e.finishReason),
        text,
      );
    }
    if (isTimeout(e)) return ended('time-limit', 'aborted', '');
    throw explainModelError(e, o.modelName);
  }
}

function warningLine(w: unknown): string {
  const x = w as { type?: string; feature?: string; setting?: string; details?: string; message?: string };
  const what = x.feature ?? x.setting ?? x.message ?? x.type ?? 'a setting';
  return x.details ? `${what} (${x.details})` : what;
}
