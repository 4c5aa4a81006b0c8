/**
 * The printed form of one unit's checklist: a pdfmake section (A4 portrait, own footer
 * with the dataset code, QR code and per-unit page numbers).
 */
import type { Column, ContentSection, ContentTable } from 'pdfmake/interfaces.js';
import type { Content, TableCell } from '../pdf/index.js';
import { mm, THIN_GRID } from '../pdf/index.js';
import type { Period } from '../period/index.js';
import { formatDateVN } from '../period/index.js';
import { formatCount } from '../numbers/index.js';
import type { UnitChecklist } from './model.js';
import type { ChecklistItem, ChecklistSettings } from './settings.js';

export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(18), mm(15), mm(27)];
/** Width available to content between the side margins. */
const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
const QR_SIZE = mm(19);

export const NO_RETURN_NOTE = 'Đơn vị chưa gửi báo cáo hoặc báo cáo không sử dụng được; không có số liệu để đối chiếu.';
export const TITLE = 'PHIẾU KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH';
export const PART_TITLES = {
  general: 'I. CÁC NỘI DUNG KIỂM TRA CHUNG',
  figures: 'II. ĐỐI CHIẾU SỐ LIỆU ĐƠN VỊ ĐÃ BÁO CÁO',
  findings: 'III. CÁC PHÁT HIỆN CẦN LÀM RÕ TẠI ĐƠN VỊ',
} as const;

const BOX = '□';
const BLANK = '……………';

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

function rule(width: number, length: number): Content {
  const x = (width - length) / 2;
  return { canvas: [{ type: 'line', x1: x, y1: 1, x2: x + length, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 0] };
}

function header(settings: ChecklistSettings): Content {
  const left = 215;
  const right = CONTENT_WIDTH - left;
  return {
    columns: [
      {
        width: left,
        stack: [
          ...(settings.governingBody ? [{ text: settings.governingBody.toUpperCase(), fontSize: 12 }] : []),
          { text: settings.inspectingBody.toUpperCase(), bold: true, fontSize: 12 },
          rule(left, 60),
        ],
        alignment: 'center',
      },
      {
        width: right,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 12 },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: 13 },
          rule(right, 160),
          { text: dateLine(settings.place, settings.date), italics: true, fontSize: 12, margin: [0, 6, 0, 0] },
        ],
        alignment: 'center',
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
  const source = model.hasData
    ? `Số liệu đối chiếu: báo cáo của đơn vị, tệp ${model.files.join('; ')}.`
    : 'Số liệu đối chiếu: chưa có báo cáo sử dụng được của đơn vị.';
  return [
    { text: TITLE, bold: true, fontSize: 14, alignment: 'center', margin: [0, 14, 0, 2] },
    { text: period.title, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
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
    { text: source },
    { text: 'Đoàn kiểm tra:', margin: [0, 2, 0, 0] },
    ...team,
    { text: `Đại diện đơn vị làm việc với Đoàn: ${BLANK}${BLANK}${BLANK}  Chức vụ: ${BLANK}` },
  ];
}

function head(text: string): TableCell {
  return { text, bold: true, alignment: 'center', fillColor: '#e8e8e8' };
}

function partTitle(text: string): Content {
  return { text, bold: true, fontSize: 12.5, margin: [0, 12, 0, 4], headlineLevel: 1 };
}

function generalPart(items: ChecklistItem[]): Content[] {
  const body: TableCell[][] = [
    [head('STT'), head('Nội dung kiểm tra'), head('Có'), head('Không'), head('Ghi chú')],
    ...items.map((item, i): TableCell[] => [
      { text: formatCount(i + 1), alignment: 'center' },
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
  return [partTitle(PART_TITLES.general), table];
}

function figuresPart(model: UnitChecklist): Content[] {
  if (!model.hasData) {
    return [partTitle(PART_TITLES.figures), { text: NO_RETURN_NOTE, italics: true }];
  }
  const body: TableCell[][] = [
    [
      head('STT'),
      head('Chỉ tiêu'),
      head('Số liệu báo cáo'),
      head('Ô nguồn'),
      head('Phát hiện còn mở'),
      head('Đúng'),
      head('Chưa đúng'),
      head('Số liệu kiểm tra'),
    ],
  ];
  let n = 0;
  for (const section of model.sections) {
    body.push([{ text: section.title, colSpan: 8, bold: true, fillColor: '#f4f4f4' }, '', '', '', '', '', '', '']);
    for (const row of section.rows) {
      n += 1;
      body.push([
        { text: formatCount(n), alignment: 'center' },
        { text: [{ text: `${row.code} `, bold: true }, row.label] },
        { text: row.value, alignment: 'right' },
        { text: row.cell, alignment: 'center' },
        row.findings.length > 0 ? { text: row.findings.join('\n'), fontSize: 8.5 } : '',
        { text: BOX, alignment: 'center', fontSize: 13, lineHeight: 0.9 },
        { text: BOX, alignment: 'center', fontSize: 13, lineHeight: 0.9 },
        '',
      ]);
    }
  }
  const table: ContentTable = {
    table: { headerRows: 1, dontBreakRows: true, widths: [18, '*', 62, 50, 64, 24, 30, 50], body },
    layout: THIN_GRID,
    fontSize: 9.5,
    lineHeight: 1,
  };
  return [
    partTitle(PART_TITLES.figures),
    table,
    {
      text: 'Ghi chú: cột "Số liệu kiểm tra" ghi số liệu theo hồ sơ, sổ sách của đơn vị khi khác với số liệu báo cáo.',
      italics: true,
      fontSize: 9.5,
      margin: [0, 3, 0, 0],
    },
  ];
}

function findingsPart(model: UnitChecklist): Content[] {
  if (!model.hasData) {
    return [
      partTitle(PART_TITLES.findings),
      { text: 'Không có số liệu nên không có phát hiện để làm rõ.', italics: true },
    ];
  }
  if (model.findings.length === 0) {
    return [
      partTitle(PART_TITLES.findings),
      { text: 'Không có phát hiện nào còn mở đối với số liệu của đơn vị.', italics: true },
    ];
  }
  const body: TableCell[][] = [
    [head('STT'), head('Phát hiện khi tổng hợp số liệu'), head('Giải trình của đơn vị, kết quả xác minh tại chỗ')],
    ...model.findings.map((f): TableCell[] => [
      { text: formatCount(f.no), alignment: 'center' },
      {
        stack: [
          { text: [{ text: `${f.severityLabel} (${f.check}): `, bold: true }, f.message] },
          ...(f.cells.length > 0 ? [{ text: `Ô liên quan: ${f.cells.join('; ')}.`, italics: true, fontSize: 9 }] : []),
        ],
      },
      '',
    ]),
  ];
  const table: ContentTable = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [20, '*', 200],
      heights: (row: number) => (row === 0 ? 'auto' : 62),
      body,
    },
    layout: THIN_GRID,
    fontSize: 10,
  };
  return [partTitle(PART_TITLES.findings), table];
}

function signatures(settings: ChecklistSettings): Content {
  const head =
    settings.team.find((m) => /trưởng\s+đoàn/i.test(m.role)) ??
    (settings.team.length > 0 ? settings.team[0] : undefined);
  const block = (title: string, name: string | undefined): Column => ({
    width: '*',
    alignment: 'center',
    stack: [
      { text: title, bold: true },
      { text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 11 },
      { text: name ?? ' ', bold: true, margin: [0, 62, 0, 0] },
    ],
  });
  return {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    stack: [
      {
        columns: [block('ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA', undefined), block('TRƯỞNG ĐOÀN KIỂM TRA', head?.name)],
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
      ...generalPart(items),
      ...figuresPart(model),
      ...findingsPart(model),
      signatures(settings),
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
