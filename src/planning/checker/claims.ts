import type { CheckContext } from './context.js';
import { spansOf } from './edit-points.js';

/**
 * Claims a plan makes that the code can settle: a change called new when the precedent analysis found it
 * met or partly met, and a function named in a file that does not define it.
 */

const NEW = /\b(new|adds?|adding|introduc\w*|creat\w*|implement\w*)\b/i;
const NOT_THERE =
  /\b(does ?n[o']t (yet )?(exist|support|have)|not (yet )?(supported|available|possible)|from scratch|brand[- ]new|no (existing|current) (way|support|option))\b/i;

/** Why a text claims as new what the precedent analysis found already there; null otherwise. */
export function claimNewProblem(ctx: CheckContext, text: string): string | null {
  const p = ctx.precedent;
  if (!p?.requested || (p.verdict !== 'met' && p.verdict !== 'partly-met')) return null;
  const spellings = [p.requested.name, ...p.requested.spellings].filter((s) => s.length > 1);
  const names = spellings.some((s) => text.toLowerCase().includes(s.toLowerCase()));
  if (!names) return null;
  const claims = p.verdict === 'met' ? NEW.test(text) || NOT_THERE.test(text) : NOT_THERE.test(text);
  if (!claims) return null;
  const ev = p.evidence[0];
  const where = ev ? ` (${ev.file}:${ev.line}${ev.text ? `: ${ev.text.trim().slice(0, 60)}` : ''})` : '';
  return p.verdict === 'met'
    ? `calls ${p.requested.name} new, but the code already has it${where}; plan to reuse, fix or document what exists`
    : `says ${p.requested.name} is not there, but part of it is${where}; plan only what is missing${p.missing ? `: ${p.missing}` : ''}`;
}

const NAMED_IN =
  /`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\(\))?`\s+(?:in|from|of|inside)\s+`([\w./-]+\.(?:py|ts|tsx|js|jsx|mjs|cjs|go|rb|rs|java|kt|php|cs))`/g;

/** Functions a text places in a file ("`parse_args` in `src/cli.py`") that the file does not define. */
export function claimSymbolProblems(ctx: CheckContext, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAMED_IN)) {
    const [, symbol, path] = m;
    const code = ctx.read(path!);
    if (code === null) continue; // a file to create, or one reported missing elsewhere
    const spans = spansOf(path!, code);
    if (!spans.length) continue;
    const name = symbol!.split('.').pop()!;
    const has =
      spans.some((s) => s.name === name || s.qualified === symbol) ||
      new RegExp(
        `(^|\\n)\\s*(export\\s+)?(const|let|var|def|class|function|type|interface)\\s+${name.replace(/\$/g, '\\$')}\\b|(^|\\n)${name.replace(/\$/g, '\\$')}\\s*=`,
      ).test(code);
    if (!has) {
      const close = spans
        .filter((s) => s.name.toLowerCase().includes(name.toLowerCase().slice(0, 5)))
        .slice(0, 3);
      out.push(
        `names \`${symbol}\` in ${path}, which does not define it${close.length ? ` (it has ${close.map((s) => `\`${s.qualified}\` at ${s.start}`).join(', ')})` : ''}`,
      );
    }
  }
  return out;
}
