/**
 * The project's reference page of a kind of declaration: a docs page that defines most of the options (or
 * config values) the code declares — `all-options.rst`, a `.. confval::` reference, a man page, a saved
 * `--help` text. A new one is documented there whichever sibling it follows, so the page is a docs place
 * even when no sibling is chosen (the code's place unsure). Definitions are read as the footprint reads
 * them (`footprint.ts` `definition`: a directive, a heading, an option list or table row, a man page entry).
 */
import type { CodebaseProfile } from '../explore/profile.js';
import { esc } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { definition, type FootprintEntry } from './footprint.js';
import { ASSET_FOLDER, areaOf } from './places.js';
import { fileOf, type TreeSearch } from './search.js';

/** At least this many declarations of the kind, and this share of them defined on one page. */
const MIN = 4;
const SHARE = 0.6;
const MAX_PAGES = 3;

const bare = (n: string) => n.split('.').pop()!.replace(/^-+/, '');
/** The names a page would define for these declarations: bare, more than one character. */
const namesOf = (kind: Declaration[]) => [
  ...new Set(kind.map((d) => bare(d.name)).filter((n) => n.length > 1)),
];

/** The wanted names line `i` of a docs page defines (`definition`: a directive, a heading, an option row). */
const definedAt = (page: string[], i: number, wanted: Set<string>, line = page[i] ?? '') =>
  [...line.matchAll(/[\w-]+/g)]
    .map((m) => m[0].replace(/^-+/, ''))
    .filter((n) => wanted.has(n) && definition(page, i, n));

/** The project's docs pages, material folders left out (assets, fixtures, snapshots: `ASSET_FOLDER`). */
function docsPages(search: TreeSearch, profile: CodebaseProfile): string[] {
  return search.inventory.files
    .map((f) => f.path)
    .filter((p) => areaOf(fileOf(search, p), p, profile) === 'docs' && !ASSET_FOLDER.test(p));
}

/** A docs place of the footprint: the page, its line as the file has it, and why it is the place. */
const docsEntry = (search: TreeSearch, file: string, line: number, why: string): FootprintEntry => ({
  file,
  line,
  role: 'docs',
  area: 'docs',
  source: 'page',
  why,
  text: (search.read(file)?.split('\n')[line - 1] ?? '').trim(),
});

/**
 * The reference pages for `kind` (the declarations of the requested kind and side, project code only):
 * scoped to one file when the candidates all lie in it and it declares enough of them (a sub-tool's options
 * beside the main tool's), else over the project. Each page is cited at a candidate's definition there,
 * else at its first definition.
 */
export function referencePages(
  search: TreeSearch,
  profile: CodebaseProfile,
  kind: Declaration[],
  candidates: Declaration[],
): FootprintEntry[] {
  const own = kind.filter((d) => areaOf(fileOf(search, d.file), d.file, profile) === 'code');
  const home = new Set(candidates.map((c) => c.file));
  const inHome = home.size === 1 ? own.filter((d) => home.has(d.file)) : [];
  const scope = inHome.length >= MIN ? inHome : own;
  const names = namesOf(scope);
  if (names.length < MIN) return [];
  const pages = docsPages(search, profile);
  if (!pages.length) return [];
  const wanted = new Set(names);
  const byPage = new Map<string, Map<string, number>>();
  const linesOf = new Map<string, string[]>(); // each page split once, not once per hit
  for (const h of search.lines(names, { word: true, within: pages, maxPerFile: 5000, maxTotal: 50_000 })) {
    const text = linesOf.get(h.file) ?? search.read(h.file)?.split('\n') ?? [];
    linesOf.set(h.file, text);
    for (const n of definedAt(text, h.line - 1, wanted, h.text)) {
      const defined = byPage.get(h.file) ?? new Map<string, number>();
      if (!defined.has(n)) defined.set(n, h.line);
      byPage.set(h.file, defined);
    }
  }
  const need = Math.ceil(names.length * SHARE);
  const near = candidates.map((c) => bare(c.name));
  return [...byPage]
    .filter(([, d]) => d.size >= need)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, MAX_PAGES)
    .map(([file, d]) => {
      const at = near.find((n) => d.has(n));
      const line = at ? d.get(at)! : Math.min(...d.values());
      return docsEntry(
        search,
        file,
        line,
        `defines ${d.size} of the ${names.length} ${kind[0]?.kind === 'config-value' ? 'config values' : 'options'} the code declares${scope === inHome ? ` in ${[...home][0]}` : ''}: the reference page where a new one is documented too`,
      );
    });
}

/** The footprint with the pages it has no entry of yet (a sibling's own page keeps its lines). */
export function withPages(footprint: FootprintEntry[], pages: FootprintEntry[]): FootprintEntry[] {
  const known = new Set(footprint.map((e) => e.file));
  return [...footprint, ...pages.filter((p) => !known.has(p.file))];
}

/** A page must name the command at least this often, and this many times more than any other page. */
const COMMAND_MIN = 3;
const COMMAND_LEAD = 2;
/** The project's front page: the README at the root. */
const FRONT_PAGE = /^readme(?:\.\w+)?$/i;
/** The words after a quoted name that make it a component of the project the new thing goes on. */
const COMPONENT = /^(?:extension|module|plugin|checker|builder|backend)s?\b/i;

/**
 * The Python modules the requirement names as a component of the project (`the ``duration`` extension`):
 * each name's one code file (`sphinx/ext/duration.py`) and its dotted name; a name of no file or of
 * several, none.
 */
export function namedModules(
  search: TreeSearch,
  profile: CodebaseProfile,
  requirement: string,
): Array<{ file: string; module: string }> {
  const names = [...requirement.matchAll(/`+([\w.-]+)`+\s+(\w+)/g)]
    .filter((m) => COMPONENT.test(m[2]!))
    .map((m) => m[1]!.split('.').pop()!);
  return names.flatMap((name) => {
    const found = search.inventory.files
      .map((f) => f.path)
      .filter((p) => areaOf(fileOf(search, p), p, profile) === 'code')
      .map((file) => ({ file, m: file.match(/^(?:src\/|lib\/)?(.+?)(?:\/__init__)?\.py$/)?.[1] }))
      .filter((x) => x.m?.split('/').pop() === name);
    return found.length === 1 ? [{ file: found[0]!.file, module: found[0]!.m!.replace(/\//g, '.') }] : [];
  });
}

/**
 * The page about the component the new thing is registered on, when no page defines its sibling: the page
 * of a command the requirement writes with its program (`flask run`, `typedCommands`), the one that names that
 * invocation most and far more than any other page (a tutorial mentions it in
 * passing); or the page that declares the module the requirement names as an extension, module or plugin of
 * the project (`.. module:: pkg.ext.name`, `.. automodule::`), a module whose file the project has
 * (`namedModules`). Both are read once per analysis and given here and to `namedPlaceTests`.
 */
export function componentPages(
  search: TreeSearch,
  profile: CodebaseProfile,
  named: { commands: string[]; modules: Array<{ file: string; module: string }> },
): FootprintEntry[] {
  const pages = docsPages(search, profile);
  if (!pages.length) return [];
  const entry = (file: string, line: number, why: string) => docsEntry(search, file, line, why);
  for (const invocation of named.commands) {
    const count = new Map<string, { n: number; line: number }>();
    for (const h of search.lines([invocation], {
      word: true,
      within: pages,
      maxPerFile: 200,
      maxTotal: 5000,
    })) {
      const c = count.get(h.file) ?? { n: 0, line: h.line };
      c.n++;
      count.set(h.file, c);
    }
    const ranked = [...count].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
    // The root README repeats the docs' first steps (install, then the command) to greet visitors: where
    // a page of the docs names the command about as often (half as often at least), that page is the
    // command's own, and the README no rival of it.
    const readme = ranked.find(([f]) => FRONT_PAGE.test(f));
    const docs = ranked.filter(([f]) => !FRONT_PAGE.test(f));
    const [top, next] = docs[0] && COMMAND_LEAD * docs[0][1].n >= (readme?.[1].n ?? 0) ? docs : ranked;
    if (top && top[1].n >= COMMAND_MIN && top[1].n >= COMMAND_LEAD * (next?.[1].n ?? 0))
      return [
        entry(
          top[0],
          top[1].line,
          `names \`${invocation}\` on ${top[1].n} lines, more than any other page${readme && readme !== top && readme[1].n >= top[1].n ? ` but the README's first steps (${readme[1].n})` : ''}: the page of the command the new option is registered on`,
        ),
      ];
  }
  for (const { module } of named.modules) {
    const directive = new RegExp(`^\\s*\\.\\.\\s+(?:auto)?module::\\s+${esc(module)}\\s*$`);
    const hits = search
      .lines([module], { within: pages, maxPerFile: 20, maxTotal: 500 })
      .filter((h) => directive.test(h.text));
    const found = [...new Set(hits.map((h) => h.file))];
    if (found.length === 1)
      return [
        entry(
          found[0]!,
          hits[0]!.line,
          `declares the module \`${module}\` the requirement names: the page where its new setting is documented`,
        ),
      ];
  }
  return [];
}

/** How many of the declarations a docs page defines (a directive, a heading, an option list or table row). */
export function definedOn(search: TreeSearch, page: string, kind: Declaration[]): number {
  const text = search.read(page)?.split('\n');
  if (!text) return 0;
  const wanted = new Set(namesOf(kind));
  return new Set(text.flatMap((_, i) => definedAt(text, i, wanted))).size;
}
