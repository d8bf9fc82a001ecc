import { describe, expect, it } from 'vitest';
import { onlyInMessage, onlyInTrailingComment, proseLines, saidLines, stringLines } from './lines.js';

const lines = (s: string) => s.split('\n');

describe('where a line stands', () => {
  it('a Python docstring, a help text in triple quotes and a comment are prose; code that opens a string is code', () => {
    const py = lines(`def pack(box, max_weight):
    """Fill a box.

    Stops at max_weight kilograms.
    """
    # max_weight counts the box too
    parser.add_argument("--label", help="""
        Printed on the box; see --max-weight.
    """)
    return box.fill(max_weight)`);
    const prose = proseLines(py, 'Python');
    expect([...prose.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 8, 9]);
    expect(prose.get(4)).toBe('string');
    expect(prose.get(6)).toBe('comment');
    // The line that opens the help after code, and the code below, are code.
    expect(prose.has(7)).toBe(false);
    expect(prose.has(10)).toBe(false);
    expect(stringLines(py).has(7)).toBe(false);
  });

  it("how a prose line says a name: a docstring's line is prose, a string's line after code is its content, with the line it opens on", () => {
    const py = lines(`def test_pack(tmp_path):
    """Packs with --max-weight."""
    # --max-weight again
    (tmp_path / "pack.ini").write_text("""
[pack]
args = --max-weight 3
""")`);
    const said = saidLines(py, 'Python');
    // A string that starts its line inside a call's brackets is the call's argument: data, not a docstring.
    const ini = saidLines(
      lines(
        '    pack.write(\n        """\n        [pack]\n        args = --max-weight 3\n        """\n    )',
      ),
      'Python',
    );
    expect(ini.get(4)).toEqual({ kind: 'text', from: 2 });
    expect(said.get(2)).toEqual({ kind: 'doc' });
    expect(said.get(3)).toEqual({ kind: 'comment' });
    expect(said.get(6)).toEqual({ kind: 'text', from: 4 });
    expect(said.has(4)).toBe(false);
    const go = lines('func TestPack(t *testing.T) {\n\tin := `\n--max-weight 3\n`\n\t// --max-weight\n}');
    expect(saidLines(go, 'Go').get(3)).toEqual({ kind: 'text', from: 2 });
    expect(saidLines(go, 'Go').get(5)).toEqual({ kind: 'comment' });
  });

  it('a triple quote inside a one-line string or a comment opens no string', () => {
    const py = lines(`def unquote(text, args):
    if text[:3] in {'"""', "'''"} or text[:3] == '"""':  # strip """ first
        text = text[3:]
    return text if args.keep_quotes else text.strip()`);
    expect(stringLines(py).size).toBe(0);
    expect(proseLines(py, 'Python').size).toBe(0);
  });

  it('block and line comments in a C-like language; a comment opener inside a string is none', () => {
    const js = lines(`/**
 * Set maxWeight to stop early.
 */
const glob = "src/*"; // maxWeight is read below
// maxWeight
const maxWeight = opts.maxWeight; /* kilograms */
const pattern = "/*"; const w = opts.maxWeight;
/* a note */ const x = maxWeight;`);
    const prose = proseLines(js, 'JavaScript');
    expect([...prose.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 5]);
  });

  it('a `#` comment in a shell script, not its `#!` line; in a file of no known language, `#` and `//` lines', () => {
    expect([
      ...proseLines(lines('#!/bin/sh\n# --max-weight is passed on\npack --max-weight "$1"'), 'Shell').keys(),
    ]).toEqual([2]);
    // A config template without an extension: its commented-out key is a mention, its set key is not.
    const template = lines(
      '#!/usr/bin/env crates\n[general]\n# max-weight=40\n  // max-weight\nmax-weight=40',
    );
    expect([...proseLines(template, null).keys()]).toEqual([3, 4]);
  });

  it('a name only in a trailing comment is mentioned; before the comment, or in a string, it is code', () => {
    const has = (t: string) => /\bsortShelves\b|\bsort_shelves\b/.test(t);
    expect(onlyInTrailingComment('  this.rows = [] // filled by sortShelves()', 'JavaScript', has)).toBe(
      true,
    );
    expect(onlyInTrailingComment('  rows = []  # filled by sort_shelves()', 'Python', has)).toBe(true);
    expect(onlyInTrailingComment('  if (opts.sortShelves) run() // sorted', 'JavaScript', has)).toBe(false);
    expect(onlyInTrailingComment('  url = "http://x/sortShelves" // a link', 'JavaScript', has)).toBe(false);
    // `//` divides in Python; a whole-line comment is proseLines' business.
    expect(onlyInTrailingComment('  n = total // sort_shelves', 'Python', has)).toBe(false);
    expect(onlyInTrailingComment('// filled by sortShelves()', 'JavaScript', has)).toBe(false);
    expect(onlyInTrailingComment('x = 1 // sortShelves', null, has)).toBe(false);
  });

  it('a string that spans lines (Rust raw and plain, Go and JavaScript backquotes) is prose after its first line', () => {
    const rs = lines(`#[derive(Parser)]
struct Opts {
    #[arg(long, help = r#"Style of a matching line.
    Like --minus-style; see --max-width too."#)]
    match_style: String,
    #[arg(long, help = "Width of the gutter,
    as --max-width reads it")]
    gutter: usize,
    // a quote " in a comment opens nothing
    max_width: usize,
}
fn shade<'a>(x: &'a str) -> &'a str { x }
const NOTE: &str = "--max-width";`);
    const prose = proseLines(rs, 'Rust');
    expect([...prose.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [4, 'string'],
      [7, 'string'],
      [9, 'comment'],
    ]);
    const go = lines(
      'var usage = `Usage: pack [--max-weight N]\n  --max-weight N   stop at N kilograms\n`\nfunc f() { flag.Int("max-weight", 0, "") }',
    );
    expect([...proseLines(go, 'Go').keys()]).toEqual([2, 3]);
    // A closing line with code after the string is code; a double quote in JavaScript does not go on.
    const js = lines(
      'const help = `--max-weight\n  stops early`, max = opts.maxWeight;\nconst a = "x\nlet b = 1;',
    );
    expect([...proseLines(js, 'JavaScript').keys()]).toEqual([]);
  });
});

describe('a name only inside messages', () => {
  const names = (id: string) => (t: string) => new RegExp(`(?<![\\w$])${id}(?![\\w$])`).test(t);
  it('an error or notice that says the name is a message; a read beside it, a field, usage text are not', () => {
    const at = (line: string) => onlyInMessage(line, 'KILN_MODE', names('KILN_MODE'));
    expect(at('format!("Unknown KILN_MODE value ({})", mode)')).toBe(true);
    expect(at("print('Set KILN_MODE to fire', path)")).toBe(true);
    expect(at('let m = env::var("KILN_MODE")?;')).toBe(false);
    expect(at('    os.environ.get("KILN_MODE")')).toBe(false);
    expect(at('warn!("bad mode {}", KILN_MODE)')).toBe(false);
    expect(at('println!("mode is {KILN_MODE} today")')).toBe(false);
    expect(onlyInMessage('f"ramping over {ramp:g}s across {n} workers"', 'ramp', names('ramp'))).toBe(false);
    expect(
      onlyInMessage('"  --glaze-colour NAME   the colour"', '--glaze-colour', names('glaze-colour')),
    ).toBe(false);
  });
});
