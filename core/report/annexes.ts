/**
 * The annexes: Phụ lục I (per-unit figures by tier, landscape), Phụ lục II (open warnings
 * with their explanations), Phụ lục III (units that did not report).
 * Figures are read from the consolidation; nothing is recomputed.
 */
import type { Tier } from '../form/types.js';
import type { Consolidation } from '../model/consolidation.js';
import { formatDateVN } from '../period/index.js';
import { formatNumber, formatValue } from '../numbers/index.js';
import type { Content, TableCell } from '../pdf/index.js';
import { THIN_GRID } from '../pdf/index.js';
import { TIER_NAMES } from './placeholders.js';
import type { ReportSettings } from './settings.js';
import { LANDSCAPE_WIDTH } from './document.js';

/** Key indicators of Phụ lục I with short column headings; a tier shows those it fills. */
export const ANNEX_COLUMNS: readonly { code: string; head: string }[] = [
  { code: 'TT04', head: 'CBCCVC được quán triệt' },
  { code: 'KT02', head: 'Đơn vị được kiểm tra' },
  { code: 'TC01', head: 'VBQPPL ban hành' },
  { code: 'TTHC01', head: 'TTHC thuộc thẩm quyền' },
  { code: 'TTHC07', head: 'Hồ sơ tiếp nhận' },
  { code: 'TTHC08', head: 'Hồ sơ đúng hạn' },
  { code: 'TTHC09', head: 'Hồ sơ quá hạn' },
  { code: 'TTHC12', head: 'Hồ sơ trực tuyến toàn trình' },
  { code: 'BC08', head: 'Biên chế đã giảm' },
  { code: 'KL01', head: 'CBCCVC bị kỷ luật' },
  { code: 'CQS04', head: 'Hồ sơ công việc trên mạng' },
];

const ROMAN = ['I', 'II', 'III'] as const;

function head(text: string): TableCell {
  return { text, bold: true, alignment: 'center' };
}

function annexTitle(n: 0 | 1 | 2, title: string, s: ReportSettings, landscape: boolean): Content[] {
  const of = `(Kèm theo Báo cáo số ${s.number} ngày ${formatDateVN(s.date)})`;
  return [
    {
      text: `Phụ lục ${ROMAN[n]}`,
      fontSize: 14,
      bold: true,
      alignment: 'center',
      pageBreak: 'before',
      pageOrientation: landscape ? 'landscape' : 'portrait',
    },
    { text: title.toUpperCase(), fontSize: 14, bold: true, alignment: 'center' },
    { text: of, fontSize: 13, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
  ];
}

function tierTable(c: Consolidation, tier: Tier): Content {
  const cols = ANNEX_COLUMNS.filter((col) => c.form.indicatorByCode.get(col.code)?.tiers.includes(tier));
  const units = c.units.filter((u) => u.tier === tier);
  const cell = (code: string, unit: string): TableCell => {
    const cv = c.values[unit]?.[code];
    const ind = c.form.indicatorByCode.get(code);
    return { text: cv && ind ? formatValue(cv.value, ind.kind) : '', alignment: 'right' };
  };
  const rows: TableCell[][] = units.map((u, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    c.values[u.code] ? { text: u.name } : { text: [u.name, { text: ' (chưa báo cáo)', italics: true }] },
    ...cols.map((col) => cell(col.code, u.code)),
  ]);
  const totals = c.totals[tier];
  const totalRow: TableCell[] = [
    { text: '', border: [true, true, false, true] },
    { text: `Cộng ${TIER_NAMES[tier]}`, bold: true },
    ...cols.map((col): TableCell => {
      const t = totals[col.code];
      const ind = c.form.indicatorByCode.get(col.code);
      return {
        text: t && t.contributing > 0 && ind ? formatValue(t.value, ind.kind) : '',
        bold: true,
        alignment: 'right',
      };
    }),
  ];
  // pdfmake widths exclude the cell padding (3 + 3) and the rules (0,5).
  const numberW = 48;
  const nameW = LANDSCAPE_WIDTH - 26 - numberW * cols.length - (cols.length + 2) * 6.5 - 1;
  return {
    table: {
      headerRows: 1,
      widths: [26, nameW, ...cols.map(() => numberW)],
      body: [
        [head('STT'), head('Cơ quan, đơn vị'), ...cols.map((col) => head(`${col.head}\n(${col.code})`))],
        ...rows,
        totalRow,
      ],
    },
    layout: THIN_GRID,
    fontSize: 10,
  };
}

/** Phụ lục I: one landscape table per tier of the period, header row repeated on each page. */
export function annexUnits(c: Consolidation, s: ReportSettings): Content[] {
  const out: Content[] = [];
  c.period.tiers.forEach((tier, i) => {
    if (i === 0) out.push(...annexTitle(0, 'Số liệu chủ yếu của các cơ quan, đơn vị', s, true));
    out.push({
      text: `${formatNumber(i + 1, { decimals: 0 })}. Các cơ quan, đơn vị ${TIER_NAMES[tier]}`,
      fontSize: 13,
      bold: true,
      margin: [0, 0, 0, 4],
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    });
    out.push(tierTable(c, tier));
  });
  out.push({
    text: 'Ô để trống: đơn vị không báo cáo chỉ tiêu này (không phải số 0).',
    italics: true,
    fontSize: 11,
    margin: [0, 6, 0, 0],
  });
  return out;
}

/** Phụ lục II: warnings not fixed, with the explanation given (or that none was). */
export function annexWarnings(c: Consolidation, s: ReportSettings): Content[] {
  const warnings = c.findings.filter((f) => f.severity === 'warning' && f.status !== 'fixed');
  const name = (code?: string): string => c.units.find((u) => u.code === code)?.name ?? code ?? 'Toàn tỉnh';
  const rows: TableCell[][] = warnings.map((f, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    { text: name(f.unit) },
    { text: [f.message, ...(f.cells.length ? [{ text: `\n${f.cells.join('; ')}`, fontSize: 9, italics: true }] : [])] },
    f.note ? { text: f.note } : { text: 'Chưa có giải trình', italics: true },
  ]);
  return [
    ...annexTitle(1, 'Các cảnh báo chưa xử lý và nội dung giải trình', s, false),
    warnings.length
      ? {
          table: {
            headerRows: 1,
            widths: [26, 110, '*', 140],
            body: [[head('STT'), head('Đơn vị'), head('Nội dung cảnh báo'), head('Giải trình')], ...rows],
          },
          layout: THIN_GRID,
          fontSize: 11,
        }
      : { text: 'Không có cảnh báo nào chưa xử lý.', fontSize: 13, italics: true, alignment: 'center' },
  ];
}

/** Phụ lục III: units of the register with no usable return. */
export function annexMissing(c: Consolidation, s: ReportSettings): Content[] {
  const missing = c.units.filter((u) => !c.values[u.code]);
  const rows: TableCell[][] = missing.map((u, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    { text: u.code, alignment: 'center' },
    { text: u.name },
    { text: TIER_NAMES[u.tier], alignment: 'center' },
  ]);
  return [
    ...annexTitle(2, 'Các cơ quan, đơn vị chưa gửi báo cáo', s, false),
    missing.length
      ? {
          table: {
            headerRows: 1,
            widths: [30, 60, '*', 90],
            body: [[head('STT'), head('Mã đơn vị'), head('Tên cơ quan, đơn vị'), head('Cấp')], ...rows],
          },
          layout: THIN_GRID,
          fontSize: 12,
        }
      : { text: 'Tất cả các cơ quan, đơn vị đã gửi báo cáo.', fontSize: 13, italics: true, alignment: 'center' },
  ];
}
