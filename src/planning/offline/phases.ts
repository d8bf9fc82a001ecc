/**
 * The plan's phases, shaped by the kind of change: a fix is reproduce → fix at the edit points → guard; an
 * option extends the option the code already has (or declares one beside its siblings) and reads it where
 * the behaviour happens; a feature extends the code that matches and adds a module only when nothing does;
 * performance measures first; a refactor pins behaviour first. No phase invents an interface the codebase
 * does not have.
 */
import type { Draft } from './phase-parts.js';
import { featurePhases } from './phases-feature.js';
import { fixPhases } from './phases-fix.js';
import { optionPhases } from './phases-option.js';
import { docsOnlyPhases, performancePhases, refactorPhases } from './phases-other.js';
import type { Work } from './work.js';

export { callSites, names, reportedError, step, strip } from './phase-parts.js';

export function phasesFor(w: Work): Draft[] {
  switch (w.a.workType) {
    case 'fix':
      return fixPhases(w);
    case 'option':
      return optionPhases(w);
    case 'performance':
      return performancePhases(w);
    case 'refactor':
      return refactorPhases(w);
    case 'docs':
      return docsOnlyPhases(w);
    default:
      return featurePhases(w);
  }
}
