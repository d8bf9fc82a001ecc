import { tool } from 'ai';
import { z } from 'zod';
import { explore } from '../../explore/explore.js';
import { precedentFacts, precedentOf } from '../../planning/offline/precedent-of.js';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `The project at a glance (with \`for\`, first the precedent of that requirement, as the precedent tool gives it): languages, frameworks (with file:line evidence), the commands it really has (tests, lint, typecheck, migrations), CI jobs, conventions (where each kind of file lives and how it is named), docs to read first, and the files most likely to change for a requirement, with reasons. Call it first.`;

export function exploreCodebaseTool(ctx: ToolContext) {
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      for: z.string().optional().describe('rank files for this text instead of the requirement'),
      top: z.number().int().min(1).max(50).optional(),
    }),
    execute: async (input) => {
      const r = input.for ? explore(ctx.root, { for: input.for, top: input.top ?? 15 }) : ctx.report().report;
      const p = r.profile;
      ctx.emit({ type: 'tool', name: 'explore_codebase', summary: `${r.inventory.files} files` });
      // With a requirement, the precedent comes first: whether it exists, its sibling and footprint.
      const precedent = input.for ? precedentFacts(await precedentOf(ctx.root, input.for, r)) : undefined;
      return {
        ...(precedent ? { precedent } : {}),
        languages: p.languages.slice(0, 6).map((l) => `${l.name}: ${l.files} files`),
        frameworks: p.frameworks.map((f) => `${f.name} (${f.kind}) ${f.evidence.file}:${f.evidence.line}`),
        commands: p.commands.map((c) => ({
          purpose: c.purpose,
          command: c.command,
          at: `${c.evidence.file}:${c.evidence.line}`,
        })),
        ci: p.ci.map((c) => `${c.system} ${c.file}: ${c.jobs.map((j) => j.name).join(', ')}`),
        migrations: p.database.migrations.map((m) => m.name),
        conventions: r.conventions.slice(0, 12).map((c) => `${c.role}: ${c.pattern} (e.g. ${c.examples[0]})`),
        read_first: p.docs.slice(0, 6).map((d) => d.name),
        xano: p.xano
          ? Object.fromEntries(Object.entries(p.xano.components).map(([k, v]) => [k, v.length]))
          : undefined,
        relevant_files: r.relevance?.relevantFiles
          .slice(0, input.top ?? 15)
          .map((f) => ({ path: f.path, why: f.reasons.slice(0, 2).join('; ') })),
        relevant_tests: r.relevance?.tests.slice(0, 5).map((f) => f.path),
        secret_files_present: r.inventory.secrets.length,
      };
    },
  });
}
