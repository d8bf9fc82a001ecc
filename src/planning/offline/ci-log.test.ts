import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { explore } from '../../explore/explore.js';
import type { PlannerContext } from '../planner.js';
import { readCiLog } from './ci-log.js';
import { ciDiagnosis } from './ci-plan.js';
import { gatherWork } from './work.js';

const project = tempProjects('ci-log');

describe('readCiLog', () => {
  it('classifies build, lint and environment failures and finds the step', () => {
    const tsc = readCiLog(
      '##[group]Run npm run typecheck\nsrc/a.ts(3,7): error TS2322: Type string is not assignable to number.\n##[error]Process completed with exit code 2.',
      'ci.log',
    );
    expect(tsc.diagnosis).toMatchObject({
      failing_step: 'npm run typecheck',
      category: 'build',
      log_line: 2,
    });
    expect(tsc.fileRefs).toEqual([{ path: 'src/a.ts', line: 3 }]);
    const lint = readCiLog(
      '$ ruff check .\napp/x.py:1:1: F401 `os` imported but unused\nFound 1 error.',
      'gl.log',
    );
    expect(lint.diagnosis).toMatchObject({ failing_step: 'ruff check .', category: 'lint' });
    const env = readCiLog(
      '##[group]Run pnpm install\nbash: pnpm: command not found\n##[error]Process completed with exit code 127.',
      'x.log',
    );
    expect(env.diagnosis.category).toBe('env');
  });

  it('strips colour codes and timestamps; follows Python tracebacks', () => {
    const log = `2026-01-01T00:00:00.0Z \u001b[31m$ pytest\u001b[0m\nE   AssertionError: assert 3 == 4\n  File "app/services/order_service.py", line 12, in place`;
    const r = readCiLog(log, 'py.log');
    expect(r.diagnosis.category).toBe('test');
    expect(r.fileRefs.map((f) => f.path)).toContain('app/services/order_service.py');
  });

  it('refuses an empty log, a binary file and a log with no failure', () => {
    expect(() => readCiLog('  \n', 'a.log')).toThrow(/a\.log: the CI log is empty/);
    expect(() => readCiLog('\0\0', 'b.log')).toThrow(/binary/);
    expect(() => readCiLog('all good\n5 passed', 'c.log')).toThrow(/c\.log: no failure found/);
  });

  it('the diagnosis says what the log shows, and no cause, remedy or prevention by the kind of failure', () => {
    const root = project({
      'shop/orders.py': 'def place(order):\n    return order.total\n',
      'tests/test_orders.py':
        'from shop.orders import place\n\ndef test_place():\n    assert place(1) == 2\n',
    });
    const text =
      '##[group]Run pytest\nE   AssertionError: assert 1 == 2\n  File "/home/runner/work/shop/shop/shop/orders.py", line 2, in place\n';
    const ctx = { root, report: explore(root, { for: '' }), now: new Date(0), id: 'p1', slug: 'x' };
    const w = gatherWork(
      { requirement: '', ciLog: { text, name: 'ci.log' } } as never,
      ctx as unknown as PlannerContext,
    );
    const ci = ciDiagnosis(w);
    // The runner's absolute path is mapped onto the tree, with the line the log gives.
    expect(ci.quick_fix).toBe('Make `pytest` pass again, starting at `shop/orders.py:2` (named in the log).');
    expect(ci.root_causes).toEqual([{ cause: 'What the log reports at line 2', files: ['shop/orders.py'] }]);
    // "A flaky test that passes on a rerun", "Run the test job on every pull request": true of any build.
    expect([ci.proper_fix, ci.prevention]).toEqual(['', []]);
  });
});
