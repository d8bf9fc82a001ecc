import { describe, expect, it } from 'vitest';
import { claimSymbolProblems } from './claims.js';
import type { CheckContext } from './context.js';

/** A checker context that reads only these files (what `claimSymbolProblems` uses of it). */
const ctxOf = (files: Record<string, string>) =>
  ({ read: (p: string) => files[p] ?? null }) as unknown as CheckContext;

const FILES: Record<string, string> = {
  'src/options.rs': [
    'pub struct Options {',
    '    pub hidden: bool,',
    '    pub size_limits: Vec<u64>,',
    '}',
    '',
    'impl Options {',
    '    pub fn new() -> Self {',
    '        Options { hidden: false, size_limits: vec![] }',
    '    }',
    '}',
    '',
  ].join('\n'),
  'pkg/download.py': [
    'class Status:',
    '    def __init__(self):',
    '        self.time_begun = None',
    '',
    '    def begin(self):',
    '        self.time_begun = 1',
    '',
  ].join('\n'),
};

describe('a symbol a plan places in a file', () => {
  it('a struct field, an attribute set on self, and a name on the line cited are where the plan says', () => {
    const ctx = ctxOf(FILES);
    expect(claimSymbolProblems(ctx, '`size_limits` in `src/options.rs` carries it')).toEqual([]);
    expect(claimSymbolProblems(ctx, '`time_begun` in `pkg/download.py` is set when it starts')).toEqual([]);
    expect(claimSymbolProblems(ctx, 'read `size_limits` (src/options.rs:8) there')).toEqual([]);
  });

  it('a name the file does not have, or not at the line cited, is refused with what it has', () => {
    const ctx = ctxOf(FILES);
    expect(claimSymbolProblems(ctx, '`size_caps` in `src/options.rs` carries it')[0]).toMatch(
      /names `size_caps` in src\/options.rs, which does not define it/,
    );
    expect(claimSymbolProblems(ctx, '`begin` (pkg/download.py:2) starts it')[0]).toMatch(
      /names `begin` at pkg\/download.py:2, but it is at 5–6/,
    );
    expect(claimSymbolProblems(ctx, '`time_ended` (pkg/download.py:3) is set')[0]).toMatch(
      /does not define it/,
    );
  });
});
