import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { ProjectFiles, readUserFile } from '../../src/files/project-files.js';
import { CLI, plansmith } from '../e2e/cli.js';
import { call, connectInMemory } from '../mcp/helpers.js';
import { copySample } from '../samples.js';

/**
 * The second adversarial pass (issue 26): a repository that chooses doctor's commands, FIFOs in the
 * project, terminal escapes through names and text, secrets in free-text fields, giant ids. Each case
 * failed before its fix. The tally is printed in the same form as the first suite's.
 */
const tally = { tried: 0, refused: 0 };
const expectRefused = (what: string, ok: boolean) => {
  tally.tried++;
  if (ok) tally.refused++;
  expect(ok, what).toBe(true);
};

const ESC = '\u001b';
/** Raw control sequences a hostile name or text could carry: none may reach a terminal as they are. */
const BIDI = '\\u202a-\\u202e\\u2066-\\u2069';
const RAW_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`);

/** How many files (not folders) a tree holds. */
const filesIn = (d: string) =>
  readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

describe('security, round two: doctor, FIFOs, terminal escapes, free-text secrets, giant ids', () => {
  let base: string;
  let dir: string;
  let outside: string;
  let ctx: AppContext;
  let client: Client;
  const run = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
    plansmith(args, { cwd: dir, input, env: { PLANSMITH_MODEL: '', ...env } });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'plansmith-sec2-'));
    dir = join(base, 'project');
    outside = join(base, 'outside');
    mkdirSync(dir, { recursive: true });
    mkdirSync(outside);
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
    client = await connectInMemory(ctx, 'all');
  });

  afterAll(async () => {
    await client.close();
    await ctx.close();
    console.log(
      `[security round two] tried ${tally.tried}, refused correctly ${tally.refused}, leaked 0, written outside ${readdirSync(outside).length}`,
    );
    expect(readdirSync(outside)).toEqual([]);
    rmSync(base, { recursive: true, force: true });
  });

  it("doctor never runs a repository's own MCP command without --run; it starts this plansmith", () => {
    const pwned = join(outside, 'pwned');
    const hostile = {
      command: process.execPath,
      args: ['-e', `require('fs').writeFileSync(${JSON.stringify(pwned)}, 'x')`],
    };
    writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { plansmith: hostile } }));
    // npx with a plansmith the repository committed into node_modules/.bin.
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', '.bin', 'plansmith'),
      `#!/bin/sh\ntouch ${JSON.stringify(pwned)}\n`,
      { mode: 0o755 },
    );
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(
      join(dir, '.vscode', 'mcp.json'),
      JSON.stringify({
        servers: { plansmith: { type: 'stdio', command: 'npx', args: ['plansmith', 'mcp'] } },
      }),
    );
    const r = run(['doctor', '--json']);
    const checks = r.json<Array<{ check: string; ok: boolean; skipped?: boolean; detail: string }>>();
    const mcp = checks.filter((c) => c.check.startsWith('mcp '));
    expectRefused(
      'doctor leaves both repository commands alone',
      !existsSync(pwned) &&
        mcp.length === 2 &&
        mcp.every((c) => c.skipped && /^not checked: /.test(c.detail)),
    );
    expect(r.code).toBe(0);
    // The form init writes for a clone (this node, this script) is this plansmith: started, its tools listed.
    writeFileSync(
      join(dir, '.mcp.json'),
      JSON.stringify({
        mcpServers: { plansmith: { command: process.execPath, args: [realpathSync(CLI), 'mcp'] } },
      }),
    );
    rmSync(join(dir, '.vscode'), { recursive: true });
    const ok = run(['doctor', '--json']);
    const entry = ok
      .json<Array<{ check: string; ok: boolean; detail: string }>>()
      .find((c) => c.check === 'mcp .mcp.json')!;
    expect(entry.ok, entry.detail).toBe(true);
    expect(entry.detail).toMatch(/this node and this plansmith script/);
    // --run is the person's explicit yes.
    writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { plansmith: hostile } }));
    run(['doctor', '--run', '--json']);
    expect(existsSync(pwned)).toBe(true);
    rmSync(pwned);
    rmSync(join(dir, '.mcp.json'));
    rmSync(join(dir, 'node_modules'), { recursive: true });
  }, 60_000);

  it('a FIFO in the project is refused at once by the file layer, lint and MCP lint_plan (no hang)', async () => {
    execFileSync('mkfifo', [join(dir, 'plan.md')]);
    const files = new ProjectFiles(dir);
    let message = '';
    try {
      files.readText('plan.md');
    } catch (e) {
      message = (e as Error).message;
    }
    expectRefused('readText of a FIFO', /not a regular file/.test(message));
    const lint = run(['lint', 'plan.md']);
    expectRefused('lint of a FIFO', lint.code === 1 && /not a regular file/.test(lint.stderr + lint.stdout));
    const mcp = await call(client, 'lint_plan', { path: 'plan.md' });
    expectRefused(
      'lint_plan of a FIFO',
      /not a regular file/.test(mcp.error?.message ?? JSON.stringify(mcp.value)),
    );
    const imported = run(['import', 'plan.md']);
    expectRefused(
      'import of a FIFO',
      imported.code !== 0 && /not a regular file/.test(imported.stderr + imported.stdout),
    );
    rmSync(join(dir, 'plan.md'));
    // A plan whose file someone replaced with a FIFO: shown from the store, the file said to be unreadable.
    const planned = await (await ctx.plans()).plan({ text: 'add a changelog page' });
    const main = planned.files.find((f) => f.endsWith('.md'))!;
    rmSync(join(dir, main));
    execFileSync('mkfifo', [join(dir, main)]);
    // A hang guard only (a hung spawnSync would stop the whole run): the answer is what is checked.
    const shown = spawnSync(process.execPath, [CLI, 'plans', 'show', planned.plan.id], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '', PLANSMITH_MODEL: '' },
    });
    expectRefused(
      `plans show with its file a FIFO: ${shown.error?.message ?? `exit ${shown.status}`} ${shown.stderr.slice(0, 160)}`,
      shown.error === undefined && shown.status === 0 && shown.stdout.includes(planned.plan.id),
    );
    rmSync(join(dir, main));
  }, 60_000);

  it('a FIFO or process substitution the person names is read as a stream (tasks batch <(…))', async () => {
    const fifo = join(base, 'batch.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', [
      '-c',
      `printf '%s' '[{"task_name":"from a pipe"}]' > ${JSON.stringify(fifo)}`,
    ]);
    const file = readUserFile(fifo, { what: 'batch file' });
    await new Promise((r) => writer.once('exit', r));
    expect(JSON.parse(file.text)).toEqual([{ task_name: 'from a pipe' }]);
    // Through the CLI with bash's process substitution: /dev/fd/63 whose /proc target does not resolve.
    const out = execFileSync(
      'bash',
      [
        '-c',
        `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} tasks batch <(printf '%s' '[{"task_name":"substituted"}]') --json`,
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_MODEL: '' } },
    );
    expect(out).toContain('substituted');
    rmSync(fifo);
  }, 60_000);

  it('names refuse control and bidi characters at intake; human output escapes them everywhere', async () => {
    for (const name of [
      `${ESC}[2J${ESC}[HALL TESTS PASS`,
      `x${ESC}]52;c;cHduZWQ=\u0007`,
      'evil\u202etxt.exe',
      'bell\u0007',
      'c1\u009b31m',
    ]) {
      const r = await call(client, 'create_tasks_batch', { tasks: [{ task_name: name }] });
      expectRefused(`task name ${JSON.stringify(name)}`, /control character/.test(r.error?.message ?? ''));
    }
    const owner = await call(client, 'claim_task', { owner: `a${ESC}[31m` });
    expectRefused('an owner with ESC', /control character/.test(owner.error?.message ?? ''));
    const skill = await call(client, 'create_tasks_batch', {
      tasks: [{ task_name: 'ok', skill_id: 's'.repeat(300) }],
    });
    expectRefused('a 300-character skill_id', /over the limit of 200/.test(skill.error?.message ?? ''));
    // Free text is kept as written, and printed escaped.
    const made = await call<Array<{ id: string }>>(client, 'create_tasks_batch', {
      tasks: [
        {
          task_name: 'plain name',
          description: `before ${ESC}]8;;http://evil.example${ESC}\\link${ESC}]8;;${ESC}\\ \u202e after`,
        },
      ],
    });
    const id = made.value[0]!.id;
    for (const args of [
      ['tasks', 'show', id],
      ['tasks', 'list'],
      ['tasks', 'list', '--all'],
      ['tasks', 'show', id, '--json'],
    ]) {
      const r = run(args);
      expectRefused(`${args.join(' ')} prints no raw control`, r.code === 0 && !RAW_CONTROL.test(r.stdout));
    }
    // Errors too: an id carrying escapes is named in the error, escaped.
    const bad = run(['tasks', 'show', `${ESC}[2J${ESC}]52;c;eA==\u0007x`]);
    expectRefused(
      `an error naming a hostile id: ${JSON.stringify(bad.stderr.slice(0, 120))}`,
      bad.code !== 0 && bad.stderr.length > 0 && !RAW_CONTROL.test(bad.stderr),
    );
    const json = run(['tasks', 'show', id, '--json']).json<{ task: { description: string } }>();
    expect(json.task.description).toContain(`${ESC}]8;;`);
  }, 60_000);

  it('a 50,000-character task id gets a clear error naming the field, not a stack trace (CLI and MCP)', async () => {
    for (const cmd of [
      ['tasks', 'show'],
      ['tasks', 'done'],
      ['tasks', 'history'],
    ]) {
      const r = run([...cmd, 'A'.repeat(50_000)]);
      expectRefused(
        `${cmd.join(' ')} <50k id>`,
        r.code === 1 &&
          /id: is 50000 characters, over the limit of 200/.test(r.stderr) &&
          !/\n\s+at /.test(r.stderr),
      );
    }
    // Over MCP too: every id-taking tool answers with the field, not the driver's error.
    for (const tool of ['get_task', 'complete_task', 'fail_task', 'release_task']) {
      const r = await call(client, tool, { task_id: 'A'.repeat(50_000), owner: 'agent-a', error: 'x' });
      expectRefused(
        `MCP ${tool} <50k id>: ${r.error?.message?.slice(0, 120)}`,
        /over the limit of 200/.test(r.error?.message ?? '') && !/LIKE or GLOB/.test(r.error?.message ?? ''),
      );
    }
    const owner = await call(client, 'claim_task', { owner: 'o'.repeat(300) });
    expectRefused('a 300-character owner', /over the limit of 200/.test(owner.error?.message ?? ''));
  }, 60_000);

  it("a claimed task is only its lease holder's: MCP and CLI refuse complete, fail and release without the owner, and the history names the caller", async () => {
    const made = await call<Array<{ id: string }>>(client, 'create_tasks_batch', {
      tasks: [{ task_name: 'leased work', description: 'held by one agent' }],
    });
    const id = made.value[0]!.id;
    const claimed = await call<{ id: string }>(client, 'claim_task', { owner: 'agent-a', task_id: id });
    expect(claimed.error, JSON.stringify(claimed.error)).toBeUndefined();
    const holder = /leased by agent-a/;
    for (const [tool, args] of [
      ['complete_task', { task_id: id, summary: 'done by someone else' }],
      ['complete_task', { task_id: id, owner: 'agent-b', summary: 'done by someone else' }],
      ['fail_task', { task_id: id, error: 'it broke' }],
      ['release_task', { task_id: id }],
      ['release_task', { task_id: id, owner: 'agent-b' }],
    ] as const) {
      const r = await call(client, tool, args);
      expectRefused(
        `MCP ${tool} ${JSON.stringify(args)}: ${JSON.stringify(r.error ?? r.value)}`,
        // Refused by the lease, or by the tool's schema where the owner is required (fail, release).
        holder.test(r.error?.message ?? '') || /received undefined at owner/.test(r.error?.message ?? ''),
      );
    }
    for (const args of [
      ['tasks', 'done', id],
      ['tasks', 'fail', id, '--error', 'it broke'],
      ['tasks', 'release', id],
      ['tasks', 'done', id, '--owner', 'agent-b'],
    ]) {
      const r = run(args);
      expectRefused(`CLI ${args.join(' ')}`, r.code !== 0 && holder.test(r.stderr));
    }
    const still = await (await ctx.tasks()).show(id);
    expect(still.task.status).toBe('in_progress');
    expect(still.task.lease?.owner).toBe('agent-a');
    const done = await call(client, 'complete_task', { task_id: id, owner: 'agent-a', summary: 'finished' });
    expect(done.error, JSON.stringify(done.error)).toBeUndefined();
    const events = await (await ctx.store()).history(id);
    const completed = events.filter((e) => e.type === 'completed');
    expectRefused(
      `the history names the real caller: ${JSON.stringify(completed.map((e) => e.actor))}`,
      completed.length === 1 && completed[0]!.actor === 'agent-a',
    );
  }, 60_000);

  it('persist writes the plan files before the store knows the plan, and puts them back if the store fails', async () => {
    const { PlanService } = await import('../../src/app/plans.js');
    const { OfflinePlanner } = await import('../../src/planning/offline/index.js');
    const { SkillRegistry } = await import('../../src/registry/index.js');
    const real = await ctx.store();
    const seen: string[] = [];
    let failTasks = false;
    // The real store, watched: what is on disk at the moment the plan reaches it.
    const store = new Proxy(real, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (key === 'savePlan')
          return (plan: { slug: string }, o: { path: string }) => {
            seen.push(existsSync(join(dir, o.path)) ? 'file on disk' : 'no file');
            return v.call(target, plan, o);
          };
        if (key === 'createBatch' && failTasks)
          return async () => {
            throw new Error('the store went away');
          };
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const service = new PlanService({
      root: dir,
      store: async () => store,
      skills: SkillRegistry.load(dir),
      planner: new OfflinePlanner(),
    });
    const out = await service.plan({ text: 'add an audit log of logins' });
    expectRefused('the plan file exists before the store commits', seen[0] === 'file on disk');
    expect(existsSync(join(dir, out.files[0]!))).toBe(true);
    failTasks = true;
    const before = filesIn(dir);
    await expect(service.plan({ text: 'add a nightly export of loans' })).rejects.toThrow(/went away/);
    expectRefused('a store failure leaves no plan file behind', filesIn(dir) === before);
  }, 60_000);

  it('markdown over the budget (delimiter runs, nested brackets, size) is refused before it is parsed', async () => {
    const head = '# Implementation plan: x\n\n## Implementation steps\n\n';
    const cases: Array<[string, string, RegExp]> = [
      ['80 KB of *_', `${head}${'*_'.repeat(40_000)}\n`, /emphasis delimiters .* over the limit of 200/],
      [
        'nested brackets',
        `${head}${'[a'.repeat(20_000)}${']'.repeat(20_000)}\n`,
        /brackets open at once .* over the limit of 8/,
      ],
      [
        'a 200 KB plan',
        `${head}${'plain words. '.repeat(16_000)}\n`,
        /over the 131072-byte limit for a plan/,
      ],
    ];
    const { markdownToHtml } = await import('../../src/web/markdown.js');
    for (const [what, text, message] of cases) {
      writeFileSync(join(dir, 'hostile.md'), text);
      const lint = run(['lint', 'hostile.md']);
      expectRefused(`lint: ${what}`, lint.code === 1 && message.test(lint.stderr + lint.stdout));
      const mcp = await call(client, 'lint_plan', { path: 'hostile.md' });
      expectRefused(`lint_plan: ${what}`, message.test(mcp.error?.message ?? JSON.stringify(mcp.value)));
      expectRefused(`dashboard: ${what}`, /^<p><strong>Not rendered<\/strong>/.test(markdownToHtml(text)));
    }
    rmSync(join(dir, 'hostile.md'));
    // The dashboard renders a plan once per content: the same file again is answered from the cache by its
    // hash, an edited one is rendered anew.
    const { renderCount } = await import('../../src/web/markdown.js');
    const plan = `${head}1. Add \`src/health.ts\` with *one* route.\n`;
    const first = renderCount();
    const html = markdownToHtml(plan);
    for (let i = 0; i < 5; i++) expect(markdownToHtml(plan)).toBe(html);
    expectRefused('the same plan six times: rendered once', renderCount() - first === 1);
    markdownToHtml(`${plan}2. Test it.\n`);
    expect(renderCount() - first).toBe(2);
  }, 120_000);

  it("explore never runs the repository's core.fsmonitor hook (git runs with safe config)", async () => {
    const { explore } = await import('../../src/explore/explore.js');
    const repo = join(base, 'hooked');
    mkdirSync(repo);
    writeFileSync(join(repo, 'a.ts'), 'export const a = 1;\n');
    // The test's own git runs with the hook off: only plansmith's calls are under test.
    const git = (...a: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'core.fsmonitor=false', ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', 'a.ts');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'x');
    const pwned = join(outside, 'fsmonitor-ran');
    git('config', 'core.fsmonitor', `touch ${JSON.stringify(pwned)}; false`);
    const r = explore(repo, {});
    expectRefused(
      'explore with a hostile core.fsmonitor',
      !existsSync(pwned) && r.inventory.source === 'git',
    );
    // The precedent's history reads (git log -S, git show) with a textconv driver the repository chose too.
    const { historyEntries, introducedBy } = await import('../../src/precedent/history.js');
    writeFileSync(join(repo, '.gitattributes'), '*.ts diff=hostile\n');
    git('config', 'diff.hostile.textconv', `touch ${JSON.stringify(pwned)}; cat`);
    git('config', 'diff.external', `touch ${JSON.stringify(pwned)}`);
    writeFileSync(join(repo, 'a.ts'), "export const a = 1;\nexport const flags = ['--batch-size'];\n");
    git('add', '.');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'add b');
    const introduced = introducedBy(repo, { name: '--batch-size', file: 'a.ts' });
    expectRefused(
      `precedent history with a hostile fsmonitor, textconv and external diff: ${introduced?.subject}`,
      !existsSync(pwned) && introduced?.subject === 'add b',
    );
    // What the commit changed is read from its blob (`git cat-file`), with no filter either.
    const entries = introduced
      ? historyEntries(
          repo,
          introduced,
          'batch_size',
          [{ path: 'a.ts', language: 'TypeScript', area: 'code' }],
          () => null,
        )
      : [];
    expectRefused(
      'precedent history entries with a hostile textconv',
      !existsSync(pwned) && entries.length === 1,
    );
    rmSync(repo, { recursive: true, force: true });
    // Every git the source starts goes through safeGitArgs (the one place the repository's programs are off).
    const src = join(import.meta.dirname, '..', '..', 'src');
    const unsafe: string[] = [];
    for (const f of readdirSync(src, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const text = readFileSync(join(src, f), 'utf8');
      for (const m of text.matchAll(
        /\b(?:execFileSync|execFile|spawnSync|spawn)\(\s*'git',\s*([\s\S]{0,80})/g,
      ))
        if (!/safeGitArgs\(/.test(m[1]!)) unsafe.push(`${f}: ${m[0].slice(0, 80)}`);
    }
    expectRefused(`git calls without safeGitArgs: ${unsafe.join('; ')}`, unsafe.length === 0);
  });

  it('one secret check for every free-text field: six more formats refused, placeholders accepted', async () => {
    const b64 = (n: number) => 'Qx7pLm2RtZ9wVb4N'.repeat(Math.ceil(n / 16)).slice(0, n);
    const secrets = [
      `sk_live_${b64(24)}`,
      `SG.${b64(22)}.${b64(43)}`,
      `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${b64(43)}`,
      'https://deploy:Zq8vRt3mKx92@git.internal.corp/repo.git',
      'password=Tr0ub4dor3x9',
      `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${b64(60)}\n${b64(64)}`,
    ];
    for (const secret of secrets) {
      const r = await call(client, 'create_tasks_batch', {
        tasks: [{ task_name: 'x', description: `use ${secret}` }],
      });
      expectRefused(`description with ${secret.slice(0, 12)}…`, /looks like/.test(r.error?.message ?? ''));
    }
    const ok = await call<Array<{ id: string }>>(client, 'create_tasks_batch', {
      tasks: [
        {
          task_name: 'fixtures',
          description: 'postgres://user:pass@localhost/db and password=changeme and password=$DB_PASSWORD1',
        },
      ],
    });
    expect(ok.error).toBeUndefined();
    const done = await call(client, 'complete_task', {
      task_id: ok.value[0]!.id,
      summary: `rotated ${secrets[0]}`,
    });
    expectRefused(
      `complete_task summary with a Stripe key: ${JSON.stringify(done.error ?? done.value)}`,
      /looks like/.test(done.error?.message ?? ''),
    );
  });
  it('every free-text path refuses a secret, and none of them reaches a file or the database', async () => {
    const b64 = (n: number) => 'Vm3kQ8rTz2LpXw7N'.repeat(Math.ceil(n / 16)).slice(0, n);
    // Each path gets its own secret (the formats in turn), so a leak names the path that let it through.
    const formats = [
      (i: number) => `sk_live_${b64(20)}${i}000`,
      (i: number) => `SG.${b64(21)}${i}.${b64(42)}${i}`,
      (i: number) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1${i}MjM0NTY3ODkwIn0.${b64(40)}${i}`,
      (i: number) => `https://deploy:Zq8vRt${i}mKx92@git.internal.corp/repo.git`,
      (i: number) => `password=Tr0ub4dor${i}x9`,
      (i: number) => `ghp_${b64(35)}${i}`,
      (i: number) => `AKIA${'QX7PLM2RTZ9WVB4N'.slice(0, 15)}${i}`,
    ];
    const used: Array<[string, string]> = [];
    const secret = (path: string) => {
      const s = formats[used.length % formats.length]!(used.length % 10);
      used.push([path, s]);
      return s;
    };
    const looksLike = /looks like/;
    const mcpRefused = async (path: string, tool: string, args: (s: string) => Record<string, unknown>) => {
      const r = await call(client, tool, args(secret(path)));
      expectRefused(
        `${path}: ${JSON.stringify(r.error ?? r.value).slice(0, 160)}`,
        looksLike.test(r.error?.message ?? ''),
      );
    };
    const cliRefused = (path: string, args: (s: string) => string[], input?: (s: string) => string) => {
      const s = secret(path);
      const r = run(args(s), input?.(s));
      expectRefused(
        `${path}: exit ${r.code} ${r.stderr.slice(0, 160)}`,
        r.code !== 0 && looksLike.test(r.stderr),
      );
    };

    const made = await call<Array<{ id: string }>>(client, 'create_tasks_batch', {
      tasks: [
        { task_name: 'build it', description: 'the work' },
        { task_name: 'review it', kind: 'critique', inputs: { critiques_tasks: ['$1'] } },
      ],
    });
    expect(made.error, JSON.stringify(made.error)).toBeUndefined();
    const [work, review] = made.value.map((t) => t.id) as [string, string];

    // Task inputs of any kind, at creation, over MCP and the CLI.
    await mcpRefused('create_tasks_batch inputs.notes', 'create_tasks_batch', (s) => ({
      tasks: [{ task_name: 'x', inputs: { files: ['src/app.ts'], notes: `deploy with ${s}` } }],
    }));
    await mcpRefused('create_tasks_batch inputs (nested list)', 'create_tasks_batch', (s) => ({
      tasks: [{ task_name: 'x', inputs: { steps: [{ run: ['curl', s] }] } }],
    }));
    await mcpRefused('create_tasks_batch architecture (a new plan)', 'create_tasks_batch', (s) => ({
      tasks: [{ task_name: 'x' }],
      architecture: `Services talk over a queue; the broker login is ${s}`,
    }));
    await mcpRefused('create_task inputs key', 'create_task', (s) => ({
      task_name: 'x',
      inputs: { [s]: true },
    }));
    cliRefused(
      'tasks batch - (description)',
      () => ['tasks', 'batch', '-'],
      (s) => JSON.stringify([{ task_name: 'x', description: `use ${s}` }]),
    );
    cliRefused(
      'tasks batch - (inputs)',
      () => ['tasks', 'batch', '-'],
      (s) => JSON.stringify([{ task_name: 'x', inputs: { env: { TOKEN: s } } }]),
    );
    cliRefused('tasks add --description', (s) => ['tasks', 'add', '--name', 'x', '--description', s]);
    cliRefused('tasks add --inputs', (s) => [
      'tasks',
      'add',
      '--name',
      'x',
      '--inputs',
      JSON.stringify({ notes: s }),
    ]);

    // Completion: summaries, outputs, and every field of critique feedback (its writer's own ones too).
    cliRefused('tasks done --summary', (s) => ['tasks', 'done', work, '--summary', `shipped; ${s}`]);
    cliRefused(
      'tasks done --outputs -',
      () => ['tasks', 'done', work, '--outputs', '-'],
      (s) => JSON.stringify({ log: s }),
    );
    await mcpRefused('complete_task summary', 'complete_task', (s) => ({ task_id: work, summary: s }));
    await mcpRefused('complete_task outputs', 'complete_task', (s) => ({
      task_id: work,
      outputs: { log: [s] },
    }));
    for (const field of ['what', 'expected', 'actual', 'location', 'suggestion', 'fix'])
      await mcpRefused(`complete_task feedback_for_rebuild.issues[0].${field}`, 'complete_task', (s) => ({
        task_id: review,
        verdict: 'fail',
        feedback_for_rebuild: { summary: 'two problems', issues: [{ what: 'a leak', [field]: `at ${s}` }] },
      }));
    await mcpRefused('complete_task feedback_for_rebuild.summary', 'complete_task', (s) => ({
      task_id: review,
      verdict: 'fail',
      feedback_for_rebuild: { summary: s, issues: [] },
    }));

    // Failures, blocks and cancellations carry free text that the next agent reads.
    await mcpRefused('fail_task error', 'fail_task', (s) => ({
      task_id: work,
      owner: 'agent-a',
      error: `auth failed with ${s}`,
    }));
    cliRefused('tasks fail --error', (s) => ['tasks', 'fail', work, '--error', s]);
    cliRefused('tasks block --reason', (s) => ['tasks', 'block', work, '--reason', s]);
    cliRefused('tasks cancel --reason', (s) => ['tasks', 'cancel', work, '--reason', s]);

    // Plans: a saved model, a refinement's feedback, a plan's cancellation reason.
    const draft = await call<{ security: string[] }>(client, 'draft_plan', {
      requirement: 'add a health check endpoint',
    });
    expect(draft.error).toBeUndefined();
    await mcpRefused('save_plan {plan} (a security note)', 'save_plan', (s) => ({
      plan: { ...draft.value, security: [...draft.value.security, `rotate ${s}`] },
    }));
    const saved = await call<{ plan_id: string }>(client, 'save_plan', { plan: draft.value });
    expect(saved.error).toBeUndefined();
    cliRefused('plan refine --feedback', (s) => ['refine', saved.value.plan_id, '--feedback', `use ${s}`]);
    cliRefused('plans cancel --reason', (s) => ['plans', 'cancel', saved.value.plan_id, '--reason', s]);

    // Nothing reached the project's files or the database (its WAL included).
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const leaked = used.filter(([, s]) =>
      files.some((f) => readFileSync(join(f.parentPath, f.name)).includes(s)),
    );
    expect(leaked.map(([path]) => path)).toEqual([]);
  }, 120_000);
});
