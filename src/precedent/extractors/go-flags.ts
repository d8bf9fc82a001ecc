/**
 * Go flags: the standard library (`flag.String("name", def, "usage")`, `fs.IntVar(&v, "name", …)`), pflag
 * and cobra (`cmd.Flags().StringVarP(&o.name, "name", "n", def, "usage")`, `PersistentFlags()`), and urfave
 * style flag structs (`&cli.StringFlag{Name: "name", Usage: "…"}`).
 */
import { callArgs, objectKeys, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const CALL =
  /\.(Bool|String|Int|Int64|Int32|Uint|Uint64|Float64|Float32|Duration|StringSlice|StringArray|IntSlice|StringToString|Count|Var)(Var)?(P)?\s*\(/g;
const STRUCT =
  /&?\w+\.(Bool|String|Int|Int64|Uint|Float64|Duration|StringSlice|Path|Generic|Timestamp)Flag\s*\{/g;

export const goFlags: Extractor = {
  name: 'go-flags',
  languages: ['Go'],
  marks: ['Flags()', 'flag.', 'Flag{'],
  extract(path, text) {
    const out: Declaration[] = [];
    for (const m of text.matchAll(CALL)) {
      const call = callArgs(text, m.index! + m[0].length - 1);
      if (!call) continue;
      const args = call.args;
      const withVar = Boolean(m[2]) || m[1] === 'Var';
      const nameArg = args[withVar ? 1 : 0];
      const name = nameArg ? stringValue(nameArg.value) : null;
      if (!nameArg || !name || !/^[\w-]+$/.test(name)) continue;
      const shortArg = m[3] ? args[withVar ? 2 : 1] : undefined;
      const short = shortArg ? stringValue(shortArg.value) : null;
      const rest = args.slice((withVar ? 2 : 1) + (m[3] ? 1 : 0));
      const usage = stringValue(rest[rest.length - 1]?.value ?? '') ?? '';
      const type = m[1] === 'Var' ? '' : m[1]!.toLowerCase();
      out.push(
        declared(path, text, nameArg.at, {
          name,
          aliases: [...(short ? [short] : []), ...(withVar ? [args[0]!.value.replace(/^&/, '')] : [])],
          kind: type === 'bool' ? 'flag' : 'option',
          via: /Flags\(\)/.test(text.slice(Math.max(0, m.index! - 40), m.index! + 1)) ? 'cobra' : 'go-flag',
          help: usage,
          type,
          default: rest.length > 1 ? rest[0]!.value : '',
        }),
      );
    }
    for (const m of text.matchAll(STRUCT)) {
      const keys = objectKeys(text, m.index! + m[0].length - 1);
      const nameKey = keys.find((k) => k.key === 'Name');
      const name = nameKey ? stringValue(nameKey.value) : null;
      if (!nameKey || !name) continue;
      const get = (k: string) => keys.find((x) => x.key === k)?.value ?? '';
      out.push(
        declared(path, text, nameKey.at, {
          name,
          aliases: [...get('Aliases').matchAll(/"([\w-]+)"/g)].map((x) => x[1]!),
          kind: m[1] === 'Bool' ? 'flag' : 'option',
          via: 'go-flag-struct',
          help: stringValue(get('Usage')) ?? '',
          type: m[1]!.toLowerCase(),
          default: get('Value'),
        }),
      );
    }
    return out;
  },
};
