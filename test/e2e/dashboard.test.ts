import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, type Served, startServe } from './serve.js';

/** Screenshots for a person to look at (gitignored). */
const SHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'dashboard');

if (!chromiumAvailable()) {
  // One line, never silent: the browser half is skipped on a machine without Chromium.
  console.warn(
    `[plansmith] dashboard browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set PLANSMITH_CHROMIUM)`,
  );
}

describe.skipIf(!chromiumAvailable())(
  'the dashboard in a real browser (Debian Chromium, plansmith serve, the real CLI)',
  () => {
    let dir: string;
    let served: Served;
    let browser: Browser;
    let page: Page;
    let planId: string;
    const errors: string[] = [];

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), 'plansmith-dash-'));
      copySample('node-api', dir);
      const r = plansmith(['plan', 'add password reset by email', '--json'], { cwd: dir });
      expect(r.code).toBe(0);
      planId = r.json<{ plan: { id: string } }>().plan.id;
      served = await startServe(dir);
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // A bound for a hung page, not a measure: a loaded machine is slow.
      page.setDefaultTimeout(60_000);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await served?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const tasks = async (query: string) =>
      ((await (await fetch(`${served.url}api/tasks?${query}`)).json()) as { tasks: Task[] }).tasks;

    it('the board: claim a task in the page, complete it from a second process, and see it move live', async () => {
      await page.goto(`${served.url}#/board?plan=${planId}`);
      await page.waitForSelector('#live.on');
      await page.waitForSelector('[data-column="ready"] .card');
      const [mine] = await tasks(`plan=${planId}&status=pending`).then((t) => t.filter((x) => x.ready));
      // Claim in the browser, from the task page, as an owner named in the page.
      await page.click(`[data-column="ready"] [data-task="${mine!.id}"]`);
      await page.waitForSelector('h1');
      await page.fill('input[name="owner"]', 'browser-user');
      await page.click('button:text("Claim")');
      await page.waitForSelector('.s-in_progress');
      expect(await page.textContent('.side')).toContain('browser-user');
      await page.goto(`${served.url}#/board?plan=${planId}`);
      await page.waitForSelector(`[data-column="in_progress"] [data-task="${mine!.id}"]`);
      // Another terminal completes it: the open board shows it in Done without a reload, and the next one ready.
      expect(plansmith(['tasks', 'done', mine!.id, '--owner', 'browser-user'], { cwd: dir }).code).toBe(0);
      await page.waitForSelector(`[data-column="done"] [data-task="${mine!.id}"]`, { timeout: 60_000 });
      const [theirs] = await tasks(`plan=${planId}&status=pending`).then((t) => t.filter((x) => x.ready));
      await page.waitForSelector(`[data-column="ready"] [data-task="${theirs!.id}"]`, { timeout: 60_000 });
      // A second terminal claims that one: it moves to In progress with its owner and a lease countdown.
      expect(plansmith(['tasks', 'claim', theirs!.id, '--owner', 'terminal-2'], { cwd: dir }).code).toBe(0);
      await page.waitForSelector(`[data-column="in_progress"] [data-task="${theirs!.id}"] .lease`, {
        timeout: 60_000,
      });
      expect(await page.textContent(`[data-task="${theirs!.id}"]`)).toMatch(
        /terminal-2 · (\d+:\d\d|\d+h\d\dm) left/,
      );
      await page.screenshot({ path: join(SHOTS, 'board.png') });
      // Filters: by owner, then by text.
      await page.selectOption('select[name="owner"]', 'terminal-2');
      await page.waitForSelector('[data-column="done"] .count:text("0")');
      expect(await page.locator('.card').count()).toBe(1);
      await page.goto(`${served.url}#/board?plan=${planId}&q=review`);
      await page.waitForSelector('.card');
      const names = await page.locator('.card .name').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((t) => /review/i.test(t))).toBe(true);
    });

    it('an error from the service is shown as the CLI says it', async () => {
      const [t] = await tasks(`plan=${planId}&status=in_progress`);
      await page.goto(`${served.url}#/tasks/${t!.id}`);
      await page.waitForSelector('h1');
      page.once('dialog', (d) => void d.accept('looks blocked'));
      await page.click('button:text("Block")');
      await page.waitForSelector('#alert:not([hidden])');
      expect(await page.textContent('#alert')).toMatch(/is in_progress; cannot block it/);
    });

    it('the graph: waves, the critical path outlined, sub-tasks folded, click-through to a task', async () => {
      await page.goto(`${served.url}#/graph?plan=${planId}`);
      await page.waitForSelector('svg .node');
      expect(await page.locator('svg .node.critical').count()).toBeGreaterThan(1);
      expect(await page.locator('svg .wavelabel').count()).toBeGreaterThan(1);
      expect(await page.textContent('.legend')).toMatch(/sub-tasks folded into their parent/);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(SHOTS, 'graph-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.locator('svg .node').first().click();
      // Browser-side code as strings: the tests are typed for Node, not the DOM.
      await page.waitForFunction("location.hash.startsWith('#/tasks/')");
      await page.waitForSelector('h2:text("Events")');
      await page.screenshot({ path: join(SHOTS, 'task.png') });
    });

    it('the plan page: the rendered plan, revisions, lint, questions and handoffs with copy buttons; progress', async () => {
      await page.goto(`${served.url}#/plans/${planId}`);
      await page.waitForSelector('.plan-md h1');
      expect(await page.textContent('.plan-md h1')).toBe('Implementation plan: Add password reset by email');
      expect(await page.locator('.handoff button:text("Copy prompt")').count()).toBeGreaterThan(2);
      expect(await page.textContent('.side')).toMatch(/Lint \(ok\)/);
      await page.screenshot({ path: join(SHOTS, 'plan.png') });
      await page.goto(`${served.url}#/progress?plan=${planId}`);
      await page.waitForSelector('.chart svg');
      expect(await page.textContent('main')).toMatch(/1 of \d+ tasks done/);
      expect(await page.textContent('main')).toContain('browser-user');
      await page.screenshot({ path: join(SHOTS, 'progress.png') });
    });

    it('keyboard: the skip link, the views and every card are reachable with Tab; no error in the console', async () => {
      await page.goto(`${served.url}#/board?plan=${planId}`);
      await page.reload();
      await page.waitForSelector('.card');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
      const focusable = await page.evaluate(
        "[...document.querySelectorAll('.card')].every((c) => c.tabIndex >= 0)",
      );
      expect(focusable).toBe(true);
      // The one failed request is the refused block above, which the page showed in its alert.
      expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    });

    it('serves MCP at /mcp on the same port (the default profile)', async () => {
      const client = new Client({ name: 'dash-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}mcp`)));
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('save_plan');
      expect(tools).toHaveLength(8);
      await client.close();
    });
  },
);
