/** Dates as Vietnamese documents write them (no dependencies: the import worker uses it). */

/** ISO date → "dd/mm/yyyy". */
export function formatDateVN(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
