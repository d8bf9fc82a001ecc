import { InputError, ValidationError } from '../domain/errors.js';
import { ulid } from '../domain/ids.js';
import { type Plan, planSchema, slugify } from '../domain/plan.js';
import { intakePlan, issueLines } from '../domain/plan-input.js';
import type { ExploreReport } from '../explore/explore.js';
import { explore, inventoryOf } from '../explore/explore.js';
import { claimedPrecedents, planProblems } from '../planning/grounding.js';
import { buildHandoffs, declaredPlannerHandoffs } from '../planning/handoffs.js';
import { importMarkdown, planTitle } from '../planning/markdown/import.js';
import { parsePlanAhead, readPlanMarkdown } from '../planning/markdown/read.js';
import type { NotImported } from '../planning/markdown/sections.js';
import { planTasks } from '../planning/tasks.js';
import type { SkillRegistry } from '../registry/index.js';
import type { TaskStore } from '../store/task-store.js';
import { mainArtefact } from '../workspace/paths.js';

/**
 * A plan written outside plansmith's engines (a host agent's JSON model, or markdown a person or an agent
 * wrote) made into a plan model that passes the same gates as the built-in engine's: the intake's
 * normalisation, the schema, the content gate and grounding. Nothing is written here; the caller persists.
 */
export interface Submission {
  plan: Plan;
  /** What the intake normalised, one line each. */
  notes: string[];
  report: ExploreReport;
}

export interface SubmitDeps {
  root: string;
  store: () => Promise<TaskStore>;
  skills: SkillRegistry;
  now: Date;
}

function refuse(problems: string[], what: string): never {
  throw new ValidationError(
    problems.map((p) => {
      const i = p.indexOf(': ');
      return i > 0 ? { field: p.slice(0, i), message: p.slice(i + 2) } : { field: '(plan)', message: p };
    }),
    `${what} was refused; nothing was written`,
  );
}

/** The fields plansmith fills, for a model sent without them; a full model (from draft_plan) keeps its own. */
async function fill(raw: Record<string, unknown>, deps: SubmitDeps): Promise<Record<string, unknown>> {
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title : undefined;
  const requirement =
    raw.requirement && typeof raw.requirement === 'object'
      ? raw.requirement
      : { text: typeof raw.requirement === 'string' ? raw.requirement : (title ?? ''), sources: [] };
  const id = typeof raw.id === 'string' ? raw.id : ulid(deps.now.getTime());
  let revision = typeof raw.revision === 'number' ? raw.revision : 1;
  // A model of a plan the store has is its next revision, whatever revision it says.
  const known = typeof raw.id === 'string' ? await (await deps.store()).getPlanModel(raw.id) : null;
  if (known) revision = Math.max(...known.revisions) + 1;
  return {
    style: 'feature',
    status: 'draft',
    engine: 'host',
    created_at: deps.now.toISOString(),
    ...raw,
    id,
    revision,
    slug: typeof raw.slug === 'string' ? raw.slug : slugify(title ?? 'plan'),
    requirement,
  };
}

/**
 * Derived parts: the task graph and the handoffs. A model (`save_plan {plan}`, often an edited draft_plan)
 * gets both rebuilt from its phases, since a draft's are stale once its phases change; markdown keeps a
 * task batch it carries. Returns a note when submitted tasks or handoffs were replaced.
 */
function complete(plan: Plan, deps: SubmitDeps, rebuild: boolean): string[] {
  const artefact = mainArtefact(plan);
  const notes: string[] = [];
  if (rebuild || !plan.tasks.length) {
    const tasks = planTasks(plan, deps.skills, plan.research.stack, artefact);
    if (plan.tasks.length && JSON.stringify(tasks) !== JSON.stringify(plan.tasks))
      notes.push(`tasks: rebuilt from the phases (${plan.tasks.length} submitted, ${tasks.length} now)`);
    plan.tasks = tasks;
  }
  if (rebuild || !plan.handoffs.length) {
    const handoffs = buildHandoffs(
      plan,
      artefact,
      deps.skills.agents,
      declaredPlannerHandoffs(deps.skills.agents),
    );
    if (plan.handoffs.length && JSON.stringify(handoffs) !== JSON.stringify(plan.handoffs))
      notes.push('handoffs: rebuilt from the phases');
    plan.handoffs = handoffs;
  }
  if (!plan.next_command) plan.next_command = `plansmith tasks next --plan ${plan.id}`;
  return notes;
}

async function gate(plan: Plan, deps: SubmitDeps, what: string): Promise<ExploreReport> {
  const report = explore(deps.root);
  // A plan without a verdict: what its claims call new is asked of the precedent analysis, as `lint` does.
  const claimed = await claimedPrecedents(plan, deps.root, report.profile, inventoryOf(report));
  const problems = planProblems(plan, deps.root, report.profile, claimed);
  if (problems.length) refuse(problems, what);
  return report;
}

/** A plan model as a host agent sends it: `{plan}`, the fields at the top level, or a JSON string. */
export async function submittedModel(input: unknown, deps: SubmitDeps): Promise<Submission> {
  // Coerced against the whole model: a draft from draft_plan carries ids and dates too.
  const intake = intakePlan(input, planSchema);
  if (!intake.value) refuse(intake.problems, 'the plan');
  const parsed = planSchema.safeParse(await fill(intake.value, deps));
  if (!parsed.success) refuse(issueLines(parsed.error), 'the plan');
  const plan = parsed.data;
  const rebuilt = complete(plan, deps, true);
  return { plan, notes: [...intake.notes, ...rebuilt], report: await gate(plan, deps, 'the plan') };
}

/** A plan in markdown: plansmith's own, or written by hand or by an agent in the planner workflows' sections. */
/** What an import read but could not map, one note each: `not imported: the section "Notes" (line 40)`. */
export const notImportedNotes = (items: NotImported[]) =>
  items.map((n) => `not imported: ${n.what} (line ${n.line})`);

export async function markdownPlan(
  source: string,
  file: string,
  deps: SubmitDeps,
  requirement?: string,
): Promise<Submission> {
  await parsePlanAhead(source, file); // on a server: off the event loop, under a time limit
  const doc = readPlanMarkdown(source, file);
  const id = doc.meta?.id ?? ulid(deps.now.getTime());
  const title = planTitle(doc);
  const { plan: model, notImported } = importMarkdown(doc, {
    id,
    slug: slugify(title === 'Imported plan' ? file.replace(/\.md$/i, '') : title),
    now: deps.now,
    file,
    ...(requirement?.trim() ? { requirement } : {}),
  });
  const known = doc.meta ? await (await deps.store()).getPlanModel(doc.meta.id) : null;
  if (known) {
    const prev = planSchema.parse(known.model);
    Object.assign(model, {
      revision: Math.max(...known.revisions) + 1,
      slug: prev.slug,
      created_at: prev.created_at,
      requirement: requirement?.trim() ? model.requirement : prev.requirement,
      revision_notes: [`Imported from ${file}.`],
    });
  }
  const parsed = planSchema.safeParse(model);
  if (!parsed.success)
    throw new InputError(
      `${file}: cannot be read as a plan: ${issueLines(parsed.error).slice(0, 5).join('; ')}`,
    );
  const plan = parsed.data;
  complete(plan, deps, false);
  return { plan, notes: notImportedNotes(notImported), report: await gate(plan, deps, file) };
}
