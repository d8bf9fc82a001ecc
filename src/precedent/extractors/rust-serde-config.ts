/**
 * Rust configuration keys declared by serde: the fields of a struct a config file (TOML, YAML, JSON) is
 * deserialized into (`#[derive(Deserialize)] struct Config { pub theme: Option<String>, … }`), each under
 * its serde name: the field's own, a `#[serde(rename = "…")]` on it, else the struct's
 * `#[serde(rename_all = "kebab-case")]` spelling of it; a field's `alias = "…"` is an alias. A field
 * serde never reads from the file (`skip`, `skip_deserializing`) or whose keys sit in its parent's table
 * (`flatten`) is no key, nor is a field that holds a table (a struct of the file, or a type named as a
 * table of settings, `ConfigFlags`): the table's own fields are its keys.
 *
 * serde also shapes payloads (a JSON line of another tool's output, a session file), so a struct counts
 * only when its type name says it holds settings (`Config`, `Settings`, `Options`, …), or its file is the
 * project's configuration module (`config.rs`, `settings.rs`, `config/…`), or it is the type of a field of
 * such a struct in the same file (a sub-table, `ui: UiTable`). The help is the field's `///` doc comment;
 * the scope is the struct's type name. A key whose name is written (a rename) is cited where it is
 * written, else at the field.
 */
import { stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const STRUCT = /^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?struct[ \t]+(\w+)[^{;(]*\{/gm;
const SETTINGS_TYPE = /(?:config|configuration|conf|settings|options|preferences|prefs|rc)$/i;
const SETTINGS_FILE = /(?:^|\/)(?:config|configuration|settings|options|preferences)(?:\.rs$|\/)/i;
const FIELD =
  /^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:r#)?([a-z_][a-z0-9_]*)[ \t]*:[ \t]*(.+?)[ \t]*,?[ \t]*(?:\/\/.*)?$/;
/** A type named as a table of settings (`ConfigFlags`, `UiSettings`, `ColourOptions`). */
const TABLE_TYPE =
  /^[A-Z]\w*(?:Config|Configuration|Settings|Options|Flags|Table|Section|Colou?rs|Prefs|Preferences)$/;
const COLLECTION = /^(?:Vec|VecDeque|HashSet|BTreeSet|IndexSet|HashMap|BTreeMap|IndexMap)\b|^\[/;

interface Struct {
  name: string;
  /** Offset of the body's first character (after `{`) and of its closing `}`. */
  from: number;
  to: number;
  /** The attributes above it (doc comments left out). */
  attrs: string;
}

/** A serde attribute's string argument (`rename = "x"`, `rename(deserialize = "x")`), or null. */
function serdeString(attrs: string, key: string): string | null {
  for (const a of attrs.matchAll(/#\[serde\s*\(([\s\S]*?)\)\]/g)) {
    const m =
      new RegExp(`\\b${key}\\s*=\\s*("[^"]*")`).exec(a[1]!) ??
      new RegExp(`\\b${key}\\s*\\([^)]*\\bdeserialize\\s*=\\s*("[^"]*")`).exec(a[1]!);
    if (m) return stringValue(m[1]!);
  }
  return null;
}

const serdeWords = (attrs: string) =>
  [...attrs.matchAll(/#\[serde\s*\(([\s\S]*?)\)\]/g)].flatMap((a) =>
    a[1]!.split(',').map((w) => w.trim().split(/\s*[=(]/)[0]!),
  );

/** A snake-case field name in one of serde's `rename_all` spellings. */
export function serdeCase(field: string, rule: string | null): string {
  const words = field.split('_').filter(Boolean);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  switch (rule) {
    case 'lowercase':
      return words.join('');
    case 'UPPERCASE':
      return words.join('').toUpperCase();
    case 'PascalCase':
      return words.map(cap).join('');
    case 'camelCase':
      return words.map((w, i) => (i ? cap(w) : w)).join('');
    case 'SCREAMING_SNAKE_CASE':
      return words.join('_').toUpperCase();
    case 'kebab-case':
      return words.join('-');
    case 'SCREAMING-KEBAB-CASE':
      return words.join('-').toUpperCase();
    default:
      return field;
  }
}

/** The structs of a file with their bodies and the attributes written above them. */
function structsOf(text: string): Struct[] {
  const out: Struct[] = [];
  for (const m of text.matchAll(STRUCT)) {
    const open = m.index! + m[0].length - 1;
    let depth = 0;
    let to = -1;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        to = i;
        break;
      }
    }
    if (to < 0) continue;
    // The attributes: the lines above up to the previous item's end (a line ending in `}`, `;` or `{`) or a
    // blank line; a multi-line attribute's lines (`#[derive(`, `Deserialize,`, `)]`) are among them.
    const above = text.slice(Math.max(0, m.index! - 1500), m.index!).split('\n');
    above.pop();
    const attrs: string[] = [];
    for (let i = above.length - 1; i >= 0; i--) {
      const l = above[i]!.trim();
      if (l.startsWith('//')) continue;
      if (!l || (!l.startsWith('#[') && /[};{]$/.test(l))) break;
      attrs.unshift(l);
    }
    out.push({ name: m[1]!, from: open + 1, to, attrs: attrs.join('\n') });
  }
  return out;
}

/** The fields of a struct's body at its top level: name, type, offset of the name, attributes and docs. */
function fieldsOf(text: string, s: Struct) {
  const out: Array<{ name: string; type: string; at: number; attrs: string; doc: string[] }> = [];
  let attrs: string[] = [];
  let doc: string[] = [];
  let depth = 0;
  let offset = s.from;
  for (const line of text.slice(s.from, s.to).split('\n')) {
    const at = offset;
    offset += line.length + 1;
    const l = line.trim();
    // A multi-line attribute's further lines (`#[serde(`, `default,`, `)]`) are read with it.
    if (depth > 0 && attrs.length) attrs.push(l);
    else if (depth === 0) {
      const d = /^\/\/\/\s?(.*)$/.exec(l);
      if (d) doc.push(d[1]!);
      else if (l.startsWith('#[')) attrs.push(l);
      else if (!l.startsWith('//') && l) {
        const f = FIELD.exec(line);
        if (f)
          out.push({ name: f[1]!, type: f[2]!, at: at + line.indexOf(f[1]!), attrs: attrs.join('\n'), doc });
        attrs = [];
        doc = [];
      }
    }
    const code = line.replace(/\/\/.*$/, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    depth += (code.match(/[{(<[]/g)?.length ?? 0) - (code.match(/[})>\]]/g)?.length ?? 0);
    // `->` in a type is no closing angle.
    depth += code.match(/->/g)?.length ?? 0;
    if (depth < 0) depth = 0;
  }
  return out;
}

export const rustSerdeConfig: Extractor = {
  name: 'rust-serde-config',
  languages: ['Rust'],
  marks: ['Deserialize'],
  extract(path, text) {
    const structs = structsOf(text).filter((s) => /\bDeserialize\b/.test(s.attrs));
    const kept = new Set(structs.filter((s) => SETTINGS_TYPE.test(s.name) || SETTINGS_FILE.test(path)));
    // A struct that is the type of a kept struct's field is one of its tables.
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of [...kept])
        for (const f of fieldsOf(text, s))
          for (const t of structs)
            if (!kept.has(t) && new RegExp(`\\b${t.name}\\b`).test(f.type)) {
              kept.add(t);
              grew = true;
            }
    }
    const out: Declaration[] = [];
    for (const s of structs) {
      if (!kept.has(s)) continue;
      const rule = serdeString(s.attrs, 'rename_all');
      for (const f of fieldsOf(text, s)) {
        const words = serdeWords(f.attrs);
        if (words.some((w) => w === 'skip' || w === 'skip_deserializing' || w === 'flatten')) continue;
        const renamed = serdeString(f.attrs, 'rename');
        const key = renamed ?? serdeCase(f.name, rule);
        if (!/^[\w.-]+$/.test(key)) continue;
        const aliases = [
          ...(key === f.name ? [] : [f.name]),
          ...[...f.attrs.matchAll(/\balias\s*=\s*("[^"]*")/g)]
            .map((a) => stringValue(a[1]!)!)
            .filter(Boolean),
        ];
        const inner = /^Option\s*<\s*([\s\S]*)>$/.exec(f.type)?.[1]?.trim() ?? f.type;
        // A field that holds a table (a struct of this file, or a type named as one: `ConfigFlags`,
        // `UiSettings`) is no key: its keys are the table's own fields.
        const held = /^(?:Box\s*<\s*)?([A-Z]\w*)\s*>?$/.exec(inner)?.[1];
        if (held && (structs.some((t) => t.name === held) || TABLE_TYPE.test(held))) continue;
        // A rename is written in the attribute above the field: the key is cited there.
        const written = renamed ? text.lastIndexOf(`"${renamed}"`, f.at) : -1;
        out.push(
          declared(path, text, written > s.from ? written + 1 : f.at, {
            name: key,
            aliases,
            kind: 'config-value',
            takes: inner === 'bool' ? 'none' : COLLECTION.test(inner) ? 'many' : 'one',
            via: 'serde',
            help: f.doc.join(' ').trim(),
            type: f.type,
            scope: s.name,
          }),
        );
      }
    }
    return out;
  },
};
