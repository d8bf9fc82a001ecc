import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { offlineWork } from '../../../test/offline-work.js';
import { sampleCopy } from '../../../test/samples.js';
import { explore } from '../../explore/explore.js';
import { precedentPhases } from './phases-precedent.js';
import { precedentOf } from './precedent-of.js';
import { approachesOf, risksOf, testCases } from './sections.js';

/**
 * A behaviour request on the shipped samples (the README quick start's request among them): the plan
 * follows the registered unit nearest to it, with file:line evidence, and calls what the code already has.
 */
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function planOn(sample: string, requirement: string) {
  const root = sampleCopy(sample, 'plansmith-behaviour-plan-');
  made.push(root);
  const report = explore(root, { for: requirement });
  const p = await precedentOf(root, requirement, report);
  const w = offlineWork(root, requirement, p, report);
  const phases = precedentPhases(w);
  const modify = phases.flatMap((ph) => ph.steps.flatMap((s) => s.files_to_modify));
  const text = phases
    .flatMap((ph) => [ph.title, ph.goal, ...ph.steps.flatMap((s) => [s.title, s.detail])])
    .join('\n');
  return { w, phases, modify, text };
}

describe('a behaviour request is planned from its sibling', () => {
  it('the quick start: a password reset by email beside the auth routes, sending through the mail service', async () => {
    const { w, modify, text, phases } = await planOn('node-api', 'add password reset by email');
    expect(w.questions).toEqual([]);
    expect(w.conclusion).toMatch(/^New: the password reset, a route beside `POST \/(register|login)`/);
    expect(w.conclusion).toContain('`MailService.send` (src/services/mail.service.ts:6)');
    expect(modify.map((f) => f.path)).toEqual([
      'src/routes/auth.routes.ts',
      'src/services/auth.service.ts',
      'tests/unit/auth.service.test.ts',
    ]);
    // The service's class is where the new method goes; the mount is said, not edited.
    expect(modify[1]!.edit_points?.[0]).toMatchObject({ symbol: 'AuthService', start_line: 6 });
    expect(text).toContain("Its group is mounted at src/app.ts:8 (`app.use('/auth', authRouter);`)");
    expect(text).toContain('exercises `AuthService`');
    // New behaviour: the test file runs whole, no selection of tests that pin something else.
    const tests = phases.find((p) => p.kind === 'test');
    expect(tests?.automated_checks.map((c) => c.command)[0]).toBe(
      'npx vitest run tests/unit/auth.service.test.ts',
    );
    // Facts or nothing: adding beside a class changes none of its callers, and the service's existing tests
    // pin other behaviour; no risk, approach or test case is made up from them.
    const all = phases as never;
    expect(risksOf(w, all)).toEqual([]);
    expect(approachesOf(w, all)).toEqual([]);
    expect(testCases(w, all)).toEqual([]);
    expect(w.precedent?.requested?.spellings).not.toContain('--password-reset');
  });

  it('Python: an endpoint to cancel an order beside the order routes and the order service', async () => {
    const { modify, text } = await planOn('py-service', 'Add an endpoint to cancel an order');
    expect(modify.map((f) => f.path)).toEqual([
      'app/api/orders.py',
      'app/services/order_service.py',
      'tests/unit/test_order_service.py',
    ]);
    expect(text).toContain('Its group is mounted at app/main.py:6');
    expect(modify[1]!.edit_points?.[0]).toMatchObject({ symbol: 'OrderService' });
    // The decorated handler of the sibling route is the registration's edit point.
    expect(modify[0]!.edit_points?.[0]?.symbol).toMatch(/^(create_order|get_order)$/);
  });
});
