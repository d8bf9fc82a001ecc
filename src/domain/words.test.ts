import { describe, expect, it } from 'vitest';
import { feedbackInWords } from './words.js';

describe('feedback in plansmith words', () => {
  it('reads where, fix and problems as location, suggestion and issues, with a note each; keeps unknown fields', () => {
    const r = feedbackInWords({
      summary: 'totals drift',
      problems: [{ what: 'rounding', where: 'src/cart.ts:40', fix: 'use cents', owner_team: 'billing' }],
    });
    expect(r.feedback).toEqual({
      summary: 'totals drift',
      issues: [
        { what: 'rounding', location: 'src/cart.ts:40', suggestion: 'use cents', owner_team: 'billing' },
      ],
    });
    expect(r.notes).toEqual([
      'feedback_for_rebuild.problems read as issues',
      'feedback_for_rebuild.issues[0].where read as location',
      'feedback_for_rebuild.issues[0].fix read as suggestion',
      expect.stringMatching(/issues\[0\]\.owner_team is not a field plansmith knows .*kept as given/),
    ]);
  });

  it('keeps a synonym as given when the plansmith word is there too, and leaves plansmith words alone', () => {
    const r = feedbackInWords({ summary: 's', issues: [{ what: 'w', location: 'a.ts', where: 'b.ts' }] });
    expect(r.feedback).toEqual({ summary: 's', issues: [{ what: 'w', location: 'a.ts', where: 'b.ts' }] });
    expect(r.notes).toEqual([
      'feedback_for_rebuild.issues[0].where kept as given (feedback_for_rebuild.issues[0].location is given too)',
    ]);
    expect(feedbackInWords({ summary: 's', issues: [{ what: 'w' }] }).notes).toEqual([]);
    expect(feedbackInWords(undefined)).toEqual({ feedback: undefined, notes: [] });
  });
});
