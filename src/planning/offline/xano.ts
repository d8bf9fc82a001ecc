/** Xano plans: tables → functions → APIs → tasks → AI → workflow tests → frontend, with the job queue for long work. */
import type { Phase, Step } from '../../domain/plan.js';
import type { CodeRole } from '../../explore/conventions.js';
import type { Analysis } from './analyze.js';
import { phase, step } from './phase-parts.js';

export interface XanoArgs {
  a: Analysis;
  words: string[];
  newFile: (role: CodeRole, why: string, fallback?: string) => { path: string; why: string } | null;
  modify: Array<{ path: string; why: string }>;
}

/** Xano: tables, functions, APIs, scheduled tasks, AI, workflow tests, frontend; in that order. */
export function xanoPhases({ a, words, newFile, modify }: XanoArgs): Phase[] {
  const snake = words.join('_');
  const topic = words.join(' ');
  const mods = (dir: string) => modify.filter((m) => m.path.includes(`${dir}/`));
  const long =
    a.interfaces.includes('background jobs') ||
    /\b(batch|bulk|import|export|sync|large|long[- ]running|thousands|millions)\b/i.test(
      a.entities.join(' ') + a.operations.join(' '),
    );
  const phases: Phase[] = [];
  const add = (
    agent: string,
    title: string,
    goal: string,
    steps: Step[],
    manual: string[],
    minutes = 30,
    kind: Phase['kind'] = 'implement',
  ) =>
    phases.push({
      id: `p${phases.length + 1}`,
      agent: `xano-${agent}`,
      ...phase(title, goal, kind, steps, [], minutes, manual),
    });
  const tableSteps = [
    step(
      `Tables for ${topic}`,
      'Fields with types and filters; mark sensitive fields; index what is queried.',
      [newFile('xano-table', `table for ${topic}`, `tables/${snake}.xs`)],
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
  add('tables', 'Database: tables', 'Tables come first: everything else depends on them.', tableSteps, [
    'Push the workspace and check the tables in Xano',
    'Sensitive fields are marked sensitive',
  ]);
  add(
    'functions',
    'Functions: reusable logic',
    'Business rules in functions the APIs and tasks share.',
    [
      step(
        `Function for ${topic}`,
        'Validate inputs with filters; keep it idempotent when a task may call it twice.',
        [newFile('xano-function', `logic for ${topic}`, `functions/${snake}.xs`)],
        mods('functions'),
      ),
    ],
    ['Run the function with sample input in Xano and check the response'],
  );
  add(
    'apis',
    'APIs: endpoints',
    'Endpoints that validate input, check auth, and call the functions.',
    [
      step(
        `Endpoints for ${topic}`,
        'Authenticated where data is private; precondition checks with clear errors.',
        [newFile('xano-api', `endpoint for ${topic}`, `apis/${snake}/${snake}.xs`)],
        mods('apis'),
      ),
    ],
    ['Call each endpoint with a good, a bad and an unauthenticated request'],
  );
  if (long)
    add(
      'tasks',
      'Tasks: scheduled processing',
      'A scheduled task that works through the job table in batches.',
      [
        step(
          'Job processor',
          'Claim jobs where locked_at is empty or older than the lock timeout; process a batch; save the cursor; on error count a retry and fail after max_retries; clear locked_at.',
          [newFile('xano-task', 'processes the job queue', `tasks/process_${snake}_jobs.xs`)],
          mods('tasks'),
        ),
      ],
      [
        'Kill a run half-way: the next run resumes from the cursor',
        'A job that keeps failing ends as failed with its error kept',
      ],
      45,
    );
  if (a.interfaces.includes('AI features'))
    add(
      'ai',
      'AI features',
      'Agents or tools with validated, bounded output.',
      [step('AI capability', 'Structured output, timeouts, a non-AI fallback.', [], [])],
      ['Bad model output is rejected, not stored'],
      45,
    );
  add(
    'tests',
    'Workflow tests',
    'Critical paths covered end to end.',
    [
      step(
        `Workflow test for ${topic}`,
        'Happy path, invalid input, permission denied.',
        [newFile('xano-test', `workflow test for ${topic}`, `workflow_tests/${snake}_flow.xs`)],
        mods('workflow_tests'),
      ),
    ],
    ['Run the workflow tests in Xano: all pass'],
    30,
    'test',
  );
  if (a.interfaces.includes('UI'))
    add(
      'frontend',
      'Frontend integration',
      'The client calls the new endpoints with the auth token.',
      [step('Client integration', 'Auth flow, loading and error states.', [], [])],
      ['Use the feature from the frontend end to end'],
    );
  return phases;
}
