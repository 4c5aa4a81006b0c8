import { Alert, Button, Checkbox, Input, Result, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, outcomeOf } from '../api.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';

/** "Biểu mẫu": write the pre-filled returns for all units or some, to a chosen folder. */
export default function TemplatesScreen() {
  const period = usePeriodCode();
  const [register] = useLoad(() => api().getRegister({ period }), [period]);
  const [folder, setFolder] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const job = useJob(period, 'templates');
  const units = useMemo(
    () => (register.state === 'ready' ? register.value.units.filter((u) => u.active && u.inPeriod) : []),
    [register],
  );
  const selected = chosen ?? units.map((u) => u.code);
  const outcome = job.status?.state === 'done' ? outcomeOf(job.status, 'templates') : null;

  const pick = async () => {
    const f = await api().chooseFolder({ title: 'Chọn thư mục lưu biểu mẫu' });
    if (f) setFolder(f);
  };
  const start = () =>
    folder &&
    void job.run(() =>
      api().startTemplates({ period, folder, ...(chosen && chosen.length !== units.length ? { units: chosen } : {}) }),
    );

  return (
    <Page
      title="Biểu mẫu"
      loading={register.state === 'loading'}
      intro="Lập tệp Excel điền sẵn tên, mã đơn vị và kỳ báo cáo để gửi cho từng đơn vị."
    >
      <div className="block">
        <label className="field">
          <span>Thư mục lưu biểu mẫu</span>
          <Space.Compact className="folder-row">
            <Input readOnly value={folder ?? ''} placeholder="Chưa chọn thư mục" aria-label="Thư mục lưu biểu mẫu" />
            <Button onClick={() => void pick()}>Chọn thư mục…</Button>
          </Space.Compact>
        </label>
        <div className="unit-picker">
          <Space className="toolbar">
            <Typography.Text strong>
              Đơn vị: đã chọn {selected.length}/{units.length}
            </Typography.Text>
            <Button size="small" onClick={() => setChosen(null)}>
              Chọn tất cả
            </Button>
            <Button size="small" onClick={() => setChosen([])}>
              Bỏ chọn tất cả
            </Button>
          </Space>
          <Checkbox.Group
            className="unit-grid"
            aria-label="Các đơn vị lập biểu mẫu"
            value={selected}
            onChange={(v) => setChosen(v as string[])}
            options={units.map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
          />
        </div>
        <Space>
          <Button
            type="primary"
            disabled={!folder || selected.length === 0 || job.running}
            loading={job.running}
            onClick={start}
          >
            Lập {selected.length} biểu mẫu
          </Button>
        </Space>
        <JobProgress job={job} label="Tiến độ lập biểu mẫu" />
        {outcome && (
          <Result
            status="success"
            title={outcome.message}
            subTitle={outcome.skipped.length > 0 ? outcome.skipped.join(' ') : undefined}
            extra={<Button onClick={() => void api().openPath(outcome.folder)}>Mở thư mục</Button>}
          />
        )}
        {register.state === 'failed' && <Alert type="error" title={register.message} />}
      </div>
    </Page>
  );
}
