import type { ProjectFiles } from './project-files.js';
import { FileAccessError } from './project-files.js';
import { isSecretPath } from './secrets.js';

/**
 * The folders of a project that hold the code of its installed or vendored dependencies: npm's
 * node_modules, a Python virtual environment, vendored modules (Go, PHP, Ruby). Planning may read them
 * (what a framework really does often lives there), through the same door as every project file: inside
 * the root after symlinks, secrets refused by name and content, nothing written.
 */
export const DEPENDENCY_FOLDERS = ['node_modules', '.venv', 'venv', 'vendor', 'third_party'] as const;

export function isDependencyPath(rel: string): boolean {
  const top = rel.replace(/^\.\//, '').split('/')[0] ?? '';
  return (DEPENDENCY_FOLDERS as readonly string[]).includes(top);
}

/** The dependency folders a project has (a folder that is a symlink out of the root is not one). */
export function dependencyRoots(files: ProjectFiles): string[] {
  return DEPENDENCY_FOLDERS.filter((d) => files.has(d) && files.isDirectory(d));
}

/**
 * One folder inside a dependency folder: its sub-folders and files, without secrets by name and
 * without what lies out of the root through a symlink. Throws {@link FileAccessError} for a path that is
 * not in a dependency folder.
 */
export function listDependencyFolder(
  files: ProjectFiles,
  path: string,
): { folders: string[]; files: string[] } {
  const rel = files.relative(path);
  if (!isDependencyPath(rel)) throw new FileAccessError(path, 'is not inside a dependency folder');
  const folders: string[] = [];
  const names: string[] = [];
  for (const e of files.list(rel)) {
    const child = `${rel}/${e.name}`;
    if (isSecretPath(child)) continue;
    if (e.isDirectory()) folders.push(`${e.name}/`);
    else if (e.isFile()) names.push(e.name);
    else if (e.isSymbolicLink() && files.has(child))
      (files.isDirectory(child) ? folders : names).push(files.isDirectory(child) ? `${e.name}/` : e.name);
  }
  return { folders: folders.sort(), files: names.sort() };
}
