import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { precedentFacts } from './facts.js';
import { neighboursOf } from './gap.js';

/**
 * A test runner written for this test: four flags declared with commander in a script, three of them
 * documented on a page, in a man page, in the changelog and in bash completions; `--bail` only in the
 * completions and a test.
 */
const KILN: Record<string, string> = {
  'package.json': '{ "name": "kiln", "version": "1.0.0", "bin": { "kiln": "bin/kiln" } }\n',
  'bin/kiln': `#!/usr/bin/env node
const program = require('commander');
program
  .option('--inspect', 'open the inspector before the first test')
  .option('--expose-gc', 'let tests call the collector')
  .option('--trace-deprecation', 'print a stack for each deprecation')
  .option('--bail', 'stop after the first failed test');
program.parse(process.argv);
`,
  'docs/usage.md':
    '# Usage\n\n- `--inspect`: open the inspector.\n- `--expose-gc`: call the collector.\n- `--trace-deprecation`: a stack per deprecation.\n',
  'man/kiln.1':
    '.TH KILN 1\n.SH OPTIONS\n.TP\n.B \\-\\-inspect\nOpen the inspector.\n.TP\n.B \\-\\-expose\\-gc\nCall the collector.\n.TP\n.B \\-\\-trace\\-deprecation\nA stack per deprecation.\n',
  'CHANGELOG.md':
    '# Changes\n\n## 1.2.0\n\n- New `--trace-deprecation`.\n\n## 1.1.0\n\n- New `--inspect` and `--expose-gc`.\n',
  'completions/kiln.bash': 'complete -W "--inspect --expose-gc --trace-deprecation --bail" kiln\n',
  'test/bail.spec.js': "it('stops at the first failure', () => { run(['--bail']); });\n",
  // Data a test reads, not a test: naming a flag here is no test of it.
  'test/fixtures/kiln.conf.js': "module.exports = { argv: ['--inspect', '--expose-gc'] };\n",
  // An issue template asks reporters for their flags: no documentation of them.
  '.github/ISSUE_TEMPLATE/bug.md': '# Bug\n\nDid you run with `--bail`, `--inspect` or `--expose-gc`?\n',
};

/** Two flags; the changelog writes one by its value's name. */
const KILN_NOTES: Record<string, string> = {
  'package.json': '{ "name": "kiln", "version": "1.0.0" }\n',
  'bin/kiln': `#!/usr/bin/env node
const program = require('commander');
program
  .option('--fail-fast', 'stop at the first failed test')
  .option('--dry-run', 'list the tests without running them');
program.parse(process.argv);
`,
  'CHANGELOG.md': '# Changes\n\n- New ``fail_fast`` option.\n- New ``--dry-run``.\n',
};

const project = tempProjects('gap');
const ask = (files: Record<string, string>, requirement: string) => precedentAt(project(files), requirement);

describe('what a met thing lacks beside its declared neighbours', () => {
  it('each aspect most neighbours have and it has not, cited at the nearest neighbour that has it', async () => {
    const p = await ask(KILN, 'Add a `--bail` flag that stops at the first failed test');
    expect(p.verdict).toBe('met');
    expect(p.gap?.neighbours).toEqual([
      '--trace-deprecation (bin/kiln:6)',
      '--expose-gc (bin/kiln:5)',
      '--inspect (bin/kiln:4)',
    ]);
    expect(p.gap?.has.map((h) => h.aspect).sort()).toEqual(['completion', 'test']);
    expect(p.gap?.lacks.map((l) => [l.aspect, l.name, `${l.file}:${l.line}`])).toEqual(
      expect.arrayContaining([
        ['docs', '--trace-deprecation', 'docs/usage.md:5'],
        ['man', '--trace-deprecation', 'man/kiln.1:10'],
        ['changelog', '--trace-deprecation', 'CHANGELOG.md:5'],
      ]),
    );
    expect(p.gap?.lacks).toHaveLength(3);
    // The declaring file is a node script: its `--help` lists the flag.
    expect(p.gap?.help).toBe('node bin/kiln --help');
    expect(p.gap?.renamed).toBe(false);
    // Hosts and models read the same gap, each lack as a sentence with the neighbour's place.
    expect(precedentFacts(p).gap?.lacks).toContain(
      'a docs entry, as `--trace-deprecation` has at docs/usage.md:5',
    );
  });

  it('a thing with what its neighbours have lacks nothing; one neighbour with a test is no habit', async () => {
    const p = await ask(KILN, 'Add a `--trace-deprecation` flag');
    expect(p.verdict).toBe('met');
    expect(p.gap?.has.map((h) => h.aspect).sort()).toEqual(['changelog', 'completion', 'docs', 'man']);
    expect(p.gap?.lacks).toEqual([]);
  });

  it('a changelog that writes the value name of a flag of two words has its entry', async () => {
    const p = await ask(KILN_NOTES, 'Add a `--fail-fast` flag');
    expect(p.gap?.has.map((h) => `${h.aspect} ${h.file}:${h.line}`)).toEqual(['changelog CHANGELOG.md:3']);
    expect(p.gap?.lacks).toEqual([]);
  });

  it("its own test counts though a neighbour fills the test file's first lines", async () => {
    const busy = Array.from({ length: 8 }, (_, i) => `it('inspects ${i}', () => { run(['--inspect']); });`);
    const { 'test/bail.spec.js': _, ...rest } = KILN;
    const files = {
      ...rest,
      'test/run.spec.js': `${busy.join('\n')}\nit('stops at the first failure', () => { run(['--bail']); });\n`,
    };
    const p = await ask(files, 'Add a `--bail` flag that stops at the first failed test');
    expect(p.gap?.has.map((h) => `${h.aspect} ${h.file}:${h.line}`)).toContain('test test/run.spec.js:9');
    expect(p.gap?.lacks.map((l) => l.aspect)).not.toContain('test');
  });

  it('with no neighbour to compare with, nothing that exercises it is the gap: a test', async () => {
    const ONE: Record<string, string> = {
      'package.json': '{ "name": "kiln", "version": "1.0.0" }\n',
      'bin/kiln': `#!/usr/bin/env node
const program = require('commander');
program.option('--bail', 'stop after the first failed test');
program.parse(process.argv);
`,
      'test/run.spec.js': "it('runs', () => { run([]); });\n",
    };
    const p = await ask(ONE, 'Add a `--bail` flag that stops at the first failed test');
    expect(p.verdict).toBe('met');
    expect(p.gap?.neighbours).toEqual([]);
    expect(p.gap?.untested).toBe(true);
    expect(precedentFacts(p).gap?.lacks).toEqual([
      'a test: no neighbour to compare with, and no test exercises it',
    ]);
    // A test that passes it: nothing is lacking.
    const tested = await ask(
      { ...ONE, 'test/bail.spec.js': "it('stops at the first failure', () => { run(['--bail']); });\n" },
      'Add a `--bail` flag that stops at the first failed test',
    );
    expect(tested.gap?.untested).toBeUndefined();
  });

  it('neighbours are of the same kind and file, nearest first, the thing itself left out', () => {
    const d = (name: string, line: number, file = 'bin/kiln') => ({
      name,
      aliases: [],
      kind: 'flag' as const,
      via: 'commander',
      help: '',
      type: '',
      default: '',
      file,
      line,
      text: '',
    });
    const all = [d('--aa', 1), d('--bb', 2), d('--cc', 9), d('--dd', 3, 'bin/other'), d('FILE', 4)];
    expect(neighboursOf(d('--bb', 2), all).map((x) => x.name)).toEqual(['--aa', '--cc']);
  });
});
