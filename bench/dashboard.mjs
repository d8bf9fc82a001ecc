// The dashboard at 1k and 10k tasks: how long the board and the graph take to show in a real browser
// (Debian Chromium through playwright-core), the browser's JS heap, and the server's memory.
// Baseline in the same run: the time of the API answer alone, so the page's own cost is visible.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AppContext } from '../dist/index.js';
import { serveWeb } from '../dist/web/serve.js';
import { args, f, mb, syntheticBatch, time } from './lib.mjs';

const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
const opt = args({ sizes: '1000,10000', chromium: '/usr/bin/chromium', runs: 3 });

for (const n of opt.sizes.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'plansmith-bench-dash-'));
  mkdirSync(join(dir, '.plansmith'));
  const ctx = new AppContext({ root: dir });
  const store = await ctx.store();
  await store.createBatch(syntheticBatch(n));
  const total = await store.countTasks();
  // Work some of it so every column has cards.
  for (let i = 0; i < Math.min(200, total / 5); i++) {
    const t = await store.claim({ owner: `agent-${i % 7}` });
    if (!t) break;
    if (i % 3) await store.complete(t.id);
  }
  const rssBefore = process.memoryUsage().rss;
  const server = await serveWeb(ctx, { host: '127.0.0.1', port: 0 });
  const api = await time(async () => (await fetch(`${server.url}api/board`)).text());
  const graphApi = await time(async () => (await fetch(`${server.url}api/graph`)).text());
  const progressApi = await time(async () => (await fetch(`${server.url}api/progress`)).text());
  const browser = await chromium.launch({
    executablePath: opt.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };
  const boardMs = [];
  const graphMs = [];
  let boardHeap = 0;
  let graphHeap = 0;
  let cards = 0;
  let graphNodes = 0;
  for (let r = 0; r < opt.runs; r++) {
    // A full load each time (from a blank page), not a hash change in a page already open.
    await page.goto('about:blank');
    const b = await time(async () => {
      await page.goto(`${server.url}#/board`);
      await page.waitForSelector('[data-column="ready"] .card, [data-column="waiting"] .card');
    });
    boardMs.push(b.ms);
    boardHeap = Math.max(boardHeap, await heap());
    cards = await page.locator('.card').count();
    await page.goto('about:blank');
    const g = await time(async () => {
      await page.goto(`${server.url}#/graph?plan=`);
      await page.waitForSelector('svg .node');
    });
    graphMs.push(g.ms);
    graphHeap = Math.max(graphHeap, await heap());
    graphNodes = await page.locator('svg .node').count();
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rss = process.memoryUsage().rss;
  console.log(`\n== ${total} tasks (SQLite), median of ${opt.runs} loads`);
  console.log(`API /api/board           ${f(api.ms)} ms, ${kb(api.value.length)} of JSON`);
  console.log(`API /api/graph           ${f(graphApi.ms)} ms, ${kb(graphApi.value.length)} of JSON`);
  console.log(`API /api/progress        ${f(progressApi.ms)} ms, ${kb(progressApi.value.length)} of JSON`);
  console.log(`board shown              ${f(med(boardMs))} ms (cards in the DOM: ${cards} of ${total})`);
  console.log(
    `graph shown              ${f(med(graphMs))} ms (nodes drawn on the first page: ${graphNodes})`,
  );
  console.log(`browser JS heap          board ${mb(boardHeap)}, graph ${mb(graphHeap)}`);
  console.log(`server RSS               ${mb(rss)} (+${mb(rss - rssBefore)} while serving)`);
  await browser.close();
  await server.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
