/** Xano plans: tables → functions → APIs → tasks → AI → workflow tests → frontend, with the job queue for long work. */
import type { Phase } from '../../domain/plan.js';
import type { CodeRole } from '../../explore/conventions.js';
import type { Analysis } from './analyze.js';
import { step } from './phase-parts.js';

export interface XanoArgs {
  a: Analysis;
  words: string[];
  newFile: (role: CodeRole, why: string, fallback?: string) => { path: string; why: string } | null;
  modify: Array<{ path: string; why: string }>;
  title: string;
}

/** Xano: tables, functions, APIs, scheduled tasks, AI, workflow tests, frontend; in that order. */
export function xanoPhases({ a, words, newFile, modify }: XanoArgs): Phase[] {
  const snake = words.join('_');
  const mods = (dir: string) => modify.filter((m) => m.path.includes(`${dir}/`));
  const long =
    a.interfaces.includes('background jobs') ||
    /\b(batch|bulk|import|export|sync|large|long[- ]running|thousands|millions)\b/i.test(
      a.entities.join(' ') + a.operations.join(' '),
    );
  const phases: Phase[] = [];
  const tableSteps = [
    step(
      `Tables for ${words.join(' ')}`,
      'Fields with types and filters; mark sensitive fields; index what is queried.',
      [newFile('xano-table', `table for ${words.join(' ')}`, `tables/${snake}.xs`)],
      mods('tables'),
    ),
  ];
  if (long)
    tableSteps.push(
      step(
        'A job table for long-running work',
        'Fields: id, type, status (pending/processing/completed/failed), payload (json), cursor, batch_size, retry_count, max_retries, error, locked_at, created_at, updated_at.',
        [newFile('xano-table', 'queue of long-running jobs', 'tables/job_queue.xs')],
        [],
      ),
    );
  phases.push({
    id: 'p1',
    title: 'Database: tables',
    goal: 'Tables come first: everything else depends on them.',
    kind: 'implement',
    agent: 'xano-tables',
    steps: tableSteps,
    automated_checks: [],
    manual_checks: [
      'Push the workspace and check the tables in Xano',
      'Sensitive fields are marked sensitive',
    ],
    estimate_minutes: 30,
  });
  phases.push({
    id: 'p2',
    title: 'Functions: reusable logic',
    goal: 'Business rules in functions the APIs and tasks share.',
    kind: 'implement',
    agent: 'xano-functions',
    steps: [
      step(
        `Function for ${words.join(' ')}`,
        'Validate inputs with filters; keep it idempotent when a task may call it twice.',
        [newFile('xano-function', `logic for ${words.join(' ')}`, `functions/${snake}.xs`)],
        mods('functions'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Run the function with sample input in Xano and check the response'],
    estimate_minutes: 30,
  });
  phases.push({
    id: 'p3',
    title: 'APIs: endpoints',
    goal: 'Endpoints that validate input, check auth, and call the functions.',
    kind: 'implement',
    agent: 'xano-apis',
    steps: [
      step(
        `Endpoints for ${words.join(' ')}`,
        'Authenticated where data is private; precondition checks with clear errors.',
        [newFile('xano-api', `endpoint for ${words.join(' ')}`, `apis/${snake}/${snake}.xs`)],
        mods('apis'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Call each endpoint with a good, a bad and an unauthenticated request'],
    estimate_minutes: 30,
  });
  if (long || a.interfaces.includes('background jobs')) {
    phases.push({
      id: 'p4',
      title: 'Tasks: scheduled processing',
      goal: 'A scheduled task that works through the job table in batches.',
      kind: 'implement',
      agent: 'xano-tasks',
      steps: [
        step(
          'Job processor',
          'Claim jobs where locked_at is empty or older than the lock timeout; process a batch; save the cursor; on error count a retry and fail after max_retries; clear locked_at.',
          [newFile('xano-task', 'processes the job queue', `tasks/process_${snake}_jobs.xs`)],
          mods('tasks'),
        ),
      ],
      automated_checks: [],
      manual_checks: [
        'Kill a run half-way: the next run resumes from the cursor',
        'A job that keeps failing ends as failed with its error kept',
      ],
      estimate_minutes: 45,
    });
  }
  if (a.interfaces.includes('AI features'))
    phases.push({
      id: `p${phases.length + 1}`,
      title: 'AI features',
      goal: 'Agents or tools with validated, bounded output.',
      kind: 'implement',
      agent: 'xano-ai',
      steps: [step('AI capability', 'Structured output, timeouts, a non-AI fallback.', [], [])],
      automated_checks: [],
      manual_checks: ['Bad model output is rejected, not stored'],
      estimate_minutes: 45,
    });
  phases.push({
    id: `p${phases.length + 1}`,
    title: 'Workflow tests',
    goal: 'Critical paths covered end to end.',
    kind: 'test',
    agent: 'xano-tests',
    steps: [
      step(
        `Workflow test for ${words.join(' ')}`,
        'Happy path, invalid input, permission denied.',
        [newFile('xano-test', `workflow test for ${words.join(' ')}`, `workflow_tests/${snake}_flow.xs`)],
        mods('workflow_tests'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Run the workflow tests in Xano: all pass'],
    estimate_minutes: 30,
  });
  if (a.interfaces.includes('UI'))
    phases.push({
      id: `p${phases.length + 1}`,
      title: 'Frontend integration',
      goal: 'The client calls the new endpoints with the auth token.',
      kind: 'implement',
      agent: 'xano-frontend',
      steps: [step('Client integration', 'Auth flow, loading and error states.', [], [])],
      automated_checks: [],
      manual_checks: ['Use the feature from the frontend end to end'],
      estimate_minutes: 30,
    });
  return phases;
}
