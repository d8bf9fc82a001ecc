import { describe, expect, it } from 'vitest';
import { offlineWork } from '../../../test/offline-work.js';
import { tempProjects } from '../../../test/temp-project.js';
import { precedentSchema } from '../../domain/precedent.js';
import { precedentPhases } from './phases-precedent.js';

/** A small Python tool with a changelog, written for this test. */
const TREE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "lantern"\nversion = "0.3"\n',
  'lantern/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="lantern")
    parser.add_argument("--glow", type=int, default=3, help="How bright the lantern glows.")
    return parser
`,
  'tests/test_cli.py':
    'from lantern.cli import build_parser\n\n\ndef test_glow():\n    assert build_parser().parse_args([]).glow == 3\n',
  'CHANGELOG.md':
    '# Changelog\n\n## Unreleased\n\n- Nothing yet.\n\n## 0.3\n\n- `--glow` sets the brightness.\n',
};

const project = tempProjects('offline-notes');

describe('an unsure plan still says where the release note goes', () => {
  const dir = project(TREE);
  const work = (requirement: string) => offlineWork(dir, requirement);

  it('the candidates and the question, no code to edit, and the changelog entry', () => {
    const w = work('Add a way to dim the lantern at night');
    w.precedent = precedentSchema.parse({
      verdict: 'unsure',
      requested: { kind: 'setting', name: 'dim', spellings: [] },
      candidates: [{ file: 'lantern/cli.py', line: 6, text: '' }],
    });
    const phases = precedentPhases(w);
    const edited = phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    expect(edited).toEqual(['CHANGELOG.md']);
    expect(phases.map((p) => p.kind)).toEqual(['research', 'docs']);
    expect(w.questions[0]!.question).toContain('lantern/cli.py:6');
  });

  it('nothing requested and nothing named: the question, and the changelog entry', () => {
    const w = work('Stream telemetry to the harbour office');
    w.precedent = precedentSchema.parse({ verdict: 'unsure' });
    const phases = precedentPhases(w);
    const edited = phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    expect(edited).toEqual(['CHANGELOG.md']);
  });
});

describe('where the release note goes in a changelog file', () => {
  const place = (changelog: string) =>
    offlineWork(project({ ...TREE, 'CHANGELOG.md': changelog }), 'Add a --dim option to the lantern').docs
      .changelog?.modify?.why ?? '';
  it('under an unreleased heading, or the short line under a version heading that says so', () => {
    expect(place('# Changelog\n\n## Unreleased\n\n- Nothing yet.\n')).toBe('under "Unreleased" (line 3)');
    expect(place('Version 0.4\n-----------\n\nUnreleased\n\n-   Faster.\n')).toBe(
      'under "Unreleased" (line 4)',
    );
  });
  it('a quote or sentence that says "next release" inside an old entry is no place: above the newest entry', () => {
    const old = [
      '# 0.3.1 / 2026-01-05',
      '',
      '- Fix the glow at night.',
      '',
      '# 0.3.0 / 2026-01-01',
      '',
      '> A long wait: we wanted to be sure the next release would keep every lamp lit.',
      '',
    ].join('\n');
    expect(place(old)).toBe('above "0.3.1 / 2026-01-05" (line 1), in the format of that entry');
  });
});

describe('a sibling followed though which one is unsure', () => {
  it('the plan edits where it lives and says which to weigh before copying it', () => {
    const dir = project({ ...TREE, 'lantern/lamp.py': 'def shine(args):\n    return "*" * args.glow\n' });
    const w = offlineWork(dir, 'Add a --dim flag to the lantern');
    w.precedent = precedentSchema.parse({
      verdict: 'new',
      requested: { kind: 'flag', name: '--dim', spellings: ['--dim', 'dim'] },
      sibling: { name: '--glow', kind: 'option', file: 'lantern/cli.py', line: 6, tentative: true },
      candidates: [
        { file: 'lantern/cli.py', line: 5, text: 'parser = argparse.ArgumentParser(prog="lantern")' },
      ],
      footprint: [
        {
          file: 'lantern/cli.py',
          line: 6,
          role: 'registration',
          area: 'code',
          source: 'occurrence',
          text: 'parser.add_argument("--glow", type=int, default=3, help="How bright the lantern glows.")',
        },
        {
          file: 'lantern/lamp.py',
          line: 2,
          role: 'read',
          area: 'code',
          source: 'occurrence',
          text: 'return "*" * args.glow',
        },
      ],
    });
    const phases = precedentPhases(w);
    const edited = phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    expect(edited).toContain('lantern/cli.py');
    // Where the unsure sibling is used is planned too (a flag read nowhere does nothing), each step hedged:
    // a model only if the new one works the same.
    expect(edited).toContain('lantern/lamp.py');
    const details = phases.flatMap((p) => p.steps.map((s) => s.detail)).join('\n');
    expect(details).toMatch(/`--dim` like `--glow`, if it works the same, at/);
    expect(details).not.toMatch(/as `--glow` does/);
    expect(w.facts.join('\n')).toMatch(
      /Which sibling to follow is unsure: `--glow` \(lantern\/cli\.py:6\) is followed .*weigh `lantern\/cli\.py:5`/,
    );
  });
});

describe("a news fragment in the project's own shape", () => {
  const fragment = (files: Record<string, string>) => {
    const { 'CHANGELOG.md': _, ...rest } = TREE;
    const dir = project({ ...rest, ...files });
    return offlineWork(dir, 'Add a --dim option to the lantern').docs.changelog?.create?.path ?? '';
  };
  it('a new option is a feature where the folder also has improvements, whichever sorts first', () => {
    expect(
      fragment({
        'news/10.improvement.rst': 'Faster glow.\n',
        'news/11.feature.rst': 'A --hue option.\n',
        'news/12.bugfix.rst': 'The glow no longer flickers.\n',
      }),
    ).toMatch(/^news\/\+[\w-]+\.feature\.rst$/);
  });
  it("an empty folder: the extension of towncrier's built file", () => {
    expect(
      fragment({
        'pyproject.toml':
          '[project]\nname = "lantern"\n\n[tool.towncrier]\ndirectory = "news"\nfilename = "docs/history.md"\n',
      }),
    ).toMatch(/^news\/\+[\w-]+\.feature\.md$/);
  });
});
