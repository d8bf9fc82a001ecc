import { tool } from 'ai';
import picomatch from 'picomatch';
import { z } from 'zod';
import { projectFiles } from '../../files/project-files.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `Search the project's files for a regular expression (JavaScript syntax). Returns matching lines as path:line: text. Only files the project tracks are searched; secrets and binaries never are. Narrow with glob (e.g. "src/**/*.ts").`;

export function grepTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      pattern: z.string(),
      glob: z.string().optional(),
      ignore_case: z.boolean().optional(),
      max_results: z.number().int().min(1).max(500).optional(),
    }),
    execute: async ({ pattern, glob, ignore_case, max_results }) => {
      let re: RegExp;
      try {
        re = new RegExp(pattern, ignore_case ? 'i' : '');
      } catch (e) {
        return refusal(`invalid regular expression: ${(e as Error).message}`);
      }
      const match = glob ? picomatch(glob, { dot: true }) : () => true;
      const limit = max_results ?? 100;
      const hits: string[] = [];
      for (const f of ctx.report().inventoryFiles) {
        if (!match(f)) continue;
        let text: string;
        try {
          text = projectFiles(ctx.root).readText(f).text;
        } catch {
          continue;
        }
        const lines = text.split('\n');
        for (let i = 0; i < lines.length && hits.length < limit; i++)
          if (re.test(lines[i]!)) hits.push(`${f}:${i + 1}: ${lines[i]!.slice(0, 200)}`);
        if (hits.length >= limit) break;
      }
      ctx.emit({ type: 'tool', name: 'grep', summary: `/${pattern}/ → ${hits.length}` });
      return { matches: hits, truncated: hits.length >= limit };
    },
  });
}
