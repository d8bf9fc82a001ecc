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

/**
 * The naming rule a fragment folder's README states, in the shape such READMEs share: a sentence giving
 * the name with placeholders ("named like ``<ISSUE>.<TYPE>.rst``", "`{number}.{kind}.md`"), and the
 * types as a bulleted list of names (each opening its item, in code). The README of the folder or of
 * one of its two parents (sub-packages may have their own fragment folders) applies.
 */
export interface ReadmeRule {
  /** The name pattern as the README writes it. */
  pattern: string;
  types: string[];
  regex: RegExp;
  cite: string;
}

const README = /^readme(\.(rst|md|txt|markdown))?$/i;
const NAME_PATTERN =
  /(?:named|name it|names? (?:look|are)|file ?names?[^.\n]{0,40}?)\s+(?:like|as|in the form|following|:)?\s*[`'"]{1,2}((?:[^`'"\s/<{]*(?:<[^>\n]+>|\{[^}\n]+\}))+[^`'"\s/]*)[`'"]{1,2}/i;

function readmeRuleIn(ctx: CheckContext, dir: string): ReadmeRule | null {
  const entry = ctx.list(dir).find((e) => !e.dir && README.test(e.name));
  if (!entry) return null;
  const file = dir === '.' ? entry.name : `${dir}/${entry.name}`;
  const text = ctx.read(file);
  if (!text) return null;
  // Only a README that speaks of fragments or a changelog sets names for its folder.
  if (!/fragment|changelog|change log|news|release notes|what's new/i.test(text)) return null;
  const m = NAME_PATTERN.exec(text);
  if (!m || !/[<{][^>}]+[>}]/.test(m[1]!)) return null;
  const pattern = m[1]!;
  const lineOf = text.slice(0, m.index).split('\n').length;
  // The types: the first run of list items that open with a name in code after the pattern.
  const types: string[] = [];
  let run = false;
  for (const l of text.slice(m.index).split('\n')) {
    const item = /^\s*[*+-]\s+`{1,2}([\w.-]+)`{1,2}\s*[:—–-]/.exec(l);
    if (item) {
      types.push(item[1]!);
      run = true;
    } else if (run && l.trim() && !/^\s{2,}\S/.test(l)) break;
  }
  const part = (name: string) =>
    /type|kind|category|section/i.test(name)
      ? types.length
        ? `(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`
        : '[\\w-]+'
      : /issue|pull|\bpr\b|number|\bid\b|ticket/i.test(name)
        ? '\\d+'
        : '[^/]+';
  const source = pattern
    .split(/(<[^>]+>|\{[^}]+\})/)
    .map((s, i) => (i % 2 ? part(s.slice(1, -1)) : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`);
  } catch {
    return null;
  }
  return { pattern, types, regex, cite: `${file}:${lineOf}` };
}

/** The rule of the README that governs files created in `dir` (its own, else a parent's); null when none. */
export function readmeRule(ctx: CheckContext, dir: string): ReadmeRule | null {
  return ctx.memo(`readme-rule:${dir}`, () => {
    let d = dir;
    for (let up = 0; up < 3 && d; up++) {
      const r = readmeRuleIn(ctx, d || '.');
      if (r) return r;
      if (d === '.' || !d.includes('/')) break;
      d = d.slice(0, d.lastIndexOf('/'));
    }
    return null;
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
  let towncrierRefused = false;
  if (tc && name.startsWith(`${tc.directory}/`)) {
    const base = name.slice(tc.directory.length + 1);
    if (!base.includes('/') && !/^(README|readme|template|_template)/.test(base)) {
      const parts = base.split('.');
      const type = parts.find((p, i) => i > 0 && tc.types.includes(p));
      towncrierRefused = !type;
      if (!type)
        out.push({
          rule: 'changelog-fragment',
          message: `${path}: a towncrier fragment is named <issue>.<type>${parts.length > 2 ? `.${parts[parts.length - 1]}` : ''} with a type of ${tc.types.join(', ')} (${tc.cite})`,
        });
    }
  }
  // The fragment folder's README: the name pattern and the types it states (checked when towncrier's
  // config has not already refused the name, so one defect gives one finding).
  const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '.';
  const base = name.slice(name.lastIndexOf('/') + 1);
  const rule = towncrierRefused || /^[._]/.test(base) || README.test(base) ? null : readmeRule(ctx, dir);
  if (rule && !rule.regex.test(base))
    out.push({
      rule: 'changelog-fragment',
      message: `${path}: the fragment folder's README (${rule.cite}) names fragments ${rule.pattern}${rule.types.length ? ` with a type of ${rule.types.join(', ')}` : ''}${/<[^>]*(issue|pull|pr|number)[^>]*>|\{[^}]*(issue|pull|pr|number)[^}]*\}/i.test(rule.pattern) ? '; the number is an issue or pull request number (declare the file as named later when it is not known yet)' : ''}`,
    });
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
