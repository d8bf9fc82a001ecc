import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { LanguageModel, Tool, ToolSet } from 'ai';
import { generateText, stepCountIs, ToolChoiceViolationError, wrapLanguageModel } from 'ai';
import type { BudgetView } from './budget.js';
import { cachedTools, lastTurn, prepareTurn, toolRoom } from './budget.js';
import type { AgentEvent } from './context.js';
import { digestOf } from './digest.js';
import { explainModelError, isTimeout } from './errors.js';
import type { LoopState, StopReason } from './stop.js';
import { repairsExhausted, submitted, tokenBudget } from './stop.js';
import { toText } from './text-output.js';

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
  /** The tool that ends the run (submit_plan): the budget warning asks for it, the last turn requires it. */
  finalTool?: string;
}): Promise<LoopResult> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const toolCalls: string[] = [];
  const warnings = new Set<string>();
  const usage = { input: 0, output: 0, total: 0 };
  let steps = 0;
  let lastRequest = 0;
  /** The current request requires the final tool: the budget has room for one more. */
  let forced = false;
  const digests = new Map<string, string>();
  // A tool that runs its own model calls (research's sub-agent) says what they cost; it counts here, in
  // the budget the model sees and in the run's usage, like the loop's own requests.
  const tools = cachedTools(
    withDigests(o.tools, digests, (spent) => {
      usage.input += spent.input;
      usage.output += spent.output;
      usage.total += spent.input + spent.output;
      o.state.tokens = usage.total;
    }),
  );
  const budget = (): BudgetView => ({
    step: steps,
    maxSteps: limits.maxSteps,
    tokens: o.state.tokens,
    maxTokens: limits.maxTokens,
    lastRequest,
    finalTool: o.finalTool,
    research: Boolean(o.tools.research),
  });
  // The cost of the request whose tool calls are running: known when its reply arrives, billed when its
  // step ends (after the tools), so a tool that spends tokens of its own is told the room without it.
  let inflight = 0;
  const model: LanguageModel =
    typeof o.model === 'object' && o.model.specificationVersion === 'v3'
      ? wrapLanguageModel({
          model: o.model as LanguageModelV3,
          middleware: {
            specificationVersion: 'v3',
            wrapGenerate: async ({ doGenerate }) => {
              const r = await doGenerate();
              inflight = (r.usage.inputTokens.total ?? 0) + (r.usage.outputTokens.total ?? 0);
              return r;
            },
          },
        })
      : o.model;
  // Tokens that tools running now (parallel research calls) have taken as their cap and not yet spent.
  let reserved = 0;
  const context: LoopContext = {
    toolRoom: () => Math.max(0, toolRoom(budget(), inflight || lastRequest) - reserved),
    reserve: (n) => {
      reserved += n;
      let held = true;
      return () => {
        if (held) reserved -= n;
        held = false;
      };
    },
  };
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
      model,
      experimental_context: context,
      system: o.system,
      prompt: o.prompt,
      tools,
      toolChoice: o.settings?.toolChoice ?? 'auto',
      temperature: o.settings?.temperature,
      maxOutputTokens: o.settings?.maxOutputTokens,
      maxRetries: o.maxRetries ?? 3,
      abortSignal: AbortSignal.timeout(limits.timeoutMs),
      prepareStep: ({ messages }) => {
        const b = budget();
        const turn = prepareTurn(o.system, messages, digests, b);
        const final = Boolean(o.finalTool && o.tools[o.finalTool] && lastTurn(b));
        forced = final;
        return {
          ...turn,
          ...(final ? { toolChoice: { type: 'tool' as const, toolName: o.finalTool! } } : {}),
        };
      },
      stopWhen: [
        stepCountIs(limits.maxSteps),
        submitted(o.state),
        repairsExhausted(o.state),
        tokenBudget(o.state, limits.maxTokens),
        // A loop with no final tool (research's sub-agent) stops before a request that would not fit.
        ...(o.finalTool ? [] : [() => o.state.tokens + lastRequest > limits.maxTokens]),
      ],
      onStepFinish: (step) => {
        steps++;
        const u = step.usage;
        usage.input += u.inputTokens ?? 0;
        usage.output += u.outputTokens ?? 0;
        const request = u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
        usage.total += request;
        lastRequest = request;
        inflight = 0;
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
      // The last turn the budget allowed asked for the final tool and got another call: the limit ended it.
      if (forced && (e.content ?? []).some((p) => p.type === 'tool-call'))
        return ended(steps >= limits.maxSteps ? 'step-limit' : 'token-limit', String(e.finishReason), '');
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

/**
 * What the loop tells its tools through the SDK's `experimental_context`: the tokens a tool's own model
 * calls may spend now (see `toolRoom` in budget.ts).
 */
export interface LoopContext {
  toolRoom: () => number;
  /** Holds `n` tokens of the room for a tool that is spending them (so a parallel call sees less); returns the release. */
  reserve: (n: number) => () => void;
}

/** The loop's context as a tool receives it; undefined outside a loop. */
export const loopContext = (context: unknown): LoopContext | undefined =>
  typeof (context as LoopContext | undefined)?.toolRoom === 'function' ? (context as LoopContext) : undefined;

/** What a tool's own model calls cost, as it reports them in its result (`tokens_used`). */
export interface ToolSpend {
  input: number;
  output: number;
}

function spentBy(result: unknown): ToolSpend | undefined {
  const t = (result as { tokens_used?: Partial<ToolSpend> } | null | undefined)?.tokens_used;
  return t && typeof t.input === 'number' && typeof t.output === 'number'
    ? { input: t.input, output: t.output }
    : undefined;
}

/**
 * Every tool's result goes to the model as plain text (unless the tool words it itself), and its digest
 * is kept for when the model has read it.
 */
function withDigests(
  tools: ToolSet,
  digests: Map<string, string>,
  onSpent: (spent: ToolSpend) => void,
): ToolSet {
  const out: ToolSet = {};
  for (const [name, t] of Object.entries(tools)) {
    const run = t.execute;
    out[name] = {
      ...t,
      ...(run
        ? {
            execute: async (input: unknown, options: Parameters<NonNullable<Tool['execute']>>[1]) => {
              const result = await run(input, options);
              digests.set(options.toolCallId, digestOf(name, input, result));
              const spent = spentBy(result);
              if (spent) onSpent(spent);
              return result;
            },
          }
        : {}),
      toModelOutput: t.toModelOutput ?? (({ output }) => ({ type: 'text', value: toText(output) })),
    } as Tool;
  }
  return out;
}

function warningLine(w: unknown): string {
  const x = w as { type?: string; feature?: string; setting?: string; details?: string; message?: string };
  const what = x.feature ?? x.setting ?? x.message ?? x.type ?? 'a setting';
  return x.details ? `${what} (${x.details})` : what;
}
