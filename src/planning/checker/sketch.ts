import type { Tree } from '@lezer/common';
import { parser as jsParser } from '@lezer/javascript';
import { parser as pyParser } from '@lezer/python';

/**
 * Code sketches parsed in their language (Lezer's Python and JavaScript/TypeScript grammars: pure
 * JavaScript, synchronous, no WASM). A sketch may be a fragment, so it is dedented, a line that is only
 * `...` stands for code left out, and a method on its own is tried inside a class; what still does not
 * parse is reported with where the parser stopped.
 */

type Lang = 'python' | 'js' | 'ts' | 'jsx' | 'tsx';

function langOf(language: string): Lang | null {
  const l = language.toLowerCase().trim();
  if (/^(py|python|python3)$/.test(l)) return 'python';
  if (/^(js|javascript|mjs|cjs|node)$/.test(l)) return 'js';
  if (/^(ts|typescript|mts|cts)$/.test(l)) return 'ts';
  if (l === 'jsx') return 'jsx';
  if (l === 'tsx') return 'tsx';
  return null;
}

function parseWith(lang: Lang, code: string): Tree {
  if (lang === 'python') return pyParser.parse(code);
  const dialect = lang === 'ts' ? 'ts' : lang === 'tsx' ? 'ts jsx' : lang === 'jsx' ? 'jsx' : '';
  return (dialect ? jsParser.configure({ dialect }) : jsParser).parse(code);
}

/**
 * Lists where the grammar is looser than the language: Lezer reads `a,, b` as a hole in objects, calls and
 * parameter lists too, but only arrays may have holes.
 */
const NO_HOLES = new Set(['ObjectExpression', 'ObjectPattern', 'ArgList', 'ParamList']);

/** The first place the parser could not read, or null when the code parses. */
function firstError(lang: Lang, code: string): { line: number; column: number; near: string } | null {
  const tree = parseWith(lang, code);
  let at = -1;
  tree.iterate({
    enter(n) {
      if (at >= 0) return false;
      if (n.type.isError) {
        at = n.from;
        return false;
      }
      if (lang !== 'python' && NO_HOLES.has(n.name)) {
        let comma = false;
        for (let c = n.node.firstChild; c; c = c.nextSibling) {
          if (c.name === ',' && comma) {
            at = c.from;
            return false;
          }
          comma = c.name === ',';
        }
      }
      return undefined;
    },
  });
  if (at < 0) return null;
  const before = code.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const near = code.slice(at).split('\n')[0]!.trim().slice(0, 24);
  return { line, column, near };
}

function dedent(code: string): string {
  const lines = code.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Why a sketch does not parse in its language (the parser's position and what it found), or null. */
export function sketchProblem(language: string, code: string): string | null {
  const lang = langOf(language);
  if (!lang || !code.trim()) return null;
  let src = dedent(code).replace(/\r/g, '');
  if (lang !== 'python')
    src = src.replace(/^(\s*)(\.\.\.|…)\s*$/gm, '$1/* … */').replace(/\{\s*(\.\.\.|…)\s*\}/g, '{ /* … */ }');
  else src = src.replace(/…/g, '...');
  const err = firstError(lang, src);
  if (!err) return null;
  if (lang !== 'python' && !firstError(lang, `class Sketch {\n${src}\n}`)) return null;
  const name = lang === 'python' ? 'Python' : lang.startsWith('t') ? 'TypeScript' : 'JavaScript';
  return `the ${name} sketch does not parse: line ${err.line}, column ${err.column}: ${err.near ? `unexpected \`${err.near}\`` : 'the line ends where more was expected'} (fix the code, or mark a fragment with a comment)`;
}
