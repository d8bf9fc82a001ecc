import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type TaskFilter,
  type TaskKind,
  type TaskStatus,
} from '../../../domain/task.js';

export interface FilterFlags {
  status?: string;
  plan?: string;
  skill?: string;
  kind?: string;
  category?: string;
}

export function filterFlags(cmd: Command, withStatus = false): Command {
  if (withStatus)
    cmd.option('--status <list>', `comma-separated: ${TASK_STATUSES.join(', ')}`, parseStatuses);
  return cmd
    .option('--plan <id>', 'only this plan')
    .option('--skill <full_id>', 'only this skill')
    .option('--kind <kind>', `only this kind (${TASK_KINDS.join(', ')})`, parseKind)
    .option('--category <name>', 'only this skill category');
}

function parseStatuses(v: string): string {
  for (const s of v.split(',')) {
    if (!TASK_STATUSES.includes(s.trim() as TaskStatus))
      throw new InvalidArgumentError(`unknown status "${s}"; use ${TASK_STATUSES.join(', ')}`);
  }
  return v;
}

function parseKind(v: string): string {
  if (!TASK_KINDS.includes(v as TaskKind))
    throw new InvalidArgumentError(`unknown kind "${v}"; use ${TASK_KINDS.join(', ')}`);
  return v;
}

export function toFilter(f: FilterFlags): TaskFilter {
  const out: TaskFilter = {};
  if (f.status) out.status = f.status.split(',').map((s) => s.trim()) as TaskStatus[];
  if (f.plan) out.plan_id = f.plan;
  if (f.skill) out.skill_id = f.skill;
  if (f.kind) out.kind = f.kind as TaskKind;
  if (f.category) out.category = f.category;
  return out;
}
