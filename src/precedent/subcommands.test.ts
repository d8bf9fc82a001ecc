import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import type { Declaration } from './declaration.js';
import { rustClap } from './extractors/rust-clap.js';
import { readRequested } from './requested.js';
import { decide } from './verdict.js';

/** Sub-commands a clap derive declares as an enum's variants, and requests that ask for one. */
const project = tempProjects('subcommands');

const ARGS = `use clap::{Parser, Subcommand};

/// Keep a shelf of books in order.
#[derive(Debug, Parser)]
pub struct Args {
    #[clap(subcommand)]
    pub command: Option<Command>,

    /// Where the shelf is kept.
    #[clap(long)]
    pub shelf_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lend a book to a friend
    #[clap(name = "lend", visible_alias = "l")]
    Lend {
        /// Remind the friend after this many days.
        #[clap(long)]
        remind_after: Option<u32>,
    },
    /// Settings of the shelf
    Settings {
        #[clap(subcommand)]
        command: SettingsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Open the settings file in an editor.
    Open,
}

#[derive(Debug, Clone, clap::ValueEnum)]
pub enum Order {
    ByTitle,
    ByAuthor,
}
`;

const MAIN = `mod args;
use args::{Args, Command, SettingsCommand};

fn main() {
    let args = Args::parse();
    match args.command {
        Some(Command::Lend { remind_after }) => lend(remind_after),
        Some(Command::Settings { command: SettingsCommand::Open }) => open_settings(),
        None => list(args.shelf_dir),
    }
}
`;

describe('clap sub-commands declared as enum variants', () => {
  it('reads each variant of a sub-command enum as a command, nested under the variant that holds it', () => {
    const ds = rustClap.extract('src/args.rs', ARGS);
    const commands = ds.filter((d) => d.kind === 'command');
    expect(commands.map((d) => [d.name, d.scope ?? '', d.aliases, d.text])).toEqual([
      ['lend', '', ['Command::Lend', 'l'], 'Lend {'],
      ['settings', '', ['Command::Settings'], 'Settings {'],
      ['open', 'settings', ['SettingsCommand::Open'], 'Open,'],
    ]);
    // A value enum's variants are values, not commands.
    expect(ds.some((d) => d.name === 'by-title')).toBe(false);
    // A field inside a variant is that command's option, not the struct's before it.
    expect(ds.filter((d) => d.kind !== 'command').map((d) => [d.name, d.scope])).toEqual([
      ['--shelf-dir', 'Args'],
      ['--remind-after', 'lend'],
    ]);
  });

  it('takes a command written in a code span before the noun "sub-command" as the thing asked for', () => {
    const r = readRequested('feat: add `settings reset` sub-command with an option to keep a backup')!;
    expect([r.kind, r.name, r.modules, r.side]).toEqual(['command', 'reset', ['settings'], 'cli']);
    // After "to" the command line is where a flag goes, not the thing.
    const flag = readRequested('add `--dry-run` to `shelf lend`')!;
    expect([flag.kind, flag.name, flag.modules]).toEqual(['option', '--dry-run', ['shelf lend']]);
  });

  it('a command never holds an option’s name, nor an option a command’s', () => {
    const d = (name: string, kind: Declaration['kind'], line: number): Declaration => ({
      name,
      aliases: [],
      kind,
      via: 'clap',
      help: '',
      type: '',
      default: '',
      file: 'src/args.rs',
      line,
      text: name,
    });
    const v = decide(readRequested('Add a `--lend` flag'), [
      d('lend', 'command', 3),
      d('--quiet', 'flag', 5),
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--quiet');
  });

  it('a new sub-command follows its neighbour under the same command, into the match that dispatches it', async () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "shelf"\n',
      'src/args.rs': ARGS,
      'src/main.rs': MAIN,
    });
    const p = await checkedPrecedentAt(root, 'add `settings reset` sub-command to restore the defaults');
    expect([p.verdict, p.requested?.kind, p.requested?.name]).toEqual(['new', 'command', 'reset']);
    expect(p.sibling).toMatchObject({ name: 'open', kind: 'command', file: 'src/args.rs', line: 33 });
    expect(p.footprint.map((e) => [e.file, e.line, e.role])).toEqual([
      ['src/args.rs', 33, 'registration'],
      ['src/main.rs', 8, 'other'],
    ]);
    expect(p.footprint[1]!.why).toMatch(/^dispatches `open` \(`SettingsCommand::Open`\)/);
    const met = await checkedPrecedentAt(root, 'add `settings open` sub-command to edit the settings');
    expect([met.verdict, met.evidence[0]?.line]).toEqual(['met', 33]);
  });
});
