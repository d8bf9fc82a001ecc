import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { TOOL_PROFILES, type ToolProfile } from '../../mcp/profiles.js';
import { action, intOption } from '../run.js';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('serve plansmith to coding agents over MCP: stdio (default) or streamable HTTP')
    .option('--http', 'serve streamable HTTP instead of stdio')
    .option('--host <address>', 'HTTP bind address (loopback by default)', '127.0.0.1')
    .option('--port <n>', 'HTTP port (0 picks a free one)', intOption('--port'), 7331)
    .option('--token <secret>', 'require this bearer token (required off loopback; env PLANSMITH_MCP_TOKEN)')
    .option(
      '--tools <profile>',
      'default: what the planner workflows use (batch, skills, next/claim/complete, explore, draft/save plan); core: the task contract alone; all: every tool',
      (v) => {
        if (!(TOOL_PROFILES as readonly string[]).includes(v))
          throw new InvalidArgumentError(`use ${TOOL_PROFILES.join(', ')}`);
        return v;
      },
      'default',
    )
    .action(
      action(
        async (
          { ctx, io },
          opts: { http?: boolean; host: string; port: number; token?: string; tools: ToolProfile },
        ) => {
          // A host may start the server anywhere: outside a project it creates no store (see AppContext).
          ctx.storeOnlyInProject();
          const { serveHttp, serveStdio } = await import('../../mcp/serve.js');
          if (!opts.http) {
            await serveStdio(ctx, opts.tools);
            return;
          }
          const running = await serveHttp(ctx, {
            host: opts.host,
            port: opts.port,
            token: opts.token ?? process.env.PLANSMITH_MCP_TOKEN,
            profile: opts.tools,
          });
          io.err(`plansmith MCP server (${opts.tools} tools) on ${running.url}`);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await running.close();
        },
      ),
    );
}
