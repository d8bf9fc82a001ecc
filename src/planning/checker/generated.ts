import { towncrier } from './changelog.js';
import type { CheckContext } from './context.js';
import { ciLines } from './known.js';
import { scriptsOf } from './scripts.js';

/**
 * Files the project does not write by hand: a "generated" header, a generator script that writes the file,
 * a release workflow that writes the changelog, or towncrier's output built from fragments. The finding says
 * what regenerates the file instead.
 */

const HEADER =
  /\b(auto-?generated|generated (by|from|with|automatically|using)|do not edit|don'?t edit|@generated|this file is generated|file generated)\b/i;
const GENERATOR_DIRS = [
  'scripts',
  'tools',
  'bin',
  'utils',
  'script',
  'dev',
  'docs',
  'doc',
  'ci',
  '.github/scripts',
];
const WRITES = /\bwrite(File|FileSync|_text|_bytes)?\b|open\([^)]*["'][wa]b?["']|\bdump\(|>\s*\S|\.write\(/;

/** Small scripts that may generate files: in the usual folders, two levels deep, at most 300. */
function generators(ctx: CheckContext): Array<{ path: string; text: string }> {
  return ctx.memo('generators', () => {
    const out: Array<{ path: string; text: string }> = [];
    const visit = (dir: string, depth: number) => {
      for (const e of ctx.list(dir)) {
        if (out.length >= 300) return;
        const p = `${dir}/${e.name}`;
        if (e.dir) {
          if (depth < 1 && !/^(_build|build|node_modules|\.)/.test(e.name)) visit(p, depth + 1);
        } else if (/\.(py|js|mjs|cjs|ts|sh)$/.test(e.name)) {
          const text = ctx.read(p);
          if (text && text.length < 200_000) out.push({ path: p, text });
        }
      }
    };
    for (const d of GENERATOR_DIRS) visit(d, 0);
    for (const f of ['Makefile', 'noxfile.py', 'tox.ini', 'setup.py']) {
      const text = ctx.read(f);
      if (text) out.push({ path: f, text });
    }
    return out;
  });
}

/** The command the project runs a generator with: a script or target that names it, else the file itself. */
function runCommand(ctx: CheckContext, gen: string): string {
  const base = gen.split('/').pop()!;
  for (const [name, body] of Object.entries(scriptsOf(ctx, '.')))
    if (body.includes(base)) return name === 'test' ? 'npm test' : `npm run ${name}`;
  const mk = ctx.read('Makefile');
  if (mk && gen !== 'Makefile') {
    const lines = mk.split('\n');
    const i = lines.findIndex((l) => l.includes(base) && /^\t/.test(l));
    for (let k = i; k >= 0; k--) {
      const t = /^([\w.-]+)\s*:/.exec(lines[k]!);
      if (t) return `make ${t[1]}`;
    }
  }
  if (gen.endsWith('.py')) return `python ${gen}`;
  if (/\.[cm]?js$/.test(gen)) return `node ${gen}`;
  if (gen.endsWith('.sh')) return `bash ${gen}`;
  return gen;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What writes a file instead of a person, with what to run or edit; null for a file written by hand. */
export function generatedBy(ctx: CheckContext, path: string): string | null {
  const base = path.split('/').pop()!;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const parent = dir.split('/').pop() ?? '';
  // A script writes the file when a line naming it (the path, or its name with its folder in the script) is
  // within three lines of a write.
  const writer = generators(ctx).find((g) => {
    if (g.path === path || !g.text.includes(base)) return false;
    const named = (l: string) =>
      l.includes(path) ||
      (base.length >= 6 &&
        new RegExp(`["'/]${escapeRe(base)}["']`).test(l) &&
        (!parent || g.text.includes(parent)));
    const lines = g.text.split('\n');
    return lines.some(
      (l, i) => named(l) && lines.slice(Math.max(0, i - 3), i + 4).some((x) => WRITES.test(x)),
    );
  });
  const text = ctx.read(path);
  const head = text?.split('\n').slice(0, 8) ?? [];
  const mark = head.findIndex((l) => HEADER.test(l));
  if (mark >= 0) {
    const how = writer
      ? `regenerate it with \`${runCommand(ctx, writer.path)}\` (${writer.path} writes it)`
      : 'change what it is generated from, and regenerate it';
    return `${path} is generated (line ${mark + 1}: "${head[mark]!.trim().slice(0, 80)}"); ${how}`;
  }
  if (
    /(^|\/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]NOTES)(\.\w+)?$/i.test(path) ||
    towncrier(ctx)?.filename === path
  ) {
    const log = changelogWriter(ctx, path);
    if (log) return log;
  }
  if (writer)
    return `${path} is written by ${writer.path}; change the generator or its input and run \`${runCommand(ctx, writer.path)}\` instead of editing it by hand`;
  return null;
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
