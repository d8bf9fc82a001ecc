/**
 * The precedent of a requirement, asked of the pure core (`src/precedent/`) with the project's files,
 * inventory and profile: what the offline engine, `draft_plan`, `explore_codebase` and the LLM engine's
 * `precedent` tool start from. Only features, options and migrations have one: a fix is localised by its
 * report, a CI failure by its log.
 */
import type { WorkType } from '../../domain/plan.js';
import type { Precedent } from '../../domain/precedent.js';
import { type ExploreReport, inventoryOf } from '../../explore/explore.js';
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
  // The inventory exploring kept: files whose content the file layer refused (a sample key in a test) are
  // among its secrets, left out of every search by pathspec. A report made elsewhere gets a fresh inventory.
  const inv =
    inventoryOf(report as ExploreReport) ??
    inventory(root, { maxFileBytes: report.inventory.max_file_bytes });
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
export const precedentFor = (
  requirement: string,
  kind: WorkType,
  ctx: { root: string; report: ExploreReport },
) => (WITH_PRECEDENT.has(kind) ? precedentOf(ctx.root, requirement, ctx.report) : Promise.resolve(null));
