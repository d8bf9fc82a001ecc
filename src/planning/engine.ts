import { OfflinePlanner } from './offline/index.js';
import type { Planner } from './planner.js';

export interface EngineChoice {
  planner: Planner;
  /** One line for stderr, e.g. how to enable the LLM engine. */
  notice?: string;
}

/**
 * Picks the planning engine: `--engine`, else the LLM engine when a model is configured
 * (PLANSMITH_MODEL or the project config), else the offline engine.
 */
export async function engineFor(options: {
  requested?: string;
  env: NodeJS.ProcessEnv;
  root: string;
}): Promise<EngineChoice> {
  const requested = options.requested;
  if (requested && requested !== 'offline' && requested !== 'llm') {
    const { InputError } = await import('../domain/errors.js');
    throw new InputError(`unknown engine "${requested}"; use offline or llm`);
  }
  const model = options.env.PLANSMITH_MODEL;
  if (requested === 'llm' || (!requested && model)) {
    const { llmEngine } = await import('./llm/engine.js');
    return llmEngine({ env: options.env, root: options.root, required: requested === 'llm' });
  }
  return {
    planner: new OfflinePlanner(),
    notice: requested
      ? undefined
      : 'plansmith: planning offline (deterministic, no model). For the LLM engine set PLANSMITH_MODEL, e.g. PLANSMITH_MODEL=anthropic:claude-sonnet-4-5 with ANTHROPIC_API_KEY.',
  };
}
