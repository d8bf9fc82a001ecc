import type { Plan } from '../../src/domain/plan.js';

/** A plan body as a model would submit it (plansmith fills ids, dates and revisions). */
export function submitted(overrides: Partial<Plan> = {}): Record<string, unknown> {
  return {
    title: 'Password reset by email',
    analysis: {
      work_type: 'feature',
      summary: 'Users reset a forgotten password through a single-use emailed link.',
      entities: ['password', 'token'],
      operations: ['reset'],
      interfaces: ['HTTP API'],
      integrations: ['email'],
      assumptions: [],
    },
    research: {
      stack: ['Express', 'Prisma', 'Nodemailer'],
      findings: [
        { text: 'Auth lives in AuthService', evidence: { file: 'src/services/auth.service.ts', line: 6 } },
      ],
      read_first: ['AGENTS.md'],
    },
    questions: [{ question: 'How long is a reset link valid?', why: 'Changes the token model' }],
    approaches: [
      {
        name: 'Token table + service',
        summary: 'Store hashed tokens; a service issues and redeems them.',
        pros: ['Auditable'],
        cons: ['A migration'],
        effort: 'medium',
        best_for: 'this app',
        recommended: true,
      },
    ],
    phases: [
      {
        id: 'p1',
        title: 'Tokens and service',
        goal: 'Issue and redeem single-use tokens.',
        kind: 'implement',
        steps: [
          {
            title: 'Reset service',
            detail: 'Hash tokens; expire after 30 minutes.',
            files_to_create: [
              { path: 'src/services/password-reset.service.ts', why: 'issues and redeems tokens' },
            ],
            files_to_modify: [{ path: 'src/services/auth.service.ts', why: 'reuse hashing' }],
          },
        ],
        automated_checks: [{ command: 'npm test', expect: 'passes' }],
        manual_checks: ['A used link is refused'],
        estimate_minutes: 60,
      },
      {
        id: 'p2',
        title: 'Tests',
        goal: 'Prove it from the user side.',
        kind: 'test',
        steps: [
          {
            title: 'Reset tests',
            detail: 'Happy path, expired token, unknown email.',
            files_to_create: [{ path: 'tests/unit/password-reset.service.test.ts', why: 'unit tests' }],
            files_to_modify: [],
          },
        ],
        automated_checks: [{ command: 'npm test', expect: 'passes' }],
        manual_checks: [],
        estimate_minutes: 45,
      },
    ],
    tests: { strategy: 'Vitest unit tests', cases: ['A user resets their password with a valid link'] },
    risks: [
      {
        risk: 'Token leak',
        mitigation: 'Hash tokens',
        contingency: 'Invalidate all tokens',
        likelihood: 'low',
      },
    ],
    security: ['Tokens are single-use and hashed'],
    performance: [],
    rollback: ['Revert the commit'],
    not_doing: ['No SMS'],
    definition_of_done: ['npm test passes'],
    ...overrides,
  };
}
