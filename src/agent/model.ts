import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { ConfigError } from '../domain/errors.js';

export const PROVIDERS = ['anthropic', 'openai', 'openai-compatible', 'ollama'] as const;

export interface ModelSpec {
  provider: (typeof PROVIDERS)[number];
  model: string;
  baseURL?: string;
}

/** `anthropic:claude-sonnet-4-5` → provider and model; the error names what is wrong. */
export function parseModelSpec(spec: string, baseURL?: string): ModelSpec {
  const at = spec.indexOf(':');
  if (at <= 0 || at === spec.length - 1)
    throw new ConfigError(
      `model "${spec}" is not provider:model (e.g. anthropic:claude-sonnet-4-5, openai:gpt-4.1, ollama:llama3.1)`,
    );
  const provider = spec.slice(0, at);
  if (!(PROVIDERS as readonly string[]).includes(provider))
    throw new ConfigError(`unknown model provider "${provider}"; use one of ${PROVIDERS.join(', ')}`);
  return { provider: provider as ModelSpec['provider'], model: spec.slice(at + 1), baseURL };
}

/**
 * Builds the AI SDK model. Keys come from the usual variables; a missing one is named. The network is
 * touched only when the model is called, never here.
 */
export function createModel(spec: ModelSpec, env: NodeJS.ProcessEnv): LanguageModel {
  const baseURL = spec.baseURL ?? env.PLANSMITH_BASE_URL ?? undefined;
  switch (spec.provider) {
    case 'anthropic': {
      const apiKey = env.ANTHROPIC_API_KEY;
      if (!apiKey) throw new ConfigError('the anthropic provider needs ANTHROPIC_API_KEY in the environment');
      return createAnthropic({ apiKey, baseURL })(spec.model);
    }
    case 'openai': {
      const apiKey = env.OPENAI_API_KEY;
      if (!apiKey) throw new ConfigError('the openai provider needs OPENAI_API_KEY in the environment');
      return createOpenAI({ apiKey, baseURL })(spec.model);
    }
    case 'openai-compatible': {
      if (!baseURL)
        throw new ConfigError(
          'an openai-compatible model needs --base-url or PLANSMITH_BASE_URL (e.g. http://127.0.0.1:8080/v1)',
        );
      return createOpenAICompatible({ name: 'openai-compatible', baseURL, apiKey: env.PLANSMITH_API_KEY })(
        spec.model,
      );
    }
    case 'ollama':
      return createOpenAICompatible({
        name: 'ollama',
        baseURL: baseURL ?? 'http://127.0.0.1:11434/v1',
        apiKey: env.PLANSMITH_API_KEY,
      })(spec.model);
  }
}

export type { LanguageModel } from 'ai';
