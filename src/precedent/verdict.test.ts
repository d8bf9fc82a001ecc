import { describe, expect, it } from 'vitest';
import type { Declaration } from './declaration.js';
import { readRequested } from './requested.js';
import { decide } from './verdict.js';

const decl = (name: string, kind: Declaration['kind'], file: string, line: number): Declaration => ({
  name,
  aliases: [],
  kind,
  via: kind === 'setting' ? 'settings-table' : 'commander',
  help: '',
  type: '',
  default: '',
  file,
  line,
  text: name,
});

describe('the sibling of a request that shares nothing with the declarations', () => {
  const requested = readRequested('Add a `--trace-warnings` flag');

  it('a command-line flag never follows a config file of settings: unsure, with the candidates', () => {
    const settings = [
      decl('browsers', 'setting', 'runner.conf.js', 10),
      decl('reporters', 'setting', 'runner.conf.js', 12),
      decl('frameworks', 'setting', 'runner.conf.js', 14),
    ];
    const v = decide(requested, settings);
    expect(v.verdict).toBe('unsure');
    expect(v.sibling).toBeUndefined();
    expect(v.candidates.map((d) => d.file)).toEqual(['runner.conf.js']);
  });

  it('with command-line declarations, the file that declares most of them gives the sibling', () => {
    const v = decide(requested, [
      decl('browsers', 'setting', 'runner.conf.js', 10),
      decl('reporters', 'setting', 'runner.conf.js', 12),
      decl('--bail', 'flag', 'bin/cli.js', 5),
      decl('--grep', 'flag', 'bin/cli.js', 6),
    ]);
    expect(v.verdict).toBe('new');
    expect(v.sibling?.file).toBe('bin/cli.js');
  });
});
