import type { LintResult } from '../../../planning/lint/lint.js';

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
