/**
 * Go configuration keys declared by struct tags: a field of a struct a config file is decoded into names its
 * key in its tag (`TempDir *string \`yaml:"temp-dir"\``, `Workers int \`toml:"workers" mapstructure:"workers"\``).
 * The yaml, toml, mapstructure, koanf, ini and hcl tags are read in any struct (they exist to decode a file);
 * a `json` tag only in a struct whose type name says it holds settings (`Config`, `Options`, …), since JSON
 * tags also shape API payloads. A tag's key `-` (never decoded) or an `,inline` field is no key. The help is
 * the field's trailing comment, else the comment line above it; the scope is the struct's type name.
 *
 * Untagged, a field is a key too where the code says the struct is decoded from YAML: an anonymous struct
 * a type's `UnmarshalYAML` declares and hands to the decoder (`var raw struct { Cmd string; Silent bool }`
 * then `unmarshal(&raw)`), whose fields the decoder fills by their names lowercased (go-yaml's rule:
 * `Silent` is the file's `silent`). Such a struct exists only to read the file, so each field is a key of
 * that file, not a command-line flag; the scope is the type the method is of.
 *
 * A tag that names a command-line flag (go-flags' `long:"name"`, `flag:"name"`, `flagName:"name"`) declares
 * that flag too, beside any key: its help the tag's `description`, `help` or `usage` (or one ending so,
 * `flagDescribe`), its short name the `short` tag (or one ending so, `flagSName`).
 */
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const FIELD = /^[ \t]*([A-Z]\w*)[ \t]+([^\s`/][^`\n]*?)[ \t]+`([^`\n]*)`[ \t]*(?:\/\/[ \t]*(.*))?$/gm;
const TAG = /\b(yaml|toml|mapstructure|koanf|ini|hcl|json):"([^"]*)"/g;
const STRUCT_OPEN = /(?:\btype[ \t]+(\w+)[ \t]+|\b(\w+)[ \t]+)?struct[ \t]*\{/g;
const FLAG_TAG = /(?<![\w])(?:long|flag|flagName):"([a-zA-Z][\w-]*)"/;
const FLAG_HELP = /(?<![\w])(?:description|help|usage|desc|\w*(?:Describe|Description|Help|Usage)):"([^"]*)"/;
const FLAG_SHORT = /(?<![\w])(?:short|\w*SName|\w*Short):"(\w+)"/;
const SETTINGS_TYPE = /(?:config|configuration|settings|options|preferences|rc)$/i;

export const goConfigTags: Extractor = {
  name: 'go-config-tags',
  languages: ['Go'],
  marks: [
    ...['yaml:"', 'toml:"', 'mapstructure:"', 'koanf:"', 'ini:"', 'hcl:"', 'json:"', ') UnmarshalYAML('],
    ...['long:"', 'flag:"', 'flagName:"'],
  ],
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
      const type = m[2]!.trim();
      const above = /\n[ \t]*\/\/[ \t]*([^\n]*)\n$/.exec(text.slice(Math.max(0, m.index! - 200), m.index!));
      const flag = FLAG_TAG.exec(m[3]!)?.[1];
      if (flag) {
        const short = FLAG_SHORT.exec(m[3]!)?.[1];
        out.push(
          declared(path, text, m.index! + m[0].indexOf(m[1]!), {
            name: flag,
            aliases: [...(short ? [short] : []), ...(flag === m[1] ? [] : [m[1]!])],
            kind: takesOf(type) === 'none' ? 'flag' : 'option',
            takes: takesOf(type),
            via: 'go-flag-tag',
            help: (FLAG_HELP.exec(m[3]!)?.[1] ?? m[4] ?? above?.[1] ?? '').trim(),
            type,
          }),
        );
      }
      if (!key) continue;
      out.push(
        declared(path, text, m.index! + m[0].indexOf(m[1]!), {
          name: key,
          aliases: key === m[1] ? [] : [m[1]!],
          kind: 'config-value',
          takes: takesOf(type),
          via: 'go-struct-tag',
          help: (m[4] ?? above?.[1] ?? '').trim(),
          type,
          ...(struct ? { scope: struct } : {}),
        }),
      );
    }
    return [...out, ...untaggedYamlKeys(path, text)].sort((a, b) => a.line - b.line);
  },
};

/** What a Go field's type takes from the file: a bool nothing, a slice or a map many values, else one. */
const takesOf = (type: string): 'none' | 'one' | 'many' =>
  /^\*?bool$/.test(type) ? 'none' : /^\*?(?:\[\]|map\[)/.test(type) ? 'many' : 'one';

/** A method `UnmarshalYAML` and its body, to the closing brace at the line's start. */
const UNMARSHAL_YAML =
  /^func[ \t]*\([ \t]*\w+[ \t]+\*?(\w+)[ \t]*\)[ \t]*UnmarshalYAML\([^\n]*\{[ \t]*\n([\s\S]*?)^\}/gm;
/** An anonymous struct a function declares: `var raw struct {` … `}` (or `raw := struct {`). */
const ANONYMOUS =
  /^([ \t]*)(?:var[ \t]+(\w+)[ \t]+|(\w+)[ \t]*:=[ \t]*)struct[ \t]*\{[ \t]*\n([\s\S]*?)^\1\}/gm;
/** An exported field with no tag: a name, a type, perhaps a trailing comment. */
const UNTAGGED = /^[ \t]*([A-Z]\w*)[ \t]+([^\s`/][^`\n]*?)[ \t]*(?:\/\/[ \t]*(.*))?$/gm;

/** The untagged fields of the anonymous structs a type's `UnmarshalYAML` decodes the file into. */
function untaggedYamlKeys(path: string, text: string): Declaration[] {
  const out: Declaration[] = [];
  for (const f of text.matchAll(UNMARSHAL_YAML)) {
    const [, type, body] = f as unknown as [string, string, string];
    const bodyAt = f.index! + f[0].indexOf(body);
    for (const a of body.matchAll(ANONYMOUS)) {
      const name = a[2] ?? a[3]!;
      // Handed to the decoder: `unmarshal(&raw)`, `value.Decode(&raw)`.
      if (!new RegExp(`\\(\\s*&${name}\\s*\\)`).test(body)) continue;
      const fields = a[4]!;
      const fieldsAt = bodyAt + a.index! + a[0].indexOf(fields);
      for (const m of fields.matchAll(UNTAGGED)) {
        const field = m[1]!;
        const fieldType = m[2]!.trim();
        if (fieldType.endsWith('{')) continue;
        out.push(
          declared(path, text, fieldsAt + m.index! + m[0].indexOf(field), {
            // Cited as the line writes it; the key the file writes is its alias.
            name: field,
            aliases: field.toLowerCase() === field ? [] : [field.toLowerCase()],
            kind: 'config-value',
            takes: takesOf(fieldType),
            via: 'go-struct-tag',
            help: (m[3] ?? '').trim(),
            type: fieldType,
            scope: type,
          }),
        );
      }
    }
  }
  return out;
}
