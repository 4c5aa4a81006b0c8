/** Text folding for matching labels and codes typed by people. */

/**
 * Fold a label for comparison: Unicode compatibility forms, case, diacritics (NFC or NFD,
 * đ/Đ → d), surrounding and repeated spaces, and a trailing colon or asterisk are ignored.
 * "  MÃ ĐƠN VỊ: " and "ma don vi" fold alike.
 */
export function foldLabel(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    folded = fold(text);
    foldCache.set(text, folded);
  }
  return folded;
}

/** The same few labels and titles recur in every return: fold each once. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 5000;

// Module constants, so that each pattern (the mark class above all) is compiled once.
const MARKS = /\p{M}/gu;
const ASCII = /^[ -~]*$/;

function fold(text: string): string {
  // Compatibility decomposition, marks and đ change nothing in printable ASCII.
  const base = ASCII.test(text) ? text : text.normalize('NFKD').replace(MARKS, '').replace(/[đĐ]/g, 'd');
  return base
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[:*]+$/, '');
}

/** An indicator or unit code as typed: compatibility forms, case and surrounding spaces ignored. */
export function normaliseCode(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase();
}

/** Whether text looks like an indicator code ("KL01", "tthc05 "), as opposed to a title or a note. */
export function looksLikeCode(code: string): boolean {
  return /^[A-Z][A-Z0-9_]{0,15}$/.test(code) && /\d/.test(code);
}
