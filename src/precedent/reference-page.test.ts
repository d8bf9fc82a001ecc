import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedPrecedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { profileCodebase } from '../explore/profile.js';
import { projectFiles } from '../files/project-files.js';
import type { Declaration } from './declaration.js';
import { closedWordInProse } from './footprint.js';
import { componentPages, namedModules, referencePages, withPages } from './reference-page.js';
import { typedCommands } from './requested.js';
import { TreeSearch } from './search.js';

const project = tempProjects('reference-page');

/** The declarations of `names` at the lines of `file` that spell them (as an extractor would find them). */
function declared(
  root: string,
  file: string,
  names: string[],
  kind: Declaration['kind'] = 'flag',
): Declaration[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  return names.map((name) => {
    const line = lines.findIndex((l) => l.includes(`"${name}"`) || l.includes(`'${name}'`)) + 1;
    return {
      name,
      aliases: [],
      kind,
      via: 'test',
      help: '',
      type: '',
      default: '',
      file,
      line,
      text: lines[line - 1]!.trim(),
    };
  });
}

function pagesOf(root: string, kind: Declaration[], candidates: Declaration[] = []) {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  return referencePages(new TreeSearch(root, projectFiles(root), inv), profile, kind, candidates);
}

/** A Python tool of ours: five ini keys, four of them defined on a reference page, all named in a guide's prose. */
const GLAZE: Record<string, string> = {
  'glaze/settings.py': `def register(parser):
    parser.addini("kiln_heat", "how hot the kiln runs")
    parser.addini("kiln_hours", "how long a firing lasts")
    parser.addini("glaze_colour", "the colour of the glaze")
    parser.addini("glaze_coats", "how many coats are brushed on")
    parser.addini("cool_slowly", "let the kiln cool on its own")
`,
  'docs/reference.rst': `Settings
========

.. confval:: kiln_heat

   How hot.

.. confval:: kiln_hours

   How long.

.. confval:: glaze_colour

   Which colour.

.. confval:: glaze_coats

   How many coats.
`,
  'docs/guide.rst': `Firing
======

Set kiln_heat and kiln_hours before you start; glaze_colour and glaze_coats come later, and cool_slowly
is for thick pots.
`,
};

describe('referencePages', () => {
  it('cites the page that defines most config values, at a candidate definition, and never a page of prose', () => {
    const root = project(GLAZE);
    const kind = declared(
      root,
      'glaze/settings.py',
      ['kiln_heat', 'kiln_hours', 'glaze_colour', 'glaze_coats', 'cool_slowly'],
      'config-value',
    );
    const pages = pagesOf(root, kind, [kind[3]!]);
    expect(pages.map((p) => p.file)).toEqual(['docs/reference.rst']);
    expect(pages[0]).toMatchObject({
      area: 'docs',
      role: 'docs',
      source: 'page',
      text: '.. confval:: glaze_coats',
    });
    expect(pages[0]!.why).toContain('defines 4 of the 5 config values');
  });

  it('cites no page that defines fewer than most of them, nor one outside the docs (an asset)', () => {
    const root = project({
      ...GLAZE,
      'docs/reference.rst':
        '.. confval:: kiln_heat\n\n   How hot.\n\n.. confval:: kiln_hours\n\n   How long.\n',
      'assets/help.txt': 'kiln_heat\nkiln_hours\nglaze_colour\nglaze_coats\ncool_slowly\n',
    });
    const kind = declared(
      root,
      'glaze/settings.py',
      ['kiln_heat', 'kiln_hours', 'glaze_colour', 'glaze_coats', 'cool_slowly'],
      'config-value',
    );
    expect(pagesOf(root, kind)).toEqual([]);
  });

  it('reads a saved help text and a man page of a Rust tool as option lists; too few options say nothing', () => {
    const root = project({
      'src/cli.rs': `pub fn build() -> Command {
    Command::new("loom")
        .arg(Arg::new("warp").long("warp"))
        .arg(Arg::new("weft").long("weft"))
        .arg(Arg::new("shuttle").long("shuttle"))
        .arg(Arg::new("treadle").long("treadle"))
}
`,
      'doc/long-help.txt': `Options:
  -w, --warp <n>
          Threads along.
      --weft <n>
          Threads across.
      --shuttle
          Throw the shuttle.
`,
      'doc/loom.1':
        '.TH LOOM 1\n.SH OPTIONS\n.TP\n.B \\-\\-warp\nAlong.\n.TP\n.BI "\\-\\-weft " n\nAcross.\n',
    });
    const kind = declared(root, 'src/cli.rs', ['warp', 'weft', 'shuttle', 'treadle']);
    expect(pagesOf(root, kind).map((p) => p.file)).toEqual(['doc/long-help.txt']);
    expect(pagesOf(root, kind.slice(0, 3))).toEqual([]);
  });

  it("keeps to the candidates' file when it declares enough: a sub-command's page, not the main one", () => {
    const root = project({
      'lib/main.js': `program
  .option('--alpha')
  .option('--beta')
  .option('--gamma')
  .option('--delta')
  .option('--epsilon');
`,
      'lib/serve.js': `serve
  .option('--port')
  .option('--host')
  .option('--open')
  .option('--watch');
`,
      'docs/options.md': '# Options\n\n### --alpha\n\n### --beta\n\n### --gamma\n\n### --delta\n',
      'docs/serve.md':
        '# Serve\n\n| option | what |\n| --- | --- |\n| `--port` | the port |\n| `--host` | the host |\n| `--open` | open it |\n',
    });
    const main = declared(root, 'lib/main.js', ['--alpha', '--beta', '--gamma', '--delta', '--epsilon']);
    const serve = declared(root, 'lib/serve.js', ['--port', '--host', '--open', '--watch']);
    const pages = pagesOf(root, [...main, ...serve], [serve[0]!, serve[1]!]);
    expect(pages.map((p) => p.file)).toEqual(['docs/serve.md']);
    expect(pages[0]!.why).toContain('in lib/serve.js');
    expect(pagesOf(root, [...main, ...serve]).map((p) => p.file)).toEqual([]);
    expect(pagesOf(root, main).map((p) => p.file)).toEqual(['docs/options.md']);
  });
});

function componentOf(root: string, requirement: string, declarations: Declaration[] = []) {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const search = new TreeSearch(root, projectFiles(root), inv);
  const commands = typedCommands(requirement, declarations);
  return componentPages(search, profile, { commands, modules: namedModules(search, profile, requirement) });
}

/** A JavaScript tool of ours with a `fire` command: its page names `kiln fire` often, a guide once. */
const KILN: Record<string, string> = {
  'bin/kiln.js': `program
  .command('fire')
  .option('--hot')
  .option('--hours <n>');
program
  .command('cool')
  .option('--slowly');
`,
  'docs/commands.md': `# Commands

## Firing

Run \`kiln fire\` to start.

    kiln fire --hot
    kiln fire --hours 3
    kiln fire --hot --hours 2
`,
  'docs/guide.md': '# Guide\n\nFirst shape the pot, then `kiln fire`.\n',
};

describe('componentPages', () => {
  const fire = (root: string) =>
    declared(root, 'bin/kiln.js', ['--hot', '--hours <n>']).map((d) => ({ ...d, scope: 'fire' }));

  it('cites the page that names the quoted command as typed most, far more than any other page', () => {
    const root = project(KILN);
    const pages = componentOf(root, 'Add a `--glaze` option to `kiln fire`', fire(root));
    expect(pages.map((p) => p.file)).toEqual(['docs/commands.md']);
    expect(pages[0]).toMatchObject({ area: 'docs', role: 'docs', source: 'page', line: 5 });
    expect(pages[0]!.why).toContain('`kiln fire` on 4 lines');
  });

  it('cites nothing for a command no option is registered on, nor a page that barely leads', () => {
    const root = project(KILN);
    expect(componentOf(root, 'Add a `--glaze` option to `kiln bake`', fire(root))).toEqual([]);
    expect(componentOf(root, 'Add a `--glaze` option to kiln fire', fire(root))).toEqual([]);
    const close = project({ ...KILN, 'docs/guide.md': 'kiln fire\n\nkiln fire\n\nkiln fire\n' });
    expect(componentOf(close, 'Add a `--glaze` option to `kiln fire`', fire(close))).toEqual([]);
  });

  it('the root README that repeats the first steps is no rival of a docs page that names the command as often', () => {
    const steps =
      '# Kiln\n\n    kiln fire\n    kiln fire --hot\n    kiln fire --hours 3\n    kiln fire --hot --hours 2\n    kiln fire\n';
    const root = project({ ...KILN, 'README.md': steps });
    const pages = componentOf(root, 'Add a `--glaze` option to `kiln fire`', fire(root));
    expect(pages.map((p) => p.file)).toEqual(['docs/commands.md']);
    expect(pages[0]!.why).toContain("on 4 lines, more than any other page but the README's first steps (5):");
    // A README that names it more than twice as often is the command's page; another page as often is a rival.
    const much = project({ ...KILN, 'README.md': steps.repeat(2) });
    expect(componentOf(much, 'Add a `--glaze` option to `kiln fire`', fire(much)).map((p) => p.file)).toEqual(
      ['README.md'],
    );
    const rival = project({ ...KILN, 'docs/install.md': steps.slice(8) });
    expect(componentOf(rival, 'Add a `--glaze` option to `kiln fire`', fire(rival))).toEqual([]);
  });

  it('cites the page that declares the Python module the requirement names as an extension', () => {
    const root = project({
      'potter/__init__.py': '',
      'potter/ext/__init__.py': '',
      'potter/ext/glaze.py': 'def setup(app):\n    app.add_config_value("glaze_coats", 2, "")\n',
      'potter/ext/kiln.py': 'def setup(app):\n    app.add_config_value("kiln_heat", 900, "")\n',
      'docs/ext/glaze.rst':
        ':mod:`potter.ext.glaze` -- glazes\n===\n\n.. module:: potter.ext.glaze\n\nIt glazes.\n',
      'docs/ext/kiln.rst': '.. automodule:: potter.ext.kiln\n',
      'docs/changes.rst': 'Added ``potter.ext.glaze``.\n',
    });
    const glaze = componentOf(root, 'Add configuration values to the ``glaze`` extension', []);
    expect(glaze.map((p) => [p.file, p.line])).toEqual([['docs/ext/glaze.rst', 4]]);
    expect(componentOf(root, 'Let the `kiln` module take a heat', []).map((p) => p.file)).toEqual([
      'docs/ext/kiln.rst',
    ]);
    // Named, but not as a component of the project; or no such module.
    expect(componentOf(root, 'Add a ``glaze`` colour setting', [])).toEqual([]);
    expect(componentOf(root, 'Add settings to the ``clay`` extension', [])).toEqual([]);
  });

  it("puts the command's page in the footprint of a new option whose sibling no page defines", async () => {
    const root = project({
      'kiln/cli.py': `import click


@click.command("fire")
@click.option("--hot", is_flag=True, help="Fire hot.")
@click.option("--hours", type=int, help="How long to fire.")
def fire(hot, hours):
    click.echo(hours)
`,
      'docs/commands.rst': 'Firing\n======\n\n::\n\n    kiln fire\n    kiln fire\n    kiln fire\n',
    });
    const p = await checkedPrecedentAt(root, 'Add a `--glaze` option to `kiln fire`');
    expect(p.footprint.filter((e) => e.area === 'docs').map((e) => [e.file, e.line])).toEqual([
      ['docs/commands.rst', 6],
    ]);
  });
});

/** A loom of ours: five options; four on the reference page, the cache folder on an experiment's page alone. */
const LOOM: Record<string, string> = {
  'loom/cli.py': `def build(parser):
    parser.add_argument("--warp-count", help="how many warp threads")
    parser.add_argument("--weft-count", help="how many weft threads")
    parser.add_argument("--shuttle-speed", help="how fast the shuttle flies")
    parser.add_argument("--treadle-order", help="the order the treadles go down")
    parser.add_argument("--cache-dir", help="the folder where woven patterns are kept")
`,
  'docs/options.md':
    '# Options\n\n## --warp-count\n\nThreads along.\n\n## --weft-count\n\nThreads across.\n\n## --shuttle-speed\n\nHow fast.\n\n## --treadle-order\n\nWhich first.\n',
  'docs/experiments/pattern-cache.md':
    '# Pattern cache\n\n## --cache-dir\n\nThe folder where woven patterns are kept.\n',
};

describe('the reference page beside a sibling', () => {
  it("adds the page that defines most options of the kind when the sibling's own page is another", async () => {
    const root = project(LOOM);
    const p = await checkedPrecedentAt(
      root,
      'Add a `--scrap-dir` option: the folder where cut scraps are kept',
    );
    expect(p.sibling?.name).toBe('--cache-dir');
    const docs = p.footprint.filter((e) => e.area === 'docs');
    expect(docs.map((e) => [e.file, e.line])).toEqual([
      ['docs/experiments/pattern-cache.md', 3],
      ['docs/options.md', 3],
    ]);
    expect(docs[1]!.why).toContain('defines 4 of the 5 options');
  });

  it('partly met on another side (its environment variable read today): the flag still goes on the reference page', async () => {
    const root = project({
      ...LOOM,
      'loom/scraps.py':
        'import os\n\nPREFIX = "LOOM_"\n\n\ndef scrap_dir():\n    return os.environ.get(PREFIX + "SCRAP_DIR", "scraps")\n',
    });
    const p = await checkedPrecedentAt(
      root,
      'Add a `--scrap-dir` option (with `LOOM_SCRAP_DIR` env var): the folder where cut scraps are kept',
    );
    expect(p.verdict).toBe('partly-met');
    expect(p.footprint.filter((e) => e.area === 'docs').map((e) => e.file)).toContain('docs/options.md');
  });

  it('partly met on another side, a further side named and missing: the reader that exists is a step, that side missing too', async () => {
    const root = project({
      ...LOOM,
      'loom/scraps.py':
        'import os\n\nPREFIX = "LOOM_"\n\n\ndef scrap_dir():\n    return os.environ.get(PREFIX + "SCRAP_DIR", "scraps")\n',
      'loom/loomrc.py': 'def keys(parser):\n    parser.addini("bobbin-size", "the bobbin size")\n',
    });
    const p = await checkedPrecedentAt(
      root,
      'Add a `--scrap-dir` option (with `LOOM_SCRAP_DIR` env var and `scrap-dir` loomrc key): the folder where cut scraps are kept',
    );
    expect(p.verdict).toBe('partly-met');
    expect(p.missing).toMatch(/a configuration value \(`scrap-dir` loomrc\) too$/);
    const reader = p.footprint.find((e) => e.file === 'loom/scraps.py' && e.line === 7);
    expect(reader?.role).toBe('read');
    expect(reader?.why).toBe(
      'reads `LOOM_SCRAP_DIR` today: `--scrap-dir` and `scrap-dir` loomrc must feed the value read here',
    );
  });

  it('keeps one entry of a page that defines the sibling too, and adds no page that defines too few', async () => {
    const both = project({
      ...LOOM,
      'docs/options.md': `${LOOM['docs/options.md']}\n## --cache-dir\n\nWhere patterns are kept.\n`,
    });
    const p = await checkedPrecedentAt(
      both,
      'Add a `--scrap-dir` option: the folder where cut scraps are kept',
    );
    const pages = p.footprint.filter((e) => e.area === 'docs' && e.file === 'docs/options.md');
    expect(pages.map((e) => [e.line, e.why.includes('reference page')])).toEqual([[19, false]]);
    const few = project({ ...LOOM, 'docs/options.md': '# Options\n\n## --warp-count\n\nThreads along.\n' });
    const q = await checkedPrecedentAt(
      few,
      'Add a `--scrap-dir` option: the folder where cut scraps are kept',
    );
    expect(q.footprint.filter((e) => e.area === 'docs').map((e) => e.file)).toEqual([
      'docs/experiments/pattern-cache.md',
    ]);
  });

  it('the reference page of another side the request names it on, in the file the word after it names', async () => {
    const keys = (names: string[]) =>
      `def keys(parser):\n${names.map((n) => `    parser.addini("${n}", "the ${n.replace('-', ' ')}")\n`).join('')}`;
    const page = (title: string, names: string[]) =>
      `# ${title}\n\n${names
        .slice(0, 4)
        .map((n) => `## ${n}\n\nThe ${n.replace('-', ' ')}.\n`)
        .join('\n')}`;
    const rc = ['bobbin-size', 'reed-gap', 'heddle-count', 'beam-width', 'loom-name'];
    const pattern = ['motif-width', 'motif-height', 'repeat-count', 'border-style', 'fringe-length'];
    const root = project({
      ...LOOM,
      'loom/loomrc.py': keys(rc),
      'loom/pattern.py': keys(pattern),
      'docs/loomrc.md': page('The loomrc file', rc),
      'docs/patterns.md': page('Pattern files', pattern),
    });
    const docsOf = async (requirement: string) =>
      (await checkedPrecedentAt(root, requirement)).footprint
        .filter((e) => e.area === 'docs')
        .map((e) => e.file);
    const both = await docsOf(
      'Add a `--scrap-dir` option (with `LOOM_SCRAP_DIR` env var and `scrap-dir` loomrc key): the folder where cut scraps are kept',
    );
    expect(both).toContain('docs/loomrc.md');
    expect(both).not.toContain('docs/patterns.md');
    // No other side named: the flag's pages alone.
    expect(await docsOf('Add a `--scrap-dir` option: the folder where cut scraps are kept')).not.toContain(
      'docs/loomrc.md',
    );
  });

  it("a config key without a dot is the top table's: the page of that table's keys, not the file's", async () => {
    const root = project({
      ...LOOM,
      'loom/rc/rc.go': `package rc

type RC struct {
\tBobbin  *int   \`yaml:"bobbin-size"\`
\tReed    *int   \`yaml:"reed-gap"\`
\tHeddles *int   \`yaml:"heddle-count"\`
\tName    string \`yaml:"loom-name"\`
\tRemote  Remote \`yaml:"remote"\`
}

type Remote struct {
\tHost    string \`yaml:"host"\`
\tPort    int    \`yaml:"port"\`
\tTimeout int    \`yaml:"timeout"\`
\tRetries int    \`yaml:"retries"\`
\tProxy   string \`yaml:"proxy"\`
}
`,
      'docs/rc.md':
        '# The rc file\n\n## bobbin-size\n\nHow big.\n\n## reed-gap\n\nHow wide.\n\n## heddle-count\n\nHow many.\n\n## loom-name\n\nWhich.\n',
    });
    const p = await checkedPrecedentAt(
      root,
      'Add a `--scrap-dir` option (with `scrap-dir` rc key): the folder where cut scraps are kept',
    );
    const page = p.footprint.find((e) => e.file === 'docs/rc.md');
    expect(page?.why).toContain('defines 4 of the 5 config values');
  });

  it('withPages adds only pages the footprint has no entry of', () => {
    const at = (file: string, line: number) =>
      ({ file, line, role: 'docs', area: 'docs', source: 'occurrence', why: '', text: '' }) as const;
    expect(withPages([at('a.md', 2)], [at('a.md', 9), at('b.md', 1)]).map((e) => [e.file, e.line])).toEqual([
      ['a.md', 2],
      ['b.md', 1],
    ]);
  });
});

describe('a name of several words written as one word on a page', () => {
  const sibling: Declaration = {
    name: '--colour-wheel',
    aliases: [],
    kind: 'option',
    via: 'argparse',
    help: '',
    type: '',
    default: '',
    file: 'paint/cli.py',
    line: 3,
    text: '',
  };
  it('is a word of a sentence, not the option, unless it is code, a heading or a key given a value', () => {
    expect(closedWordInProse(sibling, 'colourwheel', 'Pick a shade with any colourwheel you like.')).toBe(
      true,
    );
    expect(closedWordInProse(sibling, 'colourwheel', 'a `colourwheel` may be named (`paint pick`)')).toBe(
      false,
    );
    expect(closedWordInProse(sibling, 'colourwheel', '## colourwheel')).toBe(false);
    expect(closedWordInProse(sibling, 'colourwheel', 'colourwheel = "hsv"')).toBe(false);
    // Its own spelling is always the option.
    expect(closedWordInProse(sibling, 'colour-wheel', 'Pick a shade with the colour-wheel option.')).toBe(
      false,
    );
  });
});
