/**
 * The consolidated workbook (`tonghop consolidate --xlsx FILE`): a sheet per tier (units ×
 * indicators with a totals row of SUM formulas whose cached results are the engine's
 * totals), the province, ratios and targets, findings, and where every figure came from.
 * Every text cell goes through `safeText`: nothing a unit typed can become a formula.
 */
import type { Row, Workbook, Worksheet } from 'exceljs';
import type { Indicator, Scope, Severity, Tier } from '../form/index.js';
import type { FindingStatus } from '../model/index.js';
import type { Consolidation, TargetResult, TargetStatus } from '../model/consolidation.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import { HEADER_FILL, TOTAL_FILL, excelJs, safeText } from './excel.js';

export interface ConsolidatedWorkbookOptions {
  /** Include the `Nguồn số liệu` sheet (default true). */
  sources?: boolean;
}

export const SHEET_PROVINCE = 'Toàn tỉnh';
export const SHEET_RATIOS = 'Tỷ lệ và chỉ tiêu';
export const SHEET_FINDINGS = 'Phát hiện';
export const SHEET_SOURCES = 'Nguồn số liệu';
/** Label in column B of the totals row of each tier sheet. */
export const TOTAL_LABEL = 'Tổng cộng';

export const STATUS_VN: Record<TargetStatus, string> = {
  dat: 'Đạt',
  vuot: 'Vượt',
  'chua-dat': 'Chưa đạt',
  'thieu-so-lieu': 'Thiếu số liệu',
};
const SEVERITY_VN: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const FINDING_STATUS_VN: Record<FindingStatus, string> = {
  open: 'Chưa xử lý',
  explained: 'Đã giải trình',
  fixed: 'Đã sửa (nộp lại)',
};

const numFmt = (ind: Indicator): string => (ind.kind === 'percent' ? '0.00' : '#,##0');

function header(row: Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/** Add a row of values, every string made safe. */
function addRow(ws: Worksheet, values: (string | number | null | undefined)[]): Row {
  return ws.addRow(values.map((v) => (typeof v === 'string' ? safeText(v) : (v ?? null))));
}

function scopeLabel(c: Consolidation, scope: Scope): string {
  return scope === 'province' ? 'Toàn tỉnh' : c.form.tiers[scope];
}

function tierSheet(wb: Workbook, c: Consolidation, tier: Tier): void {
  const ws = wb.addWorksheet(c.form.tiers[tier], { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const inds = c.form.indicators.filter((i) => i.tiers.includes(tier));
  const units = c.units.filter((u) => u.tier === tier);
  header(addRow(ws, ['Mã đơn vị', 'Tên đơn vị', ...inds.map((i) => i.code)]));
  header(addRow(ws, ['', 'Chỉ tiêu (đơn vị tính)', ...inds.map((i) => `${i.label} (${i.unit})`)]));
  ws.getRow(2).height = 90;
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 40;
  inds.forEach((ind, k) => {
    const col = ws.getColumn(3 + k);
    col.width = 16;
    col.numFmt = numFmt(ind);
  });
  for (const u of units) {
    const vals = c.values[u.code];
    addRow(ws, [u.code, u.name, ...inds.map((i) => vals?.[i.code]?.value ?? null)]);
  }
  const first = 3;
  const last = 2 + units.length;
  const totals = addRow(ws, ['', TOTAL_LABEL]);
  const counts = addRow(ws, ['', 'Số đơn vị có số liệu']);
  inds.forEach((ind, k) => {
    const t = c.totals[tier][ind.code];
    const col = ws.getColumn(3 + k).letter;
    if (ind.aggregate === 'sum' && t && units.length > 0) {
      totals.getCell(3 + k).value = { formula: `SUM(${col}${first}:${col}${last})`, result: t.value };
      counts.getCell(3 + k).value = `${t.contributing}/${t.of}`;
    } else {
      totals.getCell(3 + k).value = ind.aggregate === 'sum' ? '—' : '';
    }
  });
  for (const r of [totals, counts]) {
    r.font = { bold: true };
    r.eachCell((cell) => {
      cell.fill = TOTAL_FILL;
    });
  }
  counts.getCell(1).value = null;
  counts.alignment = { horizontal: 'right' };
}

function provinceSheet(wb: Workbook, c: Consolidation): void {
  const tiers = c.period.tiers;
  const ws = wb.addWorksheet(SHEET_PROVINCE, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  header(
    addRow(ws, [
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Đơn vị tính',
      ...tiers.map((t) => c.form.tiers[t]),
      'Toàn tỉnh',
      'Số đơn vị có số liệu',
    ]),
  );
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 14;
  for (let k = 0; k <= tiers.length; k++) ws.getColumn(4 + k).width = 18;
  ws.getColumn(5 + tiers.length).width = 20;
  for (const ind of c.form.indicators) {
    if (ind.aggregate !== 'sum') continue;
    const p = c.totals.province[ind.code];
    const row = addRow(ws, [
      ind.code,
      ind.label,
      ind.unit,
      ...tiers.map((t) => c.totals[t][ind.code]?.value ?? null),
      null,
      p ? `${p.contributing}/${p.of}` : '—',
    ]);
    const first = ws.getColumn(4).letter;
    const lastCol = ws.getColumn(3 + tiers.length).letter;
    const cell = row.getCell(4 + tiers.length);
    cell.value = p ? { formula: `SUM(${first}${row.number}:${lastCol}${row.number})`, result: p.value } : '—';
    for (let k = 0; k <= tiers.length; k++) row.getCell(4 + k).numFmt = '#,##0';
  }
}

function targetRequirement(c: Consolidation, t: TargetResult): string {
  const op = t.op === '>=' ? '≥' : '≤';
  if (t.byTier) {
    return Object.entries(t.byTier)
      .map(([tier, r]) => `${c.form.tiers[tier as Tier]}: ${op} ${formatNumber(r.threshold)}${t.unit}`)
      .join('; ');
  }
  return `${op} ${formatNumber(t.threshold ?? 0)}${t.unit === '%' ? '%' : ` ${t.unit}`}`;
}

function targetNote(c: Consolidation, t: TargetResult): string {
  if (!t.byTier) return '';
  return Object.entries(t.byTier)
    .map(([tier, r]) => {
      const label = c.form.tiers[tier as Tier];
      const v = r.value === null ? 'thiếu số liệu' : formatPercent(r.value);
      const verdict = r.met === null ? '' : r.met ? ' (đạt)' : ' (chưa đạt)';
      return `${label}: ${v}${verdict}`;
    })
    .join('; ');
}

function ratiosSheet(wb: Workbook, c: Consolidation): void {
  const scopes: Scope[] = [...c.period.tiers, 'province'];
  const ws = wb.addWorksheet(SHEET_RATIOS, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 60;
  header(
    addRow(ws, [
      'Mã tỷ lệ',
      'Tỷ lệ (Σ tử số / Σ mẫu số)',
      ...scopes.flatMap((s) => [`${scopeLabel(c, s)} (%)`, `${scopeLabel(c, s)}: số đơn vị`]),
    ]),
  );
  scopes.forEach((_, k) => {
    ws.getColumn(3 + 2 * k).width = 14;
    ws.getColumn(3 + 2 * k).numFmt = '0.00';
    ws.getColumn(4 + 2 * k).width = 14;
  });
  for (const ratio of c.form.ratios) {
    addRow(ws, [
      ratio.code,
      `${ratio.label} = (${ratio.numSource}) / (${ratio.denSource})`,
      ...scopes.flatMap((s) => {
        const r = c.ratios[s][ratio.code];
        if (!r) return ['', ''];
        return [r.value ?? '—', `${r.contributing}/${r.of}`];
      }),
    ]);
  }
  addRow(ws, []);
  const targetHeader = addRow(ws, ['Mã chỉ tiêu', 'Chỉ tiêu Nghị quyết', 'Yêu cầu', 'Kết quả', 'Đánh giá', 'Chi tiết']);
  header(targetHeader);
  for (const t of c.targets) {
    const row = addRow(ws, [
      t.id,
      t.label,
      targetRequirement(c, t),
      t.value ?? '—',
      STATUS_VN[t.status],
      [
        targetNote(c, t),
        t.failingTiers?.length ? `Chưa đạt ở: ${t.failingTiers.map((x) => c.form.tiers[x]).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('. '),
    ]);
    row.getCell(4).numFmt = '0.00';
  }
  const summary = addRow(ws, ['', `${c.targetsMet}/${c.targets.length} chỉ tiêu đạt và vượt`]);
  summary.font = { bold: true };
}

function findingsSheet(wb: Workbook, c: Consolidation): void {
  const ws = wb.addWorksheet(SHEET_FINDINGS, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  header(
    addRow(ws, [
      'STT',
      'Mức độ',
      'Mã kiểm tra',
      'Phạm vi',
      'Đơn vị',
      'Tệp',
      'Ô liên quan',
      'Nội dung',
      'Trạng thái',
      'Ghi chú giải trình',
      'Mã phát hiện',
    ]),
  );
  [6, 12, 20, 12, 10, 18, 30, 90, 16, 40, 30].forEach((w, k) => (ws.getColumn(k + 1).width = w));
  ws.getColumn(8).alignment = { wrapText: true, vertical: 'top' };
  c.findings.forEach((f, k) => {
    const scope = f.scope === 'unit' || f.scope === 'file' ? 'Đơn vị' : scopeLabel(c, f.scope);
    addRow(ws, [
      k + 1,
      SEVERITY_VN[f.severity],
      f.check,
      scope,
      f.unit ?? '',
      f.file ?? '',
      f.cells.join('; '),
      f.message,
      FINDING_STATUS_VN[f.status],
      f.note ?? '',
      f.id,
    ]);
  });
}

function sourcesSheet(wb: Workbook, c: Consolidation): void {
  const ws = wb.addWorksheet(SHEET_SOURCES, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  header(
    addRow(ws, [
      'Mã đơn vị',
      'Tên đơn vị',
      'Mã chỉ tiêu',
      'Giá trị',
      'Tệp',
      'SHA-256',
      'Trang tính',
      'Ô',
      'Nội dung gốc',
    ]),
  );
  [12, 36, 12, 16, 24, 66, 16, 8, 24].forEach((w, k) => (ws.getColumn(k + 1).width = w));
  for (const u of c.units) {
    const vals = c.values[u.code];
    if (!vals) continue;
    for (const ind of c.form.indicators) {
      const v = vals[ind.code];
      if (!v) continue;
      const row = addRow(ws, [
        u.code,
        u.name,
        ind.code,
        v.value,
        v.source.file,
        v.source.sha256,
        v.source.sheet,
        v.source.cell,
        v.source.raw,
      ]);
      row.getCell(4).numFmt = ind.kind === 'percent' || !Number.isInteger(v.value) ? '#,##0.00' : '#,##0';
    }
  }
}

/** Build the consolidated workbook of a reconciliation, as .xlsx bytes. */
export async function buildConsolidatedWorkbook(
  c: Consolidation,
  opts: ConsolidatedWorkbookOptions = {},
): Promise<Buffer> {
  const ExcelJS = await excelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổng hợp CCHC';
  wb.title = `Tổng hợp ${c.period.title}`;
  wb.subject = `Mã dữ liệu ${c.datasetHash}`;
  for (const t of c.period.tiers) tierSheet(wb, c, t);
  provinceSheet(wb, c);
  ratiosSheet(wb, c);
  findingsSheet(wb, c);
  if (opts.sources ?? true) sourcesSheet(wb, c);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
