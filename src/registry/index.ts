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

export type { SkillMatch, SkillQuery };
