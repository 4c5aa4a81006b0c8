/**
 * The on-disk form of `derived/<sha256>.json`: a {@link ParsedReturn} whose values are stored
 * as tuples `[value, decimals, sheet, cell, raw]` when their provenance names the return's own
 * file and hash (always, for a well-behaved importer). That cuts the file to about a third —
 * the 64-character hash is otherwise repeated on every value — and with it the cold read.
 */
import type { CellValue, ParsedReturn } from '../model/index.js';
import { isParsedReturn } from './schema.js';

type Packed = [value: number, decimals: number, sheet: string, cell: string, raw: string];

/** Serialise a parsed return for the cache. */
export function encodeDerived(p: ParsedReturn): string {
  const values: Record<string, Packed | CellValue> = {};
  for (const [code, v] of Object.entries(p.values)) {
    const s = v.source;
    values[code] =
      v.code === code && s.file === p.file && s.sha256 === p.sha256 ? [v.value, v.decimals, s.sheet, s.cell, s.raw] : v;
  }
  return JSON.stringify({ derivedFormat: 1, ...p, values });
}

function isPacked(v: unknown): v is Packed {
  return (
    Array.isArray(v) &&
    v.length === 5 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    typeof v[2] === 'string' &&
    typeof v[3] === 'string' &&
    typeof v[4] === 'string'
  );
}

/** Parse a cache file back into a {@link ParsedReturn}; undefined when it is not one. */
export function decodeDerived(text: string): ParsedReturn | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || (json as { derivedFormat?: unknown }).derivedFormat !== 1)
    return undefined;
  const { derivedFormat: _format, ...rest } = json as Record<string, unknown>;
  const file = rest.file;
  const sha256 = rest.sha256;
  const raw = rest.values;
  if (typeof file !== 'string' || typeof sha256 !== 'string' || typeof raw !== 'object' || raw === null)
    return undefined;
  const values: Record<string, unknown> = {};
  for (const [code, v] of Object.entries(raw)) {
    values[code] = isPacked(v)
      ? { code, value: v[0], decimals: v[1], source: { file, sha256, sheet: v[2], cell: v[3], raw: v[4] } }
      : v;
  }
  const p = { ...rest, values };
  return isParsedReturn(p) ? p : undefined;
}
