/**
 * The bounded fuzzer of `npm test`: 2,000 seeded mutations of generated returns — raw bytes,
 * zip structure, XML parts, number and text cells — consolidated 100 at a time by the real
 * `tonghop` command (test/fuzz/run.ts). Every run must end by itself with status 0 or 1, every
 * file must get an outcome with a message, nothing may be poisoned, and memory stays bounded.
 * The longer run is `npm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../fuzz/run.js';

describe('fuzzing the import with 2,000 mutated returns', () => {
  it('never exits 2, never hangs, gives every file an outcome, stays under 500 MB', { timeout: 600_000 }, async () => {
    const r = await runFuzz({ seed: 20261201, count: 2000, batch: 100, parallel: 2, peakRssLimitMb: 500 });
    expect(r.failures).toEqual([]);
    expect(r.files).toBe(2000);
    expect(r.runs).toBe(20);
    expect(r.peakRssMb).toBeGreaterThan(20);
    // The mutations reach every level, and the files come out both read and refused.
    for (const family of ['raw-', 'zip-', 'xml-', 'cells-']) {
      const made = Object.entries(r.kinds).filter(([k]) => k.startsWith(family));
      expect(
        made.reduce((s, [, n]) => s + n, 0),
        family,
      ).toBeGreaterThan(150);
    }
    expect(r.outcomes.imported).toBeGreaterThan(500);
    expect(r.outcomes.rejected).toBeGreaterThan(500);
    // …and the odd cells reach the checks meant for them, then reconciliation.
    for (const check of [
      'IMPORT_DUPLICATE_CODE',
      'IMPORT_UNRELIABLE_NUMBER',
      'IMPORT_NOT_A_NUMBER',
      'IMPORT_NOT_WHOLE',
    ]) {
      expect(r.checks[check] ?? 0, check).toBeGreaterThan(10);
    }
    expect(Object.keys(r.checks).filter((c) => /^R\d+$/.test(c)).length).toBeGreaterThan(5);
  });
});
