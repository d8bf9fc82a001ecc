import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What makes a folder a project plansmith may keep its store in: its own `.plansmith/`, a git work tree, or
 * a manifest of a common ecosystem. A host that starts `plansmith mcp` in a home folder or `/` has none.
 */
export const PROJECT_MARKERS = [
  '.plansmith',
  '.git',
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'mix.exs',
  'deno.json',
  'CMakeLists.txt',
  'Makefile',
] as const;

/** The first project marker `root` holds, or null when it is no project (or does not exist). */
export function projectMarker(root: string): string | null {
  return PROJECT_MARKERS.find((m) => existsSync(join(root, m))) ?? null;
}
