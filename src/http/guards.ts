import { timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../domain/errors.js';

/**
 * The checks every plansmith HTTP server makes before a route runs (`mcp --http`, and `serve` for the
 * dashboard and /mcp): which addresses are this machine only, which origins may call, and the token.
 */

/** The addresses that only this machine can reach: binding to any other needs a token. */
export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

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
