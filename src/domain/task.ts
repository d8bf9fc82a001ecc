import { z } from 'zod';
import { ValidationError } from './errors.js';
import { LIMITS } from './limits.js';
import { secretInText, secretInValue } from './secret-text.js';
import { nameProblem } from './text-safety.js';
import {
  canonical,
  idLike,
  KIND_WORDS,
  SEVERITIES,
  SEVERITY_WORDS,
  tolerantEnum,
  VERDICT_WORDS,
} from './words.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The task model. A task is one unit of work for one agent. Statuses and the moves between them:
 *
 *   pending ──claim──▶ in_progress ──complete──▶ done
 *      ▲                   │  │                    │
 *      │◀──release─────────┘  │                    │ a critique of it fails (re-opened with feedback)
 *      │◀──fail / lease expiry, attempts left      │
 *      │◀──────────────────────────────────────────┘
 *   in_progress ──fail / lease expiry, no attempts left──▶ failed ──retry──▶ pending
 *   pending | in_progress ──block──▶ blocked ──unblock──▶ pending
 *   any but done ──cancel──▶ cancelled
 *
 * "ready" is derived, never set by hand: a pending task is ready when every dependency is done (or
 * cancelled), every earlier sibling sub-task is done (or cancelled), and, for a sub-task, every
 * dependency of its parent is done. A parent with sub-tasks is never claimed itself; its status is
 * derived from theirs (done exactly when all are done or cancelled and at least one is done).
 */

export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'failed', 'blocked', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_KINDS = ['implement', 'critique', 'test', 'research', 'docs', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** A dependency in one of these states lets its dependents go on. */
export function satisfies(status: TaskStatus): boolean {
  return status === 'done' || status === 'cancelled';
}

export interface ValidationCriteria {
  critical: string[];
  expected: string[];
  nice_to_have: string[];
}

export interface Lease {
  owner: string;
  /** ISO 8601 */
  expires_at: string;
}

export interface Task {
  id: string;
  plan_id: string | null;
  batch_id: string;
  parent_id: string | null;
  task_order: number;
  /** 1-based place among its siblings, for sub-tasks; null for top-level tasks. */
  position: number | null;
  task_name: string;
  description: string;
  skill_id: string | null;
  category: string | null;
  kind: TaskKind;
  status: TaskStatus;
  ready: boolean;
  dependencies: string[];
  /** Ids of the tasks this critique reviews (empty unless kind is critique). */
  critiques: string[];
  inputs: Record<string, unknown>;
  validation_criteria: ValidationCriteria;
  timeout_seconds: number | null;
  estimate_minutes: number | null;
  attempts: number;
  max_attempts: number;
  lease: Lease | null;
  outputs: Record<string, unknown>;
  last_error: string | null;
  subtask_count: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export const VERDICTS = ['pass', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

export { SEVERITIES };

/** One issue of critique feedback; fields beyond these are kept as given (`feedbackInWords` notes them). */
export const feedbackIssueSchema = z
  .looseObject({
    what: z.string(),
    expected: z.string().optional(),
    actual: z.string().optional(),
    location: z.string().optional(),
    suggestion: z.string().optional(),
    /** critical|major|minor|info; high/medium/low and the like are mapped, the word given kept. */
    severity: z.string().optional(),
    severity_given: z.string().optional(),
  })
  .transform((issue, ctx) => {
    if (issue.severity === undefined) return issue;
    const s = canonical(SEVERITY_WORDS, issue.severity);
    if (!s) {
      ctx.addIssue({
        code: 'custom',
        path: ['severity'],
        message: `"${issue.severity}" is not a severity: use critical, major, minor or info (high, medium and low are read as major, minor and info)`,
      });
      return z.NEVER;
    }
    return s === issue.severity ? issue : { ...issue, severity: s, severity_given: issue.severity };
  });

/** Free text that reaches the store and prompts: never a secret (one check, `secretInText`). */
const freeText = z.string().superRefine((s, ctx) => {
  const what = secretInText(s);
  if (what) ctx.addIssue({ code: 'custom', message: `holds what looks like ${what}; remove it` });
});

/**
 * The same check over every string of a free-form value (task inputs of any kind, outputs, critique
 * feedback and the fields its writer added), the refusal naming the string's path.
 */
export const noSecretsInside = <T extends z.ZodType>(schema: T) =>
  schema.superRefine((v, ctx) => {
    const hit = secretInValue(v);
    if (hit)
      ctx.addIssue({
        code: 'custom',
        path: hit.path,
        message: `holds what looks like ${hit.what}; remove it`,
      });
  });

/** Refuses a free-text argument that is not a schema field (a failure's error, a block or cancel reason). */
export function refuseSecretText(value: string | undefined, field: string, task?: string): void {
  const what = value === undefined ? null : secretInText(value);
  if (what) throw new ValidationError([{ task, field, message: `holds what looks like ${what}; remove it` }]);
}

export const feedbackForRebuildSchema = noSecretsInside(
  z.looseObject({
    summary: z.string().pipe(freeText),
    issues: z.array(feedbackIssueSchema).default([]),
  }),
);
export type FeedbackForRebuild = z.infer<typeof feedbackForRebuildSchema>;

const stringList = z.array(freeText);

/** A one-line name: no control or bidi character (they would reach a person's terminal), at most `max` long. */
const safeName = (max: number) =>
  z.string().superRefine((s, ctx) => {
    const problem = nameProblem(s, max);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const validationCriteriaSchema = z
  .object({
    critical: stringList.optional(),
    expected: stringList.optional(),
    nice_to_have: stringList.optional(),
  })
  .strict();

/** A task's estimate is at most this many minutes (about two years): 1e308 is a typo, not a plan. */
export const MAX_ESTIMATE_MINUTES = 1_000_000;

/** The fields a task accepts on creation, shared by `create_tasks_batch`, `create_task` and `create_subtask`. */
const taskFields = {
  skill_id: z.string().min(1).pipe(safeName(LIMITS.skillIdChars)).nullish(),
  task_name: z
    .string()
    .trim()
    .min(1, 'must be a non-empty string')
    .max(LIMITS.nameChars, `at most ${LIMITS.nameChars} characters`)
    .refine((s) => !/[\r\n]/.test(s), 'must be one line (no line breaks)')
    .refine((s) => !LONE_SURROGATE.test(s), 'holds a lone surrogate (not valid Unicode)')
    .pipe(safeName(LIMITS.nameChars)),
  description: freeText.optional(),
  /** A whole number from 1; "1" (a number written as a string, as agents do) is read as 1. */
  task_order: z
    .preprocess(
      (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z
        .number({
          // "$2", "step 2", "2nd": a position said in words; name the number it would be.
          error: (iss) => {
            const n = typeof iss.input === 'string' ? /^\D*?(\d+)\D*$/.exec(iss.input)?.[1] : undefined;
            return n
              ? `"${iss.input}" is not a task_order: a whole number from 1 (did you mean ${Number(n)}?)`
              : 'a whole number from 1';
          },
        })
        .int()
        .min(1),
    )
    .optional(),
  dependencies: stringList.optional(),
  inputs: noSecretsInside(z.record(z.string(), z.unknown())).optional(),
  validation_criteria: validationCriteriaSchema.optional(),
  timeout_seconds: z.number().int().positive().optional(),
  estimate_minutes: z
    .number()
    .nonnegative()
    .max(MAX_ESTIMATE_MINUTES, `at most ${MAX_ESTIMATE_MINUTES} minutes`)
    .optional(),
  max_attempts: z.number().int().min(1).max(100).optional(),
  kind: tolerantEnum(TASK_KINDS, KIND_WORDS).optional(),
  category: z.string().min(1).pipe(safeName(LIMITS.nameChars)).optional(),
  plan_id: z.string().min(1).optional(),
  /** The `uniqueId` + `logicalDependencies` dialect. */
  uniqueId: idLike.optional(),
  logicalDependencies: z.array(idLike).optional(),
};

/**
 * The fields an edit may change (the dashboard's `PATCH /api/tasks/:id`), checked exactly as on creation;
 * `estimate_minutes: null` clears the estimate.
 */
export const taskRevisionSchema = z
  .object({
    description: taskFields.description,
    inputs: taskFields.inputs,
    validation_criteria: taskFields.validation_criteria,
    estimate_minutes: taskFields.estimate_minutes.unwrap().nullable().optional(),
  })
  .strict();

export const subtaskInputSchema = z.object({ ...taskFields }).strict();
export type SubtaskInput = z.infer<typeof subtaskInputSchema>;

export const taskInputSchema = z
  .object({
    ...taskFields,
    /** `$N` or an existing task id: makes this task a sub-task of that one. */
    parent_id: z.string().min(1).optional(),
    /** Sub-tasks given inline; they run in the order given. */
    subtasks: z.array(z.object({ ...taskFields, subtasks: z.unknown().optional() }).strict()).optional(),
  })
  .strict();
export type TaskInput = z.infer<typeof taskInputSchema>;

/**
 * The batch's envelope: a list of tasks, or `{tasks}` with the plan they belong to (`plan_id`), or with
 * `architecture` (the backend-planner skill's architecture summary) and an optional `title`, which make a
 * new plan for them.
 */
export const batchEnvelopeSchema = z
  .object({
    tasks: z.array(z.unknown()),
    plan_id: z.string().optional(),
    architecture: freeText
      .refine((s) => s.trim().length > 0, 'is empty: say what the tasks build')
      .refine((s) => !LONE_SURROGATE.test(s), 'holds a lone surrogate (not valid Unicode)')
      .optional(),
    title: z
      .string()
      .trim()
      .min(1, 'must be a non-empty string')
      .max(LIMITS.nameChars, `at most ${LIMITS.nameChars} characters`)
      .pipe(safeName(LIMITS.nameChars))
      .optional(),
  })
  .strict();
export const batchInputSchema = z.union([z.array(z.unknown()), batchEnvelopeSchema]);

export const completeInputSchema = z
  .object({
    owner: safeName(LIMITS.ownerChars).optional(),
    verdict: tolerantEnum(VERDICTS, VERDICT_WORDS).optional(),
    score: z.number().optional(),
    summary: freeText.optional(),
    feedback_for_rebuild: feedbackForRebuildSchema.optional(),
    outputs: noSecretsInside(z.record(z.string(), z.unknown())).optional(),
    /** Complete a pending task even if it is not ready: a person says it is done (tasks.md sync). */
    force: z.boolean().optional(),
  })
  .strict();
export type CompleteInput = z.input<typeof completeInputSchema>;

export interface TaskFilter {
  status?: TaskStatus | TaskStatus[];
  plan_id?: string;
  skill_id?: string;
  category?: string;
  kind?: TaskKind;
  parent_id?: string | null;
  limit?: number;
  offset?: number;
}

export interface TaskEvent {
  seq: number;
  task_id: string;
  at: string;
  type: string;
  actor: string | null;
  data: Record<string, unknown>;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_LEASE_SECONDS = 1800;
