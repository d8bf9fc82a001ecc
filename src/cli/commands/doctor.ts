import type { Command } from 'commander';
import { action } from '../run.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the setup: the config, the store, the model settings, and every MCP entry init wrote (started for real, its tools listed)',
    )
    .action(
      action(async ({ ctx, emit }) => {
        const { doctor } = await import('../../app/doctor.js');
        const checks = await doctor(ctx);
        emit(checks, () =>
          checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.check.padEnd(22)} ${c.detail}`).join('\n'),
        );
        if (checks.some((c) => !c.ok)) process.exitCode = 1;
      }),
    );
}
