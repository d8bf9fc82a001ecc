import { describe, expect, it } from 'vitest';
import { offlineWork } from '../../test/offline-work.js';
import { precedentAt } from '../../test/precedent-at.js';
import { gitRepo, tempProjects } from '../../test/temp-project.js';
import { notedAlready, notePlace, writtenAtRelease } from './release-notes.js';

/**
 * Whether a change writes a release note: scratch repositories of a small lamp tool written for these
 * tests, one whose maintainers write the changelog in a commit of its own when they release, one whose
 * changes each add their entry.
 */
const project = tempProjects('release-notes');

const repo = () => gitRepo(project);

const CLI = 'import argparse\n\n\ndef build():\n    p = argparse.ArgumentParser(prog="lamp")\n';
const log = (versions: number[], unreleased = false) =>
  [
    ...(unreleased ? ['## Unreleased', '', '- A brighter bulb.', ''] : []),
    ...versions.flatMap((v) => [`## 1.${v}.0 / 2025-0${(v % 9) + 1}-12`, '', `- Change number ${v}.`, '']),
  ].join('\n');

/** Six releases, each a commit of the changelog and the version alone, between commits of code. */
function atRelease(last = log([6, 5, 4, 3, 2, 1])) {
  const r = repo();
  r.commit('start', { 'lamp/cli.py': CLI, 'pyproject.toml': 'version = "1.0.0"\n', 'CHANGELOG.md': '' });
  for (let v = 1; v <= 6; v++) {
    r.commit(`teach the lamp trick ${v}`, { 'lamp/cli.py': `${CLI}    # trick ${v}\n` });
    r.commit(`update CHANGELOG for v1.${v}.0`, {
      'CHANGELOG.md': v === 6 ? last : log(Array.from({ length: v }, (_, i) => v - i)),
      'pyproject.toml': `version = "1.${v}.0"\n`,
    });
  }
  return r.root;
}

describe('a changelog written at release', () => {
  it('no unreleased entry, a dated newest entry, and commits of its own: no entry with a change', () => {
    const root = atRelease();
    const r = writtenAtRelease(root, 'CHANGELOG.md', log([6, 5, 4, 3, 2, 1]));
    expect(r?.why).toContain('"1.6.0 / 2025-07-12" (CHANGELOG.md:1)');
    expect(r?.why).toContain('6 of the last 7 commits');
    expect(r?.why).toContain('"update CHANGELOG for v1.6.0"');
  });

  it('the offline engine plans no release note and says why', () => {
    const root = atRelease();
    const w = offlineWork(root, 'Add a --dim option to the lamp');
    expect(w.docs.changelog).toBeNull();
    expect(w.docs.atRelease).toMatch(/is written at release.*no release note is planned/);
  });

  it('an unreleased entry is where changes write: an entry under it', () => {
    const text = log([6, 5, 4, 3, 2, 1], true);
    const root = atRelease(text);
    expect(writtenAtRelease(root, 'CHANGELOG.md', text)).toBeNull();
    expect(offlineWork(root, 'Add a --dim option to the lamp').docs.changelog?.modify?.why).toBe(
      'under "Unreleased" (line 1)',
    );
  });

  it('changes that write their own entry (code and changelog in one commit): an entry above the newest', () => {
    const r = repo();
    r.commit('start', { 'lamp/cli.py': CLI, 'CHANGELOG.md': '' });
    for (let v = 1; v <= 6; v++)
      r.commit(`teach the lamp trick ${v}`, {
        'lamp/cli.py': `${CLI}    # trick ${v}\n`,
        'CHANGELOG.md': log(Array.from({ length: v }, (_, i) => v - i)),
      });
    expect(writtenAtRelease(r.root, 'CHANGELOG.md', log([6, 5, 4, 3, 2, 1]))).toBeNull();
  });

  it('a changelog under a title heading (the first heading names no version) is read alike', () => {
    const titled = (v: number[]) => `# Change Log\n\nAll notable changes to the lamp.\n\n${log(v)}`;
    const root = atRelease(titled([6, 5, 4, 3, 2, 1]));
    expect(writtenAtRelease(root, 'CHANGELOG.md', titled([6, 5, 4, 3, 2, 1]))?.why).toContain(
      '"1.6.0 / 2025-07-12" (CHANGELOG.md:5)',
    );
  });

  it('too little history to say: no decision', () => {
    const r = repo();
    r.commit('start', { 'CHANGELOG.md': log([1]) });
    expect(writtenAtRelease(r.root, 'CHANGELOG.md', log([1]))).toBeNull();
  });
});

describe('where the entry goes', () => {
  it('under the heading that says unreleased, else above the newest entry', () => {
    expect(notePlace('# Changes\n\n## Upcoming release\n\n- x\n')).toEqual({
      line: 3,
      title: 'Upcoming release',
      unreleased: true,
    });
    expect(notePlace('## 2.0 / 2025-01-01\n\n- x\n')).toEqual({
      line: 1,
      title: '2.0 / 2025-01-01',
      unreleased: false,
    });
    expect(notePlace('just prose\n')).toBeNull();
    // The file's title is no entry: the newest entry is the first heading that names a version.
    expect(
      notePlace('# Change Log\n\nAll notable changes.\n\n## [2.1.0](https://x/compare) (2025-03-04)\n'),
    ).toEqual({
      line: 5,
      title: '[2.1.0](https://x/compare) (2025-03-04)',
      unreleased: false,
    });
  });
});

describe("a met option's gap", () => {
  /** `--glow` is met; its neighbours are each in the changelog, written per change or at release. */
  const OPTIONS = `${CLI}    p.add_argument("--bright", help="How bright.")\n    p.add_argument("--warm", help="How warm.")\n    p.add_argument("--glow", help="How it glows.")\n    return p\n`;
  const entries = (n: number) =>
    [
      `## 1.${n}.0 / 2025-01-0${n}`,
      '',
      '- `--bright` sets how bright.',
      '- `--warm` sets how warm.',
      '',
    ].join('\n');
  function tree(perChange: boolean) {
    const r = repo();
    r.commit('start', { 'lamp/cli.py': OPTIONS, 'CHANGELOG.md': '' });
    for (let v = 1; v <= 5; v++) {
      const code = { 'lamp/cli.py': `${OPTIONS}# step ${v}\n` };
      const note = { 'CHANGELOG.md': entries(v) };
      if (perChange) r.commit(`step ${v}`, { ...code, ...note });
      else {
        r.commit(`step ${v}`, code);
        r.commit(`changelog for v1.${v}.0`, note);
      }
    }
    return r.root;
  }
  const lacks = async (root: string) =>
    ((await precedentAt(root, 'Add a --glow option to the lamp')).gap?.lacks ?? []).map((l) => l.aspect);

  it('lacks a changelog entry where changes write one, not where the changelog is written at release', async () => {
    expect(await lacks(tree(true))).toContain('changelog');
    expect(await lacks(tree(false))).not.toContain('changelog');
  });
});

describe('an unreleased entry that already names the requested thing', () => {
  const notes = [
    '# Unreleased',
    '',
    '## Features',
    '',
    '- Dim the lamp when the room is dark #41',
    '- `--warm-tint` picks the bulb colour #42',
    '',
    '# 1.6.0',
    '',
    '- Glow at night #40',
    '',
  ].join('\n');

  it('is named as code, or by its words in a row in prose: no second entry', () => {
    expect(notedAlready('CHANGELOG.md', notes, ['--warm-tint', 'warm_tint'])).toMatchObject({ line: 6 });
    // `dim_when_dark` said in prose as "Dim … when … dark" is no name; "room dark" is not its words in a row.
    expect(notedAlready('CHANGELOG.md', notes, ['dim_when_dark'])).toBeNull();
    const said = notedAlready('CHANGELOG.md', notes, ['--dim-the-lamp', 'dim_the_lamp']);
    expect(said?.why).toBe(
      '`CHANGELOG.md` already has an entry under "Unreleased" that names it (CHANGELOG.md:5): no second release note is planned; extend that entry if the change adds to what it says.',
    );
  });

  it('one shared word, a released entry, or no unreleased section: a note is still planned', () => {
    expect(notedAlready('CHANGELOG.md', notes, ['--dim', 'dim'])).toBeNull();
    expect(notedAlready('CHANGELOG.md', notes, ['--glow-at-night', 'glow_at_night'])).toBeNull();
    expect(notedAlready('CHANGELOG.md', notes.replace('# Unreleased', '# 1.7.0'), ['warm_tint'])).toBeNull();
  });

  it('the offline engine plans no release note and says why', async () => {
    const r = repo();
    r.commit('start', {
      'lamp/cli.py': `${CLI}    p.add_argument("--bright", help="How bright.")\n    return p\n`,
      'CHANGELOG.md': notes,
    });
    const asked = 'Add a --warm-tint option to the lamp';
    const w = offlineWork(r.root, asked, await precedentAt(r.root, asked));
    expect(w.docs.changelog).toBeNull();
    expect(w.docs.atRelease).toMatch(
      /^`CHANGELOG.md` already has an entry under "Unreleased" that names it \(CHANGELOG.md:6/,
    );
    // Another option: its entry goes under the unreleased heading.
    const other = 'Add a --cool-tint option to the lamp';
    expect(offlineWork(r.root, other, await precedentAt(r.root, other)).docs.changelog?.modify?.why).toBe(
      'under "Unreleased" (line 1)',
    );
  });
});
