import { ValidationError } from './errors.js';
import { LIMITS } from './limits.js';

/**
 * Characters that can take over a terminal or reorder what a person reads: C0 controls but the tab and the
 * line feed, DEL, the C1 range, and the bidi embeddings, overrides, isolates and marks (and the line and
 * paragraph separators, which some terminals and editors treat as line breaks).
 */
const BIDI = '\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
export const TERMINAL_UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');

/** Names (task names, owners, skill ids…) hold none of those, nor a tab or a line break. */
export const NAME_UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`);

/** The first character a name must not hold, as `U+XXXX`, or null. */
export function unsafeNameChar(text: string): string | null {
  const m = NAME_UNSAFE.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * Why a one-line name (a task name, an owner, a skill id) is refused, or null: too long, or holding a
 * control or bidi character. `field` names it in the message.
 */
export function nameProblem(value: string, max: number): string | null {
  if (value.length > max) return `is ${value.length} characters, over the limit of ${max}`;
  const bad = unsafeNameChar(value);
  return bad ? `holds the control character ${bad} (names take no control or bidi characters)` : null;
}

/**
 * Checks the references every id-taking command and lease-holding call receives before they reach a
 * query: a task id of at most `LIMITS.idChars` (a 50,000-character id made SQLite's LIKE give up with a
 * stack trace), an owner that is a safe name. Throws a {@link ValidationError} naming the field.
 */
export function checkReference(field: 'id' | 'owner', value: string | undefined): void {
  if (value === undefined) return;
  const problem =
    field === 'id'
      ? value.length > LIMITS.idChars
        ? `is ${value.length} characters, over the limit of ${LIMITS.idChars} (task ids are 26)`
        : null
      : nameProblem(value, LIMITS.ownerChars);
  if (problem) throw new ValidationError([{ field, message: problem }]);
}
