import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import type { Plan } from '../../domain/plan.js';
import { type CodebaseProfile, emptyProfile } from '../../explore/profile.js';
import { groundingProblems } from '../grounding.js';
import { lintSource } from '../lint/lint.js';
import { checkPlan, type PlanFacts } from './check-plan.js';
import { checkContext } from './context.js';

const project = tempProjects('checker');

const facts = (over: Partial<PlanFacts>): PlanFacts => ({
  files: [],
  commands: [],
  sketches: [],
  claims: [],
  ...over,
});
const run = (root: string, f: Partial<PlanFacts>, profile: CodebaseProfile = emptyProfile()) =>
  checkPlan(checkContext(root, profile), facts(f));
const cmd = (root: string, command: string, profile?: CodebaseProfile) =>
  run(root, { commands: [{ command, at: 1 }] }, profile);

// A JavaScript monorepo in our own words: an app workspace with unit tests, a Playwright smoke suite.
const js = project({
  'package.json': JSON.stringify(
    {
      name: 'shelfmono',
      workspaces: ['packages/*'],
      scripts: {
        test: 'NODE_OPTIONS=--experimental-vm-modules jest',
        'test:smoke:build': 'npm run smoke -w packages/app',
        'test:smoke:dev': 'npm run smoke:dev -w packages/app',
        dev: 'vite',
        'test:watch': 'jest --watch',
        'test:update': 'jest -u',
      },
      devDependencies: { jest: '29', vite: '5', '@playwright/test': '1', vitest: '1' },
    },
    null,
    2,
  ),
  'packages/app/package.json': JSON.stringify({
    name: 'app',
    scripts: { test: 'vitest run', smoke: 'playwright test', 'smoke:dev': 'playwright test --project dev' },
  }),
  'packages/app/playwright.config.ts': "export default { testDir: './e2e' };\n",
  'packages/app/vitest.config.ts': "export default { test: { include: ['src/**/*.test.ts'] } };\n",
  'packages/app/e2e/smoke.spec.ts':
    "import { test } from '@playwright/test';\ntest('home page opens', async () => {});\n",
  'src/lib.test.js': "test('lends a book', () => {});\n",
  'packages/app/src/shelf.test.ts': "describe('shelf', () => {\n  it('adds a book', () => {});\n});\n",
  '.github/workflows/ci.yml': 'jobs:\n  test:\n    steps:\n      - run: npm test -w packages/app\n',
});

describe('commands, understood', () => {
  it('accepts the project own commands: workspaces, cd, scripts that call scripts, a runner that owns its server', () => {
    for (const c of [
      'npm test -w app',
      'npm test --workspace=packages/app',
      'cd packages/app && npm test',
      'npm run test:smoke:build',
      'npm run test:smoke:dev',
      'npm test -w packages/app -- -t "adds a book"',
      'CI=1 npm test',
    ])
      expect(cmd(js, c), c).toEqual([]);
  });

  it('refuses what never exits, judged on what the script runs, saying what would pass', () => {
    const [dev] = cmd(js, 'npm run dev');
    expect(dev!.rule).toBe('command-terminates');
    expect(dev!.message).toMatch(/server \(`vite`\).*package\.json:\d+.*run `npm test` instead/);
    expect(cmd(js, 'npm run test:watch')[0]!.message).toMatch(/watches files/);
  });

  it('refuses CI-only syntax, commands that change the tree, and unknown workspaces or scripts', () => {
    expect(cmd(js, ['npm test -w $', '{{ matrix.pkg }}'].join(''))[0]!.message).toMatch(
      /GitHub Actions syntax.*bad substitution/,
    );
    expect(cmd(js, 'npm install left-pad')[0]!.rule).toBe('command-changes-tree');
    expect(cmd(js, 'git commit -am wip')[0]!.rule).toBe('command-changes-tree');
    expect(cmd(js, 'npm run test:update')[0]!.message).toMatch(/rewrites the snapshots/);
    expect(cmd(js, 'npm test -w nosuch')[0]!.message).toMatch(
      /no workspace of the project is "nosuch".*app in packages\/app/,
    );
    expect(cmd(js, 'cd packages/nosuch && npm test')[0]!.message).toMatch(/packages\/nosuch is not a folder/);
  });

  it('refuses a test file run by the wrong runner, naming the runner that runs it', () => {
    const [f] = cmd(js, 'cd packages/app && npx vitest run e2e/smoke.spec.ts');
    expect(f!.rule).toBe('command-runner');
    expect(f!.message).toMatch(/packages\/app\/e2e\/smoke\.spec\.ts is a Playwright test/);
  });

  it('refuses a selection that matches no test, and keeps one that does', () => {
    expect(cmd(js, 'cd packages/app && npx vitest run src/shelf.test.ts -t "adds a book"')).toEqual([]);
    const [f] = cmd(js, 'cd packages/app && npx vitest run src/shelf.test.ts -t "removes"');
    expect(f!.rule).toBe('command-selection');
    expect(f!.message).toMatch(
      /-t "removes" selects no test in packages\/app\/src\/shelf\.test\.ts \(tests there: "shelf adds a book"/,
    );
  });

  it("refuses a bare runner call that drops the project's own settings", () => {
    const [f] = cmd(js, 'npx jest src/lib.test.js');
    expect(f!.rule).toBe('command-flags');
    expect(f!.message).toMatch(
      /without NODE_OPTIONS=--experimental-vm-modules.*run `npm test -- src\/lib\.test\.js` instead/,
    );
  });

  it('a script that runs the runner before another tool is not handed the file: the runner call with its settings is', () => {
    const root = project({
      'package.json': JSON.stringify({
        name: 'tally',
        scripts: { test: 'NODE_ENV=test jest && eslint .' },
        devDependencies: { jest: '29', eslint: '9' },
      }),
      'src/count.test.js': "test('counts', () => {});\n",
    });
    const [f] = cmd(root, 'npx jest src/count.test.js');
    expect(f!.message).toMatch(
      /without NODE_ENV=test.*run `NODE_ENV=test npx jest src\/count\.test\.js` instead/,
    );
    expect(cmd(root, 'NODE_ENV=test npx jest src/count.test.js')).toEqual([]);
  });
});

// A Python project in our own words: pytest configured in pyproject, a click command with decorators.
const pyProfile: CodebaseProfile = {
  ...emptyProfile(),
  testRunner: {
    name: 'pytest',
    collects: ['**/test_*.py'],
    roots: ['tests'],
    evidence: { file: 'pyproject.toml', line: 5 },
  },
};
const decorated = [
  'import click',
  '',
  '',
  '@click.command()',
  '@click.option(',
  '    "--limit",',
  '    default=3,',
  ')',
  'def run_command(limit):',
  '    total = 0',
  '    for i in range(limit):',
  '        total += i',
  '    return total',
  '',
];
const py = project({
  'pyproject.toml':
    '[project]\nname = "shelfpy"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n\n[tool.towncrier]\ndirectory = "changelog"\nfilename = "CHANGES.rst"\n',
  'shelf/cli.py': decorated.join('\n'),
  'package.json': JSON.stringify({ scripts: { test: 'jest' }, devDependencies: { jest: '29' } }),
  'docs/usage.md': '# Usage\n\n## Limits\n\nThe limit flag caps the run.\n\n## Output\n\nText.\n',
  'tests/test_cli.py':
    'def test_limit_default():\n    assert True\n\n\ndef test_limit_zero():\n    assert True\n',
  'tests/functional/t/sample_input.py': 'x = 1\n',
  'changelog/README.rst': 'Fragments go here.\n',
  'CHANGES.rst': 'Changes\n=======\n',
  'docs/cli.md': '<!-- generated by scripts/gen_cli_docs.py: do not edit -->\n# CLI\n',
  'scripts/gen_cli_docs.py': 'from pathlib import Path\nPath("docs/cli.md").write_text(render())\n',
  '.pre-commit-config.yaml':
    'repos:\n  - repo: local\n    hooks:\n      - id: fragment-names\n        name: fragment names\n        language: fail\n        entry: "fragments are named <number>.<type>.rst"\n        files: ^changelog/\n        exclude: ^changelog/(\\d+\\.(feature|bugfix|doc|removal|misc)\\.rst|README\\.rst)$\n',
});
const point = (symbol: string, start_line: number, end_line: number) => ({
  files: [
    {
      path: 'shelf/cli.py',
      mode: 'modify' as const,
      at: 1,
      points: [{ symbol, start_line, end_line, at: 2 }],
    },
  ],
});

describe('edit points, by the code structure', () => {
  it('takes decorator lines, a range inside a long function, a docs section and a config table', () => {
    expect(run(py, point('run_command', 4, 8), pyProfile)).toEqual([]);
    expect(run(py, point('run_command', 11, 12), pyProfile)).toEqual([]);
    const doc = {
      files: [
        {
          path: 'docs/usage.md',
          mode: 'modify' as const,
          at: 1,
          points: [{ symbol: 'Limits', start_line: 3, end_line: 5, at: 2 }],
        },
      ],
    };
    expect(run(py, doc, pyProfile)).toEqual([]);
    const cfg = {
      files: [
        {
          path: 'pyproject.toml',
          mode: 'modify' as const,
          at: 1,
          points: [{ symbol: 'tool.pytest.ini_options', start_line: 4, end_line: 5, at: 2 }],
        },
      ],
    };
    expect(run(py, cfg, pyProfile)).toEqual([]);
  });

  it('refuses a description or a call as the symbol, and lines outside it, saying what would pass', () => {
    expect(run(py, point('run_command (the options)', 4, 8), pyProfile)[0]!.message).toMatch(
      /is not an identifier.*Here: `run_command`/,
    );
    expect(run(py, point('it("adds")', 10, 12), pyProfile)[0]!.message).toMatch(/is not an identifier/);
    expect(run(py, point('click', 4, 8), pyProfile)[0]!.message).toMatch(
      /the lines belong to `run_command` at 4–13/,
    );
  });
});

describe('files the project does not write by hand, and changelog fragments', () => {
  const modify = (path: string) => ({ files: [{ path, mode: 'modify' as const, at: 1, points: [] }] });
  const create = (path: string, later?: string) => ({
    files: [{ path, mode: 'create' as const, later, at: 1, points: [] }],
  });
  it('flags a generated page and the towncrier output, saying what regenerates them', () => {
    expect(run(py, modify('docs/cli.md'), pyProfile)[0]!.message).toMatch(
      /is generated.*`python scripts\/gen_cli_docs\.py`/,
    );
    expect(run(py, modify('CHANGES.rst'), pyProfile)[0]!.message).toMatch(
      /built by towncrier from the fragments in changelog\//,
    );
  });
  it('refuses a placeholder path and a name the project hook refuses; takes a name declared later', () => {
    expect(run(py, create('changelog/<ISSUE>.feature.rst'), pyProfile)[0]!.message).toMatch(
      /placeholder.*changelog\/\{issue\}\.feature\.rst/,
    );
    expect(run(py, create('changelog/{number}.feature.rst', 'the pull request number'), pyProfile)).toEqual(
      [],
    );
    const bad = run(py, create('changelog/1234.feat.rst'), pyProfile)
      .map((f) => f.message)
      .join('\n');
    expect(bad).toMatch(/type of feature, bugfix/);
    expect(bad).toMatch(/pre-commit hook "fragment-names"/);
  });
  it('does not call functional-test data files tests that never run', () => {
    expect(run(py, create('tests/functional/t/new_case.py'), pyProfile)).toEqual([]);
    expect(run(py, create('tests/functional/t/new_case.rc'), pyProfile)).toEqual([]);
  });
});

describe('sketches, claims, and one checker behind three doors', () => {
  it('reports a sketch that does not parse, with where the parser stopped', () => {
    const [f] = run(py, {
      sketches: [{ language: 'python', code: 'def limit(x):\n    return x +\n', at: 3 }],
    });
    expect(f!.message).toMatch(/the Python sketch does not parse: line 2/);
    expect(
      run(py, { sketches: [{ language: 'ts', code: 'function f(a: number): number {\n  ...\n}\n', at: 3 }] }),
    ).toEqual([]);
  });

  it('refuses the JavaScript suite as the check of a phase that changes only Python files', () => {
    const [f] = run(
      py,
      {
        files: [{ path: 'shelf/cli.py', mode: 'modify', at: 1, group: 0, points: [] }],
        commands: [{ command: 'npm test', at: 2, group: 0 }],
      },
      pyProfile,
    );
    expect(f!.rule).toBe('command-runner');
    expect(f!.message).toMatch(/runs jest, the JavaScript suite, but this phase changes only Python files/);
  });

  it('refuses a test command with a -k that selects nothing, by pytest names', () => {
    expect(cmd(py, 'pytest tests/test_cli.py -k limit', pyProfile)).toEqual([]);
    expect(cmd(py, 'pytest -k "limit and not zero"', pyProfile)).toEqual([]);
    expect(cmd(py, 'pytest tests/test_cli.py -k frobnicate', pyProfile)[0]!.message).toMatch(
      /-k "frobnicate" selects no test/,
    );
  });

  it('passes a -k that matches a test the plan itself writes, and lists real test names when it refuses', () => {
    const testFile = { path: 'tests/test_cli.py', mode: 'modify' as const, at: 1, group: 0, points: [] };
    const command = { command: 'pytest tests/test_cli.py -k help_width', at: 3, group: 0 };
    // Named in a step of the plan (a claim), in a sketch, or as an edit point: each makes the selection right.
    expect(
      run(
        py,
        {
          files: [testFile],
          commands: [command],
          claims: [{ text: 'Add test_help_width_from_env to tests/test_cli.py', at: 2 }],
        },
        pyProfile,
      ),
    ).toEqual([]);
    expect(
      run(
        py,
        {
          files: [testFile],
          commands: [command],
          sketches: [{ language: 'python', code: 'def test_help_width():\n    assert True\n', at: 2 }],
        },
        pyProfile,
      ),
    ).toEqual([]);
    // A test in a file the plan creates, run by its folder.
    expect(
      run(
        py,
        {
          files: [{ path: 'tests/test_width.py', mode: 'create', at: 1, group: 0, points: [] }],
          commands: [{ command: 'pytest tests -k help_width', at: 3, group: 0 }],
          claims: [{ text: 'test_help_width checks the default', at: 2 }],
        },
        pyProfile,
      ),
    ).toEqual([]);
    // A node id of a test the plan adds to that file.
    expect(
      run(
        py,
        {
          files: [testFile],
          commands: [{ command: 'pytest tests/test_cli.py::test_help_width', at: 3, group: 0 }],
          claims: [{ text: 'add test_help_width', at: 2 }],
        },
        pyProfile,
      ),
    ).toEqual([]);
    // Named by the plan, but for another file than the one the command runs: still refused.
    const [f] = run(
      py,
      {
        files: [{ path: 'shelf/cli.py', mode: 'modify', at: 1, group: 0, points: [] }],
        commands: [command],
        claims: [{ text: 'Add test_help_width', at: 2 }],
      },
      pyProfile,
    );
    expect(f!.rule).toBe('command-selection');
    expect(f!.message).toContain(
      '-k "help_width" selects no test in tests/test_cli.py (tests there: test_limit_default, test_limit_zero)',
    );
  });

  it('lint and the gate give the same message for the same defect', () => {
    const md = [
      '# Plan: limit flag',
      '',
      '## Implementation steps',
      '',
      '1. Add the flag.',
      '',
      '## Files to modify',
      '',
      '- `shelf/cli.py` — the flag',
      '  - `click` (lines 4–8): `@click.option(` — the decorators',
      '',
      '## Automated checks',
      '',
      '```bash',
      'pytest tests/test_cli.py -k frobnicate',
      '```',
    ].join('\n');
    const lint = lintSource(md, 'plan.md', { root: py, profile: pyProfile }).findings.map((f) => f.message);
    const placeholder = lintSource(
      md.replace(
        '## Automated checks',
        '## Files to create\n\n- `changelog/<ISSUE>.feature.rst` — the note\n\n## Automated checks',
      ),
      'plan.md',
      { root: py, profile: pyProfile },
    ).findings;
    expect(placeholder.some((f) => f.rule === 'placeholder-path')).toBe(true);
    const model = {
      phases: [
        {
          steps: [
            {
              title: 't',
              detail: '',
              files_to_create: [],
              files_to_modify: [
                {
                  path: 'shelf/cli.py',
                  why: 'the flag',
                  edit_points: [{ symbol: 'click', start_line: 4, end_line: 8, signature: '', why: '' }],
                },
              ],
            },
          ],
          automated_checks: [{ command: 'pytest tests/test_cli.py -k frobnicate', expect: 'exits 0' }],
          title: 'p',
        },
      ],
      title: 'limit flag',
      analysis: { summary: 's' },
    } as unknown as Plan;
    const gate = groundingProblems(model, py, pyProfile).map((p) => p.replace(/^[^:]+: /, ''));
    expect(gate.length).toBe(2);
    for (const m of gate) expect(lint).toContain(m);
  });
});
