import type { Task, TaskEvent } from '../domain/task.js';
import { TERMINAL_UNSAFE } from '../domain/text-safety.js';

/**
 * Text made safe for a terminal: every control character but the line feed and the tab (ESC, CSI, OSC, BEL,
 * BS, CR, DEL, the C1 range, NUL…) and every bidi control becomes a visible `\uXXXX`. Everything plansmith
 * prints for people passes through here once (the CLI's output and error writers), so a task name, an error
 * or a model's text cannot clear the screen, forge lines, set the clipboard or plant hyperlinks. The same
 * escape is valid inside a JSON string, so `--json` output stays parseable and its values unchanged.
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MARK: Record<string, string> = {
  pending: '○',
  in_progress: '◐',
  done: '●',
  failed: '✗',
  blocked: '■',
  cancelled: '–',
};

export function statusLabel(t: Pick<Task, 'status' | 'ready'>): string {
  if (t.status === 'pending' && t.ready) return `${MARK.pending} ready`;
  return `${MARK[t.status] ?? '?'} ${t.status.replace('_', ' ')}`;
}

export function taskLine(t: Task, indent = ''): string {
  const skill = t.skill_id ? `  [${t.skill_id}]` : '';
  const sub = t.subtask_count ? `  (${t.subtask_count} sub-tasks)` : '';
  return `${indent}${t.id}  ${statusLabel(t).padEnd(13)} ${String(t.task_order).padStart(3)}  ${t.task_name}${sub}${skill}`;
}

export function taskTable(
  tasks: Task[],
  options: { tree?: boolean; total?: number; plans?: Map<string, string> } = {},
): string {
  if (tasks.length === 0) return 'no tasks';
  const lines: string[] = [];
  if (options.tree && options.plans) {
    // Grouped by plan, in the order the plans' tasks first appear; tasks of no plan last.
    const groups = new Map<string, Task[]>();
    for (const t of tasks) groups.set(t.plan_id ?? '', [...(groups.get(t.plan_id ?? '') ?? []), t]);
    const order = [...groups.keys()].sort((a, b) => Number(a === '') - Number(b === ''));
    const parts = order.map((id) => {
      const head = id ? `plan ${options.plans!.get(id) ?? id}` : 'tasks of no plan';
      const body = taskTable(groups.get(id)!, { tree: true })
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
      return `${head}\n${body}`;
    });
    lines.push(parts.join('\n\n'));
  } else if (options.tree) {
    const kids = new Map<string, Task[]>();
    const ids = new Set(tasks.map((t) => t.id));
    for (const t of tasks)
      if (t.parent_id && ids.has(t.parent_id)) kids.set(t.parent_id, [...(kids.get(t.parent_id) ?? []), t]);
    for (const t of tasks) {
      if (t.parent_id && ids.has(t.parent_id)) continue;
      lines.push(taskLine(t));
      for (const k of (kids.get(t.id) ?? []).sort((a, b) => (a.position ?? 0) - (b.position ?? 0)))
        lines.push(taskLine(k, '  └ '));
    }
  } else lines.push(...tasks.map((t) => taskLine(t)));
  if (options.total !== undefined && options.total > tasks.length)
    lines.push(`… ${tasks.length} of ${options.total} shown (use --limit/--offset)`);
  return lines.join('\n');
}

export function taskDetail(t: Task, extra: { subtasks?: Task[]; history?: TaskEvent[] } = {}): string {
  const lines = [
    `${t.task_name}`,
    `  id          ${t.id}`,
    `  status      ${statusLabel(t)}${t.last_error ? ` — ${t.last_error}` : ''}`,
    `  kind        ${t.kind}${t.skill_id ? `, skill ${t.skill_id}` : ''}`,
  ];
  if (t.plan_id) lines.push(`  plan        ${t.plan_id}`);
  if (t.parent_id) lines.push(`  parent      ${t.parent_id} (sub-task ${t.position})`);
  lines.push(`  order       ${t.task_order}`, `  attempts    ${t.attempts} of ${t.max_attempts}`);
  if (t.lease) lines.push(`  lease       ${t.lease.owner} until ${t.lease.expires_at}`);
  if (t.dependencies.length) lines.push(`  depends on  ${t.dependencies.join(', ')}`);
  if (t.critiques.length) lines.push(`  critiques   ${t.critiques.join(', ')}`);
  if (t.description) lines.push('', `  ${t.description}`);
  const vc = t.validation_criteria;
  for (const [k, list] of [
    ['critical', vc.critical],
    ['expected', vc.expected],
    ['nice to have', vc.nice_to_have],
  ] as const) {
    if (list.length) lines.push('', `  ${k}:`, ...list.map((c) => `    - ${c}`));
  }
  if (Object.keys(t.inputs).length)
    lines.push(
      '',
      '  inputs:',
      ...JSON.stringify(t.inputs, null, 2)
        .split('\n')
        .map((l) => `    ${l}`),
    );
  if (Object.keys(t.outputs).length)
    lines.push(
      '',
      '  outputs:',
      ...JSON.stringify(t.outputs, null, 2)
        .split('\n')
        .map((l) => `    ${l}`),
    );
  if (extra.subtasks?.length)
    lines.push('', '  sub-tasks:', ...extra.subtasks.map((s) => taskLine(s, '    ')));
  if (extra.history?.length)
    lines.push(
      '',
      '  history:',
      ...extra.history.map(
        (e) =>
          `    ${e.at}  ${e.type}${e.actor ? ` by ${e.actor}` : ''}${Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : ''}`,
      ),
    );
  return lines.join('\n');
}
