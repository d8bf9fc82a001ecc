import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../e2e/cli.js';
import { copySample } from '../samples.js';
import { submitted } from './submitted.js';

/**
 * The real CLI and the AI SDK's OpenAI-compatible provider against a local endpoint that answers like a
 * model would (the model is the one thing faked): what the run prints and its exit code, for a text answer,
 * a reply cut off by the output limit, and a good plan. Requests go over a real socket on 127.0.0.1.
 */
type Reply = { content?: string; finish?: string; call?: { name: string; args: string } };

describe('plansmith plan against an OpenAI-compatible endpoint (exit codes and messages)', () => {
  let server: Server;
  let base: string;
  let replies: Reply[] = [];
  const bodies: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        const r = replies.shift() ?? { content: 'nothing more' };
        const message = r.call
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${bodies.length}`,
                  type: 'function',
                  function: { name: r.call.name, arguments: r.call.args },
                },
              ],
            }
          : { role: 'assistant', content: r.content ?? '' };
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `cmpl-${bodies.length}`,
            object: 'chat.completion',
            created: 0,
            model: 'local-planner',
            choices: [{ index: 0, message, finish_reason: r.finish ?? (r.call ? 'tool_calls' : 'stop') }],
            usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Asynchronously: the endpoint answers from this process, so it must not be blocked while the CLI runs.
  const run = (dir: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'plan',
          '--no-interactive',
          '--model',
          'openai-compatible:local-planner',
          '--base-url',
          base,
          'add password reset by email',
        ],
        {
          cwd: dir,
          env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '', PLANSMITH_MODEL: '' },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  const sample = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansmith-oai-'));
    copySample('node-api', dir);
    return dir;
  };

  it('a text answer: exit 3, the reason quoted, nothing written; tool_choice required was sent', async () => {
    const dir = sample();
    try {
      replies = [{ content: 'First I would add a reset service.' }];
      const r = await run(dir);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /produced no plan: it answered in text without calling submit_plan: "First I would add a reset service\."/,
      );
      expect(existsSync(join(dir, 'plans'))).toBe(false);
      const sent = bodies.at(-1)!;
      expect(sent.tool_choice).toBe('required');
      expect((sent.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toContain(
        'submit_plan',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reply cut off by the length limit: exit 3 and says so', async () => {
    const dir = sample();
    try {
      replies = [{ content: 'Here is the plan: {"title": "Pass', finish: 'length' }];
      const r = await run(dir);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/its reply was cut off by the output limit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a plan sent with its fields at the top level is taken, written, and the run exits 0', async () => {
    const dir = sample();
    try {
      replies = [{ call: { name: 'submit_plan', args: JSON.stringify(submitted()) } }];
      const r = await run(dir);
      expect(r.stderr).toMatch(/planning with openai-compatible:local-planner/);
      expect(r.code).toBe(0);
      expect(readdirSync(join(dir, 'plans'))).toHaveLength(1);
      expect(r.stdout).toContain('Password reset by email');
      // Every handoff is listed under next: (a phase each and the review), then the command; none cut off.
      const next = r.stdout
        .slice(r.stdout.lastIndexOf('\nnext:\n') + 7)
        .trim()
        .split('\n');
      expect(next.map((l) => l.trim().replace(/ → .*$/, ''))).toEqual([
        'Phase 1: Tokens and service',
        'Phase 2: Tests',
        expect.stringMatching(/^Review/),
        expect.stringMatching(/^plansmith tasks next --plan /),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
