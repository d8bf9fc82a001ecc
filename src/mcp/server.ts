import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppContext } from '../context.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerPlannerTool } from './tools/planner.js';
import { registerPlanningTools } from './tools/planning.js';
import { registerSkillTools } from './tools/skills.js';
import { registerTaskTools } from './tools/tasks.js';

export type ToolProfile = 'core' | 'all';

/**
 * One MCP server over one context. `core` exposes only the task contract of the task-graph planner
 * workflow plus next/claim/complete, for clients whose context window is tight.
 */
export function createMcpServer(ctx: AppContext, options: { profile?: ToolProfile } = {}): McpServer {
  const profile = options.profile ?? 'all';
  const server = new McpServer(
    { name: 'plansmith', version: '0.1.0' },
    {
      instructions:
        'plansmith holds a task graph for agents. Find skills with search_skills, create work with create_tasks_batch, then next_task / claim_task / complete_task.',
    },
  );
  registerTaskTools(server, ctx, profile);
  registerSkillTools(server, ctx);
  if (profile === 'all') {
    registerPlanningTools(server, ctx);
    registerPlannerTool(server, ctx);
    registerPrompts(server);
    registerResources(server, ctx);
  }
  return server;
}
