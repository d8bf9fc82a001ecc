import type { Plan } from '../domain/plan.js';
import { slugify } from '../domain/plan.js';

/** `20260105-093000` from an ISO time (UTC). */
export function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Where a plan's main file lives, relative to the project root. */
export function mainArtefact(plan: Pick<Plan, 'style' | 'slug' | 'created_at'>): string {
  if (plan.style === 'prd') return `requirements/${plan.slug}/prd.md`;
  return `plans/${plan.slug}-${stamp(plan.created_at)}.md`;
}

export function approachArtefact(plan: Pick<Plan, 'slug'>, index: number, name: string): string {
  return `plans/${plan.slug}-approach-${index + 1}-${slugify(name, 32)}.md`;
}

export function comparisonArtefact(plan: Pick<Plan, 'slug' | 'created_at'>): string {
  return `plans/${plan.slug}-approaches-${stamp(plan.created_at)}.md`;
}
