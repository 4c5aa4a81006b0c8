// @ts-check
/**
 * Mutation testing of the engine's arithmetic and value reading (`npm run mutation`).
 * Scope, scores and the survivors judged equivalent: test/mutation/README.md.
 * `MUTATE=fast` (used by `npm test`) mutates only the number parser and formatter and the
 * percent judgement.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const full = [
  'core/numbers/format.ts',
  'core/numbers/parse.ts',
  'core/reconcile/**/*.ts',
  '!core/reconcile/**/*.test.ts',
  '!core/reconcile/testing.ts',
  'core/import/values.ts',
  'core/import/province-input.ts',
  'core/import/precision.ts',
  // core/xlsx: what a cell's value becomes — escapes, number formats, the cell grammar, addresses and dates.
  'core/xlsx/parts.ts:14-17',
  'core/xlsx/parts.ts:211-259',
  'core/xlsx/parts.ts:296-363',
  'core/xlsx/model.ts',
];
const fast = ['core/numbers/format.ts', 'core/numbers/parse.ts', 'core/reconcile/percent.ts'];

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: process.env.MUTATE === 'fast' ? fast : full,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
