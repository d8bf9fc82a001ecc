/**
 * Go flags: the standard library (`flag.String("name", def, "usage")`, `fs.IntVar(&v, "name", …)`), pflag
 * and cobra (`cmd.Flags().StringVarP(&o.name, "name", "n", def, "usage")`, `PersistentFlags()`), and urfave
 * style flag structs (`&cli.StringFlag{Name: "name", Usage: "…"}`). A name, short name or usage given as a
 * constant (`Flags().BoolVar(&v, noColorFlag, false, noColorUsage)`) is read from the constant's string,
 * declared in the file or in another file of the same package (folder).
 * urfave's commands (`cli.Command{Name: "x", Usage: "…"}`, `&cli.Command{…}`, the elements of a
 * `[]cli.Command{{…}}` or `[]*cli.Command{…}` list) are commands: a `Name:` and an `Action:`, `Usage:`,
 * `Flags:` or `Subcommands:` beside it (cobra's commands have a `Use:`, no `Name:`).
 */
import { callArgs, objectKeys, stringValue } from '../call-args.js';
import type { Declaration, ExtractContext, Extractor } from '../declaration.js';
import { constantLookup, declared } from '../declaration.js';

const CALL =
  /\.(Bool|String|Int|Int64|Int32|Uint|Uint64|Float64|Float32|Duration|StringSlice|StringArray|IntSlice|StringToString|Count|Var)(Var)?(P)?\s*\(/g;
const STRUCT =
  /&?\w+\.(Bool|String|Int|Int64|Uint|Float64|Duration|StringSlice|Path|Generic|Timestamp)Flag\s*\{/g;

export const goFlags: Extractor = {
  name: 'go-flags',
  languages: ['Go'],
  marks: ['Flags()', 'flag.', 'Flag{', 'Command{'],
  extract(path, text, context) {
    const out: Declaration[] = [];
    const str = constants(path, text, context);
    for (const m of text.matchAll(CALL)) {
      const call = callArgs(text, m.index! + m[0].length - 1);
      if (!call) continue;
      const args = call.args;
      const withVar = Boolean(m[2]) || m[1] === 'Var';
      const nameArg = args[withVar ? 1 : 0];
      const name = nameArg ? str(nameArg.value) : null;
      if (!nameArg || !name || !/^[\w-]+$/.test(name)) continue;
      const shortArg = m[3] ? args[withVar ? 2 : 1] : undefined;
      const short = shortArg ? str(shortArg.value) : null;
      const rest = args.slice((withVar ? 2 : 1) + (m[3] ? 1 : 0));
      const usage = str(rest[rest.length - 1]?.value ?? '') ?? '';
      const type = m[1] === 'Var' ? '' : m[1]!.toLowerCase();
      const receiver = /(\w+)\s*\.\s*(?:Persistent)?Flags\(\)\s*$/.exec(
        text.slice(Math.max(0, m.index! - 80), m.index!),
      )?.[1];
      out.push(
        declared(path, text, nameArg.at, {
          name,
          aliases: [...(short ? [short] : []), ...(withVar ? [args[0]!.value.replace(/^&/, '')] : [])],
          kind: type === 'bool' ? 'flag' : 'option',
          ...(type
            ? { takes: /bool|count/.test(type) ? 'none' : /slice|array|tostring/.test(type) ? 'many' : 'one' }
            : {}),
          ...(receiver ? { scope: receiver } : {}),
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
      const name = nameKey ? str(nameKey.value) : null;
      if (!nameKey || !name) continue;
      const get = (k: string) => keys.find((x) => x.key === k)?.value ?? '';
      out.push(
        declared(path, text, nameKey.at, {
          name,
          aliases: [...get('Aliases').matchAll(/"([\w-]+)"/g)].map((x) => x[1]!),
          kind: m[1] === 'Bool' ? 'flag' : 'option',
          takes: m[1] === 'Bool' ? 'none' : /Slice/.test(m[1]!) ? 'many' : 'one',
          via: 'go-flag-struct',
          help: str(get('Usage')) ?? '',
          type: m[1]!.toLowerCase(),
          default: get('Value'),
        }),
      );
    }
    for (const m of text.matchAll(COMMAND)) {
      const open = m.index! + m[0].length - 1;
      // A list's elements written `{…}` are commands too; an element spelled `&cli.Command{…}` is matched
      // on its own.
      const objects = m[1]
        ? (callArgs(text, open)?.args ?? []).filter((a) => a.value.startsWith('{')).map((a) => a.at)
        : [open];
      for (const at of objects) {
        const keys = objectKeys(text, at);
        const nameKey = keys.find((k) => k.key === 'Name');
        const name = nameKey ? str(nameKey.value) : null;
        if (!nameKey || !name || !/^[\w-]+$/.test(name)) continue;
        if (!keys.some((k) => /^(?:Action|Usage|Flags|Subcommands|Commands)$/.test(k.key!))) continue;
        const get = (k: string) => keys.find((x) => x.key === k)?.value ?? '';
        out.push(
          declared(path, text, nameKey.at, {
            name,
            aliases: [...get('Aliases').matchAll(/"([\w-]+)"/g)].map((x) => x[1]!),
            kind: 'command',
            via: 'go-cli-command',
            help: str(get('Usage')) ?? '',
          }),
        );
      }
    }
    return out;
  },
};

/** urfave's `cli.Command{` (one command) or `[]cli.Command{` / `[]*cli.Command{` (a list of them). */
const COMMAND = /(\[\]\s*\*?\s*)?\b\w+\.Command\s*\{/g;

const CONSTANT =
  /(?:^|\n)[ \t]*(?:const[ \t]+|var[ \t]+)?([A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|`[^`]*`)/g;

/**
 * A function that reads a Go expression as a string: a literal, or the name of a string constant (or
 * package-level variable) of this file or, failing that, of another file of the same package.
 */
function constants(path: string, text: string, context?: ExtractContext): (expr: string) => string | null {
  const constant = constantLookup(CONSTANT, path, text, context);
  return (expr) => {
    const literal = stringValue(expr);
    if (literal !== null) return literal;
    const id = expr.trim();
    return /^[A-Za-z_]\w*$/.test(id) ? constant(id) : null;
  };
}
