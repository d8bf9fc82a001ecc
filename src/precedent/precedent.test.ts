import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import type { Precedent } from '../domain/precedent.js';
import { inventory } from '../explore/inventory.js';
import { selectionMatches, testNamesIn } from '../explore/test-names.js';
import {
  CONFIG_REGISTRY,
  GO_COBRA,
  JS_COMMANDER,
  PY_CLICK,
  PY_PLUGIN,
  RUST_BUILDER,
  RUST_CLAP,
} from './fixtures/projects.js';
import { wordsOf } from './words.js';

/**
 * The precedent core on small invented projects (fixtures/projects.ts), one per ecosystem: the verdict,
 * its evidence, the sibling, its footprint and the covering tests. Every cited line is read back from the
 * file and must say what is claimed.
 */
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const roots = new Map<Record<string, string>, string>();
function project(files: Record<string, string>): string {
  let root = roots.get(files);
  if (root) return root;
  root = mkdtempSync(join(tmpdir(), 'plansmith-precedent-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  roots.set(files, root);
  return root;
}

async function ask(files: Record<string, string>, requirement: string): Promise<Precedent> {
  const root = project(files);
  const p = await precedentAt(root, requirement);
  checkEvidence(root, p);
  return p;
}

/** Every place the analysis cites exists and its line reads as quoted; a declaration's line spells its name. */
function checkEvidence(root: string, p: Precedent) {
  const lineOf = (file: string, line: number) =>
    readFileSync(join(root, file), 'utf8').split('\n')[line - 1]!;
  for (const e of [...p.evidence, ...p.candidates]) expect(lineOf(e.file, e.line).trim()).toBe(e.text);
  for (const e of p.evidence) {
    const words = wordsOf(lineOf(e.file, e.line)).join(' ');
    const named = [p.requested?.name, p.sibling?.name].filter((n): n is string => Boolean(n));
    expect(named.some((n) => words.includes(wordsOf(n).join(' ')))).toBe(true);
  }
  if (p.sibling) {
    const words = wordsOf(lineOf(p.sibling.file, p.sibling.line)).join(' ');
    expect(words).toContain(wordsOf(p.sibling.name).join(' '));
  }
  for (const f of p.footprint)
    if (f.source === 'occurrence') expect(lineOf(f.file, f.line!).trim()).toBe(f.text);
}

describe('the requested thing', () => {
  it('names nothing: no invented thing, the verdict is unsure', async () => {
    const p = await ask(PY_CLICK, 'Make the tool nicer to use.');
    expect(p.requested).toBeNull();
    expect(p.verdict).toBe('unsure');
    expect(p.footprint).toEqual([]);
  });

  it('spells the name in every way the ecosystems do', async () => {
    const p = await ask(PY_CLICK, 'Add a --max-results option to `shelf ls`.');
    expect(p.requested).toMatchObject({ kind: 'option', name: '--max-results', named: true });
    expect(p.requested!.spellings).toEqual(
      expect.arrayContaining(['--max-results', 'max_results', 'maxResults', 'MAX_RESULTS']),
    );
  });
});

describe('Python click', () => {
  it('already met under a synonym: --max-results is --limit-results', async () => {
    const p = await ask(PY_CLICK, 'Add a --max-results option to cap how many books `shelf ls` lists.');
    expect(p.verdict).toBe('met');
    expect(p.evidence[0]).toMatchObject({ file: 'shelf/cli.py', line: 12 });
    expect(p.sibling).toMatchObject({ name: '--limit-results' });
  });

  it('name taken: the name exists for something else', async () => {
    const p = await ask(PY_CLICK, 'Add a --sort-by option that chooses which shelf file to load books from.');
    expect(p.verdict).toBe('name-taken');
    expect(p.evidence[0]).toMatchObject({ file: 'shelf/cli.py', line: 13 });
  });

  it('partly met: the parameter exists but its type does not take a list', async () => {
    const p = await ask(PY_CLICK, 'Let `find_books` accept a list of fields to search in.');
    expect(p.requested).toMatchObject({ kind: 'parameter', name: 'fields' });
    expect(p.verdict).toBe('partly-met');
    expect(p.missing).toContain('does not accept a list');
    expect(p.evidence[0]).toMatchObject({ file: 'shelf/listing.py', line: 22 });
  });

  it('new: the nearest sibling, its footprint in code, docs, tests and changelog, and the tests that run it', async () => {
    const p = await ask(
      PY_CLICK,
      'Add a --hide-borrowed flag so that lent books are left out of the listing.',
    );
    // "hide" is not "skip", but what the flag does is what --skip-lent's help says.
    expect(['met', 'new']).toContain(p.verdict);
    expect(p.sibling).toMatchObject({ name: '--skip-lent', file: 'shelf/cli.py', line: 14 });
    const areas = new Set(p.footprint.map((f) => f.area));
    expect(areas).toEqual(new Set(['code', 'docs', 'test', 'changelog']));
    expect(p.footprint[0]).toMatchObject({ file: 'shelf/cli.py', line: 14, role: 'registration' });
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'shelf/listing.py', line: 13, symbol: 'list_books', role: 'read' }),
    );
    expect(p.footprint).toContainEqual(expect.objectContaining({ file: 'docs/usage.md', symbol: 'Listing' }));
    // The covering test exercises the sibling; test_cli_help.py only has a similar name.
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_cli.py']);
    expect(p.tests[0]!.selects).toEqual(['test_skip_lent_hides_lent_books']);
    const text = readFileSync(join(project(PY_CLICK), 'tests/test_cli.py'), 'utf8');
    const names = testNamesIn('tests/test_cli.py', text);
    expect(selectionMatches('pytest', p.tests[0]!.selects.join(' or '), names)).toBe(true);
  });

  it('new with no synonym and nothing telling the options of the command apart: the first of them followed, marked unsure, the others as candidates', async () => {
    // "listing" in `--sort-by`'s help is one shared word: not enough to follow it with confidence. The
    // options all live in the command's file, so that is where the change goes; which to copy is unsure.
    const p = await ask(PY_CLICK, 'Add an --author option to filter the listing by author.');
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ name: '--sort-by', file: 'shelf/cli.py', tentative: true });
    expect(p.candidates.length).toBeGreaterThan(0);
    expect(p.candidates.every((c) => c.file === 'shelf/cli.py')).toBe(true);
    expect(p.footprint.some((e) => e.file === 'shelf/cli.py')).toBe(true);
  });
});

describe('JavaScript commander', () => {
  it('already met under a synonym: --exclude is --ignore', async () => {
    const p = await ask(JS_COMMANDER, 'Add an `--exclude` option to skip paths matching a glob.');
    expect(p.verdict).toBe('met');
    expect(p.sibling).toMatchObject({ name: '--ignore', file: 'src/cli.js', line: 8 });
    expect(p.footprint).toContainEqual(expect.objectContaining({ file: 'src/walk.js', area: 'code' }));
    // The describe title names it, and a test inside uses it.
    expect(p.tests[0]).toMatchObject({
      file: 'test/cli.test.js',
      selects: ['ignore', 'leaves out what matches'],
    });
  });

  it('partly met: a flag exists but takes no value', async () => {
    const p = await ask(JS_COMMANDER, 'Let `--depth` accept a list of depths, one per root.');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'src/cli.js', line: 7 });
  });
});

describe('Go cobra', () => {
  it("new: follows the command's own flags", async () => {
    const p = await ask(GO_COBRA, 'Add a --timeout flag to `fetch` that gives up after a number of seconds.');
    expect(p.verdict).toBe('new');
    expect(p.sibling?.file).toBe('cmd/fetch.go');
    expect(p.footprint.some((f) => f.role === 'registration')).toBe(true);
    expect(p.footprint.some((f) => f.file === 'cmd/fetch.go' && f.role === 'read')).toBe(true);
  });

  it('met: the flag exists by its name', async () => {
    const p = await ask(GO_COBRA, 'Add a --retries flag to `fetch`.');
    expect(p.verdict).toBe('met');
    expect(p.evidence[0]).toMatchObject({ file: 'cmd/fetch.go', line: 21 });
    expect(p.tests[0]).toMatchObject({ file: 'cmd/fetch_test.go' });
    expect(p.tests[0]!.selects).toContain('TestFetchRetries');
  });
});

describe('Rust clap', () => {
  it('name taken: --color exists and means something else', async () => {
    const p = await ask(RUST_CLAP, 'Add a --color option to pick the syntax theme by name.');
    expect(p.verdict).toBe('name-taken');
    expect(p.evidence[0]).toMatchObject({ file: 'src/main.rs', line: 8 });
  });

  it('met under a synonym: --limit-files is --max-files', async () => {
    const p = await ask(RUST_CLAP, 'Add a --limit-files option to stop after some files.');
    expect(p.verdict).toBe('met');
    expect(p.sibling).toMatchObject({ name: '--max-files', file: 'src/main.rs', line: 12 });
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'src/main.rs', line: 19, symbol: 'main' }),
    );
  });
});

describe('a Sphinx-style config registry', () => {
  it('new: the sibling config value, read and documented', async () => {
    const p = await ask(
      CONFIG_REGISTRY,
      'Add a `pagesmith_toc_min_depth` config value so the contents list can start at a deeper heading level.',
    );
    expect(p.verdict).toBe('new');
    expect(p.requested?.kind).toBe('config-value');
    expect(p.sibling).toMatchObject({ name: 'pagesmith_toc_depth', file: 'pagesmith/__init__.py', line: 2 });
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'pagesmith/toc.py', line: 2, symbol: 'build_toc', role: 'read' }),
    );
    expect(p.footprint).toContainEqual(
      expect.objectContaining({
        file: 'docs/configuration.rst',
        area: 'docs',
        symbol: 'pagesmith_toc_depth',
      }),
    );
    // The test file names the sibling in a helper class, outside any test: the whole file is the selection.
    expect(p.tests[0]).toMatchObject({ file: 'tests/test_toc.py', selects: [] });
  });
});

describe('names written as one word, help that says the same, wrappers', () => {
  it('one word for two: --max-failures is --maxfail, not the flag that shares its dest', async () => {
    const p = await ask(
      PY_PLUGIN,
      'Add a --max-failures option that stops the run after that many failed tests.',
    );
    expect(p.verdict).toBe('met');
    expect(p.sibling).toMatchObject({ name: '--maxfail', line: 8 });
  });

  it('the same job under another name, found by its help', async () => {
    const p = await ask(PY_PLUGIN, 'Add a --give-up-early flag that stops after the first failed test.');
    expect(p.verdict).toBe('met');
    expect(p.sibling).toMatchObject({ name: '--stop-first', line: 7 });
  });

  it("a project's own wrapper declares options too; a longer name is not an occurrence", async () => {
    const p = await ask(PY_PLUGIN, 'Add a `--report-file-encoding` option.');
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ name: '--report-file', file: 'runner/options.py', line: 9 });
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'runner/report.py', line: 2, symbol: 'open_report', role: 'read' }),
    );
    expect(p.footprint.some((f) => f.text.includes('report_file_mode'))).toBe(false);
  });

  it('a clap builder chain made by a helper: the `.long("…")` is the declaration', async () => {
    const p = await ask(RUST_BUILDER, 'Add a --max-depth option.');
    expect(p.verdict).toBe('met');
    expect(p.evidence[0]).toMatchObject({ file: 'src/app.rs', line: 10 });
  });
});

describe('a mention in prose is no use', () => {
  const PACK: Record<string, string> = {
    'pack/cli.py': `import argparse

from pack.boxes import fill


def main(argv=None):
    parser = argparse.ArgumentParser(prog="pack")
    parser.add_argument("--max-weight", type=int, default=20, help="Stop filling a box at this many kilograms.")
    parser.add_argument("--label", help="""
        Text printed on the box; boxes filled up to --max-weight get a red one.
    """)
    args = parser.parse_args(argv)
    # --max-weight is checked while filling
    return fill(args.label, max_weight=args.max_weight)
`,
    'docs/usage.md': `# Usage

Boxes stop filling at the weight that \`--max-weight\` sets.

Full boxes are weighed again: see [the weight check](#max-weight).
`,
    'pack/boxes.py': `def fill(label, max_weight=20):
    """Fill a box with items.

    Items stop going in once max_weight is reached.
    """
    total = 0
    for item in items():
        if total + item > max_weight:
            break
        total += item
    return total


def items():
    return []
`,
  };

  it("a docstring, another option's help and a comment that name the sibling are mentions, not reads; a link to it documents nothing", async () => {
    const p = await ask(PACK, 'Add a --max-items option to stop filling a box after this many items.');
    expect(p.sibling).toMatchObject({ name: '--max-weight', file: 'pack/cli.py' });
    const at = (file: string, line: number) => p.footprint.find((e) => e.file === file && e.line === line);
    for (const [file, line, where] of [
      ['pack/cli.py', 10, 'a docstring or other triple-quoted string'],
      ['pack/cli.py', 13, 'a comment'],
      ['pack/boxes.py', 4, 'a docstring or other triple-quoted string'],
    ] as const)
      expect(at(file, line)).toMatchObject({
        role: 'other',
        why: expect.stringContaining(`in ${where}, no use`),
      });
    expect(at('pack/cli.py', 14)).toMatchObject({ role: 'read' });
    expect(at('pack/boxes.py', 8)).toMatchObject({ role: 'read' });
    // A link to a section of that name is a cross-reference, not the option documented.
    expect(at('docs/usage.md', 3)).toMatchObject({ role: 'docs' });
    expect(at('docs/usage.md', 5)).toBeUndefined();
  });
});

describe('history: a move is not an introduction', () => {
  it('the commit that moved the sibling into its file gives no history files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plansmith-precedent-move-'));
    made.push(root);
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
        stdio: 'ignore',
      });
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    const options = `import argparse


def parser():
    p = argparse.ArgumentParser()
    p.add_argument("--wrap-width", type=int, default=72, help="Columns per report line.")
    return p
`;
    write('kiln/main.py', options);
    write(
      'tests/test_main.py',
      'from kiln.main import parser\n\n\ndef test_wrap():\n    assert parser().parse_args(["--wrap-width", "3"])\n',
    );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'wrap width');
    // The options move to a module of their own; a build script changes in the same commit.
    rmSync(join(root, 'kiln/main.py'));
    write('kiln/options.py', options);
    write('kiln/main.py', 'from kiln.options import parser\n');
    write('build.py', 'print("packing")\n');
    write(
      'tests/test_main.py',
      'from kiln.options import parser\n\n\ndef test_wrap():\n    assert parser().parse_args(["--wrap-width", "3"])\n',
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'move the options out of main');
    const p = await precedentAt(
      root,
      'Add an --indent-width option to indent report lines by that many columns.',
    );
    expect(p.sibling).toMatchObject({ name: '--wrap-width', file: 'kiln/options.py' });
    expect(p.footprint.filter((f) => f.source === 'history')).toEqual([]);
  });
});

describe('in a git work tree', () => {
  it('searches with git grep and adds the files of the commit that introduced the sibling', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plansmith-precedent-git-'));
    made.push(root);
    for (const [path, text] of Object.entries(PY_CLICK)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first shelf');
    writeFileSync(
      join(root, 'shelf/cli.py'),
      `${PY_CLICK['shelf/cli.py']}\n\n@main.command()\n@click.option("--lent-to", help="Show only books lent to this person.")\ndef lent(lent_to):\n    click.echo(lent_to)\n`,
    );
    writeFileSync(join(root, 'shelf/people.py'), 'def known_people():\n    return []\n');
    git('add', '.');
    git('commit', '-q', '-m', 'lent: list the books lent to someone');
    // A secret file that names the sibling is never cited (and git grep is told to leave it out).
    writeFileSync(join(root, '.env'), 'SHELF_ARGS=--lent-to someone\n');
    const inv = inventory(root);
    expect(inv.source).toBe('git');
    expect(inv.secrets).toContain('.env');
    const p = await precedentAt(
      root,
      'Add a --lent-to-group option to list the books lent to a reading group.',
    );
    checkEvidence(root, p);
    expect(p.sibling).toMatchObject({ name: '--lent-to', file: 'shelf/cli.py' });
    expect(p.footprint).toContainEqual(
      expect.objectContaining({ file: 'shelf/cli.py', role: 'registration', source: 'occurrence' }),
    );
    expect(p.footprint.some((f) => f.file === '.env')).toBe(false);
    const fromHistory = p.footprint.filter((f) => f.source === 'history');
    expect(fromHistory.map((f) => f.file)).toEqual(['shelf/people.py']);
    expect(fromHistory[0]!.why).toContain('lent: list the books lent to someone');
    // The function that commit wrote there, where it stands today.
    expect(fromHistory[0]).toMatchObject({ line: 1, symbol: 'known_people', text: 'def known_people():' });
    expect(fromHistory[0]!.why).toContain('changed `known_people` here');
  });
});
