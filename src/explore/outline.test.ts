import { describe, expect, it } from 'vitest';
import { outline } from './outline.js';

const PY = `import os


class Shelf:
    """A shelf of jars."""

    def __init__(self, label, capacity=10):
        self.label = label
        self.jars = []

    def add(
        self,
        jar,
        *, force=False,
    ):
        text = """
def not_a_function():
    pass
"""
        if len(self.jars) >= 3 and not force:
            raise ValueError("full")
        self.jars.append(jar)


def count_jars(shelves):
    return sum(len(s.jars) for s in shelves)
`;

const JS = `const parse = (text) => text.split(',')

const weight = x => x * 2

function Jar(label, options) {
  this.label = label
  const pattern = /[{]/g // a brace inside a regular expression
  const note = \`a \${label} with } in it\`
}

Jar.prototype.fill = function fill(amount) {
  if (amount > 3) {
    return { ok: false }
  }
  return { ok: true }
}

class Pantry {
  constructor(name) {
    this.name = name
  }

  open(door) {
    return door.open(function (err) {
      if (err) throw err
    })
  }
}
`;

describe('outline', () => {
  it('Python: classes, methods with multi-line signatures, nested strings ignored, end lines exact', () => {
    const items = outline(PY, 'Python');
    expect(items.map((i) => [i.qualified, i.start_line, i.end_line])).toEqual([
      ['Shelf', 4, 22],
      ['Shelf.__init__', 7, 9],
      ['Shelf.add', 11, 22],
      ['count_jars', 25, 26],
    ]);
    expect(items[2]!.signature).toBe('def add(self, jar, *, force=False)');
    expect(items[1]!.signature).toBe('def __init__(self, label, capacity=10)');
  });

  it('JavaScript: arrows, prototype methods, classes and members; braces in regexes and templates skipped; callbacks are not declarations', () => {
    const items = outline(JS, 'JavaScript');
    expect(items.map((i) => [i.qualified, i.start_line, i.end_line])).toEqual([
      ['parse', 1, 1],
      ['weight', 3, 3],
      ['Jar', 5, 9],
      ['fill', 11, 16],
      ['Pantry', 18, 28],
      ['Pantry.open', 23, 27],
    ]);
    expect(items.find((i) => i.name === 'fill')!.signature).toBe(
      'Jar.prototype.fill = function fill(amount)',
    );
  });

  it('Python: an escaped quote in a raw string does not hide the rest of the file', () => {
    const text = `def find(text):\n    pattern = r'<meta.*?charset=["\\']*(.+?)["\\'>]'\n    return pattern\n\n\ndef after(x):\n    return x\n`;
    expect(outline(text, 'Python').map((i) => [i.name, i.start_line, i.end_line])).toEqual([
      ['find', 1, 3],
      ['after', 6, 7],
    ]);
  });

  it("Rust: a lifetime (`&'a str`, `Shelf<'_>`) is no char literal: the body it comes before is the function's; `fn new` is a function", () => {
    const text = [
      'impl Pantry {',
      "    pub fn new(jars: &'a [Jar]) -> Self {",
      '        Pantry { jars }',
      '    }',
      '',
      "    pub fn shelf(&self, label: &'a str) -> Shelf<'_> {",
      "        let mark = 'x';",
      '        Shelf { label, mark }',
      '    }',
      '',
      "    fn other(&self) -> &'static str {",
      '        "it\'s"',
      '    }',
      '}',
    ].join('\n');
    const items = outline(text, 'Rust');
    expect(items.map((i) => [i.name, i.start_line, i.end_line])).toEqual([
      ['new', 2, 4],
      ['shelf', 6, 9],
      ['other', 11, 13],
    ]);
    expect(items[1]!.signature).toBe("pub fn shelf(&self, label: &'a str) -> Shelf<'_>");
  });

  it('Rust: a raw string spanning lines (`r#"…"#` with quotes and braces) is no code: the function closes where it does', () => {
    const text = [
      'fn prints_shelf() {',
      '    let out = render();',
      '    assert_eq!(out, indoc! {r#"',
      '        {',
      '            "jar": "plum"',
      '        }',
      '    "#});',
      '}',
      '',
      'fn next_one() {',
      '    let raw = br"a "b";',
      '}',
    ].join('\n');
    expect(outline(text, 'Rust').map((i) => [i.name, i.start_line, i.end_line])).toEqual([
      ['prints_shelf', 1, 8],
      ['next_one', 10, 12],
    ]);
  });

  it('Go: a parameter typed `interface{}` or `struct{}` is no body: the function after it is outlined', () => {
    const text = [
      'package shelf',
      '',
      'func label(prefix string, raw interface{}) string {',
      '\treturn prefix + fmt.Sprint(raw)',
      '}',
      '',
      'func stack(jars []struct{ size int }, done chan struct{}) {',
      '\tfor range jars {',
      '\t}',
      '}',
    ].join('\n');
    expect(outline(text, 'Go').map((i) => [i.name, i.start_line, i.end_line])).toEqual([
      ['label', 3, 5],
      ['stack', 7, 10],
    ]);
  });

  it('Go: a method whose name is part of its receiver’s type (`Pack` on `*jarPacker`) is outlined', () => {
    const text = [
      'package shelf',
      '',
      'func (p *jarPacker) Pack(w io.Writer, jar *Jar) error {',
      '\treturn nil',
      '}',
      '',
      'func (p *jarPacker) Close() {',
      '}',
    ].join('\n');
    expect(outline(text, 'Go').map((i) => [i.name, i.start_line, i.end_line])).toEqual([
      ['Pack', 3, 5],
      ['Close', 7, 8],
    ]);
  });

  it('a language it cannot read yields nothing rather than guesses', () => {
    expect(outline('whatever', 'Markdown')).toEqual([]);
  });
});
