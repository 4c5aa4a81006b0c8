import { toConsolidationView } from '../api/consolidation-view.js';
import type { PipelineResult } from '../pipeline/index.js';

function pad(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + ' '.repeat(width - len);
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => pad(c, i === r.length - 1 ? 0 : (widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The readable summary `consolidate` prints on stdout: the same texts the app shows (one
 * view of the consolidation, `core/api/consolidation-view.ts`), laid out as plain tables.
 */
export function summaryText(r: PipelineResult, sourceDir: string, maxFindings = 25): string {
  const v = toConsolidationView(r, sourceDir);
  const out: string[] = [`Kỳ báo cáo ${v.period.code} — ${v.summaryText}.`];
  const rejected = v.files.filter((f) => f.status === 'rejected');
  out.push(`Tệp đã nhận: ${r.files.length}${rejected.length ? `, trong đó ${rejected.length} bị từ chối` : ''}.`);
  for (const f of rejected) out.push(`  - ${f.message ?? f.name}`);
  const notOk = v.units.filter((u) => u.status !== 'accepted');
  if (notOk.length > 0) {
    out.push('', 'Đơn vị cần xử lý:');
    out.push(
      table([
        ['Mã', 'Tên đơn vị', 'Trạng thái', 'Lỗi'],
        ...notOk.map((u) => [u.code, u.name, u.statusLabel, u.openErrors ? String(u.openErrors) : '']),
      ]),
    );
  }
  const totals = v.keyTotals.filter((t) => t.valueText !== '—');
  if (totals.length > 0) {
    out.push('', 'Một số số liệu toàn tỉnh:');
    out.push(
      table([
        ['Mã', 'Chỉ tiêu', 'Tổng', 'Số đơn vị báo cáo'],
        ...totals.map((t) => [t.code, t.label, t.valueText, t.contributingText]),
      ]),
    );
  }
  out.push('', `Chỉ tiêu Nghị quyết: ${v.targetsText}.`);
  out.push(
    table([
      ['Mã', 'Kết quả', 'Nghị quyết', 'Đánh giá'],
      ...v.targets.map((t) => [
        t.id,
        t.valueText,
        t.thresholdText,
        t.statusLabel + (t.detailText ? ` (${t.detailText})` : ''),
      ]),
    ]),
  );
  out.push('', `Phát hiện: ${v.findingsText}.`);
  const errors = v.findings.filter((f) => f.severity === 'error' && f.status === 'open');
  for (const f of errors.slice(0, maxFindings)) out.push(`  [lỗi] ${f.message}`);
  if (v.openErrors > maxFindings) out.push(`  … và ${v.openErrors - maxFindings} lỗi khác (xem tệp --json).`);
  return out.join('\n') + '\n';
}
