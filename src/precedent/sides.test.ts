import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import type { Declaration } from './declaration.js';
import { precedentFacts } from './facts.js';
import { TreeSearch } from './search.js';
import { gateOf } from './sides.js';

const project = tempProjects('sides');

// A kiln controller: flags (two only while the glazing experiment is on), a kilnrc file decoded into Go
// structs with a merge, an environment variable read with the project's prefix, and its docs.
const KILN: Record<string, string> = {
  'go.mod': 'module example.org/kiln\n\ngo 1.22\n',
  'internal/flags/flags.go': `package flags

import (
\t"github.com/spf13/pflag"

\t"example.org/kiln/experiments"
\t"example.org/kiln/kilnrc"
)

var (
\tCones int
\tQuiet bool
\tGlaze string
\tVents int
)

func init() {
\trc := kilnrc.Load()
\tpflag.IntVar(&Cones, "cones", pick(rc.Cones, 6), "How many witness cones to place.")
\tpflag.BoolVar(&Quiet, "quiet", false, "Print nothing while firing.")
\tif experiments.Glazing.Enabled() {
\t\tpflag.StringVar(&Glaze, "glaze-dir", pick(rc.Remote.GlazeDir, ""), "Folder where glaze recipes are cached.")
\t\tpflag.IntVar(&Vents, "vents", pick(rc.Remote.Vents, 2), "How many vents stay open.")
\t}
\tpflag.Parse()
}
`,
  'internal/ash/ash.go': `package ash

import "os"

const prefix = "KILN_"

// Dir is where the ash of a firing is swept to.
func Dir() string {
\treturn os.Getenv(prefix + "ASH_DIR")
}
`,
  'kilnrc/kilnrc.go': `package kilnrc

type Config struct {
\tCones   *int    \`yaml:"cones"\`
\tQuiet   *bool   \`yaml:"quiet"\`
\tPalette *string \`yaml:"palette"\`
\tRemote  Remote  \`yaml:"remote"\`
}

type Remote struct {
\tGlazeDir *string \`yaml:"glaze-dir"\`
\tVents    *int    \`yaml:"vents"\`
}

// Merge keeps what the other file sets.
func (c *Config) Merge(o *Config) {
\tc.Cones = pick(o.Cones, c.Cones)
\tc.Quiet = pick(o.Quiet, c.Quiet)
\tc.Palette = pick(o.Palette, c.Palette)
\tc.Remote.GlazeDir = pick(o.Remote.GlazeDir, c.Remote.GlazeDir)
\tc.Remote.Vents = pick(o.Remote.Vents, c.Remote.Vents)
}
`,
  'kilnrc/kilnrc_test.go': `package kilnrc

import "testing"

func TestMergeKeepsCones(t *testing.T) {
\ta := &Config{Cones: ptr(4)}
\ta.Merge(&Config{Remote: Remote{Vents: ptr(3)}})
\tif *a.Cones != 4 {
\t\tt.Fatal("the cones were lost")
\t}
}
`,
  'docs/environment.md':
    '# Environment\n\n## Variables\n\n### `KILN_PALETTE`\n\nWhich glaze palette to use.\n\n### `KILN_ASH_DIR`\n\nWhere the ash of a firing is swept to.\n',
  'docs/guide.md': '# Guide\n\n`KILN_ASH_DIR` can point anywhere on your machine.\n',
};

const ASH =
  'Add a `--ash-dir` flag (with `KILN_ASH_DIR` env var and `ash-dir` kilnrc key): where the ash of a firing goes';

describe('a missing configuration side', () => {
  it('is declared beside a key of its table that a flag reads too, at that key’s own lines; the test of the keys’ types follows', async () => {
    const p = await checkedPrecedentAt(project(KILN), ASH);
    expect(p.verdict).toBe('partly-met');
    expect(p.missing).toMatch(/a configuration value \(`ash-dir` kilnrc\) too$/);
    const sides = p.footprint.filter((e) => e.of);
    // `cones` (read by `--cones`, one value as asked) of the top table: not `remote` (a sub-table), not
    // `quiet` (a switch), not `palette` (no flag reads it).
    expect(sides.map((e) => [e.file, e.line, e.role, e.of])).toEqual([
      ['kilnrc/kilnrc.go', 4, 'type', 'cones'],
      ['kilnrc/kilnrc.go', 17, 'serialization', 'cones'],
    ]);
    expect(sides[0]!.why).toBe('declares the kilnrc key `cones`: `ash-dir` is declared beside it');
    expect(sides[1]!.why).toContain("the kilnrc key `cones`'s field `Cones`");
    // Hosts and models read whose line it is.
    expect(
      precedentFacts(p)
        .footprint.filter((e) => e.of)
        .map((e) => [e.at, e.of]),
    ).toEqual([
      ['kilnrc/kilnrc.go:4', 'cones'],
      ['kilnrc/kilnrc.go:17', 'cones'],
    ]);
    const test = p.tests.find((t) => t.file === 'kilnrc/kilnrc_test.go');
    expect(test?.why).toMatch(/^builds or reads the kilnrc keys' types \(`Config`, `Remote`\) on 2 lines/);
  });

  it("a dotted key goes in the table its first part names: the sibling's own key there is in its footprint already", async () => {
    const p = await checkedPrecedentAt(
      project(KILN),
      'Added `--remote-ash-dir` flag and `remote.ash-dir` kilnrc option: where fetched ash recipes are cached',
    );
    expect(p.sibling?.name).toBe('glaze-dir');
    // `GlazeDir` is the sibling's own identifier: its lines are the sibling's, said once.
    expect(p.footprint.filter((e) => e.file === 'kilnrc/kilnrc.go').map((e) => [e.line, e.of])).toEqual([
      [11, undefined],
      [20, undefined],
    ]);
  });

  it('a Python settings class: the key an option reads as an attribute (not the first declared), its field and merge line', async () => {
    const root = project({
      'ferry/cli.py': `import argparse

from ferry.settings import Settings


def parser(settings: Settings):
    p = argparse.ArgumentParser()
    p.add_argument("--crossings", type=int, default=settings.crossings, help="How many crossings a day.")
    p.add_argument("--quiet", action="store_true", help="Print nothing.")
    p.add_argument("--ticket-dir", default=None, help="Folder where tickets are written.")
    return p
`,
      'ferry/settings.py': `class Settings:
    harbour: str = "north"
    quiet: bool = False
    crossings: int = 4

    def merged(self, other):
        self.harbour = other.harbour or self.harbour
        self.quiet = other.quiet or self.quiet
        self.crossings = other.crossings or self.crossings
`,
      'tests/test_settings.py':
        'from ferry.settings import Settings\n\n\ndef test_crossings():\n    assert Settings().crossings == 4\n',
    });
    const p = await checkedPrecedentAt(
      root,
      'Add a `--log-dir` flag (with `log_dir` settings key): the folder where the ferry log is written',
    );
    expect(p.footprint.filter((e) => e.of).map((e) => [e.file, e.line, e.role, e.of])).toEqual([
      ['ferry/settings.py', 4, 'type', 'crossings'],
      ['ferry/settings.py', 9, 'serialization', 'crossings'],
    ]);
    expect(p.tests.map((t) => t.file)).toContain('tests/test_settings.py');
  });

  it('a Rust config struct deserialized with serde: a key of its table, at its field and its merge line', async () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "kiln"\nversion = "0.1.0"\n',
      'src/cli.rs': `use clap::Parser;

#[derive(Parser)]
pub struct Args {
    /// How many witness cones to place.
    #[arg(long)]
    pub cones: Option<u32>,
    /// Print nothing while firing.
    #[arg(long)]
    pub quiet: bool,
}
`,
      'src/config.rs': `use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    pub quiet: Option<bool>,
    pub kiln_name: Option<String>,
    pub cones: Option<u32>,
}

impl Config {
    pub fn merge(self, other: Config) -> Config {
        Config {
            quiet: other.quiet.or(self.quiet),
            kiln_name: other.kiln_name.or(self.kiln_name),
            cones: other.cones.or(self.cones),
        }
    }
}
`,
      'src/main.rs': `mod cli;
mod config;

fn main() {
    let args = <cli::Args as clap::Parser>::parse();
    let config = config::Config::default();
    let cones = args.cones.or(config.cones).unwrap_or(6);
    println!("{cones}");
}
`,
    });
    const p = await checkedPrecedentAt(
      root,
      'Add a `--glaze-dir` flag (with `glaze-dir` key in the config file): the folder glaze recipes are read from',
    );
    // `kiln-name` is declared first, but `cones` is a flag's name as well; its merge line is the sibling
    // `--cones`'s own (a read of it) already.
    expect(p.sibling?.name).toBe('--cones');
    const sides = p.footprint.filter((e) => e.of);
    expect(sides.map((e) => [e.file, e.line, e.role, e.of])).toEqual([['src/config.rs', 8, 'type', 'cones']]);
    expect(sides[0]!.why).toBe('declares the config key `cones`: `glaze-dir` is declared beside it');
    expect(p.footprint.some((e) => e.file === 'src/config.rs' && e.line === 16)).toBe(true);
  });

  it('nothing is added when the key exists, or when the request names no configuration side', async () => {
    const root = project(KILN);
    const named = await checkedPrecedentAt(root, 'Add a `--palette` flag and `palette` kilnrc key');
    expect(named.footprint.filter((e) => e.of)).toEqual([]);
    const flagOnly = await checkedPrecedentAt(root, 'Add a `--ash-dir` flag: where the ash of a firing goes');
    expect(flagOnly.footprint.filter((e) => e.of)).toEqual([]);
  });
});

describe('the side that exists', () => {
  it("is cited where its docs define it, and its side's reference page is no place to add it again", async () => {
    const p = await checkedPrecedentAt(project(KILN), ASH);
    expect(p.evidence.map((e) => [e.file, e.line, e.text])).toEqual([
      ['internal/ash/ash.go', 9, 'return os.Getenv(prefix + "ASH_DIR")'],
      ['docs/environment.md', 9, '### `KILN_ASH_DIR`'],
    ]);
    expect(p.footprint.filter((e) => e.file === 'docs/environment.md')).toEqual([]);
  });

  it('a sentence that starts with the name is no definition', async () => {
    const { 'docs/environment.md': _, ...rest } = KILN;
    const p = await checkedPrecedentAt(project(rest), ASH);
    expect(p.evidence.map((e) => e.file)).toEqual(['internal/ash/ash.go']);
  });
});

describe('a sibling behind a feature gate', () => {
  it('is said so, with the line of the gate', async () => {
    const p = await checkedPrecedentAt(project(KILN), ASH);
    expect(p.sibling?.name).toBe('glaze-dir');
    expect(p.reason).toContain(
      '`glaze-dir` is registered only behind a feature gate, `if experiments.Glazing.Enabled() {` (internal/flags/flags.go:21): a new one goes outside that block unless it belongs to that feature',
    );
  });

  const at = (file: string, line: number) => ({ name: 'x', file, line }) as Declaration;
  const gates = (files: Record<string, string>) => {
    const root = project(files);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    return (file: string, line: number) => gateOf(search, at(file, line))?.line ?? null;
  };

  it('reads the block around the line: braces, Python indentation, a Rust cfg attribute', () => {
    const gate = gates({
      'a.go':
        'func init() {\n\tif features.Kiln.On() {\n\t\tif quiet {\n\t\t\tregister("a")\n\t\t}\n\t}\n\tregister("b")\n}\n',
      'b.py':
        'def add(parser, config):\n    if config.experimental_glaze:\n        parser.add_argument("--glaze")\n    parser.add_argument("--cones")\n',
      'c.rs':
        'struct Opt {\n    #[cfg(feature = "glaze")]\n    #[arg(long)]\n    glaze: bool,\n    quiet: bool,\n}\n',
    });
    expect(gate('a.go', 4)).toBe(2);
    expect(gate('a.go', 7)).toBeNull();
    expect(gate('b.py', 3)).toBe(2);
    expect(gate('b.py', 4)).toBeNull();
    expect(gate('c.rs', 4)).toBe(2);
    expect(gate('c.rs', 5)).toBeNull();
  });

  it('an else branch, or a condition that names no feature, is no gate', () => {
    const gate = gates({
      'a.go':
        'func init() {\n\tif experiments.Kiln.On() {\n\t\tregister("a")\n\t} else {\n\t\tregister("b")\n\t}\n\tif verbose {\n\t\tregister("c")\n\t}\n}\n',
    });
    expect(gate('a.go', 3)).toBe(2);
    expect(gate('a.go', 5)).toBeNull();
    expect(gate('a.go', 8)).toBeNull();
  });
});

describe('a dotted key whose settings type is declared outside the files read', () => {
  // A shelf tool whose settings types live in its library crate, fetched as a dependency: the client
  // reads a key by its path, and no file of the tree declares it.
  const SHELF: Record<string, string> = {
    'Cargo.toml':
      '[package]\nname = "shelf"\nversion = "0.1.0"\n\n[dependencies]\nshelf-lib = "0.4"\nclap = "4"\n',
    'src/cli.rs': `use clap::Parser;

#[derive(Parser)]
pub struct Args {
    /// Lend every book on the shelf.
    #[arg(long)]
    pub all: bool,
}
`,
    'src/main.rs': `mod cli;
use shelf_lib::settings::Settings;

fn main() {
    let args = <cli::Args as clap::Parser>::parse();
    let settings = Settings::read().unwrap();
    let sorted = settings.client.sort_by_title || args.all;
    println!("{sorted}");
}
`,
  };
  const ASK = 'Support the client.sort_by_title default config';

  it('is met at the line that reads it by its path', async () => {
    const p = await checkedPrecedentAt(project(SHELF), ASK);
    expect(p.verdict).toBe('met');
    expect(p.evidence.map((e) => [e.file, e.line])).toEqual([['src/main.rs', 7]]);
    expect(p.reason).toContain('`client.sort_by_title` is read at src/main.rs:7');
  });

  it('is not met where nothing reads it, nor by a read in a test, nor by its last segment alone', async () => {
    const { 'src/main.rs': _, ...rest } = SHELF;
    const none = await checkedPrecedentAt(project(rest), ASK);
    expect(none.verdict).not.toBe('met');
    const inTest = await checkedPrecedentAt(
      project({
        ...rest,
        'tests/settings.rs':
          '#[test]\nfn sorts() {\n    let s = shelf_lib::settings::Settings::default();\n    assert!(!s.client.sort_by_title);\n}\n',
      }),
      ASK,
    );
    expect(inTest.verdict).not.toBe('met');
    const otherTable = await checkedPrecedentAt(
      project({
        ...rest,
        'src/main.rs': SHELF['src/main.rs']!.replace('settings.client.', 'settings.daemon.'),
      }),
      ASK,
    );
    expect(otherTable.verdict).not.toBe('met');
  });

  it('a settings struct of a workspace member crate is read as declared: met at its field', async () => {
    const p = await checkedPrecedentAt(
      project({
        'Cargo.toml': '[workspace]\nmembers = ["shelf", "shelf-lib"]\n',
        'shelf-lib/Cargo.toml': '[package]\nname = "shelf-lib"\nversion = "0.1.0"\n',
        'shelf-lib/src/lib.rs': 'pub mod settings;\n',
        'shelf-lib/src/settings.rs': `use serde::Deserialize;

#[derive(Deserialize, Clone)]
pub struct Client {
    /// Ask before lending a book.
    pub confirm_lend: bool,
    /// Sort the shelf by title when listing.
    pub sort_by_title: bool,
}
`,
        'shelf/Cargo.toml': '[package]\nname = "shelf"\nversion = "0.1.0"\n',
        'shelf/src/main.rs': 'fn main() {}\n',
      }),
      ASK,
    );
    expect(p.verdict).toBe('met');
    expect(p.evidence[0]).toMatchObject({ file: 'shelf-lib/src/settings.rs', line: 8 });
  });
});

describe('a short name the requirement gives an option that exists', () => {
  const TOTE = (merge: string) => ({
    'tote.py': `import argparse


def main():
    parser = argparse.ArgumentParser(prog='tote')
    parser.add_argument('-a', '--add', nargs='+', help='add a bag')
    parser.add_argument('-d', '--delete', type=int, help='delete a bag')
    ${merge}
    parser.add_argument('-o', '--open', type=int, help='open a bag')
    args = parser.parse_args()
    return args
`,
  });
  const ASK = 'Implement packing, add option -m for merge.';

  it('is the part missing when the option lacks it', async () => {
    const p = await checkedPrecedentAt(
      project(TOTE("parser.add_argument('--merge', nargs=1, help='merge another bag file')")),
      ASK,
    );
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'tote.py', line: 8 });
    expect(p.missing).toBe('the short name `-m` of `--merge` (declared at tote.py:8 without it)');
  });

  it('is met when the option has it', async () => {
    const p = await checkedPrecedentAt(
      project(TOTE("parser.add_argument('-m', '--merge', nargs=1, help='merge another bag file')")),
      ASK,
    );
    expect(p.verdict).toBe('met');
  });

  it("a clap field's bare `short` is its first letter: met", async () => {
    const p = await checkedPrecedentAt(
      project({
        'Cargo.toml': '[package]\nname = "tote"\nversion = "0.1.0"\n',
        'src/main.rs': `use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Open a bag.
    #[arg(short, long)]
    open: bool,
    /// Merge another bag file.
    #[arg(short, long)]
    merge: Option<String>,
}

fn main() {
    let args = Args::parse();
    println!("{:?} {}", args.merge, args.open);
}
`,
      }),
      ASK,
    );
    expect(p.verdict).toBe('met');
  });
});
