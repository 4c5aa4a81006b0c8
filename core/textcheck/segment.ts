/**
 * Sentences and list items of a paragraph, as offset ranges into its text (so every finding
 * can point at the exact characters it is about).
 */

export interface Range {
  start: number;
  end: number;
}

const UPPER_OR_OPEN = /[\p{Lu}\d("“'‘\-–•+]/u;

/**
 * Sentence ranges of a paragraph: a sentence ends at ".", "!", "?", "…" followed by a space
 * and a capital, a digit or an opening mark, or at the end of the paragraph. "1.668" and
 * "08-NQ/TU." never split inside a number because no space follows the dot.
 */
export function sentences(text: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < text.length && /[.)"”’/]/.test(text[j] as string)) j++;
    if (j >= text.length) break;
    if (!/\s/.test(text[j] as string)) continue;
    let k = j;
    while (k < text.length && /\s/.test(text[k] as string)) k++;
    if (k < text.length && !UPPER_OR_OPEN.test(text[k] as string)) continue;
    // "TP. Lai Châu", "Tp. Hồ Chí Minh": an abbreviation, not an end.
    if (/(^|\s)(TP|Tp|tp|TT|Th\.S|TS|ThS|PGS|GS|P|Q|X|H|St|Ks|Bs)\.$/.test(text.slice(Math.max(start, i - 5), i + 1)))
      continue;
    out.push({ start, end: j });
    start = k;
    i = k - 1;
  }
  if (start < text.length) {
    let end = text.length;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Parenthesis depth just before each character of `text` (0 outside any bracket). */
export function depths(text: string): Int16Array {
  const d = new Int16Array(text.length + 1);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    d[i] = depth;
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  d[text.length] = depth;
  return d;
}

/** The index of the bracket closing the one opened at `open`, or `limit` when it is not closed before it. */
export function closingParen(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return limit;
}

/**
 * Split `[start, end)` at "," and ";" that are not inside brackets (relative to `start`); a
 * comma between digits is a decimal mark, not a separator.
 * Ranges are trimmed of spaces.
 */
export function splitTopLevel(text: string, start: number, end: number, seps = ',;'): Range[] {
  const out: Range[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (
      depth === 0 &&
      seps.includes(c) &&
      !(c === ',' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''))
    ) {
      out.push(trim(text, from, i));
      from = i + 1;
    }
  }
  out.push(trim(text, from, end));
  return out.filter((r) => r.end > r.start);
}

/** `[start, end)` without surrounding spaces. */
export function trim(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}
