import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Find skills to assign to tasks, by category (development, critique, testing, planner, …), tag and text. Use the returned full_id as a task's skill_id. Never assign a planner skill to a planned task.`;

export function searchSkillsTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      category: z.string().optional(),
      tag: z.string().optional(),
      query: z.string().optional(),
    }),
    execute: async ({ category, tag, query }) => {
      const found = ctx.skills.search({ category, tags: tag ? [tag] : [], query, limit: 5 });
      ctx.emit({
        type: 'tool',
        name: 'search_skills',
        summary: `${category ?? ''} ${tag ?? ''} → ${found.length}`,
      });
      return found.map((s) => ({
        full_id: s.full_id,
        category: s.category,
        tags: s.tags,
        description: s.description,
      }));
    },
  });
}
