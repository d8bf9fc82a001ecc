/** Agents, commands and skills as people write them for Claude Code and VS Code / Copilot. */

export type DefinitionFormat =
  | 'claude-agent'
  | 'claude-command'
  | 'skill'
  | 'vscode-agent'
  | 'vscode-chatmode'
  | 'vscode-prompt';

export interface SourceRef {
  /** Relative to the project root. */
  file: string;
  line: number;
}

export interface DeclaredHandoff {
  label: string;
  agent: string;
  prompt?: string;
  send?: boolean;
  model?: string;
}

export interface Definition {
  format: DefinitionFormat;
  /** The name it is invoked by: `planner`, `plan-two` (a command's file name, sub-folders aside), `backend-critique`. */
  name: string;
  description: string;
  /** Every frontmatter field as written, unknown ones included. */
  fields: Record<string, unknown>;
  /** Tool names, normalised from a comma string or a list. */
  tools: string[];
  model?: string;
  handoffs: DeclaredHandoff[];
  body: string;
  source: SourceRef;
}

export interface Problem {
  file: string;
  line: number;
  format: DefinitionFormat;
  message: string;
}

/** How a command or prompt takes arguments. */
export interface ArgumentUse {
  all: boolean;
  positional: number[];
  /** Positional arguments counted from 1 ($1 is the first, older files) or from 0 ($0, newer ones). */
  base: 0 | 1 | null;
}

export function argumentUse(body: string): ArgumentUse {
  const positional = [...new Set([...body.matchAll(/\$(\d)\b/g)].map((m) => Number(m[1])))].sort();
  return {
    all: /\$ARGUMENTS\b/.test(body),
    positional,
    base: positional.length === 0 ? null : positional.includes(0) ? 0 : 1,
  };
}
