import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppContext } from '../context.js';
import { ConfigError } from '../domain/errors.js';
import type { ToolProfile } from '../mcp/profiles.js';
import { LOOPBACK, mcpHandler } from '../mcp/serve.js';
import { createWebApp } from './app.js';

export interface WebServerOptions {
  host: string;
  port: number;
  token?: string;
  /** The MCP tools served at /mcp. */
  profile?: ToolProfile;
  pollMs?: number;
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
  const app = createWebApp(ctx, {
    host: o.host,
    port: () => port,
    token: o.token,
    pollMs: o.pollMs,
    mcp: mcpHandler(ctx, { host: o.host, port: () => port, token: o.token, profile: o.profile ?? 'default' }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, o.host, o.port)));
  });
  port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/${o.token ? `?token=${encodeURIComponent(o.token)}` : ''}`,
    port,
    close: () =>
      new Promise((resolve) => {
        // Open event streams would keep the server up: end them.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Why the server could not listen, as a person can act on it (the port is taken, or not theirs to use). */
export function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE')
    return new ConfigError(
      `port ${port} on ${host} is already in use (another plansmith serve?): stop it, or give --port another number (--port 0 picks a free one)`,
    );
  if (e.code === 'EACCES')
    return new ConfigError(`port ${port} on ${host} may not be used by this user: give --port 1024 or above`);
  if (e.code === 'EADDRNOTAVAIL')
    return new ConfigError(`${host} is not an address of this machine: give --host 127.0.0.1 or one it has`);
  return e;
}
