// A third corpus for `npm run bench -- checks`: hand-written plans (markdown, as a person or a host agent
// would write them) with one defect each, and correct plans a maintainer would accept. Written from issue
// #23's text and the trees alone, BEFORE reading the checker's code for the classes they test (session 3 of
// wave 3), so that its first-run figure is an independent measure; bench/README.md keeps that first figure.
// Every case names the tree it runs on (extracted from the mirrors like the other corpora); facts about a tree
// (a function's lines, a script, a heading) were looked up in the tree when the case was written, and a case
// whose fact no longer holds is reported as stale instead of counted.
//
// A case: { tree, cls, label, defect, md, holds? } — `holds(root, read)` re-checks the tree fact.

/** A small hand-written plan: the sections a feature plan has, with the parts a case gives. */
function plan({ title, steps = 'Make the change.', modify = [], create = [], checks = [], sketch = '' }) {
  const out = [`# Plan: ${title}`, '', '## Implementation steps', '', `1. ${steps}`, ''];
  if (modify.length) {
    out.push('## Files to modify', '');
    for (const m of modify) {
      out.push(`- \`${m.path}\` — ${m.why ?? 'the change'}`);
      for (const p of m.points ?? [])
        out.push(
          `  - \`${p.symbol}\` (lines ${p.start}–${p.end}): \`${p.sig ?? p.symbol}\` — ${p.why ?? 'edit here'}`,
        );
    }
    out.push('');
  }
  if (create.length) {
    out.push('## Files to create', '');
    for (const c of create) out.push(`- \`${c}\` — new`);
    out.push('');
  }
  out.push('## Testing', '', '### Automated checks', '', '```bash', ...checks, '```', '');
  if (sketch) out.push(sketch, '');
  out.push('## Security', '', 'Nothing new is exposed.', '', '## Rollback', '', 'Revert the commit.', '');
  out.push('## Open questions', '', 'None.', '');
  return out.join('\n');
}

const fence = (lang, code) => `\`\`\`${lang}\n${code}\n\`\`\``;
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

export const blindCases = [
  // ---- commands ----
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: 'a Playwright browser spec run with vitest',
    defect: true,
    md: plan({
      title: 'Check the browser run page',
      modify: [{ path: 'test/browser/run.spec.js' }],
      checks: ['npx vitest run test/browser/run.spec.js'],
    }),
    holds: (root, read) => /@playwright\/test/.test(read('test/browser/run.spec.js')),
  },
  {
    tree: 'psf+black',
    cls: 'commands',
    label: 'npm test given as the test command of a Python project with no package.json',
    defect: true,
    md: plan({
      title: 'Tighten the empty-line handling',
      modify: [{ path: 'src/black/lines.py' }],
      checks: ['npm test'],
    }),
    holds: (root, read) => read('package.json') === '',
  },
  {
    tree: 'sphinx-doc+sphinx',
    cls: 'commands',
    label: "the JS browser suite as the Python change's only test command",
    defect: true,
    md: plan({
      title: 'Let the HTML builder skip empty pages',
      modify: [{ path: 'sphinx/builders/html/__init__.py' }],
      create: ['tests/test_builders/test_build_html_empty_pages.py'],
      checks: ['npm test'],
    }),
    holds: (root, read) => /jasmine/.test(read('package.json')),
  },
  {
    tree: 'psf+black',
    cls: 'commands',
    label: '-k that selects no test in the file it runs',
    defect: true,
    md: plan({
      title: 'Piping fix',
      modify: [{ path: 'src/black/__init__.py' }],
      checks: ['pytest tests/test_black.py -k test_pipes_through_a_teapot'],
    }),
  },
  {
    tree: 'pallets+click',
    cls: 'commands',
    label: 'a pytest node id naming a test that does not exist',
    defect: true,
    md: plan({
      title: 'Option prefixes',
      modify: [{ path: 'src/click/core.py' }],
      checks: ['pytest tests/test_options.py::test_prefixes_with_unicode_dashes'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: '--grep title that no smoke test has',
    defect: true,
    md: plan({
      title: 'Smoke check',
      modify: [{ path: 'lib/runner.cjs' }],
      checks: ['npm run test-smoke -- --grep "reports a purple elephant"'],
    }),
  },
  {
    tree: 'psf+black',
    cls: 'commands',
    label: 'a GitHub Actions expression as the tox env',
    defect: true,
    md: plan({
      title: 'Run the matrix env',
      modify: [{ path: 'src/black/lines.py' }],
      checks: ['tox -e ${{ matrix.toxenv }}'],
    }),
  },
  {
    tree: 'pallets+click',
    cls: 'commands',
    label: 'a check that adds a dev dependency to the manifest',
    defect: true,
    md: plan({
      title: 'Timeouts for slow tests',
      modify: [{ path: 'tests/test_termui.py' }],
      checks: ['uv add --dev pytest-timeout', 'pytest tests/test_termui.py'],
    }),
  },
  {
    tree: 'psf+black',
    cls: 'commands',
    label: 'git commit inside the checks',
    defect: true,
    md: plan({
      title: 'Format the change',
      modify: [{ path: 'src/black/lines.py' }],
      checks: ['git commit -am "format" && pytest tests/test_format.py'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: 'mocha in watch mode as a check',
    defect: true,
    md: plan({
      title: 'Grep tests',
      modify: [{ path: 'lib/runner.cjs' }],
      checks: ['npx mocha --watch test/unit/grep.spec.cjs'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: 'a Playwright snapshot update as a check',
    defect: true,
    md: plan({
      title: 'Browser look',
      modify: [{ path: 'test/browser/run.spec.js' }],
      checks: ['npx playwright test --update-snapshots'],
    }),
  },
  // ---- test collection ----
  {
    tree: 'psf+black',
    cls: 'test collection',
    label: "a new test module pytest's default pattern never collects",
    defect: true,
    md: plan({
      title: 'Line length tests',
      modify: [{ path: 'src/black/lines.py' }],
      create: ['tests/checks_line_length.py'],
      checks: ['pytest tests'],
    }),
  },
  {
    tree: 'pylint-dev+pylint',
    cls: 'test collection',
    label: 'a new test module outside python_files = *test_*.py',
    defect: true,
    md: plan({
      title: 'Jobs option tests',
      modify: [{ path: 'pylint/lint/base_options.py' }],
      create: ['tests/lint/jobs_option_cases.py'],
      checks: ['pytest tests/lint'],
    }),
  },
  // ---- edit points ----
  {
    tree: 'psf+black',
    cls: 'edit points',
    label: "another function's decorator lines given to get_sources",
    defect: true,
    md: plan({
      title: 'Line length bounds',
      modify: [{ path: 'src/black/__init__.py', points: [{ symbol: 'get_sources', start: 279, end: 286 }] }],
      checks: ['pytest tests/test_black.py'],
    }),
    holds: (root, read) => lineOf(read('src/black/__init__.py'), '"--line-length"') === 281,
  },
  {
    tree: 'pallets+click',
    cls: 'edit points',
    label: 'confirm given the lines of style',
    defect: true,
    md: plan({
      title: 'Confirm default',
      modify: [{ path: 'src/click/termui.py', points: [{ symbol: 'confirm', start: 645, end: 660 }] }],
      checks: ['pytest tests/test_termui.py'],
    }),
    holds: (root, read) => lineOf(read('src/click/termui.py'), 'def style(') === 641,
  },
  {
    tree: 'psf+black',
    cls: 'edit points',
    label: 'a docs heading that is not in the page',
    defect: true,
    md: plan({
      title: 'Document the option',
      modify: [
        {
          path: 'docs/usage_and_configuration/the_basics.md',
          points: [{ symbol: 'Configuration precedence rules', start: 40, end: 48 }],
        },
      ],
      checks: ['pytest tests/test_docs.py'],
    }),
  },
  // ---- generated files and changelog ----
  {
    tree: 'psf+black',
    cls: 'generated and changelog',
    label: 'a hand edit to the width table make_width_table.py writes',
    defect: true,
    md: plan({
      title: 'Wider emoji',
      modify: [{ path: 'src/black/_width_table.py' }],
      checks: ['pytest tests/test_black.py'],
    }),
    holds: (root, read) => /Generated by make_width_table/.test(read('src/black/_width_table.py')),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'generated and changelog',
    label: 'a hand edit to the CHANGELOG release-please writes',
    defect: true,
    md: plan({
      title: 'Note the fix',
      modify: [{ path: 'lib/runner.cjs' }, { path: 'CHANGELOG.md' }],
      checks: ['npm run test-smoke'],
    }),
    holds: (root, read) => read('.github/workflows/release-please.yml') !== '',
  },
  {
    tree: 'pytest-dev+pytest',
    cls: 'generated and changelog',
    label: 'a placeholder fragment path',
    defect: true,
    md: plan({
      title: 'A new warning',
      modify: [{ path: 'src/_pytest/warnings.py' }],
      create: ['changelog/<ISSUE>.feature.rst'],
      checks: ['pytest testing/test_warnings.py'],
    }),
  },
  {
    tree: 'pytest-dev+pytest',
    cls: 'generated and changelog',
    label: 'a fragment type the README does not list',
    defect: true,
    md: plan({
      title: 'A new warning',
      modify: [{ path: 'src/_pytest/warnings.py' }],
      create: ['changelog/13999.enhancement.rst'],
      checks: ['pytest testing/test_warnings.py'],
    }),
  },
  {
    tree: 'pylint-dev+pylint',
    cls: 'generated and changelog',
    label: 'a fragment whose type is misspelt',
    defect: true,
    md: plan({
      title: 'Jobs default',
      modify: [{ path: 'pylint/lint/base_options.py' }],
      create: ['doc/whatsnew/fragments/10999.featur'],
      checks: ['pytest tests/lint'],
    }),
    holds: (root, read) => read('doc/whatsnew/fragments/10172.feature') !== '',
  },
  // ---- sketches ----
  {
    tree: 'pallets+click',
    cls: 'sketches',
    label: 'a Python sketch missing the colon after def',
    defect: true,
    md: plan({
      title: 'Confirm default',
      modify: [{ path: 'src/click/termui.py' }],
      checks: ['pytest tests/test_termui.py'],
      sketch: fence('python', 'def confirm_default(value)\n    return bool(value)'),
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'sketches',
    label: 'a JS sketch with an unclosed parameter list',
    defect: true,
    md: plan({
      title: 'Abort early',
      modify: [{ path: 'lib/runner.cjs' }],
      checks: ['npm run test-smoke'],
      sketch: fence('js', 'function abortEarly(runner {\n  runner.abort();\n}'),
    }),
  },
  {
    tree: 'psf+black',
    cls: 'sketches',
    label: 'a Python sketch whose body is not indented',
    defect: true,
    md: plan({
      title: 'Line helper',
      modify: [{ path: 'src/black/lines.py' }],
      checks: ['pytest tests/test_format.py'],
      sketch: fence('python', 'def is_blank(line):\nreturn not line.strip()'),
    }),
  },
  // ---- claims ----
  {
    tree: 'psf+black',
    cls: 'claims',
    label: 'calls --line-length a new option',
    defect: true,
    md: plan({
      title: 'Add a `--line-length` option',
      steps: 'Add a new `--line-length` option to the command line so users can set the width.',
      modify: [{ path: 'src/black/__init__.py' }],
      checks: ['pytest tests/test_black.py'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'claims',
    label: 'calls --fail-zero a new flag',
    defect: true,
    md: plan({
      title: 'Fail when no tests ran',
      steps: 'Add a new `--fail-zero` flag that makes the run fail when no test was found.',
      modify: [{ path: 'lib/cli/run-option-metadata.cjs' }],
      checks: ['npm run test-smoke'],
    }),
    holds: (root, read) => /"fail-zero"/.test(read('lib/cli/run-option-metadata.cjs')),
  },
  {
    tree: 'pallets+click',
    cls: 'claims',
    label: 'names a function that is not in the file it names',
    defect: true,
    md: plan({
      title: 'Default display',
      steps: 'Change `_format_default_value` in `src/click/termui.py` so it shows tuples.',
      modify: [{ path: 'src/click/termui.py' }],
      checks: ['pytest tests/test_termui.py'],
    }),
  },
  // ================= correct plans (a maintainer would accept them) =================
  {
    tree: 'pylint-dev+pylint',
    cls: 'test collection',
    label: "functional-test data files read by the project's driver",
    defect: false,
    md: plan({
      title: 'A functional case for unused arguments in lambdas',
      create: [
        'tests/functional/u/unused/unused_argument_lambda.py',
        'tests/functional/u/unused/unused_argument_lambda.txt',
        'tests/functional/u/unused/unused_argument_lambda.rc',
      ],
      modify: [{ path: 'pylint/checkers/variables.py' }],
      checks: ['pytest tests/test_functional.py -k unused_argument'],
    }),
    holds: (root, read) => read('tests/functional/u/unused/unused_argument.txt') !== '',
  },
  {
    tree: 'psf+black',
    cls: 'edit points',
    label: "main's decorator lines as main's edit point",
    defect: false,
    md: plan({
      title: 'Bound the line length',
      modify: [{ path: 'src/black/__init__.py', points: [{ symbol: 'main', start: 279, end: 286 }] }],
      checks: ['pytest tests/test_black.py'],
    }),
    holds: (root, read) => lineOf(read('src/black/__init__.py'), 'def main(') === 554,
  },
  {
    tree: 'psf+black',
    cls: 'edit points',
    label: 'a short line range inside a long function',
    defect: false,
    md: plan({
      title: 'Report the mode',
      modify: [{ path: 'src/black/__init__.py', points: [{ symbol: 'main', start: 640, end: 650 }] }],
      checks: ['pytest tests/test_black.py'],
    }),
    holds: (root, read) => lineOf(read('src/black/__init__.py'), 'def get_sources(') === 779,
  },
  {
    tree: 'psf+black',
    cls: 'edit points',
    label: 'a docs section under its heading',
    defect: false,
    md: plan({
      title: 'Document the bound',
      modify: [
        {
          path: 'docs/usage_and_configuration/the_basics.md',
          points: [{ symbol: '`-l`, `--line-length`', start: 64, end: 67 }],
        },
      ],
      checks: ['pytest tests/test_docs.py'],
    }),
    holds: (root, read) => lineOf(read('docs/usage_and_configuration/the_basics.md'), '#### `-l`') === 63,
  },
  {
    tree: 'pallets+click',
    cls: 'edit points',
    label: 'an identifier with a description after it',
    defect: false,
    md: plan({
      title: 'Confirm default',
      modify: [
        {
          path: 'src/click/termui.py',
          points: [{ symbol: 'confirm (the default prompt suffix)', start: 289, end: 300 }],
        },
      ],
      checks: ['pytest tests/test_termui.py'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: 'the Playwright suite by its own runner',
    defect: false,
    md: plan({
      title: 'Browser run page',
      modify: [{ path: 'test/browser/run.spec.js' }],
      checks: ['npx playwright test test/browser/run.spec.js'],
    }),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'commands',
    label: "the project's smoke script",
    defect: false,
    md: plan({
      title: 'Smoke',
      modify: [{ path: 'lib/runner.cjs' }],
      checks: ['npm run test-smoke'],
    }),
  },
  {
    tree: 'psf+black',
    cls: 'commands',
    label: 'a -k that selects a real test',
    defect: false,
    md: plan({
      title: 'Piping',
      modify: [{ path: 'src/black/__init__.py' }],
      checks: ['pytest tests/test_black.py -k test_piping'],
    }),
  },
  {
    tree: 'pallets+click',
    cls: 'commands',
    label: 'cd into the tests folder, then pytest',
    defect: false,
    md: plan({
      title: 'Options',
      modify: [{ path: 'src/click/core.py' }],
      checks: ['cd tests && python -m pytest test_options.py -q'],
    }),
  },
  {
    tree: 'pytest-dev+pytest',
    cls: 'commands',
    label: "the project's docs tox env",
    defect: false,
    md: plan({
      title: 'Docs wording',
      modify: [{ path: 'doc/en/how-to/usage.rst' }],
      checks: ['tox -e docs'],
    }),
  },
  {
    tree: 'pytest-dev+pytest',
    cls: 'generated and changelog',
    label: 'a fragment named as the README says',
    defect: false,
    md: plan({
      title: 'A new warning',
      modify: [{ path: 'src/_pytest/warnings.py' }],
      create: ['changelog/13999.feature.rst'],
      checks: ['pytest testing/test_warnings.py'],
    }),
  },
  {
    tree: 'sphinx-doc+sphinx',
    cls: 'sketches',
    label: 'a Python sketch with a decorator and async def',
    defect: false,
    md: plan({
      title: 'Async helper',
      modify: [{ path: 'sphinx/builders/html/__init__.py' }],
      checks: ['python -m pytest tests/test_builders/test_build_html.py'],
      sketch: fence(
        'python',
        'import functools\n\n@functools.cache\nasync def page_count(app) -> int:\n    return len(app.env.found_docs)',
      ),
    }),
  },
  {
    tree: 'psf+black',
    cls: 'claims',
    label: 'a genuinely new option called new',
    defect: false,
    md: plan({
      title: 'Add a `--max-blank-lines` option',
      steps: 'Add a new `--max-blank-lines` option that caps consecutive blank lines.',
      modify: [{ path: 'src/black/__init__.py' }],
      checks: ['pytest tests/test_black.py'],
    }),
    holds: (root, read) => !/max-blank-lines/.test(read('src/black/__init__.py')),
  },
  {
    tree: 'mochajs+mocha',
    cls: 'claims',
    label: 'a genuinely new flag called new',
    defect: false,
    md: plan({
      title: 'Add a `--slow-hook-threshold` flag',
      steps: 'Add a new `--slow-hook-threshold` flag that marks hooks slower than the value.',
      modify: [{ path: 'lib/cli/run-option-metadata.cjs' }],
      checks: ['npm run test-smoke'],
    }),
    holds: (root, read) => !/slow-hook/.test(read('lib/cli/run-option-metadata.cjs')),
  },
];
