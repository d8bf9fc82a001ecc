import type { Command } from 'commander';
import { TASK_KINDS } from '../../../domain/task.js';
import { collect, intOption, parseJsonInput, readInput } from '../../run.js';

/** The flags that describe one task, shared by `tasks add` and `tasks subtask`. */
export interface TaskFlags {
  name?: string;
  description?: string;
  skill?: string;
  kind?: string;
  dep: string[];
  order?: number;
  timeout?: number;
  estimate?: number;
  maxAttempts?: number;
  inputs?: string;
  critical: string[];
  expected: string[];
  nice: string[];
}

export function taskFlags(cmd: Command): Command {
  return cmd
    .option('--name <text>', 'task name')
    .option('--description <text>', 'what to do')
    .option('--skill <full_id>', 'skill id (owner/repo/name)')
    .option('--kind <kind>', `one of ${TASK_KINDS.join(', ')}`)
    .option('--dep <id>', 'depends on this task (repeatable)', collect, [])
    .option('--order <n>', 'task_order', intOption('--order'))
    .option('--timeout <seconds>', 'timeout_seconds (also the default lease)', intOption('--timeout'))
    .option('--estimate <minutes>', 'estimate_minutes', intOption('--estimate'))
    .option('--max-attempts <n>', 'attempts before the task fails', intOption('--max-attempts'))
    .option('--inputs <json>', 'inputs as a JSON object')
    .option('--critical <text>', 'a critical validation criterion (repeatable)', collect, [])
    .option('--expected <text>', 'an expected validation criterion (repeatable)', collect, [])
    .option('--nice <text>', 'a nice-to-have criterion (repeatable)', collect, []);
}

/** A task from a JSON file (or stdin), else from flags. */
export function taskFromArgs(file: string | undefined, f: TaskFlags, cwd: string): unknown {
  if (file) {
    const { text, name } = readInput(file, cwd);
    return parseJsonInput(text, name);
  }
  const task: Record<string, unknown> = { task_name: f.name ?? '' };
  if (f.description) task.description = f.description;
  if (f.skill) task.skill_id = f.skill;
  if (f.kind) task.kind = f.kind;
  if (f.dep.length) task.dependencies = f.dep;
  if (f.order !== undefined) task.task_order = f.order;
  if (f.timeout !== undefined) task.timeout_seconds = f.timeout;
  if (f.estimate !== undefined) task.estimate_minutes = f.estimate;
  if (f.maxAttempts !== undefined) task.max_attempts = f.maxAttempts;
  if (f.inputs) task.inputs = parseJsonInput(f.inputs, '--inputs');
  if (f.critical.length || f.expected.length || f.nice.length) {
    task.validation_criteria = { critical: f.critical, expected: f.expected, nice_to_have: f.nice };
  }
  return task;
}
