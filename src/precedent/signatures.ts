/**
 * The parameters of the functions a requirement names (`send_file`, `Client.get`), read from their
 * signatures in the outline: name, type annotation and default as written. They are the declarations a
 * "parameter" request is compared with ("let `max_age` accept a callable").
 */
import type { Inventory } from '../explore/inventory.js';
import { outline } from '../explore/outline.js';
import type { Declaration } from './declaration.js';
import type { TreeSearch } from './search.js';

const MAX_FILES = 40;

export function signatureParameters(
  search: TreeSearch,
  inventory: Inventory,
  targets: string[],
): { parameters: Declaration[]; functions: Map<string, string[]> } {
  const functions = new Map<string, string[]>();
  const names = [...new Set(targets.map((t) => t.split('.').pop()!).filter((t) => t.length > 2))];
  if (!names.length) return { parameters: [], functions };
  const lang = new Map(inventory.files.map((f) => [f.path, f]));
  const files = search
    .filesWith(names, { word: true })
    .filter((p) => lang.get(p)?.role === 'source' && lang.get(p)?.language)
    .slice(0, MAX_FILES);
  const out: Declaration[] = [];
  for (const path of files) {
    const text = search.read(path);
    if (!text) continue;
    const language = lang.get(path)!.language;
    const lines = text.split('\n');
    for (const item of outline(text, language)) {
      if (item.kind !== 'function' || !names.includes(item.name)) continue;
      const params = parametersOf(item.signature);
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

export interface Parameter {
  name: string;
  type: string;
  default: string;
}

/** The parameters of a signature as written (`def f(a: int = 1, *, b=None)`, `function f(a?: string)`, Go, Rust). */
export function parametersOf(signature: string): Parameter[] {
  const open = signature.indexOf('(');
  if (open < 0) return [];
  let depth = 0;
  let start = open + 1;
  const parts: string[] = [];
  for (let k = open; k < signature.length; k++) {
    const ch = signature[k]!;
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch) && !(ch === '>' && signature[k - 1] === '=')) {
      depth--;
      if (depth === 0) {
        parts.push(signature.slice(start, k));
        break;
      }
    } else if (ch === ',' && depth === 1) {
      parts.push(signature.slice(start, k));
      start = k + 1;
    }
  }
  const out: Parameter[] = [];
  for (const raw of parts) {
    const s = raw.trim();
    if (!s || s === '*' || s === '/' || /^(self|cls|&?(mut\s+)?self)$/.test(s)) continue;
    const m =
      /^(?:\*{1,2}|\.\.\.)?(?:(?:public|private|protected|readonly)\s+)*([A-Za-z_$][\w$]*)\??\s*(?::\s*([^=]+?))?\s*(?:=\s*(.+))?$/.exec(
        s,
      ) ?? /^([A-Za-z_]\w*)\s+([^=]+)$/.exec(s); // Go: `name type`
    if (!m) continue;
    out.push({ name: m[1]!, type: (m[2] ?? '').trim(), default: (m[3] ?? '').trim() });
  }
  return out;
}
