import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
