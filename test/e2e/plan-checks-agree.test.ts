import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../src/app/plans.js';
import { writeFiles } from '../temp-project.js';
import { plansmith } from './cli.js';

/**
 * The offline engine writes only check commands its own lint accepts, and they are commands the project
 * runs: small projects of several ecosystems (written for this test), planned and linted as a user would.
 */
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const projectOf = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-agree-'));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
};

const FIXTURES: Record<string, Record<string, string>> = {
  // A Go module in a folder of its own; CI runs its tests there, with a runner no rule knows.
  'go module in a folder': {
    'counter/go.mod': 'module example.org/counter\n\ngo 1.22\n',
    'counter/main.go':
      'package main\n\nimport "flag"\n\nvar countBlank = flag.Bool("count-blank", false, "count blank lines too")\n\nfunc main() { flag.Parse() }\n',
    'counter/main_test.go':
      'package main\n\nimport "testing"\n\nfunc TestCountBlank(t *testing.T) { _ = countBlank }\n',
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - working-directory: counter\n        run: richgo test -v ./...\n',
  },
  // A Rust crate in a folder, its job's default working directory set.
  'rust crate in a folder': {
    'cli/Cargo.toml': '[package]\nname = "counter"\nversion = "0.1.0"\nedition = "2021"\n',
    'cli/src/main.rs':
      'use clap::Parser;\n\n#[derive(Parser)]\nstruct Args {\n    /// Count blank lines too\n    #[arg(long = "count-blank")]\n    count_blank: bool,\n}\n\nfn main() {\n    let _ = Args::parse().count_blank;\n}\n',
    'cli/tests/cli.rs': '#[test]\nfn count_blank() {\n    let _ = "--count-blank";\n}\n',
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: cli\n    steps:\n      - uses: actions/checkout@v4\n      - run: cargo test --all\n',
  },
  // The same crate with no CI: the profile finds its manifest in the folder.
  'rust crate in a folder, no CI': {
    'cli/Cargo.toml': '[package]\nname = "counter"\nversion = "0.1.0"\nedition = "2021"\n',
    'cli/src/main.rs':
      'use clap::Parser;\n\n#[derive(Parser)]\nstruct Args {\n    /// Count blank lines too\n    #[arg(long = "count-blank")]\n    count_blank: bool,\n}\n\nfn main() {\n    let _ = Args::parse().count_blank;\n}\n',
    'cli/tests/cli.rs': '#[test]\nfn count_blank() {\n    let _ = "--count-blank";\n}\n',
  },
  // A yarn workspace whose root test script runs jest, declared by the workspace that has the tests.
  'javascript workspace': {
    'package.json': JSON.stringify(
      { name: 'counter', private: true, workspaces: ['packages/*'], scripts: { test: 'jest' } },
      null,
      2,
    ),
    'yarn.lock': '',
    'packages/cli/package.json': JSON.stringify(
      { name: '@counter/cli', dependencies: { commander: '12' }, devDependencies: { jest: '29' } },
      null,
      2,
    ),
    'packages/cli/src/cli.js':
      "const { Command } = require('commander');\n\nfunction build() {\n  return new Command().option('--count-blank', 'count blank lines too');\n}\n\nmodule.exports = { build };\n",
    'packages/cli/src/cli.test.js':
      "const { build } = require('./cli');\n\ntest('count blank', () => {\n  expect(build().parse(['node', 'c', '--count-blank']).opts().countBlank).toBe(true);\n});\n",
  },
  // A test script that sets the environment jest needs: one file is run through the script, not bare npx.
  'jest with settings in its script': {
    'package.json': JSON.stringify(
      {
        name: 'counter',
        scripts: { test: 'NODE_OPTIONS=--experimental-vm-modules jest --config jest.config.json' },
        dependencies: { commander: '12' },
        devDependencies: { jest: '29' },
      },
      null,
      2,
    ),
    'jest.config.json': '{}\n',
    'src/cli.js':
      "const { Command } = require('commander');\n\nfunction build() {\n  return new Command().option('--count-blank', 'count blank lines too');\n}\n\nmodule.exports = { build };\n",
    'src/cli.test.js':
      "const { build } = require('./cli');\n\ntest('count blank', () => {\n  expect(build().parse(['node', 'c', '--count-blank']).opts().countBlank).toBe(true);\n});\n",
  },
  // A test script that runs jest and then the linter: the file goes to jest with the script's environment.
  'jest before another tool in its script': {
    'package.json': JSON.stringify(
      {
        name: 'counter',
        scripts: { test: 'NODE_ENV=test jest && eslint .' },
        dependencies: { commander: '12' },
        devDependencies: { jest: '29', eslint: '9' },
      },
      null,
      2,
    ),
    'src/cli.js':
      "const { Command } = require('commander');\n\nfunction build() {\n  return new Command().option('--count-blank', 'count blank lines too');\n}\n\nmodule.exports = { build };\n",
    'src/cli.test.js':
      "const { build } = require('./cli');\n\ntest('count blank', () => {\n  expect(build().parse(['node', 'c', '--count-blank']).opts().countBlank).toBe(true);\n});\n",
  },
  // A Rust crate whose CI runs only a script that tests one thing (its shell completions).
  'rust crate with a special-purpose CI test': {
    'Cargo.toml': '[package]\nname = "counter"\nversion = "0.1.0"\nedition = "2021"\n',
    'src/main.rs':
      'use clap::Parser;\n\n#[derive(Parser)]\nstruct Args {\n    /// Count blank lines too\n    #[arg(long = "count-blank")]\n    count_blank: bool,\n}\n\nfn main() {\n    let _ = Args::parse().count_blank;\n}\n',
    'tests/cli.rs': '#[test]\nfn count_blank() {\n    let _ = "--count-blank";\n}\n',
    'ci/test-complete': '#!/bin/sh\n# every flag is in the shell completions\nexit 0\n',
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ci/test-complete\n',
  },
};

/** Checks each fixture must have, beside the lint's agreement. */
const EXPECTED: Record<string, string[]> = {
  'go module in a folder': ['cd counter && go test .'],
  'rust crate in a folder': ['cd cli && cargo test --test cli'],
  'rust crate in a folder, no CI': ['cd cli && cargo test --test cli', 'cd cli && cargo test'],
  'jest before another tool in its script': ['NODE_ENV=test npx jest src/cli.test.js'],
  'rust crate with a special-purpose CI test': ['cargo test --test cli', 'cargo test'],
};

describe('the engine writes the checks its own lint accepts', () => {
  for (const [name, files] of Object.entries(FIXTURES))
    it(name, () => {
      const dir = projectOf(files);
      const r = plansmith(
        ['plan', '--no-interactive', '--json', 'Add a `--skip-empty` flag that does not count empty files'],
        { cwd: dir, env: { PLANSMITH_MODEL: '' } },
      );
      expect(r.code, r.stderr).toBe(0);
      const o = r.json<PlanOutcome>();
      const checks = o.plan.phases.flatMap((p) => p.automated_checks.map((c) => c.command));
      expect(checks.length).toBeGreaterThan(0);
      expect(o.lint.findings.filter((f) => f.rule.startsWith('command-'))).toEqual([]);
      // A command the project runs in a folder is written to run there.
      if (name.includes('in a folder')) for (const c of checks) expect(c).toMatch(/^cd (counter|cli) && /);
      for (const c of EXPECTED[name] ?? []) expect(checks).toContain(c);
      // The model test is run by its name where the runner selects by name.
      if (name === 'go module in a folder')
        expect(JSON.stringify(o.plan)).toContain("`cd counter && go test . -run '^TestCountBlank$'` runs it");
    });
});
