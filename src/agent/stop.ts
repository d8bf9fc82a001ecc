import type { StopCondition, ToolSet } from 'ai';

/**
 * Why a loop ended. Each is said back to the user in its own words: a plan was accepted, it was refused
 * too often, the reply was cut off by the output limit, the model answered in text without calling the
 * tool, a limit was reached, or the model simply stopped.
 */
export type StopReason =
  | 'submitted'
  | 'repairs-exhausted'
  | 'length'
  | 'text-answer'
  | 'step-limit'
  | 'token-limit'
  | 'time-limit'
  | 'finished';

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
