/** The median of the benches' samples (the upper one of an even count); NaN when there are none. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
