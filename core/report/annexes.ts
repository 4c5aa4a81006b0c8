/**
 * The annexes: the per-unit figures by tier (landscape), and — only when there are some —
 * the units whose figures are not in the report, each with why (sent nothing, sent a file
 * that was refused, sent several files). Figures are read from the consolidation; nothing
 * is recomputed. The data warnings are not an annex: they are internal work
 * (`warnings.ts`, a separate document).
 */
import type { Tier } from '../form/types.js';
import { intakeOf, type Consolidation, type UnitIntake } from '../model/consolidation.js';
import type { Unit } from '../units/index.js';
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

export function head(text: string): TableCell {
  return { text, bold: true, alignment: 'center' };
}

/** "(chưa gửi báo cáo)", "(tệp bị từ chối)", "(chưa chọn tệp)" — why a unit's row is empty. */
function noFiguresNote(intake: UnitIntake): string {
  switch (intake.status) {
    case 'rejected':
      return ' (tệp gửi không sử dụng được)';
    case 'duplicate':
      return ' (gửi nhiều tệp, chưa chọn tệp)';
    default:
      return ' (chưa gửi báo cáo)';
  }
}

/** "(Kèm theo Báo cáo số …/BC-SNV ngày …)" under an annex title; a number still to be written gets room. */
function annexOf(s: ReportSettings): string {
  const number = s.number.startsWith('/') ? `${'\u00a0'.repeat(8)}${s.number}` : s.number;
  return `(Kèm theo Báo cáo số ${number} ngày ${formatDateVN(s.date)})`;
}

function annexTitle(label: string, title: string, s: ReportSettings, landscape: boolean): Content[] {
  const of = annexOf(s);
  return [
    {
      text: label,
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

/** The mark of a cell the unit filled with something that could not be used. */
export const UNUSABLE_MARK = '(*)';

/**
 * Cells of units with figures that the unit filled but whose value could not be used (typed
 * so that it cannot be read, negative, out of range, a formula error): unit → indicator codes.
 * Such a cell is not "not reported", and it is not in the totals.
 */
export function unusableCells(c: Consolidation): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of c.findings) {
    if (!f.unit || !f.check.startsWith('IMPORT_') || !c.values[f.unit]) continue;
    for (const v of f.values) {
      if (!v.source || c.values[f.unit]?.[v.code] || !c.form.indicatorByCode.has(v.code)) continue;
      const set = out.get(f.unit) ?? new Set<string>();
      set.add(v.code);
      out.set(f.unit, set);
    }
  }
  return out;
}

function tierTable(c: Consolidation, tier: Tier, unusable: Map<string, Set<string>>): Content {
  const cols = ANNEX_COLUMNS.filter((col) => c.form.indicatorByCode.get(col.code)?.tiers.includes(tier));
  const units = c.units.filter((u) => u.tier === tier);
  const cell = (code: string, unit: string): TableCell => {
    const cv = c.values[unit]?.[code];
    const ind = c.form.indicatorByCode.get(code);
    if (!cv && unusable.get(unit)?.has(code)) return { text: UNUSABLE_MARK, alignment: 'right' };
    return { text: cv && ind ? formatValue(cv.value, ind.kind) : '', alignment: 'right' };
  };
  const rows: TableCell[][] = units.map((u, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    c.values[u.code]
      ? { text: u.name }
      : { text: [u.name, { text: noFiguresNote(intakeOf(c, u.code)), italics: true }] },
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
  const numberW = 45;
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

/** The units' figures: one landscape table per tier of the period, header row repeated on each page. */
export function annexUnits(c: Consolidation, s: ReportSettings, label: string): Content[] {
  const out: Content[] = [];
  const unusable = unusableCells(c);
  let marked = false;
  c.period.tiers.forEach((tier, i) => {
    if (i === 0) out.push(...annexTitle(label, 'Số liệu chủ yếu của các cơ quan, đơn vị', s, true));
    out.push({
      text: `${formatNumber(i + 1, { decimals: 0 })}. Các cơ quan, đơn vị ${TIER_NAMES[tier]}`,
      fontSize: 13,
      bold: true,
      margin: [0, 0, 0, 4],
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    });
    out.push(tierTable(c, tier, unusable));
    const cols = ANNEX_COLUMNS.filter((col) => c.form.indicatorByCode.get(col.code)?.tiers.includes(tier));
    for (const u of c.units)
      if (u.tier === tier && cols.some((col) => !c.values[u.code]?.[col.code] && unusable.get(u.code)?.has(col.code)))
        marked = true;
  });
  out.push({
    text: [
      'Ô để trống: đơn vị không báo cáo chỉ tiêu này (không phải số 0).',
      ...(marked
        ? [
            ` Ô ghi ${UNUSABLE_MARK}: đơn vị có ghi số liệu nhưng số liệu không hợp lệ, phải bổ sung, chỉnh sửa; chưa tính vào tổng cộng.`,
          ]
        : []),
    ].join(''),
    italics: true,
    fontSize: 11,
    margin: [0, 6, 0, 0],
  });
  return out;
}

/** Units of the register whose figures are not in the report, in register order. */
export function unusedUnits(c: Consolidation): Unit[] {
  return c.units.filter((u) => !c.values[u.code]);
}

/** What the annex says of a unit without figures: sent nothing, sent a refused file (why), several files. */
export function unusedSituation(intake: UnitIntake): string {
  switch (intake.status) {
    case 'rejected': {
      const reasons = [...new Set((intake.refused ?? []).map((r) => r.reason))];
      return `Đã gửi báo cáo nhưng tệp không sử dụng được: ${reasons.join('; ')}; cần gửi lại`;
    }
    case 'duplicate':
      return `Gửi ${formatNumber(intake.files?.length ?? 2, { decimals: 0 })} tệp báo cáo khác nhau, chưa xác định tệp sử dụng`;
    default:
      return 'Chưa gửi báo cáo';
  }
}

/** The units whose figures are not in the report, each with why; call only when there are some. */
export function annexUnused(c: Consolidation, s: ReportSettings, label: string): Content[] {
  const rows: TableCell[][] = unusedUnits(c).map((u, i) => [
    { text: formatNumber(i + 1, { decimals: 0 }), alignment: 'center' },
    { text: u.name },
    { text: c.form.tiers[u.tier], alignment: 'center' },
    { text: unusedSituation(intakeOf(c, u.code)) },
  ]);
  return [
    ...annexTitle(label, 'Các cơ quan, đơn vị chưa có số liệu tổng hợp', s, false),
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [28, 150, 62, '*'],
        body: [[head('STT'), head('Tên cơ quan, đơn vị'), head('Cấp'), head('Tình hình gửi báo cáo')], ...rows],
      },
      layout: THIN_GRID,
      fontSize: 12,
    },
  ];
}
