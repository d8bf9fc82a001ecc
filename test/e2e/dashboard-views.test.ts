import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, type Served, startServe } from './serve.js';

/**
 * What a person sees in each view, checked in a real browser: the visible text (no `[object …]`, no raw
 * URLs, no `undefined`, no empty labels), the layout (no element runs out of its container, nothing scrolls
 * sideways, at 1400×900 and 1024×768), and the designed empty and error states. Every view is kept as a
 * screenshot in both themes (test-artifacts/dashboard/views/, gitignored) for a person to look at.
 */
const SHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'dashboard', 'views');
const SIZES = [
  { width: 1400, height: 900 },
  { width: 1024, height: 768 },
] as const;

/** A parent with two sub-tasks, added to the plan. */
const BATCH = [
  {
    skill_id: 'plansmith/builtin/backend-development',
    task_name: 'Build the reset token store',
    description: 'A single-use reset token with an expiry, stored hashed',
    task_order: 1,
    validation_criteria: {
      critical: ['A token is used once', 'A token expires'],
      expected: ['Tokens are stored hashed'],
      nice_to_have: [],
    },
    subtasks: [
      { task_name: 'Token table and migration', description: 'The table, hashed token, expiry' },
      { task_name: 'Issue and redeem a token', description: 'The service methods, single use' },
    ],
  },
];

/** Runs in the page: what a person would call broken in the open view (empty when nothing is). */
const LOOK = `(() => {
  const problems = [];
  const main = document.querySelector('main');
  const text = main.innerText;
  for (const [re, what] of [
    [/\\[object \\w+\\]/, 'an object printed as text'],
    [/https?:\\/\\//, 'a raw URL'],
    [/\\bundefined\\b/, 'undefined'],
    [/\\bNaN\\b/, 'NaN'],
    [/Invalid Date/, 'an invalid date'],
  ]) {
    const m = re.exec(text);
    if (m) problems.push(what + ': …' + text.slice(Math.max(0, m.index - 40), m.index + 60) + '…');
  }
  const name = (el) => (el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '').trim();
  for (const el of main.querySelectorAll('h1, h2, h3, th, dt, label, button, a, option, legend, summary'))
    if (!name(el) && el.getClientRects().length) problems.push('an empty ' + el.tagName.toLowerCase() + ' (' + el.outerHTML.slice(0, 80) + ')');
  for (const dd of main.querySelectorAll('dd')) if (!dd.innerText.trim()) problems.push('an empty value');
  // Markdown left raw where a person reads prose (a plan's question in the side bar showed its backticks).
  const texts = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n; (n = texts.nextNode()); ) {
    if (n.parentElement.closest('code, pre, textarea') || !n.parentElement.getClientRects().length) continue;
    const m = /\\x60[^\\x60\\n]+\\x60|\\*\\*[^*\\n]+\\*\\*/.exec(n.data);
    if (m) problems.push('raw markdown: ' + m[0].slice(0, 60));
  }
  // Headings keep their order of size: the browser's own h3 is larger than the page's h2.
  const sizes = (sel) => [...main.querySelectorAll(sel)].filter((e) => e.getClientRects().length).map((e) => parseFloat(getComputedStyle(e).fontSize));
  for (const [big, small] of [['h1', 'h2'], ['h2', 'h3']])
    if (sizes(small).length && sizes(big).length && Math.max(...sizes(small)) >= Math.min(...sizes(big)))
      problems.push('an ' + small + ' as large as an ' + big + ' (' + Math.max(...sizes(small)) + 'px ≥ ' + Math.min(...sizes(big)) + 'px)');
  // A code block's first line starts where its other lines do (inline code padding pushed it in).
  for (const c of main.querySelectorAll('pre > code')) {
    const r = document.createRange();
    r.selectNodeContents(c);
    const lines = [...r.getClientRects()].filter((x) => x.width > 0);
    const left = Math.min(...lines.map((x) => x.left));
    if (lines.length > 1 && lines[0].left - left > 1)
      problems.push('a code block whose first line is pushed in ' + Math.round(lines[0].left - left) + 'px: ' + c.textContent.slice(0, 40));
  }
  // The view takes focus after a navigation: no ring may frame the whole page.
  if (document.activeElement === main && getComputedStyle(main).outlineStyle !== 'none')
    problems.push('the view is framed by a focus ring');
  // Layout: nothing scrolls sideways; no box runs out of a parent that does not clip or scroll it.
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push('the page scrolls sideways: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
  const where = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const p = el.parentElement;
    const cs = getComputedStyle(p);
    const pr = p.getBoundingClientRect();
    if (cs.overflowX === 'visible' && cs.display !== 'contents' && r.right > pr.right + 1)
      problems.push(where(el) + ' runs ' + Math.round(r.right - pr.right) + 'px out of ' + where(p));
    const own = getComputedStyle(el);
    // A box that clips or scrolls sideways is allowed only where that is the design: code, diffs, the graph,
    // a card's one-line meta (with an ellipsis).
    if (own.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && !el.matches('pre, .graph, .card .meta, .card .name, .card'))
      problems.push(where(el) + ' hides ' + (el.scrollWidth - el.clientWidth) + 'px of its content');
  }
  return problems;
})()`;

async function look(page: Page): Promise<string[]> {
  return (await page.evaluate(LOOK)) as string[];
}

/** Opens a view by its route and waits until it has rendered (its h1 is there). */
async function open(page: Page, url: string, route: string) {
  await page.goto(`${url}${route}`);
  // The page marks which route it last rendered: the view asked for, not the one before it.
  await page.waitForSelector(`body[data-rendered=${JSON.stringify(route)}]`);
  await page.waitForSelector('main h1');
  // The fonts and the layout settle before boxes are compared.
  await page.evaluate('document.fonts.ready');
}

async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe.skipIf(!chromiumAvailable())('the dashboard as a person sees it (Chromium, plansmith serve)', () => {
  let dir: string;
  let empty: string;
  let served: Served;
  let emptyServed: Served;
  let browser: Browser;
  let page: Page;
  let planId: string;
  let build: Task;
  let parent: Task;
  let critique: Task;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'plansmith-views-'));
    copySample('node-api', dir);
    const r = plansmith(['plan', 'add password reset by email', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    planId = r.json<{ plan: { id: string } }>().plan.id;
    // A second plan, so "all plans" mixes them.
    expect(plansmith(['plan', 'add rate limiting to the login route'], { cwd: dir }).code).toBe(0);
    // The plan's own graph is flat (a requirement that names nothing the code has gets a short plan): a
    // batch adds a parent with sub-tasks to the plan, so a task page with sub-tasks is among the views.
    const batch = plansmith(['tasks', 'batch', '-', '--plan', planId, '--json'], {
      cwd: dir,
      input: JSON.stringify(BATCH),
    });
    expect(batch.code, batch.stderr).toBe(0);
    // Work done, a review failed (its build re-opened), one claimed.
    const list = (args: string[]) =>
      plansmith(['tasks', 'list', '--plan', planId, ...args, '--json'], { cwd: dir }).json<{
        tasks: Task[];
      }>().tasks;
    parent = batch.json<Task[]>().find((t) => t.subtask_count > 0)!;
    expect(parent).toBeDefined();
    // The plan's build: done (and what it needs first, if anything) until its review is ready.
    build = list([]).find((t) => t.kind === 'implement' && t.task_name.startsWith('Build: '))!;
    expect(build).toBeDefined();
    for (let i = 0; i < 10; i++) {
      const ready = list(['--status', 'pending']).filter(
        (t) => t.ready && (t.id === build.id || t.dependencies.includes(build.id)),
      );
      const review = ready.find((t) => t.kind === 'critique');
      if (review) {
        critique = review;
        break;
      }
      expect(plansmith(['tasks', 'claim', ready[0]!.id, '--owner', 'ada'], { cwd: dir }).code).toBe(0);
      expect(plansmith(['tasks', 'done', ready[0]!.id, '--owner', 'ada'], { cwd: dir }).code).toBe(0);
    }
    expect(critique).toBeDefined();
    empty = mkdtempSync(join(tmpdir(), 'plansmith-views-empty-'));
    served = await startServe(dir);
    emptyServed = await startServe(empty);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: SIZES[0] });
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => errors.push(e.message));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await emptyServed?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  const views = () => [
    { name: 'plans', route: '#/plans' },
    { name: 'plan', route: `#/plans/${planId}` },
    { name: 'board', route: `#/board?plan=${planId}` },
    { name: 'board-all', route: '#/board' },
    { name: 'graph', route: `#/graph?plan=${planId}` },
    { name: 'task-build', route: `#/tasks/${build.id}` },
    { name: 'task-parent', route: `#/tasks/${parent.id}` },
    { name: 'task-critique', route: `#/tasks/${critique.id}` },
    { name: 'progress', route: `#/progress?plan=${planId}` },
  ];

  it('every view, at 1400×900 and 1024×768: readable text, no empty labels, nothing out of its box', async () => {
    const found: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const v of views()) {
        await open(page, served.url, v.route);
        for (const p of await look(page)) found.push(`${v.name} at ${size.width}: ${p}`);
        await shoot(page, `${v.name}-${size.width}`);
      }
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);

  it('the task page: criteria as lists, dependencies by name, a plain status, no verdict form on an unclaimed review', async () => {
    await page.setViewportSize(SIZES[0]);
    await open(page, served.url, `#/tasks/${critique.id}`);
    const main = await page.innerText('main');
    expect(main).toMatch(/\bready\b/);
    expect(main).not.toMatch(/pending · ready/);
    // What it reviews, by name, as a link.
    const dep = page.locator('dd a[href^="#/tasks/"]').first();
    expect(await dep.innerText()).toBe(build.task_name);
    expect(await page.locator('form select[name="verdict"]').count()).toBe(0);
    // Claimed, the verdict form is there.
    expect(plansmith(['tasks', 'claim', critique.id, '--owner', 'rev'], { cwd: dir }).code).toBe(0);
    await page.reload();
    await page.waitForSelector('form select[name="verdict"]');
    await open(page, served.url, `#/tasks/${build.id}`);
    expect(await page.locator('main h3 + ul li').count()).toBeGreaterThan(0);
    expect(await page.innerText('main')).toMatch(/plan Implementation plan|plan Add password reset/i);
    // Every tier the task has is a heading over its list: the batched parent has critical and expected.
    await open(page, served.url, `#/tasks/${parent.id}`);
    expect(await page.locator('main h3').allInnerTexts()).toEqual(['Critical', 'Expected']);
    // A parent with no dependency waits for its sub-tasks, and says so (not "waiting for dependencies").
    expect(await page.innerText('main p.muted >> nth=0')).toMatch(/^waiting for its sub-tasks · /);
    expect(await page.locator('main h3 + ul li').allInnerTexts()).toEqual([
      'A token is used once',
      'A token expires',
      'Tokens are stored hashed',
    ]);
    expect(await page.innerText('main')).toMatch(/plan Implementation plan|plan Add password reset/i);
  }, 180_000);

  it('the board with every plan: each card says its plan; titles keep two lines', async () => {
    await open(page, served.url, '#/board');
    const plans = await page.locator('.card .meta.plan').allInnerTexts();
    expect(plans.length).toBeGreaterThan(0);
    expect(new Set(plans).size).toBe(2);
    // Every column is inside the board, Done included, at both sizes.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const inside = await page.evaluate(`(() => {
        const b = document.querySelector('.board').getBoundingClientRect();
        return [...document.querySelectorAll('.col')].every((c) => { const r = c.getBoundingClientRect(); return r.left >= b.left - 1 && r.right <= b.right + 1; });
      })()`);
      expect(inside).toBe(true);
      // A card's meta line says its sub-tasks and attempt before the skill, so a narrow column cuts only the
      // skill (at 1024 px "2 sub-tasks" and "attempt 1" were behind the ellipsis).
      const metas = await page.evaluate<
        { text: string; cut: boolean }[]
      >(`[...document.querySelectorAll('.card .meta')].flatMap((m) => {
        const t = m.firstChild;
        const x = t && t.nodeType === 3 ? /.*(\\d+ sub-tasks|attempt \\d+)/.exec(t.data) : null;
        if (!x) return [];
        const r = document.createRange();
        r.setStart(t, 0);
        r.setEnd(t, x[0].length);
        return [{ text: t.data, cut: r.getBoundingClientRect().right > m.getBoundingClientRect().right + 1 }];
      })`);
      expect(metas.some((m) => /sub-tasks/.test(m.text))).toBe(true);
      expect(metas.some((m) => /attempt/.test(m.text))).toBe(true);
      expect(metas.filter((m) => m.cut)).toEqual([]);
    }
    await page.setViewportSize(SIZES[0]);
  }, 180_000);

  it('progress counts only completions that stand: a build re-opened by a failing review is not done', async () => {
    expect(
      plansmith(['tasks', 'done', critique.id, '--owner', 'rev', '--verdict', 'fail', '--feedback', '-'], {
        cwd: dir,
        input: JSON.stringify({ summary: 'no expiry', issues: [{ what: 'tokens never expire' }] }),
      }).code,
    ).toBe(0);
    await open(page, served.url, `#/progress?plan=${planId}`);
    const main = await page.innerText('main');
    expect(main).toMatch(/\b0 of \d+ tasks done/);
    expect(main).toMatch(/\b[1-9]\d* earlier completions? (was|were) re-opened/);
    expect(main).not.toContain('ada');
    // The chart fills its box and labels its y axis.
    const [chart, box] = await page.evaluate<[number, number]>(
      "[document.querySelector('.chart svg').getBoundingClientRect().width, document.querySelector('.chart').clientWidth]",
    );
    expect(chart).toBeGreaterThan(box * 0.9);
    expect(await page.locator('.chart svg text').count()).toBeGreaterThanOrEqual(4);
    await shoot(page, 'progress-reopened-1400');
  }, 180_000);

  it('empty states: a project with no plans says so, and what fills each view', async () => {
    for (const v of ['plans', 'board', 'graph', 'progress']) {
      await open(page, emptyServed.url, `#/${v}`);
      await page.waitForSelector('.state.empty h2');
      expect((await page.innerText('.state.empty')).length).toBeGreaterThan(30);
      expect(await look(page)).toEqual([]);
      await shoot(page, `empty-${v}-1400`);
    }
  }, 180_000);

  it('error states: a bad id replaces the view (nothing of the previous task stays); a stopped server is said plainly', async () => {
    await open(page, served.url, `#/tasks/${build.id}`);
    await page.evaluate("location.hash = '#/tasks/01NOSUCHTASK0000000000000'");
    await page.waitForSelector('.state.error');
    const main = await page.innerText('main');
    expect(main).toMatch(/^Not found/);
    expect(main).toMatch(/no task/);
    expect(main).not.toContain(build.task_name);
    expect(await look(page)).toEqual([]);
    await shoot(page, 'error-task-1400');
    await page.evaluate("location.hash = '#/plans/nosuchplan'");
    await page.waitForSelector('.state.error');
    expect(await page.innerText('main h1')).toBe('Not found');
    // The server goes away: every view says so instead of showing stale data.
    await open(page, emptyServed.url, '#/plans');
    await emptyServed.stop();
    for (const v of ['board', 'graph', 'progress', 'plans/x', 'tasks/x']) {
      await page.evaluate(`location.hash = '#/${v}'`);
      await page.waitForSelector(`body[data-rendered="#/${v}"] main .state.error`);
      expect(await page.innerText('main .state.error')).toMatch(/server did not answer/);
      expect(await look(page)).toEqual([]);
    }
    await shoot(page, 'error-server-gone-1400');
  }, 180_000);
});
