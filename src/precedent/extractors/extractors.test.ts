import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../../test/temp-project.js';
import { inventory } from '../../explore/inventory.js';
import { projectFiles } from '../../files/project-files.js';
import type { Declaration, ExtractContext } from '../declaration.js';
import { collectDeclarations, shebangLanguage } from '../declarations.js';
import { TreeSearch } from '../search.js';
import { envReads } from './env-reads.js';
import { goFlags } from './go-flags.js';
import { optionTuples } from './option-tuples.js';

/**
 * The extractors added for declarations the first ones missed, on small sources written for these tests.
 * Every declaration's line must spell its name (the line is what a plan cites).
 */
const project = tempProjects('extractors');

function collect(files: Record<string, string>): Declaration[] {
  const root = project(files);
  const inv = inventory(root);
  return collectDeclarations(new TreeSearch(root, projectFiles(root), inv));
}

/** Each declaration's cited line contains its name (without the dashes). */
function cited(text: string, ds: Declaration[]) {
  const lines = text.split('\n');
  for (const d of ds) {
    expect(lines[d.line - 1]!.trim()).toBe(d.text);
    expect(d.text).toContain(d.name.replace(/^-+/, ''));
  }
}

const context = (files: Record<string, string>, language: string): ExtractContext => ({
  languageOf: () => language,
  neighbours: (path) => {
    const dir = path.slice(0, path.lastIndexOf('/'));
    return Object.entries(files).filter(([p]) => p !== path && p.startsWith(`${dir}/`));
  },
});

describe('executables without an extension', () => {
  it('reads the language a #! line names', () => {
    expect(shebangLanguage('#!/usr/bin/env node\n')).toBe('JavaScript');
    expect(shebangLanguage('#!/usr/bin/env -S node --no-warnings\n')).toBe('JavaScript');
    expect(shebangLanguage('#!/usr/bin/python3.11 -u\n')).toBe('Python');
    expect(shebangLanguage('#!/bin/sh\n')).toBeNull();
    expect(shebangLanguage('const a = 1;\n')).toBeNull();
  });

  it('declares the options a node executable registers, and leaves a shell script alone', () => {
    const tool = `#!/usr/bin/env node
'use strict';
const program = require('./lib/program');

program
  .option('-w, --watch-dir <dir>', 'rerun when a file in this folder changes')
  .option('--no-colour', 'print without colours');
`;
    const ds = collect({
      'bin/shelfrun': tool,
      'bin/setup': "#!/bin/sh\nexec tool .option('--not-mine', 'never read')\n",
      'lib/program.js': 'module.exports = {};\n',
    });
    expect(ds.map((d) => [d.file, d.name])).toEqual([
      ['bin/shelfrun', '--watch-dir'],
      ['bin/shelfrun', '--no-colour'],
    ]);
    cited(tool, ds);
  });
});

describe('Go flags named by constants', () => {
  const files = {
    'cmd/shelf/flags.go': `package shelf

const (
	limitFlag      = "limit"
	limitFlagUsage = "list at most this many books"
)

const skipLentFlag string = "skip-lent"
`,
    'cmd/shelf/list.go': `package shelf

func init() {
	listCmd.Flags().IntVarP(&listLimit, limitFlag, "l", 20, limitFlagUsage)
	listCmd.Flags().BoolVar(&skipLent, skipLentFlag, false, "leave out lent books")
	listCmd.Flags().StringVar(&order, computeName(), "title", "unknown name")
}
`,
  };
  it('reads the name and usage from constants of the same package', () => {
    const text = files['cmd/shelf/list.go'];
    const ds = goFlags.extract('cmd/shelf/list.go', text, context(files, 'Go'));
    expect(ds.map((d) => [d.name, d.aliases[0], d.help, d.kind])).toEqual([
      ['limit', 'l', 'list at most this many books', 'option'],
      ['skip-lent', 'skipLent', 'leave out lent books', 'flag'],
    ]);
    expect(ds.map((d) => d.line)).toEqual([4, 5]);
  });
});

describe('option tables', () => {
  it('reads Python rows of (name, default, help) and (name, {properties})', () => {
    const text = `
BOOK_OPTIONS = [
    ("max-books", 50, "Keep at most this many books on one shelf."),
    # a comment between rows
    ("shelf-name", "-s", "main", "Name shown above the shelf."),
]


class Lending:
    options = (
        (
            "lend-days",
            {"default": 14, "type": "int", "help": "Days a book may stay away."},
        ),
        ("remind", {"action": "store_true", "short": "r", "help": ("Send a reminder " "the day before.")}),
    )
`;
    const ds = optionTuples.extract('shelf/options.py', text, context({}, 'Python'));
    expect(ds.map((d) => [d.name, d.default, d.help, d.aliases])).toEqual([
      ['max-books', '50', 'Keep at most this many books on one shelf.', []],
      ['shelf-name', '"main"', 'Name shown above the shelf.', ['-s']],
      ['lend-days', '14', 'Days a book may stay away.', []],
      ['remind', '', 'Send a reminder the day before.', ['-r']],
    ]);
    expect(ds.every((d) => d.kind === 'setting' && d.via === 'option-table')).toBe(true);
    cited(text, ds);
  });

  it('a table whose rows name command-line options declares options; pairs that are not options are not read', () => {
    const text = `
const flags = [
  ['--dry-run', false, 'print what would change and change nothing'],
  ['--shelf', 'main', 'the shelf to work on'],
];
const colours = [
  ['red', '#f00'],
  ['green', '#0f0'],
];
`;
    const ds = optionTuples.extract('src/flags.js', text, context({}, 'JavaScript'));
    expect(ds.map((d) => [d.name, d.kind, d.type])).toEqual([
      ['--dry-run', 'flag', 'bool'],
      ['--shelf', 'option', ''],
    ]);
    cited(text, ds);
  });
});

describe('environment variables the code reads', () => {
  it('JavaScript: process.env by name and by subscript, each name once', () => {
    const text = `const home = process.env.SHELF_HOME || '/var/shelf';
const level = process.env['SHELF_LOG_LEVEL'];
if (process.env.SHELF_HOME) start();
const key = process.env[computed];
`;
    const ds = envReads.extract('src/env.js', text, context({}, 'JavaScript'));
    expect(ds.map((d) => [d.name, d.line, d.kind, d.via])).toEqual([
      ['SHELF_HOME', 1, 'config-value', 'env'],
      ['SHELF_LOG_LEVEL', 2, 'config-value', 'env'],
    ]);
    cited(text, ds);
  });

  it('Python, Rust and Go reads, with the default a read gives', () => {
    const py = `import os
root = os.environ["SHELF_ROOT"]
days = int(os.environ.get("SHELF_LEND_DAYS", "14"))
debug = os.getenv('SHELF_DEBUG')
`;
    expect(
      envReads.extract('shelf/env.py', py, context({}, 'Python')).map((d) => [d.name, d.default]),
    ).toEqual([
      ['SHELF_ROOT', ''],
      ['SHELF_LEND_DAYS', '"14"'],
      ['SHELF_DEBUG', ''],
    ]);
    const rs = `let width = std::env::var("SHELF_WIDTH").ok();\nlet p = env::var_os("SHELF_PAGER");\n`;
    expect(envReads.extract('src/main.rs', rs, context({}, 'Rust')).map((d) => d.name)).toEqual([
      'SHELF_WIDTH',
      'SHELF_PAGER',
    ]);
    const go = `v := os.Getenv("SHELF_TOKEN")\nif _, ok := os.LookupEnv("SHELF_OFFLINE"); ok {}\n`;
    const ds = envReads.extract('main.go', go, context({}, 'Go'));
    expect(ds.map((d) => d.name)).toEqual(['SHELF_TOKEN', 'SHELF_OFFLINE']);
    cited(go, ds);
  });
});
