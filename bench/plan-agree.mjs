#!/usr/bin/env node
// Whether the offline engine writes only check commands its own lint accepts, on real trees of any
// ecosystem: each tree is planned with simple option requests (a flag, a value option) and the plan's own
// lint is read back. Prints each plan's check commands and every `command-*` finding, then the count of
// plans refused per rule. The fixture projects of the same question are in test/e2e/plan-checks-agree.test.ts.
//
//   node bench/plan-agree.mjs [--cli dist/bin/main.js] TREE...
//
// Planning writes plans/ and .plansmith/ into each tree: give clones, never a checkout you work in.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { offlinePlan } from './lib.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--cli');
const cli = resolve(
  at >= 0 ? args.splice(at, 2)[1] : join(import.meta.dirname, '..', 'dist', 'bin', 'main.js'),
);
const trees = args.map((t) => resolve(t));
if (!trees.length) {
  console.error('usage: node bench/plan-agree.mjs [--cli main.js] TREE...');
  process.exit(2);
}
const REQUESTS = [
  'Add a `--frobnicate` flag that prints the results in reverse order.',
  'Add a `--max-frobs` option that limits how many results are shown.',
];
const clean = (root) =>
  spawnSync('git', ['-C', root, 'clean', '-fdxq', '--', 'plans', '.plansmith'], { stdio: 'ignore' });

const refused = new Map();
let plans = 0;
for (const root of trees) {
  for (const req of REQUESTS) {
    clean(root);
    const { out: o, error } = offlinePlan(cli, root, req, 300_000);
    if (!o) {
      console.log(`${root}: no plan (${error})`);
      continue;
    }
    plans++;
    const md = o.files?.find((f) => f.endsWith('.md'));
    const text = md && existsSync(join(root, md)) ? readFileSync(join(root, md), 'utf8') : '';
    const checks = [...new Set([...text.matchAll(/^- \[ \] `([^`]+)`/gm)].map((m) => m[1]))];
    const findings = (o.lint?.findings ?? []).filter(
      (f) => f.severity === 'error' && f.rule.startsWith('command-'),
    );
    console.log(`${root} :: ${req.slice(6, 24)}… checks: ${checks.join(' | ') || '(none)'}`);
    for (const f of findings) console.log(`  REFUSED ${f.rule}: ${f.message.slice(0, 240)}`);
    for (const rule of new Set(findings.map((f) => f.rule))) refused.set(rule, (refused.get(rule) ?? 0) + 1);
    clean(root);
  }
}
console.log(
  `\nplans: ${plans}; refused by their own lint: ${[...refused].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
);
