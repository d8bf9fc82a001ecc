import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import type { Task } from '../../src/domain/task.js';
import { createWebApp } from '../../src/web/app.js';
import { copySample } from '../samples.js';

/** The dashboard's API through Hono's in-process request helper: every route, good and bad input, auth. */
describe('the dashboard API (in process)', () => {
  let dir: string;
  let ctx: AppContext;
  let app: Hono;
  let planId: string;
  const PORT = 7330;
  const H = { host: `127.0.0.1:${PORT}` };
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { ...H, ...headers } });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { ...H, 'content-type': 'application/json', ...headers },
    });
  const json = async <T = Record<string, unknown>>(r: Response | Promise<Response>) =>
    (await r).json() as Promise<T>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-web-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
    planId = (await (await ctx.plans()).plan({ text: 'add password reset by email' })).plan.id;
    app = createWebApp(ctx, { host: '127.0.0.1', port: () => PORT, pollMs: 50 });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans: the list, a plan page (rendered markdown, lint, questions, handoffs), revisions and their diff', async () => {
    const list = await json<{ plans: Array<{ id: string; state: string; open_tasks: number }> }>(
      get('/api/plans'),
    );
    expect(list.plans).toHaveLength(1);
    expect(list.plans[0]).toMatchObject({ id: planId, state: 'draft' });
    const page = await json<{
      html: string;
      lint: { ok: boolean };
      handoffs: unknown[];
      questions: unknown[];
      revisions: number[];
    }>(get(`/api/plans/${planId}`));
    expect(page.html).toContain('<h1>Implementation plan: Add password reset by email</h1>');
    expect(page.html).not.toContain('<!--');
    expect(page.lint.ok).toBe(true);
    // Every handoff of the plan, in order: one per phase, then the review (the short plan of a requirement
    // that names nothing the code has has one phase, so two handoffs).
    const stored = (await (await ctx.plans()).resolve(planId)).plan;
    expect(page.handoffs).toEqual(stored.handoffs);
    expect(page.handoffs.map((h) => (h as { label: string }).label)).toEqual([
      ...stored.phases.map((p, i) => `Phase ${i + 1}: ${p.title}`),
      'Review the result',
    ]);
    expect(page.revisions).toEqual([1]);
    await (await ctx.plans()).refine(planId, 'Add a step for audit logging of every reset request.');
    const diff = await json<{ from: number; to: number; diff: string }>(get(`/api/plans/${planId}/diff`));
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.diff).toMatch(/^\+.*audit logging/m);
    const old = await json<{ plan: { revision: number } }>(get(`/api/plans/${planId}?revision=1`));
    expect(old.plan.revision).toBe(1);
    const missing = await get(`/api/plans/${planId}?revision=9`);
    expect(missing.status).toBe(400);
    expect((await json<{ error: { message: string } }>(missing)).error.message).toMatch(
      /field revision: plan .* has revisions 1, 2/,
    );
    expect((await get('/api/plans/NOPE')).status).toBe(404);
    expect((await get(`/api/plans/${planId}?revision=x`)).status).toBe(400);
  });

  it('a plan file replaced by a link to a secret is never read: the page renders the stored plan instead', async () => {
    const { summary } = await (await ctx.plans()).resolve(planId);
    rmSync(join(dir, summary.path));
    symlinkSync(join(dir, '.env'), join(dir, summary.path));
    const page = await json<{ html: string; on_disk: boolean }>(get(`/api/plans/${planId}`));
    expect(page.on_disk).toBe(false);
    expect(page.html).toContain('Implementation plan: Add password reset by email');
    expect(page.html).not.toContain('sample-secret-value');
  });

  it('a plan with a hostile link or raw HTML renders without them', async () => {
    const { markdownToHtml } = await import('../../src/web/markdown.js');
    const html = markdownToHtml(
      '# T\n\n[x](javascript:alert(1)) <script>alert(2)</script> <img src=x onerror=alert(3)>\n\n[ok](https://example.org) [rel](docs/a.md)',
    );
    expect(html).not.toMatch(/javascript:|<script|onerror/);
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('href="docs/a.md"');
  });

  it('tasks: filters as query parameters, paging, owner and text; bad values name the parameter', async () => {
    // The plan's own graph is four tasks (build, review, tests, their review): a batch adds a second build
    // and its review to the plan, so paging and the waves have more to cross.
    await (await ctx.tasks()).batch(
      [
        {
          skill_id: 'plansmith/builtin/backend-development',
          task_name: 'Build the reset token store',
          description: 'A single-use token with an expiry, stored hashed',
          task_order: 1,
          validation_criteria: { critical: ['A token is used once'], expected: [], nice_to_have: [] },
        },
        {
          skill_id: 'plansmith/builtin/backend-critique',
          task_name: 'Review: the reset token store',
          description: 'Check the token store against task 1',
          task_order: 2,
          dependencies: ['$1'],
          inputs: {
            preceding_task: {
              task_order: 1,
              skill_id: 'plansmith/builtin/backend-development',
              task_name: 'Build the reset token store',
            },
          },
        },
      ],
      { plan_id: planId },
    );
    const all = await json<{ tasks: Task[]; total: number }>(get(`/api/tasks?plan=${planId}`));
    expect(all.total).toBeGreaterThan(4);
    const critiques = await json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&kind=critique`));
    expect(critiques.tasks.every((t) => t.kind === 'critique')).toBe(true);
    const page = await json<{ tasks: Task[]; total: number }>(
      get(`/api/tasks?plan=${planId}&limit=2&offset=1`),
    );
    expect(page.tasks).toHaveLength(2);
    expect(page.tasks[0]!.id).toBe(all.tasks[1]!.id);
    const text = await json<{ tasks: Task[] }>(get(`/api/tasks?q=${encodeURIComponent('review')}`));
    expect(text.tasks.length).toBeGreaterThan(0);
    expect(text.tasks.every((t) => /review/i.test(`${t.task_name} ${t.description}`))).toBe(true);
    for (const [q, field] of [
      ['status=bogus', 'status'],
      ['kind=chore', 'kind'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
    ] as const) {
      const r = await get(`/api/tasks?${q}`);
      expect(r.status).toBe(400);
      expect((await json<{ error: { issues: Array<{ field: string }> } }>(r)).error.issues[0]!.field).toBe(
        field,
      );
    }
    const board = await json<{ tasks: Array<{ id: string; ready: boolean; name: string }> }>(
      get(`/api/board?plan=${planId}`),
    );
    expect(board.tasks.length).toBe(all.total);
    expect(board.tasks.some((t) => t.ready)).toBe(true);
    const graph = await json<{ nodes: unknown[]; waves: string[][]; critical_path: string[] }>(
      get(`/api/graph?plan=${planId}`),
    );
    expect(graph.nodes.length).toBe(all.total);
    expect(graph.waves.length).toBeGreaterThan(1);
    expect(graph.critical_path.length).toBeGreaterThan(1);
    const shown = await json<{ task: Task; history: unknown[] }>(
      get(`/api/tasks/${all.tasks[0]!.id.slice(0, 16)}`),
    );
    expect(shown.task.id).toBe(all.tasks[0]!.id);
    expect((await get('/api/tasks/01ZZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
  });

  it('actions follow the CLI rules: claim, release, done, critique verdicts, fail, retry, block, unblock, cancel, edit', async () => {
    const ready = () =>
      json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&status=pending`)).then((r) =>
        r.tasks.filter((t) => t.ready),
      );
    const first = (await ready())[0]!;
    const noOwner = await post(`/api/tasks/${first.id}/claim`, {});
    expect(noOwner.status).toBe(400);
    expect(
      (await json<{ error: { issues: Array<{ field: string }> } }>(noOwner)).error.issues[0]!.field,
    ).toBe('owner');
    const claimed = await json<{ result: Task }>(post(`/api/tasks/${first.id}/claim`, { owner: 'alice' }));
    expect(claimed.result).toMatchObject({ status: 'in_progress', lease: { owner: 'alice' } });
    const again = await post(`/api/tasks/${first.id}/claim`, { owner: 'bob' });
    expect(again.status).toBe(409);
    expect((await json<{ error: { message: string } }>(again)).error.message).toMatch(
      /is already claimed by alice until/,
    );
    const wrong = await post(`/api/tasks/${first.id}/release`, { owner: 'bob' });
    expect(wrong.status).toBe(409);
    expect(
      (await json<{ result: Task }>(post(`/api/tasks/${first.id}/release`, { owner: 'alice' }))).result
        .status,
    ).toBe('pending');
    await post(`/api/tasks/${first.id}/claim`, { owner: 'alice' });
    const done = await json<{ result: { task: Task } }>(
      post(`/api/tasks/${first.id}/done`, { owner: 'alice', summary: 'built' }),
    );
    expect(done.result.task.status).toBe('done');
    // The next ready task after the build is its critique: a failing verdict needs feedback, and re-opens the build.
    const critique = (await ready()).find((t) => t.kind === 'critique');
    if (critique) {
      await post(`/api/tasks/${critique.id}/claim`, { owner: 'rev' });
      // A claimed task is its lease holder's (ARCHITECTURE: `leaseRefusal`): without the owner, a conflict.
      const anonymous = await post(`/api/tasks/${critique.id}/done`, { verdict: 'pass' });
      expect(anonymous.status).toBe(409);
      expect((await json<{ error: { message: string } }>(anonymous)).error.message).toMatch(
        /is leased by rev: pass owner "rev"/,
      );
      const bare = await post(`/api/tasks/${critique.id}/done`, { owner: 'rev', verdict: 'fail' });
      expect(bare.status).toBe(400);
      expect((await json<{ error: { issues: Array<{ field: string }> } }>(bare)).error.issues[0]!.field).toBe(
        'feedback_for_rebuild',
      );
      const failed = await json<{ result: { reopened: Task[] } }>(
        post(`/api/tasks/${critique.id}/done`, {
          owner: 'rev',
          verdict: 'fail',
          feedback_for_rebuild: { summary: 'no expiry', issues: [{ what: 'tokens never expire' }] },
        }),
      );
      expect(failed.result.reopened.length).toBeGreaterThan(0);
    }
    const next = (await ready())[0]!;
    await post(`/api/tasks/${next.id}/claim`, { owner: 'carol' });
    expect((await post(`/api/tasks/${next.id}/fail`, { owner: 'carol' })).status).toBe(400);
    expect(
      (
        await json<{ result: Task }>(
          post(`/api/tasks/${next.id}/fail`, { owner: 'carol', error: 'tests red' }),
        )
      ).result.last_error,
    ).toBe('tests red');
    const other = (await json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&status=pending`))).tasks.at(
      -1,
    )!;
    expect((await post(`/api/tasks/${other.id}/block`, {})).status).toBe(400);
    expect(
      (await json<{ result: Task }>(post(`/api/tasks/${other.id}/block`, { reason: 'waiting on design' })))
        .result.status,
    ).toBe('blocked');
    expect((await json<{ result: Task }>(post(`/api/tasks/${other.id}/unblock`, {}))).result.status).toBe(
      'pending',
    );
    const edited = await app.request(`/api/tasks/${other.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ description: 'Now with the expiry rule', estimate_minutes: 20 }),
      headers: H,
    });
    expect((await json<{ result: Task }>(edited)).result).toMatchObject({
      description: 'Now with the expiry rule',
      estimate_minutes: 20,
    });
    const badEdit = await app.request(`/api/tasks/${other.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'done' }),
      headers: H,
    });
    expect(badEdit.status).toBe(400);
    expect(
      (await json<{ error: { issues: Array<{ field: string; message: string }> } }>(badEdit)).error.issues[0],
    ).toMatchObject({ field: 'status' });
    expect(
      (await json<{ result: Task }>(post(`/api/tasks/${other.id}/cancel`, { reason: 'dropped' }))).result
        .status,
    ).toBe('cancelled');
    expect((await post(`/api/tasks/${other.id}/cancel`, {})).status).toBe(409);
    const notJson = await app.request(`/api/tasks/${other.id}/block`, {
      method: 'POST',
      body: '[1]',
      headers: H,
    });
    expect(notJson.status).toBe(400);
    const progress = await json<{
      total: number;
      done_now: number;
      reopened: number;
      completions: string[];
      owners: Array<{ owner: string | null; count: number }>;
    }>(get(`/api/progress?plan=${planId}`));
    // The burn-up ends where the board is: alice's build was re-opened by the failing critique, so her
    // completion is not counted (it was: done_now 0 beside two completions).
    const doneNow = (
      await json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&status=done`))
    ).tasks.filter((t) => t.subtask_count === 0).length;
    expect(progress.done_now).toBe(doneNow);
    expect(progress.completions).toHaveLength(progress.done_now);
    expect(progress.owners.reduce((n, o) => n + o.count, 0)).toBe(progress.done_now);
    if (critique) {
      expect(progress.reopened).toBeGreaterThanOrEqual(1);
      expect(progress.owners.map((o) => o.owner)).not.toContain('alice');
    }
    // Done again after the rebuild, it counts once, for its new owner.
    await post(`/api/tasks/${first.id}/claim`, { owner: 'dave' });
    await post(`/api/tasks/${first.id}/done`, { owner: 'dave', summary: 'rebuilt' });
    const after = await json<typeof progress>(get(`/api/progress?plan=${planId}`));
    if (critique) {
      expect(after.done_now).toBe(progress.done_now + 1);
      expect(after.completions).toHaveLength(after.done_now);
      expect(after.owners).toContainEqual({ owner: 'dave', count: 1 });
    }
  });

  it('the host check stops DNS rebinding; writes from another origin are refused; the page ships with a CSP', async () => {
    expect((await app.request('/api/plans', { headers: { host: 'evil.example:7330' } })).status).toBe(403);
    const t = (await json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&status=pending`))).tasks.find(
      (x) => x.subtask_count === 0,
    )!;
    const cross = await post(`/api/tasks/${t.id}/block`, { reason: 'x' }, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(
      (await post(`/api/tasks/${t.id}/block`, { reason: 'x' }, { origin: `http://127.0.0.1:${PORT}` }))
        .status,
    ).toBe(200);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('/assets/app.js');
    expect((await get('/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await get('/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('with a token every request needs it: a bearer header, or the cookie the printed link sets', async () => {
    const locked = createWebApp(ctx, { host: '0.0.0.0', port: () => PORT, token: 's3cret-token' });
    const h = { host: `0.0.0.0:${PORT}` };
    expect((await locked.request('/api/plans', { headers: h })).status).toBe(401);
    expect(
      (await locked.request('/api/plans', { headers: { ...h, authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect(
      (await locked.request('/api/plans', { headers: { ...h, authorization: 'Bearer s3cret-token' } }))
        .status,
    ).toBe(200);
    const visit = await locked.request('/?token=s3cret-token', { headers: h });
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toBe('/');
    const cookie = visit.headers.get('set-cookie')!;
    expect(cookie).toMatch(/plansmith_token=s3cret-token; Path=\/; HttpOnly; SameSite=Strict/);
    expect(
      (await locked.request('/api/plans', { headers: { ...h, cookie: cookie.split(';')[0]! } })).status,
    ).toBe(200);
    expect((await locked.request('/?token=wrong', { headers: h })).status).toBe(401);
  });

  it('events: a stream that starts with hello and carries every change, from any process, as it is recorded', async () => {
    const res = await get('/api/events');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const until = async (re: RegExp) => {
      while (!re.test(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
      return seen;
    };
    expect(await until(/event: hello/)).toMatch(/"store":"sqlite"/);
    const t = (await json<{ tasks: Task[] }>(get(`/api/tasks?plan=${planId}&status=pending`))).tasks.find(
      (x) => x.ready,
    )!;
    // A change made by another context on the same store file: the stream hears it through the event log.
    const other = new AppContext({ root: dir });
    await (await other.tasks()).claim({ owner: 'elsewhere', task_id: t.id });
    await other.close();
    const text = await until(/event: tasks/);
    expect(text).toMatch(new RegExp(`"task_id":"${t.id}","at":"[^"]+","type":"claimed","actor":"elsewhere"`));
    await reader.cancel();
  });
});
