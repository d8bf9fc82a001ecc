/**
 * The precedent of a requirement, asked of the pure core (`src/precedent/`) with the project's files,
 * inventory and profile: what the offline engine, `draft_plan`, `explore_codebase` and the LLM engine's
 * `precedent` tool start from. Only features, options and migrations have one: a fix is localised by its
 * report, a CI failure by its log.
 */
import type { WorkType } from '../../domain/plan.js';
import type { Precedent } from '../../domain/precedent.js';
import type { ExploreReport } from '../../explore/explore.js';
import { inventory } from '../../explore/inventory.js';
import { projectFiles } from '../../files/project-files.js';
import { analyzePrecedent } from '../../precedent/index.js';

const WITH_PRECEDENT = new Set<WorkType>(['feature', 'option', 'migration']);

export async function precedentOf(
  root: string,
  requirement: string,
  report: Pick<ExploreReport, 'profile' | 'inventory'>,
): Promise<Precedent> {
  const files = projectFiles(root);
  const inv = inventory(root, { maxFileBytes: report.inventory.max_file_bytes });
  return analyzePrecedent({
    requirement,
    root,
    files,
    inventory: inv,
    profile: report.profile,
    history: inv.source === 'git',
  });
}

/** The precedent for a change of this kind, or null when the kind is planned without one. */
export async function precedentFor(
  requirement: string,
  kind: WorkType,
  ctx: { root: string; report: ExploreReport },
): Promise<Precedent | null> {
  return WITH_PRECEDENT.has(kind) ? precedentOf(ctx.root, requirement, ctx.report) : null;
}

/** The precedent as a host or a model reads it first: the verdict, then what settles it, then where. */
export function precedentFacts(p: Precedent) {
  return {
    verdict: p.verdict,
    requested: p.requested,
    evidence: p.evidence.map((e) => `${e.file}:${e.line} ${e.text}`.trim()),
    ...(p.missing ? { missing: p.missing } : {}),
    sibling: p.sibling
      ? `${p.sibling.name} (${p.sibling.kind || 'declaration'}) at ${p.sibling.file}:${p.sibling.line}`
      : null,
    footprint: p.footprint.map((e) => ({
      at: e.line ? `${e.file}:${e.line}` : e.file,
      ...(e.symbol ? { symbol: e.symbol } : {}),
      role: e.role,
      area: e.area,
      source: e.source,
      ...(e.text ? { text: e.text } : {}),
      ...(e.why ? { why: e.why } : {}),
    })),
    tests: p.tests,
    // A behaviour: what the request needs that the code already does (the function that sends mail).
    ...(p.uses.length
      ? { uses: p.uses.map((u) => `${u.file}:${u.line} ${u.symbol ?? u.text} (${u.why})`) }
      : {}),
    ...(p.verdict === 'unsure' || p.candidates.length
      ? { candidates: p.candidates.map((c) => `${c.file}:${c.line} ${c.text}`.trim()) }
      : {}),
    // Unsure, or new with nothing near to follow: the candidates are to weigh, never places to edit.
    ...(p.verdict === 'unsure' || (p.verdict === 'new' && !p.sibling)
      ? {
          note: `${p.verdict === 'unsure' ? 'Unsure' : 'New, with no sibling to follow'}: the evidence does not settle where this belongs; read the candidates before editing.`,
        }
      : {}),
  };
}
