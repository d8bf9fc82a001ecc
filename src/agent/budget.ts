import type { ModelMessage, SystemModelMessage, Tool, ToolSet } from 'ai';

/**
 * What the model is told about its budget, and how the history is kept small enough to fit it. The loop
 * calls {@link prepareTurn} before every request: tool results the model has already read are replaced by
 * their digests, earlier submissions of a plan by a placeholder, and a last line says what is left. The
 * system prompt and the history's stable prefix are marked for the provider's prompt cache (Anthropic
 * reads `cacheControl`; other providers ignore the option), so a provider that caches does not bill
 * them again at every turn.
 */

export interface BudgetView {
  step: number;
  maxSteps: number;
  tokens: number;
  maxTokens: number;
  /** Tokens the previous request used (input and output): what the next one will cost at least. */
  lastRequest: number;
  /** The tool that ends the run (submit_plan), when there is one. */
  finalTool?: string;
  /** The run has the research tool: the line says what a research call may spend now. */
  research?: boolean;
}

/** What one research call's sub-agent may spend at most, however much of the budget is left. */
export const RESEARCH_MAX_TOKENS = 60_000;
/** Below this a sub-agent cannot do one useful request: research is refused rather than started. */
export const RESEARCH_MIN_TOKENS = 4_000;

/**
 * The tokens a tool's own model calls (research's sub-agent) may spend now: what is left after the
 * request that called it (`current`: its real cost once known, else the last request's as an estimate)
 * and a next request a little larger than it, in which the model can still submit its plan.
 */
export const toolRoom = (b: Pick<BudgetView, 'tokens' | 'maxTokens'>, current: number) =>
  Math.max(0, Math.floor(b.maxTokens - b.tokens - current - 1.2 * current));

/** What a research call may spend: the room left, at most {@link RESEARCH_MAX_TOKENS}. */
export const researchCap = (b: Pick<BudgetView, 'tokens' | 'maxTokens'>, current: number) =>
  Math.min(RESEARCH_MAX_TOKENS, toolRoom(b, current));

const CACHE = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * The tool schemas, marked for the provider's prompt cache on the last tool (the breakpoint covers every
 * definition before it): they are the same at every request of a run and across runs of any style, so a
 * provider that caches (Anthropic) reads them from its cache even where the system prompt differs.
 */
export function cachedTools(tools: ToolSet): ToolSet {
  const names = Object.keys(tools);
  const last = names.at(-1);
  if (!last) return tools;
  const t = tools[last]!;
  return { ...tools, [last]: { ...t, providerOptions: { ...t.providerOptions, ...CACHE } } as Tool };
}

/** The budget is nearly spent (three more requests or fewer): the model is told to finish. */
export const nearlySpent = (b: BudgetView) =>
  b.maxSteps - b.step <= 3 || b.maxTokens - b.tokens < 4 * Math.max(b.lastRequest, 1);

/**
 * Only this request fits (the next would not, a request costing a little more than the last: the history
 * grows and the plan is long): the final tool is required.
 */
export const lastTurn = (b: BudgetView) =>
  b.maxSteps - b.step <= 1 || b.maxTokens - b.tokens < 2.2 * Math.max(b.lastRequest, 1);

const k = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(Math.max(0, Math.round(n))));

/** The research clause: said only when the budget, not the fixed maximum, bounds a research call. */
function researchClause(b: BudgetView): string {
  if (!b.research) return '';
  const cap = researchCap(b, b.lastRequest);
  if (cap >= RESEARCH_MAX_TOKENS) return '';
  return cap < RESEARCH_MIN_TOKENS
    ? ' No room is left for research: read what you need yourself.'
    : ` A research call may spend at most about ${k(cap)} of them.`;
}

export function budgetLine(b: BudgetView): string {
  const left = `Budget: this is step ${b.step + 1} of ${b.maxSteps}; ${b.maxSteps - b.step} steps and about ${k(b.maxTokens - b.tokens)} of ${k(b.maxTokens)} tokens left.${researchClause(b)}`;
  if (!nearlySpent(b)) return left;
  return `${left} The budget is nearly spent: ${b.finalTool ? `call ${b.finalTool} now with your plan (a refused plan can still be fixed once)` : 'answer now with what you found'}.`;
}

export interface Turn {
  system: SystemModelMessage;
  messages: ModelMessage[];
}

/**
 * The messages of one request. `digests` holds, per tool call id, what its result is reduced to once
 * read; the results of the latest tool turn are sent in full.
 */
export function prepareTurn(
  system: string,
  messages: ModelMessage[],
  digests: ReadonlyMap<string, string>,
  budget: BudgetView,
): Turn {
  const lastTool = messages.findLastIndex((m) => m.role === 'tool');
  const lastSubmit = messages.findLastIndex(
    (m) =>
      m.role === 'assistant' &&
      Array.isArray(m.content) &&
      m.content.some((p) => p.type === 'tool-call' && p.toolName === budget.finalTool),
  );
  let lastDigested = -1;
  const out: ModelMessage[] = messages.map((m, i) => {
    if (m.role === 'tool' && i < lastTool) {
      lastDigested = i;
      return {
        ...m,
        content: m.content.map((p) =>
          p.type === 'tool-result' && digests.has(p.toolCallId)
            ? { ...p, output: { type: 'text' as const, value: digests.get(p.toolCallId)! } }
            : p,
        ),
      };
    }
    if (m.role === 'assistant' && i < lastSubmit && Array.isArray(m.content))
      return {
        ...m,
        content: m.content.map((p) =>
          p.type === 'tool-call' && p.toolName === budget.finalTool
            ? { ...p, input: { plan: '(an earlier submission; a later one replaced it)' } }
            : p,
        ),
      };
    return m;
  });
  // Cache breakpoints: the end of the digested history (stable from now on) and the latest message.
  for (const i of new Set([lastDigested, out.length - 1]))
    if (i >= 0)
      out[i] = { ...out[i]!, providerOptions: { ...out[i]!.providerOptions, ...CACHE } } as ModelMessage;
  out.push({ role: 'user', content: budgetLine(budget) });
  return { system: { role: 'system', content: system, providerOptions: CACHE }, messages: out };
}
