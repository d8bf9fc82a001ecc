import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { explore } from '../../explore/explore.js';
import { emptyProfile } from '../../explore/profile.js';
import { narrowSelecting } from '../checks.js';
import { commandProblems } from './commands.js';
import { checkContext } from './context.js';
import { parseCommand } from './shell.js';

/**
 * The engine writes a check as the project runs it, and the checker accepts what the project runs: a
 * command read back from a plan's check block (`cmd   # passes · file:line`) is still the project's own,
 * a CI step runs in its `working-directory`, and make, nox and the Python tools are read as they read
 * their own files. Fixtures are small projects in our own words.
 */
const project = tempProjects('known');
const exists = (root: string, command: string) =>
  commandProblems(checkContext(root, explore(root).profile), command).filter(
    (f) => f.rule === 'command-exists',
  );

// A counter tool whose Go module lives in a folder of its own; CI runs its tests there.
const goInFolder = project({
  'counter/go.mod': 'module example.org/counter\n\ngo 1.22\n',
  'counter/main.go': 'package main\n\nfunc main() {}\n',
  'counter/.golangci.yml': 'linters:\n  enable:\n    - errcheck\n',
  'counter/main_test.go': 'package main\n\nimport "testing"\n\nfunc TestTally(t *testing.T) {}\n',
  '.github/workflows/ci.yml': [
    'on: push',
    'jobs:',
    '  unit:',
    '    runs-on: ubuntu-latest',
    '    defaults:',
    '      run:',
    '        working-directory: ./counter',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: go test -race ./...',
    '      - run: gotestsum --format short',
    '  notes:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: gh issue create -t "nightly test failure" -R $REPO',
    '      - run: cargo test --features "$EXTRA"',
    '',
  ].join('\n'),
});

describe('a check line read back from a plan is the command before its comment', () => {
  it('parses the comment off, keeping a # inside quotes', () => {
    expect(parseCommand('go test ./...   # passes · go.mod:1').uncommented).toBe('go test ./...');
    expect(parseCommand('echo "a # b"   # prints').uncommented).toBe('echo "a # b"');
    expect(parseCommand('go test ./...').uncommented).toBeUndefined();
  });

  it('a CI step is the project own command in its working directory, with or without the plan comment', () => {
    expect(
      exists(goInFolder, 'cd counter && go test -race ./...   # passes · .github/workflows/ci.yml:10'),
    ).toEqual([]);
    // A program no rule knows, run by the project's CI where it runs it.
    expect(exists(goInFolder, 'cd counter && gotestsum --format short   # passes · ci.yml:11')).toEqual([]);
    // The same words at the root do not run: there is no go.mod there.
    expect(exists(goInFolder, 'cd counter && golangci-lint run ./...')).toEqual([]);
    expect(exists(goInFolder, 'golangci-lint run ./...').map((f) => f.message)).toEqual([
      expect.stringMatching(/does not configure golangci-lint/),
    ]);
    expect(exists(goInFolder, 'go test -race ./...   # passes').map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^`go test -race \.\/\.\.\.`: the project has no go\.mod \(counter\/go\.mod is: run it there, `cd counter && go test -race \.\/\.\.\.`\)/,
      ),
    ]);
  });

  it("a tree of Go's old layout (no go.mod) runs go test; a Rust tree with a few Go files does not", () => {
    const old = project({
      'lexer/scan.go': 'package lexer\n\nfunc Scan() {}\n',
      'lexer/scan_test.go': 'package lexer\n\nimport "testing"\n\nfunc TestScan(t *testing.T) {}\n',
    });
    expect(exists(old, 'go test ./lexer/')).toEqual([]);
    const rust = project({
      'Cargo.toml': '[package]\nname = "tally"\n',
      'src/main.rs': 'fn main() {}\n',
      'src/count.rs': 'pub fn count() {}\n',
      'grammars/go/scan_test.go': 'package scan\n',
    });
    expect(exists(rust, 'go test ./grammars/go/').map((f) => f.message)).toEqual([
      expect.stringMatching(/the project has no go\.mod/),
    ]);
  });

  it('the profile takes a CI step in its folder, not a line the workflow fills in or a title that says test', () => {
    const commands = explore(goInFolder).profile.commands.map((c) => c.command);
    expect(commands).toContain('cd counter && go test -race ./...');
    expect(commands.some((c) => c.startsWith('gh issue'))).toBe(false);
    expect(commands.some((c) => c.includes('$EXTRA'))).toBe(false);
  });

  it('a working directory written with shell syntax or leaving the project is no folder: its steps are left out', () => {
    const odd = (dir: string) =>
      project({
        'counter/go.mod': 'module example.org/counter\n\ngo 1.22\n',
        '.github/workflows/ci.yml': [
          'on: push',
          'jobs:',
          '  unit:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          `      - working-directory: '${dir}'`,
          '        run: go test -count=1 ./...',
          '',
        ].join('\n'),
      });
    for (const dir of ['counter && curl example.org', '$(pwd)/counter', '../elsewhere'])
      expect(
        explore(odd(dir))
          .profile.commands.map((c) => c.command)
          .filter((c) => /curl|pwd|elsewhere/.test(c)),
      ).toEqual([]);
    expect(explore(odd('counter')).profile.commands.map((c) => c.command)).toContain(
      'cd counter && go test -count=1 ./...',
    );
  });
});

describe('make, nox, Python tools and package bins, read as they read their own files', () => {
  const py = project({
    'pyproject.toml': '[project]\nname = "tally"\nversion = "1.0"\n',
    '.flake8': '[flake8]\nmax-line-length = 100\n',
    'mypy.ini': '[mypy]\nstrict = True\n',
    'tests/test_tally.py': 'def test_sum():\n    assert 1 + 1 == 2\n',
    Makefile: '.PHONY: test lint\ntest lint: deps\n\tpytest\n\ndeps:\n\tpip install -e .\n',
    'docs/Makefile': 'SPHINXBUILD = sphinx-build\n\n%: Makefile\n\t@$(SPHINXBUILD) -M $@ . _build\n',
    'noxfile.py': [
      'import nox',
      '',
      '',
      '@nox.session(python=["3.11", "3.12"])',
      'def tests(session):',
      '    session.run("pytest")',
      '',
      '',
      '@nox.session(name="docs-live")',
      'def docs_live(session):',
      '    session.run("sphinx-autobuild", "docs", "docs/_build")',
      '',
    ].join('\n'),
  });
  const ctx = () => checkContext(py, emptyProfile());
  const refused = (command: string) =>
    commandProblems(ctx(), command)
      .filter((f) => f.rule === 'command-exists')
      .map((f) => f.message.replace(/;.*$/, ''));

  it('accepts targets among several of a rule, a folder make enters, and a catch-all pattern rule', () => {
    expect(refused('make lint')).toEqual([]);
    expect(refused('make -C docs html')).toEqual([]);
    expect(refused('cd docs && make linkcheck')).toEqual([]);
    expect(refused('make build')).toEqual(['`make build`: the Makefile has no "build" target']);
    expect(refused('make -C src test')).toEqual(['`make -C src test`: the project has no Makefile in src']);
  });

  it('accepts a nox session by its Python version or its name, and refuses one the noxfile lacks', () => {
    expect(refused('nox -s tests-3.12')).toEqual([]);
    expect(refused('nox -s docs-live tests')).toEqual([]);
    expect(refused('nox --session=tests')).toEqual([]);
    expect(refused('nox -s lint')).toEqual(['`nox -s lint`: noxfile.py has no "lint" session']);
  });

  it('just and task find their file in the folder or a parent, past their own flags', () => {
    const tools = project({
      justfile: 'set shell := ["bash", "-c"]\n\ntest *args:\n    pytest {{args}}\n',
      'web/Taskfile.yml': 'version: "3"\ntasks:\n  check:\n    cmds:\n      - go vet ./...\n',
    });
    const toolsRefused = (command: string) =>
      commandProblems(checkContext(tools, emptyProfile()), command)
        .filter((f) => f.rule === 'command-exists')
        .map((f) => f.message.replace(/;.*$/, ''));
    expect(toolsRefused('just test -x')).toEqual([]);
    expect(toolsRefused('cd web && just test')).toEqual([]);
    expect(toolsRefused('just --justfile justfile test')).toEqual([]);
    expect(toolsRefused('just lint')).toEqual(['`just lint`: the justfile has no "lint" recipe']);
    expect(toolsRefused('cd web && task check')).toEqual([]);
    expect(toolsRefused('task -d web check')).toEqual([]);
    expect(toolsRefused('task check')).toEqual(['`task check`: the project has no Taskfile']);
  });

  it('a Python tool with its own configuration file is one the project configures', () => {
    expect(refused('flake8 src')).toEqual([]);
    expect(refused('mypy src')).toEqual([]);
    expect(refused('pylint src')).toEqual([
      '`pylint src`: pylint is not declared or configured by the project',
    ]);
    // A shell the environment manager runs on one of the project's scripts.
    expect(refused('uv run bash tests/test_tally.py')).toEqual([]);
    expect(refused('uv run bash scripts/lint.sh')).toEqual([
      '`uv run bash scripts/lint.sh`: scripts/lint.sh does not exist',
    ]);
  });

  it('a program the root package script runs is on its path, though a workspace declares it', () => {
    const js = project({
      'package.json': JSON.stringify({
        name: 'tally',
        private: true,
        workspaces: ['packages/*'],
        scripts: { test: 'jest' },
      }),
      'yarn.lock': '',
      'packages/core/package.json': JSON.stringify({
        name: '@tally/core',
        scripts: { test: 'jest' },
        devDependencies: { jest: '29' },
      }),
      'packages/core/sum.test.js': "test('adds', () => {});\n",
    });
    const jsCtx = checkContext(js, explore(js).profile);
    const jsRefused = (command: string) =>
      commandProblems(jsCtx, command)
        .filter((f) => f.rule === 'command-exists')
        .map((f) => f.message);
    expect(jsRefused('npx jest packages/core/sum.test.js')).toEqual([]);
    // A workspace's own script is run with the package manager's folder flag (yarn `--cwd`, not npm's `--prefix`).
    expect(explore(js).profile.commands.map((c) => c.command)).toContain('yarn --cwd packages/core test');
    expect(jsRefused('yarn --cwd packages/core test')).toEqual([]);
    expect(jsRefused('npx vitest run packages/core/sum.test.js')).toEqual([
      expect.stringMatching(/vitest is not a dependency of the project/),
    ]);
  });
});

// A workspace whose package runs vitest with its own config (the root has jest for other packages): the
// engine's narrow call runs in the package's folder, and the checker agrees with it (and suggests it).
const webWorkspace = project({
  'package.json': JSON.stringify(
    {
      name: 'lamps',
      private: true,
      workspaces: ['packages/*'],
      scripts: { test: 'npm test --workspaces' },
      devDependencies: { jest: '29' },
    },
    null,
    2,
  ),
  'packages/web/package.json': JSON.stringify(
    {
      name: '@lamps/web',
      scripts: { test: 'vitest run --config vitest.unit.ts' },
      devDependencies: { vitest: '2' },
    },
    null,
    2,
  ),
  'packages/web/vitest.unit.ts': "export default { test: { include: ['src/**/*.test.ts'] } };\n",
  'packages/web/src/lamp.test.ts': "import { it } from 'vitest';\n\nit('dims the lamp', () => {});\n",
});

describe("a workspace package's own test script", () => {
  it("the engine's narrow command runs in the package's folder and the checker accepts it", () => {
    const profile = explore(webWorkspace).profile;
    const narrow = narrowSelecting(profile, 'packages/web/src/lamp.test.ts', ['dims the lamp']);
    expect(narrow!.command).toBe("cd packages/web && npm test -- src/lamp.test.ts -t 'dims the lamp'");
    const ctx = checkContext(webWorkspace, profile);
    expect(commandProblems(ctx, narrow!.command)).toEqual([]);
    expect(
      commandProblems(ctx, 'cd packages/web && npm test -- src/lamp.test.ts -t "lights up"')[0]!.rule,
    ).toBe('command-selection');
    // The root's jest given the file: the command that runs it is the package's own, in its folder.
    const [wrong] = commandProblems(ctx, 'npx jest packages/web/src/lamp.test.ts');
    expect(wrong!.message).toContain('run it with `cd packages/web && npm test -- src/lamp.test.ts`');
  });
});

// A Python project in a folder, its tests run there by CI through uv.
const pyInFolder = project({
  'py/pyproject.toml': '[project]\nname = "lamps"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'py/lamps/__init__.py': '',
  'py/tests/test_lamp.py': 'def test_dims():\n    assert True\n',
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - working-directory: py\n        run: uv run pytest -q\n',
});

describe('a Python project whose tests run in a folder', () => {
  it("the engine's narrow command runs there, called as CI calls pytest, and the checker accepts it", () => {
    const profile = explore(pyInFolder).profile;
    const narrow = narrowSelecting(profile, 'py/tests/test_lamp.py', ['test_dims']);
    expect(narrow!.command).toBe('cd py && uv run pytest tests/test_lamp.py -k test_dims');
    const ctx = checkContext(pyInFolder, profile);
    expect(commandProblems(ctx, narrow!.command)).toEqual([]);
    expect(commandProblems(ctx, 'cd py && uv run pytest tests/test_lamp.py -k test_glows')[0]!.rule).toBe(
      'command-selection',
    );
  });
});
