import { z } from 'zod';

/**
 * The words agents write for plansmith's enums, mapped onto the canonical ones: a review is not lost over
 * "high" instead of "major", nor a batch over `uniqueId: 1`. Matching ignores case, spaces and dashes.
 */
const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The severity scale of critique feedback, most severe first. */
export const SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;

export const SEVERITY_WORDS: Record<string, (typeof SEVERITIES)[number]> = {
  critical: 'critical',
  blocker: 'critical',
  blocking: 'critical',
  severe: 'critical',
  high: 'major',
  major: 'major',
  important: 'major',
  medium: 'minor',
  moderate: 'minor',
  minor: 'minor',
  low: 'info',
  info: 'info',
  trivial: 'info',
  nit: 'info',
  nitpick: 'info',
  suggestion: 'info',
};

export const VERDICT_WORDS: Record<string, 'pass' | 'fail'> = {
  pass: 'pass',
  passed: 'pass',
  approve: 'pass',
  approved: 'pass',
  accept: 'pass',
  accepted: 'pass',
  ok: 'pass',
  lgtm: 'pass',
  fail: 'fail',
  failed: 'fail',
  reject: 'fail',
  rejected: 'fail',
  changes_requested: 'fail',
  request_changes: 'fail',
  needs_work: 'fail',
};

export const KIND_WORDS: Record<string, string> = {
  implement: 'implement',
  implementation: 'implement',
  build: 'implement',
  develop: 'implement',
  development: 'implement',
  code: 'implement',
  feature: 'implement',
  critique: 'critique',
  review: 'critique',
  reviewer: 'critique',
  critic: 'critique',
  test: 'test',
  tests: 'test',
  testing: 'test',
  qa: 'test',
  research: 'research',
  investigate: 'research',
  investigation: 'research',
  spike: 'research',
  docs: 'docs',
  doc: 'docs',
  documentation: 'docs',
  other: 'other',
  chore: 'other',
};

export const STATUS_WORDS: Record<string, string> = {
  pending: 'pending',
  todo: 'pending',
  to_do: 'pending',
  open: 'pending',
  ready: 'pending',
  in_progress: 'in_progress',
  inprogress: 'in_progress',
  doing: 'in_progress',
  started: 'in_progress',
  wip: 'in_progress',
  active: 'in_progress',
  done: 'done',
  complete: 'done',
  completed: 'done',
  finished: 'done',
  closed: 'done',
  failed: 'failed',
  error: 'failed',
  blocked: 'blocked',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/** What a change is, in the words models use for it (canonical values in plan.ts WORK_TYPES). */
export const WORK_TYPE_WORDS: Record<string, string> = {
  feature: 'feature',
  feat: 'feature',
  new_feature: 'feature',
  enhancement: 'feature',
  capability: 'feature',
  option: 'option',
  setting: 'option',
  flag: 'option',
  config: 'option',
  configuration: 'option',
  fix: 'fix',
  bug: 'fix',
  bugfix: 'fix',
  bug_fix: 'fix',
  defect: 'fix',
  hotfix: 'fix',
  refactor: 'refactor',
  refactoring: 'refactor',
  cleanup: 'refactor',
  performance: 'performance',
  perf: 'performance',
  optimization: 'performance',
  optimisation: 'performance',
  migration: 'migration',
  migrate: 'migration',
  upgrade: 'migration',
  ci: 'ci',
  build: 'ci',
  pipeline: 'ci',
  docs: 'docs',
  doc: 'docs',
  documentation: 'docs',
};

/** The kind of a plan phase: a task kind without critique (critiques are derived). */
export const PHASE_KIND_WORDS: Record<string, string> = Object.fromEntries(
  Object.entries(KIND_WORDS).filter(([, v]) => v !== 'critique'),
);

export const LIKELIHOOD_WORDS: Record<string, string> = {
  low: 'low',
  unlikely: 'low',
  minor: 'low',
  medium: 'medium',
  med: 'medium',
  moderate: 'medium',
  possible: 'medium',
  high: 'high',
  likely: 'high',
  major: 'high',
};

/** The canonical word for an agent's word, or undefined. */
export function canonical<T extends string>(words: Record<string, T>, word: string): T | undefined {
  return words[key(word)];
}

/** A zod enum that also takes the synonyms in `words` (any case), and says which words it takes. */
export function tolerantEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  words: Record<string, string>,
) {
  const extra = Object.keys(words).filter((w) => !values.includes(w));
  return z
    .preprocess((v) => (typeof v === 'string' ? (canonical(words, v) ?? v) : v), z.enum(values))
    .describe(`${values.join('|')}${extra.length ? ` (also: ${extra.slice(0, 8).join(', ')}…)` : ''}`);
}

/** An id an agent may write as a number: `uniqueId: 1` is the string "1". */
export const idLike = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform((v) => String(v));

/** The words agents write for the fields of critique feedback (`where` for `location`, `fix` for `suggestion`). */
export const FEEDBACK_FIELD_WORDS: Record<string, string> = {
  summary: 'summary',
  overall: 'summary',
  message: 'summary',
  issues: 'issues',
  problems: 'issues',
  findings: 'issues',
  comments: 'issues',
};

export const FEEDBACK_ISSUE_WORDS: Record<string, string> = {
  what: 'what',
  issue: 'what',
  problem: 'what',
  finding: 'what',
  title: 'what',
  expected: 'expected',
  expectation: 'expected',
  should: 'expected',
  actual: 'actual',
  observed: 'actual',
  found: 'actual',
  location: 'location',
  where: 'location',
  file: 'location',
  path: 'location',
  place: 'location',
  suggestion: 'suggestion',
  fix: 'suggestion',
  suggested_fix: 'suggestion',
  recommendation: 'suggestion',
  remedy: 'suggestion',
  severity: 'severity',
  priority: 'severity',
  level: 'severity',
  impact: 'severity',
  severity_given: 'severity_given',
};

/**
 * An object's fields in plansmith's words: a synonym is renamed (`where` → `location`) and the rename noted;
 * a field with no meaning here is kept as given and noted, never dropped. A synonym whose plansmith word is
 * also given is kept as given.
 */
export function fieldsInWords(
  value: Record<string, unknown>,
  words: Record<string, string>,
  at: string,
): { value: Record<string, unknown>; notes: string[] } {
  const out: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const c = canonical(words, k);
    if (c === k) out[k] = v;
    else if (c && !(c in value) && !(c in out)) {
      out[c] = v;
      notes.push(`${at}.${k} read as ${c}`);
    } else if (c) {
      out[k] = v;
      notes.push(`${at}.${k} kept as given (${at}.${c} is given too)`);
    } else {
      out[k] = v;
      notes.push(
        `${at}.${k} is not a field plansmith knows (use ${[...new Set(Object.values(words))].join(', ')}); kept as given`,
      );
    }
  }
  return { value: out, notes };
}

/** Critique feedback in plansmith's words, with a note per renamed or unknown field. */
export function feedbackInWords(feedback: unknown): { feedback: unknown; notes: string[] } {
  if (!feedback || typeof feedback !== 'object' || Array.isArray(feedback)) return { feedback, notes: [] };
  const top = fieldsInWords(
    feedback as Record<string, unknown>,
    FEEDBACK_FIELD_WORDS,
    'feedback_for_rebuild',
  );
  const notes = [...top.notes];
  const issues = top.value.issues;
  if (Array.isArray(issues))
    top.value.issues = issues.map((issue, i) => {
      if (!issue || typeof issue !== 'object' || Array.isArray(issue)) return issue;
      const r = fieldsInWords(
        issue as Record<string, unknown>,
        FEEDBACK_ISSUE_WORDS,
        `feedback_for_rebuild.issues[${i}]`,
      );
      notes.push(...r.notes);
      return r.value;
    });
  return { feedback: top.value, notes };
}
