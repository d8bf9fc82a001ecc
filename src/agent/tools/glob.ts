import { tool } from 'ai';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';
import { searchedFiles } from './grep.js';

const DESCRIPTION = `List the project's files matching a glob pattern (e.g. "src/**/*.service.ts", "**/migrations/**"). Only files the project tracks; ignored, vendored and secret files are not listed. To list the files of an installed dependency instead, name it in \`dependency\` (a package name such as "express" or "flask", or its folder such as "node_modules/express"); the pattern then applies inside it (e.g. "**/*.py").`;

export function globTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      pattern: z.string(),
      dependency: z
        .string()
        .optional()
        .describe('an installed dependency to list instead of the project: a package name or its folder'),
      max_results: z.number().int().min(1).max(2000).optional(),
    }),
    execute: async ({ pattern, dependency, max_results }) => {
      let scope: ReturnType<typeof searchedFiles>;
      try {
        scope = searchedFiles(ctx, dependency, pattern);
      } catch (e) {
        if (e instanceof PlansmithError) return refusal(e.message);
        throw e;
      }
      const files = scope.files;
      ctx.emit({
        type: 'tool',
        name: 'glob',
        summary: `${pattern}${scope.folder ? ` in ${scope.folder}` : ''} → ${files.length}`,
      });
      return {
        files: files.slice(0, max_results ?? 300),
        total: files.length,
        ...(scope.folder ? { searched: `${scope.folder} (installed code, read-only)` } : {}),
        ...(scope.truncated
          ? { note: `only the first ${files.length} files of ${scope.folder} were walked` }
          : {}),
      };
    },
  });
}
