/**
 * The printed form of one unit's checklist: a pdfmake section (A4 portrait, own footer
 * with the dataset code, QR code and per-unit page numbers).
 */
import type { Column, ContentSection, ContentTable, ContentText } from 'pdfmake/interfaces.js';
import type { Content, TableCell } from '../pdf/index.js';
import { mm, textWidth, THIN_GRID, unbrokenNames } from '../pdf/index.js';
import type { Period } from '../period/index.js';
import { formatDateVN } from '../period/index.js';
import { formatCount } from '../numbers/index.js';
import type { UnitChecklist } from './model.js';
import type { ChecklistItem, ChecklistSettings } from './settings.js';

export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(18), mm(15), mm(27)];
/** Width available to content between the side margins. */
const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
const QR_SIZE = mm(19);

export const NO_RETURN_NOTE =
  'Không có số liệu báo cáo sử dụng được để đối chiếu: Đoàn kiểm tra ghi số liệu theo hồ sơ, sổ sách của đơn vị vào bảng dưới đây.';
export const TITLE = 'PHIẾU KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH';
export const PART_TITLES = {
  general: 'I. CÁC NỘI DUNG KIỂM TRA CHUNG',
  figures: 'II. ĐỐI CHIẾU SỐ LIỆU ĐƠN VỊ ĐÃ BÁO CÁO',
  figuresByHand: 'II. SỐ LIỆU GHI NHẬN TẠI ĐƠN VỊ',
  findings: 'III. CÁC PHÁT HIỆN CẦN LÀM RÕ TẠI ĐƠN VỊ',
} as const;

const BOX = '□';
const BLANK = '……………';

/**
 * Keep-with-next marks. A line tagged `keep:K` (a heading, a group row) must share its page
 * with the first line tagged `next:K` (the first row under it); when it does not, the
 * document is laid out again with a page break before the item (`breaks` holds K).
 */
export const KEEP = 'keep:';
export const NEXT = 'next:';

/** Everything printed on the pages of one unit besides its own content. */
export interface PageFrame {
  period: Period;
  /** Tier names from the form ("Cấp sở"). */
  tierNames: Record<string, string>;
  /** "3F9A-C21B-07" */
  code: string;
  /** Key of the unit's QR image in the document's `images`. */
  qrImage: string;
  /** Page x of y of this unit, given the document's absolute page number. */
  pageOf(absolutePage: number): { page: number; pages: number };
  /** Called with each absolute page number of the section as it is laid out. */
  onPage(absolutePage: number): void;
  /** Prefix of this unit's keep-with-next keys (unique in the document). */
  keyPrefix: string;
  /** Keys of items that must start a new page (see {@link KEEP}). */
  breaks: ReadonlySet<string>;
}

/**
 * A title that never leaves a lone "- 2023)" on its last line: its last `words` words are set
 * as one unbreakable run (a year range such as "2021 - 2023" counts as one word).
 */
export function unbrokenTail(text: string, words = 3): ContentText[] {
  const GLUE = '\u2060';
  const tokens = text.replace(/(\d) - (\d)/g, `$1${GLUE}$2`).split(' ');
  const restore = (t: string): string => t.split(GLUE).join(' - ');
  if (tokens.length <= words) return [{ text: restore(tokens.join(' ')), noWrap: true }];
  return [
    { text: `${restore(tokens.slice(0, -words).join(' '))} ` },
    { text: restore(tokens.slice(-words).join(' ')), noWrap: true },
  ];
}

/**
 * Inlines of `text` carrying layout tags: an inline carries one tag, so the text is cut at
 * spaces into as many runs as there are tags (a text of fewer words keeps only its first tag).
 */
function tagged(text: string, tags: string[]): ContentText[] {
  if (tags.length === 0) return [{ text }];
  const words = text.split(' ');
  const n = Math.min(tags.length, words.length);
  const runs: ContentText[] = [];
  for (let i = 0; i < n; i++) {
    const part = i < n - 1 ? words[i] : words.slice(i).join(' ');
    runs.push({ text: `${part}${i < n - 1 ? ' ' : ''}`, layoutTag: tags[i] } as ContentText);
  }
  return runs;
}

/** "Lai Châu, ngày 05 tháng 9 năm 2023"; without a date, a line to fill in by hand. */
export function dateLine(place: string | undefined, iso: string | undefined): string {
  const where = place ? `${place}, ` : '';
  if (!iso) return `${where}ngày …… tháng …… năm ……`;
  const year = iso.slice(0, 4);
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  return `${where}ngày ${formatCount(day, { leadingZero: true })} tháng ${formatCount(month, { leadingZero: month <= 2 })} năm ${year}`;
}

/** A short rule centred in a column of `width` (as in the report's header). */
function rule(width: number, length: number): Content {
  const x = (width - length) / 2;
  return { canvas: [{ type: 'line', x1: x, y1: 1, x2: x + length, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 0] };
}

function header(settings: ChecklistSettings): Content {
  const left = 215;
  const right = CONTENT_WIDTH - left;
  const body = settings.inspectingBody.toUpperCase();
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  // The issuer's rule is about a third of its name, the motto's as long as the motto (NĐ 30/2020).
  const issuerRule = Math.max(40, Math.min(left - 20, textWidth(body, 12, 'bold') * 0.4));
  return {
    columns: [
      {
        width: left,
        stack: [
          ...(settings.governingBody
            ? [{ text: settings.governingBody.toUpperCase(), fontSize: 12, alignment: 'center' as const }]
            : []),
          { text: body, bold: true, fontSize: 12, alignment: 'center' },
          rule(left, issuerRule),
        ],
      },
      {
        width: right,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 12, alignment: 'center' },
          { text: motto, bold: true, fontSize: 13, alignment: 'center' },
          rule(right, textWidth(motto, 13, 'bold')),
          {
            text: dateLine(settings.place, settings.date),
            italics: true,
            fontSize: 12,
            alignment: 'center',
            margin: [0, 6, 0, 0],
          },
        ],
      },
    ],
  };
}

function info(model: UnitChecklist, settings: ChecklistSettings, frame: PageFrame): Content[] {
  const { unit } = model;
  const period = frame.period;
  const tier = frame.tierNames[unit.tier] ?? unit.tier;
  const team: Content[] =
    settings.team.length > 0
      ? settings.team.map((m, i) => ({ text: `${i + 1}. ${m.name} – ${m.role}`, margin: [14, 0, 0, 0] }))
      : [1, 2, 3].map((i) => ({
          text: `${i}. Họ và tên: ${BLANK}${BLANK}${BLANK}  Chức danh: ${BLANK}${BLANK}`,
          margin: [14, 0, 0, 0],
        }));
  const source: Content = model.hasData
    ? { text: ['Số liệu đối chiếu: báo cáo của đơn vị, tệp ', ...fileNames(model.files), '.'] }
    : {
        text: unbrokenNames(
          `Số liệu đối chiếu: chưa có báo cáo sử dụng được. ${model.noDataReason ?? ''}`.trim(),
          model.noDataFiles ?? [],
        ),
      };
  return [
    { text: TITLE, bold: true, fontSize: 14, alignment: 'center', margin: [0, 14, 0, 2] },
    { text: unbrokenTail(period.title), italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
    {
      text: [
        'Đơn vị được kiểm tra: ',
        { text: unit.name, bold: true },
        ` (mã đơn vị ${unit.code}; ${tier.toLowerCase()}).`,
      ],
    },
    {
      text: `Kỳ báo cáo: ${period.shortTitle} (mã kỳ ${period.code}); số liệu tính đến ngày ${formatDateVN(period.cutoff)}.`,
    },
    source,
    { text: 'Đoàn kiểm tra:', margin: [0, 2, 0, 0] },
    ...team,
    { text: `Đại diện đơn vị làm việc với Đoàn: ${BLANK}${BLANK}${BLANK}  Chức vụ: ${BLANK}` },
  ];
}

/** File names as inlines that never break inside a name. */
function fileNames(files: string[]): ContentText[] {
  return files.flatMap((f, i): ContentText[] => [...(i > 0 ? [{ text: '; ' }] : []), { text: f, noWrap: true }]);
}

function head(text: string): TableCell {
  return { text, bold: true, alignment: 'center', fillColor: '#e8e8e8' };
}

/**
 * A part heading, kept on the page of the first row under it (key `p1`, `p2`, `p3`). It also
 * moves when the table's first row must (`first`: its key), since nothing can go between.
 */
function partTitle(text: string, frame: PageFrame, part: string, first?: string): Content {
  const key = `${frame.keyPrefix}${part}`;
  const moves = frame.breaks.has(key) || (first !== undefined && frame.breaks.has(first));
  return {
    text: [{ text, layoutTag: `${KEEP}${key}` } as ContentText],
    bold: true,
    fontSize: 12.5,
    margin: [0, 12, 0, 4],
    headlineLevel: 1,
    ...(moves ? { pageBreak: 'before' as const } : {}),
  };
}

/** The text of a table cell that starts what keep-with-next items (`keys`) must stay with. */
function nextMark(text: string, keys: string[]): ContentText[] {
  return tagged(
    text,
    keys.map((k) => `${NEXT}${k}`),
  );
}

function generalPart(items: ChecklistItem[], frame: PageFrame): Content[] {
  const body: TableCell[][] = [
    [head('STT'), head('Nội dung kiểm tra'), head('Có'), head('Không'), head('Ghi chú')],
    ...items.map((item, i): TableCell[] => [
      { text: nextMark(formatCount(i + 1), i === 0 ? [`${frame.keyPrefix}p1`] : []), alignment: 'center' },
      {
        stack: [
          { text: item.text },
          ...(item.evidence
            ? [{ text: `Tài liệu: ${item.evidence}.`, italics: true, fontSize: 9, color: '#333333' }]
            : []),
        ],
      },
      { text: BOX, alignment: 'center', fontSize: 14 },
      { text: BOX, alignment: 'center', fontSize: 14 },
      '',
    ]),
  ];
  const table: ContentTable = {
    table: { headerRows: 1, dontBreakRows: true, widths: [20, '*', 26, 32, 120], body },
    layout: THIN_GRID,
    fontSize: 10,
  };
  return [partTitle(PART_TITLES.general, frame, 'p1'), table];
}

/** The tag on the first figure's code: Part II's heading stays with it (key `p2`). */
function codeTag(first: boolean, frame: PageFrame): { layoutTag?: string } {
  return first ? { layoutTag: `${NEXT}${frame.keyPrefix}p2` } : {};
}

/** A table row, and the keep-with-next key of the item that starts with it (a break may go before it). */
interface Row {
  cells: TableCell[];
  breakKey?: string;
}

/**
 * A table with its header row, cut into several before each row whose key must start a new
 * page (the next part starting with a page break and the header row again).
 */
function brokenTable(
  header: () => TableCell[],
  rows: Row[],
  frame: PageFrame,
  make: (body: TableCell[][]) => ContentTable,
): Content[] {
  // pdfmake annotates the nodes it lays out: every table gets header cells of its own.
  const out: Content[] = [];
  let body: TableCell[][] = [header()];
  rows.forEach((row, i) => {
    if (i > 0 && row.breakKey !== undefined && frame.breaks.has(row.breakKey)) {
      out.push(out.length === 0 ? make(body) : { ...make(body), pageBreak: 'before' });
      body = [header()];
    }
    body.push(row.cells);
  });
  out.push(out.length === 0 ? make(body) : { ...make(body), pageBreak: 'before' });
  return out;
}

/** A section row ("Đ. Cải cách tổ chức bộ máy"), kept on the page of its first figure (key `gN`). */
function groupRow(title: string, columns: number, key: string): Row {
  const cell: TableCell = {
    text: [{ text: title, layoutTag: `${KEEP}${key}` } as ContentText],
    colSpan: columns,
    bold: true,
    fillColor: '#f4f4f4',
  };
  return { cells: [cell, ...Array.from({ length: columns - 1 }, () => '')], breakKey: key };
}

function figuresPart(model: UnitChecklist, frame: PageFrame): Content[] {
  if (!model.hasData) return figuresByHand(model, frame);
  const columns = 8;
  const header = (): TableCell[] => [
    head('STT'),
    head('Chỉ tiêu'),
    head('Số liệu báo cáo'),
    head('Ô nguồn'),
    head('Phát hiện'),
    head('Đúng'),
    head('Chưa đúng'),
    head('Số liệu kiểm tra'),
  ];
  const rows: Row[] = [];
  let n = 0;
  model.sections.forEach((section, k) => {
    const group = `${frame.keyPrefix}g${k}`;
    rows.push(groupRow(section.title, columns, group));
    section.rows.forEach((row, r) => {
      n += 1;
      const first = k === 0 && r === 0;
      const value: TableCell =
        row.state === 'value'
          ? { text: row.value, alignment: 'right' }
          : {
              text: row.value,
              alignment: 'right',
              italics: true,
              color: row.state === 'unreadable' ? '#b00000' : '#333333',
            };
      rows.push({
        cells: [
          { text: nextMark(formatCount(n), r === 0 ? [group] : []), alignment: 'center' },
          { text: [{ text: `${row.code} `, bold: true, ...codeTag(first, frame) }, row.label] },
          value,
          { text: row.cell, alignment: 'center', noWrap: true },
          row.findings.length > 0 ? { text: row.findings.join('\n'), fontSize: 8.5, alignment: 'center' } : '',
          { text: BOX, alignment: 'center', fontSize: 13, lineHeight: 0.9 },
          { text: BOX, alignment: 'center', fontSize: 13, lineHeight: 0.9 },
          '',
        ],
      });
    });
  });
  const make = (body: TableCell[][]): ContentTable => ({
    table: { headerRows: 1, dontBreakRows: true, widths: [18, '*', 74, 54, 42, 24, 30, 50], body },
    layout: THIN_GRID,
    fontSize: 9.5,
    lineHeight: 1,
  });
  return [
    partTitle(PART_TITLES.figures, frame, 'p2', `${frame.keyPrefix}g0`),
    ...brokenTable(header, rows, frame, make),
    {
      text:
        'Ghi chú: cột "Phát hiện" chỉ mục ở phần III; cột "Số liệu kiểm tra" ghi số liệu theo hồ sơ, sổ sách của ' +
        'đơn vị khi khác với số liệu báo cáo.',
      italics: true,
      fontSize: 9.5,
      margin: [0, 3, 0, 0],
    },
  ];
}

/** A unit without a usable return: why, and every figure of its tier to record by hand. */
function figuresByHand(model: UnitChecklist, frame: PageFrame): Content[] {
  const columns = 5;
  const header = (): TableCell[] => [
    head('STT'),
    head('Chỉ tiêu'),
    head('Đơn vị tính'),
    head('Số liệu tại đơn vị'),
    head('Hồ sơ, tài liệu đối chiếu'),
  ];
  const rows: Row[] = [];
  let n = 0;
  model.sections.forEach((section, k) => {
    const group = `${frame.keyPrefix}g${k}`;
    rows.push(groupRow(section.title, columns, group));
    section.rows.forEach((row, r) => {
      n += 1;
      rows.push({
        cells: [
          { text: nextMark(formatCount(n), r === 0 ? [group] : []), alignment: 'center' },
          { text: [{ text: `${row.code} `, bold: true, ...codeTag(k === 0 && r === 0, frame) }, row.label] },
          { text: row.unitOfMeasure, alignment: 'center' },
          '',
          '',
        ],
      });
    });
  });
  return [
    partTitle(PART_TITLES.figuresByHand, frame, 'p2', `${frame.keyPrefix}g0`),
    {
      text: unbrokenNames(`${model.noDataReason ?? ''} ${NO_RETURN_NOTE}`.trim(), model.noDataFiles ?? []),
      italics: true,
      margin: [0, 0, 0, 4],
    },
    ...brokenTable(header, rows, frame, (body) => ({
      table: { headerRows: 1, dontBreakRows: true, widths: [18, '*', 52, 86, 110], heights: 16, body },
      layout: THIN_GRID,
      fontSize: 9.5,
      lineHeight: 1,
    })),
  ];
}

/**
 * Part III. Its last row (or its note) keeps the signatures company: signatures never stand
 * alone on a last page (key `sg`).
 */
function findingsPart(model: UnitChecklist, frame: PageFrame): Content[] {
  const p3 = `${frame.keyPrefix}p3`;
  const sg = `${frame.keyPrefix}sg`;
  const breakSg = frame.breaks.has(sg) ? { pageBreak: 'before' as const } : {};
  if (!model.hasData || model.findings.length === 0) {
    const note = model.hasData
      ? 'Không có phát hiện nào còn mở đối với số liệu của đơn vị.'
      : 'Chưa có số liệu báo cáo nên chưa có phát hiện để làm rõ.';
    return [
      partTitle(PART_TITLES.findings, frame, 'p3'),
      { text: tagged(note, [`${NEXT}${p3}`, `${KEEP}${sg}`]), italics: true, ...breakSg },
    ];
  }
  const last = model.findings.length - 1;
  const header = (): TableCell[] => [
    head('STT'),
    head('Phát hiện khi tổng hợp số liệu'),
    head('Giải trình của đơn vị, kết quả xác minh tại chỗ'),
  ];
  const rows: Row[] = model.findings.map((f, i) => ({
    cells: [
      { text: tagged(formatCount(f.no), i === last ? [`${KEEP}${sg}`] : []), alignment: 'center' },
      {
        stack: [
          {
            text: [
              { text: `${f.severityLabel}: `, bold: true, ...(i === 0 ? { layoutTag: `${NEXT}${p3}` } : {}) },
              f.message,
            ],
          },
          ...(f.cells.length > 0 ? [{ text: `Ô liên quan: ${f.cells.join('; ')}.`, italics: true, fontSize: 9 }] : []),
        ],
      },
      '',
    ],
    ...(i === last ? { breakKey: sg } : {}),
  }));
  const tables = brokenTable(header, rows, frame, (body) => ({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [20, '*', 170],
      heights: (row: number) => (row === 0 ? 'auto' : 48),
      body,
    },
    layout: THIN_GRID,
    fontSize: 10,
  }));
  return [partTitle(PART_TITLES.findings, frame, 'p3', last === 0 ? sg : undefined), ...tables];
}

function signatures(settings: ChecklistSettings, frame: PageFrame): Content {
  const head =
    settings.team.find((m) => /trưởng\s+đoàn/i.test(m.role)) ??
    (settings.team.length > 0 ? settings.team[0] : undefined);
  const block = (title: string, name: string | undefined, tag?: string): Column => ({
    width: '*',
    alignment: 'center',
    stack: [
      { text: tagged(title, tag ? [tag] : []), bold: true },
      { text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 11 },
      { text: name ?? ' ', bold: true, margin: [0, 62, 0, 0] },
    ],
  });
  return {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    stack: [
      {
        columns: [
          block('ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA', undefined, `${NEXT}${frame.keyPrefix}sg`),
          block('TRƯỞNG ĐOÀN KIỂM TRA', head?.name),
        ],
      },
    ],
  };
}

function footer(model: UnitChecklist, frame: PageFrame, absolutePage: number): Content {
  const { page, pages } = frame.pageOf(absolutePage);
  return {
    margin: [PAGE_MARGINS[0], mm(4), PAGE_MARGINS[2], 0],
    columns: [
      { width: QR_SIZE + 8, image: frame.qrImage, fit: [QR_SIZE, QR_SIZE] },
      {
        width: '*',
        margin: [0, 8, 0, 0],
        stack: [
          { text: ['Mã dữ liệu: ', { text: frame.code, bold: true }], fontSize: 11 },
          {
            text: `Phiếu kiểm tra CCHC – đơn vị ${model.unit.code} – kỳ ${frame.period.code}. Mã dữ liệu cho biết phiếu được in từ bộ số liệu nào.`,
            fontSize: 8,
            color: '#333333',
          },
        ],
      },
      { width: 'auto', margin: [8, 8, 0, 0], text: `Trang ${page}/${pages}`, fontSize: 11 },
    ],
  };
}

/** The whole checklist of one unit as a document section starting on a new page. */
export function checklistSection(
  model: UnitChecklist,
  settings: ChecklistSettings,
  items: ChecklistItem[],
  frame: PageFrame,
): ContentSection {
  return {
    section: [
      header(settings),
      ...info(model, settings, frame),
      ...generalPart(items, frame),
      ...figuresPart(model, frame),
      ...findingsPart(model, frame),
      signatures(settings, frame),
    ],
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    background: (page: number) => {
      frame.onPage(page);
      return null;
    },
    footer: (page: number) => footer(model, frame, page),
  };
}
