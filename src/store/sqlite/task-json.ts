import { type RawBuilder, sql } from 'kysely';

/** An epoch-milliseconds column as `toISOString()` writes it, in integer arithmetic (no float rounding). */
const isoOf = (col: string) =>
  `case when ${col} is null then null else strftime('%Y-%m-%dT%H:%M:%S', ${col} / 1000, 'unixepoch') || '.' || printf('%03d', ${col} % 1000) || 'Z' end`;

const links = (kind: string) =>
  `json(coalesce((select json_group_array(dep_id) from task_deps d where d.task_id = tasks.id and d.kind = '${kind}'), '[]'))`;

/**
 * One task's JSON, built by SQLite in the order and shape of `toTask` (kysely/core.ts): a 100k-task
 * listing leaves the database as strings, with no row objects in between. The store contract suite parses
 * it and compares it with `listTasks` field by field, so the two cannot drift apart.
 */
export const TASK_JSON: RawBuilder<string> = sql.raw(`json_object(
  'id', id, 'plan_id', plan_id, 'batch_id', batch_id, 'parent_id', parent_id, 'task_order', task_order,
  'position', position, 'task_name', task_name, 'description', description, 'skill_id', skill_id,
  'category', category, 'kind', kind, 'status', status, 'ready', json(iif(ready = 1, 'true', 'false')),
  'dependencies', ${links('dep')}, 'critiques', ${links('critiques')},
  'inputs', json(inputs), 'validation_criteria', json(validation_criteria), 'timeout_seconds', timeout_seconds,
  'estimate_minutes', estimate_minutes, 'attempts', attempts, 'max_attempts', max_attempts,
  'lease', iif(lease_owner is null, null, json_object('owner', lease_owner, 'expires_at', ${isoOf('lease_expires_at')})),
  'outputs', json(outputs), 'last_error', last_error, 'subtask_count', subtask_count,
  'created_at', ${isoOf('created_at')}, 'updated_at', ${isoOf('updated_at')},
  'started_at', ${isoOf('started_at')}, 'completed_at', ${isoOf('completed_at')})`);
