import { describe, expect, it } from 'vitest';
import { outline } from '../../explore/outline.js';
import { readQuery } from '../../explore/relevance.js';
import { classifyChange } from './analyze.js';
import type { FileOutline } from './edit-points.js';
import { editPointsOf, requirementTerms, termStats } from './edit-points.js';
import { reportedError } from './phase-parts.js';
import { declarationsLast, quotedLines } from './work.js';

describe('change analysis', () => {
  it.each([
    ['Shelf.add raises ValueError on a half-empty shelf\n\nExpected: the jar is added.', 'fix'],
    ['Labels lose their accents since upgrading to 2.0', 'fix'],
    ['Add a setting to turn off the label check', 'option'],
    ['Allow callers to disable the capacity limit', 'option'],
    ['Counting jars is slow on large pantries', 'performance'],
    ['Split the shelf module into smaller ones', 'refactor'],
    ['Document how labels are normalised in the guide', 'docs'],
    ['Add export of the pantry inventory as CSV', 'feature'],
    // A title that asks for a named option is an option, whatever bug words follow or an issue reference says.
    ['Add a `label_fail_fast` option to stop after the first failed label check', 'option'],
    ['Added `--no-colour` flag to print labels without colour (fixes #412)', 'option'],
    ['Shelf.add fails on full shelves (fixes #3)', 'fix'],
    // A flag spelled as one names an option by itself: failure words in its purpose do not make it a fix.
    ['Add `--spare-shelf`/`--overflow` to store jars only when the shelf fails to hold them', 'option'],
    ['Support --label-colour so labels stay readable when the terminal fails to show colour', 'option'],
    // A commit's `fix:` label before a request to add a named option files it (no bug report); `feat:` too.
    ['fix : new option `--shelf-note`', 'option'],
    ['fix(cli): add option `label-width`', 'option'],
    ['fix: labels overflow the shelf', 'fix'],
    // After a `fix:` label the rest decides when it asks for an option: the label is no bug word then.
    ['fix: allow override of the shelf label font', 'option'],
    ['feat: added a shelf margin option and fixed the docs for label-width', 'feature'],
    // A bare kebab-case name beside the kind word is a name too, whatever the rest says ("fixed").
    ['add to W12 fixed method and available shelf-overflow option', 'option'],
    // A title whose verb adds an option by its kind word asks for one, whatever errors it is to ignore.
    ['add option to ignore label parsing errors; closes', 'option'],
    ['Add no overflow (drop extra jars) flag for failing shelves', 'option'],
    ['Add option parsing errors to the label report', 'fix'],
    // Any clause of the title may add it: after a `feat:` label (whose clean-up words are its purpose), or
    // after a bare "fixed issue" that reports no bug.
    ['feat: add a `--purge-labels` command to clean up old label files', 'option'],
    ['Fixed issue - adds label wrapping via `wrap` flag.', 'option'],
    ['Fix crash when the added `--wrap` flag is empty', 'fix'],
    // A bug report that names a flag, or a name that is no option, is still a fix.
    ['`--label-colour` fails on terminals without colour', 'fix'],
    ['Add `Shelf.add` back: calling it fails since 2.0', 'fix'],
    // A reference to "the docs" in a bug report does not make it a docs change.
    [
      'Removing a default label\n\n[The docs](https://example.org) say a None label is skipped. You would expect that here too.',
      'fix',
    ],
  ])('%s → %s', (text, kind) => {
    expect(classifyChange(text).kind).toBe(kind);
  });
});

const SHELF = `DEFAULT_CAPACITY = 3


class Shelf:
    def __init__(self, label, max_jars=DEFAULT_CAPACITY):
        self.label = label
        self.max_jars = max_jars
        self.jars = []

    def add(self, jar):
        if len(self.jars) > self.max_jars - 2:
            raise ValueError("the shelf is full")
        self.jars.append(jar)

    def describe(self):
        return f"{self.label}: {len(self.jars)} jars"


def count_all(shelves):
    return sum(len(s.jars) for s in shelves)
`;

const file = (path: string, text: string): FileOutline => ({
  path,
  language: 'Python',
  lines: text.split('\n'),
  items: outline(text, 'Python'),
});

describe('edit points', () => {
  const req =
    'Shelf.add raises ValueError when the shelf still has room\n\nCalling `add` with two jars on a shelf of three raises ValueError.';
  const shelf = file('jars/shelf.py', SHELF);

  it('names the method the report is about, at its real lines, with its signature', () => {
    const words = requirementTerms(req);
    const { points } = editPointsOf(shelf, readQuery(req), words, termStats([shelf], words, req));
    expect(points[0]).toMatchObject({
      symbol: 'Shelf.add',
      start_line: 10,
      end_line: 13,
      signature: 'def add(self, jar)',
    });
    expect(points[0]!.why).toMatch(/named in the requirement/);
    // Every point is really there.
    for (const p of points)
      expect(
        SHELF.split('\n')
          .slice(p.start_line - 1, p.end_line)
          .join('\n'),
      ).toContain(p.symbol.split('.').pop());
  });

  it("a camel-case error name is one term: ValueError does not make every 'value' relevant", () => {
    const words = requirementTerms('It raises ValueError');
    expect(words.has('valueerror')).toBe(true);
    expect(words.has('value')).toBe(false);
    expect(requirementTerms('setting `min-similarity-lines`').has('similarity')).toBe(true);
  });
});

describe('the error a report sees, not the one it asks for', () => {
  it('a traceback or "got" names the error of today; "would be helpful if … was raised" asks for one', () => {
    expect(reportedError('Traceback (most recent call last):\nValueError: bad name')).toBe('ValueError');
    expect(reportedError('Calling it with 2 raises TypeError when the list is empty')).toBe('TypeError');
    expect(reportedError('I expected 2 but got KeyError')).toBe('KeyError');
    expect(reportedError('Instead of raising KeyError, return None')).toBe('KeyError');
    expect(
      reportedError('It would be helpful if a `ValueError` was raised when trying to do that.'),
    ).toBeNull();
    expect(reportedError('It should raise a ValueError. Today it fails with AttributeError: x')).toBe(
      'AttributeError',
    );
  });
});

describe('declaration files', () => {
  const ranked = () => [
    { path: 'types/index.d.ts' },
    { path: 'src/core.js' },
    { path: 'lib/shelf.pyi' },
    { path: 'lib/shelf.py' },
  ];
  it('come after the code they describe, in their order otherwise', () => {
    expect(declarationsLast(ranked(), 'calling shelf.add twice loses a jar').map((t) => t.path)).toEqual([
      'src/core.js',
      'lib/shelf.py',
      'types/index.d.ts',
      'lib/shelf.pyi',
    ]);
  });
  it('keep their rank when the requirement is about the types', () => {
    for (const text of [
      'The TypeScript types of add are wrong',
      'index.d.ts lacks the label option',
      'add type hints to Shelf',
    ])
      expect(declarationsLast(ranked(), text)[0]!.path).toBe('types/index.d.ts');
  });
});

describe('lines the report quotes', () => {
  const shelf = file('jars/shelf.py', SHELF);
  const other = file('jars/other.py', 'def f(jars):\n    return len(jars)\n');
  it('a line of code found at one place is read like a frame, even under a misspelt file name', () => {
    const text =
      'Adding fails.\n\nThe error is thrown here:\n\nshlef.py:11\n    if len(self.jars) > self.max_jars - 2:';
    const line = SHELF.split('\n').findIndex((l) => l.includes('if len(self.jars)')) + 1;
    expect(quotedLines(text, [shelf, other])).toEqual([
      { path: 'jars/shelf.py', line, weight: 2, quoted: true },
    ]);
  });
  it('a line found in several places, or prose, says nothing', () => {
    expect(
      quotedLines('it ends in:\n    return len(jars)', [
        other,
        file('jars/b.py', 'def g(jars):\n    return len(jars)\n'),
      ]),
    ).toEqual([]);
    expect(quotedLines('Adding a jar (any jar) should work; it does not.', [shelf])).toEqual([]);
  });
});
