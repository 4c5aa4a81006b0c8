import { Button, Card, DatePicker, Input, Radio, Result, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { StartChecklistsRequest, TeamMember, TierCode } from '../../shared-api/app-api.js';
import { api, outcomeOf } from '../api.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode, usePeriodContext } from '../period.js';
import { TeamEditor } from './settings.js';

/** "Phiếu kiểm tra": choose units and the team, export one PDF per unit or one combined, print. */
export default function ChecklistsScreen() {
  const period = usePeriodCode();
  const { overview } = usePeriodContext();
  const [settings] = useLoad(() => api().getSettings(), []);
  const [register] = useLoad(() => api().getRegister({ period }), [period]);
  const [kind, setKind] = useState<StartChecklistsRequest['selection']['kind']>('all');
  const [tier, setTier] = useState<TierCode>(overview?.period.tiers[0]?.tier ?? 'so');
  const [units, setUnits] = useState<string[]>([]);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [combined, setCombined] = useState(false);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const job = useJob(period, 'checklists');
  const outcome = job.status?.state === 'done' ? outcomeOf(job.status, 'checklists') : null;

  useEffect(() => {
    if (settings.state === 'ready') setTeam(settings.value.inspectionTeam);
  }, [settings]);

  const selection: StartChecklistsRequest['selection'] =
    kind === 'tier' ? { kind, tier } : kind === 'units' ? { kind, units } : { kind };
  const pick = async () => {
    const f = await api().chooseFolder({ title: 'Chọn thư mục lưu phiếu kiểm tra' });
    if (f) setFolder(f);
  };
  const start = async () => {
    if (!folder) return;
    await job.run(() =>
      api().startChecklists({
        period,
        folder,
        selection,
        team,
        combined,
        ...(date ? { date: date.format('YYYY-MM-DD') } : {}),
      }),
    );
  };
  const unitOptions =
    register.state === 'ready'
      ? register.value.units
          .filter((u) => u.active && u.inPeriod)
          .map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))
      : [];

  return (
    <Page
      title="Phiếu kiểm tra"
      loading={settings.state === 'loading' || register.state === 'loading'}
      intro="In phiếu kiểm tra cho đoàn kiểm tra tại từng đơn vị, có số liệu đơn vị đã báo cáo và các sai sót cần xác minh."
    >
      <div className="checklist-grid">
        <Card size="small" title="Đơn vị">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            className="selection"
            aria-label="Chọn đơn vị in phiếu"
          >
            <Space direction="vertical">
              <Radio value="all">Tất cả đơn vị</Radio>
              <Radio value="tier">
                Một cấp{' '}
                <Select
                  aria-label="Cấp in phiếu kiểm tra"
                  size="small"
                  value={tier}
                  onChange={setTier}
                  disabled={kind !== 'tier'}
                  options={overview?.period.tiers.map((t) => ({ value: t.tier, label: t.label })) ?? []}
                />
              </Radio>
              <Radio value="problems">Đơn vị còn sai sót hoặc chưa có báo cáo</Radio>
              <Radio value="units">Chọn đơn vị</Radio>
            </Space>
          </Radio.Group>
          {kind === 'units' && (
            <Select
              mode="multiple"
              aria-label="Các đơn vị"
              className="full"
              value={units}
              onChange={setUnits}
              options={unitOptions}
              optionFilterProp="label"
              placeholder="Chọn đơn vị"
            />
          )}
        </Card>
        <Card size="small" title="Đoàn kiểm tra">
          <TeamEditor value={team} onChange={setTeam} />
          <label className="inline-field">
            <span>Ngày kiểm tra</span>
            <DatePicker
              aria-label="Ngày kiểm tra"
              format="DD/MM/YYYY"
              value={date}
              onChange={setDate}
              placeholder="Để trống để ghi tay"
            />
          </label>
        </Card>
      </div>
      <Card size="small" className="block">
        <Space direction="vertical" className="full">
          <label className="field">
            <span>Thư mục lưu phiếu</span>
            <Space.Compact className="folder-row">
              <Input readOnly value={folder ?? ''} placeholder="Chưa chọn thư mục" aria-label="Thư mục lưu phiếu" />
              <Button onClick={() => void pick()}>Chọn thư mục…</Button>
            </Space.Compact>
          </label>
          <Space>
            <Switch checked={combined} onChange={setCombined} aria-label="Gộp thành một tệp để in" />
            <span>Gộp tất cả thành một tệp PDF để in một lần</span>
          </Space>
          <Button
            type="primary"
            disabled={!folder || job.running || (kind === 'units' && units.length === 0)}
            onClick={() => void start()}
          >
            In phiếu kiểm tra
          </Button>
          <JobProgress job={job} label="Tiến độ in phiếu kiểm tra" />
          {outcome && (
            <Result
              status="success"
              title={outcome.message}
              extra={
                <Space>
                  <Button onClick={() => void api().openPath(outcome.folder)}>Mở thư mục</Button>
                  {outcome.combined && (
                    <Button type="primary" onClick={() => void api().openPath(outcome.combined as string)}>
                      Mở để in
                    </Button>
                  )}
                </Space>
              }
            />
          )}
          {settings.state === 'ready' && settings.value.inspectionTeam.length === 0 && (
            <Typography.Text type="secondary">Có thể lưu đoàn kiểm tra mặc định ở màn hình Cài đặt.</Typography.Text>
          )}
        </Space>
      </Card>
    </Page>
  );
}
