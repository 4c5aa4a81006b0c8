/**
 * The printed checklist, laid out and drawn straight with pdfkit (see core/pdf/flow): the
 * document is simple and fixed, so a purpose-built layout replaces pdfmake's general one,
 * which cost ~40 ms a page. Same content, order and tables as before: header block with the
 * national heading, unit and team, Part I (general items), Part II (figures, or a blank table
 * to fill in by hand), Part III (open findings), signatures; on every page a footer with the
 * unit's QR code, the dataset code and "Trang k/n" counted per unit.
 *
 * Keep-with-next is decided while laying out, before anything is drawn: a part heading
 * stays with the first row under it, a section row with its first figure, the signatures
 * with Part III's last row (or note); table header rows are repeated on every page a table
 * continues on; a row never breaks unless it is taller than a page.
 */
import { formatDateVN } from '../period/index.js';
import { formatCount } from '../numbers/index.js';
import { Table, THIN_GRID_STYLE, type Cell, type Row } from '../pdf/flow/table.js';
import { splitAtNames } from '../pdf/names.js';
import {
  breakLines,
  drawLine,
  measure,
  newDocument,
  strokeLines,
  type Align,
  type FontStyle,
  type Line,
  type PdfDoc,
  type Run,
} from '../pdf/flow/text.js';
import { checklistQrPayload, datasetCode } from './dataset-code.js';
import { qrImage } from './qr.js';
import { A4, mm } from '../pdf/units.js';
import { dateLine, NO_RETURN_NOTE, PAGE_MARGINS, PART_TITLES, TITLE, unbrokenTail } from './layout.js';
import type { UnitChecklist } from './model.js';
import type { ChecklistItem, ChecklistSettings } from './settings.js';
import { checklistTitle, type ChecklistDataset, type ChecklistJobContext } from './document.js';

const PAGE_WIDTH = A4.width;
const PAGE_HEIGHT = A4.height;
const [LEFT, TOP, RIGHT, BOTTOM] = PAGE_MARGINS;
const CONTENT_WIDTH = PAGE_WIDTH - LEFT - RIGHT;
const CONTENT_BOTTOM = PAGE_HEIGHT - BOTTOM;
const QR_SIZE = mm(19);
const BOX = '□';
const BLANK = '……………';
/** The body text's line height (pdfmake's default style of the checklists). */
const LH = 1.1;

type Style = { bold?: boolean; italics?: boolean; size?: number; color?: string; noWrap?: boolean };

function fontStyle(s: Style): FontStyle {
  return s.bold ? (s.italics ? 'bolditalics' : 'bold') : s.italics ? 'italics' : 'normal';
}

/** A run of `text` in style `s` (default 12 pt regular). */
function run(text: string, s: Style = {}): Run {
  return {
    // Glyphs come from the font's cmap: composed letters ("ệ", not "e" and two marks).
    text: text.normalize('NFC'),
    style: fontStyle(s),
    size: s.size ?? 12,
    ...(s.color ? { color: s.color } : {}),
    ...(s.noWrap ? { noWrap: true } : {}),
  };
}

/** Runs in one base style, each given as text or `[text, extra style]`. */
function runs(base: Style, ...parts: (string | [string, Style])[]): Run[] {
  return parts.map((p) => (typeof p === 'string' ? run(p, base) : run(p[0], { ...base, ...p[1] })));
}

/** A block of text lines set in a given width, with margins. */
interface Para {
  lines: Line[];
  align: Align;
  x: number;
  width: number;
  marginTop: number;
  marginBottom: number;
}

function para(
  r: Run[],
  opts: { align?: Align; margin?: [number, number, number, number]; lineHeight?: number; width?: number } = {},
): Para {
  const [ml, mt, mr, mb] = opts.margin ?? [0, 0, 0, 0];
  const width = (opts.width ?? CONTENT_WIDTH) - ml - mr;
  return {
    lines: breakLines(r, width, opts.lineHeight ?? LH),
    align: opts.align ?? 'left',
    x: ml,
    width,
    marginTop: mt,
    marginBottom: mb,
  };
}

function paraHeight(p: Para): number {
  let h = p.marginTop + p.marginBottom;
  for (const l of p.lines) h += l.height;
  return h;
}

/** Pages of a document being written, with a cursor. */
class Writer {
  y = TOP;
  /** Pages of the current unit (absolute, 0-based in the document). */
  pages: number[] = [];
  private pageCount = 0;

  constructor(readonly doc: PdfDoc) {}

  newPage(): void {
    (this.doc as unknown as { addPage(o: object): void }).addPage({ size: 'A4', margin: 0 });
    this.pages.push(this.pageCount++);
    this.y = TOP;
  }

  room(): number {
    return CONTENT_BOTTOM - this.y;
  }

  fits(h: number): boolean {
    return h <= this.room() + 0.01;
  }

  /** True on a page nothing has been written to yet. */
  atTop(): boolean {
    return this.y <= TOP + 0.01;
  }

  /** Write a paragraph, breaking the page between its lines as needed. */
  para(p: Para): void {
    this.y += p.marginTop;
    for (const line of p.lines) {
      if (!this.fits(line.height) && !this.atTop()) this.newPage();
      drawLine(this.doc, line, LEFT + p.x, this.y, p.width, p.align);
      this.y += line.height;
    }
    this.y += p.marginBottom;
  }
}

/** A table being written: its header row repeated on each page it continues on. */
class TableWriter {
  constructor(
    private readonly w: Writer,
    readonly table: Table,
    private readonly header: Row,
  ) {}

  /** Start the table: its header row (the caller made sure the first row fits with it). */
  start(): void {
    this.w.y += this.table.draw(this.w.doc, this.header, LEFT, this.w.y);
  }

  /**
   * Write `row`, with `keep` more points that must follow it on the same page: when they do
   * not fit, the row goes to a new page, under the header row again. A row taller than a
   * page is cut across pages.
   */
  row(row: Row, keep = 0): void {
    const w = this.w;
    if (!w.fits(row.height + keep)) {
      w.newPage();
      this.start();
    }
    if (w.fits(row.height)) {
      w.y += this.table.draw(w.doc, row, LEFT, w.y);
      return;
    }
    const next = row.cells.map(() => 0);
    for (;;) {
      const part = this.table.drawPart(w.doc, row, LEFT, w.y, next, w.room());
      w.y += part.height;
      if (part.done) return;
      w.newPage();
      this.start();
    }
  }

  /** Height of the header and `row` together. */
  withHeader(row: Row): number {
    return this.header.height + row.height;
  }
}

function headCell(text: string, size: number, lineHeight: number): Cell {
  return { texts: [{ runs: [run(text, { bold: true, size })], align: 'center', lineHeight }], fill: '#e8e8e8' };
}

function textCell(r: Run[], align: Align = 'left', lineHeight = 1): Cell {
  return { texts: [{ runs: r, align, lineHeight }] };
}

const EMPTY = (size: number, lineHeight: number): Cell => textCell([run('', { size })], 'left', lineHeight);

function table(widths: (number | '*')[]): Table {
  return new Table({ widths, totalWidth: CONTENT_WIDTH, ...THIN_GRID_STYLE });
}

/** The heading block: issuer on the left, the national heading and the date on the right. */
function header(w: Writer, settings: ChecklistSettings): void {
  const left = 215;
  const right = CONTENT_WIDTH - left;
  const body = settings.inspectingBody.toUpperCase();
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const issuerRule = Math.max(40, Math.min(left - 20, measure(body, 'bold', 12) * 0.4));
  const top = w.y;
  const column = (x: number, width: number, items: (Para | { rule: number })[]): number => {
    let y = top;
    for (const item of items) {
      if ('rule' in item) {
        const rx = x + (width - item.rule) / 2;
        strokeLines(w.doc, 0.6, [[rx, y + 2, rx + item.rule, y + 2]]);
        y += 2.6;
        continue;
      }
      y += item.marginTop;
      for (const line of item.lines) {
        drawLine(w.doc, line, x, y, width, 'center');
        y += line.height;
      }
      y += item.marginBottom;
    }
    return y;
  };
  const centred = (r: Run[], width: number, marginTop = 0): Para =>
    para(r, { align: 'center', width, margin: [0, marginTop, 0, 0] });
  const leftEnd = column(LEFT, left, [
    ...(settings.governingBody ? [centred([run(settings.governingBody.toUpperCase())], left)] : []),
    centred([run(body, { bold: true })], left),
    { rule: issuerRule },
  ]);
  const rightEnd = column(LEFT + left, right, [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })], right),
    centred([run(motto, { bold: true, size: 13 })], right),
    { rule: measure(motto, 'bold', 13) },
    centred([run(dateLine(settings.place, settings.date), { italics: true })], right, 6),
  ]);
  w.y = Math.max(leftEnd, rightEnd);
}

/** File names, never broken inside a name. */
function fileNameRuns(files: string[]): Run[] {
  return files.flatMap((f, i) => [...(i > 0 ? [run('; ')] : []), run(f, { noWrap: true })]);
}

/** `text` with the given names (file names) as unbreakable runs. */
function unbrokenNameRuns(text: string, names: readonly string[], s: Style = {}): Run[] {
  if (!text) return [];
  return splitAtNames(text, names).map((p) => run(p.text, p.noWrap ? { ...s, noWrap: true } : s));
}

function info(w: Writer, model: UnitChecklist, settings: ChecklistSettings, dataset: ChecklistDataset): void {
  const { unit } = model;
  const period = dataset.period;
  const tier = dataset.tierNames[unit.tier] ?? unit.tier;
  w.para(para([run(TITLE, { bold: true, size: 14 })], { align: 'center', margin: [0, 14, 0, 2] }));
  w.para(
    para(
      unbrokenTail(period.title).map((t) => run(t.text, { italics: true, ...(t.noWrap ? { noWrap: true } : {}) })),
      { align: 'center', margin: [0, 0, 0, 10] },
    ),
  );
  w.para(
    para(
      runs(
        {},
        'Đơn vị được kiểm tra: ',
        [unit.name, { bold: true }],
        ` (mã đơn vị ${unit.code}; ${tier.toLowerCase()}).`,
      ),
    ),
  );
  w.para(
    para([
      run(
        `Kỳ báo cáo: ${period.shortTitle} (mã kỳ ${period.code}); số liệu tính đến ngày ${formatDateVN(period.cutoff)}.`,
      ),
    ]),
  );
  w.para(
    para(
      model.hasData
        ? [run('Số liệu đối chiếu: báo cáo của đơn vị, tệp '), ...fileNameRuns(model.files), run('.')]
        : unbrokenNameRuns(
            `Số liệu đối chiếu: chưa có báo cáo sử dụng được. ${model.noDataReason ?? ''}`.trim(),
            model.noDataFiles ?? [],
          ),
    ),
  );
  w.para(para([run('Đoàn kiểm tra:')], { margin: [0, 2, 0, 0] }));
  const team =
    settings.team.length > 0
      ? settings.team.map((m, i) => `${i + 1}. ${m.name} – ${m.role}`)
      : [1, 2, 3].map((i) => `${i}. Họ và tên: ${BLANK}${BLANK}${BLANK}  Chức danh: ${BLANK}${BLANK}`);
  for (const t of team) w.para(para([run(t)], { margin: [14, 0, 0, 0] }));
  w.para(para([run(`Đại diện đơn vị làm việc với Đoàn: ${BLANK}${BLANK}${BLANK}  Chức vụ: ${BLANK}`)]));
}

function partTitle(text: string): Para {
  return para([run(text, { bold: true, size: 12.5 })], { margin: [0, 12, 0, 4] });
}

/** Write a part heading (and `more` paragraphs) on the page where `keep` more points fit after it. */
function heading(w: Writer, paras: Para[], keep: number): void {
  const h = paras.reduce((s, p) => s + paraHeight(p), 0);
  if (!w.fits(h + keep) && !w.atTop()) w.newPage();
  for (const p of paras) w.para(p);
}

function generalPart(w: Writer, items: ChecklistItem[]): void {
  const size = 10;
  const t = table([20, '*', 26, 32, 120]);
  const header = t.row(['STT', 'Nội dung kiểm tra', 'Có', 'Không', 'Ghi chú'].map((h) => headCell(h, size, LH)));
  const rows = items.map((item, i) =>
    t.row([
      textCell([run(formatCount(i + 1), { size })], 'center', LH),
      {
        texts: [
          { runs: [run(item.text, { size })], lineHeight: LH },
          ...(item.evidence
            ? [
                {
                  runs: [run(`Tài liệu: ${item.evidence}.`, { italics: true, size: 9, color: '#333333' })],
                  lineHeight: LH,
                },
              ]
            : []),
        ],
      },
      textCell([run(BOX, { size: 14 })], 'center', LH),
      textCell([run(BOX, { size: 14 })], 'center', LH),
      EMPTY(size, LH),
    ]),
  );
  const tw = new TableWriter(w, t, header);
  heading(w, [partTitle(PART_TITLES.general)], rows[0] ? tw.withHeader(rows[0]) : 0);
  tw.start();
  for (const r of rows) tw.row(r);
}

const CODE_SIZE = 9.5;

/** "TT03 " bold, then the label. */
function codeLabel(code: string, label: string): Run[] {
  return [run(`${code} `, { bold: true, size: CODE_SIZE }), run(label, { size: CODE_SIZE })];
}

function groupCell(title: string, columns: number): Cell {
  return { texts: [{ runs: [run(title, { bold: true, size: CODE_SIZE })] }], fill: '#f4f4f4', span: columns };
}

/**
 * Rows of Part II by section: a section row kept with its first figure; the part heading
 * (and `intro`) kept with the first section row and its first figure.
 */
function sectionsTable(
  w: Writer,
  model: UnitChecklist,
  t: Table,
  headers: string[],
  figure: (row: UnitChecklist['sections'][number]['rows'][number], n: number) => Cell[],
  minHeight: number,
  title: Para[],
): void {
  // A fixed row height holds for every row, the header and section rows too (as in pdfmake).
  const header = t.row(
    headers.map((h) => headCell(h, CODE_SIZE, 1)),
    minHeight,
  );
  const tw = new TableWriter(w, t, header);
  let n = 0;
  const sections = model.sections.map((s) => ({
    group: t.row([groupCell(s.title, headers.length)], minHeight),
    rows: s.rows.map((r) => t.row(figure(r, ++n), minHeight)),
  }));
  const first = sections[0];
  heading(w, title, first ? header.height + first.group.height + (first.rows[0]?.height ?? 0) : header.height);
  tw.start();
  for (const s of sections) {
    tw.row(s.group, s.rows[0]?.height ?? 0);
    for (const r of s.rows) tw.row(r);
  }
}

function figuresPart(w: Writer, model: UnitChecklist): void {
  if (!model.hasData) return figuresByHand(w, model);
  const box = (): Cell => textCell([run(BOX, { size: 13 })], 'center', 0.9);
  sectionsTable(
    w,
    model,
    table([18, '*', 74, 54, 42, 24, 30, 50]),
    ['STT', 'Chỉ tiêu', 'Số liệu báo cáo', 'Ô nguồn', 'Phát hiện', 'Đúng', 'Chưa đúng', 'Số liệu kiểm tra'],
    (row, n) => [
      textCell([run(formatCount(n), { size: CODE_SIZE })], 'center'),
      textCell(codeLabel(row.code, row.label)),
      textCell(
        [
          run(
            row.value,
            row.state === 'value'
              ? { size: CODE_SIZE }
              : { size: CODE_SIZE, italics: true, color: row.state === 'unreadable' ? '#b00000' : '#333333' },
          ),
        ],
        'right',
      ),
      textCell([run(row.cell, { size: CODE_SIZE, noWrap: true })], 'center'),
      row.findings.length > 0 ? textCell([run(row.findings.join('\n'), { size: 8.5 })], 'center') : EMPTY(CODE_SIZE, 1),
      box(),
      box(),
      EMPTY(CODE_SIZE, 1),
    ],
    0,
    [partTitle(PART_TITLES.figures)],
  );
  w.para(
    para(
      [
        run(
          'Ghi chú: cột "Phát hiện" chỉ mục ở phần III; cột "Số liệu kiểm tra" ghi số liệu theo hồ sơ, sổ sách của ' +
            'đơn vị khi khác với số liệu báo cáo.',
          { italics: true, size: 9.5 },
        ),
      ],
      { margin: [0, 3, 0, 0] },
    ),
  );
}

/** A unit without a usable return: why, and every figure of its tier to record by hand. */
function figuresByHand(w: Writer, model: UnitChecklist): void {
  sectionsTable(
    w,
    model,
    table([18, '*', 52, 86, 110]),
    ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu tại đơn vị', 'Hồ sơ, tài liệu đối chiếu'],
    (row, n) => [
      textCell([run(formatCount(n), { size: CODE_SIZE })], 'center'),
      textCell(codeLabel(row.code, row.label)),
      textCell([run(row.unitOfMeasure, { size: CODE_SIZE })], 'center'),
      EMPTY(CODE_SIZE, 1),
      EMPTY(CODE_SIZE, 1),
    ],
    16,
    [
      partTitle(PART_TITLES.figuresByHand),
      para(
        unbrokenNameRuns(`${model.noDataReason ?? ''} ${NO_RETURN_NOTE}`.trim(), model.noDataFiles ?? [], {
          italics: true,
        }),
        { margin: [0, 0, 0, 4] },
      ),
    ],
  );
}

/** The signature block: measured first, drawn where it lands. */
function signatures(settings: ChecklistSettings): { height: number; draw(w: Writer): void } {
  const head =
    settings.team.find((m) => /trưởng\s+đoàn/i.test(m.role)) ??
    (settings.team.length > 0 ? settings.team[0] : undefined);
  const half = CONTENT_WIDTH / 2;
  const block = (title: string, name: string | undefined): Para[] => [
    para([run(title, { bold: true })], { align: 'center', width: half }),
    para([run('(Ký, ghi rõ họ tên)', { italics: true, size: 11 })], { align: 'center', width: half }),
    para([run(name ?? ' ', { bold: true })], { align: 'center', width: half, margin: [0, 62, 0, 0] }),
  ];
  const columns = [block('ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA', undefined), block('TRƯỞNG ĐOÀN KIỂM TRA', head?.name)];
  const MARGIN = 16;
  const height = MARGIN + Math.max(...columns.map((c) => c.reduce((s, p) => s + paraHeight(p), 0)));
  return {
    height,
    draw(w) {
      if (!w.fits(height)) w.newPage();
      const top = w.y + MARGIN;
      columns.forEach((c, i) => {
        let y = top;
        for (const p of c) {
          y += p.marginTop;
          for (const line of p.lines) {
            drawLine(w.doc, line, LEFT + i * half, y, half, 'center');
            y += line.height;
          }
          y += p.marginBottom;
        }
      });
      w.y += height;
    },
  };
}

/** Part III, then the signatures, which never stand alone on a page. */
function findingsPart(w: Writer, model: UnitChecklist, settings: ChecklistSettings): void {
  const sig = signatures(settings);
  if (!model.hasData || model.findings.length === 0) {
    const note = model.hasData
      ? 'Không có phát hiện nào còn mở đối với số liệu của đơn vị.'
      : 'Chưa có số liệu báo cáo nên chưa có phát hiện để làm rõ.';
    const title = partTitle(PART_TITLES.findings);
    const body = para([run(note, { italics: true })]);
    // The heading with the note, the note with the signatures.
    heading(w, [title], paraHeight(body) + sig.height);
    if (!w.fits(paraHeight(body) + sig.height)) w.newPage();
    w.para(body);
    sig.draw(w);
    return;
  }
  const size = 10;
  const t = table([20, '*', 170]);
  const header = t.row(
    ['STT', 'Phát hiện khi tổng hợp số liệu', 'Giải trình của đơn vị, kết quả xác minh tại chỗ'].map((h) =>
      headCell(h, size, LH),
    ),
  );
  const rows = model.findings.map((f) =>
    t.row(
      [
        textCell([run(formatCount(f.no), { size })], 'center', LH),
        {
          texts: [
            { runs: [run(`${f.severityLabel}: `, { bold: true, size }), run(f.message, { size })], lineHeight: LH },
            ...(f.cells.length > 0
              ? [{ runs: [run(`Ô liên quan: ${f.cells.join('; ')}.`, { italics: true, size: 9 })], lineHeight: LH }]
              : []),
          ],
        },
        EMPTY(size, LH),
      ],
      48,
    ),
  );
  const tw = new TableWriter(w, t, header);
  const last = rows.length - 1;
  const firstKeep = tw.withHeader(rows[0] as Row) + (last === 0 ? sig.height : 0);
  heading(w, [partTitle(PART_TITLES.findings)], firstKeep);
  tw.start();
  rows.forEach((r, i) => tw.row(r, i === last ? sig.height : 0));
  sig.draw(w);
}

/** The footer of one page: QR code, dataset code, what the page is, "Trang k/n". */
function footer(
  doc: PdfDoc,
  model: UnitChecklist,
  dataset: ChecklistDataset,
  code: string,
  qr: ReturnType<typeof qrImage>,
  page: number,
  pages: number,
): void {
  const top = CONTENT_BOTTOM + mm(4);
  (doc as unknown as { image(i: unknown, x: number, y: number, o: object): void }).image(qr, LEFT, top, {
    width: QR_SIZE,
    height: QR_SIZE,
  });
  const trang = [run(`Trang ${page}/${pages}`, { size: 11 })];
  const trangWidth = measure(trang[0]?.text ?? '', 'normal', 11);
  const midX = LEFT + QR_SIZE + 8;
  const midWidth = CONTENT_WIDTH - (QR_SIZE + 8) - (trangWidth + 8);
  let y = top + 8;
  const lines: Line[] = [
    ...breakLines(runs({ size: 11 }, 'Mã dữ liệu: ', [code, { bold: true }]), midWidth, LH),
    ...breakLines(
      [
        run(
          `Phiếu kiểm tra CCHC – đơn vị ${model.unit.code} – kỳ ${dataset.period.code}. Mã dữ liệu cho biết phiếu được in từ bộ số liệu nào.`,
          { size: 8, color: '#333333' },
        ),
      ],
      midWidth,
      LH,
    ),
  ];
  for (const line of lines) {
    drawLine(doc, line, midX, y, midWidth);
    y += line.height;
  }
  for (const line of breakLines(trang, trangWidth + 1, LH))
    drawLine(doc, line, LEFT + CONTENT_WIDTH - trangWidth, top + 8, trangWidth);
}

/** One unit's pages, written from a new page; returns the absolute pages it took (0-based). */
function writeUnit(w: Writer, ctx: ChecklistJobContext, model: UnitChecklist): number[] {
  w.pages = [];
  w.newPage();
  header(w, ctx.settings);
  info(w, model, ctx.settings, ctx.dataset);
  generalPart(w, ctx.items);
  figuresPart(w, model);
  findingsPart(w, model, ctx.settings);
  return w.pages;
}

export interface PrintedChecklists {
  pdf: Buffer;
  /** Per unit, its first page (1-based) and number of pages. */
  ranges: { first: number; count: number }[];
}

/**
 * The PDF of `models`' checklists, each unit from a new page with its own page numbering.
 * `names`: the units as named in the document's title (default: their codes).
 * `onUnitStart` is called as each unit is begun.
 */
export function printChecklists(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  names: string[] = models.map((m) => m.unit.code),
  onUnitStart?: (index: number) => void,
): Promise<PrintedChecklists> {
  const code = datasetCode(ctx.dataset.datasetHash);
  const doc = newDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    compress: true,
    info: {
      Title: checklistTitle(ctx.dataset, names),
      Author: ctx.settings.inspectingBody,
      Subject: `Mã dữ liệu ${code}`,
      Creator: 'Tổng hợp CCHC',
      Producer: 'Tổng hợp CCHC',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    (doc as unknown as NodeJS.EventEmitter).on('data', (c: Buffer) => chunks.push(c));
    (doc as unknown as NodeJS.EventEmitter).on('end', () => resolve(Buffer.concat(chunks)));
    (doc as unknown as NodeJS.EventEmitter).on('error', reject);
  });
  const w = new Writer(doc);
  const ranges: PrintedChecklists['ranges'] = [];
  const d = doc as unknown as { switchToPage(n: number): void; flushPages(): void; end(): void };
  models.forEach((model, index) => {
    onUnitStart?.(index);
    const pages = writeUnit(w, ctx, model);
    const qr = qrImage(
      checklistQrPayload(ctx.dataset.period.code, ctx.dataset.datasetHash, model.unit.code),
      `QR${index + 1}`,
    );
    pages.forEach((page, i) => {
      d.switchToPage(page);
      footer(doc, model, ctx.dataset, code, qr, i + 1, pages.length);
    });
    ranges.push({ first: (pages[0] as number) + 1, count: pages.length });
    // Finished pages are written out: a combined document holds one unit's pages at a time.
    d.flushPages();
  });
  d.flushPages();
  d.end();
  return done.then((pdf) => ({ pdf, ranges }));
}
