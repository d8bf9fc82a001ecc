import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LIMITS } from '../domain/limits.js';

/**
 * The one HTTP layer every plansmith server puts in front of its routes (`mcp --http`, and `serve` for the
 * dashboard, its API and /mcp): a request body is read here, bounded by the message limit, before any
 * route sees it. A body over the limit is answered 413 in the surface's own words and drained (see
 * `refuseOversize`); a body within it is kept as `rawBody`, which the routes read (Hono's node adapter
 * takes it as the request's body; the MCP handler parses it). No route reads the socket itself.
 */

/** A request whose body this layer has read (within the limit). */
export type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

export interface BodyLimitOptions {
  /** Bytes a body may have (LIMITS.messageBytes unless a test narrows it). */
  maxBytes?: number;
  /** The 413's JSON body, in the words of the surface the request was for. */
  refusal: (req: IncomingMessage, maxBytes: number) => string;
  /** Headers every answer of this server carries (the dashboard's CSP and frame protection). */
  headers?: OutgoingHttpHeaders;
  /**
   * Whether the request may have its body read at all (a server with a token: the request carries it). One
   * that may not is handed on unread with an empty body, for the route's own refusal (401): a client
   * without the token never makes the server hold a body.
   */
  admit?: (req: IncomingMessage) => boolean;
}

/** Wraps a node request listener so that it only ever sees requests whose body was read within the limit. */
export function boundedBodies(
  next: (req: BufferedRequest, res: ServerResponse) => void | Promise<void>,
  options: BodyLimitOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const max = options.maxBytes ?? LIMITS.messageBytes;
  const refuse = (req: IncomingMessage, res: ServerResponse) =>
    refuseOversize(req, res, options.refusal(req, max), options.headers);
  return (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    // No body (a GET, an event stream): straight through, nothing to read.
    if (req.headers['transfer-encoding'] === undefined && !(declared > 0)) return void next(req, res);
    if (options.admit && !options.admit(req)) {
      (req as BufferedRequest).rawBody = Buffer.alloc(0);
      return void next(req, res);
    }
    if (declared > max) return refuse(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      chunks.length = 0;
      refuse(req, res);
    };
    const onEnd = () => {
      req.off('error', onError);
      (req as BufferedRequest).rawBody = Buffer.concat(chunks);
      void next(req, res);
    };
    const onError = () => req.destroy();
    req.on('data', onData).once('end', onEnd).once('error', onError);
  };
}

/** How much of an oversize body is read and thrown away so that its sender sees the 413, and for how long. */
const DRAIN_BYTES = 256 * 1024 * 1024;
const DRAIN_MS = 30_000;

/**
 * Answers 413 with `payload` (JSON), then reads the rest of the body and throws it away (nothing is kept)
 * before the connection closes. Closing while the client still sends makes its kernel reset the
 * connection, and the reset discards the answer it had not read yet: the client saw "connection reset"
 * instead of the 413 (15 of 16 parallel 30 MB posts to MCP; 1 in 16 to the dashboard API under Hono's own
 * limit, which gives up draining after 500 ms). A body past `DRAIN_BYTES` or `DRAIN_MS` is cut off.
 */
export function refuseOversize(
  req: IncomingMessage,
  res: ServerResponse,
  payload: string,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(413, {
    ...headers,
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
