import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { inventory } from '../inventory.js';
import { detectContext } from './detect.js';
import { DETECTORS, type Detector, profileCodebase } from './index.js';

/**
 * Each detector on a small project written for it (the fixtures are ours, inline): what it finds, with
 * the file and line of its evidence, and that it finds nothing where its ecosystem is absent.
 */
const project = tempProjects('detect');

/** One detector alone on a project (others do not run), and the whole profile for comparison. */
function run(d: Detector, files: Record<string, string>) {
  const inv = inventory(project(files));
  const ctx = detectContext({ inventory: inv, lines: new Map() });
  d.detect(ctx);
  return ctx.p;
}
const get = (name: string) => DETECTORS.find((d) => d.name === name)!;
const EMPTY = { 'notes.txt': 'nothing to see\n' };

describe('the detector list', () => {
  it('has one detector per ecosystem and concern, each tested below', () => {
    expect(DETECTORS.map((d) => d.name)).toEqual([
      'languages',
      'node',
      'python',
      'go',
      'rust',
      'jvm',
      'ruby',
      'php',
      'dotnet',
      'make',
      'ci',
      'database',
      'containers',
      'docs',
      'xano',
    ]);
  });
});

describe('node', () => {
  const files = {
    'package.json': JSON.stringify(
      {
        name: 'shop',
        packageManager: 'pnpm@9.0.0',
        bin: { shop: 'bin/shop.js' },
        scripts: { test: 'vitest run', lint: 'eslint .', build: 'tsc' },
        dependencies: { express: '^5' },
        devDependencies: { vitest: '^2', typescript: '^5' },
      },
      null,
      2,
    ),
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'src/index.ts': 'export {};\n',
  };
  it('finds the package manager, frameworks, scripts run through it, the test runner and entry points', () => {
    const p = run(get('node'), files);
    expect(p.packageManagers[0]).toMatchObject({ name: 'pnpm', evidence: { file: 'package.json', line: 3 } });
    expect(p.frameworks.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Express', 'Vitest', 'TypeScript']),
    );
    expect(p.commands.map((c) => c.command)).toEqual(['pnpm test', 'pnpm lint', 'pnpm build']);
    expect(p.commands[0]!.runs).toBe('vitest run');
    expect(p.testRunner).toMatchObject({ name: 'vitest' });
    expect(p.entryPoints.map((e) => e.name)).toEqual(['bin/shop.js', 'src/index.ts']);
  });
  it('a server framework only among the dev dependencies serves the tests: the project is not a web application', () => {
    const lib = {
      'package.json': JSON.stringify({
        name: 'fetcher',
        scripts: { test: 'mocha' },
        devDependencies: { express: '^4', mocha: '^10' },
        peerDependencies: {},
      }),
    };
    expect(run(get('node'), lib).frameworks.map((f) => f.name)).not.toContain('Express');
    const app = { 'package.json': JSON.stringify({ name: 'site', devDependencies: { nuxt: '^3' } }) };
    expect(run(get('node'), app).frameworks.map((f) => f.name)).toContain('Nuxt');
  });

  it('cites a script, a dependency or the bin at its key, not at the same word as a value before it', () => {
    const text = JSON.stringify(
      {
        name: 'runner',
        keywords: ['test', 'lint', 'express', 'bin'],
        bin: { runner: 'bin/runner' },
        scripts: { lint: 'eslint .', test: 'make test' },
        dependencies: { express: '^5' },
      },
      null,
      2,
    );
    const p = run(get('node'), { 'package.json': text });
    const at = (needle: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(needle)) + 1;
    expect(p.commands.find((c) => c.command === 'npm test')?.evidence.line).toBe(at('"test": "make'));
    expect(p.commands.find((c) => c.command === 'npm run lint')?.evidence.line).toBe(at('"lint": "eslint'));
    expect(p.frameworks.find((f) => f.name === 'Express')?.evidence.line).toBe(at('"express": "^5'));
    expect(p.entryPoints.find((e) => e.kind === 'bin')?.evidence.line).toBe(at('"bin": {'));
  });

  it('finds nothing without a package.json', () =>
    expect(run(get('node'), EMPTY).packageManagers).toEqual([]));
});

describe('python', () => {
  const files = {
    'pyproject.toml':
      '[project]\nname = "ledger"\ndependencies = ["fastapi>=0.110", "sqlalchemy"]\n\n[project.scripts]\nledger = "ledger.cli:main"\n\n[tool.ruff]\nline-length = 100\n\n[tool.mypy]\nfiles = ["ledger"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\nmarkers = ["slow: takes a while"]\n',
    'ledger/__init__.py': '',
    'tests/test_ledger.py': 'def test_x():\n    pass\n',
  };
  it('finds the frameworks, pytest with its paths and markers, ruff and mypy as the project runs them', () => {
    const p = run(get('python'), files);
    expect(p.frameworks.map((f) => f.name)).toEqual(
      expect.arrayContaining(['FastAPI', 'SQLAlchemy', 'pytest']),
    );
    expect(p.testRunner).toMatchObject({
      name: 'pytest',
      roots: ['tests'],
      evidence: { file: 'pyproject.toml' },
    });
    expect(p.pytestMarkers[0]).toMatchObject({ name: 'slow', detail: 'takes a while' });
    expect(p.commands.map((c) => c.command)).toEqual(['ruff check .', 'mypy', 'pytest']);
    expect(p.entryPoints[0]).toMatchObject({ name: 'ledger', kind: 'script' });
  });
  it('a dependency is read where setup.cfg lists requirements, and the project is not its own dependency', () => {
    const cfg = (name: string) =>
      `[metadata]\nname = ${name}\n\n[options]\ninstall_requires =\n    sqlalchemy>=2\n\n[coverage:run]\nsource =\n    flask\n    celery\n`;
    const names = (name: string) =>
      run(get('python'), { 'setup.cfg': cfg(name), 'pkg/__init__.py': '' }).frameworks.map((f) => f.name);
    expect(names('inventory')).toEqual(['SQLAlchemy']);
    const own = run(get('python'), {
      'setup.cfg': '[metadata]\nname = Flask\n\n[options]\ninstall_requires =\n    Werkzeug>=2\n',
      'setup.py': 'from setuptools import setup\n\nsetup(name="Flask", install_requires=["flask-babel"])\n',
    });
    expect(own.frameworks.map((f) => f.name)).not.toContain('Flask');
  });
  it('finds nothing in a project without Python', () =>
    expect(run(get('python'), EMPTY).commands).toEqual([]));
});

describe('go', () => {
  it('finds the module, frameworks, go test and vet, and commands under cmd/', () => {
    const p = run(get('go'), {
      'go.mod': 'module example.com/relay\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n',
      'cmd/relay/main.go': 'package main\n',
    });
    expect(p.packageManagers[0]).toMatchObject({ name: 'go modules', detail: 'example.com/relay' });
    expect(p.frameworks[0]).toMatchObject({ name: 'Gin', evidence: { file: 'go.mod', line: 5 } });
    expect(p.commands.map((c) => c.command)).toEqual(['go test ./...', 'go vet ./...']);
    expect(p.entryPoints.map((e) => e.name)).toEqual(['cmd/relay/main.go']);
  });
  it('finds nothing without go.mod', () => expect(run(get('go'), EMPTY).commands).toEqual([]));
  it("runs a module's commands in its folder when the root has no go.mod, and collects its tests there", () => {
    const p = run(get('go'), {
      'svc/go.mod': 'module example.org/svc\n\ngo 1.22\n',
      'svc/main.go': 'package main\n\nfunc main() {}\n',
    });
    expect(p.commands.map((c) => c.command)).toEqual(['cd svc && go test ./...', 'cd svc && go vet ./...']);
    expect(p.testRunner).toMatchObject({ name: 'go', roots: ['svc'], evidence: { file: 'svc/go.mod' } });
  });
  it('runs go test over a tree of the old layout, with no go.mod but test files', () => {
    const p = run(get('go'), {
      'lexer/scan.go': 'package lexer\n\nfunc Scan() {}\n',
      'lexer/scan_test.go': 'package lexer\n\nimport "testing"\n\nfunc TestScan(t *testing.T) {}\n',
      'run_test.go': 'package main\n\nimport "testing"\n\nfunc TestRun(t *testing.T) {}\n',
      'vendor/dep/a_test.go': 'package dep\n',
    });
    expect(p.commands.map((c) => c.command)).toEqual(['go test ./...']);
    expect(p.testRunner).toMatchObject({ name: 'go', evidence: { file: 'run_test.go' } });
  });
  it('names no Go runner for a tree of another language that carries a few Go test files', () => {
    const p = run(get('go'), {
      'src/main.rs': 'fn main() {}\n',
      'src/diff.rs': 'pub fn diff() {}\n',
      'parsers/go-grammar/bindings/parse.go': 'package grammar\n',
      'parsers/go-grammar/bindings/parse_test.go': 'package grammar\n',
    });
    expect(p.commands).toEqual([]);
    expect(p.testRunner).toBeNull();
  });
  it('names no runner for Go files without tests and without go.mod', () =>
    expect(run(get('go'), { 'tool/main.go': 'package main\n' }).testRunner).toBeNull());
});

describe('rust', () => {
  it('finds cargo, frameworks, a workspace, and the test, lint and format commands', () => {
    const p = run(get('rust'), {
      'Cargo.toml': '[workspace]\nmembers = ["core"]\n\n[dependencies]\ntokio = "1"\n',
      'src/main.rs': 'fn main() {}\n',
    });
    expect(p.workspaces[0]).toMatchObject({ name: 'cargo workspace', evidence: { line: 1 } });
    expect(p.frameworks[0]).toMatchObject({ name: 'Tokio', evidence: { file: 'Cargo.toml', line: 5 } });
    expect(p.commands.map((c) => c.command)).toEqual([
      'cargo test',
      'cargo clippy -- -D warnings',
      'cargo fmt --check',
    ]);
    expect(p.entryPoints.map((e) => e.name)).toEqual(['src/main.rs']);
  });
  it('finds nothing without Cargo.toml', () => expect(run(get('rust'), EMPTY).commands).toEqual([]));
  it("runs a crate's commands in its folder when the root has no Cargo.toml", () => {
    const p = run(get('rust'), {
      'tool/Cargo.toml': '[package]\nname = "tool"\n',
      'tool/src/main.rs': 'fn main() {}\n',
      'README.md': 'a tool\n',
    });
    expect(p.commands.map((c) => [c.command, c.evidence.file])).toEqual([
      ['cd tool && cargo test', 'tool/Cargo.toml'],
      ['cd tool && cargo clippy -- -D warnings', 'tool/Cargo.toml'],
      ['cd tool && cargo fmt --check', 'tool/Cargo.toml'],
    ]);
  });
});

describe('jvm', () => {
  it('prefers the Gradle wrapper and finds Spring Boot', () => {
    const p = run(get('jvm'), {
      'build.gradle.kts': 'plugins {\n  id("org.springframework.boot") version "3.2.0"\n}\n',
      gradlew: '#!/bin/sh\n',
    });
    expect(p.packageManagers[0]).toMatchObject({ name: 'gradle', kind: 'kotlin' });
    expect(p.frameworks[0]).toMatchObject({ name: 'Spring Boot', evidence: { line: 2 } });
    expect(p.commands.map((c) => c.command)).toEqual(['./gradlew test']);
  });
  it('Maven without a wrapper runs mvn', () =>
    expect(run(get('jvm'), { 'pom.xml': '<project></project>\n' }).commands[0]!.command).toBe('mvn test'));
});

describe('ruby', () => {
  it('finds bundler, Rails, RSpec and RuboCop', () => {
    const p = run(get('ruby'), {
      Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'rspec-rails'\ngem 'rubocop'\n",
    });
    expect(p.frameworks.map((f) => f.name)).toEqual(['Rails', 'RSpec']);
    expect(p.commands.map((c) => c.command)).toEqual(['bundle exec rspec', 'bundle exec rubocop']);
  });
  it('finds nothing without a Gemfile', () => expect(run(get('ruby'), EMPTY).packageManagers).toEqual([]));
});

describe('php', () => {
  it('finds composer, Laravel and PHPUnit', () => {
    const p = run(get('php'), {
      'composer.json':
        '{\n  "require": {\n    "laravel/framework": "^11.0"\n  },\n  "require-dev": {\n    "phpunit/phpunit": "^11"\n  }\n}\n',
    });
    expect(p.frameworks[0]).toMatchObject({ name: 'Laravel', evidence: { line: 3 } });
    expect(p.commands.map((c) => c.command)).toEqual(['php artisan test', 'vendor/bin/phpunit']);
  });
  it('finds nothing without composer.json', () => expect(run(get('php'), EMPTY).packageManagers).toEqual([]));
});

describe('dotnet', () => {
  it('finds the solution, ASP.NET Core, the test framework, and dotnet build, test and format', () => {
    const p = run(get('dotnet'), {
      'Shop.sln': 'Microsoft Visual Studio Solution File\n',
      'src/Shop.Api/Shop.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n',
      'tests/Shop.Tests/Shop.Tests.csproj':
        '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="xunit" Version="2.9.0" />\n  </ItemGroup>\n</Project>\n',
    });
    expect(p.packageManagers[0]).toMatchObject({ name: 'dotnet', evidence: { file: 'Shop.sln' } });
    expect(p.frameworks.map((f) => f.name)).toEqual(['ASP.NET Core', 'xUnit']);
    expect(p.frameworks[1]!.evidence).toEqual({ file: 'tests/Shop.Tests/Shop.Tests.csproj', line: 3 });
    expect(p.commands.map((c) => c.command)).toEqual([
      'dotnet build',
      'dotnet test',
      'dotnet format --verify-no-changes',
    ]);
  });
  it('finds nothing without a project or solution', () =>
    expect(run(get('dotnet'), EMPTY).commands).toEqual([]));
});

describe('make', () => {
  it('keeps the targets whose names say what they do', () => {
    const p = run(get('make'), {
      Makefile:
        'build:\n\tgo build\n\ntest: build\n\tgo test\n\ncheck:\n\tmake test\n\nVERSION := 1\n\nrelease:\n\t./ship\n',
    });
    expect(p.commands.map((c) => [c.purpose, c.command, c.evidence.line])).toEqual([
      ['build', 'make build', 1],
      ['test', 'make test', 4],
      ['ci', 'make check', 7],
    ]);
  });
});

describe('ci', () => {
  it('reads GitHub Actions jobs and the checks their steps run; other systems by their file', () => {
    const p = run(get('ci'), {
      '.github/workflows/ci.yml':
        'name: ci\non: push\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm test\n      - run: npx eslint .\n',
      '.gitlab-ci.yml': 'stages: [test]\nunit:\n  script: make test\n',
    });
    expect(p.ci.map((c) => [c.system, c.jobs.map((j) => j.name)])).toEqual([
      ['GitHub Actions', ['unit']],
      ['GitLab CI', ['unit']],
    ]);
    expect(p.ci[0]!.jobs[0]!.evidence.line).toBe(4);
    expect(p.commands.map((c) => [c.purpose, c.command])).toEqual([
      ['test', 'npm test'],
      ['lint', 'npx eslint .'],
    ]);
  });
  it('a workflow it cannot parse still shows the system', () =>
    expect(run(get('ci'), { '.github/workflows/x.yml': 'jobs: [unclosed\n' }).ci[0]!.system).toBe(
      'GitHub Actions',
    ));
});

describe('database', () => {
  it('finds the tools and the migration folders, busiest first', () => {
    const p = run(get('database'), {
      'prisma/schema.prisma': 'datasource db {}\n',
      'prisma/migrations/001_init/migration.sql': 'create table a();\n',
      'prisma/migrations/002_more/migration.sql': 'create table b();\n',
      'alembic.ini': '[alembic]\n',
    });
    expect(p.database.tools.map((t) => t.name)).toEqual(['Prisma schema', 'Alembic']);
    expect(p.database.migrations[0]).toMatchObject({ name: 'prisma/migrations', detail: '2 files' });
  });
});

describe('containers', () => {
  it('finds Docker, Compose, Helm, Terraform (once) and platform files', () => {
    const p = run(get('containers'), {
      Dockerfile: 'FROM node:20\n',
      'compose.yaml': 'services: {}\n',
      'deploy/chart/Chart.yaml': 'name: app\n',
      'infra/main.tf': '',
      'infra/vars.tf': '',
      'fly.toml': 'app = "x"\n',
    });
    expect(p.containers.map((c) => c.name).sort()).toEqual([
      'Docker',
      'Docker Compose',
      'Helm',
      'Terraform',
      'fly',
    ]);
  });
});

describe('docs', () => {
  it('ranks the guides to read first and finds news fragments over a changelog file', () => {
    const p = run(get('docs'), {
      'README.md': '# x\n',
      'AGENTS.md': '# agents\n',
      'docs/design.md': '# design\n',
      'src/README.md': '# not a top doc\n',
      'CHANGES.rst': 'Changes\n',
      'changelog.d/123.bugfix.rst': 'Fixed it.\n',
      'changelog.d/124.feature.rst': 'Added it.\n',
    });
    expect(p.docs.map((d) => d.name)).toEqual(['AGENTS.md', 'README.md', 'docs/design.md']);
    expect(p.changelog).toMatchObject({
      kind: 'fragments',
      path: 'changelog.d',
      types: ['bugfix', 'feature'],
    });
  });
  it('a towncrier directory in pyproject wins; without fragments the changelog file is used', () => {
    expect(
      run(get('docs'), { 'pyproject.toml': '[tool.towncrier]\ndirectory = "news/"\n' }).changelog,
    ).toMatchObject({
      kind: 'fragments',
      path: 'news',
      evidence: { file: 'pyproject.toml', line: 1 },
    });
    expect(run(get('docs'), { 'CHANGELOG.md': '# 1.0\n' }).changelog).toMatchObject({
      kind: 'file',
      path: 'CHANGELOG.md',
    });
  });
  it('no changelog of the whole project: the ones its packages keep, none from docs or fixtures', () => {
    const p = run(get('docs'), {
      'Cargo.toml': '[workspace]\n',
      'crates/core/CHANGELOG.md': '# Next\n',
      'crates/cli/src/main.rs': 'fn main() {}\n',
      'tests/fixtures/CHANGELOG.md': '# 0.1\n',
    });
    expect(p.changelog).toBeNull();
    expect(p.packageChangelogs).toEqual(['crates/core/CHANGELOG.md']);
    expect(
      run(get('docs'), { 'CHANGELOG.md': '# 1.0\n', 'crates/core/CHANGELOG.md': '# Next\n' })
        .packageChangelogs,
    ).toBeUndefined();
  });
  it("an empty fragment folder: a new fragment takes the extension of towncrier's built file", () => {
    const config = (table: string) =>
      run(get('docs'), {
        'pyproject.toml': `[project]\nname = "x"\n\n[tool.towncrier]\n${table}\n[[tool.towncrier.type]]\ndirectory = "added"\nname = "Added"\n\n[tool.other]\nfilename = "a.txt"\n`,
      }).changelog;
    expect(
      config('directory = "news.d"\nfilename = "docs/history.md"\ntitle_format = "## [{version}]"\n'),
    ).toMatchObject({
      kind: 'fragments',
      path: 'news.d',
      suffix: 'md',
    });
    // towncrier's default built file is NEWS.rst; `create_add_extension = false` writes none.
    expect(config('directory = "news.d"\n')).toMatchObject({ path: 'news.d', suffix: 'rst' });
    expect(
      config('directory = "news.d"\nfilename = "CHANGES.md"\ncreate_add_extension = false\n'),
    ).toMatchObject({
      path: 'news.d',
      suffix: '',
    });
  });
});

describe('the changelog by its shape', () => {
  const notes = (newest: string) => ({
    'docs/source/release-notes/index.rst': 'Release notes\n=============\n',
    'docs/source/release-notes/1.9.0.rst': '1.9.0 -- 2024-03-01\n-------------------\n',
    'docs/source/release-notes/1.10.0.rst': newest,
    'docs/source/release-notes/1.2.0.rst': '1.2.0 -- 2022-01-09\n-------------------\n',
    'docs/source/user/options.rst': 'Options\n=======\n',
  });
  it('a folder with one page per version: the newest version by number, unreleased or out', () => {
    expect(run(get('docs'), notes('1.10.0 -- unreleased\n--------------------\n')).changelog).toMatchObject({
      kind: 'file',
      path: 'docs/source/release-notes/1.10.0.rst',
      versions: { folder: 'docs/source/release-notes', released: false },
    });
    expect(
      run(get('docs'), notes('1.10.0 -- 2025-02-03\n--------------------\n')).changelog?.versions?.released,
    ).toBe(true);
  });
  it('a top-level changelog file wins over a folder of past versions; a release-notes page in the docs is a file', () => {
    expect(run(get('docs'), { ...notes('1.10.0\n'), 'CHANGES.rst': 'Changes\n' }).changelog).toMatchObject({
      kind: 'file',
      path: 'CHANGES.rst',
    });
    expect(run(get('docs'), { 'docs/about/release-notes.md': '# Release notes\n' }).changelog).toMatchObject({
      kind: 'file',
      path: 'docs/about/release-notes.md',
    });
  });
  it('fragments named without a prose extension, and a towncrier.toml', () => {
    expect(
      run(get('docs'), {
        'towncrier.toml': '[tool.towncrier]\ndirectory = "doc/notes/fragments"\n',
        'doc/notes/fragments/12.feature': 'Added it.\n',
        'doc/notes/fragments/13.bugfix': 'Fixed it.\n',
      }).changelog,
    ).toMatchObject({
      kind: 'fragments',
      path: 'doc/notes/fragments',
      types: ['feature', 'bugfix'],
      evidence: { file: 'towncrier.toml', line: 1 },
    });
  });
});

describe('xano', () => {
  it('finds a workspace with two or more kinds of components, and none with one', () => {
    const p = run(get('xano'), { 'apis/users/get.xs': 'query\n', 'tables/user.xs': 'table\n' });
    expect(p.xano).toMatchObject({
      root: '.',
      components: { apis: ['apis/users/get.xs'], tables: ['tables/user.xs'] },
    });
    expect(p.frameworks[0]!.name).toBe('Xano');
    expect(run(get('xano'), { 'apis/a.xs': '' }).xano).toBeNull();
  });
});

describe('languages', () => {
  it('counts files per language, most first', () => {
    const inv = inventory(project({ 'a.py': 'x = 1\n', 'b.py': '', 'c.ts': '' }));
    const p = profileCodebase({ inventory: inv, lines: new Map([['Python', 2]]) });
    expect(p.languages[0]).toEqual({ name: 'Python', files: 2, lines: 2 });
  });
});

describe('command evidence, read right (issue 23)', () => {
  it("cites pytest's own setting, never the project's name or a dependency line", () => {
    const p = run(get('python'), {
      'pyproject.toml':
        '[project]\nname = "pytest"\ndependencies = [\n  "pluggy>=1",\n]\n\n[project.optional-dependencies]\ndev = ["pytest>=3"]\n\n[tool.pytest.ini_options]\npython_files = ["check_*.py"]\ntestpaths = ["testing"]\n',
      'uv.lock': '',
      'testing/check_one.py': 'def test_one():\n    pass\n',
      'testing/conftest.py': '',
    });
    expect(p.testRunner).toMatchObject({ name: 'pytest', evidence: { file: 'pyproject.toml', line: 11 } });
    const test = p.commands.find((c) => c.purpose === 'test')!;
    expect(test.command).toBe('uv run pytest');
    expect(test.evidence.line).not.toBe(2);
    expect(test.evidence.line).not.toBe(8);
  });

  it('reads the native [tool.pytest] table', () => {
    const p = run(get('python'), {
      'pyproject.toml': '[project]\nname = "shelf"\n\n[tool.pytest]\npython_files = ["spec_*.py"]\n',
      'tests/spec_a.py': 'def test_a():\n    pass\n',
    });
    expect(p.testRunner?.collects).toEqual(['**/spec_*.py']);
  });

  it('a CI step that installs packages is not a test command', () => {
    const p = run(get('ci'), {
      '.github/workflows/ci.yml':
        'jobs:\n  test:\n    steps:\n      - run: uv pip install pytest\n      - run: pytest -n ${{ matrix.n }}\n      - run: uv run pytest\n',
    });
    expect(p.commands.map((c) => c.command)).toEqual(['uv run pytest']);
  });
});
