/**
 * The precedent as a host or a model reads it first (`draft_plan`, `explore_codebase`, the LLM engine's
 * `precedent` tool): the verdict, then what settles it, then where; a note when nothing here is a place to
 * edit. A pure function of the core's result.
 */
import type { Precedent } from '../domain/precedent.js';
import { lackText } from './gap.js';
import { keywordOf } from './library-call.js';

export function precedentFacts(p: Precedent) {
  return {
    verdict: p.verdict,
    requested: p.requested,
    evidence: p.evidence.map((e) => `${e.file}:${e.line} ${e.text}`.trim()),
    ...(p.missing ? { missing: p.missing } : {}),
    // Why: the evidence that settled the verdict and chose the sibling, or why which to follow is unsure.
    ...(p.reason ? { reason: p.reason } : {}),
    sibling: p.sibling
      ? `${p.sibling.name} (${p.sibling.kind || 'declaration'}) at ${p.sibling.file}:${p.sibling.line}`
      : null,
    footprint: p.footprint.map((e) => ({
      at: e.line ? `${e.file}:${e.line}` : e.file,
      ...(e.symbol ? { symbol: e.symbol } : {}),
      role: e.role,
      area: e.area,
      source: e.source,
      ...(e.text ? { text: e.text } : {}),
      ...(e.why ? { why: e.why } : {}),
      // Not written by hand: no place to edit; what regenerates it instead.
      ...(e.generated ? { generated: e.generated } : {}),
      // From history, nothing today ties it to the sibling: a file to know of, no place to edit.
      ...(e.incidental ? { incidental: e.incidental } : {}),
      // A line of another side's model (the configuration key a new key is declared beside), not the sibling.
      ...(e.of ? { of: e.of } : {}),
    })),
    tests: p.tests,
    // Met or partly met: what the existing thing lacks beside its declared neighbours (the only change to
    // plan), or nothing (then no change: the evidence and the tests show it).
    ...(p.gap
      ? {
          gap: {
            neighbours: p.gap.neighbours,
            has: p.gap.has.map((h) => `${h.aspect}: ${h.file}:${h.line}`),
            lacks: [
              ...p.gap.lacks.map(lackText),
              ...(p.gap.untested ? ['a test: no neighbour to compare with, and no test exercises it'] : []),
            ],
          },
        }
      : {}),
    // A behaviour: what the request needs that the code already does (the function that sends mail).
    ...(p.uses.length
      ? { uses: p.uses.map((u) => `${u.file}:${u.line} ${u.symbol ?? u.text} (${u.why})`) }
      : {}),
    // What the request says it does, and where the code already does that (candidates unless sure).
    ...(p.effect
      ? {
          effect: {
            says: p.effect.says,
            at: p.effect.at.map(
              (e) => `${e.file}:${e.line} ${e.symbol} (${e.why}${e.sure ? '' : '; unsure'})`,
            ),
          },
        }
      : {}),
    // The sibling's value handed to a library's call: the library versions allowed must take the new one.
    ...(p.library.length
      ? {
          library: p.library.map(
            (l) =>
              `${l.file}:${l.line} ${l.callee}(${keywordOf(l)}…) from ${l.module}; declared at ${l.dependency.file}:${l.dependency.line} ${l.dependency.text}`,
          ),
        }
      : {}),
    ...(p.verdict === 'unsure' || p.candidates.length
      ? { candidates: p.candidates.map((c) => `${c.file}:${c.line} ${c.text}`.trim()) }
      : {}),
    // Unsure, or new with nothing near to follow: the candidates are to weigh, never places to edit.
    ...(p.verdict === 'unsure' || (p.verdict === 'new' && !p.sibling)
      ? {
          note: `${p.verdict === 'unsure' ? 'Unsure' : 'New, with no sibling to follow'}: the evidence does not settle where this belongs; read the candidates before editing.`,
        }
      : {}),
  };
}
