import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { fieldSpellings, setByOption } from './field.js';

const project = tempProjects('field');

/** A ferry scheduler written for this test: clap options in `cli.rs`, the settings they fill in `settings.rs`. */
const FERRY = (settingsBody: string, mainExtra = ''): Record<string, string> => ({
  'Cargo.toml': '[package]\nname = "ferry"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4"\n',
  'src/cli.rs': `use clap::{Arg, ArgAction, Command};

pub fn build() -> Command {
    Command::new("ferry")
        .arg(
            Arg::new("dry-run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("Plan the crossings without sailing"),
        )
        .arg(
            Arg::new("max-trips")
                .long("max-trips")
                .action(ArgAction::Set)
                .help("How many crossings a boat makes per day"),
        )
}
`,
  'src/settings.rs': `#[derive(Debug, Clone, Default)]
pub struct Settings<'a> {
    /// Plan only.
    pub dry_run: bool,
    /// Crossings per boat.
    pub max_trips: usize,
    pub harbour: &'a str,
${settingsBody}}
`,
  'src/main.rs': `mod cli;
mod settings;
use settings::Settings;

fn main() {
    let m = cli::build().get_matches();
    let s = Settings {
        dry_run: m.get_flag("dry-run"),
        max_trips: *m.get_one::<usize>("max-trips").unwrap_or(&4),
        harbour: "north",
        ..Default::default()
    };
    if s.dry_run {
        return;
    }
${mainExtra}}
`,
});

/** The ferry's `cli.rs` with one more option that takes a value each time it is given (`ArgAction::Append`). */
const withListArg = (cli: string, name: string, help: string) =>
  cli.replace(
    '        )\n}',
    `        )\n        .arg(\n            Arg::new("${name}")\n                .long("${name}")\n                .action(ArgAction::Append)\n                .help("${help}"),\n        )\n}`,
  );

describe('a field of the requested name that exists', () => {
  it('spells a field in snake, camel and Pascal case, only for two words or more', () => {
    expect(fieldSpellings(['skip', 'locked'])).toEqual(['skip_locked', 'skipLocked', 'SkipLocked']);
    expect(fieldSpellings(['quiet'])).toEqual([]);
  });

  it('is partly met: the struct field is cited, the option that sets it is missing, a switch follows a switch', async () => {
    const root = project(
      FERRY(
        '    /// Leave boats that are locked at the quay.\n    pub skip_locked: bool,\n',
        '    if s.skip_locked {\n        println!("skipping");\n    }\n',
      ),
    );
    const p = await precedentAt(root, 'Add a `--skip-locked` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'src/settings.rs', line: 9, text: 'pub skip_locked: bool,' });
    expect(p.evidence[1]).toMatchObject({ file: 'src/main.rs', text: 'if s.skip_locked {' });
    expect(p.missing).toContain('a command-line option that sets the existing `skip_locked`');
    expect(p.missing).toContain('adding no new field');
    expect(p.reason).toContain('a field of `Settings`');
    // The switch that sets a boolean member of the same struct, not the value option.
    expect(p.sibling).toMatchObject({ name: '--dry-run', file: 'src/cli.rs' });
    // The sibling's own field is not copied beside the existing one.
    expect(p.footprint.some((e) => e.file === 'src/settings.rs' && e.role === 'type')).toBe(false);
    // Read already: where it takes effect is not searched again.
    expect(p.effect).toBeUndefined();
  });

  it('says a field read nowhere leaves where it takes effect to the change', async () => {
    const root = project(FERRY('    pub skip_locked: bool,\n'));
    const p = await precedentAt(root, 'Add a `--skip-locked` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.missing).toContain('read nowhere yet');
  });

  it('is not a field when the name is only written in a struct literal, a comment or a doc comment', async () => {
    const root = project(
      FERRY(
        '    /// skip_locked would go here.\n',
        '    // skip_locked: not yet\n    let _t = Settings { skip_locked: true, ..s };\n',
      ),
    );
    const p = await precedentAt(root, 'Add a `--skip-locked` flag');
    expect(p.verdict).toBe('new');
  });

  it('is no missing option when a declared option sets the field already', async () => {
    const files = FERRY('    pub skip_locked: bool,\n');
    files['src/main.rs'] = files['src/main.rs']!.replace(
      '        harbour: "north",',
      '        harbour: "north",\n        skip_locked: !m.get_flag("dry-run"),',
    );
    const p = await precedentAt(project(files), 'Add a `--skip-locked` flag');
    expect(p.verdict).not.toBe('partly-met');
  });

  it('reads a field set from an option over the lines its expression spans, or through a local bound above', () => {
    const options = [{ name: '--wide-view', aliases: [] }];
    const rust = [
      'let width = m',
      '    .get_one::<usize>("wide-view")',
      '    .copied();',
      'let s = Settings {',
      '    use_wide: m',
      '        .get_flag("wide-view"),',
      '    wide_cols: width.unwrap_or(80),',
      '    true_colour: detect_colour(),',
      '};',
    ];
    expect(setByOption(rust, 4, 'use_wide', options)).toBe(true);
    expect(setByOption(rust, 6, 'wide_cols', options)).toBe(true);
    expect(setByOption(rust, 7, 'true_colour', options)).toBe(false);
    // Rust's shorthand init names a local of the field's name; two hops through locals at most.
    const hops = [
      'let wide = m.get_flag("wide-view");',
      'let cols = if wide { 120 } else { 80 };',
      'Settings {',
      '    cols,',
      '};',
    ];
    expect(setByOption(hops, 3, 'cols', options)).toBe(true);
    const python = [
      'def run(self, args):',
      '    self.show_all = args.wide_view',
      '    show_all = " ".join(names).format(x)',
      '    self.other = 1',
    ];
    expect(setByOption(python, 1, 'show_all', options)).toBe(true);
    // The parameter a library hands the function under the option's dest.
    expect(setByOption(['    Mode(', '        use_wide=not wide_view,'], 1, 'use_wide', options)).toBe(true);
    // A local of the same name is no field, and the next statement is not part of the line's expression.
    expect(setByOption(python, 2, 'show_all', [{ name: '--format', aliases: [] }])).toBe(false);
  });

  it('reads any write of the field, not only its initialiser: filled later, a builder, a guard or an arm', () => {
    const options = [
      { name: '--keep-dir', aliases: ['keep_dir'] },
      { name: '--all', aliases: [] },
      { name: '--dump-format', aliases: ['dump_format'] },
    ];
    const rust = [
      'fn settings(m: &ArgMatches) -> Settings {',
      '    let mut s = Settings::default();',
      '    if let Some(dirs) = m.get_many::<String>("keep-dir") {',
      '        s.kept_dirs.extend(dirs.cloned());',
      '    }',
      '    match m.get_one::<String>("dump-format").map(String::as_str) {',
      '        Some("wide") => s.wide_rows = true,',
      '        _ => {}',
      '    }',
      '    s.page_lines += m.get_count("all") as usize;',
      '    s.loose_ends.push(dirs_seen);',
      '    Builder::new().tidy_names(m.get_flag("all")).build();',
      '    s',
      '}',
    ];
    // Filled in place under a guard that reads the option.
    expect(setByOption(rust, 3, 'kept_dirs', options)).toBe(true);
    // A `match` arm on the option's value.
    expect(setByOption(rust, 6, 'wide_rows', options)).toBe(true);
    // Added to from the option.
    expect(setByOption(rust, 9, 'page_lines', options)).toBe(true);
    // Filled from the program's own state: no option reaches it.
    expect(setByOption(rust, 10, 'loose_ends', options)).toBe(false);
    // A builder method of the field's name given the option's value.
    expect(setByOption(rust, 11, 'tidy_names', options)).toBe(true);
    const members = [
      'let low_arg = m.get_one::<u32>("keep-dir");',
      'match (low_arg, None::<u32>) {',
      '    (Some(v), _) => {',
      '        s.trip_range.low = v;',
      '    }',
      '    _ => {}',
      '}',
      'Printer::new().with_frame_kind(m.get_flag("all"));',
      'view.setRowLimit(m.get_count("all"));',
    ];
    // A member of the field written in an arm of a `match` on the option's local.
    expect(setByOption(members, 3, 'trip_range', options)).toBe(true);
    // A setter of the field's name: `with_…`, `set…`.
    expect(setByOption(members, 7, 'frame_kind', options)).toBe(true);
    expect(setByOption(members, 8, 'rowLimit', options)).toBe(true);
    // One of the targets of a tuple assignment from the option.
    const tuple = [
      '(',
      '    s.row_order,',
      '    s.col_order,',
      ') = match m.get_one::<String>("dump-format").map(|v| v.as_str()) {',
      '    Some("wide") => (1, 2),',
      '    _ => (0, 0),',
      '};',
      'self.left_pad, self.right_pad = args.dump_format, 0',
      'self.top_pad, self.low_pad = 0, 0',
    ];
    expect(setByOption(tuple, 2, 'col_order', options)).toBe(true);
    expect(setByOption(tuple, 7, 'left_pad', options)).toBe(true);
    expect(setByOption(tuple, 8, 'top_pad', options)).toBe(false);
    const python = [
      'def configure(self, args):',
      '    for name in args.keep_dir:',
      '        self.kept_dirs.append(name)',
      '    if args.all:',
      '        self.show_every = True',
      '    else:',
      '        self.show_none = True',
      '    for all_ in self.rows:',
      '        self.row_marks.add(all_)',
      "    settings['dump_style'] = args.dump_format",
      '',
      'def walk(self, paths):',
      '    for path in paths:',
      '        self.seen_paths.add(path)',
    ];
    expect(setByOption(python, 2, 'kept_dirs', options)).toBe(true);
    expect(setByOption(python, 4, 'show_every', options)).toBe(true);
    // The `else` of a guard on the option: the option decides it too.
    expect(setByOption(python, 6, 'show_none', options)).toBe(true);
    expect(setByOption(python, 8, 'row_marks', options)).toBe(false);
    // A settings key written from the option.
    expect(setByOption(python, 9, 'dump_style', options)).toBe(true);
    // A loop over the function's own input is no option's value, nor is a guard in another function.
    expect(setByOption(python, 13, 'seen_paths', [{ name: '--path', aliases: [] }])).toBe(false);
    // A one-word dest in a guard is the option only on what holds the options, not on any object.
    const kind = [{ name: '--kind', aliases: [] }];
    expect(
      setByOption(['    if node.kind == "x":', '        self.seen_kinds.add(1)'], 1, 'seen_kinds', kind),
    ).toBe(false);
    expect(
      setByOption(['    if args.kind == "x":', '        self.seen_kinds.add(1)'], 1, 'seen_kinds', kind),
    ).toBe(true);
  });

  it('follows a local filled after its binding, or computed by a function of the same file, to the option', () => {
    const options = [{ name: '--newer-than', aliases: ['newer_than'] }];
    const rust = [
      'fn age_rules(o: &Opts) -> Vec<Rule> {',
      '    let mut out = Vec::new();',
      '    if let Some(t) = o.newer_than.as_ref() {',
      '        out.push(Rule::after(t));',
      '    }',
      '    out',
      '}',
      '',
      'fn build(o: Opts) -> Settings {',
      '    let rules = age_rules(&o);',
      '    let mut extra = Vec::new();',
      '    extra.push(Rule::after(&o.newer_than));',
      '    let mut plain = Vec::new();',
      '    plain.push(Rule::default());',
      '    Settings {',
      '        age_rules: rules,',
      '        more_rules: extra,',
      '        base_rules: plain,',
      '    }',
      '}',
    ];
    expect(setByOption(rust, 15, 'age_rules', options)).toBe(true);
    expect(setByOption(rust, 16, 'more_rules', options)).toBe(true);
    expect(setByOption(rust, 17, 'base_rules', options)).toBe(false);
  });

  it('is no missing option when a declared option fills the collection field later', async () => {
    const files = FERRY(
      '    pub skip_quays: Vec<String>,\n',
      '    if s.skip_quays.is_empty() {\n        println!("all quays");\n    }\n',
    );
    files['src/cli.rs'] = withListArg(files['src/cli.rs']!, 'avoid', 'A quay to leave out');
    files['src/main.rs'] = files['src/main.rs']!.replace(
      '    if s.dry_run {',
      '    let mut s = s;\n    for q in m.get_many::<String>("avoid").into_iter().flatten() {\n        s.skip_quays.push(q.clone());\n    }\n    if s.dry_run {',
    );
    const p = await precedentAt(project(files), 'Add a `--skip-quays` option');
    expect(p.verdict).not.toBe('partly-met');
  });

  it('is not a field for a one-word name', async () => {
    const root = project(FERRY('    pub locked: bool,\n'));
    const p = await precedentAt(root, 'Add a `--locked` flag');
    expect(p.verdict).not.toBe('partly-met');
  });

  it('reads a Python instance attribute of a class the option code calls, and follows the option that sets its neighbour', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/compare.py': `class TreeCompare:
    """Compares two folders."""

    def __init__(self, left, right, skip_hidden=False, ignore_case=False):
        self.left = left
        self.right = right
        self.skip_hidden = skip_hidden
        self.ignore_case = ignore_case

    def names(self, folder):
        """Lists the names; self.skip_hidden leaves the dotted ones out."""
        out = []
        for name in folder:
            if self.skip_hidden and name.startswith("."):
                continue
            out.append(name.lower() if self.ignore_case else name)
        return out
`,
      'sieve/main.py': `import argparse

from sieve.compare import TreeCompare


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--ignore-case", action="store_true", help="compare names without case")
    parser.add_argument("--depth", type=int, default=3, help="how deep to walk")
    args = parser.parse_args(argv)
    return TreeCompare("a", "b", ignore_case=args.ignore_case)
`,
      // An unrelated class with an attribute of the same name, which no option code names.
      'sieve/cache.py': `class Shelf:
    def __init__(self):
        self.skip_hidden = True
`,
    });
    const p = await precedentAt(root, 'Add --skip-hidden option to sieve');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'sieve/compare.py', line: 7 });
    // The docstring that names it is no read; the condition below it is.
    expect(p.evidence.slice(1).map((e) => e.line)).toEqual([14]);
    expect(p.reason).toContain('an attribute of `TreeCompare`');
    expect(p.sibling).toMatchObject({ name: '--ignore-case', file: 'sieve/main.py' });
  });

  it('is no field of the project in its test helpers or vendored code, nor when the option fills it under a guard', async () => {
    const files = (extra: Record<string, string>, body: string): Record<string, string> => ({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/main.py': `import argparse

from sieve.walker import Walker


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--dots", action="store_true", help="walk into dotted folders")
    args = parser.parse_args(argv)
    w = Walker()
${body}    return w
`,
      ...extra,
    });
    const walker = `class Walker:
    def __init__(self, skip_hidden=True):
        self.skip_hidden = skip_hidden
`;
    // In a test helper or a vendored copy: not the project's field.
    for (const at of ['sieve/testutils/walker.py', 'sieve/extern/walker.py']) {
      const p = await precedentAt(project(files({ [at]: walker }, '')), 'Add --skip-hidden option to sieve');
      expect(p.verdict).not.toBe('partly-met');
    }
    // The project's own, set under a guard on `--dots`: that option's carrier.
    const guarded = '    if args.dots:\n        w.skip_hidden = False\n';
    const p = await precedentAt(
      project(files({ 'sieve/walker.py': walker }, guarded)),
      'Add --skip-hidden option to sieve',
    );
    expect(p.verdict).not.toBe('partly-met');
    // Without the guard it is partly met.
    const q = await precedentAt(
      project(files({ 'sieve/walker.py': walker }, '')),
      'Add --skip-hidden option to sieve',
    );
    expect(q.verdict).toBe('partly-met');
  });

  it('leaves alone an attribute a class keeps as its own state, not set from what its caller passes', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/walk.py': `class Walk:
    def __init__(self, root):
        self.root = root
        self.skip_hidden = set()

    def seen(self, name):
        return name in self.skip_hidden
`,
      'sieve/main.py': `import argparse

from sieve.walk import Walk


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--ignore-case", action="store_true", help="compare names without case")
    parser.parse_args(argv)
    return Walk(".")
`,
    });
    expect((await precedentAt(root, 'Add --skip-hidden option')).verdict).toBe('new');
  });

  it('leaves a field of a class no option code names alone', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/cache.py': `class Shelf:
    def __init__(self):
        self.skip_hidden = True

    def keep(self, name):
        return not (self.skip_hidden and name.startswith("."))
`,
      'sieve/main.py': `import argparse


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--ignore-case", action="store_true", help="compare names without case")
    return parser.parse_args(argv)
`,
    });
    const p = await precedentAt(root, 'Add --skip-hidden option');
    expect(p.verdict).toBe('new');
  });

  it('reads a Go struct field, and a configuration request on a struct read from configuration is left alone', async () => {
    const files = (tag: string) => ({
      'go.mod': 'module example.org/tally\n\ngo 1.21\n',
      'main.go': `package main

import "flag"

func main() {
	verbose := flag.Bool("verbose", false, "print every counted line")
	flag.Parse()
	opts := Options{Verbose: *verbose}
	run(opts)
}
`,
      'options.go': `package main

type Options struct {
	Verbose    bool${tag ? ' `toml:"verbose"`' : ''}
	CountBlank bool${tag ? ' `toml:"count_blank"`' : ''}
}

func run(o Options) {
	if o.CountBlank {
		return
	}
}
`,
    });
    const cli = await precedentAt(project(files('')), 'Add a `--count-blank` flag');
    expect(cli.verdict).toBe('partly-met');
    expect(cli.evidence[0]).toMatchObject({ file: 'options.go', line: 5 });
    expect(cli.sibling?.name).toBe('verbose');
    const config = await precedentAt(project(files('toml')), 'Add the `count_blank` configuration setting');
    expect(config.verdict).not.toBe('partly-met');
  });

  it('reads a TypeScript class property of a class the option code builds', async () => {
    const root = project({
      'package.json': '{ "name": "relay", "version": "1.0.0", "dependencies": { "commander": "^12.0.0" } }\n',
      'src/runner.ts': `export class Runner {
  private bail = false;
  private retryFailed = false;

  constructor(bail: boolean) {
    this.bail = bail;
  }

  run(jobs: string[]): number {
    return this.retryFailed ? jobs.length * 2 : jobs.length;
  }
}
`,
      'src/cli.ts': `import { Command } from 'commander';
import { Runner } from './runner.js';

const program = new Command();
program.option('--bail', 'stop at the first failed job');
program.option('--jobs <n>', 'how many jobs run at once');
program.parse();
new Runner(program.opts().bail).run([]);
`,
    });
    const p = await precedentAt(root, 'Add a `--retry-failed` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'src/runner.ts', line: 3 });
    expect(p.evidence[1]).toMatchObject({ file: 'src/runner.ts', line: 10 });
    expect(p.reason).toContain('a field of `Runner`');
  });
});

describe("a field that is the work's state, not a setting", () => {
  it('leaves a Rust counter, a lock-free flag and a buffer lent to the work alone; a plain setting stays partly met', async () => {
    const files = FERRY(
      '    pub night_mode: bool,\n',
      '    let mut log = Log::new();\n    log.sail("north");\n    if s.night_mode {\n        println!("dark");\n    }\n',
    );
    files['src/main.rs'] = files['src/main.rs']!.replace(
      'mod settings;',
      'mod log;\nmod settings;\nuse log::Log;',
    );
    files['src/log.rs'] = `use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub struct Log {
    trips_made: usize,
    stop_early: Arc<AtomicBool>,
    pending_line: Vec<u8>,
}

impl Log {
    pub fn new() -> Self {
        Log { trips_made: 0, stop_early: Arc::new(AtomicBool::new(false)), pending_line: vec![] }
    }

    pub fn sail(&mut self, quay: &str) {
        self.trips_made += 1;
        let mut out = Vec::new();
        out.append(&mut self.pending_line);
        if self.stop_early.load(Ordering::Relaxed) || self.trips_made > 9 || out.is_empty() {
            println!("{quay}");
        }
    }
}
`;
    // Another struct's member of the same name, which its own method changes, is another field.
    files['src/tide.rs'] = `pub struct Tide {
    night_mode: bool,
}

impl Tide {
    pub fn turn(&mut self, hour: u8) -> bool {
        self.night_mode = hour > 20;
        self.night_mode
    }
}
`;
    const root = project(files);
    for (const flag of ['--trips-made', '--stop-early', '--pending-line'])
      expect((await precedentAt(root, `Add a \`${flag}\` flag`)).verdict, flag).not.toBe('partly-met');
    expect((await precedentAt(root, 'Add a `--night-mode` flag')).verdict).toBe('partly-met');
  });

  it('leaves alone a Python counter and the errors a class gathers through its own method', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/tally.py': `from dataclasses import dataclass, field


@dataclass
class Tally:
    quiet_mode: bool = False
    files_checked: int = 0
    failed_names: list = field(default_factory=list)

    def failed(self, name):
        self.failed_names.append(name)

    def checked(self):
        self.files_checked += 1
        if not self.quiet_mode:
            print(len(self.failed_names))
`,
      'sieve/main.py': `import argparse

from sieve.tally import Tally


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--depth", type=int, default=3, help="how deep to walk")
    args = parser.parse_args(argv)
    tally = Tally()
    for name in ["a", "b"][: args.depth]:
        if name.startswith("."):
            tally.failed(name)
        tally.checked()
    return tally
`,
    });
    expect((await precedentAt(root, 'Add a --files-checked option')).verdict).not.toBe('partly-met');
    expect((await precedentAt(root, 'Add a --failed-names option')).verdict).not.toBe('partly-met');
    expect((await precedentAt(root, 'Add a --quiet-mode option')).verdict).toBe('partly-met');
  });

  it('leaves alone a TypeScript property a method keeps for itself, and a Go counter', async () => {
    const ts = project({
      'package.json': '{ "name": "relay", "version": "1.0.0", "dependencies": { "commander": "^12.0.0" } }\n',
      'src/runner.ts': `export class Runner {
  private bail = false;
  private lastWidth = 0;

  constructor(bail: boolean) {
    this.bail = bail;
  }

  run(jobs: string[]): number {
    const width = jobs.reduce((n, j) => Math.max(n, j.length), 0);
    this.lastWidth = width;
    return this.bail ? 1 : this.lastWidth;
  }
}
`,
      'src/cli.ts': `import { Command } from 'commander';
import { Runner } from './runner.js';

const program = new Command();
program.option('--bail', 'stop at the first failed job');
program.parse();
new Runner(program.opts().bail).run([]);
`,
    });
    expect((await precedentAt(ts, 'Add a `--last-width` option')).verdict).not.toBe('partly-met');
    const go = project({
      'go.mod': 'module example.org/tally\n\ngo 1.21\n',
      'main.go': `package main

import "flag"

func main() {
	verbose := flag.Bool("verbose", false, "print every counted line")
	flag.Parse()
	w := Walker{Verbose: *verbose}
	w.visit("a")
}
`,
      'walker.go': `package main

type Walker struct {
	Verbose    bool
	FilesSeen  int
	SkipBinary bool
}

func (w *Walker) visit(path string) {
	w.FilesSeen++
	if w.SkipBinary || w.FilesSeen > 3 {
		return
	}
}
`,
    });
    expect((await precedentAt(go, 'Add a `--files-seen` flag')).verdict).not.toBe('partly-met');
    expect((await precedentAt(go, 'Add a `--skip-binary` flag')).verdict).toBe('partly-met');
  });
});

describe('a field an option fills through a method of its container', () => {
  it("is that option's in Rust: the method stores its parameter, the option code calls it with the value", async () => {
    const files = FERRY(
      '',
      '    let mut rules = Rules::new();\n    if let Some(qs) = m.get_many::<String>("stop-at") {\n        for q in qs {\n            rules.add(q);\n        }\n    }\n    rules.check("x");\n',
    );
    files['src/cli.rs'] = withListArg(files['src/cli.rs']!, 'stop-at', 'A harbour to put in at');
    files['src/main.rs'] = files['src/main.rs']!.replace(
      'mod settings;',
      'mod rules;\nmod settings;\nuse rules::Rules;',
    );
    files['src/rules.rs'] = `pub struct Rules {
    called_quays: Vec<String>,
}

impl Rules {
    pub fn new() -> Self {
        Rules { called_quays: Vec::new() }
    }

    pub fn add(&mut self, quay: &str) {
        self.called_quays.push(quay.to_string());
    }

    pub fn check(&self, quay: &str) -> bool {
        self.called_quays.iter().any(|q| q == quay)
    }
}
`;
    const root = project(files);
    expect((await precedentAt(root, 'Add a `--called-quays` option')).verdict).not.toBe('partly-met');
    // Called by nothing that reads an option, it is a field the option would set: partly met.
    files['src/main.rs'] = files['src/main.rs']!.replace('rules.add(q);', 'println!("{q}");');
    expect((await precedentAt(project(files), 'Add a `--called-quays` option')).verdict).toBe('partly-met');
  });

  it("is that option's in Python: a loop over the option's values calls the method", async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/rules.py': `class Rules:
    def __init__(self, root, extra_globs=()):
        self.root = root
        self.extra_globs = list(extra_globs)

    def add_glob(self, pattern):
        self.extra_globs.append(pattern)

    def matches(self, name):
        return any(name.endswith(g) for g in self.extra_globs)
`,
      'sieve/main.py': `import argparse

from sieve.rules import Rules


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--glob", action="append", default=[], help="a pattern to keep")
    args = parser.parse_args(argv)
    rules = Rules(".")
    for pattern in args.glob:
        rules.add_glob(pattern)
    return rules
`,
    });
    expect((await precedentAt(root, 'Add an --extra-globs option')).verdict).not.toBe('partly-met');
  });
});

describe('a parameter is no member', () => {
  it('leaves alone a parameter of a method signature written over several lines in a TypeScript interface', async () => {
    const files = (member: string) => ({
      'package.json': '{ "name": "relay", "version": "1.0.0", "dependencies": { "commander": "^12.0.0" } }\n',
      'src/runner.ts': `export interface Runner {
  bail: boolean;
${member}  run(
    jobs: string[],
    retryFailed: boolean,
  ): number;
}
`,
      'src/cli.ts': `import { Command } from 'commander';
import type { Runner } from './runner.js';

const program = new Command();
program.option('--bail', 'stop at the first failed job');
program.parse();
export const runner: Partial<Runner> = { bail: program.opts().bail };
`,
    });
    const p = await precedentAt(project(files('')), 'Add a `--retry-failed` flag');
    expect(p.verdict).not.toBe('partly-met');
    // Declared as a member too, it is partly met at the member.
    const q = await precedentAt(project(files('  retryFailed?: boolean;\n')), 'Add a `--retry-failed` flag');
    expect(q.verdict).toBe('partly-met');
    expect(q.evidence[0]).toMatchObject({ file: 'src/runner.ts', line: 3 });
  });
});

describe('an existing field with no option to follow', () => {
  it('lists the options declared where its container is built first among the candidates', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "sieve"\nversion = "0.1"\n',
      'sieve/compare.py': `class TreeCompare:
    def __init__(self, left, right, skip_hidden=False):
        self.left = left
        self.skip_hidden = skip_hidden

    def names(self, folder):
        return [n for n in folder if not (self.skip_hidden and n.startswith("."))]
`,
      'sieve/walk.py': `import argparse

from sieve.compare import TreeCompare


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sieve")
    parser.add_argument("--colour", action="store_true", help="paint the report")
    args = parser.parse_args(argv)
    return TreeCompare("a", "b")
`,
      'sieve/admin.py': `import argparse


def serve(argv=None):
    parser = argparse.ArgumentParser(prog="sieve-serve")
    parser.add_argument("--verbose", action="store_true", help="say more while serving")
    return parser.parse_args(argv)
`,
    });
    const p = await precedentAt(root, 'Add --skip-hidden option');
    expect(p.verdict).toBe('partly-met');
    expect(p.sibling).toBeUndefined();
    expect(p.candidates[0]).toMatchObject({ file: 'sieve/walk.py', line: 8 });
  });
});

describe('a declaration of the API, a value or a constant is no field an option sets', () => {
  it('never cites a TypeScript declaration file: its class mirrors the code that stores the value', async () => {
    const root = project({
      'package.json':
        '{ "name": "lantern", "version": "1.0.0", "types": "typings/index.d.ts", "dependencies": { "commander": "^12.0.0" } }\n',
      'lib/layout.js': `class Layout {
  constructor() {
    this.columnWidth = 20;
    this.wrapLines = false;
  }

  render(rows) {
    return rows.map((r) => (this.wrapLines ? r : r.slice(0, this.columnWidth)));
  }
}
exports.Layout = Layout;
`,
      'typings/index.d.ts': `export class Layout {
  columnWidth: number;
  wrapLines: boolean;
  render(rows: string[]): string[];
}
`,
      'bin/lantern.js': `const { Command } = require('commander');
const { Layout } = require('../lib/layout.js');

const program = new Command();
program.option('--column-width <n>', 'how wide a column is');
program.parse();
const layout = new Layout();
layout.columnWidth = Number(program.opts().columnWidth);
`,
    });
    const p = await precedentAt(root, 'Add a `--wrap-lines` flag');
    expect(p.verdict).not.toBe('partly-met');
    expect(p.evidence.map((e) => e.file)).not.toContain('typings/index.d.ts');
  });

  it('cites the class in the code, not the declaration file written for it', async () => {
    const root = project({
      'package.json':
        '{ "name": "lantern", "version": "1.0.0", "types": "index.d.ts", "dependencies": { "commander": "^12.0.0" } }\n',
      'index.d.ts': `export declare class Layout {
  columnWidth: number;
  wrapLines: boolean;
}
`,
      'src/layout.ts': `export class Layout {
  columnWidth = 20;
  wrapLines = false;

  render(rows: string[]): string[] {
    return rows.map((r) => (this.wrapLines ? r : r.slice(0, this.columnWidth)));
  }
}
`,
      'src/cli.ts': `import { Command } from 'commander';
import { Layout } from './layout.js';

const program = new Command();
program.option('--column-width <n>', 'how wide a column is');
program.parse();
const layout = new Layout();
layout.columnWidth = Number(program.opts().columnWidth);
`,
    });
    const p = await precedentAt(root, 'Add a `--wrap-lines` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'src/layout.ts', line: 3 });
  });

  it('leaves alone a member of a Python enum and a class constant', async () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "quill"\nversion = "0.1"\n',
      'quill/mode.py': `from enum import Enum, auto
from typing import ClassVar, Final


class Stage(Enum):
    """The experimental stages a user turns on as a whole."""

    hug_brackets = auto()
    join_strings = auto()


class Limits:
    line_width: int = 88
    hard_cap: Final = 200
    seen_names: ClassVar[frozenset] = frozenset({"a", "b"})
`,
      'quill/main.py': `import argparse

from quill.mode import Limits, Stage


def main(argv=None):
    parser = argparse.ArgumentParser(prog="quill")
    parser.add_argument("--line-width", type=int, default=88, help="how long a line may be")
    parser.add_argument("--preview", action="store_true", help="turn on every stage")
    args = parser.parse_args(argv)
    limits = Limits()
    limits.line_width = args.line_width
    return [s for s in Stage] if args.preview else []
`,
    });
    for (const ask of [
      'Add a `--join-strings` flag',
      'Add a `--hard-cap` option',
      'Add a `--seen-names` option',
    ]) {
      const p = await precedentAt(root, ask);
      expect(p.verdict, ask).not.toBe('partly-met');
    }
  });

  it('leaves alone a TypeScript enum member, a static readonly constant and a Rust enum variant', async () => {
    const ts = project({
      'package.json': '{ "name": "tally", "version": "1.0.0", "dependencies": { "commander": "^12.0.0" } }\n',
      'src/kinds.ts': `export enum Output {
  plainText = 'plain',
  richTable = 'table',
}

export class Sizes {
  static readonly pageRows = 40;
  maxColumns = 12;
}
`,
      'src/cli.ts': `import { Command } from 'commander';
import { Output, Sizes } from './kinds.js';

const program = new Command();
program.option('--max-columns <n>', 'how many columns a page shows');
program.parse();
const sizes = new Sizes();
sizes.maxColumns = Number(program.opts().maxColumns);
console.log(Output.plainText, Sizes.pageRows);
`,
    });
    for (const ask of ['Add a `--rich-table` flag', 'Add a `--page-rows` option']) {
      const p = await precedentAt(ts, ask);
      expect(p.verdict, ask).not.toBe('partly-met');
    }
    const rs = project({
      'Cargo.toml': '[package]\nname = "ferry"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4"\n',
      'src/cli.rs': `use clap::{Arg, ArgAction, Command};

pub fn build() -> Command {
    Command::new("ferry").arg(Arg::new("dry-run").long("dry-run").action(ArgAction::SetTrue))
}
`,
      'src/route.rs': `pub enum Route {
    Direct,
    Detour { extra_stops: usize, slow_water: bool },
}
`,
      'src/main.rs': `mod cli;
mod route;
use route::Route;

fn main() {
    let m = cli::build().get_matches();
    let r = if m.get_flag("dry-run") { Route::Direct } else { Route::Detour { extra_stops: 1, slow_water: false } };
    let _ = r;
}
`,
    });
    const p = await precedentAt(rs, 'Add a `--slow-water` flag');
    expect(p.verdict).not.toBe('partly-met');
  });
});
