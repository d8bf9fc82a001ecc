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

/**
 * The folder of one installed dependency, by path ("node_modules/express", ".venv/lib/python3.12/site-packages/flask")
 * or by package name ("express", "@scope/pkg", "flask": looked up in node_modules, vendor, third_party and
 * a virtual environment's site-packages). Throws {@link FileAccessError} when no dependency folder holds it.
 */
export function resolveDependency(files: ProjectFiles, name: string): string {
  const asked = name.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (!asked || asked.split('/').includes('..'))
    throw new FileAccessError(name, 'is not a dependency name or a folder inside a dependency folder');
  if (isDependencyPath(asked)) {
    const rel = files.relative(asked);
    if (!files.isDirectory(rel))
      throw new FileAccessError(name, 'is not a folder of an installed dependency');
    return rel;
  }
  const candidates = ['node_modules', 'vendor', 'third_party'].map((d) => `${d}/${asked}`);
  for (const env of ['.venv', 'venv'])
    for (const lib of ['lib', 'lib64'])
      for (const py of files.list(`${env}/${lib}`))
        if (py.name.startsWith('python')) candidates.push(`${env}/${lib}/${py.name}/site-packages/${asked}`);
  for (const env of ['.venv', 'venv']) candidates.push(`${env}/Lib/site-packages/${asked}`);
  const hit = candidates.find((c) => files.has(c) && files.isDirectory(c));
  if (!hit)
    throw new FileAccessError(
      name,
      `no installed dependency by that name (looked in ${dependencyRoots(files).join(', ') || 'no dependency folder: none is installed'})`,
    );
  return files.relative(hit);
}

/**
 * The files of one dependency folder (from {@link resolveDependency}), walked depth first in name order:
 * no secrets by name, no symlinked folders (a link may leave the root or loop), at most `limit` files.
 */
export function dependencyFiles(
  files: ProjectFiles,
  folder: string,
  limit = 20_000,
): { files: string[]; truncated: boolean } {
  const out: string[] = [];
  const walk = (dir: string): boolean => {
    const entries = files.list(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = `${dir}/${e.name}`;
      if (isSecretPath(child)) continue;
      if (e.isDirectory()) {
        if (!walk(child)) return false;
      } else if (e.isFile() || (e.isSymbolicLink() && files.has(child) && files.isFile(child))) {
        if (out.length >= limit) return false;
        out.push(child);
      }
    }
    return true;
  };
  const complete = walk(folder);
  return { files: out, truncated: !complete };
}
