import { Transform, type TransformCallback } from 'node:stream';
import { LIMITS } from '../domain/limits.js';

/** A JSON-RPC error with no id (the request could not be read far enough to know it). */
export function rpcError(code: number, message: string): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } })}\n`;
}

/**
 * Sits between stdin and the MCP stdio transport. It passes each well-formed line through, and answers
 * the ones the SDK would drop silently: a line that is not JSON gets -32700 (parse error), a line over the
 * message limit gets -32600 naming the limit (and is discarded as it streams, never buffered whole).
 * The server stays up in both cases.
 */
export class StdioGuard extends Transform {
  private buf: Buffer[] = [];
  private size = 0;
  private dropping = false;

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
          this.buf = [];
        } else this.buf.push(piece);
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
      this.reply(rpcError(-32600, `message over the ${this.maxBytes}-byte limit; it was not read`));
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
