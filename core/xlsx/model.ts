/** The light, read-only model of a workbook produced by {@link readWorkbook}. */

export type XlsxCellType =
  /** A number, or the cached number of a formula. */
  | 'number'
  /** A shared string, or the cached text of a formula (`t="str"`). */
  | 'string'
  /** An inline string (`t="inlineStr"`). */
  | 'inline-string'
  | 'bool'
  /** A cached error such as `#REF!` or `#DIV/0!` (`t="e"`). */
  | 'error'
  /** A formula whose result was never computed and stored. */
  | 'formula-without-cache';

export interface XlsxCell {
  /** A1 address ("E61"). */
  ref: string;
  /** 1-based row. */
  row: number;
  /** 1-based column. */
  col: number;
  type: XlsxCellType;
  /** number for `number`, text for strings and errors, boolean for `bool`, null without a cache. */
  value: number | string | boolean | null;
  /** The content as stored: the number's digits, the text, the error code. */
  raw: string;
  /** Whether the cell holds a formula (cached or not). */
  formula: boolean;
  /** Number-format id of the cell's style (0 = General). */
  numFmtId: number;
  /** The format code ("0.00%") when it is not a built-in one. */
  numFmt?: string;
  isPercent: boolean;
  isDate: boolean;
}

export interface XlsxMerge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Cells with content, by row then column (both 1-based). */
  rows: Map<number, Map<number, XlsxCell>>;
  hiddenRows: Set<number>;
  merges: XlsxMerge[];
}

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  /** The 1904 date system (old Mac workbooks). */
  date1904: boolean;
  /** Bytes actually inflated to read it. */
  inflatedBytes: number;
}

/** Safety limits, checked before anything is inflated and again while inflating. */
export interface XlsxLimits {
  /** File size. Default 20 MB. */
  maxFileBytes: number;
  /** Zip entries. Default 1,000. */
  maxEntries: number;
  /** Sum of uncompressed sizes (declared and real). Default 100 MB. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed for a large entry. Default 100. */
  maxCompressionRatio: number;
  /** An entry at least this large (uncompressed) is subject to the ratio limit. Default 1 MB. */
  ratioMinBytes: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioMinBytes: 1024 * 1024,
};

/** The cell at (row, col), if it has content. */
export function getCell(sheet: XlsxSheet, row: number, col: number): XlsxCell | undefined {
  return sheet.rows.get(row)?.get(col);
}

/** The merged range covering (row, col), if any. */
export function mergeAt(sheet: XlsxSheet, row: number, col: number): XlsxMerge | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** 1-based column number → letters (5 → "E"). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "E61" → {row: 61, col: 5}; undefined when malformed. */
export function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** An Excel date serial → ISO `yyyy-mm-dd` (UTC, whole days). */
export function serialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = epoch + Math.floor(serial) * 86_400_000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().slice(0, 10);
}
