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

/** A build with two sub-tasks and its review, added to the plan. */
const BATCH = [
  {
    skill_id: 'plansmith/builtin/backend-development',
    task_name: 'Build the reset token store',
    description: 'A single-use reset token with an expiry, stored hashed',
    task_order: 1,
    validation_criteria: { critical: ['A token is used once'], expected: [], nice_to_have: [] },
    subtasks: [
      { task_name: 'Token table and migration', description: 'The table, hashed token, expiry' },
      { task_name: 'Issue and redeem a token', description: 'The service methods, single use' },
    ],
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
];

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
    let container: Task;
    const errors: string[] = [];

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), 'plansmith-dash-'));
      copySample('node-api', dir);
      const r = plansmith(['plan', 'add password reset by email', '--json'], { cwd: dir });
      expect(r.code).toBe(0);
      planId = r.json<{ plan: { id: string } }>().plan.id;
      // The plan's own graph is flat (a requirement that names nothing the code has gets a short plan): a
      // batch adds a build with sub-tasks and its review, so the graph folds sub-tasks and a parent exists.
      const batch = plansmith(['tasks', 'batch', '-', '--plan', planId, '--json'], {
        cwd: dir,
        input: JSON.stringify(BATCH),
      });
      expect(batch.code, batch.stderr).toBe(0);
      container = batch.json<Task[]>().find((t) => t.subtask_count > 0)!;
      expect(container).toBeDefined();
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
      // A parent is in progress while one of its sub-tasks is; the parent itself cannot be blocked (its
      // sub-tasks are): the service refuses, and the page says it in the CLI's words.
      const subs = (await tasks(`plan=${planId}`)).filter((x) => x.parent_id === container.id);
      expect(subs).toHaveLength(2);
      // The board above may already have claimed one of them (it takes whatever is ready first).
      if (!subs.some((x) => x.status === 'in_progress')) {
        const sub = subs.find((x) => x.status === 'pending' && x.ready)!;
        expect(plansmith(['tasks', 'claim', sub.id, '--owner', 'terminal-3'], { cwd: dir }).code).toBe(0);
      }
      const [t] = (await tasks(`plan=${planId}&status=in_progress`)).filter((x) => x.id === container.id);
      expect(t!.subtask_count).toBeGreaterThan(0);
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
      // One copy button per handoff of the plan (one per phase, then the review), each under its label.
      const { handoffs } = (await (await fetch(`${served.url}api/plans/${planId}`)).json()) as {
        handoffs: Array<{ label: string }>;
      };
      expect(handoffs.map((x) => x.label)).toContain('Review the result');
      expect(await page.locator('.handoff button:text("Copy prompt")').count()).toBe(handoffs.length);
      const shown = await page.locator('.handoff').allInnerTexts();
      expect(shown).toHaveLength(handoffs.length);
      // A label's code spans show as code: the text a person reads has no backticks.
      for (const [i, x] of handoffs.entries()) expect(shown[i]).toContain(x.label.replace(/`/g, ''));
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

    it("a claimed task is its holder's: the page completes what it claimed, and is refused on another's", async () => {
      // Two independent tasks of their own (the plan's ready work is taken by the tests above).
      const made = plansmith(['tasks', 'batch', '-', '--json'], {
        cwd: dir,
        input: JSON.stringify(
          ['Send the reset email', 'Expire old reset tokens'].map((task_name, i) => ({
            skill_id: 'plansmith/builtin/backend-development',
            task_name,
            description: task_name,
            task_order: i + 1,
          })),
        ),
      });
      expect(made.code, made.stderr).toBe(0);
      const [mine, theirs] = made.json<Task[]>();
      await page.goto(`${served.url}#/tasks/${mine!.id}`);
      await page.waitForSelector(`body[data-rendered="#/tasks/${mine!.id}"] button:text("Claim")`);
      await page.fill('input[name="owner"]', 'page-owner');
      await page.click('button:text("Claim")');
      await page.waitForSelector('.s-in_progress');
      // Done names the owner the page claimed with.
      await page.click('button:text("Done")');
      await page.waitForSelector('.s-done');
      // Someone else's claim: the page's release is refused, in the service's words.
      expect(plansmith(['tasks', 'claim', theirs!.id, '--owner', 'someone-else'], { cwd: dir }).code).toBe(0);
      await page.goto(`${served.url}#/tasks/${theirs!.id}`);
      await page.waitForSelector(`body[data-rendered="#/tasks/${theirs!.id}"] button:text("Release")`);
      await page.click('button:text("Release")');
      await page.waitForSelector('#alert:not([hidden])');
      expect(await page.textContent('#alert')).toMatch(/leased by someone-else, not page-owner/);
    });

    it('serves MCP at /mcp on the same port (the default profile)', async () => {
      const client = new Client({ name: 'dash-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}mcp`)));
      const { tools } = await client.listTools();
      // The default profile, as README's profile table lists it: the task contract, the worker's tools and
      // the planner's (explore, draft, save, close).
      expect(tools.map((t) => t.name).sort()).toEqual(
        [
          'create_tasks_batch',
          'create_task',
          'create_subtask',
          'search_skills',
          'next_task',
          'claim_task',
          'heartbeat_task',
          'complete_task',
          'fail_task',
          'release_task',
          'get_task',
          'explore_codebase',
          'draft_plan',
          'save_plan',
          'close_plan',
        ].sort(),
      );
      await client.close();
    });
  },
);
