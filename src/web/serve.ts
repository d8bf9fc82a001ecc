import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { AppContext } from '../context.js';
import { ConfigError } from '../domain/errors.js';
import { boundedBodies } from '../http/bodies.js';
import { LOOPBACK, listenError } from '../http/guards.js';
import type { ToolProfile } from '../mcp/profiles.js';
import { mcpHandler, mcpOversize } from '../mcp/serve.js';
import { useMarkdownWorkers } from '../planning/markdown/tree.js';
import { apiOversize, carriesToken, createWebApp, SECURITY_HEADERS } from './app.js';

export interface WebServerOptions {
  host: string;
  port: number;
  token?: string;
  /** The MCP tools served at /mcp. */
  profile?: ToolProfile;
  pollMs?: number;
  /** How long one parse of plan markdown may take on a worker (LIMITS.markdownParseMs by default). */
  markdownTimeLimitMs?: number;
}

export interface RunningWebServer {
  /** The dashboard's address (with the token, for a first visit, when there is one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `plansmith serve`: the dashboard, its API and MCP at /mcp on one port. */
export async function serveWeb(ctx: AppContext, o: WebServerOptions): Promise<RunningWebServer> {
  if (!LOOPBACK.has(o.host) && !o.token)
    throw new ConfigError(
      `binding to ${o.host} exposes the task store and the dashboard; give --token (or PLANSMITH_TOKEN) so every request must carry it`,
    );
  let port = o.port;
  const token = o.token;
  // Plan markdown (plan pages, lint, MCP's plan tools) is parsed on worker threads under a time limit.
  const markdown = useMarkdownWorkers({ timeLimitMs: o.markdownTimeLimitMs });
  const app = createWebApp(ctx, {
    host: o.host,
    port: () => port,
    token: o.token,
    pollMs: o.pollMs,
    mcp: mcpHandler(ctx, { host: o.host, port: () => port, token: o.token, profile: o.profile ?? 'default' }),
  });
  // Every body passes the shared HTTP layer before the app: read within the message limit, or a 413 in the
  // words of the surface it was for (a JSON-RPC error at /mcp, the API's error elsewhere), drained.
  const refusal = (req: IncomingMessage, max: number) =>
    (req.url ?? '/').split('?')[0] === '/mcp' ? mcpOversize(req, max) : apiOversize(req, max);
  const server = createServer(
    boundedBodies(getRequestListener(app.fetch, { hostname: o.host }), {
      refusal,
      headers: SECURITY_HEADERS,
      // With a token, a request without it is refused by the app (401) before any body is read.
      admit: token ? (req) => carriesToken(req.headers, token) : undefined,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, o.host, o.port)));
    server.listen(o.port, o.host, () => resolve());
  }).catch(async (e) => {
    await markdown.release();
    throw e;
  });
  port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ''}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Open event streams would keep the server up: end them.
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => markdown.release()),
  };
}
