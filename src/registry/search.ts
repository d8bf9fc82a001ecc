import type { Skill } from '../domain/skill.js';

export interface SkillQuery {
  category?: string;
  /** Every tag must match (case-insensitive). */
  tags?: string[];
  query?: string;
  limit?: number;
}

export interface SkillMatch extends Skill {
  score: number;
}

const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** A word without its common English endings: "testing", "tests" and "tested" all give "test". */
const stem = (w: string) => {
  const s = w.replace(/(ations?|ings?|ers?|ed|es|s)$/, '');
  return s.length >= 3 ? s : w;
};

/** A term matches a word when their stems are equal, or one begins the other (at least 4 letters). */
const matches = (term: string, ws: Set<string>) => {
  for (const w of ws) {
    if (w === term) return true;
    const a = stem(term);
    const b = stem(w);
    if (a === b || (a.length >= 4 && b.startsWith(a)) || (b.length >= 4 && a.startsWith(b))) return true;
  }
  return false;
};

/**
 * Filters by category and tags, then ranks by how well the text matches (words compared by stem and
 * prefix, so "tests" finds "testing"): name words weigh most, then tags, then the description; ties keep project skills before built-in ones, then by name.
 */
export function searchSkills(skills: Skill[], q: SkillQuery): SkillMatch[] {
  const tags = (q.tags ?? []).map((t) => t.toLowerCase());
  const terms = words(q.query ?? '');
  const out: SkillMatch[] = [];
  for (const s of skills) {
    if (q.category && s.category.toLowerCase() !== q.category.toLowerCase()) continue;
    const own = s.tags.map((t) => t.toLowerCase());
    if (!tags.every((t) => own.includes(t))) continue;
    let score = tags.length;
    if (terms.length) {
      const name = new Set(words(s.name));
      const tagWords = new Set(own.flatMap(words));
      const desc = new Set(words(s.description));
      let hit = 0;
      for (const t of terms) {
        if (matches(t, name)) hit += 3;
        else if (matches(t, tagWords)) hit += 2;
        else if (matches(t, desc)) hit += 1;
      }
      if (hit === 0) continue;
      score += hit / terms.length;
    }
    out.push({ ...s, score });
  }
  return out
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.source === 'builtin') - Number(b.source === 'builtin') ||
        a.name.localeCompare(b.name),
    )
    .slice(0, q.limit ?? 20);
}
