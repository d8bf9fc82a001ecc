import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../context.js';
import { ConfigError } from '../domain/errors.js';
import { type BufferedRequest, boundedBodies } from '../http/bodies.js';
import { allowedOrigin, authorized, LOOPBACK, listenError } from '../http/guards.js';
import { useMarkdownWorkers } from '../planning/markdown/tree.js';
import type { ToolProfile } from './server.js';
import { createMcpServer } from './server.js';
import { rpcError, StdioGuard } from './stdio-guard.js';

export async function serveStdio(ctx: AppContext, profile: ToolProfile): Promise<void> {
  const server = createMcpServer(ctx, { profile });
  const guard = new StdioGuard((line) => process.stdout.write(line));
  process.stdin.pipe(guard);
  const transport = new StdioServerTransport(guard, process.stdout);
  await server.connect(transport);
  await new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    guard.once('end', () => resolve());
  });
  await server.close();
}

export interface HttpOptions {
  host: string;
  port: number;
  /** Required when host is not a loopback address. */
  token?: string;
  profile: ToolProfile;
  /** How long one parse of plan markdown may take on a worker (LIMITS.markdownParseMs by default). */
  markdownTimeLimitMs?: number;
}

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Streamable HTTP, stateless: every POST gets a fresh MCP server and transport over the shared context
 * (one store, one pool), so any number of clients work at once and nothing lives in server memory
 * between requests: the planner's sessions are in the store.
 */
export async function serveHttp(ctx: AppContext, options: HttpOptions): Promise<RunningHttpServer> {
  if (!LOOPBACK.has(options.host) && !options.token) {
    throw new ConfigError(
      `binding to ${options.host} exposes the task store; give --token (or PLANSMITH_MCP_TOKEN) so clients must authenticate`,
    );
  }
  let port = options.port;
  // Plan markdown is parsed on worker threads under a time limit: one client's plan never stalls the others.
  const markdown = useMarkdownWorkers({ timeLimitMs: options.markdownTimeLimitMs });
  const mcp = mcpHandler(ctx, { ...options, port: () => port });
  // Every body passes the shared HTTP layer first: read within the message limit, or a drained 413.
  const route = (req: BufferedRequest, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path !== '/mcp') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the MCP endpoint is /mcp');
      return;
    }
    void mcp(req, res);
  };
  const token = options.token;
  const http = createServer(
    boundedBodies(route, {
      refusal: mcpOversize,
      admit: token ? (req) => authorized(req.headers.authorization, token) : undefined,
    }),
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, options.host, options.port)));
    http.listen(options.port, options.host, () => resolve());
  }).catch(async (e) => {
    await markdown.release();
    throw e;
  });
  port = (http.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/mcp`,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await markdown.release();
    },
  };
}

/** The 413 an over-limit post to MCP gets from the shared HTTP layer: a JSON-RPC error a client can read. */
export const mcpOversize = (_req: IncomingMessage, maxBytes: number): string =>
  rpcError(-32600, `request body over the ${maxBytes}-byte limit`);

const UNPARSABLE = Symbol('unparsable');

/** The body the shared HTTP layer read (within the limit), as JSON. */
function parsedBody(req: BufferedRequest): unknown {
  const text = req.rawBody?.toString('utf8') ?? '';
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return UNPARSABLE;
  }
}

/**
 * One MCP request over streamable HTTP, stateless: the origin and token checks, POST only, the JSON body
 * the shared HTTP layer read within the limit (`http/bodies.ts`; a server must put it in front), then a
 * fresh server and transport over the shared context. Used by `plansmith mcp --http` and by
 * `plansmith serve` at /mcp.
 */
export function mcpHandler(
  ctx: AppContext,
  options: { host: string; port: () => number; token?: string; profile: ToolProfile },
): (req: BufferedRequest, res: ServerResponse) => Promise<void> {
  async function handle(req: BufferedRequest, res: ServerResponse): Promise<void> {
    const port = options.port();
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigin(origin, options.host, port)) {
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: `origin ${origin} may not call this server` }));
      return;
    }
    if (options.token && !authorized(req.headers.authorization, options.token)) {
      res
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' })
        .end(JSON.stringify({ error: 'missing or wrong bearer token' }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'this server is stateless: POST only' },
          id: null,
        }),
      );
      return;
    }
    const body = parsedBody(req);
    if (body === UNPARSABLE) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(rpcError(-32700, 'parse error: the body is not valid JSON'));
      return;
    }
    const server = createMcpServer(ctx, { profile: options.profile });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: LOOPBACK.has(options.host),
      allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`],
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
  return (req, res) =>
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: (e as Error).message }, id: null }),
      );
    });
}
