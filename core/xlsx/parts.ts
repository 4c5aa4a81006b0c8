/**
 * Streaming readers for the SpreadsheetML parts the importer needs, on the strict
 * scanner of `scan.ts`. Element names are matched without their namespace prefix.
 */
import { Buffer } from 'node:buffer';
import { XlsxError } from './errors.js';
import type { XlsxCell, XlsxMerge, XlsxSheet } from './model.js';
import { columnLetters, parseRef } from './model.js';
import { readRows, readStrings, scanAround, type RowSink } from './fast-parts.js';
import { findInvalidChar, scanXml, type XmlHandlers } from './scan.js';

const decoder = new TextDecoder('utf-8');

/** Excel's escape for characters XML cannot hold: `_x0007_` → U+0007. */
export function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The patterns that find where a worksheet can be cut, with `ws` standing for `\s`. */
interface CutPatterns {
  data: RegExp;
  root: RegExp;
  merges: RegExp;
  next: RegExp;
}

function cutPatterns(ws: string): CutPatterns {
  const prefix = '(?:[A-Za-z_][\\w.-]*:)?';
  const after =
    'phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|drawing|legacyDrawing|tableParts|extLst';
  return {
    data: new RegExp(`<\\/${prefix}sheetData${ws}*>`),
    root: new RegExp(`<(${prefix}worksheet)(?:${ws}|>)`),
    merges: new RegExp(`<\\/${prefix}mergeCells${ws}*>`, 'g'),
    next: new RegExp(`<${prefix}(?:${after})(?:${ws}|[/>])`, 'g'),
  };
}

const TEXT_CUT = cutPatterns('\\s');
/**
 * JavaScript's `\s` spelled as UTF-8 bytes read one byte per character (latin1): the same
 * matches, at the same places, as `\s` in the decoded text. Lead bytes C2, E1, E2, E3 and EF
 * never continue another sequence, so each alternative always decodes to that space.
 */
const BYTE_CUT = cutPatterns(
  '(?:[\\t\\n\\v\\f\\r ]|\\xC2\\xA0|\\xE1\\x9A\\x80|\\xE2\\x80[\\x80-\\x8A\\xA8\\xA9\\xAF]|\\xE2\\x81\\x9F|\\xE3\\x80\\x80|\\xEF\\xBB\\xBF)',
);

/** Where to cut (exclusive) and the root's qualified name, or undefined to keep everything. */
function worksheetCut(text: string, p: CutPatterns): { end: number; root: string } | undefined {
  const data = p.data.exec(text);
  const root = p.root.exec(text);
  if (!data || !root) return undefined;
  const end = data.index + data[0].length;
  p.merges.lastIndex = end;
  const merges = p.merges.exec(text);
  p.next.lastIndex = end;
  const next = p.next.exec(text);
  if (merges && (!next || merges.index < next.index)) return { end: merges.index + merges[0].length, root: root[1]! };
  if (next) return { end: next.index, root: root[1]! };
  return undefined;
}

/**
 * A worksheet cut after the last part the importer reads (`sheetData`, then `mergeCells`),
 * closed with its root tag. What follows in the schema's fixed order — data validations,
 * conditional formats, page setup — can be most of the part (a generated return's input
 * messages) and is never read, so it is not parsed either.
 */
export function trimWorksheet(xml: string): string {
  const cut = worksheetCut(xml, TEXT_CUT);
  return cut ? `${xml.slice(0, cut.end)}</${cut.root}>` : xml;
}

/**
 * {@link trimWorksheet} on the undecoded UTF-8 bytes: every pattern is ASCII and every cut
 * falls on an ASCII byte, so decoding the result gives the same text, without decoding the
 * part of the worksheet that is thrown away, and as one flat string.
 */
export function trimWorksheetBytes(bytes: Uint8Array): Uint8Array {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const cut = worksheetCut(view, BYTE_CUT);
  if (!cut) return bytes;
  const close = `</${cut.root}>`;
  const out = new Uint8Array(cut.end + close.length);
  out.set(bytes.subarray(0, cut.end));
  for (let i = 0; i < close.length; i++) out[cut.end + i] = close.charCodeAt(i);
  return out;
}

/**
 * A part's text: UTF-8 decoded, the byte-order mark left out; a worksheet's cut after the
 * parts the importer reads ({@link trimWorksheetBytes}).
 */
export function partText(bytes: Uint8Array, worksheet = false): string {
  const xml = decoder.decode(worksheet ? trimWorksheetBytes(bytes) : bytes);
  return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
}

function runSax(bytes: Uint8Array, part: string, h: XmlHandlers): void {
  scanText(partText(bytes), part, h);
}

function scanText(xml: string, part: string, h: XmlHandlers): void {
  try {
    scanXml(xml, h);
  } catch (e) {
    // A handler's own refusal (a cell naming a missing shared string) is passed on as it is.
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('BAD_XML', `${part}: ${(e as Error).message}`, part);
  }
}

export interface WorkbookPart {
  sheets: { name: string; state: XlsxSheet['state']; relId: string }[];
  date1904: boolean;
}

/** `xl/workbook.xml`: sheet names, states, relationship ids; the date system. */
export function parseWorkbookPart(bytes: Uint8Array, part: string): WorkbookPart {
  const result: WorkbookPart = { sheets: [], date1904: false };
  runSax(bytes, part, {
    open(name, a) {
      if (name === 'sheet') {
        const relKey = a.names().find((k) => k === 'id' || k.endsWith(':id'));
        const st = a.get('state');
        const state = st === 'hidden' || st === 'veryHidden' ? st : 'visible';
        result.sheets.push({ name: a.get('name') ?? '', state, relId: relKey ? (a.get(relKey) ?? '') : '' });
      } else if (name === 'workbookPr') {
        const d = a.get('date1904');
        result.date1904 = d === '1' || d === 'true';
      }
    },
  });
  return result;
}

/** A `.rels` part: relationship id → {target, type}. */
export function parseRelsPart(bytes: Uint8Array, part: string): Map<string, { target: string; type: string }> {
  const rels = new Map<string, { target: string; type: string }>();
  runSax(bytes, part, {
    open(name, a) {
      if (name !== 'Relationship') return;
      const id = a.get('Id');
      const target = a.get('Target');
      if (id && target && a.get('TargetMode') !== 'External') rels.set(id, { target, type: a.get('Type') ?? '' });
    },
  });
  return rels;
}

/** Resolve a relationship target against the folder of the part that owns the rels. */
export function resolveTarget(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** `xl/sharedStrings.xml`: the strings, rich-text runs joined, phonetic runs left out. */
export function parseSharedStrings(bytes: Uint8Array, part: string): string[] {
  return sharedStringsOf(partText(bytes), part);
}

/**
 * {@link parseSharedStrings} of the part's text. Items holding one plain text are read by the
 * fast path (fast-parts.ts), the rest of the document strictly; whenever the fast path gives
 * up, the whole part is read again strictly.
 */
export function sharedStringsOf(xml: string, part: string, mode: ReadMode = {}): string[] {
  if (mode.fast !== false) {
    const fast = fastStrings(xml);
    if (fast) return fast;
  }
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  scanText(xml, part, {
    open(name, _a, selfClosing) {
      if (name === 'si') {
        inSi = true;
        cur = '';
        if (selfClosing) {
          strings.push('');
          inSi = false;
        }
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0 && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && inSi) {
        strings.push(decodeExcelEscapes(cur));
        inSi = false;
      }
    },
    text(t) {
      if (inT) cur += t;
    },
  });
  return strings;
}

/** The shared strings read by the fast path, or undefined when it gives up. */
function fastStrings(xml: string): string[] | undefined {
  const open = xml.indexOf('<si');
  const close = xml.lastIndexOf('</sst>');
  if (open < 0 || close < open) return undefined;
  try {
    const raw: string[] = [];
    if (findInvalidChar(xml) >= 0 || !readStrings(xml, open, close, raw)) return undefined;
    if (!scanAround(xml, open, close, 'sst', STRING_ELEMENTS)) return undefined;
    return raw.map(decodeExcelEscapes);
  } catch {
    return undefined;
  }
}

export interface StylesPart {
  /** numFmtId of each cellXfs entry, by style index. */
  xfNumFmt: number[];
  /** Custom format codes by id. */
  formats: Map<number, string>;
}

/** `xl/styles.xml`: the number format of each cell style. */
export function parseStyles(bytes: Uint8Array, part: string): StylesPart {
  const xfNumFmt: number[] = [];
  const formats = new Map<number, string>();
  let inCellXfs = false;
  runSax(bytes, part, {
    open(name, a, selfClosing) {
      if (name === 'numFmt') {
        const id = a.get('numFmtId');
        if (id !== undefined) formats.set(Number(id), a.get('formatCode') ?? '');
      } else if (name === 'cellXfs' && !selfClosing) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfNumFmt.push(Number(a.get('numFmtId') ?? 0) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return { xfNumFmt, formats };
}

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Whether a number format shows a percentage (built-ins 9, 10, or a `%` outside quotes). */
export function isPercentFormat(id: number, code: string | undefined): boolean {
  if (id === 9 || id === 10) return true;
  if (!code) return false;
  return stripLiterals(code).includes('%');
}

/** Whether a number format shows a date or time. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILTIN_DATE_IDS.has(id)) return true;
  if (!code) return false;
  const s = stripLiterals(code).replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(s) && !/general/i.test(s);
}

function stripLiterals(code: string): string {
  return code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
}

/** The format flags of a cell style, by its index. */
export type FormatResolver = (styleIndex: number) => FormatInfo;

interface FormatInfo {
  numFmtId: number;
  numFmt?: string;
  isPercent: boolean;
  isDate: boolean;
}

/**
 * Look up (and remember) the format flags of each style index. What it remembers is bounded
 * by the styles part (one entry per cell style): an index the part does not have reads as
 * style 0's number format, found once. A resolver is kept with its styles and shared by the
 * workbooks that have the same styles part (part-cache.ts).
 */
export function formatResolver(styles: StylesPart | undefined): FormatResolver {
  const general: FormatInfo = { numFmtId: 0, isPercent: false, isDate: false };
  if (!styles) return () => general;
  const known: (FormatInfo | undefined)[] = new Array<FormatInfo | undefined>(styles.xfNumFmt.length);
  let unknown: FormatInfo | undefined;
  function info(id: number): FormatInfo {
    const code = styles!.formats.get(id);
    const found: FormatInfo = { numFmtId: id, isPercent: isPercentFormat(id, code), isDate: isDateFormat(id, code) };
    if (code !== undefined) found.numFmt = code;
    return found;
  }
  return (s) => {
    if (Number.isInteger(s) && s >= 0 && s < known.length) return (known[s] ??= info(styles.xfNumFmt[s]!));
    return (unknown ??= info(0));
  };
}

/**
 * A cell's number as the file format writes it (xsd:double in decimal notation, spaces around
 * allowed). `Number()` alone would also read "0x1A", "0b11", "0o7" and "Infinity".
 */
const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** A shared-string index: decimal digits only. */
const INDEX = /^\s*\d+\s*$/;

/** The placeholder first element of {@link scanWorksheet}'s merges; never reported. */
const NO_MERGE: XlsxMerge = { ref: '', top: 0, left: 0, bottom: 0, right: 0 };

/** How a part is read: `fast` false reads it with the strict scanner alone (for tests). */
export interface ReadMode {
  fast?: boolean;
}

/** The elements of a worksheet's cells: met outside `sheetData`, the fast path gives up. */
const CELL_ELEMENTS: ReadonlySet<string> = new Set(['row', 'c', 'f', 'v', 'is', 't', 'rPh']);
/** The elements of a shared string: met outside the table's items, the fast path gives up. */
const STRING_ELEMENTS: ReadonlySet<string> = new Set(['si', 't', 'r', 'rPh']);

/**
 * A worksheet part, from its text ({@link partText}): its cells, hidden rows and merged
 * ranges. Rows and cells in the
 * usual shapes are read by the fast path (fast-parts.ts) and the rest of the document by the
 * strict scanner; whenever the fast path gives up, the whole part is read again strictly, so
 * that what is refused, and why, is the strict scanner's alone.
 */
export function scanWorksheet(
  xml: string,
  part: string,
  sheet: XlsxSheet,
  sharedStrings: readonly string[],
  formatOf: FormatResolver,
  mode: ReadMode = {},
): void {
  let row = 0;
  let col = 0;
  let ref = '';
  let t = 'n';
  let style = 0;
  let hasFormula = false;
  let inV = false;
  let inIs = false;
  let inIsT = false;
  let phonetic = 0;
  let v = '';
  let hasV = false;
  let isText = '';
  let inCell = false;
  let rowCells: Map<number, XlsxCell> | undefined;
  // Gathered here and added at the end, after a placeholder: an array made empty holds small
  // integers until its first push, and that change, met in a later return by the handler V8
  // optimised on an earlier one, throws the optimised handler away (a second optimisation of
  // ~20 ms). Made with an object in it, the array holds objects from the start.
  const merges: XlsxMerge[] = [NO_MERGE];

  const finishCell = (): void => {
    let type: XlsxCell['type'];
    let value: XlsxCell['value'];
    let raw: string;
    if (t === 'inlineStr') {
      raw = decodeExcelEscapes(isText);
      if (raw === '' && !hasFormula) return;
      type = 'inline-string';
      value = raw;
    } else if (!hasV || (v === '' && t !== 'str')) {
      if (!hasFormula) return;
      type = 'formula-without-cache';
      value = null;
      raw = '';
    } else if (t === 's') {
      const s = INDEX.test(v) ? sharedStrings[Number(v)] : undefined;
      if (s === undefined)
        throw new XlsxError('BAD_XML', `${part}: cell ${ref} names missing shared string ${v}`, part);
      type = 'string';
      value = s;
      raw = s;
    } else if (t === 'str') {
      raw = decodeExcelEscapes(v);
      type = 'string';
      value = raw;
    } else if (t === 'b') {
      type = 'bool';
      value = v.trim() === '1' || v.trim() === 'true';
      raw = v;
    } else if (t === 'e') {
      type = 'error';
      value = v.trim();
      raw = v.trim();
    } else if (t === 'd') {
      type = 'string';
      value = v.trim();
      raw = v.trim();
    } else {
      const n = DECIMAL.test(v) ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) {
        type = 'string';
        value = v;
      } else {
        type = 'number';
        value = n;
      }
      raw = v.trim();
    }
    const fmt = formatOf(style);
    const cell: XlsxCell = {
      ref,
      row,
      col,
      type,
      value,
      raw,
      formula: hasFormula,
      numFmtId: fmt.numFmtId,
      isPercent: fmt.isPercent,
      isDate: fmt.isDate,
    };
    if (fmt.numFmt !== undefined) cell.numFmt = fmt.numFmt;
    // The current row's map (`rowCells`), made on the row's first cell.
    rowCells ??= sheet.rows.get(row) ?? new Map<number, XlsxCell>();
    sheet.rows.set(row, rowCells);
    rowCells.set(col, cell);
  };

  const handlers: XmlHandlers = {
    open(name, a, selfClosing) {
      switch (name) {
        case 'row': {
          const r = a.get('r');
          row = r ? Number(r) : row + 1;
          if (!Number.isInteger(row) || row < 1) throw new XlsxError('BAD_XML', `${part}: bad row number ${r}`, part);
          col = 0;
          rowCells = sheet.rows.get(row);
          const hidden = a.get('hidden');
          if (hidden === '1' || hidden === 'true') sheet.hiddenRows.add(row);
          break;
        }
        case 'c': {
          const r = a.get('r');
          const packed = r ? packedRef(r) : -1;
          if (packed >= 0) {
            const pr = Math.floor(packed / REF_ROW);
            if (pr !== row) {
              row = pr;
              rowCells = sheet.rows.get(row);
            }
            col = packed % REF_ROW;
            ref = normalRef(r!);
          } else {
            col += 1;
            ref = `${columnLetters(col)}${row}`;
          }
          t = a.get('t') ?? 'n';
          style = Number(a.get('s') ?? 0) || 0;
          hasFormula = false;
          hasV = false;
          v = '';
          isText = '';
          inCell = !selfClosing;
          break;
        }
        case 'f':
          if (inCell) hasFormula = true;
          break;
        case 'v':
          if (inCell) {
            hasV = true;
            inV = !selfClosing;
          }
          break;
        case 'is':
          if (inCell) inIs = !selfClosing;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inIs && phonetic === 0 && !selfClosing) inIsT = true;
          break;
        case 'mergeCell': {
          const m = parseRange(a.get('ref') ?? '');
          if (m) merges.push(m);
          break;
        }
      }
    },
    close(name) {
      switch (name) {
        case 'c':
          if (inCell) finishCell();
          inCell = false;
          break;
        case 'v':
          inV = false;
          break;
        case 'is':
          inIs = false;
          break;
        case 't':
          inIsT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
      }
    },
    text(text) {
      if (inV) v += text;
      else if (inIsT) isText += text;
    },
  };

  /** The fast path's rows and cells go through the same state and `finishCell` as the scanner's. */
  const sink: RowSink = {
    row(r, hidden) {
      row = r ? Number(r) : row + 1;
      if (!Number.isInteger(row) || row < 1) return false;
      col = 0;
      rowCells = sheet.rows.get(row);
      if (hidden === '1' || hidden === 'true') sheet.hiddenRows.add(row);
      return true;
    },
    cell(r, s, type, body, formula, value, inline) {
      // The fast path's references are well formed: packedRef never gives -1 for them.
      const packed = packedRef(r);
      const pr = Math.floor(packed / REF_ROW);
      if (pr !== row) {
        row = pr;
        rowCells = sheet.rows.get(row);
      }
      col = packed % REF_ROW;
      ref = normalRef(r);
      t = type ?? 'n';
      style = Number(s ?? 0) || 0;
      hasFormula = formula;
      hasV = value !== undefined;
      v = value ?? '';
      isText = inline ?? '';
      if (body) finishCell();
    },
  };

  const fastRead = (): boolean => {
    const open = xml.indexOf('<sheetData>');
    const close = open < 0 ? -1 : xml.indexOf('</sheetData>', open);
    if (close < 0 || sheet.rows.size > 0 || sheet.hiddenRows.size > 0) return false;
    try {
      return (
        findInvalidChar(xml) < 0 &&
        readRows(xml, open + '<sheetData>'.length, close, sink) &&
        scanAround(xml, open + '<sheetData>'.length, close, 'sheetData', CELL_ELEMENTS, handlers)
      );
    } catch {
      // The strict reading below says what is wrong, and where.
      return false;
    }
  };

  if (mode.fast === false || !fastRead()) {
    // Nothing the fast path did is kept.
    sheet.rows.clear();
    sheet.hiddenRows.clear();
    merges.length = 1;
    row = 0;
    col = 0;
    ref = '';
    t = 'n';
    style = 0;
    hasFormula = false;
    inV = false;
    inIs = false;
    inIsT = false;
    phonetic = 0;
    v = '';
    hasV = false;
    isText = '';
    inCell = false;
    rowCells = undefined;
    scanText(xml, part, handlers);
  }
  for (let k = 1; k < merges.length; k++) sheet.merges.push(merges[k]!);
}

/** Rows are packed above the columns (at most ZZZ = 18,278) in {@link packedRef}. */
const REF_ROW = 32768;

/**
 * {@link parseRef} without a regular expression or an object per cell: the same rule
 * (`$`? 1–3 letters `$`? 1–7 digits), packed as `row * REF_ROW + col`, or -1 when malformed.
 */
function packedRef(ref: string): number {
  const n = ref.length;
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  const letters = i;
  let col = 0;
  for (; i < n; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 0x40);
  }
  if (i === letters || i - letters > 3) return -1;
  if (ref.charCodeAt(i) === 0x24) i++;
  const digits = i;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    row = row * 10 + (c - 0x30);
  }
  if (i === digits || i - digits > 7) return -1;
  return row * REF_ROW + col;
}

/** A well-formed reference as written in the cell list: without `$`, upper case. */
function normalRef(ref: string): string {
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c === 0x24 || (c >= 0x61 && c <= 0x7a)) return ref.replace(/\$/g, '').toUpperCase();
  }
  return ref;
}

function parseRange(ref: string): XlsxMerge | undefined {
  const [a, b] = ref.split(':');
  const p = a ? parseRef(a) : undefined;
  const q = b ? parseRef(b) : p;
  if (!p || !q) return undefined;
  return {
    ref: ref.replace(/\$/g, '').toUpperCase(),
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}
