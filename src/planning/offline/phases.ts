/**
 * The plan's phases, shaped by the kind of change: a fix is reproduce → fix at the edit points → guard; a
 * feature or an option follows the precedent's verdict (`phases-precedent.ts`); performance measures first;
 * a refactor pins behaviour first. No phase invents an interface the codebase does not have.
 */
import { checksOnce } from '../checks.js';
import type { Draft } from './phase-parts.js';
import { fixPhases } from './phases-fix.js';
import { docsOnlyPhases, performancePhases, refactorPhases } from './phases-other.js';
import { precedentPhases } from './phases-precedent.js';
import type { Work } from './work.js';

export const phasesFor = (w: Work): Draft[] => checksOnce(byKind(w));

function byKind(w: Work): Draft[] {
  switch (w.a.workType) {
    case 'fix':
      return fixPhases(w);
    case 'performance':
      return performancePhases(w);
    case 'refactor':
      return refactorPhases(w);
    case 'docs':
      return docsOnlyPhases(w);
    default:
      return precedentPhases(w);
  }
}
