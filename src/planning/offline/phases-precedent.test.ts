import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { offlineWork } from '../../../test/offline-work.js';
import { writeFiles } from '../../../test/temp-project.js';
import type { Phase, Plan } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import type { Precedent } from '../../domain/precedent.js';
import { precedentSchema } from '../../domain/precedent.js';
import { explore } from '../../explore/explore.js';
import { phasesFor } from './phases.js';
import { precedentPhases } from './phases-precedent.js';
import { applyFeedback } from './refine.js';
import { summaryOf, testCases, testStrategy } from './sections.js';

/** A small Python library written for this test: settings declared in a table, read by a class, tested, documented. */
const TREE: Record<string, string> = {
  'pyproject.toml':
    '[project]\nname = "crates"\nversion = "1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  // A help output the test runner recorded (left out of the inventory as generated; read for the plan).
  'tests/snapshots/cli__help.snap': '  --max-crates N  How many crates a stack holds.\n',
  'crates/settings.py': `OPTIONS = {
    "max-crates": {"default": 4, "help": "How many crates a stack holds."},
    "label-width": {"default": 20, "help": "Columns a label may use."},
}


def option(values, name):
    return values.get(name, OPTIONS[name]["default"])
`,
  'crates/stack.py': `from crates.settings import option


class Stack:
    def __init__(self, values=None):
        self.values = values or {}
        self.max_crates = option(self.values, "max-crates")
        self.crates = []

    def push(self, crate):
        if len(self.crates) >= self.max_crates:
            raise ValueError("full")
        self.crates.append(crate)
`,
  'tests/test_stack.py': `from crates.stack import Stack


def test_max_crates_default():
    assert Stack().max_crates == 4
`,
  'docs/options.md': '# Options\n\n## max-crates\n\nHow many crates a stack holds.\n',
};

type PrecedentIn = z.input<typeof precedentSchema>;
/** The fixture project's folder: the core gives each place the line it read there (`text`, trimmed), so do these. */
let root = '';
const lineOf = <T extends { file: string; line?: number; text?: string }>(x: T): T => {
  const path = join(root, x.file);
  if (x.text || !x.line || !existsSync(path)) return x;
  return { ...x, text: readFileSync(path, 'utf8').split('\n')[x.line - 1]?.trim() ?? '' };
};
const precedent = (p: Partial<PrecedentIn>): Precedent => {
  const q = precedentSchema.parse({ verdict: 'new', ...p });
  return {
    ...q,
    evidence: q.evidence.map(lineOf),
    candidates: q.candidates.map(lineOf),
    uses: q.uses.map(lineOf),
    footprint: q.footprint.map(lineOf),
    ...(q.effect ? { effect: { ...q.effect, at: q.effect.at.map(lineOf) } } : {}),
  };
};
type Foot = NonNullable<PrecedentIn['footprint']>[number];
/** A footprint entry the analysis found by occurrence: code unless `more` says another area. */
const at = (file: string, line: number, role: Foot['role'], why = '', more: Partial<Foot> = {}): Foot => ({
  ...{ file, line, role, area: 'code', source: 'occurrence', why },
  ...more,
});

describe('the plan follows the precedent', () => {
  let dir: string;
  const work = (requirement: string, p: Precedent | null) => offlineWork(dir, requirement, p);
  const files = (phases: ReturnType<typeof precedentPhases>) =>
    phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-precedent-'));
    root = dir;
    writeFiles(dir, TREE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sibling = { name: 'max-crates', kind: 'setting', file: 'crates/settings.py', line: 2 };
  const footprint: NonNullable<PrecedentIn['footprint']> = [
    at('crates/settings.py', 2, 'registration'),
    at('crates/stack.py', 7, 'read', '', { symbol: 'Stack.__init__' }),
    at('docs/options.md', 3, 'docs', '', { area: 'docs' }),
    at('tests/test_stack.py', 4, 'test', '', { area: 'test' }),
  ];

  it('new: one edit point per footprint entry, as the sibling does at file:line, and the file that tests the sibling', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      tests: [{ file: 'tests/test_stack.py', command: '', selects: ['test_max_crates_default'] }],
    });
    const phases = precedentPhases(w);
    const stack = files(phases).find((f) => f.path === 'crates/stack.py')!;
    expect(stack.edit_points).toEqual([
      expect.objectContaining({ symbol: 'Stack.__init__', start_line: 5, end_line: 8 }),
    ]);
    expect(stack.edit_points![0]!.why).toBe('read: as max-crates does at crates/stack.py:7');
    const build = phases.find((p) => p.kind === 'implement')!;
    // The line is quoted as the file has it.
    expect(build.steps.map((s) => s.detail).join('\n')).toContain(
      'crates/settings.py:2 (`"max-crates": {"default": 4, "help": "How many crates a stack holds."},`)',
    );
    expect(files(phases).map((f) => f.path)).toEqual([
      'crates/settings.py',
      'crates/stack.py',
      'tests/test_stack.py',
      'docs/options.md',
    ]);
    // The new case goes beside the sibling's tests; the file runs whole, not a selection of old names.
    const tests = phases.find((p) => p.kind === 'test')!;
    expect(tests.automated_checks[0]!.command).toBe('pytest tests/test_stack.py');
    expect(w.questions).toEqual([]);
  });

  it("nothing requested, the named command's code changed: its tests from the precedent, never a file named after the requirement", () => {
    const req = 'Let `crates push` refuse a crate that is too heavy';
    const effect = {
      says: 'refuse a crate that is too heavy',
      at: [
        {
          file: 'crates/stack.py',
          line: 10,
          text: 'def push(self, crate):',
          symbol: 'Stack.push',
          why: '`push` runs the command the request names',
          sure: true,
        },
      ],
    };
    const w = work(req, null);
    w.newTest = 'tests/test_let_crates_push.py';
    w.covering = null;
    w.precedent = precedent({
      verdict: 'unsure',
      effect,
      tests: [
        {
          file: 'tests/test_stack.py',
          why: 'the tests of `crates push`, the command the requirement names: 2 tests here run it',
          uses: 0,
        },
      ],
    });
    const tests = precedentPhases(w).find((p) => p.kind === 'test')!;
    expect(tests.steps.map((s) => s.title)).toEqual(['Add the cases to `tests/test_stack.py`']);
    expect(tests.goal).toBe(
      'The cases for the change go into `tests/test_stack.py` (the tests of crates push, the command the requirement names: 2 tests here run it).',
    );
    // No test of it found: the runner is said, no file made of the requirement's words.
    const none = work(req, null);
    none.newTest = 'tests/test_let_crates_push.py';
    none.covering = null;
    none.precedent = precedent({ verdict: 'unsure', effect, tests: [] });
    const bare = precedentPhases(none).find((p) => p.kind === 'test')!;
    expect(bare.steps.flatMap((s) => s.files_to_create)).toEqual([]);
    expect(bare.steps[0]!.title).toBe('Write the tests');
  });

  it('the summary joins the requirement and the conclusion with one full stop', () => {
    const w = work('Add a setting `max-labels` to cap how many labels a stack shows.', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
    });
    precedentPhases(w); // sets the conclusion the summary ends with
    const s = summaryOf(w, []);
    expect(s).toMatch(/^Add a setting `max-labels` to cap how many labels a stack shows\. New: /);
    expect(s).not.toContain('..');
  });

  it('where the new thing takes effect: a sure place is an edit point and in the summary; an unsure one only named, hedged', () => {
    const w = work('Add a setting `max-labels` to cap how many labels a stack shows', null);
    const effect = {
      says: 'to cap how many labels a stack shows',
      at: [
        {
          file: 'crates/stack.py',
          line: 11,
          text: '',
          symbol: 'Stack.push',
          why: '`x` is named for "a b c"',
          sure: true,
        },
        {
          file: 'crates/settings.py',
          line: 7,
          text: '',
          symbol: 'option',
          why: '`option` is named for "a b"',
        },
      ],
    };
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      effect,
    });
    const phases = precedentPhases(w);
    const s = phases
      .flatMap((p) => p.steps)
      .find((x) => x.title.startsWith('Where `max-labels` takes effect'))!;
    expect(s.detail).toBe(
      'What it does, in the request\'s words: "to cap how many labels a stack shows". The code that does that: `Stack.push` at crates/stack.py:11 (`if len(self.crates) >= self.max_crates:`): `x` is named for "a b c"; `option` at crates/settings.py:7 (`def option(values, name):`): `option` is named for "a b" (unsure: read it before editing).',
    );
    expect(s.files_to_modify).toEqual([
      expect.objectContaining({
        path: 'crates/stack.py',
        edit_points: [expect.objectContaining({ symbol: 'Stack.push' })],
      }),
    ]);
    expect(w.conclusion).toContain(
      'What it does, in the request\'s words: "to cap how many labels a stack shows"; the code does that in `Stack.push` (crates/stack.py:11).',
    );
    // Unsure only: named, hedged, no file to edit and nothing said of it in the summary.
    const v = work('Add a setting `max-labels` to cap how many labels a stack shows', null);
    v.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      effect: { ...effect, at: [effect.at[1]!] },
    });
    const u = precedentPhases(v)
      .flatMap((p) => p.steps)
      .find((x) => x.title.startsWith('Where'))!;
    expect(u.detail).toContain('Perhaps where the code does that: `option` at crates/settings.py:7');
    expect(u.files_to_modify).toEqual([]);
    expect(v.conclusion).toMatch(/"to cap how many labels a stack shows"\.$/);
    // Only the name says what it does: the step says so, the summary quotes nothing.
    const named = work('Add the `max-labels` setting', null);
    named.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      effect: { says: 'max-labels', at: [effect.at[1]!] },
    });
    const n = precedentPhases(named)
      .flatMap((p) => p.steps)
      .find((x) => x.title.startsWith('Where'))!;
    expect(n.detail).toMatch(
      /^Its name says what it does: `max-labels`\. Perhaps where the code does that: `option`/,
    );
    expect(named.conclusion).not.toContain('in the request');
    // Two sure places in one file: one file to modify, with both edit points.
    const two = work('Add a setting `max-labels` to cap how many labels a stack shows', null);
    two.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      effect: { ...effect, at: [effect.at[0]!, { ...effect.at[0]!, line: 6, symbol: 'Stack.__init__' }] },
    });
    const both = precedentPhases(two)
      .flatMap((p) => p.steps)
      .find((x) => x.title.startsWith('Where'))!;
    expect(both.files_to_modify).toEqual([
      expect.objectContaining({
        path: 'crates/stack.py',
        edit_points: [
          expect.objectContaining({ symbol: 'Stack.push' }),
          expect.objectContaining({ symbol: 'Stack.__init__' }),
        ],
      }),
    ]);
  });
  it('which footprint lines become edit points: a decorator belongs to its function; a docstring, or a read in another top-level folder, is no place', () => {
    writeFiles(dir, {
      'crates/cli.py':
        'import click\n\n\n@click.command()\n@click.option(\n    "--max-crates",\n    type=int,\n)\ndef main(max_crates):\n    """Stack crates; see --max-crates."""\n    return max_crates\n',
      'bin/crates-run':
        '#!/usr/bin/env python3\nimport argparse\nargparse.ArgumentParser().add_argument("--max-crates")\n',
      'tools/bundle.py': 'MAX = "--max-crates"\n',
    });
    const w = work('Add a `--max-labels` option that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'option', name: '--max-labels', spellings: ['max_labels'] },
      sibling: { name: '--max-crates', kind: 'option', file: 'crates/cli.py', line: 6 },
      footprint: [
        at('crates/cli.py', 6, 'registration'),
        // The core's judgement of a line that names it in a docstring (`proseLines`), followed as it says.
        at(
          'crates/cli.py',
          10,
          'other',
          'mentions `--max-crates` in a docstring or other triple-quoted string, no use of it',
        ),
        at('bin/crates-run', 3, 'registration'),
        at('tools/bundle.py', 1, 'read'),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const changed = build.steps.flatMap((s) => s.files_to_modify);
    // The option's line sits in the decorator stack over `def main`: main is the edit point.
    expect(changed.find((f) => f.path === 'crates/cli.py')!.edit_points).toEqual([
      expect.objectContaining({ symbol: 'main', start_line: 9 }),
    ]);
    // The docstring's mention is not quoted as a place to read the option.
    expect(build.steps.map((s) => s.detail).join('\n')).not.toContain('crates/cli.py:10');
    // A Rust attribute spelling the sibling is code, not a comment (a `#` line is one only where `#` comments).
    w.precedent = precedent({
      ...w.precedent,
      footprint: [
        ...w.precedent.footprint,
        at('crates/cli.py', 7, 'other', 'names `--max-crates`', { text: '#[arg(long = "max-crates")]' }),
      ],
    });
    const again = precedentPhases(w).flatMap((p) => p.steps);
    expect(again.map((s) => s.detail).join('\n')).toContain('crates/cli.py:7');
    // An executable without an extension is source (by its #! line); a mere read in another top-level folder
    // (`tools/`) is not followed.
    expect(changed.map((f) => f.path).sort()).toEqual(['bin/crates-run', 'crates/cli.py']);
    // The file left out is named with its own reason, not a list of every reason there could be.
    expect(w.facts.join('\n')).toContain('`tools/bundle.py` (only read in another top-level folder)');
  });

  it("another side's model (`of`): followed in any folder, said with its own why, never as the sibling", () => {
    writeFiles(dir, {
      'crates/cli.py': 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--max-crates")\n',
      'rc/keys.py':
        'KEYS = {\n    "label-width": 20,\n}\n\n\ndef merged(a, b):\n    return {"label-width": b.get("label-width", a["label-width"])}\n',
    });
    const w = work(
      'Add a `--max-labels` option and `max-labels` rc key that cap the labels of a stack',
      null,
    );
    const why = 'declares the rc key `label-width`: `max-labels` is declared beside it';
    w.precedent = precedent({
      requested: { kind: 'option', name: '--max-labels', spellings: ['max_labels'] },
      sibling: { name: '--max-crates', kind: 'option', file: 'crates/cli.py', line: 3 },
      footprint: [
        at('crates/cli.py', 3, 'registration'),
        at('rc/keys.py', 2, 'type', why, { of: 'label-width' }),
        at('rc/keys.py', 7, 'serialization', 'merges the rc key `label-width`', {
          of: 'label-width',
          symbol: 'merged',
        }),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const text = build.steps.map((s) => s.detail).join('\n');
    expect(build.steps.flatMap((s) => s.files_to_modify).map((f) => f.path)).toEqual([
      'crates/cli.py',
      'rc/keys.py',
    ]);
    expect(text).toContain(
      `Declare the type of \`--max-labels\` at rc/keys.py:2 (\`"label-width": 20,\`) (${why}); Add to the list \`--max-labels\` at rc/keys.py:7`,
    );
    expect(text).not.toMatch(/as `--max-crates` does at rc\/keys\.py/);
  });

  it("a one-word flag's word read by itself in another file is no place; its flag, its options holder or a longer name is", () => {
    writeFiles(dir, {
      'shelf/cli.py':
        'import argparse\np = argparse.ArgumentParser()\np.add_argument("--sort", action="store_true")\nargs = p.parse_args()\n',
      'shelf/books.py': 'def shelve(items):\n    return items.sort()\n',
      'shelf/report.py': 'def report(config):\n    if config.sort:\n        return 1\n',
      'shelf/order.py': 'PASSED = ["--sort", "--pack"]\n',
      'shelf/keys.py': 'def ordered(names, sort_key):\n    return sorted(names, key=sort_key)\n',
      'shelf/run.py': 'def run(values):\n    return values.get("sort")\n',
    });
    const w = work('Add a `--reverse` flag that reverses the order of the shelf', null);
    const at = (file: string, line: number, role: 'registration' | 'read', id: string, text: string) =>
      ({ file, line, role, area: 'code', source: 'occurrence', why: `names \`${id}\``, text }) as const;
    w.precedent = precedent({
      requested: { kind: 'flag', name: '--reverse', spellings: ['reverse'] },
      sibling: { name: '--sort', kind: 'flag', file: 'shelf/cli.py', line: 3 },
      footprint: [
        at('shelf/cli.py', 3, 'registration', 'sort', 'p.add_argument("--sort", action="store_true")'),
        at('shelf/books.py', 2, 'read', 'sort', 'return items.sort()'),
        at('shelf/report.py', 2, 'read', 'sort', 'if config.sort:'),
        at('shelf/order.py', 1, 'read', 'sort', 'PASSED = ["--sort", "--pack"]'),
        at('shelf/keys.py', 2, 'read', 'sort_key', 'return sorted(names, key=sort_key)'),
        at('shelf/run.py', 2, 'read', 'sort', 'return values.get("sort")'),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const changed = build.steps.flatMap((s) => s.files_to_modify.map((f) => f.path));
    expect(changed.sort()).toEqual([
      'shelf/cli.py',
      'shelf/keys.py',
      'shelf/order.py',
      'shelf/report.py',
      'shelf/run.py',
    ]);
    expect(w.facts.join('\n')).toContain('`shelf/books.py` (the word, not the option)');
  });

  it('a file from history: the function the introducing commit changed, at its line today', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const by = 'the commit that added `max_crates` (0123abcd45, "stacks have a cap")';
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: [
        footprint[0]!,
        {
          ...{ file: 'crates/stack.py', line: 10, symbol: 'Stack.push', role: 'other', area: 'code' },
          ...{ source: 'history', why: `${by} changed \`Stack.push\` here`, text: 'def push(self, crate):' },
        },
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const stack = build.steps.flatMap((s) => s.files_to_modify).find((f) => f.path === 'crates/stack.py')!;
    expect(stack.edit_points).toEqual([
      expect.objectContaining({
        symbol: 'Stack.push',
        start_line: 10,
        why: `other: ${by.replace(/`/g, '')} changed Stack.push here`,
      }),
    ]);
    expect(build.steps.map((s) => s.detail).join('\n')).toContain(
      `Change \`Stack.push\` at crates/stack.py:10 (\`def push(self, crate):\`) (${by} changed \`Stack.push\` here)`,
    );
  });

  it('a file from history that nothing today ties to the sibling is listed, with no step', () => {
    writeFiles(dir, { 'crates/version.py': 'VERSION = "1.1"\n', 'CONTRIBUTORS.md': '- Ana\n- Bo\n' });
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const by = 'the commit that added `max_crates` (0123abcd45, "stacks have a cap")';
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: [
        footprint[0]!,
        footprint[2]!,
        {
          ...{ file: 'crates/version.py', role: 'other', area: 'code', source: 'history' },
          ...{ why: `${by} changed this file`, incidental: 'also changed with the sibling (history)' },
        },
        {
          ...{ file: 'CONTRIBUTORS.md', role: 'docs', area: 'docs', source: 'history' },
          ...{ why: `${by} changed this file`, incidental: 'also changed with the sibling (history)' },
        },
      ],
    });
    const paths = files(precedentPhases(w)).map((f) => f.path);
    expect(paths).toContain('crates/settings.py');
    expect(paths).toContain('docs/options.md');
    expect(paths).not.toContain('crates/version.py');
    expect(paths).not.toContain('CONTRIBUTORS.md');
    const facts = w.facts.join('\n');
    expect(facts).toContain(
      'Also changed with `max-crates` by the commit that introduced it, with no step here: nothing today ties them to `max-crates` (history): `crates/version.py` and `CONTRIBUTORS.md`.',
    );
    // Not also among the footprint's files that name the sibling.
    expect(facts).not.toContain('`crates/version.py` (also changed');
  });

  it('a read in another top-level folder is followed when the sibling calls a function defined there', () => {
    writeFiles(dir, {
      'bin/crates':
        "#!/usr/bin/env node\nconst stack = require('../lib/stack');\nif (argv.maxCrates) {\n  stack.setMaxCrates(argv.maxCrates);\n}\n",
      'lib/stack.js': 'exports.setMaxCrates = function (maxCrates) {\n  exports.maxCrates = maxCrates;\n};\n',
      'lib/render.js': 'function render(stack) {\n  return stack.maxCrates;\n}\n',
      'tools/report.js': 'const maxCrates = 3;\n',
    });
    const w = work('Add a `--max-labels` option that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'option', name: '--max-labels', spellings: ['max_labels'] },
      sibling: { name: '--max-crates', kind: 'option', file: 'bin/crates', line: 3 },
      footprint: [
        at('bin/crates', 3, 'registration'),
        at('bin/crates', 4, 'read'),
        at(
          'lib/stack.js',
          1,
          'read',
          "defines `setMaxCrates`, which the sibling's code calls at bin/crates:4",
        ),
        at('lib/render.js', 2, 'read'),
        at('tools/report.js', 1, 'read'),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const changed = build.steps.flatMap((s) => s.files_to_modify).map((f) => f.path);
    // `lib/` is where the setter the executable calls lives: its reads are followed; `tools/` is not.
    expect(changed.sort()).toEqual(['bin/crates', 'lib/render.js', 'lib/stack.js']);
    expect(w.facts.join('\n')).toContain('`tools/report.js` (only read in another top-level folder)');
  });

  it('shell completions list every option: a completion script naming the sibling is planned wherever it lies', () => {
    writeFiles(dir, {
      'src/cli.rs': 'fn app() {\n    Arg::new("max-crates").long("max-crates");\n}\n',
      'contrib/completion/_crates': "#compdef crates\n_arguments '--max-crates[most crates a stack holds]'\n",
      'assets/completions/crates.fish.in':
        'complete -c crates -l max-crates -d "most crates a stack holds"\n',
      'examples/run.rs': 'fn main() {\n    run(&["--max-crates", "3"]);\n}\n',
    });
    const w = work('Add a `--max-labels` option that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'option', name: '--max-labels', spellings: ['max_labels'] },
      sibling: { name: '--max-crates', kind: 'option', file: 'src/cli.rs', line: 2 },
      footprint: [
        at('src/cli.rs', 2, 'registration'),
        at('contrib/completion/_crates', 2, 'other'),
        at('assets/completions/crates.fish.in', 1, 'other'),
        at('examples/run.rs', 2, 'read'),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    const changed = build.steps.flatMap((s) => s.files_to_modify).map((f) => f.path);
    expect(changed.sort()).toEqual([
      'assets/completions/crates.fish.in',
      'contrib/completion/_crates',
      'src/cli.rs',
    ]);
    expect(w.facts.join('\n')).toContain('`examples/run.rs` (not source)');
    expect(build.steps.map((s) => s.title)).toContain('List `--max-labels` in `contrib/completion/_crates`');
  });

  it('a switch asked where the sibling takes a value: the lines that spell its form say to leave the value out', () => {
    writeFiles(dir, {
      'src/cli.rs': 'fn app() {\n    Arg::new("max-crates").long("max-crates");\n}\n',
      'assets/completions/crates.fish.in':
        'complete -c crates -l max-crates -x -d "most crates a stack holds"\n',
    });
    const w = work('Add a `--quiet-stacks` flag', null);
    w.precedent = precedent({
      requested: { kind: 'flag', name: '--quiet-stacks', spellings: [] },
      sibling: { name: '--max-crates', kind: 'option', file: 'src/cli.rs', line: 2, tentative: true },
      footprint: [at('src/cli.rs', 2, 'registration'), at('assets/completions/crates.fish.in', 1, 'other')],
    });
    const steps = precedentPhases(w).find((p) => p.kind === 'implement')!.steps;
    const note = '(`--quiet-stacks` is a switch: without the value `--max-crates` takes)';
    for (const file of ['src/cli.rs', 'assets/completions/crates.fish.in'])
      expect(steps.find((s) => s.files_to_modify.some((f) => f.path === file))?.detail).toContain(note);
  });

  it('completion scripts do not make a one-word sibling a common word', () => {
    const reads = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        `crates/use${i}.py`,
        `def use${i}(values):\n    return values.wide\n`,
      ]),
    );
    writeFiles(dir, {
      ...reads,
      'completions/crates.bash': 'opts="--wide --tall"\n',
      'completions/crates.fish': 'complete -c crates -l wide\n',
    });
    const w = work('Add a setting `wide-x` beside `wide`', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'wide-x', spellings: [] },
      sibling: { name: 'wide', kind: 'setting', file: 'crates/settings.py', line: 2 },
      footprint: [
        at('crates/settings.py', 2, 'registration'),
        ...Object.keys(reads).map((f) => at(f, 2, 'read')),
        at('completions/crates.bash', 1, 'other'),
        at('completions/crates.fish', 1, 'other'),
      ],
    });
    const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
    // Six source files and two completions: the sibling is followed everywhere.
    expect(new Set(build.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))).size).toBe(8);
  });

  it('a sibling of one word named in many files is followed only where it is declared; a longer name is followed everywhere', () => {
    const many = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `crates/part${i}.py`,
        `def part${i}(values):\n    return values["wide-labels"], values["wide"]\n`,
      ]),
    );
    writeFiles(dir, many);
    const spread = (name: string, why: (i: number) => string = () => '') => {
      const w = work(`Add a setting \`${name}-x\` beside \`${name}\``, null);
      w.precedent = precedent({
        requested: { kind: 'setting', name: `${name}-x`, spellings: [] },
        sibling: { name, kind: 'setting', file: 'crates/settings.py', line: 2 },
        footprint: [
          at('crates/settings.py', 2, 'registration'),
          ...Object.keys(many).map((file, i) => at(file, 2, 'read', why(i))),
        ],
      });
      const build = precedentPhases(w).find((p) => p.kind === 'implement')!;
      return { w, paths: new Set(build.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))) };
    };
    const long = spread('wide-labels');
    expect(long.paths.size).toBe(9);
    // Lines its value is carried to do not name it: six files name it, three carry it, all followed.
    const carried = spread('wide', (i) =>
      i < 5 ? 'names `wide`' : "carries `wide`'s value as `wide` (assigned at crates/settings.py:2)",
    );
    expect(carried.paths.size).toBe(9);
    const short = spread('wide');
    expect([...short.paths]).toEqual(['crates/settings.py']);
    expect(short.w.facts.join('\n')).toMatch(
      /named in 9 source files: too common a name to follow beyond `crates\/settings\.py`/,
    );
  });

  it('every covering test the precedent ranked, each with its reason; a table-driven one by its driver and data folder', () => {
    writeFileSync(
      join(dir, 'tests/test_layouts.py'),
      'import pytest\n\n\n@pytest.mark.parametrize("case", ["a"])\ndef test_layout(case):\n    assert case\n',
    );
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      tests: [
        {
          file: 'tests/test_stack.py',
          selects: ['test_max_crates_default'],
          why: '2 tests here use the sibling',
        },
        {
          file: 'tests/test_layouts.py',
          selects: [],
          why: 'reads the data files in `tests/layouts/`',
          data: 'tests/layouts',
        },
      ],
    });
    const tests = precedentPhases(w).find((p) => p.kind === 'test')!;
    expect(tests.steps.map((s) => s.title)).toEqual([
      'Add the cases to `tests/test_stack.py`',
      'Add a case to `tests/layouts/`, read by `tests/test_layouts.py`',
    ]);
    expect(tests.steps[0]!.detail).toContain('2 tests here use the sibling');
    expect(tests.steps.flatMap((s) => s.files_to_create)).toEqual([]);
    expect(tests.automated_checks.slice(0, 2).map((c) => c.command)).toEqual([
      'pytest tests/test_stack.py',
      'pytest tests/test_layouts.py',
    ]);
  });

  it("the sibling's model test: named at file:line with what it does and the command that selects it, a test like it to add", () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const model = { name: 'test_max_crates_default', line: 4, end: 5, does: 'names `max_crates`' };
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      tests: [
        { file: 'tests/test_stack.py', selects: [model.name], why: 'one test here uses the sibling', model },
      ],
    });
    const phases = precedentPhases(w);
    const tests = phases.find((p) => p.kind === 'test')!;
    expect(tests.steps[0]!.detail).toContain(
      'The model: `test_max_crates_default` (tests/test_stack.py:4–5) names `max_crates`; `pytest tests/test_stack.py -k test_max_crates_default` runs it. Add `test_max_labels_default` like it for `max-labels`.',
    );
    // The new test is not in the tree yet: the tests phase runs the file, not a selection of it.
    expect(tests.automated_checks[0]!.command).toBe('pytest tests/test_stack.py');
    expect(
      testCases(
        w,
        phases.map((p, i) => ({ ...p, id: `p${i + 1}` }) as Phase),
      ),
    ).toEqual([
      '`test_max_labels_default` of `max-labels` in `tests/test_stack.py`, like `test_max_crates_default` (tests/test_stack.py:4), which names `max_crates`',
    ]);
  });

  it('docs only where the sibling is documented: no page that merely shares the words', () => {
    // A page naming a function of the requirement's ranked files is a refactor's; never a feature's.
    const req = 'Refactor `Stack.push` so that a full stack says how many crates it holds';
    writeFileSync(join(dir, 'docs/guide.md'), '# Guide\n\nCall `push` to add a crate to a stack.\n');
    const ranked = work(req, null).docs.file;
    const w = work(
      req,
      precedent({
        requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
        sibling,
        footprint: footprint.filter((f) => f.area !== 'docs'),
      }),
    );
    rmSync(join(dir, 'docs/guide.md'));
    expect(ranked?.path).toBe('docs/guide.md');
    expect(w.docs.file).toBeNull();
    expect(files(precedentPhases(w)).map((f) => f.path)).not.toContain('docs/guide.md');
    expect(w.facts).toContain(
      'The footprint of `max-crates` holds no docs page: the plan changes no docs page.',
    );
  });

  it('nothing tests the sibling, its neighbours or its module: no test file named after the requirement, the runner said', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    // A name made of the requirement's words is no name the project's layout gives.
    w.newTest = 'tests/test_max_labels.py';
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: footprint.filter((f) => f.area !== 'test'),
    });
    const tests = precedentPhases(w).find((p) => p.kind === 'test')!;
    expect(tests.steps.flatMap((s) => s.files_to_create)).toEqual([]);
    expect(tests.steps[0]!.detail).toContain('write the tests where pytest collects');
  });

  it("a test file of the footprint the core ranked no test of is not said to exercise the sibling: the core's tests[] only", () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      tests: [],
    });
    const tests = precedentPhases(w).find((p) => p.kind === 'test')!;
    expect(tests.steps.flatMap((s) => s.files_to_modify)).toEqual([]);
    expect(tests.steps[0]!.detail).toMatch(/^No test names `max-crates`/);
  });

  it('a snapshot that lists the sibling is regenerated after the tests, and never counts as a file that tests neighbours', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const snap = 'tests/snapshots/cli__help.snap';
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: footprint.filter((f) => f.area !== 'test'),
      tests: [
        {
          file: 'tests/test_stack.py',
          selects: ['test_push_order'],
          why: 'one test here uses the sibling',
          uses: 1,
        },
        {
          file: snap,
          why: "records output that lists `--max-crates` (line 1): the test runner's snapshot",
          uses: 0,
        },
      ],
    });
    const phases = precedentPhases(w);
    const tests = phases.find((p) => p.kind === 'test')!;
    expect(tests.steps.map((s) => s.title)).toEqual([
      'Add the cases to `tests/test_stack.py`',
      `Regenerate \`${snap}\``,
    ]);
    expect(tests.steps[1]!.files_to_modify.map((f) => f.path)).toEqual([snap]);
    expect(tests.goal).toMatch(/is tested where `max-crates` is: `tests\/test_stack.py`/);
    // Where new cases go is a test file, never the snapshot.
    const ids = phases.map((p, i) => ({ ...p, id: `p${i + 1}` }) as Phase);
    expect(testStrategy(w, ids)).toMatch(/^New cases go into `tests\/test_stack.py`/);
  });

  it('a file that only tests the neighbours is not said to test the sibling; one test that passes it along is kept, first', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: footprint.filter((f) => f.area !== 'test'),
      tests: [
        // One test passes `max-crates` along; its name says nothing of it.
        {
          file: 'tests/test_stack.py',
          selects: ['test_push_order'],
          why: 'one test here uses the sibling',
          uses: 1,
        },
        {
          file: 'tests/test_layouts.py',
          why: 'no test names the sibling; this file tests 2 others',
          uses: 0,
        },
      ],
    });
    const phases = precedentPhases(w);
    const tests = phases.find((p) => p.kind === 'test')!;
    // A test does exercise it, whatever its name: never "no test exercises", nor the file left out.
    expect(tests.steps.map((s) => s.title)).toEqual([
      'Add the cases to `tests/test_stack.py`',
      'Add the cases to `tests/test_layouts.py`',
    ]);
    expect(tests.goal).toBe('`max-labels` is tested where `max-crates` is: `tests/test_stack.py`.');
    expect(tests.steps[1]!.detail).toContain('no test names the sibling; this file tests 2 others');
    // A met plan whose only test file tests the neighbours: no claim that tests exercise it.
    const met = work('Add a setting `max-crates` that caps the crates of a stack', null);
    met.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'setting', name: 'max-crates', spellings: ['max_crates'] },
      sibling,
      evidence: [{ file: 'crates/settings.py', line: 2, text: '' }],
      tests: [
        {
          file: 'tests/test_stack.py',
          why: 'this file tests 2 others declared in `crates/settings.py`',
          uses: 0,
        },
      ],
      gap: { untested: true },
    });
    const metPhases = precedentPhases(met).map((p, i) => ({ ...p, id: `p${i + 1}` }) as Phase);
    // Nothing exercises it: the met plan's gap is a test, in the file that tests its neighbours.
    expect(metPhases.some((p) => p.kind === 'test')).toBe(true);
    expect(testStrategy(met, metPhases)).toMatch(/^New cases go into `tests\/test_stack.py`/);
    expect(testStrategy(met, metPhases)).not.toMatch(/Tests that exercise/);
  });

  it('a tests phase with no file to copy is said as such: never "no test is planned" beside it', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: footprint.filter((f) => f.area !== 'test'),
      tests: [],
    });
    const write = { title: 'Write the tests', detail: '', files_to_create: [], files_to_modify: [] };
    const phase = (kind: Phase['kind'], steps: (typeof write)[]) =>
      ({
        id: 'p1',
        title: kind,
        goal: '',
        kind,
        steps,
        automated_checks: [],
        manual_checks: [],
      }) as unknown as Phase;
    expect(testStrategy(w, [phase('test', [write])])).toMatch(
      /^No test file exercises `max-crates` yet: the tests phase writes new ones/,
    );
    expect(testStrategy(w, [phase('implement', [write])])).toMatch(/^No test is planned/);
  });

  it('each check command once in a plan: the tests phase does not repeat the static checks the build phase runs', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    w.checks = {
      ...w.checks,
      static: [
        {
          command: 'ruff check .',
          expect: 'reports no problems',
          evidence: { file: 'pyproject.toml', line: 1 },
        },
      ],
    };
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
      tests: [{ file: 'tests/test_stack.py', selects: ['test_max_crates_default'], uses: 1 }],
    });
    const commands = phasesFor(w).flatMap((p) => p.automated_checks.map((c) => c.command));
    expect(commands.filter((c) => c === 'ruff check .')).toHaveLength(1);
    expect(new Set(commands).size).toBe(commands.length);
  });

  it('met: says so with the evidence, runs the tests that already select it, plans no edit', () => {
    const w = work('Add a setting to cap how many crates a stack holds', null);
    w.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'setting', name: 'max-crates', spellings: [] },
      evidence: [{ file: 'crates/settings.py', line: 2, text: '"max-crates": {"default": 4' }],
      sibling,
      footprint,
      tests: [{ file: 'tests/test_stack.py', command: '', selects: ['test_max_crates_default'] }],
    });
    const phases = precedentPhases(w);
    expect(phases.map((p) => p.kind)).toEqual(['research']);
    expect(files(phases)).toEqual([]);
    expect(phases[0]!.steps[0]!.detail).toContain('crates/settings.py:2');
    expect(phases[0]!.automated_checks[0]!.command).toBe(
      'pytest tests/test_stack.py -k test_max_crates_default',
    );
  });

  it('met under another name: the gap is the name, asked as a question', () => {
    const w = work('Add a setting `stack-limit`', null);
    w.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'setting', name: 'stack-limit', spellings: ['stack_limit'] },
      evidence: [{ file: 'crates/settings.py', line: 2, text: '"max-crates"' }],
      footprint: footprint.filter((e) => e.area !== 'test'),
      // No neighbour to compare with and nothing tests it: the core says a test is the gap.
      gap: { renamed: true, untested: true },
    });
    const phases = precedentPhases(w);
    expect(w.questions[0]!.question).toMatch(
      /^The request calls it `stack-limit`; the code has it at crates\/settings.py:2/,
    );
    // Nothing tests it: a test is the other part of the gap.
    expect(phases.map((p) => p.kind)).toEqual(['research', 'test']);
  });

  it('met with a gap: only what it lacks beside its neighbours, each where a neighbour has it', () => {
    const w = work('Add a setting `label-width`', null);
    const at = (aspect: 'docs' | 'test', file: string, line: number, text: string) => ({
      aspect,
      name: 'max-crates',
      file,
      line,
      text,
    });
    w.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'setting', name: 'label-width', spellings: ['label_width'] },
      evidence: [{ file: 'crates/settings.py', line: 3, text: '"label-width": {"default": 20' }],
      gap: {
        neighbours: ['max-crates (crates/settings.py:2)'],
        lacks: [
          at('docs', 'docs/options.md', 3, '## max-crates'),
          at('test', 'tests/test_stack.py', 5, 'assert Stack().max_crates == 4'),
        ],
      },
    });
    const phases = precedentPhases(w);
    expect(phases.map((p) => p.kind)).toEqual(['docs', 'test']);
    expect(phases[0]!.steps[1]!.detail).toBe(
      'A docs entry, as `max-crates` has at docs/options.md:3: `## max-crates`.',
    );
    expect(phases[0]!.steps[1]!.files_to_modify.map((f) => f.path)).toEqual(['docs/options.md']);
    expect(w.conclusion).toContain(
      'it lacks a docs entry, as `max-crates` has at docs/options.md:3; a test that names it, as `max-crates` has at tests/test_stack.py:5: the plan adds only that.',
    );
    expect(w.questions).toEqual([]);
  });

  it('met with a gap in a generated page: a step that regenerates it, never an edit of the page', () => {
    const w = work('Add a setting `label-width`', null);
    w.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'setting', name: 'label-width', spellings: ['label_width'] },
      evidence: [{ file: 'crates/settings.py', line: 3, text: '"label-width": {"default": 20' }],
      gap: {
        neighbours: ['max-crates (crates/settings.py:2)'],
        lacks: [
          {
            aspect: 'docs',
            name: 'max-crates',
            file: 'docs/all-settings.md',
            line: 9,
            text: '## max-crates',
            generated:
              'generated (line 1: "<!-- written by tools/settings_page.py -->"); regenerate with `make settings-page` (Makefile:4)',
          },
        ],
      },
    });
    const phases = precedentPhases(w);
    expect(files(phases)).toEqual([]);
    const step = phases[0]!.steps.find((s) => s.title.startsWith('Regenerate'))!;
    expect(step.title).toBe('Regenerate `docs/all-settings.md`');
    expect(step.detail).toContain('regenerate with `make settings-page` (Makefile:4)');
  });

  it('new with generated files that name the sibling: one step per command regenerates them, at the end, no edit', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const generated = 'generated (…); regenerate with `python -m crates.pages out` (MAINTAINING.md:4)';
    const page = (file: string) => at(file, 2, 'docs', '', { area: 'docs', generated });
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: [...footprint, page('out/settings.md'), page('out/crates.1')],
    });
    const phases = precedentPhases(w);
    expect(files(phases).map((f) => f.path)).not.toContain('out/settings.md');
    const last = phases.at(-1)!.steps.at(-1)!;
    expect(last.title).toBe('Regenerate `out/settings.md` and `out/crates.1`');
    expect(last.detail).toContain('regenerate with `python -m crates.pages out` (MAINTAINING.md:4)');
    expect(last.files_to_modify).toEqual([]);
    expect(w.facts.join('\n')).not.toContain('out/settings.md');
  });

  it('met lacking nothing its neighbours have: no code change, and the command that shows it', () => {
    const w = work('Add a `--max-crates` flag', null);
    w.precedent = precedent({
      verdict: 'met',
      requested: { kind: 'flag', name: '--max-crates', spellings: ['max-crates'] },
      evidence: [{ file: 'crates/settings.py', line: 2, text: '"max-crates": {"default": 4' }],
      tests: [{ file: 'tests/test_stack.py', command: '', selects: ['test_max_crates_default'] }],
      gap: { neighbours: ['label-width (crates/settings.py:3)'], help: 'python crates/settings.py --help' },
    });
    const phases = precedentPhases(w);
    expect(phases.map((p) => p.kind)).toEqual(['research']);
    expect(files(phases)).toEqual([]);
    expect(w.conclusion).toBe(
      'Already met: `--max-crates` exists (crates/settings.py:2); it lacks nothing its neighbours have: no code change.',
    );
    expect(phases[0]!.manual_checks).toEqual([
      'Run `python crates/settings.py --help`: it lists `--max-crates`.',
    ]);
    expect(phases[0]!.automated_checks[0]!.command).toBe(
      'pytest tests/test_stack.py -k test_max_crates_default',
    );
  });

  it("release notes with one page per version: the unreleased page, else the next version's page", () => {
    const notes = join(dir, 'docs/release-notes');
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, '0.9.0.md'), '# 0.9.0 (2025-01-04)\n\n- Stacks hold crates.\n');
    writeFileSync(join(notes, '1.0.0.md'), '# 1.0.0 (unreleased)\n\n- `max-crates` caps a stack.\n');
    const p = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint,
    });
    const step = () => {
      const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
      w.precedent = p;
      const docs = precedentPhases(w).find((x) => x.kind === 'docs')!;
      return docs.steps.find((s) => /release note/.test(s.title))!;
    };
    expect(step().files_to_modify.map((f) => f.path)).toEqual(['docs/release-notes/1.0.0.md']);
    writeFileSync(join(notes, '1.0.0.md'), '# 1.0.0 (2025-06-01)\n\n- `max-crates` caps a stack.\n');
    expect(step().files_to_create).toEqual([
      expect.objectContaining({
        path: 'docs/release-notes/{version}.md',
        later: expect.stringContaining('{version}'),
      }),
    ]);
    rmSync(notes, { recursive: true, force: true });
  });

  it('name-taken: an open question with a distinct name, and the plan uses that name', () => {
    const w = work('Add a `label-width` setting for the crate labels', null);
    w.precedent = precedent({
      verdict: 'name-taken',
      requested: { kind: 'setting', name: 'label-width', spellings: [] },
      evidence: [{ file: 'crates/settings.py', line: 3, text: '"label-width"' }],
      sibling,
      footprint,
    });
    const phases = precedentPhases(w);
    expect(w.questions[0]!.question).toMatch(
      /`label-width` is already taken at crates\/settings.py:3 .*such as `label-width-crate`/,
    );
    expect(phases[0]!.steps[0]!.title).toContain('`label-width-crate`');
  });

  it('unsure: the candidates and a question, and not one place to edit', () => {
    const w = work('Add a limit to stacks', null);
    w.precedent = precedent({
      verdict: 'unsure',
      requested: { kind: 'setting', name: 'limit', spellings: [] },
      candidates: [
        { file: 'crates/settings.py', line: 2, text: '' },
        { file: 'crates/stack.py', line: 11, text: '' },
      ],
    });
    const phases = precedentPhases(w);
    expect(files(phases)).toEqual([]);
    expect(w.questions[0]!.question).toContain(
      'crates/stack.py:11 (`if len(self.crates) >= self.max_crates:`)',
    );
  });

  it('no sibling, but a reference page of the kind and the tests of a module named: the question, the page and the tests', () => {
    const w = work('Add a max-labels setting to the `stack` module', null);
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: [] },
      candidates: [{ file: 'crates/settings.py', line: 2, text: '' }],
      tests: [{ file: 'tests/test_stack.py', command: '', selects: [], why: 'named after it', uses: 0 }],
      footprint: [
        at(
          'docs/options.md',
          3,
          'docs',
          'defines 4 of the 5 options the code declares: the reference page where a new one is documented too',
          { area: 'docs', text: '## max-crates' },
        ),
      ],
    });
    const phases = precedentPhases(w);
    expect(w.questions).toHaveLength(1);
    expect(files(phases).map((f) => f.path)).toEqual(['tests/test_stack.py', 'docs/options.md']);
    expect(phases.find((p) => p.kind === 'test')?.goal).toMatch(/^The cases for `max-labels` go into/);
    const docs = phases.find((p) => p.kind === 'docs')!;
    expect(docs.title).toBe('Docs and release note');
    expect(docs.steps[0]!.detail).toContain('as the page does at docs/options.md:3 (`## max-crates`)');
    expect(docs.steps[0]!.detail).toContain('the reference page where a new one is documented too');
  });

  it('a docs page that does not name the sibling (the page of its command) is never said to document the sibling', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const page = at(
      'docs/options.md',
      1,
      'docs',
      'names `stack` on 4 lines, more than any other page: the page of the command the new option is registered on',
      { area: 'docs' },
    );
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: [...footprint.filter((e) => e.area !== 'docs'), page],
    });
    const docs = precedentPhases(w).find((p) => p.kind === 'docs')!;
    const text = [
      docs.goal,
      ...docs.steps.flatMap((s) => [s.detail, ...s.files_to_modify.map((f) => f.why)]),
    ].join('\n');
    expect(text).not.toMatch(
      /max-crates is here|where `max-crates` is documented|like `max-crates`|as `max-crates` does/,
    );
    expect(docs.goal).toBe(
      'Documented on `docs/options.md`, the page the precedent found (no page documents `max-crates`).',
    );
    expect(docs.steps[0]!.detail).toContain('the page of the command the new option is registered on');
  });

  it('a sibling no page defines, named in a sentence: documented where it is mentioned in prose, said so', () => {
    const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
    const mention = at('docs/options.md', 5, 'docs', 'mentions `max-crates` in prose', {
      area: 'docs',
      text: 'How many crates a stack holds, as `max-crates` says.',
    });
    w.precedent = precedent({
      requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
      sibling,
      footprint: [...footprint.filter((e) => e.area !== 'docs'), mention],
    });
    const docs = precedentPhases(w).find((p) => p.kind === 'docs')!;
    expect(docs.goal).toBe(
      'Documented where `max-crates` is mentioned in prose (docs/options.md:5; no page defines it).',
    );
  });

  it('partly met with its value read nowhere: the only code step is where it takes effect, no copy of itself', () => {
    const w = work('Add a `max-crates` setting', null);
    const effect = {
      says: 'max-crates',
      at: [
        {
          file: 'crates/stack.py',
          line: 11,
          text: 'if len(self.crates) >= self.max_crates:',
          symbol: 'push',
          why: 'where a stack checks its cap',
          sure: true,
        },
      ],
    };
    w.precedent = precedent({
      verdict: 'partly-met',
      requested: { kind: 'setting', name: 'max-crates', spellings: ['max_crates'] },
      sibling,
      evidence: [{ file: 'crates/settings.py', line: 2, text: '"max-crates": {"default": 4,' }],
      missing: 'a read of `max_crates` (set at crates/stack.py:7, read nowhere)',
      footprint: [],
      effect,
    });
    const phases = precedentPhases(w);
    const code = phases.find((p) => p.kind === 'implement')!;
    expect(code.title).toBe('`max-crates`');
    expect(code.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))).toEqual(['crates/stack.py']);
    expect(w.conclusion).toContain('missing a read of `max_crates`');
  });

  it('a sibling documented on its page, and the reference page of its kind beside it: each said as what it is', () => {
    writeFiles(dir, { 'docs/guide.md': '# Guide\n\n## stack-height\n\nHow tall a stack grows.\n' });
    try {
      const w = work('Add a setting `max-labels` that caps the labels of a stack', null);
      const reference = at(
        'docs/guide.md',
        3,
        'docs',
        'defines 4 of the 5 options the code declares: the reference page where a new one is documented too',
        { area: 'docs', text: '## stack-height' },
      );
      w.precedent = precedent({
        requested: { kind: 'setting', name: 'max-labels', spellings: ['max_labels'] },
        sibling,
        footprint: [
          ...footprint.map((e) => (e.area === 'docs' ? { ...e, text: '## max-crates' } : e)),
          reference,
        ],
      });
      const docs = precedentPhases(w).find((p) => p.kind === 'docs')!;
      expect(docs.goal).toBe(
        'Documented where `max-crates` is documented, and on `docs/guide.md`, the page the precedent found for its kind.',
      );
      expect(docs.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))).toEqual([
        'docs/options.md',
        'docs/guide.md',
      ]);
    } finally {
      rmSync(join(dir, 'docs/guide.md'));
    }
  });

  it('nothing requested and nothing named: the plan says so and asks, no design', () => {
    const w = work('Stream telemetry to the warehouse robots', null);
    w.precedent = precedent({ verdict: 'unsure' });
    const phases = precedentPhases(w);
    expect(files(phases)).toEqual([]);
    expect(w.questions[0]!.question).toMatch(
      /^Which part of the code should change for .*names no option, setting, parameter, file or function the engine found in the code/,
    );
  });

  it('nothing requested, but the requirement names a function: that function, found by its name', () => {
    const w = work('Make `Stack.push` accept a list of crates', null);
    w.precedent = precedent({ verdict: 'unsure' });
    const phases = precedentPhases(w);
    expect(files(phases).find((f) => f.path === 'crates/stack.py')?.edit_points?.[0]?.symbol).toBe(
      'Stack.push',
    );
  });
});

describe('a met request in a cargo project', () => {
  it('reruns the tests that pin it with cargo: the integration test target and one filter that selects every named test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansmith-precedent-rs-'));
    try {
      const tree: Record<string, string> = {
        'Cargo.toml': '[package]\nname = "tint"\nversion = "0.1.0"\nedition = "2021"\n',
        'src/main.rs':
          'fn main() {\n    let plain = std::env::args().any(|a| a == "--plain");\n    println!("{plain}");\n}\n',
        'tests/cli.rs':
          '#[test]\nfn plain_drops_colours() {\n    assert!(true);\n}\n\n#[test]\nfn plain_keeps_the_text() {\n    assert!(true);\n}\n\n#[test]\nfn pager_with_plain_output() {\n    assert!(true);\n}\n',
      };
      writeFiles(dir, tree);
      const requirement = 'Add a --plain flag that prints without colours';
      const w = offlineWork(dir, requirement);
      w.precedent = precedent({
        verdict: 'met',
        requested: { kind: 'flag', name: '--plain', spellings: [] },
        evidence: [{ file: 'src/main.rs', line: 2, text: '' }],
        tests: [
          {
            file: 'tests/cli.rs',
            selects: ['plain_drops_colours', 'plain_keeps_the_text', 'pager_with_plain_output'],
          },
        ],
      });
      const phases = precedentPhases(w);
      // One filter every named test holds (cargo matches it as a substring of each test's path).
      expect(phases[0]!.automated_checks.map((c) => c.command)).toEqual(['cargo test --test cli plain_']);
      // A new flag beside it: the model test is run by its target and a filter; the file by its target.
      const n = offlineWork(dir, 'Add a --mono flag that prints in one colour');
      const model = {
        name: 'plain_drops_colours',
        line: 2,
        end: 4,
        does: 'passes `--plain` on a command line',
      };
      n.precedent = precedent({
        requested: { kind: 'flag', name: '--mono', spellings: [] },
        sibling: { name: '--plain', kind: 'flag', file: 'src/main.rs', line: 2 },
        footprint: [
          { file: 'src/main.rs', line: 2, role: 'read', area: 'code', source: 'occurrence', symbol: 'main' },
        ],
        tests: [
          {
            file: 'tests/cli.rs',
            selects: [model.name],
            why: 'one test here uses the sibling',
            uses: 1,
            model,
          },
        ],
      });
      const added = precedentPhases(n);
      const step = added.find((p) => p.kind === 'test')!.steps[0]!;
      expect(step.detail).toContain(
        'The model: `plain_drops_colours` (tests/cli.rs:2–4) passes `--plain` on a command line; `cargo test --test cli plain_drops_colours` runs it. Add `mono_drops_colours` like it for `--mono`.',
      );
      expect(
        testStrategy(
          n,
          added.map((p, i) => ({ ...p, id: `p${i + 1}` }) as Phase),
        ),
      ).toContain('run them alone with `cargo test --test cli`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('refine acts on a place', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-refine-place-'));
    writeFiles(dir, TREE);
    writeFileSync(join(dir, 'tests/test_settings.py'), 'def test_option():\n    assert True\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const base = (): Plan =>
    planSchema.parse({
      id: 'p1',
      title: 'Cap labels',
      slug: 'cap-labels',
      style: 'feature',
      created_at: '2026-01-02T03:04:05Z',
      requirement: { text: 'Cap labels' },
      analysis: { work_type: 'feature', summary: '' },
      research: {},
      phases: [
        {
          id: 'p1',
          title: 'Build',
          kind: 'implement',
          steps: [
            {
              title: 'Change the stack',
              detail: '',
              files_to_create: [],
              files_to_modify: [{ path: 'crates/stack.py', why: 'x' }],
            },
          ],
        },
        {
          id: 'p2',
          title: 'Tests',
          kind: 'test',
          steps: [
            {
              title: 'Add the cases',
              detail: '',
              files_to_create: [],
              files_to_modify: [{ path: 'tests/test_stack.py', why: 'x' }],
            },
          ],
          automated_checks: [
            { command: 'pytest tests/test_stack.py -k test_max_crates_default', expect: 'passes' },
          ],
        },
      ],
      tests: { strategy: '' },
    });
  const ctx = () => ({ root: dir, report: explore(dir) });

  it('moves the edit point to the named symbol and the tests to the named file, checked against the tree', () => {
    const next = applyFeedback(
      base(),
      'Put the option on `option` in `crates/settings.py`, tests in `tests/test_settings.py`.',
      ctx(),
    );
    const build = next.phases[0]!.steps[0]!.files_to_modify;
    expect(build).toEqual([
      expect.objectContaining({
        path: 'crates/settings.py',
        edit_points: [expect.objectContaining({ symbol: 'option', start_line: 7, end_line: 8 })],
      }),
    ]);
    expect(next.phases[1]!.steps[0]!.files_to_modify.map((f) => f.path)).toEqual(['tests/test_settings.py']);
    // The old selection named tests of the old file: the new file runs whole.
    expect(next.phases[1]!.automated_checks[0]!.command).toBe('pytest tests/test_settings.py');
    expect(next.revision_notes).toEqual([
      'Moved “Change the stack” from crates/stack.py to `option` in crates/settings.py.',
      'Tests moved from tests/test_stack.py to tests/test_settings.py.',
    ]);
  });

  it('a file named without a symbol moves the building step there; a file not in the tree is not applied', () => {
    const next = applyFeedback(base(), 'Put the change in `crates/settings.py`.', ctx());
    expect(next.phases[0]!.steps[0]!.files_to_modify).toEqual([
      { path: 'crates/settings.py', why: 'named on review' },
    ]);
    expect(next.revision_notes).toEqual([
      'Moved “Change the stack” from crates/stack.py to crates/settings.py.',
    ]);
    const missing = applyFeedback(base(), 'Put the change in `crates/labels.py`.', ctx());
    expect(missing.phases[0]!.steps[0]!.files_to_modify.map((f) => f.path)).toEqual(['crates/stack.py']);
    expect(missing.revision_notes).toEqual([
      expect.stringMatching(/^Not applied: crates\/labels.py is not in the project/),
    ]);
  });

  it('a place that is not in the tree, or feedback it cannot act on, is reported as not applied', () => {
    const next = applyFeedback(
      base(),
      'Put the option on `parse_labels` in `crates/settings.py`.\nMake it feel snappier',
      ctx(),
    );
    expect(next.phases[0]!.steps[0]!.files_to_modify.map((f) => f.path)).toEqual(['crates/stack.py']);
    expect(next.revision_notes).toEqual([
      expect.stringMatching(/^Not applied: crates\/settings.py has no `parse_labels`/),
      expect.stringMatching(/^Not applied: Make it feel snappier/),
    ]);
  });
});
