/**
 * Go configuration keys declared by struct tags: a field of a struct a config file is decoded into names its
 * key in its tag (`TempDir *string \`yaml:"temp-dir"\``, `Workers int \`toml:"workers" mapstructure:"workers"\``).
 * The yaml, toml, mapstructure, koanf, ini and hcl tags are read in any struct (they exist to decode a file);
 * a `json` tag only in a struct whose type name says it holds settings (`Config`, `Options`, …), since JSON
 * tags also shape API payloads. A tag's key `-` (never decoded) or an `,inline` field is no key. The help is
 * the field's trailing comment, else the comment line above it; the scope is the struct's type name.
 */
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const FIELD = /^[ \t]*([A-Z]\w*)[ \t]+([^\s`/][^`\n]*?)[ \t]+`([^`\n]*)`[ \t]*(?:\/\/[ \t]*(.*))?$/gm;
const TAG = /\b(yaml|toml|mapstructure|koanf|ini|hcl|json):"([^"]*)"/g;
const STRUCT_OPEN = /(?:\btype[ \t]+(\w+)[ \t]+|\b(\w+)[ \t]+)?struct[ \t]*\{/g;
const SETTINGS_TYPE = /(?:config|configuration|settings|options|preferences|rc)$/i;

export const goConfigTags: Extractor = {
  name: 'go-config-tags',
  languages: ['Go'],
  marks: ['yaml:"', 'toml:"', 'mapstructure:"', 'koanf:"', 'ini:"', 'hcl:"', 'json:"'],
  extract(path, text) {
    const out: Declaration[] = [];
    const opens = [...text.matchAll(STRUCT_OPEN)].map((m) => ({ at: m.index!, name: m[1] ?? m[2] ?? '' }));
    for (const m of text.matchAll(FIELD)) {
      const struct = opens.filter((o) => o.at < m.index!).pop()?.name ?? '';
      let key: string | null = null;
      for (const t of m[3]!.matchAll(TAG)) {
        if (t[1] === 'json' && !SETTINGS_TYPE.test(struct)) continue;
        const [name, ...flags] = t[2]!.split(',');
        if (flags.includes('inline') || flags.includes('squash')) break;
        if (name && name !== '-' && /^[\w.-]+$/.test(name)) {
          key = name;
          break;
        }
      }
      if (!key) continue;
      const type = m[2]!.trim();
      const above = /\n[ \t]*\/\/[ \t]*([^\n]*)\n$/.exec(text.slice(Math.max(0, m.index! - 200), m.index!));
      out.push(
        declared(path, text, m.index! + m[0].indexOf(m[1]!), {
          name: key,
          aliases: key === m[1] ? [] : [m[1]!],
          kind: 'config-value',
          takes: /^\*?bool$/.test(type) ? 'none' : /^\*?(?:\[\]|map\[)/.test(type) ? 'many' : 'one',
          via: 'go-struct-tag',
          help: (m[4] ?? above?.[1] ?? '').trim(),
          type,
          ...(struct ? { scope: struct } : {}),
        }),
      );
    }
    return out;
  },
};
