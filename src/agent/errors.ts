import { APICallError, RetryError } from 'ai';
import { ConfigError, PlansmithError } from '../domain/errors.js';

/** Turns provider failures into one clear line; anything else passes through. */
export function explainModelError(e: unknown, model: string): unknown {
  if (e instanceof PlansmithError) return e;
  const cause = RetryError.isInstance(e) ? e.lastError : e;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    if (status === 401 || status === 403)
      return new ConfigError(
        `${model} refused the request (HTTP ${status}): check the API key and that it may use this model`,
      );
    if (status === 404) return new ConfigError(`${model}: the provider does not know this model (HTTP 404)`);
    if (status === 429)
      return new ConfigError(
        `${model}: rate limited (HTTP 429) after retrying with backoff; try again later or lower the step limit`,
      );
    if (status && status >= 500)
      return new ConfigError(
        `${model}: the provider failed (HTTP ${status}) after retrying; try again later`,
      );
    return new ConfigError(
      `${model}: request failed${status ? ` (HTTP ${status})` : ''}: ${cause.message.split('\n')[0]}`,
    );
  }
  const err = cause as { name?: string; message?: string };
  if (isTimeout(cause)) {
    return new ConfigError(
      `${model}: no answer within the time limit; raise --timeout or check the endpoint`,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|fetch failed/i.test(err?.message ?? ''))
    return new ConfigError(`${model}: cannot reach the endpoint (${err?.message?.split('\n')[0]})`);
  return e;
}

/** True for the loop's time limit (an aborted or timed-out request). */
export function isTimeout(e: unknown): boolean {
  const cause = RetryError.isInstance(e) ? e.lastError : e;
  const err = cause as { name?: string; message?: string };
  return (
    err?.name === 'AbortError' ||
    err?.name === 'TimeoutError' ||
    /aborted|timed? ?out/i.test(err?.message ?? '')
  );
}
