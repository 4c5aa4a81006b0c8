import { DatePicker, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { BoardRow, BoardView } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';

/**
 * The date a unit's file was really received (its email, the official letter): the clerk
 * sets it; the engine records it in the audit log and judges lateness by it.
 */
export default function ReceivedDate({
  period,
  row,
  onClose,
  onSaved,
}: {
  period: string;
  row: BoardRow | null;
  onClose: () => void;
  onSaved: (view: BoardView) => void;
}) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!row?.sha256 || !date) return;
    setSaving(true);
    setError(null);
    try {
      const v = await api().setReceivedDate({
        period,
        sha256: row.sha256,
        date: date.format('YYYY-MM-DD'),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setDate(null);
      setNote('');
      onSaved(v);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={row !== null}
      title={row ? `Ngày nhận báo cáo của ${row.name}` : ''}
      okText="Ghi ngày nhận"
      cancelText="Huỷ"
      okButtonProps={{ disabled: !date, loading: saving }}
      onOk={() => void save()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {row && (
        <Space direction="vertical" className="received-form">
          <Typography.Paragraph>
            Tệp {row.file}: đang ghi nhận ngày {row.receivedLabel ?? '—'}
            {row.modifiedLabel ? ` (tệp sửa lần cuối ${row.modifiedLabel}, không dùng để xét nộp muộn)` : ''}. Ghi ngày
            đơn vị thực sự gửi (ngày của thư điện tử, công văn); việc xét nộp muộn theo ngày này.
          </Typography.Paragraph>
          <label className="inline-field">
            <span>Ngày nhận</span>
            <DatePicker
              aria-label="Ngày nhận mới"
              format="DD/MM/YYYY"
              placeholder="dd/mm/yyyy"
              value={date}
              onChange={(d) => setDate(d)}
            />
          </label>
          <Input
            aria-label="Căn cứ ngày nhận"
            placeholder="Căn cứ (ví dụ: thư điện tử ngày 12/07/2023)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
          />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}
