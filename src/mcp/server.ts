import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppContext } from '../context.js';
import { PROFILE_TOOLS, type ToolProfile } from './profiles.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerPlannerTool } from './tools/planner.js';
import { registerPlanningTools } from './tools/planning.js';
import { registerSkillTools } from './tools/skills.js';
import { registerTaskTools } from './tools/tasks.js';

export { TOOL_PROFILES, type ToolProfile } from './profiles.js';

/** The server as the register functions see it: tools outside the profile are not registered. */
function withProfile(server: McpServer, profile: ToolProfile): McpServer {
  if (profile === 'all') return server;
  const allowed = new Set(PROFILE_TOOLS[profile]);
  return new Proxy(server, {
    get(target, prop, receiver) {
      if (prop !== 'registerTool') return Reflect.get(target, prop, receiver);
      return (name: string, ...rest: unknown[]) =>
        allowed.has(name)
          ? (target.registerTool as (...a: unknown[]) => unknown).call(target, name, ...rest)
          : undefined;
    },
  });
}

/** One MCP server over one context, exposing the tools of one profile (default: `default`). */
export function createMcpServer(ctx: AppContext, options: { profile?: ToolProfile } = {}): McpServer {
  const profile = options.profile ?? 'default';
  const server = new McpServer(
    { name: 'plansmith', version: '0.1.0' },
    {
      instructions:
        profile === 'core'
          ? 'plansmith holds a task graph for agents. Find skills with search_skills, create work with create_tasks_batch, then next_task / claim_task / complete_task.'
          : 'plansmith plans changes and holds their task graph. To plan: explore_codebase, read the files it ranks, draft_plan for a grounded scaffold, improve it, then save_plan (the model as JSON, or your plan as markdown). For hand-built graphs: search_skills, create_tasks_batch. To work: next_task / claim_task / complete_task.',
    },
  );
  const target = withProfile(server, profile);
  registerTaskTools(target, ctx);
  registerSkillTools(target, ctx);
  if (profile !== 'core') {
    registerPlanningTools(target, ctx);
    registerPlannerTool(target, ctx);
    registerPrompts(server);
    registerResources(server, ctx);
  }
  return server;
}
