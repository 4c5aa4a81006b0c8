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
import type { InlineRun } from '../pdf/flow/inline.js';
import { TIER_NAMES } from './placeholders.js';
import type { ReportSettings } from './settings.js';
import { LANDSCAPE_WIDTH } from './document.js';
import type { AnnexItem, TableCellSpec } from './print.js';

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

/** A run of table text (the table gives its size). */
function r(text: string, style: InlineRun['style'] = 'normal'): InlineRun {
  return { text, style, size: 0 };
}

export function head(text: string): TableCellSpec {
  return { runs: [r(text, 'bold')], align: 'center' };
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

function annexTitle(label: string, title: string, s: ReportSettings, landscape: boolean): AnnexItem[] {
  const of = annexOf(s);
  return [
    { type: 'page', landscape },
    { type: 'text', runs: [{ text: label, size: 14, style: 'bold' }], align: 'center' },
    { type: 'text', runs: [{ text: title.toUpperCase(), size: 14, style: 'bold' }], align: 'center' },
    { type: 'text', runs: [{ text: of, size: 13, style: 'italics' }], align: 'center', margin: [0, 0, 0, 10] },
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

function tierTable(c: Consolidation, tier: Tier, unusable: Map<string, Set<string>>): AnnexItem {
  const cols = ANNEX_COLUMNS.filter((col) => c.form.indicatorByCode.get(col.code)?.tiers.includes(tier));
  const units = c.units.filter((u) => u.tier === tier);
  const cell = (code: string, unit: string): TableCellSpec => {
    const cv = c.values[unit]?.[code];
    const ind = c.form.indicatorByCode.get(code);
    if (!cv && unusable.get(unit)?.has(code)) return { runs: [r(UNUSABLE_MARK)], align: 'right' };
    return { runs: [r(cv && ind ? formatValue(cv.value, ind.kind) : '')], align: 'right' };
  };
  const rows: TableCellSpec[][] = units.map((u, i) => [
    { runs: [r(formatNumber(i + 1, { decimals: 0 }))], align: 'center' },
    c.values[u.code] ? { runs: [r(u.name)] } : { runs: [r(u.name), r(noFiguresNote(intakeOf(c, u.code)), 'italics')] },
    ...cols.map((col) => cell(col.code, u.code)),
  ]);
  const totals = c.totals[tier];
  const totalRow: TableCellSpec[] = [
    { runs: [r('')] },
    { runs: [r(`Cộng ${TIER_NAMES[tier]}`, 'bold')] },
    ...cols.map((col): TableCellSpec => {
      const t = totals[col.code];
      const ind = c.form.indicatorByCode.get(col.code);
      return {
        runs: [r(t && t.contributing > 0 && ind ? formatValue(t.value, ind.kind) : '', 'bold')],
        align: 'right',
      };
    }),
  ];
  // Widths exclude the cell padding (3 + 3) and the rules (0,5).
  const numberW = 45;
  const nameW = LANDSCAPE_WIDTH - 26 - numberW * cols.length - (cols.length + 2) * 6.5 - 1;
  return {
    type: 'table',
    table: {
      widths: [26, nameW, ...cols.map(() => numberW)],
      size: 10,
      header: [head('STT'), head('Cơ quan, đơn vị'), ...cols.map((col) => head(`${col.head}\n(${col.code})`))],
      rows: [...rows, totalRow],
      // A unit's row is never cut between pages: a name's last words alone on the next page
      // read as a unit of their own ("dân tỉnh").
      dontBreakRows: true,
    },
  };
}

/** The units' figures: one landscape table per tier of the period, header row repeated on each page. */
export function annexUnits(c: Consolidation, s: ReportSettings, label: string): AnnexItem[] {
  const out: AnnexItem[] = [];
  const unusable = unusableCells(c);
  let marked = false;
  c.period.tiers.forEach((tier, i) => {
    if (i === 0) out.push(...annexTitle(label, 'Số liệu chủ yếu của các cơ quan, đơn vị', s, true));
    out.push({
      type: 'text',
      runs: [
        {
          text: `${formatNumber(i + 1, { decimals: 0 })}. Các cơ quan, đơn vị ${TIER_NAMES[tier]}`,
          size: 13,
          style: 'bold',
        },
      ],
      margin: [0, 0, 0, 4],
      ...(i > 0 ? { pageBreak: true } : {}),
    });
    out.push(tierTable(c, tier, unusable));
    const cols = ANNEX_COLUMNS.filter((col) => c.form.indicatorByCode.get(col.code)?.tiers.includes(tier));
    for (const u of c.units)
      if (u.tier === tier && cols.some((col) => !c.values[u.code]?.[col.code] && unusable.get(u.code)?.has(col.code)))
        marked = true;
  });
  out.push({
    type: 'text',
    runs: [
      {
        text: [
          'Ô để trống: đơn vị không báo cáo chỉ tiêu này (không phải số 0).',
          ...(marked
            ? [
                ` Ô ghi ${UNUSABLE_MARK}: đơn vị có ghi số liệu nhưng số liệu không hợp lệ, phải bổ sung, chỉnh sửa; chưa tính vào tổng cộng.`,
              ]
            : []),
        ].join(''),
        size: 11,
        style: 'italics',
      },
    ],
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
export function annexUnused(c: Consolidation, s: ReportSettings, label: string): AnnexItem[] {
  const rows: TableCellSpec[][] = unusedUnits(c).map((u, i) => [
    { runs: [r(formatNumber(i + 1, { decimals: 0 }))], align: 'center' },
    { runs: [r(u.name)] },
    { runs: [r(c.form.tiers[u.tier])], align: 'center' },
    { runs: [r(unusedSituation(intakeOf(c, u.code)))] },
  ]);
  return [
    ...annexTitle(label, 'Các cơ quan, đơn vị chưa có số liệu tổng hợp', s, false),
    {
      type: 'table',
      table: {
        widths: [28, 150, 62, '*'],
        size: 12,
        dontBreakRows: true,
        header: [head('STT'), head('Tên cơ quan, đơn vị'), head('Cấp'), head('Tình hình gửi báo cáo')],
        rows,
      },
    },
  ];
}
