import { ConfigError } from '../../domain/errors.js';
import type { EngineChoice } from '../engine.js';

/** The LLM engine (issue 6) is not built yet: say so plainly rather than pretend. */
export async function llmEngine(_options: {
  env: NodeJS.ProcessEnv;
  root: string;
  required: boolean;
}): Promise<EngineChoice> {
  throw new ConfigError(
    'the LLM planning engine is not available in this version; use --engine offline (the default without PLANSMITH_MODEL)',
  );
}
