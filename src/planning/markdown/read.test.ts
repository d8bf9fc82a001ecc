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
