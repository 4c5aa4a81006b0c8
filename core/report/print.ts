/**
 * The report laid out and drawn straight with pdfkit (see core/pdf/flow), without pdfmake:
 * the same pages as the pdfmake layout it replaces — header block, title, justified body
 * with footnote marks, page-bottom footnotes, the closing block, page numbers from page 2,
 * and the annex tables — set with pdfmake's rules (core/pdf/flow/inline.ts) and placed with
 * its page-breaking rules: a line goes to the next page when it does not fit; a top margin
 * that does not fit, or a bottom margin, ends the page; a heading stays with the text that
 * follows it; the closing block is never broken; an annex table's rows move whole to the next
 * page, under the repeated header row of the units' annex (pdfmake cut a row between its lines).
 *
 * Layout is separate from drawing: `layoutReport` places everything on pages (cheap, run
 * again while the footnotes' room settles), `drawReport` writes the PDF.
 */
import type { LaidOutLine, LaidOutPage } from '../pdf/layout.js';
import { setParagraph, type InlineRun, type ParaAlign, type SetLine } from '../pdf/flow/inline.js';
import {
  drawLine,
  measureShaped as measure,
  newDocument,
  strokeLines,
  type FontStyle,
  type PdfDoc,
} from '../pdf/flow/text.js';
import { Table } from '../pdf/flow/table.js';
import { mm } from '../pdf/units.js';
import { formatNumber } from '../numbers/index.js';
import { formatPlaceDate, type ReportSettings } from './settings.js';
import {
  CONTENT_WIDTH,
  FOOTNOTE_SIZE,
  GAP_COLOR,
  HEADING_TAG,
  MARGIN,
  PAGE,
  PARAGRAPH_TAG,
  RECIPIENTS_WIDTH,
  SIGNATURE_SPACE,
  SIGNATURE_WIDTH,
  SIGNER_NAME_ID,
  STAMP_COLOR,
  type BodyBlock,
  type Footnote,
  type Inline,
  type StampInput,
} from './document.js';

const HEADER_LEFT = 190;
const HEADER_RIGHT = CONTENT_WIDTH - HEADER_LEFT;
const INDENT = mm(12.7);

/** Space above the footnotes' separator rule, the gap under it and under each footnote. */
export const FN_TOP = 8;
const FN_RULE_GAP = 3;
export const FN_GAP = 2;

type Style = { bold?: boolean; italics?: boolean };
const fontStyle = (s: Style): FontStyle =>
  s.bold ? (s.italics ? 'bolditalics' : 'bold') : s.italics ? 'italics' : 'normal';

/** What is drawn on a page, in order. */
type Op = (doc: PdfDoc) => void;

interface OutPage {
  width: number;
  height: number;
  landscape: boolean;
  ops: Op[];
  lines: LaidOutLine[];
}

/** A table cell: paragraphs (already set to the cell's width by the table). */
export interface TableCellSpec {
  runs: InlineRun[];
  align?: ParaAlign;
}

export interface TableSpec {
  widths: (number | '*')[];
  size: number;
  header: TableCellSpec[];
  rows: TableCellSpec[][];
  /** Rows move whole to the next page instead of breaking between lines. */
  dontBreakRows?: boolean;
}

/** Annex content: a new page (orientation), centred titles, tables and notes. */
export type AnnexItem =
  | { type: 'page'; landscape: boolean }
  | {
      type: 'text';
      runs: InlineRun[];
      align?: ParaAlign;
      margin?: [number, number, number, number];
      pageBreak?: boolean;
    }
  | { type: 'table'; table: TableSpec };

/** Pages being laid out, with pdfmake's cursor: `y` and the height still available. */
class Pages {
  readonly pages: OutPage[] = [];
  y = 0;
  available = 0;
  x = MARGIN.left;
  width = CONTENT_WIDTH;

  constructor(private readonly reserve: ReadonlyMap<number, number>) {}

  get page(): OutPage {
    return this.pages[this.pages.length - 1] as OutPage;
  }

  get number(): number {
    return this.pages.length;
  }

  addPage(landscape = this.pages.length > 0 ? this.page.landscape : false): void {
    const width = landscape ? PAGE.height : PAGE.width;
    const height = landscape ? PAGE.width : PAGE.height;
    this.pages.push({ width, height, landscape, ops: [], lines: [] });
    this.y = MARGIN.top;
    this.available = height - MARGIN.top - MARGIN.bottom;
    const reserve = this.reserve.get(this.pages.length);
    if (reserve) this.available -= reserve;
    this.x = MARGIN.left;
    this.width = width - MARGIN.left - MARGIN.right;
  }

  moveDown(h: number): void {
    this.y += h;
    this.available -= h;
  }

  atTop(): boolean {
    return this.y <= MARGIN.top;
  }

  /** A top margin: moved down, or — when it does not fit — the next page. */
  marginTop(m: number): void {
    if (!m) return;
    if (this.available - m < 0) {
      this.moveDown(this.available);
      this.addPage();
    } else this.moveDown(m);
  }

  marginBottom(m: number): void {
    this.marginTop(m);
  }
}

/** Record and draw a set line at (x, y) on the current page. */
function placeLine(p: Pages, line: SetLine, x: number, y: number, id?: string): void {
  placeLineOn(p.page, line, x, y, id);
}

/** Record and draw a set line at (x, y) on `page`; `id`: a named destination at its start. */
function placeLineOn(page: OutPage, line: SetLine, x: number, y: number, id?: string): void {
  page.lines.push({
    x: x + line.offset,
    y,
    width: line.width,
    height: line.height,
    ...(id ? { id } : {}),
    // Set lines are shared between documents: the report's own copies.
    destinations: [...line.destinations],
    tags: [...line.tags],
    text: line.text,
  });
  page.ops.push((doc) => {
    drawLine(doc, line, x, y, 0, 'left');
    const d = doc as unknown as {
      goTo(x: number, y: number, w: number, h: number, name: string): void;
      addNamedDestination(name: string, ...args: unknown[]): void;
    };
    for (const l of line.links) d.goTo(x + l.x, y + l.y, l.width, l.height, l.goTo);
    const first = line.pieces[0];
    if (id && first) d.addNamedDestination(id, 'XYZ', x + first.x, y, null);
  });
}

/** A text node: its lines placed one after another, each on the next page if it does not fit. */
function textNode(
  p: Pages,
  runs: InlineRun[],
  opts: {
    align?: ParaAlign;
    lineHeight?: number;
    leadingIndent?: number;
    margin?: [number, number, number, number];
    id?: string;
  } = {},
): { first: { page: number; y: number } | undefined } {
  const [ml, mt, mr, mb] = opts.margin ?? [0, 0, 0, 0];
  const hasMargin = opts.margin !== undefined;
  if (hasMargin) p.marginTop(mt);
  const lines = setParagraph(runs, p.width - ml - mr, {
    align: opts.align ?? 'left',
    lineHeight: opts.lineHeight ?? 1,
    leadingIndent: opts.leadingIndent ?? 0,
  });
  let first: { page: number; y: number } | undefined;
  lines.forEach((line, i) => {
    if (line.height > p.available && !p.atTop()) p.addPage();
    if (p.available < line.height) p.addPage();
    first ??= { page: p.number, y: p.y };
    placeLine(p, line, p.x + ml, p.y, i === 0 ? opts.id : undefined);
    p.moveDown(line.height);
  });
  if (hasMargin) p.marginBottom(mb);
  return { first };
}

function run(text: string, size: number, s: Style = {}, extra: Partial<InlineRun> = {}): InlineRun {
  return { text, size, style: fontStyle(s), ...extra };
}

/** Body runs of resolved inlines; footnote marks are superscript links to their footnote. */
function inlineRuns(inlines: Inline[], size: number, base: Style, tag?: string): InlineRun[] {
  return inlines.map((i): InlineRun => {
    const t = tag ? { tag } : {};
    if ('fn' in i) return run(formatNumber(i.fn, { decimals: 0 }), size, base, { sup: true, goTo: `fn-${i.fn}`, ...t });
    return run(
      i.text,
      size,
      { bold: i.bold || base.bold, italics: i.gap || base.italics },
      {
        ...(i.gap ? { color: GAP_COLOR } : {}),
        ...t,
      },
    );
  });
}

/** The footnote's runs as printed at the page bottom: its number, a space, its text. */
function footnoteRuns(f: Footnote): InlineRun[] {
  return [
    run(formatNumber(f.n, { decimals: 0 }), FOOTNOTE_SIZE, {}, { sup: true }),
    run(' ', FOOTNOTE_SIZE),
    ...inlineRuns(f.inlines, FOOTNOTE_SIZE, {}),
  ];
}

/** Lines of each footnote at the content width. */
export function footnoteLines(f: Footnote): SetLine[] {
  return setParagraph(footnoteRuns(f), CONTENT_WIDTH, { align: 'justify' });
}

/** A horizontal rule `length` long centred in a column starting at `x`. */
function rule(p: Pages, x: number, columnWidth: number, length: number, y: number, width = 0.6): void {
  const rx = x + (columnWidth - length) / 2;
  p.page.ops.push((doc) => strokeLines(doc, width, [[rx, y, rx + length, y]]));
}

/** A column of centred lines (a stack in a header cell) from `y`; returns its bottom. */
function column(
  p: Pages,
  x: number,
  width: number,
  y: number,
  items: ({ runs: InlineRun[]; marginTop?: number } | { rule: number; marginTop: number })[],
): number {
  for (const item of items) {
    y += item.marginTop ?? 0;
    if ('rule' in item) {
      rule(p, x, width, item.rule, y);
      continue;
    }
    for (const line of setParagraph(item.runs, width, { align: 'center' })) {
      placeLine(p, line, x, y);
      y += line.height;
    }
  }
  return y;
}

/** The two-column header: issuer and number at the left, national title (or Party) and date at the right. */
function headerBlock(p: Pages, s: ReportSettings): void {
  const number = s.number.startsWith('/') ? `${'\u00a0'.repeat(10)}${s.number}` : s.number;
  const issuerWidth = Math.min(HEADER_LEFT, measure(s.issuingBody, 'bold', 13));
  type Item = { runs: InlineRun[]; marginTop?: number } | { rule: number; marginTop: number };
  let left: Item[];
  let right: Item[];
  let numberLine: InlineRun;
  if (s.kind === 'state') {
    left = [
      ...(s.governingBody ? [{ runs: [run(s.governingBody.toUpperCase(), 13)] }] : []),
      { runs: [run(s.issuingBody.toUpperCase(), 13, { bold: true })] },
      { rule: Math.max(36, issuerWidth * 0.4), marginTop: 2 },
    ];
    const national = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    const nationalSize = measure(national, 'bold', 13) <= HEADER_RIGHT - 4 ? 13 : 12;
    right = [
      { runs: [run(national, nationalSize, { bold: true })] },
      { runs: [run(motto, 14, { bold: true })] },
      { rule: measure(motto, 'bold', 14), marginTop: 2 },
    ];
    numberLine = run(`Số: ${number}`, 13);
  } else {
    const party = 'ĐẢNG CỘNG SẢN VIỆT NAM';
    left = [
      ...(s.governingBody ? [{ runs: [run(s.governingBody.toUpperCase(), 14)] }] : []),
      { runs: [run(s.issuingBody.toUpperCase(), 14, { bold: true })] },
      { runs: [run('*', 14)] },
    ];
    right = [{ runs: [run(party, 15, { bold: true })] }, { rule: measure(party, 'bold', 15), marginTop: 2 }];
    numberLine = run(`Số ${number}`, 14);
  }
  const top = p.y;
  const row1 = Math.max(column(p, p.x, HEADER_LEFT, top, left), column(p, p.x + HEADER_LEFT, HEADER_RIGHT, top, right));
  const date = run(formatPlaceDate(s.place, s.date), 14, { italics: true });
  const row2 = Math.max(
    column(p, p.x, HEADER_LEFT, row1, [{ runs: [numberLine], marginTop: 6 }]),
    column(p, p.x + HEADER_LEFT, HEADER_RIGHT, row1, [{ runs: [date], marginTop: 6 }]),
  );
  p.moveDown(row2 - top);
}

/** "BÁO CÁO" and the summary line with its short rule (dashes in Party documents). */
function titleBlock(p: Pages, s: ReportSettings): void {
  const summaryWidth = Math.min(CONTENT_WIDTH, measure(s.summary, 'bold', 14));
  textNode(p, [run(s.title.toUpperCase(), 14, { bold: true })], { align: 'center', margin: [0, 20, 0, 0] });
  textNode(p, [run(s.summary, 14, { bold: true })], { align: 'center', margin: [mm(10), 0, mm(10), 0] });
  if (s.kind === 'party') {
    textNode(p, [run('-----', 14)], { align: 'center', margin: [0, 0, 0, 10] });
  } else {
    p.marginTop(5);
    rule(p, p.x, p.width, Math.min(summaryWidth, CONTENT_WIDTH - mm(20)) * 0.35, p.y);
    p.marginBottom(14);
  }
}

/** Lines a body block is set in (justified 14 pt, 1.27 cm first-line indent, line height 1.1). */
function bodyLines(b: BodyBlock, width: number): SetLine[] {
  const heading = b.type === 'heading';
  const runs = inlineRuns(
    b.inlines,
    14,
    heading ? { bold: true, italics: b.level === 3 } : { italics: b.italics },
    heading ? HEADING_TAG : PARAGRAPH_TAG,
  );
  return setParagraph(runs, width, { align: 'justify', leadingIndent: INDENT, lineHeight: 1.1 });
}

function blockMargin(b: BodyBlock): [number, number, number, number] {
  return b.type === 'heading' ? [0, b.level === 1 ? 6 : 0, 0, 6] : [0, 0, 0, 6];
}

/** Place a body block; returns where its first line landed. */
function placeBlock(p: Pages, b: BodyBlock, lines: SetLine[]): { page: number; y: number } | undefined {
  const [, mt, , mb] = blockMargin(b);
  p.marginTop(mt);
  let first: { page: number; y: number } | undefined;
  for (const line of lines) {
    if (line.height > p.available && !p.atTop()) p.addPage();
    if (p.available < line.height) p.addPage();
    first ??= { page: p.number, y: p.y };
    placeLine(p, line, p.x, p.y);
    p.moveDown(line.height);
  }
  p.marginBottom(mb);
  return first;
}

/** The cursor of a layout, to lay part of it out again from there. */
interface Mark {
  pages: number;
  y: number;
  available: number;
  ops: number;
  lines: number;
}

function mark(p: Pages): Mark {
  return { pages: p.pages.length, y: p.y, available: p.available, ops: p.page.ops.length, lines: p.page.lines.length };
}

function rewind(p: Pages, m: Mark): void {
  p.pages.length = m.pages;
  p.y = m.y;
  p.available = m.available;
  p.page.ops.length = m.ops;
  p.page.lines.length = m.lines;
}

/**
 * The body: blocks in order. A heading must have some text (not another heading) start on
 * its page below it, else it starts the next page — decided heading by heading in order, as
 * pdfmake's `pageBreakBefore` did. The closing block counts as text when it starts on the
 * heading's page: pdfmake took it to start where it was tried, even when it moved on to the
 * next page, and left a last heading alone at the end of its page.
 */
function bodyBlocks(p: Pages, blocks: BodyBlock[], after: (p: Pages) => void): void {
  const lines = blocks.map((b) => bodyLines(b, p.width));
  const broken = new Set<number>();
  for (;;) {
    const start = mark(p);
    const firsts: ({ page: number; y: number } | undefined)[] = [];
    blocks.forEach((b, i) => {
      if (broken.has(i)) p.addPage();
      firsts.push(placeBlock(p, b, lines[i] as SetLine[]));
    });
    const closing = mark(p);
    after(p);
    const closingFirst = firstLineAfter(p, closing);
    // The first heading (in order) with no text starting below it on its page.
    let moved = -1;
    for (let i = 0; i < blocks.length && moved < 0; i++) {
      const b = blocks[i] as BodyBlock;
      const at = firsts[i];
      if (b.type !== 'heading' || broken.has(i) || !at) continue;
      let company = false;
      for (let j = i + 1; j < blocks.length && !company; j++) {
        const f = firsts[j];
        if (blocks[j]?.type === 'paragraph' && f && f.page === at.page && f.y > at.y) company = true;
      }
      if (!company && closingFirst && closingFirst.page === at.page && closingFirst.y > at.y) company = true;
      if (!company) moved = i;
    }
    if (moved < 0) return;
    broken.add(moved);
    rewind(p, start);
  }
}

function firstLineAfter(p: Pages, m: Mark): { page: number; y: number } | undefined {
  for (let n = m.pages; n <= p.pages.length; n++) {
    const page = p.pages[n - 1] as OutPage;
    const line = page.lines[n === m.pages ? m.lines : 0];
    if (line) return { page: n, y: line.y };
  }
  return undefined;
}

/** Size of a PNG scaled to fit a box, from its IHDR chunk. */
function fitted(png: Uint8Array, maxW: number, maxH: number): { w: number; h: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const w = png.byteLength >= 24 ? view.getUint32(16) : maxW;
  const h = png.byteLength >= 24 ? view.getUint32(20) : maxH;
  const k = Math.min(maxW / (w || 1), maxH / (h || 1));
  return { w: w * k, h: h * k };
}

/** The stamp's three lines (8 pt, blue, centred) in `width`, from `y`; returns the bottom. */
function stampLines(p: Pages, stamp: StampInput, x: number, width: number, y: number): number {
  const blue = { color: STAMP_COLOR };
  for (const r of [
    run(`Ký số bởi: ${stamp.signerName}`, 8, { bold: true }, blue),
    run(stamp.subject, 8, {}, blue),
    run(`Thời gian ký: ${stamp.signingTime}`, 8, {}, blue),
  ]) {
    for (const line of setParagraph([r], width, { align: 'center' })) {
      placeLine(p, line, x, y);
      y += line.height;
    }
  }
  return y;
}

/** The visible stamp in the signature space whose top-left is (x, y). */
function stampContent(p: Pages, stamp: StampInput, x: number, y: number): void {
  if (!stamp.signatureImage && !stamp.sealImage) {
    // A framed text stamp: a one-cell table, 0.8 pt blue rules, padding 4 + margin 4.
    const lw = 0.8;
    const left = x + 20;
    const top = y + 12;
    const inner = SIGNATURE_WIDTH - 40;
    const contentX = left + lw + 4 + 4;
    const bottom = stampLines(p, stamp, contentX, inner - 8, top + lw + 2 + 4) + 4 + 2;
    const right = left + inner + 2 * 4 + 2 * lw;
    const r = [
      [left, top + lw / 2, right, top + lw / 2],
      [left, bottom + lw / 2, right, bottom + lw / 2],
      [left + lw / 2, top, left + lw / 2, bottom + lw],
      [right - lw / 2, top, right - lw / 2, bottom + lw],
    ] as [number, number, number, number][];
    p.page.ops.push((doc) => {
      const d = doc as unknown as { addContent(s: string): void };
      d.addContent('q');
      strokeColored(doc, STAMP_COLOR, lw, r);
      d.addContent('Q');
    });
    return;
  }
  const sigH = 50;
  const sig = stamp.signatureImage ? fitted(stamp.signatureImage, 120, sigH) : { w: 0, h: 0 };
  const sigX = (SIGNATURE_WIDTH - sig.w) / 2;
  const images: { png: Uint8Array; x: number; y: number; w: number; h: number }[] = [];
  if (stamp.sealImage) {
    // NĐ 30/2020: the seal covers about the left third of the signature.
    const seal = fitted(stamp.sealImage, sigH, sigH);
    const sx = stamp.signatureImage ? sigX + sig.w / 3 - seal.w : (SIGNATURE_WIDTH - seal.w) / 2;
    images.push({ png: stamp.sealImage, x: x + sx, y: y + (sigH - seal.h) / 2, w: seal.w, h: seal.h });
  }
  if (stamp.signatureImage)
    images.push({ png: stamp.signatureImage, x: x + sigX, y: y + (sigH - sig.h) / 2, w: sig.w, h: sig.h });
  p.page.ops.push((doc) => {
    const d = doc as unknown as { image(src: Buffer, x: number, y: number, o: object): void };
    for (const im of images) d.image(Buffer.from(im.png), im.x, im.y, { width: im.w, height: im.h });
  });
  stampLines(p, stamp, x, SIGNATURE_WIDTH, y + sigH + 2);
}

function strokeColored(doc: PdfDoc, color: string, width: number, lines: [number, number, number, number][]): void {
  const hex = (i: number): string => String(Math.round((parseInt(color.slice(i, i + 2), 16) / 255) * 1000) / 1000);
  let ops = `${hex(1)} ${hex(3)} ${hex(5)} RG ${width} w\n`;
  for (const [x1, y1, x2, y2] of lines) ops += `${x1} ${y1} m ${x2} ${y2} l\n`;
  (doc as unknown as { addContent(s: string): void }).addContent(`${ops}S`);
}

/** Lay out the closing block in a scratch page at (x, 0); returns its height. */
function closingBlock(p: Pages, s: ReportSettings, stamp: StampInput | undefined, x: number, top: number): number {
  // "Nơi nhận" at the left (2 pt lower), the signature block at the right.
  let ly = top + 2;
  for (const r of [
    run('Nơi nhận:', 12, { bold: true, italics: true }),
    ...s.recipients.map((t) => run(`- ${t}`, 11)),
  ]) {
    for (const line of setParagraph([r], RECIPIENTS_WIDTH)) {
      placeLine(p, line, x, ly);
      ly += line.height;
    }
  }
  const sx = x + RECIPIENTS_WIDTH;
  let ry = column(
    p,
    sx,
    SIGNATURE_WIDTH,
    top,
    s.authority.map((a) => ({ runs: [run(a.toUpperCase(), 14, { bold: true })] })),
  );
  if (stamp) stampContent(p, stamp, sx, ry);
  ry += SIGNATURE_SPACE;
  setParagraph([run(s.signerName, 14, { bold: true })], SIGNATURE_WIDTH, { align: 'center' }).forEach((line, i) => {
    // The signer's line is found by its id: the signature space ends at its top.
    placeLine(p, line, sx, ry, i === 0 ? SIGNER_NAME_ID : undefined);
    ry += line.height;
  });
  if (s.signerTitle) ry = column(p, sx, SIGNATURE_WIDTH, ry, [{ runs: [run(s.signerTitle, 13, { italics: true })] }]);
  return Math.max(ly, ry) - top;
}

/** The closing block: 12 pt above it, never broken — on the next page when it does not fit. */
function placeClosing(p: Pages, s: ReportSettings, stamp: StampInput | undefined): void {
  p.marginTop(12);
  const m = mark(p);
  const h = closingBlock(p, s, stamp, p.x, p.y);
  if (h > p.available) {
    rewind(p, m);
    p.addPage();
    closingBlock(p, s, stamp, p.x, p.y);
  }
  p.moveDown(h);
}

/** Page number centred in the top margin, from page 2 (NĐ 30/2020). */
function pageNumbers(pages: OutPage[]): void {
  pages.forEach((page, i) => {
    if (i === 0) return;
    const width = page.width - MARGIN.left - MARGIN.right;
    const p = { page } as unknown as Pages;
    for (const line of setParagraph([run(formatNumber(i + 1, { decimals: 0 }), 14)], width, { align: 'center' }))
      placeLine(p, line, MARGIN.left, mm(9));
  });
}

/** Footnotes at the bottom of their marks' pages, under a short rule. */
function footnoteAreas(
  pages: OutPage[],
  footnotes: Footnote[],
  marks: ReadonlyMap<number, number>,
  need: ReadonlyMap<number, number>,
): void {
  pages.forEach((page, i) => {
    const n = i + 1;
    const here = footnotes.filter((f) => marks.get(f.n) === n);
    const h = need.get(n);
    if (!here.length || h === undefined) return;
    const top = page.height - MARGIN.bottom - h + FN_TOP;
    const p = { page } as unknown as Pages;
    const ops = page.ops;
    const lines = page.lines;
    // Drawn first on the page (the page's background).
    page.ops = [];
    page.lines = [];
    page.ops.push((doc) => strokeLines(doc, 0.5, [[MARGIN.left, top, MARGIN.left + CONTENT_WIDTH / 3, top]]));
    let y = top + FN_RULE_GAP;
    for (const f of here) {
      footnoteLines(f).forEach((line, k) => {
        placeLine(p, line, MARGIN.left, y, k === 0 ? `fn-${f.n}` : undefined);
        y += line.height;
      });
      y += FN_GAP;
    }
    page.ops.push(...ops);
    page.lines.push(...lines);
  });
}

/** A cell laid out in its column. */
interface CellLines {
  x: number;
  width: number;
  lines: SetLine[];
}

const GRID = { lineWidth: 0.5, padX: 3, padY: 2 };

/**
 * A table with a thin grid (0.5 pt rules, 3 pt × 2 pt padding): the header row with the
 * table's top rule is never broken and is repeated on each page the table continues on. A
 * row moves whole to the next page (`dontBreakRows`) or, by default, breaks between lines:
 * each cell keeps on its page the lines that fit above the row's bottom padding and rule,
 * and goes on under the repeated header.
 */
function placeTable(p: Pages, spec: TableSpec): void {
  const { lineWidth, padX, padY } = GRID;
  const edges = new Table({ widths: spec.widths, totalWidth: p.width, lineWidth, padX, padY }).edges;
  const x0 = p.x;
  const right = x0 + (edges[edges.length - 1] as number) + lineWidth;
  const cellsOf = (row: TableCellSpec[]): CellLines[] =>
    row.map((c, i) => {
      const left = edges[i] as number;
      const width = (edges[i + 1] as number) - left - lineWidth - 2 * padX;
      const runs = c.runs.map((r) => ({ ...r, size: spec.size }));
      return { x: x0 + left + lineWidth + padX, width, lines: setParagraph(runs, width, { align: c.align ?? 'left' }) };
    });
  const contentHeight = (cells: CellLines[]): number =>
    Math.max(0, ...cells.map((c) => c.lines.reduce((s, l) => s + l.height, 0)));
  /** Rules of a row (or of its part on a page): its sides from `top` to `bottom`, the rule under it. */
  const rules = (page: OutPage, cells: CellLines[], top: number, bottom: number, withTop: boolean): void => {
    const list: [number, number, number, number][] = [];
    if (withTop) list.push([x0, top + lineWidth / 2, right, top + lineWidth / 2]);
    list.push([x0, bottom + lineWidth / 2, right, bottom + lineWidth / 2]);
    list.push([x0 + lineWidth / 2, top, x0 + lineWidth / 2, bottom + lineWidth]);
    for (const c of cells) {
      const ex = c.x + c.width + padX + lineWidth / 2;
      list.push([ex, top, ex, bottom + lineWidth]);
    }
    page.ops.push((doc) => strokeLines(doc, lineWidth, list));
  };
  /** Place each cell's lines from `top` on `page`. */
  const fill = (page: OutPage, cells: CellLines[], top: number): void => {
    for (const c of cells) {
      let y = top;
      for (const line of c.lines) {
        placeLineOn(page, line, c.x, y);
        y += line.height;
      }
    }
  };

  const header = cellsOf(spec.header);
  const headerContent = contentHeight(header);
  const headerHeight = lineWidth + padY + headerContent + padY + lineWidth;
  const drawHeader = (): void => {
    fill(p.page, header, p.y + lineWidth + padY);
    rules(p.page, header, p.y, p.y + lineWidth + padY + headerContent + padY, true);
    p.moveDown(headerHeight);
  };
  if (headerHeight > p.available) p.addPage();
  drawHeader();

  for (const row of spec.rows) {
    const cells = cellsOf(row);
    if (spec.dontBreakRows) {
      const h = padY + contentHeight(cells) + padY + lineWidth;
      if (h > p.available) {
        p.addPage();
        drawHeader();
      }
      fill(p.page, cells, p.y + padY);
      rules(p.page, cells, p.y - lineWidth, p.y + h - lineWidth, false);
      p.moveDown(h);
      continue;
    }
    // Room kept under each part of the row: its bottom padding and rule.
    const reserved = lineWidth + padY;
    const first = p.number;
    const startY = p.y;
    const startAvailable = p.available;
    /** Where the row goes on, on each later page (under the repeated header). */
    const tops = new Map<number, number>();
    /** The lowest line bottom of the row on each of its pages. */
    const bottoms = new Map<number, number>();
    /** The height available under the repeated header on each later page. */
    const availables = new Map<number, number>();
    let lastPage = first;
    let lastY = startY + padY;
    let lastAvailable = startAvailable - reserved - padY;
    for (const c of cells) {
      let n = first;
      let y = startY + padY;
      let available = startAvailable - reserved - padY;
      for (const line of c.lines) {
        if (line.height > available) {
          n++;
          if (n > p.number) {
            p.addPage();
            drawHeader();
            tops.set(n, p.y);
            availables.set(n, p.available - reserved - padY);
          }
          y = (tops.get(n) as number) + padY;
          available = availables.get(n) as number;
        }
        placeLineOn(p.pages[n - 1] as OutPage, line, c.x, y);
        y += line.height;
        available -= line.height;
      }
      bottoms.set(n, Math.max(bottoms.get(n) ?? 0, y));
      if (n > lastPage || (n === lastPage && y > lastY)) {
        lastPage = n;
        lastY = y;
        lastAvailable = available;
      }
    }
    for (let n = first; n <= lastPage; n++) {
      const top = (n === first ? startY : (tops.get(n) as number)) - lineWidth;
      const bottom = (n === lastPage ? lastY : (bottoms.get(n) ?? top + lineWidth)) + padY;
      rules(p.pages[n - 1] as OutPage, cells, top, bottom, false);
    }
    // Under the row: its bottom padding and rule.
    p.y = lastY;
    p.available = lastAvailable;
    p.moveDown(padY);
    p.available += reserved;
    p.moveDown(lineWidth);
  }
}

/** Annex items in order. */
function placeAnnex(p: Pages, items: AnnexItem[]): void {
  for (const it of items) {
    if (it.type === 'page') p.addPage(it.landscape);
    else if (it.type === 'text') {
      if (it.pageBreak) p.addPage();
      textNode(p, it.runs, { align: it.align ?? 'left', ...(it.margin ? { margin: it.margin } : {}) });
    } else placeTable(p, it.table);
  }
}

export interface ReportLayoutInput {
  settings: ReportSettings;
  blocks: BodyBlock[];
  footnotes: Footnote[];
  stamp?: StampInput;
  annexes?: AnnexItem[];
}

export interface ReportLayout {
  pages: OutPage[];
}

/** Lay the report out with `reserve` points kept free at the bottom of given pages. */
export function layoutReport(input: ReportLayoutInput, reserve: ReadonlyMap<number, number>): ReportLayout {
  const p = new Pages(reserve);
  p.addPage(false);
  headerBlock(p, input.settings);
  titleBlock(p, input.settings);
  bodyBlocks(p, input.blocks, (q) => placeClosing(q, input.settings, input.stamp));
  if (input.annexes) placeAnnex(p, input.annexes);
  return { pages: p.pages };
}

/** The laid-out pages as the `onLayout` hook reports them. */
export function laidOut(layout: ReportLayout): LaidOutPage[] {
  return layout.pages.map((page, i) => ({ number: i + 1, width: page.width, height: page.height, lines: page.lines }));
}

/** Add the page numbers and the footnotes, then draw the PDF. */
export function drawReport(
  layout: ReportLayout,
  footnotes: Footnote[],
  marks: ReadonlyMap<number, number>,
  need: ReadonlyMap<number, number>,
  info: object,
): Promise<Buffer> {
  footnoteAreas(layout.pages, footnotes, marks, need);
  pageNumbers(layout.pages);
  // No default font: pdfkit would parse its Helvetica metrics for a font the report never uses.
  const doc = newDocument({ autoFirstPage: false, size: 'A4', compress: true, info, font: null });
  // The named destinations (footnotes, the signer's line) sorted by their bytes, as the PDF
  // name tree wants them: pdfkit's `localeCompare` would start ICU's collator (~40 ms) to
  // sort a few ASCII keys ("fn-1", "sig-name") into the same order.
  const dests = (doc as unknown as { _root: { data: { Names: { data: { Dests: object } } } } })._root.data.Names.data
    .Dests as { _compareKeys(a: string, b: string): number };
  dests._compareKeys = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    const e = doc as unknown as NodeJS.EventEmitter;
    e.on('data', (c: Buffer) => chunks.push(c));
    e.on('end', () => resolve(Buffer.concat(chunks)));
    e.on('error', reject);
  });
  const d = doc as unknown as { addPage(o: object): void; end(): void };
  for (const page of layout.pages) {
    d.addPage({ size: [page.width, page.height], margin: 0 });
    for (const op of page.ops) op(doc);
  }
  d.end();
  return done;
}
