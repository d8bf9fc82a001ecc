import { describe, expect, it } from 'vitest';
import type { CodebaseProfile, TestRunner } from '../explore/profile.js';
import { emptyProfile } from '../explore/profile.js';
import {
  collectedBy,
  invalidModuleName,
  narrowCargoCommand,
  narrowSelecting,
  narrowTestCommand,
  nonTerminating,
  projectCommand,
} from './checks.js';

const profile = (over: Partial<CodebaseProfile>): CodebaseProfile => ({ ...emptyProfile(), ...over });

describe('a test file of a workspace package', () => {
  const ws = (web: string, root?: string) =>
    profile({
      ...(root
        ? {
            testRunner: {
              name: 'jest',
              collects: [],
              roots: [],
              evidence: { file: 'package.json', line: 3 },
            },
          }
        : {}),
      commands: [
        ...(root
          ? [
              {
                purpose: 'test' as const,
                command: 'npm test',
                runs: root,
                evidence: { file: 'package.json', line: 3 },
              },
            ]
          : []),
        {
          purpose: 'test',
          command: 'npm run --prefix packages/web test',
          runs: web,
          evidence: { file: 'packages/web/package.json', line: 5 },
        },
      ],
    });

  it("runs in the package's folder when the package's own test script runs the runner", () => {
    expect(narrowTestCommand(ws('vitest run'), 'packages/web/src/a.test.ts')).toEqual({
      command: 'cd packages/web && npx vitest run src/a.test.ts',
      evidence: { file: 'packages/web/package.json', line: 5 },
    });
    // Settings in the package's script: through that script, inside the folder.
    expect(
      narrowTestCommand(ws('vitest run --config vitest.unit.ts'), 'packages/web/src/a.test.ts')!.command,
    ).toBe('cd packages/web && npm test -- src/a.test.ts');
    // The root runs jest, the package vitest: the package's runner, in its folder.
    expect(narrowTestCommand(ws('vitest run', 'jest'), 'packages/web/src/a.test.ts')!.command).toBe(
      'cd packages/web && npx vitest run src/a.test.ts',
    );
    // A selection by name keeps working inside the folder.
    expect(narrowSelecting(ws('vitest run'), 'packages/web/src/a.test.ts', ['draws a lamp'])!.command).toBe(
      "cd packages/web && npx vitest run src/a.test.ts -t 'draws a lamp'",
    );
  });

  it('a Python project whose tests the project runs in a folder: the file there, pytest called the same way', () => {
    const py = profile({
      testRunner: {
        name: 'pytest',
        collects: ['test_*.py'],
        roots: [],
        evidence: { file: 'py/pyproject.toml', line: 4 },
      },
      commands: [
        {
          purpose: 'test',
          command: 'npm test',
          runs: 'vitest run',
          evidence: { file: 'package.json', line: 3 },
        },
        {
          purpose: 'test',
          command: 'cd py && uv run pytest -q',
          evidence: { file: '.github/workflows/ci.yml', line: 12 },
        },
      ],
    });
    expect(narrowTestCommand(py, 'py/tests/test_lamp.py', 'test_dims')!.command).toBe(
      'cd py && uv run pytest tests/test_lamp.py -k test_dims',
    );
    // A file outside that folder: from the root, as before.
    expect(narrowTestCommand(py, 'tools/test_gen.py')!.command).toBe('pytest tools/test_gen.py');
  });

  it('stays at the root for a file outside the package, or a package script that runs no runner', () => {
    expect(narrowTestCommand(ws('vitest run', 'jest'), 'src/b.test.js')!.command).toBe(
      'npx jest src/b.test.js',
    );
    expect(
      narrowTestCommand(ws('tsc && node test/run.js', 'jest'), 'packages/web/src/a.test.ts')!.command,
    ).toBe('npx jest packages/web/src/a.test.ts');
    expect(narrowTestCommand(ws('vitest run'), 'packages/webby/src/a.test.ts')).toBeNull();
  });
});

describe('checks a plan promises', () => {
  it('commands that never exit, or that hide a failure, are not checks', () => {
    expect(nonTerminating('npm run test:watch', 'vitest --watch')).toMatch(/never exits/);
    expect(nonTerminating('npm run dev')).toMatch(/server/);
    expect(nonTerminating('npm run test:debug', 'node --inspect-brk node_modules/.bin/jest')).toMatch(
      /debugger/,
    );
    expect(nonTerminating('npm run test:update', 'jest -u')).toMatch(/snapshots/);
    expect(nonTerminating('npm test', 'vitest run')).toBeNull();
    expect(nonTerminating('pytest tests/test_shelf.py -k add')).toBeNull();
  });

  it("the project's own alias wins over a tool's bare default, and a watcher is never picked", () => {
    const p = profile({
      commands: [
        { purpose: 'typecheck', command: 'mypy .', evidence: { file: 'pyproject.toml', line: 4 } },
        { purpose: 'typecheck', command: 'make typecheck', evidence: { file: 'Makefile', line: 9 } },
        {
          purpose: 'test',
          command: 'npm run test:watch',
          runs: 'vitest',
          evidence: { file: 'package.json', line: 3 },
        },
        {
          purpose: 'test',
          command: 'npm test',
          runs: 'vitest run',
          evidence: { file: 'package.json', line: 2 },
        },
      ],
    });
    expect(projectCommand(p, 'typecheck')!.command).toBe('make typecheck');
    expect(projectCommand(p, 'test')!.command).toBe('npm test');
  });

  it("the test command is the one that reaches the project's test runner, not another suite listed first", () => {
    const runner: TestRunner = {
      name: 'pytest',
      collects: ['**/test_*.py'],
      roots: ['tests'],
      evidence: { file: 'pyproject.toml', line: 8 },
    } as TestRunner;
    const p = profile({
      testRunner: runner,
      commands: [
        {
          purpose: 'test',
          command: 'npm test',
          runs: 'jasmine-browser-runner runSpecs',
          evidence: { file: 'package.json', line: 4 },
        },
        { purpose: 'test', command: 'python -m pytest', evidence: { file: 'tox.ini', line: 12 } },
      ],
    });
    expect(projectCommand(p, 'test')!.command).toBe('python -m pytest');
  });

  it('module names a language cannot import are refused', () => {
    expect(invalidModuleName('src/pkg/per-request-retry.py')).toMatch(/cannot be imported/);
    expect(invalidModuleName('src/pkg/per_request_retry.py')).toBeNull();
    expect(invalidModuleName('cmd/tool/read-config.go')).toMatch(/_ not -/);
    expect(invalidModuleName('src/read-config.ts')).toBeNull();
  });

  it("a new test is judged by the runner's own rules", () => {
    const pytest: TestRunner = {
      name: 'pytest',
      collects: ['**/check_*.py'],
      roots: ['tests'],
      evidence: { file: 'pyproject.toml', line: 7 },
    };
    expect(collectedBy(pytest, 'tests/unit/check_shelf.py')).toBe(true);
    expect(collectedBy(pytest, 'tests/unit/test_shelf.py')).toBe(false);
    expect(collectedBy(pytest, 'other/check_shelf.py')).toBe(false);
    const mocha: TestRunner = {
      name: 'mocha',
      collects: ['test/*.{js,cjs,mjs,ts}'],
      roots: [],
      evidence: { file: 'package.json', line: 5 },
    };
    expect(collectedBy(mocha, 'test/shelf.js')).toBe(true);
    // Mocha without --recursive does not descend.
    expect(collectedBy(mocha, 'test/unit/shelf.js')).toBe(false);
    expect(collectedBy(null, 'anything.js')).toBeNull();
  });

  it("the narrowest test command keeps the project's setup and names one file", () => {
    const mocha = profile({
      testRunner: {
        name: 'mocha',
        collects: ['test/*.js'],
        roots: [],
        invocation:
          'mocha --require test/support/env --reporter spec --bail --check-leaks test/ test/acceptance/',
        evidence: { file: 'package.json', line: 9 },
      },
      commands: [{ purpose: 'test', command: 'npm test', evidence: { file: 'package.json', line: 9 } }],
    });
    expect(narrowTestCommand(mocha, 'test/res.send.js')!.command).toBe(
      'npx mocha --require test/support/env --bail --check-leaks test/res.send.js',
    );
    const mochaEnv = profile({
      testRunner: {
        name: 'mocha',
        collects: ['test/*.js'],
        roots: [],
        invocation: 'NODE_ENV=test mocha --exit test/',
        evidence: { file: 'package.json', line: 9 },
      },
    });
    expect(narrowTestCommand(mochaEnv, 'test/shelf.js')!.command).toBe(
      'NODE_ENV=test npx mocha --exit test/shelf.js',
    );
    const poetry = profile({
      testRunner: {
        name: 'pytest',
        collects: ['**/test_*.py'],
        roots: [],
        evidence: { file: 'pyproject.toml', line: 1 },
      },
      commands: [
        { purpose: 'test', command: 'poetry run pytest', evidence: { file: 'pyproject.toml', line: 1 } },
      ],
    });
    expect(narrowTestCommand(poetry, 'tests/test_shelf.py', 'add_jar')!.command).toBe(
      'poetry run pytest tests/test_shelf.py -k add_jar',
    );
  });

  it('a jest or vitest script with settings a bare npx call would drop is given the file itself', () => {
    const jestWith = (runs: string, command = 'npm test') =>
      profile({
        testRunner: {
          name: 'jest',
          collects: ['**/*.test.js'],
          roots: [],
          evidence: { file: 'package.json', line: 4 },
        },
        commands: [{ purpose: 'test', command, runs, evidence: { file: 'package.json', line: 4 } }],
      });
    expect(
      narrowTestCommand(jestWith('NODE_OPTIONS=--experimental-vm-modules jest'), 'src/a.test.js')!.command,
    ).toBe('npm test -- src/a.test.js');
    expect(
      narrowTestCommand(jestWith('jest --config jest.unit.json', 'yarn test'), 'src/a.test.js')!.command,
    ).toBe('yarn test src/a.test.js');
    expect(narrowTestCommand(jestWith('tsc && NODE_ENV=test jest'), 'src/a.test.js')!.command).toBe(
      'npm test -- src/a.test.js',
    );
    // Nothing to keep, or the runner not last in the script: the runner itself.
    expect(narrowTestCommand(jestWith('jest --coverage'), 'src/a.test.js')!.command).toBe(
      'npx jest src/a.test.js',
    );
    // The runner not last in the script: its own call, with the settings and the file (the file would go to
    // eslint through the script).
    expect(narrowTestCommand(jestWith('NODE_ENV=test jest && eslint .'), 'src/a.test.js')!.command).toBe(
      'NODE_ENV=test npx jest src/a.test.js',
    );
    expect(
      narrowTestCommand(jestWith('jest --config jest.unit.json src/ && eslint .'), 'src/a.test.js')!.command,
    ).toBe('npx jest --config jest.unit.json src/a.test.js');
    expect(
      narrowTestCommand(jestWith('node --expose-gc node_modules/.bin/jest; eslint .'), 'src/a.test.js')!
        .command,
    ).toBe('node --expose-gc node_modules/.bin/jest src/a.test.js');
  });

  it("a CI step that runs a script named for one particular test is not the project's test run", () => {
    const rust = profile({
      commands: [
        { purpose: 'test', command: 'cargo test', evidence: { file: 'Cargo.toml', line: 1 } },
        {
          purpose: 'test',
          command: 'ci/check-completions-test',
          evidence: { file: '.github/x.yml', line: 9 },
        },
        { purpose: 'test', command: 'ci/test-complete', evidence: { file: '.github/x.yml', line: 7 } },
      ],
    });
    expect(projectCommand(rust, 'test')!.command).toBe('cargo test');
    // A CI line that runs the runner with the project's flags still comes before the bare default, and a
    // script named only for the tests is the test run.
    const flags = profile({
      commands: [
        { purpose: 'test', command: 'cargo test', evidence: { file: 'Cargo.toml', line: 1 } },
        { purpose: 'test', command: 'cargo test --locked', evidence: { file: '.github/x.yml', line: 7 } },
      ],
    });
    expect(projectCommand(flags, 'test')!.command).toBe('cargo test --locked');
    const script = profile({
      commands: [
        {
          purpose: 'test',
          command: 'bash scripts/run-tests.sh',
          evidence: { file: '.github/x.yml', line: 7 },
        },
        { purpose: 'test', command: 'cargo test', evidence: { file: 'Cargo.toml', line: 1 } },
      ],
    });
    expect(projectCommand(script, 'test')!.command).toBe('bash scripts/run-tests.sh');
  });

  it("a Rust integration test is run by its target, in the crate's folder when the tests run there", () => {
    const at = (command: string) =>
      profile({ commands: [{ purpose: 'test', command, evidence: { file: '.github/ci.yml', line: 10 } }] });
    expect(narrowCargoCommand(at('cargo test'), 'tests/cli.rs')!.command).toBe('cargo test --test cli');
    expect(narrowCargoCommand(at('cd cli && cargo test --all'), 'cli/tests/cli.rs')!.command).toBe(
      'cd cli && cargo test --test cli',
    );
    expect(narrowCargoCommand(at('cd cli && cargo test'), 'cli/src/args.rs', 'args::')!.command).toBe(
      'cd cli && cargo test args::',
    );
    // Two crates in folders of their own: each file runs in its own crate.
    const two = profile({
      commands: [
        { purpose: 'test', command: 'cd cli && cargo test', evidence: { file: 'cli/Cargo.toml', line: 1 } },
        { purpose: 'test', command: 'cd core && cargo test', evidence: { file: 'core/Cargo.toml', line: 1 } },
      ],
    });
    expect(narrowCargoCommand(two, 'core/tests/parse.rs')!.command).toBe(
      'cd core && cargo test --test parse',
    );
    // A Go module in a folder: its package, from the module's folder.
    const go = profile({
      testRunner: {
        name: 'go',
        collects: ['svc/**/*_test.go'],
        roots: ['svc'],
        evidence: { file: 'svc/go.mod', line: 1 },
      },
    });
    expect(narrowTestCommand(go, 'svc/store/put_test.go')!.command).toBe('cd svc && go test ./store/');
    expect(narrowTestCommand(go, 'svc/main_test.go')!.command).toBe('cd svc && go test .');
    // The tests named, by `-run` (anchored); a subtest's name alone selects nothing: the package.
    expect(narrowSelecting(go, 'svc/store/put_test.go', ['TestPutKeeps'])!.command).toBe(
      "cd svc && go test ./store/ -run '^TestPutKeeps$'",
    );
    expect(narrowSelecting(go, 'svc/store/put_test.go', ['keeps_order'])!.command).toBe(
      'cd svc && go test ./store/',
    );
    // A file of another crate, or a source file with nothing to select: no narrow command.
    expect(narrowCargoCommand(at('cd cli && cargo test'), 'core/tests/cli.rs')).toBeNull();
    expect(narrowCargoCommand(at('cargo test'), 'src/args.rs')).toBeNull();
  });
});
