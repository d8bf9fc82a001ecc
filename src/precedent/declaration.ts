/**
 * A declaration found in the project: an option, flag, setting, config value or parameter, where it is
 * registered, with its help text and type as written. Extractors (`extractors/`) find them, one per
 * ecosystem, each naming the strings a file must contain to be worth reading.
 */
import { stringValue } from './call-args.js';
import type { RequestedKind } from './requested.js';
import type { Takes, ValueType } from './values.js';
import { saysMany, typeIsList, typeOfWords, typeOfWritten } from './values.js';

export interface Declaration {
  /** As declared: `--max-items`, `max_items`, `MAX_CONTENT_LENGTH`. */
  name: string;
  /** Other names of the same declaration (`-m`, the `dest`, the Go variable). */
  aliases: string[];
  kind: RequestedKind;
  /** The extractor that found it: `argparse`, `click`, `commander`, `cobra`, `clap`, `signature`, … */
  via: string;
  help: string;
  /** The declared type or the default's shape, as written (`int`, `Optional[str]`, `usize`), or ''. */
  type: string;
  default: string;
  file: string;
  /**
   * Whether it takes a value: none (a boolean flag), one, or many (a list: `nargs`, `multiple`, `append`,
   * a variadic `<x...>`, a `Vec`); absent when the declaration does not say.
   */
  takes?: Takes;
  /** What its value is (a path, a pattern, a number, a choice, a string), from its type, else its help or name. */
  value?: ValueType;
  /**
   * The command, sub-command, parser or option group it is registered on, as the code names it (`run` for
   * `@click.command("run")`, a sub-parser's name, a pytest group's title, a clap struct); absent when the
   * declaration form does not tell.
   */
  scope?: string;
  /**
   * An environment variable's name as the code writes it, without the project's prefix a constant or a
   * reader adds to it (`PAGER` read as `getenv(PREFIX + "PAGER")` or through `shelf_env("PAGER")`).
   */
  bare?: string;
  /** The line where the name is written. */
  line: number;
  /** That line, trimmed. */
  text: string;
}

/** What an extractor may read besides its file: the other files of the same folder (a Go package's constants). */
export interface ExtractContext {
  /** The language the file is read in (the inventory's, or the one its `#!` line names). */
  languageOf(path: string): string | null;
  /** The texts of the other files in the file's folder with the same extension, path first. */
  neighbours(path: string): Array<[string, string]>;
}

export interface Extractor {
  name: string;
  /** Languages (as the inventory names them) the extractor reads. */
  languages: string[];
  /** A file is read only when it contains one of these strings (found with one search over the tree). */
  marks: string[];
  /** The file's declarations, and the project's functions there that read one for their callers (`Reader`). */
  extract(path: string, text: string, context?: ExtractContext): Declaration[] & { readers?: Reader[] };
}

/**
 * A project function that reads a declaration named by its caller (a getenv wrapper that adds the
 * project's prefix): a call of `name` with a literal as argument `arg` declares what `declare` builds at
 * the call; a function that hands one of its parameters on as that argument is a reader too (`through`).
 */
export interface Reader {
  name: string;
  /** The file that defines it. */
  file: string;
  arg: number;
  declare(path: string, text: string, at: number, literal: string): Declaration | null;
  through(name: string, arg: number, file: string): Reader;
}

/** Builds a declaration at an offset of a file's text; the line and its text come from the offset. */
export function declared(
  path: string,
  text: string,
  at: number,
  d: Omit<Declaration, 'file' | 'line' | 'text' | 'aliases' | 'help' | 'type' | 'default'> &
    Partial<Pick<Declaration, 'aliases' | 'help' | 'type' | 'default'>>,
): Declaration {
  const facts = valueFacts(d);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) line++;
  return {
    aliases: [],
    help: '',
    type: '',
    default: '',
    ...d,
    ...facts,
    file: path,
    line,
    text: text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim(),
  };
}

/**
 * The value facts a declaration form did not give, from what it wrote: a boolean type (or a flag) takes
 * none, a list type many; the value's kind from the type, else (for one that takes a value) its help.
 * Never from its name: a name word shared with the request is a tie-break, not evidence. Empty scopes are
 * left out.
 */
export function valueFacts(
  d: Pick<Declaration, 'kind' | 'name'> &
    Partial<Pick<Declaration, 'type' | 'help' | 'takes' | 'value' | 'scope'>>,
): Pick<Declaration, 'takes' | 'value' | 'scope'> {
  // A command takes no value of its own: its help says what it does, not what it is given.
  if (d.kind === 'command') return d.scope ? { scope: d.scope } : {};
  const type = d.type ?? '';
  const written = typeOfWritten(type);
  const given: Takes | undefined =
    d.takes === 'none' || written === 'bool' || d.kind === 'flag'
      ? 'none'
      : typeIsList(type)
        ? 'many'
        : // An extractor that tells a flag from an option (commander, click, clap, cobra) calls an option one
          // that takes a value.
          (d.takes ?? (d.kind === 'option' ? 'one' : undefined));
  // Help that says it takes several ("multiple paths are separated by `:`") makes a value a list.
  const takes = given !== 'none' && saysMany(d.help ?? '') ? 'many' : given;
  const value: ValueType | undefined =
    d.value ??
    (takes === 'none'
      ? 'bool'
      : // A plain string type says less than help that says "a path" or "glob patterns".
        written && written !== 'str'
        ? written
        : (typeOfWords(d.help ?? '') ?? written ?? undefined));
  return {
    ...(takes ? { takes } : {}),
    ...(value ? { value } : {}),
    ...(d.scope ? { scope: d.scope } : {}),
  };
}

/**
 * A string constant's value by its name, for a file's extractor: the constants `pattern` finds (group 1 the
 * name, group 2 the quoted value) in the file, else in the other files of its folder (`neighbours`); each
 * table read once, when first asked, the first definition of a name winning.
 */
export function constantLookup(
  pattern: RegExp,
  path: string,
  text: string,
  context?: ExtractContext,
): (id: string) => string | null {
  let table: Map<string, string> | null = null;
  let wider: Map<string, string> | null = null;
  const fill = (t: string, into: Map<string, string>) => {
    for (const m of t.matchAll(pattern)) {
      const v = stringValue(m[2]!);
      if (v !== null && !into.has(m[1]!)) into.set(m[1]!, v);
    }
    return into;
  };
  return (id) => {
    table ??= fill(text, new Map());
    if (table.has(id)) return table.get(id)!;
    wider ??= (context?.neighbours(path) ?? []).reduce(
      (into, [, t]) => fill(t, into),
      new Map<string, string>(),
    );
    return wider.get(id) ?? null;
  };
}
