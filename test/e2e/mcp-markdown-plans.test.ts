import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { call, newClient } from '../mcp/helpers.js';
import { copySample } from '../samples.js';
import { CLI, plansmith } from './cli.js';

/** A plan in the `/plan` command's shape (our own words): approach with a rejected one, steps, success criteria. */
const SHAPE = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'plans', 'plan-command-shape.md'),
  'utf8',
);

interface Saved {
  plan_id: string;
  files: string[];
  tasks: string[];
  lint_ok: boolean;
  findings: Array<{ rule: string; message: string; line: number }>;
  notes?: string[];
}

describe('save_plan {markdown} over a real stdio MCP client (default profile)', () => {
  let dir: string;
  let client: Client;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-mcp-md-'));
    copySample('node-api', dir);
    client = newClient();
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '-C', dir], stderr: 'pipe' }),
    );
  });
  afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a plan in the /plan shape imports with nothing lost', async () => {
    const r = await call<Saved>(client, 'save_plan', {
      markdown: SHAPE,
      requirement: 'remind borrowers by email when a loan is two weeks late',
    });
    expect(r.error).toBeUndefined();
    expect(r.value.notes ?? []).toEqual([]);
    expect(r.value.findings.filter((f) => f.rule === 'not-imported')).toEqual([]);
    expect(r.value.lint_ok).toBe(true);
    const plan = plansmith(['plans', 'show', r.value.plan_id, '--json'], { cwd: dir }).json<Plan>();
    // The prompt as asked, not the title; the slug without the template's words.
    expect(plan.requirement.text).toBe('remind borrowers by email when a loan is two weeks late');
    expect(plan.slug).toBe('overdue-loan-reminders');
    expect(plan.approaches).toEqual([
      expect.objectContaining({
        name: 'Nightly sweep in the API process',
        recommended: true,
        pros: ['One query finds every overdue loan', 'Nothing new to deploy or operate'],
      }),
      expect.objectContaining({
        name: 'a delayed job per loan',
        recommended: false,
        pros: ['exact timing', 'no nightly burst'],
        cons: ['needs a queue broker the project does not run'],
      }),
    ]);
    expect(plan.phases.map((p) => [p.title, p.estimate_minutes])).toEqual([
      ['Find overdue loans', 20],
      ['Reminder mail', 15],
      ['Nightly timer', 15],
      ['Testing', 30],
    ]);
    const [find, mail, timer, testing] = plan.phases.map((p) => p.steps[0]!);
    expect(find!.sketch?.code).toContain('export async function overdueLoans');
    expect(mail!.detail).toContain('`sendOverdueReminder(user, loan)`');
    // "**Files to modify:**" right under the list of files to create is a list of its own.
    expect(timer!.files_to_create.map((f) => [f.path, f.why])).toEqual([
      ['src/jobs/overdue-reminders.ts', 'runs the sweep once a night'],
    ]);
    expect(timer!.files_to_modify.map((f) => f.path)).toEqual(['src/index.ts']);
    expect(testing!.detail).toContain('A returned loan gets none');
    expect(plan.definition_of_done).toEqual([
      'A reminder reaches a borrower whose loan is 15 days late',
      'No borrower gets two reminders for one loan in a day',
    ]);
    expect(plan.phases.every((p) => p.automated_checks.some((c) => c.command === 'npm test'))).toBe(true);
    expect(plan.not_doing).toEqual(['Let borrowers turn reminders off']);
    expect(plan.rollback).toHaveLength(2);
    expect(plan.questions.map((q) => q.question)).toEqual(['Should the reminder repeat every week?']);
    // Task criteria never come from the security notes.
    expect(JSON.stringify(plan.tasks)).not.toContain("never the borrower's other loans");
    // The prose sections are kept too: the overview, both security lists, the performance note.
    expect(plan.analysis.summary).toContain('Once a night the API finds loans past their due date');
    expect(plan.security.join('\n')).toContain("The mail names the book, never the borrower's other loans");
    expect(plan.security.join('\n')).toContain('Bounce rate of reminder mails');
    expect(plan.performance).toEqual(['The query uses the due-date index']);
    // The plan-wide manual check is what a person verifies when the work is done: the last phase's.
    expect(plan.phases.map((p) => p.manual_checks)).toEqual([
      [],
      [],
      [],
      ["Run the sweep against a copy of the library's data and read one reminder in a test inbox"],
    ]);
  });

  it('a section the model has no place for is reported, in the result and as a lint finding', async () => {
    const md = SHAPE.replace(
      '## Questions to Resolve',
      '## Team mood\n\nEveryone likes this one.\n\n## Questions to Resolve',
    );
    const r = await call<Saved>(client, 'save_plan', { markdown: md });
    expect(r.error).toBeUndefined();
    const line = md.split('\n').indexOf('## Team mood') + 1;
    expect(r.value.notes).toEqual([`not imported: the section "Team mood" (line ${line})`]);
    // The requirement is the file's own when save_plan is not given one.
    const plan = plansmith(['plans', 'show', r.value.plan_id, '--json'], { cwd: dir }).json<Plan>();
    expect(plan.requirement.text).toBe('email borrowers when a loan is more than 14 days overdue');
    // lint reads the source file the same way.
    const written = join(dir, 'mood.md');
    writeFileSync(written, md);
    const lint = plansmith(['lint', 'mood.md', '--json'], { cwd: dir }).json<{
      findings: Array<{ rule: string; line: number; message: string }>;
    }>();
    expect(lint.findings.filter((f) => f.rule === 'not-imported')).toEqual([
      expect.objectContaining({
        line,
        message: expect.stringMatching(/^not imported: the section "Team mood"/),
      }),
    ]);
  });

  it('an edited draft_plan saved with save_plan gets its tasks and handoffs rebuilt from its phases', async () => {
    // A fix naming the function: three phases (reproduce, fix, guard), so removing one changes the graph.
    const draft = await call<Plan>(client, 'draft_plan', {
      requirement:
        'UserService.findByEmail misses users whose email has capitals; it should match case-insensitively',
    });
    expect(draft.error).toBeUndefined();
    expect(draft.value.phases.length).toBeGreaterThan(2);
    const edited = { ...draft.value, phases: draft.value.phases.slice(0, 2) };
    const r = await call<Saved>(client, 'save_plan', { plan: edited });
    expect(r.error).toBeUndefined();
    expect(r.value.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tasks: rebuilt from the phases/),
        'handoffs: rebuilt from the phases',
      ]),
    );
    const plan = plansmith(['plans', 'show', r.value.plan_id, '--json'], { cwd: dir }).json<Plan>();
    const titles = edited.phases.map((p) => p.title);
    // One handoff per phase left, then the review: none for the phases the agent removed.
    expect(plan.handoffs.slice(0, -1).map((h) => h.label)).toEqual(
      titles.map((t, i) => `Phase ${i + 1}: ${t}`),
    );
  });

  it('lint: an item starting with Add or New under "What exists" or in prose is not a file to create', () => {
    writeFileSync(
      join(dir, 'exists.md'),
      '# Plan: loan reminders\n\n## What exists\n\n- New `src/services/user.service.ts` helpers already look loans up\n\n## Phase 1: Mail\n\n- Add a retry so `src/services/mail.service.ts` survives a slow server\n- Modify `src/services/mail.service.ts` — the reminder\n',
    );
    const lint = plansmith(['lint', 'exists.md', '--json'], { cwd: dir }).json<{
      findings: Array<{ rule: string }>;
    }>();
    expect(lint.findings.filter((f) => f.rule === 'create-absent')).toEqual([]);
  });
});
