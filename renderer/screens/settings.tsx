import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { ReportDefaults, Settings, TeamMember } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';
import { Page } from '../components/page.js';
import { useLoad } from '../hooks.js';
import { usePeriodContext } from '../period.js';

const REPORT_FIELDS: ReadonlyArray<{ key: keyof ReportDefaults; label: string; hint: string }> = [
  { key: 'governingBody', label: 'Cơ quan chủ quản', hint: 'UBND TỈNH LAI CHÂU' },
  { key: 'issuingBody', label: 'Cơ quan ban hành', hint: 'SỞ NỘI VỤ' },
  { key: 'place', label: 'Địa danh', hint: 'Lai Châu' },
  { key: 'signerAuthority', label: 'Thẩm quyền ký', hint: 'KT. GIÁM ĐỐC' },
  { key: 'signerTitle', label: 'Chức vụ người ký', hint: 'PHÓ GIÁM ĐỐC' },
  { key: 'signerName', label: 'Họ tên người ký', hint: 'Nguyễn Văn A' },
];

/** The team editor: one line per member, name and role. */
export function TeamEditor({ value, onChange }: { value: TeamMember[]; onChange: (t: TeamMember[]) => void }) {
  const set = (i: number, m: Partial<TeamMember>) => onChange(value.map((x, j) => (j === i ? { ...x, ...m } : x)));
  return (
    <div className="team">
      {value.map((m, i) => (
        <div key={i} className="team-row">
          <Input
            aria-label={`Họ tên thành viên ${i + 1}`}
            placeholder="Họ và tên"
            value={m.name}
            maxLength={100}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <Input
            aria-label={`Chức danh trong đoàn của thành viên ${i + 1}`}
            placeholder={i === 0 ? 'Trưởng đoàn' : 'Thành viên'}
            value={m.role}
            maxLength={100}
            onChange={(e) => set(i, { role: e.target.value })}
          />
          <Button
            aria-label={`Bỏ thành viên ${i + 1}`}
            icon={<DeleteOutlined />}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, { name: '', role: value.length === 0 ? 'Trưởng đoàn' : 'Thành viên' }])}
      >
        Thêm thành viên
      </Button>
    </div>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { refresh } = usePeriodContext();
  const [draft, setDraft] = useState<Settings>(initial);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' | 'error'; message?: string }>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const edit = (change: Partial<Settings>) => {
    setDraft((d) => ({ ...d, ...change }));
    setStatus({ kind: 'idle' });
  };
  const save = async () => {
    setSaving(true);
    try {
      const saved = await api().setSettings({
        report: draft.report,
        inspectionTeam: draft.inspectionTeam,
        workspaceRoot: draft.workspaceRoot,
        reminders: draft.reminders,
        userName: draft.userName,
      });
      setDraft(saved);
      setStatus({ kind: 'saved' });
      refresh();
    } catch (e) {
      setStatus({ kind: 'error', message: messageOf(e) });
    } finally {
      setSaving(false);
    }
  };
  const chooseFolder = async () => {
    const folder = await api().chooseFolder({
      title: 'Chọn thư mục làm việc mặc định',
      ...(draft.workspaceRoot ? { defaultPath: draft.workspaceRoot } : {}),
    });
    if (folder) edit({ workspaceRoot: folder });
  };
  return (
    <Form layout="vertical" onFinish={() => void save()} className="settings-form">
      <Card title="Thể thức báo cáo (mặc định cho các kỳ mới)" size="small">
        <div className="field-grid">
          {REPORT_FIELDS.map((f) => (
            <Form.Item key={f.key} label={f.label} htmlFor={`report-${f.key}`}>
              <Input
                id={`report-${f.key}`}
                value={draft.report[f.key]}
                placeholder={f.hint}
                maxLength={200}
                onChange={(e) => edit({ report: { ...draft.report, [f.key]: e.target.value } })}
              />
            </Form.Item>
          ))}
        </div>
      </Card>
      <Card title="Đoàn kiểm tra (dùng khi in phiếu kiểm tra)" size="small">
        <TeamEditor value={draft.inspectionTeam} onChange={(t) => edit({ inspectionTeam: t })} />
      </Card>
      <Card title="Người sử dụng và thư mục làm việc" size="small">
        <Form.Item label="Tên người sử dụng (ghi vào nhật ký)" htmlFor="user-name">
          <Input
            id="user-name"
            value={draft.userName}
            maxLength={100}
            placeholder="Để trống: dùng tên đăng nhập máy tính"
            onChange={(e) => edit({ userName: e.target.value })}
          />
        </Form.Item>
        <Form.Item label="Thư mục làm việc mặc định" htmlFor="workspace-root">
          <Space.Compact className="folder-row">
            <Input id="workspace-root" readOnly value={draft.workspaceRoot ?? ''} placeholder="Tài liệu/TongHopCCHC" />
            <Button onClick={() => void chooseFolder()}>Chọn thư mục…</Button>
            <Button
              disabled={!draft.workspaceRoot}
              onClick={() => draft.workspaceRoot && void api().openPath(draft.workspaceRoot)}
            >
              Mở thư mục
            </Button>
          </Space.Compact>
        </Form.Item>
      </Card>
      <Card title="Nhắc hạn nộp báo cáo" size="small">
        <Space wrap align="center">
          <Switch
            aria-label="Nhắc trước hạn nộp báo cáo"
            checked={draft.reminders.enabled}
            onChange={(enabled) => edit({ reminders: { ...draft.reminders, enabled } })}
          />
          <span>Hiện lời nhắc ở đầu màn hình trước hạn nộp</span>
          <label className="inline-field">
            <span>Số ngày nhắc trước hạn (1–60)</span>
            <InputNumber
              aria-label="Số ngày nhắc trước hạn"
              min={1}
              max={60}
              value={draft.reminders.daysBefore}
              disabled={!draft.reminders.enabled}
              onChange={(v) => edit({ reminders: { ...draft.reminders, daysBefore: Number(v ?? 0) } })}
            />
          </label>
        </Space>
      </Card>
      <Typography.Paragraph type="secondary">
        Mật khẩu và khóa ký số không bao giờ được lưu: ứng dụng hỏi lại mỗi lần ký báo cáo.
      </Typography.Paragraph>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          Lưu cài đặt
        </Button>
        <span role="status" aria-live="polite">
          {status.kind === 'saved' && <Typography.Text type="success">Đã lưu cài đặt.</Typography.Text>}
        </span>
      </Space>
      {status.kind === 'error' && <Alert type="error" showIcon title={status.message} role="alert" />}
    </Form>
  );
}

/** "Cài đặt": report defaults, the inspection team, the user's name, folders, reminders. */
export default function SettingsScreen() {
  const [loaded] = useLoad(() => api().getSettings(), []);
  return (
    <Page
      title="Cài đặt"
      loading={loaded.state === 'loading'}
      intro="Các giá trị mặc định dùng ở màn hình Báo cáo, Phiếu kiểm tra và lời nhắc hạn nộp."
    >
      {loaded.state === 'failed' && <Alert type="error" title={loaded.message} />}
      {loaded.state === 'ready' && <SettingsForm initial={loaded.value} />}
    </Page>
  );
}
