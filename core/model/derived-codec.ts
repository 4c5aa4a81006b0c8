/**
 * The serialised form of a {@link ParsedReturn}, shared by the import worker (which encodes
 * its result once, off the main thread) and the workspace's `derived/<sha256>.json` cache
 * (which stores that same text). Values are stored as tuples `[value, decimals, sheet, cell, raw]`
 * when their provenance names the return's own file and hash (always, for a well-behaved
 * importer): that cuts the text to about a third — the 64-character hash is otherwise
 * repeated on every value. Decoding (with validation) is in core/workspace/derived.ts.
 * No dependencies: the worker loads it.
 */
import type { CellValue, ParsedReturn } from './index.js';

export type PackedValue = [value: number, decimals: number, sheet: string, cell: string, raw: string];

/** Serialise a parsed return. */
export function encodeParsedReturn(p: ParsedReturn): string {
  const values: Record<string, PackedValue | CellValue> = {};
  for (const [code, v] of Object.entries(p.values)) {
    const s = v.source;
    values[code] =
      v.code === code && s.file === p.file && s.sha256 === p.sha256 ? [v.value, v.decimals, s.sheet, s.cell, s.raw] : v;
  }
  return JSON.stringify({ derivedFormat: 1, ...p, values });
}

/**
 * The text a parsed return was decoded from, when it came that way (from a worker): storing
 * it in the cache then costs no second serialisation. Valid as long as the return is not
 * changed, which nothing does after parsing.
 */
const encodings = new WeakMap<ParsedReturn, string>();

export function rememberEncoding(p: ParsedReturn, text: string): ParsedReturn {
  encodings.set(p, text);
  return p;
}

/**
 * The text of {@link encodeParsedReturn} for `p`, reusing the one it was decoded from — once:
 * the text is let go then (a workspace keeps the parsed returns of a batch in memory, not
 * their text as well).
 */
export function takeEncoding(p: ParsedReturn): string {
  const text = encodings.get(p);
  if (text === undefined) return encodeParsedReturn(p);
  encodings.delete(p);
  return text;
}
