import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { type Plan, type PlanStyle, planSchema } from '../../src/domain/plan.js';
import { planFromMarkdown } from '../../src/planning/markdown/import.js';
import { readPlanMarkdown } from '../../src/planning/markdown/read.js';
import { mainArtefact } from '../../src/workspace/paths.js';
import { renderPlan } from '../../src/workspace/render.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';

describe('markdown plans from any agent: import', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-import-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const style of ['feature', 'phased', 'tasks', 'prd', 'xano'] as PlanStyle[])
    it(`render → import → render gives the same ${style} plan`, async () => {
      // A Xano plan is made in a Xano workspace; the others in the API sample.
      let use = ctx;
      if (style === 'xano') {
        const xdir = mkdtempSync(join(tmpdir(), 'plansmith-import-xano-'));
        copySample('xano-workspace', xdir);
        use = new AppContext({ root: xdir });
      }
      const drafted = await (await use.plans()).draft({ text: 'add password reset by email', style });
      // As a refined revision: an answered question and the notes of what changed.
      const plan = {
        ...drafted,
        revision: 2,
        questions: drafted.questions.map((q, i) => (i === 0 ? { ...q, answer: '30 minutes' } : q)),
        revision_notes: ['Answered Q1: 30 minutes.'],
      };
      if (use !== ctx) {
        await use.close();
        rmSync(use.root, { recursive: true, force: true });
      }
      const main = (p: typeof plan) =>
        renderPlan(p, { tasks: [] }).find((f) => f.path === mainArtefact(p))!.content;
      const first = main(plan);
      const doc = readPlanMarkdown(first, 'plan.md');
      const back = planSchema.parse(
        planFromMarkdown(doc, { id: 'X', slug: plan.slug, now: new Date(plan.created_at), file: 'plan.md' }),
      );
      const again = main(back);
      expect(again).toBe(first);
    });
});

/** A plan as a host agent writes it after exploring: the phased workflow's sections, in our own words. */
const PHASED_BY_HAND = `# Rate limiting for login attempts

Too many failed logins from one address should slow the attacker down without locking out real users.

## Current state

- Login is handled in \`src/services/auth.service.ts\`; routes in \`src/routes/auth.routes.ts\`.

## Phase 1: Count failures

Keep a per-address failure counter in memory with a sliding window.

### Changes

- Create \`src/services/login-throttle.service.ts\` — the counter and its window
- Modify \`src/services/auth.service.ts\` — record a failure, reset on success

### Success criteria

#### Automated

\`\`\`bash
npm run typecheck
npm test
\`\`\`

#### Manual

- [ ] Five wrong passwords in a minute get a 429

## Phase 2: Answer with 429

- Modify \`src/routes/auth.routes.ts\` — return 429 with Retry-After when throttled

### Success criteria

\`\`\`bash
npm test
\`\`\`

## Notes from the call

Nobody asked for CAPTCHA; leave it out.

## Risks

- Shared NAT addresses throttle many users at once — key by address and account

## Open questions

- [ ] How long is the window?
`;

/** The task-graph workflow's shape: numbered steps, each with its files, and a verification block. */
const STEPS_BY_HAND = `# Plan: export shelves as CSV

## Steps

### Step 1: Serialiser

- Create \`src/services/csv-export.service.ts\` — turns shelves into CSV rows

### Step 2: Route

- Modify \`src/routes/users.routes.ts\` — GET /users/:id/shelves.csv

## Verification

\`\`\`sh
npm test
\`\`\`
`;

describe('importing hand-written plans (plansmith import, the real CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-import-cli-'));
    copySample('node-api', dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a phased plan imports with its phases, files and checks, an extra section reported as not imported; its task graph is created; the file stays as written', () => {
    writeFileSync(join(dir, 'throttle.md'), PHASED_BY_HAND);
    const r = plansmith(['import', 'throttle.md', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json<{ plan_id: string; files: string[]; tasks: string[]; notes: string[] }>();
    expect(out.tasks.length).toBeGreaterThanOrEqual(4);
    expect(out.notes).toEqual(['not imported: the section "Notes from the call" (line 41)']);
    expect(readFileSync(join(dir, 'throttle.md'), 'utf8')).toBe(PHASED_BY_HAND);
    const shown = plansmith(['plans', 'show', out.plan_id, '--json'], { cwd: dir }).json<Plan>();
    const phases = shown.phases;
    expect(phases.map((p) => p.title)).toEqual(['Count failures', 'Answer with 429']);
    expect(phases[0]!.automated_checks.map((c) => c.command)).toEqual(['npm run typecheck', 'npm test']);
    expect(phases[0]!.manual_checks).toEqual(['Five wrong passwords in a minute get a 429']);
    expect(phases[0]!.steps[0]!.files_to_create.map((f) => f.path)).toEqual([
      'src/services/login-throttle.service.ts',
    ]);
    expect(phases[1]!.steps[0]!.files_to_modify[0]).toMatchObject({
      path: 'src/routes/auth.routes.ts',
      why: 'return 429 with Retry-After when throttled',
    });
    expect(shown.risks[0]!.risk).toMatch(/Shared NAT/);
    expect(shown.questions.map((q) => q.question)).toEqual(['How long is the window?']);
    expect(JSON.stringify(shown)).not.toContain('CAPTCHA');
  });

  it('a plansmith plan file edited by hand imports as the next revision of its plan, its tasks following', () => {
    const first = plansmith(['plan', 'add password reset by email', '--json'], { cwd: dir });
    const { plan, files } = first.json<{ plan: { id: string }; files: string[] }>();
    const file = join(dir, files[0]!);
    // The engine wrote no security line for this plan (nothing in the code to ground one), so the file has
    // no such section: the person adds theirs before the last sections.
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain('## Security');
    const edited = written.replace(
      '<!-- plansmith:handoffs:begin',
      '## Security\n\n- Log every reset request with the account id, never the token.\n\n<!-- plansmith:handoffs:begin',
    );
    expect(edited).not.toBe(written);
    writeFileSync(file, edited);
    const r = plansmith(['import', files[0]!, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const out = r.json<{ plan_id: string; revision: number; files: string[]; notes: string[] }>();
    expect(out).toMatchObject({ plan_id: plan.id, revision: 2 });
    // The file a person imports stays as they wrote it (the help says so), and the output says why.
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(out.files).not.toContain(files[0]);
    expect(out.notes).toContain(`kept ${files[0]} as written (revision 2 is in the store)`);
    // The person's section is read, and the file has it once.
    const after = readFileSync(file, 'utf8');
    expect(after.split('Log every reset request with the account id').length - 1).toBe(1);
    expect(after.split('\n## Security\n').length - 1).toBe(1);
    const shown = plansmith(['plans', 'show', plan.id, '--json'], { cwd: dir }).json<
      Plan & { revision_notes: string[] }
    >();
    expect(shown.security).toEqual(['Log every reset request with the account id, never the token.']);
    expect(shown.revision_notes).toEqual([`Imported from ${files[0]}.`]);
  });

  it('numbered steps with a verification block import as phases with the plan-wide check', () => {
    writeFileSync(join(dir, 'csv.md'), STEPS_BY_HAND);
    const r = plansmith(['import', 'csv.md', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const id = r.json<{ plan_id: string }>().plan_id;
    const plan = plansmith(['plans', 'show', id, '--json'], { cwd: dir }).json<Plan>();
    expect(plan.title).toBe('export shelves as CSV');
    expect(plan.phases.map((p) => [p.title, p.automated_checks.map((c) => c.command)])).toEqual([
      ['Serialiser', ['npm test']],
      ['Route', ['npm test']],
    ]);
  });

  it('a path that does not exist, a phase without files, or no plan at all: refused by field, nothing written', () => {
    writeFileSync(
      join(dir, 'bad.md'),
      PHASED_BY_HAND.replace(
        'Modify `src/routes/auth.routes.ts`',
        'Modify `src/routes/login.routes.ts`',
      ).replace(
        '- Create `src/services/login-throttle.service.ts` — the counter and its window\n- Modify `src/services/auth.service.ts` — record a failure, reset on success\n',
        '',
      ),
    );
    const r = plansmith(['import', 'bad.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.md was refused; nothing was written/);
    expect(r.stderr).toMatch(
      /phases\[1\]\.steps\[0\]\.files_to_modify\[0\]: src\/routes\/login\.routes\.ts does not exist/,
    );
    expect(r.stderr).toMatch(/phases\[0\] \("Count failures"\): an implement phase names no file/);
    expect(existsSync(join(dir, 'plans'))).toBe(false);
    expect(existsSync(join(dir, '.plansmith'))).toBe(false);
    writeFileSync(join(dir, 'notes.md'), '# Shopping list\n\n- milk\n');
    const n = plansmith(['import', 'notes.md'], { cwd: dir });
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/notes\.md: not a plan plansmith can read/);
  });

  it('a plan missing most sections (lint warns about them) still imports when it names a phase and its files', () => {
    writeFileSync(
      join(dir, 'min.md'),
      '# Add a health check\n\n## Phase 1: Route\n\n- Modify `src/app.ts` — mount GET /health\n',
    );
    const lint = plansmith(['lint', 'min.md', '--json'], { cwd: dir });
    expect(
      lint.json<{ findings: Array<{ rule: string }> }>().findings.some((f) => f.rule === 'sections'),
    ).toBe(true);
    const r = plansmith(['import', 'min.md', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.json<{ tasks: string[] }>().tasks.length).toBeGreaterThanOrEqual(2);
  });
});
