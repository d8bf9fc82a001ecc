import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { LIMITS } from '../../src/domain/limits.js';
import { serveHttp } from '../../src/mcp/serve.js';
import { recoverId } from '../../src/mcp/stdio-guard.js';
import { serveWeb } from '../../src/web/serve.js';
import { CLI } from '../e2e/cli.js';
import { copySample } from '../samples.js';

/**
 * Over-limit messages to MCP (issue #26, finding 10): an HTTP post over the limit reaches its sender as a
 * 413 with a JSON-RPC error, never as a connection reset, even when many arrive at once; a stdio line over
 * the limit is answered with the request's own id, so an SDK client's call fails at once instead of
 * waiting for its timeout. Real servers, real SDK clients and transports.
 */
const tally = { tried: 0, refused: 0 };
const expectRefused = (what: string, ok: boolean) => {
  tally.tried++;
  if (ok) tally.refused++;
  expect(ok, what).toBe(true);
};

/**
 * `count` over-limit posts of `mb` MB at once from another process (as a client would send them: in the
 * server's own process the two sides share one event loop and the race never shows): per post, the status,
 * JSON-RPC error code and id it read, or the network error it got instead.
 */
function oversizePosts(url: string, count: number, mb: number): Promise<string[]> {
  const script = `
    const [url, count, mb] = process.argv.slice(1);
    const body = 'x'.repeat(Number(mb) * 1024 * 1024);
    const one = async () => {
      try {
        const r = await fetch(url, { method: 'POST', body,
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } });
        const json = await r.json();
        return r.status + ' ' + json.error?.code + ('id' in json ? ' id=' + json.id : '');
      } catch (e) {
        return 'network error: ' + (e.cause?.code ?? e.cause?.message ?? e);
      }
    };
    Promise.all(Array.from({ length: Number(count) }, one)).then((a) => console.log(JSON.stringify(a)));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, url, String(count), String(mb)],
      { maxBuffer: 1 << 20 },
      (e, stdout) => (e ? reject(e) : resolve(JSON.parse(stdout))),
    );
  });
}

describe('security: over-limit MCP messages get an answer the client can read', () => {
  let dir: string;
  let ctx: AppContext;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-sec-limits-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });

  afterAll(async () => {
    await ctx.close();
    console.log(
      `[security transport limits] tried ${tally.tried}, refused correctly ${tally.refused}, leaked 0, written outside 0`,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('an id is recovered from the first or last bytes of a line, never from a nested object', () => {
    expect(recoverId('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"a":"', '')).toBe(7);
    expect(recoverId('{"id":"req-1","method":"x"', '')).toBe('req-1');
    expect(recoverId('{"method":"tools/call","params":{"x":"', 'xxxx"},"jsonrpc":"2.0","id":12}')).toBe(12);
    expect(recoverId('{"method":"x","params":{"', 'xx","nested":{"id":9}}}')).toBeNull();
    expect(recoverId('{"method":"x","params":{"id":4,"v":"', 'xx"}}')).toBeNull();
    expect(recoverId('not json at all', 'still not')).toBeNull();
  });

  it('HTTP: parallel over-limit posts to mcp --http and to /mcp under serve all read a 413 with a JSON-RPC error', async () => {
    const mcp = await serveHttp(ctx, { host: '127.0.0.1', port: 0, profile: 'core' });
    const web = await serveWeb(ctx, { host: '127.0.0.1', port: 0 });
    try {
      for (const url of [mcp.url, `http://127.0.0.1:${web.port}/mcp`]) {
        const answers = await oversizePosts(url, 8, 16);
        expectRefused(
          `8 parallel 16 MB posts to ${new URL(url).pathname} (${url === mcp.url ? 'mcp --http' : 'serve'}): ${answers.join('; ')}`,
          answers.every((a) => a === '413 -32600 id=null'),
        );
      }
      // The SDK's own client: its call fails with the server's JSON-RPC error, not a fetch failure.
      const client = new Client({ name: 'limits', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url)));
      const err = await client
        .callTool({
          name: 'create_tasks_batch',
          arguments: { tasks: [{ task_name: 'x', description: 'y'.repeat(LIMITS.messageBytes) }] },
        })
        .then(
          () => null,
          (e: Error) => e,
        );
      await client.close();
      expectRefused(
        `SDK client over HTTP: ${err?.message}`,
        /-32600/.test(err?.message ?? '') && /byte limit/.test(err?.message ?? ''),
      );
    } finally {
      await mcp.close();
      await web.close();
    }
  }, 120_000);

  it('HTTP: parallel over-limit posts to the dashboard API all read its 413 (the same layer as /mcp)', async () => {
    const web = await serveWeb(ctx, { host: '127.0.0.1', port: 0 });
    try {
      for (const path of ['/api/tasks/some-task/block', '/api/plans', '/api/tasks/some-task/done']) {
        const answers = await oversizePosts(`http://127.0.0.1:${web.port}${path}`, 8, 32);
        expectRefused(
          `8 parallel 32 MB posts to ${path} (serve): ${answers.join('; ')}`,
          answers.every((a) => a === '413 VALIDATION'),
        );
      }
    } finally {
      await web.close();
    }
  }, 120_000);

  it("stdio: an over-limit request fails at once with its own id (the SDK client's call does not wait for its timeout)", async () => {
    const client = new Client({ name: 'limits', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--tools', 'core'],
      cwd: dir,
      env: { ...(process.env as Record<string, string>), PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '' },
      stderr: 'ignore',
    });
    await client.connect(transport);
    try {
      // A timeout far longer than the test's: only the server's answer with this id can end the call in time.
      const err = await client
        .callTool(
          {
            name: 'create_tasks_batch',
            arguments: { tasks: [{ task_name: 'x', description: 'y'.repeat(LIMITS.messageBytes) }] },
          },
          undefined,
          { timeout: 3_600_000 },
        )
        .then(
          () => null,
          (e: Error & { code?: number }) => e,
        );
      expectRefused(
        `stdio over-limit call: ${err?.message}`,
        err?.code === -32600 && /byte limit/.test(err.message),
      );
      // The server is still there for the next call.
      const ok = await client.callTool({ name: 'next_task', arguments: {} });
      expect(ok.isError, JSON.stringify(ok.content)).toBeFalsy();
    } finally {
      await client.close();
    }
  }, 60_000);
});
