import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CompleteInput } from '../../../domain/task.js';
import { action, defaultOwner, fileOrText, parseJsonInput, readInput } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('done <id>')
    .alias('complete')
    .description('complete a task; a critique finishes with --verdict (a fail re-opens what it critiques)')
    .option('--verdict <pass|fail>', 'for critique tasks', (v) => {
      if (v !== 'pass' && v !== 'fail') throw new InvalidArgumentError('use pass or fail');
      return v;
    })
    .option('--score <n>', 'a score for the verdict', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new InvalidArgumentError(`not a number: ${v}`);
      return n;
    })
    .option(
      '--feedback <file|json|text>',
      'feedback_for_rebuild: a JSON file (- for stdin), inline JSON {summary, issues[]}, or plain text (the summary)',
    )
    .option('--summary <text>', 'what was done')
    .option('--outputs <file>', 'outputs as a JSON object (- for stdin)')
    .option('--owner <name>', 'the lease holder (default $PLANSMITH_OWNER or user@host)')
    .action(
      action(
        async (
          { ctx, emit },
          id: string,
          opts: {
            verdict?: 'pass' | 'fail';
            score?: number;
            feedback?: string;
            summary?: string;
            outputs?: string;
            owner?: string;
          },
        ) => {
          const load = (f: string) => {
            const { text, name } = readInput(f, ctx.root);
            return parseJsonInput(text, name);
          };
          const r = await (await ctx.tasks()).complete(id, {
            owner: opts.owner ?? defaultOwner(),
            verdict: opts.verdict,
            score: opts.score,
            summary: opts.summary,
            feedback_for_rebuild: opts.feedback ? feedbackOf(opts.feedback, ctx.root) : undefined,
            outputs: opts.outputs ? (load(opts.outputs) as Record<string, unknown>) : undefined,
          });
          emit(r, () => {
            const notes = r.notes.map((n) => `\nnote: ${n}`).join('');
            if (r.reopened.length)
              return `verdict fail on ${r.task.id}: re-opened ${r.reopened.map((t) => `${t.id} (${t.task_name})`).join(', ')} with the feedback${notes}`;
            return `${r.task.id} is ${r.task.status}${notes}`;
          });
        },
      ),
    );
}

/**
 * `--feedback` as a file (or stdin), else inline: JSON when it looks like an object, otherwise plain text
 * taken as the feedback's summary ("--feedback 'totals drift'" is not a file name).
 */
function feedbackOf(value: string, cwd: string): CompleteInput['feedback_for_rebuild'] {
  const { text, name, inline } = fileOrText(value, cwd);
  if (inline && !text.trimStart().startsWith('{')) return { summary: text, issues: [] };
  return parseJsonInput(text, inline ? '--feedback' : name) as CompleteInput['feedback_for_rebuild'];
}
