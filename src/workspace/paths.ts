import { InputError } from '../domain/errors.js';
import type { Plan } from '../domain/plan.js';
import { slugify } from '../domain/plan.js';

/** `20260105-093000` from an ISO time (UTC). */
export function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const STAMP = /^\d{8}-\d{6}$/;

/** An identifier that becomes part of a path: checked again here, whatever validated it before. */
function segment(value: string, pattern: RegExp, field: string): string {
  if (!pattern.test(value))
    throw new InputError(`field ${field}: "${value.slice(0, 80)}" cannot be part of a file name`);
  return value;
}

/** Where a plan's main file lives, relative to the project root. */
export function mainArtefact(plan: Pick<Plan, 'style' | 'slug' | 'created_at'>): string {
  segment(plan.slug, SLUG, 'slug');
  segment(stamp(plan.created_at), STAMP, 'created_at');
  if (plan.style === 'prd') return `requirements/${plan.slug}/prd.md`;
  return `plans/${plan.slug}-${stamp(plan.created_at)}.md`;
}

export function approachArtefact(plan: Pick<Plan, 'slug'>, index: number, name: string): string {
  segment(plan.slug, SLUG, 'slug');
  if (!Number.isInteger(index) || index < 0 || index > 9)
    throw new InputError(`approach number ${index + 1} is out of range`);
  return `plans/${plan.slug}-approach-${index + 1}-${slugify(name, 32)}.md`;
}

export function comparisonArtefact(plan: Pick<Plan, 'slug' | 'created_at'>): string {
  segment(plan.slug, SLUG, 'slug');
  segment(stamp(plan.created_at), STAMP, 'created_at');
  return `plans/${plan.slug}-approaches-${stamp(plan.created_at)}.md`;
}
