import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { profileCodebase } from '../explore/profile.js';
import { projectFiles } from '../files/project-files.js';
import type { Declaration } from './declaration.js';
import { commandsOf, headingCommands, testedCommands } from './dispatch.js';
import { footprintOf } from './footprint.js';
import { TreeSearch } from './search.js';

const project = tempProjects('dispatch');

describe('the command a line runs under', () => {
  const commands = new Set(['pack', 'ship', 'weigh']);

  it('reads the dispatch branches around a line by indentation, past a string written at the margin', () => {
    const lines = [
      'def run(args):',
      '    if args.command == "pack":',
      '        note = log(f"""',
      'packing now',
      '""")',
      '        return crates.pack_all(',
      '            args.items,',
      '            careful=args.careful,',
      '        )',
      '    elif args.command == "ship":',
      '        return boats.ship_all(careful=args.careful)',
      '    print(args.careful)',
    ];
    const at = commandsOf(lines, 'Python', commands, []);
    expect(at(8)).toEqual(['pack']);
    expect(at(11)).toEqual(['ship']);
    expect(at(12)).toEqual([]);
  });

  it("finds a handler by the registration that names it, a table's key or the function registering a command's options", () => {
    const lines = [
      'def add_weigh(sub):',
      '    w = sub.add_parser("weigh")',
      '    w.add_argument("--careful", action="store_true")',
      '    w.set_defaults(func=do_weigh)',
      '',
      'def do_weigh(args):',
      '    return scale(args.careful)',
      '',
      'def do_ship(args):',
      '    return boats(args.careful)',
      '',
      'TABLE = {"ship": do_ship}',
    ];
    const weigh = { file: 'cli.py', line: 3, scope: 'weigh' } as Declaration;
    const at = commandsOf(lines, 'Python', commands, [weigh]);
    expect(at(7)).toEqual(['weigh']);
    expect(at(10)).toEqual(['ship']);
    expect(at(3)).toEqual([]);
  });

  it("takes a test's quoted commands and a section heading's command in code", () => {
    const lines = [
      'def test_careful_pack():',
      '    assert main(["pack", "--careful"]) == 0',
      '',
      'def test_plain():',
      '    assert main(["--careful"]) == 0',
    ];
    const at = testedCommands(lines, 'Python', commands);
    expect(at(2)).toEqual(['pack']);
    expect(at(5)).toEqual([]);
    expect(headingCommands('`depot ship` examples', commands)).toEqual(['ship']);
    expect(headingCommands('Shipping safely', commands)).toEqual([]);
  });
});

describe('a flag registered on several commands, the request naming one', () => {
  // `--careful` is registered on `pack` and `ship`; the request names `depot ship`. Under `pack`'s branch
  // (longer than three lines) the value goes to the packing module, which also names `--careful` in a
  // message; a test and a docs section of `pack` pass or show `--careful`.
  const MAIN = [
    'import argparse',
    'from depot import boats, crates',
    '',
    '',
    'def run(args):',
    '    if args.command == "pack":',
    '        items = list(args.items)',
    '        items.sort()',
    '        items.reverse()',
    '        return crates.pack_all(items, careful=args.careful)',
    '    elif args.command == "ship":',
    '        return boats.ship_all(careful=args.careful)',
    '',
    '',
    'def parser():',
    '    p = argparse.ArgumentParser(prog="depot")',
    '    sub = p.add_subparsers(dest="command")',
    '    pack = sub.add_parser("pack")',
    '    pack.add_argument("items", nargs="*")',
    '    pack.add_argument("--careful", action="store_true", help="wrap every item twice")',
    '    ship = sub.add_parser("ship")',
    '    ship.add_argument("--careful", action="store_true", help="sail only in calm weather")',
    '    return p',
    '',
  ].join('\n');
  const CRATES = [
    'def pack_all(items, careful=False):',
    '    if careful:',
    '        print("wrapping twice, as --careful asks")',
    '    return len(items)',
    '',
  ].join('\n');
  const BOATS = [
    'def ship_all(careful=False):',
    '    if careful:',
    '        return 1',
    '    return 0',
    '',
  ].join('\n');
  const TESTS = [
    'from depot.main import parser',
    '',
    '',
    'def test_pack_careful():',
    '    assert parser().parse_args(["pack", "--careful"]).careful',
    '',
  ].join('\n');
  const DOCS = ['# Usage', '', '## `depot pack` examples', '', '    depot pack --careful a b', ''].join('\n');

  it("keeps the named command's read and the module it calls, and none of the other command's", async () => {
    const p = await checkedPrecedentAt(
      project({
        'depot/__init__.py': '',
        'depot/main.py': MAIN,
        'depot/crates.py': CRATES,
        'depot/boats.py': BOATS,
        'tests/test_main.py': TESTS,
        'docs/usage.md': DOCS,
      }),
      'Add a `--wait` flag to `depot ship` that waits for the harbour to open.',
    );
    expect(p.sibling?.name).toBe('--careful');
    expect(p.sibling?.line).toBe(22);
    const at = p.footprint.filter((e) => e.source === 'occurrence').map((e) => `${e.file}:${e.line}`);
    expect(at).toContain('depot/main.py:12');
    expect(at).toContain('depot/boats.py:1');
    expect(at).not.toContain('depot/main.py:10');
    expect(at).not.toContain('depot/main.py:20');
    expect(at.filter((x) => x.startsWith('depot/crates.py'))).toEqual([]);
    expect(at.filter((x) => x.startsWith('tests/') || x.startsWith('docs/'))).toEqual([]);
  });
});

describe('options in groups, no command dispatched', () => {
  it('keeps the reads in every module: a group is no command', () => {
    const root = project({
      'kiln/options.py': [
        'def add_options(parser):',
        '    heat = parser.getgroup("heat")',
        '    heat.addoption("--slow-cool", action="store_true", help="cool over a night")',
        '    glaze = parser.getgroup("glaze")',
        '    glaze.addoption("--thin-coat", action="store_true", help="one coat only")',
        '',
      ].join('\n'),
      'kiln/firing.py': [
        'def fire(config):',
        '    if config.getoption("slow_cool"):',
        '        return 12',
        '    return 6',
        '',
      ].join('\n'),
    });
    const inv = inventory(root);
    const search = new TreeSearch(root, projectFiles(root), inv);
    const at = (name: string, line: number, scope: string): Declaration => ({
      name,
      aliases: ['slow_cool'],
      kind: 'flag',
      via: 'test',
      help: '',
      type: '',
      default: '',
      text: '',
      file: 'kiln/options.py',
      line,
      scope,
    });
    const slow = at('--slow-cool', 3, 'heat');
    const fp = footprintOf(search, profileCodebase({ inventory: inv, lines: new Map() }), slow, [
      slow,
      at('--thin-coat', 5, 'glaze'),
    ]);
    expect(fp.map((e) => `${e.file}:${e.line}`)).toContain('kiln/firing.py:2');
  });
});
