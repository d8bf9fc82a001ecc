/**
 * Everything the offline engine knows about one requirement before it shapes a plan: the change's kind,
 * the files to modify with their edit points, what already exists, the checks the project can run, where
 * tests, docs and the release note go. Phase builders (`phases.ts`) and sections (`sections.ts`) read it.
 */
import type { Check, EditPoint } from '../../domain/plan.js';
import type { Precedent } from '../../domain/precedent.js';
import type { CodeRole } from '../../explore/conventions.js';
import { codeRoleOf, OUTSIDE_SOURCE, proposePath } from '../../explore/conventions.js';
import { isCodeLanguage } from '../../explore/languages.js';
import type { CodebaseProfile } from '../../explore/profile.js';
import type { Query } from '../../explore/relevance.js';
import { readQuery } from '../../explore/relevance.js';
import { projectFiles } from '../../files/project-files.js';
import { specificName } from '../../precedent/code-shape.js';
import { changelogAtRelease, noteWhere } from '../../precedent/release-notes.js';
import { invalidModuleName, narrowSelecting, narrowTestCommand, projectCommand } from '../checks.js';
import type { PlannerContext, PlanRequest } from '../planner.js';
import type { Analysis } from './analyze.js';
import { analyse } from './analyze.js';
import { findInTree, readCiLog } from './ci-log.js';
import type { FileOutline } from './edit-points.js';
import {
  clearPoint,
  editPointsOf,
  namedPoints,
  readOutline,
  requirementTerms,
  termStats,
} from './edit-points.js';
import { coveringTest, namingWords, placeTest, titleOf } from './placement.js';

export interface FileChange {
  path: string;
  why: string;
  edit_points?: EditPoint[];
  /** A new file whose name is decided later: what fills the `{placeholder}` in `path`. */
  later?: string;
}

export interface Target extends FileChange {
  score: number;
  /** The score of its best edit point (0 without one): how clearly the file has a place for the change. */
  best: number;
  outline: FileOutline | null;
}

export interface Work {
  req: PlanRequest;
  ctx: PlannerContext;
  profile: CodebaseProfile;
  a: Analysis;
  title: string;
  words: string[];
  ciReading: ReturnType<typeof readCiLog> | null;
  /** Files to modify, best first, with their edit points. */
  targets: Target[];
  /** What the precedent analysis concluded (features and options; null for fixes, CI, xano). */
  precedent: Precedent | null;
  /** Questions the phase builders raise from what they found. */
  questions: Array<{ question: string; why: string }>;
  /** Facts about what the project lacks or the plan leaves open, stated as assumptions. */
  facts: string[];
  /** What the precedent phases concluded, with its evidence: the summary says it. */
  conclusion: string;
  /** The existing test file that covers the change, or where a new one goes (collected by the runner). */
  covering: FileChange | null;
  newTest: string | null;
  checks: {
    test: Check[];
    static: Check[];
    /** The narrowest command for one test file. */
    narrow: (testFile: string, keyword?: string) => Check[];
    /** The narrowest command for one test file that runs the tests named (`narrowSelecting`). */
    selecting: (testFile: string, selects: string[]) => Check[];
    /** Checks the project lacks (test, lint, type check). */
    missing: string[];
  };
  docs: {
    file: FileChange | null;
    changelog: { create?: FileChange; modify?: FileChange } | null;
    /** Why no release note is planned: the project writes its changelog at release (`release-notes.ts`). */
    atRelease?: string;
  };
  /** New files, placed by the conventions, once each and never over an existing file. */
  newFile: (role: CodeRole, why: string, fallback?: string) => FileChange | null;
}

const CODE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|cs|xs|vue|svelte|prisma|sql)$/;
/** A library copied into the source tree: edited upstream, not here, unless the requirement names it. */
const VENDORED_IN_SOURCE =
  /(^|\/)(vendor|_vendor|vendored|third_party|extern|externals)\/|^[\w-]+\/packages\/.+\.py$/;

const DECLARATION = /\.d\.[cm]?ts$|\.pyi$/;
const TYPES_TOPIC =
  /typescript|\btypings?\b|\.d\.[cm]?ts\b|\.pyi\b|\btype (?:definition|declaration|hint|stub)s?\b|\btypes\b/i;

/**
 * A declaration file (`index.d.ts`, `.pyi`) describes the code, it does not run: the change lands in the
 * code first and the declaration follows, unless the requirement is about the types themselves. Sorts in
 * place, keeping the order otherwise.
 */
export function declarationsLast<T extends { path: string }>(ranked: T[], requirement: string): T[] {
  if (TYPES_TOPIC.test(requirement)) return ranked;
  return ranked.sort((x, y) => Number(DECLARATION.test(x.path)) - Number(DECLARATION.test(y.path)));
}

/**
 * Lines of code the report quotes ("it throws here: `if len(self.jars) > self.max_jars - 2:`") found,
 * word for word, at one place of the candidate files: read like the frame of a traceback, even when
 * the report misspells the file's name. A line found in several places (`return this;`) says nothing.
 */
export function quotedLines(requirement: string, outlines: (FileOutline | null)[]): Query['frames'] {
  const norm = (l: string) => l.trim().replace(/\s+/g, ' ');
  const quoted = new Set(
    requirement
      .split('\n')
      .map((l) => norm(l.replace(/^\s*(>\s*)+/, '').replace(/^`+|`+$/g, '')))
      .filter((l) => l.length >= 16 && /[=({;]|\.\w+\(/.test(l) && !/^(File "|at\s|Traceback)/.test(l)),
  );
  if (!quoted.size) return [];
  const hits = new Map<string, { path: string; line: number }[]>();
  for (const o of outlines)
    if (o)
      for (const [i, l] of o.lines.entries()) {
        const n = norm(l);
        if (quoted.has(n)) hits.set(n, [...(hits.get(n) ?? []), { path: o.path, line: i + 1 }]);
      }
  return [...hits.values()]
    .filter((at) => at.length === 1)
    .map(([at]) => ({ ...at!, weight: 2, quoted: true }))
    .slice(0, 5);
}

export function gatherWork(req: PlanRequest, ctx: PlannerContext, precedent: Precedent | null = null): Work {
  const { report } = ctx;
  const profile = report.profile;
  const files = projectFiles(ctx.root);
  const ciReading = req.ciLog ? readCiLog(req.ciLog.text, req.ciLog.name) : null;
  const a = analyse(req.requirement, { ci: Boolean(ciReading) });
  const hasWeb = profile.frameworks.some((f) => f.kind === 'web');
  const hasUi = profile.frameworks.some((f) => f.kind === 'ui');
  // Never an interface the codebase does not have: "endpoint" in a library's issue is not an HTTP API.
  a.interfaces = a.interfaces.filter((i) => (i === 'HTTP API' ? hasWeb : i === 'UI' ? hasUi : true));
  const title =
    req.title ?? (ciReading ? `Fix CI: ${ciReading.diagnosis.failing_step}` : titleOf(req.requirement));
  const words = ciReading ? ['ci', 'fix'] : namingWords(title);
  // The language tests are written in: the first that is code, not a build or shell script.
  const language =
    profile.languages.find((l) => isCodeLanguage(l.name) && !/^(Makefile|Dockerfile|Shell)$/.test(l.name))
      ?.name ?? null;
  const query = readQuery(req.requirement);

  // Files to modify: the explorer's ranking, kept to the clearly relevant code; applied migrations are
  // history (add a new one), and a vendored copy is changed upstream unless the requirement names it.
  const ranked = report.relevance?.relevantFiles ?? [];
  const topScore = ranked[0]?.score ?? 0;
  // Named outside a traceback: a frame in a vendored copy says where it failed, not what to change.
  const prose = req.requirement
    .split('\n')
    .filter((l) => !/^\s*(File "|at\s|Traceback)/.test(l))
    .join('\n');
  const named = (p: string) => prose.includes(p);
  const candidates = ranked
    .filter((f) => codeRoleOf(f.path) !== 'migration' && CODE_FILE.test(f.path))
    .filter((f) => !VENDORED_IN_SOURCE.test(f.path) || named(f.path))
    // Examples, docs and fixtures show the code; they change only when the requirement is about them.
    .filter((f) => !OUTSIDE_SOURCE.test(f.path) || named(f.path))
    // A wider net than the files finally named: the edit points decide which of these the change lands in.
    .filter((f) => f.score >= topScore * 0.3)
    .slice(0, ciReading ? 4 : 8)
    .map((f) => ({ path: f.path, score: f.score, reasons: f.reasons }));
  if (ciReading)
    for (const ref of ciReading.fileRefs) {
      const local = findInTree(ref.path, ctx);
      if (local && !candidates.some((m) => m.path === local))
        candidates.unshift({
          path: local,
          score: topScore + 1,
          reasons: [`named in the CI log${ref.line ? ` (line ${ref.line})` : ''}`],
        });
    }
  const read = candidates.map((f) => ({ f, outline: readOutline(ctx.root, f.path) }));
  const outlines = read.map((r) => r.outline).filter((o): o is FileOutline => o !== null);
  query.frames.push(...quotedLines(req.requirement, outlines));
  // A fix is localised by its report's words; a feature by its precedent, so only places it names count.
  const terms = requirementTerms(req.requirement);
  const stats = precedent ? null : termStats(outlines, terms, req.requirement);
  const scored = read.map(({ f, outline }) => {
    if (!outline) return { f, outline, points: [], best: 0 };
    if (stats) return { f, outline, ...editPointsOf(outline, query, terms, stats) };
    const points = namedPoints(outline, query);
    return { f, outline, points, best: points.length ? 6 : 0 };
  });
  // Among the clearly relevant files, the one with the clearest place to edit first: the file's rank and
  // its best edit point's score, each relative to the best of the run.
  const bestPoint = Math.max(1, ...scored.map((s) => s.best));
  const topFile = Math.max(1, ...candidates.map((c) => c.score));
  const targets: Target[] = scored
    .map(({ f, outline, points, best }) => ({
      path: f.path,
      why: f.reasons.slice(0, 2).join('; ') || 'ranked relevant by the explorer',
      score: f.score / topFile + best / bestPoint,
      best,
      outline,
      ...(points.length ? { edit_points: points } : {}),
    }))
    .sort((x, y) => y.score - x.score);
  declarationsLast(targets, req.requirement);

  // The test file of the code the requirement points at clearly, else of any file that ranks. With a
  // precedent the core's tests are the plan's (`namedCodeTests` for the code a requirement names).
  const clear = targets.filter((t) => t.edit_points?.some(clearPoint));
  const covering = precedent ? null : coveringTest(ctx.root, report, clear.length ? clear : targets);
  // Where a new test goes: the fix's fallback, and the precedent's when no test exercises the sibling.
  const placed0 = placeTest(report, words, language);
  const newTest = placed0 && !files.has(placed0) ? placed0 : null;

  const check = (purpose: 'test' | 'lint' | 'typecheck', expect: string): Check[] => {
    const c = projectCommand(profile, purpose);
    return c ? [{ command: c.command, expect, evidence: c.evidence }] : [];
  };
  const test = check('test', 'passes');
  const statics = [...check('typecheck', 'reports no errors'), ...check('lint', 'reports no problems')];
  const missing = [
    ...(test.length ? [] : ['tests']),
    ...(profile.commands.some((c) => c.purpose === 'lint') ? [] : ['lint']),
  ];
  // A narrow command, unless it is the project's whole test run.
  const unlessSuite = (n: ReturnType<typeof narrowTestCommand>): Check[] =>
    n && !test.some((t) => t.command === n.command)
      ? [{ command: n.command, expect: 'passes', evidence: n.evidence }]
      : [];
  const narrow = (testFile: string, keyword?: string) =>
    unlessSuite(narrowTestCommand(profile, testFile, keyword));
  const selecting = (testFile: string, selects: string[]) =>
    unlessSuite(narrowSelecting(profile, testFile, selects));

  const placed = new Set<string>();
  const newFile = (role: CodeRole, why: string, fallback?: string): FileChange | null => {
    const path = proposePath(report.conventions, role, words, ctx.now) ?? fallback ?? null;
    if (!path || placed.has(path) || invalidModuleName(path)) return null;
    placed.add(path);
    if (files.has(path)) return null;
    return { path, why };
  };

  return {
    req,
    ctx,
    profile,
    a,
    title,
    words,
    ciReading,
    targets,
    precedent,
    questions: [],
    facts: [],
    conclusion: '',
    covering,
    newTest,
    checks: { test, static: statics, narrow, selecting, missing },
    docs: docsOf(ctx, a, precedent ? [] : targets, title, precedent?.requested?.spellings),
    newFile,
  };
}

const FIX_TYPES = ['bugfix', 'bugfixes', 'fix', 'fixes', 'fixed'];
const FEATURE_TYPES = ['feature', 'features', 'added', 'new_check', 'improvement'];
/** Files that document no behaviour: release notes of past versions, the licence, conduct and notices. */
const NOT_DOCS =
  /(^|\/)(CHANGES|CHANGELOG|HISTORY|NEWS|LICEN[CS]E|COPYING|NOTICE|CODE_OF_CONDUCT|AUTHORS|CONTRIBUTORS)([._-]|$)|whatsnew|release[-_]?notes|changelog/i;

/**
 * Where the change is documented: the docs page that mentions a symbol the change touches (not the README
 * by default, never a ranked guess), and the release note in the project's changelog format. Features and
 * options take their docs pages from the precedent's footprint only (no targets: no page here).
 */
function docsOf(ctx: PlannerContext, a: Analysis, targets: Target[], title: string, asked?: string[]) {
  const { report } = ctx;
  const files = projectFiles(ctx.root);
  const names = targets
    .flatMap((t) => (t.edit_points ?? []).map((e) => e.symbol.split('.').pop()!))
    .filter(specificName);
  const docCandidates = [
    ...(report.relevance?.docs ?? []).map((d) => d.path),
    ...report.profile.docs.map((d) => d.name),
  ].filter((p, i, all) => all.indexOf(p) === i && /\.(md|mdx|rst|txt|adoc)$/.test(p));
  let file: FileChange | null = null;
  // A fix restores documented behaviour: it needs a release note, not a docs change.
  for (const p of a.workType === 'fix' || !names.length ? [] : docCandidates) {
    // Release notes of past versions document nothing of what the code does now.
    if (NOT_DOCS.test(p)) continue;
    const text = files.readEvidence(p);
    if (!text) continue;
    const lines = text.split('\n');
    const hit = names.map((n) => ({ n, i: lines.findIndex((l) => l.includes(n)) })).find((x) => x.i >= 0);
    if (hit) {
      file = { path: p, why: `documents \`${hit.n}\` (line ${hit.i + 1}): describe the change beside it` };
      break;
    }
  }

  const cl = report.profile.changelog;
  let changelog: Work['docs']['changelog'] = null;
  if (cl?.kind === 'fragments') {
    const kinds = a.workType === 'fix' ? FIX_TYPES : FEATURE_TYPES; // in order: a new option is a feature
    const type = kinds.find((t) => cl.types.includes(t)) ?? kinds[0]!;
    // A fragment named without a prose extension (`123.feature`) is written the same way.
    const ext = cl.example ? (/\.(rst|md|txt)$/.exec(cl.example)?.[1] ?? '') : (cl.suffix ?? 'rst');
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)
      .replace(/-[^-]*$/, '');
    const example = cl.example ? ` like \`${cl.example}\`` : '';
    changelog = {
      create: {
        path: `${cl.path}/+${slug}.${type}${ext ? `.${ext}` : ''}`,
        why: `a news fragment${example}; rename it to the issue or pull request number`,
      },
    };
  } else if (cl?.versions?.released) {
    // One page per version and the newest is out: the entry goes on the next version's page.
    const ext = cl.path.split('.').pop();
    changelog = {
      create: {
        path: `${cl.versions.folder}/{version}.${ext}`,
        why: `the next version's release notes, a page like \`${cl.path}\` (the newest, already released)`,
        later: '{version}: the number of the release this change goes out in',
      },
    };
  } else if (cl?.kind === 'file') {
    const text = files.readEvidence(cl.path) ?? '';
    // Written when it releases, or the unreleased entries name it: no entry with the change (the fact says why).
    const git = report.inventory.source === 'git';
    const atRelease = changelogAtRelease(ctx.root, report.profile, () => text, git, asked);
    if (atRelease) return { file, changelog: null, atRelease: atRelease.why };
    changelog = { modify: { path: cl.path, why: noteWhere(text) } };
  }
  return { file, changelog };
}
