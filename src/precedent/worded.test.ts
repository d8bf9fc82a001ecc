import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';

const project = tempProjects('worded');
const ask = (files: Record<string, string>, requirement: string) =>
  checkedPrecedentAt(project(files), requirement);

// A cobra program whose switches are named after the features they turn on.
const ROOT = (extra: string[]) =>
  [
    'package main',
    '',
    'import "github.com/spf13/cobra"',
    '',
    'var rootCmd = &cobra.Command{Use: "pager"}',
    '',
    'func init() {',
    '\trootCmd.PersistentFlags().Bool("quiet", false, "print less")',
    '\trootCmd.PersistentFlags().Int("tab-width", 8, "columns per tab stop")',
    ...extra,
    '}',
    '',
    'func main() { _ = rootCmd.Execute() }',
    '',
  ].join('\n');

describe('a behaviour met by a flag of the request’s own words', () => {
  it('a title that says every word of a flag’s name (a leading `set` unsaid) is met there', async () => {
    const p = await ask(
      {
        'main.go': ROOT([
          '\trootCmd.PersistentFlags().Bool("set-window-caption", false, "put the file name in the caption")',
        ]),
      },
      'Add window caption',
    );
    expect(p.verdict).toBe('met');
    expect(p.evidence[0]).toMatchObject({ file: 'main.go', line: 10 });
    expect(p.sibling?.name).toBe('set-window-caption');
  });

  it('a title that names nothing but says the words of a flag is met there', async () => {
    const p = await ask(
      {
        'main.go': ROOT([
          '\trootCmd.PersistentFlags().StringSlice("only-profile", nil, "run one profile by id")',
        ]),
      },
      'Fix #12 - only a single profile per run',
    );
    expect(p.verdict).toBe('met');
    expect(p.sibling?.name).toBe('only-profile');
  });

  it('one word of a name said is not enough, nor two names said alike', async () => {
    const one = await ask(
      { 'main.go': ROOT(['\trootCmd.PersistentFlags().Bool("set-window-caption", false, "caption")']) },
      'Add window borders',
    );
    expect(one.verdict).not.toBe('met');
    const two = await ask(
      {
        'main.go': ROOT([
          '\trootCmd.PersistentFlags().Bool("window-border", false, "draw a border")',
          '\trootCmd.PersistentFlags().Bool("border-window", false, "a border window")',
        ]),
      },
      'Add window border',
    );
    expect(two.verdict).not.toBe('met');
  });

  it('a format asked for is met by the one `format` option whose value enum offers it', async () => {
    const lib = (variants: string[]) =>
      [
        'use clap::Parser;',
        '',
        '#[derive(Parser)]',
        'pub struct Args {',
        '    #[arg(help = "Where the report goes", long)]',
        '    report: Option<String>,',
        '    #[arg(help = "Report layout", long, default_value = "plain")]',
        '    report_format: Option<Layout>,',
        '}',
        '',
        '#[derive(Clone, clap::ValueEnum)]',
        'pub enum Layout {',
        ...variants.map((v) => `    ${v},`),
        '}',
        '',
      ].join('\n');
    const met = await ask(
      { 'Cargo.toml': '[package]\nname = "gauge"\n', 'src/lib.rs': lib(['Plain', 'Tsv']) },
      'Add support for reports in tsv format',
    );
    expect(met.verdict).toBe('met');
    expect(met.sibling?.name).toBe('--report-format');
    const not = await ask(
      { 'Cargo.toml': '[package]\nname = "gauge"\n', 'src/lib.rs': lib(['Plain']) },
      'Add support for reports in tsv format',
    );
    expect(not.verdict).not.toBe('met');
  });
});
