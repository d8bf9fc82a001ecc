import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnthropic } from '@ai-sdk/anthropic';
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import type { Turn } from './scripted-model.js';
import { promptText, scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

/** A service module of 600 lines: 75 methods of 8 lines, each line saying where it is. */
function moduleText(m: number): string {
  const out = [`export class Module${m}Service {`, '  private readonly items = new Map<string, number>();'];
  for (let h = 0; out.length < 598; h++)
    out.push(
      '',
      `  /** Returns the stored value for a key of handler ${h}, after checking it. */`,
      `  handle${h}(key: string, value: number): number {`,
      `    if (!key) throw new Error('a key is required by handler ${h} of module ${m}');`,
      '    const current = this.items.get(key) ?? 0;',
      `    this.items.set(key, current + value * ${h});`,
      '    return current;',
      '  }',
    );
  return [...out.slice(0, 599), '}'].join('\n');
}

/** A 40-step exploration: explore, then rounds of a whole-file read, a grep, a range, a listing and a note. */
function exploration(steps: number): Turn[] {
  const turns: Turn[] = [{ calls: [{ tool: 'explore_codebase', input: {} }] }];
  for (let m = 0; turns.length < steps - 1; m++) {
    const path = `src/modules/module-${m}.service.ts`;
    turns.push(
      { calls: [{ tool: 'read_file', input: { path } }] },
      { calls: [{ tool: 'grep', input: { pattern: `handle${m}\\(`, glob: 'src/**/*.ts' } }] },
      { calls: [{ tool: 'read_file', input: { path, start_line: 501, end_line: 600 } }] },
      { calls: [{ tool: 'list_dir', input: { path: 'src/modules' } }] },
      {
        calls: [
          {
            tool: 'think',
            input: {
              step: `module ${m} keeps values in a map keyed by string`,
              step_number: m + 1,
              total_steps: 8,
              next_step_required: true,
            },
          },
        ],
      },
    );
  }
  return [...turns.slice(0, steps - 1), { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] }];
}

describe('the budget: the model sees it, the history is kept small, a long exploration fits', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-budget-'));
    copySample('node-api', dir);
    mkdirSync(join(dir, 'src/modules'));
    for (let m = 0; m < 40; m++)
      writeFileSync(join(dir, `src/modules/module-${m}.service.ts`), moduleText(m));
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 40-step exploration of a large repository completes within the default budget, told what is left at every turn', async () => {
    const model = scriptedModel(exploration(40), { measured: true });
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    const o = await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(o.plan.phases.length).toBeGreaterThan(0);
    expect(planner.last).toMatchObject({ stoppedBy: 'submitted', steps: 40 });
    expect(planner.last!.usage.total).toBeLessThan(400_000);

    const calls = model.doGenerateCalls;
    const seen = (i: number) => promptText(calls[i]!);
    // Every turn ends with the budget; the last ones say it is nearly spent and ask for the plan.
    expect(seen(0)).toMatch(/Budget: this is step 1 of 40; 40 steps and about \d+k? of 400k tokens left\./);
    expect(seen(20)).toContain('Budget: this is step 21 of 40');
    expect(seen(20)).not.toContain('The budget is nearly spent');
    expect(seen(37)).toContain('The budget is nearly spent: call submit_plan now');
    // The last turn requires the plan.
    expect(calls[39]!.toolChoice).toEqual({ type: 'tool', toolName: 'submit_plan' });
    expect(calls[30]!.toolChoice).toEqual({ type: 'required' });

    // Results come as plain numbered text, and a range past the cap is cut at it with where to go on.
    expect(seen(2)).toContain(
      'src/modules/module-0.service.ts lines 1-500 of 600 (cut at the 500-line cap; continue with start_line 501)\\n1\\texport class Module0Service {',
    );
    expect(seen(2)).toContain('handler 5 of module 0');
    // Once read, a result is a digest: what was read and what it defines, not the text.
    expect(seen(10)).not.toContain('handler 5 of module 0');
    expect(seen(10)).toContain(
      '[digest of an earlier read_file result; call again for the text] read src/modules/module-0.service.ts lines 1-500 of 600; it defines Module0Service (1-',
    );
    expect(seen(10)).toMatch(/handle0 \(5-10\), handle1 \(13-18\)/);
    expect(seen(10)).toMatch(/\/handle0\\\\\(\/ in src\/\*\*\/\*\.ts: \d+ matches in /);

    // The system prompt and the stable part of the history are marked for the provider's prompt cache.
    const system = calls[5]!.prompt[0]!;
    expect(system.role).toBe('system');
    expect(system.providerOptions).toEqual({ anthropic: { cacheControl: { type: 'ephemeral' } } });
    expect(calls[5]!.prompt.filter((m) => m.providerOptions?.anthropic).length).toBe(3);
  });

  it('a small budget: the model is warned before it ends, then the plan is required, and a plan is written', async () => {
    let warned = -1;
    const turns: Turn[] = Array.from({ length: 30 }, (_, i) => (o: LanguageModelV3CallOptions) => {
      if (warned < 0 && promptText(o).includes('The budget is nearly spent')) warned = i;
      if (o.toolChoice?.type === 'tool')
        return { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] };
      return { calls: [{ tool: 'read_file', input: { path: `src/modules/module-${i}.service.ts` } }] };
    });
    const model = scriptedModel(turns, { measured: true });
    const planner = new LlmPlanner({ model, modelName: 'scripted', limits: { maxTokens: 90_000 } });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(planner.last!.stoppedBy).toBe('submitted');
    expect(warned).toBeGreaterThan(0);
    const last = model.doGenerateCalls.length - 1;
    expect(warned).toBeLessThan(last);
    expect(planner.last!.usage.total).toBeLessThan(90_000);
  });

  it('through the real Anthropic provider (a local fetch, no network), the tool schemas, the system prompt and the settled history are marked for its prompt cache', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const replies = [
      {
        type: 'tool_use',
        id: 'toolu_1',
        name: 'read_file',
        input: { path: 'src/modules/module-0.service.ts' },
      },
      { type: 'tool_use', id: 'toolu_2', name: 'submit_plan', input: { plan: submitted() } },
    ];
    const fetch = async (_url: unknown, init?: { body?: unknown }) => {
      bodies.push(JSON.parse(String(init?.body)));
      const content = [replies[bodies.length - 1]!];
      return new Response(
        JSON.stringify({
          id: `msg_${bodies.length}`,
          type: 'message',
          role: 'assistant',
          model: 'claude-test',
          content,
          stop_reason: 'tool_use',
          usage: { input_tokens: 5000, output_tokens: 200, cache_read_input_tokens: 4000 },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    };
    const model = createAnthropic({ apiKey: 'test-key', fetch: fetch as typeof globalThis.fetch })(
      'claude-test',
    );
    const planner = new LlmPlanner({ model, modelName: 'anthropic:claude-test' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    expect(planner.last!.stoppedBy).toBe('submitted');
    const second = bodies[1] as {
      system: Array<Record<string, unknown>>;
      messages: Array<{ content: unknown }>;
    };
    // The tool schemas carry a breakpoint of their own on the last tool (the same in every run, whatever
    // the style), and the one on the system prompt covers them too; four breakpoints at most, no warning.
    const tools = (bodies[0] as { tools: Array<Record<string, unknown>> }).tools;
    expect(tools.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(tools.slice(0, -1).every((t) => t.cache_control === undefined)).toBe(true);
    expect(planner.last!.warnings.filter((w) => /cache/i.test(w))).toEqual([]);
    expect(second.system.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(JSON.stringify(second.messages)).toContain('"cache_control":{"type":"ephemeral"}');
    expect(JSON.stringify(second.messages)).toContain('Budget: this is step 2 of 40');
  });
});
