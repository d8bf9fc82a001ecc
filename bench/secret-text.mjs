#!/usr/bin/env node
// npm run bench -- secret-text TREE... : how often the one secret check (domain/secret-text.ts) fires on real
// repositories' text, line by line: every text file of each tree (no .git, no node_modules, files up to
// 1 MB, no binaries). Every hit is listed, masked, with its file and line, so a person can say whether it is
// a false positive; the issue's bar is "low false positives, measured on the dev-set trees". Reads only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { secretInText } from '../dist/domain/secret-text.js';

const trees = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!trees.length) {
  console.error('usage: node bench/secret-text.mjs TREE [TREE...]');
  process.exit(2);
}
const SKIP = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'target', 'dist', 'build']);
const mask = (s) => (s.length <= 16 ? `${s.slice(0, 3)}…` : `${s.slice(0, 10)}…${s.slice(-3)}`);

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

// Lines shaped like the formats that need judgement (a URL with a password, an assigned password, a JWT, a
// Stripe or SendGrid prefix): how many the check looked at and let through, so a zero means something.
const SHAPES = [
  ['a URL with user:password@', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:[^\s@/'"]+@/i],
  ['password= or password:', /\b(?:password|passwd|pwd|db_pass(?:word)?)\s*[=:]\s*\S/i],
  ['eyJ…', /\beyJ[A-Za-z0-9_-]{10,}\./],
  ['sk_/rk_ or SG.', /\b[sr]k_(?:live|test)_|\bSG\.[A-Za-z0-9_-]{10,}\./],
];
const shaped = new Map(SHAPES.map(([k]) => [k, 0]));
let totalFiles = 0;
let totalLines = 0;
const byFormat = new Map();
const hits = [];
for (const tree of trees) {
  for (const f of files(tree)) {
    if (statSync(f).size > 1024 * 1024) continue;
    const buf = readFileSync(f);
    if (buf.includes(0)) continue;
    totalFiles++;
    const text = buf.toString('utf8');
    const lines = text.split('\n');
    totalLines += lines.length;
    // Whole-file formats (a key body over two lines, a service-account JSON) are found by the file check.
    const whole = secretInText(text);
    let found = false;
    lines.forEach((line, i) => {
      for (const [k, re] of SHAPES) if (re.test(line)) shaped.set(k, shaped.get(k) + 1);
      const what = secretInText(line);
      if (!what) return;
      found = true;
      byFormat.set(what, (byFormat.get(what) ?? 0) + 1);
      hits.push(`${basename(tree)}/${relative(tree, f)}:${i + 1}: ${what}: ${mask(line.trim())}`);
    });
    if (whole && !found) {
      byFormat.set(`${whole} (whole file)`, (byFormat.get(`${whole} (whole file)`) ?? 0) + 1);
      hits.push(`${basename(tree)}/${relative(tree, f)}: ${whole} (only across lines)`);
    }
  }
}
for (const h of hits) console.log(h);
console.log(
  `\nsecret-text: ${trees.length} trees, ${totalFiles} text files, ${totalLines} lines: ${hits.length} hits` +
    (byFormat.size ? ` (${[...byFormat].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''),
);
console.log(
  `lines of a judged shape (seen by the check): ${[...shaped].map(([k, v]) => `${k} ${v}`).join(', ')}`,
);
