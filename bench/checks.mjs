// The checker (lint, the content gate, the model/host refusals) on real trees.
//   recall       plans with one known defect each, per class: the share the checker catches
//   issue recall a second defect corpus written from issue #23's own list of what a maintainer rejects
//                (not from the checker's templates above); a case counts as caught only when a finding of
//                its class's rules is given (a command defect caught as a command finding, …)
//   false        correct plans and commands (the projects' own scripts, CI steps, README test commands,
//                plans a maintainer would accept): how many are refused (goal 0)
//   blind        hand-written markdown plans through `lint` (bench/checks-blind.mjs), written before reading
//                the checker: defects caught per class, correct plans refused
//   time         what lint and the gate add on a 5k-file repository (median of 5)
// --parts corpora,blind,time picks the parts (all by default).
// The corpora are generated here, from templates written for this bench, against trees extracted from the
// bare mirrors (--mirrors); nothing of the trees is copied into the project.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explore, inventoryOf } from '../dist/explore/explore.js';
import { testNamesIn } from '../dist/explore/test-names.js';
import { towncrier } from '../dist/planning/checker/changelog.js';
import { checkPlan } from '../dist/planning/checker/check-plan.js';
import { changesTree, neverEnds } from '../dist/planning/checker/command-kinds.js';
import { checkContext } from '../dist/planning/checker/context.js';
import { spansOf } from '../dist/planning/checker/edit-points.js';
import { ciLines } from '../dist/planning/checker/known.js';
import { reach } from '../dist/planning/checker/scripts.js';
import { parseCommand } from '../dist/planning/checker/shell.js';
import { collectedBy, narrowTestCommand } from '../dist/planning/checks.js';
import { claimedPrecedents, groundingProblems } from '../dist/planning/grounding.js';
import { lint, lintSource } from '../dist/planning/lint/lint.js';
import { blindCases } from './checks-blind.mjs';

/**
 * The hand-written plan skeleton the tests use too (test/fixtures/hand-plan.md, read as test/hand-plan.ts
 * reads it): `{key}` alone on a line takes the given lines (none drops the line), inside a line the text.
 */
const handPlan = (parts) =>
  readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'hand-plan.md'), 'utf8')
    .split('\n')
    .flatMap((l) => {
      const whole = /^\{(\w+)\}$/.exec(l);
      if (whole && Array.isArray(parts[whole[1]])) return parts[whole[1]];
      return [l.replace(/\{(\w+)\}/g, (m, k) => String(parts[k] ?? m))];
    })
    .join('\n');

import { args } from './lib.mjs';

const opt = args({
  trees:
    'pallets+click,pallets+flask,pytest-dev+pytest,pylint-dev+pylint,psf+black,mochajs+mocha,tj+commander.js,sphinx-doc+sphinx',
  mirrors: '/work/.mirror',
  out: join(import.meta.dirname, 'out', 'checks-trees'),
  big: 'pylint-dev+pylint',
  verbose: 'false',
  // which parts to run: corpora (templates, issue list, false refusals), blind, time
  parts: 'corpora,blind,time',
});
const parts = new Set(opt.parts.split(','));

function extract(name, pad = 0) {
  const root = join(opt.out, pad ? `${name}-${pad}` : name);
  if (!existsSync(root)) {
    mkdirSync(root, { recursive: true });
    execSync(`git --git-dir=${join(opt.mirrors, name, 'repo')} archive HEAD | tar -x -C ${root}`);
    if (pad) {
      const n = Number(
        execSync(
          `git --git-dir=${join(opt.mirrors, name, 'repo')} ls-tree -r --name-only HEAD | wc -l`,
        ).toString(),
      );
      mkdirSync(join(root, 'padding'), { recursive: true });
      for (let i = n; i < pad; i++)
        writeFileSync(join(root, 'padding', `mod_${i}.py`), `def value_${i}():\n    return ${i}\n`);
    }
  }
  // Each tree is its own git work tree, as a checkout is: under bench/out/ (ignored by plansmith's own
  // repository) the explorer would otherwise ask the enclosing repository for its files and see none.
  if (!existsSync(join(root, '.git')))
    execSync(
      // (a tree's own working-tree-encoding attributes are turned off: the files are as archived)
      "git init -q && echo '* -working-tree-encoding' > .git/info/attributes && git add -A && git -c user.email=bench@plansmith -c user.name=bench commit -q --no-verify -m tree",
      { cwd: root, stdio: 'ignore' },
    );
  return root;
}

const walk = (root, dir, want, out = [], limit = 3000) => {
  let entries = [];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true }).sort((x, y) =>
      x.name.localeCompare(y.name),
    );
  } catch {
    return out;
  }
  for (const e of entries) {
    if (out.length >= limit) break;
    const p = dir === '.' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (
        !/^(node_modules|\.git|dist|build|vendor|docs?|examples?|fixtures?|data|functional|input|regrtest_data|padding)$/.test(
          e.name,
        )
      )
        walk(root, p, want, out, limit);
    } else if (want.test(p)) out.push(p);
  }
  return out;
};

/** What the templates need from a tree: a long function, a docs section, a test file, the test command. */
function gather(root, report) {
  const profile = report.profile;
  const py =
    profile.testRunner?.name === 'pytest' ||
    (existsSync(join(root, 'pyproject.toml')) && !existsSync(join(root, 'package.json')));
  const code = walk(root, '.', py ? /\.py$/ : /\.[cm]?js$/).filter(
    (p) => !/(^|\/)(tests?|testing|scripts?|bin|benchmarks?)\//.test(p) && !/test/.test(p.split('/').pop()),
  );
  let fn = null;
  for (const path of code.slice(0, 400)) {
    const text = readFileSync(join(root, path), 'utf8');
    for (const s of spansOf(path, text))
      if (
        s.kind === 'code' &&
        s.end - s.start >= 12 &&
        s.end + 6 <= text.split('\n').length &&
        /^[A-Za-z_]\w*$/.test(s.name) &&
        (!fn || s.end - s.start > fn.end - fn.start)
      )
        fn = { ...s, path, lines: text.split('\n').length };
  }
  const docs = ['docs', 'doc'].flatMap((d) =>
    existsSync(join(root, d))
      ? readdirSync(join(root, d))
          .filter((f) => /\.(md|rst)$/.test(f))
          .map((f) => `${d}/${f}`)
      : [],
  );
  let doc = null;
  for (const path of docs.slice(0, 50)) {
    const h = spansOf(path, readFileSync(join(root, path), 'utf8')).find(
      (s, i) => i > 0 && s.kind === 'heading' && /^[\w ]+$/.test(s.name),
    );
    if (h) {
      doc = { ...h, path };
      break;
    }
  }
  const tests = walk(
    root,
    '.',
    py ? /(^|\/)test_[^/]+\.py$/ : /^test\/.*\.(spec|test)?\.?[cm]?js$|\.spec\.js$|\.test\.js$/,
  );
  let test = null;
  for (const path of tests) {
    const names = testNamesIn(path, readFileSync(join(root, path), 'utf8')).filter((n) =>
      /^[\w ]+$/.test(n.name),
    );
    const leaf = names.find((n) => !names.some((m) => m.parents.includes(n.name)));
    if (leaf && (py ? /^test_\w+$/.test(leaf.name) : true)) {
      test = { path, name: leaf };
      break;
    }
  }
  return { profile, py, fn, doc, test, tc: towncrier(checkContext(root, profile)) };
}

/** The project's own commands: profile (scripts, targets, tools), package scripts for tests and lint, CI steps, README test commands. */
function ownCommands(root, g) {
  const out = new Set(g.profile.commands.filter((c) => c.purpose !== 'dev').map((c) => c.command));
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const name of Object.keys(pkg.scripts ?? {}))
      if (/^(test|lint)/.test(name) && !/watch|dev|serve|start|debug|update|fix|format/.test(name))
        out.add(name === 'test' ? 'npm test' : `npm run ${name}`);
  } catch {}
  const ctx = checkContext(root, g.profile);
  for (const l of ciLines(ctx))
    if (
      /\b(test|pytest|tox|nox|lint|mypy|ruff|mocha|jest)\b/.test(l.text) &&
      !/\$\{\{|install|\bpip\b|\bcd\b.*\$|^if |^echo|^[A-Z_]+=\S*\$|\bcoverage (xml|report|combine)\b|\bsetup\b|\$\(|\bcurl\b/.test(
        l.text,
      )
    )
      out.add(l.text);
  const readme = ['README.md', 'README.rst', 'CONTRIBUTING.md', 'CONTRIBUTING.rst']
    .map((f) => (existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : ''))
    .join('\n');
  for (const m of readme.matchAll(
    /^\s*(?:\$ )?((?:pytest|tox|nox|npm test|npm run test|make test)\b[^\n]*)$/gm,
  ))
    if (!/[<>]/.test(m[1])) out.add(m[1].trim());
  // Keep only commands that are checks at all: a setup step, a server or a formatter that writes is not one.
  return [...out].filter((c) => {
    const p = parseCommand(c);
    // judged on what a script really runs (`npm run format:fix` runs `prettier --write`)
    return !p.error && reach(ctx, p.commands).every((r) => !neverEnds(r.cmd) && !changesTree(r.cmd));
  });
}

const file = (path, mode, extra = {}) => ({ path, mode, at: `${mode}:${path}`, points: [], ...extra });
const modifyAt = (g, symbol, s, e) => ({
  files: [file(g.fn.path, 'modify', { points: [{ symbol, start_line: s, end_line: e, at: 'point' }] })],
});

function correctPlans(g) {
  const out = [];
  const { fn, doc, test, profile, tc } = g;
  if (fn) {
    out.push([
      'edit point on a whole function, decorators included',
      modifyAt(g, fn.qualified, fn.start, fn.end),
    ]);
    out.push(['a range inside a long function', modifyAt(g, fn.qualified, fn.start + 3, fn.end - 2)]);
    out.push([
      'a function named in the file that has it',
      { claims: [{ text: `Change \`${fn.name}\` in \`${fn.path}\` to take the new value.`, at: 'claim' }] },
    ]);
    out.push([
      'a function named file first, and with its line',
      {
        claims: [
          { text: `\`${fn.path}\`: \`${fn.qualified}\` reads the value.`, at: 'claim' },
          { text: `See \`${fn.name}()\` (${fn.path}:${fn.start + 1}).`, at: 'claim' },
        ],
      },
    ]);
  }
  if (doc)
    out.push([
      'a docs section under its heading',
      {
        files: [
          file(doc.path, 'modify', {
            points: [{ symbol: doc.name, start_line: doc.start, end_line: doc.end, at: 'point' }],
          }),
        ],
      },
    ]);
  if (test) {
    const dir = test.path.slice(0, test.path.lastIndexOf('/'));
    const name = g.py
      ? `${dir}/test_checker_bench.py`
      : `${dir}/checker-bench${test.path.match(/(\.spec|\.test)?\.[cm]?js$/)[0]}`;
    if (collectedBy(profile.testRunner, name) !== false)
      out.push(['a new test where the runner collects it', { files: [file(name, 'create')] }]);
    const narrow = narrowTestCommand(profile, test.path, g.py ? test.name.name : undefined);
    if (narrow)
      out.push([
        `the narrow test command (${narrow.command})`,
        { commands: [{ command: narrow.command, at: 'cmd' }] },
      ]);
  }
  if (tc)
    out.push([
      "a fragment named by the project's rules",
      {
        files: [
          file(
            `${tc.directory}/98765.${tc.types[0]}.${tc.filename?.endsWith('.md') ? 'md' : 'rst'}`,
            'create',
          ),
        ],
      },
    ]);
  if (tc)
    out.push([
      'a fragment whose number is decided later',
      {
        files: [
          file(`${tc.directory}/{issue}.${tc.types[0]}.rst`, 'create', { later: 'the pull request number' }),
        ],
      },
    ]);
  out.push([
    'a Python sketch',
    {
      sketches: [
        {
          language: 'python',
          code: 'def limit(items, most=None):\n    if most is None:\n        return items\n    return items[:most]\n',
          at: 'sketch',
        },
      ],
    },
  ]);
  out.push([
    'a TypeScript sketch with a gap',
    {
      sketches: [
        {
          language: 'ts',
          code: 'export function limit<T>(items: T[], most?: number): T[] {\n  ...\n  return most === undefined ? items : items.slice(0, most);\n}\n',
          at: 'sketch',
        },
      ],
    },
  ]);
  return out;
}

function defectPlans(root, g) {
  const out = []; // [class, label, facts]
  const { fn, test, profile, tc } = g;
  const cmd = (label, command) => out.push(['commands', label, { commands: [{ command, at: 'cmd' }] }]);
  const base =
    g.profile.commands.find((c) => c.purpose === 'test')?.command ?? (g.py ? 'pytest' : 'npm test');
  cmd('CI-only syntax', `${base} \${{ matrix.extra }}`);
  cmd(
    'installs a package as a check',
    g.py ? `pip install hypothesis && ${base}` : `npm install left-pad && ${base}`,
  );
  cmd('adds a dependency as a check', g.py ? 'uv add freezegun' : 'npm add sinon');
  cmd('commits as a check', 'git commit -am "wip"');
  cmd('a server that never exits', g.py ? 'python -m http.server 8000' : 'npx http-server .');
  cmd('a script the project does not have', g.py ? 'make nosuch-target' : 'npm run test:everything-else');
  cmd('cd into a folder that is not there', `cd packages/nosuch && ${base}`);
  if (test) {
    const narrow = narrowTestCommand(profile, test.path, g.py ? test.name.name : undefined)?.command ?? base;
    cmd(
      'a selection that matches no test',
      g.py
        ? narrow.replace(/ -k \S+$/, '') + ' -k zz_no_such_case'
        : `npx mocha ${test.path} --grep "zz no such case"`,
    );
    cmd(
      'a node id for a test that is not there',
      g.py ? `${narrow.replace(/ -k \S+$/, '')}::test_zz_missing` : `npx mocha ${test.path} --grep "^zz$"`,
    );
    cmd(
      'a test file given to the wrong runner',
      g.py ? `npx vitest run ${test.path}` : `pytest ${test.path}`,
    );
    cmd('a watcher', g.py ? `ptw ${test.path}` : `npx mocha --watch ${test.path}`);
  }
  if (fn) {
    const edit = (label, f) => out.push(['edit points', label, f]);
    edit('a description as the symbol', modifyAt(g, `${fn.name} (the loop)`, fn.start, fn.end));
    edit('a call as the symbol', modifyAt(g, `${fn.name}("x")`, fn.start, fn.end));
    edit('a symbol that is not in the file', modifyAt(g, `${fn.name}_legacy`, fn.start, fn.end));
    if (fn.end + 6 <= fn.lines)
      edit('lines running past the function', modifyAt(g, fn.qualified, fn.end - 1, fn.end + 6));
    out.push([
      'claims',
      'a function the file does not define',
      { claims: [{ text: `Rename \`${fn.name}_v2\` in \`${fn.path}\`.`, at: 'claim' }] },
    ]);
    out.push([
      'claims',
      'calls new what the precedent found met',
      {
        claims: [{ text: `Add a new ${fn.name} so callers can do this.`, at: 'claim' }],
        precedent: {
          requested: { kind: 'behaviour', name: fn.name, spellings: [] },
          verdict: 'met',
          evidence: [{ file: fn.path, line: fn.start, text: '' }],
          missing: '',
          footprint: [],
          tests: [],
          candidates: [],
        },
      },
    ]);
  }
  const dir = profile.testRunner?.roots[0] ?? (test ? test.path.split('/')[0] : 'tests');
  if (g.py && profile.testRunner?.name === 'pytest') {
    const name = `${dir}/widget_checks.py`;
    if (collectedBy(profile.testRunner, name) === false)
      out.push([
        'test collection',
        'a new test the runner never collects',
        { files: [file(name, 'create')] },
      ]);
  }
  out.push([
    'generated and changelog',
    'a placeholder path',
    { files: [file(`${tc?.directory ?? 'changes'}/<ISSUE>.feature.rst`, 'create')] },
  ]);
  if (tc) {
    out.push([
      'generated and changelog',
      'a fragment type the project does not have',
      { files: [file(`${tc.directory}/1234.feat.rst`, 'create')] },
    ]);
    if (tc.filename && existsSync(join(root, tc.filename)))
      out.push([
        'generated and changelog',
        "hand edits to towncrier's output",
        { files: [file(tc.filename, 'modify')] },
      ]);
  }
  out.push([
    'sketches',
    'a Python sketch missing a colon',
    {
      sketches: [
        { language: 'python', code: 'def limit(items, most=None)\n    return items[:most]\n', at: 'sketch' },
      ],
    },
  ]);
  out.push([
    'sketches',
    'a TypeScript sketch with an unclosed call',
    {
      sketches: [
        {
          language: 'typescript',
          code: 'export function limit(items: string[]) {\n  return items.slice(0,\n}\n',
          at: 'sketch',
        },
      ],
    },
  ]);
  return out;
}

/** The rules a finding of each class comes from (the issue's classes). */
const RULES = {
  commands: /^command-/,
  'test collection': /^test-collected$/,
  'edit points': /^edit-point$/,
  'generated and changelog': /^(generated-file|changelog-fragment|placeholder-path)$/,
  sketches: /^sketch-parses$/,
  claims: /^claim-/,
};

/** Tracked text files of a tree (git's list from the mirror), for the finders below. */
const tracked = (name) =>
  execSync(`git --git-dir=${join(opt.mirrors, name, 'repo')} ls-tree -r --name-only HEAD`)
    .toString()
    .split('\n')
    .filter(Boolean);

/**
 * Defects from issue #23's list, each a plan a maintainer would reject, found in the tree where the
 * tree has what the defect needs (a generated file, a fail hook, a fragment README, a class):
 * written from the issue's words, not from the checker's templates.
 */
function issueDefects(name, root, g) {
  const out = [];
  const { fn, test, profile, tc } = g;
  const files = tracked(name);
  const read = (p) => {
    try {
      return readFileSync(join(root, p), 'utf8');
    } catch {
      return '';
    }
  };
  const cmd = (label, command, extra = {}) =>
    out.push(['commands', label, { commands: [{ command, at: 'cmd', ...extra }] }]);
  // The tree's own suite in its own language (sphinx's profile lists its JS browser suite first).
  const suite =
    profile.commands.find((c) => c.purpose === 'test' && (!g.py || /pytest|tox|nox/.test(c.command)))
      ?.command ?? (g.py ? 'python -m pytest' : 'npm test');
  // "a command bash rejects"": a CI expression in a check.
  cmd('a CI expression where the shell expects a word', `\${{ env.TEST_CMD }} ${g.py ? 'tests' : 'test'}`);
  cmd('a CI expression in a flag value', `${suite} --maxfail=\${{ inputs.limit }}`);
  // "a test suite command that edits the manifest" and other commands that change the tree.
  cmd('a check that adds a dependency', g.py ? 'poetry add --group dev freezegun' : 'yarn add -D nock');
  cmd('a check that installs a package', g.py ? 'python -m pip install requests-mock' : 'pnpm add msw');
  cmd('a check that rewrites snapshots', g.py ? `${suite} --snapshot-update` : 'npx jest --updateSnapshot');
  cmd('a check that amends a commit', 'git commit --amend --no-edit');
  cmd(
    'a check under a debugger',
    g.py ? 'python -m pdb -m pytest' : 'node --inspect-brk ./node_modules/.bin/mocha',
  );
  if (test) {
    // "-k filters that select no test", and the other selections.
    cmd(
      'a selection naming a case nobody wrote',
      g.py
        ? `python -m pytest ${test.path} -k "refund_after_midnight"`
        : `npx mocha ${test.path} -g "refunds after midnight"`,
    );
    if (g.py)
      cmd(
        'a node id of a missing test class',
        `python -m pytest ${test.path}::TestRefunds::test_after_midnight`,
      );
    else cmd('a -t selection nobody wrote', `npx jest ${test.path} -t "refunds after midnight"`);
    // "a test run by the wrong runner".
    cmd(
      g.py ? 'a Python test file given to a JavaScript runner' : 'a JavaScript test file given to pytest',
      g.py ? `npx vitest run ${test.path}` : `python -m pytest ${test.path}`,
    );
  }
  // "the JS browser suite given as the Python project's test command".
  if (g.py && fn)
    out.push([
      'commands',
      "a JavaScript suite as a Python phase's check",
      {
        files: [file(fn.path, 'modify', { group: 0 })],
        commands: [{ command: 'npx playwright test', at: 'cmd', group: 0 }],
      },
    ]);
  // "npx jest where the project's own script needs a flag": a bare runner that drops the script's settings.
  try {
    const pkg = JSON.parse(read('package.json'));
    for (const [, body] of Object.entries(pkg.scripts ?? {})) {
      const m = /^((?:[A-Z_]+=\S+\s+)+|node\s+(?:--[\w-]+(?:=\S+)?\s+)+)(?:\S*\/)?(jest|mocha|vitest)\b/.exec(
        body,
      );
      if (m) {
        cmd(`npx ${m[2]} without the script's settings`, `npx ${m[2]}`);
        break;
      }
    }
  } catch {}
  if (fn) {
    const edit = (label, f) => out.push(['edit points', label, f]);
    // "a line range … inside that symbol's span": ranges that leave it.
    if (fn.start > 4)
      edit('a range that starts above the symbol', modifyAt(g, fn.qualified, fn.start - 4, fn.end));
    if (fn.end + 3 <= fn.lines)
      edit('a range that starts after the symbol ends', modifyAt(g, fn.qualified, fn.end + 1, fn.end + 3));
    // "The symbol part is an identifier".
    edit('a location as the symbol', modifyAt(g, `${fn.path}:${fn.start}`, fn.start, fn.end));
    edit('a sentence as the symbol', modifyAt(g, `where ${fn.name} loops`, fn.start + 1, fn.start + 2));
    // Claims: "names a function that does not exist where it says", in the forms plans use.
    const claim = (label, text) => out.push(['claims', label, { claims: [{ text, at: 'claim' }] }]);
    claim('a missing function, file first', `\`${fn.path}\`: \`${fn.name}_cached\` keeps the result.`);
    claim(
      'a missing function with a line',
      `\`${fn.name}_cached()\` (${fn.path}:${fn.start}) keeps the result.`,
    );
    const cls = spansOf(fn.path, read(fn.path)).find(
      (s) => s.kind === 'code' && /^[A-Z]\w*$/.test(s.qualified),
    );
    if (cls)
      claim('a method its class does not have', `Extend \`${cls.qualified}.refund_all\` in \`${fn.path}\`.`);
    // "calls a change new when the verdict says it is already met" (and partly met).
    const precedent = (verdict) => ({
      requested: { kind: 'behaviour', name: fn.name, spellings: [] },
      verdict,
      evidence: [{ file: fn.path, line: fn.start, text: '' }],
      missing: verdict === 'partly-met' ? 'a limit' : '',
      footprint: [],
      tests: [],
      candidates: [],
    });
    out.push([
      'claims',
      'introduces what already exists',
      { claims: [{ text: `Introduce ${fn.name} from scratch.`, at: 'claim' }], precedent: precedent('met') },
    ]);
    out.push([
      'claims',
      'says a partly-met thing does not exist',
      {
        claims: [{ text: `${fn.name} does not exist yet, so write it.`, at: 'claim' }],
        precedent: precedent('partly-met'),
      },
    ]);
  }
  // "a placeholder path accepted as a file to create", in the spellings people use.
  const frag = tc?.directory ?? 'changelog';
  for (const p of [`${frag}/XXXX.bugfix.rst`, `${frag}/<PR_NUMBER>.feature.rst`, `${frag}/{issue}.doc.rst`])
    out.push([
      'generated and changelog',
      `a placeholder fragment (${p.split('/').pop()})`,
      { files: [file(p, 'create')] },
    ]);
  // "a changelog fragment name the project's own pre-commit hook rejects".
  const hooks = read('.pre-commit-config.yaml');
  const failFiles = [...hooks.matchAll(/language:\s*fail[\s\S]*?files:\s*['"]?\^?([\w/.-]+?)\//g)].map(
    (m) => m[1],
  );
  if (failFiles[0])
    out.push([
      'generated and changelog',
      'a fragment name the fail hook rejects',
      { files: [file(`${failFiles[0]}/limit-option.feature`, 'create')] },
    ]);
  // The fragment folder's README: a name without the number it asks for.
  if (tc && files.some((f) => new RegExp(`^${tc.directory}/README`, 'i').test(f)))
    out.push([
      'generated and changelog',
      "a fragment without the number its folder's README asks for",
      { files: [file(`${tc.directory}/limit-option.${tc.types[0]}.rst`, 'create')] },
    ]);
  // "hand edits to files that are generated": a generated header, a page a script writes.
  const headed = files.find(
    (f) =>
      /\.(py|js|ts|md|rst|txt|json|toml|cfg)$/.test(f) &&
      !/(^|\/)(tests?|testing|fixtures?|data|vendor|node_modules)\//.test(f) &&
      // A header: a comment line near the top that says so (prose that uses the word is not one).
      read(f)
        .split('\n')
        .slice(0, 5)
        .some((l) =>
          /^\s*(#|\/\/|\/\*|\*|\.\. |<!--)[^\n]*(auto-?generated|generated (by|from|with)|do not edit|don't edit)/i.test(
            l,
          ),
        ),
  );
  if (headed)
    out.push([
      'generated and changelog',
      `a file with a generated header (${headed})`,
      { files: [file(headed, 'modify')] },
    ]);
  for (const s of files.filter((f) => /^(scripts?|tools?|docs?)\/[^/]+\.(py|js|mjs)$/.test(f))) {
    const body = read(s);
    const target = [...body.matchAll(/['"]((?:docs?|doc\/en)\/[\w./-]+\.(?:md|rst|txt))['"]/g)]
      .map((m) => m[1])
      .find((t) => files.includes(t) && /write|open\([^)]*['"]w/.test(body));
    if (target) {
      out.push([
        'generated and changelog',
        `a page ${s} writes (${target})`,
        { files: [file(target, 'modify')] },
      ]);
      break;
    }
  }
  // "A code sketch in a plan is parsed in its language".
  const sketch = (label, language, code) =>
    out.push(['sketches', label, { sketches: [{ language, code, at: 'sketch' }] }]);
  sketch('Python 2 print', 'python', 'def show(total):\n    print "total", total\n');
  sketch('an unclosed list', 'python', 'LIMITS = [1, 2,\n\ndef cap(x):\n    return min(x, LIMITS[-1])\n');
  sketch('a body that is not indented', 'python', 'def cap(x):\nreturn x\n');
  sketch('a doubled comma in an object', 'javascript', 'const options = { limit: 3,, verbose: true };\n');
  sketch(
    'a type annotation left open',
    'ts',
    'function cap(x: number, most: ): number {\n  return Math.min(x, most);\n}\n',
  );
  return out;
}

const facts = (f) => ({ files: [], commands: [], sketches: [], claims: [], ...f });
const issueRecall = new Map();
const recall = new Map();
const refused = [];
let correctTotal = 0;
if (parts.has('corpora')) {
  for (const name of opt.trees.split(',')) {
    const root = extract(name);
    const report = explore(root);
    const g = gather(root, report);
    for (const [label, f] of correctPlans(g)) {
      correctTotal++;
      const found = checkPlan(checkContext(root, g.profile), facts(f));
      if (found.length) refused.push(`${name}: ${label}: ${found.map((x) => x.message).join(' | ')}`);
    }
    for (const c of ownCommands(root, g)) {
      correctTotal++;
      const found = checkPlan(
        checkContext(root, g.profile),
        facts({ commands: [{ command: c, at: 'cmd' }] }),
      );
      if (found.length) refused.push(`${name}: \`${c}\`: ${found.map((x) => x.message).join(' | ')}`);
    }
    for (const [cls, label, f] of defectPlans(root, g)) {
      const found = checkPlan(checkContext(root, g.profile, f.precedent), facts(f));
      const r = recall.get(cls) ?? { caught: 0, total: 0, missed: [] };
      r.total++;
      if (found.length) r.caught++;
      else r.missed.push(`${name}: ${label}`);
      if (opt.verbose === 'true' && found.length)
        console.log(`  caught ${name}: ${label}: ${found[0].message}`);
      recall.set(cls, r);
    }
    for (const [cls, label, f] of issueDefects(name, root, g)) {
      const found = checkPlan(checkContext(root, g.profile, f.precedent), facts(f));
      const own = found.filter((x) => RULES[cls].test(x.rule));
      const r = issueRecall.get(cls) ?? { caught: 0, total: 0, missed: [] };
      r.total++;
      if (own.length) r.caught++;
      else
        r.missed.push(
          `${name}: ${label}${found.length ? ` (only ${found.map((x) => x.rule).join(', ')})` : ''}`,
        );
      if (opt.verbose === 'true' && own.length) console.log(`  caught ${name}: ${label}: ${own[0].message}`);
      issueRecall.set(cls, r);
    }
  }

  console.log('recall on defects, per class');
  let all = 0;
  let caught = 0;
  for (const [cls, r] of recall) {
    all += r.total;
    caught += r.caught;
    console.log(
      `  ${cls.padEnd(24)} ${r.caught}/${r.total}${r.missed.length ? `  missed: ${r.missed.join('; ')}` : ''}`,
    );
  }
  console.log(`  ${'all'.padEnd(24)} ${caught}/${all}`);
  console.log(
    "recall on issue #23's own list of defects, per class (caught by a finding of the class's rules)",
  );
  let iAll = 0;
  let iCaught = 0;
  for (const [cls, r] of issueRecall) {
    iAll += r.total;
    iCaught += r.caught;
    console.log(
      `  ${cls.padEnd(24)} ${r.caught}/${r.total}${r.missed.length ? `  missed: ${r.missed.join('; ')}` : ''}`,
    );
  }
  console.log(`  ${'all'.padEnd(24)} ${iCaught}/${iAll}`);
  console.log(`false refusals: ${refused.length}/${correctTotal} correct plans and commands refused`);
  for (const r of refused) console.log(`  ${r}`);
}

// The blind corpus (bench/checks-blind.mjs): hand-written markdown plans through `lint`, the door a person
// uses; written before its writer read the checker. A defect counts as caught only by a finding of its class's
// rules; a correct plan counts as refused by any error finding.
if (parts.has('blind')) {
  const blindRecall = new Map();
  const blindRefused = [];
  const blindStale = [];
  let blindCorrect = 0;
  const explored = new Map();
  for (const c of blindCases) {
    const root = extract(c.tree);
    const read = (p) => {
      try {
        return readFileSync(join(root, p), 'utf8');
      } catch {
        return '';
      }
    };
    if (c.holds && !c.holds(root, read)) {
      blindStale.push(`${c.tree}: ${c.label}`);
      continue;
    }
    if (!explored.has(c.tree)) explored.set(c.tree, explore(root).profile);
    const result = await lint(c.md, 'plan.md', { root, profile: explored.get(c.tree) });
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (c.defect) {
      const own = errors.filter((f) => RULES[c.cls].test(f.rule));
      const r = blindRecall.get(c.cls) ?? { caught: 0, total: 0, missed: [] };
      r.total++;
      if (own.length) r.caught++;
      else
        r.missed.push(
          `${c.tree}: ${c.label}${errors.length ? ` (only ${errors.map((x) => x.rule).join(', ')})` : ''}`,
        );
      if (opt.verbose === 'true' && own.length)
        console.log(`  caught ${c.tree}: ${c.label}: ${own[0].message}`);
      blindRecall.set(c.cls, r);
    } else {
      blindCorrect++;
      if (errors.length)
        blindRefused.push(`${c.tree}: ${c.label}: ${errors.map((x) => x.message).join(' | ')}`);
    }
  }
  console.log(
    'blind corpus (hand-written plans through lint, written before reading the checker), per class',
  );
  let bAll = 0;
  let bCaught = 0;
  for (const [cls, r] of blindRecall) {
    bAll += r.total;
    bCaught += r.caught;
    console.log(
      `  ${cls.padEnd(24)} ${r.caught}/${r.total}${r.missed.length ? `  missed: ${r.missed.join('; ')}` : ''}`,
    );
  }
  console.log(`  ${'all'.padEnd(24)} ${bCaught}/${bAll}`);
  console.log(`  correct plans refused: ${blindRefused.length}/${blindCorrect}`);
  for (const r of blindRefused) console.log(`    ${r}`);
  if (blindStale.length)
    console.log(`  stale (a tree fact no longer holds, not counted): ${blindStale.join('; ')}`);
}

if (parts.has('time')) {
  // Time on a 5k-file tree: the big tree padded with small modules to 5,000 files.
  const big = extract(opt.big, 5000);
  const report = explore(big);
  const g = gather(big, report);
  const test = g.test;
  const md = handPlan({
    title: 'bench limits',
    step: 'Change the function.',
    modify: [
      `- \`${g.fn.path}\` — the change`,
      `  - \`${g.fn.qualified}\` (lines ${g.fn.start}–${g.fn.end}): \`${g.fn.name}\` — why`,
    ],
    more: [
      '## Files to create',
      '',
      `- \`${test.path.replace(/[^/]+$/, 'test_checker_bench.py')}\` — tests`,
      '',
    ],
    testing: [
      '### Automated checks',
      '',
      '```bash',
      `pytest -k ${test.name.name}`,
      `${g.profile.commands.find((c) => c.purpose === 'test')?.command ?? 'pytest'}`,
      '```',
      '',
      '```python',
      'def limit(items, most=None):\n    return items[:most]',
      '```',
    ],
  });
  const model = {
    title: 'bench limits',
    analysis: { summary: 'bench' },
    phases: [
      {
        title: 'p',
        steps: [
          {
            title: 'Change the function',
            detail: '',
            files_to_modify: [
              {
                path: g.fn.path,
                why: 'the change',
                edit_points: [
                  {
                    symbol: g.fn.qualified,
                    start_line: g.fn.start,
                    end_line: g.fn.end,
                    signature: '',
                    why: '',
                  },
                ],
              },
            ],
            files_to_create: [{ path: test.path.replace(/[^/]+$/, 'test_checker_bench.py'), why: 'tests' }],
            sketch: { language: 'python', code: 'def limit(items, most=None):\n    return items[:most]\n' },
          },
        ],
        automated_checks: [{ command: `pytest -k ${test.name.name}` }, { command: 'pytest' }],
      },
    ],
  };
  const median = async (f) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await f();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2];
  };
  const files = execSync(`find ${big} -type f -not -path '*/.git/*' | wc -l`).toString().trim();
  // The inventory explore made (callers that explore first pass it on, as PlanService.lint does).
  const o = { root: big, profile: g.profile, inventory: inventoryOf(report) };
  await lint(md, 'plan.md', o); // warm-up: the first run pays for loading parsers
  // lintSource never asks the precedent analysis (lint before this session); lint asks it only for a
  // clause that calls a named thing new, when the plan records no verdict.
  const sourceMs = await median(() => lintSource(md, 'plan.md', o));
  const lintMs = await median(() => lint(md, 'plan.md', o));
  const noK = md.replace(/^pytest -k .*\n/m, '');
  const lintNoKMs = await median(() => lint(noK, 'plan.md', o));
  const claim = (name) =>
    md.replace('1. Change the function.', `1. Add a new \`${name}\` option to the command line.`);
  const metMs = await median(() => lint(claim('--jobs'), 'plan.md', o));
  const metFound = (await lint(claim('--jobs'), 'plan.md', o)).findings.filter((f) => f.rule === 'claim-new');
  const newMs = await median(() => lint(claim('--widget-budget'), 'plan.md', o));
  const newFound = (await lint(claim('--widget-budget'), 'plan.md', o)).findings.filter(
    (f) => f.rule === 'claim-new',
  );
  const gateMs = await median(() => groundingProblems(model, big, g.profile));
  const claimModel = structuredClone(model);
  claimModel.phases[0].steps[0].title = 'Add a new `--jobs` option to the command line';
  const gateClaimMs = await median(async () =>
    groundingProblems(
      claimModel,
      big,
      g.profile,
      await claimedPrecedents(claimModel, big, g.profile, o.inventory),
    ),
  );
  console.log(`time on ${opt.big} padded to ${files} files (median of 5, the profile already explored):`);
  console.log(
    `  lint ${lintMs.toFixed(0)} ms (without asking the precedent analysis: ${sourceMs.toFixed(0)} ms), gate ${gateMs.toFixed(0)} ms (a plan with an edit point, a new test, a sketch and a -k check over every test file; it calls nothing new)`,
  );
  console.log(`  lint without the -k check ${lintNoKMs.toFixed(0)} ms`);
  console.log(
    `  the same plan calling \`--jobs\` new (it exists): lint ${metMs.toFixed(0)} ms (${metFound.length} claim-new finding), gate ${gateClaimMs.toFixed(0)} ms; calling \`--widget-budget\` new (it does not): lint ${newMs.toFixed(0)} ms (${newFound.length} finding)`,
  );
}
