import type { ExploreReport } from '../explore/explore.js';
import type { SkillRegistry } from '../registry/index.js';
import type { TaskStore } from '../store/task-store.js';

export interface ProjectView {
  report: ExploreReport;
  /** Paths the tools may read: tracked, not ignored, not secret, not binary, under the size cap. */
  inventoryFiles: string[];
}

/** What the agent's tools may reach: the project (read-only), the registry, and for some runs the store. */
export interface ToolContext {
  root: string;
  /** The requirement being planned (explore_codebase ranks files for it). */
  requirement?: string;
  /** The explorer's report for the requirement and the project's readable files, computed once. */
  report: () => ProjectView;
  skills: SkillRegistry;
  /** Only agent runs that declared task tools get a store. */
  store?: () => Promise<TaskStore>;
  /** Answers a clarifying question at a terminal; absent when not interactive. */
  ask?: (question: string) => Promise<string | null>;
  /** Questions asked but not answered: they become open questions. */
  unanswered: string[];
  /** Step-wise thoughts of this run. */
  thoughts: Array<{
    step: string;
    step_number: number;
    total_steps: number;
    revises_step?: number;
    branch_id?: string;
  }>;
  emit: (event: AgentEvent) => void;
}

/** What the agent is doing, for the progress display. */
export type AgentEvent =
  | { type: 'step'; step: number }
  | { type: 'tool'; name: string; summary: string }
  | { type: 'refused'; name: string; reason: string }
  | { type: 'repair'; attempt: number; problems: number }
  | { type: 'subagent'; area: string }
  | { type: 'notice'; text: string };

/** A tool's failure, returned to the model as data so it can adjust (never thrown). */
export const refusal = (reason: string) => ({ error: reason });
