import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import type { ExploreReport } from '../../explore/explore.js';
import type { TestRunner } from '../../explore/profile.js';
import { coveringTest, moduleName, namingWords, placeTest, titleOf } from './placement.js';

const project = tempProjects('placement');

function report(runner: TestRunner | null, tests: string[], testConvention?: string): ExploreReport {
  const conventions = testConvention ? [{ role: 'test', pattern: testConvention, count: 3 }] : [];
  const ranked = tests.map((path, i) => ({ path, score: 10 - i, reasons: [] }));
  const value = {
    profile: { testRunner: runner },
    conventions,
    relevance: { query: '', relevantFiles: [], tests: ranked, docs: [], configs: [] },
  };
  return value as unknown as ExploreReport;
}

describe('placement', () => {
  it('a new test never goes into a folder of test data: the folder of the test code instead', () => {
    // Data files named like tests (a syntax's sample inputs) outnumber the test code; they are no tests.
    const r = (patterns: string[]) =>
      ({
        profile: { testRunner: null },
        conventions: patterns.map((pattern, i) => ({ role: 'test', pattern, count: 9 - i })),
        relevance: { query: '', relevantFiles: [], tests: [], docs: [], configs: [] },
      }) as unknown as ExploreReport;
    expect(
      placeTest(r(['tests/samples-in/Plain Text/test_*.txt', 'tests/test_*.rs']), ['quiet', 'mode'], 'Rust'),
    ).toBe('tests/quiet_mode.rs');
    expect(
      placeTest(r(['tests/fixtures/lamps/test_*.py', 'checks/test_*.py']), ['quiet', 'mode'], 'Python'),
    ).toBe('checks/test_quiet_mode.py');
    expect(placeTest(r(['spec/__snapshots__/*.test.ts.snap']), ['quiet'], 'TypeScript')).toBe(
      'tests/quiet.test.ts',
    );
  });

  it("a new test goes where the project's runner collects it", () => {
    const unitTests: TestRunner = {
      name: 'jest',
      collects: ['tests/unit/**/*.tests.ts'],
      roots: [],
      evidence: { file: 'package.json', line: 4 },
    };
    // The default name (`*.test.ts` under tests/) would never run: the runner's own pattern decides.
    expect(placeTest(report(unitTests, [], 'tests/*.test.ts'), ['keyboard', 'shortcuts'], 'TypeScript')).toBe(
      'tests/unit/keyboard-shortcuts.tests.ts',
    );
    const pytest: TestRunner = {
      name: 'pytest',
      collects: ['**/check_*.py'],
      roots: ['tests'],
      evidence: { file: 'pyproject.toml', line: 9 },
    };
    expect(placeTest(report(pytest, [], 'tests/test_*.py'), ['per', 'request', 'retry'], 'Python')).toBe(
      'tests/check_per_request_retry.py',
    );
  });

  it('the covering test is judged by the runner: `unittest_similar.py` under a `*test_*.py` rule', () => {
    const runner: TestRunner = {
      name: 'pytest',
      collects: ['**/*test_*.py'],
      roots: ['tests'],
      evidence: { file: 'setup.cfg', line: 71 },
    };
    const root = project({
      'tests/input/similar_lines.py': 'def count_lines(): pass\n',
      'tests/checkers/unittest_similar.py': 'def test_one(): pass\n',
    });
    const r = report(runner, ['tests/input/similar_lines.py', 'tests/checkers/unittest_similar.py']);
    // The input file names the function but the runner never collects it.
    expect(coveringTest(root, r, [{ edit_points: [{ symbol: 'count_lines' }] }])).toEqual({
      path: 'tests/checkers/unittest_similar.py',
      why: 'the best-ranked existing tests',
    });
  });

  it('the covering test is the one that names the function to change, not one with a similar file name', () => {
    const root = project({
      'test/app.response.js':
        "it('sends', () => res.send('x'));\nit('moves once', () => res.redirect('/a'));\n",
      'test/res.redirect.js': "it('goes back', () => res.location('back'));\n",
      'test/res.location.js':
        "it('moves', () => res.redirect('/to'));\nit('back', () => res.redirect('back'));\n",
    });
    const r = report(null, ['test/app.response.js', 'test/res.redirect.js', 'test/res.location.js']);
    expect(coveringTest(root, r, [{ edit_points: [{ symbol: 'res.redirect' }] }])).toEqual({
      path: 'test/res.location.js',
      why: 'the tests that use `redirect`',
    });
    // The file that uses it on the most lines, before a better-ranked one that uses it once; and the first
    // function first: `redirect` before `location`, whichever file ranks higher.
    const both = [{ edit_points: [{ symbol: 'redirect' }, { symbol: 'location' }] }];
    expect(coveringTest(root, r, both)!.path).toBe('test/res.location.js');
    // A short name (`get`) names too much to tell: the best-ranked test stands, and says so.
    expect(coveringTest(root, r, [{ edit_points: [{ symbol: 'res.get' }] }])).toEqual({
      path: 'test/app.response.js',
      why: 'the best-ranked existing tests',
    });
  });

  it('module names are valid in their language; titles keep the maintainer’s words', () => {
    expect(moduleName(['per', 'request', 'retry'], 'Python')).toBe('per_request_retry');
    // A new module is named after what the requirement is about, not after who may do it.
    expect(namingWords('users can change their display name')).toEqual(['display', 'name']);
    expect(namingWords('add password reset by email')).toEqual(['password', 'reset']);
    expect(moduleName(['per', 'request', 'retry'], 'TypeScript')).toBe('per-request-retry');
    expect(titleOf('requests.get is ALWAYS sending content length')).toBe(
      'requests.get is ALWAYS sending content length',
    );
    expect(titleOf('add password reset by email')).toBe('Add password reset by email');
    // A changelog line's leading colon or bullet is not part of the title; a flag's dashes are.
    expect(titleOf(': Add `jar_limit` option')).toBe('Add `jar_limit` option');
    expect(titleOf('- added a label check')).toBe('Added a label check');
    expect(titleOf('--max-jars does nothing')).toBe('--max-jars does nothing');
    const long = `Views: custom cache key support for every engine that compiles templates ${'and more words '.repeat(6)}`;
    expect(titleOf(long).length).toBeLessThanOrEqual(161);
    expect(titleOf(long)).toMatch(
      /^Views: custom cache key support for every engine that compiles templates/,
    );
  });
});
