import type { Detector } from './detect.js';
import type { Evidence } from './types.js';
import { lineOf } from './types.js';

const PY_FRAMEWORKS: Record<string, [string, string]> = {
  django: ['Django', 'web'],
  flask: ['Flask', 'web'],
  fastapi: ['FastAPI', 'web'],
  litestar: ['Litestar', 'web'],
  starlette: ['Starlette', 'web'],
  sqlalchemy: ['SQLAlchemy', 'orm'],
  alembic: ['Alembic', 'migrations'],
  pytest: ['pytest', 'test'],
  hypothesis: ['Hypothesis', 'test'],
  celery: ['Celery', 'queue'],
  pydantic: ['Pydantic', 'validation'],
  numpy: ['NumPy', 'data'],
  pandas: ['pandas', 'data'],
  'django-rest-framework': ['Django REST framework', 'web'],
  djangorestframework: ['Django REST framework', 'web'],
  tortoise: ['Tortoise ORM', 'orm'],
};

/** Python: package managers, frameworks, pytest (its files, paths and markers), linters and type checkers, entry points. */
export const python: Detector = {
  name: 'python',
  detect(ctx) {
    const { inventory, paths, has, read, p, framework, command } = ctx;
    const pyproject = read('pyproject.toml');
    const pyDeps = new Map<string, Evidence>();
    // The project's own name: Flask's repository does not use Flask, it is Flask.
    const own = new Set(
      [pyproject ?? '', read('setup.cfg') ?? '', read('setup.py') ?? '']
        .map((t) => /^\s*name\s*=\s*["']?([\w.-]+)/m.exec(t)?.[1]?.toLowerCase().replace(/_/g, '-'))
        .filter((n): n is string => Boolean(n)),
    );
    const addPyDeps = (file: string, text: string) => {
      // In setup.cfg only the requirement sections list dependencies (not `[coverage:run] source`).
      let section = '';
      const listed = text.split('\n').map((l) => {
        const head = /^\[([^\]]+)\]/.exec(l);
        if (head) section = head[1]!;
        return file !== 'setup.cfg' || section === 'options' || section.startsWith('options.extras_require');
      });
      for (const [dep] of Object.entries(PY_FRAMEWORKS)) {
        // (A test runner's own repository runs its tests with itself: that one is kept.)
        if (own.has(dep) && PY_FRAMEWORKS[dep]![1] !== 'test') continue;
        const re = new RegExp(
          `(^|["'\\s,\\[])${dep.replace(/[-]/g, '[-_]')}(\\s*[<>=!~\\[;"',]|\\s*$)`,
          'im',
        );
        if (pyDeps.has(dep)) continue;
        // A dependency, not the project's own name (`name = "pytest"` in pytest's own pyproject).
        const line = text.split('\n').findIndex((l, i) => listed[i] && re.test(l) && !/^\s*name\s*=/.test(l));
        if (line >= 0) pyDeps.set(dep, { file, line: line + 1 });
      }
    };
    if (pyproject) {
      addPyDeps('pyproject.toml', pyproject);
      if (/\[tool\.poetry\]/.test(pyproject) || has('poetry.lock'))
        p.packageManagers.push({
          name: 'poetry',
          kind: 'python',
          evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.poetry') },
        });
      else if (has('uv.lock'))
        p.packageManagers.push({ name: 'uv', kind: 'python', evidence: { file: 'uv.lock', line: 1 } });
      else if (/\[tool\.pdm\]/.test(pyproject))
        p.packageManagers.push({
          name: 'pdm',
          kind: 'python',
          evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.pdm') },
        });
      else if (/\[tool\.hatch/.test(pyproject))
        p.packageManagers.push({
          name: 'hatch',
          kind: 'python',
          evidence: { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.hatch') },
        });
      else
        p.packageManagers.push({
          name: 'pip',
          kind: 'python',
          evidence: { file: 'pyproject.toml', line: 1 },
        });
      const scripts = /\[project\.scripts\]([\s\S]*?)(\n\[|$)/.exec(pyproject);
      if (scripts)
        for (const m of scripts[1]!.matchAll(/^\s*([\w-]+)\s*=/gm))
          p.entryPoints.push({
            name: m[1]!,
            kind: 'script',
            evidence: { file: 'pyproject.toml', line: lineOf(pyproject, m[0]) },
          });
      if (/\[tool\.ruff/.test(pyproject))
        command('lint', 'ruff check .', { file: 'pyproject.toml', line: lineOf(pyproject, '[tool.ruff') });
      if (/\[tool\.black\]/.test(pyproject))
        command('format', 'black --check .', {
          file: 'pyproject.toml',
          line: lineOf(pyproject, '[tool.black]'),
        });
      // mypy reads its `files` from its config: `mypy .` would override them.
      if (/\[tool\.mypy\]/.test(pyproject))
        command('typecheck', /\[tool\.mypy\][^[]*\bfiles\s*=/.test(pyproject) ? 'mypy' : 'mypy .', {
          file: 'pyproject.toml',
          line: lineOf(pyproject, '[tool.mypy]'),
        });
    }
    for (const f of inventory.files) {
      if (/^requirements[^/]*\.txt$|^setup\.(py|cfg)$|^Pipfile$/.test(f.path)) {
        const text = read(f.path);
        if (text) addPyDeps(f.path, text);
        if (f.path.startsWith('requirements') && !p.packageManagers.some((m) => m.kind === 'python'))
          p.packageManagers.push({ name: 'pip', kind: 'python', evidence: { file: f.path, line: 1 } });
        if (f.path === 'Pipfile')
          p.packageManagers.push({ name: 'pipenv', kind: 'python', evidence: { file: f.path, line: 1 } });
      }
    }
    const pyFiles = inventory.files.filter((f) => f.language === 'Python').length;
    for (const [dep, ev] of pyDeps) framework(PY_FRAMEWORKS[dep]![0], PY_FRAMEWORKS[dep]![1], ev);
    const pytestConfigs: Array<[string, RegExp]> = [
      ['pytest.ini', /\[pytest\]/],
      ['pyproject.toml', /\[tool\.pytest\.ini_options\]/],
      ['pyproject.toml', /^\[tool\.pytest\]\s*$/m],
      ['setup.cfg', /\[tool:pytest\]/],
      ['tox.ini', /\[pytest\]/],
    ];
    for (const [file, section] of pytestConfigs) {
      const text = file === 'pyproject.toml' ? pyproject : read(file);
      if (!text || !section.test(text)) continue;
      framework('pytest', 'test', { file, line: lineOf(text, section) });
      const body = text.slice(text.search(section));
      const section_ = body.slice(0, body.slice(1).search(/\n\[/) + 1 || body.length);
      const listOf = (key: string) => {
        const m = new RegExp(
          `^\\s*(?:ini_options\\.)?${key}\\s*=\\s*(\\[[\\s\\S]*?\\]|[^\\n]*(?:\\n[ \\t]+[^\\n]*)*)`,
          'm',
        ).exec(section_);
        if (!m) return null;
        return m[1]!.startsWith('[')
          ? [...m[1]!.matchAll(/["']([^"']+)["']/g)].map((x) => x[1]!)
          : m[1]!.split(/\s+/).filter(Boolean);
      };
      const pyFilesCfg = listOf('python_files');
      const testpaths = listOf('testpaths') ?? [];
      p.testRunner = {
        name: 'pytest',
        collects: (pyFilesCfg ?? ['test_*.py', '*_test.py']).map((g) => `**/${g}`),
        roots: testpaths.map((t) => t.replace(/\/+$/, '')),
        evidence: { file, line: lineOf(text, pyFilesCfg ? 'python_files' : section) },
      };
      const block = /\bmarkers\s*=\s*(\[[\s\S]*?\]|[^\n]*(?:\n[ \t]+[^\n]*)*)/.exec(body)?.[1] ?? '';
      // Array form: "name: what it means" entries; ini form: one "name: what it means" per indented line.
      const entries = block.startsWith('[')
        ? [...block.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!)
        : block.split('\n');
      for (const entry of entries) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(entry)?.[1];
        if (!name || p.pytestMarkers.some((x) => x.name === name)) continue;
        p.pytestMarkers.push({
          name,
          detail: entry.split(':').slice(1).join(':').trim() || undefined,
          evidence: { file, line: lineOf(text, entry.trim()) },
        });
      }
      break;
    }
    if (
      ctx.hasFramework('pytest') ||
      (pyFiles > 0 && inventory.files.some((f) => /(^|\/)(test_[^/]+|conftest)\.py$/.test(f.path)))
    ) {
      // The test command is cited where pytest is configured, else at a test module: never at a dependency line.
      const testFile = inventory.files.find((f) =>
        /(^|\/)conftest\.py$|(^|\/)test_[^/]+\.py$/.test(f.path),
      )?.path;
      const ev =
        (p.testRunner?.name === 'pytest' ? p.testRunner.evidence : undefined) ??
        (testFile ? { file: testFile, line: 1 } : p.frameworks.find((f) => f.name === 'pytest')!.evidence);
      framework('pytest', 'test', ev);
      p.testRunner ??= {
        name: 'pytest',
        collects: ['**/test_*.py', '**/*_test.py'],
        roots: [],
        evidence: ev,
      };
      command(
        'test',
        p.packageManagers.some((m) => m.name === 'poetry')
          ? 'poetry run pytest'
          : p.packageManagers.some((m) => m.name === 'uv')
            ? 'uv run pytest'
            : 'pytest',
        ev,
      );
    }
    if (has('tox.ini')) command('test', 'tox', { file: 'tox.ini', line: 1 });
    if (has('noxfile.py')) command('test', 'nox', { file: 'noxfile.py', line: 1 });
    if (has('.flake8')) command('lint', 'flake8', { file: '.flake8', line: 1 });
    if (has('mypy.ini'))
      command('typecheck', /^\s*files\s*=/m.test(read('mypy.ini') ?? '') ? 'mypy' : 'mypy .', {
        file: 'mypy.ini',
        line: 1,
      });
    if (has('manage.py'))
      p.entryPoints.push({ name: 'manage.py', kind: 'django', evidence: { file: 'manage.py', line: 1 } });
    for (const e of ['app.py', 'main.py', 'wsgi.py', 'asgi.py', 'src/main.py'])
      if (paths.has(e)) p.entryPoints.push({ name: e, kind: 'python', evidence: { file: e, line: 1 } });
  },
};
