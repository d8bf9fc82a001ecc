import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { PLAN_STYLES, type PlanStyle } from '../../domain/plan.js';
import { action } from '../run.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      "set a project up: .plansmith/config.json, and plansmith's planner agent and commands for Claude Code (--claude) and VS Code / Copilot (--copilot) with their MCP entries",
    )
    .option('--claude', 'write .claude/agents/planner.md, .claude/commands/plan*.md and .mcp.json')
    .option(
      '--copilot',
      'write .github/agents/planner.agent.md, .github/prompts/plan.prompt.md and .vscode/mcp.json',
    )
    .option('--style <style>', 'default plan style', (v) => {
      if (!PLAN_STYLES.includes(v as PlanStyle))
        throw new InvalidArgumentError(`use one of ${PLAN_STYLES.join(', ')}`);
      return v;
    })
    .option('--model <provider:model>', 'model for the LLM engine, e.g. anthropic:claude-sonnet-4-5')
    .option('--force', 'overwrite files a person changed')
    .action(
      action(
        async (
          { ctx, emit },
          opts: { claude?: boolean; copilot?: boolean; style?: PlanStyle; model?: string; force?: boolean },
        ) => {
          const { initProject } = await import('../../app/init.js');
          const { detectInstallation } = await import('../../app/install.js');
          const { explore } = await import('../../explore/explore.js');
          const installation = detectInstallation(ctx.root, process.argv[1] ?? '');
          const xano = Boolean(explore(ctx.root).profile.xano);
          const entries = initProject({ root: ctx.root, ...opts, installation, xano });
          emit(entries, () =>
            entries.map((e) => `${e.action.padEnd(9)} ${e.path}${e.note ? `  (${e.note})` : ''}`).join('\n'),
          );
        },
      ),
    );
}
