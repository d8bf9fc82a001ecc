import { join } from 'node:path';
import type { CodebaseProfile } from '../../explore/profile.js';
import { projectFiles } from '../../files/project-files.js';

/**
 * Whether a command is one the project really has: a package script, a make target, a tool the
 * project declares, or a command the explorer found in its config or CI. Returns the reason when not.
 */
export function commandExists(command: string, root: string, profile: CodebaseProfile): string | null {
  const cmd = command
    .trim()
    .replace(/\s+#.*$/, '')
    .replace(/^(\w+=\S+\s+)+/, '');
  if (!cmd) return null;
  if (profile.commands.some((c) => c.command === cmd)) return null;
  const files = projectFiles(root);
  const read = (p: string) => {
    try {
      return files.readText(p).text;
    } catch {
      return null;
    }
  };
  // files.has: exists inside the root; a path that leaves it never counts as existing.
  const words = cmd.split(/\s+/);
  const [first, second, third] = words;
  const scripts = (dir = '.') => {
    try {
      return (JSON.parse(read(join(dir, 'package.json')) ?? '{}').scripts ?? {}) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const deps = () => {
    try {
      const p = JSON.parse(read('package.json') ?? '{}');
      return { ...p.dependencies, ...p.devDependencies } as Record<string, string>;
    } catch {
      return {};
    }
  };
  if (first === 'npm' || first === 'pnpm' || first === 'yarn' || first === 'bun') {
    if (!files.has('package.json')) return 'the project has no package.json';
    const prefix = words.indexOf('--prefix');
    const dir = prefix > 0 ? words[prefix + 1]! : '.';
    const rest = words.filter((_, i) => i !== prefix && i !== prefix + 1);
    if (rest[1] === 'test' || rest[1] === 't')
      return scripts(dir).test ? null : `package.json has no "test" script`;
    if (['ci', 'install', 'i', 'add', 'audit', 'exec', 'dlx'].includes(rest[1] ?? '')) return null;
    const name = rest[1] === 'run' || rest[1] === 'run-script' ? rest[2] : rest[1];
    if (!name) return null;
    return scripts(dir)[name] !== undefined
      ? null
      : `package.json${dir === '.' ? '' : ` in ${dir}`} has no "${name}" script`;
  }
  if (first === 'npx')
    return deps()[second ?? ''] || files.has(join('node_modules', '.bin', second ?? ''))
      ? null
      : `${second} is not a dependency of the project`;
  if (first === 'make') {
    const mk = read('Makefile');
    if (!mk) return 'the project has no Makefile';
    return !second || new RegExp(`^${second.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').test(mk)
      ? null
      : `the Makefile has no "${second}" target`;
  }
  const python = [
    read('pyproject.toml'),
    read('setup.cfg'),
    read('tox.ini'),
    read('pytest.ini'),
    ...['requirements.txt', 'requirements-dev.txt', 'requirements/dev.txt', 'requirements/test.txt'].map(
      read,
    ),
  ]
    .filter(Boolean)
    .join('\n');
  const pyTool = (tool: string) => new RegExp(`\\b${tool}\\b`, 'i').test(python);
  if (first === 'poetry' || first === 'uv' || first === 'pdm' || first === 'hatch' || first === 'pipenv') {
    if (second !== 'run') return null;
    return third === 'python' || pyTool(third ?? '') ? null : `${third} is not declared by the project`;
  }
  if (
    ['pytest', 'ruff', 'mypy', 'flake8', 'black', 'tox', 'nox', 'alembic', 'pylint', 'isort'].includes(first!)
  ) {
    if (
      first === 'pytest' &&
      (profile.frameworks.some((f) => f.name === 'pytest') || files.has('conftest.py'))
    )
      return null;
    return pyTool(first!) ? null : `${first} is not declared or configured by the project`;
  }
  if (first === 'python' || first === 'python3')
    return words.includes('-m') || files.has(second ?? '') ? null : `${second} does not exist`;
  if (first === 'go') return files.has('go.mod') ? null : 'the project has no go.mod';
  if (first === 'cargo') return files.has('Cargo.toml') ? null : 'the project has no Cargo.toml';
  if (first === 'mvn' || first === './mvnw')
    return files.has('pom.xml') ? null : 'the project has no pom.xml';
  if (first === 'gradle' || first === './gradlew')
    return files.has('build.gradle') || files.has('build.gradle.kts')
      ? null
      : 'the project has no Gradle build';
  if (first === 'bundle' || first === 'bin/rails' || first === 'rails' || first === 'rake')
    return files.has('Gemfile') ? null : 'the project has no Gemfile';
  if (first === 'php' || first === 'vendor/bin/phpunit' || first === 'composer')
    return files.has('composer.json') ? null : 'the project has no composer.json';
  if (first === 'git' || first === 'plansmith' || first === 'docker' || first === 'curl') return null;
  if (first!.startsWith('./') || first!.includes('/'))
    return files.has(first!) ? null : `${first} does not exist`;
  return `"${first}" is not a command this project defines (no script, target or declared tool)`;
}
