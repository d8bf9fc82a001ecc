import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import type { Declaration } from './declaration.js';
import { readRequested } from './requested.js';
import { decide } from './verdict.js';

/** A met request whose name the requirement does not spell as the code does (short names, prose, sides). */
const flag = (name: string, more: Partial<Declaration> = {}): Declaration => ({
  name,
  aliases: [],
  kind: 'flag',
  via: 'argparse',
  help: '',
  type: '',
  default: '',
  file: 'quill/report.py',
  line: 10,
  text: name,
  ...more,
});

describe('a request met under a name it does not spell as the code does', () => {
  it('a short name with a word of the long one: met; a short name taken by another word is no proof', () => {
    const r = readRequested('Added -p switch to python -m quill.report to page output');
    expect(r?.shorts).toEqual(['-p']);
    // The module run as a program is where it goes, no purpose word.
    expect(r?.modules).toContain('quill.report');
    expect(r?.purpose).toEqual(['page', 'output']);
    const width = flag('--width', { aliases: ['-w'], help: 'the width of the report', line: 8 });
    const page = flag('--page', { aliases: ['-p'], help: 'show the report through a pager' });
    const v = decide(r, [width, page]);
    expect(v.verdict).toBe('met');
    expect(v.evidence[0]?.name).toBe('--page');
    expect(v.reason).toMatch(/as the requirement says it/);
    // Said otherwise: the analysis names the thing as the code does (`said`), not by made-up words.
    expect(v.said).toBe(true);
    const taken = flag('--parallel', { aliases: ['-p'], help: 'run the reports at once' });
    expect(decide(r, [width, taken]).verdict).toBe('new');
    // One word of a longer name is no proof: `-p` "to page output" is not `--page-numbers`.
    const numbers = flag('--page-numbers', { aliases: ['-p'], help: 'number each sheet' });
    expect(decide(r, [width, numbers]).verdict).toBe('new');
  });

  it('a name of several words the requirement says in prose: met; one of its words alone is not', () => {
    const r = readRequested('feat: Support turning off vendor_dir default exclude via flag');
    expect(r?.purpose).not.toContain('feat');
    const exclude = flag('--exclude', { help: 'files to leave out', line: 8 });
    const vendored = flag('--exclude-vendor-dir', { help: 'leave the vendored folder out' });
    expect(decide(r, [exclude, vendored]).evidence[0]?.name).toBe('--exclude-vendor-dir');
    expect(decide(r, [exclude]).verdict).toBe('new');
  });

  it("a command's behaviour is met by its option said side by side, else it stays a behaviour", () => {
    const r = readRequested('Allow `quill bind` to bind pages in place');
    expect(r?.implied).toBe(true);
    const inPlace = flag('--in-place', { scope: 'bind', help: 'bind where the pages are' });
    const other = flag('--in-place', { scope: 'trim', help: 'trim where the pages are' });
    const v = decide(r, [other, inPlace]);
    expect(v.verdict).toBe('met');
    expect(v.evidence[0]?.scope).toBe('bind');
    // Not on the named command, or not said side by side ("place the pages in order"): unsure, a behaviour.
    expect(decide(r, [other]).verdict).toBe('unsure');
    expect(decide(readRequested('Allow `quill bind` to place pages in order'), [inPlace]).verdict).toBe(
      'unsure',
    );
  });

  it('something made configurable is an option', () => {
    const r = readRequested('Support configurable margins in printed output');
    expect(r?.kind).toBe('option');
    expect(r?.configurable).toBe('margins');
    expect(readRequested('Make the page margin configurable')?.configurable).toBe('margin');
    // The kind word's noun may be a name in code; a word that names nothing is no noun, so no kind word.
    expect(readRequested('Make `margin` configurable per page')?.configurable).toBe('margin');
    expect(readRequested('Make it configurable')).toBeNull();
  });

  it('"configurable" is the kind only when no other kind word says what it is', () => {
    expect(readRequested('Make the bind setting configurable')?.kind).toBe('setting');
    expect(readRequested('Add a configurable `--margin` flag')?.kind).toBe('flag');
    // A message or a command made configurable is an option, not a new message or command.
    expect(readRequested('Make the log message prefix configurable')?.kind).toBe('option');
  });
});

describe('near misses: words of an existing name in the request that do not say it', () => {
  it('a name of three words is said within one clause, in a run one word longer than it at most', () => {
    const count = flag('--print-page-count', { help: 'how many sheets were bound' });
    const width = flag('--width', { help: 'the width of the report', line: 8 });
    const said = decide(readRequested('Support page_count printed at the end via flag'), [width, count]);
    expect(said.verdict).toBe('met');
    expect(said.said).toBe(true);
    // The same words spread over the sentence, or across a comma, are not its name.
    for (const spread of [
      'Add an option to print spare page covers whenever the count of copies is known',
      'Support page_count, printed at the end, via flag',
    ]) {
      const v = decide(readRequested(spread), [width, count]);
      expect(v.said).toBeUndefined();
      expect(v.verdict).not.toBe('met');
    }
  });

  it('a request that gives the thing a name of its own is not met by another name said in its prose', () => {
    const r = readRequested('Add a `--color` flag to color output of the report');
    const output = flag('--color-output', { help: 'paint each line by its kind' });
    const v = decide(r, [flag('--width', { help: 'the width of the report', line: 8 }), output]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.name).toBe('--color-output');
    expect(r?.given).toBe(true);
    // A name shaped like code in prose (a folder's), or in code but away from the kind word, is no name
    // given: the option that says it meets. In code beside the kind word, it is.
    expect(readRequested('Support turning off vendor_dir default exclude via flag')?.given).toBe(false);
    const spanned = readRequested('Support turning off `vendor_dir` default exclude via flag');
    expect(spanned?.given).toBe(false);
    const vendored = flag('--exclude-vendor-dir', { help: 'leave the vendored folder out' });
    expect(decide(spanned, [vendored]).evidence[0]?.name).toBe('--exclude-vendor-dir');
    expect(readRequested('Add the `vendor_dir` option')?.given).toBe(true);
    expect(readRequested('Add an option called vendor_dir')?.given).toBe(true);
  });

  it('made configurable: met under another name only by a declaration whose name has the noun', () => {
    const log = flag('--print-log', { help: 'colours and stamps of the print log' });
    const stamp = flag('--log-stamp-format', { help: 'how stamps in the print log are written', line: 14 });
    // The made-up name's words in a declaration's name and help, without the noun: a neighbour.
    const colours = decide(readRequested('Support configurable colours in the print log'), [log]);
    expect(colours.verdict).toBe('new');
    expect(colours.sibling?.name).toBe('--print-log');
    const stamps = decide(readRequested('Support configurable stamps in the print log'), [log, stamp]);
    expect(stamps.verdict).toBe('met');
    expect(stamps.evidence[0]?.name).toBe('--log-stamp-format');
  });
});

describe('a thing met on every side the requirement names it on', () => {
  const project = tempProjects('said');
  it('cites the flag, the environment read and the config key, each where it is declared', async () => {
    const root = project({
      'go.mod': 'module example.org/quill\n',
      'flags/flags.go': `package flags

import (
\t"os"

\t"github.com/spf13/pflag"
)

var Spool, Cache string

func Parse() {
\tpflag.StringVar(&Spool, "spool-dir", os.Getenv("QUILL_SPOOL_DIR"), "Where printed pages wait.")
\tpflag.StringVar(&Cache, "remote-cache-dir", "", "Where fetched pages are kept.")
\tpflag.Parse()
}
`,
      'quillrc/quillrc.go': `package quillrc

type QuillRC struct {
\tSpool  *string \`yaml:"spool-dir"\`
\tMargin *int    \`yaml:"margin"\`
\tRemote Remote  \`yaml:"remote"\`
}

type Remote struct {
\tCache *string \`yaml:"cache-dir"\`
\tHost  string  \`yaml:"host"\`
}
`,
    });
    const p = await checkedPrecedentAt(
      root,
      'Added a `--spool-dir` flag (with `QUILL_SPOOL_DIR` env var and `spool-dir` quillrc key)',
    );
    expect(p.verdict).toBe('met');
    expect(p.evidence.map((e) => e.file)).toEqual(['flags/flags.go', 'flags/flags.go', 'quillrc/quillrc.go']);
    // A dotted key is the key of the table its first part names.
    const dotted = await checkedPrecedentAt(
      root,
      'Added `--remote-cache-dir` flag and `remote.cache-dir` quillrc option',
    );
    expect(dotted.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'flags/flags.go:13',
      'quillrc/quillrc.go:10',
    ]);
  });
});

describe('a met request that spells no name', () => {
  const project = tempProjects('said-name');
  it('is named and spelled as the code names the thing, never by the words made up for it', async () => {
    const root = project({
      'quill/cli.py': `import argparse


def parser():
    p = argparse.ArgumentParser(prog="quill")
    p.add_argument("--width", type=int, default=80, help="columns of the printed page")
    p.add_argument("--log-stamp-format", default="%H:%M", help="how stamps in the print log are written")
    return p


def stamp(args, when):
    return when.strftime(args.log_stamp_format)
`,
    });
    const p = await checkedPrecedentAt(root, 'Support configurable stamps in the print log');
    expect(p.verdict).toBe('met');
    expect(p.requested?.name).toBe('--log-stamp-format');
    // Only the spellings the code has: the option and the attribute that reads it.
    expect(p.requested?.spellings).toEqual(['--log-stamp-format', 'log-stamp-format', 'log_stamp_format']);
  });
});

describe('a short name beside the long one', () => {
  it('the long name decides: another option of that short name is not the thing', () => {
    const r = readRequested('Add new `-n, --no-strip` flag');
    expect(r?.shorts).toEqual(['-n']);
    const dry = flag('--no-run', { aliases: ['-n'], help: 'print what would run' });
    expect(decide(r, [dry, flag('--width', { line: 12 })]).verdict).toBe('new');
  });
});
