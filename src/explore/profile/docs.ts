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

    // Changelog: news fragments first (a project that has them wants them, not edits to the file they build),
    // then a changelog file (the top level first, then one in the docs), then a folder of release notes with
    // one page per version.
    const fragment =
      /^(?:(.+)\/)?(\+?[\w-]+)\.(feature|features|bugfix|bugfixes|fix|fixes|doc|docs|removal|removals|misc|change|changes|breaking|deprecation|deprecations|trivial|improvement|internal|added|fixed|changed|removed|security|other|false_positive|false_negative|new_check|user_action)(?:\.\d+)?(?:\.(rst|md|txt))?$/;
    const byDir = new Map<string, { types: Set<string>; example: string }>();
    for (const f of inventory.files) {
      const m = fragment.exec(f.path);
      if (!m?.[1] || !/(change|news|fragment|whatsnew|release)/i.test(m[1])) continue;
      const d = byDir.get(m[1]) ?? { types: new Set<string>(), example: f.path };
      d.types.add(m[3]!);
      byDir.set(m[1], d);
    }
    const towncrierFile = ['pyproject.toml', 'towncrier.toml'].find((f) =>
      /\[tool\.towncrier\]/.test(read(f) ?? ''),
    );
    // The `[tool.towncrier]` table's own keys: to the next table (its `[[tool.towncrier.type]]` too).
    const towncrierTable = (towncrierFile ? (read(towncrierFile) ?? '') : '')
      .split(/^\[tool\.towncrier\]\s*$/m)[1]
      ?.split(/^\[/m)[0];
    const towncrierKey = (key: string) =>
      new RegExp(`^\\s*${key}\\s*=\\s*["']?([^"'\\s]+)`, 'm').exec(towncrierTable ?? '')?.[1];
    const towncrier = towncrierFile ? towncrierKey('directory') : undefined;
    const frag = [...byDir.entries()].sort((a, b) => b[1].types.size - a[1].types.size)[0];
    const changelogFile = inventory.files
      .map((f) => f.path)
      .filter(
        (f) =>
          /^(CHANGES|CHANGELOG|HISTORY|NEWS|ChangeLog|RELEASE[-_]?NOTES)(\.(md|rst|txt))?$/i.test(f) ||
          /^docs?\/(?:[^/]+\/){0,2}(CHANGES|CHANGELOG|change[-_]log|HISTORY|NEWS|RELEASE[-_]?NOTES)\.(md|rst|txt)$/i.test(
            f,
          ),
      )
      .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
    if (frag || towncrier)
      p.changelog = {
        kind: 'fragments',
        path: (towncrier ?? frag![0]).replace(/\/+$/, ''),
        types: frag ? [...frag[1].types] : [],
        example: frag?.[1].example,
        // `towncrier create` names a fragment with the extension of the file it builds (`filename`, by
        // default NEWS.rst) unless `create_add_extension` is false: a folder with no fragment yet shows none.
        suffix: towncrierFile
          ? /^false$/i.test(towncrierKey('create_add_extension') ?? '')
            ? ''
            : (/\.(md|rst|txt)$/.exec(towncrierKey('filename') ?? 'NEWS.rst')?.[1] ?? '')
          : undefined,
        evidence:
          towncrier && towncrierFile
            ? { file: towncrierFile, line: lineOf(read(towncrierFile) ?? '', '[tool.towncrier]') }
            : { file: frag![1].example, line: 1 },
      };
    else if (changelogFile)
      p.changelog = {
        kind: 'file',
        path: changelogFile,
        types: [],
        evidence: { file: changelogFile, line: 1 },
      };
    else {
      // A workspace whose packages keep their own (`crates/lib/CHANGELOG.md`, `packages/app/CHANGES.md`).
      const own = inventory.files
        .map((f) => f.path)
        .filter(
          (f) =>
            /^(?:[^/]+\/){1,2}(CHANGES|CHANGELOG|HISTORY|NEWS)\.(md|rst|txt)$/i.test(f) &&
            !/(^|\/)(docs?|examples?|fixtures?|testdata|tests?|vendor|third_party|node_modules)\//i.test(f),
        );
      if (own.length) p.packageChangelogs = own;
      const notes = versionPages(inventory.files.map((f) => f.path));
      if (notes) {
        const text = read(notes.newest) ?? '';
        p.changelog = {
          kind: 'file',
          path: notes.newest,
          types: [],
          versions: { folder: notes.folder, released: released(text) },
          evidence: { file: notes.newest, line: 1 },
        };
      }
    }
  },
};

const VERSION = /^v?(\d+(?:\.\d+)+)$/;
const NOTES_DIR = /(^|\/)(release[-_]?notes|releases|changelog|changes|whatsnew|whats[-_]new|news|history)$/i;

/**
 * A folder of release notes with one page per version (`docs/source/release-notes/6.1.0.rst`): at least two
 * pages named as versions in a folder named for release notes; the newest version's page.
 */
export function versionPages(paths: string[]): { folder: string; newest: string } | null {
  const byDir = new Map<string, Array<{ path: string; version: number[] }>>();
  for (const path of paths) {
    const cut = path.lastIndexOf('/');
    if (cut < 0) continue;
    const dir = path.slice(0, cut);
    const m = /^(.+)\.(md|rst|txt)$/i.exec(path.slice(cut + 1));
    const v = m ? VERSION.exec(m[1]!) : null;
    if (!v || !NOTES_DIR.test(dir)) continue;
    byDir.set(dir, [...(byDir.get(dir) ?? []), { path, version: v[1]!.split('.').map(Number) }]);
  }
  const newer = (a: number[], b: number[]) => {
    for (let k = 0; k < Math.max(a.length, b.length); k++)
      if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) - (b[k] ?? 0);
    return 0;
  };
  const best = [...byDir.entries()]
    .filter(([, pages]) => pages.length >= 2)
    .sort((a, b) => b[1].length - a[1].length)[0];
  if (!best) return null;
  const newest = best[1].sort((a, b) => newer(b.version, a.version))[0]!;
  return { folder: best[0], newest: newest.path };
}

/**
 * Whether a version's page says it was released: its title (the first lines) carries a date and does not
 * say it is unreleased or in development.
 */
export function released(text: string): boolean {
  const head = text.split('\n').slice(0, 6).join('\n');
  if (/unreleased|not (yet )?released|in development|upcoming|\bTBD\b|\bTBA\b|\bdev\b|xxxx/i.test(head))
    return false;
  return /\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b/i.test(
    head,
  );
}
