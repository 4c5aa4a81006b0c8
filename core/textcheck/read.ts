/**
 * Read a draft into paragraphs: Word (.docx, through mammoth), PDF with a text layer
 * (through pdfjs-dist's legacy build, which runs in Node), or plain text (UTF-8 with or
 * without a BOM, UTF-16 with a BOM, Windows line ends). The format is told by the bytes,
 * not by the file name. Failures are {@link TextReadError}s with a Vietnamese message.
 */
import { DEFAULT_XLSX_LIMITS } from '../xlsx/model.js';
import { ORIGIN_DATASET, ORIGIN_PERIOD } from '../report/origin.js';
import { InflateBudget, readZipDirectory, readZipEntry, type ZipDirectory } from '../xlsx/zip.js';
import type { DocParagraph, DocFormat, DocTable, DocTableCell, TextDocument } from './types.js';
import { figureRow, findTables, tabular, type PdfItem, type PdfLine } from './pdf-tables.js';

export class TextReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextReadError';
  }
}

/** Limits for a draft: larger than a return (pictures), still bounded before anything is inflated. */
const DOCX_LIMITS = {
  ...DEFAULT_XLSX_LIMITS,
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 400 * 1024 * 1024,
};

/** The format of a file from its first bytes. */
export function sniffFormat(bytes: Uint8Array): DocFormat | 'doc' | 'zip' {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\x03\x04')) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'doc';
  return 'txt';
}

function collapse(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\u202f\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text: one paragraph per line; a BOM and Windows or old Mac line ends are fine. */
export function readTxt(bytes: Uint8Array): TextDocument {
  const notes: string[] = [];
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Old Vietnamese Windows files: code page 1258.
      text = new TextDecoder('windows-1258').decode(body);
      notes.push(
        'Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt). Nếu chữ hiển thị sai, hãy lưu lại tệp dưới dạng UTF-8.',
      );
    }
  }
  if (text.includes('\u0000'))
    throw new TextReadError('Tệp không phải văn bản thuần (có byte 0): hãy chọn tệp .docx, .pdf hoặc .txt.');
  const paragraphs = text
    .split(/\r\n|\n|\r|\u2028|\u2029/)
    .map(collapse)
    .filter((t) => t.length > 0)
    .map((t): DocParagraph => ({ text: t, where: 'body' }));
  return { format: 'txt', paragraphs, notes };
}

// ---------- .docx ----------

interface MammothNode {
  type: string;
  value?: string;
  children?: MammothNode[];
  noteType?: string;
  noteId?: string;
  body?: MammothNode[];
  /** tableCell: merged cells. */
  colSpan?: number;
  rowSpan?: number;
}
/** Word's limit on a table's columns. */
const MAX_COLUMNS = 63;

interface MammothDocument extends MammothNode {
  notes: { resolve(ref: MammothNode): MammothNode | null };
}

/** Stands for a note's mark while a paragraph's text is put together (a private-use character). */
const NOTE_MARK = '\uE000';

/** A Word document's paragraphs: body (tables cell by cell), then footnotes and endnotes. */
export async function readDocx(bytes: Uint8Array): Promise<TextDocument> {
  let dir: ZipDirectory;
  try {
    dir = readZipDirectory(bytes, DOCX_LIMITS);
    if (!dir.entries.has('word/document.xml'))
      throw new TextReadError('Tệp nén không phải văn bản Word (.docx): không có phần word/document.xml.');
  } catch (e) {
    if (e instanceof TextReadError) throw e;
    throw new TextReadError(`Tệp .docx bị hỏng hoặc không an toàn để mở (${(e as Error).message}).`);
  }
  const { default: mammoth } = await import('mammoth');
  let captured: MammothDocument | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Keep mammoth's document model (paragraphs, runs, tables, note references) and
        // skip its HTML: the checker needs the text, paragraph by paragraph.
        transformDocument: (doc: MammothDocument) => {
          captured = doc;
          return { ...doc, children: [] };
        },
      },
    );
  } catch (e) {
    throw new TextReadError(`Không đọc được văn bản Word: ${(e as Error).message}`);
  }
  if (!captured) throw new TextReadError('Không đọc được nội dung văn bản Word.');
  const doc = captured;
  const paragraphs: DocParagraph[] = [];
  const notes: MammothNode[] = [];
  /** Where each note of `notes` is marked (filled as its paragraph is read). */
  const marks: (DocParagraph['mark'] | undefined)[] = [];
  const textOf = (n: MammothNode): string => {
    switch (n.type) {
      case 'text':
        // The private-use character that stands for a note's mark never comes from the file.
        return (n.value ?? '').replaceAll(NOTE_MARK, '');
      case 'tab':
        return '\t';
      case 'break':
        return ' ';
      case 'noteReference': {
        const note = doc.notes.resolve(n);
        if (!note) return '';
        notes.push(note);
        return NOTE_MARK;
      }
      default:
        return (n.children ?? []).map(textOf).join('');
    }
  };
  const tables: DocTable[] = [];
  /** A paragraph's text without its notes' marks; where each mark was is kept for its note. */
  const paragraphText = (n: MammothNode): string => {
    const first = notes.length;
    const parts = collapse(textOf(n)).split(NOTE_MARK);
    let text = '';
    const at: number[] = [];
    parts.forEach((part, i) => {
      text += part;
      if (i < parts.length - 1) at.push(text.length);
    });
    text = text.trimEnd();
    for (let k = first; k < notes.length; k++)
      marks[k] = text
        ? { paragraph: paragraphs.length + 1, at: Math.min(at[k - first] ?? text.length, text.length) }
        : undefined;
    return text;
  };
  const walk = (nodes: MammothNode[], where: DocParagraph['where']): void => {
    for (const n of nodes) {
      if (n.type === 'paragraph') {
        const text = paragraphText(n);
        if (text) paragraphs.push({ text, where });
      } else if (n.type === 'table') readTable(n);
      else if (n.children) walk(n.children, where);
    }
  };
  /**
   * A table, cell by cell in reading order (its paragraphs among the document's, each with its
   * place), and as a grid: a cell merged down (rowSpan) keeps its columns in the rows below.
   */
  const readTable = (table: MammothNode): void => {
    const model: DocTable = { index: tables.length + 1, rows: [] };
    tables.push(model);
    /** Grid columns still covered by a cell merged down from a row above: column → rows left. */
    const covered = new Map<number, number>();
    for (const row of table.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells: DocTableCell[] = [];
      let column = 1;
      for (const cell of row.children ?? []) {
        if (cell.type !== 'tableCell') continue;
        while ((covered.get(column) ?? 0) > 0) column++;
        // Cells past Word's last column are read as text, not placed in the grid.
        if (column > MAX_COLUMNS) {
          walk(cell.children ?? [], 'table');
          continue;
        }
        // Spans as the file says, within what Word can make (63 columns): a hostile w:gridSpan of a
        // billion must not make a billion columns.
        const colSpan = Math.min(MAX_COLUMNS, Math.max(1, Math.trunc(Number(cell.colSpan ?? 1)) || 1));
        const rowSpan = Math.max(1, Math.trunc(Number(cell.rowSpan ?? 1)) || 1);
        const first = paragraphs.length;
        walkCell(cell.children ?? [], {
          table: model.index,
          row: model.rows.length + 1,
          column,
          ...(colSpan > 1 ? { colSpan } : {}),
          ...(rowSpan > 1 ? { rowSpan } : {}),
        });
        const own = paragraphs.slice(first).flatMap((p, i) => (p.cell?.table === model.index ? [first + i + 1] : []));
        cells.push({
          text: own.map((i) => (paragraphs[i - 1] as DocParagraph).text).join(' '),
          paragraphs: own,
          column,
          colSpan,
          rowSpan,
        });
        if (rowSpan > 1) for (let c = column; c < column + colSpan; c++) covered.set(c, rowSpan);
        column += colSpan;
      }
      // The merges of this row and those above move down one row.
      for (const [c, left] of covered) {
        if (left <= 1) covered.delete(c);
        else covered.set(c, left - 1);
      }
      model.rows.push({ cells });
    }
  };
  /** A cell's paragraphs, with their place; a table inside the cell is a table of its own. */
  const walkCell = (nodes: MammothNode[], place: NonNullable<DocParagraph['cell']>): void => {
    for (const n of nodes) {
      if (n.type === 'paragraph') {
        const text = paragraphText(n);
        if (text) paragraphs.push({ text, where: 'table', cell: { ...place } });
      } else if (n.type === 'table') readTable(n);
      else if (n.children) walkCell(n.children, place);
    }
  };
  walk(doc.children ?? [], 'body');
  for (let i = 0; i < notes.length; i++) {
    const first = paragraphs.length;
    walk((notes[i] as MammothNode).body ?? [], 'footnote');
    const mark = marks[i];
    if (mark) for (const p of paragraphs.slice(first)) if (p.where === 'footnote') p.mark = mark;
  }
  const origin = reportOrigin(bytes, dir);
  return {
    format: 'docx',
    paragraphs,
    notes: [],
    ...(tables.length > 0 ? { tables } : {}),
    ...(origin ? { origin } : {}),
  };
}

/** A custom property of docProps/custom.xml: its name and its text value. */
const CUSTOM_PROPERTY = /<property\b[^>]*\bname="([^"]{1,100})"[^>]*>\s*<vt:lpwstr>([^<]{0,200})<\/vt:lpwstr>/gu;

/**
 * The period and dataset code a Word copy of the app's report was written from (its custom
 * properties, see core/report/docx.ts), when the file has them; a damaged part is no origin.
 */
function reportOrigin(bytes: Uint8Array, dir: ZipDirectory): TextDocument['origin'] {
  const entry = dir.entries.get('docProps/custom.xml');
  if (!entry || entry.uncompressedSize > 256 * 1024) return undefined;
  try {
    const xml = new TextDecoder().decode(readZipEntry(bytes, dir, entry, new InflateBudget(DOCX_LIMITS)));
    const props = new Map([...xml.matchAll(CUSTOM_PROPERTY)].map((m) => [m[1], m[2]]));
    const period = props.get(ORIGIN_PERIOD);
    const dataset = props.get(ORIGIN_DATASET);
    return period && dataset ? { period, dataset } : undefined;
  } catch {
    return undefined;
  }
}

// ---------- .pdf ----------

/** Join the items of one line, with a space where the gap between two is wide enough. */
function lineText(items: PdfItem[]): string {
  let out = '';
  let prevEnd: number | undefined;
  for (const it of items) {
    if (prevEnd !== undefined && it.x - prevEnd > it.size * 0.15 && !out.endsWith(' ') && !/^[\s,.;:)]/.test(it.str))
      out += ' ';
    out += it.str;
    prevEnd = it.x + it.w;
  }
  return out;
}

/** Pages as a reader names them: "trang 3", "trang 5–7", "các trang 2, 5–7". */
function pageList(pages: number[]): string {
  const runs: string[] = [];
  for (let k = 0; k < pages.length;) {
    let j = k;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(j === k ? `${pages[k]}` : `${pages[k]}–${pages[j]}`);
    k = j + 1;
  }
  return runs.length === 1 && !runs[0]!.includes('–') ? `trang ${runs[0]}` : `các trang ${runs.join(', ')}`;
}

/**
 * Whether the text clearly goes on across a page break: the page's last line ends without
 * sentence punctuation and the next page starts with a lower-case word, or with a number that
 * is not a list label ("2.125/3.310 hồ sơ", not "2. Kết quả").
 */
function continuesOnNextPage(last: string, first: string): boolean {
  if (/[.!?:;…]["'”’»)\]]*\s*$/u.test(last)) return false;
  const next = first.trimStart();
  return (
    /^\p{Ll}/u.test(next) ||
    (/^\d/.test(next) && !/^\d+(?:\.\d+)*[.)](?:\s|$)/.test(next)) ||
    // A bracket the sentence goes on with ("đạt 37,11%" | "(Nghị quyết số 08-NQ/TU là 30%)"), not a
    // list label ("(2) Tỷ lệ …", "(a) …").
    (/^\(/u.test(next) && !/^\((?:\d+|\p{L})\)/u.test(next))
  );
}

/**
 * A PDF's text layer as paragraphs. Lines are rebuilt from the items' positions; superscript
 * footnote marks and page numbers are dropped; a paragraph ends at a short line, a larger
 * gap, a change of size or an indented line, and at the end of a page unless the text clearly
 * goes on ({@link continuesOnNextPage}) — a paragraph alone on its page, whose lines set that
 * page's right margin, is not taken as the start of the next page's first one.
 */
export async function readPdf(bytes: Uint8Array, opts: ReadOptions = {}): Promise<TextDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    pdf = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new TextReadError('Tệp PDF có mật khẩu: hãy mở khóa trước khi kiểm tra.');
    throw new TextReadError(`Tệp PDF bị hỏng, không đọc được (${(e as Error).message}).`);
  }
  const lines: PdfLine[] = [];
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      opts.onPage?.(p - 1, pdf.numPages);
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str === '') continue;
        const [a, b, , , e, f] = raw.transform as number[];
        items.push({
          str: raw.str,
          x: e as number,
          y: f as number,
          w: raw.width,
          size: Math.hypot(a as number, b as number),
        });
      }
      // Group into lines by baseline, top to bottom.
      items.sort((u, v) => v.y - u.y || u.x - v.x);
      const pageLines: PdfLine[] = [];
      for (const it of items) {
        const line = pageLines.find((l) => Math.abs(l.y - it.y) <= Math.max(2, l.size * 0.5));
        if (line) line.items.push(it);
        else pageLines.push({ items: [it], y: it.y, x0: 0, x1: 0, size: it.size, page: p });
      }
      for (const l of pageLines) {
        // The line's size is its largest; smaller raised items are footnote marks, kept apart with
        // the place in the line's text they were at.
        l.size = Math.max(...l.items.map((i) => i.size));
        const base = Math.min(...l.items.filter((i) => i.size === l.size).map((i) => i.y));
        const isMark = (i: PdfItem): boolean => i.size < l.size * 0.8 && i.y > base + 1 && /^\s*\d+\s*$/.test(i.str);
        const marks = l.items.filter(isMark);
        l.items = l.items.filter((i) => !isMark(i));
        l.items.sort((u, v) => u.x - v.x);
        if (marks.length > 0)
          l.marks = marks.map((m) => ({
            n: Number(m.str.trim()),
            at: lineText(l.items.filter((i) => i.x < m.x)).length,
          }));
        l.y = base;
        l.x0 = Math.min(...l.items.map((i) => i.x));
        l.x1 = Math.max(...l.items.map((i) => i.x + i.w));
      }
      const kept = pageLines.filter((l) => l.items.length > 0 && lineText(l.items).trim() !== '');
      // Page numbers and footnote numbers: a line of digits alone is never a sentence. Small digits
      // set just above a larger line (raised too far to be read in it) are a footnote's number:
      // before the line's start they number the note it begins, further on they mark its place.
      for (const l of kept) {
        const digits = /^\s*(\d{1,4})\s*$/.exec(lineText(l.items));
        if (!digits) continue;
        const below = kept.find((k) => k.y < l.y && l.y - k.y <= k.size * 0.8 && k.size > l.size * 1.2);
        if (!below) continue;
        const n = Number(digits[1]);
        if (l.x0 < below.x0) below.note = n;
        else (below.marks ??= []).push({ n, at: lineText(below.items.filter((i) => i.x < l.x0)).length });
      }
      lines.push(...kept.filter((l) => !/^\s*\d{1,4}\s*$/.test(lineText(l.items))));
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  const notes: string[] = [];
  if (lines.length === 0) notes.push('Tệp PDF không có lớp chữ (bản quét?): không có số liệu nào để kiểm tra.');
  // Tables rebuilt as grids are checked as a Word document's are (check 9); pages with rows of
  // figures that could not be placed in a grid with certainty are named.
  const grids = findTables(lines);
  const inGrid = new Set(grids.flatMap((t) => [...t.lines]));
  const loose = new Map<number, number>();
  for (const l of lines) if (!inGrid.has(l) && figureRow(l)) loose.set(l.page, (loose.get(l.page) ?? 0) + 1);
  const tablePages = [...loose].filter(([, rows]) => rows >= 3).map(([page]) => page);
  if (tablePages.length > 0)
    notes.push(
      `Các bảng số liệu trong tệp PDF (${pageList(tablePages)}) được đọc như những dòng chữ: dòng tổng, cột tổng và ` +
        'cột tỷ lệ của bảng chưa được đối chiếu (việc này chỉ làm được với tệp Word). Để đối chiếu các bảng, hãy ' +
        'kiểm tra bản .docx của văn bản.',
    );
  // Margins per page (portrait body pages and landscape annex pages differ).
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  for (const l of lines) {
    left.set(l.page, Math.min(left.get(l.page) ?? Infinity, l.x0));
    right.set(l.page, Math.max(right.get(l.page) ?? -Infinity, l.x1));
  }
  // The body's size is the one most characters are set in; smaller lines (footnotes, annex
  // tables) form their own streams, so a body paragraph goes on across a page break even
  // when the footnotes of the first page come between.
  const chars = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    chars.set(k, (chars.get(k) ?? 0) + lineText(l.items).length);
  }
  const bodySize = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const streams = new Map<number, PdfLine[]>();
  for (const l of lines) {
    if (inGrid.has(l)) continue;
    const k = Math.round(l.size * 2) / 2;
    streams.set(k, [...(streams.get(k) ?? []), l]);
  }
  type Built = {
    text: string;
    page: number;
    y: number;
    size: number;
    marks: { n: number; at: number }[];
    note?: number;
    /** Set in columns (a line of a table). */
    tabular: boolean;
    /** A later paragraph of a note: the note's first paragraph (the one with its number). */
    of?: Built;
    /** A cell of a table rebuilt as a grid, and where it starts on its line. */
    cell?: { table: number; row: number; column: number };
    x?: number;
  };
  const built: Built[] = [];
  for (const [size, ls] of streams) {
    let current: Built | undefined;
    let prev: PdfLine | undefined;
    let prevText = '';
    for (const l of ls) {
      const text = lineText(l.items);
      let joins = false;
      if (prev && current) {
        const prevFull = prev.x1 >= (right.get(prev.page) ?? 0) - prev.size * 2.5;
        const indented = l.x0 > (left.get(l.page) ?? 0) + l.size * 1.2;
        const gap = prev.y - l.y;
        const normalGap = gap > 0 && gap <= l.size * 1.75;
        // A line set ragged (not justified) ends short of the margin; it still goes on when the
        // text clearly does, as across a page break (but "a) …" starts a heading), or when the
        // next line opens a bracket of lower-case words or of a figure ("(101.742 hồ sơ)"; not the
        // list label "(1) …"). Never between lines of a table (columns apart: a row starts with
        // its number, a cell's words wrap).
        const goesOn =
          !tabular(prev) &&
          !tabular(l) &&
          ((continuesOnNextPage(prevText, text) && !/^\p{Ll}\)/u.test(text.trimStart())) ||
            (!/[.!?:;…]["'”’»)\]]*\s*$/u.test(prevText) &&
              /^[(“"]\s*(?:\p{Ll}|\d(?![\d.,]*\)))/u.test(text.trimStart())));
        // Rows of a table are never one paragraph, however wide they are set.
        const rows = (tabular(prev) && tabular(l)) || figureRow(prev) || figureRow(l);
        joins =
          !rows &&
          (prevFull || (goesOn && l.page === prev.page)) &&
          !indented &&
          (l.page === prev.page ? normalGap : l.page === prev.page + 1 && continuesOnNextPage(prevText, text));
      }
      // A footnote's first line begins a paragraph of its own.
      if (joins && current && l.note === undefined) {
        const from = current.text.length + 1;
        current.text += ` ${text}`;
        for (const m of l.marks ?? []) current.marks.push({ n: m.n, at: from + m.at });
        current.tabular ||= tabular(l);
      } else {
        if (current) built.push(current);
        current = {
          text,
          page: l.page,
          y: l.y,
          size,
          marks: [...(l.marks ?? [])],
          ...(l.note !== undefined ? { note: l.note } : {}),
          tabular: tabular(l),
        };
      }
      prev = l;
      prevText = text;
    }
    if (current) built.push(current);
  }
  grids.forEach((t, ti) =>
    t.rows.forEach((r, ri) => {
      for (const c of r.cells)
        built.push({
          text: c.text,
          page: r.page,
          y: r.y,
          size: bodySize,
          marks: [],
          tabular: true,
          cell: { table: ti + 1, row: ri + 1, column: c.column + 1 },
          x: c.x,
        });
    }),
  );
  built.sort((a, b) => a.page - b.page || b.y - a.y || (a.x ?? 0) - (b.x ?? 0));
  const kept = built.filter((b) => collapse(b.text).length > 0);
  // A footnote begins with its number, in smaller type: other smaller lines — the header, "Nơi
  // nhận", an annex's tables — are not footnotes. A note's later paragraphs (a list in a note, a
  // note going on at the next page's foot after a full stop) have no number: a paragraph of the
  // note's size that comes next in that size — below the note on its page, or first of that size
  // on the next page — is more of the note when it lies below the page's body text and is not
  // set in columns (an annex's table after a page that ends with a note).
  const bodyBottom = new Map<number, number>();
  for (const l of lines)
    if (Math.round(l.size * 2) / 2 === bodySize)
      bodyBottom.set(l.page, Math.min(bodyBottom.get(l.page) ?? Infinity, l.y));
  const lastOfSize = new Map<number, Built>();
  for (const b of kept) {
    const before = lastOfSize.get(b.size);
    lastOfSize.set(b.size, b);
    if (b.note !== undefined || before?.note === undefined || b.tabular || before.size >= bodySize - 0.5) continue;
    const next = b.page === before.page || b.page === before.page + 1;
    if (next && b.y < (bodyBottom.get(b.page) ?? Infinity)) {
      b.note = before.note;
      b.of = before.of ?? before;
    }
  }
  const isNote = (b: Built): boolean => b.size < bodySize - 0.5 && b.note !== undefined;
  const paragraphs: DocParagraph[] = kept.map((b) => ({
    text: collapse(b.text),
    where: b.cell ? ('table' as const) : isNote(b) ? ('footnote' as const) : ('body' as const),
    page: b.page,
    ...(b.cell ? { cell: { ...b.cell } } : {}),
  }));
  // The grids, each cell with its paragraph; a column a row leaves empty is a blank cell.
  const cellParagraph = new Map<string, number>();
  kept.forEach((b, i) => {
    if (b.cell) cellParagraph.set(`${b.cell.table}/${b.cell.row}/${b.cell.column}`, i + 1);
  });
  const tables: DocTable[] = grids.map((t, ti) => ({
    index: ti + 1,
    rows: t.rows.map((r, ri) => ({
      cells: Array.from({ length: t.columns }, (_, c): DocTableCell => {
        const own = r.cells.find((x) => x.column === c);
        const p = own && cellParagraph.get(`${ti + 1}/${ri + 1}/${c + 1}`);
        return {
          text: p ? paragraphs[p - 1]!.text : '',
          paragraphs: p ? [p] : [],
          column: c + 1,
          colSpan: 1,
          rowSpan: 1,
        };
      }),
    })),
  }));
  // Each footnote to the place of its mark: the body paragraph with the mark of its number, on its
  // page first (numbers may start again on each page). Offsets as the collapsed text has them.
  kept.forEach((b, i) => {
    if (b.note === undefined || b.of || paragraphs[i]!.where !== 'footnote') return;
    let found: { paragraph: number; at: number } | undefined;
    kept.forEach((o, j) => {
      if (paragraphs[j]!.where !== 'body') return;
      const m = o.marks.find((k) => k.n === b.note);
      if (m && (!found || o.page === b.page))
        found = { paragraph: j + 1, at: collapse(`${o.text.slice(0, m.at)}x`).length - 1 };
    });
    if (found) paragraphs[i]!.mark = found;
  });
  // A note's later paragraphs are where its first is (as a Word document's are).
  kept.forEach((b, i) => {
    const mark = b.of && paragraphs[kept.indexOf(b.of)]?.mark;
    if (mark) paragraphs[i]!.mark = { ...mark };
  });
  return { format: 'pdf', paragraphs, notes, ...(tables.length > 0 ? { tables } : {}) };
}

/** Options of the readers. */
export interface ReadOptions {
  /** PDF: called before each page is read (pages done, pages in all), for a progress bar. */
  onPage?: (done: number, total: number) => void;
}

/** Read a draft of any supported format (told by its bytes). */
export async function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Promise<TextDocument> {
  switch (sniffFormat(bytes)) {
    case 'pdf':
      return readPdf(bytes, opts);
    case 'zip':
      return readDocx(bytes);
    case 'doc':
      throw new TextReadError('Tệp là định dạng Word cũ (.doc): hãy mở bằng Word và lưu lại thành .docx rồi kiểm tra.');
    case 'docx':
    case 'txt':
      return readTxt(bytes);
  }
}
