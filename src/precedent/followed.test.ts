import { describe, expect, it } from 'vitest';
import type { Precedent } from '../domain/precedent.js';
import { commonSibling, followedEntries, notFollowed } from './followed.js';

type Entry = Precedent['footprint'][number];
const entry = (file: string, why: string, more: Partial<Entry> = {}): Entry => ({
  file,
  line: 3,
  role: 'read',
  area: 'code',
  source: 'occurrence',
  why,
  text: '',
  ...more,
});
const precedent = (sibling: string, footprint: Entry[]) =>
  ({ sibling: { name: sibling, kind: 'flag', file: 'kiln/cli.py', line: 4 }, footprint }) as Precedent;

describe('the footprint entries a plan follows', () => {
  it('leaves out a comment, a read in another top-level folder, a generated file; keeps the code', () => {
    const p = precedent('--cone-count', [
      entry('kiln/cli.py', 'names `cone_count`', { role: 'registration' }),
      entry('kiln/fire.py', 'mentions `cone_count` in a comment'),
      entry('scripts/report.py', 'names `cone_count`'),
      entry('kiln/_table.py', 'names `cone_count`', { generated: 'generated; not edited by hand' }),
      entry('docs/cli.md', 'names `--cone-count`', { area: 'docs' }),
    ]);
    expect(followedEntries(p, ['code']).map((e) => e.file)).toEqual(['kiln/cli.py']);
    expect(p.footprint.map((e) => notFollowed(p, e))).toEqual([
      null,
      'a comment or docstring',
      'only read in another top-level folder',
      'generated; not edited by hand',
      'not source',
    ]);
  });

  it('follows a line its value is carried to in another top-level folder', () => {
    const p = precedent('--cone-count', [
      entry('kiln/cli.py', 'names `cone_count`', { role: 'registration' }),
      entry('engine/oven.py', "carries `--cone-count`'s value as `cones` (assigned at kiln/cli.py:9)"),
      entry('engine/glaze.py', 'names `cone_count`'),
    ]);
    expect(followedEntries(p, ['code']).map((e) => e.file)).toEqual(['kiln/cli.py', 'engine/oven.py']);
  });

  it('follows a one-word sibling named in more than six source files only in its own file', () => {
    const files = ['cli', 'a', 'b', 'c', 'd', 'e', 'f'].map((f) => `kiln/${f}.py`);
    const p = precedent(
      '--quiet',
      files.map((f) => entry(f, 'names `quiet`', { text: 'if args.quiet:' })),
    );
    expect(commonSibling(p)).toEqual({ own: 'kiln/cli.py', spread: 7 });
    expect(commonSibling({ ...p, footprint: p.footprint.slice(0, 6) })).toBeNull();
    expect(commonSibling({ ...p, sibling: { ...p.sibling!, name: '--quiet-mode' } })).toBeNull();
  });
});
