/**
 * Waits until `holds()` is true, looking every 20 ms. The bound is a guard against a hang, not a measure of
 * speed: on a loaded 2-core machine a notification or a child process can take seconds, so a test that gave
 * up after 2 s failed for the machine, not for the code. On the bound it throws, naming what never happened.
 */
export async function until(
  holds: () => boolean | Promise<boolean>,
  what: string,
  boundMs = 60_000,
): Promise<void> {
  const end = Date.now() + boundMs;
  while (!(await holds())) {
    if (Date.now() > end) throw new Error(`gave up after ${boundMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
