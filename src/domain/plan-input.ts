import { z } from 'zod';
import { planSchema } from './plan.js';
import { canonical, LIKELIHOOD_WORDS, PHASE_KIND_WORDS, WORK_TYPE_WORDS } from './words.js';

/**
 * The plan as a model or a host agent writes it, and the intake that takes what they really send.
 *
 * plansmith fills the fields below itself (ids, dates, revisions, the requirement, the handoffs), so the
 * schema a model is shown leaves them out. The JSON Schemas are generated from the zod model; nothing here
 * restates the plan's shape by hand.
 */
const FILLED = {
  id: true,
  revision: true,
  slug: true,
  style: true,
  status: true,
  engine: true,
  created_at: true,
  requirement: true,
  handoffs: true,
  next_command: true,
  revision_notes: true,
  precedent: true,
} as const;

/** What a model submits: the plan without the fields plansmith fills. */
export const submittedPlanSchema = planSchema.omit(FILLED);

/** The fields a compact schema keeps besides the required ones (the rest: `plansmith://schema/plan`). */
const COMPACT_KEEP = new Set([
  'files_to_create',
  'files_to_modify',
  'automated_checks',
  'manual_checks',
  'kind',
  'detail',
  'questions',
]);

type Json = Record<string, unknown>;

/**
 * The typed JSON Schema of a submitted plan. `full`: every field a model writes, for the built-in engine's
 * submit_plan. `compact`: the required fields and the few every plan needs (files, checks), for MCP
 * save_plan, whose schema sits in every host agent's context; other fields are still accepted. The task
 * graph (`tasks`) is left out of both (plansmith derives it from the phases; it is still accepted), and
 * the CI diagnosis (`ci`) is in only when a CI log is being planned.
 */
export function submittedPlanJsonSchema(variant: 'full' | 'compact', o: { ci?: boolean } = {}): Json {
  const base = o.ci
    ? submittedPlanSchema.omit({ tasks: true })
    : submittedPlanSchema.omit({ ci: true, tasks: true });
  const full = z.toJSONSchema(base, { io: 'input', unrepresentable: 'any' }) as Json;
  delete full.$schema;
  return variant === 'full' ? full : compact(full);
}

/** The compact schema keeps these fields' descriptions: which side a file goes on matters to every host. */
const COMPACT_DESCRIBED = new Set(['files_to_create', 'files_to_modify']);

function compact(node: unknown, described = false): Json {
  const s = { ...(node as Json) };
  if (s.type === 'object' && s.properties) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const props: Json = {};
    for (const [k, v] of Object.entries(s.properties as Json))
      if (required.has(k) || COMPACT_KEEP.has(k)) props[k] = compact(v, COMPACT_DESCRIBED.has(k));
    s.properties = props;
    s.additionalProperties = true;
  }
  if (s.type === 'array' && s.items) s.items = compact(s.items);
  delete s.default;
  // Other field descriptions stay in the full schema (the resource and submit_plan): the compact one is read
  // in every host's context on every turn.
  if (!described) delete s.description;
  return s;
}

/** Synonym tables for the plan's enums, by field name. */
const ENUM_WORDS: Record<string, Record<string, string>> = {
  work_type: WORK_TYPE_WORDS,
  kind: PHASE_KIND_WORDS,
  likelihood: LIKELIHOOD_WORDS,
};

export interface Intake {
  /** The plan fields, normalised; null when nothing could be made of the input. */
  value: Json | null;
  /** What was normalised, one line each (said back to the sender). */
  notes: string[];
  /** Why the input could not be taken at all. */
  problems: string[];
}

/**
 * Takes a plan as senders really send it: `{plan: {...}}`, the fields at the top level, the plan as a JSON
 * string, enum values in another case or as a common synonym, numbers as strings, one value where a list
 * goes, a path where a file entry goes. Each change is noted; what cannot be made right is left for the
 * schema check to refuse with its field.
 */
export function intakePlan(raw: unknown, schema: z.ZodType = submittedPlanSchema): Intake {
  const notes: string[] = [];
  let input = raw;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (!parsed.ok)
      return { value: null, notes, problems: [`plan: a string that is not JSON (${parsed.error})`] };
    notes.push('the arguments came as a JSON string; parsed');
    input = parsed.value;
  }
  if (!isObject(input))
    return { value: null, notes, problems: ['plan: expected an object with the plan fields'] };
  let body: unknown = input.plan;
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'plan'));
  if (typeof body === 'string') {
    const parsed = parseJson(body);
    if (!parsed.ok)
      return { value: null, notes, problems: [`plan: a string that is not JSON (${parsed.error})`] };
    notes.push('plan came as a JSON string; parsed');
    body = parsed.value;
  }
  if (body === undefined || (isObject(body) && Object.keys(body).length === 0 && Object.keys(rest).length)) {
    if (Object.keys(rest).length) notes.push('the plan fields were at the top level; taken as the plan');
    body = { ...rest, ...(isObject(body) ? body : {}) };
  } else if (isObject(body) && Object.keys(rest).some((k) => k in shapeOf(schema)) && !('phases' in body)) {
    notes.push(`plan fields beside "plan" (${Object.keys(rest).join(', ')}) were merged into it`);
    body = { ...rest, ...body };
  }
  if (!isObject(body))
    return { value: null, notes, problems: ['plan: expected an object with the plan fields'] };
  return { value: coerce(schema, body, '', notes) as Json, notes, problems: [] };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0]! };
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Optional and default wrappers removed. */
function unwrap(s: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let schema = s;
  let optional = false;
  for (
    let d = defOf(schema);
    d.type === 'optional' || d.type === 'default' || d.type === 'nullable';
    d = defOf(schema)
  ) {
    optional = true;
    schema = d.innerType!;
  }
  return { schema, optional };
}

function shapeOf(s: z.ZodType): Record<string, z.ZodType> {
  return defOf(unwrap(s).schema).shape ?? {};
}

function coerce(s: z.ZodType, v: unknown, path: string, notes: string[]): unknown {
  const { schema } = unwrap(s);
  const def = defOf(schema);
  const at = path || '(plan)';
  switch (def.type) {
    case 'object': {
      if (typeof v === 'string' && v.trim()) {
        // "src/x.ts" for a file entry, "npm test" for a check: the object's first required text field.
        const main = Object.entries(def.shape!).find(
          ([, f]) => !unwrap(f).optional && defOf(f).type === 'string',
        );
        if (!main) return v;
        const obj: Json = { [main[0]]: v };
        for (const [k, f] of Object.entries(def.shape!))
          if (k !== main[0] && !unwrap(f).optional && defOf(f).type === 'string') obj[k] = '';
        notes.push(`${at}: a text where an object goes; taken as its ${main[0]}`);
        return coerceShape(def.shape!, obj, path, notes);
      }
      return isObject(v) ? coerceShape(def.shape!, v, path, notes) : v;
    }
    case 'array': {
      if (v === null || v === undefined) return v;
      const list = Array.isArray(v) ? v : [v];
      if (!Array.isArray(v)) notes.push(`${at}: one value where a list goes; taken as a list of one`);
      return list.map((x, i) => coerce(def.element!, x, `${path}[${i}]`, notes));
    }
    case 'enum': {
      if (typeof v !== 'string') return v;
      const values = Object.values(def.entries!);
      if (values.includes(v)) return v;
      const field =
        path
          .replace(/\[\d+\]/g, '')
          .split('.')
          .pop() ?? '';
      const lower = v.trim().toLowerCase();
      const hit = values.find((x) => x === lower) ?? canonical(ENUM_WORDS[field] ?? {}, v);
      if (hit && values.includes(hit)) {
        notes.push(`${at}: "${v}" read as "${hit}"`);
        return hit;
      }
      return v;
    }
    case 'number': {
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
        notes.push(`${at}: the number "${v}" came as text`);
        return Number(v);
      }
      return v;
    }
    case 'string':
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return v;
    case 'boolean':
      if (v === 'true' || v === 'false') {
        notes.push(`${at}: the boolean "${v}" came as text`);
        return v === 'true';
      }
      return v;
    default:
      return v;
  }
}

function coerceShape(shape: Record<string, z.ZodType>, v: Json, path: string, notes: string[]): Json {
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    const field = shape[k];
    if (!field) {
      out[k] = x;
      continue;
    }
    // null for an optional field means "none".
    if (x === null && unwrap(field).optional) continue;
    out[k] = coerce(field, x, path ? `${path}.${k}` : k, notes);
  }
  return out;
}

/** The zod issues of a plan, one line each, with the field's path. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`);
}
