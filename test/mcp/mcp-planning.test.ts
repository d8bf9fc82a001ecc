import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import type { Plan } from '../../src/domain/plan.js';
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
    expect(draft.value.phases.length).toBeGreaterThan(2);
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
      feedback: 'Drop the data model. Q1: 45 minutes.',
    });
    expect(refined.value.revision).toBe(2);
    expect(refined.value.notes).toEqual([
      'Removed: data model.',
      expect.stringMatching(/^Answered: .* → 45 minutes$/),
    ]);
    const latest = await call<{ revision: number; revisions: number[]; phases: Array<{ title: string }> }>(
      client,
      'get_plan',
      { plan: id },
    );
    expect(latest.value.revisions).toEqual([1, 2]);
    expect(latest.value.phases.map((p) => p.title)).not.toContain('Data model');
    const first = await call<{ revision: number; phases: Array<{ title: string }> }>(client, 'get_plan', {
      plan: id,
      revision: 1,
      fields: ['revision', 'phases'],
    });
    expect(first.value.phases.map((p) => p.title)).toContain('Data model');
    const list = await call<Array<{ id: string }>>(client, 'list_plans');
    expect(list.value.map((p) => p.id)).toEqual([id]);
    const resources = await client.listResources();
    expect(resources.resources.map((r) => r.uri)).toContain(`plansmith://plans/${id}`);
    const md = await client.readResource({ uri: `plansmith://plans/${id}` });
    expect((md.contents[0] as { text: string }).text).toMatch(/^<!-- plansmith:meta:begin/);
  });
});
