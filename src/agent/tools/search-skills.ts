import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `Find skills for the plan's phases by category (development, critique, testing, docs, …), tag (backend, frontend, library, cli, data, devops, …) and free text. Put the returned full_id in a phase's \`skill\`. Never assign a planner skill. Says how many matched when it shows fewer.`;

const SHOWN = 8;

export function searchSkillsTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      category: z.string().optional(),
      tag: z.string().optional(),
      query: z.string().optional().describe('words to match against names, tags and descriptions'),
    }),
    execute: async ({ category, tag, query }) => {
      const filter = { category, tags: tag ? [tag] : [] };
      let found = ctx.skills.search({ ...filter, query, limit: 1000 });
      let note: string | undefined;
      if (!found.length && query?.trim()) {
        // Nothing matched the words: show what the category and tag hold instead, and say so.
        found = ctx.skills.search({ ...filter, limit: 1000 });
        note = `no skill matched "${query}"; ${found.length ? 'these are the skills of this category and tag' : 'no skill has this category and tag either'}`;
      }
      ctx.emit({
        type: 'tool',
        name: 'search_skills',
        summary: `${category ?? ''} ${tag ?? ''} ${query ?? ''} → ${found.length}`.trim(),
      });
      return {
        skills: found.slice(0, SHOWN).map((s) => ({
          full_id: s.full_id,
          category: s.category,
          tags: s.tags,
          description: s.description,
        })),
        total: found.length,
        ...(found.length > SHOWN
          ? { truncated: `showing ${SHOWN} of ${found.length}; narrow with category, tag or query` }
          : {}),
        ...(note ? { note } : {}),
      };
    },
  });
}
