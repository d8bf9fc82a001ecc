import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetLine } from '../../src/agent/budget.js';
import { AppContext } from '../../src/context.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

/**
 * The research tool's sub-agent makes model requests of its own. Found in a run where a capable model drove
 * the engine: they were left out of the budget the model is told and of the run's usage (a research call
 * may spend up to 60k tokens unseen). The scripted model bills each request 1,200 input + 150 output tokens.
 */
describe("research: the sub-agent's requests count in the budget the model sees", () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-research-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two sub-agent requests are billed to the run and shown in the next budget line', async () => {
    const model = scriptedModel([
      { calls: [{ tool: 'research', input: { area: 'src/routes', question: 'How are routes validated?' } }] },
      // the sub-agent's own two requests
      { calls: [{ tool: 'list_dir', input: { path: 'src/routes' } }] },
      { text: 'Routes parse bodies with zod and call a service.' },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(model.doGenerateCalls).toHaveLength(4);
    // Four requests of 1,350 tokens: the main loop's two and the sub-agent's two.
    expect(planner.last!.usage).toEqual({ input: 4 * 1200, output: 4 * 150, total: 4 * 1350 });
    const next = promptText(model.doGenerateCalls[3]!);
    // The research result says what it cost (the prompt is JSON, its line breaks escaped).
    expect(next).toContain('tokens_used:\\n  input: 2400\\n  output: 300');
    // 400,000 − 1,350 (the first request) − 2,700 (the sub-agent's) = 395,950.
    expect(next).toContain('Budget: this is step 2 of 40; 39 steps and about 396k of 400k tokens left.');
  });

  it('a research call spends at most what is left after the next request; the budget line says so', async () => {
    // The sub-agent is scripted to keep reading for all of its 8 steps (8 × 1,350 = 10,800 tokens): with a
    // fixed 60k cap it would spend the rest of a 12,000-token budget and the planner could submit nothing.
    const reading = { calls: [{ tool: 'list_dir', input: { path: 'src' } }] };
    const model = scriptedModel([
      { calls: [{ tool: 'research', input: { area: 'src', question: 'Where do routes live?' } }] },
      // The sub-agent reads on (its prompt is the researcher's); the planner submits.
      ...Array.from(
        { length: 9 },
        () => (o: Parameters<typeof promptText>[0]) =>
          promptText(o).includes('You research one area')
            ? reading
            : { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
      ),
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted', limits: { maxTokens: 12_000 } });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    // 12,000 − the calling request (1,350) − a next request 1.2 times its size (1,620) = 9,030 for the
    // sub-agent: six of its requests (8,100) fit, a seventh would not.
    expect(promptText(model.doGenerateCalls[1]!)).toContain('about 9030 of 9030 tokens left');
    const next = promptText(model.doGenerateCalls[7]!);
    expect(next).toContain('token_cap: 9030');
    expect(next).toContain('steps: 6');
    expect(next).toContain('input: 7200');
    // What is left leaves no room for another research call, and the budget line says so.
    expect(next).toContain('about 2550 of 12k tokens left. No room is left for research');
    expect(model.doGenerateCalls).toHaveLength(8);
    expect(planner.last!.stoppedBy).toBe('submitted');
    expect(planner.last!.usage.total).toBe(8 * 1350);
  });

  it('a research call with too little budget left is refused without a model request', async () => {
    const model = scriptedModel([
      { calls: [{ tool: 'research', input: { area: 'src', question: 'Where do routes live?' } }] },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted', limits: { maxTokens: 6_000 } });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    // 6,000 − 1,350 − 1,620 = 3,030: under the 4,000 one useful sub-agent request needs.
    expect(promptText(model.doGenerateCalls[1]!)).toContain(
      'research needs at least 4000 tokens and only 3030 are left for it',
    );
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(planner.last!.stoppedBy).toBe('submitted');
  });

  it('two research calls in one turn share the room: the second gets what the first did not hold', async () => {
    const reading = { calls: [{ tool: 'list_dir', input: { path: 'src' } }] };
    const model = scriptedModel([
      {
        calls: [
          { tool: 'research', input: { area: 'src/routes', question: 'Routes?' } },
          { tool: 'research', input: { area: 'src/services', question: 'Services?' } },
        ],
      },
      ...Array.from(
        { length: 12 },
        () => (o: Parameters<typeof promptText>[0]) =>
          promptText(o).includes('You research one area')
            ? reading
            : { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
      ),
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted', limits: { maxTokens: 20_000 } });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    // 20,000 − 1,350 − 1,620 = 17,030: the first call holds all of it, the second is refused.
    const next = promptText(model.doGenerateCalls.at(-1)!);
    expect(next).toContain('token_cap: 17030');
    expect(next).toContain('research needs at least 4000 tokens and only 0 are left for it');
    expect(planner.last!.stoppedBy).toBe('submitted');
    expect(planner.last!.usage.total).toBeLessThanOrEqual(20_000);
  });

  it('the budget line names the research cap once the budget, not the 60k maximum, bounds it', () => {
    const view = { step: 3, maxSteps: 40, maxTokens: 100_000, lastRequest: 10_000, research: true };
    // 100k − 30k − 2.2 × 10k = 48k a research call may spend.
    expect(budgetLine({ ...view, tokens: 30_000 })).toContain(
      'A research call may spend at most about 48k of them.',
    );
    expect(budgetLine({ ...view, tokens: 10_000 })).not.toContain('research');
    expect(budgetLine({ ...view, tokens: 30_000, research: false })).not.toContain('research');
  });
});
