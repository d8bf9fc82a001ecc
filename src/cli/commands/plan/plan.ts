import { isAbsolute } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { AgentEvent } from '../../../agent/context.js';
import type { PlanOutcome } from '../../../app/plans.js';
import { InputError } from '../../../domain/errors.js';
import { PLAN_STYLES, type PlanStyle } from '../../../domain/plan.js';
import { projectFiles } from '../../../files/project-files.js';
import { terminalProgress } from '../../progress.js';
import { action, intOption, readInput } from '../../run.js';
import { formatLint } from './format.js';

export function registerPlan(program: Command): void {
  program
    .command('plan [requirement...]')
    .description(
      'plan a requirement (text, ticket files, or stdin) into plan files and a task graph, grounded in this codebase',
    )
    .option('--title <text>', 'plan title (also the slug of its files)')
    .option(
      '--style <style>',
      `${PLAN_STYLES.join(' | ')} (default: xano for a Xano workspace, else feature)`,
      (v) => {
        if (!PLAN_STYLES.includes(v as PlanStyle))
          throw new InvalidArgumentError(`use one of ${PLAN_STYLES.join(', ')}`);
        return v;
      },
    )
    .option('--ci-log <file>', 'plan the fix of a CI failure from this log')
    .option('--approaches <n>', 'write 2 approach files and a comparison', (v) => {
      if (v !== '1' && v !== '2') throw new InvalidArgumentError('use 1 or 2');
      return Number(v) as 1 | 2;
    })
    .option('--no-interactive', 'record clarifying questions in the plan instead of asking them')
    .option(
      '--force',
      'plan in the --style given even when it does not fit the codebase (xano without a workspace)',
    )
    .option(
      '--supersede',
      'cancel the open tasks of older plans of the same requirement (done work stays done)',
    )
    .option(
      '--replace',
      'revise the newest plan of the same requirement in place (a new revision, its open tasks updated)',
    )
    .option('--engine <name>', 'offline | llm (default: llm when a model is configured, else offline)')
    .option(
      '--model <provider:model>',
      'anthropic:…, openai:…, openai-compatible:…, ollama:… (env PLANSMITH_MODEL)',
    )
    .option('--base-url <url>', 'endpoint for openai-compatible / ollama (env PLANSMITH_BASE_URL)')
    .option('--max-steps <n>', 'LLM engine: step limit (default 40)', intOption('--max-steps'))
    .option('--timeout <seconds>', 'LLM engine: wall-time limit (default 600)', intOption('--timeout'))
    .option(
      '--tool-choice <mode>',
      'LLM engine: required (default: every step calls a tool) | auto (config tool_choice)',
      (v) => {
        if (v !== 'required' && v !== 'auto') throw new InvalidArgumentError('use required or auto');
        return v;
      },
    )
    .option('--temperature <t>', 'LLM engine: sampling temperature, 0–2 (config temperature)', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 2) throw new InvalidArgumentError('a number from 0 to 2');
      return n;
    })
    .option(
      '--max-output-tokens <n>',
      'LLM engine: output tokens per reply (config max_output_tokens)',
      intOption('--max-output-tokens'),
    )
    .action(
      action(
        async (
          { ctx, emit, json, io },
          parts: string[],
          opts: {
            title?: string;
            style?: PlanStyle;
            ciLog?: string;
            approaches?: 1 | 2;
            interactive: boolean;
            force?: boolean;
            supersede?: boolean;
            replace?: boolean;
            engine?: string;
            model?: string;
            baseUrl?: string;
            maxSteps?: number;
            timeout?: number;
            toolChoice?: 'required' | 'auto';
            temperature?: number;
            maxOutputTokens?: number;
          },
        ) => {
          const files: string[] = [];
          const text: string[] = [];
          let stdin: string | undefined;
          for (const p of parts) {
            if (p === '-') stdin = readInput('-').text;
            else if (/\.(md|txt|markdown|rst)$/i.test(p) || namesFile(ctx.root, p)) files.push(p);
            else text.push(p);
          }
          if (parts.length === 0 && !opts.ciLog && !process.stdin.isTTY) stdin = readInput('-').text;
          const interactive =
            opts.interactive && !json && Boolean(process.stdin.isTTY && process.stdout.isTTY);
          // Nothing to plan is said first, before which engine would have planned it.
          if (!opts.ciLog && !files.length && !stdin?.trim() && !text.join(' ').trim())
            throw new InputError((await import('../../../app/plan-request.js')).EMPTY_REQUIREMENT);
          const { engineFor } = await import('../../../planning/engine.js');
          const tty = Boolean(process.stderr.isTTY);
          const engine = await engineFor({
            requested: opts.engine,
            env: process.env,
            root: ctx.root,
            model: opts.model,
            baseURL: opts.baseUrl,
            maxSteps: opts.maxSteps,
            timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
            settings: {
              toolChoice: opts.toolChoice,
              temperature: opts.temperature,
              maxOutputTokens: opts.maxOutputTokens,
            },
            // Notices (a setting the provider ignores) always; what the agent is doing on a terminal only.
            onEvent: (e) => {
              if (e.type === 'notice') io.err(`plansmith: ${e.text}`);
              else if (tty) io.err(`  ${describeEvent(e)}`);
            },
            ask: interactive ? askOne : undefined,
          });
          if (engine.notice) io.err(engine.notice);
          const service = await ctx.plans(engine.planner);
          const progress = terminalProgress(!json);
          const outcome = await service.plan({
            force: opts.force,
            replace: opts.replace,
            confirm: interactive ? confirmAtTerminal : undefined,
            onProgress: progress.onProgress,
            text: text.join(' '),
            files,
            stdin,
            ciLog: opts.ciLog,
            title: opts.title,
            style: opts.style,
            approaches: opts.approaches,
            ask: interactive ? askAtTerminal : undefined,
          });
          progress.done();
          // One plan per requirement, visibly: older plans of the same slug with open tasks.
          const older = opts.replace ? [] : await service.duplicatesOf(outcome.plan.slug, outcome.plan.id);
          if (older.length) {
            const names = older.map((p) => `${p.id} (${p.open_tasks} open)`).join(', ');
            const yes =
              opts.supersede ||
              (interactive &&
                (await confirmAtTerminal(
                  `Older plans of the same requirement have open tasks: ${names}. Cancel them?`,
                )));
            if (yes) {
              const cancelled = await service.supersede(
                older.map((p) => p.id),
                outcome.plan.id,
              );
              io.err(
                `plansmith: superseded ${older.length} older plan(s): cancelled ${cancelled.length} open task(s)`,
              );
            } else
              io.err(
                `plansmith: older plans of the same requirement still have open tasks: ${names}. --supersede cancels them; --replace revises the newest in place instead of adding a plan.`,
              );
          }
          const approachFiles = opts.approaches === 2 ? service.writeApproaches(outcome.plan) : [];
          if (opts.approaches === 2 && !approachFiles.length)
            io.err(
              `plansmith: --approaches 2: the plan has ${outcome.plan.approaches.length} approach(es) the engine could ground; no comparison written`,
            );
          const run = engine.planner.last;
          if (run)
            io.err(
              `plansmith: ${run.steps} steps, ${run.usage.input} input + ${run.usage.output} output tokens, ${run.repairs} repair(s)${costOf(run.usage)}`,
            );
          emit({ ...outcome, files: [...outcome.files, ...approachFiles] }, () =>
            summary(outcome, approachFiles),
          );
          if (!outcome.lint.ok) process.exitCode = 1;
        },
      ),
    );
}

function describeEvent(e: AgentEvent): string {
  if (e.type === 'tool') return `${e.name} ${e.summary}`;
  if (e.type === 'refused') return `refused ${e.name}: ${e.reason}`;
  if (e.type === 'repair') return `plan refused (${e.problems} problems), repairing`;
  if (e.type === 'subagent') return `sub-agent researching ${e.area}`;
  if (e.type === 'notice') return e.text;
  return `step ${e.step}`;
}

async function confirmAtTerminal(message: string): Promise<boolean> {
  const { confirm, isCancel } = await import('@clack/prompts');
  const r = await confirm({ message, initialValue: false });
  return !isCancel(r) && r === true;
}

async function askOne(question: string): Promise<string | null> {
  const { text, isCancel } = await import('@clack/prompts');
  const a = await text({ message: question });
  return isCancel(a) || typeof a !== 'string' || !a.trim() ? null : a.trim();
}

/** Cost only when the user says what their model costs: PLANSMITH_PRICE="<input $/Mtok>,<output $/Mtok>". */
function costOf(u: { input: number; output: number }): string {
  const price = (process.env.PLANSMITH_PRICE ?? '').split(',').map(Number);
  if (price.length !== 2 || price.some((n) => !Number.isFinite(n))) return '';
  return `, about $${((u.input * price[0]! + u.output * price[1]!) / 1e6).toFixed(4)}`;
}

async function askAtTerminal(
  questions: Array<{ question: string; why: string }>,
): Promise<Record<string, string>> {
  const { text, isCancel, intro, outro } = await import('@clack/prompts');
  intro('A few questions before planning (Enter to skip one)');
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const a = await text({ message: q.question, placeholder: q.why });
    if (isCancel(a)) break;
    if (typeof a === 'string' && a.trim()) answers[q.question] = a.trim();
  }
  outro(
    Object.keys(answers).length
      ? 'Thanks: planning with your answers'
      : 'Questions recorded as open in the plan',
  );
  return answers;
}

function summary(o: PlanOutcome, extra: string[]): string {
  const p = o.plan;
  const leaves = o.tasks.filter((t) => t.subtask_count === 0);
  const lines = [
    `${p.title}`,
    `  ${p.analysis.summary}`,
    '',
    `wrote (${p.style} plan, revision ${p.revision}, ${p.engine} engine):`,
    ...[...o.files, ...extra].map((f) => `  ${f}`),
    '',
    // What the numbers are: the tasks an agent works on, and the parents that only group sub-tasks.
    `tasks: ${leaves.length} to work on${o.tasks.length > leaves.length ? `, grouped under ${o.tasks.length - leaves.length} parent task${o.tasks.length - leaves.length === 1 ? '' : 's'} (${o.tasks.length} stored)` : ''}, plan id ${p.id}`,
    ...o.tasks
      .filter((t) => !t.parent_id)
      .map((t) => `  ${t.id}  ${t.task_name}${t.subtask_count ? ` (${t.subtask_count} sub-tasks)` : ''}`),
  ];
  const open = p.questions.filter((q) => !q.answer);
  if (open.length)
    lines.push(
      '',
      `open questions (${open.length}), recorded in the plan:`,
      ...open.map((q) => `  - ${q.question}`),
    );
  lines.push('', `lint: ${formatLint(o.lint)}`);
  if (o.kept_edits.length) lines.push(`kept hand edits in: ${o.kept_edits.join(', ')}`);
  lines.push('', 'next:', ...p.handoffs.map((h) => `  ${h.label} → ${h.agent}`), `  ${p.next_command}`);
  return lines.join('\n');
}

/**
 * Whether a word on the command line names a file (then it is read as a ticket, through the file layer,
 * which refuses secrets and paths outside the root) rather than being requirement text.
 */
function namesFile(root: string, word: string): boolean {
  if (/\s/.test(word.trim())) return false;
  try {
    return projectFiles(root).isFile(word);
  } catch {
    // Outside the root or into .git/: a path all the same; reading it is refused with the reason.
    return /[/\\]/.test(word) || isAbsolute(word);
  }
}
