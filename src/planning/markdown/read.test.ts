import { describe, expect, it } from 'vitest';
import { modifyItem } from '../../workspace/plan-blocks.js';
import { importMarkdown } from './import.js';
import { editPointOf, readPlanMarkdown } from './read.js';

describe('edit points in plan markdown', () => {
  it('reads a symbol with spaces (a docs heading) and keeps the code spans of its why', () => {
    expect(
      editPointOf(
        '`Environment variables` (lines 40–58): `## Environment variables` — document `SHELF_LIMIT`',
      ),
    ).toEqual({
      symbol: 'Environment variables',
      start_line: 40,
      end_line: 58,
      signature: '## Environment variables',
      why: 'document `SHELF_LIMIT`',
    });
    expect(editPointOf('`run_command` (lines 4–8) — the `--limit` option')).toMatchObject({
      symbol: 'run_command',
      signature: 'run_command',
      why: 'the `--limit` option',
    });
  });

  it('imports the edit points plansmith renders back to the same ones, and reports one it cannot read', () => {
    const point = {
      symbol: 'Environment variables',
      start_line: 40,
      end_line: 58,
      signature: '## Environment variables',
      why: 'document `SHELF_LIMIT` beside `SHELF_HOME`',
    };
    const item = modifyItem('', { path: 'docs/usage.md', why: 'the new variable', edit_points: [point] });
    const source = [
      '# Plan: a limit from the environment',
      '',
      '## Phase 1: Document it',
      '',
      '### Files to modify',
      '',
      item,
      '- `shelf/cli.py` — read the variable',
      '  - the option, somewhere near the top',
      '',
    ].join('\n');
    const doc = readPlanMarkdown(source, 'plan.md');
    const { plan, notImported } = importMarkdown(doc, {
      id: 'X',
      slug: 'limit',
      now: new Date('2026-01-01T00:00:00Z'),
      file: 'plan.md',
    });
    const files = plan.phases!.flatMap((p) => p.steps!.flatMap((s) => s.files_to_modify ?? []));
    expect(files.find((f) => f.path === 'docs/usage.md')!.edit_points).toEqual([point]);
    expect(notImported.map((n) => n.what).join('\n')).toContain(
      'the edit point "the option, somewhere near the top" of shelf/cli.py',
    );
  });
});

describe('a hand-written plan whose steps are a list', () => {
  it('imports each item as a step with its whole text and the files it names; nothing is dropped', () => {
    const source = [
      '# Plan: a cap on listed items',
      '',
      'The list command prints everything; a cap keeps long outputs short.',
      '',
      '## Implementation steps',
      '',
      '1. Register `--cap` in `shelf/cli.py` beside `--verbose`. It takes a positive integer.',
      '2. Stop the loop in `shelf/listing.py` after that many rows.',
      '   - keep the total line at the end',
      '3. Create `tests/test_cap.py` with one case per edge (0, 1, more than there are).',
      '',
      '## Files to modify',
      '',
      '- `docs/usage.md` — the option table',
      '',
      '## Verification',
      '',
      '```bash',
      'pytest tests/test_cap.py',
      '```',
      '',
    ].join('\n');
    const doc = readPlanMarkdown(source, 'plan.md');
    const { plan, notImported } = importMarkdown(doc, {
      id: 'X',
      slug: 'cap',
      now: new Date('2026-01-01T00:00:00Z'),
      file: 'plan.md',
    });
    const steps = plan.phases!.flatMap((p) => p.steps!);
    expect(steps.map((s) => s.title)).toEqual([
      'Register `--cap` in `shelf/cli.py` beside `--verbose`',
      'Stop the loop in `shelf/listing.py` after that many rows',
      'Create `tests/test_cap.py` with one case per edge (0, 1, more than there are)',
    ]);
    expect(steps[0]!.detail).toContain('It takes a positive integer.');
    expect(steps[1]!.detail).toContain('- keep the total line at the end');
    expect(steps[0]!.files_to_modify!.map((f) => f.path)).toEqual(['shelf/cli.py', 'docs/usage.md']);
    expect(steps[1]!.files_to_modify!.map((f) => f.path)).toEqual(['shelf/listing.py']);
    expect(steps[2]!.files_to_create!.map((f) => f.path)).toEqual(['tests/test_cap.py']);
    expect(plan.phases![0]!.automated_checks!.map((c) => c.command)).toEqual(['pytest tests/test_cap.py']);
    expect(notImported).toEqual([]);
  });
});
