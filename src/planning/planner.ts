import type { Plan, PlanStyle } from '../domain/plan.js';
import type { ExploreReport } from '../explore/explore.js';
import type { SkillRegistry } from '../registry/index.js';

export interface PlanRequest {
  requirement: string;
  title?: string;
  style?: PlanStyle;
  sources: Array<{ kind: 'text' | 'file' | 'stdin' | 'ci-log'; name: string }>;
  /** Plan the fix of a CI failure from this log. */
  ciLog?: { name: string; text: string };
  /** Two approaches written out and compared. */
  approaches?: 1 | 2;
  /** Answers to clarifying questions, by question text. */
  answers?: Record<string, string>;
}

export interface PlannerContext {
  root: string;
  report: ExploreReport;
  skills: SkillRegistry;
  now: Date;
  /** The plan id and slug chosen for this plan. */
  id: string;
  slug: string;
}

export interface RefineRequest {
  plan: Plan;
  feedback: string;
}

/**
 * A planning engine. The offline engine is deterministic and needs no model; the LLM engine runs an
 * agent loop. Both return the same plan model, so rendering, lint, tasks and handoffs are shared.
 */
/** What a run of a model-driven engine cost; the offline engine has none. */
export interface RunStats {
  steps: number;
  usage: { input: number; output: number };
  repairs: number;
}

export interface Planner {
  readonly name: 'offline' | 'llm';
  /** The last run's statistics, when the engine keeps them (the LLM engine). */
  readonly last?: RunStats | null;
  plan(request: PlanRequest, ctx: PlannerContext): Promise<Plan>;
  refine(request: RefineRequest, ctx: PlannerContext): Promise<Plan>;
}

/** The engine chosen for a run, and one line for stderr about it (e.g. how to enable the LLM engine). */
export interface EngineChoice {
  planner: Planner;
  notice?: string;
}
