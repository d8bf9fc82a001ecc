import type { Precedent } from '../../domain/precedent.js';
import type { CodebaseProfile } from '../../explore/profile.js';
import { type ProjectFiles, projectFiles } from '../../files/project-files.js';

/**
 * What every check reads: the project's files through the guarded file layer (each file read once per
 * run), its profile, and the precedent analysis when the plan carries one.
 */
export interface CheckContext {
  root: string;
  profile: CodebaseProfile;
  files: ProjectFiles;
  precedent?: Precedent;
  /**
   * Verdicts for the plan's own claims of "new" when it records none (`claim-precedent.ts`): each is judged
   * like the recorded one.
   */
  claimed?: Precedent[];
  /** A file's text, or null when it is missing or may not be read. Cached. */
  read(path: string): string | null;
  /** The names in a folder (files and folders), or [] when it is not one. Cached. */
  list(dir: string): Array<{ name: string; dir: boolean }>;
  /** Memo for derived facts (runner configs, generated files, scripts), by key. */
  memo<T>(key: string, make: () => T): T;
}

export function checkContext(
  root: string,
  profile: CodebaseProfile,
  precedent?: Precedent,
  claimed?: Precedent[],
): CheckContext {
  const files = projectFiles(root);
  const texts = new Map<string, string | null>();
  const dirs = new Map<string, Array<{ name: string; dir: boolean }>>();
  const memos = new Map<string, unknown>();
  return {
    root,
    profile,
    files,
    precedent,
    ...(claimed?.length ? { claimed } : {}),
    read(path) {
      const p = path.replace(/^\.\//, '') || '.';
      if (!texts.has(p)) {
        let t: string | null = null;
        try {
          t = files.isFile(p) ? files.readText(p).text : null;
        } catch {
          t = null;
        }
        texts.set(p, t);
      }
      return texts.get(p)!;
    },
    list(dir) {
      const d = dir.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
      if (!dirs.has(d)) {
        let out: Array<{ name: string; dir: boolean }> = [];
        try {
          out = files.isDirectory(d)
            ? files.list(d).map((e) => ({ name: e.name, dir: e.isDirectory() }))
            : [];
        } catch {
          out = [];
        }
        dirs.set(d, out);
      }
      return dirs.get(d)!;
    },
    memo<T>(key: string, make: () => T): T {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as T;
    },
  };
}

/** A finding of one check: the rule, and the message every door shows (what is wrong, what would pass). */
export interface CheckFinding {
  rule:
    | 'modify-exists'
    | 'create-absent'
    | 'outside-root'
    | 'module-name'
    | 'test-collected'
    | 'edit-point'
    | 'command-exists'
    | 'command-terminates'
    | 'command-syntax'
    | 'command-changes-tree'
    | 'command-runner'
    | 'command-selection'
    | 'command-flags'
    | 'generated-file'
    | 'changelog-fragment'
    | 'placeholder-path'
    | 'sketch-parses'
    | 'claim-new'
    | 'claim-symbol';
  message: string;
}
