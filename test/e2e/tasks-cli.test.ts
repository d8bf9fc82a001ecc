import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { CLI, plansmith } from './cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'four-step-batch.json');

describe('plansmith tasks (the real CLI, a real SQLite file)', () => {
  let dir: string;
  const run = (args: string[], input?: string) => plansmith(args, { cwd: dir, input });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks the four-step batch: batch, next, claim, done with verdicts, in order', () => {
    const created = run(['tasks', 'batch', FIXTURE, '--json']);
    expect(created.code).toBe(0);
    const tasks = created.json<Task[]>();
    expect(tasks.map((t) => t.task_order)).toEqual([1, 2, 3, 4]);
    expect(existsSync(join(dir, '.plansmith', 'plansmith.db'))).toBe(true);

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = run(['tasks', 'next', '--json']).json<Task | null>();
      const claimed = run(['tasks', 'claim', '--owner', 'agent-1', '--json']).json<Task | null>();
      expect(claimed?.id).toBe(next?.id);
      order.push(claimed!.task_name);
      const verdict = claimed!.kind === 'critique' ? ['--verdict', 'pass', '--score', '9'] : [];
      // ids are accepted as unambiguous prefixes
      const done = run([
        'tasks',
        'done',
        claimed!.id.slice(0, 16).toLowerCase(),
        '--owner',
        'agent-1',
        ...verdict,
      ]);
      expect(done.code, done.stderr).toBe(0);
    }
    expect(order).toEqual(tasks.map((t) => t.task_name));
    const none = run(['tasks', 'next', '--json']);
    expect(none.stdout.trim()).toBe('null');
    expect(run(['tasks', 'validate']).code).toBe(0);
  });

  it('a failing critique re-opens the build with the feedback from a file', () => {
    const [build, review] = run(['tasks', 'batch', FIXTURE, '--json']).json<Task[]>();
    run(['tasks', 'claim', '--owner', 'a']);
    // A claimed task is its owner's: without --owner the CLI acts as user@host, not the holder.
    expect(run(['tasks', 'done', build!.id]).stderr).toMatch(/leased by a/);
    run(['tasks', 'done', build!.id, '--owner', 'a']);
    run(['tasks', 'claim', '--owner', 'b']);
    writeFileSync(
      join(dir, 'fb.json'),
      JSON.stringify({ summary: 'missing owner filter', issues: [{ what: 'leak', severity: 'critical' }] }),
    );
    const r = run([
      'tasks',
      'done',
      review!.id,
      '--owner',
      'b',
      '--verdict',
      'fail',
      '--feedback',
      'fb.json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/re-opened/);
    const shown = run(['tasks', 'show', build!.id, '--json']).json<{ task: Task }>();
    expect(shown.task.status).toBe('pending');
    expect((shown.task.inputs.feedback_for_rebuild as { summary: string }).summary).toBe(
      'missing owner filter',
    );
  });

  it('the small things: a stable default owner, `complete`, --feedback as text, claim says why nothing is ready, an unknown --plan is an error', () => {
    const env = { PLANSMITH_OWNER: '', USER: 'ana', HOSTNAME: 'box' };
    const as = (args: string[]) => plansmith(args, { cwd: dir, env });
    const [build, review] = run(['tasks', 'batch', FIXTURE, '--json']).json<Task[]>();
    // Two calls, one owner: what the CLI claims it may complete (no process id in the owner).
    expect(as(['tasks', 'claim', '--json']).json<Task>().lease!.owner).toBe('ana@box');
    const done = as(['tasks', 'complete', build!.id.slice(0, 16)]);
    expect(done.code, done.stderr).toBe(0);
    expect(
      as(['tasks', 'history', build!.id, '--json']).json<Array<{ type: string; actor: string }>>().at(-1),
    ).toMatchObject({ type: 'completed', actor: 'ana@box' });
    as(['tasks', 'claim']);
    const fb = as([
      'tasks',
      'done',
      review!.id,
      '--verdict',
      'fail',
      '--feedback',
      'the export leaks other users',
    ]);
    expect(fb.code, fb.stderr).toBe(0);
    const shown = run(['tasks', 'show', build!.id, '--json']).json<{ task: Task }>();
    expect(shown.task.inputs.feedback_for_rebuild).toEqual({
      summary: 'the export leaks other users',
      issues: [],
    });
    // The build is open again and ready; the rest waits: a claim of a waiting task says why, and exits 1.
    as(['tasks', 'claim', build!.id]);
    const none = as(['tasks', 'claim']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /nothing is ready to claim: .*pending wait for their dependencies.*1 in progress/,
    );
    const unknown = run(['tasks', 'next', '--plan', 'nonexistent']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no plan with id nonexistent/);
  });

  it('sub-tasks from flags, inserted in between, shown as a tree', () => {
    const parent = run(['tasks', 'add', '--name', 'Build order services', '--json']).json<Task>();
    const a = run(['tasks', 'subtask', parent.id, '--name', 'orders', '--json']).json<Task>();
    run(['tasks', 'subtask', parent.id, '--name', 'notifications']);
    run(['tasks', 'subtask', parent.id, '--name', 'payments', '--after', a.id]);
    const tree = run(['tasks', 'list', '--tree']);
    expect(tree.stdout).toMatch(/Build order services.*\n.*└ .*orders\n.*└ .*payments\n.*└ .*notifications/);
    const g = run(['tasks', 'graph', '--format', 'dot']);
    expect(g.stdout).toMatch(/^digraph tasks \{/);
    expect(run(['tasks', 'waves', '--json']).json<{ waves: unknown[][] }>().waves).toHaveLength(3);
  });

  it('a bad batch: one clear message naming task and field, exit 1, nothing written', () => {
    const r = run(
      ['tasks', 'batch', '-', '--json'],
      JSON.stringify([{ task_name: 'a' }, { task_name: 'b', dependencies: ['$2'] }]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/task \$2 "b", field dependencies\[0\]: \$2 is the task itself/);
    const body = r.json<{ error: { code: string; issues: unknown[] } }>();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.issues).toHaveLength(1);
    expect(run(['tasks', 'list', '--json']).json<{ total: number }>().total).toBe(0);
  });

  it('malformed JSON names the file, line and column; a missing file is named', () => {
    writeFileSync(join(dir, 'bad.json'), '[\n  {"task_name": "a",}\n]');
    const r = run(['tasks', 'batch', 'bad.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^plansmith: bad\.json:2:\d+: not valid JSON/);
    expect(run(['tasks', 'batch', 'nope.json']).stderr).toMatch(/nope\.json: no such file/);
  });

  it('unknown and ambiguous ids are refused clearly', () => {
    run(['tasks', 'batch', FIXTURE]);
    expect(run(['tasks', 'show', 'ZZZZZZ']).stderr).toMatch(/no task with id ZZZZZZ/);
    expect(run(['tasks', 'show', '0']).stderr).toMatch(/matches \d+ tasks/);
  });

  it('a long listing: --json streams every task as one document; text shows a page and says how to see the rest', () => {
    const batch = Array.from({ length: 450 }, (_, i) => ({
      task_name: `step ${i + 1}`,
      dependencies: i ? [`$${i}`] : [],
    }));
    writeFileSync(join(dir, 'long.json'), JSON.stringify(batch));
    expect(run(['tasks', 'batch', 'long.json']).code).toBe(0);
    const all = run(['tasks', 'list', '--json']).json<{
      tasks: Array<{ task_name: string; ready: boolean; dependencies: string[] }>;
      total: number;
    }>();
    expect(all.total).toBe(450);
    expect(all.tasks.map((t) => t.task_name)).toEqual(batch.map((b) => b.task_name));
    expect(all.tasks[1]!.dependencies).toEqual([expect.any(String)]);
    expect(all.tasks.filter((t) => t.ready)).toHaveLength(1);
    const text = run(['tasks', 'list']).stdout.trim().split('\n');
    expect(text).toHaveLength(201);
    expect(text.at(-1)).toBe(
      '… 200 of 450 shown: --all for every task, --limit/--offset to page, --json for a stream',
    );
    expect(run(['tasks', 'list', '--all']).stdout.trim().split('\n')).toHaveLength(450);
    const page = run(['tasks', 'list', '--json', '--limit', '5', '--offset', '445']).json<{
      tasks: unknown[];
      total: number;
    }>();
    expect(page).toMatchObject({ total: 450 });
    expect(page.tasks).toHaveLength(5);
    expect(run(['tasks', 'list', '--json', '--status', 'done']).json()).toEqual({ tasks: [], total: 0 });
  });

  it('a listing of 8,001 tasks (built on worker threads) says what the paged listing says; a reader that stops early ends it quietly', async () => {
    const batch = Array.from({ length: 8001 }, (_, i) => ({
      task_name: i % 5 ? `step ${i + 1}` : `étape ${i + 1} ✓`,
      dependencies: i ? [`$${Math.ceil(i / 2)}`] : [],
    }));
    writeFileSync(join(dir, 'big.json'), JSON.stringify(batch));
    expect(run(['tasks', 'batch', 'big.json']).code).toBe(0);
    const streamed = run(['tasks', 'list', '--json']);
    expect(streamed.stderr).toBe('');
    const paged = run(['tasks', 'list', '--json', '--limit', '9000']).json();
    expect(streamed.json()).toEqual(paged);
    // `| head`: the reader closes the pipe after its first bytes.
    const child = spawn(process.execPath, [CLI, 'tasks', 'list', '--json'], {
      cwd: dir,
      env: { ...process.env, PLANSMITH_DB: '', PLANSMITH_DATABASE_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('--db and PLANSMITH_DB choose the file', () => {
    run(['tasks', 'add', '--name', 'x', '--db', 'custom/store.db']);
    expect(existsSync(join(dir, 'custom', 'store.db'))).toBe(true);
    const viaEnv = plansmith(['tasks', 'list', '--json'], {
      cwd: dir,
      env: { PLANSMITH_DB: join(dir, 'custom', 'store.db') },
    });
    expect(viaEnv.json<{ total: number }>().total).toBe(1);
  });
});
