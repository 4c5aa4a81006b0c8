const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function vnParts(date: Date): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(date.getTime() + VN_OFFSET_MS);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return {
    y: p(t.getUTCFullYear(), 4),
    mo: p(t.getUTCMonth() + 1),
    d: p(t.getUTCDate()),
    h: p(t.getUTCHours()),
    mi: p(t.getUTCMinutes()),
    s: p(t.getUTCSeconds()),
  };
}

/** An instant in Vietnam time as ISO 8601: "2025-10-05T14:30:00+07:00" (for the visible stamp). */
export function formatSigningTimeIso(date: Date): string {
  const { y, mo, d, h, mi, s } = vnParts(date);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`;
}

/** An instant as a PDF date string in Vietnam time: "D:20251005143000+07'00'". */
export function formatPdfDate(date: Date): string {
  const { y, mo, d, h, mi, s } = vnParts(date);
  return `D:${y}${mo}${d}${h}${mi}${s}+07'00'`;
}

/** Parse a PDF date string ("D:YYYYMMDDHHmmSSOHH'mm'", later parts optional); undefined when malformed. */
export function parsePdfDate(text: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = !sign || sign === 'Z' || sign === 'z' ? 'Z' : `${sign}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
