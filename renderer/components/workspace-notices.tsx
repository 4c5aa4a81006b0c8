/**
 * What a clerk on a Windows office PC must be told about the workspace folder: that it is
 * synced by OneDrive (said once, with a folder on this PC offered instead), and that a
 * period's workspace is held by someone (a stale lock of a PC that crashed can be taken over
 * after an explicit confirmation). Every sentence comes from the engine.
 */
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { WorkspaceLocationInfo, WorkspaceLockInfo } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';

/** The OneDrive notice, at start, until the clerk has answered it once. */
export function LocationNotice({ onMoved }: { onMoved: () => void }) {
  const [info, setInfo] = useState<WorkspaceLocationInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .workspaceLocation()
      .then((l) => live && setInfo(l.notice ? l : null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!info?.notice) return null;

  const answer = async (useLocal: boolean) => {
    setBusy(true);
    setError(null);
    try {
      // Said once for this folder, whichever answer.
      await api().acknowledgeLocationNotice();
      if (useLocal && info.localAlternative) {
        await api().setSettings({ workspaceRoot: info.localAlternative });
        onMoved();
      }
      setInfo(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="Thư mục làm việc đang được OneDrive đồng bộ"
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Space wrap>
          {info.localAlternative && (
            <Button type="primary" loading={busy} onClick={() => void answer(true)}>
              Dùng thư mục trên máy này
            </Button>
          )}
          <Button disabled={busy} onClick={() => void answer(false)}>
            Giữ thư mục hiện tại
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph className="location-notice">{info.notice}</Typography.Paragraph>
      {info.pathWarning && <Typography.Paragraph type="warning">{info.pathWarning}</Typography.Paragraph>}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

/**
 * A period's workspace held by someone: who, since when. A stale lock (no sign of life) may be
 * taken over after the clerk confirms; a live one is waited for ("Thử lại").
 */
export function LockNotice({
  lock,
  onRetry,
  onTakeOver,
}: {
  lock: WorkspaceLockInfo;
  onRetry: () => void;
  onTakeOver: (lock: WorkspaceLockInfo) => Promise<void>;
}) {
  const { modal } = App.useApp();
  const confirm = () => {
    void modal.confirm({
      title: 'Giành quyền sử dụng thư mục làm việc?',
      content: (
        <div className="lock-confirm">
          <p>{lock.message}</p>
          <p>
            Chỉ giành quyền khi chắc chắn {lock.user}
            {lock.machine ? ` trên máy ${lock.machine}` : ''} không còn dùng thư mục này. Việc giành quyền được ghi vào
            nhật ký.
          </p>
        </div>
      ),
      okText: 'Giành quyền sử dụng',
      okButtonProps: { danger: true },
      cancelText: 'Huỷ',
      onOk: () => onTakeOver(lock),
    });
  };
  return (
    <Alert
      className="reminder lock-notice"
      type="warning"
      showIcon
      banner
      title={lock.message}
      action={
        lock.stale ? (
          <Button size="small" danger onClick={confirm}>
            Giành quyền sử dụng…
          </Button>
        ) : (
          <Button size="small" onClick={onRetry}>
            Thử lại
          </Button>
        )
      }
    />
  );
}
