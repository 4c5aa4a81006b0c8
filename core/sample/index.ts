/**
 * Sample returns: realistic, consistent figures for the CCHC-NQ08 form, written as filled
 * return workbooks, optionally with deliberate slips; and registers of any size for benchmarks.
 */
export { generateSampleValues, DEFAULT_SAMPLE_SEED, REFERENCE_TOTALS } from './values.js';
export { writeSampleReturns } from './write.js';
export type { SampleFault, SampleTextValue, WriteSampleRequest, WriteSampleResult } from './write.js';
export { syntheticRegister } from './register.js';
