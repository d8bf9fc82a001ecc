import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { forwardedFlags, prefixesOf } from './passthrough.js';
import { TreeSearch } from './search.js';

/**
 * A test runner written for this test: `bin/kiln` starts node on `bin/kiln-run`, handing node the flags
 * it knows (two by name, every `--trace…` by prefix); `bin/kiln-run` declares the rest with commander.
 */
const KILN: Record<string, string> = {
  'package.json': '{ "name": "kiln", "version": "1.0.0", "bin": { "kiln": "bin/kiln" } }\n',
  'bin/kiln': `#!/usr/bin/env node
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const handed = [path.join(__dirname, 'kiln-run')];
const skipped = new Set();
for (const arg of process.argv.slice(2)) {
  const flag = arg.split('=')[0];
  if (flag === '--inspect' || flag === '--expose-gc') {
    handed.unshift(arg);
  } else if (arg.startsWith('--trace')) {
    handed.unshift(arg);
  } else if (arg.startsWith('--skip-')) {
    skipped.add(arg.slice(7));
  } else {
    handed.push(arg);
  }
}
spawn(process.execPath, handed, { stdio: 'inherit' });
`,
  'bin/kiln-run': `#!/usr/bin/env node
const program = require('commander');
program
  .option('--uncaught-stack', 'print where an uncaught error was thrown')
  .option('--inspect', 'open the inspector before the first test')
  .option('--expose-gc', 'let tests call the collector')
  .option('--trace-deprecation', 'print a stack for each deprecation')
  .option('--bail', 'stop after the first failed test');
program.parse(process.argv);
`,
  'docs/usage.md':
    '# Usage\n\n- `--inspect`: open the inspector.\n- `--expose-gc`: call the collector.\n- `--trace-deprecation`: a stack per deprecation.\n',
};

/** A Python tool that keeps the flags it does not know and hands them to a second interpreter. */
const BRINE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "brine"\nversion = "0.1"\n',
  'brine/cli.py': `import argparse
import subprocess
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="brine")
    parser.add_argument("--jobs", type=int, default=1, help="how many workers pickle at once")
    parser.add_argument("--quiet", action="store_true", help="print only the failed jars")
    args, rest = parser.parse_known_args(argv)
    return subprocess.call([sys.executable, "-m", "brine.worker", *rest])
`,
};

/** A wrapper that hands node the flags of a named list, and runs git with flags of its own. */
const POTTER: Record<string, string> = {
  'package.json': '{ "name": "potter", "version": "1.0.0" }\n',
  'lib/launch.js': `const { spawn, execFileSync } = require('child_process');
const NODE_FLAGS = [
  '--expose-gc',
  '--max-semi-space-size',
];
const V8_FLAGS = new Set(['--stack-size', '--max-old-space-size']);
function launch(argv) {
  const node = argv.filter((a) => NODE_FLAGS.includes(a.split('=')[0]) || V8_FLAGS.has(a.split('=')[0]));
  const rest = argv.filter((a) => !node.includes(a));
  const head = execFileSync('git', ['--no-pager', '--no-optional-locks', 'rev-parse', 'HEAD']);
  return spawn(process.execPath, [...node, 'lib/run.js', ...rest], { env: { HEAD: String(head) } });
}
module.exports = { launch };
`,
  'lib/run.js': `const { Command } = require('commander');
new Command()
  .option('--shuffle', 'run the pots in a random order')
  .option('--glaze <colour>', 'the colour of the report')
  .parse();
`,
};

/**
 * A benchmark runner written for this test: what follows a lone `--` goes to the node it starts; `git`
 * gets a `--` of its own, which is no passthrough.
 */
const SPRINT: Record<string, string> = {
  'package.json': '{ "name": "sprint", "version": "1.0.0", "bin": { "sprint": "bin/sprint.js" } }\n',
  'bin/sprint.js': `#!/usr/bin/env node
const { spawn, execFileSync } = require('child_process');
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash === -1 ? args : args.slice(0, dash);
const forNode = dash === -1 ? [] : args.slice(dash + 1);
const changed = execFileSync('git', ['diff', '--name-only', '--', 'bench']);
spawn(process.execPath, [...forNode, 'lib/run.js', ...own], { env: { CHANGED: String(changed) } });
`,
  'lib/run.js': `const { Command } = require('commander');
new Command().option('--rounds <n>', 'how many rounds').parse();
`,
};

/** A Python wrapper that passes `--` to git and hands nothing on. */
const LEDGER: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "ledger"\nversion = "0.1"\n',
  'ledger/cli.py': `import argparse
import subprocess


def main(argv=None):
    parser = argparse.ArgumentParser(prog="ledger")
    parser.add_argument("--since", help="first day to count")
    args = parser.parse_args(argv)
    return subprocess.call(["git", "log", "--since", args.since, "--", "books"])
`,
};

/**
 * A garden task runner written for this test: `bin/trellis` hands node the flags of its `case` labels
 * and of one comparison, every `--heap…` by prefix, and runs `bin/trellis-run`, which declares them all
 * with commander among options of its own (the first by position is not one node takes).
 */
const TRELLIS: Record<string, string> = {
  'package.json': '{ "name": "trellis", "version": "1.0.0", "bin": { "trellis": "bin/trellis" } }\n',
  'bin/trellis': `#!/usr/bin/env node
const { spawn } = require('child_process');
const path = require('path');
const args = [path.join(__dirname, 'trellis-run')];
process.argv.slice(2).forEach((arg) => {
  const flag = arg.split('=')[0];
  switch (flag) {
    case '--expose-gc':
    case '--stack-trace-limit':
      args.unshift(arg);
      break;
    case '--dry-run':
      args.push('--no-water');
      break;
    default:
      if (flag === '--zero-fill-buffers') args.unshift(arg);
      else if (arg.indexOf('--heap') === 0) args.unshift(arg);
      else args.push(arg);
  }
});
spawn(process.execPath, args, { stdio: 'inherit' });
`,
  'bin/trellis-run': `#!/usr/bin/env node
const program = require('commander');
program
  .option('--prune-dead', 'cut dead branches before the run')
  .option('--dry-run', 'say what would be watered')
  .option('--expose-gc', 'let tasks call the collector')
  .option('--stack-trace-limit', 'longer stacks for failed tasks')
  .option('--heap-prof', 'profile the heap while tasks run');
program.parse(process.argv);
`,
};

const project = tempProjects('passthrough');
const ask = (files: Record<string, string>, requirement: string) => precedentAt(project(files), requirement);

describe('the flag prefixes a line tests an argument against', () => {
  it('reads startsWith, indexOf at 0 either way round, and an anchored expression', () => {
    expect(prefixesOf("} else if (arg.startsWith('--trace')) {")).toEqual(['--trace']);
    expect(prefixesOf("if (arg.indexOf('--harmony') === 0) {")).toEqual(['--harmony']);
    expect(prefixesOf("else if (0 == arg.indexOf('--trace')) args.unshift(arg);")).toEqual(['--trace']);
    expect(prefixesOf('if (/^--(?:inspect|debug)/.test(arg)) {')).toEqual(['--inspect', '--debug']);
    expect(prefixesOf("if flag.startswith('--log'):")).toEqual(['--log']);
  });

  it('not a search anywhere in the argument, nor a prefix that names nothing', () => {
    expect(prefixesOf("if (arg.indexOf('--trace') !== -1) {")).toEqual([]);
    expect(prefixesOf("if (arg.indexOf('--trace') > 0) {")).toEqual([]);
    expect(prefixesOf("if (arg.startsWith('--')) {")).toEqual([]);
    expect(prefixesOf("if (arg.startsWith('--no-')) {")).toEqual([]);
  });
});

describe('a flag a passthrough already hands on', () => {
  it('by prefix: partly met, citing the forwarding line; what its declared neighbours have is missing', async () => {
    const p = await ask(KILN, 'Add a `--trace-uncaught` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence).toEqual([
      { file: 'bin/kiln', line: 11, text: "} else if (arg.startsWith('--trace')) {" },
    ]);
    expect(p.missing).toMatch(
      /^a declaration with its help, as `--trace-deprecation` has at bin\/kiln-run:7.*every flag that starts with `--trace` at bin\/kiln:11\)$/,
    );
    expect(p.gap?.lacks.map((l) => l.aspect).sort()).toEqual(['declaration', 'docs']);
    const declaration = p.gap!.lacks.find((l) => l.aspect === 'declaration')!;
    expect(declaration.file).toBe('bin/kiln-run');
    // The sibling is a declared flag the same prefix hands on, not one that only shares a word: its
    // footprint is where the explicit declaration goes.
    expect(p.sibling).toMatchObject({ name: '--trace-deprecation', file: 'bin/kiln-run', line: 7 });
  });

  it('by prefix, with nothing its neighbours have missing, still partly met: the prefix spells no name', async () => {
    const { 'bin/kiln-run': _run, ...bare } = KILN;
    const p = await ask(bare, 'Add a `--trace-uncaught` flag');
    expect(p.verdict).toBe('partly-met');
    expect(p.gap?.lacks ?? []).toEqual([]);
    expect(p.missing).toMatch(/^a declaration of its own \(.*which spells no name\)$/);
  });

  it('a name listed exactly, not by prefix, accepts nothing longer: new', async () => {
    const p = await ask(KILN, 'Add a `--inspect-wait` flag');
    expect(p.verdict).toBe('new');
    expect(p.gap).toBeUndefined();
  });

  it('a prefix whose branch does not hand the argument on is no passthrough', async () => {
    const p = await ask(KILN, 'Add a `--skip-slow` flag');
    expect(p.verdict).toBe('new');
  });

  it('in a named list the code tests arguments against: partly met; flags it passes to a call are not', async () => {
    const listed = await ask(POTTER, 'Add a `--max-semi-space-size` flag');
    expect(listed.verdict).toBe('partly-met');
    expect(listed.evidence[0]).toMatchObject({ file: 'lib/launch.js', line: 4 });
    expect(listed.missing).toContain('a list of flags');
    const oneLine = await ask(POTTER, 'Add a `--stack-size` flag');
    expect(oneLine.verdict).toBe('partly-met');
    expect(oneLine.evidence[0]).toMatchObject({ file: 'lib/launch.js', line: 6 });
    const passed = await ask(POTTER, 'Add a `--no-optional-locks` flag');
    expect(passed.verdict).toBe('new');
  });

  it('every unknown flag, toward a program the requirement names: partly met', async () => {
    const p = await ask(BRINE, 'Add a `--faulthandler` flag for python');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'brine/cli.py', line: 10 });
    expect(p.missing).toContain('every unknown flag (toward python)');
  });

  it('every unknown flag, but the requirement names no program: nothing says it goes there, new', async () => {
    const p = await ask(BRINE, 'Add a `--faulthandler` flag');
    expect(p.verdict).toBe('new');
  });

  it('every argument after a lone `--`, toward a program the requirement names: partly met', async () => {
    const p = await ask(SPRINT, 'Add a `--cpu-prof` flag for node');
    expect(p.verdict).toBe('partly-met');
    expect(p.evidence[0]).toMatchObject({ file: 'bin/sprint.js', line: 4 });
    expect(p.missing).toContain('every argument after `--` (toward node)');
  });

  it('after `--`, but the requirement names no program: new; a `--` passed to git is no passthrough', async () => {
    expect((await ask(SPRINT, 'Add a `--cpu-prof` flag')).verdict).toBe('new');
    expect((await ask(LEDGER, 'Add a `--until` flag for git')).verdict).toBe('new');
  });
});

describe('the flags a project hands on to a program the requirement names', () => {
  it('reads case labels and comparisons whose branch hands the argument on, and prefixes; not the others', () => {
    const root = project(TRELLIS);
    const search = new TreeSearch(root, projectFiles(root), inventory(root));
    const f = forwardedFlags(search, 'Add a `--frozen-intrinsics` flag for node');
    expect(f).toMatchObject({ program: 'node', file: 'bin/trellis', line: 8, prefixes: ['--heap'] });
    expect([...f!.flags].sort()).toEqual(['--expose-gc', '--stack-trace-limit', '--zero-fill-buffers']);
    expect(forwardedFlags(search, 'Add a `--frozen-intrinsics` flag')).toBeNull();
  });

  it('a flag for node follows one node is handed, not the first option by position; still unsure which', async () => {
    const p = await ask(TRELLIS, 'Add a `--frozen-intrinsics` flag for node');
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ name: '--expose-gc', file: 'bin/trellis-run' });
    expect(p.reason).toMatch(/handed on to node with the flags at bin\/trellis:8/);
    expect(p.candidates.map((c) => c.line)).not.toContain(4);
  });

  it('without the program named, nothing says it goes there: the first by position, as before', async () => {
    const p = await ask(TRELLIS, 'Add a `--frozen-intrinsics` flag');
    expect(p.sibling).toMatchObject({ name: '--prune-dead' });
    expect(p.reason).not.toMatch(/handed on/);
  });
});
