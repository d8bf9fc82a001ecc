import type { Detector } from './detect.js';
import type { XanoWorkspace } from './types.js';

/** A Xano workspace: its components by kind. */
export const xano: Detector = {
  name: 'xano',
  detect(ctx) {
    const { inventory, p, framework } = ctx;
    const xs = inventory.files.filter((f) => f.path.endsWith('.xs'));
    if (xs.length > 0) {
      const components: XanoWorkspace['components'] = {
        apis: [],
        functions: [],
        tables: [],
        tasks: [],
        workflow_tests: [],
      };
      let base = '';
      for (const f of xs) {
        const m = /^(.*?)(apis|functions|tables|tasks|workflow_tests)\//.exec(f.path);
        if (!m) continue;
        base = m[1]!;
        components[m[2] as keyof XanoWorkspace['components']].push(f.path);
      }
      if (Object.values(components).filter((l) => l.length > 0).length >= 2) {
        p.xano = { root: base.replace(/\/$/, '') || '.', components };
        framework('Xano', 'backend', { file: xs[0]!.path, line: 1 });
      }
    }
  },
};
