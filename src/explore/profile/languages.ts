import type { Detector } from './detect.js';

/** Languages by files and lines. */
export const languages: Detector = {
  name: 'languages',
  detect(ctx) {
    const { inventory, p } = ctx;
    const counts = new Map<string, number>();
    for (const f of inventory.files)
      if (f.language) counts.set(f.language, (counts.get(f.language) ?? 0) + 1);
    p.languages = [...counts.entries()]
      .map(([name, files]) => ({ name, files, lines: ctx.lines.get(name) ?? 0 }))
      .sort((a, b) => b.lines - a.lines || b.files - a.files);
  },
};
