import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Precedent } from '../domain/precedent.js';
import { inventory } from '../explore/inventory.js';
import { profileCodebase } from '../explore/profile.js';
import { projectFiles } from '../files/project-files.js';
import type { Declaration } from './declaration.js';
import { footprintOf } from './footprint.js';
import { analyzePrecedent } from './index.js';
import { TreeSearch } from './search.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function ask(files: Record<string, string>, requirement: string): Promise<Precedent> {
  const root = mkdtempSync(join(tmpdir(), 'plansmith-namesake-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const p = await analyzePrecedent({ requirement, root, files: projectFiles(root), inventory: inv, profile });
  for (const f of p.footprint)
    if (f.source === 'occurrence')
      expect(readFileSync(join(root, f.file), 'utf8').split('\n')[f.line! - 1]!.trim()).toBe(f.text);
  return p;
}

// One file that registers `--exclude` and also has other functions whose parameter, keyword or local is
// spelled `exclude`.
const CLI = [
  'import click',
  '',
  '',
  'def _checked(ctx, param, exclude: str):',
  '    return exclude or None',
  '',
  '',
  '@click.command()',
  '@click.option("--exclude", callback=_checked, help="a pattern of paths to leave out")',
  'def main(',
  '    verbose,',
  '    exclude: str,',
  '):',
  '    scan(".", exclude=exclude)',
  '',
  '',
  'def scan(root, exclude=None):',
  '    return walk(root, exclude)',
  '',
  '',
  'def walk(root, exclude: str):',
  '    return [p for p in root if not exclude or not exclude.match(p)]',
  '',
  '',
  'def widest(cells, exclude: frozenset = frozenset()):',
  '    return max(c for c in cells if c not in exclude)',
  '',
  '',
  'def table(rows):',
  '    exclude = set()',
  '    first = widest(rows, exclude={0})',
  '    return widest(rows, exclude=exclude)',
  '',
].join('\n');

describe('a one-word sibling’s namesakes in its own file', () => {
  it('another function’s parameter, a keyword whose value is not the option’s and a local bound to something else are no use; the command’s, a callback’s and a called function’s parameters are', async () => {
    const p = await ask(
      { 'shelf/cli.py': CLI },
      'Add a `--skip-header` option to ignore the first row of a table',
    );
    expect(p.sibling?.name).toBe('--exclude');
    const lines = p.footprint.filter((e) => e.file === 'shelf/cli.py').map((e) => e.line);
    // The callback's parameter (click passes the value), the command's, the keyword that passes it, the
    // parameters of `scan` (called with it by keyword) and `walk` (by position).
    for (const l of [4, 12, 14, 17, 21]) expect(lines).toContain(l);
    // `widest` is only ever called with other sets; `table`'s local is its own.
    for (const l of [25, 30, 31, 32]) expect(lines).not.toContain(l);
  });
});

/** The footprint of `--cert` declared at `tool/cli.py:4`, as `file:line`. */
function footprintAt(files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'plansmith-namesake-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const search = new TreeSearch(root, projectFiles(root), inv);
  const d: Declaration = {
    name: '--cert',
    aliases: [],
    kind: 'flag',
    via: 'argparse',
    help: '',
    type: '',
    default: '',
    file: 'tool/cli.py',
    line: 4,
    text: files['tool/cli.py']!.split('\n')[3]!.trim(),
  };
  return footprintOf(search, profile, d, [d]).map((e) => `${e.file}:${e.line}`);
}

describe('a local of the sibling’s word', () => {
  it('is its value when a binding of the function fills it from the value, also over a statement of several lines; not when every binding is something else', () => {
    const at = footprintAt({
      'tool/cli.py': [
        'import argparse', // 1
        '', // 2
        'def parser(p):', // 3
        '    p.add_argument("--cert", help="a certificate file for the connection")', // 4
        '    return p', // 5
        '', // 6
        'def send_options(args):', // 7
        '    cert = None', // 8
        '    if args.cert:', // 9
        '        cert = args.cert', // 10
        '    return dict(cert=cert)', // 11
        '', // 12
        'def from_options(opts):', // 13
        '    cert = (', // 14
        '        opts.cert', // 15
        '    )', // 16
        '    return cert', // 17
        '', // 18
        'def pem(data):', // 19
        '    cert = data.strip()', // 20
        '    return load(cert=cert)', // 21
        '',
      ].join('\n'),
    });
    for (const l of [8, 10, 11, 14]) expect(at).toContain(`tool/cli.py:${l}`);
    for (const l of [20, 21]) expect(at).not.toContain(`tool/cli.py:${l}`);
  });
});
