import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { type CodebaseProfile, emptyProfile } from '../../explore/profile.js';
import { checkPlan, type PlanFacts } from './check-plan.js';
import { checkContext } from './context.js';

// Cases the blind corpus (bench/checks-blind.mjs) found on real trees, rebuilt in our own words.
const project = tempProjects('selection');
const pyProfile: CodebaseProfile = {
  ...emptyProfile(),
  testRunner: {
    name: 'pytest',
    collects: ['**/test_*.py'],
    roots: ['tests'],
    evidence: { file: 'pyproject.toml', line: 2 },
  },
};
const facts = (over: Partial<PlanFacts>): PlanFacts => ({
  files: [],
  commands: [],
  sketches: [],
  claims: [],
  ...over,
});
const cmd = (root: string, command: string, profile = pyProfile) =>
  checkPlan(checkContext(root, profile), facts({ commands: [{ command, at: 1 }] }));

const py = project({
  'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  // A unittest-style class whose name does not start with Test: pytest still collects its methods.
  'tests/test_shelf.py': [
    'import unittest',
    '',
    '',
    'class ShelfBase(unittest.TestCase):',
    '    pass',
    '',
    '',
    'class ShelfCase(ShelfBase):',
    '    def test_piping(self):',
    '        assert True',
    '',
    '',
    'def helper():',
    '    return 1',
    '',
  ].join('\n'),
  // Ids computed from a list of cases: any -k may match one of them.
  'tests/test_cases.py': [
    'import pytest',
    '',
    'CASES = load_cases()',
    '',
    '',
    '@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)',
    'def test_case(case):',
    '    assert case',
    '',
  ].join('\n'),
  // Literal values: -k matches them as pytest writes the ids.
  'tests/test_sizes.py': [
    'import pytest',
    '',
    '',
    '@pytest.mark.parametrize("size", ["small", "large"])',
    'def test_size(size):',
    '    assert size',
    '',
  ].join('\n'),
});

describe('selections pytest really makes', () => {
  it('matches test methods of a class that is a test by its base, not its name', () => {
    expect(cmd(py, 'pytest tests/test_shelf.py -k test_piping')).toEqual([]);
    expect(cmd(py, 'pytest tests/test_shelf.py::ShelfCase::test_piping')).toEqual([]);
    expect(cmd(py, 'pytest tests/test_shelf.py -k test_teapot')[0]!.rule).toBe('command-selection');
  });

  it('does not refute a -k over computed parametrize ids, and matches literal ones', () => {
    expect(cmd(py, 'pytest tests/test_cases.py -k unused_argument')).toEqual([]);
    expect(cmd(py, 'pytest tests/test_sizes.py -k large')).toEqual([]);
    expect(cmd(py, 'pytest tests/test_sizes.py -k medium')[0]!.message).toMatch(
      /-k "medium" selects no test/,
    );
  });
});

// A JavaScript project whose test script runs its runner's own entry script, and a browser-only JS suite.
const js = project({
  'package.json': JSON.stringify({
    scripts: {
      'test-smoke': 'node ./bin/mocha.js --no-config test/smoke/smoke.spec.cjs',
      test: 'npx jasmine-browser-runner runSpecs --config=tests/js/jasmine.mjs',
    },
  }),
  'bin/mocha.js': '#!/usr/bin/env node\n',
  'test/smoke/smoke.spec.cjs': "describe('smoke', function () {\n  it('loads', function () {});\n});\n",
  'tests/js/jasmine.mjs': 'export default {};\n',
  'tests/js/search.spec.js': "describe('search', () => {\n  it('finds a word', () => {});\n});\n",
  'shelf/cli.py': 'def run():\n    return 1\n',
});

describe('scripts that run a runner through its entry script', () => {
  it('reads `node ./bin/mocha.js` as mocha, so a --grep through the script is judged', () => {
    expect(cmd(js, 'npm run test-smoke -- --grep loads', emptyProfile())).toEqual([]);
    const [f] = cmd(js, 'npm run test-smoke -- --grep "purple elephant"', emptyProfile());
    expect(f!.rule).toBe('command-selection');
    expect(f!.message).toMatch(/--grep "purple elephant" selects no test in test\/smoke\/smoke\.spec\.cjs/);
  });

  it('refuses a browser-only JS suite (jasmine) as the check of Python-only changes', () => {
    const [f] = checkPlan(
      checkContext(js, pyProfile),
      facts({
        files: [{ path: 'shelf/cli.py', mode: 'modify', at: 1, group: 0, points: [] }],
        commands: [{ command: 'npm test', at: 2, group: 0 }],
      }),
    );
    expect(f!.rule).toBe('command-runner');
    expect(f!.message).toMatch(/runs jasmine-browser-runner, the JavaScript suite/);
  });
});

// A Go module in a folder: the engine's narrow call runs there and selects tests by `-run`.
const goProfile: CodebaseProfile = {
  ...emptyProfile(),
  testRunner: {
    name: 'go',
    collects: ['svc/**/*_test.go'],
    roots: ['svc'],
    evidence: { file: 'svc/go.mod', line: 1 },
  },
};
const goTree = project({
  'svc/go.mod': 'module example.org/svc\n\ngo 1.22\n',
  'svc/store/put.go': 'package store\n\nfunc Put() {}\n',
  'svc/store/put_test.go': [
    'package store',
    '',
    'import "testing"',
    '',
    'func TestPutKeeps(t *testing.T) {',
    '\tt.Run("keeps order", func(t *testing.T) {})',
    '}',
    '',
  ].join('\n'),
});

describe('selections go test really makes', () => {
  it('matches -run level by level, anchored names as written', () => {
    expect(cmd(goTree, "cd svc && go test ./store/ -run '^TestPutKeeps$'", goProfile)).toEqual([]);
    expect(cmd(goTree, "cd svc && go test ./store/ -run '^TestPutKeeps$/^keeps_order$'", goProfile)).toEqual(
      [],
    );
    const [f] = cmd(goTree, "cd svc && go test ./store/ -run '^TestPut$'", goProfile);
    expect(f!.rule).toBe('command-selection');
    expect(f!.message).toMatch(/-run "\^TestPut\$" selects no test in svc\/store\/put_test\.go/);
  });
});
