import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import type { Plan } from '../../src/domain/plan.js';
import { PROMPT_TOOLS } from '../../src/mcp/prompts.js';
import { PLANNING_TOOLS } from '../../src/registry/export.js';
import { submitted } from '../agent/submitted.js';
import { copySample } from '../samples.js';
import { call, connectInMemory } from './helpers.js';

describe('MCP planning tools (in process, on a copy of the sample API)', () => {
  let dir: string;
  let ctx: AppContext;
  let client: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-mcp-plan-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
    client = await connectInMemory(ctx);
  });
  afterEach(async () => {
    await client.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explore_codebase answers compactly, secrets never read', async () => {
    const r = await call<{
      frameworks: string[];
      commands: string[];
      relevant: Array<{ path: string }>;
      secrets_present: number;
    }>(client, 'explore_codebase', { for: 'password reset email', top: 3 });
    // With a requirement, the precedent is the first fact.
    expect(Object.keys(r.value)[0]).toBe('precedent');
    expect(r.value.frameworks.some((f) => f.startsWith('Express [web] package.json:19'))).toBe(true);
    expect(r.value.commands).toContain('test: npm test');
    expect(r.value.relevant).toHaveLength(3);
    expect(r.value.secrets_present).toBe(1);
    expect(JSON.stringify(r.raw)).not.toContain('sample-secret-value');
  });

  it('the plan model is published as a JSON Schema resource, with its required fields', async () => {
    const r = await client.readResource({ uri: 'plansmith://schema/plan' });
    const schema = JSON.parse(String((r.contents[0] as { text: string }).text)) as {
      required: string[];
      properties: Record<string, { items?: { required?: string[] } }>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'title', 'slug', 'style', 'created_at', 'phases']),
    );
    expect(schema.properties.phases!.items!.required).toEqual(
      expect.arrayContaining(['id', 'title', 'steps']),
    );
  });

  it('draft_plan writes nothing; save_plan of an edited draft writes files and tasks; bad models are refused by field', async () => {
    const draft = await call<Plan>(client, 'draft_plan', { requirement: 'add password reset by email' });
    // The precedent comes first: a host reads the verdict before the design.
    expect(Object.keys(draft.value)[0]).toBe('precedent');
    expect(draft.value.precedent?.verdict).toBeDefined();
    expect(draft.value.phases.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'plans'))).toBe(false);
    const full = await call<Plan>(client, 'get_plan', { plan: 'x' });
    expect(full.error!.message).toMatch(/no plan with id x/);
    // The agent edits the draft it was given and saves it: the whole model round-trips.
    const model = structuredClone(draft.value);
    model.title = 'Password reset (reviewed)';
    model.security.push('Log every reset request with the account id, never the token.');
    const saved = await call<{ plan_id: string; files: string[]; tasks: string[]; lint_ok: boolean }>(
      client,
      'save_plan',
      { plan: model },
    );
    expect(saved.error).toBeUndefined();
    expect(saved.value.lint_ok).toBe(true);
    expect(saved.value.tasks.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(join(dir, 'plans'))).toHaveLength(1);
    const bad = await call(client, 'save_plan', { plan: { ...model, id: 'other', phases: [] } });
    expect(bad.error!.message).toMatch(/the plan was refused; nothing was written/);
    expect(bad.error!.issues![0]!.field).toBe('phases');
    expect(readdirSync(join(dir, 'plans'))).toHaveLength(1);
  });

  it('save_plan takes what hosts really send: the fields at the top level, the plan as a JSON string, or markdown; junk is refused by the content gate', async () => {
    const body = submitted();
    const top = await call<{ plan_id: string; notes: string[]; tasks: string[] }>(client, 'save_plan', body);
    expect(top.error).toBeUndefined();
    expect(top.value.notes).toContain('the plan fields were at the top level; taken as the plan');
    expect(top.value.tasks.length).toBeGreaterThanOrEqual(4);
    const str = await call<{ plan_id: string; notes: string[] }>(client, 'save_plan', {
      plan: JSON.stringify({ ...body, title: 'Password reset by email (second take)' }),
    });
    expect(str.error).toBeUndefined();
    expect(str.value.notes).toContain('plan came as a JSON string; parsed');
    const md = await call<{ plan_id: string; files: string[] }>(client, 'save_plan', {
      markdown:
        '# Reset a password by email\n\nUsers who forgot their password get a single-use link by email.\n\n## Phase 1: Tokens\n\n- Create `src/services/password-reset.service.ts` — issues and redeems reset tokens\n- Modify `src/services/auth.service.ts` — reuse the password hashing\n\n### Success criteria\n\n```bash\nnpm test\n```\n',
    });
    expect(md.error).toBeUndefined();
    expect(readdirSync(join(dir, 'plans'))).toHaveLength(3);
    const junk = await call(client, 'save_plan', {
      plan: {
        ...body,
        title: 'asdf',
        phases: [{ id: 'p1', title: 'x', kind: 'implement', steps: [{ title: 'TODO' }] }],
      },
    });
    expect(junk.error!.message).toMatch(/the plan was refused; nothing was written/);
    expect(junk.error!.issues!.map((i) => i.field)).toEqual(
      expect.arrayContaining(['title', 'phases[0] ("x")', 'phases[0].steps[0]']),
    );
    expect(readdirSync(join(dir, 'plans'))).toHaveLength(3);
  });

  it('the default profile serves the planner workflows: both seed patterns, the worker side, planning, save_plan with the typed (compact) plan schema', async () => {
    const local = await connectInMemory(ctx, 'default');
    const { tools } = await local.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'claim_task',
      'close_plan',
      'complete_task',
      'create_subtask',
      'create_task',
      'create_tasks_batch',
      'draft_plan',
      'explore_codebase',
      'fail_task',
      'get_task',
      'heartbeat_task',
      'next_task',
      'release_task',
      'save_plan',
      'search_skills',
    ]);
    // Every tool the built-in prompts and the exported agent name is served.
    const served = new Set(tools.map((t) => t.name));
    for (const [prompt, named] of Object.entries(PROMPT_TOOLS))
      for (const tool of named) expect(served.has(tool), `${prompt} names ${tool}`).toBe(true);
    for (const tool of PLANNING_TOOLS) expect(served.has(tool), tool).toBe(true);
    // A tool of another profile says which profile serves it.
    const other = await local.callTool({ name: 'list_tasks', arguments: {} });
    expect(other.isError).toBe(true);
    expect(JSON.stringify(other.content)).toMatch(/list_tasks is not served .*profile default.*--tools all/);
    const unknown = await local.callTool({ name: 'no_such_tool', arguments: {} });
    expect(JSON.stringify(unknown.content)).toMatch(/Tool no_such_tool not found/);
    const save = tools.find((t) => t.name === 'save_plan')!.inputSchema as unknown as {
      properties: {
        plan: {
          required: string[];
          properties: { phases: { items: { properties: Record<string, unknown> } } };
        };
      };
    };
    expect(save.properties.plan.required).toEqual(
      expect.arrayContaining(['title', 'analysis', 'phases', 'tests']),
    );
    expect(Object.keys(save.properties.plan.properties.phases.items.properties)).toEqual(
      expect.arrayContaining(['id', 'title', 'kind', 'steps', 'automated_checks']),
    );
    await local.close();
  });

  it('lint, refine, get (with revisions) and list plans; plans are resources', async () => {
    const written = await call<{ plan_id: string; files: string[] }>(client, 'draft_plan', {
      requirement: 'add password reset by email',
      write: true,
    });
    const id = written.value.plan_id;
    const lint = await call<{ ok: boolean; style: string }>(client, 'lint_plan', {
      path: written.value.files[0],
    });
    expect(lint.value).toMatchObject({ ok: true, style: 'feature' });
    const refined = await call<{ revision: number; notes: string[] }>(client, 'refine_plan', {
      plan: id,
      feedback: 'Add a step for audit logging. Q1: 45 minutes.',
    });
    expect(refined.value.revision).toBe(2);
    expect(refined.value.notes).toEqual([
      expect.stringMatching(/^Added a step to “.+”: audit logging\.$/),
      // The plan follows `POST /register` and asks nothing: an answer to no question is said, not dropped.
      'No question 1 to answer (the plan has 0).',
    ]);
    const latest = await call<{ revision: number; revisions: number[]; phases: Array<{ title: string }> }>(
      client,
      'get_plan',
      { plan: id },
    );
    expect(latest.value.revisions).toEqual([1, 2]);
    expect(JSON.stringify(latest.value.phases)).toContain('Audit logging');
    const first = await call<{ revision: number; phases: Array<{ title: string }> }>(client, 'get_plan', {
      plan: id,
      revision: 1,
      fields: ['revision', 'phases'],
    });
    expect(JSON.stringify(first.value.phases)).not.toContain('Audit logging');
    const list = await call<Array<{ id: string }>>(client, 'list_plans');
    expect(list.value.map((p) => p.id)).toEqual([id]);
    const resources = await client.listResources();
    expect(resources.resources.map((r) => r.uri)).toContain(`plansmith://plans/${id}`);
    const md = await client.readResource({ uri: `plansmith://plans/${id}` });
    expect((md.contents[0] as { text: string }).text).toMatch(/^<!-- plansmith:meta:begin/);
  });
});
