import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { profileCodebase } from '../explore/profile.js';
import { projectFiles } from '../files/project-files.js';
import type { Declaration } from './declaration.js';
import { referencePages } from './reference-page.js';
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
    expect(pages[0]).toMatchObject({ area: 'docs', role: 'docs', text: '.. confval:: glaze_coats' });
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
