import { GeneratedFiles } from '../../explore/generated.js';
import { towncrier } from './changelog.js';
import type { CheckContext } from './context.js';
import { ciLines } from './known.js';

/**
 * Files the project does not write by hand: what the shared detector finds (`explore/generated.ts`: a
 * header, a script, make target, package script or bundler that writes it, a build output, a lock file),
 * a changelog a release tool writes, or towncrier's output built from fragments. The finding says what
 * regenerates the file instead.
 */

/** What writes a file instead of a person, with what to run or edit; null for a file written by hand. */
export function generatedBy(ctx: CheckContext, path: string): string | null {
  const g = ctx.memo('generated', () => new GeneratedFiles(ctx)).of(path);
  const how = g?.regenerate
    ? `regenerate it with \`${g.regenerate.command}\` (${g.regenerate.cite}) instead of editing it by hand`
    : 'change what it is generated from, and regenerate it';
  if (g?.header) return `${path} is generated (${g.evidence}); ${how}`;
  if (
    /(^|\/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]NOTES)(\.\w+)?$/i.test(path) ||
    towncrier(ctx)?.filename === path
  ) {
    const log = changelogWriter(ctx, path);
    if (log) return log;
  }
  return g ? `${path} is generated (${g.evidence}); ${how}` : null;
}

function changelogWriter(ctx: CheckContext, path: string): string | null {
  const tc = towncrier(ctx);
  if (tc && (tc.filename === path || (!tc.filename && /^(NEWS|CHANGES)\.rst$/.test(path))))
    return `${path} is built by towncrier from the fragments in ${tc.directory}/ (${tc.cite}); add a fragment there instead`;
  if (ctx.files.has('.changeset') && ctx.files.isDirectory('.changeset'))
    return `${path} is written by changesets at release (.changeset/); add a changeset (\`npx changeset\` writes .changeset/<name>.md) instead`;
  for (const f of ['release-please-config.json', '.release-please-manifest.json'])
    if (ctx.files.has(f))
      return `${path} is written by release-please (${f}) from the commit messages; describe the change in a conventional commit message instead`;
  const tools =
    /\b(release-please|semantic-release|git-cliff|conventional-changelog|auto-changelog|changelogithub|towncrier build|gitmoji-changelog)\b/;
  const step = ciLines(ctx).find(
    (l) =>
      tools.test(l.text) ||
      (l.text.includes(path.split('/').pop()!) && /\b(generate|update|write)\b/i.test(l.text)),
  );
  if (step)
    return `${path} is written by the release workflow (${step.cite}: \`${step.text.slice(0, 60)}\`); describe the change where that workflow reads it (commit messages or the pull request) instead`;
  for (const e of ctx.list('.github/workflows')) {
    const file = `.github/workflows/${e.name}`;
    const t = ctx.read(file) ?? '';
    const m =
      /uses:\s*(googleapis\/release-please-action|release-drafter\/release-drafter|orhun\/git-cliff-action|TriPSs\/conventional-changelog-action|stefanzweifel\/changelog-updater-action)[^\n]*/.exec(
        t,
      );
    if (m)
      return `${path} is written by the release workflow (${file}:${t.slice(0, m.index).split('\n').length}: ${m[1]}); describe the change where that workflow reads it instead`;
  }
  return null;
}
