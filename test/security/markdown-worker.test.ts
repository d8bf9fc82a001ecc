import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { LIMITS, markdownBudget } from '../../src/domain/limits.js';
import { serveHttp } from '../../src/mcp/serve.js';
import { serveWeb } from '../../src/web/serve.js';
import { call, connectInMemory } from '../mcp/helpers.js';
import { copySample } from '../samples.js';

/**
 * Plan markdown on the servers is parsed off the event loop (issue #26, finding 2): while one client's
 * plan is being parsed, other clients are answered; a plan over the server's time limit is refused with
 * its file named, and the server goes on. Ordering and outcomes only: the CPU figures are in
 * `npm run bench -- markdown-budget`.
 */
const tally = { tried: 0, refused: 0 };
const expectRefused = (what: string, ok: boolean) => {
  tally.tried++;
  if (ok) tally.refused++;
  expect(ok, what).toBe(true);
};

/** The costliest plan the markdown budget lets through (bench/markdown-budget.mjs): snake_case words to the byte cap. */
function slowPlan(name: string): string {
  // Each test its own text: a server keeps the trees it parsed, by the text's hash.
  const head = `# Implementation plan: ${name}\n\n## Implementation steps\n\n`;
  const para = `${'a_b_c '.repeat(100)}\n\n`;
  return head + para.repeat(Math.floor((LIMITS.planBytes - 1000) / para.length));
}

const httpClient = async (url: string) => {
  const c = new Client({ name: 'markdown-worker', version: '1.0.0' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url)));
  return c;
};
const text = (r: unknown) =>
  (r as CallToolResult).content.map((x) => (x.type === 'text' ? x.text : '')).join('');

describe('security: plan markdown is parsed off the event loop on the servers', () => {
  let dir: string;
  let ctx: AppContext;
  const slow = slowPlan('a slow plan');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-sec-md-'));
    copySample('node-api', dir);
    mkdirSync(join(dir, 'plans'), { recursive: true });
    writeFileSync(join(dir, 'plans', 'slow.md'), slow);
    writeFileSync(join(dir, 'plans', 'slower.md'), slowPlan('another slow plan'));
    ctx = new AppContext({ root: dir });
    // The plan passes the budget: only a time limit can stop what it costs.
    expect(markdownBudget(slow)).toBeNull();
  });

  afterAll(async () => {
    await ctx.close();
    console.log(
      `[security markdown worker] tried ${tally.tried}, refused correctly ${tally.refused}, leaked 0, written outside 0`,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("mcp --http: another client's calls are answered while a costly plan is linted", async () => {
    const srv = await serveHttp(ctx, { host: '127.0.0.1', port: 0, profile: 'all' });
    const [a, b] = [await httpClient(srv.url), await httpClient(srv.url)];
    try {
      // Warmed up first (the plan service is loaded on first use), so the costly lint reaches its parse at once.
      writeFileSync(
        join(dir, 'plans', 'small.md'),
        '# Implementation plan: small\n\n## Implementation steps\n\n1. Add `src/health.ts`.\n',
      );
      expect(
        (await a.callTool({ name: 'lint_plan', arguments: { path: 'plans/small.md' } })).isError,
      ).toBeFalsy();
      await b.callTool({ name: 'list_tasks', arguments: {} });
      const order: string[] = [];
      const linted = a.callTool({ name: 'lint_plan', arguments: { path: 'plans/slow.md' } }).then((r) => {
        order.push('lint');
        return r;
      });
      for (let i = 1; i <= 3; i++) {
        const r = await b.callTool({ name: 'list_tasks', arguments: {} });
        expect(r.isError).toBeFalsy();
        order.push(`list ${i}`);
      }
      const r = await linted;
      expect(r.isError, text(r)).toBeFalsy();
      expect(JSON.parse(text(r)).file).toBe('plans/slow.md');
      expectRefused(
        `the other client waited for none of the parse: ${order.join(', ')}`,
        order.at(-1) === 'lint',
      );
    } finally {
      await a.close();
      await b.close();
      await srv.close();
    }
  }, 120_000);

  it('a plan over the time limit is refused naming its file, again at once, and the server goes on', async () => {
    const srv = await serveHttp(ctx, { host: '127.0.0.1', port: 0, profile: 'all', markdownTimeLimitMs: 20 });
    const c = await httpClient(srv.url);
    try {
      for (const attempt of ['first', 'again']) {
        const r = await c.callTool({ name: 'lint_plan', arguments: { path: 'plans/slower.md' } });
        expectRefused(
          `${attempt}: ${text(r).slice(0, 200)}`,
          r.isError === true && /plans\/slower\.md: its markdown took over 0\.02 s to parse/.test(text(r)),
        );
      }
      const list = await c.callTool({ name: 'list_tasks', arguments: {} });
      expect(list.isError).toBeFalsy();
    } finally {
      await c.close();
      await srv.close();
    }
  }, 120_000);

  it('serve: /api/board is answered while a costly plan page is being rendered', async () => {
    // A plan in the store whose file on disk a person replaced with the costly markdown.
    const mem = await connectInMemory(ctx, 'all');
    const draft = await call(mem, 'draft_plan', { requirement: 'add a health check endpoint' });
    const saved = await call<{ plan_id: string; files: string[] }>(mem, 'save_plan', { plan: draft.value });
    await mem.close();
    expect(saved.error).toBeUndefined();
    const main = saved.value.files.find((f) => f.endsWith('.md'))!;
    writeFileSync(join(dir, main), slowPlan('a slow page'));
    const web = await serveWeb(ctx, { host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${web.port}`;
    try {
      const order: string[] = [];
      const page = fetch(`${base}/api/plans/${saved.value.plan_id}`).then(async (r) => {
        order.push('plan page');
        return { status: r.status, body: (await r.json()) as { path: string; html: string } };
      });
      for (let i = 1; i <= 3; i++) {
        const r = await fetch(`${base}/api/board`);
        expect(r.status).toBe(200);
        await r.json();
        order.push(`board ${i}`);
      }
      const p = await page;
      expect(p.status).toBe(200);
      expect(p.body.path).toBe(main);
      expect(p.body.html).toContain('a_b_c');
      expectRefused(
        `the board waited for none of the parse: ${order.join(', ')}`,
        order.at(-1) === 'plan page',
      );
    } finally {
      await web.close();
    }
  }, 120_000);
});
