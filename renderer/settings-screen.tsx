import { useEffect, useState, type FormEvent } from 'react';
import type { ReportDefaults, Settings } from '../shared-api/app-api.js';
import { api } from './api.js';
import { useApiValue } from './use-api-value.js';

const REPORT_FIELDS: ReadonlyArray<{ key: keyof ReportDefaults; label: string; hint: string }> = [
  { key: 'governingBody', label: 'Cơ quan chủ quản', hint: 'UBND TỈNH LAI CHÂU' },
  { key: 'issuingBody', label: 'Cơ quan ban hành', hint: 'SỞ NỘI VỤ' },
  { key: 'place', label: 'Địa danh', hint: 'Lai Châu' },
  { key: 'signerAuthority', label: 'Thẩm quyền ký', hint: 'KT. GIÁM ĐỐC' },
  { key: 'signerTitle', label: 'Chức vụ người ký', hint: 'PHÓ GIÁM ĐỐC' },
  { key: 'signerName', label: 'Họ tên người ký', hint: 'Nguyễn Văn A' },
];

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

interface Draft {
  report: ReportDefaults;
  team: string;
  workspaceRoot: string | null;
  remindersEnabled: boolean;
  daysBefore: number;
}

function toDraft(s: Settings): Draft {
  return {
    report: { ...s.report },
    team: s.inspectionTeam.join('\n'),
    workspaceRoot: s.workspaceRoot,
    remindersEnabled: s.reminders.enabled,
    daysBefore: s.reminders.daysBefore,
  };
}

/** The settings form: report defaults, inspection team, workspace folder, reminders. Saved through the API. */
export function SettingsScreen() {
  const [loaded] = useApiValue(() => api().getSettings());
  return (
    <section aria-labelledby="settings-title" className="screen">
      <h2 id="settings-title">Cài đặt</h2>
      {loaded.state === 'loading' && <p>Đang tải cài đặt…</p>}
      {loaded.state === 'failed' && <p className="error">{loaded.message}</p>}
      {loaded.state === 'ready' && <SettingsForm initial={loaded.value} />}
    </section>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [folderMessage, setFolderMessage] = useState<string | null>(null);

  useEffect(() => setDraft(toDraft(initial)), [initial]);

  const edit = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setStatus({ kind: 'idle' });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      const saved = await api().setSettings({
        report: draft.report,
        inspectionTeam: draft.team.split('\n'),
        workspaceRoot: draft.workspaceRoot,
        reminders: { enabled: draft.remindersEnabled, daysBefore: draft.daysBefore },
      });
      setDraft(toDraft(saved));
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const chooseFolder = async () => {
    setFolderMessage(null);
    const folder = await api().chooseFolder({
      title: 'Chọn thư mục làm việc mặc định',
      ...(draft.workspaceRoot ? { defaultPath: draft.workspaceRoot } : {}),
    });
    if (folder) edit({ workspaceRoot: folder });
  };

  const openFolder = async () => {
    if (!draft.workspaceRoot) return;
    const result = await api().openPath(draft.workspaceRoot);
    setFolderMessage(result.ok ? null : result.message);
  };

  return (
    <form className="settings-form" noValidate onSubmit={(e) => void save(e)}>
      <fieldset>
        <legend>Thể thức báo cáo</legend>
        <div className="field-grid">
          {REPORT_FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span>{f.label}</span>
              <input
                type="text"
                name={f.key}
                value={draft.report[f.key]}
                placeholder={f.hint}
                maxLength={200}
                onChange={(e) => edit({ report: { ...draft.report, [f.key]: e.target.value } })}
              />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Đoàn kiểm tra</legend>
        <label className="field">
          <span>Thành viên đoàn kiểm tra (mỗi dòng một người, theo thứ tự in trên phiếu)</span>
          <textarea
            name="inspectionTeam"
            rows={4}
            value={draft.team}
            onChange={(e) => edit({ team: e.target.value })}
          />
        </label>
      </fieldset>

      <fieldset>
        <legend>Thư mục làm việc mặc định</legend>
        <div className="folder-row">
          <input
            type="text"
            name="workspaceRoot"
            aria-label="Thư mục làm việc mặc định"
            readOnly
            value={draft.workspaceRoot ?? ''}
            placeholder="Chưa chọn thư mục"
          />
          <button type="button" onClick={() => void chooseFolder()}>
            Chọn thư mục…
          </button>
          <button type="button" disabled={!draft.workspaceRoot} onClick={() => void openFolder()}>
            Mở thư mục
          </button>
          <button type="button" disabled={!draft.workspaceRoot} onClick={() => edit({ workspaceRoot: null })}>
            Bỏ chọn
          </button>
        </div>
        {folderMessage && <p className="error">{folderMessage}</p>}
      </fieldset>

      <fieldset>
        <legend>Nhắc hạn nộp báo cáo</legend>
        <label className="check">
          <input
            type="checkbox"
            name="remindersEnabled"
            checked={draft.remindersEnabled}
            onChange={(e) => edit({ remindersEnabled: e.target.checked })}
          />
          <span>Nhắc trước hạn nộp báo cáo của kỳ</span>
        </label>
        <label className="field field-narrow">
          <span>Số ngày nhắc trước hạn (1–60)</span>
          <input
            type="number"
            name="daysBefore"
            min={1}
            max={60}
            step={1}
            value={Number.isFinite(draft.daysBefore) ? draft.daysBefore : ''}
            disabled={!draft.remindersEnabled}
            onChange={(e) => edit({ daysBefore: e.target.valueAsNumber })}
          />
        </label>
      </fieldset>

      <p className="note">
        Mật khẩu và khóa ký số không bao giờ được lưu vào cài đặt: ứng dụng hỏi lại mỗi lần ký báo cáo.
      </p>

      <div className="actions">
        <button type="submit" className="primary" disabled={status.kind === 'saving'}>
          Lưu cài đặt
        </button>
        <span role="status" className={status.kind === 'error' ? 'error' : 'ok'}>
          {status.kind === 'saving' && 'Đang lưu…'}
          {status.kind === 'saved' && 'Đã lưu cài đặt.'}
          {status.kind === 'error' && status.message}
        </span>
      </div>
    </form>
  );
}
