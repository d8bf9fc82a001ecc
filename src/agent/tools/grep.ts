import { tool } from 'ai';
import picomatch from 'picomatch';
import { z } from 'zod';
import { PlansmithError } from '../../domain/errors.js';
import { dependencyFiles, resolveDependency } from '../../files/dependencies.js';
import { projectFiles } from '../../files/project-files.js';
import type { ToolContext } from '../context.js';
import { refusal } from '../context.js';

const DESCRIPTION = `Search the project's files for a regular expression (JavaScript syntax). Returns matching lines as path:line: text. Only files the project tracks are searched; secrets and binaries never are. Narrow with glob (e.g. "src/**/*.ts"). To search the code of an installed dependency instead, name it in \`dependency\` (a package name such as "express" or "flask", or its folder such as "node_modules/express"); glob then applies inside it (e.g. "lib/**/*.js").`;

/** The files a search or listing covers: the project's tracked files, or one dependency's (read-only). */
export function searchedFiles(
  ctx: ToolContext,
  dependency: string | undefined,
  glob: string | undefined,
): { files: string[]; folder?: string; truncated?: boolean } {
  const match = glob ? picomatch(glob, { dot: true }) : () => true;
  if (!dependency) return { files: ctx.report().inventoryFiles.filter((f) => match(f)) };
  const folder = resolveDependency(projectFiles(ctx.root), dependency);
  const walked = dependencyFiles(projectFiles(ctx.root), folder);
  return {
    folder,
    files: walked.files.filter((f) => match(f.slice(folder.length + 1)) || match(f)),
    truncated: walked.truncated,
  };
}

export function grepTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      pattern: z.string(),
      glob: z.string().optional(),
      dependency: z
        .string()
        .optional()
        .describe('an installed dependency to search instead of the project: a package name or its folder'),
      ignore_case: z.boolean().optional(),
      max_results: z.number().int().min(1).max(500).optional(),
    }),
    execute: async ({ pattern, glob, dependency, ignore_case, max_results }) => {
      let re: RegExp;
      try {
        re = new RegExp(pattern, ignore_case ? 'i' : '');
      } catch (e) {
        return refusal(`invalid regular expression: ${(e as Error).message}`);
      }
      let scope: ReturnType<typeof searchedFiles>;
      try {
        scope = searchedFiles(ctx, dependency, glob);
      } catch (e) {
        if (e instanceof PlansmithError) return refusal(e.message);
        throw e;
      }
      const limit = max_results ?? 100;
      const hits: string[] = [];
      const files = projectFiles(ctx.root);
      for (const f of scope.files) {
        let text: string;
        try {
          // The same door as read_file: secrets by content and binaries are refused, and skipped here.
          text = files.readText(f).text;
        } catch {
          continue;
        }
        const lines = text.split('\n');
        for (let i = 0; i < lines.length && hits.length < limit; i++)
          if (re.test(lines[i]!)) hits.push(`${f}:${i + 1}: ${lines[i]!.slice(0, 200)}`);
        if (hits.length >= limit) break;
      }
      ctx.emit({
        type: 'tool',
        name: 'grep',
        summary: `/${pattern}/${scope.folder ? ` in ${scope.folder}` : ''} → ${hits.length}`,
      });
      return {
        matches: hits,
        truncated: hits.length >= limit,
        ...(scope.folder ? { searched: `${scope.folder} (installed code, read-only)` } : {}),
        ...(scope.truncated
          ? { note: `only the first ${scope.files.length} files of ${scope.folder} were searched` }
          : {}),
      };
    },
  });
}
