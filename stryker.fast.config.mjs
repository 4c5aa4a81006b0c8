// @ts-check
/**
 * The fast subset of the mutation run that `npm test` includes: the Vietnamese number parser
 * and formatter and the judgement of stated percentages, against their own unit tests. It
 * fails below the score in `thresholds.break` (test/mutation/README.md).
 */
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['core/numbers/parse.ts', 'core/numbers/format.ts', 'core/reconcile/percent.ts'],
  vitest: { configFile: 'vitest.mutation-fast.config.ts', related: true },
  checkers: [],
  reporters: ['html', 'clear-text'],
  htmlReporter: { fileName: 'reports/mutation-fast/index.html' },
  thresholds: { high: 95, low: 90, break: 90 },
};
