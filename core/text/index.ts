/**
 * Text files a person may have written or edited on a Windows PC (a register, report
 * settings, a report template, the app's settings): Notepad saves UTF-8 with a byte-order
 * mark (before Windows 10 1903 always), or "Unicode" (UTF-16 LE with a BOM), with CRLF line
 * ends. All of them are read as the same text here. What the app writes for people to open
 * in Notepad or Excel (a CSV) carries a UTF-8 BOM and CRLF, without which Excel reads
 * Vietnamese letters as mojibake.
 */
import { readFileSync } from 'node:fs';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Decode the bytes of a text file as a person's editor saved them: UTF-8 (with or without
 * a BOM) or UTF-16 LE/BE with a BOM; CRLF and lone CR line ends become LF; the BOM is dropped.
 */
export function decodeUserText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const bom = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
    text = new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes);
  }
  // A BOM left inside a string (text decoded elsewhere and passed on) is dropped too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

/** Read a text file a person may have edited (see {@link decodeUserText}). */
export function readUserTextFile(path: string): string {
  return decodeUserText(readFileSync(path));
}

/** Text for Notepad and Excel on Windows: a UTF-8 BOM first, CRLF line ends. */
export function encodeForWindows(text: string): Uint8Array {
  const body = Buffer.from(text.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n'), 'utf8');
  return new Uint8Array(Buffer.concat([Buffer.from(UTF8_BOM), body]));
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break; text that a
 * spreadsheet would run as a formula gets a leading apostrophe. Numbers are written as
 * given (the caller formats them).
 */
export function csvField(value: string | number | null | undefined, separator = ','): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A CSV file Excel opens correctly on a Vietnamese Windows PC: UTF-8 with a BOM, CRLF,
 * fields separated by `separator` (Vietnamese regional settings use `;` as Excel's list
 * separator, since `,` is the decimal mark — the default here).
 */
export function toCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  separator = ';',
): Uint8Array {
  return encodeForWindows(rows.map((r) => r.map((v) => csvField(v, separator)).join(separator)).join('\n') + '\n');
}
