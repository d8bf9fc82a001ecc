import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAgentDefinition } from '../../src/app/agent-run.js';
import { AppContext } from '../../src/context.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel } from './scripted-model.js';

// The five planner workflows of the product brief, read where they live (beside the repository);
// nothing from them is copied into the project.
const SEEDS = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const seeds = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((f) => /^\d{3}_.*\.txt$/.test(f))
      .sort()
  : [];
if (seeds.length === 0) console.warn(`[plansmith] seed agent runs skipped: no seed files at ${SEEDS}`);
const seed = (n: string) => join(SEEDS, seeds.find((f) => f.startsWith(n))!);

describe.skipIf(seeds.length === 0)('the five seed workflows run as agents under a scripted model', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-seeds-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (file: string, prompt: string, turns: Parameters<typeof scriptedModel>[0]) => {
    const model = scriptedModel(turns);
    return runAgentDefinition({
      root: dir,
      ref: file,
      prompt,
      registry: ctx.skills(),
      store: () => ctx.store(),
      model,
      modelName: 'scripted',
    }).then((r) => ({ r, model }));
  };

  it('000 (a VS Code agent with handoffs and Xano tools): read/search mapped, editing, web, execute and Xano tools listed as unmapped', async () => {
    const { r } = await run(seed('000'), 'Plan a members table and a sign-in endpoint', [
      {
        calls: [
          { tool: 'grep', input: { pattern: 'router' } },
          {
            tool: 'think',
            input: { step: 'tables first', step_number: 1, total_steps: 1, next_step_required: false },
          },
        ],
      },
      { text: 'Plan: tables, then functions, then APIs.' },
    ]);
    expect(r.format).toBe('vscode-agent');
    expect(r.mapped.read).toEqual(['read_file']);
    expect(r.mapped.search).toEqual(['grep', 'glob']);
    expect(r.mapped.todo).toEqual(['think']);
    expect(r.mapped.agent).toEqual(['research']);
    expect(r.unmapped).toEqual(
      expect.arrayContaining([
        'vscode',
        'edit',
        'web',
        'get_errors',
        'execute',
        'xano.xanoscript/get_all_xano_tables',
        'xano.xanoscript/push_all_changes_to_xano',
      ]),
    );
    expect(r.tool_calls).toEqual(['grep', 'think']);
    expect(r.text).toBe('Plan: tables, then functions, then APIs.');
  });

  it('001 (a Claude Code subagent): Read/Grep/Glob/Task and the zen planner mapped; web, docs lookup, chat and Write unmapped', async () => {
    const { r, model } = await run(seed('001'), 'Plan vector search support', [
      { calls: [{ tool: 'glob', input: { pattern: 'src/**/*.ts' } }] },
      { text: 'Workspace planned.' },
    ]);
    expect(r.format).toBe('claude-agent');
    expect(r.agent).toBe('planner');
    expect(r.mapped.Read).toEqual(['read_file']);
    expect(r.mapped.Task).toEqual(['research']);
    expect(r.mapped.mcp__zen__planner).toEqual(['think']);
    expect(r.unmapped).toEqual(
      expect.arrayContaining([
        'WebSearch',
        'Write',
        'mcp__zen__chat',
        'mcp__context7__resolve-library-id',
        'mcp__context7__get-library-docs',
      ]),
    );
    expect(r.unmapped).not.toContain('Read');
    expect(promptText(model.doGenerateCalls[1]!)).toContain('src/services/auth.service.ts');
  });

  it('002 (a skill that creates a task graph): search_skills and create_tasks_batch reach the real store', async () => {
    const batch = [
      {
        skill_id: 'plansmith/builtin/backend-development',
        task_name: 'Build loans API',
        task_order: 1,
        inputs: { files_to_modify: ['src/routes/users.routes.ts'] },
        validation_criteria: { critical: ['npm test passes'] },
      },
      {
        skill_id: 'plansmith/builtin/backend-critique',
        task_name: 'QA: loans API',
        task_order: 2,
        dependencies: ['$1'],
        inputs: { preceding_task: { task_order: 1 } },
      },
    ];
    const { r } = await run(seed('002'), 'Build a loans API', [
      { calls: [{ tool: 'search_skills', input: { category: 'critique', tag: 'backend' } }] },
      (o) => ({
        calls: [
          {
            tool: 'create_tasks_batch',
            input: { tasks: promptText(o).includes('plansmith/builtin/backend-critique') ? batch : [] },
          },
        ],
      }),
      { text: 'Created 2 tasks.' },
    ]);
    expect(r.format).toBe('skill');
    expect(r.mapped['(named in text) search_skills']).toEqual(['search_skills']);
    expect(r.mapped['(named in text) create_tasks_batch']).toEqual(['create_tasks_batch']);
    expect(r.unmapped).toEqual([]);
    const tasks = await (await ctx.store()).listTasks();
    expect(tasks.map((t) => [t.task_name, t.kind])).toEqual([
      ['Build loans API', 'implement'],
      ['QA: loans API', 'critique'],
    ]);
  });

  it('003 and 004 (commands with no declared tools) run with the read-only set', async () => {
    for (const n of ['003', '004']) {
      const { r } = await run(seed(n), 'add real-time notifications', [
        { calls: [{ tool: 'explore_codebase', input: {} }] },
        { text: `done ${n}` },
      ]);
      expect(r.format).toBe('claude-command');
      expect(r.mapped['(default)']).toEqual([
        'explore_codebase',
        'precedent',
        'read_file',
        'grep',
        'glob',
        'list_dir',
        'think',
      ]);
      expect(r.unmapped).toEqual([]);
      expect(r.text).toBe(`done ${n}`);
    }
  });
});
