import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlansmithError, ValidationError } from '../src/domain/errors.js';
import type { TaskFilter } from '../src/domain/task.js';
import type { StoreOptions } from '../src/store/kysely/store.js';
import type { TaskStore } from '../src/store/task-store.js';
import { addPlan } from './plans.js';
import { until } from './until.js';

/** A JSON listing read back: its chunks joined as the CLI writes them, each chunk also parsed alone into `parts`. */
async function jsonListing(
  store: TaskStore,
  filter: TaskFilter = {},
  parts: unknown[][] = [],
): Promise<unknown[]> {
  const separator = ',\n    ';
  const decoder = new TextDecoder();
  const texts: string[] = [];
  for await (const chunk of store.streamTaskJson(filter, { separator })) {
    texts.push(decoder.decode(chunk));
    parts.push(JSON.parse(`[${texts.at(-1)}]`));
  }
  return JSON.parse(`[${texts.join(separator)}]`);
}

/**
 * The store contract: every TaskStore backend must pass this suite unchanged.
 * `makeStore` opens a fresh, empty store; `dispose` removes whatever it made.
 */
export interface StoreHarness {
  name: string;
  /** A fresh, empty store. May be called more than once in a test. */
  makeStore(options: StoreOptions): Promise<TaskStore>;
  /** A second handle on the store the last makeStore made, as another process would open it. */
  reopen(options: StoreOptions): Promise<TaskStore>;
  /** Removes everything the makeStore calls of this test made. */
  dispose?(): Promise<void>;
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));

export class TestClock {
  constructor(public t = Date.UTC(2026, 0, 1)) {}
  now = () => this.t;
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

async function refusal(p: Promise<unknown>): Promise<ValidationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

export function storeContract(h: StoreHarness): void {
  describe(`TaskStore contract: ${h.name}`, () => {
    let store: TaskStore;
    let clock: TestClock;

    beforeEach(async () => {
      clock = new TestClock();
      store = await h.makeStore({ clock });
    });
    afterEach(async () => {
      await store.close();
      await h.dispose?.();
    });

    describe('create_tasks_batch', () => {
      it('creates the four-step batch with $N placeholders, in batch order, dependencies resolved', async () => {
        const tasks = await store.createBatch(fixture('four-step-batch.json'));
        expect(tasks.map((t) => t.task_order)).toEqual([1, 2, 3, 4]);
        expect(new Set(tasks.map((t) => t.id)).size).toBe(4);
        expect(tasks[1]!.dependencies).toEqual([tasks[0]!.id]);
        expect(tasks[2]!.dependencies).toEqual([tasks[1]!.id]);
        expect(tasks.map((t) => t.kind)).toEqual(['implement', 'critique', 'test', 'critique']);
        expect(tasks[1]!.critiques).toEqual([tasks[0]!.id]);
        expect(tasks[3]!.critiques).toEqual([tasks[2]!.id]);
        expect(tasks.map((t) => t.ready)).toEqual([true, false, false, false]);
        expect(tasks[0]!.validation_criteria.critical).toHaveLength(2);
        expect(tasks[0]!.inputs.files_to_modify).toEqual(['src/billing/router.ts']);
      });

      it('accepts the uniqueId + logicalDependencies dialect with the same result', async () => {
        const tasks = await store.createBatch(fixture('four-step-batch-unique-ids.json'));
        expect(tasks[1]!.dependencies).toEqual([tasks[0]!.id]);
        expect(tasks[3]!.dependencies).toEqual([tasks[2]!.id]);
        expect(tasks[3]!.critiques).toEqual([tasks[2]!.id]);
      });

      it('reads task_order "1" as 1, and a dependency "1" is refused with a hint at $1', async () => {
        const [a] = await store.createBatch([{ task_name: 'a', task_order: '1' as never }]);
        expect(a!.task_order).toBe(1);
        // A position in other words is refused with the number it would be.
        await expect(store.createBatch([{ task_name: 'b', task_order: '$2' as never }])).rejects.toThrow(
          /task \$1 "b", field task_order: "\$2" is not a task_order: a whole number from 1 \(did you mean 2\?\)/,
        );
        await expect(store.createBatch([{ task_name: 'b', task_order: 'first' as never }])).rejects.toThrow(
          /field task_order: a whole number from 1/,
        );
        await expect(
          store.createBatch([{ task_name: 'x' }, { task_name: 'y', dependencies: ['1'] }]),
        ).rejects.toThrow(
          /unknown task id 1: no such task in the store \(did you mean `\$1`, task \$1 of this batch\?\)/,
        );
      });

      it('a batch with a new plan record: made in the same transaction, its tasks in it; a refused batch leaves none', async () => {
        const record = (id: string) => ({
          plan: { id, revision: 1, slug: 'shelf', title: 'Shelf', style: 'tasks', status: 'draft' },
          path: '',
          model: { id, architecture: 'one table' },
        });
        const batch = {
          tasks: [{ task_name: 'a' }, { task_name: 'b', dependencies: ['$1'] }],
          architecture: 'x',
        };
        const made = await store.createBatch(batch, { new_plan: record('P1') });
        expect(made.map((t) => t.plan_id)).toEqual(['P1', 'P1']);
        expect((await store.listPlans()).map((p) => [p.id, p.path, p.revision])).toEqual([['P1', '', 1]]);
        expect((await store.getPlanModel('P1'))!.model).toEqual({ id: 'P1', architecture: 'one table' });
        await expect(
          store.createBatch(
            { tasks: [{ task_name: 'c', dependencies: ['$9'] }], architecture: 'x' },
            { new_plan: record('P2') },
          ),
        ).rejects.toThrow(/unknown placeholder \$9/);
        await expect(
          store.createBatch({ ...batch, plan_id: 'P1' }, { new_plan: record('P3') }),
        ).rejects.toThrow(/architecture makes a new plan/);
        expect((await store.listPlans()).map((p) => p.id)).toEqual(['P1']);
        // The envelope's fields are named when wrong.
        await expect(store.createBatch({ tasks: [{ task_name: 'a' }], summary: 'x' })).rejects.toThrow(
          /unknown field\(s\) summary of the batch: it takes tasks, plan_id, or architecture and title/,
        );
        await expect(store.createBatch({ tasks: [{ task_name: 'a' }], title: 'T' })).rejects.toThrow(
          /a title names a new plan: give the plan's architecture with it/,
        );
      });

      it("takes agents' words: numeric uniqueIds, kinds, verdicts and severities in their own words", async () => {
        const [build, review] = await store.createBatch([
          { task_name: 'Build the shelf', uniqueId: 1, kind: 'Implementation' },
          {
            task_name: 'Review the shelf',
            uniqueId: 2,
            logicalDependencies: [1],
            kind: 'review',
            inputs: { preceding_task: { task_order: 1, task_name: 'Build the shelf' } },
          },
        ]);
        expect(review!.dependencies).toEqual([build!.id]);
        expect([build!.kind, review!.kind]).toEqual(['implement', 'critique']);
        await store.claim({ owner: 'w', task_id: build!.id });
        await store.complete(build!.id, { owner: 'w' });
        await store.claim({ owner: 'w', task_id: review!.id });
        const r = await store.complete(review!.id, {
          owner: 'w',
          verdict: 'Changes requested' as never,
          feedback_for_rebuild: {
            summary: 'labels are lost',
            issues: [{ what: 'blank label accepted', severity: 'High' }],
          },
        });
        expect(r.reopened.map((t) => t.id)).toEqual([build!.id]);
        const feedback = (await store.getTask(build!.id))!.inputs.feedback_for_rebuild as {
          issues: Array<{ severity: string; severity_given?: string }>;
        };
        // Mapped onto the scale, and the reviewer's own word kept.
        expect(feedback.issues[0]).toMatchObject({ severity: 'major', severity_given: 'High' });
        await expect(store.createBatch([{ task_name: 'x', kind: 'sleeping' as never }])).rejects.toThrow(
          /kind/,
        );
      });

      it('accepts an existing task id as a dependency', async () => {
        const [first] = await store.createBatch([{ task_name: 'schema' }]);
        const [second] = await store.createBatch([{ task_name: 'service', dependencies: [first!.id] }]);
        expect(second!.dependencies).toEqual([first!.id]);
        expect(second!.ready).toBe(false);
      });

      const cases: Array<[string, unknown, RegExp]> = [
        [
          'unknown placeholder',
          [{ task_name: 'a' }, { task_name: 'b', dependencies: ['$7'] }],
          /task \$2 "b", field dependencies\[0\]: unknown placeholder \$7: the batch has 2 tasks/,
        ],
        [
          'self-dependency',
          [{ task_name: 'a', dependencies: ['$1'] }],
          /task \$1 "a", field dependencies\[0\]: .*itself/,
        ],
        [
          'a cycle, printed',
          [
            { task_name: 'a' },
            { task_name: 'b', dependencies: ['$4'] },
            { task_name: 'c' },
            { task_name: 'd', dependencies: ['$2'] },
          ],
          /dependency cycle \$2 → \$4 → \$2/,
        ],
        [
          'unknown existing id',
          [{ task_name: 'a', dependencies: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'] }],
          /task \$1 "a", field dependencies\[0\]: unknown task id 01HZZZZZZZZZZZZZZZZZZZZZZZ/,
        ],
        [
          'a sub-task given sub-tasks (parent_id)',
          [{ task_name: 'p' }, { task_name: 'c', parent_id: '$1' }, { task_name: 'g', parent_id: '$2' }],
          /task \$2 "c", field parent_id: is itself a sub-task/,
        ],
        [
          'a sub-task given sub-tasks (inline)',
          [{ task_name: 'p', subtasks: [{ task_name: 'c', subtasks: [{ task_name: 'g' }] }] }],
          /task \$1\.1 "c", field subtasks: a sub-task cannot have sub-tasks/,
        ],
        [
          'a critique with nothing to critique',
          [{ task_name: 'build' }, { task_name: 'review', kind: 'critique', dependencies: ['$1'] }],
          /task \$2 "review", field inputs\.preceding_task: a critique task needs something to critique/,
        ],
        [
          'a planner skill on a planned task',
          [{ task_name: 'plan more', skill_id: 'acme/skills/backend-planner' }],
          /task \$1 "plan more", field skill_id: .*planner skill/,
        ],
        [
          'duplicate task_order',
          [
            { task_name: 'a', task_order: 1 },
            { task_name: 'b', task_order: 1 },
          ],
          /task \$2 "b", field task_order: 1 is already used by \$1 "a"/,
        ],
        ['bad types', [{ task_name: 42 }], /task \$1, field task_name: /],
        [
          'bad timeout',
          [{ task_name: 'a', timeout_seconds: 'soon' }],
          /task \$1 "a", field timeout_seconds: /,
        ],
        [
          'unknown field',
          [{ task_name: 'a', priority: 'high' }],
          /task \$1 "a", field \(task\): unknown field\(s\) priority/,
        ],
        [
          'unknown uniqueId',
          {
            tasks: [
              { task_name: 'a', uniqueId: 'a' },
              { task_name: 'b', logicalDependencies: ['zzz'] },
            ],
          },
          /task \$2 "b", field logicalDependencies\[0\]: unknown uniqueId "zzz"/,
        ],
        ['not a batch', { task: [] }, /field tasks: expected a JSON array/],
        ['an empty batch', [], /the batch has no tasks/],
      ];
      for (const [what, input, message] of cases) {
        it(`refuses ${what}, names the task and field, and writes nothing`, async () => {
          await store.createBatch([{ task_name: 'already here' }]);
          const err = await refusal(store.createBatch(input));
          expect(err.message).toMatch(message);
          expect(err.issues.length).toBeGreaterThan(0);
          expect(await store.countTasks()).toBe(1);
        });
      }

      it('lists every problem of a bad batch at once', async () => {
        const err = await refusal(
          store.createBatch([
            { task_name: 'a', dependencies: ['$9'] },
            { task_name: 'b', dependencies: ['$2'] },
          ]),
        );
        expect(err.issues.map((i) => i.task)).toEqual(['$1 "a"', '$2 "b"']);
      });
    });

    describe('revise (a refined plan)', () => {
      it('changes what an open task asks for, records which fields, and never rewrites finished work', async () => {
        const [a, b] = await store.createBatch([
          {
            task_name: 'Fix the shelf',
            inputs: { files_to_modify: ['jars/shelf.py'] },
            estimate_minutes: 20,
          },
          { task_name: 'Test the shelf', dependencies: ['$1'], inputs: { files_to_test: ['jars/shelf.py'] } },
        ]);
        await store.claim({ owner: 'w', task_id: a!.id });
        await store.complete(a!.id, { owner: 'w' });
        const revised = await store.revise(b!.id, {
          inputs: { files_to_test: ['jars/settings.py'] },
          estimate_minutes: 35,
          validation_criteria: {
            critical: ['`pytest tests/check_shelf.py` passes'],
            expected: [],
            nice_to_have: [],
          },
        });
        expect(revised.inputs).toEqual({ files_to_test: ['jars/settings.py'] });
        expect(revised.estimate_minutes).toBe(35);
        expect(revised.status).toBe('pending');
        expect(revised.ready).toBe(true);
        const events = await store.history(b!.id);
        expect(events.at(-1)).toMatchObject({
          type: 'revised',
          data: { fields: ['inputs', 'validation_criteria', 'estimate_minutes'] },
        });
        await expect(store.revise(a!.id, { description: 'changed' })).rejects.toThrow(
          /finished work is never rewritten/,
        );
        expect((await store.getTask(a!.id))!.description).not.toBe('changed');
        await expect(
          store.revise(b!.id, { validation_criteria: { critical: 'not a list' } }),
        ).rejects.toThrow(/validation_criteria/);
      });
    });

    describe('sub-tasks', () => {
      it('run in creation order, each waiting for the one before; the parent is done when all are', async () => {
        const [parent] = await store.createBatch([
          { task_name: 'Build order services', estimate_minutes: 10 },
        ]);
        const a = await store.createSubtask(parent!.id, { task_name: 'orders' });
        const b = await store.createSubtask(parent!.id, { task_name: 'inventory' });
        const c = await store.createSubtask(parent!.id, { task_name: 'payments' });
        expect((await store.getTask(parent!.id))!.subtask_count).toBe(3);
        expect([a, b, c].map((t) => t.position)).toEqual([1, 2, 3]);
        expect((await store.next())!.id).toBe(a.id);
        await expect(store.claim({ owner: 'w', task_id: b.id })).rejects.toThrow(
          /not ready: it waits for .*earlier sub-task/,
        );
        await store.claim({ owner: 'w' });
        await store.complete(a.id, { owner: 'w' });
        expect((await store.getTask(parent!.id))!.status).toBe('in_progress');
        expect((await store.next())!.id).toBe(b.id);
        await store.complete(b.id);
        await store.complete(c.id);
        expect((await store.getTask(parent!.id))!.status).toBe('done');
        await expect(store.complete(parent!.id)).rejects.toThrow(/sub-tasks/);
      });

      it('can be inserted between two others', async () => {
        const [parent] = await store.createBatch([{ task_name: 'p' }]);
        const a = await store.createSubtask(parent!.id, { task_name: 'a' });
        const c = await store.createSubtask(parent!.id, { task_name: 'c' });
        const b = await store.createSubtask(parent!.id, { task_name: 'b' }, { after: a.id });
        const kids = await store.listTasks({ parent_id: parent!.id });
        expect(kids.map((k) => k.task_name)).toEqual(['a', 'b', 'c']);
        expect(kids.map((k) => k.position)).toEqual([1, 2, 3]);
        await store.complete(a.id);
        expect((await store.next())!.id).toBe(b.id);
        expect((await store.getTask(c.id))!.ready).toBe(false);
        expect(await store.validate()).toEqual([]);
      });

      it('wait for the dependencies of their parent', async () => {
        const [dep, parent] = await store.createBatch([
          { task_name: 'schema' },
          {
            task_name: 'services',
            dependencies: ['$1'],
            subtasks: [{ task_name: 'one' }, { task_name: 'two' }],
          },
        ]);
        const kids = await store.listTasks({ parent_id: parent!.id });
        expect(kids.map((k) => k.ready)).toEqual([false, false]);
        await store.complete(dep!.id);
        expect((await store.getTask(kids[0]!.id))!.ready).toBe(true);
      });

      it('keep finished siblings done when a later one fails (checkpoints)', async () => {
        const [parent] = await store.createBatch([
          { task_name: 'p', subtasks: [{ task_name: 'a' }, { task_name: 'b', max_attempts: 1 }] },
        ]);
        const [a, b] = await store.listTasks({ parent_id: parent!.id });
        await store.complete(a!.id);
        await store.claim({ owner: 'w' });
        await store.fail(b!.id, { owner: 'w', error: 'compile error' });
        expect((await store.getTask(a!.id))!.status).toBe('done');
        expect((await store.getTask(b!.id))!.status).toBe('failed');
        expect((await store.getTask(parent!.id))!.status).toBe('failed');
        await store.retry(b!.id);
        expect((await store.getTask(parent!.id))!.status).toBe('in_progress');
      });

      it('refuses a sub-task of a sub-task and writes nothing', async () => {
        const [parent] = await store.createBatch([{ task_name: 'p' }]);
        const child = await store.createSubtask(parent!.id, { task_name: 'c' });
        await expect(store.createSubtask(child.id, { task_name: 'g' })).rejects.toThrow(
          /is itself a sub-task/,
        );
        expect(await store.countTasks()).toBe(2);
      });
    });

    describe('the critique loop', () => {
      it('a failing verdict re-opens the critiqued task with the feedback; a pass moves on', async () => {
        const [build, review, test] = await store.createBatch(fixture('four-step-batch.json'));
        await store.claim({ owner: 'builder' });
        await store.complete(build!.id, { owner: 'builder', summary: 'export added' });
        const claimed = await store.claim({ owner: 'critic' });
        expect(claimed!.id).toBe(review!.id);
        await expect(store.complete(review!.id, { owner: 'critic' })).rejects.toThrow(
          /field verdict: a critique task finishes with a verdict/,
        );
        const feedback = {
          summary: 'leaks other users',
          issues: [
            {
              what: 'no owner filter',
              expected: 'filter by user',
              actual: 'all invoices',
              location: 'src/billing/export.ts:12',
              suggestion: 'add where user_id',
              severity: 'critical' as const,
            },
          ],
        };
        const r = await store.complete(review!.id, {
          owner: 'critic',
          verdict: 'fail',
          score: 3,
          feedback_for_rebuild: feedback,
        });
        expect(r.reopened.map((t) => t.id)).toEqual([build!.id]);
        const rebuilt = (await store.getTask(build!.id))!;
        expect(rebuilt.status).toBe('pending');
        expect(rebuilt.ready).toBe(true);
        expect(rebuilt.inputs.feedback_for_rebuild).toEqual(feedback);
        expect(r.task.status).toBe('pending');
        expect(r.task.ready).toBe(false);
        expect((await store.next())!.id).toBe(build!.id);
        await store.claim({ owner: 'builder' });
        await store.complete(build!.id, { owner: 'builder' });
        await store.claim({ owner: 'critic' });
        const pass = await store.complete(review!.id, { owner: 'critic', verdict: 'pass', score: 9 });
        expect(pass.task.status).toBe('done');
        expect((pass.task.outputs.verdicts as unknown[]).length).toBe(2);
        expect((await store.next())!.id).toBe(test!.id);
      });

      it('fails the critique after max_attempts rounds and keeps every verdict', async () => {
        const [build, review] = await store.createBatch([
          { task_name: 'build' },
          { task_name: 'review', kind: 'critique', max_attempts: 2, inputs: { critiques_tasks: ['$1'] } },
        ]);
        const feedback = { summary: 'no', issues: [] };
        for (let round = 1; round <= 2; round++) {
          await store.claim({ owner: 'b' });
          await store.complete(build!.id, { owner: 'b' });
          await store.claim({ owner: 'c' });
          await store.complete(review!.id, { owner: 'c', verdict: 'fail', feedback_for_rebuild: feedback });
        }
        const r = (await store.getTask(review!.id))!;
        expect(r.status).toBe('failed');
        expect((r.outputs.verdicts as Array<{ verdict: string }>).map((v) => v.verdict)).toEqual([
          'fail',
          'fail',
        ]);
        expect((await store.getTask(build!.id))!.status).toBe('done');
        const types = (await store.history(review!.id)).map((e) => e.type);
        expect(types.filter((t) => t === 'verdict')).toHaveLength(2);
      });

      it('a revision of a re-opened task keeps the critique feedback, the history and the round', async () => {
        const [build, review] = await store.createBatch([
          { task_name: 'build', inputs: { requirements: 'old' } },
          { task_name: 'review', kind: 'critique', inputs: { critiques_tasks: ['$1'] } },
        ]);
        await store.complete(build!.id, { owner: 'b' });
        const feedback = { summary: 'totals drift', issues: [] };
        await store.complete(review!.id, { owner: 'c', verdict: 'fail', feedback_for_rebuild: feedback });
        const revised = await store.revise(build!.id, { inputs: { requirements: 'new' } });
        expect(revised.inputs).toMatchObject({
          requirements: 'new',
          feedback_for_rebuild: feedback,
          rebuild_round: 1,
        });
        expect(revised.inputs.critique_history).toHaveLength(1);
      });

      it('refuses a verdict on a task that is not a critique, naming the task, and changes nothing', async () => {
        const [build] = await store.createBatch([{ task_name: 'build' }]);
        await store.claim({ owner: 'b' });
        await expect(
          store.complete(build!.id, { owner: 'b', verdict: 'fail', feedback_for_rebuild: { summary: 'x' } }),
        ).rejects.toThrow(new RegExp(`task ${build!.id} is a implement task, not a critique`));
        expect((await store.getTask(build!.id))!.status).toBe('in_progress');
      });

      it("reads a reviewer's own words for feedback fields (where → location) and says so", async () => {
        const [build, review] = await store.createBatch([
          { task_name: 'build' },
          { task_name: 'review', kind: 'critique', inputs: { critiques_tasks: ['$1'] } },
        ]);
        await store.complete(build!.id, { owner: 'b' });
        const r = await store.complete(review!.id, {
          owner: 'c',
          verdict: 'fail',
          feedback_for_rebuild: {
            summary: 'totals drift',
            issues: [{ what: 'rounding', where: 'src/cart.ts:40', fix: 'use cents' } as never],
          },
        });
        expect(r.notes).toEqual([
          'feedback_for_rebuild.issues[0].where read as location',
          'feedback_for_rebuild.issues[0].fix read as suggestion',
        ]);
        expect((await store.getTask(build!.id))!.inputs.feedback_for_rebuild).toEqual({
          summary: 'totals drift',
          issues: [{ what: 'rounding', location: 'src/cart.ts:40', suggestion: 'use cents' }],
        });
      });

      it('a failing critique of a parent keeps its done sub-tasks done and adds the rework as a sub-task with the feedback', async () => {
        const [parent, review] = await store.createBatch([
          { task_name: 'Build order services', skill_id: 'acme/skills/dev' },
          {
            task_name: 'Review order services',
            kind: 'critique',
            dependencies: ['$1'],
            inputs: { preceding_task: { task_order: 1 } },
          },
        ]);
        const kids = [];
        for (const name of ['orders', 'inventory', 'payments'])
          kids.push(await store.createSubtask(parent!.id, { task_name: name }));
        for (const k of kids) {
          await store.claim({ owner: 'w', task_id: k.id });
          await store.complete(k.id, { owner: 'w' });
        }
        expect((await store.getTask(parent!.id))!.status).toBe('done');
        await store.claim({ owner: 'critic', task_id: review!.id });
        const feedback = {
          summary: 'payments skip the idempotency key',
          issues: [{ what: 'retries charge twice' }],
        };
        const r = await store.complete(review!.id, {
          owner: 'critic',
          verdict: 'fail',
          feedback_for_rebuild: feedback,
        });
        for (const k of kids) expect((await store.getTask(k.id))!.status).toBe('done');
        expect(r.reopened).toHaveLength(1);
        const rework = r.reopened[0]!;
        expect(rework).toMatchObject({
          parent_id: parent!.id,
          position: 4,
          status: 'pending',
          ready: true,
          skill_id: 'acme/skills/dev',
          task_name: 'Rework (critique round 1): Build order services',
        });
        expect(rework.inputs).toMatchObject({ feedback_for_rebuild: feedback, rebuild_round: 1 });
        expect((await store.getTask(parent!.id))!.status).not.toBe('done');
        expect(r.task).toMatchObject({ status: 'pending', ready: false });
        expect((await store.next())!.id).toBe(rework.id);
        await store.claim({ owner: 'w', task_id: rework.id });
        await store.complete(rework.id, { owner: 'w' });
        expect((await store.getTask(parent!.id))!.status).toBe('done');
        expect((await store.next())!.id).toBe(review!.id);
      });
    });

    describe('scheduling', () => {
      it('a superseded or cancelled plan has its open tasks cancelled, is never served by next, and takes no new tasks', async () => {
        await addPlan(store, 'old');
        await addPlan(store, 'new');
        const [a, b] = await store.createBatch(
          [{ task_name: 'a' }, { task_name: 'b', dependencies: ['$1'] }],
          {
            plan_id: 'old',
          },
        );
        await store.complete(a!.id, { owner: 'w' });
        await store.claim({ owner: 'holder', task_id: b!.id });
        const [c] = await store.createBatch([{ task_name: 'c' }], { plan_id: 'new' });
        const r = await store.closePlan('old', { status: 'superseded', superseded_by: 'new' });
        expect(r.plan.status).toBe('superseded');
        expect(r.cancelled).toEqual([b!.id]);
        expect((await store.getTask(a!.id))!.status).toBe('done');
        expect((await store.getTask(b!.id))!).toMatchObject({ status: 'cancelled', lease: null });
        expect((await store.next())!.id).toBe(c!.id);
        expect(await store.next({ plan_id: 'old' })).toBeNull();
        await expect(store.createBatch([{ task_name: 'd' }], { plan_id: 'old' })).rejects.toThrow(
          /plan old is superseded: it takes no new tasks/,
        );
        await expect(store.closePlan('new', { status: 'superseded', superseded_by: 'nope' })).rejects.toThrow(
          /no other plan nope/,
        );
        const done = await store.closePlan('new', { status: 'cancelled', reason: 'not needed' });
        expect(done.cancelled).toEqual([c!.id]);
        expect((await store.getTask(c!.id))!.last_error).toBe('not needed');
        expect(await store.next()).toBeNull();
      });

      it('next follows batch order and filters by skill, kind and plan', async () => {
        await addPlan(store, 'p1');
        await addPlan(store, 'p2');
        await store.createBatch(
          [
            { task_name: 'x', skill_id: 'a/b/dev' },
            { task_name: 'y', skill_id: 'a/b/docs-writer', kind: 'docs' },
          ],
          { plan_id: 'p1' },
        );
        await store.createBatch([{ task_name: 'z' }], { plan_id: 'p2' });
        expect((await store.next())!.task_name).toBe('x');
        expect((await store.next({ kind: 'docs' }))!.task_name).toBe('y');
        expect((await store.next({ skill_id: 'a/b/docs-writer' }))!.task_name).toBe('y');
        expect((await store.next({ plan_id: 'p2' }))!.task_name).toBe('z');
        expect(await store.next({ plan_id: 'nope' })).toBeNull();
      });

      it('claims are exclusive: concurrent claims never get the same task', async () => {
        await store.createBatch(Array.from({ length: 12 }, (_, i) => ({ task_name: `t${i}` })));
        const claims = await Promise.all(
          Array.from({ length: 16 }, (_, i) => store.claim({ owner: `w${i}` })),
        );
        const got = claims.filter((c) => c !== null).map((c) => c!.id);
        expect(got).toHaveLength(12);
        expect(new Set(got).size).toBe(12);
        expect(await store.claim({ owner: 'late' })).toBeNull();
      });

      it('a lease defaults to timeout_seconds, heartbeat extends it, expiry makes the task claimable again', async () => {
        const [t] = await store.createBatch([{ task_name: 'slow', timeout_seconds: 60, max_attempts: 2 }]);
        const c = (await store.claim({ owner: 'a' }))!;
        expect(Date.parse(c.lease!.expires_at) - clock.t).toBe(60_000);
        clock.advance(50);
        await store.heartbeat(t!.id, { owner: 'a' });
        clock.advance(50);
        expect(await store.claim({ owner: 'b' })).toBeNull();
        await expect(store.heartbeat(t!.id, { owner: 'b' })).rejects.toThrow(/leased by a, not b/);
        clock.advance(61);
        const taken = (await store.claim({ owner: 'b' }))!;
        expect(taken.id).toBe(t!.id);
        expect(taken.attempts).toBe(2);
        await expect(store.complete(t!.id, { owner: 'a' })).rejects.toThrow(/leased by b/);
        clock.advance(61);
        expect(await store.claim({ owner: 'c' })).toBeNull();
        expect((await store.getTask(t!.id))!.status).toBe('failed');
        const types = (await store.history(t!.id)).map((e) => e.type);
        expect(types).toEqual(['created', 'claimed', 'lease_expired', 'claimed', 'lease_expired', 'failed']);
      });

      it("a claimed task is its lease holder's: complete, fail, release and heartbeat without the owner are refused, and the history names the caller", async () => {
        const [t] = await store.createBatch([{ task_name: 'held' }]);
        await store.claim({ owner: 'holder' });
        const refusal = /leased by holder: pass owner "holder"/;
        await expect(store.complete(t!.id)).rejects.toThrow(refusal);
        await expect(store.fail(t!.id, { error: 'x' })).rejects.toThrow(refusal);
        await expect(store.release(t!.id)).rejects.toThrow(refusal);
        await expect(store.heartbeat(t!.id)).rejects.toThrow(refusal);
        await expect(store.complete(t!.id, { owner: 'other' })).rejects.toThrow(
          /leased by holder, not other/,
        );
        expect((await store.getTask(t!.id))!.status).toBe('in_progress');
        await store.complete(t!.id, { owner: 'holder' });
        const done = (await store.history(t!.id)).at(-1)!;
        expect(done).toMatchObject({ type: 'completed', actor: 'holder' });
      });

      it('fail retries until max_attempts; release gives the task back without counting an attempt', async () => {
        const [t] = await store.createBatch([{ task_name: 'flaky', max_attempts: 2 }]);
        await store.claim({ owner: 'a' });
        await store.release(t!.id, { owner: 'a' });
        expect((await store.getTask(t!.id))!.attempts).toBe(0);
        await store.claim({ owner: 'a' });
        let f = await store.fail(t!.id, { owner: 'a', error: 'boom' });
        expect(f.status).toBe('pending');
        expect(f.last_error).toBe('boom');
        await store.claim({ owner: 'a' });
        f = await store.fail(t!.id, { owner: 'a', error: 'boom again' });
        expect(f.status).toBe('failed');
        await expect(store.fail(t!.id, { error: 'x' })).rejects.toThrow(/is failed; cannot fail it/);
      });

      it('a done dependency makes its dependents ready; cancel lets dependents go on', async () => {
        const [a, b, c] = await store.createBatch([
          { task_name: 'a' },
          { task_name: 'b', dependencies: ['$1'] },
          { task_name: 'c', dependencies: ['$2'] },
        ]);
        await store.complete(a!.id);
        expect((await store.getTask(b!.id))!.ready).toBe(true);
        await store.cancel(b!.id, { reason: 'not needed' });
        expect((await store.getTask(c!.id))!.ready).toBe(true);
        await store.block(c!.id, { reason: 'waiting on legal' });
        expect(await store.next()).toBeNull();
        await store.unblock(c!.id);
        expect((await store.next())!.id).toBe(c!.id);
        expect(await store.validate()).toEqual([]);
      });
    });

    describe('events, dump and load', () => {
      it('watch hears of changes made through another handle on the same store', async () => {
        const heard: string[] = [];
        const stop = await store.watch((events) => heard.push(...events.map((e) => e.type)), {
          intervalMs: 50,
        });
        const other = await h.reopen({ clock });
        try {
          await other.createBatch([{ task_name: 'a' }]);
          await other.claim({ owner: 'elsewhere' });
          await until(() => heard.includes('claimed'), 'the claim made through the other handle');
          expect(heard).toEqual(['created', 'claimed']);
        } finally {
          await stop();
          await other.close();
        }
      });

      it('dump and load move every row: ids, history and outputs, identical on the way back', async () => {
        await addPlan(store, 'p');
        const [build, review] = await store.createBatch(fixture('four-step-batch.json'), { plan_id: 'p' });
        await store.claim({ owner: 'a' });
        await store.complete(build!.id, { owner: 'a', outputs: { artefacts: ['src/billing/export.ts'] } });
        await store.claim({ owner: 'b' });
        await store.complete(review!.id, {
          owner: 'b',
          verdict: 'fail',
          score: 2,
          feedback_for_rebuild: { summary: 'redo', issues: [] },
        });
        const before = await store.dump();
        const target = await h.makeStore({ clock });
        try {
          await target.load(before);
          expect(await target.dump()).toEqual(before);
          expect(await target.validate()).toEqual([]);
          await expect(target.load(before)).rejects.toThrow(/already holds 4 tasks/);
          // the copy keeps working: new events continue the sequence
          await target.claim({ owner: 'c' });
          const events = await target.events({ after: before.task_events.at(-1)!.seq as number });
          expect(events.map((e) => e.type)).toEqual(['claimed']);
        } finally {
          await target.close();
        }
      });

      it('keeps step-wise planner sessions: revisions, branches, continuation across handles', async () => {
        const first = await store.addPlannerStep({
          step: 'Map the billing module',
          step_number: 1,
          total_steps: 3,
          next_step_required: true,
        });
        const id = first.continuation_id;
        await store.addPlannerStep({
          continuation_id: id,
          step: 'Two options: CSV stream or job',
          step_number: 2,
          total_steps: 3,
          next_step_required: true,
        });
        await store.addPlannerStep({
          continuation_id: id,
          step: 'Rather: one endpoint, streamed',
          step_number: 3,
          total_steps: 3,
          next_step_required: true,
          revises_step: 2,
        });
        await store.addPlannerStep({
          continuation_id: id,
          step: 'Alternative: async job',
          step_number: 4,
          total_steps: 3,
          next_step_required: false,
          branch_from_step: 2,
          branch_id: 'job',
        });
        const other = await h.reopen({ clock });
        try {
          const steps = await other.plannerSession(id);
          expect(steps.map((s) => [s.step_number, s.revises_step, s.branch_id])).toEqual([
            [1, null, null],
            [2, null, null],
            [3, 2, null],
            [4, null, 'job'],
          ]);
          expect(steps[3]!.total_steps).toBe(4);
        } finally {
          await other.close();
        }
        await expect(
          store.addPlannerStep({
            continuation_id: id,
            step: 'x',
            step_number: 5,
            total_steps: 5,
            next_step_required: false,
            revises_step: 9,
          }),
        ).rejects.toThrow(/field revises_step: step 9 is not in session/);
        await expect(
          store.addPlannerStep({
            continuation_id: 'nope',
            step: 'x',
            step_number: 1,
            total_steps: 1,
            next_step_required: false,
          }),
        ).rejects.toThrow(/no planning session with id nope/);
        expect((await store.dump()).planner_steps).toHaveLength(4);
      });

      it('keeps every revision of a plan; refuses to go back a revision', async () => {
        const base = {
          id: 'P1',
          slug: 'invoice-export',
          title: 'Invoice export',
          style: 'feature',
          status: 'draft',
        };
        await store.savePlan(
          { ...base, revision: 1 },
          { path: 'plans/invoice-export-1.md', model: { v: 1 } },
        );
        clock.advance(5);
        const second = await store.savePlan(
          { ...base, revision: 2, status: 'final' },
          { path: 'plans/invoice-export-1.md', model: { v: 2 }, feedback: 'use streams' },
        );
        expect(second).toMatchObject({ revision: 2, status: 'final' });
        await expect(store.savePlan({ ...base, revision: 2 }, { path: 'x', model: {} })).rejects.toThrow(
          /already at revision 2/,
        );
        await expect(
          store.savePlan({ ...base, id: 'P2', revision: 3 }, { path: 'x', model: {} }),
        ).rejects.toThrow(/starts at revision 1/);
        const latest = await store.getPlanModel('P1');
        expect(latest!.model).toEqual({ v: 2 });
        expect(latest!.revisions).toEqual([1, 2]);
        expect((await store.getPlanModel('P1', 1))!.model).toEqual({ v: 1 });
        expect(await store.getPlanModel('nope')).toBeNull();
        expect((await store.listPlans()).map((p) => p.id)).toEqual(['P1']);
        const dump = await store.dump();
        expect(dump.plan_revisions).toHaveLength(2);
        await store.deletePlan('P1');
        expect(await store.listPlans()).toEqual([]);
      });

      it('reports its applied migrations', async () => {
        expect(await store.migrations()).toEqual([
          '0001_tasks',
          '0002_event_notify',
          '0003_planner_steps',
          '0004_plans',
          '0005_listing_order',
        ]);
      });
    });

    describe('ids, graph and checks', () => {
      it('resolves unambiguous id prefixes, case-insensitively', async () => {
        const [t] = await store.createBatch([{ task_name: 'a' }]);
        expect(await store.resolveId(t!.id.toLowerCase().slice(0, 20))).toBe(t!.id);
        await expect(store.resolveId('ZZZZ')).rejects.toThrow(/no task with id ZZZZ/);
        await store.createBatch([{ task_name: 'b' }]);
        await expect(store.resolveId(t!.id.slice(0, 2))).rejects.toThrow(PlansmithError);
      });

      it('graphNodes returns the work graph inputs and validate finds no problem in a healthy store', async () => {
        await addPlan(store, 'plan-a');
        await store.createBatch(fixture('four-step-batch.json'), { plan_id: 'plan-a' });
        const nodes = await store.graphNodes({ plan_id: 'plan-a' });
        expect(nodes).toHaveLength(4);
        expect(nodes[3]!.dependencies).toHaveLength(1);
        expect(await store.validate()).toEqual([]);
      });

      it('validate reports stale leases', async () => {
        await store.createBatch([{ task_name: 'a', timeout_seconds: 10 }]);
        await store.claim({ owner: 'gone' });
        clock.advance(11);
        const findings = await store.validate();
        expect(findings.map((f) => f.code)).toEqual(['stale_lease']);
      });

      it('events are numbered and readable after a sequence number', async () => {
        await store.createBatch([{ task_name: 'a' }, { task_name: 'b' }]);
        const all = await store.events();
        expect(all.map((e) => e.type)).toEqual(['created', 'created']);
        await store.claim({ owner: 'w' });
        const later = await store.events({ after: all[1]!.seq });
        expect(later.map((e) => e.type)).toEqual(['claimed']);
        expect((await store.events({ types: ['claimed'] })).map((e) => e.seq)).toEqual([later[0]!.seq]);
        expect((await store.events({ types: ['created', 'claimed'] })).map((e) => e.type)).toEqual([
          'created',
          'created',
          'claimed',
        ]);
        expect(await store.events({ types: [] })).toEqual([]);
      });

      it('streams a listing a page at a time, in the order and with the fields of listTasks; the JSON stream says the same', async () => {
        await addPlan(store, 'p');
        const batch = Array.from({ length: 2300 }, (_, i) => ({
          task_name: `t${i + 1}`,
          dependencies: i > 0 ? [`$${Math.ceil(i / 3)}`] : [],
          ...(i % 500 === 0
            ? { subtasks: [{ task_name: `t${i + 1}.1` }, { task_name: `t${i + 1}.2` }] }
            : {}),
          ...(i % 7 === 0
            ? { inputs: { note: `n${i}` }, validation_criteria: { critical: ['works'] }, estimate_minutes: 5 }
            : {}),
        }));
        await store.createBatch(batch, { plan_id: 'p' });
        const t = await store.claim({ owner: 'lister' });
        await store.complete(t!.id, { owner: 'lister', outputs: { done: true } });
        await store.claim({ owner: 'holder' });
        const all = await store.listTasks();
        const streamed = [];
        for await (const x of store.streamTasks()) streamed.push(x);
        expect(streamed).toEqual(all);
        expect(await jsonListing(store)).toEqual(JSON.parse(JSON.stringify(all)));
        const filter = { status: 'pending', kind: 'implement' } as const;
        const pending = JSON.parse(JSON.stringify(await store.listTasks(filter)));
        expect(await jsonListing(store, filter)).toEqual(pending);
        // Cut into chunks of 300 (which SQLite spreads over worker threads): the same listing, every
        // chunk whole tasks, and as many chunks as 300s.
        const chunked = await h.reopen({ clock, listingChunk: 300 });
        try {
          const parts: unknown[][] = [];
          expect(await jsonListing(chunked, {}, parts)).toEqual(JSON.parse(JSON.stringify(all)));
          expect(parts.length).toBe(Math.ceil(all.length / 300));
          expect(parts.slice(0, -1).every((p) => p.length === 300)).toBe(true);
          expect(await jsonListing(chunked, filter)).toEqual(pending);
          expect(await jsonListing(chunked, { plan_id: 'nothing-here' })).toEqual([]);
        } finally {
          await chunked.close();
        }
        // Pages straight into another store: identical, table by table.
        const target = await h.makeStore({ clock });
        try {
          const counts = await target.loadPages(store.dumpPages());
          expect(counts.tasks).toBe(all.length);
          expect(await target.dump()).toEqual(await store.dump());
        } finally {
          await target.close();
        }
      });

      it('creates 2,000 tasks in one batch', async () => {
        const batch = Array.from({ length: 2000 }, (_, i) => ({
          task_name: `t${i + 1}`,
          dependencies: i > 0 ? [`$${Math.ceil(i / 2)}`] : [],
        }));
        const tasks = await store.createBatch(batch);
        expect(tasks).toHaveLength(2000);
        expect(tasks.filter((t) => t.ready)).toHaveLength(1);
        expect(await store.validate()).toEqual([]);
      });
    });
  });
}
