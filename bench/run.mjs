#!/usr/bin/env node
// npm run bench -- <name> [options]. Each benchmark is a script in this folder; they import the built
// package from dist/, so run `npm run build` first (npm ci does it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = {
  tasks: 'tasks.mjs — task graph operations at 1k/10k/100k tasks (--sizes, --db sqlite|postgres://…)',
  'explore-speed':
    'explore-speed.mjs — inventory/read/explore speed vs git ls-files and a read-all baseline (--sizes, --trees)',
  'plan-real':
    'plan-real.mjs — plansmith plan on real repositories (--set, --trees, --limit): time, lint, grounding',
  localization:
    'localization.mjs — file localization on the dev set (--set dev-python|dev-js --trees DIR) vs plain BM25',
  'mcp-tokens':
    'mcp-tokens.mjs — token size of the MCP tools/list per profile (core, default, all) and of the plan schema',
  'agent-tokens':
    'agent-tokens.mjs — tokens per request of the LLM engine over scripted 15- and 40-step explorations, and the share of the 400k budget (--before <dist>)',
  dashboard:
    'dashboard.mjs — the dashboard at 1k/10k tasks in Chromium: board and graph load time, JS heap, server RSS (--sizes, --chromium)',
  listing:
    'listing.mjs — tasks list --json at 100k tasks: time and peak memory (--before <old main.js>, --taskmaster <dir>)',
  precedent:
    'precedent.mjs — feature requests mined from real histories: verdicts, footprint recall, false claims (--mirrors, --work, --before, --set)',
  'plan-agree':
    'plan-agree.mjs — the offline engine plans option requests on real trees (TREE…): its check commands and what its own lint refuses of them',
  checks:
    'checks.mjs — the one checker on real trees: recall per defect class, false refusals of correct plans and commands, lint/gate time at 5k files (--trees, --mirrors, --big)',
  'markdown-budget':
    'markdown-budget.mjs — CPU time of pathological plan markdown with and without the budget; refusals on real markdown (--mirrors)',
  'secret-text':
    'secret-text.mjs — how often the one secret check fires on real trees, every hit listed masked (TREE...)',
  concurrency:
    'concurrency.mjs — N worker processes claim-and-complete one graph (--workers, --tasks, --kill, --db)',
};
const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || !BENCHES[name]) {
  console.log('usage: npm run bench -- <name> [options]\n');
  for (const [k, v] of Object.entries(BENCHES)) console.log(`  ${k.padEnd(12)} ${v}`);
  process.exit(name && name !== '--help' ? 2 : 0);
}
if (!existsSync(join(import.meta.dirname, '..', 'dist', 'index.js'))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(2);
}
const file = join(import.meta.dirname, BENCHES[name].split(' ')[0]);
const r = spawnSync(process.execPath, ['--expose-gc', file, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
