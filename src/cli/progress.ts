/**
 * Progress of long work on stderr, at a terminal only: one line rewritten in place (at most ten times a
 * second), cleared when the work is done. Silent when stderr is a pipe or a file.
 */
export function terminalProgress(enabled = true): {
  onProgress?: (phase: string, done: number, total: number) => void;
  done: () => void;
} {
  if (!enabled || !process.stderr.isTTY) return { done: () => {} };
  let last = 0;
  let shown = false;
  return {
    onProgress: (phase, done, total) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[K${phase} ${done}${total ? `/${total}` : ''} files…`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
