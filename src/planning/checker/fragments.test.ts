import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { emptyProfile } from '../../explore/profile.js';
import { checkPlan } from './check-plan.js';
import { checkContext } from './context.js';

const project = tempProjects('fragments');

// Fragment folders whose README states the rules, in our own words: one in markdown, one in reST with
// a towncrier config beside it, and a docs README that names pages (not fragments).
const root = project({
  'changes/README.md': [
    '# Release note fragments',
    '',
    'Every pull request adds one short note here; the release script joins them into the changelog.',
    '',
    'Name it like `{number}.{kind}.md`, where `{number}` is the pull request number and kind is one of:',
    '',
    '- `added`: something new for users',
    '- `fixed`: a bug that is gone',
    '  (even a small one)',
    '- `removed`: something users relied on is gone',
    '',
    'Write one or two full sentences.',
  ].join('\n'),
  'changes/io/.keep': '',
  'docs/README.md': '# Docs\n\nPages are named like `<topic>.md` and grouped by area.\n',
  'py/pyproject.toml': '[project]\nname = "p"\n',
  'news/README.rst': [
    'News fragments',
    '==============',
    '',
    'Files here should be named like ``<ISSUE>.<TYPE>.rst``; ``<TYPE>`` is one of:',
    '',
    '* ``feature``: new behaviour',
    '* ``bugfix``: a fix',
    '',
  ].join('\n'),
  'pyproject.toml': '[project]\nname = "x"\n\n[tool.towncrier]\ndirectory = "news"\n',
});

const create = (path: string, later?: string) =>
  checkPlan(checkContext(root, emptyProfile()), {
    files: [{ path, mode: 'create', later, at: 1, points: [] }],
    commands: [],
    sketches: [],
    claims: [],
  });

describe("fragments follow the fragment folder's README", () => {
  it('accepts names that follow the pattern and types it states, in the folder and a sub-folder', () => {
    for (const p of [
      'changes/42.added.md',
      'changes/7.removed.md',
      'changes/io/42.fixed.md',
      'news/12.bugfix.rst',
    ])
      expect(create(p), p).toEqual([]);
    expect(create('changes/{number}.added.md', 'the pull request number, known once it is opened')).toEqual(
      [],
    );
    // A README that names pages, not fragments, sets no rule.
    expect(create('docs/guide.html')).toEqual([]);
  });

  it('refuses a type, a number or an extension the README does not allow, citing it', () => {
    for (const p of ['changes/42.feature.md', 'changes/limit-option.added.md', 'changes/42.added.rst']) {
      const got = create(p);
      expect(got, p).toHaveLength(1);
      expect(got[0]!.rule).toBe('changelog-fragment');
      expect(got[0]!.message).toMatch(
        /the fragment folder's README \(changes\/README\.md:5\) names fragments \{number\}\.\{kind\}\.md with a type of added, fixed, removed; the number is an issue or pull request number/,
      );
    }
  });

  it('a placeholder path is declared as a file named later; with towncrier beside the README one defect is one finding', () => {
    const placeholder = create('changes/<PR>.added.md');
    expect(placeholder.map((f) => f.rule)).toEqual(['placeholder-path']);
    expect(placeholder[0]!.message).toMatch(
      /declare it as a file named later \(path `changes\/\{pr\}\.added\.md`/,
    );
    const late = create('changes/{number}.feature.md', 'the pull request number');
    expect(late.map((f) => f.rule)).toEqual(['changelog-fragment']);
    const both = create('news/12.feat.rst');
    expect(both).toHaveLength(1);
    const readmeOnly = create('news/issue-12.bugfix.rst');
    expect(readmeOnly.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /news\/README\.rst:4\) names fragments <ISSUE>\.<TYPE>\.rst with a type of feature, bugfix/,
      ),
    ]);
  });
});
