import { tool } from 'ai';
import { z } from 'zod';
import { precedentOf } from '../../planning/offline/precedent-of.js';
import { precedentFacts } from '../../precedent/facts.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `Is the requested thing already there? For a requirement that adds or changes an option, flag, setting, parameter, field, command or behaviour: the verdict (met, partly-met, name-taken, new or unsure) with file:line evidence, the nearest existing sibling, every place the sibling lives (registration, reading, defaults, types, docs, tests, changelog; from the code and from the commit that introduced it) and the test file that exercises it with the test names it has. Call it first and plan from it: a met request needs only its gap, a taken name needs another name, a new one follows its sibling's footprint. Where the verdict is unsure, read the candidates before choosing a place.`;

export function precedentTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      for: z.string().min(1).describe('the requirement, or the part of it about one thing'),
    }),
    execute: async (input) => {
      try {
        const p = await precedentOf(ctx.root, input.for, ctx.report().report);
        ctx.emit({
          type: 'tool',
          name: 'precedent',
          summary: `${p.verdict}${p.requested ? ` ${p.requested.name}` : ''}, ${p.footprint.length} places`,
        });
        return precedentFacts(p);
      } catch (e) {
        return refusal(`precedent analysis failed: ${(e as Error).message}`);
      }
    },
  });
}
