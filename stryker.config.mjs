// @ts-check
/**
 * Mutation testing of the engine's arithmetic and value reading: `npm run mutation`.
 * Scope, scores and the mutants judged equivalent: test/mutation/README.md.
 * `stryker.fast.config.mjs` (part of `npm test`) runs a subset.
 */
import { readFileSync } from 'node:fs';

/**
 * `file:from-to`, the lines from the first one matching `start` to the next one matching `end`
 * (found in the source, so that edits above do not shift the range).
 * @param {string} file
 * @param {RegExp} start
 * @param {RegExp} end
 */
function span(file, start, end) {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  const from = lines.findIndex((l) => start.test(l));
  const to = lines.findIndex((l, i) => i > from && end.test(l));
  if (from < 0 || to < 0) throw new Error(`stryker.config.mjs: ${start} … ${end} not found in ${file}`);
  return `${file}:${from + 1}-${to + 1}`;
}

export const SCOPE = [
  'core/numbers/format.ts',
  'core/numbers/parse.ts',
  'core/reconcile/**/*.ts',
  '!core/reconcile/**/*.test.ts',
  '!core/reconcile/testing.ts',
  // core/import: reading a value (cells and province inputs); the workbook walk is the corpus's and the fuzzer's.
  'core/import/values.ts',
  'core/import/province-input.ts',
  'core/import/precision.ts',
  // core/xlsx: what a cell's value becomes — escapes, number formats, the cell grammar, addresses, merges, dates.
  span('core/xlsx/parts.ts', /^export function decodeExcelEscapes/, /^}/),
  span('core/xlsx/parts.ts', /^const BUILTIN_DATE_IDS/, /^ {2}};$/),
  span('core/xlsx/parts.ts', /^ {2}const finishCell = /, /^ {2}};$/),
  'core/xlsx/model.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: SCOPE,
  coverageAnalysis: 'perTest',
  // The machine is shared: one test runner and one type checker.
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
