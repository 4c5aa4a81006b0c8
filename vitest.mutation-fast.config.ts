/** The unit tests of the number parser and formatter and of the percent judgement (`stryker.fast.config.mjs`). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/numbers/**/*.test.ts', 'core/reconcile/percent*.test.ts'],
    // The property test over 1,500 random doubles runs in the full mutation run and in npm test's unit tests.
    exclude: ['core/numbers/format-total.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
