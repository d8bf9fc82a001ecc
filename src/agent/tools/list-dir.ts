import { tool } from 'ai';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import { dependencyRoots, isDependencyPath, listDependencyFolder } from '../../files/dependencies.js';
import { projectFiles } from '../../files/project-files.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `List one folder of the project: its sub-folders and files (tracked, not ignored, no secrets). Use "." for the root. Installed dependencies (node_modules/, .venv/, venv/, vendor/) are listed too when you name their folder, e.g. "node_modules/express/lib".`;

export function listDirTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({ path: z.string() }),
    execute: async ({ path }) => {
      const dir = path.replace(/^\.\/?/, '').replace(/\/$/, '');
      if (dir.split('/').includes('..')) return refusal(`${path}: outside the project root`);
      const files = projectFiles(ctx.root);
      if (isDependencyPath(dir)) {
        try {
          const listed = listDependencyFolder(files, dir);
          ctx.emit({ type: 'tool', name: 'list_dir', summary: dir });
          return { path: dir, ...listed };
        } catch (e) {
          if (e instanceof PlansmithError) return refusal(e.message);
          throw e;
        }
      }
      const prefix = dir ? `${dir}/` : '';
      const folders = new Set<string>();
      const names: string[] = [];
      for (const f of ctx.report().inventoryFiles) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash >= 0) folders.add(`${rest.slice(0, slash)}/`);
        else names.push(rest);
      }
      if (!folders.size && !names.length)
        return refusal(`${path}: no such folder in the project (or nothing in it is tracked)`);
      ctx.emit({ type: 'tool', name: 'list_dir', summary: dir || '.' });
      const deps = dir ? [] : dependencyRoots(files);
      return {
        path: dir || '.',
        folders: [...folders].sort(),
        files: names.sort(),
        ...(deps.length ? { dependencies: deps.map((d) => `${d}/ (installed code, read-only)`) } : {}),
      };
    },
  });
}
