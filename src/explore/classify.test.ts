import { describe, expect, it } from 'vitest';
import { isGenerated } from './classify.js';

describe('output folders', () => {
  it('reads a src-layout Python package named like an output folder as source', () => {
    expect(isGenerated('src/build/__main__.py')).toBe(false);
    expect(isGenerated('pkg/src/out/cli.py')).toBe(false);
    expect(isGenerated('src/build/_vendor/build/lib/x.py')).toBe(true);
    expect(isGenerated('build/lib/tool/cli.py')).toBe(true);
    expect(isGenerated('src/build/index.js')).toBe(true);
    expect(isGenerated('dist/src/tool/cli.py')).toBe(true);
    expect(isGenerated('src/tool/cli.py')).toBe(false);
  });
});
