import type { Plan } from '../../../domain/plan.js';
import type { LintResult } from '../../../planning/lint/lint.js';
import type { PlanSummary } from '../../../store/task-store.js';

export function formatLint(r: LintResult): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  if (r.findings.length === 0) return `${r.file}: ok (${r.style} plan)`;
  const head = `${r.file}: ${errors} error(s), ${warnings} warning(s) (${r.style} plan)`;
  return [
    head,
    ...r.findings.map((f) => `  ${f.file}:${f.line}: ${f.severity} [${f.rule}] ${f.message}`),
  ].join('\n');
}

/** `plans show` for a person: what the plan is, where it is, its phases, open questions and handoffs. */
export function formatPlan(
  plan: Plan,
  o: { summary: PlanSummary & { state?: string }; revisions: number[]; path: string },
): string {
  const open = plan.questions.filter((q) => !q.answer);
  const estimated = plan.phases.filter((p) => p.estimate_minutes !== undefined);
  const minutes = estimated.reduce((n, p) => n + (p.estimate_minutes ?? 0), 0);
  const lines = [
    plan.title,
    `  ${plan.id} · ${plan.style} plan · revision ${plan.revision} of ${o.revisions.length} · ${o.summary.state ?? plan.status} · ${plan.engine} engine`,
    // A plan made by create_tasks_batch has no file; its requirement is the architecture summary, shown whole.
    ...(o.path
      ? [`  file: ${o.path}`, `  requirement: ${plan.requirement.text.split('\n')[0]}`]
      : [
          '  file: none (made by create_tasks_batch)',
          '  architecture:',
          ...plan.requirement.text.split('\n').map((l) => `    ${l}`),
        ]),
    '',
    `Phases (${plan.phases.length}${estimated.length ? `, about ${minutes} min${estimated.length < plan.phases.length ? ` for ${estimated.length} estimated` : ''}` : ''}):`,
    ...plan.phases.map(
      (p, i) =>
        `  ${i + 1}. ${p.title} — ${p.steps.length} step${p.steps.length === 1 ? '' : 's'}${p.estimate_minutes === undefined ? '' : `, ${p.estimate_minutes} min`}`,
    ),
  ];
  if (open.length)
    lines.push('', `Open questions (${open.length}):`, ...open.map((q, i) => `  Q${i + 1}. ${q.question}`));
  if (plan.handoffs.length)
    lines.push('', 'Handoffs:', ...plan.handoffs.map((h, i) => `  ${i + 1}. ${h.label} → ${h.agent}`));
  lines.push('', o.path ? `The whole plan: ${o.path} (or --json for the model).` : 'The model: --json.');
  return lines.join('\n');
}
