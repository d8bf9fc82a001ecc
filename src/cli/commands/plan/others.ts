import type { Command } from 'commander';
import { action, intOption, readInput } from '../../run.js';
import { formatLint, formatPlan } from './format.js';

/** refine, lint, sync, handoff and plans: the commands that work on an existing plan. */
export function registerPlanTools(program: Command): void {
  program
    .command('refine <plan>')
    .description('a new revision of a plan from feedback; earlier revisions are kept and the change is shown')
    .option('--feedback <text>', 'what to change')
    .option('--feedback-file <file>', 'feedback from a file (- for stdin)')
    .action(
      action(async ({ ctx, emit }, ref: string, opts: { feedback?: string; feedbackFile?: string }) => {
        const feedback = opts.feedbackFile
          ? readInput(opts.feedbackFile, ctx.root).text
          : (opts.feedback ?? '');
        const r = await (await ctx.plans()).refine(ref, feedback);
        emit(r, () =>
          [
            `revision ${r.previous_revision} → ${r.plan.revision} of ${r.files[0]}`,
            ...r.plan.revision_notes.map((n) => `  - ${n}`),
            '',
            r.diff.split('\n').slice(2).join('\n'),
            `lint: ${formatLint(r.lint)}`,
          ].join('\n'),
        );
        if (!r.lint.ok) process.exitCode = 1;
      }),
    );
  program
    .command('lint <plans...>')
    .description(
      "check plans (plansmith's or hand-written): sections, files, commands, task graph, open questions; exit 1 on errors",
    )
    .action(
      action(async ({ ctx, emit }, files: string[]) => {
        const service = await ctx.plans();
        const results: Awaited<ReturnType<typeof service.lint>>[] = [];
        for (const f of files) results.push(await service.lint(f));
        emit(results.length === 1 ? results[0] : results, () => results.map(formatLint).join('\n'));
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      }),
    );
  program
    .command('import <plan>')
    .description(
      'save a plan written in markdown (by you or an agent: title, summary, phases or steps with files to create and modify, checks, risks, questions) as a plan with its task graph; checked like any plan first, the file itself untouched',
    )
    .option('--requirement <text>', "the request as it was asked, kept as the plan's requirement")
    .action(
      action(async ({ ctx, emit }, file: string, opts: { requirement?: string }) => {
        const o = await (await ctx.plans()).importMarkdown({ file, requirement: opts.requirement });
        emit(
          {
            plan_id: o.plan.id,
            revision: o.plan.revision,
            files: o.files,
            tasks: o.tasks.map((t) => t.id),
            lint: o.lint,
            notes: o.notes,
          },
          () =>
            [
              `imported ${file} as "${o.plan.title}" (${o.plan.style} plan ${o.plan.id}, revision ${o.plan.revision}): ${o.plan.phases.length} phase(s), ${o.tasks.length} task(s)`,
              ...o.notes,
              o.files.length ? `wrote ${o.files.join(', ')}` : 'wrote no file',
              `lint: ${formatLint(o.lint)}`,
              `next: ${o.plan.next_command}`,
            ].join('\n'),
        );
        if (!o.lint.ok) process.exitCode = 1;
      }),
    );
  program
    .command('sync <plan>')
    .description(
      "sync a requirement workspace's tasks.md checkboxes with the task store, both ways, and regenerate recovery.md (the folder, its prd.md or its tasks.md)",
    )
    .action(
      action(async ({ ctx, emit }, ref: string) => {
        const r = await (await ctx.plans()).sync(ref);
        emit(
          r,
          () =>
            `ticked in tasks.md → done in the store: ${r.completed_in_store.length}; done in the store → ticked in tasks.md: ${r.checked_in_file.length}${r.kept_open.map((k) => `\nkept open (the store wins): ${k.id}: ${k.why}`).join('')}\nwrote ${r.files.join(', ')}`,
        );
      }),
    );
  program
    .command('handoff [plan]')
    .description(
      "list a plan's handoffs, or print one as a ready prompt (--to agent, label or number); the plan may be left out when only one is open",
    )
    .option('--to <agent>', 'the handoff to print')
    .action(
      action(async ({ ctx, emit }, given: string | undefined, opts: { to?: string }) => {
        const service = await ctx.plans();
        const ref = given ?? (await onlyOpenPlan(service));
        if (opts.to) {
          const r = await service.handoffPrompt(ref, opts.to);
          emit(r, () => r.prompt);
          return;
        }
        const r = await service.handoffs(ref);
        emit(r.handoffs, () =>
          r.handoffs.map((h, i) => `${i + 1}. ${h.label} → ${h.agent}\n   ${h.prompt}`).join('\n'),
        );
      }),
    );
  const plans = program.command('plans').description('the plans in the store');
  plans
    .command('list')
    .description('every plan, newest first')
    .action(
      action(async ({ ctx, emit }) => {
        const list = await (await ctx.plans()).list();
        emit(list, () =>
          list.length
            ? list
                .map(
                  (p) =>
                    `${p.id}  r${p.revision}  ${p.state.padEnd(10)} ${String(p.open_tasks).padStart(3)} open  ${p.style.padEnd(7)} ${p.path || '(no file)'}  ${p.title}`,
                )
                .join('\n')
            : 'no plans yet: plansmith plan "…"',
        );
      }),
    );
  plans
    .command('supersede <plan>')
    .description('mark a plan superseded (by a newer one with --by); its open tasks are cancelled')
    .option('--by <plan>', 'the plan that replaces it')
    .option('--reason <text>', 'why (recorded on each cancelled task)')
    .action(
      action(async ({ ctx, emit }, ref: string, opts: { by?: string; reason?: string }) => {
        const r = await (await ctx.plans()).close(ref, {
          status: 'superseded',
          reason: opts.reason,
          superseded_by: opts.by,
        });
        emit(r, () => `${r.plan.id} is superseded; ${r.cancelled.length} open task(s) cancelled`);
      }),
    );
  plans
    .command('cancel <plan>')
    .description('cancel a plan; its open tasks are cancelled and never served')
    .option('--reason <text>', 'why (recorded on each cancelled task)')
    .action(
      action(async ({ ctx, emit }, ref: string, opts: { reason?: string }) => {
        const r = await (await ctx.plans()).close(ref, { status: 'cancelled', reason: opts.reason });
        emit(r, () => `${r.plan.id} is cancelled; ${r.cancelled.length} open task(s) cancelled`);
      }),
    );
  plans
    .command('show <plan>')
    .description(
      'a plan: title, file, phases, open questions, handoffs (--json: the plan model; --revision N)',
    )
    .option('--revision <n>', 'an earlier revision', intOption('--revision'))
    .action(
      action(async ({ ctx, emit }, ref: string, opts: { revision?: number }) => {
        const service = await ctx.plans();
        const r = await service.resolve(ref);
        let plan = r.plan;
        if (opts.revision !== undefined) {
          const got = await (await ctx.store()).getPlanModel(r.plan.id, opts.revision);
          if (!got)
            throw new (await import('../../../domain/errors.js')).InputError(
              `plan ${r.plan.id} has no revision ${opts.revision} (it has ${r.revisions.join(', ')})`,
            );
          plan = got.model as typeof plan;
        }
        emit(plan, () =>
          formatPlan(plan, {
            summary: r.summary,
            revisions: r.revisions,
            path: r.summary.path,
          }),
        );
      }),
    );
}

/** The one plan still open (draft or active), for commands whose plan may be left out; else a clear error. */
async function onlyOpenPlan(service: {
  list(): Promise<Array<{ id: string; state: string; title: string; path: string }>>;
}) {
  const plans = await service.list();
  // A plan made by a task batch has no file and no handoffs: it is not the plan a handoff is asked of.
  const open = plans.filter((p) => (p.state === 'draft' || p.state === 'active') && p.path);
  if (open.length === 1) return open[0]!.id;
  const { InputError } = await import('../../../domain/errors.js');
  if (!plans.length) throw new InputError('no plans yet: plansmith plan "…"');
  const which = (open.length ? open : plans).slice(0, 5);
  throw new InputError(
    `name the plan: ${open.length ? `${open.length} plans are open` : 'no plan is open'} (${which.map((p) => `${p.id} ${p.title}`).join('; ')})`,
  );
}
