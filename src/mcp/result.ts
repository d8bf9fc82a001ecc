import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PlansmithError } from '../domain/errors.js';

/** A tool's answer: compact JSON the model can read (no indentation: tokens are the budget). */
export function ok(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

/**
 * Runs a tool body. A plansmith error (bad input, a task not ready, a lease held by someone else) is
 * returned to the model as `isError` with the message and the issues by task and field, so it can
 * repair its call; anything else is a bug and propagates.
 */
export async function run(fn: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return ok(await fn());
  } catch (e) {
    if (e instanceof PlansmithError) {
      return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: e.toJSON() }) }] };
    }
    throw e;
  }
}

/** Keeps only the named fields of each item. */
export function pick<T extends object>(items: T[], fields: readonly string[] | undefined): Array<Partial<T>> {
  if (!fields?.length) return items;
  return items.map(
    (item) =>
      Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f as keyof T]])) as Partial<T>,
  );
}
