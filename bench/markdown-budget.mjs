#!/usr/bin/env node
// npm run bench -- markdown-budget [--mirrors DIR]: the CPU time of parsing pathological plan markdown
// before and after the budget check (domain/limits.ts), and, over real markdown files (every *.md at HEAD
// of each bare git repository under --mirrors), how many the budget would refuse and the largest figures
// seen, which is how the caps were chosen.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { LIMITS, markdownBudget, markdownLoad } from '../dist/domain/limits.js';
import { parsePlanAhead, readPlanMarkdown } from '../dist/planning/markdown/read.js';
import { useMarkdownWorkers } from '../dist/planning/markdown/tree.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const cpu = (f) => {
  const t = process.cpuUsage();
  let out;
  try {
    out = f();
  } catch (e) {
    out = e;
  }
  const u = process.cpuUsage(t);
  return { ms: (u.user + u.system) / 1000, out };
};
const parse = (s) => fromMarkdown(s, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
const head = '# Implementation plan: x\n\n## Implementation steps\n\n';
parse(`${head}warm *up* _the_ [parser](x)\n`);

const paragraphs = (unit, n, size) => {
  const para = `${unit.repeat(n)}\n\n`;
  return head + para.repeat(Math.max(1, Math.floor(size / para.length)));
};
const cases = [
  ['*_ × 20 KB, one paragraph', `${head}${'*_'.repeat(10_000)}\n`],
  ['*_ × 40 KB, one paragraph', `${head}${'*_'.repeat(20_000)}\n`],
  ['*_ × 80 KB, one paragraph', `${head}${'*_'.repeat(40_000)}\n`],
  ['[a × 40 KB, nested brackets', `${head}${'[a'.repeat(10_000)}${']'.repeat(10_000)}\n`],
  [
    `worst allowed: paragraphs of ${LIMITS.markdownDelimiters} *_ runs up to the total cap`,
    paragraphs(
      '*_',
      LIMITS.markdownDelimiters / 2,
      (LIMITS.markdownDelimitersTotal - LIMITS.markdownDelimiters) * 1.0,
    ),
  ],
  [
    `worst allowed: brackets ${LIMITS.markdownBrackets} deep, paragraphs to the byte cap`,
    paragraphs(
      `${'[a'.repeat(LIMITS.markdownBrackets)}${']'.repeat(LIMITS.markdownBrackets)} `,
      1,
      (LIMITS.markdownBracketsTotal / LIMITS.markdownBrackets) * (LIMITS.markdownBrackets * 3 + 3) - 100,
    ),
  ],
  [`worst allowed: snake_case words to the byte cap`, paragraphs('a_b_c ', 100, LIMITS.planBytes - 1000)],
  ['plain prose to the byte cap', paragraphs('plain words in a sentence. ', 20, LIMITS.planBytes - 1000)],
];
console.log(
  `caps: ${LIMITS.planBytes} bytes, ${LIMITS.markdownDelimiters} delimiter runs a paragraph (${LIMITS.markdownDelimitersTotal} in all), ${LIMITS.markdownBrackets} open brackets (${LIMITS.markdownBracketsTotal} in all)\n`,
);
console.log(
  'case | bytes | parse without the budget (ms CPU) | budget check (ms CPU) | readPlanMarkdown (ms CPU) | refused',
);
for (const [name, text] of cases) {
  const raw = text.length > Number(arg('raw-up-to', 45_000)) ? null : cpu(() => parse(text));
  const check = cpu(() => markdownBudget(text));
  const read = cpu(() => readPlanMarkdown(text, 'bench.md'));
  const refused =
    read.out instanceof Error ? read.out.message.replace(/^bench\.md:\d+: /, '').slice(0, 70) : 'no';
  console.log(
    `${name} | ${Buffer.byteLength(text)} | ${raw ? raw.ms.toFixed(0) : '-'} | ${check.ms.toFixed(1)} | ${read.ms.toFixed(0)} | ${refused}`,
  );
}

// On a server (mcp --http, serve) the parse runs on a worker thread: how long the event loop is busy with a
// plan read there (event-loop utilisation: the main thread only) against reading it in process, and what a
// plan over a (deliberately small) time limit costs the main thread before it is refused.
{
  const busy = async (f) => {
    const before = performance.eventLoopUtilization();
    const t = performance.now();
    let out;
    try {
      out = await f();
    } catch (e) {
      out = e;
    }
    const u = performance.eventLoopUtilization(before);
    return { busy: u.active, wall: performance.now() - t, out };
  };
  const worst = paragraphs('a_b_c ', 100, LIMITS.planBytes - 1000);
  const inProcess = await busy(() => readPlanMarkdown(`${worst}\n`, 'bench.md'));
  const workers = useMarkdownWorkers();
  await parsePlanAhead(
    '# Implementation plan: warm\n\n## Implementation steps\n\nwarm up the worker\n',
    'warm.md',
  );
  const onWorker = await busy(async () => {
    await parsePlanAhead(worst, 'bench.md');
    return readPlanMarkdown(worst, 'bench.md');
  });
  await workers.release();
  const limited = useMarkdownWorkers({ timeLimitMs: 200 });
  const over = await busy(() => parsePlanAhead(`${worst}\n\n`, 'bench.md'));
  await limited.release();
  console.log(
    `\nserver: the worst allowed plan (${Buffer.byteLength(worst)} bytes): main thread busy ${inProcess.busy.toFixed(0)} ms read in process, ${onWorker.busy.toFixed(0)} ms with the parse on a worker (${onWorker.wall.toFixed(0)} ms wall)`,
  );
  console.log(
    `server: the same plan over a 200 ms limit: refused after ${over.wall.toFixed(0)} ms wall, main thread busy ${over.busy.toFixed(0)} ms (${over.out instanceof Error ? over.out.message.slice(0, 60) : 'not refused'}…)`,
  );
}

const mirrors = arg('mirrors');
if (mirrors && existsSync(mirrors)) {
  let files = 0;
  let refused = 0;
  let parseMs = 0;
  const max = {
    bytes: [0, ''],
    delimiters: [0, ''],
    delimitersTotal: [0, ''],
    brackets: [0, ''],
    bracketsTotal: [0, ''],
  };
  for (const name of readdirSync(mirrors)) {
    const git = existsSync(join(mirrors, name, 'repo')) ? join(mirrors, name, 'repo') : join(mirrors, name);
    if (!existsSync(join(git, 'HEAD'))) continue;
    let list;
    try {
      list = execFileSync('git', ['--git-dir', git, 'ls-tree', '-r', '--name-only', 'HEAD'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
    } catch {
      continue;
    }
    for (const path of list.split('\n').filter((p) => p.endsWith('.md'))) {
      let text;
      try {
        text = execFileSync('git', ['--git-dir', git, 'show', `HEAD:${path}`], {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
      } catch {
        continue;
      }
      files++;
      const load = markdownLoad(text);
      for (const k of Object.keys(max)) if (load[k] > max[k][0]) max[k] = [load[k], `${name}:${path}`];
      const problem = markdownBudget(text);
      if (problem) {
        refused++;
        console.log(`  refused: ${name}:${path}:${problem.line}: ${problem.message}`);
      }
      parseMs += cpu(() => parse(text)).ms;
    }
  }
  console.log(
    `\nreal markdown: ${files} files under ${mirrors}, ${refused} refused by the budget, parse CPU ${parseMs.toFixed(0)} ms in all`,
  );
  for (const [k, [v, where]] of Object.entries(max)) console.log(`  largest ${k}: ${v} (${where})`);
}
