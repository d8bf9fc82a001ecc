import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects, writeFiles } from '../../test/temp-project.js';
import { introducedBy, judge, registrationForms } from './history.js';

/**
 * The commit that introduced a sibling, on scratch repositories of a small tool written for these tests:
 * only a commit that adds the registration to a file that did not have it counts; a move is followed back
 * to where the option came from, and a reformat, a rename or a later mention is no introduction.
 */
const project = tempProjects('precedent-history');

function repo() {
  const root = project({});
  const run = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  run('init', '-q');
  const commit = (message: string, files: Record<string, string>, remove: string[] = []) => {
    for (const f of remove) rmSync(join(root, f));
    writeFiles(root, files);
    run('add', '-A');
    run('commit', '-q', '-m', message);
    return run('rev-parse', 'HEAD').trim();
  };
  return { root, commit };
}

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
