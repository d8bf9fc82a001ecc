import type { AgentEvent } from '../agent/context.js';
import type { ModelSettings } from '../agent/loop.js';
import { InputError } from '../domain/errors.js';
import { readProjectConfig } from '../registry/config.js';
import { OfflinePlanner } from './offline/index.js';
import type { EngineChoice } from './planner.js';

export type { EngineChoice };

export interface EngineOptions {
  requested?: string;
  env: NodeJS.ProcessEnv;
  root: string;
  model?: string;
  baseURL?: string;
  maxSteps?: number;
  timeoutMs?: number;
  /** Flags win over the project config (`tool_choice`, `temperature`, `max_output_tokens`). */
  settings?: ModelSettings;
  onEvent?: (e: AgentEvent) => void;
  ask?: (question: string) => Promise<string | null>;
}

/**
 * Picks the planning engine: `--engine`, else the LLM engine when a model is configured (--model,
 * PLANSMITH_MODEL, or the project config), else the offline engine, which says how to enable the other.
 */
export async function engineFor(o: EngineOptions): Promise<EngineChoice> {
  if (o.requested && o.requested !== 'offline' && o.requested !== 'llm')
    throw new InputError(`unknown engine "${o.requested}"; use offline or llm`);
  const config = readProjectConfig(o.root);
  const configured = o.model ?? (o.env.PLANSMITH_MODEL || undefined) ?? config.model;
  if (o.requested === 'llm' || (!o.requested && configured)) {
    const { llmEngine } = await import('./llm/engine.js');
    return llmEngine({
      env: o.env,
      root: o.root,
      required: o.requested === 'llm',
      model: configured,
      baseURL: o.baseURL,
      onEvent: o.onEvent,
      ask: o.ask,
      settings: {
        toolChoice: o.settings?.toolChoice ?? config.tool_choice ?? 'required',
        temperature: o.settings?.temperature ?? config.temperature,
        maxOutputTokens: o.settings?.maxOutputTokens ?? config.max_output_tokens,
      },
      limits: {
        ...(o.maxSteps ? { maxSteps: o.maxSteps } : {}),
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      },
    });
  }
  return {
    planner: new OfflinePlanner(),
    notice: o.requested
      ? undefined
      : 'plansmith: planning offline (deterministic, no model). For the LLM engine set PLANSMITH_MODEL, e.g. PLANSMITH_MODEL=anthropic:claude-sonnet-4-5 with ANTHROPIC_API_KEY.',
  };
}
