import { isAbsolute, join, relative } from 'node:path';
import type { AgentEvent, ToolContext } from '../agent/context.js';
import type { LoopLimits } from '../agent/loop.js';
import { runLoop } from '../agent/loop.js';
import type { LanguageModel } from '../agent/model.js';
import type { PlansmithTool } from '../agent/tools/index.js';
import { buildToolSet, mapTools } from '../agent/tools/index.js';
import type { Definition, DefinitionFormat, Problem } from '../domain/agent.js';
import { InputError } from '../domain/errors.js';
import { explore } from '../explore/explore.js';
import { inventory } from '../explore/inventory.js';
import { FileAccessError, isInside, readUserFile } from '../files/project-files.js';
import { FrontmatterError, parseFrontmatter } from '../registry/frontmatter.js';
import type { SkillRegistry } from '../registry/index.js';
import { loadFile } from '../registry/loaders.js';
import type { TaskStore } from '../store/task-store.js';

export interface AgentRunResult {
  agent: string;
  format: DefinitionFormat;
  source: string;
  mapped: Record<string, PlansmithTool[]>;
  /** Tools the file names that plansmith does not have (or will not give: writes, shell, web). */
  unmapped: string[];
  text: string;
  steps: number;
  stopped_by: string;
  usage: { input: number; output: number; total: number };
  tool_calls: string[];
}

/** Guesses the format of an agent file given by path, from its name and frontmatter. */
function formatOf(file: string, fields: Record<string, unknown>): DefinitionFormat {
  if (/\.agent\.md$/.test(file) || fields.handoffs || fields.target) return 'vscode-agent';
  if (/\.chatmode\.md$/.test(file)) return 'vscode-chatmode';
  if (/\.prompt\.md$/.test(file) || fields.mode) return 'vscode-prompt';
  if (/SKILL\.md$/.test(file) || (fields.name && (fields.category || fields.tags || fields['allowed-tools'])))
    return 'skill';
  if (fields.name && fields.description) return 'claude-agent';
  return 'claude-command';
}

/** Loads a definition by registry name or by file path (any location, leniently: the file is the user's). */
export function resolveDefinition(ref: string, root: string, registry: SkillRegistry): Definition {
  const known = registry.definition(ref);
  if (known) return known;
  const abs = isAbsolute(ref) ? ref : join(root, ref);
  let source: string;
  try {
    source = readUserFile(abs, { what: 'agent or command file', maxBytes: 1024 * 1024 }).text;
  } catch (e) {
    if (e instanceof FileAccessError && e.reason === 'no such file')
      throw new InputError(`no agent, command or file "${ref}"; see plansmith agents list`);
    if (e instanceof FileAccessError) throw new InputError(`${ref}: ${e.reason}`);
    throw e;
  }
  let fields: Record<string, unknown> = {};
  try {
    fields = parseFrontmatter(source).fields;
  } catch {}
  const format = formatOf(abs, fields);
  const problems: Problem[] = [];
  const inside = isInside(root, abs);
  const def = inside ? loadFile(root, abs, format, problems) : null;
  if (def) return def;
  // The rules of the file's format (a skill named like its folder, …) bind files in their place;
  // a file run directly only needs to parse.
  let parsed: ReturnType<typeof parseFrontmatter>;
  try {
    parsed = parseFrontmatter(source);
  } catch (e) {
    if (e instanceof FrontmatterError) throw new InputError(`${ref}:${e.line}: ${e.message}`);
    throw e;
  }
  const stem = abs.slice(abs.lastIndexOf('/') + 1).replace(/\.(agent|chatmode|prompt)?\.?md$|\.txt$/, '');
  const fatal = problems.find((p) => /YAML|frontmatter/.test(p.message));
  if (fatal) throw new InputError(`${ref}:${fatal.line}: ${fatal.message}`);
  const tools = parsed.fields.tools ?? parsed.fields['allowed-tools'];
  return {
    format,
    name: String(parsed.fields.name ?? stem),
    description: String(parsed.fields.description ?? ''),
    fields: parsed.fields,
    tools: Array.isArray(tools)
      ? tools.map(String)
      : typeof tools === 'string'
        ? tools
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    handoffs: [],
    body: parsed.body,
    source: { file: relative(root, abs) || abs, line: 1 },
  };
}

/** Runs an agent or command definition with its tools mapped onto plansmith's (read-only, plus task tools). */
export async function runAgentDefinition(o: {
  root: string;
  ref: string;
  prompt: string;
  registry: SkillRegistry;
  store: () => Promise<TaskStore>;
  model: LanguageModel;
  modelName: string;
  limits?: Partial<LoopLimits>;
  onEvent?: (e: AgentEvent) => void;
}): Promise<AgentRunResult> {
  const def = resolveDefinition(o.ref, o.root, o.registry);
  if (!o.prompt.trim()) throw new InputError('give the agent a prompt: plansmith agent run <name|file> "…"');
  const { mapped, unmapped } = mapTools(def.tools, def.body);
  const names = new Set(Object.values(mapped).flat());
  const files = inventory(o.root).files.map((f) => f.path);
  let report: ReturnType<typeof explore> | null = null;
  const ctx: ToolContext = {
    root: o.root,
    report: () => {
      report ??= explore(o.root, { for: o.prompt, top: 15 });
      return { report, inventoryFiles: files };
    },
    skills: o.registry,
    store: o.store,
    unanswered: [],
    thoughts: [],
    emit: o.onEvent ?? (() => {}),
  };
  // Commands take their prompt as arguments; agents and skills get it as the request.
  const args = o.prompt.split(/\s+/);
  const system =
    def.format === 'claude-command' || def.format === 'vscode-prompt'
      ? `You run the command "${def.name}". Tools that change files or run commands are not available here: plan and describe, do not edit.`
      : `${def.body.trim()}\n\n(plansmith runs this agent read-only: tools that change source files, run commands or reach the web are not available.)`;
  const prompt =
    def.format === 'claude-command' || def.format === 'vscode-prompt'
      ? def.body
          .replace(/\$ARGUMENTS/g, o.prompt)
          .replace(/\$(\d)/g, (_, n: string) => args[Number(n) - (/\$0\b/.test(def.body) ? 0 : 1)] ?? '')
          .replace(/\$\{input:[^}]*\}/g, o.prompt)
      : o.prompt;
  const state = { submitted: false, repairsExhausted: false, tokens: 0 };
  const r = await runLoop({
    model: o.model,
    modelName: o.modelName,
    system,
    prompt,
    tools: buildToolSet(names, ctx, o.model, o.modelName),
    state,
    limits: o.limits,
    emit: ctx.emit,
  });
  return {
    agent: def.name,
    format: def.format,
    source: def.source.file,
    mapped,
    unmapped,
    text: r.text,
    steps: r.steps,
    stopped_by: r.stoppedBy,
    usage: r.usage,
    tool_calls: r.toolCalls,
  };
}
