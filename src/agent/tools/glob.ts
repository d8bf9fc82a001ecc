import { tool } from 'ai';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `List the project's files matching a glob pattern (e.g. "src/**/*.service.ts", "**/migrations/**"). Only files the project tracks; ignored, vendored and secret files are not listed.`;

export function globTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ pattern: z.string(), max_results: z.number().int().min(1).max(2000).optional() }),
    execute: async ({ pattern, max_results }) => {
      const match = picomatch(pattern, { dot: true });
      const files = ctx.report().inventoryFiles.filter((f) => match(f));
      ctx.emit({ type: 'tool', name: 'glob', summary: `${pattern} → ${files.length}` });
      return { files: files.slice(0, max_results ?? 300), total: files.length };
    },
  });
}
