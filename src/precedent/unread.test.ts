import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';

const project = tempProjects('unread');

/**
 * A kiln controller written for this test: clap options in `cli.rs`, copied into `Settings` in `main.rs`,
 * `fire` doing the work. `extra` goes at the end of `main`'s body.
 */
const KILN = (extra = '', fire = ''): Record<string, string> => ({
  'Cargo.toml': '[package]\nname = "kiln"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4"\n',
  'src/cli.rs': `use clap::{Arg, ArgAction, Command};

pub fn build() -> Command {
    Command::new("kiln")
        .arg(
            Arg::new("cool_down_slowly")
                .long("cool_down_slowly")
                .action(ArgAction::SetTrue)
                .help("Lower the heat step by step after a firing"),
        )
        .arg(
            Arg::new("max-heat")
                .long("max-heat")
                .action(ArgAction::Set)
                .help("The hottest the kiln may get"),
        )
}
`,
  'src/settings.rs': `pub struct Settings {
    /// Step the heat down after a firing.
    pub cool_down_slowly: bool,
    pub max_heat: u32,
}
`,
  'src/main.rs': `mod cli;
mod settings;
use settings::Settings;

fn cool_down_slowly_from(heat: u32) {
    println!("{}", heat);
}

fn fire(s: &Settings) {
    println!("{}", s.max_heat);
    cool_down_slowly_from(s.max_heat);
${fire}}

fn main() {
    let m = cli::build().get_matches();
    let s = Settings {
        cool_down_slowly: m.get_flag("cool_down_slowly"),
        max_heat: *m.get_one::<u32>("max-heat").unwrap_or(&900),
    };
    fire(&s);
${extra}}
`,
});

describe('a met option whose value nothing reads', () => {
  it('is partly met: the read is missing, and it would take effect where the function named after it is called', async () => {
    const p = await precedentAt(project(KILN()), 'Add a `--cool_down_slowly` flag', false);
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'src/cli.rs:6',
      'src/main.rs:17',
      'src/settings.rs:3',
    ]);
    expect(p.missing).toContain('a read of `cool_down_slowly` (set at src/main.rs:17, read nowhere)');
    expect(p.missing).toContain('where `cool_down_slowly_from` is called (src/main.rs:11)');
    expect(p.reason).toContain('which no line of the code reads');
    expect(p.effect?.at[0]).toMatchObject({ file: 'src/main.rs', line: 11, symbol: 'fire', sure: true });
    // Nothing of the existing option is copied: its lines are what exists.
    expect(p.footprint).toEqual([]);
  });

  it('is met when the field is read, destructured or passed on', async () => {
    for (const fire of [
      '    if s.cool_down_slowly {\n        return;\n    }\n',
      '    let Settings { cool_down_slowly, .. } = s;\n',
    ]) {
      const p = await precedentAt(project(KILN('', fire)), 'Add a `--cool_down_slowly` flag', false);
      expect(p.verdict).toBe('met');
    }
  });

  it('is met when the value is read but kept in no declared field', async () => {
    const files = KILN('    if m.get_flag("cool_down_slowly") {\n        println!("slow");\n    }\n');
    const p = await precedentAt(project(files), 'Add a `--cool_down_slowly` flag', false);
    expect(p.verdict).toBe('met');
  });

  it('says nothing of a one-word option', async () => {
    const files = KILN();
    for (const f of ['src/cli.rs', 'src/settings.rs', 'src/main.rs'])
      files[f] = files[f]!.replaceAll('cool_down_slowly', 'slow');
    const p = await precedentAt(project(files), 'Add a `--slow` flag', false);
    expect(p.verdict).toBe('met');
  });
});
