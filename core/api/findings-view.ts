/**
 * "Đối chiếu": every finding of the period, in plain Vietnamese (what was checked, where),
 * and one finding in detail: each value involved with its file, sheet, cell and the cells
 * around it, and its history.
 */
import type {
  FindingDetail,
  FindingRow,
  FindingsView,
  FindingValueView,
  SheetCellView,
} from '../../shared-api/app-api.js';
import type { Form, Severity } from '../form/types.js';
import type { Finding } from '../model/index.js';
import { formatNumber } from '../numbers/index.js';
import { readWorkbook, type XlsxSheet } from '../xlsx/index.js';
import { originalBytes, readAudit, type AuditEntry } from '../workspace/index.js';
import { dateTimeVN } from './consolidation-view.js';
import { ApiError } from './errors.js';
import type { PeriodState } from './session.js';

/** What each check of the import and the reconciliation looks at, in the clerk's words. */
const CHECK_LABELS: Readonly<Record<string, string>> = {
  MISSING_VALUE: 'Chỉ tiêu bỏ trống',
  OUTLIER: 'Khác xa các đơn vị cùng cấp',
  PREV_JUMP: 'Thay đổi lớn so với kỳ trước',
  PREV_DECREASE: 'Số cộng dồn giảm so với kỳ trước',
  HELD_TOTAL_MISMATCH: 'Khác số liệu Sở Nội vụ nắm giữ',
  UNKNOWN_PROVINCE_INPUT: 'Số liệu cấp tỉnh không dùng được',
  PERCENT_IMPRECISE: 'Tỷ lệ ghi không khớp với số liệu',
  PERCENT_TRUNCATED: 'Tỷ lệ bị cắt bớt thay vì làm tròn',
  REPORT_MISSING_VALUE: 'Báo cáo thiếu số liệu',
  IMPORT_AMBIGUOUS_NUMBER: 'Số viết không rõ cách đọc',
  IMPORT_NOT_A_NUMBER: 'Ô không phải là số',
  IMPORT_NEGATIVE: 'Số âm',
  IMPORT_NOT_WHOLE: 'Số lượng có phần lẻ',
  IMPORT_PERCENT_RANGE: 'Tỷ lệ ngoài khoảng 0–100%',
  IMPORT_FORMULA_NO_CACHE: 'Công thức chưa có kết quả',
  IMPORT_CACHED_ERROR: 'Công thức cho kết quả lỗi',
  IMPORT_MERGED_CELL: 'Số liệu trong ô gộp',
  IMPORT_UNKNOWN_CODE: 'Mã chỉ tiêu không có trong biểu mẫu',
  IMPORT_TIER_CODE: 'Chỉ tiêu không thuộc biểu của cấp này',
  IMPORT_DUPLICATE_CODE: 'Mã chỉ tiêu ghi hai lần',
  IMPORT_VALUE_WITHOUT_CODE: 'Số liệu không có mã chỉ tiêu',
  IMPORT_UNKNOWN_UNIT: 'Mã đơn vị không có trong danh sách',
  IMPORT_PERIOD_MISSING: 'Không ghi kỳ báo cáo',
  IMPORT_PERIOD_MISMATCH: 'Ghi kỳ báo cáo khác',
  IMPORT_CUTOFF_MISMATCH: 'Ngày chốt số liệu khác',
  IMPORT_CUTOFF_UNREADABLE: 'Ngày chốt số liệu không đọc được',
  IMPORT_FORM_VERSION: 'Biểu mẫu phiên bản khác',
  IMPORT_FORM_ID: 'Không đúng biểu mẫu',
};

const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const STATUS_LABELS = { open: 'Chưa xử lý', explained: 'Đã giải trình', fixed: 'Đã xử lý' } as const;
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The clerk's words for a check: the rule's own label, or the import/reconcile check's. */
export function checkLabel(form: Form, check: string): string {
  const rule = form.rules.find((r) => r.id === check);
  if (rule) return rule.label;
  return CHECK_LABELS[check] ?? 'Kiểm tra khác';
}

/** A finding's values that are a unit's own indicator figures (those a clerk may correct). */
function correctableCodes(form: Form, f: Finding): string[] {
  if (!f.unit || (f.scope !== 'unit' && f.scope !== 'file')) return [];
  return [...new Set(f.values.map((v) => v.code).filter((code) => form.indicatorByCode.has(code)))];
}

const unitIndex = new WeakMap<PeriodState, Map<string, PeriodState['units'][number]>>();

function unitOf(s: PeriodState, code: string | undefined): PeriodState['units'][number] | undefined {
  if (code === undefined) return undefined;
  let index = unitIndex.get(s);
  if (!index) {
    index = new Map(s.consolidation.units.map((u) => [u.code, u]));
    unitIndex.set(s, index);
  }
  return index.get(code);
}

function row(s: PeriodState, f: Finding): FindingRow {
  const c = s.consolidation;
  const unit = unitOf(s, f.unit);
  const tier = unit?.tier ?? f.tier;
  const scopeLabel = unit
    ? unit.name
    : f.scope === 'province'
      ? 'Toàn tỉnh'
      : tier
        ? c.form.tiers[tier]
        : f.file
          ? `Tệp ${f.file}`
          : 'Toàn tỉnh';
  const r: FindingRow = {
    id: f.id,
    severity: f.severity,
    severityLabel: SEVERITY_LABELS[f.severity],
    message: f.message,
    status: f.status,
    statusLabel: STATUS_LABELS[f.status],
    checkLabel: checkLabel(c.form, f.check),
    checkGroup: f.check,
    scopeLabel,
    correctable: correctableCodes(c.form, f).length > 0 && unit !== undefined,
  };
  if (f.unit) r.unit = f.unit;
  if (unit) r.unitName = unit.name;
  if (tier) {
    r.tier = tier;
    r.tierLabel = c.form.tiers[tier];
  }
  if (f.note) r.note = f.note;
  return r;
}

/** Every finding, open ones first, errors first, then by unit in register order. */
export function findingsView(s: PeriodState): FindingsView {
  const c = s.consolidation;
  const order = new Map(c.units.map((u, i) => [u.code, i]));
  const sorted = c.findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (a.f.status === 'open' ? 0 : 1) - (b.f.status === 'open' ? 0 : 1) ||
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        (order.get(a.f.unit ?? '') ?? -1) - (order.get(b.f.unit ?? '') ?? -1) ||
        a.i - b.i,
    )
    .map(({ f }) => row(s, f));
  const checks = new Map<string, { group: string; label: string; count: number }>();
  for (const f of sorted) {
    const e = checks.get(f.checkGroup) ?? { group: f.checkGroup, label: f.checkLabel, count: 0 };
    e.count += 1;
    checks.set(f.checkGroup, e);
  }
  const open = c.findings.filter((f) => f.status === 'open');
  const openErrors = open.filter((f) => f.severity === 'error').length;
  const openWarnings = open.filter((f) => f.severity === 'warning').length;
  return {
    period: c.period.code,
    findings: sorted,
    checks: [...checks.values()].sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    openErrors,
    openWarnings,
    summaryText:
      c.findings.length === 0
        ? 'Không có sai sót hay lưu ý nào.'
        : `${formatNumber(openErrors)} lỗi và ${formatNumber(openWarnings)} cảnh báo chưa xử lý; tổng số ${formatNumber(c.findings.length)} mục.`,
  };
}

/** Column letters of a 1-based column. */
function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref.replace(/\$/g, '').toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** The cells around `ref` in a sheet: two rows above and below, the first columns up to the value's. */
export function neighbourCells(sheet: XlsxSheet, ref: string): SheetCellView[][] {
  const at = parseRef(ref);
  if (!at) return [];
  const lastCol = Math.min(Math.max(at.col, 5), 8);
  const out: SheetCellView[][] = [];
  for (let r = Math.max(1, at.row - 2); r <= at.row + 2; r++) {
    const cells: SheetCellView[] = [];
    for (let col = 1; col <= lastCol; col++) {
      const cell = sheet.rows.get(r)?.get(col);
      const text =
        cell === undefined || cell.value === null
          ? ''
          : typeof cell.value === 'number'
            ? formatNumber(cell.value)
            : String(cell.value);
      cells.push({
        ref: `${colName(col)}${r}`,
        text: text.length > 80 ? `${text.slice(0, 79)}…` : text,
        focus: r === at.row && col === at.col,
      });
    }
    out.push(cells);
  }
  return out;
}

/** Workbooks read for the detail view, by SHA-256 (a few at most). */
const workbooks = new Map<string, ReturnType<typeof readWorkbook> | null>();

function sheetOf(s: PeriodState, sha256: string, name: string): XlsxSheet | undefined {
  if (!workbooks.has(sha256)) {
    if (workbooks.size > 8) workbooks.delete(workbooks.keys().next().value as string);
    try {
      workbooks.set(sha256, readWorkbook(originalBytes(s.workspace, sha256)));
    } catch {
      workbooks.set(sha256, null);
    }
  }
  return workbooks.get(sha256)?.sheets.find((sh) => sh.name === name);
}

function historyLine(e: AuditEntry): string | undefined {
  const when = dateTimeVN(e.at);
  const note = typeof e.note === 'string' ? `: ${e.note}` : '';
  switch (e.action) {
    case 'explained':
      return `${when} — ${e.by} giải trình${note}`;
    case 'finding-fixed':
      return `${when} — ${e.by} đánh dấu đã xử lý${note}`;
    case 'reopened':
      return `${when} — ${e.by} mở lại để xử lý`;
    default:
      return undefined;
  }
}

/** One finding with its values, their cells and neighbours, and its history. */
export function findingDetail(s: PeriodState, id: string): FindingDetail {
  const c = s.consolidation;
  const f = c.findings.find((x) => x.id === id);
  if (!f) throw new ApiError('Không còn mục này trong danh sách đối chiếu (số liệu vừa thay đổi); hãy chọn lại.');
  const unitValues = f.unit ? c.values[f.unit] : undefined;
  const values: FindingValueView[] = f.values.map((v) => {
    const ind = c.form.indicatorByCode.get(v.code);
    const current = unitValues?.[v.code];
    const shown = current && ind && (f.scope === 'unit' || f.scope === 'file') ? current.value : v.value;
    const out: FindingValueView = {
      code: ind ? v.code : '',
      label: ind?.label ?? v.code,
      valueText: shown === null ? '—' : formatNumber(shown),
    };
    if (current?.corrected && ind) {
      out.correctedFrom = current.corrected.from === null ? '—' : formatNumber(current.corrected.from);
    }
    const src = v.source ?? current?.source;
    if (src && src.cell) {
      out.file = src.file;
      out.sha256 = src.sha256;
      out.sheet = src.sheet;
      out.cell = src.cell;
      out.raw = src.raw;
      const sheet = sheetOf(s, src.sha256, src.sheet);
      if (sheet) out.neighbours = neighbourCells(sheet, src.cell);
    }
    return out;
  });
  const history = readAudit(s.workspace)
    .filter((e) => e.findingId === id)
    .map(historyLine)
    .filter((l): l is string => l !== undefined);
  if (f.status === 'fixed' && f.note && !history.some((h) => h.includes(f.note as string))) history.push(f.note);
  const correctable = row(s, f).correctable
    ? correctableCodes(c.form, f).map((code) => {
        const v = unitValues?.[code];
        return {
          code,
          label: c.form.indicatorByCode.get(code)?.label ?? code,
          valueText: v ? formatNumber(v.value) : '—',
        };
      })
    : [];
  return { finding: row(s, f), values, history, correctable };
}
