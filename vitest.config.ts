import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Bounds for a hung test, not measures of speed: on a loaded 2-core machine an end-to-end test that
    // builds plans, starts servers and drives Chromium takes several times its quiet-machine time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
