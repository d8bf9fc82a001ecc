/**
 * The offline planner: deterministic, no model, no network. For a feature or an option it asks the
 * precedent core (`src/precedent/`) what exists and what the nearest sibling touched; it gathers what it
 * knows about the change (`work.ts`: kind, files and edit points, checks, docs), shapes the phases by the
 * kind of change and the precedent's verdict (`phases.ts`, `ci-plan.ts`, `xano.ts`), derives the prose
 * sections from facts only (`sections.ts`), and hands the model to the shared task and handoff builders.
 */
import type { Phase, Plan } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import { onCommandLine } from '../../domain/precedent.js';
import { mainArtefact } from '../../workspace/paths.js';
import { checkContext } from '../checker/context.js';
import { generatedBy } from '../checker/generated.js';
import { buildHandoffs, declaredPlannerHandoffs } from '../handoffs.js';
import type { Planner, PlannerContext, PlanRequest, RefineRequest } from '../planner.js';
import { planTasks } from '../tasks.js';
import { analyse, questionsOf } from './analyze.js';
import { ciDiagnosis, ciPhases } from './ci-plan.js';
import { phasesFor } from './phases.js';
import { precedentFor } from './precedent-of.js';
import { applyFeedback } from './refine.js';
import {
  approachesOf,
  assumptionsOf,
  definitionOfDone,
  findingsOf,
  notDoing,
  risksOf,
  summaryOf,
  testCases,
  testStrategy,
} from './sections.js';
import { gatherWork } from './work.js';
import { xanoPhases } from './xano.js';

export { titleOf } from './placement.js';

export class OfflinePlanner implements Planner {
  readonly name = 'offline' as const;

  async plan(req: PlanRequest, ctx: PlannerContext): Promise<Plan> {
    const style = req.style ?? (ctx.report.profile.xano ? 'xano' : 'feature');
    const kind = req.ciLog ? 'ci' : analyse(req.requirement).workType;
    const precedent = style === 'xano' ? null : await precedentFor(req.requirement, kind, ctx);
    const w = gatherWork(req, ctx, precedent);
    const { profile } = w;
    const drafts =
      style === 'xano'
        ? xanoPhases({
            a: w.a,
            words: w.words,
            newFile: w.newFile,
            modify: w.targets.map((t) => ({ path: t.path, why: t.why })),
          })
        : w.ciReading
          ? ciPhases(w)
          : phasesFor(w);
    // What the checker says a person does not write (a changelog a release tool writes, a generated page)
    // is no edit: the one checker decides, so the plan never lists what its own lint refuses.
    const check = checkContext(ctx.root, profile);
    for (const d of drafts)
      d.steps = d.steps.filter((s) => {
        const why = s.files_to_modify.map((f) => generatedBy(check, f.path));
        for (const said of why) if (said) w.facts.push(`Not planned: ${said}.`);
        s.files_to_modify = s.files_to_modify.filter((_, k) => !why[k]);
        return why.every((x) => !x) || s.files_to_modify.length + s.files_to_create.length > 0;
      });
    // A phase must have at least one step with something in it, or it is dropped.
    const phases: Phase[] = drafts
      .filter((p) => p.steps.length > 0)
      .map((p, i) => ({ ...p, id: `p${i + 1}` }) as Phase);

    const questions = [...questionsOf(w.a, profile), ...w.questions].map((q) => ({
      ...q,
      answer: req.answers?.[q.question],
    }));
    const ci = w.ciReading ? ciDiagnosis(w) : undefined;
    const draft = {
      id: ctx.id,
      revision: 1,
      title: w.title,
      slug: ctx.slug,
      style,
      status: 'draft' as const,
      engine: 'offline',
      created_at: ctx.now.toISOString(),
      requirement: { text: req.requirement, sources: req.sources },
      analysis: {
        work_type: w.a.workType,
        summary: summaryOf(w, phases),
        // Words of the requirement, not facts of the code: a plan that follows a precedent says what is
        // asked through its requested thing and leaves these out.
        // The one interface a precedent settles: a sibling (or, with none, the request) given on a command line.
        ...(w.precedent
          ? { interfaces: onCommandLine(w.precedent) ? ['CLI'] : [] }
          : {
              entities: w.a.entities,
              operations: w.a.operations,
              interfaces: w.a.interfaces,
              integrations: w.a.integrations,
            }),
        // Answers to clarifying questions are decisions the plan states up front.
        assumptions: [
          ...questions.filter((q) => q.answer).map((q) => `Decided: ${q.question} — ${q.answer}`),
          ...assumptionsOf(w),
        ],
        existing: (w.precedent?.verdict === 'name-taken' ? [] : (w.precedent?.evidence ?? [])).map((e) => ({
          text: `${w.precedent!.verdict === 'partly-met' ? 'Part of it exists' : w.precedent!.requested ? `\`${w.precedent!.requested.name}\` exists` : 'Exists'}: ${e.text || `${e.file}:${e.line}`}`,
          file: e.file,
          line: e.line,
        })),
      },
      research: {
        stack: profile.frameworks.map((f) => f.name),
        findings: findingsOf(w),
        // A translation of the README says what the README says.
        read_first: profile.docs
          .map((d) => d.name)
          .filter((n) => !/(^|\/)README[-_.][a-z]{2}([-_][A-Za-z]{2,4})?\.\w+$/i.test(n))
          .slice(0, 5),
      },
      ...(w.precedent ? { precedent: w.precedent } : {}),
      questions,
      approaches: approachesOf(w, phases),
      phases,
      tests: { strategy: testStrategy(w, phases), cases: testCases(w, phases) },
      risks: risksOf(w, phases),
      security: [],
      performance: [],
      rollback: [],
      not_doing: notDoing(w),
      definition_of_done: definitionOfDone(phases, { questions: questions.filter((q) => !q.answer) }),
      ci,
      handoffs: [],
      next_command: '',
      tasks: [],
      revision_notes: [],
    };
    const plan = planSchema.parse(draft);
    const artefact = mainArtefact(plan);
    plan.tasks = planTasks(plan, ctx.skills, plan.research.stack, artefact);
    plan.handoffs = buildHandoffs(
      plan,
      artefact,
      ctx.skills.agents,
      declaredPlannerHandoffs(ctx.skills.agents),
    );
    plan.next_command = `plansmith tasks next --plan ${plan.id}`;
    return plan;
  }

  async refine(req: RefineRequest, ctx: PlannerContext): Promise<Plan> {
    const next = applyFeedback(req.plan, req.feedback, { root: ctx.root, report: ctx.report });
    const artefact = mainArtefact(next);
    next.tasks = planTasks(next, ctx.skills, next.research.stack, artefact);
    next.handoffs = buildHandoffs(
      next,
      artefact,
      ctx.skills.agents,
      declaredPlannerHandoffs(ctx.skills.agents),
    );
    return next;
  }
}
