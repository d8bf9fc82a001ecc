import type { ToolSet } from 'ai';
import type { ToolContext } from '../../agent/context.js';
import type { LoopLimits, LoopResult, ModelSettings } from '../../agent/loop.js';
import { DEFAULT_LIMITS, runLoop } from '../../agent/loop.js';
import type { LanguageModel } from '../../agent/model.js';
import { createModel, parseModelSpec } from '../../agent/model.js';
import { askUserTool } from '../../agent/tools/ask-user.js';
import { exploreCodebaseTool } from '../../agent/tools/explore-codebase.js';
import { globTool } from '../../agent/tools/glob.js';
import { grepTool } from '../../agent/tools/grep.js';
import { listDirTool } from '../../agent/tools/list-dir.js';
import { precedentTool } from '../../agent/tools/precedent.js';
import { readFileTool } from '../../agent/tools/read-file.js';
import { researchTool } from '../../agent/tools/research.js';
import { searchSkillsTool } from '../../agent/tools/search-skills.js';
import type { SubmitVerdict } from '../../agent/tools/submit-plan.js';
import { submitPlanTool } from '../../agent/tools/submit-plan.js';
import { thinkTool } from '../../agent/tools/think.js';
import { ConfigError, NoPlanError, PlansmithError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import { intakePlan, issueLines, submittedPlanJsonSchema } from '../../domain/plan-input.js';
import { inventoryOf } from '../../explore/explore.js';
import { inventory } from '../../explore/inventory.js';
import { readProjectConfig } from '../../registry/config.js';
import { mainArtefact } from '../../workspace/paths.js';
import { claimedPrecedents, planProblems } from '../grounding.js';
import { buildHandoffs, declaredPlannerHandoffs } from '../handoffs.js';
import type { EngineChoice, Planner, PlannerContext, PlanRequest, RefineRequest } from '../planner.js';
import { planTasks } from '../tasks.js';
import { plannerSystemPrompt } from './prompts.js';
import { mergeQuestions } from './questions.js';

export interface LlmRunSummary {
  steps: number;
  stoppedBy: string;
  usage: { input: number; output: number; total: number };
  toolCalls: string[];
  /** Refusals: plans that failed a check, calls to tools that do not exist, arguments that are not JSON. */
  repairs: number;
  /** Settings the provider said it does not support. */
  warnings: string[];
}

export interface LlmPlannerOptions {
  model: LanguageModel;
  modelName: string;
  limits?: Partial<LoopLimits>;
  maxRepairs?: number;
  /** Retries of transient provider errors (429, 5xx), with exponential backoff; default 3. */
  maxRetries?: number;
  /** tool_choice (default required), temperature, max output tokens. */
  settings?: ModelSettings;
  ask?: (question: string) => Promise<string | null>;
  onEvent?: ToolContext['emit'];
}

/** The LLM engine: an agent loop with read-only tools that ends by submitting the plan model. */
export class LlmPlanner implements Planner {
  readonly name = 'llm' as const;
  last: LlmRunSummary | null = null;

  constructor(private readonly o: LlmPlannerOptions) {}

  async plan(req: PlanRequest, ctx: PlannerContext): Promise<Plan> {
    const style = req.style ?? (ctx.report.profile.xano ? 'xano' : 'feature');
    const base = {
      id: ctx.id,
      revision: 1,
      slug: ctx.slug,
      style,
      status: 'draft' as const,
      created_at: ctx.now.toISOString(),
      requirement: { text: req.requirement, sources: req.sources },
    };
    const prompt = [
      `Requirement${req.title ? ` ("${req.title}")` : ''}:\n${req.requirement}`,
      req.ciLog ? `\nThe CI log (${req.ciLog.name}), last part:\n${req.ciLog.text.slice(-6000)}` : '',
      `\nPlan style: ${style}. Project root: ${ctx.root}.`,
    ].join('\n');
    return this.run(prompt, style, base, ctx, req.title);
  }

  async refine(req: RefineRequest, ctx: PlannerContext): Promise<Plan> {
    const { plan } = req;
    const prompt = `Here is the current plan (revision ${plan.revision}) as JSON:\n${JSON.stringify({ ...plan, tasks: undefined, handoffs: undefined })}\n\nRevise it according to this feedback, then submit the whole revised plan:\n${req.feedback}`;
    const next = await this.run(
      prompt,
      plan.style,
      {
        id: plan.id,
        revision: plan.revision + 1,
        slug: plan.slug,
        style: plan.style,
        status: plan.status,
        created_at: plan.created_at,
        requirement: plan.requirement,
      },
      ctx,
      plan.title,
    );
    next.revision_notes = [`Revised by the LLM engine from: ${req.feedback.slice(0, 300)}`];
    return next;
  }

  private async run(
    prompt: string,
    style: Plan['style'],
    base: Partial<Plan>,
    ctx: PlannerContext,
    title?: string,
  ): Promise<Plan> {
    const maxRepairs = this.o.maxRepairs ?? 3;
    const state = { submitted: false, repairsExhausted: false, tokens: 0 };
    let accepted: Plan | null = null;
    /** Every refusal: a plan that failed a check, a call to a tool that does not exist, broken arguments. */
    const refusals: string[][] = [];
    let submissions = 0;
    const files = inventory(ctx.root).files.map((f) => f.path);
    const toolCtx: ToolContext = {
      root: ctx.root,
      requirement: base.requirement?.text,
      report: () => ({ report: ctx.report, inventoryFiles: files }),
      skills: ctx.skills,
      ask: this.o.ask,
      unanswered: [],
      thoughts: [],
      emit: this.o.onEvent ?? (() => {}),
    };
    const refuse = (problems: string[]) => {
      refusals.push(problems);
      if (refusals.length > maxRepairs) state.repairsExhausted = true;
      toolCtx.emit({ type: 'repair', attempt: refusals.length, problems: problems.length });
    };
    const submit = async (args: unknown): Promise<SubmitVerdict> => {
      submissions++;
      const intake = intakePlan(args);
      const verdict = (problems: string[]): SubmitVerdict => {
        refuse(problems);
        return {
          accepted: false,
          problems: problems.slice(0, 30),
          attempts_left: Math.max(0, maxRepairs - refusals.length + 1),
          ...(intake.notes.length ? { notes: intake.notes } : {}),
        };
      };
      if (!intake.value) return verdict(intake.problems);
      const candidate = {
        ...intake.value,
        ...base,
        title: (intake.value.title as string | undefined) ?? title,
        engine: `llm:${this.o.modelName}`,
      };
      const parsed = planSchema.safeParse(candidate);
      if (!parsed.success) return verdict(issueLines(parsed.error));
      const problems = [
        // A plan without a verdict: what it calls new is asked of the precedent analysis, as lint does.
        ...planProblems(
          parsed.data,
          ctx.root,
          ctx.report.profile,
          await claimedPrecedents(parsed.data, ctx.root, ctx.report.profile, inventoryOf(ctx.report)),
        ),
        ...skillProblems(parsed.data, ctx.skills),
      ];
      if (problems.length) return verdict(problems);
      accepted = parsed.data;
      state.submitted = true;
      return {
        accepted: true,
        summary: `accepted: ${parsed.data.phases.length} phases`,
        ...(intake.notes.length ? { notes: intake.notes } : {}),
      };
    };
    const tools: ToolSet = {
      explore_codebase: exploreCodebaseTool(toolCtx),
      precedent: precedentTool(toolCtx),
      read_file: readFileTool(toolCtx),
      grep: grepTool(toolCtx),
      glob: globTool(toolCtx),
      list_dir: listDirTool(toolCtx),
      search_skills: searchSkillsTool(toolCtx),
      think: thinkTool(toolCtx),
      ask_user: askUserTool(toolCtx),
      research: researchTool(toolCtx, this.o.model, this.o.modelName),
      submit_plan: submitPlanTool(
        toolCtx,
        submit,
        submittedPlanJsonSchema('full', {
          ci: Boolean(base.requirement?.sources.some((x) => x.kind === 'ci-log')),
        }),
      ),
    };
    const settings: ModelSettings = {
      ...this.o.settings,
      toolChoice: this.o.settings?.toolChoice ?? 'required',
    };
    let result: Awaited<ReturnType<typeof runLoop>>;
    try {
      result = await runLoop({
        model: this.o.model,
        modelName: this.o.modelName,
        system: plannerSystemPrompt(style),
        prompt,
        tools,
        state,
        limits: this.o.limits,
        settings,
        emit: toolCtx.emit,
        onInvalidCall: (c) => refuse([`${c.tool}: ${c.error.split('\n')[0]}`]),
        maxRetries: this.o.maxRetries,
        finalTool: 'submit_plan',
      });
    } catch (e) {
      this.last = {
        steps: 0,
        stoppedBy: 'provider-error',
        usage: { input: 0, output: 0, total: 0 },
        toolCalls: [],
        repairs: refusals.length,
        warnings: [],
      };
      if (e instanceof PlansmithError)
        throw new NoPlanError(e.message, 'provider-error', { submissions, refusals: refusals.length });
      throw e;
    }
    this.last = {
      steps: result.steps,
      stoppedBy: result.stoppedBy,
      usage: result.usage,
      toolCalls: result.toolCalls,
      repairs: refusals.length,
      warnings: result.warnings,
    };
    for (const w of result.warnings)
      toolCtx.emit({ type: 'notice', text: `the provider does not support ${w}; ran without it` });
    const plan = accepted as Plan | null;
    if (!plan) {
      const why = outcomeLine(result, {
        refusals,
        submissions,
        maxRepairs,
        maxSteps: this.o.limits?.maxSteps ?? DEFAULT_LIMITS.maxSteps,
        maxOutputTokens: settings.maxOutputTokens,
      });
      throw new NoPlanError(
        `the LLM engine (${this.o.modelName}) produced no plan: ${why}. Nothing was written. ${advice(result.stoppedBy)}`,
        result.stoppedBy,
        { steps: result.steps, submissions, refusals: refusals.length, stoppedBy: result.stoppedBy },
      );
    }
    plan.questions = mergeQuestions(toolCtx.unanswered, plan.questions);
    const artefact = mainArtefact(plan);
    if (!plan.tasks.length) plan.tasks = planTasks(plan, ctx.skills, plan.research.stack, artefact);
    plan.handoffs = plan.handoffs.length
      ? plan.handoffs
      : buildHandoffs(plan, artefact, ctx.skills.agents, declaredPlannerHandoffs(ctx.skills.agents));
    plan.next_command = `plansmith tasks next --plan ${plan.id}`;
    return plan;
  }
}

/** A phase's skill must be one the registry has (its full_id from search_skills), and never a planner. */
function skillProblems(plan: Plan, skills: PlannerContext['skills']): string[] {
  return plan.phases.flatMap((p, i) => {
    if (!p.skill) return [];
    const s = skills.get(p.skill);
    if (!s)
      return [`phases.${i}.skill: "${p.skill}" is not a skill; use a full_id that search_skills returns`];
    if (s.category === 'planner')
      return [
        `phases.${i}.skill: "${p.skill}" is a planner skill; a phase's task goes to a skill that does the work`,
      ];
    return [];
  });
}

/** What happened in a run that wrote no plan, in one clause. */
function outcomeLine(
  r: LoopResult,
  o: {
    refusals: string[][];
    submissions: number;
    maxRepairs: number;
    maxSteps: number;
    maxOutputTokens?: number;
  },
): string {
  const n = o.refusals.length;
  const last = o.refusals[n - 1];
  const refused = n
    ? `refused ${n} time${n === 1 ? '' : 's'} (last: ${last!.slice(0, 3).join('; ')}${last!.length > 3 ? `; and ${last!.length - 3} more` : ''})`
    : '';
  const also = refused ? `, after it was ${refused}` : '';
  switch (r.stoppedBy) {
    case 'repairs-exhausted':
      return `its plan was ${refused}, more than the ${o.maxRepairs} repairs allowed`;
    case 'length':
      return `its reply was cut off by the output limit${o.maxOutputTokens ? ` (${o.maxOutputTokens} tokens)` : ''} before a plan was accepted${also}`;
    case 'text-answer':
      return `it answered in text without calling submit_plan${also}: "${clip(r.text, 160)}"`;
    case 'step-limit':
      return `it reached the step limit (${o.maxSteps} steps)${o.submissions ? '' : ' without calling submit_plan'}${also}`;
    case 'token-limit':
      return `it used up the token budget${also}`;
    case 'time-limit':
      return `no plan was accepted within the time limit${also}`;
    default:
      return o.submissions
        ? `it stopped after its plan was ${refused || 'refused'}`
        : 'it stopped without calling submit_plan';
  }
}

function advice(reason: string): string {
  if (reason === 'length') return 'Raise --max-output-tokens, or plan with --engine offline.';
  if (reason === 'text-answer')
    return 'Keep --tool-choice required (the default), or plan with --engine offline.';
  if (reason === 'repairs-exhausted')
    return 'Fix what the problems say (the model saw them each time), or plan with --engine offline.';
  return 'Raise the limits, or plan with --engine offline.';
}

const clip = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** The LLM engine from configuration: --model, PLANSMITH_MODEL, or the project config. */
export async function llmEngine(options: {
  env: NodeJS.ProcessEnv;
  root: string;
  required: boolean;
  model?: string;
  baseURL?: string;
  onEvent?: ToolContext['emit'];
  ask?: LlmPlannerOptions['ask'];
  limits?: Partial<LoopLimits>;
  settings?: ModelSettings;
}): Promise<EngineChoice> {
  const spec = options.model ?? options.env.PLANSMITH_MODEL ?? readProjectConfig(options.root).model;
  if (!spec)
    throw new ConfigError(
      'the LLM engine needs a model: --model provider:model or PLANSMITH_MODEL (e.g. anthropic:claude-sonnet-4-5)',
    );
  const parsed = parseModelSpec(spec, options.baseURL);
  const model = createModel(parsed, options.env);
  return {
    planner: new LlmPlanner({
      model,
      modelName: spec,
      onEvent: options.onEvent,
      ask: options.ask,
      limits: options.limits,
      settings: options.settings,
    }),
    notice: `plansmith: planning with ${spec} (LLM engine)`,
  };
}
