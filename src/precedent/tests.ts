/**
 * The tests that cover the sibling, ranked by what they do with it. A test file counts when the runner
 * collects tests in it (`explore/test-names.ts`) and lines inside those tests use the sibling: name its
 * identifier, call its function, pass its option spelling on a command line, set its key. A file with a
 * similar name that never mentions the sibling does not count.
 *
 * Table-driven and functional layouts keep the cases in data files a driver test reads (a folder of
 * inputs with their expected outputs, config files with the option set): a data file that names the
 * sibling points at the driver, the collected test that names the data's folder or file, and the plan
 * names both instead of inventing a test file.
 *
 * The narrow command is left to the planner's checks, which know the runner's invocation; `selects`
 * lists the names a selection may use (empty: run the file).
 */

import { isCodeLanguage } from '../explore/languages.js';
import { outline } from '../explore/outline.js';
import { readQuery } from '../explore/relevance.js';
import type { TestSpan } from '../explore/test-names.js';
import { testSpansIn } from '../explore/test-names.js';
import { definesFunction, esc, fileStem, maskStrings, specificName, usesAsCode } from './code-shape.js';
import type { Declaration } from './declaration.js';
import type { FootprintEntry } from './footprint.js';
import { identifiersOf, inSourceTest, siblingHits } from './footprint.js';
import { saidLines } from './lines.js';
import type { Hit, TreeSearch } from './search.js';
import { contains, fileOf, languageOf, roleOf } from './search.js';
import { wordsOf } from './words.js';

export interface CoveringTest {
  file: string;
  command: string;
  selects: string[];
  /** Why this file: what its tests do with the sibling. */
  why: string;
  /**
   * How many of its tests use the sibling (a driver: the data files it reads that name it). 0: none does;
   * the file tests the sibling's neighbours or imports its module, where a new test goes.
   */
  uses: number;
  /** For a table-driven layout: the folder of data files the driver reads, where a new case goes. */
  data?: string;
  /**
   * The data file in `data` that names the sibling, where only one does, with its companions in the
   * sibling's language (the same name beside it: a `.rc` and the `.py` it configures): the case a new one
   * edits or copies. More: the folder is said, no file.
   */
  cases?: string[];
  /** The one test a new one is modelled on (`modelTest`). */
  model?: ModelTest;
}

/**
 * The test a maintainer copies for the requested thing: of the tests that use the sibling, the one that
 * does the most with it (passes its option on a command line, then calls it, then names it), then the one
 * named after it (most of the sibling's words, fewest others), then the shortest; with the line its name
 * is on. Where no test uses the sibling, the same over the tests of the neighbours the file tests.
 */
export interface ModelTest {
  name: string;
  line: number;
  end: number;
  /** What it does with the sibling (or, `of` set, with that neighbour): "passes `--x` on a command line". */
  does: string;
  /** The neighbour it tests, where no test uses the sibling. */
  of?: string;
}

interface Use {
  span: TestSpan;
  /** 3 passes an option on a command line, 2 calls (a neighbour's: sets too), 1 names, 0 is named after it. */
  strength: number;
  does: string;
  of?: string;
}

/** The model among the uses: strongest, then named most like `name` (its words), then shortest, then first. */
function modelOf(uses: Use[], name: string): ModelTest | undefined {
  const words = wordsOf(name);
  const own = (u: Use) => wordsOf(u.span.name).filter((x) => x !== 'test');
  const shared = (u: Use) => own(u).filter((x) => words.includes(x)).length;
  const best = [...uses].sort(
    (a, b) =>
      b.strength - a.strength ||
      shared(b) - shared(a) ||
      (words.length ? own(a).length - shared(a) - (own(b).length - shared(b)) : 0) ||
      a.span.end - a.span.line - (b.span.end - b.span.line) ||
      a.span.line - b.span.line,
  )[0];
  if (!best) return undefined;
  const { name: n, line, end } = best.span;
  return { name: n, line, end, does: best.does, ...(best.of ? { of: best.of } : {}) };
}

/**
 * The name of a test like `model` for `requested`: the model's name with the sibling's words, where they
 * stand together in it (`squeeze_limit`, `test_hidden`), spelled as the requested name's; else none.
 */
export function testNameLike(model: string, sibling: string, requested: string): string | undefined {
  const from = wordsOf(sibling).join('_');
  const to = wordsOf(requested).join('_');
  if (!from || !to || !/^\w+$/.test(model)) return undefined;
  const re = new RegExp(`(^|_)${from}(?=_|$)`, 'i');
  return re.test(model) ? model.replace(re, `$1${to}`) : undefined;
}

const MAX_FILES = 3;
/** A test that runs the project's built program: a compiled binary's path, or the build tool's run command. */
const RUNS_BUILD = /\btarget\/(?:debug|release)\/\w|\bcargo\s+run\b|\bgo\s+(?:run|build)\b/;
/** Folder names too common to identify a data folder by (every project has a `data` or `fixtures`). */
const COMMON_FOLDER =
  /^(tests?|testing|spec|specs|data|fixtures?|files|resources|input|inputs|output|outputs|src|lib|unit|integration|e2e)$/i;
const GENERIC_FILE = /^(__init__\.py|conftest\.py|setup\.(cfg|py)|index\.[jt]s|mod\.rs|readme\.\w+)$/i;
/** A test module by its name: one with no collected test in it is a helper, never a data file of a driver. */
const TEST_MODULE =
  /(^|\/)(test_[^/]*\.py|[^/]*_test\.(py|go)|[^/]*\.(test|spec)\.[cm]?[jt]sx?|conftest\.py)$/;

interface Ranked extends CoveringTest {
  score: number;
}

/**
 * Covering tests, strongest first: the first always, more when their evidence is strong too (at least
 * two tests use the sibling, and the file scores at least half the first's). Without a sibling, the
 * footprint's test lines are all there is.
 */
export function coveringTests(
  search: TreeSearch,
  footprint: FootprintEntry[],
  sibling?: Declaration,
  declarations: Declaration[] = [],
): CoveringTest[] {
  // Every test file that names the sibling, not only the ones the footprint has room to list.
  const hits: Array<Hit & { id: string }> = sibling
    ? siblingHits(search, sibling).filter(
        (h) => roleOf(search, h.file) === 'test' || inSourceTest(search, h.file, h.line),
      )
    : footprint
        .filter((e) => e.area === 'test' && e.source === 'occurrence' && e.line)
        .map((e) => ({ file: e.file, line: e.line!, text: e.text, id: '' }));
  // A one-word option's API form: the tests that call the library's method of its word (`res.leaves()`).
  const one = sibling ? identifiersOf(sibling) : null;
  if (one && !one.word && one.ids[0]) {
    const seen = new Set(hits.map((h) => `${h.file}:${h.line}`));
    for (const h of apiCalls(search, [one.ids[0]]).get(one.ids[0]) ?? [])
      if (!seen.has(`${h.file}:${h.line}`)) hits.push({ ...h, id: one.ids[0] });
  }
  const byFile = new Map<string, Array<Hit & { id: string }>>();
  for (const h of hits) byFile.set(h.file, [...(byFile.get(h.file) ?? []), h]);
  const stem = sibling ? moduleWords(sibling.file) : [];
  const option = sibling ? identifiersOf(sibling).ids.map((i) => `--${i.replace(/^-+/, '')}`) : [];
  const ownIds = new Set(sibling ? identifiersOf(sibling).ids : []);

  const ranked: Ranked[] = [];
  const data: string[] = [];
  const mirrors: Array<{ file: string; name: string; line: number; others: string[] }> = [];
  for (const [file, named] of byFile) {
    // A test in another language than the sibling's (a Python suite that drives a Rust binary) tests the
    // program from outside: only where it runs the built program (a sample in the tests' data is no test
    // of it), and only its lines that pass the option on a command line are uses of it, where a name in
    // its code is another program's identifier.
    // A data file in a format no program is written in (TOML, JSON, YAML, Markdown) is no foreign test: a
    // driver in the sibling's language may read it (trycmd's `tests/cmd/*.toml`).
    const foreign = Boolean(
      sibling && isCodeLanguage(languageOf(search, file)) && !sameLanguage(search, file, sibling.file),
    );
    const text = search.read(file);
    if (!text) continue;
    if (foreign && !RUNS_BUILD.test(text)) continue;
    const spans = testSpansIn(file, text);
    if (!spans.some((s) => !s.group)) {
      // Nothing here the runner collects: a data file, or a helper module.
      if (!TEST_MODULE.test(file) && !foreign) data.push(file);
      continue;
    }
    const lines = text.split('\n');
    // A table of the options in a test module (every option's default for a stand-in config object):
    // a new option is a new row there, whatever test it is exercised by.
    if (sibling && !foreign) {
      const table = optionTable(lines, named, sibling, declarations);
      if (table) mirrors.push({ file, ...table });
    }
    // A comment or a docstring that names it ("regression test for --x") mentions it: no use.
    const saidAt = saidIn(search, file);
    const at = named.filter(
      (h) =>
        (saidAt(h.line)?.kind ?? 'text') === 'text' &&
        (!foreign || option.some((x) => passes(h.text, x, saidAt(h.line)))),
    );
    if (!at.length) continue;
    const selects = new Set<string>();
    const inTests = new Set<string>();
    const uses: Use[] = [];
    const read: Array<{
      o?: string;
      call: boolean;
      set: boolean;
      title: boolean;
      id: string;
      test: boolean;
      via?: string;
    }> = [];
    const helpers = helperUses(text, languageOf(search, file), lines, spans);
    for (const h of at) {
      const prose = saidAt(h.line);
      // The innermost test around the line, else the innermost group (a describe title, a test class).
      const around = spans.filter((s) => s.line <= h.line && h.line <= s.end);
      const direct = testsAt(lines, spans, h.line);
      // A line of a helper the tests call (`func toProps(…)`, `def run_cli(…)`): theirs, through it.
      const helper = direct.length ? undefined : helpers(h.line);
      const tests = direct.length ? direct : (helper?.tests ?? []);
      const test = tests[0];
      const group = around.filter((s) => s.group).sort((a, b) => b.line - a.line)[0];
      // `go test -run` matches the top-level test first: a subtest is selected through its test.
      for (const pick of tests.length ? tests : group ? [group] : [])
        selects.add(/\.go$/.test(file) && pick.parents[0] ? pick.parents[0] : pick.name);
      for (const t of tests) inTests.add(`${t.line}`);
      // A test's own name on its first line (`def test_ignore_hdus(`, `it('reads --grep'`) is what it is
      // named after: no call and no command line, weaker than any line of its body.
      const title = Boolean(test && h.line === test.line && h.id && test.name.includes(h.id));
      const o = title ? undefined : option.find((x) => passes(h.text, x, prose));
      const call = !title && !o && !!h.id && new RegExp(`(?<![\\w$])${esc(h.id)}\\s*\\(`).test(h.text);
      // Only its own names: a local built on its name (`bad_mapping = {` for `mapping`) is not it.
      const set = !title && !o && !call && ownIds.has(h.id) && setsIn(h.text, h.id, prose);
      const via = helper?.tests.length ? helper.name : '';
      read.push({
        ...(o ? { o } : {}),
        ...(via ? { via } : {}),
        call,
        set,
        title,
        id: h.id,
        test: Boolean(test),
      });
      if (sibling)
        for (const span of tests)
          uses.push({
            span,
            strength: o ? 3 : call || set ? 2 : title ? 0 : 1,
            does: `${
              o
                ? `passes \`${o}\` on a command line`
                : title
                  ? `is named after \`${sibling.name}\``
                  : `${call ? 'calls' : set ? 'sets' : 'names'} \`${h.id || sibling.name}\``
            }${via ? ` through \`${via}\`` : ''}`,
          });
    }
    // What the tests do with it, from the lines in tests (a helper's line is no test's).
    const said = read.some((r) => r.test) ? read.filter((r) => r.test) : read;
    const cliAt = said.find((r) => r.o);
    const callAt = said.find((r) => r.call);
    const setAt = said.find((r) => r.set);
    const cli = cliAt?.o;
    const calls = callAt?.id;
    const sets = setAt?.id;
    const body = said.find((r) => !r.title && r.id)?.id;
    const through = (cliAt ?? callAt ?? setAt)?.via;
    const near = stem.length > 0 && stem.every((w) => wordsOf(file).includes(w));
    const score = 3 * inTests.size + Math.min(at.length, 10) + (near ? 2 : 0);
    const id = body || at.find((h) => h.id)?.id;
    const what = cli
      ? `passes \`${cli}\` on a command line`
      : calls
        ? `calls \`${calls}\``
        : sets
          ? `sets \`${sets}\``
          : id
            ? `names \`${id}\``
            : 'names it';
    const by = through ? ` through \`${through}\`` : '';
    const why =
      inTests.size > 1
        ? `${inTests.size} tests here use the sibling (${what}${by} on ${at.length} line${at.length === 1 ? '' : 's'})`
        : inTests.size === 1
          ? `one test here uses the sibling (${what}${by})`
          : `${what} outside any test, in a group of tests`;
    const model = modelOf(uses, sibling?.name ?? '');
    ranked.push({
      file,
      command: '',
      selects: [...selects],
      why,
      score,
      uses: inTests.size,
      ...(model ? { model } : {}),
    });
  }
  ranked.push(...drivers(search, data, new Set(ranked.map((r) => r.file)), sibling?.file));

  ranked.sort((a, b) => b.score - a.score || b.uses - a.uses || a.file.localeCompare(b.file));
  // One entry per file: a driver that is also ranked for its own tests keeps the stronger entry.
  const kept = ranked.filter((r, k) => ranked.findIndex((x) => x.file === r.file) === k);
  const top = kept[0];
  // The declaring module's own test file (named after it, importing it: `tests/unit/cli/test_main.py` for
  // `bandit/cli/main.py`) before a file that only tests its neighbours' names elsewhere.
  const nearby = (lead: string) =>
    sibling
      ? (ownTest(search, sibling, declarations, lead) ??
        neighbours(search, sibling, declarations, lead) ??
        importers(search, sibling, lead))
      : [];
  const withTables = (ts: CoveringTest[]) => [
    ...ts,
    ...mirrors
      .filter((m) => !ts.some((t) => t.file === m.file))
      .slice(0, 1)
      .map((m) => ({
        file: m.file,
        command: '',
        selects: [],
        why: `lists the sibling with ${m.others.length} other options of \`${sibling!.file}\` (${m.others
          .slice(0, 3)
          .map((o) => `\`${o}\``)
          .join(
            ', ',
          )}${m.others.length > 3 ? ' and more' : ''}) in the table \`${m.name}\` (line ${m.line}): a new option is a row there too`,
        uses: 0,
      })),
  ];
  if (!top) return withTables(nearby('no test names the sibling; '));
  const strong = kept
    .slice(1)
    .filter((r) => r.uses >= 2 && r.score * 2 >= top.score)
    .slice(0, MAX_FILES - 1);
  const out: CoveringTest[] = [top, ...strong].map(({ score: _s, ...t }) => t);
  // One test that uses the sibling is thin evidence: the file that tests the other declarations beside it
  // is where their tests live too.
  // Where that is the same file, the one that imports the sibling's module.
  if (top.uses <= 1 && !top.data && out.length < MAX_FILES && sibling) {
    const fresh = (ts: CoveringTest[] | null) =>
      (ts ?? []).filter((n) => !out.some((o) => o.file === n.file));
    const own = fresh(ownTest(search, sibling, declarations, ''));
    const near = own.length ? own : fresh(neighbours(search, sibling, declarations, ''));
    // The declaring file's own unit tests (Rust) are no companion: they would name the sibling if they tested it.
    out.push(
      ...(near.length ? near : fresh(importers(search, sibling, '')).filter((t) => t.file !== sibling.file)),
    );
  }
  // Several tests use the sibling elsewhere (an integration suite, a config module's tests): the declaring
  // module's own test file, where it tests the sibling's neighbours, is where a test of a new declaration
  // of that module goes too. Second, before weaker companions. Not after a driver: a table-driven layout's
  // new case is a data file.
  if (sibling && top.uses >= 2 && !top.data && !/\.(rs|go)$/.test(sibling.file)) {
    const own = importers(search, sibling, '', true)[0];
    const near =
      own && !out.some((o) => o.file === own.file)
        ? neighbours(search, sibling, declarations, `the own test file of \`${sibling.file}\`; `, own.file)
        : null;
    if (near?.[0]) out.splice(1, 0, near[0]);
  }
  return withTables([
    ...out.slice(0, MAX_FILES),
    ...(sibling ? fullLiterals(search, [...byFile], sibling, ownIds, new Set(out.map((o) => o.file))) : []),
  ]);
}

/**
 * Rust test code that builds the sibling's struct with every field listed (`Opt { raw: true, show_dns:
 * false, … }`, no `..rest`) must list a new field too, or it does not compile: each such file (a helper
 * module of the tests too), at most three, after the ranked ones.
 */
function fullLiterals(
  search: TreeSearch,
  byFile: Array<[string, Hit[]]>,
  sibling: Declaration,
  ownIds: Set<string>,
  known: Set<string>,
): CoveringTest[] {
  if (!/\.rs$/.test(sibling.file)) return [];
  const declaring = search.read(sibling.file) ?? '';
  const out: CoveringTest[] = [];
  for (const [file, named] of byFile) {
    if (known.has(file) || roleOf(search, file) !== 'test' || !/\.rs$/.test(file)) continue;
    const lines = (search.read(file) ?? '').split('\n');
    for (const h of named) {
      const field = [...ownIds].find((i) =>
        new RegExp(`^\\s*${esc(i)}\\s*[:,]`).test(lines[h.line - 1] ?? ''),
      );
      const lit = field ? literalAround(lines, h.line) : null;
      if (!lit || !new RegExp(`\\bstruct\\s+${esc(lit.type)}\\b`).test(declaring)) continue;
      out.push({
        file,
        command: '',
        selects: [],
        why: `builds \`${lit.type}\` with every field listed (line ${lit.line}, \`${field}\` among them, no \`..\`): a new field of \`${lit.type}\` goes there too, or the tests do not compile`,
        uses: 0,
      });
      break;
    }
    if (out.length >= 3) break;
  }
  return out;
}

/**
 * The struct literal (`Name {` … `}`) a line is a field of, when the literal lists its fields with no
 * `..rest`: its type and the line it opens on. Null for a line of anything else.
 */
export function literalAround(lines: string[], line: number): { type: string; line: number } | null {
  // Braces opened less closed, of code only: one inside a string (`"{}"`, `'{'`) or a comment counts not.
  const opened = (l: string) => {
    const c = maskStrings(l).replace(/\/\/.*$/, '');
    return (c.match(/\{/g) ?? []).length - (c.match(/\}/g) ?? []).length;
  };
  let depth = 0;
  for (let k = line - 2; k >= 0 && k >= line - 60; k--) {
    const l = lines[k]!;
    depth -= opened(l);
    if (depth >= 0) continue;
    const m = /(?:^|[\s(=:,])([A-Z]\w*)\s*\{\s*$/.exec(l);
    if (!m) return null;
    let d = 0;
    for (let j = k; j < lines.length && j < k + 200; j++) {
      const t = lines[j]!;
      if (j > k && d === 1 && /^\s*\.\./.test(t)) return null;
      d += opened(t);
      if (d <= 0) return { type: m[1]!, line: k + 1 };
    }
    return null;
  }
  return null;
}

/**
 * A table at the top of a test module (`DEFAULTS = {…}`, `var opts = []string{…}`) that a line naming the
 * sibling is a row of and whose other rows name at least three other declarations of the sibling's file:
 * the test suite's copy of the option set (the defaults of a stand-in config object, a list of every
 * flag), which a new option joins. Its name, its line and the others it names; null for none.
 */
export function optionTable(
  lines: string[],
  hits: Array<{ line: number }>,
  sibling: Declaration,
  declarations: Declaration[],
): { name: string; line: number; others: string[] } | null {
  const others = declarations.filter((d) => d.file === sibling.file && d.name !== sibling.name).slice(0, 80);
  if (others.length < 3) return null;
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  for (const h of hits) {
    // The table's first line: the nearest line above at indent 0, a table's declaration.
    let k = h.line - 1;
    if (indent(lines[k] ?? '') === 0) continue;
    while (k > 0 && (indent(lines[k - 1]!) > 0 || !lines[k - 1]!.trim())) k--;
    const first = lines[k - 1];
    const m = first === undefined ? null : TABLE.exec(first);
    if (!m || indent(first!) > 0) continue;
    // Its rows: to the closing line at indent 0.
    let end = h.line;
    while (end < lines.length && end - k < 300 && indent(lines[end]!) > 0) end++;
    const rows = lines.slice(k, end).join('\n');
    const named = others
      .filter((d) => identifiersOf(d).ids.some((i) => i.length > 2 && contains(rows, i, true)))
      .map((d) => d.name);
    if (named.length >= 3) return { name: m[1]!, line: k, others: [...new Set(named)] };
  }
  return null;
}

/**
 * The driver tests of data files that name the sibling: collected tests that name a data file (by its
 * file name) or its folder (as a quoted name or a path segment, below the test root, never a name as
 * common as `data` or `fixtures`). One entry per driver and folder.
 */
function drivers(search: TreeSearch, data: string[], known: Set<string>, siblingFile?: string): Ranked[] {
  if (!data.length) return [];
  const needles = new Map<string, Set<string>>();
  const add = (needle: string, folder: string) =>
    needles.set(needle, (needles.get(needle) ?? new Set()).add(folder));
  for (const file of data) {
    const parts = file.split('/');
    const base = parts.at(-1)!;
    const folder = parts.slice(0, -1).join('/');
    if (base.length >= 6 && !GENERIC_FILE.test(base)) {
      add(`"${base}"`, folder);
      add(`'${base}'`, folder);
      add(`/${base}`, folder);
    }
    // Each folder on the way up; the data folder is the one a driver names.
    for (let k = parts.length - 2; k >= 1; k--) {
      const name = parts[k]!;
      if (name.length < 3 || COMMON_FOLDER.test(name)) continue;
      const at = parts.slice(0, k + 1).join('/');
      for (const n of [
        `"${name}"`,
        `'${name}'`,
        `/${name}"`,
        `/${name}'`,
        `"${name}/`,
        `'${name}/`,
        `/${name}/`,
      ])
        add(n, at);
    }
  }
  const found = search
    .lines([...needles.keys()], { maxPerFile: 5, maxTotal: 400 })
    .filter((h) => fileOf(search, h.file)?.role === 'test' && !data.includes(h.file));
  const out = new Map<string, Ranked & { files: number }>();
  for (const h of found) {
    const text = search.read(h.file);
    if (!text) continue;
    const spans = testSpansIn(h.file, text);
    if (!spans.some((s) => !s.group)) continue;
    for (const [needle, folders] of needles) {
      if (!h.text.includes(needle)) continue;
      // A folder inside a path (`"tests/cmd/*.toml"`, a glob of the cases): only within a quoted string.
      if (/^\/.*\/$/.test(needle) && !new RegExp(`["'][^"'\\s]*${esc(needle)}[^"']*["']`).test(h.text))
        continue;
      for (const folder of folders) {
        // A driver reads data below its own folder (`Path(__file__).parent / "cases"`): a quoted folder
        // name elsewhere in the tree is another folder of the same name.
        const own = h.file.slice(0, h.file.lastIndexOf('/') + 1);
        if (!folder.startsWith(own)) continue;
        // A folder deeper than the driver's own names the folders on the way too (`"functional"` in
        // `tests/` is `tests/functional`, not `tests/other/functional`): somewhere in the driver, quoted.
        const between = folder.slice(own.length).split('/').slice(0, -1);
        if (!between.every((b) => new RegExp(`["'/]${esc(b)}["'/]`).test(text))) continue;
        const under = data.filter((d) => d.startsWith(`${folder}/`));
        const files = under.length;
        const key = `${h.file}\0${folder}`;
        const had = out.get(key);
        if (had && had.files >= files) continue;
        // The test whose body (or decorators, just above it) names the folder, when one does.
        const decorator = h.text.trim().startsWith('@');
        const test = spans
          .filter((s) => !s.group && (decorator ? s.line - 3 : s.line) <= h.line && h.line <= s.end)
          .sort((a, b) => b.line - a.line)[0];
        out.set(key, {
          file: h.file,
          command: '',
          selects: test ? [test.name] : [],
          why: `reads the data files in \`${folder}/\` (line ${h.line}), ${files} of which name the sibling`,
          data: folder,
          ...(files <= MAX_CASES ? { cases: withCompanions(search, under, siblingFile) } : {}),
          // A driver stands for every data file it reads, as a test per file; a file already ranked keeps
          // its own entry. A test that uses the sibling itself outranks a driver of as many data files.
          score: 3 * Math.min(files, 4) + (known.has(h.file) ? -1 : 0),
          uses: Math.min(files, 4),
          files,
        });
      }
    }
  }
  // The deepest folder per driver: `cases/` rather than the test root above it.
  const best = new Map<string, Ranked & { files: number }>();
  for (const r of out.values()) {
    const had = best.get(r.file);
    if (!had || r.data!.length > had.data!.length) best.set(r.file, r);
  }
  return [...best.values()].map(({ files: _f, ...r }) => r);
}

/**
 * Only the one data file that names the sibling is named as a case (where it is set, a new one may go
 * beside it); more, and the folder is said: a new case is a new file there, like them.
 */
const MAX_CASES = 1;

/**
 * Data files with their companions: the files beside each of the same name and another extension, in the
 * sibling's language (a `.rc` with the `.py` it configures; not the `.txt` of its expected output, which
 * changes only where the behaviour does), none a test module.
 */
function withCompanions(search: TreeSearch, files: string[], siblingFile?: string): string[] {
  const stem = (f: string) => f.replace(/\.[^./]+$/, '');
  const stems = new Set(files.map(stem));
  const family = (f: string) => languageOf(search, f)?.replace(/^TypeScript$/, 'JavaScript');
  const own = siblingFile ? family(siblingFile) : undefined;
  const out = new Set(files);
  for (const { path: f } of search.inventory.files)
    if (own && stems.has(stem(f)) && !TEST_MODULE.test(f) && family(f) === own) out.add(f);
  return [...out].sort();
}

/**
 * Nothing tests the sibling: the test file that exercises most of the other declarations of the sibling's
 * file (its options' spellings on command lines, its keys), where a test for a new one of them belongs.
 * At least two of them, in tests the runner collects, in the sibling's language. Null when none does.
 */
function neighbours(
  search: TreeSearch,
  sibling: Declaration,
  declarations: Declaration[],
  lead: string,
  only?: string,
): CoveringTest[] | null {
  const others = declarations.filter((d) => d.file === sibling.file && d.name !== sibling.name);
  const needleOf = new Map<string, string>();
  // Each neighbour's names as code writes them (`log_level`, `logLevel` for `--log-level`).
  const idsOf = new Map<string, string[]>();
  for (const d of others.slice(0, 60)) {
    const { needles, ids } = identifiersOf(d);
    idsOf.set(d.name, ids);
    for (const n of needles) if (n.replace(/^[-'"]+|['"]$/g, '').length > 2) needleOf.set(n, d.name);
  }
  if (!needleOf.size) return null;
  const named = new Map<string, Set<string>>();
  const at = new Map<string, Array<{ line: number; text: string; name: string }>>();
  for (const h of search.lines([...needleOf.keys()], { maxPerFile: 40, maxTotal: 2000 })) {
    if (roleOf(search, h.file) !== 'test' || !sameLanguage(search, h.file, sibling.file)) continue;
    const said = saidIn(search, h.file)(h.line);
    if (said && said.kind !== 'text') continue;
    for (const [n, name] of needleOf)
      if (passes(h.text, n, said)) {
        named.set(h.file, (named.get(h.file) ?? new Set()).add(name));
        at.set(h.file, [...(at.get(h.file) ?? []), { line: h.line, text: h.text, name }]);
      }
  }
  // Their API forms (`--orphans` as `res.orphans()`): a call of the method of a one-word neighbour's word.
  const oneWord = new Map<string, string>();
  for (const d of others.slice(0, 60)) {
    const { word, ids } = identifiersOf(d);
    if (!word && ids[0]) oneWord.set(ids[0], d.name);
  }
  for (const [w, hs] of apiCalls(search, [...oneWord.keys()]))
    for (const h of hs) {
      if (!sameLanguage(search, h.file, sibling.file)) continue;
      const name = oneWord.get(w)!;
      if (at.get(h.file)?.some((x) => x.line === h.line && x.name === name)) continue;
      named.set(h.file, (named.get(h.file) ?? new Set()).add(name));
      at.set(h.file, [...(at.get(h.file) ?? []), { line: h.line, text: h.text, name }]);
    }
  const best = [...named.entries()]
    .filter(([file, ds]) => {
      if (ds.size < 2 || (only && file !== only)) return false;
      const text = search.read(file);
      return Boolean(text && testSpansIn(file, text).some((t) => !t.group));
    })
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0];
  if (!best) return null;
  const [file, ds] = best;
  // The first three named, and how many more (a count with fewer names read as a miscount).
  const list = `${[...ds]
    .slice(0, 3)
    .map((n) => `\`${n}\``)
    .join(', ')}${ds.size > 3 ? ` and ${ds.size - 3} more` : ''}`;
  // The model: a test that exercises one neighbour as the sibling's test would (passes it on a command line,
  // sets it or calls it; a test that only names it, in data or a message, is no test of it), then the one
  // of the fewest neighbours, then the shortest.
  const spans = testSpansIn(file, search.read(file) ?? '').filter((t) => !t.group);
  const uses: Use[] = (at.get(file) ?? []).flatMap((h) => {
    const span = spans.filter((t) => t.line <= h.line && h.line <= t.end).sort((a, b) => b.line - a.line)[0];
    const use = neighbourUse(h.text, h.name, idsOf.get(h.name) ?? [], saidIn(search, file)(h.line));
    return span && use ? [{ span, ...use, of: h.name }] : [];
  });
  const count = (s: TestSpan) =>
    new Set((at.get(file) ?? []).filter((h) => s.line <= h.line && h.line <= s.end).map((h) => h.name)).size;
  const strongest = Math.max(...uses.map((u) => u.strength));
  const fewest = Math.min(...uses.filter((u) => u.strength === strongest).map((u) => count(u.span)));
  const model = modelOf(
    uses.filter((u) => u.strength === strongest && count(u.span) === fewest),
    '',
  );
  return [
    {
      file,
      command: '',
      selects: [],
      why: `${lead}this file tests ${ds.size} others declared in \`${sibling.file}\` (${list})`,
      uses: 0,
      ...(model ? { model } : {}),
    },
  ];
}

/**
 * What a test line does with a neighbour declaration `name` (`ids`: its names as code writes them): passes
 * it on a command line (`--x`, whatever the declared name's dashes), sets it (`x=`, `x:`, `'x':`, `.x = v`:
 * a keyword, a key, a setting) or calls it (`x(`); null where it only names it (a word in data or a message).
 */
export function neighbourUse(
  text: string,
  name: string,
  ids: string[] = [],
  said?: LineSaid,
): { strength: number; does: string } | null {
  const bare = name.replace(/^-+/, '');
  if (!bare || (said && said.kind !== 'text')) return null;
  const flag = [`--${bare}`, ...(/^-\w/.test(name) ? [name] : [])].find((f) => passes(text, f, said));
  if (flag) return { strength: 3, does: `passes \`${flag}\` on a command line` };
  const words = [...new Set([bare, ...ids])].filter((i) => /^[A-Za-z_$][\w$-]*$/.test(i));
  const set = words.find((i) => setsIn(text, i, said));
  if (set) return { strength: 2, does: `sets \`${set}\`` };
  const call = words.find((i) => new RegExp(`(?<![\\w$-])${esc(i)}\\s*\\(`).test(text));
  return call ? { strength: 2, does: `calls \`${call}\`` } : null;
}

/** A line that sets `id`: a keyword or key (`id=`, `id:`, `'id':`), an assignment (`.id = v`), never `==`. */
const setsIn = (text: string, id: string, said?: LineSaid) =>
  [...text.matchAll(new RegExp(`(?<![\\w$-])(['"]?)${esc(id)}\\1\\s*(?:=(?![=>])|:(?!:))`, 'g'))].some(
    (m) => !saidOnly(text, m.index + m[1]!.length, id.length, said),
  );

/**
 * Nothing tests the sibling or its neighbours: the test file that imports the sibling's module (Python
 * `from a.b import …`/`import a.b`, a JavaScript or TypeScript import or require of its path), the one
 * named after the module first (`unittest_format.py` for `checkers/format.py`), else the one that imports
 * it most. A test module the runner collects, in the sibling's language.
 */
function importers(
  search: TreeSearch,
  sibling: Pick<Declaration, 'file'>,
  lead: string,
  ownOnly = false,
  symbol?: string,
): CoveringTest[] {
  if (/\.(go|rs)$/.test(sibling.file)) return nativeImporters(search, sibling.file, lead, ownOnly, symbol);
  const path = sibling.file.replace(/^(src|lib)\//, '');
  const parts = path.replace(/(\/__init__)?\.\w+$/, '').split('/');
  const dotted = parts.join('.');
  const stem = parts.at(-1)!;
  const py = /\.py$/.test(path);
  // A relative import names the module by its last part (`from ..scripts import fitsdiff`,
  // `from .fitsdiff import main`); where it points is read against the test file's folder.
  const modulePath = sibling.file.replace(/(\/__init__)?\.py$/, '');
  const needles = py
    ? [
        `from ${dotted} import `,
        `import ${dotted}`,
        ...(parts.length > 1 ? [`from ${parts.slice(0, -1).join('.')} import ${parts.at(-1)}`] : []),
      ]
    : /\.[cm]?[jt]sx?$/.test(path)
      ? ["'", '"'].flatMap((q) => [
          `/${parts.slice(-2).join('/')}${q}`,
          `/${parts.slice(-2).join('/')}${path.slice(path.lastIndexOf('.'))}${q}`,
        ])
      : [];
  // A module of one part (`lib/wrap.js`, `index.js`): a relative require or import that resolves to it.
  const js = /\.[cm]?[jt]sx?$/.test(path);
  const single = js && parts.length === 1;
  if (single)
    needles.push(
      ...["'", '"'].flatMap((q) => [`/${stem}${q}`, `/${stem}${path.slice(path.lastIndexOf('.'))}${q}`]),
    );
  if (!needles.length) return [];
  const count = new Map<string, number>();
  const counted = (hits: Hit[], keep: (h: Hit) => boolean) => {
    for (const h of hits)
      if (roleOf(search, h.file) === 'test' && sameLanguage(search, h.file, sibling.file) && keep(h))
        count.set(h.file, (count.get(h.file) ?? 0) + 1);
  };
  counted(
    search.lines(needles, { maxPerFile: 10, maxTotal: 400 }),
    (h) => !single || relativeJs(h.file, h.text).includes(jsModulePath(sibling.file)),
  );
  // A relative import, by its last part, from inside the package.
  if (py)
    counted(search.lines([`import ${stem}`, `.${stem} import `], { maxPerFile: 10, maxTotal: 400 }), (h) =>
      relativeImports(h.file, h.text).includes(modulePath),
    );
  const named = (f: string) => (wordsOf(fileStem(f)).includes(stem) ? 1 : 0);
  const best = [...count]
    .filter(([file]) => testSpansIn(file, search.read(file) ?? '').some((t) => !t.group))
    .sort((a, b) => named(b[0]) - named(a[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!best || (ownOnly && !named(best[0]))) return [];
  const module = /\.py$/.test(path) ? dotted : parts.slice(-2).join('/');
  return [
    {
      file: best[0],
      command: '',
      selects: [],
      why: `${lead}this file imports \`${module}\`, where it is declared`,
      uses: 0,
    },
  ];
}

/**
 * The tests of the module where the requested thing takes effect (a sure place of `effect.ts`, not the
 * sibling's file): its own test file, named after it and importing it (Go: `x_test.go` in its package; a
 * Rust file's own unit tests), said as such. They come before the sibling's tests, three in all.
 */
export function withEffectTests(
  search: TreeSearch,
  tests: CoveringTest[],
  at: Array<{ file: string; symbol: string; sure: boolean }>,
  siblingFile?: string,
): CoveringTest[] {
  const own = at
    .filter((a) => a.sure && a.file !== siblingFile)
    .flatMap((a) => importers(search, a, `where it takes effect (\`${a.symbol}\`): `, true, a.symbol))
    .filter(
      (t, k, all) => all.findIndex((o) => o.file === t.file) === k && !tests.some((o) => o.file === t.file),
    );
  if (!own.length) return tests;
  const snaps = tests.filter((t) => SNAPSHOT.test(t.file));
  return [...own, ...tests.filter((t) => !SNAPSHOT.test(t.file))].slice(0, 3).concat(snaps);
}

/**
 * The tests that use a Go or Rust module. Go: the `_test.go` files of its package (its folder, `x_test.go`
 * for `x.go` first) that name what it declares, else one that imports its package path (`go.mod`'s module
 * and the folder) and names it. Rust: the unit tests in the file itself (`mod tests`), else a test that
 * names its module path (`crate::a::b`, `<crate>::a::b` from `tests/`, the crate's name from its
 * `Cargo.toml`). The one that names it on the most lines, in tests the runner collects.
 */
function nativeImporters(
  search: TreeSearch,
  file: string,
  lead: string,
  ownOnly: boolean,
  symbol?: string,
): CoveringTest[] {
  const text = search.read(file) ?? '';
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const base = file.slice(dir ? dir.length + 1 : 0).replace(/\.\w+$/, '');
  const tested = (f: string) => testSpansIn(f, search.read(f) ?? '').some((t) => !t.group);
  const entry = (f: string, why: string): CoveringTest[] => [
    { file: f, command: '', selects: [], why: `${lead}${why}`, uses: 0 },
  ];
  // The nearest manifest above the file: `go.mod`'s module, the crate's `[package]` name.
  const manifest = (name: string) => {
    const parts = dir ? dir.split('/') : [];
    for (let k = parts.length; k >= 0; k--) {
      const at = [...parts.slice(0, k), name].join('/');
      const t = search.read(at);
      if (t) return { root: parts.slice(0, k).join('/'), text: t };
    }
    return null;
  };
  const most = (needles: string[], keep: (h: Hit) => boolean) => {
    const count = new Map<string, number>();
    for (const h of search.lines(needles, { word: true, maxPerFile: 20, maxTotal: 600 }))
      if (h.file !== file && keep(h)) count.set(h.file, (count.get(h.file) ?? 0) + 1);
    return [...count]
      .filter(([f]) => tested(f))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  };
  if (file.endsWith('.go')) {
    const declared = [
      ...text.matchAll(/^(?:func\s+(?:\([^)]*\)\s*)?|type\s+|var\s+|const\s+)([A-Za-z_]\w{3,})/gm),
    ]
      .map((m) => m[1]!)
      .filter((n) => !/^(Test|Benchmark|Example|Fuzz)|^(init|main)$/.test(n))
      .slice(0, 60);
    if (!declared.length) return [];
    const own = `${dir ? `${dir}/` : ''}${base}_test.go`;
    const inFolder = (f: string) => f.slice(0, f.lastIndexOf('/') + 1) === (dir ? `${dir}/` : '');
    const names = (f: string) =>
      declared.some((n) => new RegExp(`\\b${esc(n)}\\b`).test(search.read(f) ?? ''));
    if (roleOf(search, own) === 'test' && tested(own) && names(own))
      return entry(own, `this file tests the package of \`${file}\` (its folder) and names what it declares`);
    // Where the value takes effect, no own test file: the package's test file that names the function.
    const fn = symbol?.split('.').pop();
    const naming =
      ownOnly && fn && declared.includes(fn)
        ? most(
            [fn],
            (h) => roleOf(search, h.file) === 'test' && h.file.endsWith('_test.go') && inFolder(h.file),
          )
        : undefined;
    if (naming)
      return entry(naming, `this file tests the package of \`${file}\` (its folder) and names \`${fn}\``);
    if (ownOnly) return [];
    const same = most(
      declared,
      (h) => roleOf(search, h.file) === 'test' && h.file.endsWith('_test.go') && inFolder(h.file),
    );
    if (same)
      return entry(
        same,
        `this file tests the package of \`${file}\` (its folder) and names what it declares`,
      );
    const mod = manifest('go.mod');
    const module = mod && /^module\s+(\S+)/m.exec(mod.text)?.[1];
    if (!module) return [];
    const path = [module, dir.slice(mod.root ? mod.root.length + 1 : 0)].filter(Boolean).join('/');
    const pkg = /^package\s+(\w+)/m.exec(text)?.[1] ?? '';
    const importing = new Set(
      search.lines([`"${path}"`], { maxPerFile: 1, maxTotal: 400 }).map((h) => h.file),
    );
    const other = most(
      declared.map((n) => `${pkg}.${n}`),
      (h) => roleOf(search, h.file) === 'test' && importing.has(h.file),
    );
    return other ? entry(other, `this file imports \`${path}\`, where it is declared`) : [];
  }
  if (tested(file)) return entry(file, `the unit tests in \`${file}\` itself`);
  if (ownOnly) return [];
  const cargo = manifest('Cargo.toml');
  const crate =
    cargo && /^\[package\][^[]*?^name\s*=\s*"([^"]+)"/ms.exec(cargo.text)?.[1]?.replace(/-/g, '_');
  const rel = file.slice(cargo?.root ? cargo.root.length + 1 : 0).replace(/^src\//, '');
  const modPath = rel
    .replace(/(\/mod)?\.rs$/, '')
    .replace(/^(lib|main)$/, '')
    .split('/')
    .join('::');
  if (!modPath) return [];
  const needles = [`crate::${modPath}`, ...(crate ? [`${crate}::${modPath}`] : [])];
  const best = most(
    needles,
    (h) =>
      /\.rs$/.test(h.file) && (roleOf(search, h.file) === 'test' || inSourceTest(search, h.file, h.line)),
  );
  return best ? entry(best, `this file names \`${needles.at(-1)}\`, where it is declared`) : [];
}

/**
 * The tests of a place the requirement names, whatever sibling is followed: a command it quotes as typed
 * (`pipx run`) is tested in the test module named after that command alone (`test_run.py`, `run_test.go`,
 * `run.test.js`; one such file, its tests collected, in the language of the command's options: with the
 * neighbours it tests where that file tests the command's other options); a module
 * it names as a component (the `duration` extension, `namedModules`) in its own test file
 * (`test_ext_duration.py`: named after it, importing it).
 */
export function namedPlaceTests(
  search: TreeSearch,
  commands: string[],
  modules: Array<{ file: string; module: string }>,
  declarations: Declaration[],
): CoveringTest[] {
  const out: CoveringTest[] = [];
  for (const typed of commands) {
    const command = typed.split(' ').at(-1)!;
    const own = declarations.filter((d) => d.scope === command);
    const want = wordsOf(command).join(' ');
    const named = collected(
      search,
      search.inventory.files
        .filter((f) => f.role === 'test' && wordsOf(testStem(f.path)).join(' ') === want)
        .filter((f) => !own[0] || sameLanguage(search, f.path, own[0].file))
        .map((f) => f.path),
    );
    if (named.length !== 1) {
      out.push(...commandRuns(search, command, typed, own[0]?.file));
      continue;
    }
    const file = named[0]!;
    const lead = `the tests of \`${typed}\`, the command the requirement names (named after it); `;
    const near = own[0] ? neighbours(search, own[0], declarations, lead, file) : null;
    out.push(near?.[0] ?? { file, command: '', selects: [], why: lead.replace(/; $/, ''), uses: 0 });
  }
  for (const m of modules) {
    // Named after it, naming its dotted path (an import, or the name an extension is loaded by).
    const name = m.module.split('.').pop()!;
    const extra = (f: string) => wordsOf(testStem(f)).filter((x) => x !== name).length;
    const own = collected(
      search,
      search.inventory.files
        .filter((f) => f.role === 'test' && wordsOf(testStem(f.path)).includes(name))
        .filter((f) => sameLanguage(search, f.path, m.file) && search.read(f.path)?.includes(m.module))
        .map((f) => f.path),
    ).sort((a, b) => extra(a) - extra(b));
    if (own[0] && (own.length === 1 || extra(own[0]) < extra(own[1]!)))
      out.push({
        file: own[0],
        command: '',
        selects: [],
        why: `the tests of \`${m.module}\`, the module the requirement names (named after it, naming it)`,
        uses: 0,
      });
  }
  return out.filter((t, k) => out.findIndex((o) => o.file === t.file) === k);
}

/**
 * No test module is named after a command the requirement quotes as typed: the file whose tests run it,
 * passing its name as an argument (`[bin, 'instrument', …]`, `["run", "x"]`, `.arg("run")`), in the most
 * tests, at least two, and more than any other file does.
 */
function commandRuns(
  search: TreeSearch,
  command: string,
  typed: string,
  declaredIn?: string,
): CoveringTest[] {
  const arg = new RegExp(`[[{,(]\\s*(['"])${esc(command)}\\1\\s*[,\\]})]`);
  const runs = new Map<string, Set<number>>();
  // The tests that run it, by the name a selection uses (Go: the top-level test of a subtest).
  const names = new Map<string, Set<string>>();
  const read = new Map<string, { lines: string[]; spans: TestSpan[] }>();
  for (const h of search.lines([`'${command}'`, `"${command}"`], { maxPerFile: 40, maxTotal: 800 })) {
    if (roleOf(search, h.file) !== 'test' || !arg.test(h.text)) continue;
    if ((saidIn(search, h.file)(h.line)?.kind ?? 'text') !== 'text') continue;
    if (declaredIn && !sameLanguage(search, h.file, declaredIn)) continue;
    if (!read.has(h.file)) {
      const text = search.read(h.file) ?? '';
      read.set(h.file, { lines: text.split('\n'), spans: testSpansIn(h.file, text) });
    }
    const { lines, spans } = read.get(h.file)!;
    for (const t of testsAt(lines, spans, h.line)) {
      runs.set(h.file, (runs.get(h.file) ?? new Set()).add(t.line));
      const name = /\.go$/.test(h.file) && t.parents[0] ? t.parents[0] : t.name;
      names.set(h.file, (names.get(h.file) ?? new Set()).add(name));
    }
  }
  const [first, second] = [...runs].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  if (!first || first[1].size < 2 || (second && second[1].size === first[1].size)) return [];
  return [
    {
      file: first[0],
      command: '',
      // A run of the file's tests that run the command (node-tap's `t.test` titles too) selects them.
      selects: [...(names.get(first[0]) ?? [])],
      why: `the tests of \`${typed}\`, the command the requirement names: ${first[1].size} tests here run it`,
      uses: 0,
    },
  ];
}

/**
 * Nothing to follow, no test found: the plan changes the code the requirement names itself (a function or a
 * class it spells as code, `readQuery`'s identifiers, the reading the offline engine places them by), so the
 * tests of that code are where a new case goes: for each name in the requirement's order that a project
 * source file defines, the collected test file that uses it as code on the most lines (calls it, reads or
 * calls a member: a word in a test's title does not count), the first path on a tie. A file with a similar
 * name that never uses it does not count. `uses` 0: no sibling is tested there.
 */
export function namedCodeTests(search: TreeSearch, requirement: string): CoveringTest[] {
  const names = [...readQuery(requirement).identifiers].filter(specificName);
  if (!names.length) return [];
  const defined = new Set<string>();
  const sources = search
    .filesWith(names, { word: true })
    .filter((f) => roleOf(search, f) === 'source' && languageOf(search, f))
    .slice(0, NAMED_FILES);
  for (const f of sources)
    for (const item of outline(search.read(f) ?? '', languageOf(search, f)))
      if (names.includes(item.name)) defined.add(item.name);
  for (const x of names.filter((n) => defined.has(n))) {
    const re = usesAsCode(x);
    const count = new Map<string, number>();
    for (const h of search.lines([x], { word: true, maxPerFile: 200, maxTotal: 4000 }))
      if (roleOf(search, h.file) === 'test' && re.test(h.text))
        count.set(h.file, (count.get(h.file) ?? 0) + 1);
    const ranked = collected(search, [...count.keys()]).sort(
      (a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b),
    );
    if (ranked[0])
      return [
        {
          file: ranked[0],
          command: '',
          selects: [],
          why: `the tests that use \`${x}\`, which the requirement names`,
          uses: 0,
        },
      ];
  }
  return [];
}

/** At most this many source files are outlined for the names a requirement spells. */
const NAMED_FILES = 40;

/** The files among `files` where the runner collects a test. */
const collected = (search: TreeSearch, files: string[]) =>
  files.filter((f) => testSpansIn(f, search.read(f) ?? '').some((t) => !t.group));

/** A test module's name without the runner's affixes: `test_run.py`, `run_test.go`, `run.spec.ts` → `run`. */
const testStem = (path: string) =>
  fileStem(path.replace(/\.(test|spec)(?=\.[cm]?[jt]sx?$)/, '')).replace(/^tests?_|_tests?$/, '');

/**
 * The declaring module's own test file: one named after the module (its last part among the file name's
 * words) that imports it, where nothing tests the sibling itself. Null when none is.
 */
function ownTest(
  search: TreeSearch,
  sibling: Declaration,
  declarations: Declaration[],
  lead: string,
): CoveringTest[] | null {
  // A Rust file's own unit tests check its code, not its options: the neighbours' file comes first.
  if (sibling.file.endsWith('.rs')) return null;
  const own = importers(search, sibling, lead, true);
  if (!own[0]) return null;
  // Where it tests the neighbours too, said so, with the model a neighbour's test gives.
  return neighbours(search, sibling, declarations, lead, own[0].file) ?? own;
}

/**
 * The project paths (`jsModulePath`) a JavaScript or TypeScript line in `file` requires or
 * imports relatively (`require('../lib/wrap')` in `test/x.js` names `lib/wrap`). None that climbs above
 * the tree.
 */
export function relativeJs(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\brequire\s*\(|\bfrom\s+|\bimport\s*\(?)\s*(['"])(\.{1,2}\/[^'"]*)\1/g)) {
    const at = file.split('/').slice(0, -1);
    let ok = true;
    for (const part of m[2]!.split('/')) {
      if (part === '..') ok = at.pop() !== undefined && ok;
      else if (part && part !== '.') at.push(part);
    }
    if (ok) out.push(jsModulePath(at.join('/')));
  }
  return out;
}

/** A module's path as a require names it: no extension, no `index` (`lib/index.js` → `lib`). */
const jsModulePath = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, '').replace(/(^|\/)index$/, '');

/**
 * The modules a Python relative import in `file` names, as paths without `.py`: `from ..scripts import
 * fitsdiff` in `pkg/io/tests/test_x.py` names `pkg/io/scripts` and `pkg/io/scripts/fitsdiff`. None for
 * another line, or one that climbs above the tree.
 */
export function relativeImports(file: string, text: string): string[] {
  const m = /^\s*from\s+(\.+)([\w.]*)\s+import\s+\(?([\w\s,]+?)\)?\s*(?:#.*)?$/.exec(text);
  if (!m) return [];
  const dir = file.split('/').slice(0, -1);
  const up = m[1]!.length - 1;
  if (up > dir.length) return [];
  const from = [...dir.slice(0, dir.length - up), ...(m[2] ? m[2].split('.') : [])];
  const names = m[3]!
    .split(',')
    .map((n) => n.trim().split(/\s+as\s+/)[0]!)
    .filter(Boolean);
  return [from.join('/'), ...names.map((n) => [...from, n].join('/'))].filter(Boolean);
}

/** JavaScript and TypeScript test each other; a file of no known language (a `#!` script) matches any. */
function sameLanguage(search: TreeSearch, file: string, other: string): boolean {
  const family = (f: string) => languageOf(search, f)?.replace(/^TypeScript$/, 'JavaScript') ?? null;
  const a = family(file);
  const b = family(other);
  return !a || !b || a === b;
}

/**
 * The helpers of a test file (its functions that are no test) with the tests that use each: a test that
 * names the helper (calls it, or hands it on: `documentScenarios(t, …, describeCase)`), directly or through
 * one more helper. For a line: the innermost helper around it, with those tests (none: no test uses it).
 */
function helperUses(
  text: string,
  language: string | null,
  lines: string[],
  spans: TestSpan[],
): (line: number) => { name: string; tests: TestSpan[] } | undefined {
  const testLines = new Set(spans.filter((s) => !s.group).map((s) => s.line));
  const fns = outline(text, language).filter(
    (f) => f.kind === 'function' && !testLines.has(f.start_line) && f.name.length > 2,
  );
  const inside = (line: number) =>
    fns
      .filter((f) => f.start_line <= line && line <= f.end_line)
      .sort((a, b) => b.start_line - a.start_line)[0];
  const memo = new Map<string, TestSpan[]>();
  const usersOf = (name: string): TestSpan[] => {
    const known = memo.get(name);
    if (known) return known;
    const out = new Set<TestSpan>();
    let names = [name];
    const seen = new Set(names);
    for (let hop = 0; hop < 2 && names.length; hop++) {
      const named = new RegExp(`(?<![\\w$.])(?:${names.map(esc).join('|')})(?![\\w$])`);
      const next: string[] = [];
      lines.forEach((l, k) => {
        if (!named.test(l)) return;
        const test = innermostTest(spans, k + 1);
        const f = test ? undefined : inside(k + 1);
        if (test) out.add(test);
        else if (f && !seen.has(f.name)) {
          seen.add(f.name);
          next.push(f.name);
        }
      });
      names = next;
    }
    memo.set(name, [...out]);
    return [...out];
  };
  return (line) => {
    const f = inside(line);
    return f ? { name: f.name, tests: usersOf(f.name) } : undefined;
  };
}

/** The innermost test (not a group) whose lines hold `line`. */
const innermostTest = (spans: TestSpan[], line: number) =>
  spans.filter((s) => !s.group && s.line <= line && line <= s.end).sort((a, b) => b.line - a.line)[0];

/**
 * The tests a line of a test file belongs to: the innermost test around it, else the test below the
 * decorators it is in, else the tests that read the table it is a row of (`tableTests`).
 */
function testsAt(lines: string[], spans: TestSpan[], line: number): TestSpan[] {
  const test = innermostTest(spans, line) ?? decorated(lines, spans, line);
  return test ? [test] : tableTests(lines, spans, line);
}

/**
 * A row of a table declared at the top of a test file (Go's `var scenarios = []scenario{…}` in a file
 * or a `var (…)` block, Python's `CASES = [...]`) belongs to the tests that read the table by its name
 * (`range scenarios`, `parametrize("x", CASES)` on a decorator line above the test). None for a line in
 * no such table, or a table no test names.
 */
export function tableTests(lines: string[], spans: TestSpan[], line: number): TestSpan[] {
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  let depth = indent(lines[line - 1] ?? '');
  let name = '';
  for (let k = line - 1; k >= 1 && depth > 0; k--) {
    const l = lines[k - 1]!;
    if (!l.trim() || indent(l) >= depth) continue;
    depth = indent(l);
    const m = TABLE.exec(l);
    if (m) {
      name = m[1]!;
      // Declared at the top, or in a Go `var (` / `const (` block there.
      const top = lines
        .slice(0, k - 1)
        .reverse()
        .find((x) => x.trim() && indent(x) === 0);
      if (depth > 0 && !(top && /^(var|const)\s*\($/.test(top.trim()))) return [];
      break;
    }
  }
  if (!name) return [];
  const named = new RegExp(`(?<![\\w$.])${esc(name)}(?![\\w$])`);
  return spans.filter((s) => {
    if (s.group || (s.line <= line && line <= s.end)) return false;
    // The test's lines, and the decorator lines just above it.
    let from = s.line;
    while (from > 1 && /^\s*@/.test(lines[from - 2] ?? '')) from--;
    return lines.slice(from - 1, s.end).some((l) => named.test(l));
  });
}
/** A declaration of a table by name: `var cases = []c{`, `CASES = [`, `cases := []c{`, `const cases = [`. */
const TABLE =
  /^\s*(?:(?:var|const|let|static)\s+)?([A-Za-z_]\w*)\s*(?::\s*[^=]+)?(?::=|=(?![=>]))\s*(?:\[|\{|\(|[\w.*&]+\s*\{|map\[)/;

/**
 * Whether a line passes `flag` on a command line (or, any other name, uses it): the flag written as code
 * or in a command string, not only in a message (a string that reads as a sentence, "available. Try --all to list them", or one an
 * error, log or failure call is given) nor in a comment.
 */
export function passes(text: string, flag: string, said?: LineSaid): boolean {
  for (let k = text.indexOf(flag); k >= 0; k = text.indexOf(flag, k + 1)) {
    if (!contains(text.slice(Math.max(0, k - 2), k + flag.length + 2), flag, true)) continue;
    if (!saidOnly(text, k, flag.length, said)) return true;
  }
  return false;
}

/**
 * A prose line of a test file (`saidLines` in `lines.ts`): a comment or a docstring, or a line inside a
 * string that spans lines, with `before`, the code before that string on the line it opens on.
 */
export interface LineSaid {
  kind: 'comment' | 'doc' | 'text';
  before?: string;
}

const SAID = new WeakMap<TreeSearch, Map<string, (line: number) => LineSaid | undefined>>();

/** The prose lines of a file, read once per search: what `passes` and the other readers of a test line ask. */
function saidIn(search: TreeSearch, file: string): (line: number) => LineSaid | undefined {
  const known = SAID.get(search) ?? new Map<string, (line: number) => LineSaid | undefined>();
  SAID.set(search, known);
  const had = known.get(file);
  if (had) return had;
  const lines = (search.read(file) ?? '').split('\n');
  const said = saidLines(lines, languageOf(search, file));
  const reader = (line: number): LineSaid | undefined => {
    const s = said.get(line);
    if (!s) return undefined;
    if (s.kind !== 'text' || !s.from) return { kind: s.kind };
    // The code before the string's opening quote (`help="""`, `description: \``), its prefix letters off.
    const opener = /^(.*)(?:"""|'''|`|")/.exec(lines[s.from - 1] ?? '')?.[1] ?? '';
    return { kind: 'text', before: opener.replace(/[rRbBuUfF]*#*["'`]*$/, '') };
  };
  known.set(file, reader);
  return reader;
}

/**
 * Whether the `length` characters at `k` are only said, not used: in a comment, or in a string that reads
 * as a sentence, or that an error, a log line, a failure or an assertion's expected value is made of.
 */
function saidOnly(text: string, k: number, length: number, said?: LineSaid): boolean {
  if (said && said.kind !== 'text') return true;
  if (said) {
    // The whole line is a string's content: prose where it reads as a sentence or the string is given to
    // a message or a key of prose.
    const words = `${text.slice(0, k)} ${text.slice(k + length)}`;
    return SENTENCE.test(words) || CLAUSE.test(words) || MESSAGE_CALL.test(said.before ?? '');
  }
  const at = stringAround(text, k);
  if (at === 'comment') return true;
  if (!at) return false;
  const words = `${text.slice(at.start, k)} ${text.slice(k + length, at.end)}`;
  // A message's prefix (`error: …`), not a line of a config file written in one string (`a: 1\nb: 2`).
  const prefixed = PREFIX.test(text.slice(at.start, k)) && !text.slice(at.start, at.end).includes('\\n');
  return (
    SENTENCE.test(words) || CLAUSE.test(words) || prefixed || MESSAGE_CALL.test(text.slice(0, at.start - 1))
  );
}
/** A word that ends a sentence: `available. Try`, `Done!`. */
const SENTENCE = /[A-Za-z]{2}[.!?](?=\s|\\n|$)/;
/** A clause break between words, as prose has and a command line does not: `legacy behaviour, see`. */
const CLAUSE = /[A-Za-z]{2}, [a-z]{2}/;
/** A message's prefix at the start of a string: `error: x`, `kiln: x`. */
const PREFIX = /^\s*[A-Za-z][\w-]*: /;
/**
 * The text before a string that an error, a log line, a failure or an assertion's expected value is made of,
 * or that a key or keyword of prose is given (`help=`, `description:`, a test table's `subdescription:`).
 */
const MESSAGE_CALL =
  /(?:(?:\b(?:Errorf?|Fatalf?|Logf?|Skipf?|Printf|Println|fail|Fail|panic|New|warn|print)|Error|Exception|\b(?:[Mm]sg|[Mm]essage|(?:[Ss]ub)?[Dd]escription|[Dd]esc|[Hh]elp|[Ss]ummary|[Nn]ote|[Hh]int|[Rr]eason)\s*[=:])\s*\(?|\b(?:assert\w*!?|Equal\w*|Contains|expect|to(?:Be|Equal|Contain|Match)\w*)\s*\((?:\s*\w+\s*,)?|\bassert\s|[=!]=)\s*$/;

/**
 * The string literal around position `k` of a line (its content's start and end), `comment` where the
 * position is in a comment, null where it is in code.
 */
function stringAround(text: string, k: number): { start: number; end: number } | 'comment' | null {
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) {
        if (start <= k && k < i) return { start, end: i };
        quote = '';
      }
      continue;
    }
    if (i >= k) return null;
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      start = i + 1;
    } else if (
      (c === '/' && text[i + 1] === '/') ||
      (c === '#' && !/[[!]/.test(text[i + 1] ?? '') && (i === 0 || /\s/.test(text[i - 1]!)))
    )
      return 'comment';
  }
  return quote && start <= k ? { start, end: text.length } : null;
}

/**
 * The test a decorator line belongs to (`@pytest.mark.parametrize(…)` and the rows of its table, `@pytest.mark.sphinx(…,
 * confoverrides={…})` above `def test_…`): the line is in a run of decorator lines (one that starts with
 * `@`, and the lines of its arguments) that ends where a test starts.
 */
function decorated(lines: string[], spans: TestSpan[], line: number) {
  // A parametrize table can run for dozens of rows.
  const next = spans
    .filter((s) => !s.group && s.line > line && s.line - line <= DECORATOR_LINES)
    .sort((a, b) => a.line - b.line)[0];
  if (!next) return undefined;
  const between = lines.slice(line - 1, next.line - 1);
  if (between.some((l) => /^\s*(def|class|async def)\b/.test(l))) return undefined;
  for (let k = line; k >= Math.max(1, line - DECORATOR_LINES); k--) {
    const l = lines[k - 1] ?? '';
    if (/^\s*@/.test(l)) return next;
    if (!l.trim() || /^\s*(def|class)\b/.test(l)) return undefined;
  }
  return undefined;
}
const DECORATOR_LINES = 40;

/** The words of the declaring module's name (`src/tool/logging.py` → ['logging']), not `cli`-like generic ones. */
function moduleWords(path: string): string[] {
  const base = fileStem(path);
  if (/^(__init__|index|main|mod|lib|__main__)$/.test(base)) return [];
  return wordsOf(base).filter((w) => w.length > 2);
}

/**
 * What a plan says of a model test: where it is, what it does, the command that runs it (a selection of a
 * test that exists), and the test to add like it for the requested thing (named after the model where the
 * sibling's name stands in the model's); `case` is the same as one test case. Null without a model.
 */
export function modelAdvice(
  t: Pick<CoveringTest, 'file' | 'model'>,
  requested: string,
  sibling: string | undefined,
  narrow?: string,
): { sentence: string; case: string; name?: string } | null {
  const m = t.model;
  if (!m) return null;
  const like = sibling && !m.of ? testNameLike(m.name, sibling, requested) : undefined;
  const name = like !== m.name ? like : undefined;
  const at = `${t.file}:${m.line}${m.end > m.line ? `–${m.end}` : ''}`;
  // Only a command that selects it (a runner without a selection runs the whole file).
  const selects = narrow && [m.name, esc(m.name).replace(/\//g, '\\/')].some((x) => narrow.includes(x));
  const run = selects ? `; \`${narrow}\` runs it` : '';
  const add = name
    ? `Add \`${name}\` like it for \`${requested}\``
    : `Add a test like it for \`${requested}\``;
  return {
    sentence: `The model: \`${m.name}\` (${at}) ${m.does}${run}. ${add}.`,
    case: `${name ? `\`${name}\`` : 'A test'} of \`${requested}\` in \`${t.file}\`, like \`${m.name}\` (${t.file}:${m.line}), which ${m.does}`,
    ...(name ? { name } : {}),
  };
}

/** A snapshot a test runner records and compares (`snapshotLines` in `search.ts` finds them). */
export const SNAPSHOT = /(^|\/)(snapshots\/.*\.snap|__snapshots__\/.*|tap-snapshots\/.*)$/;

/**
 * The snapshots that spell the sibling's option (`--x` in a recorded `--help`): they list the new option
 * too once it exists, so they change with it, regenerated by the runner's snapshot tool (`cargo insta
 * review`, `jest -u`, tap's `--snapshot`) rather than edited by hand. The option's command-line spelling
 * only: a snapshot that names the word elsewhere records another output. At most two.
 */
export function snapshotsOf(search: TreeSearch, sibling: Declaration | undefined): CoveringTest[] {
  if (!sibling) return [];
  const flags = identifiersOf(sibling)
    .ids.filter((i) => /^-*[A-Za-z][\w-]*$/.test(i))
    .map((i) => `--${i.replace(/^-+/, '')}`);
  const first = new Map<string, Hit>();
  for (const h of search.snapshotLines(flags))
    if (SNAPSHOT.test(h.file) && !first.has(h.file) && flags.some((f) => contains(h.text, f, true)))
      first.set(h.file, h);
  return [...first.values()].slice(0, 2).map((h) => ({
    file: h.file,
    command: '',
    selects: [],
    why: `records output that lists \`${flags.find((f) => contains(h.text, f, true))}\` (line ${h.line}): the test runner's snapshot, regenerated with its snapshot tool after the change, not edited by hand`,
    uses: 0,
  }));
}

/**
 * A family of options named after what each acts on (`--keep-percent-format`, `--keep-mock`) whose tests
 * are one module per such thing: where a ranked test file is named after the sibling's own words (its name
 * without the words the two names share: `percent_format_test.py`), the module beside it named after the
 * requested name's own words (`mock_test.py`) holds the tests of what the new option changes. First, said
 * as such (`uses` 0); nothing where the names share no word or either has no word of its own.
 */
export function counterpartTests(
  search: TreeSearch,
  tests: CoveringTest[],
  sibling: Declaration | undefined,
  requested: string | undefined,
): CoveringTest[] {
  if (!sibling || !requested) return tests;
  const sib = wordsOf(sibling.name);
  const req = wordsOf(requested);
  const mine = req.filter((w) => !sib.includes(w));
  const theirs = sib.filter((w) => !req.includes(w));
  if (!mine.length || !theirs.length || mine.length === req.length) return tests;
  const own = (f: string) =>
    wordsOf(fileStem(f)).filter((w) => w !== 'test' && w !== 'tests' && w !== 'spec');
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, k) => w === b[k]);
  const model = tests.find((t) => same(own(t.file), theirs));
  if (!model) return tests;
  const dir = model.file.slice(0, model.file.lastIndexOf('/') + 1);
  const ext = /\.\w+$/.exec(model.file)?.[0] ?? '';
  const found = search.inventory.files
    .map((f) => f.path)
    .find(
      (f) =>
        f !== model.file &&
        f.startsWith(dir) &&
        !f.slice(dir.length).includes('/') &&
        f.endsWith(ext) &&
        roleOf(search, f) === 'test' &&
        same(own(f), mine),
    );
  if (!found || tests.some((t) => t.file === found)) return tests;
  return [
    {
      file: found,
      command: '',
      selects: [],
      why: `named after \`${mine.join(' ')}\`, the requested name's own words, as \`${model.file}\` is after the sibling's \`${theirs.join(' ')}\`: the tests of what it acts on`,
      uses: 0,
    },
    ...tests,
  ];
}

/**
 * The API form of one-word options: a command-line option often has a method of the same word on the
 * project's library object (`--orphans` beside `orphans()` of the module the program calls), and that
 * library's tests call the method (`res.orphans()`), testing the same thing in another spelling. For each
 * word: the test lines that call `.word(` in a test file that imports a project source file defining a
 * function or method of that word (JavaScript: a relative require or import of it; Python: an import of its
 * module). A method of that word defined nowhere in the project, or in a module the test does not import,
 * is another object's.
 */
export function apiCalls(search: TreeSearch, words: string[]): Map<string, Hit[]> {
  const out = new Map<string, Hit[]>();
  const wanted = words.filter((w) => /^[A-Za-z_$][\w$]{2,}$/.test(w));
  if (!wanted.length) return out;
  const calls = search
    .lines(
      wanted.map((w) => `.${w}(`),
      { maxPerFile: 30, maxTotal: 2000 },
    )
    .filter((h) => roleOf(search, h.file) === 'test');
  if (!calls.length) return out;
  const called = wanted.filter((w) => calls.some((h) => h.text.includes(`.${w}(`)));
  const definedIn = new Map<string, Set<string>>();
  for (const h of search.lines(
    called.flatMap((w) => [`${w}(`, `${w} (`]),
    { maxPerFile: 50, maxTotal: 4000 },
  ))
    if (roleOf(search, h.file) === 'source')
      for (const w of called)
        if (definesFunction([h.text], w)) definedIn.set(w, (definedIn.get(w) ?? new Set()).add(h.file));
  const imported = new Map<string, string[]>();
  const importsOf = (file: string) => {
    const had = imported.get(file);
    if (had) return had;
    const paths = importedPaths(file, search.read(file) ?? '');
    imported.set(file, paths);
    return paths;
  };
  for (const h of calls)
    for (const w of called) {
      const defs = definedIn.get(w);
      if (!defs || !new RegExp(`\\.${esc(w)}\\s*\\(`).test(h.text)) continue;
      const paths = importsOf(h.file);
      if (![...defs].some((d) => paths.includes(moduleKey(d)))) continue;
      out.set(w, [...(out.get(w) ?? []), h]);
    }
  return out;
}

/** A source file as an import names it: its path without extension, `index` or `__init__`. */
const moduleKey = (path: string) => jsModulePath(path.replace(/(\/__init__)?\.py$/, ''));

/**
 * The project paths (`moduleKey`) a test file imports: JavaScript and TypeScript relative requires and
 * imports, Python absolute imports (`from a.b import c`: `a/b` and `a/b/c`, with `src/` and `lib/` layouts
 * too) and relative ones.
 */
function importedPaths(file: string, text: string): string[] {
  if (/\.[cm]?[jt]sx?$/.test(file)) return relativeJs(file, text);
  if (!file.endsWith('.py')) return [];
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const from = /^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+\(?([\w\s,]+)/.exec(line);
    const plain = /^\s*import\s+([A-Za-z_][\w.]*)/.exec(line);
    const mods = from
      ? [from[1]!, ...from[2]!.split(',').map((n) => `${from[1]}.${n.trim().split(/\s+/)[0]}`)]
      : plain
        ? [plain[1]!]
        : [];
    for (const m of mods) {
      const p = m.replace(/\./g, '/');
      out.push(p, `src/${p}`, `lib/${p}`);
    }
    out.push(...relativeImports(file, line));
  }
  return out;
}
