import { describe, expect, it } from 'vitest';
import { importMarkdown } from './import.js';
import { readPlanMarkdown } from './read.js';

/** A plan with a Precedent block as plansmith writes it, in our own words (a tool that lists notes). */
const planWith = (reason: string[], model: string[]) =>
  [
    '> plansmith plan `01JPRECEDENTTEST00000000000` · revision 1 · style feature · status draft · engine offline',
    '',
    '# Plan: a --since option',
    '',
    '## Summary',
    '',
    'List only the notes changed since a date.',
    '',
    '## Precedent',
    '',
    '**Verdict:** new — option `--since`',
    '',
    '**Spellings:** `--since`, `since`',
    '',
    ...reason,
    '**Sibling:** `--until` (option) at `notes/cli.py:40`',
    '',
    '**Tests:**',
    '- `tests/test_cli.py` selects `test_until_date` (2 tests use the sibling)',
    ...model,
    '- `tests/test_dates.py` (no test uses the sibling)',
    '',
  ].join('\n');

const precedentIn = (md: string) =>
  importMarkdown(readPlanMarkdown(md, 'plan.md'), {
    id: '01JPRECEDENTTEST00000000000',
    slug: 'since',
    now: new Date('2026-12-01T10:00:00.000Z'),
    file: 'plan.md',
  });

describe('the Precedent block read back', () => {
  it('a block written before the reason and model lines imports as it did', () => {
    const { plan, notImported } = precedentIn(planWith([], []));
    expect(notImported).toEqual([]);
    expect(plan.precedent).toMatchObject({
      verdict: 'new',
      sibling: { name: '--until', kind: 'option', file: 'notes/cli.py', line: 40 },
    });
    expect(plan.precedent?.reason).toBeUndefined();
    expect(plan.precedent?.tests).toEqual([
      { file: 'tests/test_cli.py', command: '', selects: ['test_until_date'], uses: 2 },
      { file: 'tests/test_dates.py', command: '', selects: [], uses: 0 },
    ]);
  });

  it("reads the verdict's reason and a covering test's model", () => {
    const { plan, notImported } = precedentIn(
      planWith(
        [
          '**Reason:** its help says "notes changed before a date" (`notes/cli.py:40`), the other end of the same job',
          '',
        ],
        ['  - model: `test_until_date` (lines 12–19) passes `--until` on a command line'],
      ),
    );
    expect(notImported).toEqual([]);
    expect(plan.precedent?.reason).toBe(
      'its help says "notes changed before a date" (`notes/cli.py:40`), the other end of the same job',
    );
    expect(plan.precedent?.tests?.map((t) => t.model)).toEqual([
      { name: 'test_until_date', line: 12, end: 19, does: 'passes `--until` on a command line' },
      undefined,
    ]);
  });

  it('a nested line that is no model, or a model line out of its form, is no model', () => {
    const { plan } = precedentIn(
      planWith([], ['  - model: test_until_date at line 12', '  - see also the fixtures folder']),
    );
    expect(plan.precedent?.tests?.[0]?.model).toBeUndefined();
    expect(plan.precedent?.tests?.[0]?.selects).toEqual(['test_until_date']);
  });
});
