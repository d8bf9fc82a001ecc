import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt, footprintAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';

const project = tempProjects('namesake');
const ask = (files: Record<string, string>, requirement: string) =>
  checkedPrecedentAt(project(files), requirement);

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
const footprintOfCert = (files: Record<string, string>): string[] =>
  footprintAt(project(files), { name: '--cert', via: 'argparse', file: 'tool/cli.py', line: 4 }).map(
    (e) => `${e.file}:${e.line}`,
  );

describe('a local of the sibling’s word', () => {
  it('is its value when a binding of the function fills it from the value, also over a statement of several lines; not when every binding is something else', () => {
    const at = footprintOfCert({
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

describe('a name registered on several commands', () => {
  // `--quiet` is registered on six sub-commands; the request names `shelf tidy`, whose own `--quiet` is read
  // in the dispatch under its name and handed to `tidy_shelves` in another module.
  const commands = ['add', 'lend', 'return', 'list', 'move', 'tidy'];
  const MAIN = [
    'import argparse',
    'from shelf import actions, tidying',
    '',
    '',
    'def run(args):',
    ...commands
      .slice(0, 5)
      .flatMap((c) => [
        `    if args.command == "${c}":`,
        `        return actions.${c}_books(args.items, quiet=args.quiet)`,
      ]),
    '    if args.command == "tidy":',
    '        return tidying.tidy_shelves(quiet=args.quiet)',
    '',
    '',
    'def parser():',
    '    p = argparse.ArgumentParser(prog="shelf")',
    '    sub = p.add_subparsers(dest="command")',
    ...commands.flatMap((c) => [
      `    ${c} = sub.add_parser("${c}")`,
      `    ${c}.add_argument("--quiet", action="store_true", help="say nothing while the books are ${c === 'tidy' ? 'sorted' : 'handled'}")`,
    ]),
    '    return p',
    '',
  ].join('\n');
  const TIDY = [
    'def tidy_shelves(*, quiet: bool) -> int:',
    '    if not quiet:',
    '        print("tidying")',
    '    return 0',
    '',
  ].join('\n');

  it("keeps the named command's read and the module it hands the value to, not the namesakes' registrations", async () => {
    const p = await ask(
      { 'shelf/main.py': MAIN, 'shelf/tidying.py': TIDY, 'shelf/__init__.py': '' },
      'Add a `--dry-run` flag to `shelf tidy` that lists what would move without moving it.',
    );
    expect(p.sibling?.name).toBe('--quiet');
    expect(p.sibling?.line).toBe(MAIN.split('\n').indexOf('    tidy = sub.add_parser("tidy")') + 2);
    const main = p.footprint.filter((e) => e.file === 'shelf/main.py').map((e) => e.text);
    expect(main).toContain('return tidying.tidy_shelves(quiet=args.quiet)');
    expect(main.filter((t) => t.includes('add_argument("--quiet"'))).toEqual([
      'tidy.add_argument("--quiet", action="store_true", help="say nothing while the books are sorted")',
    ]);
    expect(p.footprint.some((e) => e.file === 'shelf/tidying.py')).toBe(true);
  });
});
