import type { Definition, Problem } from '../domain/agent.js';
import type { Skill } from '../domain/skill.js';
import { builtinSkills } from './builtin.js';
import type { ProjectConfig } from './config.js';
import { projectRepo, readProjectConfig } from './config.js';
import { loadDefinitions } from './loaders.js';
import type { SkillMatch, SkillQuery } from './search.js';
import { searchSkills } from './search.js';

/** A SKILL.md definition as a skill: category and tags from its frontmatter (or its metadata). */
export function skillFromDefinition(d: Definition, repo: string): Skill {
  const meta = (
    d.fields.metadata && typeof d.fields.metadata === 'object' ? d.fields.metadata : {}
  ) as Record<string, unknown>;
  const category = String(d.fields.category ?? meta.category ?? 'development');
  const rawTags = d.fields.tags ?? meta.tags ?? [];
  const tags = (Array.isArray(rawTags) ? rawTags : String(rawTags).split(','))
    .map((t) => String(t).trim())
    .filter(Boolean);
  return {
    full_id: `${repo}/${d.name}`,
    name: d.name,
    description: d.description,
    category,
    tags,
    source: `${d.source.file}:${d.source.line}`,
  };
}

/**
 * The skills, agents and commands a project can use. Built-in skills are always present; a project
 * skill replaces a built-in one of the same name.
 */
export class SkillRegistry {
  private readonly byId = new Map<string, Skill>();
  readonly agents: Definition[];
  readonly commands: Definition[];
  readonly problems: Problem[];
  readonly repo: string;

  constructor(
    projectSkills: Skill[] = [],
    extra: { agents?: Definition[]; commands?: Definition[]; problems?: Problem[]; repo?: string } = {},
  ) {
    const names = new Set(projectSkills.map((s) => s.name));
    for (const s of builtinSkills()) if (!names.has(s.name)) this.byId.set(s.full_id, s);
    for (const s of projectSkills) this.byId.set(s.full_id, s);
    this.agents = extra.agents ?? [];
    this.commands = extra.commands ?? [];
    this.problems = extra.problems ?? [];
    this.repo = extra.repo ?? 'local/project';
  }

  /** Loads a project's files (and its config) into a registry. Broken files become problems. */
  static load(root: string, config: ProjectConfig = readProjectConfig(root)): SkillRegistry {
    const repo = projectRepo(root, config);
    const { definitions, problems } = loadDefinitions({
      root,
      skillDirs: config.skill_dirs,
      formats: config.formats,
    });
    const skills = definitions.filter((d) => d.format === 'skill').map((d) => skillFromDefinition(d, repo));
    const agents = definitions.filter(
      (d) => d.format === 'claude-agent' || d.format === 'vscode-agent' || d.format === 'vscode-chatmode',
    );
    const commands = definitions.filter((d) => d.format === 'claude-command' || d.format === 'vscode-prompt');
    return new SkillRegistry(skills, { agents, commands, problems, repo });
  }

  all(): Skill[] {
    return [...this.byId.values()];
  }

  get(fullIdOrName: string): Skill | undefined {
    return this.byId.get(fullIdOrName) ?? this.all().find((s) => s.name === fullIdOrName);
  }

  /** The category of a skill id, for task kinds and the planner rule. */
  categoryOf = (fullId: string): string | undefined => this.byId.get(fullId)?.category;

  /**
   * What is wrong with a task's `skill_id`, when something is: null for a full_id the registry has; else a
   * sentence naming the closest full_id (a skill's short name, the same name under another owner, or the
   * name sharing the most words, `dev` for `development`), or saying that none is close.
   */
  skillIdProblem(skillId: string): string | null {
    if (this.byId.has(skillId)) return null;
    const named = this.all().find((s) => s.name === skillId);
    if (named) return `${skillId} is a skill's name, not its full_id: did you mean ${named.full_id}?`;
    const close = closestSkill(this.all(), skillId);
    return close
      ? `${skillId} is not in the registry: did you mean ${close.full_id}?`
      : `${skillId} is not in the registry and no one skill is close (search_skills lists them)`;
  }

  search(q: SkillQuery): SkillMatch[] {
    return searchSkills(this.all(), q);
  }

  /** An agent or command by name (case-insensitive), or a file path. */
  definition(nameOrFile: string): Definition | undefined {
    const all = [...this.agents, ...this.commands];
    const want = nameOrFile.toLowerCase().replace(/^\//, '');
    return (
      all.find((d) => d.source.file === nameOrFile) ??
      all.find((d) => d.name.toLowerCase() === want) ??
      all.find((d) => String(d.fields.name ?? '').toLowerCase() === want)
    );
  }
}

/**
 * The skill whose name shares the most words with the last part of `skillId` (a word matches when one
 * begins the other and the shorter has 3 letters or more: `dev` and `development`); ties go to the name
 * with fewer extra words. Word matching rather than edit distance: `backend-dev` is 7 edits from
 * `backend-critique` but 8 from `backend-development`.
 */
export function closestSkill(skills: Skill[], skillId: string): Skill | undefined {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const want = words(skillId.split('/').pop() ?? skillId);
  if (!want.length) return undefined;
  const same = (a: string, b: string) =>
    a === b || (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a)));
  let best: { skill: Skill; hits: number; extra: number; tied: boolean } | undefined;
  for (const skill of skills) {
    const have = words(skill.name);
    const hits = want.filter((w) => have.some((h) => same(w, h))).length;
    const extra = have.length - hits;
    // More than half of the given words must match, so one shared word ("backend") is not a guess.
    if (hits * 2 <= want.length) continue;
    if (!best || hits > best.hits || (hits === best.hits && extra < best.extra))
      best = { skill, hits, extra, tied: false };
    else if (hits === best.hits && extra === best.extra) best.tied = true;
  }
  // Two names as close as each other (`critique`: every domain's critique skill) are no answer.
  return best && !best.tied ? best.skill : undefined;
}

export type { SkillMatch, SkillQuery };
