import type { ToolSet } from 'ai';
import type { ToolContext } from '../context.js';
import type { LanguageModel } from '../model.js';
import { askUserTool } from './ask-user.js';
import { exploreCodebaseTool } from './explore-codebase.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { listDirTool } from './list-dir.js';
import { precedentTool } from './precedent.js';
import { readFileTool } from './read-file.js';
import { researchTool } from './research.js';
import { searchSkillsTool } from './search-skills.js';
import { taskTools } from './tasks.js';
import { thinkTool } from './think.js';

export type PlansmithTool =
  | 'explore_codebase'
  | 'precedent'
  | 'read_file'
  | 'grep'
  | 'glob'
  | 'list_dir'
  | 'search_skills'
  | 'think'
  | 'ask_user'
  | 'research'
  | 'create_tasks_batch'
  | 'create_task'
  | 'create_subtask';

/**
 * How tool names in agent files map onto plansmith's tools. Names are compared without MCP prefixes
 * (`mcp__server__`, `publisher.extension/`, `#tool:`), case and punctuation. Tools that would change
 * source files or reach the network (Edit, Write, Bash, WebSearch, …) have no mapping on purpose.
 */
const MAP: Record<string, PlansmithTool[]> = {
  read: ['read_file'],
  readfile: ['read_file'],
  view: ['read_file'],
  open: ['read_file'],
  cat: ['read_file'],
  grep: ['grep'],
  search: ['grep', 'glob'],
  codebase: ['explore_codebase'],
  precedent: ['precedent'],
  findtextinfiles: ['grep'],
  textsearch: ['grep'],
  glob: ['glob'],
  find: ['glob'],
  filesearch: ['glob'],
  ls: ['list_dir'],
  list: ['list_dir'],
  listdir: ['list_dir'],
  listdirectory: ['list_dir'],
  todo: ['think'],
  todowrite: ['think'],
  todos: ['think'],
  think: ['think'],
  planner: ['think'],
  sequentialthinking: ['think'],
  agent: ['research'],
  task: ['research'],
  subagent: ['research'],
  runsubagent: ['research'],
  searchskills: ['search_skills'],
  createtasksbatch: ['create_tasks_batch'],
  createtask: ['create_task'],
  createsubtask: ['create_subtask'],
  explorecodebase: ['explore_codebase'],
  askuser: ['ask_user'],
  askfollowupquestion: ['ask_user'],
};

export function normaliseToolName(name: string): string {
  return name
    .replace(/^#tool:/, '')
    .replace(/^mcp__[^_]+(?:_[^_]+)*?__/, '')
    .replace(/^[\w-]+\.[\w-]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ToolMapping {
  mapped: Record<string, PlansmithTool[]>;
  unmapped: string[];
}

/** Maps the tools a definition declares; `plansmith/*` (or `mcp__plansmith__*`) means all of plansmith's. */
export function mapTools(declared: string[], body: string): ToolMapping {
  const mapped: Record<string, PlansmithTool[]> = {};
  const unmapped: string[] = [];
  for (const d of declared) {
    if (/^plansmith\/\*$|^mcp__plansmith__\*?$/.test(d)) {
      mapped[d] = [
        'explore_codebase',
        'precedent',
        'read_file',
        'grep',
        'glob',
        'list_dir',
        'search_skills',
        'think',
        'create_tasks_batch',
        'create_task',
        'create_subtask',
      ];
      continue;
    }
    const hit = MAP[normaliseToolName(d)];
    if (hit) mapped[d] = hit;
    else unmapped.push(d);
  }
  // A definition that declares no tools gets the read-only set, plus the task tools its text names.
  if (declared.length === 0) {
    mapped['(default)'] = ['explore_codebase', 'precedent', 'read_file', 'grep', 'glob', 'list_dir', 'think'];
    for (const t of ['search_skills', 'create_tasks_batch', 'create_task', 'create_subtask'] as const)
      if (body.includes(t)) mapped[`(named in text) ${t}`] = [t];
  }
  return { mapped, unmapped };
}

export function buildToolSet(
  names: Set<PlansmithTool>,
  ctx: ToolContext,
  model: LanguageModel,
  modelName: string,
): ToolSet {
  const tasks = taskTools(ctx);
  const all: Record<PlansmithTool, () => ToolSet[string]> = {
    explore_codebase: () => exploreCodebaseTool(ctx),
    precedent: () => precedentTool(ctx),
    read_file: () => readFileTool(ctx),
    grep: () => grepTool(ctx),
    glob: () => globTool(ctx),
    list_dir: () => listDirTool(ctx),
    search_skills: () => searchSkillsTool(ctx),
    think: () => thinkTool(ctx),
    ask_user: () => askUserTool(ctx),
    research: () => researchTool(ctx, model, modelName),
    create_tasks_batch: () => tasks.create_tasks_batch,
    create_task: () => tasks.create_task,
    create_subtask: () => tasks.create_subtask,
  };
  const out: ToolSet = {};
  for (const n of names) out[n] = all[n]();
  return out;
}
