/** A skill an agent can be assigned: what a task's `skill_id` names. */
export interface Skill {
  /** `owner/repo/name`, the id tasks carry in `skill_id`. */
  full_id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  /** Where it came from: `builtin`, or a file path (with line) in the project. */
  source: string;
}

export const SKILL_CATEGORIES = [
  'development',
  'critique',
  'testing',
  'planner',
  'research',
  'docs',
] as const;
