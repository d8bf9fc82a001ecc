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
    expect(readRequested('Support configurable margins in printed output')?.kind).toBe('option');
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

describe('a short name beside the long one', () => {
  it('the long name decides: another option of that short name is not the thing', () => {
    const r = readRequested('Add new `-n, --no-strip` flag');
    expect(r?.shorts).toEqual(['-n']);
    const dry = flag('--no-run', { aliases: ['-n'], help: 'print what would run' });
    expect(decide(r, [dry, flag('--width', { line: 12 })]).verdict).toBe('new');
  });
});
