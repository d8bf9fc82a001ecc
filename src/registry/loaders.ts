import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DeclaredHandoff, Definition, DefinitionFormat, Problem } from '../domain/agent.js';
import { FrontmatterError, parseFrontmatter } from './frontmatter.js';

/** Where each format lives; `skills` folders are configurable. */
export interface LoadOptions {
  root: string;
  skillDirs?: string[];
  formats?: DefinitionFormat[];
}

export const DEFAULT_SKILL_DIRS = ['.claude/skills', 'skills', '.github/skills'];

export interface Loaded {
  definitions: Definition[];
  problems: Problem[];
}

const toPosix = (p: string) => p.split(sep).join('/');

function walk(dir: string, match: (name: string) => boolean, out: string[] = [], depth = 0): string[] {
  if (!existsSync(dir) || depth > 6) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, match, out, depth + 1);
    else if (e.isFile() && match(e.name)) out.push(p);
  }
  return out.sort();
}

function toolsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return [];
}

function handoffsOf(
  v: unknown,
  file: string,
  line: number,
  problems: Problem[],
  format: DefinitionFormat,
): DeclaredHandoff[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push({ file, line, format, message: 'handoffs must be a list of {label, agent, prompt, send}' });
    return [];
  }
  const out: DeclaredHandoff[] = [];
  v.forEach((h, i) => {
    if (
      !h ||
      typeof h !== 'object' ||
      typeof (h as Record<string, unknown>).label !== 'string' ||
      typeof (h as Record<string, unknown>).agent !== 'string'
    ) {
      problems.push({ file, line, format, message: `handoffs[${i}] needs a label and an agent` });
      return;
    }
    const o = h as Record<string, unknown>;
    out.push({
      label: String(o.label),
      agent: String(o.agent),
      prompt: typeof o.prompt === 'string' ? o.prompt : undefined,
      send: typeof o.send === 'boolean' ? o.send : undefined,
      model: typeof o.model === 'string' ? o.model : undefined,
    });
  });
  return out;
}

const AGENT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads one file of a format. Returns the definition, or nothing and a problem naming the file, the
 * line and the reason. Every frontmatter field is kept, unknown ones included.
 */
export function loadFile(
  root: string,
  abs: string,
  format: DefinitionFormat,
  problems: Problem[],
): Definition | null {
  const file = toPosix(relative(root, abs));
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    problems.push({ file, line: 1, format, message: `cannot read: ${(e as Error).message}` });
    return null;
  }
  let parsed: ReturnType<typeof parseFrontmatter>;
  try {
    parsed = parseFrontmatter(text);
  } catch (e) {
    if (e instanceof FrontmatterError) {
      problems.push({ file, line: e.line, format, message: e.message });
      return null;
    }
    throw e;
  }
  const f = parsed.fields;
  const at = (key: string) => parsed.keyLines[key] ?? 1;
  const fileName = abs.slice(abs.lastIndexOf(sep) + 1);
  const str = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : undefined);
  let name: string;
  let description = str('description') ?? '';
  const before = problems.length;
  switch (format) {
    case 'claude-agent': {
      name = str('name') ?? '';
      if (!name) problems.push({ file, line: 1, format, message: 'a Claude Code subagent needs a name' });
      else if (!AGENT_NAME.test(name))
        problems.push({
          file,
          line: at('name'),
          format,
          message: `name "${name}" must be lowercase letters, digits and hyphens`,
        });
      if (!description)
        problems.push({
          file,
          line: parsed.keyLines.name ?? 1,
          format,
          message: 'a Claude Code subagent needs a description (it is how Claude decides to use it)',
        });
      break;
    }
    case 'claude-command': {
      const rel = toPosix(relative(join(root, '.claude', 'commands'), abs)).replace(/\.md$/, '');
      name = rel.split('/').join(':');
      if (!description)
        description =
          parsed.body
            .trim()
            .split('\n')[0]
            ?.replace(/^#+\s*/, '')
            .slice(0, 120) ?? '';
      break;
    }
    case 'skill': {
      name = str('name') ?? '';
      const folder = abs.split(sep).slice(-2)[0]!;
      if (!name) problems.push({ file, line: 1, format, message: 'a skill needs a name' });
      else if (!AGENT_NAME.test(name) || name.length > 64)
        problems.push({
          file,
          line: at('name'),
          format,
          message: `name "${name}" must be lowercase letters, digits and hyphens, at most 64 characters`,
        });
      else if (name !== folder)
        problems.push({
          file,
          line: at('name'),
          format,
          message: `name "${name}" must match its folder "${folder}"`,
        });
      if (!description) problems.push({ file, line: 1, format, message: 'a skill needs a description' });
      else if (description.length > 1024)
        problems.push({
          file,
          line: at('description'),
          format,
          message: `description is ${description.length} characters; at most 1024`,
        });
      if (f.tags !== undefined && !Array.isArray(f.tags) && typeof f.tags !== 'string')
        problems.push({ file, line: at('tags'), format, message: 'tags must be a list' });
      break;
    }
    case 'vscode-agent':
    case 'vscode-chatmode':
    case 'vscode-prompt': {
      const stem = fileName.replace(/\.(agent|chatmode|prompt)\.md$|\.md$/, '');
      name = str('name') ?? stem;
      if (f.tools !== undefined && !Array.isArray(f.tools) && typeof f.tools !== 'string')
        problems.push({ file, line: at('tools'), format, message: 'tools must be a list of tool names' });
      break;
    }
  }
  const handoffs = handoffsOf(f.handoffs, file, at('handoffs'), problems, format);
  if (problems.length > before) return null;
  return {
    format,
    name,
    description,
    fields: f,
    tools: toolsOf(f.tools ?? f['allowed-tools']),
    model: str('model'),
    handoffs,
    body: parsed.body,
    source: { file, line: 1 },
  };
}

/** Loads every agent, command, skill and prompt file of a project, in all the formats above. */
export function loadDefinitions(options: LoadOptions): Loaded {
  const { root } = options;
  const want = (f: DefinitionFormat) => !options.formats || options.formats.includes(f);
  const problems: Problem[] = [];
  const definitions: Definition[] = [];
  const add = (files: string[], format: DefinitionFormat) => {
    if (!want(format)) return;
    for (const abs of files) {
      const d = loadFile(root, abs, format, problems);
      if (d) definitions.push(d);
    }
  };
  const md = (n: string) => n.endsWith('.md');
  add(walk(join(root, '.claude', 'agents'), md), 'claude-agent');
  add(walk(join(root, '.claude', 'commands'), md), 'claude-command');
  for (const dir of options.skillDirs ?? DEFAULT_SKILL_DIRS)
    add(
      walk(join(root, dir), (n) => n === 'SKILL.md'),
      'skill',
    );
  add(walk(join(root, '.github', 'agents'), md), 'vscode-agent');
  add(
    walk(join(root, '.github', 'chatmodes'), (n) => n.endsWith('.chatmode.md')),
    'vscode-chatmode',
  );
  add(
    walk(join(root, '.github', 'prompts'), (n) => n.endsWith('.prompt.md')),
    'vscode-prompt',
  );
  return { definitions, problems };
}
