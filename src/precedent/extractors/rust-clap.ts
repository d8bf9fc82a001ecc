/**
 * Rust command-line options with clap: the derive form (`#[arg(long, default_value_t = 10)]`, `#[clap]`,
 * `#[structopt]` on a struct field, its `///` doc comment as help; the long name is the field's name in
 * kebab case unless `long = "…"` says otherwise) and the builder form (`Arg::new("name").long("name")
 * .help("…")`). A builder argument's scope is the sub-command it is added under: the innermost
 * `SubCommand::with_name("x")`, `Command::new("x")` or `App::new("x")` inside `.subcommand(…)` whose chain
 * holds it (as a derive field's is its struct).
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const ATTR = /#\[(arg|clap|structopt|option)\s*\(/g;
const BUILDER = /\bArg::(?:new|with_name)\s*\(/g;

export const rustClap: Extractor = {
  name: 'rust-clap',
  languages: ['Rust'],
  marks: ['#[arg(', '#[clap(', '#[structopt(', 'Arg::new(', 'Arg::with_name(', '.long('],
  extract(path, text) {
    const out: Declaration[] = [];
    for (const m of text.matchAll(ATTR)) {
      const call = callArgs(text, m.index! + m[0].length - 1);
      if (!call) continue;
      const attr = text.slice(m.index!, call.end + 1);
      const isLong = /\blong\b/.test(attr);
      const isShort = /\bshort\b/.test(attr);
      if (!isLong && !isShort) continue;
      // The field the attributes sit on: the next `name: Type,` after any further attributes and docs.
      const after = text.slice(call.end + 2, call.end + 2 + 800);
      const field =
        /^(?:\s*(?:#\[(?:[^[\]]|\[[^\]]*\])*\]|\/\/[^\n]*))*\s*(?:pub(?:\([^)]*\))?\s+)?([a-z_][a-z0-9_]*)\s*:\s*([^,\n]+)/.exec(
          after,
        );
      if (!field) continue;
      const explicit = /\blong\s*=\s*("[^"]*")/.exec(attr)?.[1];
      const long = explicit ? stringValue(explicit)! : field[1]!.replace(/_/g, '-');
      // Doc comment lines just above the attributes.
      const before = text
        .slice(Math.max(0, m.index! - 600), m.index!)
        .split('\n')
        .reverse();
      const doc: string[] = [];
      for (const l of before.slice(1)) {
        const d = /^\s*\/\/\/\s?(.*)$/.exec(l);
        if (d) doc.unshift(d[1]!);
        else if (!/^\s*#\[/.test(l)) break;
      }
      const type = field[2]!.trim();
      const flag =
        /^bool$/.test(type) || /ArgAction::(?:SetTrue|SetFalse|Count)|\bparse\(from_occurrences\)/.test(attr);
      // A long name written out and unlike the field's (`long = "file-transformation"` on
      // `file_regex_replacement`) is cited where it is written: the field's line does not spell it.
      const nameAt =
        explicit && long.replace(/-/g, '_') !== field[1]
          ? m.index! + attr.indexOf(explicit)
          : call.end + 2 + after.indexOf(field[1]!, field.index);
      out.push(
        declared(path, text, nameAt, {
          name: isLong ? `--${long}` : field[1]!,
          aliases: [field[1]!],
          kind: flag ? 'flag' : 'option',
          via: 'clap',
          takes: flag ? 'none' : /\bVec</.test(type) ? 'many' : 'one',
          ...(/\bvalue_enum\b|\bpossible_values\b|arg_enum/.test(attr) ? { value: 'choice' as const } : {}),
          ...(structOf(text, m.index!) ? { scope: structOf(text, m.index!) } : {}),
          help: (stringValue(/\bhelp\s*=\s*("[^"]*")/.exec(attr)?.[1] ?? '') ?? doc.join(' ')).trim(),
          type,
          default: /\bdefault_value(?:_t)?\s*=\s*([^,)]+)/.exec(attr)?.[1]?.trim() ?? '',
        }),
      );
    }
    const commands = commandChains(text);
    const scopeAt = (at: number) => {
      const c = commands.filter((x) => x.from < at && at < x.to).sort((a, b) => b.from - a.from)[0];
      return c ? { scope: c.name } : {};
    };
    for (const m of text.matchAll(BUILDER)) {
      const call = callArgs(text, m.index! + m[0].length - 1);
      const id = call?.args[0] ? stringValue(call.args[0].value) : null;
      if (!call || !id) continue;
      const chain = text.slice(call.end + 1, call.end + 1 + 1200).split(/\bArg::(?:new|with_name)\b/)[0]!;
      const str = (method: string) => {
        const x = new RegExp(`\\.${method}\\s*\\(\\s*("(?:[^"\\\\]|\\\\.)*")`).exec(chain);
        return x ? stringValue(x[1]!) : null;
      };
      const long = str('long');
      const takes = builderTakes(chain, text);
      // An id unlike the long name (`Arg::new("notif")…long("notify")`) is cited at the long name: the
      // line that spells the option.
      const longAt = /\.long\s*\(\s*"/.exec(chain);
      const at =
        long && long !== id && longAt ? call.end + 1 + longAt.index + longAt[0].length - 1 : call.args[0]!.at;
      out.push(
        declared(path, text, at, {
          name: long ? `--${long}` : id,
          aliases: long && long !== id ? [id] : [],
          kind: takes === 'none' ? 'flag' : long || str('short') ? 'option' : 'parameter',
          takes,
          ...(/possible_values?\s*\(|PossibleValue|value_parser\s*\(\s*\[/.test(chain)
            ? { value: 'choice' as const }
            : {}),
          via: 'clap',
          ...scopeAt(m.index!),
          help: str('help') ?? str('about') ?? str('long_help') ?? '',
          type: /value_parser!\(([^)]*)\)/.exec(chain)?.[1] ?? '',
          default: str('default_value') ?? '',
        }),
      );
    }
    // Any other builder chain, whatever builds the `Arg` (a project's own `arg("name")` helper): `.long("name")`.
    const seen = new Set(out.map((d) => d.name));
    for (const m of text.matchAll(/\.long\s*\(\s*("(?:[^"\\]|\\.)*")\s*\)/g)) {
      const long = stringValue(m[1]!);
      if (!long || seen.has(`--${long}`)) continue;
      seen.add(`--${long}`);
      const chain = text.slice(m.index!, m.index! + 600).split(/\)\s*[,;]\s*\n/)[0]!;
      const takes = builderTakes(chain, text);
      out.push(
        declared(path, text, m.index! + m[0].indexOf('"'), {
          name: `--${long}`,
          kind: takes === 'none' ? 'flag' : 'option',
          takes,
          via: 'clap',
          ...scopeAt(m.index!),
          help: stringValue(/\.help\s*\(\s*("(?:[^"\\]|\\.)*")/.exec(chain)?.[1] ?? '') ?? '',
        }),
      );
    }
    return out;
  },
};

/**
 * Whether a builder chain's argument takes a value. Said outright: `takes_value(true)`, `value_name`,
 * `possible_values`, `value_parser`, `num_args`, `default_value`, `.index(n)` (a value, many with
 * `multiple`/`num_args(1..)`/`ArgAction::Append`); `takes_value(false)` or `ArgAction::SetTrue/Count` (none).
 * Otherwise clap's default: before clap 4 an argument is a flag, from clap 4 (a file that writes
 * `ArgAction`) it takes one value.
 */
function builderTakes(chain: string, file: string): 'none' | 'one' | 'many' {
  if (/takes_value\s*\(\s*false|ArgAction::(?:SetTrue|SetFalse|Count|Help|Version)/.test(chain))
    return 'none';
  const many =
    /\.multiple(?:_values|_occurrences)?\s*\(\s*true|ArgAction::Append|num_args\s*\(\s*\d*\.\.|min_values|use_(?:value_)?delimiter\s*\(\s*true|value_delimiter/.test(
      chain,
    );
  const value =
    /takes_value\s*\(\s*true|value_name|possible_values?|value_parser|num_args|number_of_values|default_value|\.index\s*\(|ArgAction::Set\b|require_equals|min_values/.test(
      chain,
    );
  if (many && (value || /ArgAction::Append|num_args/.test(chain))) return 'many';
  if (value) return 'one';
  return /\bArgAction\b/.test(file) ? 'one' : 'none';
}

/** The struct a derive field belongs to (`struct Cli {`, `struct RunArgs {`): the last one opened before it. */
function structOf(text: string, at: number): string {
  let name = '';
  const re = /\bstruct\s+([A-Z]\w*)/g;
  for (let m = re.exec(text); m && m.index < at; m = re.exec(text)) name = m[1]!;
  return name;
}

const COMMAND = /\b(?:SubCommand::with_name|Command::new|App::new)\s*\(\s*("(?:[^"\\]|\\.)*")\s*\)/g;

/**
 * The builder sub-commands named by a string and the span of the chain each heads: from the constructor to
 * the bracket that encloses it (a `;` at its own depth, or a block's end, ends the program's command).
 * Strings and line comments are skipped, so a bracket in a help text is no bracket.
 */
function commandChains(text: string): Array<{ name: string; from: number; to: number }> {
  const out: Array<{ name: string; from: number; to: number }> = [];
  for (const m of text.matchAll(COMMAND)) {
    const name = stringValue(m[1]!);
    if (!name) continue;
    let depth = 0;
    let i = m.index! + m[0].length;
    let sub = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      } else if (c === '/' && text[i + 1] === '/')
        i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && --depth < 0) {
        sub = c !== '}';
        break;
      } else if (c === ';' && depth === 0) break;
    }
    // Inside a call or a list (`.subcommand(…)`, `.subcommands([…])`): a sub-command. The program's own
    // command (a statement, a function's value) names the program, no command the arguments are under.
    if (sub) out.push({ name, from: m.index!, to: i });
  }
  return out;
}
