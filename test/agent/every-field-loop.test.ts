import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { type Plan, type PlanStyle, planSchema } from '../../src/domain/plan.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { importMarkdown } from '../../src/planning/markdown/import.js';
import { readPlanMarkdown } from '../../src/planning/markdown/read.js';
import { mainArtefact } from '../../src/workspace/paths.js';
import { copySample } from '../samples.js';
import { scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

/**
 * Every field a model can set in `submit_plan`, on the node-api sample (in our own words): the scripted
 * model submits it through the real loop, the engine writes the plan file, and the file imports back to
 * the plan the engine stored.
 */
const FULL = submitted({
  analysis: {
    work_type: 'feature',
    summary: 'Users reset a forgotten password through a single-use emailed link.',
    entities: ['password', 'reset token'],
    operations: ['request a reset', 'redeem a reset'],
    interfaces: ['POST /auth/reset', 'POST /auth/reset/confirm'],
    integrations: ['mail service'],
    assumptions: ['A link is valid for 30 minutes'],
    existing: [{ text: 'Passwords are hashed with bcrypt', file: 'src/services/auth.service.ts', line: 8 }],
  },
  research: {
    stack: ['Express', 'Prisma'],
    findings: [
      { text: 'Registration hashes passwords', evidence: { file: 'src/services/auth.service.ts', line: 7 } },
      { text: 'Mail bodies print <token> where the link goes' },
    ],
    read_first: ['src/services/auth.service.ts', 'src/services/mail.service.ts'],
  },
  questions: [
    { question: 'Should a reset end other sessions?', why: 'changes the session rule' },
    { question: 'Which sender address?', why: '', answer: 'the support address' },
    { question: 'Is the link single use?', why: '', answer: 'Assumed: yes, it is spent on first use' },
  ],
  approaches: [
    {
      name: 'Token table and service',
      summary: 'Hashed tokens in a table; a service issues and redeems them.',
      pros: ['auditable', 'revocable'],
      cons: ['one migration'],
      effort: 'half a day',
      best_for: 'accounts kept for years',
      recommended: true,
    },
    {
      name: 'Signed links',
      summary: 'A signed, expiring link with no table.',
      pros: ['no migration'],
      cons: ['cannot be revoked before it expires'],
      effort: 'two hours',
      best_for: 'a prototype',
      recommended: false,
    },
  ],
  phases: [
    {
      id: 'p1',
      title: 'Reset service',
      goal: 'Issue and redeem single-use tokens.',
      kind: 'implement',
      skill: 'plansmith/builtin/backend-development',
      steps: [
        {
          title: 'Token service',
          detail: 'Hash tokens; expire them after 30 minutes.',
          files_to_create: [
            { path: 'src/services/password-reset.service.ts', why: 'issues and redeems tokens' },
            {
              path: 'src/services/{provider}-mail.adapter.ts',
              why: 'sends through the chosen provider',
              later: 'the mail provider, once it is chosen',
            },
          ],
          files_to_modify: [
            {
              path: 'src/services/auth.service.ts',
              why: 'reuse the hashing',
              edit_points: [
                {
                  symbol: 'AuthService.register',
                  start_line: 7,
                  end_line: 10,
                  signature: 'async register(email: string, password: string): Promise<User>',
                  why: 'hashes the same way',
                },
              ],
            },
          ],
          sketch: { language: 'ts', code: 'export class PasswordResetService {\n  issue() {}\n}' },
        },
      ],
      automated_checks: [
        { command: 'npm run typecheck', expect: 'no errors', evidence: { file: 'package.json', line: 11 } },
        { command: 'npm test', expect: 'passes' },
      ],
      manual_checks: ['A used link is refused'],
      estimate_minutes: 60,
    },
    {
      id: 'p2',
      title: 'Reset tests',
      goal: 'Prove it from the user side.',
      kind: 'test',
      steps: [
        {
          title: 'Service tests',
          detail: 'Happy path, an expired token, an unknown email.',
          files_to_create: [{ path: 'tests/unit/password-reset.service.test.ts', why: 'unit tests' }],
          files_to_modify: [],
        },
      ],
      automated_checks: [{ command: 'npm test', expect: 'the new cases pass' }],
      manual_checks: [],
      estimate_minutes: 45,
    },
    {
      id: 'p3',
      title: 'Reset docs',
      goal: 'Users learn how to reset.',
      kind: 'docs',
      steps: [
        {
          title: 'README section',
          detail: 'How to ask for a reset link.',
          files_to_create: [],
          files_to_modify: [{ path: 'README.md', why: 'the password reset section' }],
        },
      ],
      automated_checks: [],
      manual_checks: ['The section reads well'],
    },
  ],
  tests: { strategy: 'Vitest unit tests', cases: ['A user resets their password with a valid link'] },
  risks: [
    { risk: 'Token leak', mitigation: 'hash tokens', contingency: 'revoke all tokens', likelihood: 'low' },
  ],
  security: ['Tokens are single-use and hashed'],
  performance: ['Index tokens by hash'],
  rollback: ['Drop the token table'],
  not_doing: ['No SMS'],
  definition_of_done: ['A user can reset a password', 'The README says how'],
});

describe('a plan with every field set, submitted by a scripted model through the real loop', () => {
  let dir: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-every-field-'));
    copySample('node-api', dir);
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const style of ['feature', 'phased'] as PlanStyle[])
    it(`${style}: the written file imports back to the plan the engine stored, each check on its phase`, async () => {
      const model = scriptedModel([{ calls: [{ tool: 'submit_plan', input: { plan: FULL } }] }]);
      const planner = new LlmPlanner({ model, modelName: 'scripted' });
      const o = await (await ctx.plans(planner)).plan({ text: 'add password reset by email', style });
      expect(planner.last!.stoppedBy).toBe('submitted');
      const md = readFileSync(join(dir, mainArtefact(o.plan)), 'utf8');
      const r = importMarkdown(readPlanMarkdown(md, 'plan.md'), {
        id: o.plan.id,
        slug: o.plan.slug,
        now: new Date(o.plan.created_at),
        file: 'plan.md',
      });
      expect(r.notImported).toEqual([]);
      // What the file does not hold: the task graph (in the store) and where the requirement came from.
      const same = (p: Plan) => ({ ...p, tasks: [], requirement: { ...p.requirement, sources: [] } });
      const back = planSchema.parse(r.plan);
      expect(same(back)).toEqual(same(o.plan));
      // The fields the model gave are the ones stored (nothing dropped on the way in).
      expect(o.plan.phases.map((p) => [p.skill, p.automated_checks.length, p.estimate_minutes])).toEqual([
        ['plansmith/builtin/backend-development', 2, 60],
        [undefined, 1, 45],
        [undefined, 0, undefined],
      ]);
      expect(o.plan.approaches[1]!.pros).toEqual(['no migration']);
      expect(o.plan.analysis.existing).toHaveLength(1);
    });
});
