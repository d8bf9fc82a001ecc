// File-level localization on the dev set in ../shared/bench/localization: for each real issue, rank the
// repository's files at the base commit with `explore --for <issue text>`, then score with the
// set's own scorer. Baseline in the same run: a plain BM25 over path + contents, test files excluded.
//
//   MIRRORS=… ../shared/bench/localization/materialize.sh ../shared/bench/localization/dev-python.jsonl /work/loc/py
//   npm run bench -- localization --set dev-python --trees /work/loc/py
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explore } from '../dist/explore/explore.js';
import { inventory } from '../dist/explore/inventory.js';
import { args } from './lib.mjs';

const opt = args({
  set: 'dev-python',
  trees: '',
  data: join(import.meta.dirname, '..', '..', 'shared', 'bench', 'localization'),
  limit: 0,
  only: '',
  out: join(import.meta.dirname, 'out'),
});
if (!opt.trees) {
  console.error('give --trees <folder holding one tree per instance_id> (see the header of this script)');
  process.exit(2);
}
const cases = readFileSync(join(opt.data, `${opt.set}.jsonl`), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const wanted = cases
  .filter((c) => !opt.only || c.instance_id.includes(opt.only))
  .slice(0, opt.limit || undefined);
// Score only the cases whose tree is there, and say how many are not (a missing tree is not a miss).
const selected = wanted.filter((c) => existsSync(join(opt.trees, c.instance_id)));
if (selected.length < wanted.length) {
  console.log(
    `note: ${wanted.length - selected.length} case(s) have no tree in ${opt.trees} and are left out: ${wanted
      .filter((c) => !selected.includes(c))
      .map((c) => c.instance_id)
      .join(', ')}`,
  );
}
mkdirSync(opt.out, { recursive: true });

// The baseline: BM25 (k1 1.2, b 0.75) over lower-cased alphanumeric words of path + contents.
const TEST =
  /(^|\/)(tests?|__tests__|spec|testing)\/|(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[jt]sx?$|(^|\/)conftest\.py$/;
function plainBm25(root, query) {
  const inv = inventory(root);
  const words = (s) => s.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
  const q = [...new Set(words(query))];
  const qs = new Set(q);
  const docs = [];
  const df = new Map();
  for (const f of inv.files) {
    if (TEST.test(f.path) || f.role === 'doc') continue;
    let text = '';
    try {
      text = readFileSync(join(inv.root, f.path), 'utf8');
    } catch {
      continue;
    }
    const tf = new Map();
    let len = 0;
    for (const w of words(`${f.path} ${text}`)) {
      len++;
      if (qs.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    }
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    docs.push({ path: f.path, tf, len });
  }
  const N = docs.length || 1;
  const avg = docs.reduce((a, d) => a + d.len, 0) / N || 1;
  return docs
    .map((d) => {
      let s = 0;
      for (const w of q) {
        const tf = d.tf.get(w);
        if (!tf) continue;
        const idf = Math.log(1 + (N - df.get(w) + 0.5) / (df.get(w) + 0.5));
        s += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.len) / avg));
      }
      return { path: d.path, s };
    })
    .filter((d) => d.s > 0)
    .sort((a, b) => b.s - a.s)
    .slice(0, 20)
    .map((d) => d.path);
}

const ours = [];
const base = [];
const times = [];
for (const c of selected) {
  const root = join(opt.trees, c.instance_id);
  if (!existsSync(root)) {
    console.error(`missing tree for ${c.instance_id}: run materialize.sh first`);
    continue;
  }
  const t0 = performance.now();
  const r = explore(root, { for: c.problem_statement, top: 20 });
  times.push(performance.now() - t0);
  ours.push({ instance_id: c.instance_id, found_files: r.relevance.relevantFiles.map((f) => f.path) });
  base.push({ instance_id: c.instance_id, found_files: plainBm25(root, c.problem_statement) });
}
const oursFile = join(opt.out, `${opt.set}.plansmith.jsonl`);
const baseFile = join(opt.out, `${opt.set}.bm25.jsonl`);
writeFileSync(oursFile, ours.map((x) => JSON.stringify(x)).join('\n') + '\n');
writeFileSync(baseFile, base.map((x) => JSON.stringify(x)).join('\n') + '\n');
const dataset = join(opt.data, `${opt.set}.jsonl`);
const sub = join(opt.out, `${opt.set}.subset.jsonl`);
writeFileSync(sub, selected.map((c) => JSON.stringify(c)).join('\n') + '\n');
const score = (preds, extra = []) =>
  JSON.parse(
    execFileSync('python3', [join(opt.data, 'score.py'), sub, preds, '--k', '1,3,5,10', '--json', ...extra], {
      encoding: 'utf8',
    }),
  );
const fmt = (s) =>
  `any@1 ${s['any@1']}%  any@5 ${s['any@5']}%  any@10 ${s['any@10']}%  all@10 ${s['all@10']}%  MRR ${s.MRR}  (n=${s.n})`;
times.sort((a, b) => a - b);
console.log(
  `${opt.set}: ${selected.length} cases, explore median ${Math.round(times[Math.floor(times.length / 2)])} ms per case`,
);
console.log(`  plansmith explore        ${fmt(score(oursFile))}`);
console.log(`  plain BM25 (same run)    ${fmt(score(baseFile))}`);
console.log(`  plansmith, new files excluded from gold: ${fmt(score(oursFile, ['--exclude-added']))}`);
void dataset;
