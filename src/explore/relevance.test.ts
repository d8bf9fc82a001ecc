import { describe, expect, it } from 'vitest';
import { readQuery } from './relevance.js';

describe('reading a requirement', () => {
  it('a kebab-case word in code is one name, not identifiers of its parts', () => {
    const q = readQuery('The `max-jars` setting is ignored:\n\n```\nshelf --max-jars 4\nadd_jar(shelf)\n```');
    expect(q.identifiers.has('max')).toBe(false);
    expect(q.identifiers.has('jars')).toBe(false);
    expect(q.identifiers.has('add_jar')).toBe(true);
    expect(q.identifiers.has('shelf')).toBe(true);
  });

  it('a link to a line of the repository is a path and a frame; its host is not a path', () => {
    const q = readQuery(
      'See https://github.com/someone/jars/blob/9c1d2e3/jars/shelf.py#L12 and https://gitlab.com/someone/jars/-/blob/main/jars/text.py',
    );
    expect(q.paths).toContain('jars/shelf.py');
    expect(q.paths).toContain('jars/text.py');
    expect(q.paths.some((p) => p.startsWith('github.com') || p.startsWith('gitlab.com'))).toBe(false);
    expect(q.frames).toEqual([{ path: 'jars/shelf.py', line: 12, weight: 1.5, linked: true }]);
  });
});
