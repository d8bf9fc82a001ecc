import { looksBinary } from '../explore/languages.js';

const decoder = new TextDecoder('utf-8', { fatal: false });
const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: null when they are binary; non-UTF-8 bytes become U+FFFD and `lossy` says so. */
export function decodeText(bytes: Uint8Array): { text: string; lossy: boolean } | null {
  if (looksBinary(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) return null;
  try {
    return { text: strict.decode(bytes), lossy: false };
  } catch {
    return { text: decoder.decode(bytes), lossy: true };
  }
}
