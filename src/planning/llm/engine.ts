import type { ToolSet } from 'ai';
import type { ToolContext } from '../../agent/context.js';
import type { LoopLimits } from '../../agent/loop.js';
import { runLoop } from '../../agent/loop.js';
import type { LanguageModel } from '../../agent/model.js';
import { createModel, parseModelSpec } from '../../agent/model.js';
import { askUserTool } from '../../agent/tools/ask-user.js';
import { exploreCodebaseTool } from '../../agent/tools/explore-codebase.js';
import { globTool } from '../../agent/tools/glob.js';
import { grepTool } from '../../agent/tools/grep.js';
import { listDirTool } from '../../agent/tools/list-dir.js';
import { readFileTool } from '../../agent/tools/read-file.js';
import { researchTool } from '../../agent/tools/research.js';
import { searchSkillsTool } from '../../agent/tools/search-skills.js';
import type { SubmitVerdict } from '../../agent/tools/submit-plan.js';
import { submitPlanTool } from '../../agent/tools/submit-plan.js';
import { thinkTool } from '../../agent/tools/think.js';
import { ConfigError, PlansmithError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import { inventory } from '../../explore/inventory.js';
import { readProjectConfig } from '../../registry/config.js';
import { mainArtefact } from '../../workspace/paths.js';
import { groundingProblems } from '../grounding.js';
import { buildHandoffs, declaredPlannerHandoffs } from '../handoffs.js';
import type { EngineChoice, Planner, PlannerContext, PlanRequest, RefineRequest } from '../planner.js';
import { planTasks } from '../tasks.js';
import { plannerSystemPrompt, SUBMIT_FIELDS } from './prompts.js';

export interface LlmRunSummary {
  steps: number;
  stoppedBy: string;
  usage: { input: number; output: number; total: number };
  toolCalls: string[];
  repairs: number;
}

export interface LlmPlannerOptions {
  model: LanguageModel;
  modelName: string;
  limits?: Partial<LoopLimits>;
  maxRepairs?: number;
  /** Retries of transient provider errors (429, 5xx), with exponential backoff; default 3. */
  maxRetries?: number;
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
    let repairs = 0;
    const files = inventory(ctx.root).files.map((f) => f.path);
    const toolCtx: ToolContext = {
      root: ctx.root,
      report: () => ({ report: ctx.report, inventoryFiles: files }),
      skills: ctx.skills,
      ask: this.o.ask,
      unanswered: [],
      thoughts: [],
      emit: this.o.onEvent ?? (() => {}),
    };
    const submit = (raw: unknown): SubmitVerdict => {
      const candidate = {
        ...(raw as Record<string, unknown>),
        ...base,
        title: (raw as { title?: string })?.title ?? title,
        engine: `llm:${this.o.modelName}`,
      };
      const parsed = planSchema.safeParse(candidate);
      const problems = parsed.success
        ? groundingProblems(parsed.data, ctx.root, ctx.report.profile)
        : parsed.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`);
      if (parsed.success && problems.length === 0) {
        accepted = parsed.data;
        state.submitted = true;
        return { accepted: true, summary: `accepted: ${parsed.data.phases.length} phases` };
      }
      repairs++;
      if (repairs > maxRepairs) state.repairsExhausted = true;
      toolCtx.emit({ type: 'repair', attempt: repairs, problems: problems.length });
      return {
        accepted: false,
        problems: problems.slice(0, 30),
        attempts_left: Math.max(0, maxRepairs - repairs + 1),
      };
    };
    const tools: ToolSet = {
      explore_codebase: exploreCodebaseTool(toolCtx),
      read_file: readFileTool(toolCtx),
      grep: grepTool(toolCtx),
      glob: globTool(toolCtx),
      list_dir: listDirTool(toolCtx),
      search_skills: searchSkillsTool(toolCtx),
      think: thinkTool(toolCtx),
      ask_user: askUserTool(toolCtx),
      research: researchTool(toolCtx, this.o.model, this.o.modelName),
      submit_plan: submitPlanTool(toolCtx, submit, SUBMIT_FIELDS),
    };
    const result = await runLoop({
      model: this.o.model,
      modelName: this.o.modelName,
      system: plannerSystemPrompt(style),
      prompt,
      tools,
      state,
      limits: this.o.limits,
      emit: toolCtx.emit,
      maxRetries: this.o.maxRetries,
    });
    this.last = {
      steps: result.steps,
      stoppedBy: result.stoppedBy,
      usage: result.usage,
      toolCalls: result.toolCalls,
      repairs,
    };
    const plan = accepted as Plan | null;
    if (!plan) {
      const why = {
        'step-limit': `it reached the step limit (${this.o.limits?.maxSteps ?? 40} steps)`,
        'token-limit': 'it used up the token budget',
        'repairs-exhausted': `its plan was still refused after ${maxRepairs} repairs`,
        finished: 'it stopped without calling submit_plan',
        submitted: 'the submitted plan was lost',
      }[result.stoppedBy];
      throw new PlansmithError(
        'CONFIG',
        `the LLM engine (${this.o.modelName}) produced no plan: ${why}. Nothing was written. Raise the limits, or plan with --engine offline.`,
        { stoppedBy: result.stoppedBy, steps: result.steps },
      );
    }
    for (const q of toolCtx.unanswered)
      if (!plan.questions.some((x) => x.question === q))
        plan.questions.push({ question: q, why: 'asked during planning; no one could answer then' });
    const artefact = mainArtefact(plan);
    if (!plan.tasks.length) plan.tasks = planTasks(plan, ctx.skills, plan.research.stack, artefact);
    plan.handoffs = plan.handoffs.length
      ? plan.handoffs
      : buildHandoffs(plan, artefact, ctx.skills.agents, declaredPlannerHandoffs(ctx.skills.agents));
    plan.next_command = `plansmith tasks next --plan ${plan.id}`;
    return plan;
  }
}

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
    }),
    notice: `plansmith: planning with ${spec} (LLM engine)`,
  };
}
