import { parse as parseYaml } from 'yaml';
import type { CheckContext } from './context.js';

/**
 * Changelog fragments by the project's own rules: towncrier's folder and types, and pre-commit hooks
 * that refuse fragment names (`language: fail` hooks on the folder). A file whose name is known only later
 * is declared with `later`, not written with a placeholder.
 */
export interface Towncrier {
  directory: string;
  filename?: string;
  types: string[];
  cite: string;
}

const DEFAULT_TYPES = ['feature', 'bugfix', 'doc', 'removal', 'misc'];

export function towncrier(ctx: CheckContext): Towncrier | null {
  return ctx.memo('towncrier', () => {
    for (const [file, head] of [
      ['pyproject.toml', /^\[tool\.towncrier\]\s*$/m],
      ['towncrier.toml', /^\[tool\.towncrier\]\s*$/m],
    ] as const) {
      const text = ctx.read(file);
      if (!text) continue;
      const m = head.exec(text);
      if (!m) continue;
      const body = text.slice(m.index);
      const section = body.slice(0, body.slice(1).search(/\n\[(?!\[?tool\.towncrier)/) + 1 || body.length);
      const value = (key: string) =>
        new RegExp(`^\\s*${key}\\s*=\\s*["']([^"']+)["']`, 'm').exec(section)?.[1];
      const types = [...section.matchAll(/^\s*directory\s*=\s*["']([^"']+)["']/gm)].map((x) => x[1]!);
      const pkgDir = value('package_dir');
      const pkg = value('package');
      const directory =
        value('directory') ?? (pkg ? `${pkgDir ? `${pkgDir}/` : ''}${pkg}/newsfragments` : 'newsfragments');
      // [[tool.towncrier.type]] tables also use `directory`: the first `directory` above them is the folder.
      const folder = /^\s*directory\s*=/m.test(section.split(/\[\[tool\.towncrier\.type\]\]/)[0]!)
        ? directory
        : pkg
          ? directory
          : 'newsfragments';
      const typeNames = section.includes('[[tool.towncrier.type]]') ? types.filter((t) => t !== folder) : [];
      const ftypes = [...section.matchAll(/\[tool\.towncrier\.fragment\.([\w-]+)\]/g)].map((x) => x[1]!);
      return {
        directory: folder.replace(/\/+$/, ''),
        filename: value('filename'),
        types: typeNames.length ? typeNames : ftypes.length ? ftypes : DEFAULT_TYPES,
        cite: `${file}:${text.slice(0, m.index).split('\n').length}`,
      };
    }
    if (ctx.profile.changelog?.kind === 'fragments') {
      const c = ctx.profile.changelog;
      return {
        directory: c.path,
        types: c.types.length ? c.types : DEFAULT_TYPES,
        cite: `${c.evidence.file}:${c.evidence.line}`,
      };
    }
    return null;
  });
}

interface FailHook {
  id: string;
  files?: RegExp;
  exclude?: RegExp;
  entry: string;
  cite: string;
}

function failHooks(ctx: CheckContext): FailHook[] {
  return ctx.memo('fail-hooks', () => {
    const text = ctx.read('.pre-commit-config.yaml');
    if (!text) return [];
    const out: FailHook[] = [];
    const re = (s: unknown) => {
      if (typeof s !== 'string') return undefined;
      try {
        return new RegExp(
          s
            .replace(/\(\?x\)/, '')
            .replace(/\s+#.*$/gm, '')
            .replace(/\s+/g, ''),
        );
      } catch {
        return undefined;
      }
    };
    try {
      const doc = parseYaml(text) as { repos?: Array<{ hooks?: Array<Record<string, unknown>> }> };
      for (const r of doc?.repos ?? [])
        for (const h of r.hooks ?? [])
          if (h.language === 'fail' && typeof h.id === 'string') {
            const i = text.indexOf(`id: ${h.id}`);
            out.push({
              id: h.id,
              files: re(h.files),
              exclude: re(h.exclude),
              entry: String(h.entry ?? h.name ?? ''),
              cite: `.pre-commit-config.yaml:${i < 0 ? 1 : text.slice(0, i).split('\n').length}`,
            });
          }
    } catch {}
    return out;
  });
}

/** A placeholder in a path a person would fill in: `<ISSUE>`, `{issue}`, `XXXX`, `NNNN`, `ISSUE_NUMBER`. */
const PLACEHOLDER =
  /<[^>]+>|\{[^}]+\}|\bX{3,}\b|\bN{3,}\b|#{3,}|\b(ISSUE|PR|PULL|NUMBER|ISSUE_NUMBER|PR_NUMBER|TIMESTAMP)\b/;

/** A sample name for a pattern, to test it against the project's rules. */
const sample = (pattern: string) =>
  pattern.replace(/\{[^}]*(slug|name|title)[^}]*\}/gi, 'sample-change').replace(/\{[^}]+\}/g, '1234');

/** Problems with a file to create that is a changelog fragment or a name decided later; [] when fine. */
export function fragmentProblems(
  ctx: CheckContext,
  path: string,
  later: string | undefined,
): Array<{ rule: 'placeholder-path' | 'changelog-fragment'; message: string }> {
  const out: Array<{ rule: 'placeholder-path' | 'changelog-fragment'; message: string }> = [];
  const placeholder = PLACEHOLDER.exec(path);
  if (placeholder && !later) {
    const pattern = path
      .replace(/<([^>]+)>/g, (_, n: string) => `{${n.toLowerCase().replace(/[^a-z0-9]+/g, '_')}}`)
      .replace(/\bX{3,}\b|\bN{3,}\b|#{3,}/g, '{number}');
    out.push({
      rule: 'placeholder-path',
      message: `${path} is a placeholder, not a file name: declare it as a file named later (path \`${pattern}\`, later: what fills ${/\{[^}]+\}/.exec(pattern)?.[0] ?? 'the placeholder'}, e.g. the pull request's number)`,
    });
  }
  if (later && !/\{[^}]+\}/.test(path))
    out.push({
      rule: 'placeholder-path',
      message: `${path} is declared as named later, but its path has no {placeholder} for what \`later\` fills in`,
    });
  const name = later || placeholder ? sample(path.replace(/<([^>]+)>/g, '{$1}')) : path;
  const tc = towncrier(ctx);
  if (tc && name.startsWith(`${tc.directory}/`)) {
    const base = name.slice(tc.directory.length + 1);
    if (!base.includes('/') && !/^(README|readme|template|_template)/.test(base)) {
      const parts = base.split('.');
      const type = parts.find((p, i) => i > 0 && tc.types.includes(p));
      if (!type)
        out.push({
          rule: 'changelog-fragment',
          message: `${path}: a towncrier fragment is named <issue>.<type>${parts.length > 2 ? `.${parts[parts.length - 1]}` : ''} with a type of ${tc.types.join(', ')} (${tc.cite})`,
        });
    }
  }
  for (const h of failHooks(ctx)) {
    if (h.files && !h.files.test(name)) continue;
    // A hook without `files` runs on every file: it speaks of fragments only when its exclusions name the folder.
    const folderOf = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '.';
    if (!h.files && !h.exclude?.source.replace(/\\/g, '').includes(folderOf)) continue;
    if (h.exclude?.test(name)) continue;
    out.push({
      rule: 'changelog-fragment',
      message: `${path}: the project's pre-commit hook "${h.id}" (${h.cite}) refuses this name: ${h.entry.slice(0, 160)}`,
    });
  }
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
  if ((later || placeholder) && !PLACEHOLDER.test(folder) && !ctx.files.isDirectory(folder))
    out.push({ rule: 'placeholder-path', message: `${path}: the folder ${folder} does not exist` });
  return out;
}
