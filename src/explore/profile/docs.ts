import type { Detector } from './detect.js';
import { lineOf } from './types.js';

/** Docs worth reading first, and where the project records its changes (a changelog, or news fragments). */
export const docs: Detector = {
  name: 'docs',
  detect(ctx) {
    const { inventory, read, p } = ctx;
    const docRank = (path: string): number => {
      const name = path.slice(path.lastIndexOf('/') + 1).toUpperCase();
      if (path.includes('/') && !/^docs?\//i.test(path) && !/^\.github\//.test(path)) return -1;
      if (/^AGENTS\.MD$|^CLAUDE\.MD$/.test(name)) return 0;
      if (/^README/.test(name) && !path.includes('/')) return 1;
      if (/^CONTRIBUTING/.test(name)) return 2;
      if (/^ARCHITECTURE/.test(name)) return 2;
      if (/(^|\/)(adr|adrs|decisions)\//i.test(path)) return 4;
      if (/^docs?\/[^/]+\.(md|mdx|rst)$/i.test(path)) return 3;
      if (/^\.github\/copilot-instructions\.md$/.test(path)) return 0;
      return -1;
    };
    // Within a rank, the pages that introduce a project come first (an index, an overview, getting started,
    // the architecture), then the larger pages; a handful is a reading list, fifteen is a directory listing.
    const intro = (path: string) =>
      /(^|\/)(index|readme|overview|introduction|intro|getting[-_ ]?started|quick[-_ ]?start|architecture|design|development|contributing)\.\w+$/i.test(
        path,
      )
        ? 0
        : 1;
    p.docs = inventory.files
      .map((f) => ({ f, r: docRank(f.path) }))
      .filter((x) => x.r >= 0)
      .sort(
        (a, b) =>
          a.r - b.r ||
          intro(a.f.path) - intro(b.f.path) ||
          b.f.size - a.f.size ||
          a.f.path.localeCompare(b.f.path),
      )
      .slice(0, 8)
      .map(({ f, r }) => ({
        name: f.path,
        kind: ['agent guide', 'readme', 'guide', 'docs', 'adr'][r],
        evidence: { file: f.path, line: 1 },
      }));

    // Changelog: news fragments first (a project that has them wants them, not edits to the file they build).
    const fragment =
      /^(?:(.+)\/)?(\+?[\w-]+)\.(feature|features|bugfix|bugfixes|fix|fixes|doc|docs|removal|removals|misc|change|changes|breaking|deprecation|deprecations|trivial|improvement|internal|added|fixed|changed|removed|security|other|false_positive|false_negative|new_check|user_action)(?:\.\d+)?\.(rst|md|txt)$/;
    const byDir = new Map<string, { types: Set<string>; example: string }>();
    for (const f of inventory.files) {
      const m = fragment.exec(f.path);
      if (!m?.[1] || !/(change|news|fragment|whatsnew|release)/i.test(m[1])) continue;
      const d = byDir.get(m[1]) ?? { types: new Set<string>(), example: f.path };
      d.types.add(m[3]!);
      byDir.set(m[1], d);
    }
    const towncrier = /\[tool\.towncrier\][\s\S]*?directory\s*=\s*["']([^"']+)["']/.exec(
      read('pyproject.toml') ?? '',
    )?.[1];
    const frag = [...byDir.entries()].sort((a, b) => b[1].types.size - a[1].types.size)[0];
    const changelogFile = inventory.files
      .map((f) => f.path)
      .filter((f) =>
        /^(docs?\/)?(CHANGES|CHANGELOG|HISTORY|NEWS|ChangeLog|RELEASE[-_]?NOTES)(\.(md|rst|txt))?$/i.test(f),
      )
      .sort((a, b) => a.split('/').length - b.split('/').length)[0];
    if (frag || towncrier)
      p.changelog = {
        kind: 'fragments',
        path: (towncrier ?? frag![0]).replace(/\/+$/, ''),
        types: frag ? [...frag[1].types] : [],
        example: frag?.[1].example,
        evidence: towncrier
          ? { file: 'pyproject.toml', line: lineOf(read('pyproject.toml') ?? '', '[tool.towncrier]') }
          : { file: frag![1].example, line: 1 },
      };
    else if (changelogFile)
      p.changelog = {
        kind: 'file',
        path: changelogFile,
        types: [],
        evidence: { file: changelogFile, line: 1 },
      };
  },
};
