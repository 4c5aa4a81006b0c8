/** Registers of any size for benchmarks, shaped like the default one. */
import type { Tier } from '../form/index.js';
import type { Unit } from '../units/index.js';

/**
 * A register of `n` units with the tier proportions of the default register
 * (21 departments, 7 districts, 12 communes in 40): codes S0001…, H0001…, X0001…
 * (wider when a tier has 10,000 units or more); communes belong to the districts in turn.
 */
export function syntheticRegister(n: number): Unit[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a register needs a whole number of units ≥ 1, got ${n}`);
  const so = Math.max(1, Math.round((n * 21) / 40));
  const huyen = Math.min(n - so, Math.round((n * 7) / 40));
  const xa = n - so - huyen;
  const width = Math.max(4, String(Math.max(so, huyen, xa)).length);
  const code = (prefix: string, i: number): string => `${prefix}${String(i).padStart(width, '0')}`;
  const make = (count: number, prefix: string, tier: Tier, name: string): Unit[] =>
    Array.from({ length: count }, (_, k) => ({ code: code(prefix, k + 1), name: `${name} ${k + 1}`, tier }));
  const communes = make(xa, 'X', 'xa', 'UBND xã số').map((u, k) =>
    huyen > 0 ? { ...u, parent: code('H', (k % huyen) + 1) } : u,
  );
  return [...make(so, 'S', 'so', 'Sở số'), ...make(huyen, 'H', 'huyen', 'UBND huyện số'), ...communes];
}
