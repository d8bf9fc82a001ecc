import { describe, expect, it } from 'vitest';
import { offlineWork } from '../../test/offline-work.js';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { explore } from '../explore/explore.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { precedentPhases } from '../planning/offline/phases-precedent.js';
import { precedentOf } from '../planning/offline/precedent-of.js';
import { commandModule, counterpartCalls, effectOf, effectSaid, scopeModule } from './effect.js';
import { precedentFacts } from './facts.js';
import { readRequested } from './requested.js';
import { TreeSearch } from './search.js';

const project = tempProjects('effect');

/**
 * A pager written for this test: two options on the command line, a renderer that already counts blank
 * rows in a row, a helper that counts blank rows at all, and a row total that shares one word.
 */
const PAGER: Record<string, string> = {
  'pagecat/cli.py': `import argparse


def build_parser():
    p = argparse.ArgumentParser(prog="pagecat")
    p.add_argument("--tab-width", type=int, default=4, help="columns per tab stop")
    p.add_argument("--wrap", action="store_true", help="wrap long rows at the terminal edge")
    return p
`,
  'pagecat/render.py': `class Renderer:
    def __init__(self, opts):
        self.opts = opts
        self.consecutive_blank_rows = 0

    def emit_row(self, row):
        if not row.strip():
            self.consecutive_blank_rows += 1
        else:
            self.consecutive_blank_rows = 0
        return row.expandtabs(self.opts.tab_width)
`,
  'pagecat/stats.py': `def count_blank_rows(rows):
    return sum(1 for r in rows if not r.strip())


def rows_total(rows):
    return len(rows)
`,
  'tests/test_render.py': `def test_consecutive_blank_rows_start_at_zero():
    pass
`,
};

const said = (requirement: string) => effectSaid(requirement, readRequested(requirement)!);
const effectIn = (root: string, requirement: string) =>
  effectOf(
    new TreeSearch(root, projectFiles(root), inventory(root)),
    requirement,
    readRequested(requirement)!,
  );

describe('what the requested thing does, in the requirement’s words', () => {
  it('is the clause after the name, as written', () => {
    expect(said('Add `--blank-limit` option to cap how many consecutive blank rows are shown')).toBe(
      'to cap how many consecutive blank rows are shown',
    );
    // Past the other spellings and the kind words.
    expect(said('Add `--keep-going` / `-k` flag that runs every stage even after one fails.')).toBe(
      'that runs every stage even after one fails',
    );
  });

  it('is not the place the thing goes', () => {
    expect(said('Add a `--color` option to the `show` command')).toBe('');
    expect(said('Add `--dry-run` to pager-tools to print the rows without paging')).toBe(
      'to print the rows without paging',
    );
    expect(said('Add `--stdin-name` option to pager')).toBe('');
  });

  it('is nothing when the requirement says nothing past the name', () => {
    expect(said('Add new `-q, --quiet` flag')).toBe('');
  });
});

describe('where the project already does that', () => {
  it('a field named by three words in a row is read in the function that is not its constructor: sure', () => {
    const root = project(PAGER);
    const e = effectIn(root, 'Add `--blank-limit` option to cap how many consecutive blank rows are shown')!;
    expect(e.says).toBe('to cap how many consecutive blank rows are shown');
    expect(e.at[0]).toMatchObject({
      file: 'pagecat/render.py',
      line: 8,
      symbol: 'Renderer.emit_row',
      sure: true,
    });
    expect(e.at[0]!.why).toBe(
      '`consecutive_blank_rows` (pagecat/render.py:4), named for "consecutive blank rows", is used here',
    );
    // Two words in a row, one of them the requested name's, would be a candidate, unsure: beside a sure
    // place it is left out (words the code shares). One shared word is none, and a test is no place where
    // it takes effect.
    expect(e.at).toHaveLength(1);
  });

  it('a requirement that says nothing past the name: code named by a phrase of the name, unsure', () => {
    const root = project(PAGER);
    const e = effectIn(root, 'Add the `pager_keep_blank_rows` setting')!;
    expect(e.says).toBe('pager_keep_blank_rows');
    expect(e.at.map((x) => [x.symbol, x.sure])).toEqual([
      ['count_blank_rows', false],
      ['Renderer.emit_row', false],
    ]);
    // One word of a name is no phrase: nothing to say.
    expect(effectIn(root, 'Add new `-q, --quiet` flag')).toBeNull();
  });

  it('the requested name’s own words and a single shared word are no evidence', () => {
    const root = project(PAGER);
    expect(effectIn(root, 'Add `--blank-rows` option to hide rows')!.at).toEqual([]);
    expect(effectIn(root, 'Add `--row-totals` flag to print the total of rows')!.at).toEqual([]);
  });

  it('a file named by the phrase is a candidate; a phrase named in many files is the project’s vocabulary', () => {
    const many: Record<string, string> = {};
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      many[`lib/${n}.rs`] = `pub fn ${n}_exit_status() -> i32 {\n    0\n}\n`;
    const root = project({
      'Cargo.toml': '[package]\nname = "finder"\nversion = "0.1.0"\n',
      'src/exit_codes.rs': 'pub fn for_result(found: bool) -> i32 {\n    if found { 0 } else { 1 }\n}\n',
      ...many,
    });
    const e = effectIn(root, 'Add `--silent` flag to report matches through exit codes only')!;
    expect(e.at).toEqual([
      expect.objectContaining({ file: 'src/exit_codes.rs', line: 1, symbol: 'exit_codes', sure: false }),
    ]);
    expect(effectIn(root, 'Add `--silent` flag to report the exit status')!.at).toEqual([]);
  });

  it('a translation catalog that quotes the sibling’s help is no place of its footprint', async () => {
    const root = project({
      ...PAGER,
      'pagecat/locale/fr/messages.po':
        '#: pagecat/cli.py:7\nmsgid "--wrap"\nmsgstr ""\n\nmsgid "wrap long rows at the terminal edge"\nmsgstr ""\n',
    });
    const p = await precedentAt(root, 'Add a `--wrap-indent` flag to indent rows that --wrap wraps');
    expect(p.sibling?.name).toBe('--wrap');
    expect(p.footprint.map((e) => e.file)).toContain('pagecat/cli.py');
    expect(p.footprint.map((e) => e.file)).not.toContain('pagecat/locale/fr/messages.po');
  });

  it('reaches hosts and models through the facts, hedged unless sure', async () => {
    const root = project(PAGER);
    const p = await precedentAt(
      root,
      'Add `--blank-limit` option to cap how many consecutive blank rows are shown',
    );
    expect(p.verdict).toBe('new');
    // Why the sibling was chosen reaches them too, in the analysis' words.
    expect(precedentFacts(p).reason).toMatch(/^no option with this name or a synonym; the nearest is `/);
    expect(precedentFacts(p).effect).toEqual({
      says: 'to cap how many consecutive blank rows are shown',
      at: [
        'pagecat/render.py:8 Renderer.emit_row (`consecutive_blank_rows` (pagecat/render.py:4), named for "consecutive blank rows", is used here)',
      ],
    });
  });
});

describe('where it takes effect beyond a phrase of its words', () => {
  const TOOL: Record<string, string> = {
    'fetchit/cli.py': `import argparse

ENV_HELP = [
    ("FETCHIT_NO_CACHE", "Skip the local cache of answers"),
]


def build_parser():
    p = argparse.ArgumentParser(prog="fetchit")
    p.add_argument("url")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait")
    return p


def main():
    args = build_parser().parse_args()
    return run(args)


def run(args):
    limit = args.timeout
    return send(args, limit)
`,
    'fetchit/client.py': `import os


def cached(url):
    if os.environ.get("FETCHIT_NO_CACHE"):
        return None
    return url


def send(args, limit):
    target = args.url
    return target, limit


def describe(args):
    return "GET " + args.url
`,
    'fetchit/runner.py': `class Runner:
    def check_one(self, item):
        if self.opts.checks_quiet:
            return item
        return item

    def run_all(self, items):
        done = []
        for item in items:
            done.append(self.check_one(item))
        return done
`,
  };
  const effectWith = (root: string, requirement: string, context: Parameters<typeof effectOf>[3]) =>
    effectOf(
      new TreeSearch(root, projectFiles(root), inventory(root)),
      requirement,
      readRequested(requirement)!,
      context,
    );

  it('a name the request writes as code is read where the requested thing acts alike: sure in one function', () => {
    const root = project(TOOL);
    const e = effectWith(
      root,
      'Add `--no-cache` flag which works like `FETCHIT_NO_CACHE` when the environment cannot be set',
      // The environment read is also its declaration: still a read.
      { registered: [{ file: 'fetchit/client.py', line: 5 }] },
    )!;
    // The help table's row is prose beside the name, not a read.
    expect(e.at).toEqual([
      expect.objectContaining({ file: 'fetchit/client.py', line: 5, symbol: 'cached', sure: true }),
    ]);
    expect(e.at[0]!.why).toBe('`FETCHIT_NO_CACHE`, which the request names, is read here');
    // A name that is no environment variable: where it is read is a model to read first, not surely the place.
    expect(
      effectWith(
        root,
        'Add `--max-wait` option which works like `limit` in `run` when `args.timeout` is unset',
        {},
      )!.at,
    ).toEqual([expect.objectContaining({ file: 'fetchit/cli.py', symbol: 'run', sure: false })]);
  });

  it('the input its words act on, read as the sibling is read, is a candidate outside the sibling’s files', () => {
    const root = project(TOOL);
    const e = effectWith(root, 'Add `--keep-dots` flag to send the URL without collapsing its dot segments', {
      sibling: '--timeout',
      lines: [{ file: 'fetchit/cli.py', line: 22, text: '    limit = args.timeout', symbol: 'run' }],
    })!;
    expect(e.at.map((x) => [x.file, x.line, x.symbol, x.sure])).toEqual([
      ['fetchit/client.py', 11, 'send', false],
      ['fetchit/client.py', 16, 'describe', false],
    ]);
    expect(e.at[0]!.why).toBe(
      'reads `args.url` ("url" in the request) from `args`, as `--timeout`\'s value is read; its body also says "send"',
    );
    // A function named by three words of the request is sure: the inputs read by shared words are left out.
    const sure = project({
      ...TOOL,
      'fetchit/paths.py': `def remove_dot_segments(path):
    return path.replace("/./", "/")
`,
    });
    expect(
      effectWith(sure, 'Add `--keep-dots` flag to send the URL as typed, past the remove dot segments step', {
        sibling: '--timeout',
        lines: [{ file: 'fetchit/cli.py', line: 22, text: '    limit = args.timeout', symbol: 'run' }],
      })!.at.map((x) => [x.file, x.symbol, x.sure]),
    ).toEqual([['fetchit/paths.py', 'remove_dot_segments', true]]);
    // Without the sibling's reads there is no object to read it on: no place from one word.
    expect(
      effectWith(root, 'Add `--keep-dots` flag to send the URL without collapsing its dot segments', {})!.at,
    ).toEqual([]);
  });

  it('a word read in another form on a chained carrier: many readers keep those whose body says more of the request', () => {
    // A test reporter written for this test: its options live on `this.opts`; seven functions read the
    // verbosity, one of them where the footer is written, and one only sets it.
    const readers = ['header', 'progress', 'failure', 'skip', 'timing', 'warning']
      .map(
        (n) => `  ${n}Line(item) {
    if (this.opts.verbose > 1) return item.name;
    return '';
  }
`,
      )
      .join('\n');
    const root = project({
      'spool/reporter.js': `class Reporter {
  constructor(ctx) {
    this.opts = ctx.opts;
  }

  dotLine(item) {
    if (this.opts.colors) return item.mark;
    return '.';
  }

${readers}
  writeFooter(counts) {
    // the footer lists every failed test at high verbosity
    if (this.opts.verbose >= 2) return counts.failed.join('\\n');
    return String(counts.failed.length);
  }

  quiet(counts) {
    this.opts.verbose = 0;
    return counts;
  }
}

module.exports = { Reporter };
`,
    });
    const lines = [
      {
        file: 'spool/reporter.js',
        line: 7,
        text: '    if (this.opts.colors) return item.mark;',
        symbol: 'Reporter.dotLine',
      },
    ];
    const ask = 'Add `--terse-footer` flag to print a condensed footer regardless of verbosity level';
    const e = effectWith(root, ask, { sibling: '--colors', lines })!;
    // "verbosity" is read as `opts.verbose` in eight functions: only the one that also writes the footer
    // (a word of the requested name past the sibling's) is kept; setting it is no read.
    expect(e.at.map((x) => [x.line, x.symbol, x.sure])).toEqual([[43, 'Reporter.writeFooter', false]]);
    expect(e.at[0]!.why).toBe(
      'reads `opts.verbose` ("verbosity" in the request) from `opts`, as `--colors`\'s value is read; its body also says "footer"',
    );
  });

  it('a request to stop at the first failure takes effect in the loop that calls where the sibling is read', () => {
    const root = project(TOOL);
    const lines = [
      {
        file: 'fetchit/runner.py',
        line: 3,
        text: '        if self.opts.checks_quiet:',
        symbol: 'Runner.check_one',
      },
    ];
    const e = effectWith(root, 'Add `checks_stop_first` option to stop after the first failed check', {
      sibling: 'checks_quiet',
      lines,
    })!;
    expect(e.at).toEqual([
      expect.objectContaining({ file: 'fetchit/runner.py', line: 10, symbol: 'Runner.run_all', sure: false }),
    ]);
    expect(e.at[0]!.why).toBe(
      'calls `check_one` (where `checks_quiet` is read) once per item of `for item in items`: the loop a stop would end',
    );
    // Not a request to stop early: no loop is a place.
    expect(
      effectWith(root, 'Add `checks_show_items` option to print every checked item twice', {
        sibling: 'checks_quiet',
        lines,
      })!.at,
    ).toEqual([]);
  });
});

describe('the literal a separator option replaces', () => {
  /** An exporter written for this test: nested keys flattened with a hard-coded joiner, and a CLI. */
  const EXPORTER: Record<string, string> = {
    'package.json': '{"name": "flatkeys", "version": "1.0.0"}\n',
    'src/cli.js': `const args = require('yargs').option('indent', { type: 'number' }).argv;
module.exports = args;
`,
    'src/dotenv_writer.js': `// Keys are joined with "." below; see flatKey.
function flatKey(prefix, key) {
  if (!prefix) return "." + key;
  return prefix + "." + key;
}

function line(key, value) {
  return \`\${key}=\${value}\`;
}

module.exports = { flatKey, line };
`,
    'src/table_writer.js': `function cell(row, col) {
  return row + "." + col;
}
module.exports = { cell };
`,
  };

  it('a name ending in a joiner word: the punctuation literal that joins parts in the component its other words name, sure in one function, cited where it stands between two parts', () => {
    const root = project(EXPORTER);
    const e = effectIn(root, 'Add `--dotenv-key-separator` option to choose how nested keys are joined')!;
    expect(e.at[0]).toMatchObject({ file: 'src/dotenv_writer.js', line: 4, symbol: 'flatKey', sure: true });
    expect(e.at[0]!.why).toBe(
      'the literal `"."` joins parts here, in code named for "dotenv": the value of `--dotenv-key-separator` would replace it',
    );
    // The same literal in code its name's words do not name is not where it goes; a comment is no use.
    expect(e.at.some((x) => x.file === 'src/table_writer.js' || x.line === 1)).toBe(false);
  });

  it('joins in two functions are candidates to read; no joiner word in the name, no literal sought', () => {
    const root = project({
      ...EXPORTER,
      'src/dotenv_reader.js': `function splitKey(key) {
  return key.split(".");
}
module.exports = { splitKey };
`,
    });
    const e = effectIn(root, 'Add `--dotenv-key-separator` option to choose how nested keys are joined')!;
    expect(e.at.filter((x) => x.why.startsWith('the literal')).map((x) => [x.symbol, x.sure])).toEqual([
      ['splitKey', false],
      ['flatKey', false],
    ]);
    const none = effectIn(root, 'Add `--dotenv-key-case` option to choose how nested keys are joined');
    expect((none?.at ?? []).some((x) => x.why.startsWith('the literal'))).toBe(false);
  });
});

describe('the module of a command the requirement names', () => {
  /** A small tool written for this test: commands in their own modules, a dispatch that quotes their names. */
  const SHELF: Record<string, string> = {
    'package.json': '{ "name": "shelf", "bin": { "shelf": "bin/shelf.js" } }\n',
    'bin/shelf.js': "require('yargs').commandDir('../lib/commands').parse()\n",
    'lib/commands/pack.js': `exports.command = 'pack <input>'

exports.builder = function (yargs) {
  return yargs.option('level', { type: 'number', describe: 'how hard to squeeze the files' })
}

exports.handler = function (argv) {
  console.log('packing', argv.input)
}
`,
    'lib/commands/unpack.js': "exports.command = 'unpack'\nexports.handler = function () {}\n",
    // A runner's recorded output, named like a test: no place for a new test.
    'tap-snapshots/test-cli.js-TAP.test.js': "exports['pack prints'] = 'packing'\n",
    'tidy/main.py': `from tidy import commands


def run(args):
    if args.command == "sweep":
        return commands.sweep_all(args.force)
    elif args.command == "list":
        return commands.show(args)
`,
    'tidy/commands/__init__.py': 'from tidy.commands.sweep import sweep_all\n',
    'tidy/commands/sweep.py': `def gather(path):
    return [path]


def sweep_all(force):
    for p in gather("."):
        print(p)
`,
  };

  it('a change asked of a command with no thing named: the handler of the module named for it', async () => {
    const p = await precedentAt(project(SHELF), 'Allow `shelf pack` to pack files in place');
    expect(p.requested).toBeNull();
    expect(p.effect?.says).toBe('to pack files in place');
    expect(p.effect?.at).toEqual([
      expect.objectContaining({ file: 'lib/commands/pack.js', line: 7, symbol: 'handler', sure: true }),
    ]);
  });

  it('a check of that handler that refuses what the request asks today is part of the place', async () => {
    const refusing = SHELF['lib/commands/pack.js']!.replace(
      "  console.log('packing', argv.input)",
      `  if (argv.output === argv.input) {
    console.error('shelf pack failed: cannot pack files in place')
    process.exitCode = 1
    return
  }
  console.log('packing', argv.input)`,
    );
    const p = await precedentAt(
      project({ ...SHELF, 'lib/commands/pack.js': refusing }),
      'Allow `shelf pack` to pack files in place',
    );
    expect(p.effect?.at).toEqual([
      expect.objectContaining({
        line: 7,
        symbol: 'handler',
        why: expect.stringContaining(
          'its check `if (argv.output === argv.input) {` (line 8) refuses it today ("shelf pack failed: cannot pack files in place"): the change must let it pass',
        ),
      }),
    ]);
    // Not where nothing refuses.
    const plain = await precedentAt(project(SHELF), 'Allow `shelf pack` to pack files in place');
    expect(plain.effect?.at[0]?.why).not.toContain('refuses');
  });

  it('the offline plan changes that handler, and places no test among the recorded snapshots', async () => {
    const root = project(SHELF);
    const requirement = 'Allow `shelf pack` to pack files in place';
    const report = explore(root, { for: requirement });
    const w = offlineWork(root, requirement, await precedentOf(root, requirement, report), report);
    const phases = precedentPhases(w);
    const modify = phases.flatMap((ph) => ph.steps.flatMap((s) => s.files_to_modify));
    expect(w.questions).toEqual([]);
    expect(modify[0]).toMatchObject({ path: 'lib/commands/pack.js', edit_points: [{ symbol: 'handler' }] });
    expect(
      phases.flatMap((ph) => ph.steps.flatMap((s) => s.files_to_create.map((f) => f.path))),
    ).not.toContainEqual(expect.stringMatching(/^tap-snapshots\//));
  });

  it('the function the dispatch hands the command to, not another of its module', () => {
    const root = project(SHELF);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    expect(commandModule(search, ['tidy sweep'])).toMatchObject({
      file: 'tidy/commands/sweep.py',
      line: 5,
      symbol: 'sweep_all',
      sure: true,
    });
    // No module is named for `list`; a command compared with (`like`) is none.
    expect(commandModule(search, ['tidy list'])).toBeNull();
  });
});

describe('a switch whose word is the counterpart of a call the command makes', () => {
  /**
   * A small tool written for this test: `lamp link` puts a folder on the search path through a module it
   * imports, and keeps a list of its own on the way; `kit add` (JavaScript) lists a package through a
   * required module.
   */
  const LAMP: Record<string, string> = {
    'lamp/__init__.py': '',
    'lamp/main.py': `import argparse

from lamp.commands.link import link_all


def parser():
    p = argparse.ArgumentParser(prog="lamp")
    sub = p.add_subparsers(dest="command")
    link = sub.add_parser("link", help="put lamp's folder on the search path")
    link.add_argument("--force", action="store_true", help="link even when the folder is there already")
    return p


def run(argv):
    args = parser().parse_args(argv)
    if args.command == "link":
        return link_all(force=args.force)
`,
    'lamp/commands/__init__.py': '',
    'lamp/commands/link.py': `import shellrc  # the rc-file editor


def link_one(folder, *, force):
    done = []
    if force or not shellrc.present(folder):
        shellrc.append(folder, "lamp")
        done.append(folder)
    return done


def link_all(force):
    for folder in ["~/.lamp/bin"]:
        link_one(folder, force=force)
`,
    'pyproject.toml': '[project]\nname = "lamp"\ndependencies = ["shellrc>=1.0"]\n',
    'tests/test_link.py': 'def test_link_runs():\n    pass\n',
  };

  it('takes effect where the command calls the counterpart (`--prepend` at `shellrc.append`): sure', async () => {
    const p = await precedentAt(
      project(LAMP),
      'Add a `--prepend` option to the `lamp link` command to put the folder at the front of the search path instead of the end',
    );
    expect(p.sibling?.name).toBe('--force');
    expect(p.effect?.at[0]).toMatchObject({
      file: 'lamp/commands/link.py',
      line: 7,
      symbol: 'link_one',
      sure: true,
      why: expect.stringContaining('`shellrc.append(…)` is the counterpart of "prepend"'),
    });
    // The call the switch makes instead, and the check the call is made under: part of the place.
    expect(p.effect?.at[0]?.why).toContain('`shellrc.prepend(…)` the other way');
    expect(p.effect?.at[0]?.why).toContain(
      'made only under `if force or not shellrc.present(folder):` (line 6)',
    );
  });

  it('a local list’s `.append` is no such call, and a name with no counterpart word seeks none', () => {
    const root = project({
      ...LAMP,
      'lamp/commands/link.py': LAMP['lamp/commands/link.py']!.replace(
        'shellrc.append(folder, "lamp")',
        'pass',
      ),
    });
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const fns = [{ file: 'lamp/commands/link.py', symbol: 'link_one' }];
    const prepend = readRequested('Add a `--prepend` switch to `lamp link`')!;
    expect(counterpartCalls(search, prepend, fns)).toEqual([]);
    const full = new TreeSearch(project(LAMP), projectFiles(project(LAMP)), inventory(project(LAMP)));
    expect(counterpartCalls(full, readRequested('Add a `--quiet` switch to `lamp link`')!, fns)).toEqual([]);
    expect(counterpartCalls(full, prepend, fns)).toHaveLength(1);
  });

  it('in JavaScript too: a required module’s call (`registry.include`) for a requested `--exclude` switch', () => {
    const root = project({
      'package.json': '{ "name": "kit" }\n',
      'lib/add.js': `const registry = require('./registry')

exports.handler = function (argv) {
  const names = []
  names.push(argv.name)
  if (argv.force || !registry.has(argv.name)) registry.include(argv.name)
}
`,
      'lib/registry.js': 'exports.include = function (n) {}\nexports.has = function (n) { return false }\n',
    });
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const at = counterpartCalls(search, readRequested('Add an `--exclude` switch to `kit add`')!, [
      { file: 'lib/add.js', symbol: 'handler' },
    ]);
    expect(at).toEqual([expect.objectContaining({ line: 6, symbol: 'handler', sure: true })]);
  });
});

describe('the module a commit-style scope names', () => {
  /**
   * A feed reader written for this test: options on the command line, a fetch package with a module of
   * its own name and a session module with its type stub, and a `store` package of several modules.
   */
  const FEEDS: Record<string, string> = {
    'feeds/cli.py': `import argparse


def build_parser():
    p = argparse.ArgumentParser(prog="feeds")
    p.add_argument("--fetch-retries", type=int, default=2, help="tries per feed")
    return p
`,
    'feeds/net/__init__.py': '',
    'feeds/net/session.py': `class FeedSession:
    def open(self, url):
        return url


def cookie_jar(path):
    return path
`,
    'feeds/net/session.pyi': 'class FeedSession:\n    def open(self, url: str) -> str: ...\n',
    'feeds/fetch/__init__.py': '',
    'feeds/fetch/fetch.py': 'class Fetcher:\n    def run(self):\n        return []\n',
    'feeds/fetch/queue.py': 'class FetchQueue:\n    pass\n',
    'feeds/store/__init__.py': '',
    'feeds/store/disk.py': 'def save(x):\n    return x\n',
    'feeds/store/store.py': 'class Store:\n    pass\n',
    'feeds/render.py': 'def render(items):\n    return items\n',
  };
  const search = () => {
    const root = project(FEEDS);
    return new TreeSearch(root, projectFiles(root), inventory(root));
  };

  it('a dotted scope is the module at that path, with its stub; a word of the name picks the function', () => {
    const s = search();
    const at = scopeModule(
      s,
      'net.session: add --cookie-jar-file',
      readRequested('net.session: add --cookie-jar-file')!,
    );
    expect(at.map((p) => p.file).sort()).toEqual(['feeds/net/session.py', 'feeds/net/session.pyi']);
    expect(at.find((p) => p.file === 'feeds/net/session.py')).toMatchObject({
      symbol: 'cookie_jar',
      sure: true,
    });
    // A package with a module of its own name; the scope in brackets after a commit type.
    expect(scopeModule(s, 'feat(feeds.fetch): add --fetch-timeout').map((p) => p.file)).toEqual([
      'feeds/fetch/fetch.py',
    ]);
    // A one-word scope naming a file, where no folder has that name.
    expect(scopeModule(s, 'render: add --wide').map((p) => p.file)).toEqual(['feeds/render.py']);
  });

  it('names none for a commit type, a package word, or a scope no module has', () => {
    const s = search();
    expect(scopeModule(s, 'feat: add --wide')).toEqual([]);
    expect(scopeModule(s, 'fix(docs): add --wide')).toEqual([]);
    // `store` is a package of several modules: the scope says no one place, even beside `store/store.py`.
    expect(scopeModule(s, 'store: add --compact')).toEqual([]);
    expect(scopeModule(s, 'net.proxy: add --proxy')).toEqual([]);
    expect(scopeModule(s, 'Add --wide: prints wide rows')).toEqual([]);
    // `cli` is the area of the whole command line ("feat(cli): add --x" in most projects), not the one
    // module of that name: a scope that says a role in the program names no place.
    expect(scopeModule(s, 'feat(cli): add --wide')).toEqual([]);
  });

  it('is where the requested option takes effect in the precedent', () => {
    const root = project(FEEDS);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const r = readRequested('net.session: add --cookie-jar-file')!;
    const effect = effectOf(search, 'net.session: add --cookie-jar-file', r, {
      sibling: '--fetch-retries',
      lines: [{ file: 'feeds/cli.py', line: 6, text: 'p.add_argument("--fetch-retries")' }],
    });
    expect(effect?.at.filter((p) => p.sure).map((p) => p.file)).toContain('feeds/net/session.py');
  });
});

describe('the module of the object the request acts on', () => {
  // A shelf tool written for this test: one flag, read where the report is built, which hands its parts to
  // the modules beside it; `label.py` makes the label a row shows.
  const SHELF_TOOL: Record<string, string> = {
    'shelfy/cli.py': `import argparse


def build_parser():
    p = argparse.ArgumentParser(prog="shelfy")
    p.add_argument("--wide", action="store_true", help="print every column")
    return p
`,
    'shelfy/report.py': `from shelfy.label import label_of


def build_report(args, books):
    rows = []
    for book in books:
        row = [label_of(book)]
        if args.wide:
            row.append(book.year)
        rows.append(row)
    return rows
`,
    'shelfy/label.py': `def label_of(book):
    return strip_colour_codes(book.title)


def strip_colour_codes(text):
    return text.replace("\\x1b[0m", "")
`,
  };

  it('a module named by the object, beside where the value is read, with a function that says the rest', async () => {
    const root = project(SHELF_TOOL);
    const p = await precedentAt(root, 'Add a `--keep-codes` flag to keep the colour in each label');
    expect(p.sibling?.name).toBe('--wide');
    const at = p.effect?.at.find((x) => x.file === 'shelfy/label.py');
    expect(at).toMatchObject({ symbol: 'strip_colour_codes', sure: true });
    expect(at?.why).toMatch(/the module named for "label"/);
  });

  it('a module named by a word of the request but nowhere near the value is no place', async () => {
    const root = project({
      ...SHELF_TOOL,
      'tools/label.py': 'def strip_colour_codes(text):\n    return text\n',
    });
    const p = await precedentAt(root, 'Add a `--keep-codes` flag to keep the colour in each label');
    // Two modules of that name: which the request means is unsure, so neither is named.
    expect(p.effect?.at.some((x) => x.file.endsWith('label.py'))).toBe(false);
  });
});
