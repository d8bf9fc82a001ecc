import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from '../domain/task.js';
import { deriveParentStatus, isReady } from './ready.js';
import {
  type Action,
  carriesFeedback,
  claimable,
  claimChange,
  completionOutcome,
  completionRefusal,
  failChange,
  leaseExpired,
  leaseRefusal,
  onExpiredLease,
  refusal,
  releaseChange,
  reopenedInputs,
  reopens,
  reopenTargets,
  retryChange,
  revisedInputs,
  reworkSubtask,
  type TaskState,
  TRANSITIONS,
  tickRefusal,
  verdictEntry,
  verdictRefusal,
} from './rules.js';

/** The task contract's rules without a database: every transition, the critique loop, leases, attempts. */
const task = (over: Partial<TaskState> = {}): TaskState => ({
  id: 'T1',
  status: 'pending',
  kind: 'implement',
  ready: true,
  subtask_count: 0,
  attempts: 0,
  max_attempts: 3,
  lease_owner: null,
  lease_expires_at: null,
  ...over,
});

describe('the transition table', () => {
  // Every action from every status, for a task and for a parent with sub-tasks: [allowed statuses, containers too?]
  const expected: Record<Action, [TaskStatus[], boolean]> = {
    fail: [['in_progress'], true],
    release: [['in_progress'], true],
    heartbeat: [['in_progress'], true],
    cancel: [['pending', 'in_progress', 'failed', 'blocked'], true],
    revise: [['pending', 'in_progress', 'failed', 'blocked'], true],
    retry: [['failed'], false],
    block: [['pending', 'in_progress'], false],
    unblock: [['blocked'], false],
  };
  for (const [action, [allowed, containers]] of Object.entries(expected) as Array<
    [Action, [TaskStatus[], boolean]]
  >)
    it(`${action}: allowed from ${allowed.join(', ')}${containers ? '' : ', never on a parent'}; refused otherwise`, () => {
      for (const status of TASK_STATUSES) {
        expect(refusal(action, task({ status })) === null, `${action} from ${status}`).toBe(
          allowed.includes(status),
        );
        const parent = refusal(action, task({ status, subtask_count: 2 }));
        expect(parent === null, `${action} on a parent from ${status}`).toBe(
          allowed.includes(status) && containers,
        );
      }
    });

  it("refusals say why in the CLI's words", () => {
    expect(refusal('heartbeat', task())).toEqual({
      label: 'extend the lease of',
      why: 'only a claimed task has a lease',
    });
    expect(refusal('revise', task({ status: 'done' }))).toEqual({
      label: 'revise',
      why: 'finished work is never rewritten',
    });
    expect(refusal('cancel', task({ status: 'cancelled' }))).toEqual({ label: 'cancel' });
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(expected).sort());
  });

  it('completion: never a parent, never twice, not before it is ready (unless forced), never from blocked or failed', () => {
    expect(completionRefusal(task({ subtask_count: 1 }))).toEqual({
      kind: 'transition',
      why: 'it has sub-tasks and is done when they all are',
    });
    expect(completionRefusal(task({ status: 'done' }))).toEqual({
      kind: 'transition',
      why: 'it is already done',
    });
    expect(completionRefusal(task({ ready: false }))).toEqual({ kind: 'not-ready' });
    expect(completionRefusal(task({ ready: false }), true)).toBeNull();
    expect(completionRefusal(task({ status: 'blocked' }))).toEqual({ kind: 'transition' });
    expect(completionRefusal(task({ status: 'failed' }))).toEqual({ kind: 'transition' });
    expect(completionRefusal(task({ status: 'in_progress', ready: false }))).toBeNull();
    expect(completionRefusal(task())).toBeNull();
  });
});

describe('leases and attempts', () => {
  const now = 1_000_000;
  it('a lease expires only for a claimed task past its time; an expired one can be claimed', () => {
    expect(leaseExpired(task({ status: 'in_progress', lease_expires_at: now - 1 }), now)).toBe(true);
    expect(leaseExpired(task({ status: 'in_progress', lease_expires_at: now + 1 }), now)).toBe(false);
    expect(leaseExpired(task({ status: 'pending', lease_expires_at: now - 1 }), now)).toBe(false);
    expect(claimable(task({ status: 'in_progress', lease_expires_at: now - 1, ready: false }), now)).toBe(
      true,
    );
    expect(claimable(task({ ready: false }), now)).toBe(false);
    expect(claimable(task({ status: 'blocked' }), now)).toBe(false);
    expect(claimable(task(), now)).toBe(true);
  });

  it('an expired lease is taken over while attempts are left; on the last attempt the task fails', () => {
    expect(onExpiredLease({ attempts: 1, max_attempts: 3 })).toBe('take-over');
    expect(onExpiredLease({ attempts: 3, max_attempts: 3 })).toBe('fail');
  });

  it('a claim counts an attempt; its lease is the request, else the task timeout, else 30 minutes', () => {
    expect(claimChange({ attempts: 0, timeout_seconds: null }, now, 60)).toEqual({
      attempts: 1,
      lease_seconds: 60,
      lease_expires_at: now + 60_000,
    });
    expect(claimChange({ attempts: 1, timeout_seconds: 120 }, now).lease_seconds).toBe(120);
    expect(claimChange({ attempts: 1, timeout_seconds: null }, now).lease_seconds).toBe(1800);
  });

  it('a failure retries until the attempts run out; release gives the attempt back; retry starts over', () => {
    expect(failChange({ attempts: 1, max_attempts: 3 })).toEqual({
      status: 'pending',
      final: false,
      event: 'attempt_failed',
    });
    expect(failChange({ attempts: 3, max_attempts: 3 })).toEqual({
      status: 'failed',
      final: true,
      event: 'failed',
    });
    expect(releaseChange({ attempts: 2 })).toEqual({ status: 'pending', attempts: 1 });
    expect(releaseChange({ attempts: 0 })).toEqual({ status: 'pending', attempts: 0 });
    expect(retryChange()).toEqual({ status: 'pending', attempts: 0 });
  });
});

describe('who may act on a claimed task', () => {
  it('a claimed task needs its lease holder named; unclaimed work needs no owner', () => {
    const held = task({ status: 'in_progress', lease_owner: 'builder' });
    expect(leaseRefusal(held, 'builder')).toBeNull();
    expect(leaseRefusal(held, undefined)).toMatch(/leased by builder: pass owner "builder"/);
    expect(leaseRefusal(held, 'intruder')).toMatch(/leased by builder, not intruder/);
    expect(leaseRefusal(task(), undefined)).toBeNull();
    expect(leaseRefusal(task({ status: 'done' }), 'anyone')).toBeNull();
  });
});

describe('the critique loop (seed 002)', () => {
  it('a pass, or any other kind finishing, is done; a failing critique re-opens its work until its rounds run out', () => {
    expect(completionOutcome(task({ kind: 'critique', attempts: 1 }), 'pass')).toBe('done');
    expect(completionOutcome(task({ kind: 'implement' }), 'fail')).toBe('done');
    expect(completionOutcome(task({ kind: 'critique', attempts: 1 }), 'fail')).toBe('reopen');
    expect(completionOutcome(task({ kind: 'critique', attempts: 3 }), 'fail')).toBe('rounds-exhausted');
  });

  it('a reviewed task is re-opened; a reviewed parent keeps its done sub-tasks and gets a rework sub-task; cancelled work stays cancelled', () => {
    expect(
      reopenTargets([
        { id: 'A', subtask_count: 0 },
        { id: 'P', subtask_count: 3 },
        { id: 'A', subtask_count: 0 },
      ]),
    ).toEqual({ reopen: ['A'], rework: ['P'] });
    expect(reopens({ status: 'cancelled' })).toBe(false);
    expect(reopens({ status: 'done' })).toBe(true);
    const feedback = { summary: 'payments skip the idempotency key', issues: [] };
    const sub = reworkSubtask(
      { task_name: 'Build order services', description: 'd', skill_id: 'acme/skills/dev' },
      { round: 1, critique_task: 'C', score: 4, feedback_for_rebuild: feedback },
      500,
    );
    expect(sub).toMatchObject({
      task_name: 'Rework (critique round 1): Build order services',
      skill_id: 'acme/skills/dev',
      kind: 'implement',
      inputs: { feedback_for_rebuild: feedback, rebuild_round: 1, rework_of: 'Build order services' },
    });
    expect(sub.description).toContain('payments skip the idempotency key');
    const long = reworkSubtask(
      { task_name: 'x'.repeat(500), description: '', skill_id: null },
      { round: 2, critique_task: 'C', feedback_for_rebuild: feedback },
      500,
    );
    expect(long.task_name).toHaveLength(500);
    expect(long).not.toHaveProperty('skill_id');
  });

  it('a critique needs a verdict, a fail needs feedback, and only a critique gives a verdict', () => {
    const critique = { id: 'C1', kind: 'critique' as const };
    const build = { id: 'B1', kind: 'implement' as const };
    expect(verdictRefusal(critique, {})).toMatchObject({ field: 'verdict' });
    expect(verdictRefusal(critique, { verdict: 'fail' })).toMatchObject({ field: 'feedback_for_rebuild' });
    expect(verdictRefusal(critique, { verdict: 'fail', feedback_for_rebuild: { summary: 's' } })).toBeNull();
    expect(verdictRefusal(critique, { verdict: 'pass' })).toBeNull();
    expect(verdictRefusal(build, {})).toBeNull();
    const wrong = verdictRefusal(build, { verdict: 'fail', feedback_for_rebuild: { summary: 's' } });
    expect(wrong?.field).toBe('verdict');
    expect(wrong?.message).toMatch(/task B1 is a implement task, not a critique/);
    expect(verdictRefusal(build, { verdict: 'pass' })?.field).toBe('verdict');
  });

  it('the feedback travels with the re-opened task, and every round is kept', () => {
    const first = reopenedInputs(
      { plan: 'p.md' },
      { round: 1, critique_task: 'C', score: 4, feedback_for_rebuild: { summary: 'a' } },
    );
    const second = reopenedInputs(first, {
      round: 2,
      critique_task: 'C',
      feedback_for_rebuild: { summary: 'b' },
    });
    expect(second).toMatchObject({ plan: 'p.md', feedback_for_rebuild: { summary: 'b' }, rebuild_round: 2 });
    expect((second.critique_history as unknown[]).length).toBe(2);
    expect((second.critique_history as Array<{ score: number | null }>)[1]!.score).toBeNull();
    expect(
      verdictEntry([{}], { verdict: 'fail', feedback_for_rebuild: { summary: 'x' } }, 'rev', 'now'),
    ).toMatchObject({ round: 2, verdict: 'fail', by: 'rev', score: null, summary: null });
  });
});

describe('feedback is never lost (refine, sync)', () => {
  const reopened = reopenedInputs(
    { requirements: 'old' },
    { round: 1, critique_task: 'C', feedback_for_rebuild: { summary: 'totals drift' } },
  );

  it('a revision replaces what a task asks for and keeps every critique field', () => {
    const next = revisedInputs(reopened, { requirements: 'new', files_to_modify: ['a.ts'] });
    expect(next).toEqual({
      requirements: 'new',
      files_to_modify: ['a.ts'],
      feedback_for_rebuild: { summary: 'totals drift' },
      critique_history: reopened.critique_history,
      rebuild_round: 1,
    });
    expect(revisedInputs({ requirements: 'old' }, { requirements: 'new' })).toEqual({ requirements: 'new' });
    expect(carriesFeedback(reopened)).toBe(true);
    expect(carriesFeedback({ requirements: 'x' })).toBe(false);
  });

  it('a ticked box does not complete a task re-opened since, nor one an agent holds', () => {
    const base = { id: 'T1', status: 'pending' as const, lease_owner: null, inputs: {} };
    expect(tickRefusal(base)).toBeNull();
    expect(tickRefusal({ ...base, inputs: reopened })).toMatch(
      /re-opened by a failing critique \(round 1\).*store wins/,
    );
    expect(tickRefusal({ ...base, status: 'in_progress', lease_owner: 'w' })).toMatch(/claimed by w/);
    expect(tickRefusal({ ...base, status: 'done', inputs: reopened })).toBeNull();
  });
});

describe('sub-tasks and readiness (graph/ready.ts)', () => {
  it('a parent is done when all its sub-tasks are done or cancelled, failed or blocked when one is, in progress once one started', () => {
    expect(deriveParentStatus(['done', 'cancelled'])).toBe('done');
    expect(deriveParentStatus(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(deriveParentStatus(['done', 'failed'])).toBe('failed');
    expect(deriveParentStatus(['pending', 'blocked'])).toBe('blocked');
    expect(deriveParentStatus(['done', 'pending'])).toBe('in_progress');
    expect(deriveParentStatus(['pending', 'pending'])).toBe('pending');
  });

  it("a sub-task is ready when its parent's dependencies and the earlier sub-tasks are done; a parent is never ready itself", () => {
    const base = {
      status: 'pending' as const,
      subtask_count: 0,
      dependencyStatuses: [],
      parentDependencyStatuses: [],
      earlierSiblingStatuses: [],
    };
    expect(isReady(base)).toBe(true);
    expect(isReady({ ...base, earlierSiblingStatuses: ['in_progress'] })).toBe(false);
    expect(isReady({ ...base, earlierSiblingStatuses: ['cancelled'] })).toBe(true);
    expect(isReady({ ...base, parentDependencyStatuses: ['pending'] })).toBe(false);
    expect(isReady({ ...base, subtask_count: 2 })).toBe(false);
    expect(isReady({ ...base, status: 'blocked' })).toBe(false);
  });
});
