import type { StopCondition, ToolSet } from 'ai';

/** Named stop conditions for the loop: small functions, each with one reason. */
export type StopReason = 'finished' | 'submitted' | 'step-limit' | 'token-limit' | 'repairs-exhausted';

export interface LoopState {
  submitted: boolean;
  repairsExhausted: boolean;
  tokens: number;
}

export const submitted =
  (state: LoopState): StopCondition<ToolSet> =>
  () =>
    state.submitted;

export const repairsExhausted =
  (state: LoopState): StopCondition<ToolSet> =>
  () =>
    state.repairsExhausted;

export const tokenBudget =
  (state: LoopState, max: number): StopCondition<ToolSet> =>
  () =>
    state.tokens >= max;
