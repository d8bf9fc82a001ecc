import { InputError } from '../domain/errors.js';
import type { Handoff, Plan } from '../domain/plan.js';

/** One handoff as a ready prompt, with the plan's context, for pasting or piping into an agent. */
export function handoffPrompt(plan: Plan, path: string, to: string): { handoff: Handoff; prompt: string } {
  const handoffs = plan.handoffs;
  const want = to.toLowerCase();
  const h =
    handoffs.find((x) => x.agent.toLowerCase() === want) ??
    handoffs.find((x) => x.label.toLowerCase().includes(want) || x.agent.toLowerCase().includes(want)) ??
    (/^\d+$/.test(to) ? handoffs[Number(to) - 1] : undefined);
  if (!h)
    throw new InputError(
      `no handoff matches "${to}"; the plan has: ${handoffs.map((x, i) => `${i + 1}. ${x.label} → ${x.agent}`).join('; ')}`,
    );
  const context = [
    `You are continuing the plan "${plan.title}" (${path}, revision ${plan.revision}).`,
    `Summary: ${plan.analysis.summary}`,
    plan.research.read_first.length ? `Read first: ${plan.research.read_first.join(', ')}.` : '',
    plan.security.length ? `Security notes: ${plan.security.join(' ')}` : '',
    `Track progress with: plansmith tasks claim --plan ${plan.id} (and plansmith tasks done <id>).`,
    '',
    h.prompt,
  ];
  return { handoff: h, prompt: context.filter((x) => x !== '').join('\n') };
}
