import { describe, expect, it } from 'vitest';
import { readCiLog } from './ci-log.js';

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
});
