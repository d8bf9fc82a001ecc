/**
 * The checks around the place a value takes effect (`effect.ts`): part of that place, as a maintainer reads
 * it. Read by indentation (formatted code in every language the core reads), with strings blanked, in one
 * function's lines; no parser.
 *
 * - `guardOf`: what decides whether an effect call runs — an early exit right before it in the same block
 *   (`if in_path: return`, `if (x) { …; return }`), else the `if`/`elif` whose block holds it
 *   (`if force or not in_current_path:` above `userpath.append(…)`), or the `if` on its own line.
 * - `refusalOf`: a check in a command's function that refuses what the request asks today (`if (…) {
 *   console.error('cannot … in place'); return }`, `raise`, `throw`): its message says a run of two of the
 *   request's words, one of them not a word of the command's name. The change must let it pass.
 */
import { STOP, stem } from '../explore/tokenize.js';
import { maskStrings } from './code-shape.js';
import { wordsOf } from './words.js';

export interface Guard {
  /** 1-based line of the check's header. */
  line: number;
  /** The header, trimmed and cut to 80 characters. */
  text: string;
  /** An early exit before the call (true), or the condition the call is made under (false). */
  exits: boolean;
}

const IF = /^\s*(?:\}\s*)?(?:else\s+)?(?:el)?if\b/;
const EXIT =
  /(?<![\w$.])(?:return|throw|raise|continue)\b|(?<![\w$])(?:sys\.)?exit\s*\(|process\.exit\b|\bexitCode\s*=|\bpanic!?\s*\(|\bbail!\s*\(/;
/** A block that refuses: it raises, throws, exits with an error, or returns an error. */
const REFUSE =
  /(?<![\w$.])(?:throw|raise)\b|(?<![\w$])(?:sys\.)?exit\s*\(\s*[^0)\s]|process\.exit\s*\(\s*[^0)\s]|\bexitCode\s*=\s*[1-9]|\bpanic!?\s*\(|\bbail!\s*\(|\berrors\.New\s*\(|\bfmt\.Errorf\s*\(|\bErr\s*\(|\b(?:Usage|Bad\w*|Click)?(?:Error|Exception)\s*\(/;
const COMMENT = /^\s*(?:#|\/\/|\/\*|\*)/;

const indentOf = (l: string) => (l.match(/^\s*/)?.[0] ?? '').replace(/\t/g, '    ').length;
const blank = (l: string) => !l.trim() || COMMENT.test(l);
const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/** The lines of the block a header at `at` (0-based) opens: the deeper lines after it, six at most. */
function blockOf(lines: string[], at: number, end: number): string[] {
  const own = indentOf(lines[at]!);
  const block: string[] = [];
  for (let k = at + 1; k < end && block.length < 6; k++) {
    const l = lines[k]!;
    if (blank(l)) continue;
    if (indentOf(l) <= own) break;
    block.push(l);
  }
  return block;
}

/**
 * The check that decides whether the call at `line` (1-based) runs, within the function whose header is
 * at `start` (1-based): an early exit right before it at its own depth (eight statements up at most), else
 * the `if` around it; null when neither (an `else`, a loop, the function's own header).
 */
export function guardOf(lines: string[], start: number, line: number): Guard | null {
  const at = line - 1;
  const call = lines[at];
  if (call === undefined) return null;
  const masked = (k: number) => maskStrings(lines[k]!);
  const own = indentOf(call);
  let statements = 0;
  for (let k = at - 1; k >= start && statements < 8; k--) {
    const l = lines[k]!;
    if (blank(l)) continue;
    const depth = indentOf(l);
    if (depth > own) continue;
    if (depth < own) break;
    statements++;
    if (!IF.test(l)) continue;
    const block = blockOf(lines, k, at);
    const exits = EXIT.test(masked(k).replace(IF, '')) || block.some((b) => EXIT.test(maskStrings(b)));
    if (exits) return { line: k + 1, text: cut(l.trim()), exits: true };
  }
  // The `if` on the call's own line (`if (x) registry.include(y)`), else the nearest shallower line.
  if (IF.test(call)) return { line, text: cut(call.trim()), exits: false };
  for (let k = at - 1; k >= start; k--) {
    const l = lines[k]!;
    if (blank(l) || indentOf(l) >= own) continue;
    return IF.test(l) && !/^\s*(?:\}\s*)?else\s*[:{]/.test(l)
      ? { line: k + 1, text: cut(l.trim()), exits: false }
      : null;
  }
  return null;
}

export interface Refusal extends Guard {
  /** The refusal's message, as the code writes it. */
  message: string;
}

/** The string literals of some lines, in order. */
function literals(lines: string[]): string[] {
  return lines.flatMap((l) => [...l.matchAll(/(["'`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!));
}

/**
 * A check in the function spanning `start`..`end` (1-based, header first) that refuses what the request's
 * words (`says`) ask: an `if` whose block (or line) refuses and whose message says a run of two words of
 * `says` — a content word among them that is no word of `own` (the command's name, which every message of
 * the command says). The first such check, or null.
 */
export function refusalOf(
  lines: string[],
  start: number,
  end: number,
  says: string,
  own: string[],
): Refusal | null {
  const said = wordsOf(says);
  const mine = new Set(own.map(stem));
  const runs = new Set<string>();
  for (let k = 0; k + 1 < said.length; k++) {
    const pair = [said[k]!, said[k + 1]!];
    const content = pair.filter((w) => !STOP.has(w));
    if (content.length && content.some((w) => !mine.has(stem(w)))) runs.add(pair.map(stem).join(' '));
  }
  if (!runs.size) return null;
  const last = Math.min(end, lines.length);
  for (let k = start; k < last; k++) {
    const l = lines[k]!;
    if (!IF.test(l)) continue;
    const block = [l, ...blockOf(lines, k, last)];
    if (!block.some((b) => REFUSE.test(maskStrings(b)))) continue;
    for (const message of literals(block)) {
      const words = wordsOf(message).map(stem);
      if (words.some((w, i) => i + 1 < words.length && runs.has(`${w} ${words[i + 1]}`)))
        return { line: k + 1, text: cut(l.trim()), exits: true, message: cut(message) };
    }
  }
  return null;
}
