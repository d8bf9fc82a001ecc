// `plansmith plan` (the whole CLI process, offline) on real repositories: the localization dev set's
// trees at their base commits, with the real issue text as the requirement. Prints, per run and overall:
// time (median, p90), files in the tree, whether lint passed, and whether every file to modify exists
// and no file to create does. Cleans up what it writes (plans/, .plansmith/).
// Also, over the whole run: whether a file the real fix changed is among the files to modify (gold
// named), whether each named edit point's symbol is in its file at the stated lines, the share of canned
// lines (plan lines found verbatim in the plans of 3+ other repositories of the run), misplaced or
// invalid new files, and checks that would not terminate. --cli runs another build (a before/after pair
// in one run: --cli /tmp/before/dist/bin/main.js).
//   npm run bench -- plan-real --set dev-python --trees /work/loc/py --limit 24 [--cases file.jsonl] [--cli …]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { args } from './lib.mjs';

const opt = args({
  set: 'dev-python',
  trees: '',
  limit: 24,
  data: join(import.meta.dirname, '..', '..', 'shared', 'bench', 'localization'),
  cases: '',
  cli: '',
});
if (!opt.trees) {
  console.error('give --trees <folder of materialized cases> (see bench/localization.mjs)');
  process.exit(2);
}
const CLI = opt.cli || join(import.meta.dirname, '..', 'dist', 'bin', 'main.js');
const cases = readFileSync(opt.cases || join(opt.data, `${opt.set}.jsonl`), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((c) => existsSync(join(opt.trees, c.instance_id)));
// Spread over the repositories: round-robin by repo.
const byRepo = new Map();
for (const c of cases) byRepo.set(c.repo, [...(byRepo.get(c.repo) ?? []), c]);
const picked = [];
for (let i = 0; picked.length < Math.min(opt.limit, cases.length); i++)
  for (const list of byRepo.values()) if (list[i] && picked.length < opt.limit) picked.push(list[i]);

const times = [];
const judged = [];

/** Commands a check must never be: they do not terminate, or they hide a failure. */
const NON_TERMINATING =
  /(^|[\s:-])(watch|dev|serve|start|storybook|inspect|inspect-brk|debug)(\s|$|:)|--watch\b|\bwatch\b|test:update|update[-:]?snapshots?|--updateSnapshot|\s-u(\s|$)|\bpython -i\b/;

/** A new file that the project's layout or language would refuse. */
function misplaced(path) {
  if (
    /(^|\/)(examples?|docs?|vendor|third_party|node_modules|dist|build)\//.test(path) &&
    !/\.(md|rst|txt)$/.test(path)
  )
    return 'under examples/docs/vendored/build';
  if (/\.py$/.test(path) && !/^[A-Za-z_][A-Za-z0-9_]*\.py$/.test(path.split('/').pop()))
    return 'invalid module name';
  const name = path.split('/').pop();
  if (/(^|\/)tests?\//.test(path) && /\.py$/.test(path) && !/^(test_.*|.*_test|conftest)\.py$/.test(name))
    return 'pytest would not collect it';
  return null;
}

function judge(c, root, o) {
  const steps = o.plan.phases.flatMap((p) => p.steps);
  const modify = steps.flatMap((s) => s.files_to_modify);
  const create = steps
    .flatMap((s) => s.files_to_create.map((f) => f.path))
    .filter((p) => !o.files.includes(p));
  const gold = (c.gold_files ?? []).some((g) => modify.some((m) => m.path === g));
  // The code the implementing phases change, against the files the real fix changed: how much of what
  // the plan sends an agent to edit the maintainers edited too (one fix of several possible: a bound).
  const code = [
    ...new Set(
      o.plan.phases
        .filter((p) => p.kind === 'implement')
        .flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))),
    ),
  ];
  const codeGold = code.filter((p) => (c.gold_files ?? []).includes(p)).length;
  let points = 0;
  let pointsOk = 0;
  for (const m of modify)
    for (const e of m.edit_points ?? []) {
      points++;
      try {
        const lines = readFileSync(join(root, m.path), 'utf8').split('\n');
        const span = lines.slice(Math.max(0, e.start_line - 1), e.end_line).join('\n');
        if (span.includes(e.symbol.split('.').pop())) pointsOk++;
      } catch {}
    }
  const checks = o.plan.phases.flatMap((p) => p.automated_checks.map((k) => k.command));
  const bad = checks.filter((k) => NON_TERMINATING.test(k));
  const wrong = create.map((p) => [p, misplaced(p)]).filter(([, why]) => why);
  const md = o.files.find((f) => f.endsWith('.md') && !/\/(tasks|progress|recovery)\.md$/.test(f));
  let lines = [];
  try {
    lines = readFileSync(join(root, md), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^<!--|^```|^#+\s*$|^\|[-\s|]+\|$|^---$/.test(l));
  } catch {}
  judged.push({
    id: c.instance_id,
    repo: c.repo,
    gold,
    code: code.length,
    codeGold,
    points,
    pointsOk,
    bad,
    wrong,
    lines,
  });
}

function summarise() {
  const n = judged.length;
  if (!n) return;
  const byLine = new Map();
  for (const j of judged)
    for (const l of new Set(j.lines)) byLine.set(l, new Set([...(byLine.get(l) ?? []), j.repo]));
  let total = 0;
  let canned = 0;
  let contentTotal = 0;
  let contentCanned = 0;
  // Structure (headings, labels, table headers, empty markers) is the same in every plan by design.
  const structural = (l) =>
    /^#|^\*\*[^*]+:?\*\*:?$|^_None\._$|^\| (Risk|Phase|#|Task|File|Approach)\b/.test(l);
  const cannedLines = new Map();
  for (const j of judged) {
    for (const l of j.lines) {
      total++;
      const repos = byLine.get(l);
      const isCanned = repos && [...repos].filter((r) => r !== j.repo).length >= 3;
      if (isCanned) canned++;
      if (!structural(l)) {
        contentTotal++;
        if (isCanned) {
          contentCanned++;
          cannedLines.set(l, (cannedLines.get(l) ?? 0) + 1);
        }
      }
    }
  }
  const points = judged.reduce((a, j) => a + j.points, 0);
  const pointsOk = judged.reduce((a, j) => a + j.pointsOk, 0);
  const bad = judged.flatMap((j) => j.bad.map((b) => `${j.id}: ${b}`));
  const wrong = judged.flatMap((j) => j.wrong.map(([p, w]) => `${j.id}: ${p} (${w})`));
  console.log(`gold file named: ${judged.filter((j) => j.gold).length}/${n}`);
  const code = judged.reduce((a, j) => a + j.code, 0);
  const codeGold = judged.reduce((a, j) => a + j.codeGold, 0);
  console.log(
    `files the implementing phases change that the real fix changed: ${codeGold}/${code} (${code ? ((100 * codeGold) / code).toFixed(1) : 0}%)`,
  );
  console.log(
    `edit points valid: ${pointsOk}/${points}${points ? ` (${((100 * pointsOk) / points).toFixed(1)}%)` : ' (the plans name none)'}`,
  );
  console.log(
    `canned lines: ${canned}/${total} (${total ? ((100 * canned) / total).toFixed(1) : 0}%) appear verbatim in plans of 3+ other repositories`,
  );
  console.log(
    `canned content lines (headings, labels and table headers left out): ${contentCanned}/${contentTotal} (${contentTotal ? ((100 * contentCanned) / contentTotal).toFixed(1) : 0}%)`,
  );
  for (const [l, k] of [...cannedLines].sort((a, b) => b[1] - a[1]).slice(0, 6))
    console.log(`  ${k}× ${l.slice(0, 110)}`);
  console.log(
    `misplaced or invalid new files: ${wrong.length}${wrong.length ? `\n  ${wrong.slice(0, 8).join('\n  ')}` : ''}`,
  );
  console.log(
    `non-terminating checks: ${bad.length}${bad.length ? `\n  ${[...new Set(bad)].slice(0, 8).join('\n  ')}` : ''}`,
  );
}
let lintOk = 0;
let modifyOk = 0;
let createOk = 0;
let failures = 0;
for (const c of picked) {
  const root = join(opt.trees, c.instance_id);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'plan', '-', '--no-interactive', '--json', '-C', root], {
    input: c.problem_statement,
    encoding: 'utf8',
    env: { ...process.env, PLANSMITH_MODEL: '' },
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  let line = `${c.instance_id.padEnd(34)} ${String(Math.round(ms)).padStart(5)} ms`;
  if (r.status !== 0 && r.status !== 1) {
    failures++;
    console.log(`${line}  FAILED: ${r.stderr.split('\n').find((l) => l.startsWith('plansmith:'))}`);
  } else {
    const o = JSON.parse(r.stdout);
    times.push(ms);
    const modify = o.plan.phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    const create = o.plan.phases
      .flatMap((p) => p.steps.flatMap((s) => s.files_to_create.map((f) => f.path)))
      .filter((p) => !o.files.includes(p));
    const mOk = modify.every((p) => existsSync(join(root, p)));
    const cOk = create.every((p) => !existsSync(join(root, p)));
    judge(c, root, o);
    lintOk += o.lint.ok ? 1 : 0;
    modifyOk += mOk ? 1 : 0;
    createOk += cOk ? 1 : 0;
    line += `  lint ${o.lint.ok ? 'ok' : `${o.lint.findings.filter((f) => f.severity === 'error').length} errors`}  modify ${modify.length} ${mOk ? 'all exist' : 'MISSING'}  create ${create.length}  ${o.plan.analysis.work_type}  gold ${judged.at(-1).gold ? 'named' : 'missed'}  code ${judged.at(-1).codeGold}/${judged.at(-1).code} real`;
    if (!o.lint.ok)
      for (const f of o.lint.findings.filter((x) => x.severity === 'error').slice(0, 3))
        line += `\n    lint: ${f.line}: [${f.rule}] ${f.message}`;
    console.log(line);
  }
  rmSync(join(root, 'plans'), { recursive: true, force: true });
  rmSync(join(root, 'requirements'), { recursive: true, force: true });
  rmSync(join(root, '.plansmith'), { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const n = times.length;
console.log(
  `\n${n} plans on ${byRepo.size} repositories (${failures} failed): median ${Math.round(times[Math.floor(n / 2)])} ms, p90 ${Math.round(times[Math.floor(n * 0.9)])} ms`,
);
console.log(
  `lint passed: ${lintOk}/${n}; every file to modify exists: ${modifyOk}/${n}; no file to create exists: ${createOk}/${n}`,
);
summarise();
