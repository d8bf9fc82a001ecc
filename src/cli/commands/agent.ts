import type { Command } from 'commander';
import { action, intOption } from '../run.js';

export function registerAgentRun(program: Command): void {
  const run = program.command('agent').description('run agent and command definitions');
  run
    .command('run <agent> [prompt...]')
    .description(
      'run an agent or command (by name from the registry, or a file) with a model; its tools are mapped onto plansmith’s read-only tools and the task contract',
    )
    .option('--model <provider:model>', 'the model (env PLANSMITH_MODEL)')
    .option('--base-url <url>', 'endpoint for openai-compatible / ollama')
    .option('--max-steps <n>', 'step limit (default 40)', intOption('--max-steps'))
    .action(
      action(
        async (
          { ctx, emit, io },
          ref: string,
          words: string[],
          opts: { model?: string; baseUrl?: string; maxSteps?: number },
        ) => {
          const { ConfigError } = await import('../../domain/errors.js');
          const spec = opts.model ?? process.env.PLANSMITH_MODEL;
          if (!spec)
            throw new ConfigError('agent run needs a model: --model provider:model or PLANSMITH_MODEL');
          const { createModel, parseModelSpec } = await import('../../agent/model.js');
          const model = createModel(parseModelSpec(spec, opts.baseUrl), process.env);
          const { runAgentDefinition } = await import('../../app/agent-run.js');
          const r = await runAgentDefinition({
            root: ctx.root,
            ref,
            prompt: words.join(' '),
            registry: ctx.skills(),
            store: () => ctx.store(),
            model,
            modelName: spec,
            limits: opts.maxSteps ? { maxSteps: opts.maxSteps } : undefined,
            onEvent: process.stderr.isTTY
              ? (e) => io.err(`  ${e.type}${'name' in e ? ` ${e.name}` : ''}`)
              : undefined,
          });
          if (r.unmapped.length)
            io.err(
              `plansmith: tools this agent names that plansmith does not provide: ${r.unmapped.join(', ')}`,
            );
          emit(
            r,
            () =>
              `${r.text}\n\n(${r.agent}: ${r.steps} steps, ${r.usage.total} tokens; tools used: ${[...new Set(r.tool_calls)].join(', ') || 'none'})`,
          );
        },
      ),
    );
}
