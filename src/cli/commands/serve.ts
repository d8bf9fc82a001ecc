import type { Command } from 'commander';
import { action, intOption } from '../run.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'the dashboard (plans, board, graph, progress; live), its JSON API under /api and MCP at /mcp, on one port',
    )
    .option('--host <address>', 'bind address (loopback by default)', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', intOption('--port'), 7330)
    .option('--token <secret>', 'require this token (required off loopback; env PLANSMITH_TOKEN)')
    .action(
      action(async ({ ctx, io }, opts: { host: string; port: number; token?: string }) => {
        // The store first: one that cannot be opened (a newer schema) stops here, before anything listens.
        const store = await ctx.store();
        const { serveWeb } = await import('../../web/serve.js');
        const running = await serveWeb(ctx, {
          host: opts.host,
          port: opts.port,
          token: opts.token ?? (process.env.PLANSMITH_TOKEN || undefined),
        });
        io.err(`plansmith dashboard on ${running.url} (API: /api, MCP: /mcp; store: ${store.info.kind})`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await running.close();
      }),
    );
}
