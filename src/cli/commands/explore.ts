import type { Command } from 'commander';
import { terminalProgress } from '../progress.js';
import { action, intOption, readInput } from '../run.js';

export function registerExplore(program: Command): void {
  program
    .command('explore [dir]')
    .description(
      'profile a codebase (stack, commands, CI, conventions, docs) and rank the files a requirement touches',
    )
    .option('--for <requirement>', 'rank files for this requirement')
    .option('--for-file <file>', 'rank files for the requirement in this file (- for stdin)')
    .option('--top <n>', 'how many files to rank', intOption('--top'), 15)
    .option('--max-file-bytes <n>', 'skip files larger than this', intOption('--max-file-bytes'))
    .action(
      action(
        async (
          { ctx, emit },
          dir: string | undefined,
          opts: { for?: string; forFile?: string; top: number; maxFileBytes?: number },
        ) => {
          const { explore } = await import('../../explore/explore.js');
          const { renderExploreReport } = await import('../../explore/report.js');
          let requirement = opts.for;
          if (opts.forFile) requirement = readInput(opts.forFile, ctx.root).text;
          if (requirement !== undefined && !requirement.trim())
            throw new (await import('../../domain/errors.js')).InputError(
              'the requirement is empty: say what to rank files for',
            );
          const progress = terminalProgress();
          const report = explore(dir ?? ctx.root, {
            for: requirement,
            top: opts.top,
            maxFileBytes: opts.maxFileBytes,
            onProgress: progress.onProgress,
          });
          progress.done();
          emit(report, () => renderExploreReport(report));
        },
      ),
    );
}
