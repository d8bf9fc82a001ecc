/**
 * A declaration found in the project: an option, flag, setting, config value or parameter, where it is
 * registered, with its help text and type as written. Extractors (`extractors/`) find them, one per
 * ecosystem, each naming the strings a file must contain to be worth reading.
 */
import type { RequestedKind } from './requested.js';

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
  extract(path: string, text: string, context?: ExtractContext): Declaration[];
}

/** Builds a declaration at an offset of a file's text; the line and its text come from the offset. */
export function declared(
  path: string,
  text: string,
  at: number,
  d: Omit<Declaration, 'file' | 'line' | 'text' | 'aliases' | 'help' | 'type' | 'default'> &
    Partial<Pick<Declaration, 'aliases' | 'help' | 'type' | 'default'>>,
): Declaration {
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
    file: path,
    line,
    text: text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim(),
  };
}
