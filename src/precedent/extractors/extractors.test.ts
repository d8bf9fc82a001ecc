import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { inventory } from '../../explore/inventory.js';
import { projectFiles } from '../../files/project-files.js';
import type { Declaration, ExtractContext } from '../declaration.js';
import { collectDeclarations, shebangLanguage } from '../declarations.js';
import { TreeSearch } from '../search.js';
import { envReads } from './env-reads.js';
import { goConfigTags } from './go-config-tags.js';
import { goFlags } from './go-flags.js';
import { jsCli } from './js-cli.js';
import { optionTuples } from './option-tuples.js';
import { pythonCli } from './python-cli.js';
import { rustClap } from './rust-clap.js';
import { rustSerdeConfig, serdeCase } from './rust-serde-config.js';

/**
 * The extractors added for declarations the first ones missed, on small sources written for these tests.
 * Every declaration's line must spell its name (the line is what a plan cites).
 */
const project = tempProjects('extractors');

function collect(files: Record<string, string>): Declaration[] {
  const root = project(files);
  const inv = inventory(root);
  return collectDeclarations(new TreeSearch(root, projectFiles(root), inv));
}

/** Each declaration's cited line contains its name (without the dashes). */
function cited(text: string, ds: Declaration[]) {
  const lines = text.split('\n');
  for (const d of ds) {
    expect(lines[d.line - 1]!.trim()).toBe(d.text);
    expect(d.text).toContain(d.name.replace(/^-+/, ''));
  }
}

const context = (files: Record<string, string>, language: string): ExtractContext => ({
  languageOf: () => language,
  neighbours: (path) => {
    const dir = path.slice(0, path.lastIndexOf('/'));
    return Object.entries(files).filter(([p]) => p !== path && p.startsWith(`${dir}/`));
  },
});

describe('executables without an extension', () => {
  it('reads the language a #! line names', () => {
    expect(shebangLanguage('#!/usr/bin/env node\n')).toBe('JavaScript');
    expect(shebangLanguage('#!/usr/bin/env -S node --no-warnings\n')).toBe('JavaScript');
    expect(shebangLanguage('#!/usr/bin/python3.11 -u\n')).toBe('Python');
    expect(shebangLanguage('#!/bin/sh\n')).toBeNull();
    expect(shebangLanguage('const a = 1;\n')).toBeNull();
  });

  it('declares the options a node executable registers, and leaves a shell script alone', () => {
    const tool = `#!/usr/bin/env node
'use strict';
const program = require('./lib/program');

program
  .option('-w, --watch-dir <dir>', 'rerun when a file in this folder changes')
  .option('--no-colour', 'print without colours');
`;
    const ds = collect({
      'bin/shelfrun': tool,
      'bin/setup': "#!/bin/sh\nexec tool .option('--not-mine', 'never read')\n",
      'lib/program.js': 'module.exports = {};\n',
    });
    expect(ds.map((d) => [d.file, d.name])).toEqual([
      ['bin/shelfrun', '--watch-dir'],
      ['bin/shelfrun', '--no-colour'],
    ]);
    cited(tool, ds);
  });
});

describe('Go flags named by constants', () => {
  const files = {
    'cmd/shelf/flags.go': `package shelf

const (
	limitFlag      = "limit"
	limitFlagUsage = "list at most this many books"
)

const skipLentFlag string = "skip-lent"
`,
    'cmd/shelf/list.go': `package shelf

func init() {
	listCmd.Flags().IntVarP(&listLimit, limitFlag, "l", 20, limitFlagUsage)
	listCmd.Flags().BoolVar(&skipLent, skipLentFlag, false, "leave out lent books")
	listCmd.Flags().StringVar(&order, computeName(), "title", "unknown name")
}
`,
  };
  it('reads the name and usage from constants of the same package', () => {
    const text = files['cmd/shelf/list.go'];
    const ds = goFlags.extract('cmd/shelf/list.go', text, context(files, 'Go'));
    expect(ds.map((d) => [d.name, d.aliases[0], d.help, d.kind])).toEqual([
      ['limit', 'l', 'list at most this many books', 'option'],
      ['skip-lent', 'skipLent', 'leave out lent books', 'flag'],
    ]);
    expect(ds.map((d) => d.line)).toEqual([4, 5]);
  });
});

describe('Go config keys declared by struct tags', () => {
  const text = `package shelf

// Settings is read from .shelfrc.
type Settings struct {
	Limit    *int     \`yaml:"limit"\` // how many books a listing shows
	// where lent books are kept
	LentDir  string   \`yaml:"lent-dir" toml:"lent_dir"\`
	Shelves  []string \`toml:"shelves"\`
	Quiet    *bool    \`json:"quiet"\`
	internal int
	Skipped  string   \`yaml:"-"\`
	Embedded Base     \`yaml:",inline"\`
}

type Book struct {
	Title string \`json:"title"\`
}

func (b *Book) UnmarshalYAML(unmarshal func(interface{}) error) error {
	var long struct {
		Title     string
		KeepDusty bool \`yaml:"keepDusty"\`
	}
	return unmarshal(&long)
}
`;
  it('reads each tagged field as a config key, its help and struct, and no payload field', () => {
    const ds = goConfigTags.extract('shelf/settings.go', text);
    expect(ds.map((d) => [d.name, d.aliases[0], d.takes, d.scope, d.help])).toEqual([
      ['limit', 'Limit', 'one', 'Settings', 'how many books a listing shows'],
      ['lent-dir', 'LentDir', 'one', 'Settings', 'where lent books are kept'],
      ['shelves', 'Shelves', 'many', 'Settings', ''],
      ['quiet', 'Quiet', 'none', 'Settings', ''],
      // Untagged in the struct `UnmarshalYAML` decodes: the decoder's key is the name lowercased (an alias).
      ['Title', 'title', 'one', 'Book', ''],
      ['keepDusty', 'KeepDusty', 'none', 'long', ''],
    ]);
    expect(ds.every((d) => d.kind === 'config-value' && d.via === 'go-struct-tag')).toBe(true);
    cited(text, ds);
  });

  it('a tag that names a command-line flag declares the flag too, with its help and short name', () => {
    const flags = `package main

type Flags struct {
	Lend    bool   \`yaml:"lend" long:"lend" short:"l" description:"Lend the book out"\`
	NoDust  bool   \`yaml:"no-dust" flagName:"no-dust" flagSName:"nd" flagDescribe:"Do not dust shelves"\`
	Shelf   string \`yaml:"shelf"\`
}
`;
    const ds = goConfigTags.extract('main.go', flags);
    const cli = ds.filter((d) => d.via === 'go-flag-tag');
    expect(cli.map((d) => [d.name, d.kind, d.aliases[0], d.help, d.line])).toEqual([
      ['lend', 'flag', 'l', 'Lend the book out', 4],
      ['no-dust', 'flag', 'nd', 'Do not dust shelves', 5],
    ]);
    // The keys stay keys.
    expect(ds.filter((d) => d.via === 'go-struct-tag').map((d) => d.name)).toEqual([
      'lend',
      'no-dust',
      'shelf',
    ]);
    cited(flags, ds);
  });

  it('an untagged field is a key only in an anonymous struct an UnmarshalYAML hands to the decoder', () => {
    const steps = `package plan

// Step is one step of a recipe file.
type Step struct {
	Run      string
	Quiet    bool
	Retries  int
}

func (s *Step) UnmarshalYAML(unmarshal func(interface{}) error) error {
	var line string
	if err := unmarshal(&line); err == nil {
		s.Run = line
		return nil
	}
	var full struct {
		Run     string
		Quiet   bool // print nothing while it runs
		Retries int
		Env     map[string]string
	}
	if err := unmarshal(&full); err != nil {
		return err
	}
	var scratch struct {
		Seen bool
	}
	_ = scratch
	s.Run, s.Quiet, s.Retries = full.Run, full.Quiet, full.Retries
	return nil
}
`;
    const ds = goConfigTags.extract('plan/step.go', steps);
    // The named struct is the program's own shape, and a struct never decoded holds no key.
    expect(ds.map((d) => [d.name, d.aliases[0], d.takes, d.scope, d.help])).toEqual([
      ['Run', 'run', 'one', 'Step', ''],
      ['Quiet', 'quiet', 'none', 'Step', 'print nothing while it runs'],
      ['Retries', 'retries', 'one', 'Step', ''],
      ['Env', 'env', 'many', 'Step', ''],
    ]);
    expect(ds.every((d) => d.kind === 'config-value')).toBe(true);
    cited(steps, ds);
  });
});

describe('Rust config keys declared by serde', () => {
  const text = `
use serde::Deserialize;

/// What shelfrc.toml holds.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ShelfConfig {
    /// How many books a listing shows.
    pub max_books: Option<usize>,
    #[serde(rename = "colour", alias = "color")]
    pub tint: Option<String>,
    pub quiet: bool,
    pub shelves: Vec<String>,
    #[serde(skip)]
    pub loaded_from: Option<PathBuf>,
    #[serde(
        default,
        flatten
    )]
    pub extra: Extra,
    pub lending: Lending, // the [lending] table
    pub flags: Option<ShelfFlags>, // a table declared in another file
}

#[derive(Deserialize)]
pub struct Lending {
    pub r#loan_days: u32,
    pub reminders: HashMap<String, String>,
}

#[derive(
    Clone,
    Deserialize,
)]
struct Extra {
    pub note: String,
}

#[derive(Serialize, Deserialize)]
struct BookLine {
    title: String,
}
`;
  it('reads the fields of a settings struct and its tables under their serde names, and no payload', () => {
    const ds = rustSerdeConfig.extract('src/shelf.rs', text);
    expect(ds.map((d) => [d.name, d.aliases, d.takes, d.scope, d.help])).toEqual([
      ['max-books', ['max_books'], 'one', 'ShelfConfig', 'How many books a listing shows.'],
      ['colour', ['tint', 'color'], 'one', 'ShelfConfig', ''],
      ['quiet', [], 'none', 'ShelfConfig', ''],
      ['shelves', [], 'many', 'ShelfConfig', ''],
      // A field holding a table (`lending`, `flags`) is no key: the table's fields are.
      ['loan_days', [], 'one', 'Lending', ''],
      ['reminders', [], 'many', 'Lending', ''],
      // A flattened struct's fields are keys of the table it is flattened into.
      ['note', [], 'one', 'Extra', ''],
    ]);
    expect(ds.every((d) => d.kind === 'config-value' && d.via === 'serde')).toBe(true);
    // A rename is cited where it is written; the others at their field.
    expect(ds.find((d) => d.name === 'colour')!.text).toBe('#[serde(rename = "colour", alias = "color")]');
    expect(ds.find((d) => d.name === 'max-books')!.text).toBe('pub max_books: Option<usize>,');
  });
  it("reads any serde struct of the project's configuration module, and spells every rename_all rule", () => {
    const payload = '#[derive(Deserialize)]\nstruct Line {\n    page_count: u32,\n}\n';
    expect(rustSerdeConfig.extract('src/render.rs', payload)).toEqual([]);
    expect(rustSerdeConfig.extract('src/config/mod.rs', payload).map((d) => d.name)).toEqual(['page_count']);
    expect(
      [
        'lowercase',
        'UPPERCASE',
        'PascalCase',
        'camelCase',
        'SCREAMING_SNAKE_CASE',
        'kebab-case',
        'SCREAMING-KEBAB-CASE',
        null,
      ].map((r) => serdeCase('page_count', r)),
    ).toEqual([
      'pagecount',
      'PAGECOUNT',
      'PageCount',
      'pageCount',
      'PAGE_COUNT',
      'page-count',
      'PAGE-COUNT',
      'page_count',
    ]);
  });
});

describe('option tables', () => {
  it('reads Python rows of (name, default, help) and (name, {properties})', () => {
    const text = `
BOOK_OPTIONS = [
    ("max-books", 50, "Keep at most this many books on one shelf."),
    # a comment between rows
    ("shelf-name", "-s", "main", "Name shown above the shelf."),
]


class Lending:
    options = (
        (
            "lend-days",
            {"default": 14, "type": "int", "help": "Days a book may stay away."},
        ),
        ("remind", {"action": "store_true", "short": "r", "help": ("Send a reminder " "the day before.")}),
    )
`;
    const ds = optionTuples.extract('shelf/options.py', text, context({}, 'Python'));
    expect(ds.map((d) => [d.name, d.default, d.help, d.aliases])).toEqual([
      ['max-books', '50', 'Keep at most this many books on one shelf.', []],
      ['shelf-name', '"main"', 'Name shown above the shelf.', ['-s']],
      ['lend-days', '14', 'Days a book may stay away.', []],
      ['remind', '', 'Send a reminder the day before.', ['-r']],
    ]);
    expect(ds.every((d) => d.kind === 'setting' && d.via === 'option-table')).toBe(true);
    cited(text, ds);
  });

  it('a table whose rows name command-line options declares options; pairs that are not options are not read', () => {
    const text = `
const flags = [
  ['--dry-run', false, 'print what would change and change nothing'],
  ['--shelf', 'main', 'the shelf to work on'],
];
const colours = [
  ['red', '#f00'],
  ['green', '#0f0'],
];
`;
    const ds = optionTuples.extract('src/flags.js', text, context({}, 'JavaScript'));
    expect(ds.map((d) => [d.name, d.kind, d.type])).toEqual([
      ['--dry-run', 'flag', 'bool'],
      ['--shelf', 'option', ''],
    ]);
    cited(text, ds);
  });
});

describe('environment variables the code reads', () => {
  it('JavaScript: process.env by name and by subscript, each name once', () => {
    const text = `const home = process.env.SHELF_HOME || '/var/shelf';
const level = process.env['SHELF_LOG_LEVEL'];
if (process.env.SHELF_HOME) start();
const key = process.env[computed];
`;
    const ds = envReads.extract('src/env.js', text, context({}, 'JavaScript'));
    expect(ds.map((d) => [d.name, d.line, d.kind, d.via])).toEqual([
      ['SHELF_HOME', 1, 'config-value', 'env'],
      ['SHELF_LOG_LEVEL', 2, 'config-value', 'env'],
    ]);
    cited(text, ds);
  });

  it('Python, Rust and Go reads, with the default a read gives', () => {
    const py = `import os
root = os.environ["SHELF_ROOT"]
days = int(os.environ.get("SHELF_LEND_DAYS", "14"))
debug = os.getenv('SHELF_DEBUG')
`;
    expect(
      envReads.extract('shelf/env.py', py, context({}, 'Python')).map((d) => [d.name, d.default]),
    ).toEqual([
      ['SHELF_ROOT', ''],
      ['SHELF_LEND_DAYS', '"14"'],
      ['SHELF_DEBUG', ''],
    ]);
    const rs = `let width = std::env::var("SHELF_WIDTH").ok();\nlet p = env::var_os("SHELF_PAGER");\n`;
    expect(envReads.extract('src/main.rs', rs, context({}, 'Rust')).map((d) => d.name)).toEqual([
      'SHELF_WIDTH',
      'SHELF_PAGER',
    ]);
    const go = `v := os.Getenv("SHELF_TOKEN")\nif _, ok := os.LookupEnv("SHELF_OFFLINE"); ok {}\n`;
    const ds = envReads.extract('main.go', go, context({}, 'Go'));
    expect(ds.map((d) => d.name)).toEqual(['SHELF_TOKEN', 'SHELF_OFFLINE']);
    cited(go, ds);
  });
});

describe("environment variables named under the project's prefix", () => {
  it('a constant joined to a literal, in any of the ways the languages join them', () => {
    const py = `import os
ENV_PREFIX = "SHELF_"
pager = os.environ.get(ENV_PREFIX + "PAGER", "less")
width = os.getenv(f"{ENV_PREFIX}WIDTH")
other = os.environ.get(runtime_prefix() + "COLOUR")
`;
    const ds = envReads.extract('shelf/env.py', py, context({}, 'Python'));
    expect(ds.map((d) => [d.name, d.bare, d.line, d.default])).toEqual([
      ['SHELF_PAGER', 'PAGER', 3, '"less"'],
      ['SHELF_WIDTH', 'WIDTH', 4, ''],
    ]);
    const js = `const home = process.env[\`\${PREFIX}HOME\`];\nconst t = process.env[PREFIX + 'THEME'];\n`;
    const files = { 'src/prefix.js': "export const PREFIX = 'SHELF_';\n" };
    expect(envReads.extract('src/env.js', js, context(files, 'JavaScript')).map((d) => d.name)).toEqual([
      'SHELF_HOME',
      'SHELF_THEME',
    ]);
    const rs = `const PREFIX: &str = "SHELF";
fn cache() -> Option<String> {
    std::env::var(format!("{}_CACHE", PREFIX)).ok()
}
`;
    expect(envReads.extract('src/env.rs', rs, context({}, 'Rust')).map((d) => [d.name, d.bare])).toEqual([
      ['SHELF_CACHE', 'CACHE'],
    ]);
    // A name held in a local built just before the read.
    const go = `func lendDays() string {
	name := fmt.Sprintf("%s%s", shelfPrefix, "LEND_DAYS")
	return os.Getenv(name)
}
`;
    const gofiles = { 'shelf/prefix.go': 'package shelf\n\nconst shelfPrefix = "SHELF_"\n' };
    expect(
      envReads.extract('shelf/days.go', go, context(gofiles, 'Go')).map((d) => [d.name, d.line]),
    ).toEqual([['SHELF_LEND_DAYS', 3]]);
  });

  it('a helper that adds the prefix to its parameter: each call with a literal declares the prefixed name', () => {
    const helper = `package settings

import "os"

const shelfPrefix = "SHELF_"

func ShelfEnv(key string) string {
	return os.Getenv(shelfPrefix + key)
}

// ShelfEnvFlag reads a SHELF_ variable as a switch.
func ShelfEnvFlag(key string) bool {
	v := ShelfEnv(key)
	return v == "1"
}
`;
    const lend = `package cmd

import "example.com/shelf/internal/settings"

func lendDays() string {
	return settings.ShelfEnv("LEND_DAYS")
}

func quiet() bool { return settings.ShelfEnvFlag("QUIET") }
`;
    const ds = collect({
      'go.mod': 'module example.com/shelf\n',
      'internal/settings/env.go': helper,
      'cmd/lend.go': lend,
      'cmd/lend_test.go': 'package cmd\n\nfunc TestLend(t *testing.T) { settings.ShelfEnv("TEST_ONLY") }\n',
    }).filter((d) => d.via === 'env');
    expect(ds.map((d) => [d.name, d.bare, d.file, d.line]).sort()).toEqual([
      ['SHELF_LEND_DAYS', 'LEND_DAYS', 'cmd/lend.go', 6],
      ['SHELF_QUIET', 'QUIET', 'cmd/lend.go', 9],
    ]);
  });

  it('Python and JavaScript helpers; a function of the same name defined elsewhere is not the helper', () => {
    const ds = collect({
      'shelf/config.py': `import os

ENV_PREFIX = "SHELF_"


def setting(name, default=None):
    return os.environ.get(ENV_PREFIX + name, default)
`,
      'shelf/view.py': 'from shelf.config import setting\n\ncolumns = setting("COLUMNS", 80)\n',
      'shelf/other.py': 'def setting(name):\n    return name\n\nx = setting("NOT_AN_ENV")\n',
      'lib/env.js':
        "const PREFIX = 'SHELF_';\nconst envOf = (key) => process.env[PREFIX + key];\nmodule.exports = { envOf };\n",
      'lib/theme.js': "const { envOf } = require('./env');\nconst theme = envOf('THEME') || 'plain';\n",
    }).filter((d) => d.via === 'env');
    expect(ds.map((d) => [d.name, d.file, d.line]).sort()).toEqual([
      ['SHELF_COLUMNS', 'shelf/view.py', 3],
      ['SHELF_THEME', 'lib/theme.js', 2],
    ]);
  });
});

describe('what a declaration takes, and where it is registered', () => {
  const facts = (ds: Declaration[]) => ds.map((d) => [d.name, d.takes, d.value ?? '', d.scope ?? '']);

  it('click: the command of the decorator stack, switches written with a slash, help in parentheses', () => {
    const text = `import click


@click.command("scan", short_help="Scan a shelf.")
@click.option("--root", type=click.Path(exists=True), help="Where the shelf starts.")
@click.option("--mirror/--no-mirror", default=None, help="Copy the shelf while scanning.")
@click.option(
    "--watch",
    type=FolderList(),
    help=(
        "Folders that start a new scan when they change. Several folders"
        f" are separated by {SEP!r}."
    ),
)
def scan_command(root, mirror, watch):
    pass


@cli.command()
@click.option("--order", type=click.Choice(["title", "author"]), help="How to sort.")
@click.option("--tag", multiple=True, help="Only books with this tag.")
@click.option("--all", is_flag=True, help="Lent books too.")
def list_books(order, tag, all):
    pass
`;
    const ds = pythonCli.extract('shelf/cli.py', text);
    expect(facts(ds)).toEqual([
      ['--root', 'one', 'path', 'scan'],
      ['--mirror', 'none', 'bool', 'scan'],
      ['--watch', 'many', 'path', 'scan'],
      ['--order', 'one', 'choice', 'list_books'],
      ['--tag', 'many', 'str', 'list_books'],
      ['--all', 'none', 'bool', 'list_books'],
    ]);
    expect(ds[1]!.aliases).toEqual(['--no-mirror']);
    expect(ds[2]!.help).toBe(
      'Folders that start a new scan when they change. Several folders are separated by {SEP!r}.',
    );
    cited(text, ds);
  });

  it('argparse and pytest: the sub-parser or group the receiver was made from (its name on the line below too); nargs, actions', () => {
    const text = `def build(sub):
    lend = sub.add_parser("lend", help="lend a book")
    lend.add_argument("--days", type=int, help="days until it is due")
    lend.add_argument("--remind", action="store_true", help="send a reminder")
    lend.add_argument("--readers", nargs="+", help="who may borrow it")
    back = sub.add_parser(
        "return",
        help="take a book back",
    )
    back.add_argument("--late-fee", action="store_true", help="charge for the days over")


def pytest_addoption(parser):
    group = parser.getgroup("shelving")
    group.addoption("--shelf-order", choices=["title", "year"], help="order of the shelf")
`;
    const ds = pythonCli.extract('shelf/opts.py', text);
    expect(facts(ds)).toEqual([
      ['--days', 'one', 'int', 'lend'],
      ['--remind', 'none', 'bool', 'lend'],
      ['--readers', 'many', 'str', 'lend'],
      // The call left open on its line: the name is on the line below.
      ['--late-fee', 'none', 'bool', 'return'],
      ['--shelf-order', 'one', 'choice', 'shelving'],
    ]);
    cited(text, ds);
  });

  it('commander: the command an option is chained on; a variadic value is a list', () => {
    const text = `program
  .command('export')
  .option('-o, --out <file>', 'write the export to this file')
  .option('--skip <globs...>', 'leave out books whose path matches')
  .option('--dry-run', 'print what would be written');

program.option('--verbose', 'say more');
`;
    const ds = jsCli.extract('src/cli.js', text).filter((d) => d.kind !== 'command');
    expect(facts(ds)).toEqual([
      ['--out', 'one', 'path', 'export'],
      ['--skip', 'many', 'path', 'export'],
      ['--dry-run', 'none', 'bool', 'export'],
      ['--verbose', 'none', 'bool', ''],
    ]);
    cited(text, ds);
  });

  it('clap: a builder argument is a switch unless it takes a value (before clap 4); derive fields by type', () => {
    const builder = `fn app() -> App<'static, 'static> {
    App::new("shelf")
        .arg(
            Arg::with_name("hidden")
                .long("hidden")
                .help("Show hidden shelves"),
        )
        .arg(
            Arg::with_name("depth")
                .long("depth")
                .takes_value(true)
                .help("How deep to descend"),
        )
        .arg(
            Arg::with_name("skip")
                .long("skip")
                .takes_value(true)
                .multiple(true)
                .help("Shelves to leave out"),
        )
}
`;
    expect(facts(rustClap.extract('src/app.rs', builder))).toEqual([
      ['--hidden', 'none', 'bool', ''],
      ['--depth', 'one', '', ''],
      ['--skip', 'many', '', ''],
    ]);
    // Under a sub-command, an argument is registered on it; a bracket in a help text closes nothing.
    const sub = `pub fn build() -> Command {
    Command::new("shelf")
        .arg(Arg::new("hidden").long("hidden").action(ArgAction::SetTrue).help("Show hidden (dusty) shelves"))
        .subcommand(
            Command::new("dust")
                .about("Wipe the shelves (all of them")
                .arg(Arg::new("cloth").long("cloth").help("Which cloth to use"))
                .subcommand(SubCommand::with_name("polish").arg(Arg::new("wax").long("wax").help("Which wax")))
                .arg(Arg::new("wet").long("wet").action(ArgAction::SetTrue).help("Use a wet cloth")),
        )
        .arg(Arg::new("depth").long("depth").help("How deep to descend"))
}
`;
    expect(rustClap.extract('src/cli.rs', sub).map((d) => [d.name, d.scope ?? ''])).toEqual([
      ['--hidden', ''],
      ['--cloth', 'dust'],
      ['--wax', 'polish'],
      ['--wet', 'dust'],
      ['--depth', ''],
    ]);
    // An argument whose id is not its long name is cited at the line that names the flag, lines below the id.
    const apart = `fn args() -> Command {
    Command::new("shelf")
        .arg(Arg::new("bell")
            .help("Ring when the dusting ends")
            .short('B')
            .long("ring-bell"))
        .arg(Arg::new("wax")
            .long("wax"))
}
`;
    expect(rustClap.extract('src/cli.rs', apart).map((d) => [d.name, d.aliases, d.line, d.text])).toEqual([
      ['--ring-bell', ['bell'], 6, '.long("ring-bell"))'],
      ['--wax', [], 7, '.arg(Arg::new("wax")'],
    ]);
    const derive = `#[derive(Parser)]
pub struct ScanArgs {
    /// Leave out books matching these globs
    #[arg(long)]
    pub skip_globs: Vec<String>,
    /// Print nothing
    #[arg(long, short)]
    pub quiet: bool,
    /// Stop after this many books
    #[arg(long)]
    pub limit: Option<usize>,
}
`;
    const ds = rustClap.extract('src/args.rs', derive);
    expect(facts(ds)).toEqual([
      ['--skip-globs', 'many', 'pattern', 'ScanArgs'],
      ['--quiet', 'none', 'bool', 'ScanArgs'],
      ['--limit', 'one', 'int', 'ScanArgs'],
    ]);
  });

  it('clap: a derive field read past a further attribute holding a list (`cfg_attr(…, &["a", "b"])`)', () => {
    const derive = `pub struct ShelfArgs {
    /// Shelves never to visit.
    #[clap(long = "skip-shelves", parse(from_os_str))]
    #[cfg_attr(unix, clap(default_values = &["/attic", "/cellar"]))]
    pub skip_shelves: Vec<PathBuf>,
}
`;
    const ds = rustClap.extract('src/args.rs', derive);
    expect(ds.map((d) => [d.name, d.takes, d.line, d.help])).toEqual([
      ['--skip-shelves', 'many', 5, 'Shelves never to visit.'],
    ]);
  });

  it('clap: a long name unlike its field or id is cited where it is written', () => {
    const derive = `#[derive(Parser)]
pub struct Opt {
    #[arg(long = "title-rewrite")]
    /// A sed-style rule that rewrites book titles for display.
    pub title_regex_rule: Option<String>,
    #[arg(long = "shelf-width")]
    pub shelf_width: usize,
}
`;
    const ds = rustClap.extract('src/cli.rs', derive);
    expect(ds.map((d) => [d.name, d.line, d.aliases[0]])).toEqual([
      ['--title-rewrite', 3, 'title_regex_rule'],
      ['--shelf-width', 7, 'shelf_width'],
    ]);
    cited(derive, ds.slice(0, 1));
    const builder = `fn args() -> App<'static> {
    App::new("shelf")
        .arg(Arg::new("bell")
            .help("Ring when done")
            .long("ring-bell"))
}
`;
    const bs = rustClap.extract('src/args.rs', builder);
    expect(bs.map((d) => [d.name, d.line, d.aliases[0]])).toEqual([['--ring-bell', 5, 'bell']]);
    cited(builder, bs);
  });

  it('Go: the command whose flag set registers it; slices are lists', () => {
    const text = `package shelf

func init() {
	scanCmd.Flags().StringSliceVar(&skip, "skip", nil, "paths to leave out")
	scanCmd.Flags().BoolVar(&quiet, "quiet", false, "print nothing")
	rootCmd.PersistentFlags().IntVar(&depth, "depth", 3, "how deep to descend")
}
`;
    const ds = goFlags.extract('cmd/scan.go', text, context({}, 'Go'));
    expect(facts(ds)).toEqual([
      ['skip', 'many', 'path', 'scanCmd'],
      ['quiet', 'none', 'bool', 'scanCmd'],
      ['depth', 'one', 'int', 'rootCmd'],
    ]);
  });

  it('Go: urfave commands, in a list or one by one, are commands (their flag structs stay flags)', () => {
    const text = `package main

func main() {
	app.Flags = []cli.Flag{
		cli.BoolFlag{Name: "tidy", Usage: "tidy the shelves first"},
	}
	app.Commands = []cli.Command{
		{
			Name:    "print-labels",
			Aliases: []string{"pl"},
			Usage:   "print every label and exit",
			Action:  printLabels,
		},
		{Name: "weigh", Usage: "weigh the jars"},
	}
	extra := &cli.Command{Name: "sweep", Action: sweep}
	run := exec.Command{Name: "ls"}
}
`;
    const ds = goFlags.extract('cmd/shelf/main.go', text, context({}, 'Go'));
    expect(ds.map((d) => [d.name, d.kind, d.line, d.aliases, d.help])).toEqual([
      ['tidy', 'flag', 5, [], 'tidy the shelves first'],
      ['print-labels', 'command', 9, ['pl'], 'print every label and exit'],
      ['weigh', 'command', 14, [], 'weigh the jars'],
      ['sweep', 'command', 16, [], ''],
    ]);
  });
});
