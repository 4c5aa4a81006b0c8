/**
 * The consolidation as the app shows it: the pipeline's result mapped to plain data, every
 * figure written by the one Vietnamese number formatter, so that the renderer formats
 * nothing and computes nothing.
 */
import type {
  ConsolidationView,
  FileView,
  FindingView,
  KeyTotalView,
  TargetStatusCode,
  TargetView,
  UnitStatusCode,
  UnitView,
} from '../../shared-api/app-api.js';
import { FINDINGS_SHOWN } from '../../shared-api/app-api.js';
import type { Severity, Tier } from '../form/types.js';
import { targetsSentence, type TargetResult } from '../model/consolidation.js';
import type { FindingStatus } from '../model/index.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import type { PipelineResult } from '../pipeline/index.js';
import type { FileTrack, UnitStatus } from '../workspace/index.js';

/** The province totals shown beside the targets. */
export const KEY_TOTALS: readonly string[] = ['KL01', 'BC08', 'BC03', 'BC07', 'TTHC07', 'DVC03'];

export const UNIT_STATUS_LABELS: Readonly<Record<UnitStatusCode, string>> = {
  accepted: 'Hợp lệ',
  'has-errors': 'Có lỗi',
  duplicate: 'Nhiều tệp, chưa chọn',
  rejected: 'Đã gửi, tệp bị từ chối',
  missing: 'Chưa nộp',
  received: 'Đã nhận',
};

export const TARGET_STATUS_LABELS: Readonly<Record<TargetStatusCode, string>> = {
  dat: 'Đạt',
  vuot: 'Vượt',
  'chua-dat': 'Chưa đạt',
  'thieu-so-lieu': 'Thiếu số liệu',
};

const FILE_STATUS_LABELS: Readonly<Record<FileTrack['status'], string>> = {
  imported: 'Đã nhập',
  rejected: 'Bị từ chối',
  duplicate: 'Trùng lặp',
  superseded: 'Đã thay bằng tệp mới hơn',
};

const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Chưa xử lý',
  explained: 'Đã giải trình',
  fixed: 'Đã sửa',
};

/** The order of the summary line. */
const SUMMARY_ORDER: readonly UnitStatusCode[] = [
  'accepted',
  'has-errors',
  'duplicate',
  'received',
  'rejected',
  'missing',
];

// The workspace's statuses and the API's must stay the same set.
const STATUS_CHECK: Record<UnitStatus, UnitStatusCode> = {
  missing: 'missing',
  received: 'received',
  'has-errors': 'has-errors',
  accepted: 'accepted',
  duplicate: 'duplicate',
  rejected: 'rejected',
};

/** "dd/mm/yyyy hh:mm" of an instant, in Vietnam time (UTC+7, no daylight saving). */
export function dateTimeVN(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

/**
 * "40 đơn vị: 35 hợp lệ; 3 có lỗi; 1 đã gửi, tệp bị từ chối; 1 chưa nộp" — statuses with no
 * unit are left out; semicolons between them, since some labels hold a comma.
 */
export function summaryText(counts: Record<UnitStatusCode, number>, total: number): string {
  const parts = SUMMARY_ORDER.filter((s) => counts[s] > 0).map(
    (s) => `${formatNumber(counts[s])} ${UNIT_STATUS_LABELS[s].toLowerCase()}`,
  );
  return `${formatNumber(total)} đơn vị${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

function targetFigure(value: number, unit: string): string {
  return unit === 'hạng' ? `xếp thứ ${formatNumber(value, { decimals: 0 })}` : formatPercent(value);
}

function bound(op: TargetResult['op'], value: number, unit: string): string {
  if (unit === 'hạng') return `trong nhóm ${formatNumber(value, { decimals: 0 })} dẫn đầu`;
  return `${op === '>=' ? '≥' : '≤'} ${formatNumber(value)}%`;
}

function tierName(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function targetView(t: TargetResult, tiers: readonly Tier[], tierLabels: Record<Tier, string>): TargetView {
  const perTier = tiers.filter((tier) => t.byTier?.[tier] !== undefined);
  const thresholdText =
    t.byTier !== undefined
      ? perTier
          .map((tier) => `${tierName(tierLabels[tier])} ${bound(t.op, t.byTier?.[tier]?.threshold ?? 0, t.unit)}`)
          .join(', ')
      : t.threshold === null
        ? '—'
        : bound(t.op, t.threshold, t.unit);
  const detailText =
    t.byTier !== undefined
      ? perTier
          .map((tier) => {
            const v = t.byTier?.[tier]?.value;
            return `${tierName(tierLabels[tier])} ${v === null || v === undefined ? '—' : targetFigure(v, t.unit)}`;
          })
          .join('; ')
      : undefined;
  return {
    id: t.id,
    label: t.label,
    valueText: t.value === null ? '—' : targetFigure(t.value, t.unit),
    thresholdText,
    status: t.status,
    statusLabel: TARGET_STATUS_LABELS[t.status],
    ...(detailText ? { detailText } : {}),
  };
}

function findingViews(r: PipelineResult): FindingView[] {
  const rank = (status: FindingStatus, severity: Severity) => (status === 'open' ? 0 : 3) + SEVERITY_ORDER[severity];
  return r.consolidation.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.status, a.f.severity) - rank(b.f.status, b.f.severity) || a.i - b.i)
    .slice(0, FINDINGS_SHOWN)
    .map(({ f }) => ({
      id: f.id,
      severity: f.severity,
      severityLabel: SEVERITY_LABELS[f.severity],
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      message: f.message,
      status: f.status,
      statusLabel: FINDING_STATUS_LABELS[f.status],
    }));
}

function keyTotals(r: PipelineResult): KeyTotalView[] {
  const c = r.consolidation;
  return KEY_TOTALS.map((code) => {
    const t = c.totals.province[code];
    const label = c.form.indicators.find((i) => i.code === code)?.label ?? code;
    if (!t || t.contributing === 0) {
      return { code, label, valueText: '—', contributingText: 'chưa đơn vị nào báo cáo' };
    }
    return {
      code,
      label,
      valueText: formatNumber(t.value, Number.isInteger(t.value) ? { decimals: 0 } : {}),
      contributingText: `từ ${formatNumber(t.contributing)}/${formatNumber(t.of)} đơn vị`,
    };
  });
}

/** Map the pipeline's result to what the "Tổng hợp" screen shows. `sourceDir` is the folder read. */
export function toConsolidationView(r: PipelineResult, sourceDir: string): ConsolidationView {
  const c = r.consolidation;
  const units: UnitView[] = r.units.map((u) => ({
    code: u.code,
    name: u.name,
    tier: u.tier,
    tierLabel: c.form.tiers[u.tier],
    status: STATUS_CHECK[u.status],
    statusLabel: UNIT_STATUS_LABELS[u.status],
    ...(u.message !== undefined ? { statusDetail: u.message } : {}),
    ...(u.file !== undefined ? { file: u.file } : {}),
    ...(u.receivedAt !== undefined ? { receivedAt: u.receivedAt, receivedLabel: dateTimeVN(u.receivedAt) } : {}),
    late: u.late,
    openErrors: u.openErrors,
  }));
  const counts = { missing: 0, received: 0, 'has-errors': 0, accepted: 0, duplicate: 0, rejected: 0 };
  for (const u of units) counts[u.status] += 1;
  const files: FileView[] = r.files
    .filter((f) => f.status !== 'imported')
    .map((f) => ({
      name: f.name,
      status: f.status,
      statusLabel: FILE_STATUS_LABELS[f.status],
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.message !== undefined ? { message: f.message } : {}),
    }));
  const open = c.findings.filter((f) => f.status === 'open');
  const openErrors = open.filter((f) => f.severity === 'error').length;
  const openWarnings = open.filter((f) => f.severity === 'warning').length;
  const findings = findingViews(r);
  const shown =
    findings.length < c.findings.length
      ? `; hiển thị ${formatNumber(findings.length)}/${formatNumber(c.findings.length)} mục đầu`
      : '';
  return {
    period: { code: c.period.code, title: c.period.title },
    workspaceDir: r.workspace.dir,
    sourceDir,
    counts: { ...counts, total: units.length },
    summaryText: summaryText(counts, units.length),
    units,
    files,
    targets: c.targets.map((t) => targetView(t, c.period.tiers, c.form.tiers)),
    targetsMet: c.targetsMet,
    targetsTotal: c.targets.length,
    targetsText: targetsSentence(c.targets),
    keyTotals: keyTotals(r),
    findings,
    findingsTotal: c.findings.length,
    findingsText: `${formatNumber(openErrors)} lỗi và ${formatNumber(openWarnings)} cảnh báo chưa xử lý${shown}`,
    openErrors,
    openWarnings,
  };
}
