import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createModel, parseModelSpec } from '../../src/agent/model.js';
import { AppContext } from '../../src/context.js';
import type { Plan } from '../../src/domain/plan.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

describe('the LLM engine: a scripted model drives the real loop and tools on a real sample repository', () => {
  let dir: string;
  let ctx: AppContext;
  let outside: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-llm-'));
    copySample('node-api', dir);
    outside = mkdtempSync(join(tmpdir(), 'plansmith-llm-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'OUTSIDE-THE-ROOT-VALUE');
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('explores, reads, thinks, submits an invalid plan, repairs it, and ends with files written and tasks in the store', async () => {
    const bad = submitted();
    (bad.phases as Plan['phases'])[0]!.steps[0]!.files_to_modify.push({
      path: 'src/services/reset-mailer.ts',
      why: 'does not exist',
    });
    (bad.phases as Plan['phases'])[0]!.automated_checks.push({ command: 'npm run e2e', expect: 'passes' });
    let repairPrompt = '';
    const model = scriptedModel([
      { calls: [{ tool: 'explore_codebase', input: {} }] },
      {
        calls: [
          { tool: 'read_file', input: { path: 'src/services/auth.service.ts', start_line: 1, end_line: 20 } },
          { tool: 'grep', input: { pattern: 'passwordHash', glob: 'src/**/*.ts' } },
        ],
      },
      {
        calls: [
          {
            tool: 'think',
            input: {
              step: 'Tokens must be single-use and hashed; reuse bcrypt from AuthService.',
              step_number: 1,
              total_steps: 1,
              next_step_required: false,
            },
          },
        ],
      },
      { calls: [{ tool: 'submit_plan', input: { plan: bad } }] },
      (o) => {
        repairPrompt = promptText(o);
        return { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] };
      },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted:planner' });
    const o = await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(repairPrompt).toContain('src/services/reset-mailer.ts does not exist');
    expect(repairPrompt).toContain('package.json has no \\"e2e\\" script');
    expect(planner.last).toMatchObject({ stoppedBy: 'submitted', repairs: 1 });
    expect(planner.last!.toolCalls).toEqual([
      'explore_codebase',
      'read_file',
      'grep',
      'think',
      'submit_plan',
      'submit_plan',
    ]);
    expect(o.plan.engine).toBe('llm:scripted:planner');
    expect(o.plan.phases[0]!.steps[0]!.files_to_modify.map((f) => f.path)).toEqual([
      'src/services/auth.service.ts',
    ]);
    expect(o.lint.ok).toBe(true);
    expect(readdirSync(join(dir, 'plans'))).toHaveLength(1);
    expect(o.tasks.filter((t) => !t.parent_id).map((t) => t.kind)).toEqual([
      'implement',
      'critique',
      'test',
      'critique',
    ]);
    const next = await (await ctx.tasks()).next({ plan_id: o.plan.id });
    expect(next!.task_name).toBe('Build: Password reset by email');
    // What the model saw from read_file: real lines of the real file, numbered.
    expect(promptText(model.doGenerateCalls[2]!)).toContain('export class AuthService');
  });

  it('refuses ../outside and .env, never passes their contents to the model, and stops cleanly at the step limit', async () => {
    const model = scriptedModel([
      {
        calls: [
          { tool: 'read_file', input: { path: '../' + outside.split('/').pop() + '/secret.txt' } },
          { tool: 'read_file', input: { path: join(outside, 'secret.txt') } },
        ],
      },
      {
        calls: [
          { tool: 'read_file', input: { path: '.env' } },
          { tool: 'grep', input: { pattern: 'JWT_SECRET' } },
        ],
      },
      { calls: [{ tool: 'list_dir', input: { path: '../..' } }] },
      {
        calls: [
          {
            tool: 'think',
            input: { step: 'still thinking', step_number: 1, total_steps: 9, next_step_required: true },
          },
        ],
      },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted', limits: { maxSteps: 3 } });
    await expect((await ctx.plans(planner)).plan({ text: 'rotate the JWT secret' })).rejects.toThrow(
      /produced no plan: it reached the step limit \(3 steps\) without calling submit_plan\. Nothing was written/,
    );
    const seen = model.doGenerateCalls.map(promptText).join('\n');
    expect(seen).toContain('outside the project root');
    expect(seen).toContain('may hold secrets; plansmith never reads it');
    expect(seen).not.toContain('OUTSIDE-THE-ROOT-VALUE');
    expect(seen).not.toContain('sample-secret-value');
    expect(model.doGenerateCalls).toHaveLength(3);
    expect(existsSync(join(dir, 'plans'))).toBe(false);
    expect(existsSync(join(dir, '.plansmith'))).toBe(false);
  });

  it('gives up after the repair limit with a clear message, writing nothing', async () => {
    const broken = submitted({ phases: [] as never });
    const model = scriptedModel([
      { calls: [{ tool: 'submit_plan', input: { plan: broken } }] },
      { calls: [{ tool: 'submit_plan', input: { plan: broken } }] },
      { calls: [{ tool: 'submit_plan', input: { plan: broken } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted', maxRepairs: 2 });
    await expect((await ctx.plans(planner)).plan({ text: 'anything' })).rejects.toThrow(
      /its plan was refused 3 times \(last: phases: Too small[^)]*\), more than the 2 repairs allowed\. Nothing was written/,
    );
    expect(promptText(model.doGenerateCalls[1]!)).toMatch(/phases: Too small/);
    expect(existsSync(join(dir, 'plans'))).toBe(false);
  });

  it('research fans out to a sub-agent that reports back; ask_user without a terminal becomes an open question', async () => {
    const model = scriptedModel([
      { calls: [{ tool: 'research', input: { area: 'src/routes', question: 'How are routes validated?' } }] },
      // the sub-agent's own turns
      { calls: [{ tool: 'list_dir', input: { path: 'src/routes' } }] },
      { text: 'Routes parse bodies with zod (src/routes/auth.routes.ts:5) and call a service.' },
      { calls: [{ tool: 'ask_user', input: { question: 'Should a reset end all sessions?' } }] },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted({ questions: [] }) } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    const o = await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(promptText(model.doGenerateCalls[3]!)).toContain('Routes parse bodies with zod');
    expect(o.plan.questions.map((q) => q.question)).toEqual(['Should a reset end all sessions?']);
  });

  it('refine with the LLM engine makes the next revision', async () => {
    const first = await (
      await ctx.plans(
        new LlmPlanner({
          model: scriptedModel([{ calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] }]),
          modelName: 'scripted',
        }),
      )
    ).plan({ text: 'add password reset by email' });
    const model = scriptedModel([
      (o) => ({
        calls: [
          {
            tool: 'submit_plan',
            input: {
              plan: submitted({
                not_doing: ['No SMS', promptText(o).includes('SendGrid') ? 'No SendGrid templates yet' : 'x'],
              }),
            },
          },
        ],
      }),
    ]);
    const r = await (await ctx.plans(new LlmPlanner({ model, modelName: 'scripted' }))).refine(
      first.plan.id,
      'Use SendGrid but skip its templates',
    );
    expect(r.plan.revision).toBe(2);
    expect(r.plan.not_doing).toContain('No SendGrid templates yet');
    expect(r.diff).toContain('+- No SendGrid templates yet');
  });
});

describe('models and provider errors', () => {
  it('configuration errors name what is missing', () => {
    expect(() => parseModelSpec('claude')).toThrow(/not provider:model/);
    expect(() => parseModelSpec('acme:x')).toThrow(/unknown model provider "acme"/);
    expect(() => createModel(parseModelSpec('anthropic:claude-sonnet-4-5'), {})).toThrow(
      /needs ANTHROPIC_API_KEY/,
    );
    expect(() => createModel(parseModelSpec('openai:gpt-4.1'), {})).toThrow(/needs OPENAI_API_KEY/);
    expect(() => createModel(parseModelSpec('openai-compatible:qwen'), {})).toThrow(
      /needs --base-url or PLANSMITH_BASE_URL/,
    );
    expect(createModel(parseModelSpec('ollama:llama3.1'), {})).toBeTruthy();
  });

  const failing = (status: number) => {
    let calls = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        calls++;
        throw new APICallError({
          message: `HTTP ${status}`,
          url: 'http://127.0.0.1:1/v1/chat',
          requestBodyValues: {},
          statusCode: status,
          isRetryable: status === 429 || status >= 500,
        });
      },
    });
    return { model, calls: () => calls };
  };

  it('a refused request and a rate limit (retried with backoff) each give one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansmith-llm-err-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    const ctx = new AppContext({ root: dir });
    try {
      const refused = failing(401);
      await expect(
        (await ctx.plans(new LlmPlanner({ model: refused.model, modelName: 'anthropic:x' }))).plan({
          text: 'x',
        }),
      ).rejects.toThrow(/^anthropic:x refused the request \(HTTP 401\): check the API key/);
      expect(refused.calls()).toBe(1);
      const limited = failing(429);
      await expect(
        (
          await ctx.plans(new LlmPlanner({ model: limited.model, modelName: 'openai:y', maxRetries: 1 }))
        ).plan({ text: 'x' }),
      ).rejects.toThrow(/^openai:y: rate limited \(HTTP 429\) after retrying with backoff/);
      expect(limited.calls()).toBe(2);
    } finally {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
