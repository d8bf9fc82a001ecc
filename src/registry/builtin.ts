import type { Skill } from '../domain/skill.js';

/**
 * plansmith's own skills, always present: a development, a critique and a testing skill for each common
 * domain (libraries and command-line tools included), a docs skill, plus the planners. Project files override them by name.
 */
const DOMAINS: Record<string, { what: string; tags: string[] }> = {
  backend: {
    what: 'server code: APIs, services, data access, jobs and integrations',
    tags: ['backend', 'api', 'server', 'database'],
  },
  frontend: {
    what: 'user interfaces: components, state, styling, accessibility and API clients',
    tags: ['frontend', 'ui', 'web', 'components'],
  },
  data: {
    what: 'schemas, migrations, pipelines, queries and data quality',
    tags: ['data', 'database', 'migrations', 'sql'],
  },
  library: {
    what: 'a library: its public API, types, compatibility across versions, packaging and examples',
    tags: ['library', 'package', 'sdk', 'api'],
  },
  cli: {
    what: 'command-line tools: commands, flags, output, exit codes and help text',
    tags: ['cli', 'command-line', 'terminal', 'tool'],
  },
  devops: {
    what: 'build, CI, deployment, infrastructure and observability',
    tags: ['devops', 'ci', 'infrastructure', 'deployment'],
  },
};

const ROLES: Record<string, { category: string; verb: (what: string) => string }> = {
  development: {
    category: 'development',
    verb: (w) => `Builds ${w} following the project's conventions and the task's validation criteria.`,
  },
  critique: {
    category: 'critique',
    verb: (w) =>
      `Reviews finished work on ${w} against its task and criteria; returns a pass/fail verdict with feedback for a rebuild.`,
  },
  testing: {
    category: 'testing',
    verb: (w) =>
      `Writes and runs tests for ${w} that prove the user's stated expectations, not just the code paths.`,
  },
};

const PLANNERS: Array<[string, string, string[]]> = [
  [
    'feature-planner',
    'Plans one feature as a single document: research, approach, numbered steps with files, tests, risks and rollback.',
    ['feature'],
  ],
  [
    'phased-planner',
    'Plans technical work in phases, each with automated success commands and manual checks.',
    ['phased', 'architecture'],
  ],
  [
    'prd-planner',
    'Writes a requirement workspace: PRD, phased task checklist and a recovery guide for resuming.',
    ['prd', 'requirements'],
  ],
  [
    'task-graph-planner',
    'Turns a requirement into a build, critique, test, critique task graph for agents.',
    ['tasks', 'graph'],
  ],
  [
    'xano-planner',
    'Plans work in a Xano workspace: tables, functions, APIs, tasks, AI features, tests, frontend.',
    ['xano', 'backend'],
  ],
  [
    'ci-fix-planner',
    'Reads a CI failure log and plans the fix: failing step, root cause candidates, verification.',
    ['ci', 'fix'],
  ],
];

/** Skills outside the domain grid: [name, category, description, tags]. */
const SINGLE: Array<[string, string, string, string[]]> = [
  [
    'docs-writing',
    'docs',
    'Writes and updates documentation: READMEs, guides, reference pages, changelogs and examples that match the code.',
    ['docs', 'documentation', 'readme', 'changelog'],
  ],
];

export const BUILTIN_OWNER = 'plansmith/builtin';

export function builtinSkills(): Skill[] {
  const out: Skill[] = [];
  for (const [domain, d] of Object.entries(DOMAINS)) {
    for (const [role, r] of Object.entries(ROLES)) {
      const name = `${domain}-${role}`;
      out.push({
        full_id: `${BUILTIN_OWNER}/${name}`,
        name,
        description: r.verb(d.what),
        category: r.category,
        tags: d.tags,
        source: 'builtin',
      });
    }
  }
  for (const [name, category, description, tags] of SINGLE)
    out.push({ full_id: `${BUILTIN_OWNER}/${name}`, name, description, category, tags, source: 'builtin' });
  for (const [name, description, tags] of PLANNERS) {
    out.push({
      full_id: `${BUILTIN_OWNER}/${name}`,
      name,
      description,
      category: 'planner',
      tags: ['planning', ...tags],
      source: 'builtin',
    });
  }
  return out;
}
