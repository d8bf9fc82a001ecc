import { describe, expect, it } from 'vitest';
import { selectionFor, selectionMatches, testNamesIn, testSpansIn } from './test-names.js';

/** Test names as each runner sees them, on small files written for these tests. */
const PY = `import unittest


def helper():
    pass


def test_parses_empty_line():
    assert helper() is None


class TestQuoting:
    def test_single_quotes(self):
        pass

    def not_a_test(self):
        pass


class Helper:
    def test_ignored_outside_a_test_class(self):
        pass


class LegacyCase(unittest.TestCase):
    def test_old_style(self):
        pass
`;

const JS = `describe('parser', () => {
  it('reads an empty line', () => {});
  describe("quotes", function () {
    test('keeps \\'single\\' quotes', () => {});
    it.each([1, 2])('handles %i', () => {});
  });
});
test('top level', () => {});
`;

const GO = `package x

import "testing"

func TestParse(t *testing.T) {
	t.Run("empty line", func(t *testing.T) {})
}

func helper(t *testing.T) {}

func TestQuote(t *testing.T) {}
`;

const RS = `fn add(a: i32) -> i32 { a }

#[cfg(test)]
mod tests {
    #[test]
    fn adds_one() {}

    #[tokio::test]
    async fn adds_async() {}
}
`;

describe('testNamesIn', () => {
  it('reads pytest functions, Test classes and TestCase methods, with their lines', () => {
    expect(testNamesIn('tests/test_x.py', PY)).toEqual([
      { name: 'test_parses_empty_line', line: 8, parents: [] },
      { name: 'test_single_quotes', line: 13, parents: ['TestQuoting'] },
      { name: 'test_old_style', line: 26, parents: ['LegacyCase'] },
    ]);
  });

  it("reads methods of classes derived from a project base test case, through the file's own classes", () => {
    const py = `from tests.support import LedgerBaseTestCase


class Helpers:
    def test_not_collected(self):
        pass


class LedgerTestCase(LedgerBaseTestCase):
    def test_opens(self):
        pass


class ClosingChecks(LedgerTestCase):
    def test_closes(self):
        pass


class ExportTests(support.BaseTest, Helpers):
    def test_exports(self):
        pass
`;
    const names = testNamesIn('tests/test_ledger.py', py);
    expect(names).toEqual([
      { name: 'test_opens', line: 10, parents: ['LedgerTestCase'] },
      { name: 'test_closes', line: 15, parents: ['ClosingChecks'] },
      { name: 'test_exports', line: 20, parents: ['ExportTests'] },
    ]);
    expect(selectionMatches('pytest', 'test_closes', names)).toBe(true);
    expect(selectionMatches('pytest', 'not_collected', names)).toBe(false);
  });

  it('finds no test in a conftest.py, whatever its fixtures are called', () => {
    const conftest = 'import pytest\n\n\n@pytest.fixture\ndef test_ledger(tmp_path):\n    return tmp_path\n';
    expect(testNamesIn('tests/conftest.py', conftest)).toEqual([]);
    expect(testNamesIn('tests/test_ledger.py', conftest)).toHaveLength(1);
  });

  it('reads describe/it/test titles with their describe parents', () => {
    expect(testNamesIn('x.test.ts', JS)).toEqual([
      { name: 'reads an empty line', line: 2, parents: ['parser'] },
      { name: "keeps 'single' quotes", line: 4, parents: ['parser', 'quotes'] },
      { name: 'handles %i', line: 5, parents: ['parser', 'quotes'] },
      { name: 'top level', line: 8, parents: [] },
    ]);
  });

  it("reads node-tap's t.test and tap.test titles in a file that loads tap, and no pattern's .test(…)", () => {
    const tap = [
      "const t = require('tap')",
      "t.test('reads a flag', async (t) => {",
      "  t.test('inside', (t) => t.end())",
      '})',
      "tap.test.skip('skipped one', (t) => t.end())",
      "const ok = /x/.test('xyz')",
    ].join('\n');
    expect(testSpansIn('test/cli.js', tap).map((s) => [s.name, s.line, s.end, s.group])).toEqual([
      ['reads a flag', 2, 4, false],
      ['inside', 3, 3, false],
      ['skipped one', 5, 5, false],
    ]);
    // Without tap loaded, `t.test(…)` is nobody's test.
    expect(testNamesIn('test/cli.js', tap.split('\n').slice(1).join('\n'))).toEqual([]);
  });

  it('reads Go tests and their t.Run subtests, and Rust #[test] functions in their modules', () => {
    expect(testNamesIn('x_test.go', GO)).toEqual([
      { name: 'TestParse', line: 5, parents: [] },
      { name: 'empty_line', line: 6, parents: ['TestParse'] },
      { name: 'TestQuote', line: 11, parents: [] },
    ]);
    expect(testNamesIn('src/lib.rs', RS)).toEqual([
      { name: 'adds_one', line: 6, parents: ['tests'] },
      { name: 'adds_async', line: 9, parents: ['tests'] },
    ]);
  });

  it('gives spans: the line a test body ends on, and groups', () => {
    const spans = testSpansIn('x.test.ts', JS);
    expect(spans.find((s) => s.name === 'quotes')).toMatchObject({ group: true, line: 3, end: 6 });
    expect(testSpansIn('t.py', PY).find((s) => s.name === 'test_single_quotes')).toMatchObject({ end: 14 });
    // A Rust test whose expected text is a raw string of quotes and braces ends at its own brace.
    const rs = [
      '#[test]',
      'fn prints_jar() {',
      '    check(r#"{ "jar": "',
      '    }"#);',
      '}',
      '',
      '#[test]',
      'fn next() {}',
    ].join('\n');
    expect(testSpansIn('tests/cli.rs', rs).map((s) => [s.name, s.line, s.end])).toEqual([
      ['prints_jar', 2, 5],
      ['next', 8, 8],
    ]);
  });
});

describe('selectionMatches', () => {
  const py = testNamesIn('tests/test_x.py', PY);
  it('pytest -k: case-insensitive substrings with and/or/not and parentheses, over names and classes', () => {
    expect(selectionMatches('pytest', 'empty_line', py)).toBe(true);
    expect(selectionMatches('pytest', 'quoting and single', py)).toBe(true);
    expect(selectionMatches('pytest', 'TESTQUOTING', py)).toBe(true);
    expect(selectionMatches('pytest', 'quoting and not single', py)).toBe(false);
    expect(selectionMatches('pytest', '(old or nothing) and legacy', py)).toBe(true);
    expect(selectionMatches('pytest', 'max_items', py)).toBe(false);
    expect(selectionMatches('pytest', 'not_a_test', py)).toBe(false);
    expect(selectionMatches('pytest', 'and or', py)).toBe(false);
  });

  it('pytest node ids name a class and a test exactly', () => {
    expect(selectionMatches('pytest', 'tests/test_x.py::TestQuoting::test_single_quotes', py)).toBe(true);
    expect(selectionMatches('pytest', 'tests/test_x.py::TestQuoting::test_old_style', py)).toBe(false);
  });

  it('jest -t, vitest -t and mocha --grep: a regular expression over the full title', () => {
    const js = testNamesIn('x.test.ts', JS);
    expect(selectionMatches('jest', 'parser quotes keeps', js)).toBe(true);
    expect(selectionMatches('jest', 'PARSER reads', js)).toBe(true);
    expect(selectionMatches('vitest', 'PARSER reads', js)).toBe(false);
    expect(selectionMatches('mocha', '^top level$', js)).toBe(true);
    expect(selectionMatches('mocha', 'writes', js)).toBe(false);
    expect(selectionMatches('mocha', '(', js)).toBe(false);
  });

  it('go -run: one regular expression per subtest level; cargo: a substring of the path', () => {
    const go = testNamesIn('x_test.go', GO);
    expect(selectionMatches('go', '^TestParse$', go)).toBe(true);
    expect(selectionMatches('go', 'TestParse/empty', go)).toBe(true);
    expect(selectionMatches('go', 'TestQuote/empty', go)).toBe(false);
    expect(selectionMatches('go', 'helper', go)).toBe(false);
    const rs = testNamesIn('src/lib.rs', RS);
    expect(selectionMatches('cargo', 'tests::adds', rs)).toBe(true);
    expect(selectionMatches('cargo', 'subtracts', rs)).toBe(false);
  });
});

describe('one selection that picks every test a plan names', () => {
  /** Each named test, alone, is picked by the selection (the runner's own matching). */
  const picksEach = (runner: string, sel: string, names: string[]) =>
    names.every((n) => selectionMatches(runner, sel, [{ name: n, line: 1, parents: [] }]));

  it('cargo: the longest part every name shares, never only `test_`; else the file', () => {
    const names = [
      'dim_keeps_colour',
      'dim_never_blinks',
      'dim_is_ignored_by_plain_output',
      'plain_dim_output',
    ];
    const sel = selectionFor('cargo', names)!;
    expect(sel).toBe('dim_');
    expect(picksEach('cargo', sel, names)).toBe(true);
    expect(selectionFor('cargo', ['test_lamp_on', 'test_colour_off'])).toBeNull();
    expect(selectionFor('cargo', ['lamp_switches'])).toBe('lamp_switches');
  });

  it('pytest: a name inside all the others, else up to three names joined by or', () => {
    expect(selectionFor('pytest', ['test_wrap', 'test_wrap_width', 'TestWrapping'])).toBe(
      'test_wrap or test_wrap_width or TestWrapping',
    );
    expect(selectionFor('pytest', ['test_wrap', 'test_wrap_width'])).toBe('test_wrap');
    const three = ['test_a', 'test_b', 'test_c'];
    expect(picksEach('pytest', selectionFor('pytest', three)!, three)).toBe(true);
    expect(selectionFor('pytest', [...three, 'test_d'])).toBeNull();
  });

  it('jest, vitest, mocha: escaped names as alternatives; a quote the shell would need more for is never written', () => {
    const names = ['.useLamp()', 'sets the lamp (dim)'];
    const sel = selectionFor('mocha', names)!;
    expect(sel).toBe('\\.useLamp\\(\\)|sets the lamp \\(dim\\)');
    expect(picksEach('mocha', sel, names)).toBe(true);
    expect(selectionFor('jest', ["keeps 'single' quotes"])).toBeNull();
    // mocha matches case: a name inside the others only when it is there as written.
    expect(selectionFor('mocha', ['Lamp dims', 'lamp dims twice'])).toBe('Lamp dims|lamp dims twice');
    expect(selectionFor('jest', ['Lamp dims', 'lamp dims twice'])).toBe('Lamp dims');
  });

  it('go: up to three top-level test names, anchored; a subtest name alone selects nothing', () => {
    const sel = selectionFor('go', ['TestLamp', 'TestLampDims'])!;
    expect(sel).toBe('^(TestLamp|TestLampDims)$');
    expect(picksEach('go', sel, ['TestLamp', 'TestLampDims'])).toBe(true);
    // Anchored: `TestLamp` alone does not also run `TestLampDims`.
    expect(
      selectionMatches('go', selectionFor('go', ['TestLamp'])!, [
        { name: 'TestLampDims', line: 1, parents: [] },
      ]),
    ).toBe(false);
    expect(selectionFor('go', ['dims_twice'])).toBeNull();
    expect(selectionFor('go', ['TestA', 'TestB', 'TestC', 'TestD'])).toBeNull();
  });
});
