import type { Plan } from '../domain/plan.js';
import type { Task } from '../domain/task.js';

/**
 * Text from people and models rendered into markdown plansmith owns. Whatever it holds, it cannot break a
 * line, a list item or a table row (line breaks become spaces in one-line fields, pipes are escaped in
 * cells), and it cannot forge a plansmith marker (`<!-- plansmith…` becomes visible text, so a fence or a
 * task marker is only ever one plansmith wrote).
 */
const MARKER = /<!--(\s*plansmith)/gi;
const BREAKS = /[\r\n\u2028\u2029\u0085\v\f]+/g;

/** A string for one line of markdown. */
export function inline(s: string): string {
  return s.replace(BREAKS, ' ').replace(MARKER, '&lt;!--$1');
}

/** A multi-line string (a description, a sketch): lines kept, markers defused. */
export function block(s: string): string {
  return s.replace(MARKER, '&lt;!--$1');
}

/**
 * Prose for markdown: a `<` that would open an HTML tag (`<skipped>`, `<file>:<line>`) becomes `&lt;`, so a
 * renderer shows it instead of swallowing it; code spans are left as written. Applied once, to text that is
 * not code; the importer turns `&lt;` back into `<`.
 */
export function prose(s: string): string {
  return s
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 ? part : part.replace(/<(?=[A-Za-z/!?])/g, '&lt;')))
    .join('');
}

/** A code fence long enough that nothing inside the code can close it. */
export function fenceFor(code: string): string {
  let longest = 2;
  for (const m of code.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(longest + 1);
}

/** Fields whose line breaks are content (rendered in blocks, fenced code or paragraphs). */
const MULTI_LINE = new Set([
  'code',
  'text',
  'detail',
  'summary',
  'prompt',
  'description',
  'goal',
  'rationale',
]);

/** Fields rendered in code (spans, shell lines, fenced blocks) or in paths: never HTML-escaped. */
const CODE = new Set([
  'code',
  'prompt',
  'command',
  'path',
  'file',
  'symbol',
  'signature',
  'language',
  'read_first',
  'next_command',
  'agent',
  'failing_step',
  'error',
  'verify',
  'files',
  'name_in_code',
  'spellings',
  'selects',
]);

function walk(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    const s = MULTI_LINE.has(key) ? block(value) : inline(value);
    return CODE.has(key) ? s : prose(s);
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
    return out;
  }
  return value;
}

/** A copy of the plan safe to interpolate into markdown. */
export function safePlan(plan: Plan): Plan {
  return walk(plan, '') as Plan;
}

/** A copy of the tasks with names and the like safe for one markdown line each. */
export function safeTasks(tasks: Task[]): Task[] {
  return tasks.map((t) => ({
    ...t,
    task_name: inline(t.task_name),
    skill_id: t.skill_id === null || t.skill_id === undefined ? t.skill_id : inline(t.skill_id),
    lease: t.lease ? { ...t.lease, owner: inline(t.lease.owner) } : t.lease,
  }));
}
