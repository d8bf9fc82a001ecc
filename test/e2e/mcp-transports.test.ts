import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newClient } from '../mcp/helpers.js';
import { CLI } from './cli.js';

const require = createRequire(import.meta.url);
const batch = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'four-step-batch.json'), 'utf8'),
);
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ task_name: `independent ${i}` }));

function startHttp(dir: string, extra: string[] = []): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, 'mcp', '--http', '--port', '0', '-C', dir, ...extra], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/\S+\/mcp)/.exec(err);
      if (m) resolve({ url: m[1]!, proc });
    });
    proc.on('exit', (code) => reject(new Error(`mcp --http exited ${code}: ${err}`)));
  });
}

/** Every client claims and completes tasks at once until none is left; returns the ids claimed, in order. */
async function drain(clients: Client[], owner: string): Promise<string[]> {
  const taken: string[] = [];
  await Promise.all(
    clients.map(async (c, i) => {
      for (;;) {
        const t = await call<{ id: string } | null>(c, 'claim_task', { owner: `${owner}-${i}` });
        if (!t.value) return;
        taken.push(t.value.id);
        await call(c, 'complete_task', { task_id: t.value.id, owner: `${owner}-${i}` });
      }
    }),
  );
  return taken;
}

/** A project folder, as `plansmith init` leaves one: the server keeps its store only in a project. */
function project(dir: string): string {
  mkdirSync(join(dir, '.plansmith'), { recursive: true });
  return dir;
}

async function stdioClient(dir: string) {
  const client = newClient();
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '-C', dir], stderr: 'pipe' }),
  );
  return client;
}

describe('MCP over real transports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-mcp-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stdio: a spawned `plansmith mcp` serves the four-step batch and walks it in order', async () => {
    const client = await stdioClient(project(join(dir, 'stdio')));
    try {
      const created = await call<Array<{ id: string }>>(client, 'create_tasks_batch', { tasks: batch });
      const order: string[] = [];
      for (;;) {
        const t = await call<{ id: string; kind: string } | null>(client, 'claim_task', {
          owner: 'stdio-agent',
        });
        if (!t.value) break;
        order.push(t.value.id);
        await call(client, 'complete_task', {
          task_id: t.value.id,
          owner: 'stdio-agent',
          ...(t.value.kind === 'critique' ? { verdict: 'pass' } : {}),
        });
      }
      expect(order).toEqual(created.value.map((t) => t.id));
      const bad = await call(client, 'create_tasks_batch', {
        tasks: [{ task_name: 'x', dependencies: ['$5'] }],
      });
      expect(bad.error!.message).toMatch(/task \$1 "x", field dependencies\[0\]: unknown placeholder \$5/);
    } finally {
      await client.close();
    }
  });

  it('stdio: three servers on one store file never hand out a task twice', async () => {
    const where = project(join(dir, 'shared'));
    const clients = await Promise.all([0, 1, 2].map(() => stdioClient(where)));
    try {
      await call(clients[0]!, 'create_tasks_batch', { tasks: many(45) });
      const taken = await drain(clients, 'server');
      expect(taken).toHaveLength(45);
      expect(new Set(taken).size).toBe(45);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('HTTP: several clients on one server claim concurrently without a task claimed twice', async () => {
    const { url, proc } = await startHttp(project(join(dir, 'http')));
    const clients = Array.from({ length: 4 }, () => newClient());
    try {
      await Promise.all(clients.map((c) => c.connect(new StreamableHTTPClientTransport(new URL(url)))));
      await call(clients[0]!, 'create_tasks_batch', { tasks: many(40) });
      const taken = await drain(clients, 'http');
      expect(taken).toHaveLength(40);
      expect(new Set(taken).size).toBe(40);
      const health = await fetch(url.replace('/mcp', '/healthz'));
      expect(await health.text()).toBe('ok');
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      proc.kill('SIGTERM');
    }
  });

  it('HTTP: a bearer token is enforced; binding off loopback without one is refused', async () => {
    const { url, proc } = await startHttp(project(join(dir, 'token')), ['--token', 's3cret']);
    try {
      const anon = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(anon.status).toBe(401);
      const client = newClient();
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: 'Bearer s3cret' } },
        }),
      );
      expect((await client.listTools()).tools.length).toBeGreaterThan(5);
      await client.close();
    } finally {
      proc.kill('SIGTERM');
    }
    const open = spawnSync(
      process.execPath,
      [CLI, 'mcp', '--http', '--host', '0.0.0.0', '--port', '0', '-C', dir],
      { encoding: 'utf8' },
    );
    expect(open.status).toBe(1);
    expect(open.stderr).toMatch(/binding to 0\.0\.0\.0 exposes the task store; give --token/);
  });

  it('started outside a project, the server creates nothing there: store tools say what they need, reading tools work', async () => {
    const outside = join(dir, 'home');
    mkdirSync(outside);
    const client = await stdioClient(outside);
    try {
      const made = await call(client, 'create_tasks_batch', { tasks: [{ task_name: 'a' }] });
      expect(made.error!.message).toMatch(
        /no project at .*home \(no \.plansmith\/, \.git or project manifest\), so plansmith creates nothing there: start the MCP server in your project .*--db or PLANSMITH_DB/,
      );
      expect((await call(client, 'next_task')).error!.message).toMatch(/no project at/);
      // A plan is drafted (read-only) but not written: no store, so no plan file either.
      const draft = await call<{ phases: unknown[] }>(client, 'draft_plan', {
        requirement: 'add a ping command',
      });
      expect(draft.value.phases.length).toBeGreaterThan(0);
      const written = await call(client, 'draft_plan', { requirement: 'add a ping command', write: true });
      expect(written.error!.message).toMatch(/no project at/);
      const skills = await call<Array<{ full_id: string }>>(client, 'search_skills', {
        category: 'critique',
      });
      expect(skills.value.length).toBeGreaterThan(0);
      expect((await call(client, 'explore_codebase')).error).toBeUndefined();
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      await client.close();
    }
    // A store named for it is the caller's choice: it is opened.
    const named = newClient();
    await named.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', '-C', outside, '--db', join(dir, 'named.db')],
        stderr: 'pipe',
      }),
    );
    try {
      expect(
        (await call(named, 'create_tasks_batch', { tasks: [{ task_name: 'a' }] })).error,
      ).toBeUndefined();
      expect(existsSync(join(dir, 'named.db'))).toBe(true);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      await named.close();
    }
  });

  it('a client nobody here wrote: the MCP Inspector CLI lists the tools and calls create_tasks_batch and next_task', () => {
    const pkg = dirname(require.resolve('@modelcontextprotocol/inspector-cli/package.json'));
    const where = project(join(dir, 'inspector'));
    // The inspector reads ../package.json relative to its working directory: run it from its own build/.
    const inspector = (args: string[]) =>
      spawnSync(
        process.execPath,
        [join(pkg, 'build', 'cli.js'), '--cli', process.execPath, CLI, 'mcp', '-C', where, ...args],
        { cwd: join(pkg, 'build'), encoding: 'utf8' },
      );
    const list = inspector(['--method', 'tools/list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/"name": "create_tasks_batch"/);
    const created = inspector([
      '--method',
      'tools/call',
      '--tool-name',
      'create_tasks_batch',
      '--tool-arg',
      `tasks=${JSON.stringify(batch)}`,
    ]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/task_order\\":1/);
    const next = inspector(['--method', 'tools/call', '--tool-name', 'next_task']);
    expect(next.stdout).toMatch(/Build the invoice export endpoint/);
  });
});
