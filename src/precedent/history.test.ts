import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, tempProjects } from '../../test/temp-project.js';
import { outline } from '../explore/outline.js';
import type { FootprintEntry } from './footprint.js';
import {
  addedLines,
  historyEntries,
  INCIDENTAL,
  introducedBy,
  judge,
  markIncidental,
  registrationForms,
  todayAt,
} from './history.js';

/**
 * The commit that introduced a sibling, on scratch repositories of a small tool written for these tests:
 * only a commit that adds the registration to a file that did not have it counts; a move is followed back
 * to where the option came from, and a reformat, a rename or a later mention is no introduction.
 */
const project = tempProjects('precedent-history');

const repo = () => gitRepo(project);

const cli = (...options: string[]) =>
  `import argparse


def parser():
    p = argparse.ArgumentParser(prog="kiln")
${options.map((o) => `    ${o}`).join('\n')}
    return p
`;
const WRAP = 'p.add_argument("--wrap-width", type=int, default=72, help="Columns per report line.")';
const QUIET = 'p.add_argument("--quiet", action="store_true", help="Print nothing but errors.")';

describe('registration forms', () => {
  it('spell the flag, the quoted name, and a derive field only when the declaration spells it so', () => {
    const flag = new RegExp(registrationForms('--wrap-width').join('|'));
    expect(flag.test('p.add_argument("--wrap-width", type=int)')).toBe(true);
    expect(flag.test('.long("wrap-width")')).toBe(true);
    expect(flag.test('p.add_argument("--wrap-width-max")')).toBe(false);
    expect(flag.test('args.wrap_width')).toBe(false);
    const field = new RegExp(registrationForms('--wrap-width', '    wrap_width: Option<usize>,').join('|'));
    expect(field.test('    pub wrap_width: Option<usize>,')).toBe(true);
  });
  it('judge a diff: a line moved in from another file, a rename, a reformat', () => {
    const named = new RegExp(registrationForms('--wrap-width').join('|'));
    const moved =
      'diff --git a/kiln/main.py b/kiln/main.py\n--- a/kiln/main.py\n+++ b/kiln/main.py\n-    p.add_argument("--wrap-width")\n' +
      'diff --git a/kiln/options.py b/kiln/options.py\n--- /dev/null\n+++ b/kiln/options.py\n+    p.add_argument("--wrap-width")\n';
    expect(judge(moved, 'kiln/options.py', named, '--wrap-width')).toEqual({
      adds: false,
      movedFrom: 'kiln/main.py',
    });
    const renamed =
      'diff --git a/kiln/cli.py b/kiln/cli.py\n--- a/kiln/cli.py\n+++ b/kiln/cli.py\n-    p.add_argument("--wrap", type=int)\n+    p.add_argument("--wrap-width", type=int)\n';
    expect(judge(renamed, 'kiln/cli.py', named, '--wrap-width')).toEqual({ adds: false });
    const added =
      'diff --git a/kiln/cli.py b/kiln/cli.py\n--- a/kiln/cli.py\n+++ b/kiln/cli.py\n+    p.add_argument("--wrap-width", type=int)\n';
    expect(judge(added, 'kiln/cli.py', named, '--wrap-width')).toEqual({ adds: true });
  });
});

describe('the commit that introduced the sibling', () => {
  it('is the commit that added its registration, with the files it changed', () => {
    const { root, commit } = repo();
    commit('first cut', { 'kiln/cli.py': cli(QUIET), 'README.md': '# kiln\n' });
    const sha = commit('wrap long report lines', {
      'kiln/cli.py': cli(QUIET, WRAP),
      'kiln/report.py': 'def wrap(lines, width):\n    return [l[:width] for l in lines]\n',
      'tests/test_wrap.py': 'def test_wrap():\n    assert True\n',
    });
    commit('mention the width in the quiet help', {
      'kiln/cli.py': cli(QUIET.replace('errors.', 'errors (see --wrap-width).'), WRAP),
      'NEWS.md': 'quiet help\n',
    });
    expect(introducedBy(root, { name: '--wrap-width', file: 'kiln/cli.py' })).toEqual({
      commit: sha,
      subject: 'wrap long report lines',
      files: ['kiln/cli.py', 'kiln/report.py', 'tests/test_wrap.py'],
      added: { 'kiln/cli.py': [[7, 7]], 'kiln/report.py': [[1, 2]], 'tests/test_wrap.py': [[1, 2]] },
    });
  });

  it('follows a move back to the commit that added it, and leaves out the file it left', () => {
    const { root, commit } = repo();
    commit('first cut', { 'kiln/main.py': cli(QUIET) });
    const sha = commit('wrap long report lines', {
      'kiln/main.py': cli(QUIET, WRAP),
      'kiln/report.py': 'def wrap(lines, width):\n    return lines\n',
    });
    commit('options in a module of their own', {
      'kiln/options.py': cli(QUIET, WRAP),
      'kiln/main.py': 'from kiln.options import parser\n',
      'build.py': 'pass\n',
    });
    // A later commit that only mentions it beside another option is no introduction either.
    commit('point the quiet help at the width', {
      'kiln/options.py': cli(QUIET.replace('errors.', 'errors (see --wrap-width).'), WRAP),
      'setup.cfg': '[metadata]\nname = kiln\n',
    });
    expect(introducedBy(root, { name: '--wrap-width', file: 'kiln/options.py' })).toEqual({
      commit: sha,
      subject: 'wrap long report lines',
      files: ['kiln/report.py'],
      added: { 'kiln/report.py': [[1, 2]] },
    });
  });

  it('is none when the option was renamed into its name, or when its first commit is out of the bounds', () => {
    const { root, commit } = repo();
    commit('first cut', { 'kiln/cli.py': cli(QUIET, WRAP.replace('--wrap-width', '--wrap')) });
    commit('spell the wrap option out', {
      'kiln/cli.py': cli(QUIET, WRAP),
      'docs/usage.md': '# Usage\n\n`--wrap-width`\n',
    });
    expect(introducedBy(root, { name: '--wrap-width', file: 'kiln/cli.py' })).toBeNull();
    const mass = repo();
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`kiln/part${i}.py`, `N = ${i}\n`]));
    mass.commit('import the whole tool', { 'kiln/cli.py': cli(QUIET, WRAP), ...many });
    expect(introducedBy(mass.root, { name: '--wrap-width', file: 'kiln/cli.py' }, 20)).toBeNull();
  });
});

describe('what the introducing commit changed, found again today', () => {
  it('reads the lines a diff without context added, per file', () => {
    const diff =
      'diff --git a/kiln/cli.py b/kiln/cli.py\n--- a/kiln/cli.py\n+++ b/kiln/cli.py\n@@ -6,0 +7 @@ def parser():\n+    x\n' +
      'diff --git a/kiln/report.py b/kiln/report.py\n--- a/kiln/report.py\n+++ b/kiln/report.py\n@@ -2 +2,3 @@ def render\n-a\n+b\n+c\n+d\n@@ -9,2 +11,0 @@\n-e\n-f\n';
    expect([...addedLines(diff)]).toEqual([
      ['kiln/cli.py', [[7, 7]]],
      ['kiln/report.py', [[2, 4]]],
    ]);
  });

  it('finds a symbol by its qualified name, else by its one name, else not at all', () => {
    const items = outline(
      'class Page:\n    def render(self):\n        pass\n\ndef paint():\n    pass\n\ndef other():\n    pass\n',
      'Python',
    );
    expect(todayAt(items, 'Page.render')?.start_line).toBe(2);
    expect(todayAt(items, 'render')?.qualified).toBe('Page.render');
    expect(todayAt(items, 'Sheet.paint')?.start_line).toBe(5);
    expect(todayAt(items, 'gone')).toBeUndefined();
  });

  it('cites each function the commit changed at its line today, and says when it is gone', () => {
    const { root, commit } = repo();
    const report = (...fns: string[]) => `${fns.join('\n\n')}\n`;
    const RENDER = 'def render(lines):\n    return "\\n".join(lines)';
    const PAD = 'def pad(line):\n    return line + " "';
    commit('first cut', { 'kiln/cli.py': cli(QUIET), 'kiln/report.py': report(RENDER, PAD) });
    const sha = commit('wrap long report lines', {
      'kiln/cli.py': cli(QUIET, WRAP),
      'kiln/report.py': report(
        RENDER.replace('lines)', 'lines, width=72):\n    lines = [l[:width] for l in lines]'),
        PAD.replace('" "', '" " * 2'),
      ),
      'docs/usage.md': '# Usage\n\nLong lines are cut.\n',
    });
    // Later: a helper above `render` moves it down, and `pad` is renamed.
    commit('a header line', {
      'kiln/report.py': report('def header():\n    return "kiln"', RENDER, PAD.replace('pad', 'indent')),
    });
    const intro = introducedBy(root, { name: '--wrap-width', file: 'kiln/cli.py' })!;
    expect(intro.commit).toBe(sha);
    const files = [
      { path: 'kiln/report.py', language: 'Python', area: 'code' as const },
      { path: 'docs/usage.md', language: null, area: 'docs' as const },
    ];
    const read = (f: string) => readFileSync(join(root, f), 'utf8');
    const entries = historyEntries(root, intro, 'wrap_width', files, read);
    const by = `the commit that added \`wrap_width\` (${sha.slice(0, 10)}, "wrap long report lines")`;
    expect(entries).toEqual([
      {
        file: 'kiln/report.py',
        line: 4,
        symbol: 'render',
        role: 'other',
        area: 'code',
        source: 'history',
        why: `${by} changed \`render\` here`,
        text: 'def render(lines):',
      },
      {
        file: 'docs/usage.md',
        role: 'docs',
        area: 'docs',
        source: 'history',
        why: `${by} changed this file`,
        text: '',
      },
    ]);
    // Two functions then that are one today (the method's class is gone): one entry.
    const two = repo();
    const page = 'class Page:\n    def render(self):\n        return 1\n\n\ndef render():\n    return 2\n';
    two.commit('first cut', { 'kiln/cli.py': cli(QUIET), 'kiln/page.py': page });
    two.commit('wrap', {
      'kiln/cli.py': cli(QUIET, WRAP),
      'kiln/page.py': page.replace(/return (\d)/g, 'return $1 + 0'),
    });
    two.commit('no class', { 'kiln/page.py': 'def render():\n    return 2\n' });
    const one = historyEntries(
      two.root,
      introducedBy(two.root, { name: '--wrap-width', file: 'kiln/cli.py' })!,
      'wrap_width',
      [{ path: 'kiln/page.py', language: 'Python', area: 'code' }],
      (f) => readFileSync(join(two.root, f), 'utf8'),
    );
    expect(one.map((e) => [e.line, e.symbol])).toEqual([[1, 'render']]);
    // Both renamed away: no line is cited, the commit's lines are.
    commit('names of our own', {
      'kiln/report.py': report(RENDER.replace('render', 'show'), PAD.replace('pad', 'indent')),
    });
    const gone = historyEntries(root, intro, 'wrap_width', files.slice(0, 1), read);
    expect(gone).toHaveLength(1);
    expect(gone[0]!.line).toBeUndefined();
    expect(gone[0]!.why).toBe(
      `${by} changed \`render\` (its lines 1-2 then), \`pad\` (its lines 6-6 then), which the file no longer has`,
    );
  });
});

describe('history files nothing today ties to the sibling', () => {
  // kiln's `--wrap-width` is read in `render`, which folds lines with `fold_lines` and keeps a `Palette`
  // only as a type; the commit that added the option also touched a version file and the contributors list.
  const files: Record<string, string> = {
    'kiln/report.py': [
      'from kiln.text import Palette, fold_lines',
      '',
      '',
      'def render(rows, opts):',
      '    palette: Palette = opts.palette',
      '    width = opts.wrap_width',
      '    return [fold_lines(r, width) for r in rows]',
      '',
      '',
      'def footer(opts):',
      '    return Palette()',
      '',
    ].join('\n'),
    'docs/options.md': [
      '# Options',
      '',
      '- `--quiet`: less',
      '- `--wrap-width`: columns',
      '- `--color`: when',
      '- `--output`: where',
      '',
    ].join('\n'),
    'docs/intro.md': ['# kiln', '', 'Run kiln on a folder.', ''].join('\n'),
    'shell/_kiln': ["_arguments '(--wrap-width)--wrap-width[columns]:n' '--quiet[less]'", ''].join('\n'),
    NOTES: ['wrap width is set by the user', ''].join('\n'),
  };
  const occurrence: FootprintEntry = {
    file: 'kiln/report.py',
    line: 6,
    symbol: 'render',
    role: 'read',
    area: 'code',
    source: 'occurrence',
    why: 'names `wrap_width`',
    text: 'width = opts.wrap_width',
  };
  const from = (file: string, area: FootprintEntry['area'], symbol?: string): FootprintEntry => ({
    file,
    ...(symbol ? { line: 1, symbol } : {}),
    role: area === 'code' ? 'other' : area === 'docs' ? 'docs' : area,
    area,
    source: 'history',
    why: 'the commit that added `--wrap-width` changed this file',
    text: '',
  });
  const mark = () => {
    const history = [
      from('kiln/text.py', 'code', 'fold_lines'),
      from('kiln/text.py', 'code', 'Palette'),
      from('kiln/__version__.py', 'code'),
      from('CONTRIBUTORS', 'code'),
      from('docs/options.md', 'docs'),
      from('docs/intro.md', 'docs'),
      from('CHANGES.md', 'changelog'),
      from('tests/test_text.py', 'test', 'test_fold'),
      from('shell/_kiln', 'code'),
      from('NOTES', 'code'),
    ];
    const defined = (page: string) =>
      (files[page] ?? '').split('\n').filter((l) => /^- `--[\w-]+`/.test(l)).length;
    markIncidental(
      history,
      [occurrence],
      (f) => files[f] ?? null,
      () => 'Python',
      defined,
      ['--wrap-width'],
    );
    return Object.fromEntries(
      history.map((e) => [`${e.file} ${e.symbol ?? ''}`.trim(), e.incidental ?? 'tied']),
    );
  };
  it('ties a function the code carrying the value calls, a docs table of the kind, the changelog and tests', () => {
    const got = mark();
    expect(got['kiln/text.py fold_lines']).toBe('tied');
    expect(got['docs/options.md']).toBe('tied');
    expect(got['CHANGES.md']).toBe('tied');
    expect(got['tests/test_text.py test_fold']).toBe('tied');
    // A file that spells the sibling today, whatever the occurrence search kept: a zsh completion.
    expect(got['shell/_kiln']).toBe('tied');
  });
  it('lists the rest: a class only named as a type there, a file cited alone, a page of prose', () => {
    const got = mark();
    // `Palette()` is called, but in `footer`, which does not carry the value.
    expect(got['kiln/text.py Palette']).toBe(INCIDENTAL);
    expect(got['kiln/__version__.py']).toBe(INCIDENTAL);
    expect(got.CONTRIBUTORS).toBe(INCIDENTAL);
    expect(got['docs/intro.md']).toBe(INCIDENTAL);
    // The name's words in prose are not its spelling.
    expect(got.NOTES).toBe(INCIDENTAL);
  });
  it('ties a function of a name several files define only by a call written with its owner', () => {
    // `fold_lines` defined in two files: the bare call in `render` may be either's.
    const history = [from('kiln/text.py', 'code', 'fold_lines'), from('kiln/table.py', 'code', 'fold_lines')];
    const read = (f: string) =>
      f === 'kiln/report.py'
        ? (files[f] ?? '').replace('fold_lines(r, width)', 'fold_lines(text.fold_lines(r, width), 0)')
        : (files[f] ?? null);
    markIncidental(
      history,
      [occurrence],
      read,
      () => 'Python',
      () => 0,
      ['--wrap-width'],
      () => 2,
    );
    // `text.fold_lines(` names the module of `kiln/text.py`; nothing names `kiln/table.py`'s.
    expect(history.map((e) => e.incidental ?? 'tied')).toEqual(['tied', INCIDENTAL]);
    const bare = [from('kiln/text.py', 'code', 'fold_lines')];
    markIncidental(
      bare,
      [occurrence],
      (f) => files[f] ?? null,
      () => 'Python',
      () => 0,
      [],
      () => 2,
    );
    expect(bare[0]!.incidental).toBe(INCIDENTAL);
    // A call on a value the body builds from the file's module is that file's.
    const built = [from('kiln/text.py', 'code', 'fold_lines')];
    const reads = (f: string) =>
      f === 'kiln/report.py'
        ? (files[f] ?? '').replace(
            '    return [fold_lines(r, width) for r in rows]',
            '    folder = text.Folder(width)\n    return [folder.fold_lines(r) for r in rows]',
          )
        : (files[f] ?? null);
    markIncidental(
      built,
      [occurrence],
      reads,
      () => 'Python',
      () => 0,
      [],
      () => 2,
    );
    expect(built[0]!.incidental).toBeUndefined();
  });
});
