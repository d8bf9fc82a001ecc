const decoder = new TextDecoder('utf-8', { fatal: false });
const strict = new TextDecoder('utf-8', { fatal: true });

/** A NUL byte in the first 8 KB, as git decides. */
export function looksBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, 8192).includes(0);
}

/** Bytes as text: null when they are binary; non-UTF-8 bytes become U+FFFD and `lossy` says so. */
export function decodeText(bytes: Uint8Array): { text: string; lossy: boolean } | null {
  if (looksBinary(bytes)) return null;
  try {
    return { text: strict.decode(bytes), lossy: false };
  } catch {
    return { text: decoder.decode(bytes), lossy: true };
  }
}
