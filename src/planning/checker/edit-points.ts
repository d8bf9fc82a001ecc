import { EDIT_POINT_RULE } from '../../domain/plan.js';
import { languageOf } from '../../explore/languages.js';
import { outline } from '../../explore/outline.js';

/**
 * Edit points checked by the code's structure: the symbol is an identifier the file's outline has (a
 * function, method or class, `Class.method`, a markdown heading, a config table) and the lines lie inside
 * its span, decorators and annotations included. Every refusal says what would pass.
 */
export interface Span {
  name: string;
  qualified: string;
  start: number;
  end: number;
  kind: 'code' | 'heading' | 'table';
}

const IDENT = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** Decorators and annotations above a declaration: the line its span really starts on. */
function withDecorators(lines: string[], start: number): number {
  let s = start;
  const indent = /^\s*/.exec(lines[start - 1] ?? '')![0];
  for (let k = start - 1; k >= 1; k--) {
    const l = lines[k - 1]!;
    if (!l.trim()) break;
    const ind = /^\s*/.exec(l)![0];
    if (ind === indent && l.trimStart().startsWith('@')) s = k;
    else if (ind.length > indent.length || (ind === indent && /^[)\]}]/.test(l.trim()))) continue;
    else break;
  }
  return s;
}

function markdownSpans(lines: string[]): Span[] {
  const heads: Array<{ level: number; line: number; name: string }> = [];
  let fence: string | null = null;
  lines.forEach((l, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(l);
    if (f) fence = fence === null ? f[1]! : l.trim().startsWith(fence) ? null : fence;
    if (fence !== null) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) heads.push({ level: h[1]!.length, line: i + 1, name: h[2]! });
    else if (
      i > 0 &&
      /^(=+|-+|~+|\^+)\s*$/.test(l) &&
      lines[i - 1]!.trim() &&
      l.trim().length >= lines[i - 1]!.trim().length
    )
      heads.push({ level: '=-~^'.indexOf(l.trim()[0]!) + 1, line: i, name: lines[i - 1]!.trim() });
  });
  return heads.map((h, k) => {
    const next = heads.slice(k + 1).find((x) => x.level <= h.level);
    let end = next ? next.line - 1 : lines.length;
    while (end > h.line && !lines[end - 1]!.trim()) end--;
    return { name: h.name, qualified: h.name, start: h.line, end, kind: 'heading' as const };
  });
}

function tableSpans(lines: string[], yaml: boolean): Span[] {
  const heads: Array<{ line: number; name: string }> = [];
  lines.forEach((l, i) => {
    const t = yaml ? /^([A-Za-z_][\w.-]*)\s*:/.exec(l) : /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(l);
    if (t) heads.push({ line: i + 1, name: t[1]!.trim() });
  });
  return heads.map((h, k) => {
    let end = heads[k + 1] ? heads[k + 1]!.line - 1 : lines.length;
    while (end > h.line && !lines[end - 1]!.trim()) end--;
    return { name: h.name, qualified: h.name, start: h.line, end, kind: 'table' as const };
  });
}

/** The spans an edit point may name in a file: outline items (with decorators), headings, or tables. */
export function spansOf(path: string, text: string): Span[] {
  const lines = text.split('\n');
  if (/\.(md|markdown|mdx|rst)$/i.test(path)) return markdownSpans(lines);
  if (/\.(toml|ini|cfg)$/i.test(path)) return tableSpans(lines, false);
  if (/\.ya?ml$/i.test(path)) return tableSpans(lines, true);
  return outline(text, languageOf(path)).map((o) => ({
    name: o.name,
    qualified: o.qualified,
    start: withDecorators(lines, o.start_line),
    end: o.end_line,
    kind: 'code' as const,
  }));
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[`*_[\]]/g, '')
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();

export function named(spans: Span[], symbol: string): Span[] {
  const s = symbol.replace(/::|#/g, '.').replace(/\(\)$/, '');
  return spans.filter((x) => {
    if (x.kind === 'heading')
      return norm(x.name) === norm(s) || norm(x.name).replace(/ /g, '-') === s.toLowerCase();
    if (x.kind === 'table') return x.name === s.replace(/^\[|\]$/g, '');
    return (
      x.qualified === s ||
      x.name === s ||
      x.qualified.endsWith(`.${s}`) ||
      (s.includes('.') && s.endsWith(`.${x.name}`) && s.endsWith(x.qualified))
    );
  });
}

const at = (x: Span) => `\`${x.qualified}\` at ${x.start}–${x.end}`;

/** The words of a name: `parse_limit`, `parseLimit` and `Parser.limit` all give parse/parser, limit. */
const words = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The symbols of a file closest to a name it does not have, best first (at most `n`): by shared words
 * (`parse_limit` ~ `limit_parser`) and by spelling (`tally_al` ~ `tally_all`). Empty when nothing is close.
 */
export function closest(spans: Span[], symbol: string, n = 2): Span[] {
  const want = symbol.replace(/::|#/g, '.').replace(/\(.*\)$/, '');
  const last = want.split('.').pop()!.toLowerCase();
  const ws = new Set(words(want));
  const scored = spans.map((x) => {
    const xs = words(x.qualified);
    const shared = xs.filter((w) => ws.has(w)).length / Math.max(ws.size, new Set(xs).size, 1);
    const name = x.name.toLowerCase();
    const spelling = 1 - distance(last, name) / Math.max(last.length, name.length, 1);
    // Close by one measure; ranked by both (a shared word and a near spelling beat either alone).
    return { x, close: Math.max(shared, spelling), score: shared + spelling };
  });
  return scored
    .filter((s) => s.close >= 0.5)
    .sort((a, b) => b.score - a.score || a.x.start - b.x.start)
    .slice(0, n)
    .map((s) => s.x);
}

/** "the closest: `a` at 3–9, `b` at 12–20", or the file's first symbols when none is close. */
export function insteadOf(spans: Span[], symbol: string): string {
  const near = closest(spans, symbol);
  if (near.length) return ` (the closest it has: ${near.map(at).join(', ')})`;
  return spans.length
    ? ` (it has ${spans
        .slice(0, 5)
        .map((x) => `\`${x.qualified}\``)
        .join(', ')}${spans.length > 5 ? ', …' : ''})`
    : '';
}

/** Why an edit point does not hold, saying what would pass; null when it does. */
export function editPointProblem(
  path: string,
  text: string,
  symbol: string,
  from: number,
  to: number,
): string | null {
  const lines = text.split('\n');
  const total = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (from < 1 || to < from || to > total)
    return `lines ${from}–${to} are not lines of ${path} (it has ${total})`;
  const spans = spansOf(path, text);
  const inner = spans
    .filter((x) => x.start <= from && to <= x.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  const holder = inner ? `; the lines belong to ${at(inner)}` : '';
  const structured = spans.length > 0;
  const sym = symbol.trim().replace(/^\[|\]$/g, '');
  const textual = spans.some((x) => x.kind !== 'code');
  if (!textual && !IDENT.test(sym.replace(/::|#/g, '.').replace(/\(\)$/, '')))
    return `"${symbol}" is not an identifier: ${EDIT_POINT_RULE}${inner ? ` Here: \`${inner.qualified}\` (lines ${from}–${to}), with the detail in \`why\`` : ''}`;
  if (!structured) {
    // No outline for this kind of file: the name must at least be written within the lines.
    const name = sym.split('.').pop()!;
    return lines
      .slice(from - 1, to)
      .join('\n')
      .includes(name)
      ? null
      : `${symbol} is not in ${path} at lines ${from}–${to}`;
  }
  const candidates = named(spans, sym);
  if (candidates.some((x) => x.start <= from && to <= x.end)) return null;
  if (candidates.length) {
    const c = candidates[0]!;
    return `lines ${from}–${to} are not inside ${at(c)} (decorators and annotations included)${holder}`;
  }
  if (!textual && !inner) {
    // A module-level name (a constant, an import) written in those lines, outside every function and class.
    const name = sym.split('.').pop()!;
    if (
      new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(
        lines.slice(from - 1, to).join('\n'),
      )
    )
      return null;
  }
  const kinds = textual ? (spans[0]!.kind === 'heading' ? 'heading' : 'table') : 'function, method or class';
  const near = closest(spans, sym);
  return `${path} has no ${kinds} \`${symbol}\`${near.length ? insteadOf(spans, sym) : ''}${holder || (near.length ? '' : insteadOf(spans, sym))}`;
}
