import { describe, expect, it } from 'vitest';
import { handWrittenPlan } from '../../../test/hand-plan.js';
import { tempProjects } from '../../../test/temp-project.js';
import { type Plan, type PlanStyle, planSchema } from '../../domain/plan.js';
import { precedentSchema } from '../../domain/precedent.js';
import { emptyProfile } from '../../explore/profile.js';
import { mainArtefact } from '../../workspace/paths.js';
import { renderPlan } from '../../workspace/render.js';
import { claimedPrecedents, groundingProblems } from '../grounding.js';
import { lint, lintSource } from '../lint/lint.js';
import { withoutRequest } from './check-plan.js';
import { newClaimClauses } from './claim-precedent.js';
import { claimNewProblem } from './claims.js';
import type { CheckContext } from './context.js';

const project = tempProjects('claims');

// A small Python tool in our own words whose `--limit` option already exists.
const root = project({
  'pyproject.toml': '[project]\nname = "tallypy"\n',
  'tally/cli.py': [
    'import click',
    '',
    '',
    '@click.command()',
    '@click.option("--limit", default=3)',
    'def count_command(limit):',
    '    return tally(limit)',
    '',
    '',
    'class Counter:',
    '    def bump(self, n):',
    '        return n + 1',
    '',
    '    def reset(self):',
    '        return 0',
    '',
  ].join('\n'),
  'tally/core.py':
    'def tally(limit):\n    return list(range(limit))\n\n\ndef tally_all():\n    return tally(10)\n',
});
const profile = emptyProfile();

/** A plan that calls the met `--limit` option new, written by a model. */
function plan(style: PlanStyle): Plan {
  return planSchema.parse({
    id: '01JCLAIMPLAN000000000000000',
    revision: 1,
    title: 'Add a new --limit option',
    slug: 'limit-option',
    style,
    status: 'draft',
    engine: 'llm',
    created_at: '2026-12-05T10:00:00.000Z',
    requirement: { text: 'let people cap how many items a count shows', sources: [] },
    analysis: { work_type: 'feature', summary: 'The count command gets a --limit option.' },
    research: { stack: ['Python'], findings: [], read_first: [] },
    tests: { strategy: 'A unit test of the option.', cases: [] },
    precedent: {
      requested: { kind: 'option', name: '--limit', spellings: ['--limit', 'limit'] },
      verdict: 'met',
      evidence: [{ file: 'tally/cli.py', line: 5, text: '@click.option("--limit", default=3)' }],
    },
    phases: [
      {
        id: 'p1',
        title: 'Option',
        goal: 'The option exists.',
        kind: 'implement',
        steps: [
          {
            title: 'Introduce the --limit option from scratch',
            detail: 'Pass the value on to `tally` in `tally/core.py`.',
            files_to_create: [],
            files_to_modify: [{ path: 'tally/cli.py', why: 'the option' }],
          },
        ],
        automated_checks: [],
        manual_checks: [],
        estimate_minutes: 20,
      },
    ],
  });
}

const lintOf = (style: PlanStyle) => {
  const p = plan(style);
  const md = renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
  return lintSource(md, 'plan.md', { root, profile }).findings;
};
const distinct = (xs: string[]) => [...new Set(xs)].sort();

describe('claims: lint and the gate', () => {
  for (const style of ['feature', 'phased'] as PlanStyle[])
    it(`${style}: lint reads the verdict the plan file records and gives the gate's findings, with its messages`, () => {
      const gate = groundingProblems(plan(style), root, profile).map((p) => p.replace(/^[^:]+: /, ''));
      const lint = lintOf(style)
        .filter((f) => f.severity === 'error')
        .map((f) => f.message);
      expect(
        gate.some((m) => /calls --limit new, but the code already has it \(tally\/cli\.py:5/.test(m)),
      ).toBe(true);
      expect(distinct(lint)).toEqual(distinct(gate));
    });

  it('without a recorded verdict there is nothing to judge "new" against', () => {
    const p = { ...plan('feature'), precedent: undefined };
    const md = renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
    expect(
      lintSource(md, 'plan.md', { root, profile }).findings.filter((f) => f.rule === 'claim-new'),
    ).toEqual([]);
  });
});

describe('claims: a symbol named where it is not', () => {
  const ctxFacts = (text: string) =>
    groundingProblems(
      planSchema.parse({
        ...plan('feature'),
        precedent: undefined,
        title: 'Cap the count',
        phases: [
          {
            id: 'p1',
            title: 'Cap',
            kind: 'implement',
            steps: [
              {
                title: 'Cap the count',
                detail: text,
                files_to_create: [],
                files_to_modify: [{ path: 'tally/cli.py', why: 'the option' }],
              },
            ],
          },
        ],
      }),
      root,
      profile,
    ).filter((p) => /names `/.test(p));

  it('accepts a symbol in every form where the file has it', () => {
    for (const t of [
      'Call `tally` in `tally/core.py`.',
      '`tally/core.py`: `tally_all` calls it.',
      'See `tally()` (tally/core.py:2).',
      'It calls `tally()` (tally/core.py:6).',
      'See `tally_all()` (`tally/core.py:5`).',
      '`Counter.bump` in `tally/cli.py` adds one.',
      '`count_command` at `tally/cli.py:4` is decorated.',
      '`click` in `tally/cli.py` is imported.',
    ])
      expect(ctxFacts(t), t).toEqual([]);
  });

  it('refuses a symbol the file lacks in every form, naming the closest it has', () => {
    const cases: Array<[string, RegExp]> = [
      [
        'Call `tally_everything` in `tally/core.py`.',
        /`tally_everything` in tally\/core\.py.*closest it has: .*`tally_all` at 5–6/,
      ],
      ['`tally/core.py`: `talley` does it.', /`talley` in tally\/core\.py.*closest it has: `tally` at 1–2/],
      [
        'See `count_items()` (tally/cli.py:6).',
        /`count_items` in tally\/cli\.py.*closest it has: `count_command` at 4–7/,
      ],
      [
        '`Counter.bumps` in `tally/cli.py` adds one.',
        /`Counter\.bumps` in tally\/cli\.py.*closest it has: `Counter\.bump` at 11–12/,
      ],
      ['See `tally()` (tally/core.py:5).', /`tally` at tally\/core\.py:5, but it is at 1–2/],
    ];
    for (const [t, want] of cases) {
      const got = ctxFacts(t);
      expect(got.length, t).toBe(1);
      expect(got[0], t).toMatch(want);
    }
  });

  it('an edit point on a symbol the file lacks names the closest one', () => {
    const p = planSchema.parse({
      ...plan('feature'),
      precedent: undefined,
      phases: [
        {
          id: 'p1',
          title: 'Cap',
          steps: [
            {
              title: 'Cap the count',
              files_to_modify: [
                {
                  path: 'tally/cli.py',
                  why: 'the option',
                  edit_points: [{ symbol: 'Counter.resets', start_line: 14, end_line: 15 }],
                },
              ],
            },
          ],
        },
      ],
    });
    const got = groundingProblems(p, root, profile).filter((m) => m.includes('edit_points'));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(
      /has no function, method or class `Counter\.resets` \(the closest it has: `Counter\.reset` at 14–15/,
    );
  });
});

/** The check context of a plan whose `--limit` option the precedent analysis found already there. */
const met = {
  precedent: precedentSchema.parse({
    requested: { kind: 'option', name: '--limit', spellings: ['--limit', 'limit'], named: true },
    verdict: 'met',
    evidence: [{ file: 'tally/cli.py', line: 5, text: '@click.option("--limit", default=3)' }],
  }),
} as unknown as CheckContext;

describe('a claim of "new" is about the thing, not a word near it', () => {
  it('flags a verb or adjective before the name in its clause', () => {
    expect(claimNewProblem(met, 'Add a new `--limit` option to the count command')).toMatch(
      /calls --limit new/,
    );
    expect(claimNewProblem(met, 'Introduce `--limit`')).toMatch(/calls --limit new/);
  });
  it('a name inside a longer identifier is not the name: a test to add named after it', () => {
    expect(
      claimNewProblem(met, 'Add `test_limit` like `test_depth` (tests/test_cli.py:40) for it'),
    ).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit-rows` beside it')).toBeNull();
    expect(claimNewProblem(met, 'Add `limit`, as the others')).toMatch(/calls --limit new/);
    // A man page's template is a page: the name is documented there, not made.
    expect(claimNewProblem(met, 'Add `--limit` to `assets/manual/tally.1.in`')).toBeNull();
  });
  it('leaves a title, a negation and a word after the name alone', () => {
    expect(claimNewProblem(met, 'Implementation plan: Setting `--limit` to 0 should mean no cap')).toBeNull();
    expect(
      claimNewProblem(
        met,
        'No test exercises `--limit`, and no new file name could be made that pytest collects',
      ),
    ).toBeNull();
  });
});

/** A plan a person wrote by hand, on the tally project. */
const byHand = (step: string, path = 'tally/cli.py') => handWrittenPlan(step, path);

describe('claims: lint asks the precedent analysis when the plan records no verdict', () => {
  it('a hand-written plan that calls the existing `--limit` option new is a finding, worded as the gate words it', async () => {
    const md = byHand('Add a new `--limit` option to the count command.');
    const found = (await lint(md, 'plan.md', { root, profile })).findings.filter(
      (f) => f.rule === 'claim-new',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(
      /^this calls --limit new, but the code already has it \(tally\/cli\.py:5/,
    );
    // The same plan as a model without a verdict: the gate asks the same analysis and says the same.
    const model = { ...plan('feature'), precedent: undefined };
    model.phases[0]!.steps[0]!.title = 'Add a new `--limit` option to the count command';
    const claimed = await claimedPrecedents(model, root, profile);
    const gate = groundingProblems(model, root, profile, claimed).filter((p) => /calls --limit new/.test(p));
    expect(distinct(gate.map((p) => p.replace(/^[^:]+: /, '')))).toEqual([found[0]!.message]);
    // lintSource, which never asks, finds nothing: the finding comes from the analysis, not the text.
    expect(
      lintSource(md, 'plan.md', { root, profile }).findings.filter((f) => f.rule === 'claim-new'),
    ).toEqual([]);
  });

  it('a genuinely new option called new is not a finding', async () => {
    const md = byHand('Add a new `--max-rows` option to the count command.');
    expect(
      (await lint(md, 'plan.md', { root, profile })).findings.filter((f) => f.rule === 'claim-new'),
    ).toEqual([]);
  });

  it('a tree with no recognisable declarations gives no finding', async () => {
    const bare = project({
      'README.md': '# notes\n\nA folder of notes; the word limit appears here: --limit.\n',
      'notes/todo.txt': 'limit the list\n',
    });
    const md = byHand('Add a new `--limit` option to the tool.', 'README.md');
    const r = await lint(md, 'plan.md', { root: bare, profile });
    expect(r.findings.filter((f) => f.rule === 'claim-new')).toEqual([]);
  });

  it('asks nothing when no clause calls a named thing new (tests for it, or no kind word)', () => {
    expect(newClaimClauses(['Add tests for `--limit` in the count command.'])).toEqual([]);
    expect(newClaimClauses(['Call `tally` from the command.'])).toEqual([]);
    // A model's or an imported plan's text: the flag without code spans.
    expect(newClaimClauses(['Introduce a new --limit option for the count'])).toEqual([
      'Introduce a new --limit option for the count',
    ]);
    expect(newClaimClauses(['Add a new `--limit` option; keep `tally` as it is.'])).toEqual([
      'Add a new `--limit` option',
    ]);
  });
});

describe('claims: the request quoted is not the plan calling it new', () => {
  // A plan that finds the requested option already there: its title and summary repeat the request.
  const metPlan = (stepTitle: string, requirement = 'Add a --limit option to the count command') =>
    planSchema.parse({
      ...plan('feature'),
      title: requirement,
      requirement: { text: requirement, sources: [] },
      analysis: {
        work_type: 'feature',
        summary: `${requirement}. Already met: \`--limit\` exists (tally/cli.py:5).`,
      },
      phases: [{ ...plan('feature').phases[0]!, steps: [{ title: stepTitle, files_to_modify: [] }] }],
    });
  const newClaims = (p: Plan) =>
    groundingProblems(p, root, profile).filter((m) => /calls --limit new/.test(m));

  it('the gate and lint leave the title and summary that repeat the request alone', () => {
    const p = metPlan('Confirm `--limit` does what is asked');
    expect(newClaims(p)).toEqual([]);
    const md = renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
    expect(
      lintSource(md, 'plan.md', { root, profile }).findings.filter((f) => f.rule === 'claim-new'),
    ).toEqual([]);
  });

  it('a step that adds a release note named after it is no claim, at the gate and in lint (its heading loses the code marks)', () => {
    const p = metPlan('Add the release note `changelog/+add-limit.feature.rst`');
    expect(newClaims(p)).toEqual([]);
    const md = renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
    expect(md).toContain('Add the release note `changelog/+add-limit.feature.rst`');
    expect(
      lintSource(md, 'plan.md', { root, profile }).findings.filter((f) => f.rule === 'claim-new'),
    ).toEqual([]);
  });

  it('a step of the same plan that designs the option again is still a finding, at the gate and in lint', () => {
    const p = metPlan('Add a new `--limit` option in `tally/cli.py`');
    expect(newClaims(p).map((m) => m.replace(/:.*/, ''))).toEqual(['phases[0].steps[0].title']);
    const md = renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
    expect(
      lintSource(md, 'plan.md', { root, profile }).findings.filter((f) => f.rule === 'claim-new'),
    ).toHaveLength(1);
  });

  it('a title that says more than the request is still read', () => {
    const p = {
      ...metPlan('Confirm `--limit` does what is asked'),
      title: 'Add a new --limit option from scratch',
    };
    expect(newClaims(p).map((m) => m.replace(/:.*/, ''))).toEqual(['title']);
  });
});

describe('claims: a name inside code is not a clause', () => {
  it('a constructor call that spells the name (`Arg::new("limit")`) calls nothing new', () => {
    expect(claimNewProblem(met, 'The code has it: src/args.rs:9 (`Arg::new("limit")`).')).toBeNull();
    expect(claimNewProblem(met, 'See `Limit::new` and `set_limit` in src/args.rs.')).toBeNull();
  });
  it('prose before a code span that holds the name still counts', () => {
    expect(claimNewProblem(met, 'Add a new `--limit` flag')).toMatch(/calls --limit new/);
    expect(claimNewProblem(met, 'Add `limit` as an option')).toMatch(/calls --limit new/);
  });
});

describe('claims: a setting registered by its quoted name is in its file', () => {
  const conf = project({
    'docs_tool/ext/mathy.py': [
      'def setup(app):',
      "    app.add_config_value('mathy_path', '', 'html')",
      "    app.add_config_value('mathy_inline', ('\\\\(', '\\\\)'), 'html')",
      '',
    ].join('\n'),
  });
  const said = (detail: string) =>
    groundingProblems(
      planSchema.parse({
        ...plan('feature'),
        precedent: undefined,
        title: 'Add a setting',
        phases: [
          {
            id: 'p1',
            title: 'Setting',
            steps: [
              {
                title: 'Register it',
                detail,
                files_to_modify: [{ path: 'docs_tool/ext/mathy.py', why: 'x' }],
              },
            ],
          },
        ],
      }),
      conf,
      profile,
    ).filter((p) => /names `/.test(p));
  it('as the sibling with its line, or in its file', () => {
    expect(said('Register it as `mathy_path` (docs_tool/ext/mathy.py:2) is.')).toEqual([]);
    expect(said('Read it where `mathy_inline` in `docs_tool/ext/mathy.py` is read.')).toEqual([]);
  });
  it('a name the file neither defines nor registers is still refused', () => {
    expect(said('Register it as `mathy_config` (docs_tool/ext/mathy.py:2) is.')).toHaveLength(1);
  });
});

describe('claims: adding something about the thing is not calling it new', () => {
  it('the cases or a docs entry for it, or its name added to a page or a test file', () => {
    expect(claimNewProblem(met, 'Add the cases for `limit` beside them.')).toBeNull();
    expect(claimNewProblem(met, 'Add a docs entry for `--limit`.')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `docs/index.md`')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `tests/test_cli.py`')).toBeNull();
  });
  it("a commit's subject the plan quotes is not the plan's claim; a quoted name still is", () => {
    expect(
      claimNewProblem(
        met,
        '`tests/test_cli.py`: the commit that added `limit` (1cf8e4c8d6, "fix #36: new option `--limit`") changed this file.',
      ),
    ).toBeNull();
    expect(claimNewProblem(met, 'Add a new "--limit" option for the count')).toMatch(/calls --limit new/);
  });
  it('its entry in a schema or a type stub that describes what the code declares', () => {
    expect(claimNewProblem(met, 'Add `--limit` to `site/public/schema-tallyrc.json`')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `tally/cli.pyi`')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `types/index.d.ts`')).toBeNull();
    // A man page's source in a `man/` folder, with no section number in its name.
    expect(claimNewProblem(met, 'Add `--limit` to `man/page`')).toBeNull();
    // A JSON file that is no schema is still code or data the change makes.
    expect(claimNewProblem(met, 'Add `--limit` to `tally/defaults.json`')).toMatch(/calls --limit new/);
  });
  it('adding it to code is still a claim', () => {
    expect(claimNewProblem(met, 'Add `--limit` to `tally/cli.py`')).toMatch(/calls --limit new/);
    expect(claimNewProblem(met, 'Add a new `--limit` option for the count')).toMatch(/calls --limit new/);
  });
});

describe('claims: the request quoted with other marks, or its first sentence, and file names', () => {
  it('a summary that opens with the request, marked up differently, is not a claim', () => {
    const request = 'Add ``--limit`` to cap the (``/all/``) listing. It should default to ten.';
    const said = withoutRequest(
      'Add ``--limit`` to cap the (``/all/``) listing. Already met: `--limit` exists.',
      request,
    );
    expect(claimNewProblem(met, said)).toBeNull();
    expect(claimNewProblem(met, withoutRequest('Add a new --limit option', request))).toMatch(
      /calls --limit new/,
    );
  });
  it('a request that sets a word in underscore emphasis, quoted without it, is not a claim (named)', () => {
    const request =
      'Added a new option `--limit` to make _tally_ stop at ten rows. It reads the `max_rows` key.';
    const said = withoutRequest(
      'Implementation plan: Added a new option --limit to make tally stop at ten rows. It reads…',
      request,
    );
    expect(claimNewProblem(met, said)).toBeNull();
    expect(claimNewProblem(met, withoutRequest('Add a new --limit option', request))).toMatch(
      /calls --limit new/,
    );
  });
  it('the name inside a file name, or added to completions, is no claim', () => {
    expect(claimNewProblem(met, 'Add the release note `changelog/+add-limit.feature.rst`')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `contrib/completion/_tally`')).toBeNull();
    expect(claimNewProblem(met, 'Add `--limit` to `assets/completions/tally.ps1.in`')).toBeNull();
    // A heading read as plain text keeps the path without its code marks.
    expect(
      claimNewProblem(met, '3. Add the release note changelog/+add-limit.feature.rst (The gap)'),
    ).toBeNull();
    expect(claimNewProblem(met, 'Add the release note changelog/+add-limit.feature.rst.')).toBeNull();
  });
  it('a name beside a path, not inside it, is still a claim', () => {
    expect(claimNewProblem(met, 'Add a new limit option in tally/cli.py')).toMatch(/calls --limit new/);
    expect(claimNewProblem(met, 'Add a new `--limit` option (tally/cli.py)')).toMatch(/calls --limit new/);
  });
});
