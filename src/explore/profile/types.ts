/** What exploring finds about a codebase: its profile, with evidence (file and line) for every finding. */

export interface Evidence {
  file: string;
  line: number;
}

export interface Finding {
  name: string;
  /** e.g. web, orm, test, ui for frameworks; npm, poetry for package managers. */
  kind?: string;
  detail?: string;
  evidence: Evidence;
}

export type CommandPurpose = 'test' | 'lint' | 'format' | 'typecheck' | 'build' | 'dev' | 'migrate' | 'ci';

export interface CommandFinding {
  purpose: CommandPurpose;
  command: string;
  evidence: Evidence;
  /** What the command runs, when it is an alias (a package script's body, a make target's recipe). */
  runs?: string;
}

/** The test runner and the files it collects, as the project configures it (or the runner's defaults). */
export interface TestRunner {
  name: 'pytest' | 'jest' | 'vitest' | 'mocha' | 'go' | 'cargo' | 'other';
  /** Globs (picomatch) of the files the runner collects, relative to the root. */
  collects: string[];
  /** Folders the runner looks in (pytest `testpaths`, mocha spec folders); empty for everywhere. */
  roots: string[];
  /** How the test script calls the runner (`mocha --require test/support/env test/`), when it does. */
  invocation?: string;
  evidence: Evidence;
}

export interface CiSystem {
  system: string;
  file: string;
  jobs: Finding[];
}

export interface XanoWorkspace {
  root: string;
  components: Record<'apis' | 'functions' | 'tables' | 'tasks' | 'workflow_tests', string[]>;
}

export interface CodebaseProfile {
  languages: Array<{ name: string; files: number; lines: number }>;
  packageManagers: Finding[];
  workspaces: Finding[];
  frameworks: Finding[];
  commands: CommandFinding[];
  pytestMarkers: Finding[];
  testRunner: TestRunner | null;
  ci: CiSystem[];
  database: { tools: Finding[]; migrations: Finding[] };
  containers: Finding[];
  entryPoints: Finding[];
  docs: Finding[];
  changelog: Changelog | null;
  /** With no changelog of the whole project: the changelogs its packages keep (`crates/lib/CHANGELOG.md`). */
  packageChangelogs?: string[];
  xano: XanoWorkspace | null;
}

/** Where the project records its changes: one file, or a folder of news fragments (towncrier and the like). */
export interface Changelog {
  kind: 'file' | 'fragments';
  /** The changelog file, or the fragments folder. */
  path: string;
  /** Fragment types seen in the folder (`feature`, `bugfix`, …), and one existing fragment's name. */
  types: string[];
  example?: string;
  /** The extension the project's fragment tool gives a new fragment (`md`; '' for none), when it says. */
  suffix?: string;
  /**
   * A folder of release notes with one page per version: `path` is the newest version's page, and
   * `released` says whether that version is out (then the next version needs a page of its own).
   */
  versions?: { folder: string; released: boolean };
  evidence: Evidence;
}

export function emptyProfile(): CodebaseProfile {
  return {
    languages: [],
    packageManagers: [],
    workspaces: [],
    frameworks: [],
    commands: [],
    pytestMarkers: [],
    testRunner: null,
    ci: [],
    database: { tools: [], migrations: [] },
    containers: [],
    entryPoints: [],
    docs: [],
    changelog: null,
    xano: null,
  };
}

/** 1-based line of the first occurrence of needle, or 1. */
export function lineOf(text: string, needle: string | RegExp): number {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  if (i < 0) return 1;
  let n = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * The line of a JSON key (`"name": …`, not the same word as a value in an array), the first after the key
 * `within` when given (a script under `"scripts"`); line 1 when there is none.
 */
export function keyLine(text: string, key: string, within?: string): number {
  const esc = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const from = within ? text.search(new RegExp(`"${esc(within)}"\\s*:`)) : 0;
  if (from < 0) return 1;
  const at = text.slice(from).search(new RegExp(`"${esc(key)}"\\s*:`));
  return at < 0 ? 1 : text.slice(0, from + at).split('\n').length;
}
