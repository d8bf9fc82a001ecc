import type { Detector } from './detect.js';
import { purposeOfScript } from './detect.js';
import { lineOf } from './types.js';

/** Makefile targets whose names say what they are for. */
export const make: Detector = {
  name: 'make',
  detect(ctx) {
    const { read, command } = ctx;
    const makefile = read('Makefile');
    if (makefile) {
      for (const m of makefile.matchAll(/^([A-Za-z][\w.-]*)\s*:(?!=)/gm)) {
        const target = m[1]!;
        const purpose = purposeOfScript(target) ?? (target === 'check' ? 'ci' : null);
        if (purpose) command(purpose, `make ${target}`, { file: 'Makefile', line: lineOf(makefile, m[0]) });
      }
    }
  },
};
