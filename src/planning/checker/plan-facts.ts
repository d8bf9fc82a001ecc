import type { Plan } from '../../domain/plan.js';
import type { PlanFacts } from './check-plan.js';

/** A plan model's facts for the checker, each located by its field path (what the gate and refusals show). */
export function planFacts(plan: Plan): PlanFacts {
  const facts: PlanFacts = {
    files: [],
    commands: [],
    sketches: [],
    claims: [],
    requirement: plan.requirement?.text,
  };
  facts.claims.push(
    { text: plan.title, at: 'title' },
    { text: plan.analysis.summary, at: 'analysis.summary' },
  );
  plan.phases.forEach((p, i) => {
    facts.claims.push({ text: p.title, at: `phases[${i}].title` });
    p.steps.forEach((s, j) => {
      const step = `phases[${i}].steps[${j}]`;
      facts.claims.push({ text: s.title, at: `${step}.title` }, { text: s.detail, at: `${step}.detail` });
      for (const mode of ['modify', 'create'] as const) {
        const list = mode === 'modify' ? s.files_to_modify : s.files_to_create;
        list.forEach((f, k) => {
          const at = `${step}.files_to_${mode}[${k}]`;
          facts.files.push({
            path: f.path,
            mode,
            later: f.later,
            at,
            group: i,
            points: (f.edit_points ?? []).map((e, m) => ({
              symbol: e.symbol,
              start_line: e.start_line,
              end_line: e.end_line,
              at: `${at}.edit_points[${m}]`,
            })),
          });
          if (f.why) facts.claims.push({ text: f.why, at: `${at}.why` });
        });
      }
      if (s.sketch)
        facts.sketches.push({ language: s.sketch.language, code: s.sketch.code, at: `${step}.sketch` });
    });
    p.automated_checks.forEach((c, k) => {
      facts.commands.push({ command: c.command, at: `phases[${i}].automated_checks[${k}]`, group: i });
    });
  });
  // Where else a plan names the tests it writes (partial plans from a model may lack these).
  facts.notes = [
    plan.tests?.strategy ?? '',
    ...(plan.tests?.cases ?? []),
    ...plan.phases.flatMap((p) => [p.goal ?? '', ...(p.manual_checks ?? [])]),
  ];
  return facts;
}
