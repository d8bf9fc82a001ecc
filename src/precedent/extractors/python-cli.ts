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
      // click's `"--reload/--no-reload"` is a switch with two names.
      const slashed = call.args.some((a) => !a.key && /^--[\w-]+\s*\/\s*-/.test(stringValue(a.value) ?? ''));
      const names = call.args
        .filter((a) => !a.key)
        .flatMap((a) => (stringValue(a.value) ?? '').split(/\s*\/\s*/).map((s) => ({ a, s })))
        .filter(
          (x): x is { a: (typeof call.args)[number]; s: string } =>
            x.s !== '' && /^-{0,2}[\w][\w.-]*$/.test(x.s),
        );
      if (!names.length) continue;
      const long =
        names.find((n) => n.s.startsWith('--')) ?? names.find((n) => !n.s.startsWith('-')) ?? names[0]!;
      const kw = (k: string) => call.args.find((a) => a.key === k)?.value ?? '';
      const help = stringValue(unwrap(kw('help'))) ?? '';
      const dest = stringValue(kw('dest'));
      const action = stringValue(kw('action')) ?? '';
      const multiple = /multiple\s*=\s*True/.test(text.slice(m.index!, call.end));
      const whole = text.slice(m.index!, call.end);
      const isFlag =
        slashed ||
        /store_true|store_false|store_const|count|BooleanOptionalAction|help|version/.test(action) ||
        /is_flag\s*=\s*True|count\s*=\s*True/.test(whole) ||
        // click makes an option with a boolean default and no type a flag.
        (via === 'click' && /^(True|False)$/.test(kw('default')) && !kw('type'));
      const many = multiple || listy(kw('nargs'), action);
      const takes = !long.s.startsWith('-')
        ? 'one'
        : isFlag || /^0$/.test(kw('nargs'))
          ? 'none'
          : many
            ? 'many'
            : KNOWN.test(m[1]!) || kw('type') || kw('nargs')
              ? 'one'
              : undefined;
      const choices = kw('choices') || /click\.Choice|Choice\(/.test(kw('type')) ? 'choice' : undefined;
      const scope =
        (via === 'click' ? commandOf(text, m.index!, call.end) : groupOf(text, m.index!)) || undefined;
      out.push(
        declared(path, text, long.a.at, {
          name: long.s,
          aliases: [...names.filter((n) => n !== long).map((n) => n.s), ...(dest ? [dest] : [])],
          kind: !long.s.startsWith('-') ? 'parameter' : isFlag ? 'flag' : 'option',
          via,
          help,
          type: many ? `list of ${kw('type') || 'str'}` : kw('type') || (isFlag ? 'bool' : ''),
          default: kw('default'),
          ...(takes ? { takes } : {}),
          ...(choices ? { value: choices } : {}),
          ...(scope ? { scope } : {}),
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

/** A value inside parentheses (`("part one " f"part two")`) without them. */
function unwrap(value: string): string {
  const v = value.trim();
  return v.startsWith('(') && v.endsWith(')') ? v.slice(1, -1) : v;
}

/**
 * The command a decorator stack registers (`@click.command("run")`, `@cli.command()`, `@group.group(name=
 * "db")`): its name, else the decorated function's. Read from the stack around the option's decorator, up
 * to the `def` below it.
 */
function commandOf(text: string, at: number, end: number): string {
  const def = /\n[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/g;
  def.lastIndex = end;
  const below = def.exec(text);
  if (!below) return '';
  // The stack starts after the previous blank line or statement that is not a decorator's.
  const before = text.slice(0, at);
  const start = Math.max(
    before.lastIndexOf('\n\n'),
    before.search(/\n[ \t]*(?:async[ \t]+)?def[ \t][^\n]*$/),
  );
  const stack = text.slice(Math.max(0, start), below.index);
  const named = /\.(?:command|group)\s*\(\s*(?:name\s*=\s*)?[rbuRBU]?(["'])([\w:.-]+)\1/.exec(stack)?.[2];
  if (named) return named;
  return /@[\w.]*\b(?:command|group)\s*\(/.test(stack) ? below[1]! : '';
}

/**
 * The parser or group an `add_argument` / `addoption` call is made on: the receiver's last assignment
 * before the call, when it names one (`run = sub.add_parser("run")`, `group = parser.getgroup("output")`,
 * `add_argument_group("Output")`, `OptionGroup(parser, "Output")`); else ''.
 */
function groupOf(text: string, at: number): string {
  const receiver = /([A-Za-z_]\w*)\s*\.\s*$/.exec(text.slice(Math.max(0, at - 80), at))?.[1];
  if (!receiver) return '';
  const assign = new RegExp(`(?:^|\\n)[ \\t]*${receiver}\\s*=\\s*([^\\n]{0,200})`, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = assign.exec(text); m && m.index < at; m = assign.exec(text)) last = m;
  if (!last) return '';
  // A call left open on its line goes on to the next ones (`p = sub.add_parser(` with the name below it).
  const start = last.index + last[0].length - last[1]!.length;
  const open = (last[1]!.match(/\(/g)?.length ?? 0) > (last[1]!.match(/\)/g)?.length ?? 0);
  // Only the call itself: the name is its first argument, on the line below at most.
  const value = open ? /^[^\n]*\n[^\n]*/.exec(text.slice(start))![0] : last[1]!;
  return (
    /(?:add_parser|getgroup|add_argument_group|OptionGroup\s*\(\s*\w+\s*,)\s*\(?\s*[rbuRBU]?(["'])([^"'\n]{1,60})\1/.exec(
      value,
    )?.[2] ?? ''
  );
}
