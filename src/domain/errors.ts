/**
 * Typed errors. Every error plansmith raises on purpose carries a stable `code`, the data a caller
 * needs to act on it, and a message a person can act on without reading code.
 */

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'AMBIGUOUS_ID'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'CONFIG'
  | 'NO_PLAN'
  | 'IO';

export class PlansmithError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PlansmithError';
    this.code = code;
    this.data = data;
  }

  static isInstance(e: unknown): e is PlansmithError {
    return e instanceof PlansmithError;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.data };
  }
}

/** One problem found in an input, located by task (when there is one) and field. */
export interface Issue {
  /** e.g. `$2 "QA: Validate subscription API"` or a task id. */
  task?: string;
  /** dotted path of the field, e.g. `dependencies[0]` or `validation_criteria.critical`. */
  field: string;
  message: string;
}

export function formatIssue(issue: Issue): string {
  const where = issue.task ? `task ${issue.task}, field ${issue.field}` : `field ${issue.field}`;
  return `${where}: ${issue.message}`;
}

export class ValidationError extends PlansmithError {
  readonly issues: Issue[];

  constructor(issues: Issue[], summary?: string) {
    const head =
      summary ?? (issues.length === 1 ? 'invalid input' : `${issues.length} problems in the input`);
    const body = issues.map((i) => `  - ${formatIssue(i)}`).join('\n');
    super('VALIDATION', issues.length === 1 && !summary ? formatIssue(issues[0]!) : `${head}:\n${body}`, {
      issues,
    });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

export class NotFoundError extends PlansmithError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `no ${what} with id ${id}`, { what, id });
    this.name = 'NotFoundError';
  }
}

export class AmbiguousIdError extends PlansmithError {
  constructor(prefix: string, candidates: string[]) {
    super(
      'AMBIGUOUS_ID',
      `id prefix ${prefix} matches ${candidates.length} tasks (${candidates.slice(0, 5).join(', ')}${
        candidates.length > 5 ? ', …' : ''
      }); give more characters`,
      { prefix, candidates },
    );
    this.name = 'AmbiguousIdError';
  }
}

export class ConflictError extends PlansmithError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('CONFLICT', message, data);
    this.name = 'ConflictError';
  }
}

export class InvalidTransitionError extends PlansmithError {
  constructor(taskId: string, from: string, action: string, hint?: string) {
    super('INVALID_TRANSITION', `task ${taskId} is ${from}; cannot ${action} it${hint ? ` (${hint})` : ''}`, {
      taskId,
      from,
      action,
    });
    this.name = 'InvalidTransitionError';
  }
}

export class ConfigError extends PlansmithError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('CONFIG', message, data);
    this.name = 'ConfigError';
  }
}

/** Input the user must fix: a missing file, a malformed JSON document, a bad flag value. */
export class InputError extends PlansmithError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('VALIDATION', message, data);
    this.name = 'InputError';
  }
}

/**
 * A planning run that ended without a plan: refused too often, cut off, answered in text, out of steps
 * or time, or the provider failed. `reason` says which; nothing was written. The CLI exits 3 for it.
 */
export class NoPlanError extends PlansmithError {
  constructor(
    message: string,
    readonly reason: string,
    data: Record<string, unknown> = {},
  ) {
    super('NO_PLAN', message, { reason, ...data });
    this.name = 'NoPlanError';
  }
}
