/**
 * The command a line of code runs under, where a program registers several commands: the dispatch branches
 * around it that test a command's quoted name (`elif args.command == "install":`, `case "install":`,
 * `"install" => {`), found by indentation with comments and Python strings skipped, and the handler function
 * it lies in that a command's registration names (`set_defaults(func=_cmd_install)` beside the command's
 * options, `RunE: runInstall`, `{"install": cmd_install}`). A flag registered on one command is read only
 * in that command's code: the same word read under another command is that command's namesake.
 */

import type { OutlineItem } from '../explore/outline.js';
import { outline } from '../explore/outline.js';
import { esc, innermost } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { proseLines } from './lines.js';

/** A branch's header: an `if`/`elif`/`case`/`when`, or a match arm whose pattern is a quoted name. */
const BRANCH = /^\s*(?:\}\s*)?(?:(?:if|elif|else\s+if|case|when)\b|\|?\s*(['"])[\w:.-]+\1\s*(?:\||=>))/;
const QUOTED = /(['"])([\w:.-]+)\1/g;

/** The commands a line quotes by name. */
export const quotedCommands = (line: string, commands: Set<string>) =>
  [...line.matchAll(QUOTED)].map((m) => m[2]!).filter((n) => commands.has(n));

const indent = (l: string) => l.length - l.trimStart().length;

/**
 * The commands each line of a file runs under: those of the branches around it that test a command's
 * name, and the command whose registration names the function it lies in as its handler. Empty where
 * nothing ties it to a command. `commands` are the names of the commands the program registers;
 * `registered`, the file's declarations on them (their registration functions name the handlers).
 */
export function commandsOf(
  lines: string[],
  language: string | null,
  commands: Set<string>,
  registered: Declaration[],
): (line: number) => string[] {
  const prose = proseLines(lines, language);
  const items = outline(lines.join('\n'), language);
  return (line) => commandsAt(lines, prose, items, line, commands, registered);
}

function commandsAt(
  lines: string[],
  prose: Map<number, unknown>,
  items: OutlineItem[],
  line: number,
  commands: Set<string>,
  registered: Declaration[],
): string[] {
  const named = (l: string) => quotedCommands(l, commands);
  const out: string[] = [];
  let cur = indent(lines[line - 1] ?? '');
  for (let k = line - 1; k >= 1 && cur > 0; k--) {
    const l = lines[k - 1]!;
    if (!l.trim() || prose.has(k) || indent(l) >= cur) continue;
    cur = indent(l);
    if (BRANCH.test(l)) out.push(...named(l));
  }
  // The handler: a function named as a value (not defined, not called) on a line that quotes a command,
  // or in the function that registers a command's declarations.
  const fn = innermost(items, line, { kind: 'function' });
  if (!fn) return out;
  const ref = new RegExp(`(?<![\\w$.])${esc(fn.name)}(?![\\w$]|\\s*\\()`);
  for (const [i, l] of lines.entries()) {
    if (i + 1 === fn.start_line || prose.has(i + 1) || !ref.test(l)) continue;
    const quoted = named(l);
    if (quoted.length) {
      out.push(...quoted);
      continue;
    }
    const at = innermost(items, i + 1, { kind: 'function' });
    if (!at || at === fn) continue;
    for (const d of registered)
      if (d.scope && at.start_line <= d.line && d.line <= at.end_line) out.push(d.scope);
  }
  return [...new Set(out)];
}

/**
 * The commands the test around a line quotes (a test that runs `["install", "--force"]` tests `install`'s
 * `--force`), else the line's own; and the commands a docs section's heading names in code (`` `prog run`
 * examples ``: its last word).
 */
export function testedCommands(
  lines: string[],
  language: string | null,
  commands: Set<string>,
): (line: number) => string[] {
  const items = outline(lines.join('\n'), language);
  return (line) => {
    const fn = innermost(items, line, { kind: 'function' });
    const span = fn ? lines.slice(fn.start_line - 1, fn.end_line) : [lines[line - 1] ?? ''];
    return [...new Set(span.flatMap((l) => quotedCommands(l, commands)))];
  };
}

export const headingCommands = (heading: string, commands: Set<string>) =>
  [...heading.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1]!.trim().split(/\s+/).pop()!)
    .filter((w) => commands.has(w));
