/**
 * Where the sibling's value leaves the project: given to a call of a library under the library's own name
 * for it, as `run_simple(…, extra_files=extra_files)` hands `--extra-files` to the web server's reloader.
 * The name is a keyword (Python `x=`), a key of an object or struct literal the call takes or builds
 * (`testExclude({ exclude: config.exclude })`, Go `lib.Options{Exclude: …}`, Rust `lib::Options { exclude:
 * … }`), or a builder's method (`reqwest::Client::builder().timeout(…)`): the same name as the sibling's,
 * case and separators aside. A new option modelled on the sibling reaches the same call, and works only if
 * the library versions the project allows have a parameter for it: the plan names the call, the import it
 * comes from and the line that sets the project's floor for that library. Only a call the project does not
 * define, imported from a package the project declares as a dependency (`pyproject.toml`, `package.json`,
 * `go.mod`, `Cargo.toml`; a standard library is declared nowhere, so it is never named).
 */

import type { Precedent } from '../domain/precedent.js';
import { definesFunction, esc, maskStrings } from './code-shape.js';
import { enclosingOpen } from './follow.js';
import type { FootprintEntry } from './footprint.js';
import type { TreeSearch } from './search.js';

export interface LibraryCall {
  /** The callee as written (`run_simple`, `requests.request`, `lib.Options`, `Client::builder`). */
  callee: string;
  /** The module it is imported from (`werkzeug.serving`, `test-exclude`, `github.com/x/lib`, `reqwest`). */
  module: string;
  /** The sibling's keyword, key or method in the call. */
  keyword: string;
  file: string;
  /** The line of the keyword argument. */
  line: number;
  /** The project's declaration of the dependency: its file, line and text. */
  dependency: { file: string; line: number; text: string };
}

type Lang = 'py' | 'js' | 'go' | 'rs';
const LANGS: Array<[RegExp, Lang]> = [
  [/\.pyi?$/, 'py'],
  [/\.[cm]?[jt]sx?$/, 'js'],
  [/\.go$/, 'go'],
  [/\.rs$/, 'rs'],
];
const langOf = (file: string) => LANGS.find(([re]) => re.test(file))?.[1];
/** A keyword (Python) or a literal's key (the others), a builder's method (`.x(`) for the others too. */
const KEY: Record<Lang, RegExp> = {
  py: /(?:^|[(,\s])([A-Za-z_]\w*)\s*=(?!=)/g,
  js: /(?:^|[{,\s])([A-Za-z_$][\w$]*)\s*:(?![:=])|\.([A-Za-z_$][\w$]*)\s*\(/g,
  go: /(?:^|[{,\s])([A-Za-z_]\w*)\s*:(?![:=])|\.([A-Za-z_]\w*)\s*\(/g,
  rs: /(?:^|[{,\s])([A-Za-z_]\w*)\s*:(?![:=])|\.([A-Za-z_]\w*)\s*\(/g,
};
const MANIFESTS: Record<Lang, RegExp> = {
  py: /(^|\/)(pyproject\.toml|setup\.cfg|setup\.py|requirements[^/]*\.(txt|in))$/,
  js: /(^|\/)package\.json$/,
  go: /(^|\/)go\.mod$/,
  rs: /(^|\/)Cargo\.toml$/,
};
/** Lines back from the keyword to the call's opening parenthesis. */
const CALL_REACH = 25;
const MAX_CALLS = 3;
const flat = (s: string) => s.toLowerCase().replace(/[-_$]/g, '');

export function libraryCalls(search: TreeSearch, footprint: FootprintEntry[], ids: string[]): LibraryCall[] {
  const out: LibraryCall[] = [];
  const seen = new Set<string>();
  const names = new Set(ids.filter((id) => /^[A-Za-z_$][\w$-]*$/.test(id)).map(flat));
  if (!names.size) return out;
  for (const e of footprint) {
    if (out.length >= MAX_CALLS) break;
    const lang = langOf(e.file);
    if (e.area !== 'code' || e.source !== 'occurrence' || !e.line || !lang) continue;
    const m = [...e.text.matchAll(KEY[lang])].find((k) => names.has(flat(k[1] ?? k[2]!)));
    if (!m) continue;
    const text = search.read(e.file);
    if (!text) continue;
    const lines = text.split('\n');
    const keyword = (m[1] ?? m[2])!;
    const col = e.text.indexOf(keyword, m.index);
    const callee = m[1] ? openCallee(lines, e.line, col, lang) : chainHead(lines, e.line, keyword);
    if (!callee || seen.has(callee)) continue;
    seen.add(callee);
    const lib = libraryOf(search, lines, callee, lang);
    if (lib) out.push({ callee, keyword, file: e.file, line: e.line, ...lib });
  }
  return out;
}

/** The module a callee comes from and the manifest line that declares its package, if it is a library's. */
export function libraryOf(
  search: TreeSearch,
  lines: string[],
  callee: string,
  lang: Lang,
): Pick<LibraryCall, 'module' | 'dependency'> | null {
  const head = callee.split(/\.|::/)[0]!;
  if (lang === 'py') {
    if (definedInProject(search, callee.split('.').pop()!)) return null;
    const module = importedFrom(lines, callee);
    if (!module || ownPackage(search, module.split('.')[0]!)) return null;
    const dependency = declaredDependency(search, module.split('.')[0]!);
    return dependency ? { module, dependency } : null;
  }
  const module =
    lang === 'js' ? jsImport(lines, head) : lang === 'go' ? goImport(lines, head) : rustCrate(lines, head);
  if (!module) return null;
  // The package a module path names: `@scope/name`, `name` of `name/sub`; a Go module by prefix.
  const pkg = lang === 'js' ? (/^(@[^/]+\/[^/]+|[^/]+)/.exec(module)?.[1] ?? module) : module;
  const dependency = manifestLine(search, lang, pkg);
  return dependency ? { module, dependency } : null;
}

/**
 * Whether a name in `file` is a module the file imports (Python `import m`/`from p import m`, a JavaScript
 * `require`/`import`, a Go import; a Rust path is written with `::`): a call on it is a call the code makes
 * of that module, not of a local value.
 */
export function isImported(file: string, lines: string[], name: string): boolean {
  const lang = langOf(file);
  if (lang === 'py')
    return (
      importedFrom(
        lines.map((l) => l.replace(/\s+#.*$/, '')),
        name,
      ) !== null
    );
  if (lang === 'go') return goImport(lines, name) !== null;
  if (lang === 'js') return jsModule(lines, name) !== null;
  return false;
}

/** A JavaScript package a name is bound to (`jsModule`), never the project's own file (`./x`). */
function jsImport(lines: string[], head: string): string | null {
  const module = jsModule(lines, head);
  return module && !/^[./]/.test(module) ? module : null;
}

/** The module a JavaScript name is bound to: `const x = require('m')`, `import x from 'm'`, `import { x } from './m'`. */
function jsModule(lines: string[], head: string): string | null {
  const bound = new RegExp(`(?<![\\w$])${esc(head)}(?![\\w$])`);
  for (const line of lines) {
    const m =
      /^\s*(?:const|let|var)\s+(.+?)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/.exec(line) ??
      /^\s*import\s+(.+?)\s+from\s+['"]([^'"]+)['"]/.exec(line);
    if (m && bound.test(m[1]!.replace(/\b\w+\s+as\s+/g, ''))) return m[2]!;
  }
  return null;
}

/** A Go import path whose name (its alias, else its last element past a `/vN`) is `head`. */
function goImport(lines: string[], head: string): string | null {
  for (const line of lines) {
    const m = /^\s*(?:import\s+)?(?:([A-Za-z_]\w*)\s+)?"([^"]+)"\s*$/.exec(line);
    if (!m) continue;
    const name =
      m[1] ??
      m[2]!
        .replace(/\/v\d+$/, '')
        .split('/')
        .pop()!
        .replace(/^go-/, '');
    if (name === head) return m[2]!;
  }
  return null;
}

/** The crate a Rust path starts from: its first segment, or the crate a `use` brought the name from. */
function rustCrate(lines: string[], head: string): string | null {
  if (/^(crate|self|super|Self|std|core|alloc)$/.test(head)) return null;
  for (const line of lines) {
    const m = /^\s*(?:pub\s+)?use\s+([A-Za-z_]\w*)::(.*);/.exec(line);
    if (m && new RegExp(`(?<!\\w)${esc(head)}(?!\\w)`).test(m[2]!.replace(/\b\w+\s+as\s+/g, ''))) {
      return /^(crate|self|super|std|core|alloc)$/.test(m[1]!) ? null : m[1]!;
    }
  }
  return head;
}

/** The manifest line that declares a package: a `package.json` key, a `go.mod` requirement, a `Cargo.toml` key. */
function manifestLine(search: TreeSearch, lang: Lang, pkg: string) {
  const want = lang === 'rs' ? pkg.replace(/_/g, '-') : pkg;
  const declares = (line: string) =>
    lang === 'js'
      ? new RegExp(`^\\s*"${esc(want)}"\\s*:\\s*"`).test(line)
      : lang === 'go'
        ? within(want, /^\s*(?:require\s+)?(\S+)\s+v\d/.exec(line)?.[1])
        : new RegExp(
            `^\\s*(?:\\[(?:[\\w.-]*\\.)?dependencies\\.)?${esc(want).replace(/-/g, '[-_]')}\\s*(?:=|\\])`,
          ).test(line);
  return manifestOf(search, MANIFESTS[lang], declares);
}

/** An import path in a module: the module's path itself or below it. */
const within = (path: string, module?: string) =>
  !!module && (path === module || path.startsWith(`${module}/`));

/** The first line a manifest of the kind has that `declares` accepts, the shallowest manifest first. */
function manifestOf(search: TreeSearch, kind: RegExp, declares: (line: string) => boolean) {
  const manifests = search.inventory.files
    .map((f) => f.path)
    .filter((p) => kind.test(p))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  for (const file of manifests) {
    const lines = search.read(file)?.split('\n') ?? [];
    const i = lines.findIndex(declares);
    if (i >= 0) return { file, line: i + 1, text: lines[i]!.trim() };
  }
  return null;
}

/**
 * The head of the builder chain a method call at column `col` of line `at` continues (`reqwest::Client::
 * builder()` over the `.timeout(` lines below it), with the method: the chain's first line is the nearest
 * above that does not start with `.`, its head the path after an `=` or at its start.
 */
function chainHead(lines: string[], at: number, method: string): string | null {
  const raw = lines[at - 1] ?? '';
  let i = at - 1;
  let text = raw.slice(0, Math.max(0, raw.search(new RegExp(`\\.\\s*${esc(method)}\\s*\\(`))));
  // A line that only continues the chain (`.timeout(…)`) goes up to the line the chain starts on.
  while (!text.trim() || /^\s*\./.test(text)) {
    if (i === 0 || at - i >= CALL_REACH) return null;
    text = lines[--i]!;
  }
  const head = /^(?:.*?(?:=|\breturn\b|\())?\s*&?([A-Za-z_]\w*(?:(?:::|\.)[A-Za-z_]\w*)*)/.exec(text.trim());
  return head && /::|\./.test(head[1]!) ? `${head[1]}.${method}` : null;
}

/**
 * The callee of the call whose brackets hold column `col` of line `at` (1-based): the bracket left open
 * before it in the text with its strings and comments blanked (`enclosingOpen` over `maskStrings`, as the
 * footprint reads calls), so a parenthesis inside a string or a comment on the way does not count; the
 * dotted name before it. A literal's brace (`f({ x: … })`, Go `lib.Options{X: …}`, Rust `lib::Options {`)
 * is its type, else the call it is handed to. Null when that bracket is a list, a dict or a condition,
 * when it is more than CALL_REACH lines up, or when a top-level statement lies between it and the keyword.
 */
export function openCallee(lines: string[], at: number, col: number, lang: Lang = 'py'): string | null {
  const from = Math.max(1, at - CALL_REACH);
  const near = lines.slice(from - 1, at);
  const own = near[near.length - 1] ?? '';
  const comment = lang === 'py' ? /#[^\n]*/g : /\/\/[^\n]*/g;
  const masked = maskStrings(near.join('\n')).replace(comment, (c) => ' '.repeat(c.length));
  const at0 = masked.length - own.length + Math.min(Math.max(0, col), own.length);
  let open = enclosingOpen(masked, at0, at0 + 1);
  const typed =
    lang !== 'py' && masked[open] === '{'
      ? /([A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*)\s*$/.exec(masked.slice(0, open))
      : null;
  if (typed && lang !== 'js') return /\.|::/.test(typed[1]!) ? typed[1]! : null;
  if (lang !== 'py' && masked[open] === '{' && /[(,]\s*$/.test(masked.slice(0, open)))
    open = enclosingOpen(masked, open, open + 1);
  if (open < 0 || masked[open] !== '(') return null;
  const head = masked.slice(masked.lastIndexOf('\n', open - 1) + 1, open);
  const between = masked
    .slice(open, masked.length - own.length)
    .split('\n')
    .slice(1, -1);
  if (lang === 'py' && between.some((l) => /^\S/.test(l) && !/^[)\]}]/.test(l))) return null;
  const name = /([A-Za-z_$][\w$.]*)\s*$/.exec(head);
  return name && !/^(if|while|for|return|and|or|not|in|print|switch|catch|function)$/.test(name[1]!)
    ? name[1]!
    : null;
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
  const want = norm(top);
  // A requirement: the distribution's name, extras, then a version, a marker, or nothing.
  const named = (req: string) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|$)/.exec(req.trim());
    return Boolean(m && norm(m[1]!) === want);
  };
  // Quoted in TOML or setup.py (`"Werkzeug>=2.0",`), or bare in requirements files and setup.cfg.
  return manifestOf(search, MANIFESTS.py, (line) => {
    const quoted = [...line.matchAll(/["']([^"']+)["']/g)].map((q) => q[1]!);
    const bare = /^\s*[A-Za-z0-9]/.test(line) && !/=\s*$|^\s*\[|^\s*#/.test(line) ? [line] : [];
    return [...quoted, ...bare].some(named);
  });
}

/** The sibling's name in the call as written there: a Python keyword with its `=`. */
export const keywordOf = (l: LibraryCall) => (langOf(l.file) === 'py' ? `${l.keyword}=` : l.keyword);

/**
 * What a plan says of each library call: the sibling reaches it, the requested thing would too, so every
 * version of the library the project allows must take the new keyword; and what to check.
 */
export function libraryRisks(p: Precedent | null | undefined): Array<{ risk: string; mitigation: string }> {
  if (!p?.requested || !p.sibling) return [];
  const { requested, sibling } = p;
  return p.library.map((l) => ({
    risk: `\`${sibling.name}\` reaches a library: \`${keywordOf(l)}\` goes to \`${l.callee}\` (from \`${l.module}\`) at ${l.file}:${l.line}. If \`${requested.name}\` goes the same way, every version the project allows (\`${l.dependency.text}\` at ${l.dependency.file}:${l.dependency.line}) must take it`,
    mitigation: `Find the version of \`${l.module.split('.')[0]}\` that added the parameter, and raise the floor at ${l.dependency.file}:${l.dependency.line} if it is newer`,
  }));
}
