export const TOOL_PROFILES = ['core', 'default', 'all'] as const;
export type ToolProfile = (typeof TOOL_PROFILES)[number];

/**
 * The tools of each profile (`all`: every tool). `default` is what the planner workflows use: the batch
 * contract, skill search, next/claim/complete, and exploring, drafting and saving plans. `core` is the task
 * contract alone, for clients whose context window is tight. Measured by `npm run bench -- mcp-tokens`.
 */
export const PROFILE_TOOLS: Record<Exclude<ToolProfile, 'all'>, readonly string[]> = {
  core: [
    'create_tasks_batch',
    'create_task',
    'create_subtask',
    'next_task',
    'claim_task',
    'complete_task',
    'search_skills',
  ],
  default: [
    'create_tasks_batch',
    'search_skills',
    'next_task',
    'claim_task',
    'complete_task',
    'explore_codebase',
    'draft_plan',
    'save_plan',
  ],
};
