import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
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
      'core: the task contract + next/claim/complete; all: everything',
      (v) => {
        if (v !== 'core' && v !== 'all') throw new InvalidArgumentError('use core or all');
        return v;
      },
      'all',
    )
    .action(
      action(
        async (
          { ctx, io },
          opts: { http?: boolean; host: string; port: number; token?: string; tools: 'core' | 'all' },
        ) => {
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
