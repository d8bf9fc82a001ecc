import { describe, expect, it } from 'vitest';
import { outline } from '../explore/outline.js';
import {
  definedAs,
  definesFunction,
  enclosingFunction,
  fileStem,
  innermost,
  maskStrings,
  parametersAt,
} from './code-shape.js';

describe('a file stem', () => {
  it('drops the folders and the last extension only', () => {
    expect(fileStem('src/blank_lines.rs')).toBe('blank_lines');
    expect(fileStem('a.b/shelf.test.ts')).toBe('shelf.test');
    expect(fileStem('Makefile')).toBe('Makefile');
  });
});

describe('what a line defines', () => {
  it('reads functions, types and values in several languages, and a use as nothing', () => {
    expect(definedAs('    def paint(self, colour):', 'paint')).toBe('function');
    expect(definedAs('pub(crate) fn paint<T>(x: T) {', 'paint')).toBe('function');
    expect(definedAs('func (b *Brush) Paint(c string) error {', 'Paint')).toBe('function');
    expect(definedAs('  get paint() {', 'paint')).toBe('function');
    expect(definedAs('const paint = (c) => c;', 'paint')).toBe('function');
    expect(definedAs('class Brush:', 'Brush')).toBe('type');
    expect(definedAs('pub struct Brush {', 'Brush')).toBe('type');
    expect(definedAs('const SHADES = 4;', 'SHADES')).toBe('value');
    expect(definedAs('        self.shade = shade', 'shade')).toBe('value');
    expect(definedAs('    brush.paint(red)', 'paint')).toBeNull();
    expect(definesFunction(['Brush.prototype.paint = function (c) {'], 'paint')).toBe(true);
    expect(definesFunction(['class Brush:'], 'Brush')).toBe(false);
  });
});

describe('the innermost outline item around a line', () => {
  const text = [
    'class Brush:',
    '    def paint(self, colour):',
    '        def mix(a):',
    '            return a',
    '        return mix(colour)',
    '',
  ].join('\n');
  const items = outline(text, 'Python');

  it('is the latest to start that still holds the line, of the kind asked for', () => {
    expect(innermost(items, 4)?.qualified).toMatch(/mix$/);
    expect(innermost(items, 5)?.qualified).toBe('Brush.paint');
    expect(innermost(items, 4, { kind: 'class' })?.name).toBe('Brush');
  });

  it('leaves out the item whose header the line is, when asked', () => {
    expect(innermost(items, 3, { kind: 'function' })?.name).toBe('mix');
    expect(innermost(items, 3, { kind: 'function', header: false })?.qualified).toBe('Brush.paint');
  });
});

describe('the parameters of a definition, one reader for all', () => {
  const names = (text: string, open: number, python: boolean) =>
    parametersAt(text, open, python)?.map((p) => p.name);
  it('splits at top-level commas only, the receiver left out, a rest parameter marked', () => {
    const py = 'def shade(self, tints: dict[str, int], depth=level(2), *rest):\n    return depth\n';
    expect(parametersAt(py, py.indexOf('('), true)).toEqual([
      { name: 'tints', type: 'dict[str, int]', default: '', rest: '' },
      { name: 'depth', type: '', default: 'level(2)', rest: '' },
      { name: 'rest', type: '', default: '', rest: '*' },
    ]);
    expect(names('fn mix(&mut self, a: u8, mut b: u8) {', 6, false)).toEqual(['a', 'b']);
    expect(parametersAt('func mix(a, b string', 8, false)).toBeNull();
  });

  it('reads types and defaults in each language: generics whole, Go types, arrows, markers', () => {
    const ts =
      'function blend(this: Pot, a?: Map<string, number>, f: (x: number) => string = show, ...more: T[]) {';
    expect(parametersAt(ts, ts.indexOf('('), false)).toEqual([
      { name: 'a', type: 'Map<string, number>', default: '', rest: '' },
      { name: 'f', type: '(x: number) => string', default: 'show', rest: '' },
      { name: 'more', type: 'T[]', default: '', rest: '...' },
    ]);
    const go = 'func (k *Kiln) Fire(hours, heat int, glazes ...string) error {';
    expect(parametersAt(go, go.indexOf('Fire(') + 4, false)?.map((p) => [p.name, p.type])).toEqual([
      ['hours', ''],
      ['heat', 'int'],
      ['glazes', '...string'],
    ]);
    // Python: `/` is no parameter, a bare `*` ends the positional ones; a comment and a string's comma are skipped.
    const py = 'def fire(pot, /, heat=900,  # degrees\n         *, sep=", ", glaze: str = "clear"):\n';
    expect(parametersAt(py, py.indexOf('('), true)?.map((p) => `${p.rest}${p.name}=${p.default}`)).toEqual([
      'pot=',
      'heat=900',
      '*=',
      'sep=", "',
      'glaze="clear"',
    ]);
  });

  it("reads a Rust lifetime as no quote: `&'b str,` keeps its comma, so the fourth parameter is the fourth", () => {
    const rs = [
      "fn tint_spans<'b>(",
      "    row: &'b str,",
      '    lit: Hue,',
      '    unlit: Hue,',
      '    marker: &Marker,',
      ") -> Option<Spans<'b>> {",
    ].join('\n');
    expect(parametersAt(rs, rs.indexOf('('), false)?.map((p) => p.name)).toEqual([
      'row',
      'lit',
      'unlit',
      'marker',
    ]);
    const two = "fn pair<'a, 'b>(x: &'a str, y: &'b str) -> usize {";
    expect(parametersAt(two, two.indexOf('('), false)?.map((p) => p.name)).toEqual(['x', 'y']);
    // Brackets after a lifetime are still code; a character literal and JavaScript's `&& 'a b'` are strings.
    expect(maskStrings("fn f<'a>(x: &'a str) { g('(') }")).toBe("fn f<'a>(x: &'a str) { g(   ) }");
    expect(maskStrings("ok && 'a (b'")).toBe('ok &&       ');
  });

  it('reads the small function around an offset, its parameters bare', () => {
    const js = 'function paint(colour, ...layers) {\n  return colour + layers.length;\n}\n';
    expect(enclosingFunction(js, js.indexOf('return'))).toEqual({
      name: 'paint',
      params: ['colour', 'layers'],
      start: 0,
    });
    expect(enclosingFunction(js, 5)).toBeNull();
  });
});
