/** The unit tests of the number parser and formatter and of the percent judgement (`stryker.fast.config.mjs`). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/numbers/**/*.test.ts', 'core/reconcile/percent*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
