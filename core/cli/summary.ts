import { formatNumber, formatPercent } from '../numbers/index.js';
import type { PipelineResult } from '../pipeline/index.js';

const UNIT_STATUS_VN = {
  accepted: 'hợp lệ',
  'has-errors': 'có lỗi',
  duplicate: 'nhiều tệp, chưa chọn',
  received: 'đã nhận',
  missing: 'chưa nộp',
} as const;

const TARGET_STATUS_VN = {
  dat: 'Đạt',
  vuot: 'Vượt',
  'chua-dat': 'Chưa đạt',
  'thieu-so-lieu': 'Thiếu số liệu',
} as const;

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

/** The readable summary `consolidate` prints on stdout. */
export function summaryText(r: PipelineResult, maxFindings = 25): string {
  const c = r.consolidation;
  const out: string[] = [];
  const counts = new Map<string, number>();
  for (const u of r.units) counts.set(u.status, (counts.get(u.status) ?? 0) + 1);
  out.push(
    `Kỳ báo cáo ${c.period.code} — ${r.units.length} đơn vị: ` +
      (Object.keys(UNIT_STATUS_VN) as (keyof typeof UNIT_STATUS_VN)[])
        .filter((s) => counts.get(s))
        .map((s) => `${counts.get(s)} ${UNIT_STATUS_VN[s]}`)
        .join(', ') +
      '.',
  );
  const rejected = r.files.filter((f) => f.status === 'rejected');
  out.push(`Tệp đã nhận: ${r.files.length}${rejected.length ? `, trong đó ${rejected.length} bị từ chối` : ''}.`);
  for (const f of rejected) out.push(`  - ${f.message ?? f.name}`);
  const notOk = r.units.filter((u) => u.status !== 'accepted');
  if (notOk.length > 0) {
    out.push('', 'Đơn vị cần xử lý:');
    out.push(
      table([
        ['Mã', 'Tên đơn vị', 'Trạng thái', 'Lỗi'],
        ...notOk.map((u) => [u.code, u.name, UNIT_STATUS_VN[u.status], u.openErrors ? String(u.openErrors) : '']),
      ]),
    );
  }
  const p = c.totals.province;
  const key = ['KL01', 'BC08', 'BC03', 'BC07', 'TTHC07', 'DVC03'].filter((k) => p[k]);
  if (key.length > 0) {
    out.push('', 'Một số số liệu toàn tỉnh:');
    out.push(
      table([
        ['Mã', 'Chỉ tiêu', 'Tổng', 'Số đơn vị'],
        ...key.map((k) => {
          const t = p[k]!;
          return [k, c.form.indicatorByCode.get(k)?.label ?? k, formatNumber(t.value), `${t.contributing}/${t.of}`];
        }),
      ]),
    );
  }
  out.push('', `Chỉ tiêu Nghị quyết: ${c.targetsMet}/${c.targets.length} chỉ tiêu đạt và vượt.`);
  out.push(
    table([
      ['Mã', 'Giá trị', 'Yêu cầu', 'Đánh giá'],
      ...c.targets.map((t) => [
        t.id,
        t.value === null ? '—' : t.unit === '%' ? formatPercent(t.value) : formatNumber(t.value),
        t.threshold === null
          ? Object.entries(t.byTier ?? {})
              .map(([tier, v]) => `${tier} ${t.op} ${formatNumber(v.threshold)}`)
              .join('; ')
          : `${t.op} ${formatNumber(t.threshold)}`,
        TARGET_STATUS_VN[t.status] + (t.failingTiers?.length ? ` (chưa đạt: ${t.failingTiers.join(', ')})` : ''),
      ]),
    ]),
  );
  const open = c.findings.filter((f) => f.status === 'open');
  const errors = open.filter((f) => f.severity === 'error');
  const warnings = open.filter((f) => f.severity === 'warning');
  out.push('', `Phát hiện còn mở: ${errors.length} lỗi, ${warnings.length} cảnh báo.`);
  for (const f of errors.slice(0, maxFindings)) out.push(`  [lỗi] ${f.message}`);
  if (errors.length > maxFindings) out.push(`  … và ${errors.length - maxFindings} lỗi khác (xem tệp --json).`);
  return out.join('\n') + '\n';
}
