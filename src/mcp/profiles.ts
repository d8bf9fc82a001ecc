export const TOOL_PROFILES = ['core', 'default', 'all'] as const;
export type ToolProfile = (typeof TOOL_PROFILES)[number];

/**
 * The tools of each profile (`all`: every tool). `default` is what the planner workflows use: the batch
 * contract and the parent/sub-task pattern (create_task, create_subtask), skill search, the worker's side
 * (next, claim, heartbeat, complete, fail, release, get a task with what came before), exploring, drafting
 * and saving plans, and closing a plan given up. `core` is the task contract alone, for clients whose context
 * window is tight. Measured by `npm run bench -- mcp-tokens` (default under 2.5k tokens).
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
    'create_task',
    'create_subtask',
    'search_skills',
    'next_task',
    'claim_task',
    'heartbeat_task',
    'complete_task',
    'fail_task',
    'release_task',
    'get_task',
    'explore_codebase',
    'draft_plan',
    'save_plan',
    'close_plan',
  ],
};

/** Which profiles serve a tool (`all` serves every tool), for the answer to a call of a tool not served. */
export function profilesServing(tool: string): ToolProfile[] {
  return [
    ...(Object.entries(PROFILE_TOOLS) as Array<[ToolProfile, readonly string[]]>)
      .filter(([, tools]) => tools.includes(tool))
      .map(([p]) => p),
    'all',
  ];
}
