/**
 * Settings declared as data: a dict or object literal bound to a name that says it holds settings
 * (`default_config = {"MAX_CONTENT_LENGTH": None}`, `const defaults = { maxItems: 10 }`), the fields of a
 * TypeScript options interface (`interface ClientOptions { maxItems?: number }`, with its doc comment as
 * help), and the typed fields of a Python settings class (`class Settings: max_items: int = 10`).
 */
import { callArgs, objectKeys } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const SETTINGS_NAME = /(?:config|settings|options|defaults|preferences)\w*$/i;
const TABLE =
  /(?:^|\n)[ \t]*(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$.]*)\s*(?::\s*[^=\n]{1,80})?=\s*(?:[\w.]+\s*\(\s*)?\{/g;
const INTERFACE =
  /(?:^|\n)[ \t]*(?:export\s+)?(?:interface\s+([A-Z]\w*(?:Options|Config|Configuration|Settings|Props|Params|Preferences))\b[^{\n]*\{|type\s+([A-Z]\w*(?:Options|Config|Configuration|Settings|Props|Params|Preferences))\s*=\s*\{)/g;
const PY_CLASS = /(?:^|\n)class\s+(\w*(?:Config|Configuration|Settings|Options|Preferences))\b[^:\n]*:/g;

export const settingsTables: Extractor = {
  name: 'settings-tables',
  languages: ['Python', 'JavaScript', 'TypeScript'],
  marks: ['config', 'Config', 'settings', 'Settings', 'options', 'Options', 'defaults', 'DEFAULTS', 'CONFIG'],
  extract(path, text, context) {
    const out: Declaration[] = [];
    const python = (context?.languageOf(path) ?? (path.endsWith('.py') ? 'Python' : '')) === 'Python';
    for (const m of text.matchAll(TABLE)) {
      const bound = m[1]!.split('.').pop()!;
      if (!SETTINGS_NAME.test(bound)) continue;
      const open = m.index! + m[0].length - 1;
      const keys = python ? pythonDictKeys(text, open) : objectKeys(text, open);
      for (const k of keys)
        out.push(
          declared(path, text, k.at, {
            name: k.key!,
            kind: 'setting',
            via: 'settings-table',
            default: k.value.length > 120 ? '' : k.value,
          }),
        );
    }
    if (!python)
      for (const m of text.matchAll(INTERFACE)) {
        const open = m.index! + m[0].length - 1;
        const body = callArgs(text.replace(/;/g, ','), open);
        if (!body) continue;
        for (const a of body.args) {
          const f =
            /^((?:\/\*\*[\s\S]*?\*\/|\/\/[^\n]*\n)\s*)*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:\s*([\s\S]+)$/.exec(
              a.value,
            );
          if (!f) continue;
          const doc = (/\/\*\*([\s\S]*?)\*\//.exec(a.value)?.[1] ?? '').replace(/^\s*\*\s?/gm, ' ').trim();
          out.push(
            declared(path, text, a.at + a.value.indexOf(f[2]!, (f[1] ?? '').length), {
              name: f[2]!,
              kind: 'setting',
              via: 'options-type',
              help: doc.replace(/\s+/g, ' ').slice(0, 300),
              type: f[3]!.trim(),
            }),
          );
        }
      }
    if (python)
      for (const m of text.matchAll(PY_CLASS)) {
        let pos = text.indexOf('\n', m.index! + m[0].length) + 1;
        while (pos > 0 && pos < text.length) {
          const end = text.indexOf('\n', pos);
          const l = text.slice(pos, end < 0 ? text.length : end);
          if (l.trim() && !/^\s/.test(l)) break;
          const f = /^ {4}([a-z_]\w*)\s*:\s*([^=#\n]+?)\s*(?:=\s*([^#\n]+))?$/.exec(l);
          if (f)
            out.push(
              declared(path, text, pos + 4, {
                name: f[1]!,
                kind: 'setting',
                via: 'settings-class',
                type: f[2]!.trim(),
                default: f[3]?.trim() ?? '',
              }),
            );
          if (end < 0) break;
          pos = end + 1;
        }
      }
    return out;
  },
};

/** String keys of a Python dict literal (`{"A": 1, 'b': 2}`) or `dict(a=1, b=2)` call at `open`. */
function pythonDictKeys(text: string, open: number) {
  const call = callArgs(text, open, { hashComments: true });
  if (!call) return [];
  return call.args.flatMap((a) => {
    const m = /^(['"])([^'"\n]+)\1\s*:\s*/.exec(a.value);
    return m ? [{ key: m[2]!, value: a.value.slice(m[0].length), at: a.at + 1 }] : [];
  });
}
