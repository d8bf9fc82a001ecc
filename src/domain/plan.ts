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

const evidence = z.object({ file: z.string(), line: z.number().int().min(1) });

/** The edit-point rule, stated the same way in the schema, the checker and its refusals. */
export const EDIT_POINT_RULE =
  "an edit point's `symbol` is an identifier the file's outline has (a function, method or class, `Class.method`, a markdown heading, a config table) and its lines lie inside that symbol's span, decorators and annotations included; a description belongs in `why`.";

/** A function, class or method to change, with the lines it spans in the file as explored. */
export const editPointSchema = z.object({
  symbol: z.string().min(1).describe(EDIT_POINT_RULE),
  start_line: z.number().int().min(1),
  end_line: z.number().int().min(1),
  /** The declaration as written in the code. */
  signature: z.string().default(''),
  why: z.string().default(''),
});

export const fileChangeSchema = z.object({
  path: z.string().min(1),
  /** Why this file changes, or what the new file is for. */
  why: z.string(),
  edit_points: z.array(editPointSchema).optional(),
  /** Set when the file's name is decided later (an issue number, a migration timestamp): `path` is then a
   * pattern whose `{placeholders}` this text explains, and grounding checks the folder, not the file. */
  later: z.string().optional(),
});

export const stepSchema = z.object({
  title: z.string().min(1),
  detail: z.string().default(''),
  files_to_create: z.array(fileChangeSchema).default([]),
  files_to_modify: z.array(fileChangeSchema).default([]),
  sketch: z.object({ language: z.string(), code: z.string() }).optional(),
});

export const checkSchema = z.object({
  command: z.string().min(1),
  /** What passing looks like. */
  expect: z.string().default('exits 0'),
  /** Where the project defines this command. */
  evidence: evidence.optional(),
});

export const phaseSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  goal: z.string().default(''),
  /** The agent (or skill) a handoff for this phase goes to. */
  agent: z.string().optional(),
  /** Task kind when the phase becomes a task. */
  kind: z.enum(['implement', 'test', 'docs', 'research', 'other']).default('implement'),
  steps: z.array(stepSchema).min(1),
  automated_checks: z.array(checkSchema).default([]),
  manual_checks: z.array(z.string()).default([]),
  estimate_minutes: z.number().int().min(0).default(30),
});

export const approachSchema = z.object({
  name: z.string().min(1),
  summary: z.string(),
  pros: z.array(z.string()).default([]),
  cons: z.array(z.string()).default([]),
  effort: z.string().default(''),
  best_for: z.string().default(''),
  recommended: z.boolean().default(false),
});

export const questionSchema = z.object({
  question: z.string().min(1),
  why: z.string().default(''),
  answer: z.string().optional(),
});

export const riskSchema = z.object({
  risk: z.string().min(1),
  mitigation: z.string(),
  contingency: z.string().default(''),
  likelihood: z.enum(['low', 'medium', 'high']).default('medium'),
});

export const handoffSchema = z.object({
  label: z.string().min(1),
  agent: z.string().min(1),
  prompt: z.string().min(1),
  send: z.boolean().default(false),
});

export const ciDiagnosisSchema = z.object({
  failing_step: z.string(),
  error: z.string(),
  category: z.enum(['build', 'test', 'lint', 'env']),
  log_line: z.number().int().min(1),
  root_causes: z.array(z.object({ cause: z.string(), files: z.array(z.string()).default([]) })).default([]),
  quick_fix: z.string(),
  proper_fix: z.string(),
  verify: z.array(z.string()).default([]),
  prevention: z.array(z.string()).default([]),
});

export const planSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/, 'letters, digits, - and _ (at most 64), e.g. a ULID'),
  revision: z.number().int().min(1).max(100_000).default(1),
  title: z.string().min(1),
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
  analysis: z.object({
    work_type: z.enum(WORK_TYPES),
    summary: z.string(),
    entities: z.array(z.string()).default([]),
    operations: z.array(z.string()).default([]),
    interfaces: z.array(z.string()).default([]),
    integrations: z.array(z.string()).default([]),
    assumptions: z.array(z.string()).default([]),
    /** What the codebase already has toward the requirement, with where it is. */
    existing: z
      .array(z.object({ text: z.string(), file: z.string(), line: z.number().int().min(1) }))
      .default([]),
  }),
  research: z.object({
    stack: z.array(z.string()).default([]),
    findings: z.array(z.object({ text: z.string(), evidence: evidence.optional() })).default([]),
    read_first: z.array(z.string()).default([]),
  }),
  /** The precedent analysis: what is asked, whether it exists, its nearest sibling and footprint. */
  precedent: precedentSchema.optional(),
  questions: z.array(questionSchema).default([]),
  approaches: z.array(approachSchema).default([]),
  phases: z.array(phaseSchema).min(1),
  tests: z.object({ strategy: z.string(), cases: z.array(z.string()).default([]) }),
  risks: z.array(riskSchema).default([]),
  security: z.array(z.string()).default([]),
  performance: z.array(z.string()).default([]),
  rollback: z.array(z.string()).default([]),
  not_doing: z.array(z.string()).default([]),
  definition_of_done: z.array(z.string()).default([]),
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
