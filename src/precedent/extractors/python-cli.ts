/**
 * Python command-line options: argparse and optparse (`add_argument`, `add_option`), pytest's
 * `addoption` (`parser.addoption`, `group.addoption`, `group._addoption`), and click/typer decorators
 * (`@click.option('--name', …)`, `@click.argument`). The long name is the declaration's name; short
 * names and `dest` are aliases.
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const CALL =
  /\b(add_argument|add_option|_?addoption|(?:click|cloup|typer)\.(?:option|argument|Option|Argument)|(?<=@)option|(?<=@)argument|[A-Za-z_]\w*(?=\s*\(\s*(?:[A-Za-z_][\w.]*\s*,\s*)?[rRuU]?["']--[A-Za-z]))\s*\(/g;
/** A project's own wrapper (`add_flag(group, "--log-file", …, help=…)`): a `--name` first or second and a `help=`. */
const KNOWN = /^(add_argument|add_option|_?addoption|(?:click|cloup|typer)\.\w+|option|argument)$/;

export const pythonCli: Extractor = {
  name: 'python-cli',
  languages: ['Python'],
  marks: [
    'add_argument(',
    'add_option(',
    'addoption(',
    '.option(',
    '@option(',
    '.argument(',
    '.Option(',
    '("--',
    "('--",
  ],
  extract(path, text) {
    const out: Declaration[] = [];
    for (const m of text.matchAll(CALL)) {
      const call = callArgs(text, m.index! + m[0].length - 1, { hashComments: true });
      if (!call) continue;
      if (!KNOWN.test(m[1]!) && !call.args.some((a) => a.key === 'help')) continue;
      const via = viaOf(m[1]!);
      const names = call.args
        .filter((a) => !a.key)
        .map((a) => ({ a, s: stringValue(a.value) }))
        .filter(
          (x): x is { a: (typeof call.args)[number]; s: string } =>
            x.s !== null && /^-{0,2}[\w][\w.-]*$/.test(x.s),
        );
      if (!names.length) continue;
      const long =
        names.find((n) => n.s.startsWith('--')) ?? names.find((n) => !n.s.startsWith('-')) ?? names[0]!;
      const kw = (k: string) => call.args.find((a) => a.key === k)?.value ?? '';
      const help = stringValue(kw('help')) ?? '';
      const dest = stringValue(kw('dest'));
      const action = stringValue(kw('action')) ?? '';
      const multiple = /multiple\s*=\s*True/.test(text.slice(m.index!, call.end));
      const isFlag =
        /store_true|store_false|count/.test(action) ||
        /is_flag\s*=\s*True/.test(text.slice(m.index!, call.end));
      out.push(
        declared(path, text, long.a.at, {
          name: long.s,
          aliases: [...names.filter((n) => n !== long).map((n) => n.s), ...(dest ? [dest] : [])],
          kind: !long.s.startsWith('-') ? 'parameter' : isFlag ? 'flag' : 'option',
          via,
          help,
          type:
            multiple || listy(kw('nargs'), action)
              ? `list of ${kw('type') || 'str'}`
              : kw('type') || (isFlag ? 'bool' : ''),
          default: kw('default'),
        }),
      );
    }
    return out;
  },
};

/** `nargs='+'`, `nargs=2`, `action='append'`, `multiple=True`: the option takes several values. */
function listy(nargs: string, action: string): boolean {
  return (Boolean(nargs) && !/^['"]\?['"]$|^None$/.test(nargs)) || /append|extend/.test(action);
}

function viaOf(call: string): string {
  if (!KNOWN.test(call)) return call; // the project's own wrapper, named as written
  if (call.startsWith('typer')) return 'typer';
  if (/addoption/.test(call)) return 'pytest';
  if (call === 'add_option') return 'optparse';
  if (call === 'add_argument') return 'argparse';
  return 'click';
}
