import { describe, expect, it } from 'vitest';
import { fence, mergeFenced } from './fences.js';

describe('mergeFenced', () => {
  const v1 = `${fence('meta', 'rev 1')}\n\n# Title\n\n${fence('steps', 'step A')}\n\n${fence('risks', 'risk A')}\n`;
  const v2 = `${fence('meta', 'rev 2')}\n\n# Title\n\n${fence('steps', 'step B')}\n\n${fence('rollback', 'revert')}\n`;

  it('replaces machine-owned sections and keeps text written outside them', () => {
    const edited = v1.replace('# Title', '# Title\n\nWritten by hand: check with legal.');
    const { content, keptEdits } = mergeFenced(edited, v2);
    expect(content).toContain('Written by hand: check with legal.');
    expect(content).toContain('step B');
    expect(content).not.toContain('step A');
    expect(content).toContain('rev 2');
    expect(content).toContain('revert');
    expect(keptEdits).toEqual([]);
  });

  it('keeps a section a person edited, as their text, with the new version after it', () => {
    const edited = v1.replace('step A', 'step A, but run it on staging first');
    const { content, keptEdits } = mergeFenced(edited, v2);
    expect(keptEdits).toEqual(['steps']);
    expect(content).toContain('step A, but run it on staging first');
    expect(content.indexOf('step A, but run it on staging first')).toBeLessThan(content.indexOf('step B'));
    // The hand-edited text is now outside any fence: the next rewrite keeps it too.
    const again = mergeFenced(content, v2.replace('step B', 'step C')).content;
    expect(again).toContain('step A, but run it on staging first');
    expect(again).toContain('step C');
  });

  it('an import (absorbed): an edit the new version holds is written once; lines it lacks are kept once, after it', () => {
    const edited = v1.replace(
      'risk A',
      'risk A\n- a shared NAT counts as one client\n\nAsk the network team first.',
    );
    // The import read the first added line into the model; the last it could not place.
    const v3 = `${fence('meta', 'rev 2')}\n\n# Title\n\n${fence('steps', 'step A')}\n\n${fence('risks', 'risk A\n- a shared NAT counts as one client')}\n`;
    const { content, keptEdits } = mergeFenced(edited, v3, { absorbed: true });
    expect(content.split('a shared NAT counts as one client')).toHaveLength(2);
    expect(content.split('risk A')).toHaveLength(2);
    expect(content.split('Ask the network team first.')).toHaveLength(2);
    expect(content.indexOf('Ask the network team first.')).toBeGreaterThan(
      content.indexOf('<!-- plansmith:risks:end -->'),
    );
    expect(keptEdits).toEqual(['risks']);
    // Held whole by the new version: nothing kept beside it, nothing reported.
    const whole = mergeFenced(edited.replace('\n\nAsk the network team first.', ''), v3, { absorbed: true });
    expect(whole.keptEdits).toEqual([]);
    expect(whole.content).toBe(mergeFenced(v3, v3).content);
    // Without `absorbed` (refine, a new plan over an old file) the person's text is kept whole, as before.
    expect(mergeFenced(edited, v3).content.split('a shared NAT counts as one client')).toHaveLength(3);
  });

  it('leaves an empty fence where a section went away, and appends new ones', () => {
    const { content } = mergeFenced(v1, v2);
    expect(content).toMatch(/<!-- plansmith:risks:begin sha=[0-9a-f]+ -->\n\n<!-- plansmith:risks:end -->/);
    expect(content.indexOf('revert')).toBeGreaterThan(content.indexOf('step B'));
  });
});
