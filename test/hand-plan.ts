import { readFileSync } from 'node:fs';

/**
 * The skeleton of a plan a person writes by hand (no plansmith header, no Precedent section), shared with
 * the checker bench (`bench/checks.mjs`): `{key}` alone on a line takes the given lines (none drops the
 * line), `{key}` inside a line the given text.
 */
export const HAND_PLAN = readFileSync(new URL('./fixtures/hand-plan.md', import.meta.url), 'utf8');

export function fillHandPlan(parts: Record<string, string | string[]>): string {
  return HAND_PLAN.split('\n')
    .flatMap((l) => {
      const whole = /^\{(\w+)\}$/.exec(l);
      if (whole && Array.isArray(parts[whole[1]!])) return parts[whole[1]!] as string[];
      return [l.replace(/\{(\w+)\}/g, (m, k: string) => String(parts[k] ?? m))];
    })
    .join('\n');
}

/** A plan a person wrote by hand: one step and the file it changes. */
export function handWrittenPlan(step: string, path: string): string {
  return fillHandPlan({
    title: 'options',
    step,
    modify: [`- \`${path}\` — the command`],
    more: [],
    testing: ['Run the tests.'],
  });
}
