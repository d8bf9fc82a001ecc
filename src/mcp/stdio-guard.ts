import { Transform, type TransformCallback } from 'node:stream';
import { LIMITS } from '../domain/limits.js';

/** A JSON-RPC error, with the request's id when it is known (null when it could not be read). */
export function rpcError(code: number, message: string, id: string | number | null = null): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`;
}

/** Bytes kept from each end of a line that is too long to read, to find its id. */
const ENDS = 512;
const ID_VALUE = String.raw`(-?\d{1,16}|"(?:[^"\\]|\\.){0,200}")`;
/** The id as the first member (or after `"jsonrpc":"2.0"`), as most clients write it. */
const ID_FIRST = new RegExp(
  String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}\s*[,}]`,
);
/** The id as the last member (the MCP SDK writes `{...request, jsonrpc, id}`): one `}` closes the object. */
const ID_LAST = new RegExp(String.raw`[{,]\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/**
 * The id of a request too long to parse, from the line's first and last bytes: a top-level `"id"` first or
 * last in the object (a nested one is never followed by the object's only closing brace). Null otherwise.
 */
export function recoverId(head: string, tail: string): string | number | null {
  const m = ID_FIRST.exec(head) ?? ID_LAST.exec(tail);
  if (!m) return null;
  try {
    const id: unknown = JSON.parse(m[1]!);
    return typeof id === 'number' || typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Sits between stdin and the MCP stdio transport. It passes each well-formed line through, and answers
 * the ones the SDK would drop silently: a line that is not JSON gets -32700 (parse error), a line over the
 * message limit gets -32600 naming the limit (and is discarded as it streams, never buffered whole), with
 * the request's id when its first or last bytes give it, so the client's pending request fails at once
 * instead of waiting for its own timeout. The server stays up in both cases.
 */
export class StdioGuard extends Transform {
  private buf: Buffer[] = [];
  private size = 0;
  private dropping = false;
  /** The first and the last bytes of a line being dropped (to find its id). */
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  constructor(
    private readonly reply: (line: string) => void,
    private readonly maxBytes: number = LIMITS.messageBytes,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      if (!this.dropping) {
        this.size += piece.length;
        if (this.size > this.maxBytes) {
          this.dropping = true;
          this.buf.push(piece);
          const all = Buffer.concat(this.buf);
          this.head = all.subarray(0, ENDS);
          this.tail = Buffer.from(all.subarray(-ENDS));
          this.buf = [];
        } else this.buf.push(piece);
      } else {
        this.tail = Buffer.from(Buffer.concat([this.tail, piece]).subarray(-ENDS));
      }
      if (nl < 0) break;
      this.endLine();
      start = nl + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.size > 0 || this.dropping) this.endLine();
    done();
  }

  private endLine(): void {
    if (this.dropping) {
      const id = recoverId(this.head.toString('utf8'), this.tail.toString('utf8').replace(/\r$/, ''));
      this.reply(rpcError(-32600, `message over the ${this.maxBytes}-byte limit; it was not read`, id));
      this.head = Buffer.alloc(0);
      this.tail = Buffer.alloc(0);
    } else {
      const line = Buffer.concat(this.buf).toString('utf8').replace(/\r$/, '');
      if (line.trim()) {
        let ok = true;
        try {
          JSON.parse(line);
        } catch {
          ok = false;
        }
        if (ok) this.push(`${line}\n`);
        else this.reply(rpcError(-32700, 'parse error: the message is not valid JSON'));
      }
    }
    this.buf = [];
    this.size = 0;
    this.dropping = false;
  }
}
