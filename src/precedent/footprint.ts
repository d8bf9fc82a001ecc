/**
 * The sibling's footprint: every place its identifiers occur — where it is registered, read, defaulted,
 * typed, serialized, documented, tested and announced — each with the line, the enclosing symbol and the
 * line's text. Identifiers are the sibling's names in every spelling (`--max-count`, `max_count`,
 * `maxCount`, `MAX_COUNT`); a one-word name is searched only where it is written as a name (`--color`,
 * `'color'`, `.color`, `color=`), since the bare word is everywhere.
 */

import { outline } from '../explore/outline.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { testSpansIn } from '../explore/test-names.js';
import { definesFunction, esc, innermost, maskStrings } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { shebangLanguage } from './declarations.js';
import { commandsOf, headingCommands, testedCommands } from './dispatch.js';
import type { Carried } from './follow.js';
import { CodeReader, carriedThrough, isMethodCall, registrationSpan } from './follow.js';
import { onlyInMessage, onlyInTrailingComment, proseLines } from './lines.js';
import { namesakeHits } from './namesake.js';
import type { Area, Role } from './places.js';
import { areaOf, Enclosing, roleOfLine } from './places.js';
import type { Hit, TreeSearch } from './search.js';
import { contains, fileOf, languageOf, roleOf } from './search.js';
import { HOLDER, spellingsOf, wordsOf } from './words.js';

export interface FootprintEntry {
  file: string;
  line?: number;
  symbol?: string;
  role: Role;
  area: Area;
  /**
   * Where the entry comes from: a line naming the sibling (or carrying its value), the commit that introduced
   * it, or a page that is the place for its kind or command without naming the sibling (`reference-page.ts`).
   */
  source: 'occurrence' | 'history' | 'page';
  why: string;
  text: string;
  /** Not written by hand: what the plan says instead of an edit (`places.ts` `markGenerated`). */
  generated?: string;
  /** From history, and nothing today ties it to the sibling: listed, no step (`history.ts` `markIncidental`). */
  incidental?: string;
  /**
   * The declaration the line is of when it is not the sibling: another side's model (the configuration key
   * a requested key is declared beside, `sides.ts` `configSide`). The plan says its `why`, never "as the
   * sibling does".
   */
  of?: string;
}

const PER_FILE = 6;
/** A definition the outline does not span is read this many lines past its first. */
const ACCESSOR_LINES = 12;
/** A link's target in Markdown (`](#x)`, `](url)`) or an autolink or reStructuredText target (`<url>`). */
const LINK_TARGET = /\]\([^)\s]*\)|<[^<>\s]+>/g;
/**
 * A gettext catalog (`.po`, `.pot`) holds the program's messages and their translations: its entries are
 * extracted from the source by the translation tooling, so a help text that names the sibling there is no
 * use of it and no place a feature edits.
 */
const CATALOG = /\.pot?$/;
/**
 * At most this many lines per area, so that a sibling named all over the code still shows where it is
 * tested, documented and announced (one cap over all areas cut the tests, listed after the code, first).
 */
const PER_AREA: Record<Area, number> = { code: 60, docs: 24, test: 36, changelog: 12 };

/**
 * The strings to search for (fixed) and the identifiers a hit must contain as a whole word. A one-word
 * name has strong forms (`--color`, `'color'`, `"color"`: written as a name) and weak ones (`.color`,
 * `color=`): the weak ones count only in files that have a strong one, and in the declaring file's folder.
 */
export function identifiersOf(d: Declaration): {
  needles: string[];
  weak: string[];
  ids: string[];
  word: boolean;
} {
  // A clap sub-command is its enum's variant in the code (`ConfigCommand::Edit` matches it, `Edit,`
  // registers it) and its name typed on a command line (`"edit"` in a test's argv): a bare word like
  // `edit` is no identifier of it anywhere else.
  const variant = d.kind === 'command' && d.via === 'clap' ? d.aliases.find((a) => a.includes('::')) : null;
  if (variant)
    return {
      needles: [variant, `"${d.name}"`, `'${d.name}'`],
      weak: [],
      ids: [variant, d.name, variant.split('::').pop()!],
      word: true,
    };
  const names = [d.name, ...d.aliases]
    .map((n) => n.split('.').pop()!.replace(/^&/, ''))
    .filter((n) => n.replace(/^-+/, '').length > 1);
  const multi = names.filter((n) => wordsOf(n).length >= 2);
  // A clap builder argument is read by its id (`args.is_present("notif")`, `get_one::<u64>("delay")`), kept as
  // an alias where the long name differs (`Arg::new("notif").long("notify")`): the quoted id is a use.
  const readById =
    d.via === 'clap' ? d.aliases.filter((a) => /^[A-Za-z_][\w-]+$/.test(a) && `--${a}` !== d.name) : [];
  if (multi.length) {
    const ids = new Set<string>();
    for (const n of multi) {
      ids.add(n.replace(/^-+/, ''));
      for (const s of spellingsOf(wordsOf(n)))
        if (!s.startsWith('--') && (/[-_A-Z]/.test(s) || s.length >= 8)) ids.add(s);
    }
    // A man page escapes its dashes (`\-\-max\-depth`).
    for (const id of [...ids]) if (id.includes('-')) ids.add(id.replace(/-/g, '\\-'));
    const needles = [...ids];
    // A one-word option kept under a longer dest or variable (`--hidden`, dest `show_hidden`): the
    // option too, as a command line writes it (`--hidden`); never the bare word nor a quoted one, which
    // is any dict key of the domain (`'headers'` in an HTTP client).
    for (const n of names.filter((x) => /^--\w/.test(x) && wordsOf(x).length === 1 && x.length >= 5)) {
      needles.push(n);
      ids.add(n);
    }
    for (const a of readById) {
      needles.push(`"${a}"`);
      ids.add(a);
    }
    // The variable its value is stored in, one word of its own that starts with the name's first word
    // (`flag.Var(&inputcommands, "input-cmd", …)`): the code reads the value by it. Shorter or other words
    // (`&o.name`) are any code's.
    const first = wordsOf(d.name)[0] ?? '';
    for (const a of names)
      if (
        /^[A-Za-z_]\w{7,}$/.test(a) &&
        wordsOf(a).length === 1 &&
        first.length >= 3 &&
        a.toLowerCase().startsWith(first) &&
        ![...ids].some((i) => i.toLowerCase() === a.toLowerCase())
      ) {
        needles.push(a);
        ids.add(a);
      }
    return { needles, weak: [], ids: [...ids], word: true };
  }
  const w = names[0]?.replace(/^-+/, '') ?? '';
  if (!w) return { needles: [], weak: [], ids: [], word: true };
  const needles = [`--${w}`, `'${w}'`, `"${w}"`, `\\-\\-${w}`];
  for (const a of readById) if (a !== w) needles.push(`"${a}"`);
  if (/^[A-Z0-9_]+$/.test(w)) needles.push(w);
  // A one-word dest of another word (`--pretty`, dest `prettify`): the program reads the value as
  // `args.prettify`, an attribute of the parsed arguments, weak as any `.x`.
  const dests = names.slice(1).filter((n) => /^[A-Za-z_]\w+$/.test(n) && n !== w);
  // `=w` and `= w`: the value passed on (`Report(include_hidden=hidden)` in the function click calls).
  const weak = [`.${w}`, `${w}=`, `${w}:`, `${w} =`, `=${w}`, `= ${w}`, ...dests.map((d) => `.${d}`)];
  return { needles, weak, ids: [w, ...dests], word: false };
}

/**
 * The lines that name the sibling, in every file (at most 30 per file): found once per search and shared
 * by the footprint and the covering tests (`tests.ts`), which weigh every line of a test file. Lines that
 * spell the name without using the project's identifier are left out (`follow.ts`): a weak form inside
 * the statement that registers another declaration (clap's `.hidden(true)`, click's `hidden=True`), a
 * method call `.x(` when the project defines no `x`, and a help text of another declaration that
 * mentions the option in prose.
 */
const HITS = new WeakMap<TreeSearch, Map<Declaration, Array<Hit & { id: string }>>>();
/** The command scope found with a sibling's hits (`commandScope`) and the declarations it was found among. */
const SCOPES = new WeakMap<
  TreeSearch,
  Map<Declaration, { declarations: Declaration[]; scope: CommandScope | undefined }>
>();
export function siblingHits(
  search: TreeSearch,
  sibling: Declaration,
  declarations: Declaration[] = [],
): Array<Hit & { id: string }> {
  const cache = HITS.get(search) ?? new Map<Declaration, Array<Hit & { id: string }>>();
  HITS.set(search, cache);
  const had = cache.get(sibling);
  if (had) return had;
  const { needles, weak, ids, word } = identifiersOf(sibling);
  const reader = new CodeReader((p) => search.read(p));
  const own = new Set(
    [sibling, ...declarations.filter((d) => d.name === sibling.name)].map((d) => `${d.file}:${d.line}`),
  );
  // The other declarations' lines per file: their registration statements are the library's vocabulary.
  const others = new Map<string, Array<{ line: number; name: string }>>();
  for (const d of declarations)
    if (d !== sibling && d.name !== sibling.name && d.via !== 'signature')
      others.set(d.file, [...(others.get(d.file) ?? []), { line: d.line, name: d.name }]);
  const inOther = (h: Hit) =>
    !own.has(`${h.file}:${h.line}`) &&
    others.has(h.file) &&
    reader.inRegistration(h.file, h.line, others.get(h.file)!);
  let hits = needles.length ? search.lines(needles, { word, maxPerFile: 30, maxTotal: 3000 }) : [];
  // A sub-command's variant line registers it, though no needle spells it as the code uses it elsewhere.
  if (sibling.kind === 'command' && !hits.some((h) => own.has(`${h.file}:${h.line}`)))
    hits.unshift({ file: sibling.file, line: sibling.line, text: sibling.text });
  // A help text of another declaration that mentions it ("alias for '--no-ignore --hidden'").
  hits = hits.filter((h) => !(inOther(h) && ids.some((i) => reader.onlyInProse(h.file, h.line, i))));
  // In the program's source, a sentence that mentions it (an error message, a usage hint) is no use of it.
  hits = hits.filter(
    (h) =>
      roleOf(search, h.file) !== 'source' ||
      own.has(`${h.file}:${h.line}`) ||
      !ids.some((i) => contains(h.text, i, true) && reader.onlyInSentence(h.file, h.line, i)) ||
      ids.some((i) => contains(h.text, i, true) && !reader.onlyInSentence(h.file, h.line, i)),
  );
  if (weak.length) {
    // Files that write it as a name, and the declaring file's own folder (its module).
    const dir = sibling.file.includes('/') ? sibling.file.slice(0, sibling.file.lastIndexOf('/') + 1) : '';
    const beside = search.inventory.files
      .map((f) => f.path)
      .filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'));
    // A source file that writes the name only in its own test module (`"x": …` in a fixture) does not
    // write it in its code.
    const written = hits.filter((h) => !inSourceTest(search, h.file, h.line)).map((h) => h.file);
    const strong = [...new Set([sibling.file, ...written, ...beside])];
    const seen = new Set(hits.map((h) => `${h.file}:${h.line}`));
    const w = ids[0]!;
    const e = esc(w);
    const dests = ids.slice(1).map(esc);
    const weakAt = new RegExp(
      `(?<![\\w$])${e}\\s*(?:=(?!=)|:(?!:))|\\.(?:${[e, ...dests].join('|')})(?![\\w$])|(?<![=!<>])=\\s*${e}(?![\\w$(])`,
    );
    // A method call `.x(` reads the option only through the project's accessor of it: a method `x`
    // defined in the declaring file, or one whose body writes the option as a name (`self.is_present("x")`).
    // Another type's method of the same word (a request's `headers()`, a session's) is a namesake, and a
    // library type's (`response.headers()`) is the library's.
    let defined: boolean | undefined;
    const projectDefines = () =>
      (defined ??= search
        .lines([`${w}(`, `${w} (`, `${w}=`, `${w} =`, `${w}:`], {
          word: true,
          maxPerFile: 30,
          maxTotal: 3000,
        })
        .filter((h) => (roleOf(search, h.file) ?? 'test') !== 'test')
        .filter((h) => definesFunction([h.text], w))
        .some((d) => d.file === sibling.file || accessorBody(d, hits)));
    const accessorBody = (d: Hit, named: Hit[]) => {
      const text = search.read(d.file) ?? '';
      const fn = innermost(outline(text, languageOf(search, d.file)), d.line, { kind: 'function' });
      const end = fn && fn.start_line === d.line ? fn.end_line : d.line + ACCESSOR_LINES;
      return named.some(
        (h) =>
          h.file === d.file && d.line <= h.line && h.line <= end && !inSourceTest(search, h.file, h.line),
      );
    };
    // A file of the declaring folder that never writes the name: there `x=`, `x:` and `x =` are other
    // functions' keywords, parameters and locals (an `exclude` of leaf ids beside the `--exclude` option).
    // Only an attribute read (`args.x`, `mode.x`) reads the parsed value there, or the parameter list of a
    // function that a line writing the name calls (`walk(root, { ignore = [] })` for `walk('.', { ignore:
    // opts.ignore })`).
    const writes = new Set([sibling.file, ...written]);
    const attribute = new RegExp(`\\.(?:${[e, ...dests].join('|')})(?![\\w$])`);
    let writers: Hit[] = [];
    const calledByWriter = (text: string) => {
      const fn = /\b(?:def|function\*?|fn|func)\s+([A-Za-z_$][\w$]*)/.exec(text)?.[1];
      if (!fn) return false;
      const call = new RegExp(`(?<![\\w$])${fn.replace(/\$/g, '\\$')}\\s*\\(`);
      return writers.some((h) => call.test(h.text));
    };
    let more = search
      .lines(weak, { maxPerFile: 30, maxTotal: 3000, within: strong })
      .filter((h) => !seen.has(`${h.file}:${h.line}`))
      // The weak form itself, as a whole name (`static_host:` holds no `host:`), outside comments and
      // docstring fields (`:param host:`).
      .filter((h) => weakAt.test(h.text) && !/^\s*(#|\/\/|\/\*|\*|:param\b|:type\b|@param\b)/.test(h.text))
      .filter((h) => own.has(`${h.file}:${h.line}`) || !inOther(h))
      .filter((h) => !isMethodCall(h.text, w) || projectDefines())
      // A dest is read as an attribute, never called (`.prettify(` is another library's method).
      .filter((h) => !ids.slice(1).some((d) => isMethodCall(h.text, d)));
    // In the project's code, a weak form that names another thing (another function's parameter, a
    // keyword whose value is not the sibling's, a local bound to something else) is no use (`namesake.ts`).
    const other = namesakeHits(
      {
        search,
        word: w,
        dests: ids.slice(1),
        language: (p) => languageOf(search, p),
        isProject: (p) => ['source', 'test'].includes(roleOf(search, p) ?? ''),
      },
      more.filter((h) => roleOf(search, h.file) === 'source' && !own.has(`${h.file}:${h.line}`)),
    );
    more = more.filter((h) => !other.has(`${h.file}:${h.line}`));
    writers = [...hits, ...more].filter((h) => writes.has(h.file));
    hits = [
      ...hits,
      ...more.filter((h) => writes.has(h.file) || attribute.test(h.text) || calledByWriter(h.text)),
    ];
  }
  const out = hits.flatMap((h) => {
    const id = ids.find((i) => contains(h.text, i, true));
    return id ? [{ ...h, id }] : [];
  });
  out.push(...derivedHits(search, sibling, new Set(out.map((h) => `${h.file}:${h.line}`))));
  // A sibling registered on one of the program's commands is read in that command's code: a source line
  // under another command's dispatch branch or in its handler reads that command's namesake, a test that
  // quotes only other commands (`["install", "--force"]`) passes theirs, and a docs section headed by another
  // command documents theirs: no uses of it.
  const commandAt = commandScope(search, sibling, declarations, out);
  const kept = commandAt
    ? out.filter((h) => {
        const r = roleOf(search, h.file);
        const at =
          r === 'source' || r === 'test' ? commandAt(h.file, h.line, r) : commandAt.inSection(h.file, h.line);
        return own.has(`${h.file}:${h.line}`) || !at.length || at.includes(sibling.scope!);
      })
    : out;
  cache.set(sibling, kept);
  const scopes = SCOPES.get(search) ?? new Map();
  SCOPES.set(search, scopes);
  scopes.set(sibling, { declarations, scope: commandAt });
  return kept;
}

/**
 * Identifiers built on a name of two words or more: a setter, a private attribute, a constant of it
 * (`useInlineDiffs`, `self._max_depth`, `DEFAULT_MAX_DEPTH` for `--inline-diffs` and `--max-depth`).
 * The layers an option passes through name it so (a library class's method, the attribute it keeps);
 * a whole-word search does not see them.
 */
function derivedHits(
  search: TreeSearch,
  sibling: Declaration,
  seen: Set<string>,
): Array<Hit & { id: string }> {
  const words = wordsOf(sibling.name);
  if (words.length < 2) return [];
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const snake = words.join('_');
  const built = new RegExp(`^[\\w$]*?(?:[a-z0-9]${pascal}|_${snake}|_${snake.toUpperCase()})(?:$|[A-Z_])`);
  const out: Array<Hit & { id: string }> = [];
  for (const h of search.lines([pascal, `_${snake}`, `_${snake.toUpperCase()}`], {
    maxPerFile: 30,
    maxTotal: 1500,
  })) {
    if (seen.has(`${h.file}:${h.line}`)) continue;
    const id = h.text.match(/[A-Za-z_$][\w$]*/g)?.find((i) => built.test(i));
    if (id) out.push({ ...h, id });
  }
  return out;
}

/**
 * The functions a line calls, and the calls it is an argument of (a call spread over the lines above,
 * found by the parentheses left open before it): names of three characters or more.
 */
function callsAt(lines: string[], line: number): string[] {
  const at = lines[line - 1] ?? '';
  const out = [...maskStrings(at).matchAll(/(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]!);
  const before = maskStrings(lines.slice(Math.max(0, line - 9), line - 1).join('\n'));
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === ')') depth++;
    else if (before[i] === '(' && depth-- === 0) {
      depth = 0;
      const name = /([A-Za-z_$][\w$]*)\s*$/.exec(before.slice(0, i))?.[1];
      if (name) out.push(name);
    }
  }
  return out.filter((n) => n.length > 2);
}

/**
 * The commands a line runs under (`dispatch.ts`): a source line's dispatch branches and handler, a test's
 * quoted commands, a docs section's heading's; where the sibling is registered on one of two or more
 * commands of its form and read in its own command's code, else undefined. Each file is read once.
 */
type CommandScope = ((file: string, line: number, role: string) => string[]) & {
  inSection: (file: string, line: number) => string[];
};
function commandScope(
  search: TreeSearch,
  sibling: Declaration,
  declarations: Declaration[],
  hits: Hit[],
): CommandScope | undefined {
  const on = declarations.filter((d) => d.scope && d.via === sibling.via);
  const commands = new Set(on.map((d) => d.scope!));
  if (!sibling.scope || !commands.has(sibling.scope) || commands.size < 2) return undefined;
  const of = new Map<string, (line: number) => string[]>();
  const at = (file: string, line: number, role: string) => {
    let f = of.get(file);
    if (!f) {
      const lines = (search.read(file) ?? '').split('\n');
      const lang = languageOf(search, file);
      f =
        role === 'test'
          ? testedCommands(lines, lang, commands)
          : commandsOf(
              lines,
              lang,
              commands,
              on.filter((d) => d.file === file),
            );
      of.set(file, f);
    }
    return f(line);
  };
  // Commands, not groups of options: the sibling's file has a line of its command's own code that reads it.
  if (!hits.some((h) => h.file === sibling.file && at(h.file, h.line, 'source').includes(sibling.scope!)))
    return undefined;
  const enclosing = new Enclosing((p) => search.read(p));
  return Object.assign(at, {
    inSection: (file: string, line: number) =>
      headingCommands(enclosing.symbolAt(file, languageOf(search, file), line) ?? '', commands),
  });
}

/** Where the sibling's value goes (`follow.ts`): code lines only, tests in source files left out. */
function carried(
  search: TreeSearch,
  profile: CodebaseProfile,
  hits: Array<Hit & { id: string }>,
  sibling: Declaration,
): Carried[] {
  return carriedThrough({
    search,
    hits,
    ids: identifiersOf(sibling).ids,
    home: sibling.file,
    isCode: (p) => areaOf(fileOf(search, p), p, profile) === 'code' && !inSourceTest(search, p, 0),
    language: (p) => languageOf(search, p),
  });
}

export function footprintOf(
  search: TreeSearch,
  profile: CodebaseProfile,
  sibling: Declaration,
  declarations: Declaration[],
): FootprintEntry[] {
  let hits = siblingHits(search, sibling, declarations);
  // Found with the hits when they were found among these declarations (the hits it keeps answer alike):
  // each file's commands are read once.
  const found = SCOPES.get(search)?.get(sibling);
  const commandAt =
    found?.declarations === declarations ? found.scope : commandScope(search, sibling, declarations, hits);
  const mine = (h: Hit) => !!commandAt && commandAt(h.file, h.line, 'source').includes(sibling.scope!);
  // On one of several commands, another source file is the command's when its code hands the value there:
  // it defines a function a line of the command's own code that reads it calls (`ensure_paths(force=
  // args.force)`, also as the call spread over the lines above), or the value is carried into it.
  if (commandAt) {
    const source = (f: string) => roleOf(search, f) === 'source';
    const home = hits.filter((h) => h.file === sibling.file || !source(h.file));
    const lines = search.read(sibling.file)?.split('\n') ?? [];
    const called = [
      ...new Set(home.filter((h) => h.file === sibling.file).flatMap((h) => callsAt(lines, h.line))),
    ];
    const away = [...new Set(hits.filter((h) => !home.includes(h)).map((h) => h.file))];
    const reached = new Set([
      sibling.file,
      ...carried(search, profile, home, sibling).map((h) => h.file),
      ...(called.length && away.length
        ? search
            .lines(
              called.map((n) => `${n}(`),
              { within: away, maxPerFile: 30, maxTotal: 3000 },
            )
            .filter((h) => called.some((n) => definesFunction([h.text], n)))
            .map((h) => h.file)
        : []),
    ]);
    hits = hits.filter((h) => !source(h.file) || reached.has(h.file));
  }
  const carriedLines = carried(search, profile, hits, sibling);
  const own = [sibling, ...declarations.filter((d) => d !== sibling && d.name === sibling.name)];
  const registered = new Set(own.map((d) => `${d.file}:${d.line}`));
  // The lines of its own registration statement (`.long("x")`, `.overrides_with("x")` under
  // `Arg::with_name("x")`) are its registration, not reads.
  const reader = new CodeReader((p) => search.read(p));
  const inOwn = (file: string, line: number) =>
    own.some((d) => d.file === file && d.via !== 'signature' && reader.inRegistration(file, line, [d]));
  const enclosing = new Enclosing((p) => search.read(p));
  const out: FootprintEntry[] = [];
  const perFile = new Map<string, number>();
  // A comment or a Python docstring, help text or template that names it mentions it: no use (`lines.ts`).
  const proseOf = new Map<string, { lines: Map<number, 'comment' | 'string'>; language: string | null }>();
  const prose = (h: Hit & { id: string }) => {
    let of = proseOf.get(h.file);
    if (!of) {
      // An executable without an extension is read in the language of its `#!` line (`bin/tool`).
      const text = search.read(h.file) ?? '';
      const language = languageOf(search, h.file) ?? shebangLanguage(text);
      of = { lines: proseLines(text.split('\n'), language), language };
      proseOf.set(h.file, of);
    }
    if (registered.has(`${h.file}:${h.line}`)) return undefined;
    const names = (t: string) => contains(t, h.id, true);
    return (
      of.lines.get(h.line) ??
      (onlyInTrailingComment(h.text, of.language, names)
        ? 'comment'
        : of.language && onlyInMessage(h.text, h.id, names)
          ? 'message'
          : undefined)
    );
  };
  const all: Array<Hit & { id: string; field?: string; from?: Hit; why?: string }> = [
    ...hits,
    ...carriedLines,
  ];
  // Uses before mentions, so that a file's mentions never take the places of its uses. A sibling registered
  // on a command: its uses in that command's code first, and the same name registered on other commands
  // after every use (none where the program dispatches on its commands: they are namesakes), so that a
  // file's places go to the sibling's own command.
  const others = new Set(
    own
      .filter((d) => d !== sibling && sibling.scope && d.scope && d.scope !== sibling.scope)
      .map((d) => `${d.file}:${d.line}`),
  );
  const placeOf = (h: Hit & { id: string }) =>
    prose(h)
      ? 3
      : others.has(`${h.file}:${h.line}`)
        ? 2
        : h.file === sibling.file && h.line !== sibling.line && !mine(h)
          ? 1
          : 0;
  const ranks = new Map(all.map((h) => [h, placeOf(h)]));
  all.sort((a, b) => ranks.get(a)! - ranks.get(b)!);
  // The struct that declares a one-word sibling, which a variable bound to it reads it off (`structReceiver`).
  const struct = declaringStruct(search, sibling);
  const held = (h: Hit & { id: string; field?: string }) =>
    !struct || h.field || h.file === sibling.file
      ? null
      : structReceiver(search, struct, h.file, h.text, h.id);
  for (const h of all) {
    const n = perFile.get(h.file) ?? 0;
    if (n >= PER_FILE || CATALOG.test(h.file) || (commandAt && ranks.get(h) === 2)) continue;
    const f = fileOf(search, h.file);
    const area = inSourceTest(search, h.file, h.line) ? 'test' : areaOf(f, h.file, profile);
    const id = h.id;
    // A page that only links to it (`[format options](#format-options)`, `<…/x.html>`) names a section or a
    // URL, not the option: a cross-reference, no documentation of it.
    if (area === 'docs' && !contains(h.text.replace(LINK_TARGET, ' '), id, true)) continue;
    if (area === 'docs' && closedWordInProse(sibling, id, h.text)) continue;
    const mention = area === 'code' ? prose(h) : undefined;
    // A sub-command's variant matched in code (`ConfigCommand::Edit =>`) is where its handler is
    // dispatched: a new command's arm goes beside it (`unitSteps` follows it as the handler's place).
    const dispatch =
      area === 'code' && !mention && id.includes('::') && !registered.has(`${h.file}:${h.line}`);
    // A line of its own registration statement is its registration, but for its help text's lines: a
    // help that shows the name in examples mentions it (the entry says so), it registers nothing more.
    const role: Role =
      registered.has(`${h.file}:${h.line}`) ||
      (!h.field && area === 'code' && !mention && inOwn(h.file, h.line))
        ? 'registration'
        : mention || dispatch
          ? 'other'
          : area === 'code'
            ? roleOfLine(h.file, h.text, id)
            : area === 'docs'
              ? 'docs'
              : area;
    const symbol = enclosing.symbolAt(h.file, f?.language ?? null, h.line);
    const receiver = mention || (h.why && h.field) || dispatch ? null : held(h);
    perFile.set(h.file, n + 1);
    out.push({
      file: h.file,
      line: h.line,
      ...(symbol ? { symbol } : {}),
      role,
      area,
      source: 'occurrence',
      why: mention
        ? `mentions \`${id}\` in ${mention === 'comment' ? 'a comment' : mention === 'message' ? 'a message' : 'a docstring or other triple-quoted string'}, no use of it`
        : h.why && h.field
          ? h.why.replace('carries the value', `carries \`${sibling.name}\`'s value`)
          : dispatch
            ? `dispatches \`${sibling.name}\` (\`${id}\`): a new command is handled beside it`
            : receiver
              ? `names \`${id}\`, read off \`${receiver}\`, whose type \`${struct}\` declares it`
              : `names \`${id}\``,
      text: h.text.trim(),
    });
  }
  markCalled(search, out, sibling);
  out.push(...registeredConstants(search, profile, sibling, out));
  // The registration first, then code, docs (the pages that document it first), tests, the changelog; a
  // file's lines together.
  const order: Record<Area, number> = { code: 0, docs: 1, test: 2, changelog: 3 };
  const firstOf = new Map<string, number>();
  for (const e of out) if (e.role === 'registration') firstOf.set(e.file, -1);
  const docs = rankDocs(
    search,
    sibling,
    hits,
    new Set(out.filter((e) => e.area === 'docs').map((e) => e.file)),
  );
  // A page that defines it is cited at its definitions, not at prose that mentions it in passing.
  const kept = out.filter((e) => {
    if (e.area !== 'docs') return true;
    const d = docs.get(e.file);
    return Boolean(d) && (!d!.defines.size || d!.defines.has(e.line ?? 0));
  });
  for (const e of kept) {
    const d = e.area === 'docs' ? docs.get(e.file) : undefined;
    if (d?.defines.has(e.line ?? 0)) e.why = `documents \`${d.id}\` (${d.defines.get(e.line!)})`;
    // No page defines it: a page that names it in a sentence still documents it, in prose.
    else if (d)
      e.why = e.why.replace(
        /^names (`[^`]+`)$/,
        EXAMPLE.test(e.text) ? 'shows $1 in an example' : 'mentions $1 in prose',
      );
  }
  const rank = (e: FootprintEntry) => (e.area === 'docs' ? (docs.get(e.file)?.rank ?? 0) : 0);
  const inArea = new Map<Area, number>();
  return kept
    .sort(
      (a, b) =>
        (firstOf.get(a.file) ?? order[a.area]) - (firstOf.get(b.file) ?? order[b.area]) ||
        rank(a) - rank(b) ||
        a.file.localeCompare(b.file) ||
        (a.line ?? 0) - (b.line ?? 0),
    )
    .filter((e) => {
      const n = inArea.get(e.area) ?? 0;
      inArea.set(e.area, n + 1);
      return n < PER_AREA[e.area];
    });
}

/**
 * A name of several words written as one lower-case word (`colorpicker` for `--color-picker`) is a word of
 * the language in a page's sentence ("use a colorpicker"): it documents the option only as code (in
 * backticks), as a heading, or as a key given a value (`colorpicker = …`, `colorpicker:`).
 */
export function closedWordInProse(sibling: Declaration, id: string, text: string): boolean {
  const words = wordsOf(sibling.name);
  if (words.length < 2 || id !== words.join('').toLowerCase()) return false;
  const e = esc(id);
  return !(
    /^\s*#/.test(text) ||
    (text.match(/`[^`\n]*`/g) ?? []).some((span) => contains(span, id, true)) ||
    new RegExp(`(?<![\\w-])${e}\\s*(?:=|:(?!:))`, 'i').test(text)
  );
}

/**
 * The project's own functions that the sibling's code calls with its value (`mocha.useInlineDiffs(true)`
 * under `if (program.inlineDiffs)`, `report.set_width(args.width)`): a footprint line in another file that
 * defines one (`Mocha.prototype.useInlineDiffs = function (inlineDiffs) {`) is where the value goes, said
 * so in its `why`. The command line lives in one folder (`bin/`), the library it drives in another
 * (`lib/`): that call is what ties them.
 */
function markCalled(search: TreeSearch, out: FootprintEntry[], sibling: Declaration): void {
  const calls = new Map<string, FootprintEntry>();
  // The calls a line makes, and a call it is an argument of that is spread over the lines above
  // (`ncu.getRc({\n  rcPath,\n})`: the value is handed over inside an object argument).
  const lines = search.read(sibling.file)?.split('\n') ?? [];
  for (const e of out)
    if (e.file === sibling.file && e.area === 'code')
      for (const name of [
        ...[...e.text.matchAll(/(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]!),
        ...(e.line ? callsAt(lines, e.line) : []),
      ])
        if (!calls.has(name)) calls.set(name, e);
  if (!calls.size) return;
  for (const e of out) {
    if (e.file === sibling.file || e.area !== 'code') continue;
    const name = [...calls.keys()].find((n) => n.length > 2 && definesFunction([e.text], n));
    if (!name) continue;
    const at = calls.get(name)!;
    e.why = `defines \`${name}\`, which the sibling's code calls at ${at.file}:${at.line}`;
  }
}

/**
 * The constants the sibling's registration names for its default or its choices (`default=DEFAULT_WIDTH`,
 * `choices=sorted(LAYOUT_MAP.keys())`, `default_value = DEFAULT_MODE`): where they are defined is where a
 * new option's default and choices go too (a constants module beside the parser). An UPPER_CASE name,
 * defined by one assignment in one code file; at most three. Role `other`: the line names the constant, not
 * the option.
 */
function registeredConstants(
  search: TreeSearch,
  profile: CodebaseProfile,
  sibling: Declaration,
  have: FootprintEntry[],
): FootprintEntry[] {
  const text = search.read(sibling.file);
  if (!text || sibling.via === 'signature') return [];
  const [from, to] = registrationSpan(text, maskStrings(text), sibling.line, sibling.name);
  if (to - from > 40) return [];
  const statement = text
    .split('\n')
    .slice(from - 1, to)
    .join('\n');
  const names = new Map<string, string>();
  for (const m of statement.matchAll(
    /\b(default|choices|default_value|possible_values)\s*[=:(]\s*([^\n,]*)/g,
  ))
    for (const c of m[2]!.matchAll(/(?<![\w$.'"])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w$'"])/g))
      if (!names.has(c[1]!))
        names.set(c[1]!, m[1] === 'choices' || m[1] === 'possible_values' ? 'choices' : 'default');
  const out: FootprintEntry[] = [];
  for (const [name, what] of [...names].slice(0, 3)) {
    const def = new RegExp(
      `^\\s*(?:export\\s+)?(?:pub(?:\\([^)]*\\))?\\s+)?(?:const\\s+|static\\s+|let\\s+|var\\s+)?${name}\\s*(?::[^=]+)?=(?![=>])`,
    );
    const at = search
      .lines([name], { word: true, maxPerFile: 3, maxTotal: 60 })
      .filter((h) => def.test(h.text) && areaOf(fileOf(search, h.file), h.file, profile) === 'code');
    if (new Set(at.map((h) => h.file)).size !== 1 || at.length !== 1) continue;
    const h = at[0]!;
    if (have.some((e) => e.file === h.file && e.line === h.line)) continue;
    out.push({
      file: h.file,
      line: h.line,
      role: 'other',
      area: 'code',
      source: 'occurrence',
      why: `holds \`${name}\`, the ${what} \`${sibling.name}\` is registered with (${sibling.file}:${sibling.line})`,
      text: h.text.trim(),
    });
  }
  return out;
}

/**
 * The struct that declares the sibling (its `scope`, a type name the sibling's file declares as `struct`),
 * once per sibling; null for anything else.
 */
function declaringStruct(search: TreeSearch, sibling: Declaration): string | null {
  const type = sibling.scope;
  if (!type || !/^[A-Z]\w*$/.test(type)) return null;
  return new RegExp(`\\bstruct\\s+${type}\\b`).test(search.read(sibling.file) ?? '') ? type : null;
}

/**
 * The variable a line reads a one-word sibling off (`opt.exclusive`) when its file binds that variable to
 * `type`, the struct that declares the sibling (`fn new(opt: Opt)`, `let opt: options::Args = …`, `let opt =
 * Opt::parse()`): the option read through its parsed struct, whatever the variable is called, not the
 * word. Null otherwise (`self.x` is its own type's field).
 */
function structReceiver(
  search: TreeSearch,
  type: string,
  file: string,
  text: string,
  id: string,
): string | null {
  if (wordsOf(id).length > 1) return null;
  const read = new RegExp(`(?<![\\w$.])([a-z_][\\w$]*)\\s*\\.\\s*${esc(id)}(?![\\w$(])`).exec(
    maskStrings(text),
  );
  const r = read?.[1];
  if (!r || r === 'self' || r === 'this') return null;
  const path = '(?:[A-Za-z_]\\w*::)*';
  const bound = new RegExp(
    `(?<![\\w$])${esc(r)}\\s*:\\s*&?\\s*(?:mut\\s+)?${path}${type}\\b|(?<![\\w$])let\\s+(?:mut\\s+)?${esc(r)}\\s*=\\s*${path}${type}\\s*::`,
  );
  return bound.test(search.read(file) ?? '') ? r : null;
}

/** A footprint line that defines a function the sibling's own code calls (`markCalled`). */
export const calledBySibling = (e: { why: string }): boolean => e.why.startsWith('defines `');

/** A code entry that only mentions the id in a comment or a docstring (`proseLines`): no place to edit. */
export const mentionOnly = (e: Pick<FootprintEntry, 'why'>) => /^mentions `[^`]+` in /.test(e.why);

/**
 * A one-word flag's name read in another file than the one declaring it, by the word alone (`os.path`,
 * `issue.confidence`, another command's `force: bool`): the word's ordinary use or another option of that
 * name, no place to edit. Such a file is one only through what ties it to the option: a line spelling
 * `--x`, reading `x` off what holds the parsed options (`config.option.x`, `args.x`) or by its quoted id
 * (`matches.get_flag("x")`), its value carried there (a field, a parameter), a function the sibling's code
 * calls, or the introducing commit. A name of two words or more (`inline_diffs`) is the option's own.
 */
export function wordOnly(
  sibling: { name: string; file: string } | undefined,
  e: Pick<FootprintEntry, 'file' | 'source' | 'why' | 'text'>,
): boolean {
  const id = /^names `([^`]+)`$/.exec(e.why)?.[1];
  if (!sibling?.name.startsWith('--') || e.source !== 'occurrence' || !id || e.file === sibling.file)
    return false;
  if (wordsOf(id).length > 1) return false;
  const flag = new RegExp(`(^|[^\\w-])${esc(sibling.name)}(?![\\w-])`);
  const held = new RegExp(`(?:${HOLDER}|(?<![\\w$])option)\\.${esc(id)}(?![\\w$(])`);
  // Its id quoted as a call's first argument or a key (`get_flag("x")`, `opts["x"]`): the option read by name.
  const keyed = new RegExp(`[([]\\s*(['"])${esc(id)}\\1\\s*[),\\]]`);
  return ![flag, held, keyed].some((r) => r.test(e.text));
}

const MAX_DOCS = 4;
/** A docs line of code, not a sentence: typed at a prompt (`$ tool --x`, `>>> f(x=1)`) or a call (`diff(a, b, x=1)`). */
const EXAMPLE = /^\s*(?:(?:[$%>]|>>>|\.\.\.)\s|[\w.]+\()/;

/**
 * The docs pages to update, ranked: pages that define the sibling (an option table or list, a directive
 * such as `.. option::` or `.. confval::`, a heading, a man page macro, a help text block) first, then by
 * how many lines name it. A page that spells it only as its words run together (`maxdepth` for
 * `--max-depth`) merely shares a word and is left out when any page names it properly. At most four
 * pages, and every page that defines it.
 */
function rankDocs(
  search: TreeSearch,
  sibling: Declaration,
  hits: Array<Hit & { id: string }>,
  pages: Set<string>,
): Map<string, { rank: number; id: string; defines: Map<number, string> }> {
  const loose = wordsOf(sibling.name).join('');
  const by = new Map<string, { lines: number; proper: boolean; id: string; defines: Map<number, string> }>();
  for (const h of hits) {
    if (!pages.has(h.file)) continue;
    const d = by.get(h.file) ?? { lines: 0, proper: false, id: h.id, defines: new Map<number, string>() };
    d.lines++;
    if (h.id !== loose) {
      d.proper = true;
      d.id = h.id;
    }
    const text = search.read(h.file)?.split('\n') ?? [];
    const how = definition(text, h.line - 1, h.id);
    if (how) d.defines.set(h.line, how);
    by.set(h.file, d);
  }
  const anyProper = [...by.values()].some((d) => d.proper);
  // A page documents it where it defines it: when some page does, prose that only mentions the name (a
  // benchmark paragraph, a recipe) is no page to update.
  const anyDefines = [...by.values()].some((d) => d.defines.size > 0);
  const ranked = [...by.entries()]
    .filter(([, d]) => d.proper || !anyProper)
    .filter(([, d]) => d.defines.size > 0 || !anyDefines)
    .sort(
      (a, b) =>
        Math.min(b[1].defines.size, 1) - Math.min(a[1].defines.size, 1) ||
        b[1].defines.size * 3 + Math.min(b[1].lines, 6) - (a[1].defines.size * 3 + Math.min(a[1].lines, 6)) ||
        a[0].localeCompare(b[0]),
    )
    .filter(([, d], k) => k < MAX_DOCS || d.defines.size > 0);
  return new Map(ranked.map(([file, d], k) => [file, { rank: k, id: d.id, defines: d.defines }]));
}

/** How line `i` defines the identifier, if it does: a directive, a heading, an option list or table, a man page macro. */
export function definition(lines: string[], i: number, id: string): string | null {
  const line = lines[i] ?? '';
  const t = line.trim();
  const name = `(?:\\\\?-){0,2}${esc(id.replace(/^-+/, ''))}`;
  // The name itself, not the start of a longer one (`\\-\\-dir\\-mode`, `## --dir-mode` for `dir`).
  if (!new RegExp(`${name}(?![\\w-]|\\\\-)`).test(t)) return null;
  if (/^\.\.\s+[\w:]*(option|confval|envvar|cmdoption|describe|attribute|data|setting)::/.test(t))
    return 'a directive';
  // A title underlined at least as long as itself (reStructuredText, setext); a code fence under a line
  // of text is no underline.
  const under = (lines[i + 1] ?? '').trim();
  if (
    /^#{1,6}\s/.test(t) ||
    (/^([=\-~^"'`#*+])\1{2,}$/.test(under) && t.length > 0 && under.length >= t.length - 1)
  )
    return 'a heading';
  if (/^\.(TP|IP|B|BI|BR|It|Fl|OP)\b/.test(t) || /^\\fB/.test(t)) return 'a man page entry';
  // An option list, a table row or a help text line that starts with the name.
  const at = new RegExp(
    `^(?:[-*+]\\s+|\\|\\s*)?[\`*]*(?:-\\w[\`*]*,?\\s*[\`*]*)?${name}(?![\\w-]|\\\\-)`,
  ).exec(t);
  if (!at) return null;
  // The name bare at the start of a line (no list marker, markup or dash) defines it only as a definition
  // list's term (the name alone) or a help column (the name, two spaces, its text): `dir: ./docs` in an
  // example is a configuration key, and "Timeout is …" a sentence.
  const rest = t.slice(at[0].length);
  if (/^\w/.test(at[0]) && rest !== '' && !/^(?:\s{2,}|\t)\S/.test(rest)) return null;
  // Marked up with no list marker nor table pipe, and a sentence's word after it (a paragraph wrapped
  // before "``APP_X`` environment variable. Multiple …"): prose that mentions it, no term.
  if (!/^(?:[-*+]\s|\|)/.test(at[0]) && /^[`*]*\s[a-z]/.test(rest)) return null;
  return t.startsWith('|') ? 'a table row' : 'an option list';
}

/**
 * A line inside a test that lives in a source file: Rust's `#[test]` functions (in a `#[cfg(test)]`
 * module beside the code). Only Rust: elsewhere a `test_…` function in a source file is not a test.
 */
const TEST_SPANS = new WeakMap<TreeSearch, Map<string, Array<{ line: number; end: number }>>>();
export function inSourceTest(search: TreeSearch, file: string, line: number): boolean {
  // Files under a tests folder are test files already (their area says so).
  if (!file.endsWith('.rs') || /(^|\/)tests?\//.test(file)) return false;
  // A file's test spans are read once per search (every hit of the file asks).
  const known = TEST_SPANS.get(search) ?? new Map<string, Array<{ line: number; end: number }>>();
  TEST_SPANS.set(search, known);
  let spans = known.get(file);
  if (!spans) {
    const text = search.read(file);
    spans =
      !text?.includes('#[test]') && !text?.includes('::test]')
        ? []
        : testSpansIn(file, text).filter((s) => !s.group);
    known.set(file, spans);
  }
  return spans.some((s) => s.line <= line && line <= s.end);
}
