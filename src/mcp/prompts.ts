import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/**
 * The built-in planners as MCP prompts. Each is a short brief, in plansmith's own words, that tells the
 * calling agent how to plan with plansmith's tools; the agent does the thinking in its own context.
 */
const SAVE =
  'Save it with save_plan (your plan as markdown, or the model); save_plan creates the task graph itself, so do not call create_tasks_batch for the same plan, and report the plan id and task ids it returns.';

/** The tools each brief names: every one must be served by the default profile (checked in tests). */
export const PROMPT_TOOLS: Record<string, readonly string[]> = {
  plan: ['explore_codebase', 'draft_plan', 'save_plan', 'create_tasks_batch'],
  plan_two: ['explore_codebase', 'save_plan', 'create_tasks_batch'],
  plan_ci: ['explore_codebase', 'save_plan', 'create_tasks_batch'],
  plan_prd: ['explore_codebase', 'save_plan', 'create_tasks_batch'],
  plan_tasks: ['explore_codebase', 'search_skills', 'create_tasks_batch', 'create_task', 'create_subtask'],
  plan_xano: ['save_plan', 'create_tasks_batch'],
};

const BRIEFS: Record<string, { title: string; body: (req: string) => string }> = {
  plan: {
    title: 'Plan a feature',
    body: (r) =>
      `Plan this change before writing any code: ${r}\n\n1. Call explore_codebase with the requirement and read the files it ranks; note the stack, conventions and the files involved.\n2. Call draft_plan for a grounded scaffold, then work out the approach yourself; ask about anything ambiguous.\n3. Write the plan: approach, numbered steps naming the files to create and modify, tests, security, performance, rollback, open questions.\n4. ${SAVE}`,
  },
  plan_two: {
    title: 'Compare two approaches',
    body: (r) =>
      `Plan two genuinely different approaches to: ${r}\n\nExplore first (explore_codebase). For each approach: how it works, files touched, effort, risks. Compare them in a table and recommend one with the reason. Then write the plan for the recommended one, with the other kept as the rejected alternative. ${SAVE}`,
  },
  plan_ci: {
    title: 'Plan the fix of a CI failure',
    body: (r) =>
      `A CI run failed. Log or link: ${r}\n\nFind the failing step and the first real error; classify it (build, test, lint, environment); list root-cause candidates with the files they point to (explore_codebase helps); propose a quick fix and a proper fix; give the commands that reproduce and verify it locally; say how to prevent it. ${SAVE}`,
  },
  plan_prd: {
    title: 'Write a requirement workspace',
    body: (r) =>
      `Write a requirement workspace for: ${r}\n\nProduce a PRD (problem, goals, users, scope, acceptance criteria, risks, research questions), a phased task checklist, and a recovery guide that lets any agent resume (status, done/total, next steps, files touched). ${SAVE}`,
  },
  plan_tasks: {
    title: 'Build an executable task graph',
    body: (r) =>
      `Turn this into an executable task graph: ${r}\n\nExplore the codebase first (explore_codebase). Find a development, a critique and a testing skill with search_skills (by category and tag) and use their full_id. Create build → critique → test → critique in one create_tasks_batch using $N dependencies, with your architecture summary as \`architecture\` (it becomes the plan of these tasks); give each critique inputs.preceding_task and the criteria of the task it reviews; fix a skill_id a warning names. For work with natural phases, create a parent with create_task and add sequential sub-tasks with create_subtask as you discover them (or give them inline as subtasks in the batch), then a review task that depends on the parent. Create the graph once, and confirm the ids returned.`,
  },
  plan_xano: {
    title: 'Plan Xano work',
    body: (r) =>
      `Plan this work in a Xano workspace: ${r}\n\nRead apis/, functions/, tables/, tasks/ and workflow_tests/ first. Order the work: tables, then functions, APIs, scheduled tasks, AI features, workflow tests, frontend. For long-running work use a job table with status, cursor, retries and a lock timestamp, processed by a scheduled task. End with a handoff per component, naming the agent and what it should do. ${SAVE}`,
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
