import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initProject } from '../../src/app/init.js';
import type { PlanOutcome } from '../../src/app/plans.js';
import { argumentUse } from '../../src/domain/agent.js';
import { SkillRegistry } from '../../src/registry/index.js';
import { loadDefinitions } from '../../src/registry/loaders.js';
import { CLI, plansmith } from '../e2e/cli.js';
import { newClient } from '../mcp/helpers.js';
import { copySample } from '../samples.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'registry-project');

describe('loaders: every format, broken files reported precisely', () => {
  it('loads the fixture with the right counts and keeps unknown fields', () => {
    const { definitions, problems } = loadDefinitions({ root: FIXTURE });
    const count = (f: string) => definitions.filter((d) => d.format === f).length;
    expect({
      agents: count('claude-agent'),
      commands: count('claude-command'),
      skills: count('skill'),
      vsAgents: count('vscode-agent'),
      chatmodes: count('vscode-chatmode'),
      prompts: count('vscode-prompt'),
    }).toEqual({ agents: 2, commands: 3, skills: 3, vsAgents: 2, chatmodes: 1, prompts: 1 });
    const reviewer = definitions.find((d) => d.name === 'reviewer')!;
    expect(reviewer.tools).toEqual(['Read', 'Grep', 'mcp__plansmith__complete_task']);
    expect(reviewer.fields.color).toBe('blue');
    expect(definitions.find((d) => d.name === 'backend-expert')!.tools).toEqual([
      'Read',
      'Grep',
      'Glob',
      'Edit',
      'Bash',
    ]);
    expect(
      definitions
        .filter((d) => d.format === 'claude-command')
        .map((d) => d.name)
        .sort(),
    ).toEqual(['plan', 'pr', 'two']);
    const planner = definitions.find((d) => d.format === 'vscode-agent' && d.name === 'planner')!;
    expect(planner.handoffs).toEqual([
      {
        label: 'Build the backend',
        agent: 'backend-expert',
        prompt: 'Implement the backend phases of the plan above.',
        send: false,
        model: undefined,
      },
      {
        label: 'Review',
        agent: 'reviewer',
        prompt: 'Review the implementation of the plan above.',
        send: undefined,
        model: undefined,
      },
    ]);
    expect(planner.fields.target).toBe('vscode');
    expect(problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual([
      '.claude/agents/Bad_Name.md:2',
      '.claude/agents/no-description.md:2',
      '.claude/commands/broken.md:2',
      '.github/prompts/broken.prompt.md:3',
      'skills/wrong-folder/SKILL.md:2',
    ]);
    expect(problems.find((p) => p.file.endsWith('wrong-folder/SKILL.md'))!.message).toBe(
      'name "some-other-name" must match its folder "wrong-folder"',
    );
    expect(problems.find((p) => p.file.endsWith('broken.md'))!.message).toMatch(/^invalid YAML/);
  });

  it('reads how commands take arguments: $ARGUMENTS, and positional from $1 (older) or $0 (newer)', () => {
    expect(argumentUse('Plan this: $ARGUMENTS')).toEqual({ all: true, positional: [], base: null });
    expect(argumentUse('Compare $1 with $2')).toEqual({ all: false, positional: [1, 2], base: 1 });
    expect(argumentUse('Review $0')).toEqual({ all: false, positional: [0], base: 0 });
  });
});

describe('the registry and the CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-registry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skills search ranks by category and tag and returns full_ids from the project config; built-ins stay; project skills override by name', () => {
    cpSync(FIXTURE, dir, { recursive: true });
    mkdirSync(join(dir, '.plansmith'), { recursive: true });
    writeFileSync(join(dir, '.plansmith', 'config.json'), JSON.stringify({ repo: 'acme/billing' }));
    mkdirSync(join(dir, 'skills', 'backend-testing'), { recursive: true });
    writeFileSync(
      join(dir, 'skills', 'backend-testing', 'SKILL.md'),
      '---\nname: backend-testing\ndescription: Our own testing skill, replacing the built-in one\ncategory: testing\ntags: [backend]\n---\nx\n',
    );
    const r = plansmith(['skills', 'search', '--category', 'critique', '--tag', 'backend', '--json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const list = r.json<Array<{ full_id: string; category: string }>>();
    expect(list[0]!.full_id).toBe('acme/billing/api-reviewer');
    expect(list.map((s) => s.full_id)).toContain('plansmith/builtin/backend-critique');
    const reg = SkillRegistry.load(dir);
    expect(reg.get('backend-testing')!.full_id).toBe('acme/billing/backend-testing');
    expect(reg.all().filter((s) => s.name === 'backend-testing')).toHaveLength(1);
    expect(reg.get('test-writer')).toMatchObject({ category: 'testing', tags: ['backend'] });
    const v = plansmith(['skills', 'validate'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(
      /skills\/wrong-folder\/SKILL\.md:2: skill: name "some-other-name" must match its folder/,
    );
  });

  it('the tasks plan style takes skill_ids from the registry and honours handoffs declared by the project planner', () => {
    copySample('node-api', dir);
    cpSync(join(FIXTURE, '.claude'), join(dir, '.claude'), { recursive: true });
    cpSync(join(FIXTURE, '.github'), join(dir, '.github'), { recursive: true });
    cpSync(join(FIXTURE, 'skills'), join(dir, 'skills'), { recursive: true });
    mkdirSync(join(dir, '.plansmith'), { recursive: true });
    writeFileSync(join(dir, '.plansmith', 'config.json'), JSON.stringify({ repo: 'acme/billing' }));
    // A fix naming the function gives every kind of phase (reproduce and guard: tests; the fix: the build),
    // and the changelog a release-note phase: a docs phase for the docs route.
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- Loans have a due date.\n');
    const o = plansmith(
      [
        'plan',
        'UserService.findByEmail misses users whose email has capitals; it should match case-insensitively',
        '--style',
        'tasks',
        '--no-interactive',
        '--json',
      ],
      { cwd: dir, env: { PLANSMITH_MODEL: '' } },
    ).json<PlanOutcome>();
    const skills = o.tasks.filter((t) => !t.parent_id).map((t) => t.skill_id);
    // The plan's docs phase goes to a docs skill (the project has none: the built-in one).
    expect(skills).toEqual([
      'acme/billing/api-builder',
      'acme/billing/api-reviewer',
      'plansmith/builtin/docs-writing',
      'acme/billing/test-writer',
      'acme/billing/api-reviewer',
    ]);
    expect(o.plan.handoffs.map((h) => `${h.label} → ${h.agent}`)).toEqual(
      expect.arrayContaining(['Review the result → reviewer', expect.stringMatching(/→ backend-expert$/)]),
    );
  });

  it('agents list and show', () => {
    cpSync(FIXTURE, dir, { recursive: true });
    const list = plansmith(['agents', 'list', '--json'], { cwd: dir }).json<
      Array<{ name: string; format: string }>
    >();
    expect(list.map((d) => `${d.format}:${d.name}`)).toEqual(
      expect.arrayContaining([
        'claude-agent:backend-expert',
        'vscode-chatmode:debug',
        'vscode-prompt:release-notes',
        'claude-command:two',
      ]),
    );
    const show = plansmith(['agents', 'show', 'planner'], { cwd: dir });
    expect(show.stdout).toMatch(/handoff: Build the backend → backend-expert/);
    expect(plansmith(['agents', 'show', 'nobody'], { cwd: dir }).stderr).toMatch(
      /no agent or command "nobody"/,
    );
  });
});

describe('plansmith init and the round trip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--claude --copilot in an empty repo writes files the formats accept, and they load back unchanged in meaning', async () => {
    const r = plansmith(['init', '--claude', '--copilot', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<Array<{ path: string; action: string }>>().map((e) => `${e.action} ${e.path}`)).toEqual([
      'created .plansmith/config.json',
      'created .claude/agents/planner.md',
      'created .claude/commands/plan.md',
      'created .claude/commands/plan-two.md',
      'created .claude/commands/plan-ci.md',
      'created .mcp.json',
      'created .github/agents/planner.agent.md',
      'created .github/prompts/plan.prompt.md',
      'created .vscode/mcp.json',
      'created .gitignore',
    ]);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.plansmith/\n');
    const { definitions, problems } = loadDefinitions({ root: dir });
    expect(problems).toEqual([]);
    const by = (format: string, name: string) =>
      definitions.find((d) => d.format === format && d.name === name)!;
    const claude = by('claude-agent', 'planner');
    expect(claude.description).toMatch(/^Plans a change before coding/);
    expect(claude.tools).toEqual(
      expect.arrayContaining([
        'mcp__plansmith__create_tasks_batch',
        'mcp__plansmith__search_skills',
        'mcp__plansmith__save_plan',
      ]),
    );
    expect(by('claude-command', 'plan').body).toContain('$ARGUMENTS');
    // Claude Code names a command by its file name: these are /plan-two and /plan-ci.
    expect(by('claude-command', 'plan-two')).toBeTruthy();
    expect(by('claude-command', 'plan-ci')).toBeTruthy();
    const copilot = by('vscode-agent', 'planner');
    expect(copilot.tools).toEqual(['search', 'read', 'plansmith/*']);
    expect(copilot.handoffs.map((h) => h.label)).toEqual(['Implement the plan', 'Review the result']);
    expect(by('vscode-prompt', 'plan').fields.agent).toBe('planner');
    // Run from a clone that is not installed: the entry names this node and this script, and says so.
    const entry = JSON.parse(readFileSync(join(dir, '.mcp.json'), 'utf8')).mcpServers.plansmith;
    expect([entry.command, ...entry.args]).toEqual([process.execPath, realpathSync(CLI), 'mcp']);
    expect(
      r.json<Array<{ path: string; note?: string }>>().find((e) => e.path === '.mcp.json')!.note,
    ).toMatch(/run from this path \(not installed\)/);
    // The entry really starts a server, as an MCP client would start it, and it lists its tools.
    const client = newClient();
    await client.connect(
      new StdioClientTransport({ command: entry.command, args: entry.args, cwd: dir, stderr: 'pipe' }),
    );
    const tools = (await client.listTools()).tools.map((t) => t.name);
    await client.close();
    expect(tools).toEqual(expect.arrayContaining(['create_tasks_batch', 'next_task', 'draft_plan']));
    // doctor checks the same, and says which entry does not start.
    const ok = plansmith(['doctor', '--json'], { cwd: dir });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.json<Array<{ check: string; ok: boolean }>>().map((c) => `${c.check} ${c.ok}`)).toEqual([
      'config true',
      'store true',
      'model true',
      'mcp .mcp.json true',
      'mcp .vscode/mcp.json true',
    ]);
    writeFileSync(
      join(dir, '.vscode', 'mcp.json'),
      JSON.stringify({
        servers: { plansmith: { type: 'stdio', command: 'plansmith-not-installed', args: ['mcp'] } },
      }),
    );
    // Not this plansmith: not started unless asked (--run), then it fails to start.
    const unchecked = plansmith(['doctor'], { cwd: dir });
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toMatch(
      /skip {2}mcp \.vscode\/mcp\.json +not checked: `plansmith-not-installed mcp` is the repository's own command/,
    );
    const bad = plansmith(['doctor', '--run'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /FAIL {2}mcp \.vscode\/mcp\.json +`plansmith-not-installed mcp` did not start a server/,
    );
    // What init detected and chose is recorded, each key documented in the README.
    expect(JSON.parse(readFileSync(join(dir, '.plansmith', 'config.json'), 'utf8'))).toEqual({
      plan_style: 'feature',
      store: '.plansmith/plansmith.db',
      mcp_command: [process.execPath, realpathSync(CLI), 'mcp'],
    });
    expect(JSON.parse(readFileSync(join(dir, '.vscode', 'mcp.json'), 'utf8')).servers.plansmith.type).toBe(
      'stdio',
    );
  });

  it('never overwrites a file a person changed without --force; merges MCP config', () => {
    initProject({ root: dir, claude: true });
    writeFileSync(
      join(dir, '.claude', 'agents', 'planner.md'),
      `${readFileSync(join(dir, '.claude', 'agents', 'planner.md'), 'utf8')}\nOur team also wants a risk table.\n`,
    );
    writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { db: { command: 'db-mcp' } } }));
    const again = initProject({ root: dir, claude: true });
    expect(again.find((e) => e.path === '.claude/agents/planner.md')).toMatchObject({ action: 'kept' });
    expect(again.find((e) => e.path === '.mcp.json')).toMatchObject({ action: 'merged' });
    expect(Object.keys(JSON.parse(readFileSync(join(dir, '.mcp.json'), 'utf8')).mcpServers)).toEqual([
      'db',
      'plansmith',
    ]);
    expect(readFileSync(join(dir, '.claude', 'agents', 'planner.md'), 'utf8')).toContain(
      'Our team also wants a risk table.',
    );
    const forced = initProject({ root: dir, claude: true, force: true });
    expect(forced.find((e) => e.path === '.claude/agents/planner.md')).toMatchObject({ action: 'updated' });
    expect(readFileSync(join(dir, '.claude', 'agents', 'planner.md'), 'utf8')).not.toContain('risk table');
  });
});

describe('the closest full_id to a skill id the registry lacks', () => {
  const r = new SkillRegistry();
  const id = (name: string) => r.all().find((s) => s.name === name)!.full_id;

  it('names it by short name, by another owner, or by shared words; says when none is close', () => {
    expect(r.skillIdProblem(id('backend-critique'))).toBeNull();
    expect(r.skillIdProblem('backend-critique')).toBe(
      `backend-critique is a skill's name, not its full_id: did you mean ${id('backend-critique')}?`,
    );
    expect(r.skillIdProblem('acme/skills/frontend-testing')).toBe(
      `acme/skills/frontend-testing is not in the registry: did you mean ${id('frontend-testing')}?`,
    );
    // `dev` is a word of `development`; fewer letters apart would have said backend-critique.
    expect(r.skillIdProblem('acme/skills/backend-dev')).toMatch(
      new RegExp(`did you mean ${id('backend-development')}\\?$`),
    );
    // One shared word of two is no guess; nor are two names equally close.
    expect(r.skillIdProblem('acme/skills/backend-x')).toMatch(/no one skill is close/);
    expect(r.skillIdProblem('acme/skills/critique')).toMatch(/no one skill is close/);
  });
});
