// The precedent bench: feature requests mined from the history of real repositories (precedent-mine.mjs),
// planned by one or two builds of plansmith on the tree at the commit's parent ("new" cases) and at the commit
// itself ("met" cases), scored against what the commit really did.
//
//   npm run bench -- precedent --mirrors /work/.mirror --work /tmp/precedent [--before <old main.js>]
//                              [--set dev|dev-2|held-out|held-out-2|held-out-3|held-out-4|held-out-5|held-out-6|held-out-7|held-out-8|held-out-9|held-out-10|all] [--per-repo 5] [--repos a/b,c/d]
//                              [--cases cases.jsonl[,more.jsonl]] [--cases-out name.jsonl] (--repos with --cases: only their cases)
//                              [--mine-only] (mine the cases and make their trees, plan nothing)
//                              [--rescore] (score the plans kept from an earlier run of the same builds)
//                              [--cached-only] (with --rescore: only the cases every build has planned)
//                              [--show] (print up to six examples of each wider false-claim kind)
//
// `--set all` is dev + held-out; dev-2 and held-out-2 to held-out-10 are mined only when asked for by name (into
// cases-dev2.jsonl / cases-ho2.jsonl … cases-ho10.jsonl unless --cases-out says otherwise), so that the held-out
// ones stay unseen until the final measurement.
//
// Figures per build: verdict accuracy (new cases: new or partly-met; met cases: met, citing the file that
// registers it), footprint recall per area (code, test, docs, changelog) and precision against the commit's
// files, the sibling beside the gold registration (on a new case, the sibling followed is declared in the
// file where the commit registered the new thing), gold function named, and false claims (every "X is at file:line" and every "exists" checked against
// the tree). A build without a precedent analysis has no verdict: it is counted as "new" (it designs the
// change in every case).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { args, offlinePlan } from './lib.mjs';
import { KINDS, wideChecks } from './precedent-claims.mjs';
import { mineRepo, mirrorDir } from './precedent-mine.mjs';

// Repositories whose history the engine's authors looked at while building it (dev), and ones they did not.
const DEV = [
  'pytest-dev/pytest',
  'sphinx-doc/sphinx',
  'pallets/flask',
  'pallets/click',
  'pylint-dev/pylint',
  'tj/commander.js',
  'mochajs/mocha',
  'spf13/cobra',
  'BurntSushi/ripgrep',
  'pydata/xarray',
  'astropy/astropy',
  // Looked at by the precedent core's author too (a few of their commits), so not held out.
  'sharkdp/fd',
  'sharkdp/bat',
  'psf/black',
  'httpie/cli',
];
const HELD_OUT = [
  'sharkdp/hyperfine',
  'mkdocs/mkdocs',
  'PyCQA/flake8',
  'nedbat/coveragepy',
  'eza-community/eza',
  'PyCQA/isort',
  'pre-commit/pre-commit',
  'yargs/yargs',
  'encode/httpx',
  'urfave/cli',
];
// A second held-out set, opened by nobody before the final measurement of a wave.
const HELD_OUT_2 = [
  'jazzband/pip-tools',
  'PyCQA/pycodestyle',
  'pypa/twine',
  'sharkdp/hexyl',
  'bootandy/dust',
  'tox-dev/tox',
  'psf/requests',
];
// A third held-out set, for the final measurement of wave 3 session 3: repositories nobody on the team opened.
const HELD_OUT_3 = [
  'casey/just',
  'ajeetdsouza/zoxide',
  'XAMPPRocky/tokei',
  'charmbracelet/glow',
  'wntrblm/nox',
  'fastapi/typer',
  'sqlfluff/sqlfluff',
  'jesseduffield/lazygit',
];
// A fourth held-out set (wave 3 session 10): repositories fetched for the first time for the final measurement of
// that session, after three sessions in which the other held-out sets had been measured (as aggregates only).
const HELD_OUT_4 = [
  'jendrikseipp/vulture',
  'python-jsonschema/check-jsonschema',
  'pytest-dev/pytest-cov',
  'dalance/procs',
  'chmln/sd',
  'Canop/broot',
  'mvdan/sh',
  'bcoe/c8',
];
// A fifth held-out set (wave 3 session 11): fetched for the first time to check that a rule made stricter on the
// dev sets holds on repositories nobody had measured, rather than re-measuring the four sets that moved.
const HELD_OUT_5 = [
  'lsd-rs/lsd',
  'svenstaro/miniserve',
  'Wilfred/difftastic',
  'ClementTsang/bottom',
  'orhun/git-cliff',
  'mitmproxy/pdoc',
  'codespell-project/codespell',
  'motdotla/dotenv',
  'http-party/http-server',
  'terser/terser',
  'charmbracelet/vhs',
  'muesli/duf',
];
// A sixth held-out set (wave 3 session 12): fetched for the first time, after the fifth had shown that verdicts on
// unseen repositories are the weakest figure. Measured once as held out (new 42 → 43/44, met 23 → 23/44: fifteen met
// cases read new), then opened in the same session to find why; a dev set since, its figures dev figures.
const HELD_OUT_6 = [
  'hhatto/autopep8',
  'PyCQA/autoflake',
  'PyCQA/docformatter',
  'PyCQA/pydocstyle',
  'pypa/build',
  'vercel/serve',
  'jshint/jshint',
  'sindresorhus/np',
  'nodeca/js-yaml',
  'dundee/gdu',
  'antonmedv/fx',
  'stern/stern',
  'mvdan/gofumpt',
  'Byron/dua-cli',
  'tealdeer-rs/tealdeer',
  'lotabout/skim',
  'sharkdp/pastel',
];
// A seventh held-out set (wave 3 session 12): fetched for the first time to check the rules made on the sixth
// once it was opened.
const HELD_OUT_7 = [
  'pypa/virtualenv',
  'executablebooks/mdformat',
  'PyCQA/prospector',
  'adamchainz/blacken-docs',
  'svg/svgo',
  'mishoo/UglifyJS',
  'postcss/autoprefixer',
  'webpack/webpack-cli',
  'ahmetb/kubectx',
  'jesseduffield/lazydocker',
  'charmbracelet/freeze',
  'BurntSushi/xsv',
  'ouch-org/ouch',
  'Aloxaf/silicon',
  'cantino/mcfly',
  'theryangeary/choose',
];
// An eighth held-out set (wave 3 session 13): fetched for the first time to check the rules made on the seventh
// once it was opened. Measured once as held out (met 40/56 unchanged), then opened in session 14 to sort its wrong
// verdicts by cause; a dev set since.
const HELD_OUT_8 = [
  'Yelp/detect-secrets',
  'asottile/pyupgrade',
  'rstcheck/rstcheck',
  'jarun/buku',
  'mgedmin/check-manifest',
  'open-cli-tools/concurrently',
  'raineorshine/npm-check-updates',
  'igorshubovych/markdownlint-cli',
  'pahen/madge',
  'typicode/json-server',
  'itchyny/gojq',
  'boyter/scc',
  'schollz/croc',
  'ffuf/ffuf',
  'wagoodman/dive',
  'crate-ci/typos',
  'o2sh/onefetch',
  'lycheeverse/lychee',
  'Nukesor/pueue',
  'orf/gping',
  'imsnif/bandwhich',
];
// A ninth held-out set (wave 3 session 14): fetched for the first time to check what was made on the eighth once
// it was opened. Command-line tools in Python, JavaScript, Go and Rust that no earlier set holds. Measured once
// (met 31/40 before and after the session's rules); two of its cases (direnv, act) were read in the blind review.
// Opened in wave 3 session 15 (its wrong verdicts sorted by cause).
const HELD_OUT_9 = [
  'dbcli/pgcli',
  'dbcli/mycli',
  'cookiecutter/cookiecutter',
  'streamlink/streamlink',
  'bndr/pipreqs',
  'nvbn/thefuck',
  'release-it/release-it',
  'TypeStrong/ts-node',
  'markedjs/marked',
  'conventional-changelog/commitlint',
  'standard/standard',
  'zyedidia/micro',
  'cheat/cheat',
  'direnv/direnv',
  'errata-ai/vale',
  'nektos/act',
  'air-verse/air',
  'atuinsh/atuin',
  'denisidoro/navi',
  'Canop/bacon',
  'solidiquis/erdtree',
  'gitui-org/gitui',
];
// A tenth held-out set (wave 3 session 15), fetched for the first time to check what was made on the ninth once it
// was opened: servers, test-runner plugins, build tools and command-line tools in Python, JavaScript/TypeScript, Go
// and Rust that no earlier set holds, chosen before any of their history was read.
const HELD_OUT_10 = [
  'benoitc/gunicorn',
  'encode/uvicorn',
  'pytest-dev/pytest-rerunfailures',
  'pytest-dev/pytest-html',
  'pypa/cibuildwheel',
  'google/yapf',
  'commitizen-tools/commitizen',
  'lint-staged/lint-staged',
  'TypeStrong/typedoc',
  'egoist/tsup',
  'google/zx',
  'clean-css/clean-css',
  'mrmlnc/fast-glob',
  'projectdiscovery/httpx',
  'gitleaks/gitleaks',
  'pressly/goose',
  'noborus/ov',
  'OJ/gobuster',
  'evanw/esbuild',
  'hatoo/oha',
  'ast-grep/ast-grep',
  'Schniz/fnm',
  'alacritty/alacritty',
  'nextest-rs/nextest',
  'pvolok/mprocs',
];
// A second dev set (wave 3 session 8), so that a rule is tried on more repositories than the ones it was made on:
// its cases are read while building, like dev's, and figures on it are dev figures. The miner finds no case in
// tqdm, stylelint, nodemon, ava, pino, fzf, gum or mdBook (no changelog line it reads as a new option).
const DEV_2 = [
  'tqdm/tqdm',
  'Textualize/rich',
  'pypa/pipx',
  'jorisroovers/gitlint',
  'PyCQA/bandit',
  'pytest-dev/pytest-xdist',
  'stylelint/stylelint',
  'remy/nodemon',
  'avajs/ava',
  'pinojs/pino',
  'istanbuljs/nyc',
  'junegunn/fzf',
  'go-task/task',
  'mikefarah/yq',
  'charmbracelet/gum',
  'rust-lang/mdBook',
  'dandavison/delta',
  'watchexec/watchexec',
  'ducaale/xh',
];
const SETS = [
  'dev',
  'dev-2',
  'held-out',
  'held-out-2',
  'held-out-3',
  'held-out-4',
  'held-out-5',
  'held-out-6',
  'held-out-7',
  'held-out-8',
  'held-out-9',
  'held-out-10',
];
const setOf = (repo) =>
  DEV_2.includes(repo)
    ? 'dev-2'
    : HELD_OUT_10.includes(repo)
      ? 'held-out-10'
      : HELD_OUT_9.includes(repo)
        ? 'held-out-9'
        : HELD_OUT_8.includes(repo)
          ? 'held-out-8'
          : HELD_OUT_7.includes(repo)
            ? 'held-out-7'
            : HELD_OUT_6.includes(repo)
              ? 'held-out-6'
              : HELD_OUT_5.includes(repo)
                ? 'held-out-5'
                : HELD_OUT_4.includes(repo)
                  ? 'held-out-4'
                  : HELD_OUT_3.includes(repo)
                    ? 'held-out-3'
                    : HELD_OUT_2.includes(repo)
                      ? 'held-out-2'
                      : HELD_OUT.includes(repo)
                        ? 'held-out'
                        : 'dev';

const opt = args({
  mirrors: process.env.MIRRORS ?? '/work/.mirror',
  work: '/tmp/plansmith-precedent',
  cli: join(import.meta.dirname, '..', 'dist', 'bin', 'main.js'),
  before: '',
  set: 'all',
  perRepo: '5',
  repos: '',
  cases: '',
  casesOut: '',
  mineOnly: 'false',
  cachedOnly: 'false',
  rescore: 'false',
  show: 'false',
});
mkdirSync(opt.work, { recursive: true });

// 1. The cases.
let cases;
let casesFile;
if (opt.cases) {
  casesFile = opt.cases;
  cases = opt.cases
    .split(',')
    .flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse));
  // --repos with --cases: only those repositories' cases (one repository benched on its own).
  if (opt.repos) {
    const repos = new Set(opt.repos.split(','));
    const missing = [...repos].filter((r) => !cases.some((c) => c.repo === r));
    if (missing.length) console.log(`(--repos: no case of ${missing.join(', ')} in ${opt.cases})`);
    cases = cases.filter((c) => repos.has(c.repo));
  }
  for (const c of cases) c.set = setOf(c.repo);
} else {
  const sets = {
    dev: DEV,
    'dev-2': DEV_2,
    'held-out': HELD_OUT,
    'held-out-2': HELD_OUT_2,
    'held-out-3': HELD_OUT_3,
    'held-out-4': HELD_OUT_4,
    'held-out-5': HELD_OUT_5,
    'held-out-6': HELD_OUT_6,
    'held-out-7': HELD_OUT_7,
    'held-out-8': HELD_OUT_8,
    'held-out-9': HELD_OUT_9,
    'held-out-10': HELD_OUT_10,
    all: [...DEV, ...HELD_OUT],
  };
  if (!opt.repos && !sets[opt.set])
    throw new Error(`--set ${opt.set}: expected one of ${Object.keys(sets).join(', ')}`);
  const repos = opt.repos ? opt.repos.split(',') : sets[opt.set];
  cases = [];
  for (const repo of repos) {
    const dir = mirrorDir(opt.mirrors, repo);
    if (!dir) {
      console.log(`(no mirror of ${repo} under ${opt.mirrors}: left out)`);
      continue;
    }
    const got = mineRepo(dir, { repo, limit: Number(opt.perRepo) });
    if (!got.length) console.log(`(${repo}: no case mined)`);
    for (const c of got) c.set = setOf(repo);
    cases.push(...got);
  }
  const own = {
    'dev-2': 'cases-dev2.jsonl',
    'held-out-2': 'cases-ho2.jsonl',
    'held-out-3': 'cases-ho3.jsonl',
    'held-out-4': 'cases-ho4.jsonl',
    'held-out-5': 'cases-ho5.jsonl',
    'held-out-6': 'cases-ho6.jsonl',
    'held-out-7': 'cases-ho7.jsonl',
    'held-out-8': 'cases-ho8.jsonl',
    'held-out-9': 'cases-ho9.jsonl',
    'held-out-10': 'cases-ho10.jsonl',
  };
  casesFile = join(opt.work, opt.casesOut || (!opt.repos && own[opt.set]) || 'cases.jsonl');
  writeFileSync(casesFile, `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
}
const counts = {};
for (const c of cases) counts[c.set] = (counts[c.set] ?? 0) + 1;
console.log(
  `${cases.length} cases from ${new Set(cases.map((c) => c.repo)).size} repositories (${casesFile}): ${Object.entries(
    counts,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);

// 2. A tree at a commit, with its history up to that commit and no later refs (nothing of the future).
function tree(c, sha, tag) {
  const dir = join(opt.work, 'trees', `${c.id}-${tag}`);
  if (existsSync(join(dir, '.git'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const src = mirrorDir(opt.mirrors, c.repo);
  const g = (a, cwd) =>
    execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...a], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
  g(['clone', '-q', '--shared', '--no-checkout', src, dir]);
  g(['checkout', '-q', '--detach', sha], dir);
  for (const ref of g(['for-each-ref', '--format=%(refname)'], dir).split('\n').filter(Boolean))
    g(['update-ref', '-d', ref], dir);
  return dir;
}

if (opt.mineOnly === 'true') {
  for (const c of cases) {
    tree(c, c.parent, 'base');
    tree(c, c.commit, 'met');
  }
  console.log(`trees for ${cases.length} cases under ${join(opt.work, 'trees')}`);
  process.exit(0);
}

// Plans are kept per build (the CLI file and its time) and case, so a re-run with --rescore only scores.
const cacheFile = (cli, key) =>
  join(
    opt.work,
    'out',
    createHash('sha1')
      .update(`${cli}\0${statSync(cli).mtimeMs}`)
      .digest('hex')
      .slice(0, 12),
    `${key}.json`,
  );
function cached(cli, key, make) {
  const file = cacheFile(cli, key);
  mkdirSync(join(file, '..'), { recursive: true });
  if (opt.rescore === 'true' && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const out = make();
  writeFileSync(file, JSON.stringify(out));
  return out;
}

// Remove what planning wrote, and only that: a project may track a folder of the same name (pip's
// `requirements/` in flask and mkdocs), which a plain delete would take out of the tree for every later plan.
// Run before a plan too, so a tree another run left behind (or damaged) is as the commit has it.
function pristine(root) {
  const git = (a) =>
    spawnSync('git', ['-c', 'core.fsmonitor=false', '-C', root, ...a], { stdio: 'ignore' }).status;
  git(['clean', '-fdxq', '--', 'plans', 'requirements', '.plansmith']);
  for (const d of ['plans', 'requirements']) git(['checkout', '-q', 'HEAD', '--', d]);
}

function plan(cli, root, requirement) {
  pristine(root);
  const t0 = performance.now();
  const { out, error } = offlinePlan(cli, root, requirement);
  const ms = Math.round(performance.now() - t0);
  let markdown = '';
  const md = out?.files?.find((f) => f.endsWith('.md'));
  if (md) markdown = readFileSync(join(root, md), 'utf8');
  pristine(root);
  return out ? { ...out, markdown, ms } : { error, ms };
}

// 3. Scoring.
const lines = new Map();
function fileLines(root, file) {
  const key = `${root}\0${file}`;
  if (!lines.has(key)) {
    const p = join(root, file);
    lines.set(key, existsSync(p) && !file.includes('..') ? readFileSync(p, 'utf8').split('\n') : null);
  }
  return lines.get(key);
}
const ident = (s) =>
  (/[A-Za-z_$][\w$-]*/g[Symbol.match](s ?? '') ?? []).sort((a, b) => b.length - a.length)[0] ?? '';
const spellings = (name) => {
  const bare = name.replace(/^-+/, '');
  const parts = bare.split(/[-_]/).filter(Boolean);
  const camel = parts.map((p, i) => (i ? p[0].toUpperCase() + p.slice(1) : p)).join('');
  return [...new Set([bare, parts.join('_'), parts.join('-'), camel, parts.join('').toLowerCase()])];
};
const near = (ls, line, test, before = 0, after = 0) => {
  for (let i = Math.max(1, line - before); i <= Math.min(ls.length, line + after); i++)
    if (test(ls[i - 1])) return true;
  return false;
};

/** Every claim a plan makes about a place in the tree, checked; returns [checked, false claims]. */
function claims(root, o) {
  const bad = [];
  let n = 0;
  const check = (ok, what) => {
    n++;
    if (!ok) bad.push(what);
  };
  const plan = o.plan;
  for (const ph of plan.phases)
    for (const st of ph.steps)
      for (const f of st.files_to_modify) {
        const ls = fileLines(root, f.path);
        check(ls !== null, `${f.path}: no such file`);
        for (const e of f.edit_points ?? []) {
          const id = e.symbol.split(/[.#:]/).pop().replace(/\(.*$/, '');
          check(
            ls !== null &&
              e.end_line <= ls.length &&
              near(ls, e.start_line, (l) => l.includes(id), 3, e.end_line - e.start_line),
            `${f.path}:${e.start_line}-${e.end_line} ${e.symbol}`,
          );
        }
      }
  for (const x of plan.analysis.existing ?? []) {
    const ls = fileLines(root, x.file);
    // "`name` exists: <the line as the file has it>": the quoted line, or a declared name, or a code span's
    // longest word must be on that line (±1).
    const quoted = /:\s+(.+)$/.exec(x.text)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    const ids = [...x.text.matchAll(/`([^`]+)`/g)].map((m) => {
      const decl =
        /\b(?:def|fn|func|function|class|struct|interface|type|const|let|var)\s+([A-Za-z_$][\w$]*)/.exec(
          m[1],
        );
      return decl ? decl[1] : ident(m[1]);
    });
    const on = (l) =>
      (quoted && l.replace(/\s+/g, ' ').includes(quoted)) ||
      ids.some((id) => id && l.toLowerCase().includes(id.toLowerCase()));
    check(
      ls !== null && x.line <= ls.length && (!quoted && !ids.length ? true : near(ls, x.line, on, 1, 1)),
      `exists: ${x.file}:${x.line} ${x.text.slice(0, 60)}`,
    );
  }
  const p = plan.precedent;
  if (p) {
    if (p.verdict === 'met' || p.verdict === 'partly-met')
      check(p.evidence.length > 0, `${p.verdict} without evidence`);
    for (const e of [...p.evidence, ...p.candidates]) {
      const ls = fileLines(root, e.file);
      const want = e.text.replace(/\s+/g, ' ').trim();
      const id = ident(want);
      check(
        ls !== null &&
          e.line <= ls.length &&
          (!want ||
            near(ls, e.line, (l) => l.replace(/\s+/g, ' ').includes(want) || (id && l.includes(id)), 0, 0)),
        `evidence ${e.file}:${e.line} ${want.slice(0, 60)}`,
      );
    }
    if (p.sibling) {
      const ls = fileLines(root, p.sibling.file);
      const sp = spellings(p.sibling.name);
      check(
        ls !== null &&
          near(ls, p.sibling.line, (l) => sp.some((s) => l.toLowerCase().includes(s.toLowerCase())), 1, 1),
        `sibling ${p.sibling.name} at ${p.sibling.file}:${p.sibling.line}`,
      );
    }
    for (const f of p.footprint) {
      const ls = fileLines(root, f.file);
      if (f.line === undefined) check(ls !== null, `footprint ${f.file}: no such file`);
      else if (f.text) {
        // The entry quotes its line: it must read so in the file, at that line.
        const want = f.text.replace(/\s+/g, ' ').trim();
        check(
          ls !== null && f.line <= ls.length && ls[f.line - 1].replace(/\s+/g, ' ').includes(want),
          `footprint ${f.file}:${f.line} ${want.slice(0, 50)}`,
        );
      } else {
        const sp = p.sibling ? spellings(p.sibling.name) : [];
        const sym = f.symbol ? f.symbol.split(/[.#:]/).pop().replace(/\(.*$/, '') : '';
        check(
          ls !== null &&
            f.line <= ls.length &&
            (sp.length === 0 && !sym
              ? true
              : near(
                  ls,
                  f.line,
                  (l) =>
                    sp.some((s) => l.toLowerCase().includes(s.toLowerCase())) || (sym && l.includes(sym)),
                  3,
                  3,
                )),
          `footprint ${f.file}:${f.line} ${f.symbol ?? ''}`,
        );
      }
    }
    // The test a new one is modelled on: its name (a title's start) is on the line cited.
    for (const t of p.tests.filter((x) => x.model)) {
      const ls = fileLines(root, t.file);
      const want = t.model.name.slice(0, 24);
      check(
        ls !== null && t.model.line <= ls.length && near(ls, t.model.line, (l) => l.includes(want), 0, 1),
        `model test ${t.file}:${t.model.line} ${t.model.name.slice(0, 40)}`,
      );
    }
  }
  // "path:line" in the markdown: the file exists and has that line.
  for (const m of o.markdown.matchAll(/`?((?:[\w.-]+\/)*[\w.-]+\.[A-Za-z0-9]+):(\d+)(?:[–-](\d+))?/g)) {
    if (/^https?/.test(m[1]) || m[1].startsWith('plans/')) continue;
    const ls = fileLines(root, m[1]);
    if (ls === null && !m[1].includes('/')) continue; // a bare name (not a path) is not a claim we can check
    check(ls !== null && Number(m[3] ?? m[2]) <= ls.length, `markdown ${m[0]}`);
  }
  return [n, bad];
}

function score(c, kind, root, o) {
  // The CLI's --json error is an object ({ code, message }); a crash leaves only stderr's first line.
  if (o.error) return { error: o.error.message ?? o.error, ms: o.ms };
  const plan = o.plan;
  const written = new Set(o.files ?? []);
  const files = new Set();
  const created = new Set();
  const laterDirs = new Set();
  for (const ph of plan.phases)
    for (const st of ph.steps) {
      for (const f of st.files_to_modify) files.add(f.path);
      for (const f of st.files_to_create)
        if (!written.has(f.path)) {
          files.add(f.path);
          created.add(f.path);
          if (f.later || /[{<]/.test(f.path)) laterDirs.add(f.path.replace(/\/[^/]*$/, ''));
        }
    }
  const foot = new Set((plan.precedent?.footprint ?? []).map((f) => f.file));
  const verdict = plan.precedent?.verdict ?? 'new';
  const res = { kind, verdict, files: [...files], footprint: [...foot], ms: o.ms };
  // What the plan command's own lint (the one checker) refused in the plan it wrote: rule per error.
  res.refused = [
    ...new Set((o.lint?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.rule)),
  ];
  const [checked, bad] = claims(root, o);
  res.claims = checked;
  res.false = bad;
  // The wider check (bench/precedent-claims.mjs): the review's kinds of defect, each counted on its own.
  res.wide = wideChecks(root, o, c.requirement, fileLines);
  if (kind === 'new') {
    res.verdictOk = verdict === 'new' || verdict === 'partly-met';
    // The sibling the plan follows is declared in the file where the commit registered the new thing (a
    // plan with no sibling, unsure where it goes, does not count).
    const sib = plan.precedent?.sibling;
    res.sibling = sib ? `${sib.name} ${sib.file}:${sib.line}` : null;
    res.siblingBeside = Boolean(sib && sib.file === c.registered_at.file);
    // No sibling (unsure which to follow), but every candidate is in that file: the place is right, the
    // sibling is not chosen.
    const cands = plan.precedent?.candidates ?? [];
    res.candidatesBeside = !sib && cands.length > 0 && cands.every((x) => x.file === c.registered_at.file);
    res.area = {};
    for (const area of ['code', 'test', 'docs', 'changelog']) {
      const gold = c.gold_files.filter((g) => g.area === area && !/(^|\/)AUTHORS/.test(g.path));
      if (!gold.length) continue;
      const hit = (set) =>
        gold.filter(
          (g) =>
            set.has(g.path) ||
            (area === 'changelog' &&
              g.added &&
              [...set, ...laterDirs].some(
                (p) => p.replace(/\/[^/]*$/, '') === g.path.replace(/\/[^/]*$/, ''),
              )),
        ).length;
      res.area[area] = { gold: gold.length, plan: hit(files), footprint: hit(foot) };
    }
    const goldPaths = new Set(c.gold_files.map((g) => g.path));
    // A news fragment the plan creates in the folder where the commit added one is a hit, as in recall: its
    // name is the issue's number, which no plan can know.
    const dir = (p) => p.replace(/\/[^/]*$/, '');
    const fragmentDirs = new Set(
      c.gold_files.filter((g) => g.area === 'changelog' && g.added).map((g) => dir(g.path)),
    );
    const hits = [...files].filter((f) => goldPaths.has(f) || (created.has(f) && fragmentDirs.has(dir(f))));
    res.precision = files.size ? hits.length / files.size : 0;
    const text = o.markdown;
    const named = c.gold_functions.filter((fn) =>
      new RegExp(`\\b${fn.replace(/[$]/g, '\\$')}\\b`).test(text),
    ).length;
    res.fnNamed = c.gold_functions.length ? named > 0 : null;
    // Each gold function, not only one: the registration's function alone settles "named", while the
    // places the option takes effect are the commit's other functions.
    res.fnEach = [named, c.gold_functions.length];
  } else {
    const cites = (plan.precedent?.evidence ?? []).some((e) => e.file === c.registered_at.file);
    res.verdictOk = verdict === 'met' && cites;
    res.verdictLenient = verdict === 'met' || verdict === 'partly-met';
  }
  return res;
}

// 4. Run.
const builds = opt.before
  ? [
      ['before', opt.before],
      ['after', opt.cli],
    ]
  : [['after', opt.cli]];
const results = { before: [], after: [] };
for (const c of cases) {
  // --cached-only: score only the cases every build has planned already (a partial run, compared on the
  // same cases), plan nothing.
  if (
    opt.cachedOnly === 'true' &&
    !builds.every(([, cli]) => ['base', 'met'].every((k) => existsSync(cacheFile(cli, `${c.id}-${k}`))))
  )
    continue;
  const base = tree(c, c.parent, 'base');
  const met = tree(c, c.commit, 'met');
  const row = [c.id.padEnd(36), c.set.padEnd(10)];
  for (const [name, cli] of builds) {
    const a = score(
      c,
      'new',
      base,
      cached(cli, `${c.id}-base`, () => plan(cli, base, c.requirement)),
    );
    const b = score(
      c,
      'met',
      met,
      cached(cli, `${c.id}-met`, () => plan(cli, met, c.requirement)),
    );
    results[name].push({ c, a, b });
    if (a.error || b.error) row.push(`${name}: FAILED ${a.error ?? b.error}`);
    else
      row.push(
        `${name}: ${a.verdict}/${b.verdict} code ${a.area.code ? `${a.area.code.plan}/${a.area.code.gold}` : '-'} test ${a.area.test ? `${a.area.test.plan}/${a.area.test.gold}` : '-'} fn ${a.fnNamed === null ? '-' : a.fnNamed ? 'y' : 'n'} sib ${a.sibling ? (a.siblingBeside ? 'y' : 'n') : '-'} false ${a.false.length + b.false.length}`,
      );
  }
  console.log(row.join('  '));
}

function summary(name, rows) {
  const ok = rows.filter((r) => !r.a.error && !r.b.error);
  const pct = (x, n) => (n ? `${((100 * x) / n).toFixed(1)}% (${x}/${n})` : '-');
  const out = [`\n== ${name}: ${ok.length} cases planned (${rows.length - ok.length} failed)`];
  out.push(
    `verdict, new cases (new or partly-met): ${pct(ok.filter((r) => r.a.verdictOk).length, ok.length)}`,
  );
  out.push(
    `verdict, met cases (met, citing the registering file): ${pct(ok.filter((r) => r.b.verdictOk).length, ok.length)}; met or partly-met: ${pct(ok.filter((r) => r.b.verdictLenient).length, ok.length)}`,
  );
  for (const area of ['code', 'test', 'docs', 'changelog']) {
    const with_ = ok.filter((r) => r.a.area[area]);
    const gold = with_.reduce((s, r) => s + r.a.area[area].gold, 0);
    const plan = with_.reduce((s, r) => s + r.a.area[area].plan, 0);
    const foot = with_.reduce((s, r) => s + r.a.area[area].footprint, 0);
    out.push(
      `recall ${area.padEnd(9)} plan files ${pct(plan, gold)}  precedent footprint ${pct(foot, gold)}`,
    );
  }
  out.push(
    `sibling beside the gold registration (new cases): ${pct(ok.filter((r) => r.a.siblingBeside).length, ok.length)}; a sibling given in ${ok.filter((r) => r.a.sibling).length}; no sibling, every candidate in that file: ${ok.filter((r) => r.a.candidatesBeside).length}`,
  );
  const prec = ok.reduce((s, r) => s + r.a.precision, 0) / (ok.length || 1);
  out.push(`precision (plan files that the commit changed), mean per case: ${(100 * prec).toFixed(1)}%`);
  const fn = ok.filter((r) => r.a.fnNamed !== null);
  out.push(`gold function named in the plan: ${pct(fn.filter((r) => r.a.fnNamed).length, fn.length)}`);
  out.push(
    `gold functions named, each (summed over cases): ${pct(...fn.reduce(([n, d], r) => [n + r.a.fnEach[0], d + r.a.fnEach[1]], [0, 0]))}`,
  );
  const claimsN = ok.reduce((s, r) => s + r.a.claims + r.b.claims, 0);
  const falseN = ok.flatMap((r) => [...r.a.false, ...r.b.false]);
  out.push(`false claims (narrow: a place exists and reads so): ${falseN.length} of ${claimsN} checked`);
  for (const f of falseN.slice(0, 8)) out.push(`  ${f}`);
  for (const [k, what] of Object.entries(KINDS)) {
    const got = ok.flatMap((r) => [r.a.wide[k], r.b.wide[k]]);
    const n = got.reduce((s, x) => s + x.checked, 0);
    const bad = got.flatMap((x) => x.failed);
    out.push(`false claims ${k} (${what}): ${n} checked / ${bad.length} failed`);
    if (opt.show === 'true') for (const f of bad.slice(0, 6)) out.push(`  ${f}`);
  }
  out.push(`plans their own lint refuses: ${refusedCell(ok)}`);
  const ms = ok
    .flatMap((r) => [r.a.ms, r.b.ms])
    .filter((x) => typeof x === 'number')
    .sort((x, y) => x - y);
  if (ms.length)
    out.push(
      `wall time per plan (s): median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(1)}, p90 ${(ms[Math.floor(ms.length * 0.9)] / 1000).toFixed(1)}, max ${(ms.at(-1) / 1000).toFixed(1)}, total ${(ms.reduce((s, x) => s + x, 0) / 1000).toFixed(0)} (${ms.length} plans)`,
    );
  return out.join('\n');
}
for (const set of SETS) {
  for (const [name] of builds) {
    const rows = results[name].filter((r) => r.c.set === set);
    if (rows.length) console.log(summary(`${name}, ${set}`, rows));
  }
}

/** Plans (new and met) whose own lint had an error, of all plans, and how many plans each rule refused. */
function refusedCell(ok) {
  const plans = ok.flatMap((r) => [r.a, r.b]);
  const by = {};
  for (const p of plans) for (const rule of p.refused ?? []) by[rule] = (by[rule] ?? 0) + 1;
  const rules = Object.entries(by)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${plans.filter((p) => p.refused?.length).length}/${plans.length}${rules ? ` (${rules})` : ''}`;
}

/** The figures of one build on one set as table cells: [label, value]. */
function cells(rows) {
  const ok = rows.filter((r) => !r.a.error && !r.b.error);
  const n = (f) => ok.filter(f).length;
  const sum = (area, k) => ok.filter((r) => r.a.area[area]).reduce((s, r) => s + r.a.area[area][k], 0);
  const out = [
    ['cases planned (failed)', `${ok.length} (${rows.length - ok.length})`],
    ['verdict, new cases (new or partly-met)', `${n((r) => r.a.verdictOk)}/${ok.length}`],
    ['verdict, met cases (met, citing the file)', `${n((r) => r.b.verdictOk)}/${ok.length}`],
  ];
  for (const area of ['code', 'test', 'docs', 'changelog'])
    out.push([
      `${area} recall, plan / footprint`,
      `${sum(area, 'plan')}/${sum(area, 'gold')} / ${sum(area, 'footprint')}/${sum(area, 'gold')}`,
    ]);
  out.push([
    'sibling beside the gold registration (new cases; a sibling given; none, candidates all there)',
    `${n((r) => r.a.siblingBeside)}/${ok.length} (${n((r) => r.a.sibling)}; ${n((r) => r.a.candidatesBeside)})`,
  ]);
  const prec = ok.reduce((s, r) => s + r.a.precision, 0) / (ok.length || 1);
  out.push(['precision (mean per case)', `${(100 * prec).toFixed(1)}%`]);
  const fn = ok.filter((r) => r.a.fnNamed !== null);
  out.push(['gold function named', `${fn.filter((r) => r.a.fnNamed).length}/${fn.length}`]);
  const each = fn.reduce(([n, d], r) => [n + r.a.fnEach[0], d + r.a.fnEach[1]], [0, 0]);
  out.push(['gold functions named, each', `${each[0]}/${each[1]}`]);
  const narrow = ok.reduce((s, r) => s + r.a.claims + r.b.claims, 0);
  const narrowBad = ok.reduce((s, r) => s + r.a.false.length + r.b.false.length, 0);
  out.push(['false claims, narrow (failed / checked)', `${narrowBad} / ${narrow}`]);
  for (const k of Object.keys(KINDS)) {
    const got = ok.flatMap((r) => [r.a.wide[k], r.b.wide[k]]);
    // Lines, and plans with at least one: one plan can list fifty catalogue lines.
    out.push([
      `false claims ${k}: ${KINDS[k].split(':')[0]} (failed / checked; plans with one)`,
      `${got.reduce((s, x) => s + x.failed.length, 0)} / ${got.reduce((s, x) => s + x.checked, 0)}; ${got.filter((x) => x.failed.length).length}/${got.filter((x) => x.checked).length}`,
    ]);
  }
  out.push(['plans their own lint refuses (of all plans)', refusedCell(ok)]);
  const ms = ok.flatMap((r) => [r.a.ms, r.b.ms]).filter((x) => typeof x === 'number');
  ms.sort((x, y) => x - y);
  out.push([
    'wall time per plan, median / max (s)',
    ms.length
      ? `${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(1)} / ${(ms.at(-1) / 1000).toFixed(1)}`
      : '-',
  ]);
  return out;
}
console.log('\n== as Markdown');
for (const set of SETS) {
  const cols = builds.map(([name]) => [name, cells(results[name].filter((r) => r.c.set === set))]);
  if (!results[builds[0][0]].some((r) => r.c.set === set)) continue;
  console.log(`\n${set}\n\n| figure | ${cols.map(([name]) => name).join(' | ')} |`);
  console.log(`| --- | ${cols.map(() => '---').join(' | ')} |`);
  for (const [i, [label]] of cols[0][1].entries())
    console.log(`| ${label} | ${cols.map(([, c]) => c[i][1]).join(' | ')} |`);
}
writeFileSync(join(opt.work, 'results.json'), JSON.stringify(results, null, 1));
