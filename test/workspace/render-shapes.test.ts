import { describe, expect, it } from 'vitest';
import { type Plan, type PlanStyle, planSchema } from '../../src/domain/plan.js';
import { importMarkdown } from '../../src/planning/markdown/import.js';
import { readPlanMarkdown } from '../../src/planning/markdown/read.js';
import { mainArtefact } from '../../src/workspace/paths.js';
import { renderPlan } from '../../src/workspace/render.js';

/** A small plan in our own words: two phases that run the same suite for two reasons. */
const plan = (over: Record<string, unknown> = {}): Plan =>
  planSchema.parse({
    id: '01JSHAPES000000000000000000',
    revision: 1,
    title: 'Quiet mode',
    slug: 'quiet-mode',
    style: 'feature',
    status: 'draft',
    engine: 'llm',
    created_at: '2026-12-01T10:00:00.000Z',
    requirement: { text: 'add a --quiet flag', sources: [] },
    analysis: { work_type: 'feature', summary: 'A flag that silences progress output.' },
    research: { findings: [] },
    phases: [
      {
        id: 'p1',
        title: 'Add the flag',
        steps: [
          {
            title: 'Parse --quiet',
            detail: 'Read the flag in the option parser.',
            files_to_modify: [{ path: 'src/cli.ts', why: 'the option' }],
          },
        ],
        automated_checks: [{ command: 'npm test', expect: 'the existing suite still passes' }],
      },
      {
        id: 'p2',
        title: 'Test the flag',
        kind: 'test',
        steps: [
          {
            title: 'Cover quiet output',
            detail: 'One case with the flag, one without.',
            files_to_create: [{ path: 'test/quiet.test.ts', why: 'the cases' }],
          },
        ],
        automated_checks: [{ command: 'npm test', expect: 'the two quiet cases pass' }],
      },
    ],
    tests: { strategy: 'Unit tests of the output.', cases: ['quiet prints nothing'] },
    ...over,
  });

const main = (p: Plan) => renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
const back = (md: string, p: Plan) =>
  importMarkdown(readPlanMarkdown(md, 'plan.md'), {
    id: p.id,
    slug: p.slug,
    now: new Date(p.created_at),
    file: 'plan.md',
  });

describe('rendering what two phases share', () => {
  it('a command two phases give keeps the expectation of each', () => {
    const md = main(plan());
    expect(md).toContain('npm test   # the existing suite still passes');
    expect(md).toContain('npm test   # the two quiet cases pass');
  });

  for (const style of ['feature', 'phased', 'prd'] as PlanStyle[])
    it(`${style}: both expectations come back through import`, () => {
      const p = plan({ style });
      const { plan: model } = back(main(p), p);
      const expects = (model.phases ?? []).flatMap((ph) => (ph.automated_checks ?? []).map((c) => c.expect));
      expect(expects).toContain('the existing suite still passes');
      expect(expects).toContain('the two quiet cases pass');
    });
});
describe('the feature style marks each check with its phase', () => {
  it('a title with a tag-like word keeps its checks on its phase, and reads as written in the shell block', () => {
    const p = plan({ style: 'feature' });
    p.phases[0]!.title = 'Parse <quiet> flags';
    p.phases[1]!.automated_checks = [];
    p.phases[0]!.automated_checks[0]!.expect = 'prints <nothing>';
    const md = main(p);
    expect(md).toContain('# Parse <quiet> flags\nnpm test   # prints <nothing>');
    const { plan: model } = back(md, p);
    expect((model.phases ?? []).map((ph) => ph.automated_checks?.map((c) => c.expect))).toEqual([
      ['prints <nothing>'],
      [],
    ]);
  });
});

describe('sections with nothing in them', () => {
  for (const style of ['feature', 'phased', 'prd'] as PlanStyle[])
    it(`${style}: no heading without content, and render → import → render gives the same file`, () => {
      const p = plan({
        style,
        rollback: [],
        definition_of_done: [],
        risks: [],
        security: [],
        performance: [],
      });
      const md = main(p);
      // A heading followed directly by a heading of its level or above, or a fence end, has nothing under it.
      const lines = md.split('\n');
      const empty = lines.flatMap((l, k) => {
        const level = /^(#{2,4}) /.exec(l)?.[1]?.length;
        if (!level) return [];
        const next = lines.slice(k + 1).find((x) => x.trim() !== '');
        const nextLevel = next ? /^(#{1,6}) /.exec(next)?.[1]?.length : undefined;
        return next === undefined ||
          (nextLevel !== undefined && nextLevel <= level) ||
          /^<!-- plansmith:[\w-]+:end/.test(next)
          ? [l]
          : [];
      });
      expect(empty).toEqual([]);
      expect(md).not.toMatch(/^## Rollback/m);
      expect(md).not.toMatch(/^## Success criteria/m);
      // "_None._" under a heading says nothing either: an empty security or performance section is left out.
      expect(md).not.toMatch(/^## (Security|Performance)\n\n_None\._/m);
      expect(md).not.toMatch(/^## (Security|Performance)$/m);
      // Nor a stock "None": no risk, not-doing line or question is no section (facts or nothing).
      expect(md).not.toMatch(
        /_None identified\._|^## (Risks?|Risk mitigation|Not doing|What we're NOT doing|Open questions|Research questions)$/m,
      );
      const { plan: model, notImported } = back(md, p);
      expect(notImported).toEqual([]);
      expect(main(planSchema.parse({ ...model, id: p.id }))).toBe(md);
    });

  it('a section with content is still rendered', () => {
    const md = main(plan({ rollback: ['Remove the flag'], definition_of_done: ['Quiet prints nothing'] }));
    expect(md).toContain('## Rollback\n\n1. Remove the flag');
    expect(md).toContain('## Success criteria\n\n### Definition of done\n\n- [ ] Quiet prints nothing');
  });
});

describe("the precedent's covering tests", () => {
  it('say how many of their tests use the sibling, and read it back through import', () => {
    const p = plan({
      precedent: {
        verdict: 'new',
        requested: { kind: 'flag', name: '--quiet', spellings: ['--quiet'] },
        sibling: { name: '--verbose', kind: 'flag', file: 'src/cli.ts', line: 12 },
        tests: [
          {
            file: 'test/cli.test.ts',
            command: 'npx vitest run test/cli.test.ts',
            selects: ['verbose'],
            uses: 3,
          },
          { file: 'test/output.test.ts', command: '', selects: [], uses: 1 },
          { file: 'test/flags.test.ts', command: '', selects: [], uses: 0 },
          { file: 'test/other.test.ts', command: '', selects: [] },
        ],
      },
    });
    const md = main(p);
    expect(md).toContain(
      '`test/cli.test.ts` — `npx vitest run test/cli.test.ts` selects `verbose` (3 tests use the sibling)',
    );
    expect(md).toContain('`test/output.test.ts` (1 test uses the sibling)');
    expect(md).toContain('`test/flags.test.ts` (no test uses the sibling)');
    const { plan: model, notImported } = back(md, p);
    expect(notImported).toEqual([]);
    expect(model.precedent?.tests?.map((t) => [t.file, t.selects, t.uses])).toEqual([
      ['test/cli.test.ts', ['verbose'], 3],
      ['test/output.test.ts', [], 1],
      ['test/flags.test.ts', [], 0],
      ['test/other.test.ts', [], undefined],
    ]);
    expect(main(planSchema.parse({ ...model, id: p.id }))).toBe(md);
  });
});

describe("the precedent's reason and model tests", () => {
  const precedent = {
    verdict: 'new',
    requested: { kind: 'flag', name: '--quiet', spellings: ['--quiet'] },
    reason:
      'no option like it; `--verbose` (src/cli.ts:12) is followed as the first of 4 with no help nearer (unsure)',
    sibling: { name: '--verbose', kind: 'flag', file: 'src/cli.ts', line: 12, tentative: true },
    tests: [
      {
        file: 'test/cli.test.ts',
        command: '',
        selects: ['prints more with --verbose'],
        uses: 1,
        model: {
          name: 'prints more with --verbose',
          line: 30,
          end: 36,
          does: 'passes `--verbose` on a command line',
        },
      },
      {
        file: 'test/flags.test.ts',
        command: '',
        selects: [],
        uses: 0,
        model: { name: 'reads `--color` <always>', line: 8, end: 8, does: 'names `--color`', of: '--color' },
      },
    ],
  };

  it('are written in the Precedent block and read back by import, to the same file', () => {
    const p = plan({ precedent });
    const md = main(p);
    expect(md).toContain(`**Reason:** ${precedent.reason}`);
    expect(md).toContain(
      '- `test/cli.test.ts` selects `prints more with --verbose` (1 test uses the sibling)\n  - model: `prints more with --verbose` (lines 30–36) passes `--verbose` on a command line',
    );
    // A title holding a backtick is in a longer code span; a neighbour's test says whose it is.
    expect(md).toContain(
      '  - model: `` reads `--color` &lt;always> `` (line 8) names `--color` (a test of the neighbour `--color`)',
    );
    const { plan: model, notImported } = back(md, p);
    expect(notImported).toEqual([]);
    expect(model.precedent?.reason).toBe(precedent.reason);
    expect(model.precedent?.tests?.map((t) => t.model)).toEqual(precedent.tests.map((t) => t.model));
    expect(main(planSchema.parse({ ...model, id: p.id }))).toBe(md);
  });

  it('a plan written before them (no reason, no model line) imports as before', () => {
    const p = plan({
      precedent: {
        ...precedent,
        reason: '',
        tests: precedent.tests.map(({ model: _m, ...t }) => t),
      },
    });
    const md = main(p);
    expect(md).not.toContain('**Reason:**');
    expect(md).not.toContain('model:');
    const { plan: model, notImported } = back(md, p);
    expect(notImported).toEqual([]);
    expect(model.precedent?.reason ?? '').toBe('');
    expect(model.precedent?.tests?.map((t) => [t.file, t.uses, t.model])).toEqual([
      ['test/cli.test.ts', 1, undefined],
      ['test/flags.test.ts', 0, undefined],
    ]);
  });
});

describe("a covering test's reason and data folder", () => {
  it('are written under the file and read back by import, to the same file', () => {
    const p = plan({
      precedent: {
        verdict: 'new',
        requested: { kind: 'flag', name: '--quiet', spellings: ['--quiet'] },
        sibling: { name: '--verbose', kind: 'flag', file: 'src/cli.ts', line: 12 },
        tests: [
          {
            file: 'test/cli.test.ts',
            command: '',
            selects: [],
            why: '2 tests here use the sibling (passes `--verbose` on a command line on 3 lines) <a>',
            uses: 2,
          },
          {
            file: 'test/cases.test.ts',
            command: '',
            selects: ['reads every case'],
            why: 'reads the data files in `test/cases/` (line 4), 2 of which name the sibling',
            data: 'test/cases',
            cases: ['test/cases/loud.js', 'test/cases/loud.txt'],
            uses: 2,
          },
          { file: 'test/other.test.ts', command: '', selects: [] },
        ],
      },
    });
    const md = main(p);
    expect(md).toContain(
      '- `test/cli.test.ts` (2 tests use the sibling)\n  - why: 2 tests here use the sibling (passes `--verbose` on a command line on 3 lines) &lt;a>',
    );
    expect(md).toContain('  - data: `test/cases/`\n  - cases: `test/cases/loud.js`, `test/cases/loud.txt`');
    const { plan: model, notImported } = back(md, p);
    expect(notImported).toEqual([]);
    expect(model.precedent?.tests?.map((t) => [t.file, t.why, t.data, t.cases])).toEqual([
      ['test/cli.test.ts', p.precedent?.tests[0]?.why, undefined, undefined],
      [
        'test/cases.test.ts',
        p.precedent?.tests[1]?.why,
        'test/cases',
        ['test/cases/loud.js', 'test/cases/loud.txt'],
      ],
      ['test/other.test.ts', undefined, undefined, undefined],
    ]);
    expect(main(planSchema.parse({ ...model, id: p.id }))).toBe(md);
  });
});
