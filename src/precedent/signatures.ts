/**
 * The parameters of the functions a requirement names (`send_file`, `Client.get`), read from their
 * signatures in the outline: name, type annotation and default as written. They are the declarations a
 * "parameter" request is compared with ("let `max_age` accept a callable").
 */
import { outline } from '../explore/outline.js';
import { esc, lineStarts, parametersAt } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { fileOf, type TreeSearch } from './search.js';

const MAX_FILES = 40;

export function signatureParameters(
  search: TreeSearch,
  targets: string[],
): { parameters: Declaration[]; functions: Map<string, string[]> } {
  const functions = new Map<string, string[]>();
  const names = [...new Set(targets.map((t) => t.split('.').pop()!).filter((t) => t.length > 2))];
  if (!names.length) return { parameters: [], functions };
  const files = search
    .filesWith(names, { word: true })
    .filter((p) => fileOf(search, p)?.role === 'source' && fileOf(search, p)?.language)
    .slice(0, MAX_FILES);
  const out: Declaration[] = [];
  for (const path of files) {
    const text = search.read(path);
    if (!text) continue;
    const language = fileOf(search, path)!.language;
    const lines = text.split('\n');
    const starts = lineStarts(text);
    for (const item of outline(text, language)) {
      if (item.kind !== 'function' || !names.includes(item.name) || !item.signature.includes('(')) continue;
      // The list after the name on its header line (a Go method's receiver comes before the name).
      const header = new RegExp(`(?<![\\w$])${esc(item.name)}(?![\\w$])[^(\\n]*\\(`).exec(
        text.slice(starts[item.start_line - 1], starts[item.start_line]),
      );
      const params = header
        ? (parametersAt(
            text,
            starts[item.start_line - 1]! + header.index + header[0].length - 1,
            language === 'Python',
          )?.filter((p) => p.name) ?? [])
        : [];
      functions.set(item.name, [...(functions.get(item.name) ?? []), ...params.map((p) => p.name)]);
      for (const p of params) {
        // The line the parameter is written on, within the signature's first lines.
        let line = item.start_line;
        for (let k = item.start_line; k <= Math.min(lines.length, item.start_line + 40); k++)
          if (new RegExp(`(^|[^\\w$])${p.name.replace(/\$/g, '\\$')}\\b`).test(lines[k - 1]!)) {
            line = k;
            break;
          }
        out.push({
          name: p.name,
          aliases: [],
          kind: 'parameter',
          via: 'signature',
          help: `a parameter of ${item.qualified}`,
          type: p.type,
          default: p.default,
          file: path,
          line,
          text: lines[line - 1]!.trim(),
        });
      }
    }
  }
  return { parameters: out, functions };
}
