import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { PLAN_STYLES } from '../domain/plan.js';
import { safeGitArgs } from '../files/git-args.js';
import { projectFiles } from '../files/project-files.js';

/** `.plansmith/config.json`: what `plansmith init` writes; every field optional. */
export const projectConfigSchema = z
  .object({
    /** owner/repo for skill full_ids when the git remote does not say. */
    repo: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'owner/repo')
      .optional(),
    formats: z
      .array(
        z.enum([
          'claude-agent',
          'claude-command',
          'skill',
          'vscode-agent',
          'vscode-chatmode',
          'vscode-prompt',
        ]),
      )
      .optional(),
    skill_dirs: z.array(z.string()).optional(),
    plan_style: z.enum(PLAN_STYLES).optional(),
    model: z.string().optional(),
    /** LLM engine: `required` (default) makes every step call a tool; `auto` lets the model answer in text. */
    tool_choice: z.enum(['required', 'auto']).optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_output_tokens: z.number().int().min(1).optional(),
    /** The task store (a SQLite file relative to the root, or a postgres:// URL) when --db and the environment do not say. */
    store: z.string().optional(),
    /** How init's MCP entries start plansmith: "npx plansmith mcp", "plansmith mcp", or node + script. */
    mcp_command: z.array(z.string()).optional(),
  })
  .strict();
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export const CONFIG_PATH = '.plansmith/config.json';

export function readProjectConfig(root: string): ProjectConfig {
  let text: string | undefined;
  try {
    text = projectFiles(root).readTextIfExists(CONFIG_PATH)?.text;
  } catch (e) {
    throw new InputError(`${CONFIG_PATH}: ${(e as Error).message}`);
  }
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${CONFIG_PATH}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = projectConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new InputError(
      `${CONFIG_PATH}: field ${i.path.join('.') || '(root)'}: ${i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message}`,
    );
  }
  return parsed.data;
}

/** owner/repo of the project: the project config, else the `origin` remote, else `local/<folder>`. */
export function projectRepo(root: string, config: ProjectConfig = {}): string {
  if (config.repo) return config.repo;
  try {
    const url = execFileSync('git', [...safeGitArgs(root), 'remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // Hosted remotes only (git@host:owner/repo, https://host/owner/repo); a local path is not an owner.
    const m = /^(?:[\w.-]+@[\w.-]+:|(?:https?|ssh|git):\/\/[^/]+\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      url,
    );
    if (m) return `${m[1]}/${m[2]}`;
  } catch {}
  return `local/${basename(root)}`;
}
