import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import type { Plan } from '../../domain/plan.js';
import { explore } from '../../explore/explore.js';
import { groundingProblems } from '../grounding.js';
import { lintSource } from '../lint/lint.js';
import { checkPlan, type PlanFacts } from './check-plan.js';
import { checkContext } from './context.js';

// Issue #23's own examples that no other test names, one by one (projects in our own words).
const project = tempProjects('issue-list');
const facts = (over: Partial<PlanFacts>): PlanFacts => ({
  files: [],
  commands: [],
  sketches: [],
  claims: [],
  ...over,
});
const judge = (root: string, f: Partial<PlanFacts>) =>
  checkPlan(checkContext(root, explore(root).profile), facts(f));
const cmd = (root: string, command: string) => judge(root, { commands: [{ command, at: 1 }] });

const node = project({
  'package.json': JSON.stringify({
    name: 'shelfmono',
    workspaces: ['packages/*'],
    scripts: { test: 'vitest run', lint: 'eslint .', debug: 'node --inspect-brk src/index.js' },
    devDependencies: { vitest: '1', eslint: '9' },
  }),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  'packages/app/package.json': JSON.stringify({ name: 'app', scripts: { test: 'vitest run' } }),
  'packages/app/src/shelf.test.ts': "describe('shelf', () => {\n  it('adds a book', () => {});\n});\n",
  'src/index.js': 'export const x = 1;\n',
  '.github/workflows/release.yml':
    'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: googleapis/release-please-action@v4\n',
  'CHANGELOG.md': '# Changelog\n',
});

describe('commands: the package managers’ own flags', () => {
  it('takes --prefix, pnpm --filter, an env assignment and a pipe', () => {
    for (const c of [
      'npm test --prefix packages/app',
      'pnpm --filter app test',
      'CI=true npm test',
      'npm test 2>&1 | tee test.log',
    ])
      expect(cmd(node, c), c).toEqual([]);
  });

  it('refuses an inspector and a manifest edit as checks', () => {
    expect(cmd(node, 'npm run debug')[0]!.rule).toBe('command-terminates');
    expect(cmd(node, 'pnpm add -D msw')[0]!.rule).toBe('command-changes-tree');
  });
});

const pixi = project({
  'pixi.toml': '[project]\nname = "shelfpx"\n\n[tasks]\ntest = "pytest tests"\n',
  'pyproject.toml': '[project]\nname = "shelfpx"\n',
  'tests/test_shelf.py': 'def test_lend():\n    assert True\n',
});

describe('commands: the issue’s pixi examples', () => {
  it('refuses a GitHub Actions expression and `pixi add` as a test command', () => {
    const ci = cmd(pixi, ['pixi run -e $', '{{env.PIXI_ENV}} test'].join(''));
    expect(ci[0]!.rule).toBe('command-syntax');
    expect(ci[0]!.message).toMatch(/GitHub Actions/);
    expect(cmd(pixi, 'pixi add pytest-mock')[0]!.rule).toBe('command-changes-tree');
    expect(cmd(pixi, 'pixi run test')).toEqual([]);
  });
});

describe('test collection from each place pytest is configured', () => {
  for (const [file, text] of [
    ['pytest.ini', '[pytest]\npython_files = check_*.py\n'],
    ['setup.cfg', '[tool:pytest]\npython_files = check_*.py\n'],
    ['tox.ini', '[tox]\nenvlist = py\n\n[pytest]\npython_files = check_*.py\n'],
  ] as const)
    it(`${file}: its python_files decide, and the finding cites it`, () => {
      const root = project({
        'pyproject.toml': '[project]\nname = "shelfcfg"\n',
        [file]: text,
        'tests/check_shelf.py': 'def test_lend():\n    assert True\n',
      });
      const create = (path: string) => ({ files: [{ path, mode: 'create' as const, at: 1, points: [] }] });
      expect(judge(root, create('tests/check_return.py'))).toEqual([]);
      const [f] = judge(root, create('tests/test_return.py'));
      expect(f!.rule).toBe('test-collected');
      expect(f!.message).toContain(file);
    });
});

describe('files the project does not write by hand', () => {
  it('a CHANGELOG a release workflow writes is flagged, saying what writes it', () => {
    const [f] = judge(node, { files: [{ path: 'CHANGELOG.md', mode: 'modify', at: 1, points: [] }] });
    expect(f!.rule).toBe('generated-file');
    expect(f!.message).toMatch(/release/);
  });
});

describe('sketches: the gate refuses what lint finds, with the parser’s message', () => {
  it('a Python sketch that is a syntax error', () => {
    const code = 'def lend(book)\n    return book\n';
    const model = {
      title: 'lend',
      analysis: { summary: 's' },
      phases: [
        {
          title: 'p',
          steps: [
            {
              title: 't',
              detail: '',
              files_to_create: [],
              files_to_modify: [],
              sketch: { language: 'python', code },
            },
          ],
          automated_checks: [],
        },
      ],
    } as unknown as Plan;
    const profile = explore(pixi).profile;
    const gate = groundingProblems(model, pixi, profile).map((p) => p.replace(/^[^:]+: /, ''));
    expect(gate.some((m) => /the Python sketch does not parse: line 1/.test(m))).toBe(true);
    const md = `# Plan: lend\n\n## Implementation steps\n\n1. Lend.\n\n\`\`\`python\n${code}\`\`\`\n`;
    const lint = lintSource(md, 'plan.md', { root: pixi, profile }).findings.map((f) => f.message);
    for (const m of gate) expect(lint).toContain(m);
  });
});
