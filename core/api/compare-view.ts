/** Several different files of one unit side by side: only the values that differ. */
import type { FileComparison } from '../../shared-api/app-api.js';
import { formatNumber, formatValue } from '../numbers/index.js';
import { loadDerived } from '../workspace/index.js';
import { dateTimeVN } from './consolidation-view.js';
import { ApiError } from './errors.js';
import type { PeriodState } from './session.js';

const STATUS = { imported: 'Đang dùng', rejected: 'Bị từ chối', duplicate: 'Chờ chọn', superseded: 'Đã thay' } as const;

export function compareFiles(s: PeriodState, unitCode: string): FileComparison {
  const c = s.consolidation;
  const code = unitCode.trim().toUpperCase();
  const unit = c.units.find((u) => u.code === code);
  if (!unit) throw new ApiError(`Không có đơn vị ${code} trong danh sách của kỳ ${c.period.code}.`);
  const state = s.manifest.units[code];
  const subs = s.manifest.submissions
    .filter((x) => x.unit === code && !x.invalid)
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  if (subs.length === 0) throw new ApiError(`Đơn vị ${code} chưa có tệp nào dùng được.`);
  const parsed = subs.map((x) => loadDerived(s.workspace, x.sha256));
  const files = subs.map((x, i) => {
    const p = parsed[i];
    const errors = p?.findings.filter((f) => f.severity === 'error').length ?? 0;
    const warnings = p?.findings.filter((f) => f.severity === 'warning').length ?? 0;
    return {
      sha256: x.sha256,
      name: x.names[0] as string,
      receivedLabel: dateTimeVN(x.receivedAt),
      ...(x.modifiedAt ? { modifiedLabel: dateTimeVN(x.modifiedAt) } : {}),
      status: STATUS[x.status],
      findingsText:
        errors + warnings === 0
          ? 'Không có lỗi khi đọc'
          : `${formatNumber(errors)} lỗi, ${formatNumber(warnings)} cảnh báo khi đọc`,
      accepted: state?.accepted === x.sha256 && (state?.duplicates.length ?? 0) === 0,
    };
  });
  const codes = c.form.indicators.filter((i) => i.tiers.includes(unit.tier));
  const rows: FileComparison['rows'] = [];
  for (const ind of codes) {
    const vals = parsed.map((p) => p?.values[ind.code]);
    const texts = vals.map((v) => (v ? formatValue(v.value, ind.kind) : '—'));
    if (new Set(vals.map((v) => (v ? v.value : null))).size <= 1) continue;
    rows.push({
      code: ind.code,
      label: ind.label,
      values: texts,
      cells: vals.map((v) => (v ? `${v.source.sheet}!${v.source.cell}` : '')),
    });
  }
  return {
    period: c.period.code,
    unit: code,
    unitName: unit.name,
    files,
    rows,
    summaryText:
      rows.length === 0
        ? `Các tệp có số liệu giống nhau ở cả ${formatNumber(codes.length)} chỉ tiêu.`
        : `Khác nhau ${formatNumber(rows.length)}/${formatNumber(codes.length)} chỉ tiêu.`,
  };
}
