/** A small seeded random source and integer apportionment, for reproducible sample data. */

/** A deterministic pseudo-random source (mulberry32): the same seed gives the same sequence. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  real(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return Math.floor(this.real(min, max + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/**
 * Split a whole `total` into whole shares proportional to `weights`, each share at least
 * `mins[i]` and at most `caps[i]`, summing exactly to `total` (largest-remainder rounding).
 * Throws when the minimums exceed the total or the caps cannot hold it.
 */
export function apportion(
  total: number,
  weights: readonly number[],
  opts: { mins?: readonly number[]; caps?: readonly number[] } = {},
): number[] {
  const n = weights.length;
  const out = weights.map((_, i) => opts.mins?.[i] ?? 0);
  const cap = (i: number): number => opts.caps?.[i] ?? Infinity;
  let remaining = total - out.reduce((a, b) => a + b, 0);
  if (remaining < 0 || !Number.isInteger(remaining)) throw new Error(`cannot apportion ${total}: minimums exceed it`);
  while (remaining > 0) {
    const open = [...Array(n).keys()].filter((i) => (out[i] as number) < cap(i) && (weights[i] as number) > 0);
    if (open.length === 0) throw new Error(`cannot apportion ${total}: caps too small`);
    const wsum = open.reduce((a, i) => a + (weights[i] as number), 0);
    const shares = open.map((i) => (remaining * (weights[i] as number)) / wsum);
    const floors = shares.map(Math.floor);
    let extra = remaining - floors.reduce((a, b) => a + b, 0);
    const byFraction = open
      .map((_, k) => k)
      .sort((a, b) => (shares[b] as number) - (floors[b] as number) - ((shares[a] as number) - (floors[a] as number)));
    for (const k of byFraction) {
      if (extra === 0) break;
      floors[k] = (floors[k] as number) + 1;
      extra--;
    }
    let given = 0;
    open.forEach((i, k) => {
      const add = Math.min(floors[k] as number, cap(i) - (out[i] as number));
      out[i] = (out[i] as number) + add;
      given += add;
    });
    remaining -= given;
  }
  return out;
}

/** Round to two decimals, as a unit states a percentage. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
