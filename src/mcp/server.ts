import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppContext } from '../context.js';
import { PROFILE_TOOLS, profilesServing, type ToolProfile } from './profiles.js';
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
        ALL_TOOLS.add(name) && allowed.has(name)
          ? (target.registerTool as (...a: unknown[]) => unknown).call(target, name, ...rest)
          : undefined;
    },
  });
}

/**
 * A call of a tool this profile does not serve says which profiles do (`--tools …`) instead of the SDK's bare
 * "Tool X not found". The SDK builds every tool error through `createToolError`; the message is rewritten there.
 */
function explainMissingTools(server: McpServer, profile: ToolProfile): void {
  const target = server as unknown as { createToolError(message: string): unknown };
  const base = target.createToolError.bind(server);
  target.createToolError = (message: string) => {
    const m = /^(?:MCP error -?\d+: )?Tool (\S+) not found$/.exec(message);
    const serving = m ? profilesServing(m[1]!) : [];
    if (!m || (serving.length === 1 && !ALL_TOOLS.has(m[1]!))) return base(message);
    return base(
      `${m[1]} is not served by this server (profile ${profile}); start it with ${serving
        .map((p) => `\`plansmith mcp --tools ${p}\``)
        .join(' or ')} to use it`,
    );
  };
}

/** Every tool plansmith has, whichever profile serves it. */
const ALL_TOOLS = new Set<string>();

/** One MCP server over one context, exposing the tools of one profile (default: `default`). */
export function createMcpServer(ctx: AppContext, options: { profile?: ToolProfile } = {}): McpServer {
  const profile = options.profile ?? 'default';
  const server = new McpServer(
    { name: 'plansmith', version: '0.1.0' },
    {
      instructions:
        profile === 'core'
          ? 'plansmith holds a task graph for agents. Find skills with search_skills, create work with create_tasks_batch, then next_task / claim_task / complete_task.'
          : 'plansmith plans changes and holds their task graph. To plan: explore_codebase, read the files it ranks, draft_plan for a grounded scaffold, improve it, then save_plan (the model as JSON, or your plan as markdown; it creates the tasks). For hand-built graphs: search_skills, then create_tasks_batch (or create_task + create_subtask). To work: next_task / claim_task, heartbeat_task, then complete_task, fail_task or release_task as the owner; get_task shows what the preceding task reported.',
    },
  );
  const target = withProfile(server, profile);
  if (profile !== 'all') explainMissingTools(server, profile);
  registerTaskTools(target, ctx);
  registerSkillTools(target, ctx);
  // Registered through the profile's filter, so every profile knows every tool's name (and who serves it).
  registerPlanningTools(target, ctx);
  registerPlannerTool(target, ctx);
  if (profile !== 'core') {
    registerPrompts(server);
    registerResources(server, ctx);
  }
  return server;
}
