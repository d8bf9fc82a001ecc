/**
 * Python configuration registries: Sphinx-style `add_config_value('name', default, 'env', types,
 * description=…)` and pytest's ini keys, `parser.addini('name', 'help', type=…, default=…)`.
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const CALL = /\b(add_config_value|addini)\s*\(/g;

export const pythonConfig: Extractor = {
  name: 'python-config',
  languages: ['Python'],
  marks: ['add_config_value(', 'addini('],
  extract(path, text) {
    const out: Declaration[] = [];
    for (const m of text.matchAll(CALL)) {
      const call = callArgs(text, m.index! + m[0].length - 1, { hashComments: true });
      if (!call) continue;
      const pos = call.args.filter((a) => !a.key);
      const kw = (k: string) => call.args.find((a) => a.key === k)?.value;
      const first = pos[0] ?? call.args.find((a) => a.key === 'name');
      const name = first ? stringValue(first.value) : null;
      if (!first || !name || !/^[\w.-]+$/.test(name)) continue;
      const registry = m[1] === 'addini';
      const help = registry
        ? (stringValue(pos[1]?.value ?? kw('help') ?? '') ?? '')
        : (stringValue(kw('description') ?? pos[4]?.value ?? '') ?? '');
      const type = (registry ? kw('type') : (kw('types') ?? pos[3]?.value)) ?? '';
      const dflt = (registry ? kw('default') : (kw('default') ?? pos[1]?.value)) ?? '';
      const named = stringValue(type) ?? type;
      // pytest's ini types (`bool`, `args`, `linelist`, `paths`, `string`); a Sphinx value by its default.
      const takes = registry
        ? /^bool$/.test(named)
          ? 'none'
          : /^(?:args|linelist|paths|pathlist)$/.test(named)
            ? 'many'
            : 'one'
        : /^(?:True|False)$/.test(dflt.trim())
          ? 'none'
          : /^[[(]/.test(dflt.trim())
            ? 'many'
            : 'one';
      out.push(
        declared(path, text, first.at, {
          name,
          kind: 'config-value',
          takes,
          ...(/^(?:paths|pathlist)$/.test(named) ? { value: 'path' as const } : {}),
          via: registry ? 'pytest-ini' : 'config-registry',
          help,
          type,
          default: dflt,
        }),
      );
    }
    return out;
  },
};
