import { createHash } from 'node:crypto';
import type { Dataset } from '../model/consolidation.js';

// Keys are unique and Array#sort only asks whether a comparison is negative: the other answers decide nothing.
// Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, see above
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SHA-256 (hex) of a canonical serialisation of what the figures depend on: the period
 * code, the register (sorted by code), every unit's values (sorted by unit, then by
 * indicator code), and the department's province inputs (sorted by key). Same data → same
 * hash, whatever the order of files or keys; any figure changed → another hash.
 * Provenance and notes are left out: re-saving a file with the same figures does not
 * change the data.
 *
 * Values go in as IEEE-754 doubles (a blank as a separate presence byte), which is both
 * exact and several times faster than printing 100,000 numbers as text.
 */
export function datasetHash(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(['period', ds.period.code]));
  const units = [...ds.units].sort((a, b) => byKey(a.code, b.code));
  for (const u of units) h.update(JSON.stringify(['unit', u.code, u.name, u.tier, u.parent ?? null]));

  const unitCodes = Object.keys(ds.values).sort(byKey);
  const codeSet = new Set<string>();
  for (const u of unitCodes) for (const c in ds.values[u]) codeSet.add(c);
  const codes = [...codeSet].sort(byKey);
  h.update(JSON.stringify(['codes', codes]));
  const numbers = new Float64Array(codes.length);
  const present = new Uint8Array(codes.length);
  for (const u of unitCodes) {
    const vals = ds.values[u] ?? {};
    // Stryker disable next-line EqualityOperator: one step past the end reads no figure and writes past the typed array, which ignores it
    for (let i = 0; i < codes.length; i++) {
      const v = vals[codes[i] as string];
      numbers[i] = v ? v.value : 0;
      present[i] = v ? 1 : 0;
    }
    h.update(JSON.stringify(['values', u]));
    h.update(present);
    h.update(new Uint8Array(numbers.buffer));
  }
  const inputs = [...ds.provinceInputs].sort((a, b) => byKey(a.key, b.key));
  for (const i of inputs) h.update(JSON.stringify(['input', i.key, i.value]));
  return h.digest('hex');
}
