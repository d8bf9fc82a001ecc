import type { DeclaredHandoff } from '../domain/agent.js';
import type { Handoff, Plan } from '../domain/plan.js';
import { domainOf, familyOf } from './tasks.js';

/** An agent a project declares (from its agent files), for matching handoffs to real agents. */
export interface KnownAgent {
  name: string;
  description: string;
}

/**
 * The next agents to run: one per phase, then a reviewer. Each prompt names the plan file and carries
 * the phase's context so it can be pasted into any agent. Project agents whose name or description
 * match a phase's role are preferred over plansmith's built-in names.
 */
export function buildHandoffs(
  plan: Plan,
  artefact: string,
  agents: KnownAgent[] = [],
  declared: DeclaredHandoff[] = [],
): Handoff[] {
  const domain = domainOf(plan, plan.research.stack);
  const pickAgent = (fallback: string, words: string[]) => {
    const hit = agents.find((a) => words.some((w) => `${a.name} ${a.description}`.toLowerCase().includes(w)));
    return hit?.name ?? fallback;
  };
  const out: Handoff[] = plan.phases.map((p, i) => {
    // Each path once, however many steps name it.
    const create = [...new Set(p.steps.flatMap((s) => s.files_to_create.map((f) => f.path)))];
    const modify = [...new Set(p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)))];
    const checks = p.automated_checks.map((c) => c.command);
    const role = p.kind === 'test' ? 'testing' : p.kind === 'docs' ? 'docs' : 'development';
    // The phase's own agent when the project defines it, then the phase's skill (by name), then a project
    // agent whose name or description fits the role, then a built-in skill name: never an agent nobody
    // defines.
    const own = p.agent && agents.some((a) => a.name === p.agent) ? p.agent : undefined;
    const agent =
      own ??
      p.skill?.split('/').pop() ??
      pickAgent(
        role === 'docs' ? 'docs-writing' : `${domain}-${role}`,
        p.agent
          ? [p.agent.replace(/^xano-/, '')]
          : p.kind === 'test'
            ? ['test']
            : p.kind === 'docs'
              ? ['doc']
              : ['implement', 'develop', 'engineer', domain],
      );
    const parts = [
      `${p.kind === 'test' ? 'Write the tests of' : p.kind === 'docs' ? 'Write the docs of' : 'Implement'} phase ${i + 1} (“${p.title}”) of the plan in ${artefact}.`,
      p.goal,
      create.length ? `Create: ${create.join(', ')}.` : '',
      modify.length ? `Modify: ${modify.join(', ')}.` : '',
      checks.length
        ? `Verify with: ${checks.map((c) => `\`${c}\``).join(', ')}.`
        : p.manual_checks.length
          ? `Check: ${p.manual_checks.join('; ')}.`
          : '',
      `Requirement: ${shorten(plan.requirement.text.split('\n')[0]!, 200)}`,
    ];
    return {
      label: `Phase ${i + 1}: ${p.title}`,
      agent,
      prompt: parts.filter(Boolean).join(' '),
      send: false,
    };
  });
  // The review follows the skill family of the work it reviews (library phases → library-critique).
  const families = [
    ...new Set(
      plan.phases.filter((p) => p.kind !== 'docs').map((p) => familyOf(p.skill?.split('/').pop()) ?? domain),
    ),
  ];
  const family = families.length === 1 ? families[0]! : domain;
  out.push({
    label: 'Review the result',
    agent: pickAgent(`${family}-critique`, ['review', 'critique', 'qa']),
    prompt: `Review the work done for ${artefact} against its phases, definition of done and security notes. Give a pass or fail verdict with located feedback (what, expected, actual, where, suggestion).`,
    send: false,
  });
  // Handoffs the project's own planner agent declares in its frontmatter, given the plan as context.
  for (const d of declared) {
    if (out.some((h) => h.agent === d.agent)) continue;
    out.push({
      label: d.label,
      agent: d.agent,
      prompt: `${d.prompt ?? d.label} The plan is ${artefact}.`,
      send: d.send ?? false,
    });
  }
  return out;
}

/**
 * A text cut to at most `max` characters at a sentence end, else at a word boundary, with an ellipsis:
 * never mid-word ("(a posit").
 */
export function shorten(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const head = t.slice(0, max - 1);
  const sentence = Math.max(...['. ', '! ', '? ', '; '].map((e) => head.lastIndexOf(e)));
  if (sentence >= max / 2) return `${head.slice(0, sentence + 1)} …`;
  const space = head.search(/\s\S*$/);
  const cut = (space > 0 ? head.slice(0, space) : head).replace(/[\s,;:([{–—-]+$/, '');
  return `${cut}…`;
}

/** The handoffs declared by the project's planner agents (agents whose name or description says they plan). */
export function declaredPlannerHandoffs(
  agents: Array<{ name: string; description: string; handoffs: DeclaredHandoff[] }>,
): DeclaredHandoff[] {
  return agents.filter((a) => /plan/i.test(`${a.name} ${a.description}`)).flatMap((a) => a.handoffs);
}
