import type { Command } from 'commander';
import { action } from '../run.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the setup: the config, the store, the model settings, and every MCP entry init wrote (started for real, its tools listed; a command that is not this plansmith only when confirmed)',
    )
    .option(
      '--run',
      "start MCP entries that are not this plansmith (the repository's own commands) without asking",
    )
    .action(
      action(async ({ ctx, emit, json }, options: { run?: boolean }) => {
        const { doctor } = await import('../../app/doctor.js');
        const ask = !json && process.stdin.isTTY && process.stderr.isTTY;
        const checks = await doctor(ctx, {
          script: process.argv[1] ?? '',
          confirm: options.run ? async () => true : ask ? confirmAtTerminal : undefined,
        });
        emit(checks, () =>
          checks
            .map((c) => `${c.skipped ? 'skip' : c.ok ? 'ok  ' : 'FAIL'}  ${c.check.padEnd(22)} ${c.detail}`)
            .join('\n'),
        );
        if (checks.some((c) => !c.ok && !c.skipped)) process.exitCode = 1;
      }),
    );
}

/** Asks on the terminal before a repository's own MCP command runs; anything but yes is no. */
async function confirmAtTerminal(line: string, file: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const { escapeTerminal } = await import('../format.js');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `${file} asks to run \`${escapeTerminal(line)}\`, which is not this plansmith. Run it to check it? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
