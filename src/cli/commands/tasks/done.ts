import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CompleteInput } from '../../../domain/task.js';
import { action, parseJsonInput, readInput } from '../../run.js';

export function register(tasks: Command): void {
  tasks
    .command('done <id>')
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
    .option('--feedback <file>', 'feedback_for_rebuild as JSON {summary, issues[]} (- for stdin)')
    .option('--summary <text>', 'what was done')
    .option('--outputs <file>', 'outputs as a JSON object (- for stdin)')
    .option('--owner <name>', 'the lease holder (checked when given)')
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
            owner: opts.owner,
            verdict: opts.verdict,
            score: opts.score,
            summary: opts.summary,
            feedback_for_rebuild: opts.feedback
              ? (load(opts.feedback) as CompleteInput['feedback_for_rebuild'])
              : undefined,
            outputs: opts.outputs ? (load(opts.outputs) as Record<string, unknown>) : undefined,
          });
          emit(r, () => {
            if (r.reopened.length)
              return `verdict fail on ${r.task.id}: re-opened ${r.reopened.map((t) => `${t.id} (${t.task_name})`).join(', ')} with the feedback`;
            return `${r.task.id} is ${r.task.status}`;
          });
        },
      ),
    );
}
