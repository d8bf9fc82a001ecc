import type { Precedent } from '../src/domain/precedent.js';
import { explore } from '../src/explore/explore.js';
import { gatherWork } from '../src/planning/offline/work.js';
import type { PlannerContext } from '../src/planning/planner.js';

/**
 * What the offline engine gathers for a requirement on a folder, as `plan` gathers it, with a fixed clock,
 * id and slug; the report may be passed when the caller also asks the precedent core with it.
 */
export function offlineWork(
  root: string,
  requirement: string,
  precedent: Precedent | null = null,
  report = explore(root, { for: requirement }),
) {
  const ctx = {
    root,
    report,
    now: new Date('2026-01-02T03:04:05Z'),
    id: 'p1',
    slug: 'x',
  } as unknown as PlannerContext;
  return gatherWork({ requirement } as never, ctx, precedent);
}
