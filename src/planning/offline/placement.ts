/**
 * Placement and naming by the project's own rules: where a new module goes and what it is called (valid in
 * its language), where a new test goes so the runner collects it, and which existing test file covers a
 * module (extend it rather than add one beside it).
 */

import { TEST_DATA } from '../../explore/conventions.js';
import { isCodeLanguage, languageOf } from '../../explore/languages.js';
import { projectFiles } from '../../files/project-files.js';
import { specificName, usesAsCode } from '../../precedent/code-shape.js';
import { collectedBy } from '../checks.js';
import type { PlannerContext } from '../planner.js';

const LEADING_VERBS =
  /^(please\s+)?(add|create|build|implement|support|introduce|make|enable|allow|let|write|design|plan|fix|refactor|improve|update|change|migrate)\s+/i;
const CUT =
  /\s+(by|with|for|to|when|via|in|on|from|so|that|using|into|after|before|and|as|of|at|per|without)\s+.*$/i;

/** Words to name new files after: "add password reset by email" → password, reset. */
const INTERFACE_NOUNS = new Set(
  'endpoint endpoints api route routes page screen button form modal command job worker feature support option ability way new simple basic users user nightly daily weekly'.split(
    ' ',
  ),
);
const FILLER = new Set(
  'a an the that are is not yet all any their our my its his her every each some'.split(' '),
);
const singular = (w: string) =>
  w.endsWith('ies')
    ? `${w.slice(0, -3)}y`
    : w.endsWith('ses')
      ? w.slice(0, -2)
      : w.endsWith('s') && !w.endsWith('ss')
        ? w.slice(0, -1)
        : w;

/** Words to name new files after: "add password reset by email" → password, reset; "add a cancel endpoint for orders" → cancel, order. */
export function namingWords(title: string): string[] {
  // "users can change their display name": who and the modal go, then the verb ("display name" is left).
  const stripped = title
    .replace(/^(let|allow)\s+\w+\s+/i, '')
    .replace(
      /^((an?|the)\s+)?(users?|admins?|customers?|people|we|you|they|callers?)\s+(can|could|should|must|will|may|want to|need to|are able to)\s+/i,
      '',
    )
    .replace(LEADING_VERBS, '')
    .replace(/^(a|an|the)\s+/i, '');
  const core = stripped.replace(CUT, '');
  const tail = stripped.slice(core.length).replace(/^\s*\w+\s+/, '');
  const clean = (s: string) =>
    (s.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []).filter((w) => !INTERFACE_NOUNS.has(w) && !FILLER.has(w));
  const words = clean(core).slice(0, 3);
  if (words.length < 2) {
    const entity = clean(tail)[0];
    if (entity) words.push(singular(entity));
  }
  return words.length ? words : ['change'];
}

/** A title inside a sentence: its first letter lowercased ("… should add password reset change?"). */
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The requirement's first line as a title, whole: a long one is cut at a word, never inside one. */
export function titleOf(text: string): string {
  const first = text
    .trim()
    .split('\n')
    .find((l) => l.trim())!
    // A heading's marks, or a changelog line's leading colon or bullet.
    .replace(/^(?:#+\s*|[:*>]\s*|-\s+)+/, '')
    .trim();
  // Whole up to 160 characters (an issue title is the maintainer's words); past that, cut at a word.
  const t = first.length > 160 ? `${first.slice(0, 157).replace(/\s+\S*$/, '')}…` : first;
  // Capitalised only when it starts with a plain word: `requests.get is …` keeps the code as written.
  return /^[a-z]+\b(?![._(`$])/.test(t) ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

/**
 * Where the project's tests live: the folder of its most common test files that are code (not data files
 * named like tests, `test_graph.dot`) outside folders of test data; else `tests`.
 */
export function testDir(report: PlannerContext['report']): string {
  const t = report.conventions.find(
    (c) => c.role === 'test' && isCodeLanguage(languageOf(c.pattern)) && !TEST_DATA.test(c.pattern),
  );
  return t ? t.pattern.slice(0, t.pattern.lastIndexOf('/')) : 'tests';
}

/** A new module's file name, valid in its language: snake_case where names are identifiers (Python, Ruby, Go, Rust). */
export function moduleName(words: string[], language: string | null): string {
  const w = words.length ? words : ['change'];
  return /^(Python|Ruby|Go|Rust|XanoScript)$/.test(language ?? '') ? w.join('_') : w.join('-');
}

/** A new test file's name that the language's runner collects by default. */
export function testFileName(words: string[], language: string | null): string {
  const base = moduleName(words, language);
  if (language === 'Python') return `test_${base}.py`;
  const ext = { JavaScript: '.test.js', Go: '_test.go', Rust: '.rs', Ruby: '_spec.rb', XanoScript: '.xs' };
  return `${base}${ext[language as keyof typeof ext] ?? '.test.ts'}`;
}

/** A test file its runner executes: `test_*.py`/`*_test.py`, `*_test.go`, `*.test.*`/`*.spec.*`, `*_spec.rb`, or code under test/. */
const RUNNABLE_TEST =
  /(^|\/)(test_[^/]*|[^/]*_test)\.py$|_test\.go$|\.(test|spec)\.[cm]?[jt]sx?$|_spec\.rb$|(^|\/)(test|tests|__tests__|spec)\/[^.]*(\.[^/.]+)*\.[cm]?[jt]sx?$/;

/**
 * The existing test file that covers the code to change (no precedent: a feature's is the core's,
 * `namedCodeTests`): for each of its edit points' functions in turn, the ranked test the runner collects
 * that uses it (calls it or reads a member), the one that uses it on the most lines, unless most of them
 * do; then the best-ranked test where tests live. A test file with a similar name that never uses the
 * code does not count. Extending it beats a new file beside it.
 */
export function coveringTest(
  root: string,
  report: PlannerContext['report'],
  modify: Array<{ edit_points?: Array<{ symbol: string }> }>,
): { path: string; why: string } | null {
  // Only files a runner executes: a fixture or input file under tests/ is no place for a new case.
  // The project's runner decides when it is known (pylint collects `*test_*.py`, so `unittest_similar.py`).
  const runner = report.profile.testRunner;
  const tests = (report.relevance?.tests ?? []).filter(
    (t) => collectedBy(runner, t.path) ?? RUNNABLE_TEST.test(t.path),
  );
  const symbols = [
    ...new Set(modify.flatMap((m) => m.edit_points ?? []).map((e) => e.symbol.split('.').pop()!)),
  ].filter(specificName);
  const files = projectFiles(root);
  const lines = new Map(tests.map((t) => [t, (files.readEvidence(t.path) ?? '').split('\n')]));
  for (const x of symbols) {
    // Used as code (called, a member read or called: `caplog.set_level`), not a word of a test's title.
    const re = usesAsCode(x);
    const uses = new Map(tests.map((t) => [t, lines.get(t)!.filter((l) => re.test(l)).length]));
    // The file that uses it most, the better-ranked on a tie (a stable sort keeps the ranking).
    const hits = tests.filter((t) => uses.get(t)! > 0).sort((a, b) => uses.get(b)! - uses.get(a)!);
    // A name most of the ranked tests use (`header`, `compile`) tells none of them apart.
    if (hits[0] && (hits.length < 3 || hits.length * 2 <= tests.length))
      return { path: hits[0].path, why: `the tests that use \`${x}\`` };
  }
  // Else the best-ranked test only where tests live (a test folder, or a top-level test file): a
  // `*_test.py` helper inside the package is a utility, not the tests of the change.
  const roots = runner?.roots ?? [];
  const pick = tests.find(
    (t) =>
      /^(test|tests|__tests__|spec)\/|^test_[^/]*\.py$/.test(t.path) ||
      roots.some((r) => t.path.startsWith(`${r}/`)),
  );
  return pick
    ? {
        path: pick.path,
        why: `the best-ranked existing tests${pick.reasons[0] ? ` (${pick.reasons[0]})` : ''}`,
      }
    : null;
}

/**
 * Where a new test file goes so that the project's runner collects it: beside the existing tests, named by
 * the language's convention, else shaped by the runner's own pattern (`tests/unit/*.tests.ts`). Null when
 * no name the runner collects can be made.
 */
export function placeTest(
  report: PlannerContext['report'],
  words: string[],
  language: string | null,
): string | null {
  const runner = report.profile.testRunner;
  const dir = testDir(report);
  const first = `${dir}/${testFileName(words, language)}`;
  if (collectedBy(runner, first) !== false) return first;
  const name = moduleName(words, language);
  const js = language === 'TypeScript' ? 't' : 'j';
  for (const glob of runner!.collects) {
    const path = glob
      .replace(/^\.\//, '')
      .replace(/^\*\*\//, `${runner!.roots[0] ?? dir}/`)
      .replace(/\/\*\*\//g, '/')
      .replace(/\{([^,}]+)[^}]*\}/g, '$1')
      .replace(/\?\(([^|)]*)[^)]*\)/g, '')
      .replace(/\+\(([^|)]*)[^)]*\)/g, '$1')
      .replace(/\[jt\]/g, js)
      .replace(/\[([^\]])[^\]]*\]/g, '$1')
      .replace(/\*/, name)
      .replace(/\*/g, '');
    if (collectedBy(runner, path)) return path;
  }
  return null;
}
