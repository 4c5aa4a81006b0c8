/** "Nhật ký": the period's audit log, one plain sentence per entry. */
import type { AuditRow, AuditView } from '../../shared-api/app-api.js';
import { formatNumber } from '../numbers/index.js';
import type { AuditEntry, Workspace } from '../workspace/index.js';
import { readAudit } from '../workspace/index.js';
import { dateTimeVN } from './consolidation-view.js';

export const AUDIT_LABELS: Readonly<Record<string, string>> = {
  imported: 'Nhập tệp',
  rejected: 'Từ chối tệp',
  'duplicate-recorded': 'Tệp trùng nội dung',
  superseded: 'Thay tệp',
  chosen: 'Chọn tệp',
  explained: 'Giải trình',
  reopened: 'Mở lại',
  'input-set': 'Nhập số liệu cấp tỉnh',
  'settings-changed': 'Sửa thể thức báo cáo',
  rebuilt: 'Dựng lại dữ liệu',
  'register-changed': 'Sửa danh sách đơn vị',
  'value-corrected': 'Sửa số liệu',
  'finding-fixed': 'Đánh dấu đã xử lý',
  'template-changed': 'Sửa nội dung báo cáo',
  'received-set': 'Ghi ngày nhận',
  'lock-taken-over': 'Giành quyền sử dụng',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : v === null ? 'ô trống' : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function sentence(e: AuditEntry): string {
  switch (e.action) {
    case 'imported':
      return `Nhập tệp ${str(e.name)}${e.unit ? ` của đơn vị ${str(e.unit)}` : ''}${e.status === 'duplicate' ? ' (đơn vị có nhiều tệp, chờ chọn)' : ''}.`;
    case 'rejected':
      return str(e.message) || `Từ chối tệp ${str(e.name)}.`;
    case 'duplicate-recorded':
      return `Tệp ${str(e.name)} giống hệt tệp ${str(e.sameAs)}; chỉ ghi nhận một lần.`;
    case 'superseded': {
      const changes = Array.isArray(e.changes) ? e.changes.length : 0;
      return `Đơn vị ${str(e.unit)}: tệp mới thay tệp cũ (${formatNumber(changes)} chỉ tiêu thay đổi).`;
    }
    case 'chosen':
      return `Chọn tệp ${str(e.name)} làm báo cáo của đơn vị ${str(e.unit)}.`;
    case 'explained':
      return `Giải trình: ${str(e.note)}`;
    case 'reopened':
      return 'Mở lại một mục đối chiếu đã giải trình để xử lý tiếp.';
    case 'input-set':
      return `Nhập số liệu cấp tỉnh ${str(e.key)} = ${num(e.value)}${e.previous !== undefined ? ` (trước là ${num(e.previous)})` : ''}; nguồn: ${str(e.note)}.`;
    case 'settings-changed':
      return 'Sửa thể thức văn bản báo cáo (số, ngày, người ký, nơi nhận…).';
    case 'rebuilt':
      return 'Đọc lại toàn bộ tệp gốc và dựng lại dữ liệu.';
    case 'register-changed': {
      const parts: string[] = [];
      if (list(e.added).length) parts.push(`thêm ${list(e.added).join(', ')}`);
      const renamed = Array.isArray(e.renamed) ? (e.renamed as Array<{ code: string; to: string }>) : [];
      if (renamed.length) parts.push(`đổi tên ${renamed.map((r) => `${r.code} thành "${r.to}"`).join(', ')}`);
      if (list(e.deactivated).length) parts.push(`ngừng theo dõi ${list(e.deactivated).join(', ')}`);
      if (list(e.reactivated).length) parts.push(`theo dõi lại ${list(e.reactivated).join(', ')}`);
      if (list(e.removed).length) parts.push(`bỏ ${list(e.removed).join(', ')}`);
      const src = e.source ? ` từ tệp ${str(e.source)}` : '';
      return `Sửa danh sách đơn vị${src}${parts.length ? `: ${parts.join('; ')}` : ''}.`;
    }
    case 'value-corrected':
      return `Sửa số liệu ${str(e.code)} của đơn vị ${str(e.unit)} từ ${num(e.from)} thành ${num(e.to)} sau khi xác nhận với ${str(e.confirmedWith)}: ${str(e.note)}`;
    case 'finding-fixed':
      return `Đánh dấu đã xử lý: ${str(e.note)}`;
    case 'template-changed':
      return e.reset ? 'Trở lại nội dung báo cáo mặc định.' : 'Sửa nội dung báo cáo.';
    case 'received-set':
      return `Ghi ngày nhận tệp ${str(e.name)}${e.unit ? ` của đơn vị ${str(e.unit)}` : ''}: ${dateTimeVN(str(e.receivedAt))}${e.previous ? ` (trước là ${dateTimeVN(str(e.previous))})` : ''}${e.note ? `; ${str(e.note)}` : ''}.`;
    case 'lock-taken-over': {
      const h = (typeof e.holder === 'object' && e.holder !== null ? e.holder : {}) as Record<string, unknown>;
      return `Giành quyền sử dụng thư mục làm việc đang bị khoá bởi ${str(h.user) || 'người dùng khác'}${h.host ? ` trên máy ${str(h.host)}` : ''} (máy đó không còn hoạt động).`;
    }
    default:
      return AUDIT_LABELS[e.action] ?? 'Thao tác khác.';
  }
}

export function auditView(ws: Workspace, period: string): AuditView {
  const rows: AuditRow[] = readAudit(ws)
    .map((e) => ({
      seq: e.seq,
      at: e.at,
      atLabel: dateTimeVN(e.at),
      by: e.by,
      action: e.action,
      actionLabel: AUDIT_LABELS[e.action] ?? 'Thao tác khác',
      text: sentence(e),
      ...(typeof e.unit === 'string' ? { unit: e.unit } : {}),
    }))
    .reverse();
  const seen = new Set(rows.map((r) => r.action));
  return {
    period,
    rows,
    actions: Object.entries(AUDIT_LABELS)
      .filter(([a]) => seen.has(a))
      .map(([action, label]) => ({ action, label })),
  };
}
