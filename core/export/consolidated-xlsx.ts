/**
 * The consolidated workbook (`tonghop consolidate --xlsx FILE`): a sheet per tier (indicators
 * down, units across, a totals column of SUM formulas whose cached results are the engine's
 * totals), the province, ratios and targets, findings, the files each unit's figures came
 * from and where every figure came from. Every sheet prints on A4 landscape (or portrait),
 * one page wide, with its title rows (period, issuing body) and its name columns repeated on
 * every page and "Trang x/y" in the footer.
 * Every text cell goes through `safeText`: nothing a unit typed can become a formula.
 */
import type { Row, Workbook, Worksheet } from 'exceljs';
import type { Indicator, Scope, Severity, Tier } from '../form/index.js';
import type { FindingStatus } from '../model/index.js';
import {
  intakeOf,
  targetsSentence,
  type Consolidation,
  type TargetResult,
  type TargetStatus,
} from '../model/consolidation.js';
import { formatNumber, formatPercent, formatValue } from '../numbers/index.js';
import { formatDateVN } from '../period/index.js';
import { sectionHeading } from '../templates/layout.js';
import { COLUMN_UNIT_PX, timesNewRomanDefault } from '../templates/skeleton.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { HEADER_FILL, TOTAL_FILL, excelJs, safeText } from './excel.js';

export interface ConsolidatedWorkbookOptions {
  /** Include the `Nguồn số liệu` sheet (default true). */
  sources?: boolean;
  /** Who issues the workbook, printed in its title rows ("UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ"). */
  issuer?: { governingBody?: string; issuingBody: string };
}

export const SHEET_PROVINCE = 'Toàn tỉnh';
export const SHEET_RATIOS = 'Tỷ lệ và chỉ tiêu';
export const SHEET_FINDINGS = 'Phát hiện';
export const SHEET_FILES = 'Tệp nguồn';
export const SHEET_SOURCES = 'Nguồn số liệu';
/** Heading of the totals column of each tier sheet. */
export const TOTAL_LABEL = 'Tổng cộng';
/** Rows above each sheet's table: issuer, title, period, blank. The table's header starts below. */
export const TITLE_ROWS = 4;

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
const FONT = 'Times New Roman';

const numFmt = (ind: Pick<Indicator, 'kind'>): string => (ind.kind === 'percent' ? '0.00' : '#,##0');

/** Width of the label column of tier sheets, in character units. */
const LABEL_WIDTH = 27;

/**
 * Width of a figure in column units (a digit of the default font, Times New Roman 12) when set in
 * Times New Roman of `size` points: digits are half an em, separators a quarter.
 */
function textUnits(text: string, size: number): number {
  const em = (size * 96) / 72;
  const px = [...text].reduce((w, ch) => w + (/[0-9]/.test(ch) ? 0.5 : 0.28) * em, 0);
  return px / COLUMN_UNIT_PX;
}

/** Height (points) of a row whose wrapped text of `size` points fills a column of `width` units. */
/** Lines of `text` wrapped at word boundaries into lines of `perLine` characters (a longer word on its own lines). */
export function wrappedLines(text: string, perLine: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) {
        used = need;
        continue;
      }
      if (used > 0) lines++;
      lines += Math.max(0, Math.ceil(word.length / perLine) - 1);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

function rowHeight(text: string, width: number, size: number, minLines = 1): number {
  const perLine = Math.max(1, Math.floor((width * COLUMN_UNIT_PX) / (((size * 96) / 72) * 0.46)));
  const lines = Math.max(minLines, wrappedLines(text, perLine));
  return Math.max(12, lines * (size + 2.5));
}

/** Header and footer codes are escaped: "&" starts a code. */
const hf = (text: string): string => text.replace(/&/g, '&&');

/**
 * Give every row below `from` the height its wrapped text needs: spreadsheet programs do not
 * measure rows of a file they open, so a wrapped cell would spill over the rows below.
 */
function fitRowHeights(ws: Worksheet, from: number): void {
  ws.eachRow((row, n) => {
    if (n < from) return;
    let height = 0;
    row.eachCell((cell, col) => {
      if (typeof cell.value !== 'string' || !cell.alignment?.wrapText || cell.isMerged) return;
      const size = cell.font?.size ?? 11;
      height = Math.max(height, rowHeight(cell.value, ws.getColumn(col).width ?? 10, size));
    });
    if (height > 0) row.height = height;
  });
}

function header(row: Row): void {
  row.font = { name: FONT, bold: true, size: 10 };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  row.height = 28;
}

/** Add a row of values, every string made safe. */
function addRow(ws: Worksheet, values: (string | number | null | undefined)[]): Row {
  return ws.addRow(values.map((v) => (typeof v === 'string' ? safeText(v) : (v ?? null))));
}

function scopeLabel(c: Consolidation, scope: Scope): string {
  return scope === 'province' ? 'Toàn tỉnh' : c.form.tiers[scope];
}

interface Page {
  landscape: boolean;
  /** Columns repeated at the left of every page ("A:B"). */
  titleColumns?: string;
  /** Last row of the repeated header (the title rows and the table's header rows). */
  headerRows: number;
}

/**
 * Title rows and print setup of a sheet: issuer, title and period at the top (repeated on
 * every page with the table's header), A4 one page wide, page x/y in the footer.
 */
function frame(
  ws: Worksheet,
  c: Consolidation,
  opts: ConsolidatedWorkbookOptions,
  title: string,
  columns: number,
  page: Page,
): void {
  const issuer = opts.issuer
    ? [opts.issuer.governingBody, opts.issuer.issuingBody].filter(Boolean).join(' — ').toUpperCase()
    : '';
  const lines = [
    issuer,
    title.toUpperCase(),
    `${c.period.title} (số liệu tính đến ngày ${formatDateVN(c.period.cutoff)})`,
  ];
  lines.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = safeText(text);
    ws.mergeCells(i + 1, 1, i + 1, columns);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.getCell(1).font = { name: FONT, bold: i < 2, italic: i === 2, size: i === 1 ? 13 : 11 };
    row.height = i === 2 ? 30 : 18;
  });
  // A thin blank row under the titles; the table's header comes next.
  ws.getRow(TITLE_ROWS).height = 6;
  ws.pageSetup = {
    paperSize: 9,
    orientation: page.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    printTitlesRow: `1:${page.headerRows}`,
    ...(page.titleColumns ? { printTitlesColumn: page.titleColumns } : {}),
  };
  ws.headerFooter = {
    oddHeader: `&L&8${hf(opts.issuer?.issuingBody ?? '')}&R&8${hf(`Kỳ ${c.period.code}`)}`,
    oddFooter: `&L&8${hf(`Mã dữ liệu ${c.datasetHash.slice(0, 10).toUpperCase()}`)}&C&9Trang &P/&N&R&8${hf(ws.name)}`,
  };
}

/** "(chưa gửi báo cáo)" after a unit's name when its column is empty, and why. */
function noFiguresNote(c: Consolidation, unit: string): string {
  if (c.values[unit]) return '';
  switch (intakeOf(c, unit).status) {
    case 'rejected':
      return ' (tệp bị từ chối)';
    case 'duplicate':
      return ' (nhiều tệp, chưa chọn)';
    default:
      return ' (chưa gửi báo cáo)';
  }
}

function tierSheet(wb: Workbook, c: Consolidation, tier: Tier, opts: ConsolidatedWorkbookOptions): void {
  const ws = wb.addWorksheet(c.form.tiers[tier]);
  const inds = c.form.indicators.filter((i) => i.tiers.includes(tier));
  const units = c.units.filter((u) => u.tier === tier);
  const first = 4; // column of the first unit
  const last = first + units.length - 1;
  const columns = last + 2;
  const head1 = TITLE_ROWS + 1;
  const head2 = TITLE_ROWS + 2;
  frame(ws, c, opts, `Bảng tổng hợp số liệu ${c.form.tiers[tier].toLowerCase()}`, columns, {
    landscape: true,
    titleColumns: 'A:C',
    headerRows: head2,
  });
  ws.getRow(head1).values = [
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Đơn vị tính',
    ...units.map((u) => safeText(u.code)),
    TOTAL_LABEL,
    'Số đơn vị có số liệu',
  ];
  ws.getRow(head2).values = ['', '', '', ...units.map((u) => safeText(`${u.name}${noFiguresNote(c, u.code)}`)), '', ''];
  // No merged header cells: LibreOffice leaves merged cells out of the rows it repeats on
  // later pages. The column headings stand in the upper row, the units' names under their codes.
  header(ws.getRow(head1));
  header(ws.getRow(head2));
  ws.getRow(head2).height = 96;
  for (let col = first; col <= last; col++) {
    ws.getRow(head2).getCell(col).alignment = {
      textRotation: 90,
      vertical: 'bottom',
      horizontal: 'center',
      wrapText: true,
    };
  }
  ws.getColumn(1).width = 11;
  ws.getColumn(2).width = LABEL_WIDTH;
  ws.getColumn(3).width = 7;
  // Unit columns as wide as their widest figure at 9 pt; amounts of money (ten digits and
  // more) are set smaller so that four money rows do not widen every column.
  const small = (ind: Indicator): boolean => ind.kind === 'money';
  units.forEach((u, k) => {
    const widths = inds.map((ind) => {
      const v = c.values[u.code]?.[ind.code]?.value;
      return v === undefined ? 0 : textUnits(formatValue(v, ind.kind).replace('%', ''), small(ind) ? 7 : 9);
    });
    ws.getColumn(first + k).width = Math.max(5, Math.ceil(Math.max(...widths)) + 1);
  });
  ws.getColumn(columns - 1).width = Math.max(
    8,
    Math.ceil(
      Math.max(
        ...inds.map((ind) => {
          const t = c.totals[tier][ind.code];
          return t ? textUnits(formatValue(t.value, ind.kind), small(ind) ? 7 : 9) : 0;
        }),
      ),
    ) + 1,
  );
  ws.getColumn(columns).width = 7;

  for (const section of c.form.sections) {
    const inSection = inds.filter((i) => i.section === section.id);
    if (inSection.length === 0) continue;
    const s = ws.addRow([safeText(sectionHeading(c.form, section.id))]);
    ws.mergeCells(s.number, 1, s.number, columns);
    s.font = { name: FONT, bold: true, size: 9 };
    s.getCell(1).fill = TOTAL_FILL;
    for (const ind of inSection) {
      const row = addRow(ws, [
        ind.code,
        ind.label,
        ind.unit,
        ...units.map((u) => c.values[u.code]?.[ind.code]?.value ?? null),
      ]);
      row.font = { name: FONT, size: small(ind) ? 7 : 9 };
      row.getCell(1).font = { name: FONT, size: 9 };
      row.getCell(2).font = { name: FONT, size: 9 };
      row.getCell(3).font = { name: FONT, size: 8 };
      row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
      row.getCell(3).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      row.height = rowHeight(ind.label, LABEL_WIDTH, 9);
      for (let col = first; col <= last; col++) row.getCell(col).numFmt = numFmt(ind);
      const t = c.totals[tier][ind.code];
      const total = row.getCell(columns - 1);
      const count = row.getCell(columns);
      if (ind.aggregate === 'sum' && t && units.length > 0) {
        const a = ws.getColumn(first).letter;
        const b = ws.getColumn(last).letter;
        total.value = { formula: `SUM(${a}${row.number}:${b}${row.number})`, result: t.value };
        total.numFmt = numFmt(ind);
        count.value = `${t.contributing}/${t.of}`;
      } else {
        total.value = ind.aggregate === 'sum' ? '—' : '';
      }
      total.font = { name: FONT, bold: true, size: small(ind) ? 7 : 9 };
      total.fill = TOTAL_FILL;
      count.font = { name: FONT, size: 8 };
      count.alignment = { horizontal: 'center' };
    }
  }
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: head2 }];
}

function provinceSheet(wb: Workbook, c: Consolidation, opts: ConsolidatedWorkbookOptions): void {
  const tiers = c.period.tiers;
  const ws = wb.addWorksheet(SHEET_PROVINCE);
  const columns = 5 + tiers.length;
  const head = TITLE_ROWS + 1;
  frame(ws, c, opts, 'Tổng hợp số liệu toàn tỉnh', columns, { landscape: true, titleColumns: 'A:B', headerRows: head });
  ws.getRow(head).values = [
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Đơn vị tính',
    ...tiers.map((t) => c.form.tiers[t]),
    'Toàn tỉnh',
    'Số đơn vị có số liệu',
  ];
  header(ws.getRow(head));
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 12;
  for (let k = 0; k <= tiers.length; k++) ws.getColumn(4 + k).width = 17;
  ws.getColumn(5 + tiers.length).width = 12;
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
    row.font = { name: FONT, size: 10 };
    row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
    const first = ws.getColumn(4).letter;
    const lastCol = ws.getColumn(3 + tiers.length).letter;
    const cell = row.getCell(4 + tiers.length);
    cell.value = p ? { formula: `SUM(${first}${row.number}:${lastCol}${row.number})`, result: p.value } : '—';
    cell.font = { name: FONT, bold: true, size: 10 };
    for (let k = 0; k <= tiers.length; k++) row.getCell(4 + k).numFmt = '#,##0';
    row.getCell(5 + tiers.length).alignment = { horizontal: 'center' };
  }
  fitRowHeights(ws, head);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: head }];
}

/** A tier's name in a list: "Cấp sở" first, "cấp huyện" after. */
function tierName(c: Consolidation, tier: Tier, position: number): string {
  const name = c.form.tiers[tier];
  return position === 0 ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

function targetRequirement(c: Consolidation, t: TargetResult): string {
  const op = t.op === '>=' ? '≥' : '≤';
  if (t.byTier) {
    return Object.entries(t.byTier)
      .map(([tier, r], k) => `${tierName(c, tier as Tier, k)}: ${op} ${formatNumber(r.threshold)}${t.unit}`)
      .join('; ');
  }
  if (t.unit === 'hạng') return `Trong nhóm ${formatNumber(t.threshold ?? 0)} tỉnh, thành phố dẫn đầu`;
  return `${op} ${formatNumber(t.threshold ?? 0)}${t.unit === '%' ? '%' : ` ${t.unit}`}`;
}

function targetNote(c: Consolidation, t: TargetResult): string {
  if (!t.byTier) return '';
  return Object.entries(t.byTier)
    .map(([tier, r], k) => {
      const label = tierName(c, tier as Tier, k);
      const v = r.value === null ? 'thiếu số liệu' : formatPercent(r.value);
      const verdict = r.met === null ? '' : r.met ? ' (đạt)' : ' (chưa đạt)';
      return `${label}: ${v}${verdict}`;
    })
    .join('; ');
}

function ratiosSheet(wb: Workbook, c: Consolidation, opts: ConsolidatedWorkbookOptions): void {
  const scopes: Scope[] = [...c.period.tiers, 'province'];
  const ws = wb.addWorksheet(SHEET_RATIOS);
  const columns = 2 + 2 * scopes.length;
  const head = TITLE_ROWS + 1;
  frame(ws, c, opts, 'Các tỷ lệ và chỉ tiêu của Nghị quyết', Math.max(columns, 6), {
    landscape: true,
    titleColumns: 'A:B',
    headerRows: head,
  });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 54;
  header(
    addRow(ws, [
      'Mã tỷ lệ',
      'Tỷ lệ (Σ tử số / Σ mẫu số)',
      ...scopes.flatMap((s) => [`${scopeLabel(c, s)} (%)`, `${scopeLabel(c, s)}: số đơn vị`]),
    ]),
  );
  scopes.forEach((_, k) => {
    ws.getColumn(3 + 2 * k).width = 13;
    ws.getColumn(3 + 2 * k).numFmt = '0.00';
    ws.getColumn(4 + 2 * k).width = 11;
  });
  // Column F also holds the targets' details (a result for each tier): wide enough to read.
  ws.getColumn(6).width = 24;
  for (const ratio of c.form.ratios) {
    const row = addRow(ws, [
      ratio.code,
      `${ratio.label} = (${ratio.numSource}) / (${ratio.denSource})`,
      ...scopes.flatMap((s) => {
        const r = c.ratios[s][ratio.code];
        if (!r) return ['', ''];
        return [r.value ?? '—', `${r.contributing}/${r.of}`];
      }),
    ]);
    row.font = { name: FONT, size: 10 };
    row.alignment = { vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
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
        t.failingTiers?.length
          ? `Chưa đạt ở ${t.failingTiers.map((x) => c.form.tiers[x].toLowerCase()).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('. '),
    ]);
    row.font = { name: FONT, size: 10 };
    row.alignment = { vertical: 'top' };
    for (const col of [2, 3, 6]) row.getCell(col).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(4).numFmt = '0.00';
  }
  const summary = addRow(ws, ['', targetsSentence(c.targets)]);
  summary.font = { name: FONT, bold: true, size: 10 };
  fitRowHeights(ws, head);
}

function findingsSheet(wb: Workbook, c: Consolidation, opts: ConsolidatedWorkbookOptions): void {
  const ws = wb.addWorksheet(SHEET_FINDINGS);
  const head = TITLE_ROWS + 1;
  const widths = [5, 9, 13, 8, 24, 70, 11, 28, 24];
  frame(ws, c, opts, 'Các phát hiện về số liệu', widths.length, { landscape: true, headerRows: head });
  header(
    addRow(ws, [
      'STT',
      'Mức độ',
      'Mã kiểm tra',
      'Đơn vị',
      'Ô liên quan',
      'Nội dung',
      'Trạng thái',
      'Ghi chú giải trình',
      'Mã phát hiện',
    ]),
  );
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  c.findings.forEach((f, k) => {
    const row = addRow(ws, [
      k + 1,
      SEVERITY_VN[f.severity],
      f.check,
      f.unit ?? (f.scope === 'unit' || f.scope === 'file' ? '' : scopeLabel(c, f.scope)),
      f.cells.join('; '),
      f.message,
      FINDING_STATUS_VN[f.status],
      f.note ?? '',
      f.id,
    ]);
    row.font = { name: FONT, size: 9 };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(9).font = { name: FONT, size: 7 };
  });
  fitRowHeights(ws, head);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: head }];
}

/** Per unit: the file its figures came from (with its SHA-256), or why there is none. */
function filesSheet(wb: Workbook, c: Consolidation, opts: ConsolidatedWorkbookOptions): void {
  const ws = wb.addWorksheet(SHEET_FILES);
  const head = TITLE_ROWS + 1;
  const widths = [9, 34, 10, 34, 36, 50];
  frame(ws, c, opts, 'Tệp báo cáo của các đơn vị', widths.length, { landscape: true, headerRows: head });
  header(addRow(ws, ['Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Tình trạng', 'Tệp', 'SHA-256']));
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  for (const u of c.units) {
    const first = Object.values(c.values[u.code] ?? {})[0]?.source;
    const intake = intakeOf(c, u.code);
    const state = first
      ? 'Đã tổng hợp'
      : intake.status === 'rejected'
        ? `Tệp bị từ chối: ${(intake.refused ?? []).map((r) => `${r.file} (${r.reason})`).join('; ')}`
        : intake.status === 'duplicate'
          ? `Nhiều tệp, chưa chọn: ${(intake.files ?? []).join('; ')}`
          : 'Chưa gửi báo cáo';
    const row = addRow(ws, [u.code, u.name, c.form.tiers[u.tier], state, first?.file ?? '', first?.sha256 ?? '']);
    row.font = { name: FONT, size: 10 };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(6).font = { name: 'Courier New', size: 7 };
  }
  fitRowHeights(ws, head);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: head }];
}

function sourcesSheet(wb: Workbook, c: Consolidation, opts: ConsolidatedWorkbookOptions): void {
  const ws = wb.addWorksheet(SHEET_SOURCES);
  const head = TITLE_ROWS + 1;
  const widths = [9, 10, 16, 36, 12, 7, 18];
  frame(ws, c, opts, 'Nguồn của từng số liệu', widths.length, { landscape: false, headerRows: head });
  header(addRow(ws, ['Mã đơn vị', 'Mã chỉ tiêu', 'Giá trị', 'Tệp', 'Trang tính', 'Ô', 'Nội dung gốc']));
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  for (const u of c.units) {
    const vals = c.values[u.code];
    if (!vals) continue;
    for (const ind of c.form.indicators) {
      const v = vals[ind.code];
      if (!v) continue;
      const row = addRow(ws, [u.code, ind.code, v.value, v.source.file, v.source.sheet, v.source.cell, v.source.raw]);
      row.font = { name: FONT, size: 9 };
      row.getCell(3).numFmt = ind.kind === 'percent' || !Number.isInteger(v.value) ? '#,##0.00' : '#,##0';
      // The file's name does not run into the figure right-aligned beside it.
      row.getCell(4).alignment = { indent: 1 };
    }
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: head }];
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
  for (const t of c.period.tiers) tierSheet(wb, c, t, opts);
  provinceSheet(wb, c, opts);
  ratiosSheet(wb, c, opts);
  findingsSheet(wb, c, opts);
  filesSheet(wb, c, opts);
  if (opts.sources ?? true) sourcesSheet(wb, c, opts);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const styles = files['xl/styles.xml'];
  if (styles) files['xl/styles.xml'] = strToU8(timesNewRomanDefault(strFromU8(styles)));
  return Buffer.from(zipSync(files, { level: 6 }));
}
