import { tool } from 'ai';
import { z } from 'zod';
import type { ExploreReport } from '../../explore/explore.js';
import { explore } from '../../explore/explore.js';
import { projectFiles } from '../../files/project-files.js';
import { precedentOf } from '../../planning/offline/precedent-of.js';
import { precedentFacts } from '../../precedent/facts.js';
import type { ToolContext } from '../context.js';

const DESCRIPTION = `The project at a glance (with \`for\`, first the precedent of that requirement, as the precedent tool gives it): languages, frameworks (with file:line evidence), the commands it really has (tests, lint, typecheck, migrations), CI jobs, conventions (where each kind of file lives and how it is named), docs to read first, and the files most likely to change for a requirement, with reasons. Call it first.`;

/** The names a project's manifests give it (package, crate, module): its files mention them everywhere. */
export function projectNames(root: string): string[] {
  const files = projectFiles(root);
  const read = (p: string) => files.readEvidence(p) ?? '';
  const names = [
    read('package.json').match(/"name"\s*:\s*"(?:@[^/"]+\/)?([^"]+)"/)?.[1],
    read('pyproject.toml').match(/^name\s*=\s*["']([^"']+)["']/m)?.[1],
    read('Cargo.toml').match(/^name\s*=\s*["']([^"']+)["']/m)?.[1],
    read('go.mod').match(/^module\s+\S*?([^/\s]+)\s*$/m)?.[1],
  ];
  return [
    ...new Set(names.filter((n): n is string => Boolean(n && n.length >= 3)).map((n) => n.toLowerCase())),
  ];
}

/**
 * The text without the project's own names (whole words, in any case). An underscore separates words here,
 * as the ranking splits identifiers on it: `CLICK_HELP_WIDTH` in click's own tree ranks for help and width,
 * not for click (seen in a model run: every file under src/click/ ranked for "path terms: click").
 */
export function withoutNames(text: string, names: string[]): string {
  let out = text;
  for (const n of names) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}-])`,
      'giu',
    );
    out = out.replace(re, ' ');
  }
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}

export function exploreCodebaseTool(ctx: ToolContext) {
  let ranked: { text: string; report: ExploreReport } | undefined;
  return tool({
    description: DESCRIPTION,
    inputSchema: z.object({
      for: z.string().optional().describe('rank files for this text instead of the requirement'),
      top: z.number().int().min(1).max(50).optional(),
    }),
    execute: async (input) => {
      // The project's own name in the requirement would rank every file; it is left out of the ranking.
      const names = projectNames(ctx.root);
      const wanted = input.for ?? ctx.requirement;
      const text = wanted ? withoutNames(wanted, names) : undefined;
      const dropped = Boolean(wanted && text !== wanted.trim());
      let r: ExploreReport;
      if (!input.for && !dropped) r = ctx.report().report;
      else if (ranked && ranked.text === (text ?? '')) r = ranked.report;
      else {
        r = explore(ctx.root, { for: text || undefined, top: input.top ?? 15 });
        ranked = { text: text ?? '', report: r };
      }
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
        ...(dropped
          ? { ranked_without: `the project's own name (${names.join(', ')}): every file would match it` }
          : {}),
        secret_files_present: r.inventory.secrets.length,
      };
    },
  });
}
