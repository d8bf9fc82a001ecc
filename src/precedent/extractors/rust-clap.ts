/**
 * Rust command-line options with clap: the derive form (`#[arg(long, default_value_t = 10)]`, `#[clap]`,
 * `#[structopt]` on a struct field, its `///` doc comment as help; the long name is the field's name in
 * kebab case unless `long = "…"` says otherwise) and the builder form (`Arg::new("name").long("name")
 * .help("…")`). A builder argument's scope is the sub-command it is added under: the innermost
 * `SubCommand::with_name("x")`, `Command::new("x")` or `App::new("x")` inside `.subcommand(…)` whose chain
 * holds it (as a derive field's is its struct).
 *
 * The variants of an enum derived as clap's sub-commands (`#[derive(Subcommand)]`, or `Parser`, `Clap`,
 * `StructOpt` on an enum: a `ValueEnum` is values, not commands) are commands (kind `command`), named in
 * kebab case unless `name = "…"` says otherwise, their scope the command whose variant holds the enum as
 * its `#[clap(subcommand)]` field; a field written inside a variant's braces is that command's option.
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

const ATTR = /#\[(arg|clap|structopt|option)\s*\(/g;
const BUILDER = /\bArg::(?:new|with_name)\s*\(/g;

export const rustClap: Extractor = {
  name: 'rust-clap',
  languages: ['Rust'],
  marks: ['#[arg(', '#[clap(', '#[structopt(', 'Arg::new(', 'Arg::with_name(', '.long(', 'Subcommand'],
  extract(path, text) {
    const out: Declaration[] = [];
    const variants = subcommandVariants(text);
    for (const v of variants)
      out.push(
        declared(path, text, v.at, {
          name: v.name,
          // The variant as the code matches it (`ConfigCommand::Edit`), and the aliases clap gives it.
          aliases: [`${v.enumName}::${v.variant}`, ...v.aliases],
          kind: 'command',
          via: 'clap',
          help: v.help,
          ...(v.parent ? { scope: v.parent } : {}),
        }),
      );
    // A field inside a variant's braces is an option of that variant's command, not of the struct before.
    const scopeOf = (at: number) =>
      variants.find((v) => v.body && v.body[0] < at && at < v.body[1])?.name ?? structOf(text, at);
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
          ...(scopeOf(m.index!) ? { scope: scopeOf(m.index!) } : {}),
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
    let sub = false;
    const i = scanCode(text, m.index! + m[0].length, (c) => {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && --depth < 0) {
        sub = c !== '}';
        return true;
      } else if (c === ';' && depth === 0) return true;
      return false;
    });
    // Inside a call or a list (`.subcommand(…)`, `.subcommands([…])`): a sub-command. The program's own
    // command (a statement, a function's value) names the program, no command the arguments are under.
    if (sub) out.push({ name, from: m.index!, to: i });
  }
  return out;
}

/** One variant of a sub-command enum: its command's name, where it is written and its braces' span. */
interface Variant {
  name: string;
  variant: string;
  enumName: string;
  aliases: string[];
  help: string;
  /** Offset of the variant's identifier. */
  at: number;
  /** The span of its `{ … }` fields, when it has them. */
  body: [number, number] | null;
  /** The command whose `#[clap(subcommand)]` field holds this enum, when a variant in the file holds it. */
  parent?: string;
}

const COMMAND_ENUM =
  /#\[derive\(([^\]]*)\)\]\s*(?:(?:#\[(?:[^[\]]|\[[^\]]*\])*\]|\/\/[^\n]*)\s*)*(?:pub(?:\([^)]*\))?\s+)?enum\s+([A-Z]\w*)[^{;]*\{/g;

/** The offset just past the bracket that closes the one at `open`, strings and line comments skipped. */
function closing(text: string, open: number): number {
  let depth = 0;
  const i = scanCode(text, open, (c) => {
    if ('([{'.includes(c)) depth++;
    return ')]}'.includes(c) && --depth === 0;
  });
  return i < text.length ? i + 1 : text.length;
}

/**
 * Walks Rust code from `from`, skipping string literals and line comments (a bracket in a help text is no
 * bracket), and calls `stop` with every other character: the offset where it said stop, else the text's end.
 */
function scanCode(text: string, from: number, stop: (c: string) => boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/')
      i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (stop(c)) return i;
  }
  return text.length;
}

/**
 * The variants of the file's sub-command enums. Each variant's attributes and `///` lines before it give
 * its name (`name = "…"`), aliases (`alias`, `visible_alias`) and help; an external or skipped variant is
 * no command of its own.
 */
function subcommandVariants(text: string): Variant[] {
  const out: Variant[] = [];
  for (const m of text.matchAll(COMMAND_ENUM)) {
    const derives = m[1]!.split(',').map((x) => x.trim().split('::').pop()!);
    if (!derives.some((d) => /^(?:Subcommand|Parser|Clap|StructOpt)$/.test(d))) continue;
    const open = m.index! + m[0].length - 1;
    const end = closing(text, open) - 1;
    let i = open + 1;
    let attrs = '';
    let doc: string[] = [];
    while (i < end) {
      const rest = text.slice(i, end);
      const ws = /^\s+/.exec(rest);
      if (ws) {
        i += ws[0].length;
        continue;
      }
      if (rest.startsWith('///')) {
        const nl = text.indexOf('\n', i);
        doc.push(text.slice(i + 3, nl < 0 ? end : nl).trim());
        i = nl < 0 ? end : nl;
        continue;
      }
      if (rest.startsWith('//')) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? end : nl;
        continue;
      }
      if (rest.startsWith('#[')) {
        const to = closing(text, i + 1);
        attrs += text.slice(i, to);
        i = to;
        continue;
      }
      const id = /^([A-Z]\w*)\s*/.exec(rest);
      if (!id) {
        i++;
        continue;
      }
      const at = i;
      i += id[0].length;
      let body: [number, number] | null = null;
      if (text[i] === '{' || text[i] === '(') {
        const to = closing(text, i);
        if (text[i] === '{') body = [i, to];
        i = to;
      }
      const comma = text.indexOf(',', i);
      i = comma < 0 || comma > end ? end : comma + 1;
      const said = (key: string) =>
        [...attrs.matchAll(new RegExp(`\\b${key}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*")`, 'g'))]
          .map((x) => stringValue(x[1]!))
          .filter((x): x is string => Boolean(x));
      if (!/\b(?:external_subcommand|skip|flatten)\b/.test(attrs.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
        const variant = id[1]!;
        out.push({
          name: said('name')[0] ?? kebab(variant),
          variant,
          enumName: m[2]!,
          aliases: [...said('visible_alias'), ...said('alias')],
          help: (stringValue(/\babout\s*=\s*("[^"]*")/.exec(attrs)?.[1] ?? '') ?? doc.join(' ')).trim(),
          at,
          body,
        });
      }
      attrs = '';
      doc = [];
    }
  }
  // The command a nested enum belongs to: the variant whose braces hold its `#[clap(subcommand)]` field.
  const HOLDER =
    /#\[(?:clap|command|structopt)\s*\([^)]*\bsubcommand\b[^)]*\)\]\s*(?:(?:#\[[^\]]*\]|\/\/[^\n]*)\s*)*(?:pub(?:\([^)]*\))?\s+)?\w+\s*:\s*(?:Option\s*<\s*)?([A-Z]\w*)/g;
  for (const h of text.matchAll(HOLDER)) {
    const holder = out.find((v) => v.body && v.body[0] < h.index! && h.index! < v.body[1]);
    if (holder) for (const v of out) if (v.enumName === h[1]) v.parent = holder.name;
  }
  return out;
}

/** A Rust variant's name as clap spells its command: `ShowDefault` → `show-default`. */
function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
