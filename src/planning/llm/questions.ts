import type { Plan } from '../../domain/plan.js';

type Question = Plan['questions'][number];

const words = (s: string) =>
  new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 2 && !STOP.has(w)));
const STOP = new Set([
  'the',
  'and',
  'for',
  'should',
  'does',
  'what',
  'which',
  'when',
  'how',
  'are',
  'this',
  'that',
  'with',
]);

/** The same question, worded the same or nearly (most of their words shared). */
export function sameQuestion(a: string, b: string): boolean {
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
  const x = words(a);
  const y = words(b);
  if (!x.size || !y.size) return false;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both) >= 0.6;
}

/**
 * The plan's questions: those asked with ask_user and not answered come first, in the order asked (the
 * numbers ask_user gave the model), then the plan's own. A plan question that repeats a recorded one is
 * merged into it (its why and its answer, an "Assumed: …" included, are kept), never listed twice.
 */
export function mergeQuestions(recorded: string[], own: Question[]): Question[] {
  const out: Question[] = recorded.map((q) => ({
    question: q,
    why: 'asked during planning; no one could answer then',
  }));
  for (const q of own) {
    const hit = out.find((r) => sameQuestion(r.question, q.question));
    if (!hit) {
      out.push(q);
      continue;
    }
    if (q.why) hit.why = q.why;
    if (q.answer && !hit.answer) hit.answer = q.answer;
  }
  return out;
}
