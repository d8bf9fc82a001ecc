import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../src/app/plans.js';
import type { LintResult } from '../../src/planning/lint/lint.js';
import { writeFiles } from '../temp-project.js';
import { plansmith } from './cli.js';

/**
 * A small Python library, written for this test: a shelf of jars with one option declared like its
 * siblings, tests the runner collects by the project's own pattern (`check_*.py`), docs that document the
 * options, and news fragments for release notes. No web framework, no CLI.
 */
const LIBRARY: Record<string, string> = {
  'pyproject.toml': `[project]
name = "jars"
version = "0.3.0"
dependencies = []

[project.optional-dependencies]
dev = ["pytest", "ruff"]

[tool.pytest.ini_options]
testpaths = ["tests"]
python_files = ["check_*.py"]

[tool.ruff]
line-length = 100

[tool.towncrier]
directory = "changes"
`,
  'jars/__init__.py': 'from jars.shelf import Shelf\n\n__all__ = ["Shelf"]\n',
  'jars/settings.py': `SETTINGS = (
    ("max-jars", {"default": 3, "help": "How many jars fit on a shelf."}),
    ("strict-labels", {"default": False, "help": "Refuse blank labels."}),
)


def read_setting(options, name):
    """The value of a setting, or its default."""
    for key, spec in SETTINGS:
        if key == name:
            return options.get(key.replace("-", "_"), spec["default"])
    raise KeyError(name)
`,
  'jars/shelf.py': `from jars.settings import read_setting


class Shelf:
    """Jars in a row, up to a limit."""

    def __init__(self, label, options=None):
        self.label = label
        self.options = options or {}
        self.max_jars = read_setting(self.options, "max-jars")
        self.jars = []

    def add_jar(self, jar):
        if len(self.jars) > self.max_jars - 2:
            raise ValueError("the shelf is full")
        self.jars.append(jar)

    def label_text(self):
        return self.label.strip()


def count_jars(shelves):
    return sum(len(s.jars) for s in shelves)
`,
  'tests/check_shelf.py': `from jars import Shelf


def check_empty_shelf():
    assert Shelf("a").jars == []
`,
  'tests/helpers.py': 'def make_shelves(n):\n    return []\n',
  'docs/settings.rst': 'Settings\n========\n\n``max-jars``\n   How many jars fit on a shelf (default 3).\n',
  'changes/12.feature.rst': 'Shelves have labels.\n',
  'changes/13.bugfix.rst': 'Counting an empty pantry no longer fails.\n',
  'README.md': '# jars\n\nA tiny library of shelves and jars.\n',
  LICENSE: 'Permission is granted to use the shelf label text code.\n',
  'jars/text.py':
    'def wrap_text(text, width):\n    return [text[i : i + width] for i in range(0, len(text), width)]\n',
};

describe('plans as a change map, on a library written for the test (real CLI)', () => {
  let dir: string;
  const run = (args: string[], input?: string) =>
    plansmith(args, { cwd: dir, input, env: { PLANSMITH_MODEL: '' } });
  const plan = (text: string) => run(['plan', text, '--no-interactive', '--json']).json<PlanOutcome>();
  const steps = (o: PlanOutcome) => o.plan.phases.flatMap((p) => p.steps);
  const modified = (o: PlanOutcome) => steps(o).flatMap((s) => s.files_to_modify);
  const created = (o: PlanOutcome) => steps(o).flatMap((s) => s.files_to_create.map((f) => f.path));
  const checks = (o: PlanOutcome) => o.plan.phases.flatMap((p) => p.automated_checks.map((c) => c.command));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-change-map-'));
    writeFiles(dir, LIBRARY);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a bug report: reproduce in the covering test, fix at the named method, a bugfix fragment; no route, no service', () => {
    const o = plan(
      'Shelf.add_jar raises ValueError when the shelf still has room\n\nWith max-jars at 3, calling `add_jar` for the second jar raises ValueError. Expected: the jar is added.',
    );
    expect(o.plan.analysis.work_type).toBe('fix');
    const shelf = modified(o).find((f) => f.path === 'jars/shelf.py')!;
    expect(shelf.edit_points![0]).toMatchObject({
      symbol: 'Shelf.add_jar',
      start_line: 13,
      end_line: 16,
      signature: 'def add_jar(self, jar)',
    });
    // Extend the test file the runner collects, run just it, then the suite.
    expect(modified(o).map((f) => f.path)).toContain('tests/check_shelf.py');
    expect(checks(o)).toContain('pytest tests/check_shelf.py -k add_jar');
    // The release note in the project's format: a news fragment of the bugfix type.
    expect(created(o)).toEqual([expect.stringMatching(/^changes\/\+[a-z0-9-]+\.bugfix\.rst$/)]);
    expect(created(o).some((p) => /route|service|api/.test(p))).toBe(false);
    expect(o.plan.analysis.interfaces).not.toContain('HTTP API');
    const md = readFileSync(join(dir, o.files[0]!), 'utf8');
    expect(md).toContain('`Shelf.add_jar` (lines 13–16): `def add_jar(self, jar)`');
    expect(md).not.toMatch(/endpoint|@router|Depends\(/);
    expect(o.lint.ok, JSON.stringify(o.lint.findings)).toBe(true);
  });

  it('a report about what a class is given: the fix is its constructor, in its own file; files that only share its name and its type stub stay out of the fix', () => {
    const extra: Record<string, string> = {
      // A type stub: it describes Shelf, the behaviour lives in shelf.py.
      'jars/shelf.pyi': `class Shelf:
    label: str
    def __init__(self, label: str, options: dict | None = ...) -> None: ...
    def add_jar(self, jar: object) -> None: ...
    def label_text(self) -> str: ...
`,
      // Code that shares the word, not the cause.
      'jars/pantry.py': `class Pantry:
    def __init__(self):
        self.shelves = []

    def shelf_labels(self):
        return [s.label for s in self.shelves if s.label]

    def find_shelf(self, label):
        for shelf in self.shelves:
            if shelf.label == label:
                return shelf
        return None
`,
    };
    for (const [path, text] of Object.entries(extra)) writeFileSync(join(dir, path), text);
    const o = plan(
      'Refuse an empty label for shelves\n\nLater calls go wrong when a Shelf is given an empty label. It would help if a ValueError was raised when that happens.',
    );
    expect(o.plan.analysis.work_type).toBe('fix');
    const fix = o.plan.phases.find((p) => p.kind === 'implement')!;
    const files = fix.steps.flatMap((s) => s.files_to_modify);
    expect(files.map((f) => f.path)).toEqual(['jars/shelf.py']);
    expect(files[0]!.edit_points![0]).toMatchObject({ symbol: 'Shelf.__init__', start_line: 7 });
    expect(files[0]!.edit_points![0]!.why).toMatch(/the requirement names its class, Shelf/);
    expect(o.lint.ok, JSON.stringify(o.lint.findings)).toBe(true);
  });

  it('a setting the code already has: every place the plan cites is where it says, and no edit the precedent does not back', () => {
    const o = plan('Setting `max-jars` to 0 should mean a shelf without a limit');
    expect(o.plan.precedent?.requested?.name).toBe('max-jars');
    // Where it is declared is cited, with the line as the file has it.
    expect(JSON.stringify(o.plan)).toContain(
      'jars/settings.py:2 (`(\\"max-jars\\", {\\"default\\": 3, \\"help\\": \\"How many jars fit on a shelf.\\"}),`)',
    );
    // An edit point comes from the precedent's footprint ("<role>: as `<sibling>` does at file:line") or is not there.
    for (const f of modified(o))
      for (const e of f.edit_points ?? []) expect(e.why).toMatch(/^\w+: as `?[^`\s]+`? does at \S+:\d+/);
    expect(o.plan.not_doing.concat(o.plan.rollback, o.plan.security)).not.toContain(
      'No change for users who do not set the option',
    );
    expect(o.lint.ok, JSON.stringify(o.lint.findings)).toBe(true);
  });

  it('a feature extends the function it names, not every file that shares one word with it; no licence as docs', () => {
    const o = plan('Support a prefix in `Shelf.label_text`');
    expect(o.plan.analysis.work_type).toBe('feature');
    const paths = modified(o).map((f) => f.path);
    expect(modified(o).find((f) => f.path === 'jars/shelf.py')!.edit_points![0]!.symbol).toBe(
      'Shelf.label_text',
    );
    // `wrap_text` shares the word "text" and nothing else: not a place to extend.
    expect(paths).not.toContain('jars/text.py');
    expect(paths).not.toContain('LICENSE');
    expect(o.lint.ok, JSON.stringify(o.lint.findings)).toBe(true);
  });

  it('a requirement that names nothing in the code: no invented design, an open question instead', () => {
    const o = plan('Stream telemetry to the Grafana dashboards of the warehouse robots');
    expect(modified(o).filter((f) => !/\.(md|rst)$/.test(f.path))).toEqual([]);
    expect(o.plan.questions.map((q) => q.question).join('\n')).toMatch(/Which part of the code should/);
  });

  it('refine acts: "do not modify", "add a step", "split phase 2", "no new module"; the open task graph follows, done work untouched', () => {
    const o = plan(
      'Shelf.add_jar raises ValueError when the shelf still has room\n\nCalling `add_jar` for the second jar raises ValueError.',
    );
    expect(modified(o).map((f) => f.path)).toContain('jars/shelf.py');
    // Finish the first task (the build) in the store: a refine must never touch it.
    const first = run(['tasks', 'claim', '--plan', o.plan.id, '--owner', 'ana', '--json']).json<{
      id: string;
      task_name: string;
    }>();
    expect(first.task_name).toMatch(/^Build: /);
    expect(run(['tasks', 'done', first.id, '--owner', 'ana']).code).toBe(0);
    const r = run([
      'refine',
      o.files[0]!,
      '--feedback',
      'Do not modify jars/shelf.py. Add a step for logging refused jars. Split phase 2. No new module.',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const refined = r.json<PlanOutcome & { diff: string }>();
    expect(refined.plan.revision).toBe(2);
    expect(modified(refined).map((f) => f.path)).not.toContain('jars/shelf.py');
    expect(refined.plan.not_doing).toContain('No change to jars/shelf.py (on review)');
    expect(refined.plan.phases.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Fix the cause (1 of 2)', 'Fix the cause (2 of 2)']),
    );
    expect(refined.plan.revision_notes).toEqual([
      'No longer modifies jars/shelf.py (1 file(s)).',
      'Added a step to “Fix the cause”: logging refused jars.',
      'Split phase 2 (“Fix the cause”) in two.',
      expect.stringMatching(/^Left out: new module/),
    ]);
    // The task graph: the done build is left alone; the open test task gets the new inputs.
    const changes = refined.task_changes!;
    expect(changes.untouched_done).toEqual([first.id]);
    const test = refined.tasks.find((t) => t.task_name.startsWith('Test: '))!;
    expect(changes.revised).toContain(test.id);
    expect((test.inputs as { files_to_test: string[] }).files_to_test).not.toContain('jars/shelf.py');
    expect(run(['tasks', 'show', first.id, '--json']).json<{ task: { status: string } }>().task.status).toBe(
      'done',
    );
    expect(refined.diff).toMatch(/Task graph:\n~ task .* Test: /);
  });

  it('lint checks what a hand-written plan promises', () => {
    writeFileSync(
      join(dir, 'plan.md'),
      `# Implementation plan: labels

## Implementation steps

**Files to create:**
- \`jars/label-rules.py\` — new rules
- \`tests/test_labels.py\` — tests

**Files to modify:**
- \`jars/shelf.py\` — labels
  - \`Shelf.add_jar\` (lines 13–16): \`def add_jar(self, jar)\` — where jars are added
  - \`Shelf.remove_jar\` (lines 18–19) — does not exist

## Tests

\`\`\`bash
pytest --watch
\`\`\`

## Security

None.

## Rollback

Revert.

## Open questions

None.

## Handoffs

### Phase 1 → \`docs-writer\`

Write the docs.
`,
    );
    const r = run(['lint', 'plan.md', '--json']);
    expect(r.code).toBe(1);
    const res = r.json<LintResult>();
    const rules = res.findings.map((f) => `${f.line}:${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        '6:module-name',
        '7:test-collected',
        '12:edit-point',
        '17:command-terminates',
        '34:handoff-target',
      ]),
    );
    // The edit point that is right is not reported.
    expect(rules).not.toContain('11:edit-point');
  });
});
