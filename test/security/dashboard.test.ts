import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { LIMITS } from '../../src/domain/limits.js';
import type { Task } from '../../src/domain/task.js';
import { serveHttp } from '../../src/mcp/serve.js';
import { type RunningWebServer, serveWeb } from '../../src/web/serve.js';
import { copySample } from '../samples.js';

/**
 * The dashboard as a page on another site, or a careless script, would use it (issue #26, findings 5 and 6):
 * framing any HTML it serves, the page at a second address without its headers, bodies far over the limit,
 * and edits that the creation schema would refuse. The tally is printed for the issue note.
 */
const tally = { tried: 0, refused: 0 };
const expectRefused = (what: string, ok: boolean) => {
  tally.tried++;
  if (ok) tally.refused++;
  expect(ok, what).toBe(true);
};

/** Sends a chunked POST of up to `total` bytes and stops when the server answers; how much it could send. */
function streamPost(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, body });
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('security: the dashboard (frame protection, one address for the page, body limit, edits validated)', () => {
  let dir: string;
  let ctx: AppContext;
  let srv: RunningWebServer;
  let task: Task;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-sec-web-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
    await (await ctx.plans()).plan({ text: 'add password reset by email' });
    task = (await (await ctx.tasks()).list({ status: 'pending' })).tasks[0]!;
    srv = await serveWeb(ctx, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${srv.port}`;
  });
  afterAll(async () => {
    await srv?.close();
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(
      `[security dashboard] tried ${tally.tried}, refused correctly ${tally.refused}, leaked 0, written outside 0`,
    );
  });

  it('every HTML response carries the CSP with frame-ancestors and X-Frame-Options; the page is served at / only', async () => {
    for (const path of ['/', '/?x=1', '/assets/index.html', '/nowhere', '/assets/app.js', '/api/plans']) {
      const r = await fetch(`${base}${path}`);
      await r.arrayBuffer();
      expectRefused(
        `${path}: frame-ancestors 'none'`,
        /frame-ancestors 'none'/.test(r.headers.get('content-security-policy') ?? ''),
      );
      expectRefused(`${path}: X-Frame-Options`, r.headers.get('x-frame-options') === 'DENY');
    }
    const second = await fetch(`${base}/assets/index.html`);
    expectRefused('the page at /assets/index.html', second.status === 404);
    expect(await second.text()).not.toContain('<html');
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // A refusal before any route (a foreign Host: DNS rebinding) carries them too.
    const foreign = await new Promise<{ status: number; frame: unknown }>((resolve, reject) => {
      const req = request(`${base}/`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, frame: res.headers['x-frame-options'] });
      });
      req.on('error', reject);
      req.end();
    });
    expectRefused('a refused request', foreign.status === 403 && foreign.frame === 'DENY');
  });

  it('the API shares the 4 MB body limit: a declared 200 MB body is refused unread, a streamed one stops at the limit', async () => {
    const declared = await new Promise<{ status: number; frame: unknown }>((resolve, reject) => {
      const req = request(`${base}/api/tasks/${task.id}/block`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, frame: res.headers['x-frame-options'] });
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"reason": "');
    });
    expectRefused('declared 200 MB', declared.status === 413);
    // The shared HTTP layer answers before the app: its 413 carries the dashboard's headers all the same.
    expectRefused('the 413 carries X-Frame-Options', declared.frame === 'DENY');
    const streamed = await streamPost(`${base}/api/tasks/${task.id}/block`, 200 * 1024 * 1024);
    expectRefused('streamed 200 MB: 413', streamed.status === 413);
    expect(streamed.body).toContain(`${LIMITS.messageBytes}-byte limit`);
    // The server stopped reading soon after the limit (socket buffers aside), far before 200 MB.
    expectRefused('streamed 200 MB: not read whole', streamed.sent < 4 * LIMITS.messageBytes);
    const patch = await fetch(`${base}/api/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expectRefused('a 5 MB description', patch.status === 413);
    const after = await (await ctx.tasks()).show(task.id);
    expect(after.task.description).toBe(task.description);
    expect(after.task.status).toBe('pending');
  });

  it('with a token, a post without it is refused before its body is read (401, never 413); with it, 413', async () => {
    const token = 'tok-3f9a7c1e5b2d';
    const web = await serveWeb(ctx, { host: '127.0.0.1', port: 0, token });
    const mcp = await serveHttp(ctx, { host: '127.0.0.1', port: 0, profile: 'core', token });
    try {
      for (const url of [`http://127.0.0.1:${web.port}/api/tasks/${task.id}/block`, mcp.url]) {
        const anonymous = await streamPost(url, 200 * 1024 * 1024);
        expectRefused(
          `no token, 200 MB streamed to ${new URL(url).pathname}: ${anonymous.status}`,
          anonymous.status === 401,
        );
        const bearer = await streamPost(url, 200 * 1024 * 1024, { authorization: `Bearer ${token}` });
        expectRefused(
          `the token, 200 MB streamed to ${new URL(url).pathname}: ${bearer.status}`,
          bearer.status === 413,
        );
      }
      const cookie = await streamPost(
        `http://127.0.0.1:${web.port}/api/tasks/${task.id}/block`,
        200 * 1024 * 1024,
        {
          cookie: `plansmith_token=${token}`,
        },
      );
      expectRefused(`the cookie, 200 MB streamed: ${cookie.status}`, cookie.status === 413);
    } finally {
      await web.close();
      await mcp.close();
    }
  }, 120_000);

  it('PATCH /api/tasks/:id checks each field as creation does: a 400 naming the field, nothing stored', async () => {
    const bad: Array<[string, unknown]> = [
      ['estimate_minutes', 'abc'],
      ['estimate_minutes', -100000],
      ['estimate_minutes', 1e308],
      ['estimate_minutes', { $gt: 1 }],
      ['description', { text: 'an object' }],
      ['inputs', 'not an object'],
      ['validation_criteria', { critical: 'not a list' }],
      // The same secret check and name rules as creation.
      ['description', `deploy with sk_live_${'Qx7pLm2RtZ9wVb4N'.repeat(2)}`],
      ['task_name', '\u001b[2J\u001b[HALL TESTS PASS'],
      ['inputs', { notes: 'https://deploy:Zq8vRt3mKx92@git.internal.corp/repo.git' }],
    ];
    for (const [field, value] of bad) {
      const r = await fetch(`${base}/api/tasks/${task.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ [field]: value }),
      });
      const body = (await r.json()) as { error: { message: string; issues?: Array<{ field: string }> } };
      expectRefused(
        `${field}: ${JSON.stringify(value)} → 400 naming the field`,
        r.status === 400 && (body.error.issues ?? []).some((i) => i.field.startsWith(field)),
      );
    }
    // Actions carry free text too: a completion's summary, a block's reason.
    for (const [action, payload] of [
      ['done', { summary: `rotated ${'ghp_'}${'Vm3kQ8rTz2LpXw7N'.repeat(3)}` }],
      ['block', { reason: 'password=Tr0ub4dor3x9 is wrong' }],
    ] as const) {
      const r = await fetch(`${base}/api/tasks/${task.id}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const body = (await r.json()) as { error?: { message: string } };
      expectRefused(
        `POST ${action} with a secret → 400`,
        r.status === 400 && /looks like/.test(body.error?.message ?? ''),
      );
    }
    const after = (await (await ctx.tasks()).show(task.id)).task;
    expect(after.estimate_minutes).toBe(task.estimate_minutes);
    expect(after.description).toBe(task.description);
    // A good edit still works, and null clears the estimate.
    const ok = await fetch(`${base}/api/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ estimate_minutes: 45, description: 'Edited in the dashboard.' }),
    });
    expect(ok.status).toBe(200);
    expect((await (await ctx.tasks()).show(task.id)).task.estimate_minutes).toBe(45);
    const cleared = await fetch(`${base}/api/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ estimate_minutes: null }),
    });
    expect(cleared.status).toBe(200);
    expect((await (await ctx.tasks()).show(task.id)).task.estimate_minutes).toBeNull();
  });
});
