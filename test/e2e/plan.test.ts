import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../src/app/plans.js';
import type { LintResult } from '../../src/planning/lint/lint.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Every file the plan says to modify exists; every file it says to create does not (before it is written). */
function expectGrounded(root: string, outcome: PlanOutcome) {
  for (const phase of outcome.plan.phases) {
    for (const step of phase.steps) {
      for (const f of step.files_to_modify)
        expect(existsSync(join(root, f.path)), `modify ${f.path}`).toBe(true);
      for (const f of step.files_to_create)
        expect(existsSync(join(root, f.path)), `create ${f.path}`).toBe(false);
    }
  }
}

describe('plansmith plan (offline engine, real CLI, copies of the samples)', () => {
  let dir: string;
  const sample = (name: string) => {
    return copySample(name, dir);
  };
  const run = (args: string[], input?: string) =>
    plansmith(args, { cwd: dir, input, env: { PLANSMITH_MODEL: '' } });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-plan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('feature style: a grounded plan file, its task graph in the store, lint clean', () => {
    sample('node-api');
    const r = run(['plan', 'add password reset by email', '--no-interactive', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/planning offline .* set PLANSMITH_MODEL/);
    const o = r.json<PlanOutcome>();
    expect(o.plan.style).toBe('feature');
    expect(o.files).toEqual([expect.stringMatching(/^plans\/add-password-reset-by-email-\d{8}-\d{6}\.md$/)]);
    expect(o.lint.ok).toBe(true);
    expectGrounded(dir, {
      ...o,
      plan: {
        ...o.plan,
        phases: o.plan.phases.map((p) => ({
          ...p,
          steps: p.steps.map((s) => ({
            ...s,
            files_to_create: s.files_to_create.filter((f) => !o.files.includes(f.path)),
          })),
        })),
      },
    });
    // A password reset is a behaviour, not an option: it follows the nearest registered route (the auth
    // routes), implements beside the service method that route calls, and sends through the mail service
    // the sample already has, each with file:line; nothing is left as only a question.
    const touched = o.plan.phases.flatMap((p) =>
      p.steps.flatMap((s) => [...s.files_to_create, ...s.files_to_modify].map((f) => f.path)),
    );
    expect(touched).toEqual([
      'src/routes/auth.routes.ts',
      'src/services/auth.service.ts',
      'tests/unit/auth.service.test.ts',
    ]);
    expect(o.plan.analysis.summary).toMatch(
      /New: the password reset, a route beside `POST \/(register|login)` \(src\/routes\/auth\.routes\.ts:\d+\), calling `MailService\.send` \(src\/services\/mail\.service\.ts:6\)/,
    );
    expect(o.plan.questions).toEqual([]);
    // No generic lines: no risks, rollback, security or performance notes the code did not give.
    expect([o.plan.risks, o.plan.rollback, o.plan.security, o.plan.performance]).toEqual([[], [], [], []]);
    const md = readFileSync(join(dir, o.files[0]!), 'utf8');
    for (const h of [
      '## Research findings',
      '## Implementation steps',
      '## File changes summary',
      '## Timeline',
      '## Handoffs',
    ])
      expect(md).toContain(h);
    // A section with nothing in it is left out: no question, risk or not-doing line, no "None".
    for (const h of ['## Open questions', '## Risks', '## Not doing', '_None', 'None identified'])
      expect(md).not.toContain(h);
    expect(md).not.toContain('## Rollback');
    expect(md).not.toContain('## Security');
    expect(md).not.toContain('sample-secret-value');
    const next = run(['tasks', 'next', '--plan', o.plan.id, '--json']).json<{
      task_name: string;
      plan_id: string;
    }>();
    expect(next.plan_id).toBe(o.plan.id);
    expect(next.task_name).toBe('Build: Add password reset by email');
    expect(o.plan.handoffs[0]!.prompt).toContain(o.files[0]);
  });

  it('phased style on the Python service: real commands per phase, what we are not doing, lint clean', () => {
    sample('py-service');
    const o = run([
      'plan',
      'OrderService.mark_shipped raises LookupError for an order id that exists; it should mark the order shipped',
      '--style',
      'phased',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    expect(o.lint.ok).toBe(true);
    const md = readFileSync(join(dir, o.files[0]!), 'utf8');
    // What the plan does not do is said only when the code gives a line of it (never "None").
    expect(md.includes("## What we're NOT doing")).toBe(o.plan.not_doing.length > 0);
    for (const h of ['## Definition of done', '## Architecture options', '#### Automated', '#### Manual'])
      expect(md).toContain(h);
    expect(md).toMatch(/```bash\n(make test|poetry run pytest)/);
    expect(
      o.plan.phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path))),
    ).toContain('app/services/order_service.py');
  });

  it('prd style: the requirement workspace, and tasks.md syncing both ways without losing notes', () => {
    sample('py-service');
    // A performance request: measure, then optimise (two phases to build, so the build task has two
    // sub-tasks); the changelog gives the plan a release-note phase, its own docs task.
    writeFileSync(join(dir, 'CHANGES.md'), '# Changes\n\n## Unreleased\n\n- Orders have a status.\n');
    const o = run([
      'plan',
      'Placing an order is slow: `OrderService.place` takes seconds under load',
      '--style',
      'prd',
      '--title',
      'Order history',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    const ws = join(dir, 'requirements', 'order-history');
    expect(readdirSync(ws).sort()).toEqual([
      'prd.md',
      'progress.md',
      'recovery.md',
      'research',
      'tasks.md',
      'tmp',
    ]);
    expect(existsSync(join(ws, 'research', '.gitkeep'))).toBe(true);
    const tasksMd = readFileSync(join(ws, 'tasks.md'), 'utf8');
    const lines = tasksMd.split('\n');
    const firstSub = lines.findIndex((l) => /^ {2}- \[ \] 1\.1 /.test(l));
    expect(firstSub).toBeGreaterThan(0);
    // A person checks the first sub-task and writes a note under it.
    lines[firstSub] = lines[firstSub]!.replace('[ ]', '[x]');
    lines.splice(firstSub + 1, 0, '    Note from Ana: done on the staging schema first.');
    writeFileSync(join(ws, 'tasks.md'), lines.join('\n'));
    // The folder, as tasks.md itself prints it; the report says what moved, in the user's words.
    const s1 = run(['sync', 'requirements/order-history']);
    expect(s1.code, s1.stderr).toBe(0);
    expect(s1.stdout).toMatch(
      /^ticked in tasks\.md → done in the store: 1; done in the store → ticked in tasks\.md: 0$/m,
    );
    // tasks.md and prd.md name the same workspace; nothing is left to move.
    const again = run(['sync', 'requirements/order-history/tasks.md', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json<{ completed_in_store: string[] }>().completed_in_store).toEqual([]);
    expect(run(['sync', 'requirements/order-history/prd.md', '--json']).code).toBe(0);
    // An agent finishes the next sub-task in the store.
    const claimed = run(['tasks', 'claim', '--plan', o.plan.id, '--owner', 'agent', '--json']).json<{
      id: string;
    }>();
    // It is the build's last sub-task: the build, done when its sub-tasks are, is checked with it.
    const build = o.tasks.find((t) => o.tasks.some((x) => x.parent_id === t.id))!;
    expect(o.tasks.filter((t) => t.parent_id === build.id).map((t) => t.id)[1]).toBe(claimed.id);
    run(['tasks', 'done', claimed.id, '--owner', 'agent']);
    const s2 = run(['sync', o.plan.id, '--json']).json<{ checked_in_file: string[]; kept_open: unknown[] }>();
    expect(s2.checked_in_file).toEqual([build.id, claimed.id]);
    expect(s2.kept_open).toEqual([]);
    const after = readFileSync(join(ws, 'tasks.md'), 'utf8');
    expect(after).toContain('Note from Ana: done on the staging schema first.');
    expect(after.match(/- \[x\]/g)).toHaveLength(3);
    expect(readFileSync(join(ws, 'recovery.md'), 'utf8')).toMatch(/\*\*Completed:\*\* 2\/\d+ tasks/);
  });

  it('tasks style: the create_tasks_batch block, every build critiqued, the same graph in the store', () => {
    sample('node-api');
    const o = run([
      'plan',
      'Let users export their shelves as CSV',
      '--style',
      'tasks',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    expect(o.lint.ok).toBe(true);
    const md = readFileSync(join(dir, o.files[0]!), 'utf8');
    expect(md).toContain('## create_tasks_batch');
    expect(o.tasks.filter((t) => t.kind === 'critique')).toHaveLength(2);
    expect(o.tasks.find((t) => t.kind === 'critique')!.skill_id).toBe('plansmith/builtin/backend-critique');
  });

  it('xano style is chosen for a Xano workspace: components in order, the job queue for long work, handoffs per component', () => {
    sample('xano-workspace');
    const o = run([
      'plan',
      'Nightly batch import of member posts from a partner feed',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    expect(o.plan.style).toBe('xano');
    expect(o.plan.phases.map((p) => p.title)).toEqual([
      'Database: tables',
      'Functions: reusable logic',
      'APIs: endpoints',
      'Tasks: scheduled processing',
      'Workflow tests',
    ]);
    const md = readFileSync(join(dir, o.files[0]!), 'utf8');
    expect(md).toContain('the job-queue pattern');
    expect(o.plan.handoffs.map((h) => h.label)).toEqual(
      expect.arrayContaining(['Phase 1: Database: tables', 'Phase 4: Tasks: scheduled processing']),
    );
    // No agent file in this workspace defines the xano-* agents: the handoffs go to built-in skills,
    // never to an agent nobody defines (lint checks it).
    expect(new Set(o.plan.handoffs.map((h) => h.agent))).toEqual(
      new Set(['backend-development', 'backend-testing', 'backend-critique']),
    );
    expect(o.lint.ok).toBe(true);
    // Once the project defines the tables agent, its phase goes to it.
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
    writeFileSync(
      join(dir, '.claude', 'agents', 'xano-tables.md'),
      '---\nname: xano-tables\ndescription: Designs Xano tables, their fields and indexes.\n---\nDesign the tables the plan asks for.\n',
    );
    const again = run([
      'plan',
      'Nightly batch import of member posts from a partner feed',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    expect(again.plan.handoffs.find((h) => h.label === 'Phase 1: Database: tables')!.agent).toBe(
      'xano-tables',
    );
    expect(again.lint.ok).toBe(true);
  });

  it('--approaches 2 writes each approach and a comparison with a recommendation, and none where the engine found one', () => {
    sample('node-api');
    const o = run([
      'plan',
      'AuthService.login and UserService.findByEmail both fail for an email with capital letters: `login` should find the user whatever the case',
      '--approaches',
      '2',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    const approach = o.files.filter((f) => /-approach-\d-/.test(f));
    expect(approach).toHaveLength(2);
    const cmp = o.files.find((f) => /-approaches-\d{8}/.test(f))!;
    expect(readFileSync(join(dir, cmp), 'utf8')).toMatch(/## Recommendation\n\n\*\*.+\*\*/);
    // A plan that asks where the change goes has no two grounded approaches to compare: it says so.
    const asks = run([
      'plan',
      'add password reset by email',
      '--approaches',
      '2',
      '--no-interactive',
      '--json',
    ]);
    expect(asks.code, asks.stderr).toBe(0);
    expect(asks.stderr).toMatch(
      /--approaches 2: the plan has 0 approach\(es\) the engine could ground; no comparison written/,
    );
    expect(asks.json<PlanOutcome>().files.filter((f) => /-approach/.test(f))).toEqual([]);
  });

  it('--ci-log: finds the failing step and error, classifies it, names the files, and plans the fix', () => {
    sample('node-api');
    cpSync(join(FIXTURES, 'ci', 'vitest-failure.log'), join(dir, 'ci.log'));
    const o = run(['plan', '--ci-log', 'ci.log', '--no-interactive', '--json']).json<PlanOutcome>();
    expect(o.plan.ci).toMatchObject({ failing_step: 'npm test', category: 'test', log_line: 11 });
    expect(o.plan.ci!.error).toMatch(/AssertionError: expected 'user-1' to be null/);
    expect(o.plan.ci!.root_causes[0]!.files).toEqual(
      expect.arrayContaining(['tests/unit/auth.service.test.ts', 'src/services/auth.service.ts']),
    );
    expect(o.plan.ci!.verify[0]).toBe('npm test');
    // The failing test file on its own first, the way the project runs vitest.
    expect(o.plan.phases[0]!.automated_checks.map((c) => c.command)).toEqual([
      'npx vitest run tests/unit/auth.service.test.ts',
      'npm test',
    ]);
    expect(o.plan.analysis.work_type).toBe('ci');
    expect(o.lint.ok).toBe(true);
  });

  it('one plan per requirement, visibly: plans list states and open counts, --supersede, --replace, tasks grouped by plan', () => {
    sample('node-api');
    const req = 'add password reset by email';
    const first = run(['plan', req, '--no-interactive', '--json']).json<PlanOutcome>();
    const second = run(['plan', req, '--style', 'tasks', '--no-interactive', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(
      new RegExp(
        `older plans of the same requirement still have open tasks: ${first.plan.id} \\(\\d+ open\\)\\. --supersede`,
      ),
    );
    const secondId = second.json<PlanOutcome>().plan.id;
    type Listing = { id: string; state: string; open_tasks: number };
    const listed = () => run(['plans', 'list', '--json']).json<Listing[]>();
    // Open counts are the leaf tasks (sub-tasks, not their parent).
    const leaves = (o: PlanOutcome) => o.tasks.filter((t) => t.subtask_count === 0).length;
    expect(listed().map((p) => [p.id, p.state, p.open_tasks])).toEqual([
      [secondId, 'draft', leaves(second.json<PlanOutcome>())],
      [first.plan.id, 'draft', leaves(first)],
    ]);
    // Work starts on the second plan; a third run supersedes the older ones.
    const claimed = run(['tasks', 'claim', '--plan', secondId, '--owner', 'ana', '--json']).json<{
      id: string;
    }>();
    run(['tasks', 'done', claimed.id, '--owner', 'ana']);
    const third = run(['plan', req, '--supersede', '--no-interactive', '--json']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/superseded 2 older plan\(s\): cancelled \d+ open task\(s\)/);
    const thirdId = third.json<PlanOutcome>().plan.id;
    const states = new Map(listed().map((p) => [p.id, p.state]));
    expect([states.get(thirdId), states.get(secondId), states.get(first.plan.id)]).toEqual([
      'draft',
      'superseded',
      'superseded',
    ]);
    // The done task of the superseded plan stays done.
    expect(
      run(['tasks', 'show', claimed.id, '--json']).json<{ task: { status: string } }>().task.status,
    ).toBe('done');
    // --replace: a new revision of the newest plan, no new plan.
    const replaced = run(['plan', req, '--replace', '--no-interactive', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    const r = replaced.json<PlanOutcome>();
    expect([r.plan.id, r.plan.revision]).toEqual([thirdId, 2]);
    expect(listed()).toHaveLength(3);
    // The tree groups tasks by plan.
    const tree = run(['tasks', 'list', '--tree']).stdout;
    expect(tree.match(/^plan .*\(01[0-9A-Z]+, (draft|active|superseded|done)\)$/gm)).toHaveLength(3);
  });

  describe('bad input: a clear message and nothing written', () => {
    const nothingWritten = () => {
      expect(existsSync(join(dir, 'plans'))).toBe(false);
      expect(existsSync(join(dir, '.plansmith'))).toBe(false);
    };
    it('an empty requirement', () => {
      sample('node-api');
      const r = run(['plan', '   ', '--no-interactive'], '');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the requirement is empty/);
      nothingWritten();
    });
    it('a style that does not fit: xano without a Xano workspace is refused, not planned silently', () => {
      sample('node-api');
      const r = run(['plan', 'add password reset by email', '--style', 'xano', '--no-interactive']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/--style xano: this repository has no Xano workspace .*--force/);
      nothingWritten();
      const forced = run([
        'plan',
        'add password reset by email',
        '--style',
        'xano',
        '--force',
        '--no-interactive',
        '--json',
      ]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.json<PlanOutcome>().plan.style).toBe('xano');
    });
    it('a missing ticket file, a binary file', () => {
      sample('node-api');
      expect(run(['plan', 'ticket.md', '--no-interactive']).stderr).toMatch(/ticket\.md: no such file/);
      writeFileSync(join(dir, 'blob.md'), Buffer.from([0, 1, 2, 3]));
      expect(run(['plan', 'blob.md', '--no-interactive']).stderr).toMatch(
        /blob\.md: a binary file, not a requirement file/,
      );
      nothingWritten();
    });
    it('a CI log with no failure in it', () => {
      sample('node-api');
      cpSync(join(FIXTURES, 'ci', 'green.log'), join(dir, 'green.log'));
      const r = run(['plan', '--ci-log', 'green.log', '--no-interactive']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/green\.log: no failure found in the log/);
      nothingWritten();
    });
    it('refine and lint of a file that is not a plansmith plan', () => {
      sample('node-api');
      cpSync(join(FIXTURES, 'plans', 'not-a-plan.md'), join(dir, 'notes.md'));
      expect(run(['refine', 'notes.md', '--feedback', 'x']).stderr).toMatch(
        /notes\.md: not a plansmith plan/,
      );
      expect(run(['lint', 'notes.md']).stderr).toMatch(/notes\.md: not a plan plansmith can read/);
      nothingWritten();
    });
  });

  it('refine: a new revision, earlier ones kept, the change shown, hand-written text kept', () => {
    sample('node-api');
    // Routes in two files and nothing about statistics in either: the plan asks where it belongs (Q1).
    const o = run([
      'plan',
      'add an endpoint that reports reading statistics',
      '--no-interactive',
      '--json',
    ]).json<PlanOutcome>();
    const file = join(dir, o.files[0]!);
    // A person adds a paragraph outside the fences and edits inside the approach section.
    let md = readFileSync(file, 'utf8');
    md = md
      .replace('## Implementation steps', '## Implementation steps')
      .replace(
        /(<!-- plansmith:steps:begin[^>]*-->)/,
        'Team note: ship this before the March release.\n\n$1',
      );
    // (The unsure plan has no approach section: the places it weighed are in its open question.)
    md = md.replace(
      '## Research findings\n\n',
      '## Research findings\n\nAna: we already do this for invites.\n\n',
    );
    writeFileSync(file, md);
    const r = run([
      'refine',
      o.files[0]!,
      '--feedback',
      'Use SendGrid instead of Nodemailer. Q1: in AuthService, beside login. Add a step for audit logging.',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const refined = r.json<PlanOutcome & { diff: string; previous_revision: number }>();
    expect(refined.plan.revision).toBe(2);
    expect(refined.plan.questions[0]!.answer).toBe('in AuthService, beside login');
    expect(refined.plan.analysis.assumptions[0]).toMatch(
      /^Decided: Where does the reports reading statistics belong\? .* — in AuthService, beside login$/,
    );
    expect(refined.diff).toMatch(/\+.*SendGrid/);
    expect(refined.kept_edits).toEqual([`${o.files[0]}#research`]);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('Team note: ship this before the March release.');
    expect(after).toContain('Ana: we already do this for invites');
    expect(after).toContain('Audit logging');
    expect(after).toContain('revision 2');
    expect(after).toContain('**Decisions and assumptions:**');
    const first = run(['plans', 'show', o.plan.id, '--revision', '1', '--json']).json<{
      revision: number;
      research: { stack: string[] };
    }>();
    expect(first.revision).toBe(1);
    expect(first.research.stack).toContain('Nodemailer');
  });

  it('lint of a hand-written plan: each problem with file:line, exit 1', () => {
    sample('node-api');
    cpSync(join(FIXTURES, 'plans', 'hand-written.md'), join(dir, 'share.md'));
    const r = run(['lint', 'share.md', '--json']);
    expect(r.code).toBe(1);
    const res = r.json<LintResult>();
    expect(res.style).toBe('feature');
    const byRule = (rule: string) =>
      res.findings.filter((f) => f.rule === rule).map((f) => `${f.line}: ${f.message}`);
    expect(byRule('create-absent')).toEqual([
      '12: src/services/user.service.ts already exists (move it to the files to modify)',
    ]);
    expect(byRule('modify-exists')).toEqual([
      '16: src/routes/shelves.routes.ts does not exist (list only existing files to modify; new ones go in the files to create)',
    ]);
    expect(byRule('command-exists')).toEqual([
      expect.stringMatching(
        /^24: `npm run e2e`: package\.json has no "e2e" script.*use a command from explore_codebase/,
      ),
      expect.stringMatching(/^25: `make coverage`: the project has no Makefile/),
    ]);
    expect(byRule('open-questions')).toEqual([
      expect.stringMatching(/^35: the plan is marked final but this question is open/),
    ]);
    const text = run(['lint', 'share.md']);
    expect(text.stdout).toMatch(/share\.md:16: error \[modify-exists\]/);
  });

  it('handoff lists the next agents and prints one as a ready prompt', () => {
    sample('node-api');
    const o = run(['plan', 'add password reset by email', '--no-interactive', '--json']).json<PlanOutcome>();
    const list = run(['handoff', o.files[0]!, '--json']).json<Array<{ label: string; agent: string }>>();
    expect(list.at(-1)!.label).toBe('Review the result');
    const one = run(['handoff', o.files[0]!, '--to', '1']);
    expect(one.stdout).toMatch(/You are continuing the plan "Add password reset by email"/);
    expect(one.stdout).toContain(o.files[0]!);
    expect(run(['handoff', o.plan.id, '--to', 'nobody']).stderr).toMatch(/no handoff matches "nobody"/);
  });
});
