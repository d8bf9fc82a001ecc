import { tool } from 'ai';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import { projectFiles } from '../../files/project-files.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `Read a text file of the project, optionally a range of lines (1-based, inclusive). Paths are relative to the project root. Files outside the root, secret files (.env, keys, credentials) and binaries are refused. Long files are cut at max_lines; ask for the next range.`;

export function readFileTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      path: z.string(),
      start_line: z.number().int().min(1).optional(),
      end_line: z.number().int().min(1).optional(),
      max_lines: z.number().int().min(1).max(2000).optional(),
    }),
    execute: async ({ path, start_line, end_line, max_lines }) => {
      try {
        const f = projectFiles(ctx.root).readText(path);
        const lines = f.text.split('\n');
        const from = (start_line ?? 1) - 1;
        const to = Math.min(end_line ?? lines.length, from + (max_lines ?? 400), lines.length);
        ctx.emit({ type: 'tool', name: 'read_file', summary: `${f.path}:${from + 1}-${to}` });
        return {
          path: f.path,
          from: from + 1,
          to,
          total_lines: lines.length,
          text: lines
            .slice(from, to)
            .map((l, i) => `${from + i + 1}\t${l}`)
            .join('\n'),
        };
      } catch (e) {
        if (e instanceof PlansmithError) {
          ctx.emit({ type: 'refused', name: 'read_file', reason: e.message });
          return refusal(e.message);
        }
        throw e;
      }
    },
  });
}
