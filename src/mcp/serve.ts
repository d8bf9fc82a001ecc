import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../context.js';
import { ConfigError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
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

/** The addresses that only this machine can reach: binding to any other needs a token. */
export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

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
  const http = createServer((req, res) => {
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
  });

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

/**
 * One MCP request over streamable HTTP, stateless: the origin and token checks, POST only, a bounded JSON
 * body, then a fresh server and transport over the shared context. Used by `plansmith mcp --http` and by
 * `plansmith serve` at /mcp.
 */
export function mcpHandler(
  ctx: AppContext,
  options: { host: string; port: () => number; token?: string; profile: ToolProfile },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    const body = await readBody(req);
    if (body === TOO_LARGE) {
      refuseOversize(req, res, rpcError(-32600, `request body over the ${LIMITS.messageBytes}-byte limit`));
      return;
    }
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

/** Whether an `Authorization: Bearer …` header carries the token. */
export function authorized(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return given !== undefined && sameSecret(given, token);
}

/** Compares a secret in constant time (a token from a header, a cookie or a link). */
export function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const TOO_LARGE = Symbol('too large');
const UNPARSABLE = Symbol('unparsable');

/**
 * The body as JSON, or TOO_LARGE as soon as it passes the message limit (declared or as it arrives). The
 * stream is never destroyed here: what is left of an oversize body is drained by `refuseOversize`.
 */
function readBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > LIMITS.messageBytes) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.messageBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).off('error', reject);
      chunks.length = 0;
      resolve(TOO_LARGE);
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(UNPARSABLE);
      }
    };
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** How much of an oversize body is read and thrown away so that its sender sees the 413, and for how long. */
const DRAIN_BYTES = 256 * 1024 * 1024;
const DRAIN_MS = 30_000;

/**
 * Answers 413 with a JSON-RPC error, then reads the rest of the body and throws it away (nothing is kept)
 * before the connection closes. Closing while the client still sends makes its kernel reset the
 * connection, and the reset discards the answer it had not read yet: the client saw "connection reset"
 * instead of the 413 (15 of 16 parallel 30 MB posts). A body past `DRAIN_BYTES` or `DRAIN_MS` is cut off.
 */
export function refuseOversize(req: IncomingMessage, res: ServerResponse, payload: string): void {
  res.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    connection: 'close',
  });
  // The whole answer goes out now; the response ends (and the connection closes) once the body is drained.
  res.write(payload);
  const declared = Number(req.headers['content-length'] ?? 0);
  let drained = 0;
  let done = false;
  const finish = (destroy: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    res.end(() => destroy && req.destroy());
  };
  const timer = setTimeout(() => finish(true), DRAIN_MS);
  if (declared > DRAIN_BYTES || req.readableEnded) {
    finish(true);
    return;
  }
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) finish(true);
  });
  req.once('end', () => finish(false));
  req.once('error', () => finish(true));
  req.resume();
}

/**
 * Browsers send Origin; a page on another site must not drive a local server (DNS rebinding, CSRF). On
 * loopback only the server's own origins are accepted; elsewhere the token is the guard, and the origin
 * must at least be the host it was bound to. `Origin: null` (sandboxed frames, file pages) never is.
 */
export function allowedOrigin(origin: string, host: string, port: number): boolean {
  if (origin === 'null') return false;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const p = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const h = u.hostname.replace(/^\[|\]$/g, '');
  const hosts = LOOPBACK.has(host) ? [...LOOPBACK] : [host];
  return p === port && hosts.includes(h);
}

/** Why the server could not listen, as a person can act on it (the port is taken, or not theirs to use). */
export function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE')
    return new ConfigError(
      `port ${port} on ${host} is already in use (another plansmith?): stop it, or give --port another number (--port 0 picks a free one)`,
    );
  if (e.code === 'EACCES')
    return new ConfigError(`port ${port} on ${host} may not be used by this user: give --port 1024 or above`);
  if (e.code === 'EADDRNOTAVAIL')
    return new ConfigError(`${host} is not an address of this machine: give --host 127.0.0.1 or one it has`);
  return e;
}
