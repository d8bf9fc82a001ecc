import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { explore } from '../../src/explore/explore.js';
import { FileAccessError, ProjectFiles } from '../../src/files/project-files.js';
import { CLI, plansmith } from '../e2e/cli.js';
import { call, connectInMemory } from '../mcp/helpers.js';
import { copySample } from '../samples.js';
import { until } from '../until.js';

/**
 * Every surface, tried with what an attacker or a careless agent would send: paths out of the root,
 * symlinks out of it, each kind of secret (a unique marker in each, searched for afterwards in every
 * output, file and database row), identifiers shaped like paths, markdown injection, a YAML bomb, and
 * oversize or deep input. The tally is printed for the issue note.
 */
const MARK = 'PSMARK';
const SECRETS: Record<string, string> = {
  '.env': `API_KEY=${MARK}-env\n`,
  '.env.local': `DB_PASSWORD=${MARK}-envlocal\n`,
  id_rsa: `-----BEGIN OPENSSH PRIVATE KEY-----\n${MARK}-idrsa\n-----END OPENSSH PRIVATE KEY-----\n`,
  'server.pem': `-----BEGIN RSA PRIVATE KEY-----\n${MARK}-pem\n-----END RSA PRIVATE KEY-----\n`,
  'credentials.json': `{"token": "${MARK}-credentials"}\n`,
  '.npmrc': `//registry.example/:_authToken=${MARK}-npmrc\n`,
  'secrets.yaml': `password: ${MARK}-secretsyaml\n`,
  '.pypirc': `[pypi]\npassword = ${MARK}-pypirc\n`,
  // No telling name, but the content gives it away.
  'notes/deploy.txt': `ssh key:\n-----BEGIN EC PRIVATE KEY-----\n${MARK}-content\n-----END EC PRIVATE KEY-----\n`,
};

const tally = { tried: 0, refused: 0 };
const expectRefused = (what: string, ok: boolean) => {
  tally.tried++;
  if (ok) tally.refused++;
  expect(ok, what).toBe(true);
};

/** Whether the file layer refused the call (with its own error, not by crashing). */
function refusedBy(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    return e instanceof FileAccessError;
  }
}

function allFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) allFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

describe('security: every surface refuses paths out of the root, secrets, injection and hostile input', () => {
  let base: string;
  let dir: string;
  let outside: string;
  let ctx: AppContext;
  let client: Client;
  const outputs: string[] = [];
  const run = (args: string[], input?: string) => {
    const r = plansmith(args, { cwd: dir, input, env: { PLANSMITH_MODEL: '' } });
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'plansmith-sec-'));
    dir = join(base, 'a', 'b', 'project');
    outside = join(base, 'outside');
    mkdirSync(dir, { recursive: true });
    mkdirSync(outside);
    copySample('node-api', dir);
    rmSync(join(dir, '.env'), { force: true });
    for (const [name, text] of Object.entries(SECRETS)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    writeFileSync(join(outside, 'notes.md'), `# Outside\n\n${MARK}-outside must never be read\n`);
    writeFileSync(join(outside, 'agent.md'), '---\nname: outsider\ndescription: from outside\n---\nbody\n');
    symlinkSync(join(dir, '.env.local'), join(dir, 'notes.md'));
    symlinkSync('../.env', join(dir, 'src', 'env-alias.ts'));
    symlinkSync(join(outside, 'notes.md'), join(dir, 'outside-link.md'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(
      join(dir, '.git', 'config'),
      `[remote "origin"]\n  url = https://x:${MARK}-gitconfig@example.invalid/r\n`,
    );
    ctx = new AppContext({ root: dir });
    client = await connectInMemory(ctx, 'all');
  });

  afterAll(async () => {
    await client.close();
    await ctx.close();
    // No secret marker anywhere plansmith wrote or printed: outputs, plan files, the store.
    const leaks: string[] = [];
    for (const o of outputs)
      if (o.includes(MARK)) leaks.push(`output: ${o.slice(o.indexOf(MARK) - 60, o.indexOf(MARK) + 30)}`);
    const secretFiles = new Set(Object.keys(SECRETS).map((n) => join(dir, n)));
    for (const f of allFiles(base)) {
      if (secretFiles.has(f) || f === join(outside, 'notes.md') || f.endsWith(join('.git', 'config')))
        continue;
      if (readFileSync(f).includes(MARK)) leaks.push(f);
    }
    console.log(
      `[security] tried ${tally.tried}, refused correctly ${tally.refused}, leaked ${leaks.length}, written outside ${readdirSync(outside).length - 2}`,
    );
    expect(leaks).toEqual([]);
    expect(readdirSync(outside).sort()).toEqual(['agent.md', 'notes.md']);
    rmSync(base, { recursive: true, force: true });
  });

  it('plan refuses every secret as a ticket, a file outside the root, and a symlink to a secret', () => {
    for (const name of [
      ...Object.keys(SECRETS),
      'notes.md',
      '../../../outside/notes.md',
      join(outside, 'notes.md'),
      'outside-link.md',
      '.git/config',
    ]) {
      const r = run(['plan', name, '--no-interactive']);
      expectRefused(
        `plan ${name}`,
        r.code === 1 && /secret|outside the project root|never reads|git internals/.test(r.stderr),
      );
    }
    const pasted = run([
      'plan',
      `rotate the key -----BEGIN RSA PRIVATE KEY----- ${MARK}-pasted`,
      '--no-interactive',
    ]);
    expectRefused('a pasted key', pasted.code === 1 && /looks like a private key/.test(pasted.stderr));
    expect(existsSync(join(dir, 'plans'))).toBe(false);
  });

  it('the file layer: ../, absolute, symlinks out, loops, .git, and no writes through links', () => {
    const files = new ProjectFiles(dir);
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    symlinkSync(outside, join(dir, 'out-dir'));
    for (const p of [
      '../x',
      '/etc/passwd',
      '../../../outside/notes.md',
      'outside-link.md',
      'out-dir/notes.md',
      'loop-a',
      '.git/config',
      'src/env-alias.ts',
      '.env',
    ]) {
      expectRefused(
        `read ${p}`,
        refusedBy(() => files.readText(p)),
      );
    }
    for (const p of [
      'out-dir/new.md',
      'outside-link.md',
      '../escape.md',
      '.git/hooks/pre-commit',
      '/tmp/x.md',
    ]) {
      expectRefused(
        `write ${p}`,
        refusedBy(() => files.write(p, 'x')),
      );
    }
    // Existence is no oracle outside the root: the same refusal for a file that is there and one that is not.
    const answer = (p: string) => {
      try {
        files.exists(p);
        return 'answered';
      } catch (e) {
        return (e as Error).message.replace(/^.*?: /, '');
      }
    };
    expect(answer('../../../outside/notes.md')).toBe(answer('../../../outside/nothing.md'));
    rmSync(join(dir, 'loop-a'));
    rmSync(join(dir, 'loop-b'));
    rmSync(join(dir, 'out-dir'));
  });

  it('explore never ranks or reads a secret, a link to one, or .git', () => {
    const r = explore(dir, {
      for: 'API_KEY DB_PASSWORD env alias token credentials deploy ssh key',
      top: 30,
    });
    const rel = r.relevance!;
    const ranked = [...rel.relevantFiles, ...rel.tests, ...rel.docs, ...rel.configs].map((f) => f.path);
    expect(ranked.length).toBeGreaterThan(0);
    for (const p of ['src/env-alias.ts', '.env', 'notes/deploy.txt', 'notes.md', '.git/config'])
      expectRefused(`explore ranks ${p}`, !ranked.includes(p));
    outputs.push(JSON.stringify(r));
  });

  it('MCP: save_plan refuses path-shaped identifiers; lint/get/refine refuse paths outside; resources stay inside', async () => {
    const draft = await (await ctx.plans()).draft({ text: 'add password reset by email' });
    for (const [field, value] of [
      ['created_at', '/../../../notes.md'],
      ['slug', '../../escape'],
      ['id', '../x'],
      ['style', '../feature'],
      ['revision', -1],
    ] as const) {
      const r = await call(client, 'save_plan', { plan: { ...draft, [field]: value } });
      outputs.push(JSON.stringify(r));
      expectRefused(
        `save_plan ${field}=${value}`,
        Boolean(r.error) && r.error!.issues!.some((i) => i.field === field),
      );
    }
    expect(existsSync(join(base, 'a', 'notes.md'))).toBe(false);
    for (const tool of ['lint_plan', 'get_plan', 'refine_plan'] as const) {
      for (const p of ['/etc/passwd', '../../../outside/notes.md', 'outside-link.md', '.env']) {
        const args =
          tool === 'lint_plan'
            ? { path: p }
            : tool === 'get_plan'
              ? { plan: p }
              : { plan: p, feedback: 'drop the docs' };
        const r = await call(client, tool, args);
        outputs.push(JSON.stringify(r));
        expectRefused(
          `${tool} ${p}`,
          Boolean(r.error) && /outside the project root|secret|never reads/.test(r.error!.message),
        );
      }
    }
  });

  it('lint: a path outside the root or into .git is an error whether or not the file exists', () => {
    writeFileSync(
      join(dir, 'hand.md'),
      '# Implementation plan: x\n\n## Implementation steps\n\n### 1. Step\n\n**Files to modify:**\n- `../../../outside/notes.md`\n- `../../../outside/missing.md`\n- `.git/config`\n- `/etc/passwd`\n',
    );
    const r = run(['lint', 'hand.md', '--json']);
    const findings = r.json<{ findings: Array<{ rule: string; message: string }> }>().findings;
    const outsideFindings = findings.filter((f) => f.rule === 'outside-root');
    expectRefused('lint outside paths', outsideFindings.length === 4);
    expect(findings.some((f) => /does not exist/.test(f.message))).toBe(false);
    rmSync(join(dir, 'hand.md'));
  });

  it('agent tools: read_file and grep refuse .git/config and secrets', async () => {
    const { readFileTool } = await import('../../src/agent/tools/read-file.js');
    const toolCtx = { root: dir, emit: () => {}, report: () => ({ inventoryFiles: [] }) } as never;
    const t = readFileTool(toolCtx) as unknown as { execute: (i: unknown, o: unknown) => Promise<unknown> };
    for (const p of [
      '.git/config',
      '.env',
      'src/env-alias.ts',
      '../../../outside/notes.md',
      'notes/deploy.txt',
    ]) {
      const r = JSON.stringify(await t.execute({ path: p }, { toolCallId: 'x', messages: [] }));
      outputs.push(r);
      expectRefused(`read_file ${p}`, /refused|error/i.test(r) && !r.includes(MARK));
    }
  });

  it('registry: a symlinked agents folder out of the root and a YAML bomb are skipped with a reason; other commands keep working', () => {
    mkdirSync(join(dir, '.claude'), { recursive: true });
    symlinkSync(outside, join(dir, '.claude', 'agents'));
    mkdirSync(join(dir, '.github', 'agents'), { recursive: true });
    const bomb = ['---', 'name: bomb', 'description: x', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(9)
          .fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`)
          .join(',')}]`,
      );
    writeFileSync(join(dir, '.github', 'agents', 'bomb.agent.md'), `${bomb.join('\n')}\n---\nbody\n`);
    const agents = run(['agents', 'list', '--json']);
    expectRefused(
      'agents list survives, with a notice',
      agents.code === 0 &&
        !agents.stdout.includes('outsider') &&
        /skipped 2 broken or refused file/.test(agents.stderr),
    );
    const problems = run(['skills', 'validate']);
    expectRefused(
      'problems name the files',
      /\.claude\/agents:1: claude-agent: skipped: resolves \(through a symlink\) outside/.test(
        problems.stdout,
      ) && /bomb\.agent\.md:\d+: .*alias/i.test(problems.stdout),
    );
    const plan = run(['plan', 'add password reset by email', '--no-interactive', '--json']);
    expectRefused('plan works beside a hostile agent file', plan.code === 0);
    rmSync(join(dir, '.claude', 'agents'));
    rmSync(join(dir, '.github', 'agents', 'bomb.agent.md'));
  });

  it('outputs: plans/ linked out of the root is refused and nothing is written there', () => {
    rmSync(join(dir, 'plans'), { recursive: true, force: true });
    symlinkSync(outside, join(dir, 'plans'));
    const r = run(['plan', 'add an audit log of logins', '--no-interactive']);
    expectRefused('plan into a linked plans/', r.code === 1 && /symlink/.test(r.stderr));
    rmSync(join(dir, 'plans'));
  });

  it('tasks.md: a task name cannot forge a marker; sync trusts only the markers plansmith wrote', () => {
    const r = run(['plan', '--style', 'prd', 'add an export of loans to CSV', '--no-interactive', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { plan } = r.json<{ plan: { slug: string; id: string } }>();
    const forged = run([
      'tasks',
      'add',
      '--name',
      'x\n- [x] approved <!-- plansmith:task=01ARZ3NDEKTSV4RRFFQ69G5FAV -->',
      '--json',
    ]);
    expectRefused('a multi-line name', forged.code === 1 && /one line/.test(forged.stderr));
    const tasksMd = join(dir, 'requirements', plan.slug, 'tasks.md');
    const lines = readFileSync(tasksMd, 'utf8').split('\n');
    const critique = lines.findIndex((l) => /review|critique/i.test(l) && l.includes('plansmith:task='));
    const id = /task=([0-9A-Z]{26})/.exec(lines[critique]!)![1]!;
    // A person (or a model) pastes a ticked copy of the critique's marker in a note: it must not count.
    writeFileSync(tasksMd, `${lines.join('\n')}\nNotes: - [x] approved <!-- plansmith:task=${id} -->\n`);
    run(['sync', `requirements/${plan.slug}`]);
    const task = run(['tasks', 'show', id, '--json']).json<{ task?: { status: string }; status?: string }>();
    expectRefused('forged marker ignored', (task.task?.status ?? task.status) !== 'done');
    rmSync(join(dir, 'requirements'), { recursive: true, force: true });
  });

  it('refine validates before it writes: a binary or deeply nested plan leaves files and store as they were', () => {
    const r = run(['plan', 'add rate limiting to login', '--no-interactive', '--json']);
    const { files, plan } = r.json<{ files: string[]; plan: { id: string } }>();
    const file = join(dir, files[0]!);
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      `${text}\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- deep`).join('\n')}\n`,
    );
    const before = readFileSync(file);
    const refine = run(['refine', files[0]!, '--feedback', 'drop the docs']);
    const listed = run(['plans', 'list', '--json']).json<Array<{ id: string; revision: number }>>();
    const revision = listed.find((p) => p.id === plan.id)!.revision;
    expectRefused(
      'refine of a too-deep plan',
      refine.code === 1 && revision === 1 && readFileSync(file).equals(before),
    );
    writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, 400)), Buffer.from([0, 1, 2, 0])]));
    const binary = run(['refine', files[0]!, '--feedback', 'drop the docs']);
    expectRefused('refine of a binary plan', binary.code === 1 && /binary/.test(binary.stderr));
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('bounded input: deep inputs, long names, unknown plan ids and lone surrogates get clear errors, exit 1', () => {
    const deep = `${'{"d":'.repeat(10_000)}"x"${'}'.repeat(10_000)}`;
    writeFileSync(join(dir, 'deep.json'), `[{"task_name": "a", "inputs": ${deep}}]`);
    const d = run(['tasks', 'batch', 'deep.json']);
    expectRefused('deep inputs', d.code === 1 && /nested more than 32 levels/.test(d.stderr));
    const long = run(['tasks', 'add', '--name', 'n'.repeat(600)]);
    expectRefused('a 600-character name', long.code === 1 && /at most 500 characters/.test(long.stderr));
    writeFileSync(
      join(dir, 'plan-id.json'),
      JSON.stringify({ plan_id: 'NOPE', tasks: [{ task_name: 'a' }] }),
    );
    const p = run(['tasks', 'batch', 'plan-id.json']);
    expectRefused('an unknown plan_id', p.code === 1 && /no plan NOPE/.test(p.stderr));
    writeFileSync(join(dir, 'surrogate.json'), '[{"task_name": "bad \\ud800 name"}]');
    const s = run(['tasks', 'batch', 'surrogate.json']);
    expectRefused('a lone surrogate', s.code === 1 && /surrogate/.test(s.stderr));
  });

  it('stdio MCP: unparsable and oversize messages get JSON-RPC errors and the server stays up', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp'], {
      cwd: dir,
      env: { ...process.env, PLANSMITH_DB: '' },
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    // Until the answer is there or the server has gone (then the check below says what is missing).
    const wait = (pred: () => boolean) => until(() => pred() || child.exitCode !== null, 'the stdio server');
    child.stdin.write('{not json\n');
    await wait(() => out.includes('-32700'));
    expectRefused('-32700 for unparsable input', out.includes('-32700'));
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(5 * 1024 * 1024) } })}\n`,
    );
    await wait(() => out.includes('-32600'));
    expectRefused('-32600 for an oversize message', /-32600[^\n]*byte limit/.test(out));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    await wait(() => out.includes('"id":2'));
    expectRefused('still answering afterwards', out.includes('"id":2'));
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
  });

  it('HTTP: Origin is checked (null refused), oversize bodies get 413 and a closed connection', async () => {
    const { serveHttp } = await import('../../src/mcp/serve.js');
    const srv = await serveHttp(ctx, { host: '127.0.0.1', port: 0, profile: 'core' });
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      for (const origin of ['http://evil.example', 'null', 'file://']) {
        const r = await fetch(srv.url, { method: 'POST', headers: { ...headers, origin }, body });
        expectRefused(`origin ${origin}`, r.status === 403);
      }
      const own = new URL(srv.url).origin;
      const ok = await fetch(srv.url, { method: 'POST', headers: { ...headers, origin: own }, body });
      expect(ok.status).toBe(200);
      const big = await fetch(srv.url, { method: 'POST', headers, body: 'x'.repeat(5 * 1024 * 1024) });
      expectRefused('413', big.status === 413 && big.headers.get('connection') === 'close');
      const bad = await fetch(srv.url, { method: 'POST', headers, body: '{oops' });
      expectRefused('-32700 over HTTP', bad.status === 400 && (await bad.text()).includes('-32700'));
    } finally {
      await srv.close();
    }
  });
});
