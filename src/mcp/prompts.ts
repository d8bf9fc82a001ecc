import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/**
 * The built-in planners as MCP prompts. Each is a short brief, in plansmith's own words, that tells the
 * calling agent how to plan with plansmith's tools; the agent does the thinking in its own context.
 */
const BRIEFS: Record<string, { title: string; body: (req: string) => string }> = {
  plan: {
    title: 'Plan a feature',
    body: (r) =>
      `Plan this change before writing any code: ${r}\n\n1. Explore the codebase (explore_codebase if available, else read the files that matter) and note the stack, conventions and the files involved.\n2. Work out the approach step by step with the planner tool; ask about anything ambiguous.\n3. Write the plan: approach, numbered steps naming the files to create and modify, tests, security, performance, rollback, open questions.\n4. Turn it into tasks with search_skills and create_tasks_batch (build, critique, test, critique), then report the task ids.`,
  },
  plan_two: {
    title: 'Compare two approaches',
    body: (r) =>
      `Plan two genuinely different approaches to: ${r}\n\nFor each: how it works, files touched, effort, risks. Then compare them in a table and recommend one with the reason. Only then create tasks for the recommended one with create_tasks_batch.`,
  },
  plan_ci: {
    title: 'Plan the fix of a CI failure',
    body: (r) =>
      `A CI run failed. Log or link: ${r}\n\nFind the failing step and the first real error; classify it (build, test, lint, environment); list root-cause candidates with the files they point to; propose a quick fix and a proper fix; give the commands that reproduce and verify it locally; say how to prevent it. Then create the fix tasks with create_tasks_batch.`,
  },
  plan_prd: {
    title: 'Write a requirement workspace',
    body: (r) =>
      `Write a requirement workspace for: ${r}\n\nProduce a PRD (problem, goals, users, scope, acceptance criteria, risks, research questions), a phased task checklist, and a recovery guide that lets any agent resume (status, done/total, next steps, files touched). Mirror the checklist as tasks with create_tasks_batch so progress is tracked.`,
  },
  plan_tasks: {
    title: 'Build an executable task graph',
    body: (r) =>
      `Turn this into an executable task graph: ${r}\n\nExplore the codebase first. Find a development, a critique and a testing skill with search_skills (by category and tag) and use their full_id. Create build → critique → test → critique with create_tasks_batch using $N dependencies; give each critique inputs.preceding_task and the criteria of the task it reviews. For work with natural phases, create a parent with create_task and sequential sub-tasks with create_subtask. Confirm the ids returned.`,
  },
  plan_xano: {
    title: 'Plan Xano work',
    body: (r) =>
      `Plan this work in a Xano workspace: ${r}\n\nRead apis/, functions/, tables/, tasks/ and workflow_tests/ first. Order the work: tables, then functions, APIs, scheduled tasks, AI features, workflow tests, frontend. For long-running work use a job table with status, cursor, retries and a lock timestamp, processed by a scheduled task. End with a handoff per component, naming the agent and what it should do.`,
  },
};

export const PROMPT_NAMES = Object.keys(BRIEFS);

export function registerPrompts(server: McpServer): void {
  for (const [name, brief] of Object.entries(BRIEFS)) {
    server.registerPrompt(
      name,
      {
        title: brief.title,
        description: brief.title,
        argsSchema: { requirement: z.string().describe('what to plan') },
      },
      ({ requirement }) => ({
        messages: [{ role: 'user', content: { type: 'text', text: brief.body(requirement) } }],
      }),
    );
  }
}
