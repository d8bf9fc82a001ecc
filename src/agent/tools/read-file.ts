import { tool } from 'ai';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import { projectFiles } from '../../files/project-files.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

/** The most lines one call returns. */
export const READ_CAP = 500;

const DESCRIPTION = `Read a text file of the project, or of an installed dependency (node_modules/…, .venv/…, vendor/…), as numbered lines. Give start_line and end_line (1-based, inclusive) for a range; one call returns at most ${READ_CAP} lines, so a longer range is cut at the cap and the answer says where to continue. Paths are relative to the project root. Files outside the root, secret files (.env, keys, credentials) and binaries are refused.`;

interface Read {
  path: string;
  from: number;
  to: number;
  total_lines: number;
  text: string;
  /** Where to continue when the range asked for was cut at the cap. */
  next?: string;
}

export function readFileTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      path: z.string(),
      start_line: z.number().int().min(1).optional(),
      end_line: z.number().int().min(1).optional(),
    }),
    execute: async ({ path, start_line, end_line }): Promise<Read | { error: string }> => {
      try {
        const f = projectFiles(ctx.root).readText(path);
        const lines = f.text.split('\n');
        if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
        const from = Math.min((start_line ?? 1) - 1, Math.max(lines.length - 1, 0));
        const want = Math.min(end_line ?? lines.length, lines.length);
        const to = Math.min(want, from + READ_CAP);
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
          ...(to < want
            ? { next: `cut at the ${READ_CAP}-line cap; continue with start_line ${to + 1}` }
            : {}),
        };
      } catch (e) {
        if (e instanceof PlansmithError) {
          ctx.emit({ type: 'refused', name: 'read_file', reason: e.message });
          return refusal(e.message);
        }
        throw e;
      }
    },
    toModelOutput: ({ output }) => ({
      type: 'text',
      value:
        'error' in output
          ? `error: ${output.error}`
          : `${output.path} lines ${output.from}-${output.to} of ${output.total_lines}${output.next ? ` (${output.next})` : ''}\n${output.text}`,
    }),
  });
}
