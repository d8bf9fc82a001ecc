import { tool } from 'ai';
import { z } from 'zod';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `List one folder of the project: its sub-folders and files (tracked, not ignored, no secrets). Use "." for the root.`;

export function listDirTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ path: z.string() }),
    execute: async ({ path }) => {
      const dir = path.replace(/^\.\/?/, '').replace(/\/$/, '');
      if (dir.split('/').includes('..')) return refusal(`${path}: outside the project root`);
      const prefix = dir ? `${dir}/` : '';
      const folders = new Set<string>();
      const files: string[] = [];
      for (const f of ctx.report().inventoryFiles) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash >= 0) folders.add(`${rest.slice(0, slash)}/`);
        else files.push(rest);
      }
      if (!folders.size && !files.length)
        return refusal(`${path}: no such folder in the project (or nothing in it is tracked)`);
      ctx.emit({ type: 'tool', name: 'list_dir', summary: dir || '.' });
      return { path: dir || '.', folders: [...folders].sort(), files: files.sort() };
    },
  });
}
