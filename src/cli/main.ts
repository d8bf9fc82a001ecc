#!/usr/bin/env node
import { Command } from 'commander';
import { registerAgentRun } from './commands/agent.js';
import { registerDb } from './commands/db/index.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExplore } from './commands/explore.js';
import { registerInit } from './commands/init.js';
import { registerMcp } from './commands/mcp.js';
import { registerPlanTools } from './commands/plan/others.js';
import { registerPlan } from './commands/plan/plan.js';
import { registerRegistry } from './commands/registry/index.js';
import { registerServe } from './commands/serve.js';
import { registerTasks } from './commands/tasks/index.js';
import { escapeTerminal } from './format.js';

/**
 * The plansmith command. Command files declare flags only; heavy modules (the store, the explorer)
 * load inside the actions, so `plansmith --help` and `plansmith tasks next` start fast.
 */
export function buildProgram(): Command {
  const program = new Command('plansmith')
    .description('plans software work and serves the task graph to coding agents')
    .version('0.1.0')
    .option('--json', 'machine-readable output: exactly one JSON document on stdout')
    .option(
      '--db <path|url>',
      'the store: a SQLite file or postgres:// URL (default .plansmith/plansmith.db; env PLANSMITH_DB, PLANSMITH_DATABASE_URL)',
    )
    .option('-C, --cwd <dir>', 'run as if started in this directory')
    .option('--debug', 'on an unexpected error, print its stack trace (env PLANSMITH_DEBUG=1)')
    .showHelpAfterError('(run with --help for usage)');
  registerPlan(program);
  registerPlanTools(program);
  registerTasks(program);
  registerDb(program);
  registerExplore(program);
  registerRegistry(program);
  registerInit(program);
  registerDoctor(program);
  registerAgentRun(program);
  registerMcp(program);
  registerServe(program);
  return program;
}

// A reader that stops early (`plansmith tasks list --json | head`) closes the pipe: that ends the command
// quietly, as it ends any Unix filter, instead of an EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(escapeTerminal(`plansmith: ${(e as Error).message}\n`));
    process.exitCode = 1;
  });
