import { randomBytes } from 'node:crypto';

/**
 * ULIDs: 48 bits of milliseconds and 80 random bits in Crockford base32. Unique across machines and
 * sortable by creation time to the millisecond. The random part is fresh for every id (not the
 * "monotonic" variant), so ids made in the same millisecond differ early and a short prefix of a
 * few characters past the time part is enough to name one on the command line. Order within one
 * batch is kept by `task_order`, not by id.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! & 31];
  return time + rand;
}

export function isUlid(s: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(s);
}

/** An id generator and a clock, injectable so tests get fixed ids and a fixed time. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
export type IdGenerator = () => string;
