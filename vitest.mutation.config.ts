/**
 * The unit tests that guard the engine's arithmetic and value reading, for mutation testing
 * (`npm run mutation`, stryker.config.mjs): fast, in-process, no PDF, no CLI, no workers.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/numbers/**/*.test.ts',
      'core/reconcile/**/*.test.ts',
      'core/import/values.test.ts',
      'core/import/province-input.test.ts',
      'core/import/precision.test.ts',
      'core/xlsx/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
