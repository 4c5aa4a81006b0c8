/**
 * The on-disk form of `derived/<sha256>.json`: see core/model/derived-codec.ts (the encoding
 * is shared with the import worker, which produces it). Decoding validates what it reads: the
 * cache is a file anyone could have changed.
 */
import type { ParsedReturn } from '../model/index.js';
import { encodeParsedReturn, type PackedValue as Packed } from '../model/derived-codec.js';
import { isParsedReturn } from './schema.js';

/** Serialise a parsed return for the cache. */
export const encodeDerived = encodeParsedReturn;

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
