import { join, relative, sep } from 'node:path';
import type { DeclaredHandoff, Definition, DefinitionFormat, Problem } from '../domain/agent.js';
import { FileAccessError, type ProjectFiles, projectFiles } from '../files/project-files.js';
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

/**
 * The files under a project folder whose names match, through the file layer: a folder that is a symlink
 * out of the root is reported as a problem and not read.
 */
function walk(
  files: ProjectFiles,
  dir: string,
  match: (name: string) => boolean,
  problems: Problem[],
  format: DefinitionFormat,
  out: string[] = [],
  depth = 0,
): string[] {
  if (depth > 6) return out;
  let entries: ReturnType<ProjectFiles['list']>;
  try {
    entries = files.list(dir);
  } catch (e) {
    if (!(e instanceof FileAccessError)) throw e;
    problems.push({ file: dir, line: 1, format, message: `skipped: ${e.reason}` });
    return out;
  }
  for (const e of entries) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory() || (e.isSymbolicLink() && safeIsDir(files, p, problems, format)))
      walk(files, p, match, problems, format, out, depth + 1);
    else if ((e.isFile() || e.isSymbolicLink()) && match(e.name)) out.push(join(files.root, p));
  }
  return out.sort();
}

function safeIsDir(files: ProjectFiles, p: string, problems: Problem[], format: DefinitionFormat): boolean {
  try {
    return files.isDirectory(p);
  } catch (e) {
    if (!(e instanceof FileAccessError)) throw e;
    problems.push({ file: p, line: 1, format, message: `skipped: ${e.reason}` });
    return false;
  }
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
    text = projectFiles(root).readText(file, { maxBytes: 1024 * 1024 }).text;
  } catch (e) {
    const why = e instanceof FileAccessError ? e.reason : (e as Error).message;
    problems.push({ file, line: 1, format, message: `skipped: ${why}` });
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
      // Claude Code names a command by its file name, wherever it sits: `plan/two.md` is `/two` (the
      // folder only shows in its description), so that is the name it is listed and found by.
      const rel = toPosix(relative(join(root, '.claude', 'commands'), abs)).replace(/\.md$/, '');
      name = rel.split('/').pop()!;
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
  const files = projectFiles(root);
  const md = (n: string) => n.endsWith('.md');
  const under = (dir: string, match: (n: string) => boolean, format: DefinitionFormat) => {
    if (want(format)) add(walk(files, dir, match, problems, format), format);
  };
  under('.claude/agents', md, 'claude-agent');
  under('.claude/commands', md, 'claude-command');
  for (const dir of options.skillDirs ?? DEFAULT_SKILL_DIRS) {
    let rel: string;
    try {
      rel = files.relative(dir);
    } catch (e) {
      if (!(e instanceof FileAccessError)) throw e;
      problems.push({ file: dir, line: 1, format: 'skill', message: `skipped: ${e.reason}` });
      continue;
    }
    under(rel, (n) => n === 'SKILL.md', 'skill');
  }
  under('.github/agents', md, 'vscode-agent');
  under('.github/chatmodes', (n) => n.endsWith('.chatmode.md'), 'vscode-chatmode');
  under('.github/prompts', (n) => n.endsWith('.prompt.md'), 'vscode-prompt');
  return { definitions, problems };
}
