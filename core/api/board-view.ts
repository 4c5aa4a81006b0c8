/** "Theo dõi": the board of every unit of the period, its counts and the submission chart. */
import type { BoardRow, BoardView, SubmissionSeries, UnitStatusCode } from '../../shared-api/app-api.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import { formatDateVN, isLate } from '../period/index.js';
import { dateTimeVN, summaryText, UNIT_STATUS_LABELS } from './consolidation-view.js';
import type { PeriodState } from './session.js';

/** Statuses in the order of the board's chips. */
export const STATUS_ORDER: readonly UnitStatusCode[] = [
  'missing',
  'rejected',
  'has-errors',
  'duplicate',
  'accepted',
  'received',
];

const FILE_STATUS_LABELS = {
  imported: 'Đã nhập',
  rejected: 'Bị từ chối',
  duplicate: 'Trùng lặp',
  superseded: 'Đã thay bằng tệp mới hơn',
} as const;

function timeliness(status: UnitStatusCode, late: boolean, received: boolean, sent: boolean): string {
  if (received) return late ? 'Nộp muộn' : 'Đúng hạn';
  // Sent only files that were refused: it did send, on that date; it still has no usable return.
  if (sent) return late ? 'Gửi muộn' : 'Gửi đúng hạn';
  // Sent nothing (or nothing of it is known).
  if (status === 'missing' || status === 'rejected') return late ? 'Quá hạn' : 'Chưa đến hạn';
  return late ? 'Nộp muộn' : 'Đúng hạn';
}

/**
 * The board of a period's state. `now` decides "quá hạn" for units that sent nothing; a unit
 * that sent only refused files is on time or late by the date its first file came.
 */
export function boardView(s: PeriodState, now = new Date()): BoardView {
  const c = s.consolidation;
  const period = c.period;
  const bySha = new Map(s.manifest.submissions.map((x) => [x.sha256, x]));
  const warningsByUnit = new Map<string, number>();
  for (const f of c.findings) {
    if (f.unit && f.severity === 'warning' && f.status === 'open') {
      warningsByUnit.set(f.unit, (warningsByUnit.get(f.unit) ?? 0) + 1);
    }
  }
  const rows: BoardRow[] = s.tracks.map((u) => {
    const received = u.receivedAt !== undefined;
    const sent = !received && u.sentAt !== undefined;
    const late = received || sent ? u.late : isLate(period, now.toISOString());
    const sub = u.sha256 ? bySha.get(u.sha256) : undefined;
    const row: BoardRow = {
      code: u.code,
      name: u.name,
      tier: u.tier,
      tierLabel: c.form.tiers[u.tier],
      status: u.status,
      statusLabel: UNIT_STATUS_LABELS[u.status],
      late,
      timelinessLabel: timeliness(u.status, late, received, sent),
      openErrors: u.openErrors,
      openWarnings: warningsByUnit.get(u.code) ?? 0,
    };
    if (u.file) row.file = u.file;
    if (u.sha256) row.sha256 = u.sha256;
    if (u.receivedAt) {
      row.receivedAt = u.receivedAt;
      row.receivedLabel = dateTimeVN(u.receivedAt);
    } else if (sent) {
      // Only refused files: the date the first came, which its "Gửi đúng hạn / muộn" is judged by.
      row.receivedLabel = dateTimeVN(u.sentAt as string);
    }
    if (sub?.modifiedAt) row.modifiedLabel = dateTimeVN(sub.modifiedAt);
    // Why a unit that did send has no figures: its refused files, named with the reason.
    if (u.status === 'rejected' && u.message) row.note = u.message;
    return row;
  });

  const counts: Record<UnitStatusCode, number> = {
    missing: 0,
    received: 0,
    'has-errors': 0,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
  };
  for (const r of rows) counts[r.status] += 1;

  const chart: SubmissionSeries[] = period.tiers.map((tier) => {
    const of = rows.filter((r) => r.tier === tier);
    const sent = of.filter((r) => r.receivedAt !== undefined);
    const late = sent.filter((r) => r.late).length;
    const rejected = of.filter((r) => r.receivedAt === undefined && r.status === 'rejected').length;
    return {
      tier,
      tierLabel: c.form.tiers[tier],
      onTime: sent.length - late,
      late,
      rejected,
      missing: of.length - sent.length - rejected,
      total: of.length,
      rateText: of.length === 0 ? '—' : formatPercent((100 * sent.length) / of.length),
    };
  });

  // Units that sent nothing: a unit whose file was refused did send (its row says why).
  const missing = rows.filter((r) => r.receivedAt === undefined && r.status !== 'rejected');
  const missingListText = [
    `Danh sách cơ quan, đơn vị chưa gửi báo cáo ${period.shortTitle} (hạn nộp ${formatDateVN(period.deadline)}):`,
    ...missing.map((r, i) => `${formatNumber(i + 1)}. ${r.name} (${r.code}, ${r.tierLabel.toLowerCase()})`),
  ].join('\n');

  return {
    period: period.code,
    rows,
    statuses: STATUS_ORDER.filter((st) => st !== 'received' || counts.received > 0).map((st) => ({
      status: st,
      label: UNIT_STATUS_LABELS[st],
      count: counts[st],
    })),
    total: rows.length,
    summaryText: summaryText(counts, rows.length),
    chart,
    missingListText,
    missingCount: missing.length,
    files: s.files
      .filter((f) => f.status !== 'imported')
      .map((f) => ({
        name: f.name,
        status: f.status,
        statusLabel: FILE_STATUS_LABELS[f.status],
        ...(f.unit !== undefined ? { unit: f.unit } : {}),
        ...(f.message !== undefined ? { message: f.message } : {}),
      })),
  };
}
