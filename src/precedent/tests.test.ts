import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { gitRepo, tempProjects } from '../../test/temp-project.js';
import type { Precedent } from '../domain/precedent.js';
import { inventory } from '../explore/inventory.js';
import { emptyProfile } from '../explore/profile.js';
import { selectionMatches, testNamesIn, testSpansIn } from '../explore/test-names.js';
import { projectFiles } from '../files/project-files.js';
import { areaOf, Enclosing } from './places.js';
import { TreeSearch } from './search.js';
import {
  apiCalls,
  literalAround,
  modelAdvice,
  namedCodeTests,
  neighbourUse,
  passes,
  relativeImports,
  relativeJs,
  tableTests,
  testNameLike,
  withEffectTests,
} from './tests.js';

/**
 * Covering tests ranked by what they do with the sibling, table-driven layouts, and the areas (test,
 * docs, changelog) of the footprint, on small projects written for these tests.
 */
const project = tempProjects('ptests');

const ask = (files: Record<string, string>, requirement: string): Promise<Precedent> =>
  precedentAt(project(files), requirement);

const KILN: Record<string, string> = {
  'kiln/cli.py': `import argparse

from kiln.report import render


def build_parser():
    parser = argparse.ArgumentParser(prog="kiln")
    parser.add_argument("--wrap-width", type=int, default=72, help="Wrap report lines at this many columns.")
    parser.add_argument("--quiet", action="store_true", help="Print only errors.")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    print(render(["a firing log"], wrap_width=args.wrap_width))
`,
  'kiln/report.py': `def render(lines, wrap_width=72):
    return "\\n".join(line[:wrap_width] for line in lines)
`,
  'tests/test_cli.py': `from kiln.cli import build_parser, main


def test_defaults():
    assert build_parser().parse_args([]).wrap_width == 72


def test_wrap_width_is_read():
    assert build_parser().parse_args(["--wrap-width", "10"]).wrap_width == 10


def test_wrap_width_rejects_words():
    try:
        build_parser().parse_args(["--wrap-width", "wide"])
    except SystemExit:
        pass


def test_quiet():
    assert build_parser().parse_args(["--quiet"]).quiet
`,
  'tests/test_report.py': `from kiln.report import render


def test_render_cuts_lines():
    assert render(["abcdef"], wrap_width=3) == "abc"


def test_render_keeps_short_lines():
    assert render(["ab"], wrap_width=3) == "ab"


def test_render_empty():
    assert render([]) == ""
`,
  'tests/test_misc.py': `from kiln.cli import build_parser


def test_parser_knows_its_name():
    parser = build_parser()
    assert parser.prog == "kiln"
    assert parser.parse_args([]).wrap_width
`,
  'tests/test_wrap_names.py': `def test_nothing_about_the_option():
    assert "wrap" in "wrapping"
`,
  'pyproject.toml': `[project]
name = "kiln"

[tool.pytest.ini_options]
testpaths = ["tests"]
`,
};

describe('covering tests, ranked', () => {
  it('names every file whose tests use the sibling strongly, best first, each with its reason and a selection that exists', async () => {
    const p = await ask(KILN, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.sibling).toMatchObject({ name: '--wrap-width', file: 'kiln/cli.py' });
    // test_cli.py passes the option on a command line in three tests; test_report.py calls with it in two;
    // test_misc.py names it once, test_wrap_names.py only has a similar name.
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_cli.py', 'tests/test_report.py']);
    expect(p.tests[0]!.why).toMatch(/3 tests here use the sibling/);
    expect(p.tests[0]!.why).toContain('--wrap-width');
    expect(p.tests[1]!.why).toMatch(/2 tests here use the sibling/);
    // The model of each: the test that does most with the sibling, named after it, with its lines.
    expect(p.tests[0]!.model).toEqual({
      name: 'test_wrap_width_is_read',
      line: 8,
      end: 9,
      does: 'passes `--wrap-width` on a command line',
    });
    // A keyword that gives the sibling's value sets it.
    expect(p.tests[1]!.model).toMatchObject({
      name: 'test_render_cuts_lines',
      line: 4,
      does: 'sets `wrap_width`',
    });
    expect(p.tests[1]!.why).toContain('sets `wrap_width`');
    const root = project(KILN);
    for (const t of p.tests) {
      expect(t.selects.length).toBeGreaterThan(0);
      const names = testNamesIn(t.file, readFileSync(join(root, t.file), 'utf8'));
      for (const s of t.selects) expect(selectionMatches('pytest', s, names)).toBe(true);
    }
  });

  it('a snapshot the runner records that lists the sibling on a command line changes with it; one that only names its word does not', async () => {
    const repo = gitRepo(project);
    repo.commit('kiln', {
      ...KILN,
      'tests/snapshots/cli__help.snap': `---
source: tests/help.rs
---
usage: kiln [--wrap-width N] [--quiet]

  --wrap-width N  Wrap report lines at this many columns.
  --quiet         Print only errors.
`,
      'tests/__snapshots__/report.test.js.snap': 'exports[`render`] = `wrap_width is 72`;\n',
      // Not where a runner keeps its snapshots: a text file that happens to show the flag.
      'tests/snapshots/notes.txt': 'try --wrap-width 10\n',
    });
    const p = await precedentAt(
      repo.root,
      'Add an --indent-width option to indent report lines by that many columns.',
    );
    expect(p.sibling).toMatchObject({ name: '--wrap-width' });
    // After the tests that use the sibling, never in their place.
    expect(p.tests[0]!.file).toBe('tests/test_cli.py');
    const snaps = p.tests.filter((t) => t.file.includes('snapshots'));
    expect(snaps.map((t) => t.file)).toEqual(['tests/snapshots/cli__help.snap']);
    expect(snaps[0]).toMatchObject({ uses: 0, selects: [] });
    expect(snaps[0]!.why).toMatch(/lists `--wrap-width` \(line 4\).*snapshot tool/);
  });

  it('a decorator that passes the sibling belongs to the test below it', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_params.py': `import pytest

from kiln.cli import build_parser


@pytest.mark.parametrize("argv", [["--wrap-width", "5"]])
def test_narrow(argv):
    assert build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [["--wrap-width", "500"]],
)
def test_wide(argv):
    assert build_parser().parse_args(argv)
`,
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_params.py', selects: ['test_narrow', 'test_wide'] });
    expect(p.tests[0]!.why).toMatch(/^2 tests here use the sibling/);
  });

  it('one file when the others only mention the sibling in passing', async () => {
    const files = { ...KILN };
    delete files['tests/test_report.py'];
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_cli.py']);
  });

  it('a flag in a docstring or a string of prose only names it; in a file a test writes it is passed', async () => {
    const files: Record<string, string> = {
      ...KILN,
      'tests/test_cli.py': `from kiln.cli import build_parser


def test_documents_the_width():
    """Checks the report.

    Regression test for --wrap-width
    pass --wrap-width 5 to see it
    """
    assert build_parser().parse_args([]).quiet is False


def test_width_from_a_file(tmp_path):
    args = tmp_path / "kiln.args"
    args.write_text("""
--wrap-width 5
""")
    assert args.read_text()


def test_width_in_prose():
    text = """
    The report wraps at 72 columns, see --wrap-width for more
    """
    assert text
`,
    };
    delete files['tests/test_report.py'];
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    // The docstring's test does not use it; the prose string's names it (as a one-line message would).
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_cli.py', uses: 2 });
    expect(p.tests[0]!.why).toBe(
      '2 tests here use the sibling (passes `--wrap-width` on a command line on 2 lines)',
    );
    expect(p.tests[0]!.model).toMatchObject({ name: 'test_width_from_a_file', line: 13 });
  });

  it('a table-driven layout: the driver test and its data folder, not a made-up file', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/test_layouts.py': `from pathlib import Path

import pytest

from kiln.cli import main

LAYOUTS = Path(__file__).parent / "layouts"


@pytest.mark.parametrize("case", sorted(LAYOUTS.glob("*.txt")))
def test_layout(case, capsys):
    args, _, expected = case.read_text().partition("\\n---\\n")
    main(args.split())
    assert capsys.readouterr().out == expected
`,
      'tests/layouts/narrow.txt': '--wrap-width 4\n---\na fi\n',
      'tests/layouts/wide.txt': '--wrap-width 40\n---\na firing log\n',
      'tests/layouts/plain.txt': '--quiet\n---\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_layouts.py', data: 'tests/layouts' });
    expect(p.tests[0]!.why).toContain('2 of which name the sibling');
    expect(p.tests.map((t) => t.file)).not.toContain('tests/layouts/narrow.txt');
  });

  it('a driver with one data file naming the sibling names it as its case, with its companion', async () => {
    const driver = `from pathlib import Path

import pytest

CASES = Path(__file__).parent / "samples"


@pytest.mark.parametrize("rc", sorted(CASES.glob("*.rc")))
def test_sample(rc):
    assert rc.with_suffix(".py").exists()
`;
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/test_samples.py': driver,
      'tests/samples/narrow.rc': '[kiln]\nwrap-width=4\n',
      'tests/samples/narrow.py': 'firing = "a firing log"\n',
      'tests/samples/narrow.txt': 'a fi\n',
      'tests/samples/plain.rc': '[kiln]\nquiet=yes\n',
      'tests/samples/plain.py': 'firing = ""\n',
    };
    const req = 'Add an --indent-width option to indent report lines by that many columns.';
    const p = await ask(files, req);
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_samples.py', data: 'tests/samples' });
    // The one data file that sets the sibling, and the module it configures; not its expected output, nor
    // the other case.
    expect(p.tests[0]!.cases).toEqual(['tests/samples/narrow.py', 'tests/samples/narrow.rc']);
    // Two data files name it: the folder is said, no file.
    const q = await ask({ ...files, 'tests/samples/wide.rc': '[kiln]\nwrap-width=40\n' }, req);
    expect(q.tests[0]).toMatchObject({ file: 'tests/test_samples.py', data: 'tests/samples' });
    expect(q.tests[0]!.cases).toBeUndefined();
  });

  it("nothing tests the sibling: the declaring module's own test file before one that only sets its neighbours' names", async () => {
    const files = {
      'tally/__init__.py': '',
      'tally/cli/__init__.py': '',
      'tally/cli/main.py': `import argparse

from tally.core.counter import Counter


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tally")
    parser.add_argument("-v", "--verbose", action="store_true", help="Say more about each count.")
    parser.add_argument("-d", "--debug", action="store_true", help="Print the internals of each count.")
    parser.add_argument("-o", "--output", help="Write the counts to this file.")
    args = parser.parse_args(argv)
    Counter(verbose=args.verbose, debug=args.debug).run(args.output)
`,
      'tally/core/__init__.py': '',
      'tally/core/counter.py': `class Counter:
    def __init__(self, verbose=False, debug=False):
        self.verbose = verbose
        self.debug = debug

    def run(self, output):
        return output
`,
      'tests/unit/cli/test_main.py': `from unittest import mock

from tally.cli import main as tally


@mock.patch("sys.argv", ["tally", "-o", "out.txt"])
def test_main_writes_the_output():
    tally.main(["-o", "out.txt"])


def test_main_without_arguments():
    tally.main([])
`,
      'tests/unit/core/test_counter.py': `from tally.core.counter import Counter


def test_counter_is_quiet_by_default():
    c = Counter(verbose=False, debug=False)
    assert not c.verbose


def test_counter_debug():
    c = Counter(debug=True, verbose=True)
    assert c.debug
`,
    };
    const p = await ask(files, 'Add a --quiet option to print only the totals.');
    expect(['--verbose', '--debug']).toContain(p.sibling?.name);
    // test_counter.py sets `verbose=` and `debug=` (the counter's own keywords); test_main.py is the main
    // module's own test, named after it and importing it.
    expect(p.tests[0]).toMatchObject({ file: 'tests/unit/cli/test_main.py', uses: 0 });
    expect(p.tests[0]!.why).toContain('imports `tally.cli.main`');
  });

  it('a driver reads the folder of that name beside it, not one of the same name further down', async () => {
    const layoutCheck = `from pathlib import Path


def test_layout_folders():
    assert (Path(__file__).parent / "layouts").is_dir()
`;
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/test_folders.py': layoutCheck,
      'tests/report/layouts/narrow.txt': '--wrap-width 4\n---\na fi\n',
      'tests/report/layouts/wide.txt': '--wrap-width 40\n---\na firing log\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    // `tests/test_folders.py` names "layouts", which is `tests/layouts`: no driver of `tests/report/layouts`.
    expect(p.tests.map((t) => t.file)).not.toContain('tests/test_folders.py');
    // Named on the way down (`"report" / "layouts"`), the same file is that folder's driver.
    const driver = layoutCheck.replace('/ "layouts"', '/ "report" / "layouts"');
    const q = await ask(
      { ...files, 'tests/test_folders.py': driver },
      'Add an --indent-width option to indent report lines by that many columns.',
    );
    expect(q.tests[0]).toMatchObject({ file: 'tests/test_folders.py', data: 'tests/report/layouts' });
  });

  it('data files no collected test reads (a highlighting sample folder) are no covering test', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/highlight-samples/usage.md': 'Run `kiln --wrap-width 20` to see short lines.\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.tests).toEqual([]);
    // The sample is test material, never a docs page.
    expect(p.footprint.filter((f) => f.area === 'docs').map((f) => f.file)).toEqual([]);
  });

  it('nothing tests the sibling: the file that tests the other options declared beside it', async () => {
    const files = {
      ...KILN,
      'kiln/cli.py': KILN['kiln/cli.py']!.replace(
        '    return parser\n',
        '    parser.add_argument("--log-level", default="info", help="How much to log.")\n    return parser\n',
      ),
      'tests/test_cli.py': `from kiln.cli import build_parser


def test_quiet():
    assert build_parser().parse_args(["--quiet"]).quiet


def test_log_level():
    assert build_parser().parse_args(["--log-level", "debug"]).log_level == "debug"
`,
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert "--quiet"\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.sibling).toMatchObject({ name: '--wrap-width' });
    expect(p.tests).toEqual([expect.objectContaining({ file: 'tests/test_cli.py', selects: [] })]);
    expect(p.tests[0]!.why).toMatch(/no test names the sibling; this file tests 2 others/);
    // None of its tests uses the sibling: a plan must not say it exercises it.
    expect(p.tests[0]!.uses).toBe(0);
    // The model is a test of one neighbour that passes it on a command line, the shortest named.
    expect(p.tests[0]!.model).toEqual({
      name: 'test_quiet',
      line: 4,
      end: 5,
      does: 'passes `--quiet` on a command line',
      of: '--quiet',
    });
  });

  it("nothing tests the sibling: the neighbour's model passes it or sets it, never a long test that only names one", async () => {
    const cli = KILN['kiln/cli.py']!.replace(
      '    return parser\n',
      '    parser.add_argument("--log-level", default="info", help="How much to log.")\n    return parser\n',
    );
    const listing = `def test_option_names():
    dests = [a.dest for a in build_parser()._actions]
    assert "quiet" in dests
    assert "log_level" in dests
    assert "wrap" not in dests
    assert len(dests) > 2
`;
    const files = {
      ...KILN,
      'kiln/cli.py': cli,
      'tests/test_cli.py': `from kiln.cli import build_parser, main


${listing}

def test_quiet_with_a_level():
    args = build_parser().parse_args(["--quiet", "--log-level", "warn"])
    assert args.quiet and args.log_level == "warn"
`,
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
    };
    const ask2 = 'Add an --indent-width option to indent report lines by that many columns.';
    const p = await ask(files, ask2);
    expect(p.sibling).toMatchObject({ name: '--wrap-width' });
    // The test that passes two neighbours on a command line, not the one that names one in its data.
    expect(p.tests[0]).toMatchObject({
      file: 'tests/test_cli.py',
      uses: 0,
      model: { name: 'test_quiet_with_a_level', does: 'passes `--quiet` on a command line', of: '--quiet' },
    });
    // A neighbour set through its dest (a keyword, as code spells it) is a use too.
    const set = await ask(
      {
        ...files,
        'tests/test_cli.py': `from kiln.cli import build_parser, main


${listing}

def test_level_default():
    assert build_parser().parse_args([]).log_level == "info"
    main(argv=[], log_level="warn")
`,
      },
      ask2,
    );
    expect(set.tests[0]?.model).toMatchObject({ name: 'test_level_default', does: 'sets `log_level`' });
    // Where every test only names the neighbours, the file is still the place, with no model to copy.
    const named = await ask(
      { ...files, 'tests/test_cli.py': `from kiln.cli import build_parser\n\n\n${listing}` },
      ask2,
    );
    expect(named.tests).toEqual([expect.objectContaining({ file: 'tests/test_cli.py', uses: 0 })]);
    expect(named.tests[0]!.model).toBeUndefined();
  });

  it('a test named after the sibling is no call of it: its body says what it does', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': `from kiln.report import render


def test_long_lines():
    long_wrap_width = 80
    assert render(["ab"] * long_wrap_width)


def test_wrap_width_cuts_lines():
    assert render(["abcdef"], wrap_width=3) == "abc"


def test_other():
    assert render(["ab"]) == "ab"
`,
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.tests[0]?.model).toMatchObject({
      name: 'test_wrap_width_cuts_lines',
      does: 'sets `wrap_width`',
    });
    expect(p.tests[0]?.why).not.toMatch(/test_wrap_width_cuts_lines/);
    // A local named on it is not it: the keyword sets it, the local does not.
    expect(p.tests[0]?.why).toContain('sets `wrap_width`');
    const local = await ask(
      {
        ...files,
        'tests/test_cli.py': `from kiln.report import render


def test_long_lines():
    long_wrap_width = 80
    assert render(["ab"] * long_wrap_width)


def test_other():
    assert "wrap_width" in render.__code__.co_varnames
`,
      },
      'Add an --indent-width option to indent report lines by that many columns.',
    );
    expect(local.tests[0]?.why).not.toContain('sets');
    expect(local.tests[0]?.model?.does).not.toMatch(/^sets/);
  });

  it('nothing tests the sibling or its neighbours: the test file that imports its module, the one named after it first', async () => {
    const { 'tests/test_cli.py': _named, ...rest } = KILN;
    const files = {
      ...rest,
      'kiln/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="kiln")
    parser.add_argument("--wrap-width", type=int, default=72, help="Wrap report lines at this many columns.")
    parser.add_argument("--quiet", action="store_true", help="Print only errors.")
    return parser
`,
      // Both import the module; neither names an option. The one named after the module covers it.
      'tests/test_entry.py':
        'from kiln.cli import build_parser\n\n\ndef test_builds():\n    assert build_parser()\n',
      'tests/unit_cli.py': 'import kiln.cli\n\n\ndef test_prog():\n    assert kiln.cli.build_parser().prog\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/test_wrap_names.py': 'def test_nothing():\n    assert True\n',
      'pyproject.toml':
        '[project]\nname = "kiln"\n\n[tool.pytest.ini_options]\npython_files = ["*test_*.py", "unit_*.py"]\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.sibling).toMatchObject({ name: '--wrap-width', file: 'kiln/cli.py' });
    expect(p.tests).toEqual([expect.objectContaining({ file: 'tests/unit_cli.py', selects: [], uses: 0 })]);
    expect(p.tests[0]!.why).toBe(
      'no test names the sibling; this file imports `kiln.cli`, where it is declared',
    );
  });

  it("a test module inside the package that imports the sibling's module relatively (`from ..tools import trim`) covers it", async () => {
    const files = {
      'pyproject.toml': '[project]\nname = "reel"\n',
      'reel/__init__.py': '',
      'reel/tools/__init__.py': '',
      'reel/tools/trim.py': `import argparse


def main(argv=None):
    parser = argparse.ArgumentParser(prog="trim")
    parser.add_argument("-s", "--start-at", type=float, help="Cut everything before this second.")
    parser.add_argument("-e", "--end-at", type=float, help="Cut everything after this second.")
    return parser.parse_args(argv)
`,
      'reel/tools/splice.py': 'def main(argv=None):\n    return argv\n',
      'reel/tests/__init__.py': '',
      // Short spellings only: nothing names the sibling or its neighbours by name.
      'reel/tests/test_trim.py': `from ..tools import trim


def test_start():
    assert trim.main(["-s", "2"])
`,
      'reel/tests/test_splice.py': `from ..tools import splice


def test_splice():
    assert splice.main([]) == []
`,
      'reel/tests/test_misc.py': `from ..tools.splice import main


def test_misc():
    assert main([1]) == [1]
`,
    };
    const p = await ask(files, 'Add a --keep-tail option to keep the last seconds when trimming.');
    expect(p.sibling?.file).toBe('reel/tools/trim.py');
    expect(p.tests).toEqual([expect.objectContaining({ file: 'reel/tests/test_trim.py', uses: 0 })]);
    expect(p.tests[0]!.why).toContain('imports `reel.tools.trim`');
  });

  it('one test uses the sibling and its neighbours are tested in that file too: the file that imports its module as well', async () => {
    const { 'tests/test_report.py': _r, ...rest } = KILN;
    const files = {
      ...rest,
      'kiln/cli.py': KILN['kiln/cli.py']!.replace(
        '    return parser',
        '    parser.add_argument("--title", help="Title of the report.")\n    return parser',
      ),
      // The one test of the sibling, and the tests of its neighbours, in the same file.
      'tests/test_misc.py': `from kiln.cli import build_parser


def test_wrap_width_and_quiet():
    assert build_parser().parse_args(["--wrap-width", "9", "--quiet"]).quiet


def test_title():
    assert build_parser().parse_args(["--title", "t", "--quiet"]).title == "t"
`,
      'tests/test_cli.py': 'import kiln.cli\n\n\ndef test_prog():\n    assert kiln.cli.build_parser().prog\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    expect(p.sibling?.name).toBe('--wrap-width');
    expect(p.tests.map((t) => [t.file, t.uses])).toEqual([
      ['tests/test_misc.py', 1],
      ['tests/test_cli.py', 0],
    ]);
  });

  it("partly met on another side: the tests of the environment variable that exists come first, then the sibling's", async () => {
    const files = {
      'pyproject.toml': '[project]\nname = "shelf"\n',
      'shelf/cli.py': `import argparse
import os


def build_parser():
    parser = argparse.ArgumentParser(prog="shelf")
    parser.add_argument("--quiet", action="store_true", help="Say less.")
    parser.add_argument("--colour", action="store_true", help="Paint the shelves.")
    return parser


def covers_wanted():
    return not os.environ.get("NO_COVERS")
`,
      'tests/test_env.py': `from shelf.cli import covers_wanted


def test_no_covers_set(monkeypatch):
    monkeypatch.setenv("NO_COVERS", "1")
    assert not covers_wanted()


def test_no_covers_unset(monkeypatch):
    monkeypatch.delenv("NO_COVERS", raising=False)
    assert covers_wanted()
`,
      'tests/test_cli.py': `from shelf.cli import build_parser


def test_quiet():
    assert build_parser().parse_args(["--quiet"]).quiet


def test_quiet_off():
    assert not build_parser().parse_args([]).quiet


def test_colour():
    assert build_parser().parse_args(["--colour"]).colour
`,
    };
    const p = await ask(files, 'Add a `--no-covers` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]?.text).toContain('NO_COVERS');
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_env.py', uses: 0 });
    expect(p.tests[0]!.why).toMatch(/^2 tests here use `NO_COVERS`, which exists \(/);
    expect(p.tests.map((t) => t.file)).toContain('tests/test_cli.py');
  });

  it('the command the requirement names as typed is tested in the test module named after it alone, first', async () => {
    const files = {
      'shelf/__init__.py': '',
      'shelf/main.py': `import argparse


def parser():
    p = argparse.ArgumentParser(prog="shelf")
    sub = p.add_subparsers(dest="command")
    lend = sub.add_parser("lend")
    lend.add_argument("--force", action="store_true", help="lend even a reserved book")
    lend.add_argument("--days", type=int, help="how long the loan runs")
    mend = sub.add_parser("mend")
    mend.add_argument("--force", action="store_true", help="mend even a rare book")
    return p
`,
      'tests/test_lend.py': `from shelf.main import parser


def test_lend_for_a_week():
    assert parser().parse_args(["lend", "--days", "7"]).days == 7


def test_lend_plain():
    assert parser().parse_args(["lend"]).command == "lend"
`,
      'tests/test_lend_history.py': `def test_history_is_empty():
    assert [] == []
`,
      'tests/test_force.py': `from shelf.main import parser


def test_force_lend():
    assert parser().parse_args(["lend", "--force"]).force


def test_force_mend():
    assert parser().parse_args(["mend", "--force"]).force
`,
    };
    const p = await ask(files, 'Add a `--dry-run` flag to `shelf lend` that says what would be lent.');
    expect(p.tests[0]?.file).toBe('tests/test_lend.py');
    expect(p.tests[0]?.why).toMatch(/^the tests of `shelf lend`, the command the requirement names/);
    expect(p.tests.map((t) => t.file)).not.toContain('tests/test_lend_history.py');
    // No command named: the sibling's own tests only.
    const plain = await ask(files, 'Add a --dry-run flag that says what would be lent.');
    expect(plain.tests.map((t) => t.file)).not.toContain('tests/test_lend.py');
  });

  it('a module the requirement names as an extension is tested in the test file named after it that names it', async () => {
    const files = {
      'kiln/__init__.py': '',
      'kiln/ext/__init__.py': '',
      'kiln/ext/glaze.py': `def setup(app):
    app.add_config_value("glaze_colour", "clear", "env")
`,
      'kiln/ext/timer.py': `def setup(app):
    app.add_config_value("timer_unit", "minutes", "env")
    app.add_config_value("timer_alarm", False, "env")
`,
      'tests/test_ext_timer.py': `import pytest


@pytest.mark.kiln(extensions=["kiln.ext.timer"])
def test_timer_reports(app):
    assert app.fired
`,
      'tests/test_timer_misc.py': `def test_other_timer():
    assert True
`,
    };
    const p = await ask(
      files,
      'Add configuration options to the ``timer`` extension to round the times shown',
    );
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_ext_timer.py', uses: 0 });
    expect(p.tests[0]?.why).toContain('`kiln.ext.timer`, the module the requirement names');
  });

  it('reads where a relative import points from the test file', () => {
    expect(relativeImports('pkg/io/tests/test_x.py', 'from ..scripts import fitsdiff, other as o')).toEqual([
      'pkg/io/scripts',
      'pkg/io/scripts/fitsdiff',
      'pkg/io/scripts/other',
    ]);
    expect(relativeImports('pkg/tests/test_x.py', 'from .helpers import (make, run)')).toEqual([
      'pkg/tests/helpers',
      'pkg/tests/helpers/make',
      'pkg/tests/helpers/run',
    ]);
    expect(relativeImports('pkg/tests/test_x.py', 'from pkg.scripts import fitsdiff')).toEqual([]);
    expect(relativeImports('test_x.py', 'from ...a import b')).toEqual([]);
  });

  it("a test file in another language than the sibling's is none of its tests (a sample under tests/)", async () => {
    const files: Record<string, string> = {
      'Cargo.toml': '[package]\nname = "lamp"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/cli.rs': `pub fn build() -> Command {
    Command::new("lamp")
        .arg(Arg::new("dim").long("dim").help("Lower the brightness."))
        .arg(Arg::new("blink").long("blink").help("Blink the light."))
        .arg(Arg::new("colour").long("colour").help("Pick the colour."))
}
`,
      'tests/cli.rs': '#[test]\nfn dim_and_colour() {\n    run(&["--dim", "--colour", "red"]);\n}\n',
      // A Python sample the highlighting tests read: it names the options, and is no test of them.
      'tests/samples/test_lamp_sample.py': 'def test_sample():\n    run(["--dim", "--blink", "--colour"])\n',
    };
    const p = await ask(files, 'Add a --steady flag that keeps the light from blinking.');
    expect(p.sibling?.file).toBe('src/cli.rs');
    expect(p.tests.map((t) => t.file)).not.toContain('tests/samples/test_lamp_sample.py');
  });
});

describe('covering tests the runner collects in every form', () => {
  const INDENT = 'Add an --indent-width option to indent report lines by that many columns.';

  it("methods of a class derived from the project's own test case are tests, not a data file another test lists", async () => {
    const files = {
      ...KILN,
      'tests/support.py': 'import unittest\n\n\nclass KilnBaseTestCase(unittest.TestCase):\n    pass\n',
      'tests/test_cli.py': `from kiln.cli import build_parser
from tests.support import KilnBaseTestCase


class CliTestCase(KilnBaseTestCase):
    def test_wrap_width_is_read(self):
        self.assertEqual(build_parser().parse_args(["--wrap-width", "10"]).wrap_width, 10)

    def test_wrap_width_rejects_words(self):
        with self.assertRaises(SystemExit):
            build_parser().parse_args(["--wrap-width", "wide"])
`,
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_sources.py': `SOURCES = ["kiln/cli.py", "tests/test_cli.py"]


def test_sources_parse():
    for path in SOURCES:
        compile(open(path).read(), path, "exec")
`,
    };
    const p = await ask(files, INDENT);
    expect(p.tests[0]).toMatchObject({
      file: 'tests/test_cli.py',
      selects: ['test_wrap_width_is_read', 'test_wrap_width_rejects_words'],
    });
    expect(p.tests[0]!.data).toBeUndefined();
    expect(p.tests.map((t) => t.file)).not.toContain('tests/test_sources.py');
  });

  it('a row deep in a parametrize table belongs to the test below the table', async () => {
    const rows = Array.from({ length: 14 }, (_, k) => `        (["--quiet"], ${k}),`);
    rows.splice(11, 0, '        (["--wrap-width", "9"], 9),');
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
      'tests/test_table.py': `import pytest

from kiln.cli import build_parser


@pytest.mark.parametrize(
    ("argv", "width"),
    [
${rows.join('\n')}
    ],
)
def test_parsed(argv, width):
    assert build_parser().parse_args(argv)
`,
    };
    const p = await ask(files, INDENT);
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_table.py', selects: ['test_parsed'] });
    expect(p.tests[0]!.why).toMatch(/^one test here uses the sibling/);
  });

  it('one test of the sibling is thin: the file that tests the options beside it comes too', async () => {
    const files = {
      ...KILN,
      'kiln/cli.py': KILN['kiln/cli.py']!.replace(
        '    return parser\n',
        '    parser.add_argument("--log-level", default="info", help="How much to log.")\n    return parser\n',
      ),
      'tests/test_cli.py': `from kiln.cli import build_parser


def test_quiet():
    assert build_parser().parse_args(["--quiet"]).quiet


def test_log_level():
    assert build_parser().parse_args(["--log-level", "debug"]).log_level == "debug"
`,
      'tests/test_report.py': `from kiln.report import render


def test_render_cuts_lines():
    assert render(["abcdef"], wrap_width=3) == "abc"
`,
      'tests/test_misc.py': 'def test_also():\n    assert True\n',
    };
    const p = await ask(files, INDENT);
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_report.py', 'tests/test_cli.py']);
    expect(p.tests[1]!.why).toMatch(/^this file tests 2 others declared in `kiln\/cli.py`/);
    expect(p.tests[1]!.selects).toEqual([]);
  });

  it('more others than it names: the first three and how many more', async () => {
    const extra = ['--log-level', '--colour', '--jobs', '--retries'];
    const files = {
      ...KILN,
      'kiln/cli.py': KILN['kiln/cli.py']!.replace(
        '    return parser\n',
        `${extra.map((o) => `    parser.add_argument("${o}", help="Some setting.")\n`).join('')}    return parser\n`,
      ),
      'tests/test_cli.py': `from kiln.cli import build_parser

${extra
  .map(
    (o) => `
def test_${o.slice(2).replace('-', '_')}():
    assert build_parser().parse_args(["${o}", "1"])
`,
  )
  .join('')}`,
      'tests/test_report.py': `from kiln.report import render


def test_render_cuts_lines():
    assert render(["abcdef"], wrap_width=3) == "abc"
`,
    };
    const p = await ask(files, INDENT);
    const cli = p.tests.find((t) => t.file === 'tests/test_cli.py')!;
    expect(cli.why).toMatch(
      /^this file tests 4 others declared in `kiln\/cli.py` \(`[^`]+`, `[^`]+`, `[^`]+` and 1 more\)/,
    );
  });

  it('a driver reads data below its own folder: a folder of the same name elsewhere is not its data', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': 'def test_runs():\n    assert True\n',
      'tests/test_report.py': 'def test_runs_too():\n    assert True\n',
      'tests/golden/layouts/narrow.txt': '--wrap-width 4\n---\na fi\n',
      'tests/golden/layouts/wide.txt': '--wrap-width 40\n---\na firing log\n',
      'tests/config/test_loading.py': `from pathlib import Path

HERE = Path(__file__).parent


def test_loads_layouts():
    assert (HERE / "layouts").exists() or True
`,
      'tests/golden/test_golden.py': `from pathlib import Path

import pytest

CASES = sorted((Path(__file__).parent / "layouts").glob("*.txt"))


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    assert case.read_text()
`,
    };
    const p = await ask(files, INDENT);
    expect(p.tests.map((t) => [t.file, t.data])).toEqual([
      ['tests/golden/test_golden.py', 'tests/golden/layouts'],
    ]);
  });
});

// A small Rust command with one clap option, shared by the Rust fixtures below.
const TALLY_CARGO = '[package]\nname = "tally"\nversion = "0.1.0"\nedition = "2021"\n';
const TALLY_ARGS = `use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Stop after this many files.
    #[arg(long, default_value_t = 100)]
    max_files: usize,
}

fn main() {
    let args = Args::parse();
    println!("{}", args.max_files);
}
`;

describe('a unit test inside a Rust source file', () => {
  it('is a test, not a read of the sibling, and a covering test the runner can select', async () => {
    const files = {
      'Cargo.toml': TALLY_CARGO,
      'src/main.rs': `${TALLY_ARGS}
#[cfg(test)]
mod tests {
    #[test]
    fn max_files_caps_the_count() {
        let max_files = 3;
        assert_eq!(max_files, 3);
    }
}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling).toMatchObject({ file: 'src/main.rs' });
    const inTest = p.footprint.filter((f) => f.file === 'src/main.rs' && (f.line ?? 0) >= 16);
    expect(inTest.length).toBeGreaterThan(0);
    expect(inTest.every((f) => f.area === 'test')).toBe(true);
    expect(p.footprint.some((f) => f.file === 'src/main.rs' && f.line === 12 && f.area === 'code')).toBe(
      true,
    );
    expect(p.tests[0]).toMatchObject({ file: 'src/main.rs', selects: ['max_files_caps_the_count'] });
  });
});

describe('a Go subtest', () => {
  it('is selected through its top-level test, the name `go test -run` matches first', async () => {
    const files = {
      'go.mod': 'module example.org/tally\n\ngo 1.22\n',
      'cmd/count.go': `package cmd

import "github.com/spf13/cobra"

type countOptions struct {
	maxFiles int
}

func newCountCmd() *cobra.Command {
	opts := &countOptions{}
	cmd := &cobra.Command{Use: "count"}
	cmd.Flags().IntVar(&opts.maxFiles, "max-files", 100, "stop after this many files")
	return cmd
}
`,
      'cmd/count_test.go': `package cmd

import "testing"

func TestCountFlags(t *testing.T) {
	t.Run("caps the files", func(t *testing.T) {
		cmd := newCountCmd()
		cmd.SetArgs([]string{"--max-files", "3"})
	})
}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling?.name).toBe('max-files');
    expect(p.tests[0]).toMatchObject({ file: 'cmd/count_test.go', selects: ['TestCountFlags'] });
    const names = testNamesIn('cmd/count_test.go', files['cmd/count_test.go']);
    expect(selectionMatches('go', '^TestCountFlags$', names)).toBe(true);
  });
});

describe('the docs to update', () => {
  it('pages that define the sibling (a heading, a table row, a man page entry), not prose that names it; never one that only runs its words together, nor past release notes', async () => {
    const files = {
      ...KILN,
      'docs/guide.md': '# Guide\n\nLong logs read better with a smaller `--wrap-width`.\n',
      'docs/options.md':
        '# Options\n\n## --wrap-width\n\nColumns per report line; a small --wrap-width suits phones.\n',
      'docs/cli.md':
        '# Command line\n\n| option | meaning |\n| --- | --- |\n| `--wrap-width` | columns per line |\n',
      'docs/history-of-wrapping.md': '# Notes\n\nThe old wrapwidth knob came from a printer.\n',
      'man/kiln.1':
        '.TH KILN 1\n.SH OPTIONS\n.TP\n\\fB\\-\\-wrap\\-width\\fR \\fIcolumns\\fR\nColumns per line.\n',
      'docs/release-notes/0.1.0.md': '# 0.1.0 (2024-05-06)\n\n- Added `--wrap-width`.\n',
    };
    const p = await ask(files, 'Add an --indent-width option to indent report lines by that many columns.');
    const docs = [...new Set(p.footprint.filter((f) => f.area === 'docs').map((f) => f.file))];
    expect(docs.slice(0, 3).sort()).toEqual(['docs/cli.md', 'docs/options.md', 'man/kiln.1']);
    // A page that only mentions it in prose (the guide) is no page to update when others define it.
    expect(docs.slice(3)).toEqual([]);
    const why = (file: string) =>
      p.footprint.find((f) => f.file === file && f.why.startsWith('documents'))?.why;
    expect(why('docs/options.md')).toBe('documents `wrap-width` (a heading)');
    expect(why('docs/cli.md')).toBe('documents `wrap-width` (a table row)');
    expect(why('man/kiln.1')).toMatch(/a man page entry/);
    // A page that defines it is cited at the definition, not at the prose below it.
    expect(p.footprint.filter((f) => f.file === 'docs/options.md').map((f) => f.line)).toEqual([3]);
    expect(p.footprint.filter((f) => f.file === 'docs/release-notes/0.1.0.md').map((f) => f.area)).toEqual([
      'changelog',
    ]);
  });
});

describe('the symbol around a line', () => {
  it('a document’s heading, never a comment of a script of no known language', () => {
    const files: Record<string, string> = {
      'docs/usage.md': '# Usage\n\nRun it with `--wide`.\n',
      'contrib/completion/_kiln':
        '#compdef kiln\n# Options are listed below.\n_arguments "--wide[wide rows]"\n',
      NEWS: 'Release 2\n=========\n\n- `--wide` added.\n',
    };
    const at = new Enclosing((p) => files[p] ?? null);
    expect(at.symbolAt('docs/usage.md', null, 3)).toBe('Usage');
    expect(at.symbolAt('NEWS', null, 4)).toBe('Release 2');
    expect(at.symbolAt('contrib/completion/_kiln', null, 3)).toBeUndefined();
  });
});

describe('the area of a place', () => {
  const profile = emptyProfile();
  const at = (path: string, role: 'source' | 'test' | 'doc' | 'config' | 'other') =>
    areaOf({ path, role, size: 1, language: null }, path, profile);

  it('release notes: a top-level file, a folder of fragments, a folder with one page per version', () => {
    expect(at('CHANGES.rst', 'doc')).toBe('changelog');
    expect(at('NEWS', 'other')).toBe('changelog');
    expect(at('changelog.d/42.feature.md', 'doc')).toBe('changelog');
    expect(at('docs/source/release-notes/2.1.0.rst', 'doc')).toBe('changelog');
    expect(at('doc/whatsnew/3/3.1/index.rst', 'doc')).toBe('changelog');
  });

  it('code that shares a changelog word is code; test material is tests; assets document nothing', () => {
    expect(at('src/history.py', 'source')).toBe('code');
    expect(at('lib/changes/apply.ts', 'source')).toBe('code');
    expect(at('tests/test_history.py', 'test')).toBe('test');
    expect(at('assets/syntaxes/Extra/README.md', 'doc')).toBe('code');
    expect(at('docs/usage.md', 'doc')).toBe('docs');
    expect(at('doc/screencast.sh', 'doc')).toBe('code');
    expect(at('doc/kiln.1', 'doc')).toBe('docs');
    // The man page's template, wherever it lies (an assets folder documents nothing else).
    expect(at('assets/manual/kiln.1.in', 'other')).toBe('docs');
  });
});

describe('the model test, said in a plan', () => {
  it("names the new test after the model where the sibling's name stands in it", () => {
    expect(testNameLike('test_wrap_width_is_read', '--wrap-width', '--indent-width')).toBe(
      'test_indent_width_is_read',
    );
    expect(testNameLike('squeeze_limit', '--squeeze-limit', '--quiet-empty')).toBe('quiet_empty');
    expect(testNameLike('test_hidden', '--hidden', '--quiet')).toBe('test_quiet');
    // Not a word of the name's own (`hiddenness`), nor a title with spaces: no name is made up.
    expect(testNameLike('test_hiddenness', '--hidden', '--quiet')).toBeUndefined();
    expect(testNameLike('prints the hidden files', '--hidden', '--quiet')).toBeUndefined();
  });

  it('where it is, what it does, the command that selects it, and the test to add', () => {
    const t = {
      file: 'tests/test_cli.py',
      model: { name: 'test_hidden', line: 8, end: 9, does: 'passes `--hidden` on a command line' },
    };
    const a = modelAdvice(t, '--quiet', '--hidden', 'pytest tests/test_cli.py -k test_hidden')!;
    expect(a.sentence).toBe(
      'The model: `test_hidden` (tests/test_cli.py:8–9) passes `--hidden` on a command line; `pytest tests/test_cli.py -k test_hidden` runs it. Add `test_quiet` like it for `--quiet`.',
    );
    expect(a.case).toBe(
      '`test_quiet` of `--quiet` in `tests/test_cli.py`, like `test_hidden` (tests/test_cli.py:8), which passes `--hidden` on a command line',
    );
    // A command that runs the whole file does not select it; a neighbour's test gives no name.
    const file = modelAdvice(
      { ...t, model: { ...t.model, of: '--hidden' } },
      '--quiet',
      '--wrap',
      'pytest tests/test_cli.py',
    )!;
    expect(file.sentence).toBe(
      'The model: `test_hidden` (tests/test_cli.py:8–9) passes `--hidden` on a command line. Add a test like it for `--quiet`.',
    );
    expect(modelAdvice({ file: 'tests/test_cli.py' }, '--quiet', '--hidden')).toBeNull();
  });
});

describe('what a test line does with a neighbour', () => {
  it('passes, sets or calls it; a comparison, a message or a longer name only names it', () => {
    const does = (text: string, name: string, ids: string[] = []) =>
      neighbourUse(text, name, ids)?.does ?? null;
    expect(does('run(["--class", "a.B"])', 'class')).toBe('passes `--class` on a command line');
    expect(does("run(['-q', 'x'])", '-q')).toBe('passes `-q` on a command line');
    expect(does("confoverrides={'kiln_colour': 'red'}", 'kiln_colour')).toBe('sets `kiln_colour`');
    expect(does('    app.config.kiln_colour = "red"', 'kiln_colour')).toBe('sets `kiln_colour`');
    expect(does('main(argv=[], log_level="warn")', '--log-level', ['log_level', 'logLevel'])).toBe(
      'sets `log_level`',
    );
    expect(does('const out = logLevel("warn");', '--log-level', ['log_level', 'logLevel'])).toBe(
      'calls `logLevel`',
    );
    expect(does('    assert app.config.kiln_colour == "red"', 'kiln_colour')).toBeNull();
    expect(does("    ('kiln_colour', 'body', True): 3,", 'kiln_colour')).toBeNull();
    expect(does('    assert "kiln_colour" in names', 'kiln_colour')).toBeNull();
    expect(does('    my_kiln_colour = 3', 'kiln_colour')).toBeNull();
  });
});

describe('a flag passed on a command line, or only said in a message', () => {
  it('code and command strings pass it; a sentence, an error or log message, a comment only name it', () => {
    expect(passes('cmd.SetArgs([]string{"--max-files", "3"})', '--max-files')).toBe(true);
    expect(passes("run(['kiln', '--wrap-width=10', 'log.txt'])", '--wrap-width')).toBe(true);
    expect(passes('out := run(`tally --csv-sep=";" rows.txt`)', '--csv-sep')).toBe(true);
    expect(passes('  --wrap-width 10 \\', '--wrap-width')).toBe(true);
    // An expected output that reads as a sentence.
    expect(
      passes(
        '{"hidden", "inner:x", true, "kiln: nothing to show. Use --all to list every stage\\n"},',
        '--all',
      ),
    ).toBe(false);
    expect(passes('    subtitle: "Pass the --wrap-width flag to choose the width.",', '--wrap-width')).toBe(
      false,
    );
    expect(passes('err = "error: unknown --colour"', '--colour')).toBe(false);
    // A string given to a key of prose: a test table's description, an option's help.
    expect(passes('\t\tsubdescription: "This is the old way, see --wrap-width",', '--wrap-width')).toBe(
      false,
    );
    expect(passes('    Description: "reads --max-files too",', '--max-files')).toBe(false);
    expect(passes('    parser.add_argument("--x", help="like --quiet but louder")', '--quiet')).toBe(false);
    expect(passes('    args: "--wrap-width 3",', '--wrap-width')).toBe(true);
    // The second line of such a string, or any string with a clause break between words, is prose too.
    expect(passes('\t\t\t"but this is the old way, see --wrap-width",', '--wrap-width')).toBe(false);
    expect(passes('    run("kiln --wrap-width 3, --quiet")', '--wrap-width')).toBe(true);
    // A config file written in one string, lines and all, is no message, whatever its colons.
    expect(passes('  write("opts: --wrap-width 3\\nquiet: true\\n")', '--wrap-width')).toBe(true);
    expect(passes('  report("opts: --wrap-width is unknown")', '--wrap-width')).toBe(false);
    // A message made by an error, a log line or a failure.
    expect(passes('t.Errorf("expected --max-files to cap the count, got %d", n)', '--max-files')).toBe(false);
    expect(passes('    raise ValueError("give --wrap-width a number")', '--wrap-width')).toBe(false);
    expect(passes('    pytest.fail("--quiet printed the banner")', '--quiet')).toBe(false);
    // A comment.
    expect(passes('    # the same as passing --quiet', '--quiet')).toBe(false);
    expect(passes('  // like --max-files, but for lines', '--max-files')).toBe(false);
    // Code beside a comment, an attribute that passes it.
    expect(passes('    run(["--quiet"])  # no banner', '--quiet')).toBe(true);
    expect(passes('#[case("--quiet")]', '--quiet')).toBe(true);
    // An assertion's expected value.
    expect(passes('\tassert.Equal(t, "kiln --all", out.String())', '--all')).toBe(false);
    expect(passes('    assert "--quiet" in result.output', '--quiet')).toBe(false);
    expect(passes('    assert_eq!(line, "--quiet");', '--quiet')).toBe(false);
    expect(passes('    assert run(["--quiet"]) == 0', '--quiet')).toBe(true);
    // A longer flag is not it.
    expect(passes('run(["--quiet-errors"])', '--quiet')).toBe(false);
  });

  it("a neighbour named in a test's expected message is no model to copy", () => {
    const text =
      '\t\t{"inner direct", "inner:x", true, "kiln: no stages with a title. Try --list-all to list all stages\\n"},';
    expect(neighbourUse(text, 'list-all')).toBeNull();
    // An environment variable in an expected output is not set; in a command's environment it is.
    expect(neighbourUse('\tassert.Equal(t, "A=b - STAGE_CODE=", out)', 'STAGE_CODE')).toBeNull();
    expect(neighbourUse('\tcmd.Env = append(os.Environ(), "STAGE_CODE=1")', 'STAGE_CODE')?.does).toBe(
      'sets `STAGE_CODE`',
    );
    expect(neighbourUse('\targs := []string{"--list-all"}', 'list-all')?.does).toBe(
      'passes `--list-all` on a command line',
    );
  });
});

describe('a row of a table the tests read', () => {
  const GO = `package tally

import "testing"

type sepCase struct {
	name     string
	input    string
	expected string
	custom   bool
}

var sepCases = []sepCase{
	{
		name:     "plain",
		input:    "a b",
		expected: "a,b",
	},
	{
		name:     "own separator",
		note:     "Use the --csv-sep flag to choose it.",
		custom:   true,
	},
}

func TestSepCases(t *testing.T) {
	for _, c := range sepCases {
		_ = c
	}
}

func TestOther(t *testing.T) {
	helper := []string{"x"}
	_ = helper
}
`;
  const lines = GO.split('\n');
  const spans = testSpansIn('pkg/tally/sep_test.go', GO);
  const rowLine = lines.findIndex((l) => l.includes('--csv-sep')) + 1;

  it('belongs to the test that ranges over the table (Go), not to another test', () => {
    expect(tableTests(lines, spans, rowLine).map((s) => s.name)).toEqual(['TestSepCases']);
    // A line of a function is in no table: the test around it is found first, a helper's line has none.
    const helperLine = lines.findIndex((l) => l.includes('helper := ')) + 1;
    expect(tableTests(lines, spans, helperLine)).toEqual([]);
  });

  it('a Python table at the top belongs to the test parametrized with it', () => {
    const PY = `import pytest

CASES = [
    ("plain", []),
    ("wide", ["--wrap-width", "90"]),
]


@pytest.mark.parametrize("name,args", CASES)
def test_cases(name, args):
    assert run(args)


def test_other():
    assert True
`;
    const ls = PY.split('\n');
    const at = ls.findIndex((l) => l.includes('--wrap-width')) + 1;
    expect(tableTests(ls, testSpansIn('tests/test_wrap.py', PY), at).map((s) => s.name)).toEqual([
      'test_cases',
    ]);
  });

  it("covering tests: the row's test uses the sibling; what it does is said from the lines in tests, not a helper's", async () => {
    const files = {
      'go.mod': 'module example.org/tally\n\ngo 1.22\n',
      'cmd/root.go': `package cmd

import (
	"github.com/spf13/cobra"

	"example.org/tally/pkg/tally"
)

func New() *cobra.Command {
	root := &cobra.Command{Use: "tally"}
	root.PersistentFlags().StringVar(&tally.Prefs.FieldSep, "csv-sep", ",", "separator between csv fields")
	root.PersistentFlags().BoolVar(&tally.Prefs.Header, "csv-header", true, "print a header row")
	return root
}
`,
      'pkg/tally/prefs.go': `package tally

type CsvPrefs struct {
	FieldSep string
	Header   bool
}

var Prefs = CsvPrefs{FieldSep: ",", Header: true}
`,
      'pkg/tally/sep_test.go': GO.replace(
        'func TestSepCases',
        `func exampleLine(c sepCase) string {
	if c.custom {
		return \`tally --csv-sep=";" rows.txt\`
	}
	return "tally rows.txt"
}

func TestSepCases`,
      ).replace('\t\t_ = c\n', '\t\tprefs := CsvPrefs{}\n\t\tprefs.FieldSep = ";"\n\t\t_ = c\n'),
    };
    const p = await ask(files, 'Add a --tsv-sep flag to choose the separator of tsv output');
    expect(p.sibling?.name).toBe('csv-sep');
    const t = p.tests.find((x) => x.file === 'pkg/tally/sep_test.go')!;
    expect(t).toMatchObject({ selects: ['TestSepCases'], uses: 1 });
    // The command line is in a helper that writes an example, not in a test: the test sets the field.
    expect(t.why).toBe('one test here uses the sibling (sets `FieldSep`)');
  });
});

describe('the tests of a module, in Go and Rust', () => {
  it("Go: nothing tests the sibling or its neighbours: the package's test file named after the declaring file, that names what it declares", async () => {
    const files = {
      'go.mod': 'module example.org/tally\n\ngo 1.22\n',
      'cmd/root.go': `package cmd

import "github.com/spf13/cobra"

type rootOptions struct {
	maxFiles int
	colour   string
}

func NewRoot() *cobra.Command {
	opts := &rootOptions{}
	cmd := &cobra.Command{Use: "tally"}
	cmd.Flags().IntVar(&opts.maxFiles, "max-files", 100, "stop after this many files")
	cmd.Flags().StringVar(&opts.colour, "colour", "auto", "when to colour the output")
	return cmd
}
`,
      'cmd/root_test.go': `package cmd

import "testing"

func TestRootUse(t *testing.T) {
	if NewRoot().Use != "tally" {
		t.Fatal("wrong name")
	}
}
`,
      'cmd/other_test.go': `package cmd

import "testing"

func TestNothing(t *testing.T) {}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling?.name).toBe('max-files');
    expect(p.tests[0]).toMatchObject({ file: 'cmd/root_test.go', uses: 0 });
    expect(p.tests[0]!.why).toContain('this file tests the package of `cmd/root.go` (its folder)');
    // A test file of the package that names nothing the file declares is none of its tests.
    const bare = { ...files, 'cmd/root_test.go': files['cmd/other_test.go'] };
    const q = await ask(bare, 'Add a --max-lines option to stop after that many lines.');
    expect(q.tests.map((t) => t.file)).toEqual([]);
  });

  it('Go: a test in another package that imports the package path and names what it declares', async () => {
    const files = {
      'go.mod': 'module example.org/tally\n\ngo 1.22\n',
      'pkg/count/flags.go': `package count

import "github.com/spf13/cobra"

var maxFiles int
var colour string

func Register(cmd *cobra.Command) {
	cmd.Flags().IntVar(&maxFiles, "max-files", 100, "stop after this many files")
	cmd.Flags().StringVar(&colour, "colour", "auto", "when to colour the output")
}
`,
      'e2e/count_e2e_test.go': `package e2e

import (
	"testing"

	"github.com/spf13/cobra"

	"example.org/tally/pkg/count"
)

func TestRegisterAddsFlags(t *testing.T) {
	cmd := &cobra.Command{Use: "tally"}
	count.Register(cmd)
	if !cmd.HasAvailableFlags() {
		t.Fatal("no flags")
	}
}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling).toMatchObject({ name: 'max-files', file: 'pkg/count/flags.go' });
    expect(p.tests[0]).toMatchObject({ file: 'e2e/count_e2e_test.go', uses: 0 });
    expect(p.tests[0]!.why).toContain(
      'this file imports `example.org/tally/pkg/count`, where it is declared',
    );
  });

  it("Rust: nothing tests the sibling: the declaring file's own unit tests", async () => {
    const files = {
      'Cargo.toml': TALLY_CARGO,
      'src/main.rs': `${TALLY_ARGS}
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(plural(1), "");
    }
}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling).toMatchObject({ file: 'src/main.rs' });
    expect(p.tests[0]).toMatchObject({ file: 'src/main.rs', uses: 0 });
    expect(p.tests[0]!.why).toContain('the unit tests in `src/main.rs` itself');
    // Its own unit tests check its code, not its options: a file that tests the neighbours comes first.
    const withCli = {
      ...files,
      'src/main.rs': files['src/main.rs'].replace(
        '    max_files: usize,\n',
        '    max_files: usize,\n    /// Print nothing.\n    #[arg(long)]\n    quiet: bool,\n    /// Count hidden files.\n    #[arg(long)]\n    hidden: bool,\n',
      ),
      'tests/cli.rs': `#[test]
fn quiet_prints_nothing() {
    let out = run(&["--quiet", "a"]);
    assert!(out.is_empty());
}

#[test]
fn hidden_counts_dot_files() {
    let out = run(&["--hidden", "a"]);
    assert!(!out.is_empty());
}
`,
    };
    const q = await ask(withCli, 'Add a --max-lines option to stop after that many lines.');
    expect(q.sibling).toMatchObject({ name: '--max-files' });
    expect(q.tests[0]?.file).toBe('tests/cli.rs');
    // One test of the sibling: the declaring file's own unit tests are no companion beside it.
    const one = {
      ...files,
      'tests/cli.rs':
        '#[test]\nfn caps_files() {\n    let out = run(&["--max-files", "1"]);\n    assert!(!out.is_empty());\n}\n',
    };
    const r = await ask(one, 'Add a --max-lines option to stop after that many lines.');
    expect(r.tests.map((t) => t.file)).toEqual(['tests/cli.rs']);
  });
});

describe('the tests of a command the requirement names, with no test module named after it', () => {
  const files = {
    'shelf/__init__.py': '',
    'shelf/main.py': `import argparse


def parser():
    p = argparse.ArgumentParser(prog="shelf")
    sub = p.add_subparsers(dest="command")
    lend = sub.add_parser("lend")
    lend.add_argument("--days", type=int, help="how long the loan runs")
    mend = sub.add_parser("mend")
    mend.add_argument("--glue", help="which glue to use")
    return p
`,
    'tests/test_cli.py': `from shelf.main import parser


def test_lend_for_a_week():
    assert parser().parse_args(["lend"]).days is None


def test_lend_plain():
    assert parser().parse_args(["lend"]).command == "lend"
`,
    'tests/test_mend.py': `from shelf.main import parser


def test_mend_once():
    assert parser().parse_args(["mend"]).command == "mend"


def test_lend_is_not_mend():
    assert parser().parse_args(["lend"]).command != "mend"
`,
  };

  it('is the file whose tests run it most (its name passed as an argument)', async () => {
    const p = await ask(files, 'Add a `--dry-run` flag to `shelf lend` that says what would be lent.');
    expect(p.tests[0]).toMatchObject({
      file: 'tests/test_cli.py',
      uses: 0,
      selects: ['test_lend_for_a_week', 'test_lend_plain'],
    });
    expect(p.tests[0]!.why).toBe(
      'the tests of `shelf lend`, the command the requirement names: 2 tests here run it',
    );
    // Where those tests use the sibling too, the file keeps that stronger entry.
    const using = {
      ...files,
      'tests/test_cli.py': files['tests/test_cli.py'].replace(
        '["lend"]).days is None',
        '["lend", "--days", "7"]).days == 7',
      ),
    };
    const q = await ask(using, 'Add a `--dry-run` flag to `shelf lend` that says what would be lent.');
    expect(q.tests[0]).toMatchObject({ file: 'tests/test_cli.py', uses: 1 });
    expect(q.tests[0]!.why).toBe('one test here uses the sibling (passes `--days` on a command line)');
  });

  it('none where two files run it as often (one in passing would be a guess)', async () => {
    const even = {
      ...files,
      'tests/test_mend.py': files['tests/test_mend.py'].replace(
        'def test_mend_once():\n    assert parser().parse_args(["mend"])',
        'def test_mend_once():\n    assert parser().parse_args(["lend"])',
      ),
    };
    const p = await ask(even, 'Add a `--dry-run` flag to `shelf lend` that says what would be lent.');
    expect(p.tests.some((t) => t.why.startsWith('the tests of `shelf lend`'))).toBe(false);
  });
});

describe('the tests of the module where it takes effect', () => {
  const files = {
    'go.mod': 'module example.org/tally\n\ngo 1.22\n',
    'pkg/render/props.go': `package render

type PropsPrefs struct {
	KeySep string
}

func WriteProps(p PropsPrefs, key, value string) string {
	return key + p.KeySep + value
}
`,
    'pkg/render/props_test.go': `package render

import "testing"

func TestWriteProps(t *testing.T) {
	if WriteProps(PropsPrefs{KeySep: "="}, "a", "b") != "a=b" {
		t.Fatal("props")
	}
}
`,
    'pkg/render/shell.go': `package render

func shellKey(path []string) string {
	key := ""
	for _, p := range path {
		key += "_" + p
	}
	return key
}
`,
    'pkg/render/shell_test.go': `package render

import "testing"

func TestShellKey(t *testing.T) {
	if shellKey([]string{"a", "b"}) != "_a_b" {
		t.Fatal("shell")
	}
}
`,
  };
  const props = {
    file: 'pkg/render/props_test.go',
    command: '',
    selects: ['TestWriteProps'],
    why: 'one test here uses the sibling (sets `KeySep`)',
    uses: 1,
  };

  it("a sure place in another file than the sibling's: its own test file first, said as such", () => {
    const root = project(files);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const place = { file: 'pkg/render/shell.go', symbol: 'shellKey', sure: true };
    const out = withEffectTests(search, [props], [place], 'pkg/render/props.go');
    expect(out.map((t) => t.file)).toEqual(['pkg/render/shell_test.go', 'pkg/render/props_test.go']);
    expect(out[0]!.why).toBe(
      'where it takes effect (`shellKey`): this file tests the package of `pkg/render/shell.go` (its folder) and names what it declares',
    );
    expect(out[0]!.uses).toBe(0);
    // A candidate place is no place to test; the sibling's own file adds nothing.
    expect(withEffectTests(search, [props], [{ ...place, sure: false }], 'pkg/render/props.go')).toEqual([
      props,
    ]);
    expect(
      withEffectTests(search, [props], [{ ...place, file: 'pkg/render/props.go' }], 'pkg/render/props.go'),
    ).toEqual([props]);
  });

  it("Go, no test file named after the place's file: the package's test file that names the function", () => {
    const own: Record<string, string> = { ...files };
    own['pkg/render/render_test.go'] = own['pkg/render/shell_test.go']!;
    delete own['pkg/render/shell_test.go'];
    const root = project(own);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const place = { file: 'pkg/render/shell.go', symbol: 'shellKey', sure: true };
    const out = withEffectTests(search, [props], [place], 'pkg/render/props.go');
    expect(out.map((t) => t.file)).toEqual(['pkg/render/render_test.go', 'pkg/render/props_test.go']);
    expect(out[0]!.why).toBe(
      'where it takes effect (`shellKey`): this file tests the package of `pkg/render/shell.go` (its folder) and names `shellKey`',
    );
  });

  it('JavaScript, a module of one part (lib/spawn.js): the test named after it that requires it relatively', () => {
    const root = project({
      'package.json': '{ "name": "kiln", "scripts": { "test": "mocha" } }\n',
      'lib/spawn.js': 'module.exports = function spawnWrapped(argv) {\n  return argv\n}\n',
      'lib/config.js': 'module.exports = { wrap: true }\n',
      'test/spawn.test.js':
        "const spawn = require('../lib/spawn')\n\nit('passes argv on', () => {\n  spawn(['a'])\n})\n",
      'test/other-spawn.test.js':
        "const spawn = require('child_process').spawn\n\nit('spawns', () => {\n  spawn('x')\n})\n",
    });
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const place = { file: 'lib/spawn.js', symbol: 'spawnWrapped', sure: true };
    const out = withEffectTests(search, [], [place], 'lib/config.js');
    expect(out.map((t) => t.file)).toEqual(['test/spawn.test.js']);
    expect(out[0]!.why).toBe(
      'where it takes effect (`spawnWrapped`): this file imports `spawn`, where it is declared',
    );
  });

  it('reads where a relative require or import points from the file', () => {
    expect(relativeJs('test/a.js', "const w = require('../lib/wrap.js')")).toEqual(['lib/wrap']);
    expect(relativeJs('test/a.js', "import nyc from '..'")).toEqual([]);
    expect(relativeJs('test/a.js', "import nyc from '../'")).toEqual(['']);
    expect(relativeJs('a.js', "require('../out')")).toEqual([]);
    expect(relativeJs('test/a.js', "require('spawn-wrap')")).toEqual([]);
  });
});

describe('a helper of a test file', () => {
  it('is used by the tests that call it or hand it on, directly or through one more helper; one no test uses is none', async () => {
    const files = {
      ...KILN,
      'tests/test_cli.py': `from kiln.cli import build_parser


def parse_narrow(*more):
    return build_parser().parse_args(["--wrap-width", "10", *more])


def parse_narrow_quiet():
    return parse_narrow("--quiet")


def never_called():
    return build_parser().parse_args(["--wrap-width", "3"])


def test_narrow_width():
    assert parse_narrow().wrap_width == 10


def test_narrow_and_quiet():
    assert parse_narrow_quiet().quiet


def test_defaults():
    assert build_parser().parse_args([]).quiet is False
`,
      'tests/test_report.py': KILN['tests/test_report.py']!,
      'tests/test_misc.py': KILN['tests/test_misc.py']!,
    };
    const p = await ask(files, 'Add a --wrap-height option to cut reports at this many lines.');
    expect(p.sibling?.name).toBe('--wrap-width');
    const t = p.tests.find((x) => x.file === 'tests/test_cli.py')!;
    expect(t.uses).toBe(2);
    expect(t.selects.sort()).toEqual(['test_narrow_and_quiet', 'test_narrow_width']);
    expect(t.why).toMatch(
      /^2 tests here use the sibling \(passes `--wrap-width` on a command line through `parse_narrow`/,
    );
    expect(t.model).toMatchObject({
      name: 'test_narrow_width',
      does: 'passes `--wrap-width` on a command line through `parse_narrow`',
    });
  });
});

describe('a test suite in another language than the program', () => {
  it('covers the sibling where its tests pass the option on a command line, not where a name in its code matches', async () => {
    const files = {
      'Cargo.toml': TALLY_CARGO,
      'src/main.rs': TALLY_ARGS,
      // The end-to-end tests drive the built binary from Python.
      'tests/test_tally.py': `import subprocess


def run(*args):
    return subprocess.run(["target/debug/tally", *args], capture_output=True, text=True)


def test_stops_early():
    assert run("--max-files", "1").returncode == 0


def test_default_runs():
    assert run().returncode == 0
`,
      // A Python name that happens to be the option's dest is no use of the Rust option.
      'tests/test_names.py': `def test_a_local_of_that_name():
    max_files = 3
    assert max_files == 3
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.sibling).toMatchObject({ name: '--max-files', file: 'src/main.rs' });
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_tally.py']);
    expect(p.tests[0]).toMatchObject({ uses: 1, selects: ['test_stops_early'] });
    expect(p.tests[0]!.why).toContain('passes `--max-files` on a command line');
  });
});

describe("a test module's table of the options", () => {
  it('is planned beside the tests that use the sibling: a new option is a row there too', async () => {
    const files = {
      'glaze/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="glaze")
    parser.add_argument("--wrap-width", type=int, default=72, help="Wrap lines at this many columns.")
    parser.add_argument("--quiet", action="store_true", help="Print only errors.")
    parser.add_argument("--colour", default="auto", help="When to colour the output.")
    parser.add_argument("--tab-size", type=int, default=4, help="Columns per tab.")
    return parser
`,
      'tests/test_cli.py': `from glaze.cli import build_parser


def test_wrap_width_is_read():
    assert build_parser().parse_args(["--wrap-width", "10"]).wrap_width == 10


def test_wrap_width_rejects_words():
    assert build_parser().parse_args(["--wrap-width", "8"]).wrap_width == 8
`,
      // A stand-in for the parsed options: every option's default, one row each.
      'tests/test_layout.py': `DEFAULTS = {
    "wrap_width": 72,
    "quiet": False,
    "colour": "auto",
    "tab_size": 4,
}


class Options:
    def __init__(self):
        for name, value in DEFAULTS.items():
            setattr(self, name, value)


def test_layout_keeps_defaults():
    assert Options().tab_size == 4
`,
      // A table of words that names one option is no copy of the option set.
      'tests/test_words.py': `WORDS = [
    "wrap_width",
    "margin",
]


def test_words():
    assert WORDS
`,
    };
    const p = await ask(files, 'Add an --indent-width option to indent lines by that many columns.');
    expect(p.sibling).toMatchObject({ name: '--wrap-width', file: 'glaze/cli.py' });
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_cli.py', 'tests/test_layout.py']);
    expect(p.tests[1]).toMatchObject({ uses: 0, selects: [] });
    expect(p.tests[1]!.why).toMatch(
      /lists the sibling with 3 other options of `glaze\/cli.py`.*in the table `DEFAULTS` \(line 1\)/,
    );
  });
});

describe("the declaring module's own test file", () => {
  it('follows the tests that use the sibling elsewhere, where it tests the neighbours', async () => {
    const files = {
      'kiln/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="kiln")
    parser.add_argument("--extra-dir", help="Also read recipes from this folder.")
    parser.add_argument("--quiet", action="store_true", help="Print only errors.")
    parser.add_argument("--colour", default="auto", help="When to colour the output.")
    return parser
`,
      // The unit tests of the command line: the other options, not --extra-dir.
      'tests/test_cli.py': `from kiln.cli import build_parser


def test_quiet():
    assert build_parser().parse_args(["--quiet"]).quiet


def test_colour():
    assert build_parser().parse_args(["--colour", "never"]).colour == "never"
`,
      // An end-to-end suite runs the program with --extra-dir.
      'qa/test_recipes.py': `import subprocess


def test_reads_extra_recipes():
    subprocess.run(["kiln", "--extra-dir", "more"], check=True)


def test_extra_recipes_override():
    subprocess.run(["kiln", "--extra-dir", "over"], check=True)
`,
    };
    const p = await ask(files, 'Add a --recipe-file option to read one recipe from a file.');
    expect(p.sibling).toMatchObject({ name: '--extra-dir', file: 'kiln/cli.py' });
    expect(p.tests.map((t) => t.file)).toEqual(['qa/test_recipes.py', 'tests/test_cli.py']);
    expect(p.tests[1]).toMatchObject({ uses: 0 });
    expect(p.tests[1]!.why).toMatch(/^the own test file of `kiln\/cli.py`; this file tests 2 others/);
  });
});

describe('the tests of the code a requirement names, with nothing to follow', () => {
  const files: Record<string, string> = {
    'ledger/totals.py': 'def sum_column(rows, key):\n    return sum(r[key] for r in rows)\n',
    'ledger/report.py':
      'from ledger.totals import sum_column\n\n\ndef render(rows):\n    return str(sum_column(rows, "amount"))\n',
    // Named after the function, but it never calls it: no test of it.
    'tests/test_sum_column.py':
      'def test_title_only():\n    """sum_column is described here"""\n    assert True\n',
    'tests/test_report.py':
      'from ledger.report import render\n\n\ndef test_render():\n    assert render([]) == "0"\n',
    'tests/test_totals.py':
      'from ledger import totals\n\n\ndef test_sum():\n    assert totals.sum_column([{"a": 1}], "a") == 1\n\n\ndef test_empty():\n    assert totals.sum_column([], "a") == 0\n',
  };

  it('is the collected test file that uses the named function as code on the most lines', () => {
    const root = project(files);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const out = namedCodeTests(search, 'Make `sum_column()` skip rows where the key is missing');
    expect(out).toEqual([
      {
        file: 'tests/test_totals.py',
        command: '',
        selects: [],
        why: 'the tests that use `sum_column`, which the requirement names',
        uses: 0,
      },
    ]);
  });

  it("is the analysis's tests when it has nothing to follow", async () => {
    const p = await ask(files, 'Handle missing keys in `ledger.totals.sum_column`');
    expect(p.requested).toBeNull();
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_totals.py']);
  });

  it('is none for a name the project does not define, or a plain word', () => {
    const root = project(files);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    expect(namedCodeTests(search, 'Make `sum_rows()` skip rows where the key is missing')).toEqual([]);
    expect(namedCodeTests(search, 'Totals should skip rows where the key is missing')).toEqual([]);
  });
});

describe('no test file by its lines, but the commit that added the sibling changed one', () => {
  it('names that file as where its cases went then, said as history, not as a test that exercises it', async () => {
    const repo = gitRepo(project);
    repo.commit('a graph tool', {
      'package.json':
        '{"name":"graphy","scripts":{"test":"mocha test/*.js"},"devDependencies":{"mocha":"^10.0.0"}}\n',
      'bin/cli.js': [
        "const program = require('commander');",
        "program.option('--depth <n>', 'how deep to walk');",
        'program.parse(process.argv);',
        '',
      ].join('\n'),
      'lib/api.js': 'module.exports = function graph(config) {\n  return config.depth;\n};\n',
      'test/api.js': "const graph = require('../lib/api');\n\nit('walks', () => graph({ depth: 1 }));\n",
    });
    // The API spells it its own way (`rootDir`, two words): no test line spells `rootdir`.
    repo.commit('Add the --rootdir option', {
      'bin/cli.js': [
        "const program = require('commander');",
        "program.option('--depth <n>', 'how deep to walk');",
        "program.option('--rootdir <dir>', 'the folder paths are shown relative to');",
        'program.parse(process.argv);',
        '',
      ].join('\n'),
      'test/api.js':
        "const graph = require('../lib/api');\n\nit('walks', () => graph({ depth: 1 }));\n\nit('shows paths from a root', () => graph({ rootDir: 'src' }));\n",
    });
    const p = await precedentAt(repo.root, 'Add a `--base-url` option that prefixes every path shown');
    expect(p.sibling?.name).toBe('--rootdir');
    expect(p.tests[0]).toMatchObject({ file: 'test/api.js', uses: 0 });
    expect(p.tests[0]!.why).toMatch(/^the commit that added `(--)?rootdir`/);
  });
});

describe('covering tests the ranked files miss (session 14)', () => {
  it('a driver that globs its cases through a quoted path (`"tests/cmd/*.toml"`) reads a data file of another format', async () => {
    const files = {
      'Cargo.toml': TALLY_CARGO,
      'src/main.rs': TALLY_ARGS,
      'tests/cli_tests.rs':
        '#[test]\nfn cli_tests() {\n    trycmd::TestCases::new().case("tests/cmd/*.toml");\n}\n',
      'tests/cmd/help.toml': `bin.name = "tally"
args = "--help"
stdout = """
Options:
      --max-files <MAX_FILES>  Stop after this many files [default: 100]
"""
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.tests[0]).toMatchObject({
      file: 'tests/cli_tests.rs',
      data: 'tests/cmd',
      cases: ['tests/cmd/help.toml'],
    });
  });

  it('Rust: test code that builds the sibling struct with every field listed gets the new field too', async () => {
    const files = {
      'Cargo.toml': TALLY_CARGO,
      'src/main.rs': TALLY_ARGS.replace(
        '    max_files: usize,\n',
        '    max_files: usize,\n    /// Print nothing.\n    #[arg(long)]\n    quiet: bool,\n',
      ),
      'tests/cli.rs': `#[test]
fn quiet_caps() {
    let out = run(&["--max-files", "1", "--quiet"]);
    assert!(out.is_empty());
}

#[test]
fn caps_more() {
    let out = run(&["--max-files", "2"]);
    assert!(!out.is_empty());
}
`,
      'tests/helpers.rs': `pub fn args() -> Args {
    Args {
        max_files: 5,
        quiet: false,
    }
}

pub fn some_args() -> Args {
    Args {
        max_files: 6,
        ..args()
    }
}
`,
      'tests/partial.rs': `pub fn partial() -> Args {
    Args {
        max_files: 7,
        ..Default::default()
    }
}
`,
    };
    const p = await ask(files, 'Add a --max-lines option to stop after that many lines.');
    expect(p.tests.map((t) => t.file)).toEqual(['tests/cli.rs', 'tests/helpers.rs']);
    expect(p.tests[1]!.why).toContain('builds `Args` with every field listed (line 2');
  });

  it('literalAround: the struct literal a field line is in, none with a `..rest`', () => {
    const lines = ['let o = Opt {', '    a: 1,', '    b: Inner {', '        c: 2,', '    },', '};'];
    expect(literalAround(lines, 2)).toEqual({ type: 'Opt', line: 1 });
    expect(literalAround(lines, 4)).toEqual({ type: 'Inner', line: 3 });
    expect(literalAround(['Opt {', '    a: 1,', '    ..base', '}'], 2)).toBeNull();
    expect(literalAround(['fn f() {', '    a: 1', '}'], 2)).toBeNull();
  });

  it('literalAround: a brace inside a string or a comment opens and closes nothing', () => {
    const lines = [
      'let o = Opt {',
      '    pattern: "{name}}".into(),',
      "    sep: '{',",
      '    tail: 2, // ends at }',
      '    width: 3,',
      '};',
    ];
    expect(literalAround(lines, 5)).toEqual({ type: 'Opt', line: 1 });
    expect(literalAround(['let o = Opt {', '    a: "}",', '    ..base', '};'], 2)).toBeNull();
  });
});

describe('a module of tests per thing a family of options acts on', () => {
  const GLAZE = {
    'glaze.py': `import argparse


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep-crackle", action="store_true", help="Leave crackle marks as they are.")
    parser.add_argument("--keep-drips", action="store_true", help="Leave drips as they are.")
    parser.add_argument("--strict", action="store_true", help="Fail on any flaw.")
    return parser.parse_args(argv)


def fix_crackle(s):
    return s


def fix_drips(s):
    return s


def fix_pinholes(s):
    return s
`,
    'tests/__init__.py': '',
    'tests/main_test.py':
      'from glaze import main\n\n\ndef test_keep_crackle():\n    assert main(["--keep-crackle"]).keep_crackle\n',
    'tests/crackle_test.py':
      'from glaze import fix_crackle\n\n\ndef test_fix_crackle():\n    assert fix_crackle("a") == "a"\n',
    'tests/pinholes_test.py':
      'from glaze import fix_pinholes\n\n\ndef test_fix_pinholes():\n    assert fix_pinholes("a") == "a"\n',
  };

  it("names the module after the requested name's own words, as the sibling's is after its own", async () => {
    const p = await ask(GLAZE, 'Add --keep-pinholes option');
    expect(p.sibling?.name).toBe('--keep-crackle');
    expect(p.tests[0]).toMatchObject({ file: 'tests/pinholes_test.py', uses: 0 });
    expect(p.tests[0]!.why).toContain('named after `pinholes`');
    expect(p.tests.some((t) => t.file === 'tests/main_test.py')).toBe(true);
  });

  it('nothing where the names share no word, or no module is named after the new words', async () => {
    const none = await ask(GLAZE, 'Add --keep-glossy option');
    expect(none.tests.some((t) => t.why.includes('named after'))).toBe(false);
    const unshared = await ask(GLAZE, 'Add --pinholes option to fix pinholes');
    expect(unshared.tests.some((t) => t.why.includes('named after'))).toBe(false);
  });
});

describe("a one-word option's API form", () => {
  // A pottery-inventory tool: its command line beside a library object with a method per option.
  const SHELF: Record<string, string> = {
    'package.json':
      '{"name":"shelf","scripts":{"test":"mocha test/*.js"},"devDependencies":{"mocha":"^10.0.0"}}\n',
    'bin/shelf.js': [
      "const program = require('commander');",
      "const shelf = require('../lib/shelf');",
      "program.option('--cracked', 'list the pots with a crack');",
      "program.option('--glazed', 'list the glazed pots');",
      "program.option('--unfired', 'list the pots not yet fired');",
      "program.option('--count', 'print how many pots there are');",
      'program.parse(process.argv);',
      'const s = shelf(process.argv[2]);',
      'if (program.cracked) console.log(s.cracked());',
      'if (program.glazed) console.log(s.glazed());',
      '',
    ].join('\n'),
    'lib/shelf.js': [
      'class Shelf {',
      '  constructor(pots) {',
      '    this.pots = pots;',
      '  }',
      '  cracked() {',
      '    return this.pots.filter((p) => p.crack);',
      '  }',
      '  glazed() {',
      '    return this.pots.filter((p) => p.glaze);',
      '  }',
      '  unfired() {',
      '    return this.pots.filter((p) => !p.fired);',
      '  }',
      '}',
      'module.exports = (pots) => new Shelf(pots);',
      '',
    ].join('\n'),
    'test/shelf.js': [
      "const shelf = require('../lib/shelf');",
      '',
      "describe('cracked()', () => {",
      "  it('lists the pots with a crack', () => {",
      '    shelf([{ crack: true }, {}]).cracked().length.should.equal(1);',
      '  });',
      '});',
      '',
      "describe('glazed()', () => {",
      "  it('lists the glazed pots', () => {",
      '    shelf([{ glaze: true }]).glazed().length.should.equal(1);',
      '  });',
      '});',
      '',
      "describe('unfired()', () => {",
      "  it('lists the pots not fired', () => {",
      '    shelf([{}]).unfired().length.should.equal(1);',
      '  });',
      '});',
      '',
    ].join('\n'),
    // Another object's method of the same word, in a test that imports no module defining it.
    'test/other.js': [
      'const kiln = { cracked: () => [] };',
      '',
      "it('asks the kiln', () => {",
      '  kiln.cracked();',
      '});',
      '',
    ].join('\n'),
  };

  it('covers the option where the tests call its method on the library they import', async () => {
    const p = await ask(SHELF, 'Add a `--cracked` flag to list the pots with a crack');
    expect(p.verdict).toBe('met');
    expect(p.tests.map((t) => t.file)).toEqual(['test/shelf.js']);
    expect(p.tests[0]).toMatchObject({ uses: 1 });
    expect(p.tests[0]!.why).toContain('calls `cracked`');
  });

  it('counts the neighbours tested in that form, for a new option', async () => {
    const p = await ask(SHELF, 'Add a `--weight` flag to print how much the pots weigh');
    expect(p.verdict).toBe('new');
    expect(p.sibling?.name).toBe('--count');
    expect(p.tests[0]?.file).toBe('test/shelf.js');
    expect(p.tests[0]!.why).toMatch(/tests \d others declared in `bin\/shelf\.js`/);
  });

  it('apiCalls: only calls in a test that imports a module defining the method', () => {
    const root = project(SHELF);
    const files = projectFiles(root);
    const search = new TreeSearch(root, files, inventory(root));
    const at = apiCalls(search, ['cracked', 'count']);
    expect(at.get('cracked')?.map((h) => `${h.file}:${h.line}`)).toEqual(['test/shelf.js:5']);
    expect(at.has('count')).toBe(false);
  });
});
