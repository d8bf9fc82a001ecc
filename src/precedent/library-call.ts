/**
 * Where the sibling's value leaves the project: a keyword argument of a call to a library (Python), as
 * `run_simple(…, extra_files=extra_files)` hands `--extra-files` to the web server's reloader. A new option
 * modelled on the sibling reaches the same call, and works only if the library versions the project allows
 * have a parameter for it: the plan names the call, the import it comes from and the line that sets the
 * project's floor for that library. Only a call the project does not define, imported from a package the
 * project declares as a dependency (a standard-library module is declared nowhere, so it is never named).
 */

import type { Precedent } from '../domain/precedent.js';
import { definesFunction, maskStrings } from './code-shape.js';
import { enclosingOpen } from './follow.js';
import type { FootprintEntry } from './footprint.js';
import type { TreeSearch } from './search.js';

export interface LibraryCall {
  /** The callee as written (`run_simple`, `requests.request`). */
  callee: string;
  /** The module it is imported from (`werkzeug.serving`). */
  module: string;
  /** The sibling's keyword in the call. */
  keyword: string;
  file: string;
  /** The line of the keyword argument. */
  line: number;
  /** The project's declaration of the dependency: its file, line and text. */
  dependency: { file: string; line: number; text: string };
}

const PYTHON = /\.pyi?$/;
const MANIFESTS = /(^|\/)(pyproject\.toml|setup\.cfg|setup\.py|requirements[^/]*\.(txt|in))$/;
/** Lines back from the keyword to the call's opening parenthesis. */
const CALL_REACH = 25;
const MAX_CALLS = 3;

export function libraryCalls(search: TreeSearch, footprint: FootprintEntry[], ids: string[]): LibraryCall[] {
  const out: LibraryCall[] = [];
  const seen = new Set<string>();
  const snake = ids.filter((id) => /^[A-Za-z_]\w*$/.test(id));
  if (!snake.length) return out;
  const keywordRe = new RegExp(`(?:^|[(,\\s])(${snake.join('|')})\\s*=(?!=)`);
  for (const e of footprint) {
    if (out.length >= MAX_CALLS) break;
    if (e.area !== 'code' || e.source !== 'occurrence' || !e.line || !PYTHON.test(e.file)) continue;
    const m = keywordRe.exec(e.text);
    if (!m) continue;
    const text = search.read(e.file);
    if (!text) continue;
    const lines = text.split('\n');
    const callee = openCallee(lines, e.line, e.text.indexOf(m[1]!));
    if (!callee || seen.has(callee)) continue;
    seen.add(callee);
    const last = callee.split('.').pop()!;
    if (definedInProject(search, last)) continue;
    const module = importedFrom(lines, callee);
    if (!module || ownPackage(search, module.split('.')[0]!)) continue;
    const dependency = declaredDependency(search, module.split('.')[0]!);
    if (!dependency) continue;
    out.push({ callee, module, keyword: m[1]!, file: e.file, line: e.line, dependency });
  }
  return out;
}

/**
 * The callee of the call whose parentheses hold column `col` of line `at` (1-based): the bracket left open
 * before it in the text with its strings and comments blanked (`enclosingOpen` over `maskStrings`, as the
 * footprint reads calls), so a parenthesis inside a string or a comment on the way does not count; the
 * dotted name before it. Null when that bracket is a list, a dict or a condition, when it is more than
 * CALL_REACH lines up, or when a top-level statement lies between it and the keyword.
 */
export function openCallee(lines: string[], at: number, col: number): string | null {
  const from = Math.max(1, at - CALL_REACH);
  const near = lines.slice(from - 1, at);
  const own = near[near.length - 1] ?? '';
  const masked = maskStrings(near.join('\n')).replace(/#[^\n]*/g, (c) => ' '.repeat(c.length));
  const at0 = masked.length - own.length + Math.min(Math.max(0, col), own.length);
  const open = enclosingOpen(masked, at0, at0 + 1);
  if (open < 0 || masked[open] !== '(') return null;
  const head = masked.slice(masked.lastIndexOf('\n', open - 1) + 1, open);
  const between = masked
    .slice(open, masked.length - own.length)
    .split('\n')
    .slice(1, -1);
  if (between.some((l) => /^\S/.test(l) && !/^[)\]}]/.test(l))) return null;
  const name = /([A-Za-z_][\w.]*)\s*$/.exec(head);
  return name && !/^(if|while|for|return|and|or|not|in|print)$/.test(name[1]!) ? name[1]! : null;
}

function definedInProject(search: TreeSearch, name: string): boolean {
  const type = new RegExp(`\\bclass\\s+${name}\\b`);
  return search
    .lines([name], { word: true, maxPerFile: 20, maxTotal: 400 })
    .some((h) => type.test(h.text) || definesFunction([h.text], name));
}

/** A package of the project itself (`pkg/__init__.py`, `src/pkg/…`, `pkg.py`): no library. */
function ownPackage(search: TreeSearch, top: string): boolean {
  return search.inventory.files.some((f) => new RegExp(`^(?:src/|lib/)?${top}(?:/|\\.py$)`).test(f.path));
}

/** The module a callee comes from, by the file's own imports (`from m import f`, `import m`, `import m as a`). */
export function importedFrom(lines: string[], callee: string): string | null {
  const [head] = callee.split('.');
  for (const line of lines) {
    const from = /^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(.+)$/.exec(line);
    if (from) {
      const names = from[2]!.replace(/[()\\]/g, '').split(',');
      for (const n of names) {
        const [name, alias] = n.trim().split(/\s+as\s+/);
        if ((alias ?? name) === head) return callee.includes('.') ? `${from[1]}.${name}` : from[1]!;
      }
      continue;
    }
    const imp = /^\s*import\s+(.+)$/.exec(line);
    if (!imp) continue;
    for (const n of imp[1]!.split(',')) {
      const [name, alias] = n.trim().split(/\s+as\s+/);
      if (!name) continue;
      if (alias === head) return name;
      if (!alias && (name === head || name.split('.')[0] === head)) return name;
    }
  }
  return null;
}

const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * The line that declares the package a module's top name comes from: a requirement whose distribution name
 * is the module's name (case and `-`/`_` aside) in a Python manifest. A distribution named otherwise
 * (`PyYAML` for `yaml`) is not matched: the plan then names no floor rather than a wrong one.
 */
export function declaredDependency(
  search: TreeSearch,
  top: string,
): { file: string; line: number; text: string } | null {
  const manifests = search.inventory.files
    .map((f) => f.path)
    .filter((p) => MANIFESTS.test(p))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const want = norm(top);
  // A requirement: the distribution's name, extras, then a version, a marker, or nothing.
  const named = (req: string) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|$)/.exec(req.trim());
    return Boolean(m && norm(m[1]!) === want);
  };
  for (const file of manifests) {
    const text = search.read(file);
    if (!text) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // Quoted in TOML or setup.py (`"Werkzeug>=2.0",`), or bare in requirements files and setup.cfg.
      const quoted = [...line.matchAll(/["']([^"']+)["']/g)].map((q) => q[1]!);
      const bare = /^\s*[A-Za-z0-9]/.test(line) && !/=\s*$|^\s*\[|^\s*#/.test(line) ? [line] : [];
      if ([...quoted, ...bare].some(named)) return { file, line: i + 1, text: line.trim() };
    }
  }
  return null;
}

/**
 * What a plan says of each library call: the sibling reaches it, the requested thing would too, so every
 * version of the library the project allows must take the new keyword; and what to check.
 */
export function libraryRisks(p: Precedent | null | undefined): Array<{ risk: string; mitigation: string }> {
  if (!p?.requested || !p.sibling) return [];
  const { requested, sibling } = p;
  return p.library.map((l) => ({
    risk: `\`${sibling.name}\` reaches a library: \`${l.keyword}=\` goes to \`${l.callee}\` (from \`${l.module}\`) at ${l.file}:${l.line}. If \`${requested.name}\` goes the same way, every version the project allows (\`${l.dependency.text}\` at ${l.dependency.file}:${l.dependency.line}) must take it`,
    mitigation: `Find the version of \`${l.module.split('.')[0]}\` that added the parameter, and raise the floor at ${l.dependency.file}:${l.dependency.line} if it is newer`,
  }));
}
