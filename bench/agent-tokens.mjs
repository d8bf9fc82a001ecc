// Tokens per request of the LLM engine over a scripted exploration (15 and 40 steps) of a large
// repository: the real loop, tools and planner of a build, driven by a scripted model that counts what
// each request sends (messages and tool definitions) with the o200k tokenizer and reports it as usage.
// `--before <dist>` runs the same script against another build (e.g. main's) in the same run.
// Runs with a budget of 10M tokens so every request happens; the share is of the default 400k budget,
// and a second pass with the default budget says whether the run ends with a plan.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MockLanguageModelV3 } from 'ai/test';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { args } from './lib.mjs';

const opt = args({ before: '', steps: '15,40' });
const BUDGET = 400_000;

/** A service module of 600 lines: 75 short methods. */
function moduleText(m) {
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

const PLAN = {
  title: 'Password reset by email',
  analysis: {
    work_type: 'feature',
    summary: 'A person who forgot a password gets a one-time link by email and sets a new password.',
    entities: ['password', 'token'],
    operations: ['reset'],
    interfaces: ['HTTP API'],
    integrations: ['email'],
  },
  research: {
    stack: ['Express'],
    findings: [
      {
        text: 'Accounts are handled in AuthService',
        evidence: { file: 'src/services/auth.service.ts', line: 6 },
      },
    ],
  },
  phases: [
    {
      id: 'p1',
      title: 'Reset tokens',
      goal: 'Issue and redeem one-time reset tokens.',
      kind: 'implement',
      steps: [
        {
          title: 'Token service',
          detail: 'Hash the token; it expires after 30 minutes.',
          files_to_create: [
            { path: 'src/services/password-reset.service.ts', why: 'issues and redeems tokens' },
          ],
          files_to_modify: [{ path: 'src/services/auth.service.ts', why: 'reuse password hashing' }],
        },
      ],
      automated_checks: [{ command: 'npm test', expect: 'passes' }],
    },
  ],
  tests: { strategy: 'Unit tests of the token service', cases: ['A valid link resets the password'] },
};

function script(steps) {
  const turns = [{ calls: [{ tool: 'explore_codebase', input: {} }] }];
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
              step: `module ${m} keeps values in a map`,
              step_number: m + 1,
              total_steps: 9,
              next_step_required: true,
            },
          },
        ],
      },
    );
  }
  return [...turns.slice(0, steps - 1), { calls: [{ tool: 'submit_plan', input: { plan: PLAN } }] }];
}

function model(turns, sizes) {
  let i = 0;
  return new MockLanguageModelV3({
    provider: 'scripted',
    modelId: 'scripted',
    doGenerate: async (o) => {
      const turn = turns[i++] ?? { calls: [{ tool: 'submit_plan', input: { plan: PLAN } }] };
      // A forced final tool is honoured, as a provider would.
      const calls =
        o.toolChoice?.type === 'tool' ? [{ tool: o.toolChoice.toolName, input: { plan: PLAN } }] : turn.calls;
      const schemas = o200k(JSON.stringify(o.tools ?? [])).length;
      const input = o200k(JSON.stringify(o.prompt)).length + schemas;
      sizes.schemas = [...(sizes.schemas ?? []), schemas];
      const output = o200k(JSON.stringify(calls)).length;
      sizes.push(input + output);
      return {
        content: calls.map((c, k) => ({
          type: 'tool-call',
          toolCallId: `c${i}-${k}`,
          toolName: c.tool,
          input: JSON.stringify(c.input),
        })),
        finishReason: { unified: 'tool-calls', raw: undefined },
        usage: {
          inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: output, text: output, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
}

async function run(dist, steps, maxTokens) {
  const { AppContext } = await import(join(dist, 'index.js'));
  const { LlmPlanner } = await import(join(dist, 'planning/llm/engine.js'));
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-agent-tokens-'));
  cpSync(join(import.meta.dirname, '..', 'examples/samples/node-api'), dir, { recursive: true });
  mkdirSync(join(dir, 'src/modules'));
  for (let m = 0; m < 40; m++) writeFileSync(join(dir, `src/modules/module-${m}.service.ts`), moduleText(m));
  const ctx = new AppContext({ root: dir });
  const sizes = [];
  const planner = new LlmPlanner({
    model: model(script(steps), sizes),
    modelName: 'scripted',
    limits: { maxSteps: steps, maxTokens },
  });
  let outcome = 'plan written';
  try {
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
  } catch (e) {
    outcome = `no plan (${planner.last?.stoppedBy ?? e.message})`;
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { sizes, total: planner.last?.usage.total ?? 0, steps: planner.last?.steps ?? 0, outcome };
}

const builds = [['after', resolve(import.meta.dirname, '..', 'dist')]];
if (opt.before) builds.unshift(['before', resolve(opt.before)]);
for (const steps of String(opt.steps).split(',').map(Number)) {
  console.log(`\n== ${steps}-step scripted exploration (40 files of 600 lines), tokens counted with o200k`);
  for (const [label, dist] of builds) {
    const all = await run(dist, steps, 10_000_000);
    const fit = await run(dist, steps, BUDGET);
    const s = all.sizes;
    const mean = Math.round(s.reduce((a, b) => a + b, 0) / s.length);
    console.log(
      `${label.padEnd(6)} requests ${s.length}: first ${s[0]}, mean ${mean}, last ${s[s.length - 1]}, max ${Math.max(...s)}; total ${all.total} = ${((100 * all.total) / BUDGET).toFixed(0)}% of the 400k budget; with the default budget: ${fit.outcome} after ${fit.steps} requests, ${fit.total} tokens`,
    );
    // The tool definitions are the same at every request: a provider without prompt caching bills them
    // each time; one that caches (Anthropic, with the breakpoints the loop sets) reads them from its cache.
    const schemas = s.schemas ?? [];
    const resent = schemas.reduce((a, b) => a + b, 0);
    console.log(
      `${''.padEnd(6)} tool schemas ${schemas[0]} tokens a request; resent over the run: ${resent} = ${((100 * resent) / all.total).toFixed(0)}% of its tokens, ${((100 * resent) / BUDGET).toFixed(0)}% of the budget (billed again only by a provider without prompt caching)`,
    );
  }
}
