import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/context.js';
import { reportError } from '../../src/cli/run.js';
import { AppContext } from '../../src/context.js';
import { NoPlanError } from '../../src/domain/errors.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel, type Turn } from './scripted-model.js';
import { submitted } from './submitted.js';

/**
 * The mistakes real models make, replayed through the real loop, the real tools and the real sample
 * repository. Each asserts what the run ends with, what it says, and how many requests it took.
 */
describe('real-model behaviours, replayed by a scripted model', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-replay-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const REQUIREMENT = 'add password reset by email';
  const submit = (input: unknown): Turn => ({ calls: [{ tool: 'submit_plan', input }] });

  async function replay(turns: Turn[], o: { maxRepairs?: number; settings?: LlmPlanner['last'] } = {}) {
    const model = scriptedModel(turns);
    const events: AgentEvent[] = [];
    const planner = new LlmPlanner({
      model,
      modelName: 'scripted',
      maxRepairs: o.maxRepairs ?? 3,
      onEvent: (e) => events.push(e),
    });
    let error: unknown;
    let outcome: Awaited<ReturnType<Awaited<ReturnType<AppContext['plans']>>['plan']>> | undefined;
    try {
      outcome = await (await ctx.plans(planner)).plan({ text: REQUIREMENT });
    } catch (e) {
      error = e;
    }
    return {
      model,
      planner,
      events,
      error: error as NoPlanError | undefined,
      outcome,
      requests: model.doGenerateCalls.length,
    };
  }

  const nothingWritten = () => {
    expect(existsSync(join(dir, 'plans'))).toBe(false);
    expect(existsSync(join(dir, '.plansmith'))).toBe(false);
  };

  it('an empty plan: refused with the missing fields each time, then the run ends saying how often', async () => {
    const r = await replay([
      submit({ plan: {} }),
      submit({ plan: {} }),
      submit({ plan: {} }),
      submit({ plan: {} }),
    ]);
    expect(r.error).toBeInstanceOf(NoPlanError);
    expect(r.error!.reason).toBe('repairs-exhausted');
    expect(r.error!.message).toMatch(
      /its plan was refused 4 times \(last: title: .*analysis: .*\), more than the 3 repairs allowed/,
    );
    expect(promptText(r.model.doGenerateCalls[1]!)).toMatch(/phases.*expected array/);
    expect(r.requests).toBe(4);
    nothingWritten();
  });

  it('the plan fields at the top level: taken as the plan, with a note, on the first request', async () => {
    const r = await replay([submit(submitted())]);
    expect(r.error).toBeUndefined();
    expect(r.outcome!.plan.title).toBe('Password reset by email');
    expect(r.planner.last!.repairs).toBe(0);
    expect(r.requests).toBe(1);
  });

  it('the plan as a JSON string, with enum synonyms and numbers as text: normalised and accepted', async () => {
    const plan = submitted();
    const phases = (plan.phases as Array<Record<string, unknown>>).map((p, i) => ({
      ...p,
      kind: i === 0 ? 'Implementation' : 'testing',
      estimate_minutes: String(p.estimate_minutes),
    }));
    const r = await replay([
      submit({
        plan: JSON.stringify({
          ...plan,
          phases,
          analysis: { ...(plan.analysis as object), work_type: 'Feat' },
        }),
      }),
    ]);
    expect(r.error).toBeUndefined();
    expect(r.outcome!.plan.phases.map((p) => [p.kind, p.estimate_minutes])).toEqual([
      ['implement', 60],
      ['test', 45],
    ]);
    expect(r.outcome!.plan.analysis.work_type).toBe('feature');
    expect(r.requests).toBe(1);
  });

  it('a plan without a verdict that calls an existing setting new is refused as lint finds it (the precedent analysis is asked)', async () => {
    const plan = submitted();
    const phases = (plan.phases as Array<Record<string, unknown>>).map((p, i) =>
      i === 0
        ? {
            ...p,
            steps: [
              ...(p.steps as unknown[]),
              {
                title: 'Add a new `PORT` environment variable for the listening port',
                detail: 'Read it at start-up.',
                files_to_create: [],
                files_to_modify: [{ path: 'src/index.ts', why: 'the server starts here' }],
              },
            ],
          }
        : p,
    );
    const r = await replay([submit({ plan: { ...plan, phases } }), submit({ plan: submitted() })]);
    expect(r.error).toBeUndefined();
    expect(promptText(r.model.doGenerateCalls[1]!)).toMatch(
      /calls PORT new, but the code already has it \(src\/index\.ts:3/,
    );
    expect(r.planner.last!.repairs).toBe(1);
  });

  it('invalid JSON arguments: the error goes back to the model and counts as a repair', async () => {
    const r = await replay([
      { calls: [{ tool: 'submit_plan', raw: '{"plan": {"title": "Password reset", ' }] },
      submit({ plan: submitted() }),
    ]);
    expect(r.error).toBeUndefined();
    expect(promptText(r.model.doGenerateCalls[1]!)).toMatch(/JSON|parse/i);
    expect(r.planner.last!.repairs).toBe(1);
    expect(r.requests).toBe(2);
  });

  it('a made-up tool name: the model is told which tools exist, and it counts as a repair', async () => {
    const r = await replay([
      { calls: [{ tool: 'write_plan', input: { plan: submitted() } }] },
      submit({ plan: submitted() }),
    ]);
    expect(r.error).toBeUndefined();
    expect(promptText(r.model.doGenerateCalls[1]!)).toMatch(/write_plan/);
    expect(r.planner.last!.repairs).toBe(1);
    expect(r.requests).toBe(2);
  });

  it('invalid calls alone can exhaust the repairs', async () => {
    const bad: Turn = { calls: [{ tool: 'make_plan', input: {} }] };
    const r = await replay([bad, bad, bad], { maxRepairs: 2 });
    expect(r.error!.reason).toBe('repairs-exhausted');
    expect(r.error!.message).toMatch(/refused 3 times \(last: make_plan: /);
    expect(r.requests).toBe(3);
    nothingWritten();
  });

  it('a reply cut off by the output limit says so, not "it stopped"', async () => {
    const r = await replay([{ text: 'Here is the plan: {"title": "Password re', finish: 'length' }]);
    expect(r.error!.reason).toBe('length');
    expect(r.error!.message).toMatch(
      /its reply was cut off by the output limit before a plan was accepted\. Nothing was written\. Raise --max-output-tokens/,
    );
    expect(r.requests).toBe(1);
    nothingWritten();
  });

  it('a text answer with no tool call says so and quotes it', async () => {
    const r = await replay([{ text: 'I would add a reset service and a route.' }]);
    expect(r.error!.reason).toBe('text-answer');
    expect(r.error!.message).toMatch(
      /it answered in text without calling submit_plan: "I would add a reset service and a route\."/,
    );
    expect(r.requests).toBe(1);
    nothingWritten();
  });

  it('a junk plan that passes the shape check is refused by the content gate, with reasons', async () => {
    const junk = submitted({
      title: 'asdf',
      analysis: { work_type: 'feature', summary: 'TODO' } as never,
      phases: [
        {
          id: 'p1',
          title: 'Phase 1',
          kind: 'implement',
          steps: [{ title: 'TODO', detail: '...', files_to_create: [], files_to_modify: [] }],
        },
      ] as never,
    });
    const r = await replay([submit({ plan: junk })], { maxRepairs: 0 });
    expect(r.error!.reason).toBe('repairs-exhausted');
    for (const why of [/title: "asdf" says nothing/, /analysis\.summary: empty or a placeholder/])
      expect(r.error!.message).toMatch(why);
    const seen = promptText(r.model.doGenerateCalls[0]!);
    expect(seen).toContain('submit_plan');
    nothingWritten();
  });

  it('the content gate lists every problem of a junk plan to the model', async () => {
    const junk = submitted({
      title: 'asdf',
      phases: [
        {
          id: 'p1',
          title: 'Phase 1',
          kind: 'implement',
          steps: [{ title: 'TODO', detail: '', files_to_create: [], files_to_modify: [] }],
        },
      ] as never,
    });
    const r = await replay([submit({ plan: junk }), submit({ plan: submitted() })]);
    expect(r.error).toBeUndefined();
    const told = promptText(r.model.doGenerateCalls[1]!);
    expect(told).toMatch(/an implement phase names no file to create or modify/);
    expect(told).toMatch(/steps\[0\]: \\"TODO\\" is empty or a placeholder/);
    expect(r.planner.last!.repairs).toBe(1);
  });

  it('a plan off the requirement is refused: none of its key terms appear', async () => {
    const off = submitted({
      title: 'Dark mode for the settings page',
      analysis: { work_type: 'feature', summary: 'Add a theme switch.' } as never,
    });
    const phases = (off.phases as Array<Record<string, unknown>>).map((p) => ({
      ...p,
      title: 'Theme',
      goal: 'A theme switch',
      steps: [
        {
          title: 'Theme switch',
          detail: 'A toggle',
          files_to_create: [],
          files_to_modify: [{ path: 'src/app.ts', why: 'theme' }],
        },
      ],
    }));
    const r = await replay([submit({ plan: { ...off, phases } })], { maxRepairs: 0 });
    expect(r.error!.message).toMatch(
      /it does not speak of the requirement: only one of its key terms \(add, password, reset, email\) appears/,
    );
  });

  it('a good plan after two repairs is written, and the run counts both', async () => {
    const r = await replay([
      submit({ plan: {} }),
      submit({ plan: submitted({ phases: [] as never }) }),
      submit({ plan: submitted() }),
    ]);
    expect(r.error).toBeUndefined();
    expect(r.outcome!.files.length).toBeGreaterThan(0);
    expect(r.planner.last!.repairs).toBe(2);
    expect(r.events.filter((e) => e.type === 'repair')).toHaveLength(2);
    expect(r.requests).toBe(3);
  });

  it('tool_choice is required by default; temperature and max output tokens reach the provider; an ignored setting is said', async () => {
    const model = scriptedModel([
      { ...submit({ plan: submitted() }), warnings: [{ type: 'unsupported', feature: 'temperature' }] },
    ]);
    const events: AgentEvent[] = [];
    await (
      await ctx.plans(
        new LlmPlanner({
          model,
          modelName: 'scripted',
          settings: { temperature: 0.2, maxOutputTokens: 4096 },
          onEvent: (e) => events.push(e),
        }),
      )
    ).plan({ text: REQUIREMENT });
    const call = model.doGenerateCalls[0]!;
    expect(call.toolChoice).toEqual({ type: 'required' });
    expect(call.temperature).toBe(0.2);
    expect(call.maxOutputTokens).toBe(4096);
    expect(events).toContainEqual({
      type: 'notice',
      text: 'the provider does not support temperature; ran without it',
    });
    const auto = scriptedModel([submit({ plan: submitted() })]);
    await (
      await ctx.plans(
        new LlmPlanner({ model: auto, modelName: 'scripted', settings: { toolChoice: 'auto' } }),
      )
    ).plan({ text: REQUIREMENT });
    expect(auto.doGenerateCalls[0]!.toolChoice).toEqual({ type: 'auto' });
  });

  it('submit_plan shows the model the typed plan schema, with its required fields', async () => {
    const r = await replay([submit({ plan: submitted() })]);
    const tool = r.model.doGenerateCalls[0]!.tools!.find((t) => t.name === 'submit_plan') as {
      inputSchema: { properties: { plan: { required: string[]; properties: Record<string, unknown> } } };
    };
    expect(tool.inputSchema.properties.plan.required).toEqual(
      expect.arrayContaining(['title', 'analysis', 'phases', 'tests']),
    );
    expect(JSON.stringify(tool.inputSchema.properties.plan.properties.phases)).toContain(
      '"enum":["implement","test","docs","research","other"]',
    );
  });

  it('"no plan" exits 3, unlike a written plan (0) or another refusal (1)', () => {
    const io = { out: () => {}, err: () => {}, isTTY: false };
    expect(reportError(new NoPlanError('x', 'length'), false, io)).toBe(3);
    expect(reportError(new Error('boom'), false, io)).toBe(70);
  });
});
