/**
 * Streaming (SAX) readers for the SpreadsheetML parts the importer needs.
 * Element names are matched without their namespace prefix.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { XlsxError } from './errors.js';
import type { XlsxCell, XlsxMerge, XlsxSheet } from './model.js';
import { columnLetters, parseRef } from './model.js';

const decoder = new TextDecoder('utf-8');

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Excel's escape for characters XML cannot hold: `_x0007_` → U+0007. */
export function decodeExcelEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface Handlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * A worksheet cut after the last part the importer reads (`sheetData`, then `mergeCells`),
 * closed with its root tag. What follows in the schema's fixed order — data validations,
 * conditional formats, page setup — can be most of the part (a generated return's input
 * messages) and is never read, so it is not parsed either.
 */
export function trimWorksheet(xml: string): string {
  const data = /<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/.exec(xml);
  const root = /<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]/.exec(xml);
  if (!data || !root) return xml;
  let end = data.index + data[0].length;
  const rest = xml.slice(end);
  const merges = /<\/(?:[A-Za-z_][\w.-]*:)?mergeCells\s*>/.exec(rest);
  const nextAfterData =
    /<(?:[A-Za-z_][\w.-]*:)?(?:phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|drawing|legacyDrawing|tableParts|extLst)[\s/>]/.exec(
      rest,
    );
  if (merges && (!nextAfterData || merges.index < nextAfterData.index)) end += merges.index + merges[0].length;
  else if (nextAfterData) end += nextAfterData.index;
  else return xml;
  return `${xml.slice(0, end)}</${root[1]}>`;
}

function runSax(bytes: Uint8Array, part: string, h: Handlers, opts: { worksheet?: boolean } = {}): void {
  let xml = decoder.decode(bytes);
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (opts.worksheet) xml = trimWorksheet(xml);
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => h.open(local(tag.name), tag.attributes, tag.isSelfClosing));
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  try {
    parser.write(xml).close();
  } catch (e) {
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
        const relKey = Object.keys(a).find((k) => k === 'id' || k.endsWith(':id'));
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        result.sheets.push({ name: a.name ?? '', state, relId: relKey ? (a[relKey] ?? '') : '' });
      } else if (name === 'workbookPr') {
        result.date1904 = a.date1904 === '1' || a.date1904 === 'true';
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
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') {
        rels.set(a.Id, { target: a.Target, type: a.Type ?? '' });
      }
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
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  runSax(bytes, part, {
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
      if (name === 'numFmt' && a.numFmtId !== undefined) formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs' && !selfClosing) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfNumFmt.push(Number(a.numFmtId ?? 0) || 0);
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

interface FormatInfo {
  numFmtId: number;
  numFmt?: string;
  isPercent: boolean;
  isDate: boolean;
}

/** Look up (and cache) the format flags of each style index. */
export function formatResolver(styles: StylesPart | undefined): (styleIndex: number) => FormatInfo {
  const cache = new Map<number, FormatInfo>();
  const general: FormatInfo = { numFmtId: 0, isPercent: false, isDate: false };
  return (s) => {
    if (!styles) return general;
    let info = cache.get(s);
    if (!info) {
      const id = styles.xfNumFmt[s] ?? 0;
      const code = styles.formats.get(id);
      info = { numFmtId: id, isPercent: isPercentFormat(id, code), isDate: isDateFormat(id, code) };
      if (code !== undefined) info.numFmt = code;
      cache.set(s, info);
    }
    return info;
  };
}

/** A worksheet part: its cells, hidden rows and merged ranges. */
export function parseWorksheet(
  bytes: Uint8Array,
  part: string,
  sheet: XlsxSheet,
  sharedStrings: string[],
  formatOf: (styleIndex: number) => FormatInfo,
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
      const s = sharedStrings[Number(v)];
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
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) {
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
    if (!rowCells) {
      rowCells = sheet.rows.get(row) ?? new Map<number, XlsxCell>();
      sheet.rows.set(row, rowCells);
    }
    rowCells.set(col, cell);
  };

  runSax(
    bytes,
    part,
    {
      open(name, a, selfClosing) {
        switch (name) {
          case 'row': {
            row = a.r ? Number(a.r) : row + 1;
            if (!Number.isInteger(row) || row < 1)
              throw new XlsxError('BAD_XML', `${part}: bad row number ${a.r}`, part);
            col = 0;
            rowCells = sheet.rows.get(row);
            if (a.hidden === '1' || a.hidden === 'true') sheet.hiddenRows.add(row);
            break;
          }
          case 'c': {
            const pos = a.r ? parseRef(a.r) : undefined;
            if (pos) {
              if (pos.row !== row) {
                row = pos.row;
                rowCells = sheet.rows.get(row);
              }
              col = pos.col;
            } else col += 1;
            ref = a.r && pos ? a.r.replace(/\$/g, '').toUpperCase() : `${columnLetters(col)}${row}`;
            t = a.t ?? 'n';
            style = Number(a.s ?? 0) || 0;
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
            const m = parseRange(a.ref ?? '');
            if (m) sheet.merges.push(m);
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
    },
    { worksheet: true },
  );
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
