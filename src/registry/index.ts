import type { Skill } from '../domain/skill.js';
import { builtinSkills } from './builtin.js';
import type { SkillMatch, SkillQuery } from './search.js';
import { searchSkills } from './search.js';

/**
 * The skills a project can assign. Built-in skills are always present; skills loaded from the project
 * replace a built-in one of the same name.
 */
export class SkillRegistry {
  private readonly byId = new Map<string, Skill>();

  constructor(projectSkills: Skill[] = []) {
    const names = new Set(projectSkills.map((s) => s.name));
    for (const s of builtinSkills()) if (!names.has(s.name)) this.byId.set(s.full_id, s);
    for (const s of projectSkills) this.byId.set(s.full_id, s);
  }

  all(): Skill[] {
    return [...this.byId.values()];
  }

  get(fullId: string): Skill | undefined {
    return this.byId.get(fullId);
  }

  /** The category of a skill id, for task kinds and the planner rule. */
  categoryOf = (fullId: string): string | undefined => this.byId.get(fullId)?.category;

  search(q: SkillQuery): SkillMatch[] {
    return searchSkills(this.all(), q);
  }
}

export type { SkillMatch, SkillQuery };
