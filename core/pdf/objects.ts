/**
 * A small reader and writer for the PDF object syntax: enough to read trailers, xref
 * tables, catalogs, page trees, fonts and signature dictionaries of uncompressed PDFs
 * (pdfkit output), and to write objects back. The file is handled as a latin1 string so
 * string offsets are byte offsets. Used to sign reports (core/sign) and to split combined
 * PDFs (split.ts).
 */

/** Why a PDF could not be read. */
export type PdfSyntaxErrorCode = 'PDF_UNREADABLE' | 'PDF_XREF_STREAM';

/** A PDF whose structure cannot be read; the message is a Vietnamese sentence for the user. */
export class PdfSyntaxError extends Error {
  readonly code: PdfSyntaxErrorCode;

  constructor(code: PdfSyntaxErrorCode, message: string) {
    super(message);
    this.name = 'PdfSyntaxError';
    this.code = code;
  }
}

export type PdfValue =
  | { t: 'dict'; entries: Map<string, PdfValue> }
  | { t: 'array'; items: PdfValue[] }
  | { t: 'name'; v: string }
  | { t: 'num'; v: string }
  | { t: 'ref'; num: number; gen: number }
  | { t: 'str'; raw: string; start: number; end: number }
  | { t: 'kw'; v: string };

export type PdfDict = Extract<PdfValue, { t: 'dict' }>;
export type PdfRef = Extract<PdfValue, { t: 'ref' }>;

const WS = new Set([' ', '\n', '\r', '\t', '\f', '\0']);
const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

/** The error for a PDF whose structure cannot be read, `detail` saying where. */
export function unreadable(detail: string): PdfSyntaxError {
  return new PdfSyntaxError('PDF_UNREADABLE', `Không đọc được cấu trúc tệp PDF (${detail}).`);
}

/** Skip whitespace and comments. */
export function skipWs(s: string, pos: number): number {
  let p = pos;
  while (p < s.length) {
    const c = s[p] as string;
    if (WS.has(c)) p++;
    else if (c === '%') {
      while (p < s.length && s[p] !== '\n' && s[p] !== '\r') p++;
    } else break;
  }
  return p;
}

function readToken(s: string, pos: number): { tok: string; end: number } {
  let p = pos;
  while (p < s.length && !WS.has(s[p] as string) && !DELIM.has(s[p] as string)) p++;
  return { tok: s.slice(pos, p), end: p };
}

function literalStringEnd(s: string, pos: number): number {
  let depth = 0;
  for (let p = pos; p < s.length; p++) {
    const c = s[p];
    if (c === '\\') p++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return p + 1;
  }
  throw unreadable('chuỗi ký tự không kết thúc');
}

/** Parse one value at `pos` (after optional whitespace). */
export function parseValue(s: string, pos: number): { value: PdfValue; end: number } {
  let p = skipWs(s, pos);
  const c = s[p];
  if (c === undefined) throw unreadable('hết tệp bất ngờ');
  if (c === '<' && s[p + 1] === '<') {
    p += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      p = skipWs(s, p);
      if (s[p] === '>' && s[p + 1] === '>') return { value: { t: 'dict', entries }, end: p + 2 };
      if (s[p] !== '/') throw unreadable(`khóa từ điển không hợp lệ tại byte ${p}`);
      const key = readToken(s, p + 1);
      const val = parseValue(s, key.end);
      entries.set(key.tok, val.value);
      p = val.end;
    }
  }
  if (c === '[') {
    p++;
    const items: PdfValue[] = [];
    for (;;) {
      p = skipWs(s, p);
      if (s[p] === ']') return { value: { t: 'array', items }, end: p + 1 };
      const val = parseValue(s, p);
      items.push(val.value);
      p = val.end;
    }
  }
  if (c === '(') {
    const end = literalStringEnd(s, p);
    return { value: { t: 'str', raw: s.slice(p, end), start: p, end }, end };
  }
  if (c === '<') {
    const end = s.indexOf('>', p);
    if (end < 0) throw unreadable('chuỗi hex không kết thúc');
    return { value: { t: 'str', raw: s.slice(p, end + 1), start: p, end: end + 1 }, end: end + 1 };
  }
  if (c === '/') {
    const tok = readToken(s, p + 1);
    return { value: { t: 'name', v: tok.tok }, end: tok.end };
  }
  const tok = readToken(s, p);
  if (tok.tok === '') throw unreadable(`ký tự không mong đợi tại byte ${p}`);
  if (/^\d+$/.test(tok.tok)) {
    const m = /^\s+(\d+)\s+R(?![^\s/<>[\]()%])/.exec(s.slice(tok.end, tok.end + 32));
    if (m) return { value: { t: 'ref', num: Number(tok.tok), gen: Number(m[1]) }, end: tok.end + m[0].length };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok.tok)) return { value: { t: 'num', v: tok.tok }, end: tok.end };
  return { value: { t: 'kw', v: tok.tok }, end: tok.end };
}

/** Serialise a value back to PDF syntax. */
export function serialize(v: PdfValue): string {
  switch (v.t) {
    case 'dict':
      return `<<${[...v.entries].map(([k, x]) => ` /${k} ${serialize(x)}`).join('')} >>`;
    case 'array':
      return `[${v.items.map(serialize).join(' ')}]`;
    case 'name':
      return `/${v.v}`;
    case 'num':
    case 'kw':
      return v.v;
    case 'ref':
      return `${v.num} ${v.gen} R`;
    case 'str':
      return v.raw;
  }
}

export const ref = (num: number, gen = 0): PdfValue => ({ t: 'ref', num, gen });
export const name = (v: string): PdfValue => ({ t: 'name', v });
export const num = (n: number): PdfValue => ({ t: 'num', v: String(n) });
export const dict = (entries: Record<string, PdfValue>): PdfDict => ({
  t: 'dict',
  entries: new Map(Object.entries(entries)),
});

/** A PDF text string: a literal for plain ASCII, otherwise UTF-16BE with a byte-order mark, hex. */
export function textString(text: string): PdfValue {
  if (/^[\x20-\x7e]*$/.test(text)) {
    const raw = `(${text.replace(/([\\()])/g, '\\$1')})`;
    return { t: 'str', raw, start: -1, end: -1 };
  }
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return { t: 'str', raw: `<FEFF${bytes.toString('hex').toUpperCase()}>`, start: -1, end: -1 };
}

/** Decode a PDF string value (literal or hex; PDFDocEncoding treated as latin1, or UTF-16BE/UTF-8 with BOM). */
export function decodeString(v: PdfValue | undefined): string | undefined {
  if (!v || v.t !== 'str') return undefined;
  let bytes: Buffer;
  if (v.raw.startsWith('<')) {
    const hex = v.raw.slice(1, -1).replace(/\s+/g, '');
    bytes = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  } else {
    const body = v.raw.slice(1, -1);
    const out: number[] = [];
    const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      if (ch !== '\\') {
        out.push(ch.charCodeAt(0) & 0xff);
        continue;
      }
      const next = body[++i] ?? '';
      if (next in esc) out.push(esc[next] as number);
      else if (/[0-7]/.test(next)) {
        const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
        out.push(parseInt(oct, 8) & 0xff);
        i += oct.length - 1;
      } else if (next === '\r' && body[i + 1] === '\n') i++;
      else if (next !== '\n' && next !== '\r') out.push(next.charCodeAt(0) & 0xff);
    }
    bytes = Buffer.from(out);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/** Raw bytes of a hex string value. */
export function hexBytes(v: PdfValue | undefined): Buffer | undefined {
  if (!v || v.t !== 'str' || !v.raw.startsWith('<')) return undefined;
  return Buffer.from(v.raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
}
