import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt, footprintAt, precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { definesFunction, maskStrings } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { bindingOf, CodeReader, carrierOf, isMethodCall, readsValue, registrationSpan } from './follow.js';
import { definition, identifiersOf, wordOnly } from './footprint.js';
import { contains } from './search.js';

const project = tempProjects('follow');
const ask = (files: Record<string, string>, requirement: string) =>
  checkedPrecedentAt(project(files), requirement);

const span = (text: string, line: number, name: string) =>
  registrationSpan(text, maskStrings(text), line, name);

describe('the statement that registers a declaration', () => {
  it('a builder chain, up to the call that closes it', () => {
    const text = [
      'app.arg(',
      '    Arg::with_name("verbose")',
      '        .long("verbose")',
      '        .hidden(true)',
      '        .help("Say more (twice: even more)"),',
      ')',
      '.arg(Arg::with_name("quiet"))',
    ].join('\n');
    expect(span(text, 2, 'verbose')).toEqual([2, 5]);
    expect(span(text, 7, 'quiet')).toEqual([7, 7]);
  });

  it('a decorator whose name is on a later line than its call, with keyword arguments after it', () => {
    const text = [
      '@click.option(',
      '    "--trace",',
      '    is_flag=True,',
      '    hidden=True,',
      ')',
      'def main(trace):',
    ].join('\n');
    expect(span(text, 2, '--trace')).toEqual([1, 5]);
  });

  it('a commander chain stops at the call that takes a function', () => {
    const text = [
      "program.option('--depth <n>', 'how deep')",
      "  .option('--dry-run', 'change nothing')",
      '  .action((opts) => walk({ depth: opts.depth }));',
    ].join('\n');
    expect(span(text, 1, '--depth <n>')).toEqual([1, 2]);
  });

  it('a struct field under a derive attribute is its own line', () => {
    const text = ['struct Args {', '    #[arg(long)]', '    hidden: bool,', '}'].join('\n');
    expect(span(text, 3, 'hidden')).toEqual([3, 3]);
  });
});

describe('the field that carries the value', () => {
  const has = (s: string, n: string) => contains(s, n, true);
  it('reads the left side of a struct init, an attribute, a keyword argument and an object key', () => {
    expect(carrierOf('skip_hidden: !matches.is_present("hidden"),', 'hidden', has)).toBe('skip_hidden');
    expect(carrierOf('self.show_all = args.all', 'all', has)).toBe('show_all');
    expect(carrierOf('report = Report(include_hidden=hidden, size_cap=max_size)', 'hidden', has)).toBe(
      'include_hidden',
    );
    expect(carrierOf("const o = { showDiff: argv['inline-diffs'], x: 1 };", 'inline-diffs', has)).toBe(
      'showDiff',
    );
    expect(carrierOf("'skip_hidden': args.hidden,", 'hidden', has)).toBe('skip_hidden');
  });

  it('not a type annotation, the name itself, a library keyword or a comment', () => {
    expect(carrierOf('pub hidden: bool,', 'hidden', has)).toBeNull();
    expect(carrierOf('skip: Option<Hidden>,', 'Hidden', has)).toBeNull();
    expect(carrierOf('hidden: args.hidden,', 'hidden', has)).toBeNull();
    expect(carrierOf("help='like --hidden but for files',", 'hidden', has)).toBeNull();
    expect(carrierOf('# skip_hidden = args.hidden', 'hidden', has)).toBeNull();
    expect(carrierOf('if args.hidden:', 'hidden', has)).toBeNull();
  });
});

describe('a method of a library or of the project', () => {
  it('a call `.x(` uses the project identifier only when the project defines x', () => {
    expect(isMethodCall('.hidden(true)', 'hidden')).toBe(true);
    expect(isMethodCall('if opts.hidden {', 'hidden')).toBe(false);
    expect(definesFunction(['    fn hidden(&self) -> bool {'], 'hidden')).toBe(true);
    expect(definesFunction(['Walker.prototype.hidden = function (on) {'], 'hidden')).toBe(true);
    expect(definesFunction(['  hidden(on) {'], 'hidden')).toBe(true);
    expect(definesFunction(['    def hidden(self):'], 'hidden')).toBe(true);
    expect(definesFunction(['        .hidden(true)', 'x.hidden(y);'], 'hidden')).toBe(false);
  });

  it('prose inside a string literal is a mention, the bare name as a value is not', () => {
    const text = [
      '.help("also walks what --hidden would")',
      '.overrides_with("hidden")',
      'opts="-H --hidden --no-ignore"',
    ].join('\n');
    const r = new CodeReader(() => text);
    expect(r.onlyInProse('a.rs', 1, '--hidden')).toBe(true);
    expect(r.onlyInProse('a.rs', 2, 'hidden')).toBe(false);
    expect(r.onlyInSentence('a.rs', 1, '--hidden')).toBe(true);
    // A list of options in a string (a completion script) is not a sentence.
    expect(r.onlyInSentence('a.rs', 3, '--hidden')).toBe(false);
  });
});

describe('the names searched for a sibling', () => {
  it('a one-word option kept under a longer dest is searched as a command line writes it too', () => {
    const id = identifiersOf({
      name: '--hidden',
      aliases: ['-H', 'show_hidden'],
      kind: 'flag',
      via: 'argparse',
      help: '',
      type: '',
      default: '',
      file: 'cli.py',
      line: 1,
      text: '',
    });
    expect(id.needles).toEqual(expect.arrayContaining(['show_hidden', '--hidden']));
    expect(id.needles).not.toContain('hidden');
    expect(id.needles).not.toContain("'hidden'");
  });

  it('a one-word option kept under a one-word dest of another word is read as that attribute', () => {
    const files = {
      'pyproject.toml': '[project]\nname = "shelf"\n',
      'shelf/__init__.py': '',
      'shelf/cli/options.py': [
        'import argparse',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--tidy", dest="tidied", action="store_true", help="tidy the shelf")',
        '',
      ].join('\n'),
      'shelf/cli/parse.py': [
        'def finish(self):',
        '    if self.args.tidied:',
        '        self.args.order = "name"',
        '    return self.args.tidied',
        '',
      ].join('\n'),
      'shelf/cli/render.py': ['def show(soup):', '    return soup.tidied()', ''].join('\n'),
    };
    const { at } = footprintFor(files, {
      name: '--tidy',
      aliases: ['tidied'],
      file: 'shelf/cli/options.py',
      line: 3,
    });
    expect(at).toEqual(
      expect.arrayContaining(['shelf/cli/options.py:3', 'shelf/cli/parse.py:2', 'shelf/cli/parse.py:4']),
    );
    // Called, it is another object's method, not the parsed value.
    expect(at.filter((x) => x.startsWith('shelf/cli/render.py'))).toEqual([]);
  });

  it('the constants its registration takes its default and choices from, where they are defined once', () => {
    const files = {
      'pyproject.toml': '[project]\nname = "shelf"\n',
      'shelf/__init__.py': '',
      'shelf/consts.py': [
        'ORDER_KINDS = {"name": 1, "size": 2}',
        'ORDER_DEFAULT = "name"',
        'SHELF_WIDTH = 80',
        '',
      ].join('\n'),
      'shelf/other.py': 'SHELF_WIDTH = 120\n',
      'shelf/cli.py': [
        'import argparse',
        'from shelf.consts import ORDER_DEFAULT, ORDER_KINDS, SHELF_WIDTH',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument(',
        '    "--order",',
        '    default=ORDER_DEFAULT,',
        '    choices=sorted(ORDER_KINDS),',
        '    help="how to order the shelf",',
        ')',
        'parser.add_argument("--width", type=int, default=SHELF_WIDTH, help="columns")',
        '',
      ].join('\n'),
    };
    const { fp } = footprintFor(files, { name: '--order', file: 'shelf/cli.py', line: 5 });
    const held = fp.filter((e) => e.why.startsWith('holds '));
    expect(held.map((e) => `${e.file}:${e.line} ${e.role}`)).toEqual([
      'shelf/consts.py:1 other',
      'shelf/consts.py:2 other',
    ]);
    expect(held[0]!.why).toBe(
      'holds `ORDER_KINDS`, the choices `--order` is registered with (shelf/cli.py:5)',
    );
    // Another option's constant, defined twice, is no place of this one.
    const width = footprintFor(files, { name: '--width', file: 'shelf/cli.py', line: 10 });
    expect(width.fp.filter((e) => e.why.startsWith('holds '))).toEqual([]);
  });
});

describe('a page defines an option', () => {
  it('a code fence under a line is no heading underline', () => {
    expect(
      definition(['Run `kiln --hidden` to see them all:', '```', 'kiln --hidden', '```'], 0, 'hidden'),
    ).toBe(null);
    expect(definition(['--hidden', '========'], 0, 'hidden')).toBe('a heading');
  });

  it('a bare name at the start of a line defines it only as a list term or a help column', () => {
    // A configuration key in an example, and a sentence that starts with the word: neither defines the flag.
    expect(definition(['```yaml', 'dir: ./site', '```'], 1, 'dir')).toBe(null);
    expect(definition(['dir is where the run starts.'], 0, 'dir')).toBe(null);
    // A definition list's term, a help column, and the marked-up or dashed forms do.
    expect(definition(['dir', '    The folder to run in.'], 0, 'dir')).toBe('an option list');
    expect(definition(['dir    The folder to run in.'], 0, 'dir')).toBe('an option list');
    expect(definition(['- `dir`: the folder to run in.'], 0, 'dir')).toBe('an option list');
    expect(definition(['-d, --dir <path>  The folder to run in.'], 0, 'dir')).toBe('an option list');
    expect(definition(['| `--dir` | the folder |'], 0, 'dir')).toBe('a table row');
    // A paragraph that wraps before the marked-up name: a sentence goes on after it.
    expect(definition(['``KILN_DIR`` environment variable. Several paths'], 0, 'KILN_DIR')).toBe(null);
    expect(definition(['`--dir` sets the folder to run in.'], 0, 'dir')).toBe(null);
    expect(definition(['`--dir`  the folder to run in.'], 0, 'dir')).toBe('an option list');
    // A man page's longer option that starts with the name (`\\-\\-dir\\-mode`) is not its entry.
    expect(definition(['.B \\-\\-dir\\-mode'], 0, 'dir')).toBe(null);
    expect(definition(['.B \\-\\-dir'], 0, 'dir')).toBe('a man page entry');
  });

  it('a page that only names it in sentences and examples documents it in prose', () => {
    const files = {
      'pyproject.toml': '[project]\nname = "shelf"\n',
      'shelf/__init__.py': '',
      'shelf/cli.py': [
        'import click',
        '@click.command()',
        '@click.option("--watch-files", multiple=True, help="Files to watch")',
        'def serve(watch_files):',
        '    return watch_files',
        '',
      ].join('\n'),
      'docs/serving.rst': [
        'Serving',
        '=======',
        '',
        'To reload when other files change, name them with the ``--watch-files``',
        'option or the ``SHELF_WATCH_FILES`` environment variable.',
        '',
        '.. code-block:: text',
        '',
        '    $ shelf serve --watch-files notes.txt',
        '',
      ].join('\n'),
    };
    const { fp } = footprintFor(files, {
      name: '--watch-files',
      aliases: ['SHELF_WATCH_FILES'],
      file: 'shelf/cli.py',
      line: 3,
    });
    expect(fp.filter((e) => e.area === 'docs').map((e) => `${e.line} ${e.why}`)).toEqual([
      '4 mentions `watch-files` in prose',
      '5 mentions `SHELF_WATCH_FILES` in prose',
      '9 shows `watch-files` in an example',
    ]);
  });
});

// A small Rust tool: a one-word flag (`--hidden`) whose name is also a clap builder method and a walker
// method, and whose value is carried in a settings struct to where the walk reads it.
const WALKER: Record<string, string> = {
  'Cargo.toml': '[package]\nname = "kiln"\nversion = "0.1.0"\n',
  'src/cli.rs': [
    'use clap::{App, Arg};',
    '',
    "pub fn build() -> App<'static, 'static> {",
    '    App::new("kiln")',
    '        .arg(',
    '            Arg::with_name("hidden")',
    '                .long("hidden")',
    '                .help("Walk into hidden folders too"),',
    '        )',
    '        .arg(',
    '            Arg::with_name("debug-dump")',
    '                .long("debug-dump")',
    '                .hidden(true)',
    '                .help("Print internal state; with --hidden, of every folder walked"),',
    '        )',
    '        .arg(',
    '            Arg::with_name("max-depth")',
    '                .long("max-depth")',
    '                .takes_value(true)',
    '                .help("Stop descending after this many levels"),',
    '        )',
    '}',
    '',
  ].join('\n'),
  'src/main.rs': [
    'mod cli;',
    'mod settings;',
    'mod walk;',
    '',
    'fn main() {',
    '    let matches = cli::build().get_matches();',
    '    let settings = settings::Settings {',
    '        skip_hidden: !matches.is_present("hidden"),',
    '        depth_limit: matches.value_of("max-depth").map(|d| d.parse().unwrap()),',
    '    };',
    '    walk::run(&settings);',
    '    eprintln!("note: --hidden also lists the dot folders of every project");',
    '}',
    '',
  ].join('\n'),
  'src/settings.rs': [
    'pub struct Settings {',
    '    /// Leave out entries whose name starts with a dot.',
    '    pub skip_hidden: bool,',
    '    pub depth_limit: Option<usize>,',
    '}',
    '',
  ].join('\n'),
  'src/walk.rs': [
    'use crate::settings::Settings;',
    '',
    'pub fn run(settings: &Settings) {',
    '    let walker = WalkBuilder::new(".")',
    '        .hidden(settings.skip_hidden)',
    '        .max_depth(settings.depth_limit)',
    '        .build();',
    '    for entry in walker {',
    '        println!("{}", entry.path().display());',
    '    }',
    '}',
    '',
  ].join('\n'),
  'README.md': [
    '# kiln',
    '',
    'Lists the files of a tree.',
    '',
    '## Options',
    '',
    '```',
    '    --hidden       Walk into hidden folders too',
    '    --max-depth    Stop descending after this many levels',
    '```',
    '',
    '## Speed',
    '',
    'On a laptop, running `kiln --hidden` over a large tree takes well under a second:',
    '```',
    'kiln --hidden ~/src',
    '```',
    '',
  ].join('\n'),
  'docs/benchmarks.md': [
    '# Benchmarks',
    '',
    'We timed `kiln --hidden` against two other tools on three trees; `--hidden` costs little.',
    '',
  ].join('\n'),
};

describe('following a one-word sibling through the code', () => {
  it('leaves out library methods of the same name, follows the value to its field, cites defining pages', async () => {
    const p = await ask(WALKER, 'Add a --system flag to walk into system folders too.');
    expect(p.sibling).toMatchObject({ name: '--hidden', file: 'src/cli.rs' });
    const at = p.footprint.map((e) => `${e.file}:${e.line ?? ''}`);
    // clap's `.hidden(true)` on another option and that option's help text are not uses of `--hidden`.
    expect(at).not.toContain('src/cli.rs:13');
    expect(at).not.toContain('src/cli.rs:14');
    // A sentence in the program's output that mentions it is no use of it.
    expect(at).not.toContain('src/main.rs:12');
    // Its own registration statement is its registration.
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'src/cli.rs', line: 7, role: 'registration' }),
    );
    // The value: assigned to `skip_hidden`, declared in the settings struct, read by the walk.
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'src/main.rs', line: 8, role: 'read' }),
    );
    expect(p.footprint).toContainEqual(
      expect.objectContaining({
        file: 'src/settings.rs',
        line: 3,
        role: 'type',
        why: expect.stringContaining('skip_hidden'),
      }),
    );
    expect(p.footprint).toContainEqual(
      expect.objectContaining({
        file: 'src/walk.rs',
        line: 5,
        role: 'read',
        why: expect.stringContaining('carries'),
      }),
    );
    // Docs: the options block, not the speed paragraph nor the benchmark page that only mention it.
    const docs = p.footprint.filter((e) => e.area === 'docs').map((e) => `${e.file}:${e.line}`);
    expect(docs).toEqual(['README.md:8']);
  });
});

// A Python click tool: `hidden=True` is click's keyword on another option; the flag's value is passed on
// as a keyword argument and kept as an attribute.
const TALLY: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "tally"\n',
  'tally/__init__.py': '',
  'tally/cli.py': [
    'import click',
    '',
    'from tally.report import Report',
    '',
    '',
    '@click.command()',
    '@click.option("--hidden", is_flag=True, help="Count hidden files as well.")',
    '@click.option(',
    '    "--trace",',
    '    is_flag=True,',
    '    hidden=True,',
    '    help="Print debugging output.",',
    ')',
    '@click.option("--max-size", type=int, default=0, help="Skip files larger than this many bytes.")',
    'def main(hidden, trace, max_size):',
    '    report = Report(include_hidden=hidden, size_cap=max_size)',
    '    report.run()',
    '    report.label(kind=hidden, note="shown with hidden=%s" % hidden)',
    '',
  ].join('\n'),
  'tally/report.py': [
    'import os',
    '',
    '',
    'class Report:',
    '    def __init__(self, include_hidden=False, size_cap=0):',
    '        self.include_hidden = include_hidden',
    '        self.size_cap = size_cap',
    '',
    '    def run(self):',
    '        for name in os.listdir("."):',
    '            if name.startswith(".") and not self.include_hidden:',
    '                continue',
    '            print(name)',
    '',
    '    def describe(self):',
    '        """',
    '        :param show_hidden: whether the hidden ones were counted',
    '        """',
    '        return self.include_hidden',
    '',
    '    def label(self, kind, note):',
    '        self.kind = kind',
    '        self.note = note',
    '',
  ].join('\n'),
};

describe('a click keyword of the same name', () => {
  it('is not a use of the flag; the keyword argument that passes it on is followed', async () => {
    const p = await ask(TALLY, 'Add a --symlinks flag to count symbolic links as well.');
    expect(p.sibling).toMatchObject({ name: '--hidden', file: 'tally/cli.py' });
    const at = p.footprint.map((e) => `${e.file}:${e.line ?? ''}`);
    expect(at).not.toContain('tally/cli.py:11');
    expect(at).toContain('tally/cli.py:16');
    expect(p.footprint).toContainEqual(
      expect.objectContaining({
        file: 'tally/report.py',
        line: 6,
        why: expect.stringContaining('include_hidden'),
      }),
    );
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'tally/report.py', line: 11, role: 'read' }),
    );
    // `show_hidden:` in a docstring field holds no `hidden:`.
    expect(p.footprint.filter((e) => e.text.includes(':param'))).toEqual([]);
    // A field of one word (`kind`) is too common to follow; a sentence in a string carries nothing.
    expect(p.footprint.filter((e) => /as `(kind|note)`/.test(e.why))).toEqual([]);
  });
});

// A JS tool whose flag passes through layers: registered in an executable without an extension, read there
// and handed to a library class's setter (`useWideColumns`), kept as an option and read by a reporter. The
// library file is tracked although a `.gitignore` pattern (for the built bundle) matches its name too.
const LAYERS: Record<string, string> = {
  'package.json': '{ "name": "tabby", "bin": { "tabby": "bin/tabby" } }\n',
  '.gitignore': 'node_modules\ntabby.js\n',
  'bin/tabby': [
    '#!/usr/bin/env node',
    "const program = require('commander');",
    "const Tabby = require('../lib/tabby');",
    'program',
    "  .option('--wide-columns', 'let each column take the width it needs')",
    "  .option('--no-header', 'leave out the header row')",
    '  .parse(process.argv);',
    'const tabby = new Tabby();',
    'if (program.wideColumns) {',
    '  tabby.useWideColumns(true);',
    '}',
    'tabby.print(program.args);',
    '',
  ].join('\n'),
  'lib/tabby.js': [
    "const Table = require('./table');",
    'function Tabby() {',
    '  this.options = {};',
    '}',
    'Tabby.prototype.useWideColumns = function (on) {',
    '  this.options.useWideColumns = on !== false;',
    '  return this;',
    '};',
    'Tabby.prototype.print = function (rows) {',
    '  Table.wide = this.options.useWideColumns;',
    '  return Table.render(rows);',
    '};',
    'module.exports = Tabby;',
    '',
  ].join('\n'),
  'lib/table.js': [
    'exports.wide = false;',
    'exports.render = function (rows) {',
    '  return rows.map((r) => (exports.wide ? r : r.slice(0, 20))).join("\\n");',
    '};',
    '',
  ].join('\n'),
};

describe('an option through the layers of a JS tool', () => {
  it('the executable, the library class setter it calls and the attribute it keeps, even in a git-ignored name', async () => {
    const root = project(LAYERS);
    const git = (...a: string[]) => execFileSync('git', ['-C', root, ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('add', '-f', 'lib/tabby.js');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    const p = await precedentAt(
      root,
      'Add a --fixed-columns flag so that every column takes the same width.',
      false,
    );
    expect(p.sibling).toMatchObject({ name: '--wide-columns', file: 'bin/tabby' });
    const at = p.footprint.map((e) => `${e.file}:${e.line ?? ''}`);
    expect(at).toEqual(expect.arrayContaining(['bin/tabby:5', 'bin/tabby:9', 'bin/tabby:10']));
    expect(at).toEqual(expect.arrayContaining(['lib/tabby.js:5', 'lib/tabby.js:6', 'lib/tabby.js:10']));
    // The setter the executable calls is said to be where its value goes: it ties `bin/` to `lib/`.
    expect(p.footprint.find((e) => e.file === 'lib/tabby.js' && e.line === 5)!.why).toBe(
      "defines `useWideColumns`, which the sibling's code calls at bin/tabby:10",
    );
    expect(p.footprint.filter((e) => e.why.startsWith('defines '))).toHaveLength(1);
  });
});

/** The footprint of a sibling given by hand (the sibling choice is not under test here). */
function footprintFor(
  files: Record<string, string>,
  sibling: Partial<Declaration> & { name: string; file: string; line: number },
) {
  const fp = footprintAt(project(files), sibling);
  return { at: fp.map((e) => `${e.file}:${e.line}`), fp };
}

describe('a value carried through locals and parameters', () => {
  const has = (s: string, n: string) => contains(s, n, true);
  it('a local bound from the read, a destructured options object; not a keyword argument nor a word in a literal', () => {
    expect(bindingOf('let mut silent = matches.get_flag("silent");', 'silent', has)).toBe('silent');
    expect(bindingOf('depth = args.max_depth', 'max_depth', has)).toBe('depth');
    expect(bindingOf('limit := opts.MaxDepth', 'MaxDepth', has)).toBe('limit');
    expect(bindingOf('const { colour: paint, width } = argv;', 'colour', has)).toBe('paint');
    expect(bindingOf('max_depth=args.max_depth,', 'max_depth', has)).toBeNull();
    expect(bindingOf('depth = args.max_depth', 'max_depth', has, false)).toBeNull();
    // Generic holders are not followed: they hold every option.
    expect(bindingOf('options = parse(args.max_depth)', 'max_depth', has)).toBeNull();
    expect(bindingOf('SKIPPED = {"vendor", "silent"}', 'silent', has)).toBeNull();
    expect(readsValue('opts["silent"]', 'silent')).toBe(true);
    expect(readsValue('["--silent", "-s"]', 'silent')).toBe(false);
  });

  // A Rust tool: the flag's value is bound to a local, put into the options struct by shorthand, and read
  // through the struct in another file. `silent` is also a word of unrelated code: a terminal's field and
  // a local elsewhere, which are no use of it.
  const MUTE: Record<string, string> = {
    'Cargo.toml': '[package]\nname = "mute"\n',
    'src/cli.rs': [
      'use clap::{Arg, Command};',
      '',
      'pub fn command() -> Command {',
      '    Command::new("mute")',
      '        .arg(Arg::new("silent").long("silent").help("Print nothing"))',
      '        .arg(Arg::new("dotfiles").long("dotfiles").help("Walk dot folders"))',
      '}',
      '',
    ].join('\n'),
    'src/main.rs': [
      'mod cli;',
      'mod opts;',
      'mod scan;',
      '',
      'fn main() {',
      '    let matches = cli::command().get_matches();',
      '    let silent = matches.get_flag("silent");',
      '    let opts = opts::Opts {',
      '        silent,',
      '        dotfiles: matches.get_flag("dotfiles"),',
      '    };',
      '    scan::run(&opts);',
      '}',
      '',
    ].join('\n'),
    'src/opts.rs': ['pub struct Opts {', '    pub silent: bool,', '    pub dotfiles: bool,', '}', ''].join(
      '\n',
    ),
    'src/scan/mod.rs': [
      'use crate::opts::Opts;',
      '',
      'pub fn run(opts: &Opts) {',
      '    if !opts.silent {',
      '        println!("scanning");',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/term/mod.rs': [
      'pub struct Term {',
      '    pub silent: bool,',
      '}',
      '',
      'pub fn bell(term: &Term) {',
      '    let silent = term.silent;',
      '    if !silent {',
      '        print!("\\x07");',
      '    }',
      '}',
      '',
    ].join('\n'),
  };

  it('a Rust local put into a struct by shorthand: the field read through the struct, not the same word elsewhere', () => {
    const { at, fp } = footprintFor(MUTE, { name: '--silent', file: 'src/cli.rs', line: 5 });
    // The local, the struct literal, the field's declaration and its read through the carrier.
    expect(at).toEqual(
      expect.arrayContaining(['src/main.rs:7', 'src/main.rs:9', 'src/opts.rs:2', 'src/scan/mod.rs:4']),
    );
    expect(fp.find((e) => e.file === 'src/scan/mod.rs')!.why).toMatch(
      /carries `--silent`'s value as `silent` \(assigned at src\/main\.rs:9\)/,
    );
    // Another struct's `silent` and a local of the same word are no use of it.
    expect(at.filter((a) => a.startsWith('src/term/'))).toEqual([]);
  });

  // A Rust tool: the option is read in a method chain over three lines into a struct field of its own name;
  // the field is read in a constructor that takes a lifetime, and handed to a lookup of another module.
  const TINT: Record<string, string> = {
    'Cargo.toml': '[package]\nname = "tint"\n',
    'src/cli.rs': [
      'use clap::{Arg, Command};',
      '',
      'pub fn command() -> Command {',
      '    Command::new("tint")',
      '        .arg(Arg::new("palette").long("palette").help("Which colours to use"))',
      '}',
      '',
    ].join('\n'),
    'src/app.rs': [
      'use crate::settings::Settings;',
      '',
      "pub fn settings(matches: &clap::ArgMatches) -> Settings<'_> {",
      '    Settings {',
      '        wide: true,',
      '        palette: matches',
      '            .get_one::<String>("palette")',
      '            .map(|s| s.as_str()),',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/settings.rs': [
      "pub struct Settings<'a> {",
      '    pub wide: bool,',
      "    pub palette: Option<&'a str>,",
      '}',
      '',
    ].join('\n'),
    'src/painter.rs': [
      'use crate::colours::pick_colours;',
      'use crate::settings::Settings;',
      '',
      "pub struct Painter<'a> {",
      '    colours: Vec<u8>,',
      "    settings: &'a Settings<'a>,",
      '}',
      '',
      "impl<'a> Painter<'a> {",
      "    pub fn new(settings: &'a Settings<'a>) -> Self {",
      '        let colours = pick_colours(settings.palette, 8);',
      '        Painter { colours, settings }',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/colours.rs': [
      'pub fn pick_colours(wanted: Option<&str>, count: usize) -> Vec<u8> {',
      '    match wanted {',
      '        Some(n) => n.bytes().take(count).collect(),',
      '        None => vec![0; count],',
      '    }',
      '}',
      '',
    ].join('\n'),
  };

  it('a Rust read written as a method chain: its field, the constructor that reads it and the function it is handed to', () => {
    const { at, fp } = footprintFor(TINT, { name: '--palette', file: 'src/cli.rs', line: 5 });
    // The chain's first line puts the value in `Settings.palette`; `new` (after a lifetime) reads it and
    // passes it to `pick_colours`, whose parameter `wanted` carries it on.
    expect(at).toEqual(
      expect.arrayContaining(['src/settings.rs:3', 'src/painter.rs:11', 'src/colours.rs:2']),
    );
    expect(fp.find((e) => e.file === 'src/painter.rs')!.symbol).toBe('new');
    expect(fp.find((e) => e.file === 'src/colours.rs')!.why).toMatch(
      /as `wanted` \(`palette` passed to `pick_colours` at src\/painter\.rs:11\)/,
    );
  });

  // A Python tool: the value is bound to a local, passed by position to a function of another module, and
  // given to a settings class as a keyword; another flag's dict is forwarded with `**`.
  const TRIM: Record<string, string> = {
    'pyproject.toml': '[project]\nname = "trim"\n',
    'trim/__init__.py': '',
    'trim/cli.py': [
      'import argparse',
      '',
      'from trim.walker import walk',
      'from trim.settings import Settings',
      'from trim.view.render import render',
      '',
      '',
      'def main(argv=None):',
      '    parser = argparse.ArgumentParser()',
      '    parser.add_argument("--max-depth", type=int, default=3, help="How deep to go")',
      '    parser.add_argument("--width", type=int, default=80, help="Where to wrap")',
      '    args = parser.parse_args(argv)',
      '    depth = args.max_depth',
      '    found = walk(".", depth)',
      '    settings = Settings(level=depth)',
      '    layout = {"columns": args.width}',
      '    render(found, **layout)',
      '',
    ].join('\n'),
    'trim/walker.py': [
      'import os',
      '',
      '',
      'def walk(top, limit):',
      '    out = []',
      '    for root, dirs, files in os.walk(top):',
      '        if root.count(os.sep) >= limit:',
      '            dirs.clear()',
      '        out.extend(files)',
      '    return out',
      '',
    ].join('\n'),
    'trim/settings.py': [
      'class Settings:',
      '    def __init__(self, level=0):',
      '        """Keep the level.',
      '',
      '        Read back as `settings.level` by the callers.',
      '        """',
      '        self.level = level',
      '',
      '    def deeper(self):',
      '        return self.level + 1',
      '',
    ].join('\n'),
    'trim/view/__init__.py': '',
    'trim/view/render.py': [
      'def render(names, width=80):',
      '    for name in names:',
      '        print(name[:width])',
      '',
    ].join('\n'),
    'trim/logs.py': [
      'def level():',
      '    return 3',
      '',
      'def show(record):',
      '    return record.level',
      '',
    ].join('\n'),
  };

  it('a Python local passed to a function by position and to a class by keyword, each hop cited', () => {
    const { at, fp } = footprintFor(TRIM, { name: '--max-depth', file: 'trim/cli.py', line: 10 });
    // The parameter of `walk` at the position the local is passed in, and its read there.
    expect(at).toEqual(expect.arrayContaining(['trim/cli.py:14', 'trim/walker.py:7']));
    expect(fp.find((e) => e.file === 'trim/walker.py')!.why).toMatch(
      /as `limit` \(passed to `walk` at trim\/cli\.py:14\)/,
    );
    // The class's one-word field, read through `self` in its class, never as the bare word elsewhere.
    expect(at).toEqual(expect.arrayContaining(['trim/settings.py:7', 'trim/settings.py:10']));
    // A docstring that names the carrier is prose about it.
    expect(at).not.toContain('trim/settings.py:5');
    expect(at.filter((a) => a.startsWith('trim/logs.py'))).toEqual([]);
  });

  it('a local passed by keyword to a function of the project is its parameter, not a field of that name', () => {
    const SIEVE: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "sieve"\n',
      'sieve/__init__.py': '',
      'sieve/cli.py': [
        'import argparse',
        '',
        'from sieve.report import tally',
        '',
        '',
        'def main(argv=None):',
        '    parser = argparse.ArgumentParser()',
        '    parser.add_argument("--grade", type=int, default=1, help="Lowest grade shown")',
        '    args = parser.parse_args(argv)',
        '    lowest = ["low", "mid", "high"][args.grade]',
        '    return tally(rows=[], min_grade=lowest)',
        '',
      ].join('\n'),
      'sieve/report.py': [
        'def tally(rows, min_grade="low"):',
        '    return len([r for r in rows if r >= min_grade])',
        '',
        '',
        'def keep(rows, min_grade):',
        '    return [r for r in rows if r == min_grade]',
        '',
      ].join('\n'),
    };
    const { at, fp } = footprintFor(SIEVE, { name: '--grade', file: 'sieve/cli.py', line: 8 });
    // `tally`'s parameter and its read, each cited as passed to `tally`.
    expect(at).toEqual(expect.arrayContaining(['sieve/report.py:2']));
    expect(fp.find((e) => e.file === 'sieve/report.py' && e.line === 2)!.why).toMatch(
      /as `min_grade` \(passed to `tally` at sieve\/cli\.py:11\)/,
    );
    // `keep` has a parameter of the same name that nothing hands the value to.
    expect(at.filter((a) => /^sieve\/report\.py:[56]$/.test(a))).toEqual([]);
  });

  it('a dict forwarded with ** reaches the parameter named as the sibling', () => {
    const { at } = footprintFor(TRIM, { name: '--width', file: 'trim/cli.py', line: 11 });
    expect(at).toEqual(expect.arrayContaining(['trim/cli.py:16', 'trim/view/render.py:3']));
  });

  // A JS tool: the options object is destructured, the local handed to a class in an options object, and
  // the class keeps it; `colour` is also a word of a theme module, which is no use of it.
  const PAINT: Record<string, string> = {
    'package.json': '{ "name": "paint", "bin": { "paint": "bin/paint.js" } }\n',
    'bin/paint.js': [
      "const yargs = require('yargs');",
      "const Printer = require('../lib/printer');",
      'const argv = yargs',
      "  .option('colour', { type: 'boolean', describe: 'Use colours' })",
      "  .option('width', { type: 'number', describe: 'Columns' })",
      '  .parse();',
      'const { colour } = argv;',
      'const printer = new Printer({ colour });',
      'printer.print(argv._);',
      '',
    ].join('\n'),
    'lib/printer.js': [
      'class Printer {',
      '  constructor(options) {',
      '    this.colour = options.colour;',
      '  }',
      '  print(lines) {',
      '    for (const l of lines) console.log(this.colour ? "* " + l : l);',
      '  }',
      '}',
      'module.exports = Printer;',
      '',
    ].join('\n'),
    'lib/theme.js': ['exports.pick = function (theme) {', '  return theme.colour || "plain";', '};', ''].join(
      '\n',
    ),
  };

  it('a JS options object destructured and handed to a class: read through the class, not a same-named key elsewhere', () => {
    const { at } = footprintFor(PAINT, { name: 'colour', file: 'bin/paint.js', line: 4 });
    expect(at).toEqual(expect.arrayContaining(['bin/paint.js:8', 'lib/printer.js:3', 'lib/printer.js:6']));
    expect(at.filter((a) => a.startsWith('lib/theme.js'))).toEqual([]);
  });
});

// A JS tool whose flag turns a setting on through a method of its own class, under another name; the
// method keeps it on an options object, and a reporter reads it from there.
const QUIETLY: Record<string, string> = {
  'package.json': '{ "name": "quietly", "bin": { "quietly": "bin/quietly.js" } }\n',
  'bin/quietly.js': [
    "const program = require('commander');",
    "const Runner = require('../lib/runner');",
    'program',
    "  .option('--no-banner', 'skip the banner at the start')",
    "  .option('--slow <ms>', 'what counts as slow')",
    '  .parse(process.argv);',
    'const runner = new Runner();',
    "if (process.argv.indexOf('--no-banner') !== -1) {",
    '  runner.skipBanner(true);',
    '}',
    '',
  ].join('\n'),
  'lib/runner.js': [
    "const Report = require('./report/summary');",
    'function Runner() {',
    '  this.options = {};',
    '}',
    '// skipBanner leaves out the banner.',
    'Runner.prototype.skipBanner = function (skipBanner) {',
    '  this.options.skipBanner = skipBanner !== false;',
    '  return this;',
    '};',
    'Runner.prototype.run = function () {',
    '  Report.skipBanner = this.options.skipBanner;',
    '};',
    'module.exports = Runner;',
    '',
  ].join('\n'),
  'lib/report/summary.js': [
    'exports.skipBanner = false;',
    'exports.start = function () {',
    "  if (!exports.skipBanner) console.log('== start ==');",
    '};',
    '',
  ].join('\n'),
};

describe('where a carried field is cited as assigned', () => {
  it("at the program's own assignment, not an editor plugin's copy of it that sorts first", () => {
    const files: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "shine"\n',
      'aplugin/shine_plugin.py': 'def run(opts):\n    return Mode(tab_fix=not opts.skip_tab_fix)\n',
      'shine/cli.py': [
        'import click',
        'from .mode import Mode',
        '',
        '@click.command()',
        '@click.option("--skip-tab-fix", is_flag=True, help="leave tabs as they are")',
        'def main(skip_tab_fix):',
        '    mode = Mode(tab_fix=not skip_tab_fix)',
        '    return mode',
        '',
      ].join('\n'),
      'shine/mode.py':
        'from dataclasses import dataclass\n\n\n@dataclass\nclass Mode:\n    tab_fix: bool = True\n',
      'shine/fix.py':
        'def fix(text, mode):\n    if mode.tab_fix:\n        text = text.expandtabs()\n    return text\n',
    };
    const { fp } = footprintFor(files, { name: '--skip-tab-fix', file: 'shine/cli.py', line: 5 });
    const cited = fp
      .filter((e) => /assigned at/.test(e.why))
      .map((e) => /assigned at (\S+)\)/.exec(e.why)?.[1]);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((c) => c?.startsWith('shine/'))).toBe(true);
  });
});

describe('a flag that a guarded block turns on', () => {
  it("follows the project's method the block calls, the attribute it keeps and its reads", () => {
    const { at, fp } = footprintFor(QUIETLY, { name: '--no-banner', file: 'bin/quietly.js', line: 4 });
    expect(at).toEqual(
      expect.arrayContaining(['bin/quietly.js:8', 'lib/runner.js:7', 'lib/report/summary.js:3']),
    );
    expect(fp.find((e) => e.file === 'lib/runner.js' && e.line === 7)!.why).toMatch(
      /set when `no-banner` is, at bin\/quietly\.js:8/,
    );
    // Comments that name it carry nothing.
    expect(at).not.toContain('lib/runner.js:5');
  });
});

describe('a parameter list is no call', () => {
  it("a function's own parameter that names the sibling is not cited as passed to it", () => {
    const { fp } = footprintFor(
      {
        'pyproject.toml': '[project]\nname = "keep"\n',
        'keep/__init__.py': '',
        'keep/cli.py': [
          'import click',
          '',
          '',
          '@click.command()',
          '@click.option("--days", type=int, default=7)',
          'def main(',
          '    days: int,',
          '):',
          '    if days > 30:',
          '        print("a long time")',
          '',
        ].join('\n'),
      },
      { name: '--days', file: 'keep/cli.py', line: 5 },
    );
    expect(fp.filter((e) => e.why.includes('passed to `main`'))).toEqual([]);
  });
});

describe('a one-word name beside the declaring file', () => {
  it('another function’s keyword, parameter or local of the same word is no use; an attribute read and the parameters of a function the option’s line calls are', async () => {
    const p = await ask(
      {
        'shelf/cli.py': [
          'import click',
          'from shelf.scan import scan',
          '',
          '',
          '@click.command()',
          '@click.option("--exclude", help="a pattern of paths to leave out")',
          'def main(exclude):',
          '    scan(".", exclude=exclude)',
          '',
        ].join('\n'),
        'shelf/scan.py': [
          'def scan(root, exclude=None):',
          '    return [p for p in root if not exclude or not exclude.match(p)]',
          '',
        ].join('\n'),
        'shelf/layout.py': [
          'def widest(cells, exclude: frozenset = frozenset()):',
          '    return max(c for c in cells if c not in exclude)',
          '',
          '',
          'def table(rows):',
          '    exclude = set()',
          '    return widest(rows, exclude={0})',
          '',
        ].join('\n'),
        'shelf/report.py': ['def report(settings):', '    return settings.exclude', ''].join('\n'),
      },
      'Add a `--skip-header` option to ignore the first row of a table',
    );
    // The fixture's sibling is `--exclude` ("ignore" and "exclude" are one idea).
    expect(p.sibling?.name).toBe('--exclude');
    const files = p.footprint.filter((e) => e.source === 'occurrence').map((e) => `${e.file}:${e.line}`);
    expect(files).toEqual(expect.arrayContaining(['shelf/cli.py:6', 'shelf/scan.py:1', 'shelf/report.py:2']));
    expect(files.filter((f) => f.startsWith('shelf/layout.py'))).toEqual([]);
  });
});

describe('a keyword argument of a call', () => {
  it('carries the value into a class of the project; a library call’s keyword is the library’s parameter', async () => {
    const p = await ask(
      {
        'tool/cli.py': [
          'import argparse',
          '',
          '',
          'def parser():',
          '    p = argparse.ArgumentParser()',
          '    p.add_argument("--sort-order", help="the order rows are printed in")',
          '    return p',
          '',
        ].join('\n'),
        'tool/render.py': [
          'import json',
          '',
          'from tool.table import Table',
          '',
          '',
          'def render(args, data):',
          '    return json.dumps(',
          '        data,',
          '        sort_keys=args.sort_order == "key",',
          '    )',
          '',
          '',
          'def table(args, rows):',
          '    return Table(rows, row_order=args.sort_order)',
          '',
        ].join('\n'),
        'tool/table.py': [
          'class Table:',
          '    def __init__(self, rows, row_order=None):',
          '        self.row_order = row_order',
          '',
        ].join('\n'),
        'tool/config.py': [
          'import json',
          '',
          '',
          'def save(d):',
          '    return json.dumps(d, sort_keys=True)',
          '',
        ].join('\n'),
      },
      'Add a `--sort-limit` option to the number of rows sorted',
    );
    expect(p.sibling?.name).toBe('--sort-order');
    const files = new Set(p.footprint.map((e) => e.file));
    expect(files.has('tool/table.py')).toBe(true);
    expect(files.has('tool/config.py')).toBe(false);
  });
});

describe('a clap builder argument read by its id', () => {
  // The id differs from the long name; the program reads the value by the id.
  const files = {
    'Cargo.toml': '[package]\nname = "pager"\nversion = "0.1.0"\n',
    'src/args.rs': `use clap::{App, Arg};

pub fn get_args() -> App<'static> {
    App::new("pager")
        .arg(Arg::new("beep")
            .help("Ring the bell when the file ends")
            .long("bell"))
        .arg(Arg::new("wrap-lines")
            .help("Wrap long lines")
            .long("wrap"))
}
`,
    'src/config.rs': `pub fn runtime(args: &clap::ArgMatches) -> Settings {
    let beep = args.is_present("beep");
    let wrap = args.is_present("wrap-lines");
    Settings { beep, wrap }
}
`,
  };
  it('finds the reads of a one-word and of a multi-word id', () => {
    const one = footprintFor(files, {
      name: '--bell',
      aliases: ['beep'],
      via: 'clap',
      file: 'src/args.rs',
      line: 5,
    });
    expect(one.at).toContain('src/config.rs:2');
    expect(one.at).not.toContain('src/config.rs:3');
    const multi = footprintFor(files, {
      name: '--wrap',
      aliases: ['wrap-lines'],
      via: 'clap',
      file: 'src/args.rs',
      line: 8,
    });
    expect(multi.at).toContain('src/config.rs:3');
  });
});

describe('a method of the same word as a one-word flag', () => {
  // A fetching tool: `--trailers` is a field of the parsed arguments; the project also has a method
  // `trailers()` on its own message type, a library response has one, and an accessor in another file
  // reads the flag by its name.
  const FETCH: Record<string, string> = {
    'Cargo.toml': '[package]\nname = "fetchit"\n',
    'src/cli.rs': [
      'use clap::Parser;',
      '',
      '#[derive(Parser)]',
      'pub struct Cli {',
      '    /// Print the trailers after the body',
      '    #[arg(long)]',
      '    pub trailers: bool,',
      '    pub url: String,',
      '}',
      '',
    ].join('\n'),
    'src/message.rs': [
      'pub struct Message {',
      '    trailers: Vec<(String, String)>,',
      '}',
      '',
      'impl Message {',
      '    pub fn trailers(&self) -> &[(String, String)] {',
      '        &self.parts',
      '    }',
      '}',
      '',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn keeps_them() {',
      '        let raw = r#"{ "trailers": [] }"#;',
      '        assert!(raw.len() > 2);',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/matches.rs': [
      'pub struct Found(clap::ArgMatches);',
      '',
      'impl Found {',
      '    pub fn wants_trailers(&self) -> bool {',
      '        self.0.get_flag("trailers")',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/main.rs': [
      'mod cli;',
      'mod message;',
      '',
      'fn main() {',
      '    let args = cli::Cli::parse();',
      '    let response = reqwest::blocking::get(&args.url).unwrap();',
      '    let count = response.trailers().len();',
      '    let own = message::Message::default().trailers().len();',
      '    if args.trailers {',
      '        println!("{} {}", count, own);',
      '    }',
      '}',
      '',
    ].join('\n'),
  };

  it("a call `.x(` is a read only through the project's accessor of the flag, never another type's method", () => {
    const { at } = footprintFor(FETCH, { name: '--trailers', file: 'src/cli.rs', line: 7 });
    // The real read stays; the library response's `trailers()` and the message's own are namesakes.
    expect(at).toContain('src/main.rs:9');
    expect(at).not.toContain('src/main.rs:7');
    expect(at).not.toContain('src/main.rs:8');
    // The message file names "trailers" only in its test module's data: its own field is no use.
    expect(at).not.toContain('src/message.rs:2');
  });

  it('an accessor whose body reads the flag by its name makes its calls reads', () => {
    const files = {
      ...FETCH,
      'src/matches.rs': FETCH['src/matches.rs']!.replace('wants_trailers', 'trailers'),
      'src/main.rs': FETCH['src/main.rs']!.replace(
        '    if args.trailers {',
        '    let found = matches::Found::default();\n    if found.trailers() {',
      ),
    };
    const { at } = footprintFor(files, { name: '--trailers', file: 'src/cli.rs', line: 7 });
    expect(at).toContain('src/main.rs:10');
  });
});

describe('where following a value stops', () => {
  // A Rust renderer: the label is transformed inside a block that shadows the parameter, then painted by a
  // helper every part of the program calls; after the block the untouched parameter is linked.
  const LABEL: Record<string, string> = {
    'Cargo.toml': '[package]\nname = "labels"\n',
    'src/config.rs': [
      'pub struct Config {',
      '    pub label_rewrite: Option<Rewrite>,',
      '    pub links: bool,',
      '}',
      '',
    ].join('\n'),
    'src/style.rs': [
      'pub struct Style;',
      '',
      'impl Style {',
      '    pub fn tint(&self, text: &str) -> String {',
      '        format!("<{}>", text)',
      '    }',
      '}',
      '',
    ].join('\n'),
    'src/link.rs': [
      'pub fn wrap_link(target: &str, shown: &str) -> String {',
      '    format!("{}={}", target, shown)',
      '}',
      '',
    ].join('\n'),
    'src/render.rs': [
      'use crate::config::Config;',
      'use crate::style::Style;',
      '',
      'pub fn label_line(label: &str, style: Option<Style>, config: &Config) -> String {',
      '    let mut out = String::new();',
      '    if let Some(style) = style {',
      '        let label = if let Some(rw) = &config.label_rewrite {',
      '            rw.apply(label)',
      '        } else {',
      '            label.to_string()',
      '        };',
      '        out.push_str(&style.tint(&label));',
      '    }',
      '    if config.links {',
      '        out = wrap_link(label, &out);',
      '    }',
      '    out',
      '}',
      '',
      'pub fn header(style: &Style) -> String {',
      '    style.tint("header")',
      '}',
      '',
      'pub fn footer(style: &Style) -> String {',
      '    style.tint("footer")',
      '}',
      '',
      'pub fn count(style: &Style, n: usize) -> String {',
      '    style.tint(&n.to_string())',
      '}',
      '',
      'pub fn blank(style: &Style) -> String {',
      '    style.tint("")',
      '}',
      '',
    ].join('\n'),
  };

  it('a block-scoped local ends with its block; a helper called from many places is not followed', () => {
    const { at, fp } = footprintFor(LABEL, { name: 'label_rewrite', file: 'src/config.rs', line: 2 });
    // The local bound from the field is read in its block …
    expect(fp.find((e) => e.file === 'src/render.rs' && e.line === 12)?.why).toMatch(/as `label`/);
    // … and the `label` after the block is the parameter again: `wrap_link` does not get the value.
    expect(at).not.toContain('src/render.rs:15');
    expect(at.filter((a) => a.startsWith('src/link.rs'))).toEqual([]);
    // `tint` paints every part of the output: nothing of the rewrite is decided in it.
    expect(at.filter((a) => a.startsWith('src/style.rs'))).toEqual([]);
  });

  it('a helper with one caller is followed into', () => {
    const single = {
      ...LABEL,
      'src/render.rs': LABEL['src/render.rs']!.split('\npub fn header')[0]!,
    };
    const { at } = footprintFor(single, { name: 'label_rewrite', file: 'src/config.rs', line: 2 });
    expect(at).toContain('src/style.rs:5');
  });
});

describe('a value stored in a variable of its own, and handed over in a spread call', () => {
  it('a Go flag bound to a local of one word is searched by it, and followed to the options field it fills', () => {
    const files = {
      'go.mod': 'module example.com/brewer\n\ngo 1.21\n',
      'main.go': [
        'package main',
        '',
        'import (',
        '\t"flag"',
        '',
        '\t"example.com/brewer/pkg/brew"',
        ')',
        '',
        'func main() {',
        '\topts := brew.NewOptions()',
        '\tvar hopvarieties listFlag',
        '\tflag.Var(&hopvarieties, "hop-list", "Hop varieties to add, one flag each.")',
        '\tflag.Parse()',
        '\topts.Recipe.Hopvarieties = hopvarieties',
        '\tbrew.Run(opts)',
        '}',
        '',
      ].join('\n'),
      'pkg/brew/options.go': [
        'package brew',
        '',
        'type RecipeOptions struct {',
        '\tHopvarieties []string',
        '}',
        '',
        'type Options struct {',
        '\tRecipe RecipeOptions',
        '}',
        '',
        'func NewOptions() *Options { return &Options{} }',
        '',
        'func Run(o *Options) {',
        '\tfor _, h := range o.Recipe.Hopvarieties {',
        '\t\tprintln(h)',
        '\t}',
        '}',
        '',
      ].join('\n'),
    };
    const { at, fp } = footprintFor(files, {
      name: 'hop-list',
      aliases: ['hopvarieties'],
      kind: 'option',
      via: 'go-flag',
      file: 'main.go',
      line: 12,
    });
    expect(at).toEqual(expect.arrayContaining(['main.go:11', 'main.go:14', 'pkg/brew/options.go:14']));
    expect(fp.find((e) => e.file === 'pkg/brew/options.go')!.why).toMatch(/^carries `hop-list`'s value/);
  });

  it('a variable of another word than the name, or a short one, is not searched', () => {
    const base = {
      kind: 'option' as const,
      via: 'go-flag',
      help: '',
      type: '',
      default: '',
      file: 'a.go',
      line: 1,
      text: '',
    };
    expect(identifiersOf({ ...base, name: 'hop-list', aliases: ['varieties'] }).needles).not.toContain(
      'varieties',
    );
    expect(identifiersOf({ ...base, name: 'hop-list', aliases: ['hops'] }).needles).not.toContain('hops');
    expect(identifiersOf({ ...base, name: 'hop-list', aliases: ['hopvarieties'] }).needles).toContain(
      'hopvarieties',
    );
  });

  it('the library function an executable hands the value to inside an object argument over several lines', async () => {
    const root = project({
      'package.json': '{ "name": "steeper", "bin": { "steeper": "bin/steeper" } }\n',
      'bin/steeper': [
        '#!/usr/bin/env node',
        "const program = require('commander');",
        "const steep = require('../lib/steep');",
        "program.option('--brew-minutes <n>', 'minutes to steep').option('--leaf-grade <g>', 'grade of the leaf').parse(process.argv);",
        'const { brewMinutes } = program;',
        'const timer = steep.makeTimer({',
        '    brewMinutes,',
        '    loud: true,',
        '});',
        'timer.start();',
        '',
      ].join('\n'),
      'lib/steep.js': [
        'function makeTimer({ brewMinutes, loud } = {}) {',
        '    const ms = (brewMinutes || 3) * 60000;',
        '    return { start: () => setTimeout(() => loud && console.log("ready"), ms) };',
        '}',
        'module.exports = { makeTimer };',
        '',
      ].join('\n'),
    });
    const git = (...a: string[]) => execFileSync('git', ['-C', root, ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    const p = await precedentAt(root, 'Add a --cup-count option to brew several cups.', false);
    expect(p.sibling).toMatchObject({ name: '--brew-minutes', file: 'bin/steeper' });
    expect(p.footprint.find((e) => e.file === 'lib/steep.js' && e.line === 1)?.why).toBe(
      "defines `makeTimer`, which the sibling's code calls at bin/steeper:7",
    );
  });
});

describe('a one-word option read off a variable of the struct that declares it', () => {
  it('is the option wherever the file binds the variable to that struct, and the word elsewhere', () => {
    const files = {
      'Cargo.toml': '[package]\nname = "sieve"\nversion = "0.1.0"\n',
      'src/opt.rs': [
        'use clap::Parser;',
        '',
        '#[derive(Parser)]',
        'pub struct Opt {',
        '    /// Keep the last element of a range',
        '    #[arg(long)]',
        '    pub inclusive: bool,',
        '}',
        '',
      ].join('\n'),
      'src/settings.rs': [
        'use crate::opt::Opt;',
        '',
        'pub fn end(given: &Opt, n: usize) -> usize {',
        '    if given.inclusive { n } else { n - 1 }',
        '}',
        '',
      ].join('\n'),
      'src/span.rs': [
        'pub struct Span { pub inclusive: bool }',
        '',
        'pub fn last(span: &Span, n: usize) -> usize {',
        '    if span.inclusive { n } else { n - 1 }',
        '}',
        '',
      ].join('\n'),
    };
    const { fp } = footprintFor(files, {
      name: '--inclusive',
      kind: 'flag',
      via: 'clap',
      scope: 'Opt',
      file: 'src/opt.rs',
      line: 7,
    });
    const why = (f: string) => fp.find((e) => e.file === f)?.why;
    expect(why('src/settings.rs')).toBe('names `inclusive`, read off `given`, whose type `Opt` declares it');
    expect(why('src/span.rs')).toBe('names `inclusive`');
    const sibling = { name: '--inclusive', file: 'src/opt.rs' };
    expect(fp.filter((e) => e.file !== 'src/opt.rs').map((e) => [e.file, wordOnly(sibling, e)])).toEqual([
      ['src/settings.rs', false],
      ['src/span.rs', true],
    ]);
  });
});

describe('a help text inside its own registration, a message', () => {
  it('names the sibling in its examples or a notice: mentions, not registration lines nor reads', async () => {
    const p = await ask(
      {
        'pyproject.toml': '[project]\nname = "potter"\n',
        'potter/cli.py': [
          'import argparse', // 1
          '', // 2
          'def build():', // 3
          '    p = argparse.ArgumentParser()', // 4
          '    p.add_argument(', // 5
          '        "--glaze-colour",', // 6
          '        type=str,', // 7
          '        help="""', // 8
          '            The colour of the glaze.', // 9
          '', // 10
          '              --glaze-colour blue', // 11
          '              --glaze-colour "sea green"', // 12
          '        """,', // 13
          '    )', // 14
          '    p.add_argument("--kiln-temp", type=int, help="how hot")', // 15
          '    return p', // 16
          '', // 17
          'def fire(args):', // 18
          '    return (args.glaze_colour, args.kiln_temp)', // 19
          '',
        ].join('\n'),
        'potter/check.py': [
          'def check(args):', // 1
          '    if args.glaze_colour not in ("red", "blue"):', // 2
          '        print("Unknown glaze-colour, using the default")', // 3
          '',
        ].join('\n'),
        'potter/env.py': [
          'import os', // 1
          '', // 2
          'def colour():', // 3
          '    got = os.environ.get("POTTER_GLAZE_COLOUR", "")', // 4
          '    if got not in ("red", "blue"):', // 5
          '        raise SystemExit(f"Unknown POTTER_GLAZE_COLOUR value ({got})")', // 6
          '    return got', // 7
          '',
        ].join('\n'),
      },
      'Add a --glaze-finish option to choose matte or gloss',
    );
    expect(p.sibling).toMatchObject({ name: '--glaze-colour', file: 'potter/cli.py' });
    const at = (n: number) => p.footprint.find((e) => e.file === 'potter/cli.py' && e.line === n);
    expect(at(6)?.role).toBe('registration');
    // The examples in its help say its name; they register nothing.
    for (const n of [11, 12]) if (at(n)) expect(at(n)!.role).toBe('other');
    expect([11, 12].some((n) => at(n))).toBe(true);
    // A notice that says its name is a message, no read of it; the read of its value is.
    expect(at(19)?.role).toBe('read');
    const check = (f: string, n: number) => p.footprint.find((e) => e.file === f && e.line === n);
    expect(check('potter/check.py', 2)?.role).toBe('read');
    expect(check('potter/check.py', 3)).toBeUndefined();
    expect(check('potter/env.py', 6)).toMatchObject({
      role: 'other',
      why: expect.stringContaining('in a message'),
    });
  });
});
