import { InputError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { PLAN_STYLES, type PlanStyle } from '../domain/plan.js';
import { FileAccessError, type ProjectFiles, type TextFile } from '../files/project-files.js';
import { secretInText } from '../files/secrets.js';
import type { PlanRequest } from '../planning/planner.js';

/** What a plan request with nothing to plan is told (the CLI says it before anything else). */
export const EMPTY_REQUIREMENT = 'the requirement is empty: give it as text, a file, or on stdin';

/** Refuses text that carries a secret (a pasted key or token): it would end up in a plan and a store row. */
export function refuseSecrets(text: string, where: string): void {
  const what = secretInText(text);
  if (what) throw new InputError(`${where} holds what looks like ${what}; remove it and plan again`);
}

/** A requirement file or CI log, through the file layer: inside the root, no secret, text. */
export function readInput(files: ProjectFiles, file: string, what: string): TextFile {
  try {
    return files.readText(file, { maxBytes: LIMITS.messageBytes, what });
  } catch (e) {
    if (e instanceof FileAccessError) throw new InputError(e.message);
    throw e;
  }
}

export interface PlanInputs {
  /** The requirement as text (joined with files and stdin when several are given). */
  text?: string;
  /** Ticket or note files, read whole, in order. */
  files?: string[];
  stdin?: string;
  ciLog?: string;
  title?: string;
  style?: PlanStyle;
  approaches?: 1 | 2;
  answers?: Record<string, string>;
  /** Asks the clarifying questions and returns the answers; absent when not interactive. */
  ask?: (questions: Array<{ question: string; why: string }>) => Promise<Record<string, string>>;
  /** Asks a yes/no question (a style that does not fit the codebase); absent when not interactive. */
  confirm?: (message: string) => Promise<boolean>;
  /** Plan in the style asked for even when it does not fit the codebase. */
  force?: boolean;
  /** Exploration progress, for a terminal. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Re-plan in place: the newest plan of the same requirement gets a new revision. */
  replace?: boolean;
}

/** The request from what was given (text, files, stdin, a CI log), each source named; secrets refused. */
export function requestOf(
  files: ProjectFiles,
  inputs: PlanInputs,
): { request: PlanRequest; queryText: string } {
  const parts: string[] = [];
  const sources: PlanRequest['sources'] = [];
  if (inputs.text?.trim()) {
    parts.push(inputs.text.trim());
    sources.push({ kind: 'text', name: 'command line' });
  }
  for (const f of inputs.files ?? []) {
    const t = readInput(files, f, 'requirement file').text.trim();
    if (!t) throw new InputError(`${f}: the file is empty`);
    parts.push(t);
    sources.push({ kind: 'file', name: f });
  }
  if (inputs.stdin?.trim()) {
    parts.push(inputs.stdin.trim());
    sources.push({ kind: 'stdin', name: 'stdin' });
  }
  let ciLog: PlanRequest['ciLog'];
  if (inputs.ciLog) {
    ciLog = { name: inputs.ciLog, text: readInput(files, inputs.ciLog, 'CI log').text };
    sources.push({ kind: 'ci-log', name: inputs.ciLog });
    if (parts.length === 0) parts.push(`Fix the CI failure in ${inputs.ciLog}`);
  }
  const requirement = parts.join('\n\n');
  refuseSecrets(requirement, 'the requirement');
  if (!requirement.trim()) throw new InputError(EMPTY_REQUIREMENT);
  if (inputs.style && !PLAN_STYLES.includes(inputs.style))
    throw new InputError(`unknown plan style "${inputs.style}"; use ${PLAN_STYLES.join(', ')}`);
  const title = inputs.title?.trim() || undefined;
  return {
    request: {
      requirement,
      title,
      style: inputs.style,
      sources,
      ciLog,
      approaches: inputs.approaches,
      answers: inputs.answers,
    },
    queryText: ciLog ? `${requirement}\n${ciLog.text.slice(-20000)}` : requirement,
  };
}
