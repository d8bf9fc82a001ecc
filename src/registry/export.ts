import { stringify } from 'yaml';

/**
 * plansmith's own planner agent and commands, in the formats Claude Code and VS Code / Copilot read.
 * The instructions are plansmith's own; every file loads back through the loaders unchanged in meaning.
 */
export interface ExportedFile {
  path: string;
  content: string;
  /** JSON files plansmith merges its entry into instead of replacing. */
  merge?: 'mcp-claude' | 'mcp-vscode';
}

/** The tools of `plansmith mcp`'s default profile that planning uses (the server init registers; a test checks each is served). */
export const PLANNING_TOOLS = [
  'explore_codebase',
  'draft_plan',
  'save_plan',
  'search_skills',
  'create_tasks_batch',
  'create_task',
  'create_subtask',
] as const;

const CLAUDE_TOOLS = ['Read', 'Grep', 'Glob', ...PLANNING_TOOLS.map((t) => `mcp__plansmith__${t}`)];

const PLANNER_BODY = `You plan software changes before anyone writes code. You never edit source files.

1. Explore first: call \`explore_codebase\` with the requirement, then read the files it ranks highest and
   the docs it says to read first. Note the stack, the conventions and the commands the project has.
2. Ask about anything ambiguous: scope, data to keep, who may do what, limits. Record unanswered
   questions in the plan as open questions.
3. Call \`draft_plan\` for a grounded scaffold: it returns the whole plan model, with files that exist,
   the functions to change at their lines, and the project's own commands.
4. Improve the draft with what you read: the right files and functions, the real approach (and the one
   you rejected), the steps in the order they must happen. Keep its fields; change their content.
5. Save with \`save_plan\`: \`{"plan": <the model>}\`, or your own plan as \`{"markdown": "..."}\` with a
   title, a summary, phases ("## Phase 1: …") listing "Create \`path\` — why" and "Modify \`path\` — why",
   success criteria (a bash block of commands, then manual checks), risks, rollback and open questions.
   It is checked before anything is written; if it is refused, fix exactly the fields it names and save
   again. Fix the lint findings it returns. \`save_plan\` creates the plan's tasks itself: do not create
   them again.
6. Only when there is no plan to save, hand-build a task graph: find skills with \`search_skills\` and
   create it with \`create_tasks_batch\` (build → critique → test → critique), or a parent with
   \`create_task\` and its sub-tasks with \`create_subtask\`.
7. Finish with the plan's path, its open questions, and the handoffs: which agent does which phase.`;

function frontmatter(fields: Record<string, unknown>, body: string): string {
  return `---\n${stringify(fields, { lineWidth: 0 }).trimEnd()}\n---\n\n${body.trim()}\n`;
}

/** How an MCP client starts plansmith's server on this machine (see `app/install.ts`). */
export interface McpLaunch {
  command: string;
  args: string[];
}

const NPX: McpLaunch = { command: 'npx', args: ['plansmith', 'mcp'] };

export function claudeFiles(launch: McpLaunch = NPX): ExportedFile[] {
  return [
    {
      path: '.claude/agents/planner.md',
      content: frontmatter(
        {
          name: 'planner',
          description:
            'Plans a change before coding: explores the codebase, weighs approaches, writes a grounded plan and a task graph with plansmith. Use before any non-trivial change.',
          tools: CLAUDE_TOOLS.join(', '),
        },
        PLANNER_BODY,
      ),
    },
    {
      path: '.claude/commands/plan.md',
      content: frontmatter(
        {
          description: 'Plan a change with plansmith before writing code',
          'argument-hint': '<what to build or fix>',
          'allowed-tools': CLAUDE_TOOLS.join(', '),
        },
        'Plan this change before writing any code: $ARGUMENTS\n\nExplore with `explore_codebase` and read the files it ranks, draft with `draft_plan`, improve the draft with what you read, save with `save_plan` (the model, or your plan as markdown) and fix what it refuses or lints. Report the plan file, its open questions and the next agent to hand off to.',
      ),
    },
    {
      // Claude Code names a command by its file name (a sub-folder is not part of it): /plan-two.
      path: '.claude/commands/plan-two.md',
      content: frontmatter(
        {
          description: 'Plan two different approaches and recommend one',
          'argument-hint': '<what to build>',
          'allowed-tools': CLAUDE_TOOLS.join(', '),
        },
        'Plan two genuinely different approaches to: $ARGUMENTS\n\nFor each: how it works, the files it touches, effort and risks. Compare them in a table, recommend one with the reason, then save the recommended plan with `save_plan`.',
      ),
    },
    {
      path: '.claude/commands/plan-ci.md',
      content: frontmatter(
        {
          description: 'Plan the fix of a failing CI run',
          'argument-hint': '<log file or pasted log>',
          'allowed-tools': CLAUDE_TOOLS.join(', '),
        },
        'A CI run failed: $ARGUMENTS\n\nFind the failing step and the first real error, classify it (build, test, lint, environment), list root-cause candidates with the files they point to, give a quick fix and a proper fix, the commands that reproduce and verify it locally, and how to prevent it. Save the plan with `save_plan`.',
      ),
    },
    {
      path: '.mcp.json',
      content: `${JSON.stringify({ mcpServers: { plansmith: { command: launch.command, args: launch.args } } }, null, 2)}\n`,
      merge: 'mcp-claude',
    },
  ];
}

export function copilotFiles(launch: McpLaunch = NPX): ExportedFile[] {
  return [
    {
      path: '.github/agents/planner.agent.md',
      content: frontmatter(
        {
          name: 'planner',
          description:
            'Plans a change before coding with plansmith: explores, weighs approaches, writes a grounded plan and a task graph',
          tools: ['search', 'read', 'plansmith/*'],
          handoffs: [
            {
              label: 'Implement the plan',
              agent: 'agent',
              prompt:
                'Implement the plan above, one phase at a time. Run each phase\u2019s checks before the next.',
              send: false,
            },
            {
              label: 'Review the result',
              agent: 'agent',
              prompt:
                'Review the changes against the plan above: its phases, definition of done and security notes. Say what is missing.',
              send: false,
            },
          ],
        },
        PLANNER_BODY,
      ),
    },
    {
      path: '.github/prompts/plan.prompt.md',
      content: frontmatter(
        {
          description: 'Plan a change with plansmith before writing code',
          agent: 'planner',
          tools: ['search', 'read', 'plansmith/*'],
        },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's prompt-file variable syntax, written literally
        'Plan this change before writing any code: ${input:requirement:What should be built or fixed?}\n\nUse plansmith\u2019s tools: explore_codebase, then read the files it ranks; draft_plan; improve the draft; save_plan (the model or markdown), fixing what it refuses.',
      ),
    },
    {
      path: '.vscode/mcp.json',
      content: `${JSON.stringify({ servers: { plansmith: { type: 'stdio', command: launch.command, args: launch.args } } }, null, 2)}\n`,
      merge: 'mcp-vscode',
    },
  ];
}
