import type { Generated } from 'kysely';

/** Table shapes, shared by both backends. Times are epoch milliseconds; JSON is stored as text. */
export interface TasksTable {
  id: string;
  plan_id: string | null;
  batch_id: string;
  parent_id: string | null;
  task_order: number;
  position: number | null;
  task_name: string;
  description: string;
  skill_id: string | null;
  category: string | null;
  kind: string;
  status: string;
  ready: number;
  inputs: string;
  validation_criteria: string;
  timeout_seconds: number | null;
  estimate_minutes: number | null;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  outputs: string;
  last_error: string | null;
  subtask_count: number;
  sort_key: string;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  completed_at: number | null;
}

export interface TaskDepsTable {
  task_id: string;
  dep_id: string;
  /** 'dep': task waits for dep_id. 'critiques': task (a critique) reviews dep_id. */
  kind: string;
}

export interface TaskEventsTable {
  seq: Generated<number>;
  task_id: string;
  at: number;
  type: string;
  actor: string | null;
  data: string;
}

export interface PlannerStepsTable {
  seq: Generated<number>;
  session_id: string;
  step_number: number;
  total_steps: number;
  next_step_required: number;
  content: string;
  revises_step: number | null;
  branch_id: string | null;
  branch_from_step: number | null;
  created_at: number;
}

export interface PlansTable {
  id: string;
  revision: number;
  slug: string;
  title: string;
  style: string;
  status: string;
  /** The main artefact, relative to the project root. */
  path: string;
  created_at: number;
  updated_at: number;
}

export interface PlanRevisionsTable {
  plan_id: string;
  revision: number;
  model: string;
  feedback: string | null;
  created_at: number;
}

export interface Database {
  planner_steps: PlannerStepsTable;
  plans: PlansTable;
  plan_revisions: PlanRevisionsTable;
  tasks: TasksTable;
  task_deps: TaskDepsTable;
  task_events: TaskEventsTable;
}
