import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Plan, type PlanStyle, planSchema } from '../../src/domain/plan.js';
import { importMarkdown } from '../../src/planning/markdown/import.js';
import { readPlanMarkdown } from '../../src/planning/markdown/read.js';
import { mainArtefact } from '../../src/workspace/paths.js';
import { renderPlan } from '../../src/workspace/render.js';

/** A plan with every field a model can submit set, in our own words (a reading-list feature). */
const FULL: Plan = planSchema.parse({
  id: '01JFULLPLAN0000000000000000',
  revision: 3,
  title: 'Reading lists',
  slug: 'reading-lists',
  style: 'phased',
  status: 'draft',
  engine: 'llm',
  created_at: '2026-12-01T10:00:00.000Z',
  requirement: { text: 'let members keep reading lists and share them', sources: [] },
  analysis: {
    work_type: 'feature',
    summary: 'Members get named reading lists they can share by link.',
    entities: ['ReadingList', 'ListEntry'],
    operations: ['create a list', 'share a list'],
    interfaces: ['POST /lists', 'GET /lists/:id'],
    integrations: ['mail service'],
    assumptions: ['A list holds at most 500 books'],
    existing: [{ text: 'Shelves already group books', file: 'src/services/user.service.ts', line: 12 }],
  },
  research: {
    stack: ['TypeScript', 'Express', 'Prisma'],
    findings: [
      { text: 'Routes mount in one place', evidence: { file: 'src/app.ts', line: 8 } },
      { text: 'Logs print <skipped> for bodies over 1 KB and `<file>:<line>` on errors' },
    ],
    read_first: ['src/app.ts', 'prisma/schema.prisma'],
  },
  precedent: {
    requested: { kind: 'behaviour', name: 'share', spellings: ['share', 'shareList'] },
    verdict: 'partly-met',
    evidence: [{ file: 'src/services/user.service.ts', line: 20, text: 'shelves are private' }],
    missing: 'no way to share with another account',
    reason:
      'shelves hold books for one member (`src/services/user.service.ts:20`); sharing is the part missing',
    sibling: { name: 'Shelf', kind: 'model', file: 'src/models/user.model.ts', line: 3 },
    footprint: [
      {
        file: 'src/routes/users.routes.ts',
        line: 5,
        symbol: 'router',
        role: 'registration',
        area: 'code',
        source: 'occurrence',
        why: 'where shelf routes are mounted',
      },
      { file: 'README.md', role: 'docs', area: 'docs', source: 'history', why: '' },
    ],
    tests: [
      {
        file: 'tests/unit/auth.service.test.ts',
        command: 'npx vitest run',
        selects: ['login'],
        why: 'one test here uses the sibling (calls `login`)',
        data: 'tests/unit/cases',
        model: { name: 'login', line: 14, end: 22, does: 'calls `login`' },
      },
    ],
    candidates: [{ file: 'src/app.ts', line: 2, text: 'app setup' }],
  },
  questions: [
    { question: 'Can a list be public?', why: 'changes the access rule' },
    { question: 'How many lists per member?', answer: '20' },
    { question: 'Do shared lists show the owner?', answer: 'Assumed: yes, by display name' },
  ],
  approaches: [
    {
      name: 'Lists as a new table',
      summary: 'A table of lists and one of entries, joined to books.',
      pros: ['clear ownership', 'cheap queries'],
      cons: ['one migration'],
      effort: 'half a day',
      best_for: 'lists that grow',
      recommended: true,
    },
    {
      name: 'Lists as tagged shelves',
      summary: 'Reuse shelves with a tag.',
      pros: ['no migration'],
      cons: ['shelves and lists blur together'],
      effort: 'two hours',
      best_for: 'a quick trial',
      recommended: false,
    },
  ],
  phases: [
    {
      id: 'p1',
      title: 'Storage',
      goal: 'The tables the lists need.',
      kind: 'implement',
      agent: 'backend-development',
      skill: 'plansmith/builtin/backend-development',
      steps: [
        {
          title: 'Add the tables',
          detail: 'Two tables and a foreign key.',
          files_to_create: [],
          files_to_modify: [
            {
              path: 'prisma/schema.prisma',
              why: 'the list and entry models',
              edit_points: [
                { symbol: 'User', start_line: 10, end_line: 18, signature: 'model User', why: 'owns lists' },
              ],
            },
          ],
          sketch: { language: 'prisma', code: 'model ReadingList {\n  id Int @id\n}' },
        },
        {
          title: 'Write the service',
          detail: 'Create, rename and share.',
          files_to_create: [
            { path: 'src/services/reading-list.service.ts', why: 'the list logic' },
            {
              path: 'changes/{pr}.feature.md',
              why: 'the release note',
              later: 'the pull request number, known once it is opened',
            },
          ],
          files_to_modify: [],
        },
      ],
      automated_checks: [
        { command: 'npm run typecheck', expect: 'no errors', evidence: { file: 'package.json', line: 11 } },
        // The same check as the next phase's: listed under each phase, and each gets it back.
        { command: 'npm test', expect: 'passes' },
      ],
      manual_checks: ['A new list appears in the database'],
      estimate_minutes: 45,
    },
    {
      id: 'p2',
      title: 'Explore sharing rules',
      goal: 'Settle who may read a shared list.',
      kind: 'research',
      steps: [
        {
          title: 'Read the access code',
          detail: 'Note every check.',
          files_to_create: [],
          files_to_modify: [{ path: 'src/middleware/require-auth.ts', why: 'the access check' }],
        },
      ],
      automated_checks: [{ command: 'npm test', expect: 'passes' }],
      manual_checks: ['The rule is written down'],
      estimate_minutes: 20,
    },
    {
      // No estimate given: none is rendered, and the total does not invent one.
      id: 'p3',
      title: 'Document sharing',
      goal: 'Members learn how to share.',
      kind: 'docs',
      steps: [
        {
          title: 'Write the guide page',
          detail: 'One page with an example.',
          files_to_create: [],
          files_to_modify: [{ path: 'README.md', why: 'the sharing section' }],
        },
      ],
      automated_checks: [],
      manual_checks: ['The guide reads well'],
    },
  ],
  tests: { strategy: 'Unit tests for the service, one route test.', cases: ['a member shares a list'] },
  risks: [
    {
      risk: 'Leaking private lists',
      mitigation: 'check the owner',
      contingency: 'turn sharing off',
      likelihood: 'low',
    },
  ],
  security: ['Only the owner shares a list'],
  performance: ['Index entries by list'],
  rollback: ['Drop the two tables'],
  not_doing: ['Public lists'],
  definition_of_done: ['A member can share a list', 'Docs say how'],
  handoffs: [
    { label: 'Phase 1: Storage', agent: 'backend-development', prompt: 'Build the storage.', send: false },
  ],
  next_command: 'plansmith tasks next --plan 01JFULLPLAN0000000000000000',
  revision_notes: ['Answered Q2: 20.'],
});

const main = (p: Plan) => renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
const back = (md: string, p: Plan) => {
  const r = importMarkdown(readPlanMarkdown(md, 'plan.md'), {
    id: 'X',
    slug: p.slug,
    now: new Date(p.created_at),
    file: 'plan.md',
  });
  return { plan: planSchema.parse(r.plan), notImported: r.notImported };
};

/** Every string a reader should find in the file: the plan's leaves but ids, dates and the task batch. */
function leaves(v: unknown, key = ''): string[] {
  if (
    [
      'id',
      'created_at',
      'slug',
      'tasks',
      'sources',
      'style',
      'status',
      'engine',
      'revision',
      'send',
      'kind',
    ].includes(key)
  )
    return [];
  if (typeof v === 'string') return v ? [v.replace(/^Assumed: /, '')] : [];
  if (typeof v === 'number') return [];
  if (Array.isArray(v)) return v.flatMap((x) => leaves(x, key));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, k));
  return [];
}

describe('a plan with every field set', () => {
  for (const style of ['feature', 'phased', 'tasks', 'prd', 'xano'] as PlanStyle[])
    it(`${style}: render → import → render is byte-identical, and nothing is reported as not imported`, () => {
      const plan = { ...FULL, style };
      const first = main(plan);
      const { plan: model, notImported } = back(first, plan);
      expect(notImported).toEqual([]);
      expect(main({ ...model, id: plan.id })).toBe(first);
    });

  for (const style of ['feature', 'phased'] as PlanStyle[])
    it(`${style}: every field is in the file, and imports back to the same model`, () => {
      const plan = { ...FULL, style };
      const md = main(plan);
      // Text that would open an HTML tag is escaped once; code spans keep theirs.
      expect(md).toContain('Logs print &lt;skipped> for bodies over 1 KB and `<file>:<line>` on errors');
      const unescaped = md.replace(/&lt;/g, '<');
      for (const s of leaves(plan)) expect(unescaped, s).toContain(s.split('\n')[0]!);
      expect(md).toContain('Do shared lists show the owner? — **Assumed:** yes, by display name');
      expect(md).toContain('npm run typecheck   # no errors · package.json:11');
      expect(md).toMatch(/\*\*Kind:\*\* research|\| Explore sharing rules \| research \|/);
      expect(md).not.toMatch(/^### \d+\. .*~\d/m); // no per-step estimates split from a phase's
      expect(md).toContain('  - named later: the pull request number, known once it is opened');
      // A phase without an estimate has none in the file, and the total adds only the given ones.
      expect(md).not.toMatch(/30 min/);
      if (style === 'phased') expect(md).toMatch(/^## Phase 3: Document sharing$/m);
      else {
        expect(md).toMatch(/^\| Document sharing \| docs \|.*\| — \|$/m);
        expect(md).toContain(
          '| Storage | implement | `backend-development` | `plansmith/builtin/backend-development` |',
        );
        // The timeline names files by their full paths, never a base name alone.
        expect(md).toMatch(
          /^\| Explore sharing rules \|.*\| `src\/middleware\/require-auth\.ts` \| 20 min \|$/m,
        );
        expect(md).toContain('| **65 min** (1 phase not estimated) |');
      }
      // Which phase runs a check is in the file, as a reader sees it: under the phase's title.
      if (style === 'feature')
        expect(md).toContain(
          '```bash\n# Storage\nnpm run typecheck   # no errors · package.json:11\nnpm test   # passes\n\n# Explore sharing rules\nnpm test   # passes\n```',
        );
      const { plan: model } = back(md, plan);
      const same = (p: Plan) => ({
        ...p,
        id: plan.id,
        requirement: { ...p.requirement, sources: [] },
        engine: plan.engine,
      });
      expect(same(model)).toEqual(same(plan));
    });
});

describe('the tasks style', () => {
  it('lists every automated check once in its main file, and import gives them back to its one phase', () => {
    const plan = { ...FULL, style: 'tasks' as PlanStyle };
    const md = main(plan);
    expect(md).toContain(
      '## Automated checks\n\n```bash\nnpm run typecheck   # no errors · package.json:11\nnpm test   # passes\n```',
    );
    const { plan: model, notImported } = back(md, plan);
    expect(notImported).toEqual([]);
    expect(model.phases.map((p) => p.automated_checks)).toEqual([
      [
        { command: 'npm run typecheck', expect: 'no errors', evidence: { file: 'package.json', line: 11 } },
        { command: 'npm test', expect: 'passes' },
      ],
    ]);
  });
});

describe('the phased /plan shape (our own words)', () => {
  it('phases with numbered sub-sections, per-phase automated and manual checks, options, metadata', () => {
    const file = join(import.meta.dirname, '..', 'fixtures', 'plans', 'phased-command-shape.md');
    const r = importMarkdown(readPlanMarkdown(readFileSync(file, 'utf8'), 'shape.md'), {
      id: 'X',
      slug: 'loan-history-export',
      now: new Date(0),
      file: 'shape.md',
    });
    const plan = planSchema.parse(r.plan);
    expect(plan.requirement.text).toBe('Members download their loan history as CSV from their account page.');
    expect(plan.approaches.map((a) => [a.name, a.recommended, a.best_for])).toEqual([
      ['Export job', false, 'thousands of loans per member'],
      ['Streamed response', true, 'histories of a few hundred loans'],
    ]);
    expect(
      plan.phases.map((p) => [
        p.title,
        p.steps.map((s) => s.title),
        p.automated_checks.map((c) => `${c.command} → ${c.expect}`),
        p.manual_checks,
      ]),
    ).toEqual([
      [
        'Serialiser',
        ['Rows'],
        ['npm run typecheck → no type errors'],
        ['A title with a comma stays in one cell'],
      ],
      ['Route', ['Endpoint'], ['npm test → passes'], ['The browser offers a download']],
    ]);
    expect(plan.phases[0]!.steps[0]!.sketch?.code).toContain('toCsvRow');
    expect(plan.definition_of_done).toEqual([
      'Reviewed',
      'Deployed',
      'The CSV opens in a spreadsheet with one row per loan',
      'Exports of other members are refused',
    ]);
    expect(plan.rollback).toEqual(['`git revert HEAD`']);
    // The one line the model has no place for is reported with its line.
    expect(r.notImported).toEqual([{ line: 3, what: '"created: 2026-12-05"' }]);
  });
});
