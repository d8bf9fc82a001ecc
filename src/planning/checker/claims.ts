import type { CheckContext } from './context.js';
import { insteadOf, named, type Span, spansOf } from './edit-points.js';

/**
 * Claims a plan makes that the code can settle: a change called new when the precedent analysis found it
 * met or partly met, and a function named in a file that does not define it.
 */

// Verbs and adjectives that call a thing new; "Implementation plan" and "a new file" are not about the thing.
export const NEW = /\b(new|adds?|adding|introduc\w*|creat(?:e|es|ed|ing)|implement(?:s|ed|ing)?)\b/i;
/** A clause's words before a name: "add a new `x`" claims it; "`x` …, and no new file" does not. */
export const beforeName = (text: string, at: number) =>
  (
    prose(text.slice(0, at))
      .split(/[.;:!?\n]/)
      .pop() ?? ''
  )
    .split(/\s+/)
    .slice(-6)
    .join(' ');
/**
 * The prose of a text that ends at a name: code spans closed before it are left out, and so is the code
 * span the name itself is in (`Arg::new("set_x")` calls nothing new).
 */
const prose = (before: string) => {
  const closed = before.replace(/`[^`\n]*`/g, ' ');
  const open = closed.lastIndexOf('`');
  return open >= 0 && !/`\s*$/.test(closed) ? closed.slice(0, open) : closed;
};
const NOT_THERE =
  /\b(does ?n[o']t (yet )?(exist|support|have)|not (yet )?(supported|available|possible)|from scratch|brand[- ]new|no (existing|current) (way|support|option))\b/i;

/** What is added is about the thing, not the thing: "add the cases for `x`", "a docs entry naming `x`". */
const ABOUT_IT =
  /\b(cases?|tests?|docs?|documentation|entr(y|ies)|notes?|examples?|completions?|aliases?)\s+(for|of|about|naming|on)\s+[`'"]?$/i;
/**
 * The name is added to a page, a test, a note, a completion script, or a schema or type stub that describes
 * what the code declares ("add `x` to `docs/index.md`", "… to `schema-taskrc.json`"): described, not made.
 */
const intoDocs = (after: string) => {
  const path = /^[\w-]*[`'"]?\s+(?:to|in|into)\s+(?:the\s+)?`?([\w./-]+)/i.exec(after)?.[1] ?? '';
  return (
    /\.(md|rst|txt|adoc|[1-9])(\.in)?$/i.test(path) ||
    /(^|\/)(tests?|testing|spec|docs?|man|changelog\.d|changes|news)\//i.test(path) ||
    /complet|\.(bash|zsh|fish|ps1)(\.in)?$/i.test(path) ||
    /(^|[/._-])schema[\w.-]*\.(json|ya?ml)$|\.(pyi|d\.ts)$/i.test(path)
  );
};

/**
 * The name at `i` is part of a file name (`changelog/+add-x.feature.rst`): in a code span, or bare (a heading
 * read as plain text keeps the path but not its code marks).
 */
const inPath = (text: string, i: number) => {
  const open = text.lastIndexOf('`', i - 1);
  const close = text.indexOf('`', i);
  const inSpan = open >= 0 && close >= 0 && (text.slice(0, open).split('`').length - 1) % 2 === 0;
  // Bare: the run of characters around the name up to a space, a quote or a bracket, less a closing stop.
  const bare = () =>
    text
      .slice(text.slice(0, i).search(/[^\s("'[]*$/), i + text.slice(i).search(/[\s)"'\]]|$/))
      .replace(/[.,;:!?]+$/, '');
  const word = inSpan ? text.slice(open + 1, close) : bare();
  return /^[\w.+-]*\/[\w./+-]*\.\w+$/.test(word);
};

/**
 * Someone else's sentence a plan quotes ("fix #365: new option `--x`", a commit's subject as history cites it)
 * is blanked, its offsets kept: its words are not the plan's claims. A quoted name (`"--x"`) is no sentence.
 */
export const unquoted = (text: string) =>
  text.replace(/"([^"\n]{3,200})"|“([^”\n]{3,200})”/g, (m, a, b) =>
    ((a ?? b) as string).trim().split(/\s+/).length >= 3 ? ' '.repeat(m.length) : m,
  );

/** Why a text claims as new what the precedent analysis found already there; null otherwise. */
export function claimNewProblem(ctx: CheckContext, said: string): string | null {
  const text = unquoted(said);
  const p = ctx.precedent;
  if (!p?.requested || (p.verdict !== 'met' && p.verdict !== 'partly-met')) return null;
  const spellings = [p.requested.name, ...p.requested.spellings].filter((s) => s.length > 1);
  const lower = text.toLowerCase();
  // Where a spelling stands as a whole name: not inside a longer one (`test_limit`, `--limit-rows`).
  const whole = (s: string) =>
    [...lower.matchAll(new RegExp(s.toLowerCase().replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'), 'g'))]
      .map((m) => m.index!)
      .filter((i) => !/[\w-]/.test(lower[i - 1] ?? ' ') && !/[\w-]/.test(lower[i + s.length] ?? ' '));
  const at = spellings.flatMap(whole);
  if (!at.length) return null;
  const callsNew = at.some((i) => {
    const before = beforeName(text, i);
    return (
      NEW.test(before) &&
      !/\b(no|not|nothing)\b[^,]*$/i.test(before) &&
      !ABOUT_IT.test(before) &&
      !intoDocs(text.slice(i)) &&
      !inPath(text, i)
    );
  });
  const claims = p.verdict === 'met' ? callsNew || NOT_THERE.test(text) : NOT_THERE.test(text);
  if (!claims) return null;
  const ev = p.evidence[0];
  const where = ev ? ` (${ev.file}:${ev.line}${ev.text ? `: ${ev.text.trim().slice(0, 60)}` : ''})` : '';
  return p.verdict === 'met'
    ? `calls ${p.requested.name} new, but the code already has it${where}; plan to reuse, fix or document what exists`
    : `says ${p.requested.name} is not there, but part of it is${where}; plan only what is missing${p.missing ? `: ${p.missing}` : ''}`;
}

const SYM = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const FILE = String.raw`[\w./-]+\.(?:py|pyi|ts|tsx|js|jsx|mjs|cjs|go|rb|rs|java|kt|php|cs|c|h|cc|cpp|hpp|swift)`;

/**
 * The forms in which a text places a symbol in a file: "`fn` in `file`" (from, of, inside), "`file`:
 * `fn`", "`fn()` (file:line)", "`fn` at `file:line`", and `Class.method` in any of them.
 */
const FORMS: Array<{ re: RegExp; sym: number; file: number; line?: number }> = [
  {
    re: new RegExp(
      String.raw`\x60(${SYM})(?:\([^)\x60]*\))?\x60\s+(?:in|from|of|inside)\s+(?:the\s+(?:file|module)\s+)?\x60(${FILE})\x60`,
      'g',
    ),
    sym: 1,
    file: 2,
  },
  {
    re: new RegExp(String.raw`\x60(${FILE})\x60\s*:\s*\x60(${SYM})(?:\([^)\x60]*\))?\x60`, 'g'),
    sym: 2,
    file: 1,
  },
  {
    re: new RegExp(
      String.raw`\x60(${SYM})(?:\([^)\x60]*\))?\x60\s*(?:\(\s*\x60?|at\s+\x60)(${FILE}):(\d+)(?:[-–]\d+)?\x60?`,
      'g',
    ),
    sym: 1,
    file: 2,
    line: 3,
  },
];

const reEscape = (s: string) => s.replace(/[$.]/g, (c) => `\\${c}`);

/**
 * Whether a file has a symbol: its outline, else a declaration, an assignment (a struct's `pub` field, a
 * `self.x =` or `this.x =` attribute) or an import of the name, or the name as a quoted key (a setting registered by name: `add_config_value('x', …)`, `Arg::new("x")`).
 */
function defines(code: string, spans: Span[], symbol: string): Span[] | boolean {
  const hits = named(spans, symbol);
  if (hits.length) return hits;
  const parts = symbol.split('.');
  const name = parts[parts.length - 1]!;
  // `Class.method` where the file has that class: the method must be one of its own.
  if (parts.length > 1 && spans.some((s) => s.qualified === parts.slice(0, -1).join('.'))) return false;
  const n = reEscape(name);
  return new RegExp(
    String.raw`(^|\n)\s*(export\s+)?(default\s+)?(async\s+)?(const|let|var|def|class|function\*?|type|interface|enum|func|fn|pub\s+fn|struct)\s+${n}\b|(^|\n)\s*(pub(\([^)\n]*\))?\s+)?${n}\s*[:=]|\b(self|this)\.${n}\s*=(?!=)|\bimport\b[^\n]*\b${n}\b|\b${n}\s*=\s*require\(|(?<q>['"])${n}\k<q>`,
  ).test(code);
}

/**
 * Symbols a text places in a file that the file does not define (or not at the line it gives); each
 * message says what the file has instead (its closest symbols).
 */
export function claimSymbolProblems(ctx: CheckContext, text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const form of FORMS)
    for (const m of text.matchAll(form.re)) {
      const symbol = m[form.sym]!;
      const path = m[form.file]!.replace(/^\.\//, '');
      const line = form.line ? Number(m[form.line]) : undefined;
      const key = `${symbol}@${path}:${line ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const code = ctx.read(path);
      if (code === null) continue; // a file to create, or one reported missing elsewhere
      const spans = spansOf(path, code);
      if (!spans.length) continue;
      const has = defines(code, spans, symbol);
      // The cited line has the name: a field, an attribute or a use placed at its line is where it says.
      const at = line === undefined ? '' : (code.split('\n')[line - 1] ?? '');
      if (!has && line !== undefined && new RegExp(`\\b${reEscape(symbol.split('.').pop()!)}\\b`).test(at))
        continue;
      if (!has) {
        out.push(`names \`${symbol}\` in ${path}, which does not define it${insteadOf(spans, symbol)}`);
        continue;
      }
      if (line === undefined || has === true) continue;
      // The line lies in its span, or is a line that uses it (a call site cited with its line).
      const name = symbol.split('.').pop()!;
      const cited = code.split('\n')[line - 1] ?? '';
      if (
        !has.some((s) => s.start <= line && line <= s.end) &&
        !new RegExp(`\\b${reEscape(name)}\\b`).test(cited)
      )
        out.push(
          `names \`${symbol}\` at ${path}:${line}, but it is at ${has.map((s) => `${s.start}–${s.end}`).join(', ')} (${path}:${has[0]!.start})`,
        );
    }
  return out;
}
