import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { run } from '../result.js';

export function registerSkillTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'search_skills',
    {
      description:
        'Skills by category (development, critique, testing, …), tag and text; use full_id as skill_id.',
      inputSchema: {
        category: z.string().optional(),
        tag: z.string().optional(),
        query: z.string().optional(),
        limit: z.number().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    ({ category, tag, query, limit }) =>
      run(async () =>
        ctx
          .skills()
          .search({
            category,
            tags: tag ? [tag] : [],
            query,
            limit: Math.min(Math.max(1, Math.floor(limit ?? 5)), 50),
          })
          .map((s) => ({
            full_id: s.full_id,
            name: s.name,
            category: s.category,
            tags: s.tags,
            description: s.description,
          })),
      ),
  );
}
