import { z } from 'zod';
import { precedentSchema } from './precedent.js';

/**
 * The plan model. Every plan style renders from it, `plansmith plan --json` prints it, the LLM engine
 * submits it, and the store keeps every revision of it.
 */

export const PLAN_STYLES = ['feature', 'phased', 'prd', 'tasks', 'xano'] as const;
export type PlanStyle = (typeof PLAN_STYLES)[number];

/** What a requirement changes: a new capability, an option on existing behaviour, a defect, … */
export const WORK_TYPES = [
  'feature',
  'option',
  'fix',
  'refactor',
  'performance',
  'migration',
  'ci',
  'docs',
] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/** The edit-point rule, said the same way by the schema, the checker and the refusals. */
export const EDIT_POINT_RULE =
  "an edit point's `symbol` is an identifier the file's outline has (a function, method or class, `Class.method`, a markdown heading, a config table) and its lines lie inside that symbol's span, decorators and annotations included; a description belongs in `why`.";

/** Said of every free-text field a reader sees rendered as markdown. */
const MD = 'Markdown.';

const evidence = z
  .object({
    file: z.string().describe('project-relative path'),
    line: z.number().int().min(1).describe('1-based line'),
  })
  .describe('where in the code this is seen');

/** A function, class or method to change, with the lines it spans in the file as explored. */
export const editPointSchema = z
  .object({
    symbol: z.string().min(1).describe('the identifier as the outline names it, e.g. `Router.handle`'),
    start_line: z.number().int().min(1).describe('first line of the symbol (decorators included)'),
    end_line: z.number().int().min(1).describe('last line of the symbol'),
    /** The declaration as written in the code. */
    signature: z.string().default('').describe('the declaration line as written in the code'),
    why: z.string().default('').describe(`what changes here and why. ${MD}`),
  })
  .describe(`A place to change in an existing file. Rule: ${EDIT_POINT_RULE}`);

export const fileChangeSchema = z.object({
  path: z.string().min(1).describe('project-relative path (full, not a base name)'),
  /** Why this file changes, or what the new file is for. */
  why: z.string().describe(`why this file changes, or what a new file is for. ${MD}`),
  edit_points: z.array(editPointSchema).optional().describe('files to modify: the symbols to change'),
  /** Set when the file's name is decided later (an issue number, a migration timestamp): `path` is then a
   * pattern whose `{placeholders}` this text explains, and grounding checks the folder, not the file. */
  later: z
    .string()
    .optional()
    .describe(
      'files to create only: set when the name is decided later (an issue number, a timestamp); `path` is then a pattern like `changes/{issue}.md` and this says what fills each {placeholder}',
    ),
});

export const stepSchema = z.object({
  title: z.string().min(1).describe('one line, imperative'),
  detail: z.string().default('').describe(`how to do it, with names from the code. ${MD}`),
  files_to_create: z
    .array(fileChangeSchema)
    .default([])
    .describe('new files (an existing test file goes under files_to_modify)'),
  files_to_modify: z.array(fileChangeSchema).default([]).describe('existing files (you have seen them)'),
  sketch: z
    .object({
      language: z.string().describe('the code fence language'),
      code: z.string().describe('a short sketch, not the whole change'),
    })
    .optional()
    .describe('a short code sketch in the project language'),
});

export const checkSchema = z.object({
  command: z.string().min(1).describe('a command the project has, that terminates (no watch mode)'),
  /** What passing looks like. */
  expect: z.string().default('exits 0').describe('what passing looks like'),
  /** Where the project defines this command. */
  evidence: evidence.optional().describe('where the project defines this command'),
});

export const phaseSchema = z.object({
  id: z.string().min(1).describe('short id, e.g. "p1"'),
  title: z.string().min(1).describe('one line'),
  goal: z.string().default('').describe(`what is true when the phase is done. ${MD}`),
  /** The agent (or skill) a handoff for this phase goes to. */
  agent: z.string().optional().describe("a project agent's name for this phase's handoff"),
  /** The skill (a full_id from search_skills) the phase's task is assigned to. */
  skill: z
    .string()
    .optional()
    .describe(
      "the full_id (from search_skills) of the skill this phase's task goes to; never a planner skill",
    ),
  /** Task kind when the phase becomes a task. */
  kind: z
    .enum(['implement', 'test', 'docs', 'research', 'other'])
    .default('implement')
    .describe('implement: a build task; test: the test task; docs: a docs task'),
  steps: z.array(stepSchema).min(1).describe('in order'),
  automated_checks: z
    .array(checkSchema)
    .default([])
    .describe("commands that prove the phase; the task's critical criteria"),
  manual_checks: z
    .array(z.string())
    .default([])
    .describe("what a person verifies; the task's expected criteria"),
  estimate_minutes: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('your estimate for the phase, in minutes; leave it out when you have none'),
});

export const approachSchema = z.object({
  name: z.string().min(1).describe('short name'),
  summary: z.string().describe(`how it works. ${MD}`),
  pros: z.array(z.string()).default([]).describe('what speaks for it'),
  cons: z.array(z.string()).default([]).describe('what speaks against it (for a rejected one: why not)'),
  effort: z.string().default('').describe('e.g. "small: one file"'),
  best_for: z.string().default('').describe('when this approach is the right one'),
  recommended: z.boolean().default(false).describe('true for exactly one; the others say why not in cons'),
});

export const questionSchema = z.object({
  question: z.string().min(1).describe('one question a person can answer'),
  why: z.string().default('').describe('what in the plan depends on the answer'),
  answer: z
    .string()
    .optional()
    .describe('the answer when known; an assumption you plan with starts with "Assumed:"'),
});

export const riskSchema = z.object({
  risk: z.string().min(1).describe('what could go wrong'),
  mitigation: z.string().describe('what the plan does to prevent it'),
  contingency: z.string().default('').describe('what to do if it happens anyway'),
  likelihood: z.enum(['low', 'medium', 'high']).default('medium').describe('how likely'),
});

export const handoffSchema = z.object({
  label: z.string().min(1),
  agent: z.string().min(1),
  prompt: z.string().min(1),
  send: z.boolean().default(false),
});

export const ciDiagnosisSchema = z
  .object({
    failing_step: z.string().describe('the CI step that failed'),
    error: z.string().describe('the error as the log says it'),
    category: z.enum(['build', 'test', 'lint', 'env']).describe('which kind of step broke'),
    log_line: z.number().int().min(1).describe('the line of the log where the error is'),
    root_causes: z
      .array(
        z.object({
          cause: z.string().describe('a candidate cause'),
          files: z.array(z.string()).default([]).describe('project-relative paths'),
        }),
      )
      .default([])
      .describe('candidates, likeliest first'),
    quick_fix: z.string().describe(MD),
    proper_fix: z.string().describe(MD),
    verify: z.array(z.string()).default([]).describe('commands that show the fix works'),
    prevention: z.array(z.string()).default([]).describe('what keeps it from coming back'),
  })
  .describe('the CI failure diagnosis (only when a CI log is planned)');

export const planSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/, 'letters, digits, - and _ (at most 64), e.g. a ULID'),
  revision: z.number().int().min(1).max(100_000).default(1),
  title: z.string().min(1).describe('the plan title, a short line'),
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase words joined by dashes (at most 80 characters)'),
  style: z.enum(PLAN_STYLES),
  status: z.enum(['draft', 'final']).default('draft'),
  engine: z.string().default('offline'),
  // Part of the plan's file name: an ISO time and nothing else.
  created_at: z.iso.datetime({ offset: true }),
  requirement: z.object({
    text: z.string().min(1),
    sources: z
      .array(z.object({ kind: z.enum(['text', 'file', 'stdin', 'ci-log']), name: z.string() }))
      .default([]),
  }),
  analysis: z
    .object({
      work_type: z.enum(WORK_TYPES).describe('what kind of change this is'),
      summary: z.string().describe(`what the requirement asks, in two or three sentences. ${MD}`),
      entities: z.array(z.string()).default([]).describe('the things it is about (tables, types, options)'),
      operations: z.array(z.string()).default([]).describe('what is done to them'),
      interfaces: z.array(z.string()).default([]).describe('HTTP API, UI, CLI, library API, …'),
      integrations: z.array(z.string()).default([]).describe('outside systems involved'),
      assumptions: z
        .array(z.string())
        .default([])
        .describe('what you assume where the requirement is silent'),
      /** What the codebase already has toward the requirement, with where it is. */
      existing: z
        .array(
          z.object({
            text: z.string().describe('what exists'),
            file: z.string().describe('project-relative path'),
            line: z.number().int().min(1).describe('1-based line'),
          }),
        )
        .default([])
        .describe('what the code already has toward the requirement, with where'),
    })
    .describe('what is asked'),
  research: z
    .object({
      stack: z.array(z.string()).default([]).describe('languages and frameworks that matter here'),
      findings: z
        .array(z.object({ text: z.string().describe(MD), evidence: evidence.optional() }))
        .default([])
        .describe('facts from the code that shape the plan, each with evidence'),
      read_first: z.array(z.string()).default([]).describe('paths an implementer reads first'),
    })
    .describe('what you found'),
  /** The precedent analysis: what is asked, whether it exists, its nearest sibling and footprint. */
  precedent: precedentSchema.optional(),
  questions: z.array(questionSchema).default([]).describe('open questions; ask_user ones are merged in'),
  approaches: z.array(approachSchema).default([]).describe('the recommended approach and the rejected ones'),
  phases: z.array(phaseSchema).min(1).describe('the work in order; each phase becomes a task'),
  tests: z
    .object({
      strategy: z.string().describe(MD),
      cases: z.array(z.string()).default([]).describe('what the user expects, one case each'),
    })
    .describe('how the change is proven'),
  risks: z.array(riskSchema).default([]).describe('risks with mitigation and contingency'),
  security: z.array(z.string()).default([]).describe('security notes (prose; not task criteria)'),
  performance: z.array(z.string()).default([]).describe('performance notes (prose; not task criteria)'),
  rollback: z.array(z.string()).default([]).describe('how to undo the change'),
  not_doing: z.array(z.string()).default([]).describe('what is deliberately left out'),
  definition_of_done: z
    .array(z.string())
    .default([])
    .describe("what must hold when all is done; the build task's expected criteria"),
  ci: ciDiagnosisSchema.optional(),
  handoffs: z.array(handoffSchema).default([]),
  next_command: z.string().default(''),
  /** The task graph, as a create_tasks_batch document. */
  tasks: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Feedback that produced this revision. */
  revision_notes: z.array(z.string()).default([]),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type Step = z.infer<typeof stepSchema>;
export type EditPoint = z.infer<typeof editPointSchema>;
export type Check = z.infer<typeof checkSchema>;
export type Risk = z.infer<typeof riskSchema>;
export type Approach = z.infer<typeof approachSchema>;
export type Handoff = z.infer<typeof handoffSchema>;
export type CiDiagnosis = z.infer<typeof ciDiagnosisSchema>;

/** Every file a plan says to create or modify. */
export function planFiles(plan: Plan): { create: string[]; modify: string[] } {
  const create = new Set<string>();
  const modify = new Set<string>();
  for (const phase of plan.phases) {
    for (const step of phase.steps) {
      for (const f of step.files_to_create) create.add(f.path);
      for (const f of step.files_to_modify) modify.add(f.path);
    }
  }
  return { create: [...create], modify: [...modify] };
}

export function slugify(text: string, max = 48): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > max ? slug.slice(0, max).replace(/-[^-]*$/, '') : slug;
  return cut || 'plan';
}
