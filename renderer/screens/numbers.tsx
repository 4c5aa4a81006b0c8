import { App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type {
  ComparisonView,
  DrilldownView,
  IndicatorRow,
  NumbersView,
  RatioRow,
  TargetRow,
  TierCode,
} from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { EChart, type ChartOption } from '../components/echart.js';
import { JobProgress } from '../components/job-progress.js';
import { CONSOLIDATING, Page } from '../components/page.js';
import { useFillHeight } from '../components/size.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';

const TARGET_COLORS = { dat: 'green', vuot: 'cyan', 'chua-dat': 'red', 'thieu-so-lieu': 'default' } as const;

function Indicators({
  view,
  onOpen,
}: {
  view: NumbersView;
  onOpen: (code: string, scope: TierCode | 'province') => void;
}) {
  const [q, setQ] = useState('');
  const [box, height] = useFillHeight(300, 16);
  const rows = useMemo(() => {
    const s = q.trim().toLowerCase();
    return view.indicators.filter((r) => !s || r.code.toLowerCase().includes(s) || r.label.toLowerCase().includes(s));
  }, [view, q]);
  const total = (text: string, code: string, scope: TierCode | 'province', additive: boolean) =>
    additive && text !== '—' && text !== '' ? (
      <Button
        type="link"
        size="small"
        className="total-link"
        onClick={() => onOpen(code, scope)}
        aria-label={`Xem các đơn vị tạo nên ${code} ${scope === 'province' ? 'toàn tỉnh' : scope}`}
      >
        {text}
      </Button>
    ) : (
      <span className="muted">{text || ''}</span>
    );
  return (
    <>
      <Space className="toolbar">
        <Input.Search
          aria-label="Tìm chỉ tiêu"
          placeholder="Tìm theo mã hoặc tên chỉ tiêu"
          allowClear
          onChange={(e) => setQ(e.target.value)}
          className="search"
        />
        <Typography.Text type="secondary">
          {rows.length}/{view.indicators.length} chỉ tiêu
        </Typography.Text>
      </Space>
      <div ref={box}>
        <Table<IndicatorRow>
          size="small"
          rowKey="code"
          dataSource={rows}
          pagination={false}
          virtual
          scroll={{ y: height - 40 }}
          className="numbers-table"
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 78 },
            { title: 'Chỉ tiêu', render: (_, r) => <span title={r.section}>{r.label}</span> },
            { title: 'Đơn vị tính', dataIndex: 'unit', width: 96 },
            {
              title: 'Toàn tỉnh',
              width: 150,
              align: 'right',
              render: (_, r) => total(r.provinceText, r.code, 'province', r.additive),
            },
            ...view.tiers.map((t, i) => ({
              title: t.label,
              key: t.tier,
              width: 120,
              align: 'right' as const,
              render: (_: unknown, r: IndicatorRow) => total(r.tiers[i]?.text ?? '', r.code, t.tier, r.additive),
            })),
          ]}
        />
      </div>
    </>
  );
}

function Drilldown({
  period,
  open,
  onClose,
}: {
  period: string;
  open: { code: string; scope: TierCode | 'province' } | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [loaded] = useLoad<DrilldownView | null>(
    () => (open ? api().getDrilldown({ period, ...open }) : Promise.resolve(null)),
    [period, open?.code, open?.scope],
  );
  const v = loaded.state === 'ready' ? loaded.value : null;
  return (
    <Drawer
      open={open !== null}
      onClose={onClose}
      size={640}
      title={v ? `${v.code} — ${v.label}` : 'Chi tiết'}
      destroyOnHidden
    >
      {v && (
        <>
          <Typography.Paragraph>
            <strong>
              {v.scopeLabel}: {v.totalText}
            </strong>{' '}
            <span className="muted">(từ {v.contributingText})</span>
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="unit"
            pagination={false}
            dataSource={v.rows}
            virtual
            scroll={{ y: 520 }}
            className="drill-table"
            columns={[
              {
                title: 'Đơn vị',
                render: (_, r) => (
                  <div>
                    {r.unitName}
                    <div className="muted">{r.note}</div>
                  </div>
                ),
              },
              { title: 'Số liệu', dataIndex: 'valueText', width: 110, align: 'right' },
              {
                title: 'Ô nguồn',
                width: 190,
                render: (_, r) =>
                  r.sha256 ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() =>
                        void api()
                          .openOriginal({ period, sha256: r.sha256 as string })
                          .then((x) => !x.ok && void message.error(x.message))
                      }
                    >
                      {r.cellText}
                    </Button>
                  ) : (
                    r.cellText
                  ),
              },
            ]}
          />
          {v.missing.length > 0 && (
            <Typography.Paragraph className="muted">Chưa có số liệu: {v.missing.join('; ')}.</Typography.Paragraph>
          )}
        </>
      )}
    </Drawer>
  );
}

function Targets({ view }: { view: NumbersView }) {
  const option: ChartOption = useMemo(() => {
    const pct = view.targets.filter((t) => t.unit === '%');
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: pct.map((t) => t.id) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: 'Kết quả',
          type: 'bar',
          data: pct.map((t) => ({
            value: t.value ?? 0,
            itemStyle: {
              color: t.status === 'chua-dat' ? '#c62828' : t.status === 'thieu-so-lieu' ? '#bdbdbd' : '#2e7d32',
            },
          })),
        },
        {
          name: 'Chỉ tiêu Nghị quyết',
          type: 'bar',
          data: pct.map((t) => t.threshold ?? 0),
          itemStyle: { color: '#90a4ae' },
        },
      ],
    } as ChartOption;
  }, [view]);
  return (
    <div className="targets">
      <Typography.Paragraph strong className="targets-line">
        {view.targetsText}
      </Typography.Paragraph>
      <Card size="small" title="Kết quả so với chỉ tiêu (các mục tiêu tính theo tỷ lệ)">
        <EChart option={option} height={240} label="Biểu đồ kết quả các mục tiêu so với chỉ tiêu của Nghị quyết" />
      </Card>
      <Table<TargetRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={view.targets}
        className="targets-table"
        columns={[
          { title: 'Mục tiêu', dataIndex: 'id', width: 70 },
          {
            title: 'Nội dung',
            render: (_, t) => (
              <div>
                {t.label}
                {t.detailText && <div className="muted">{t.detailText}</div>}
              </div>
            ),
          },
          { title: 'Kết quả', dataIndex: 'valueText', width: 110, align: 'right' },
          { title: 'Chỉ tiêu', dataIndex: 'thresholdText', width: 170 },
          {
            title: 'Đánh giá',
            width: 120,
            render: (_, t) => <Tag color={TARGET_COLORS[t.status]}>{t.statusLabel}</Tag>,
          },
        ]}
      />
    </div>
  );
}

function Compare({ period, view }: { period: string; view: NumbersView }) {
  const [code, setCode] = useState(view.ratios[0]?.code ?? view.indicators[0]?.code ?? '');
  const [tier, setTier] = useState<TierCode | 'tiers'>(view.tiers[0]?.tier ?? 'tiers');
  const [loaded] = useLoad<ComparisonView>(
    () => api().getComparison({ period, code, ...(tier !== 'tiers' ? { tier } : {}) }),
    [period, code, tier],
  );
  const c = loaded.state === 'ready' ? loaded.value : null;
  const option = useMemo<ChartOption | null>(
    () =>
      c && {
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: c.bars.map((b) => b.key),
          axisLabel: { interval: 0, rotate: c.bars.length > 12 ? 60 : 0 },
        },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            name: c.label,
            data: c.bars.map((b) => ({ value: b.value ?? 0, itemStyle: { color: b.outlier ? '#c62828' : '#1d4f91' } })),
          },
        ],
      },
    [c],
  );
  return (
    <div>
      <Space className="toolbar" wrap>
        <Select
          aria-label="Chỉ tiêu so sánh"
          showSearch
          optionFilterProp="label"
          value={code}
          onChange={setCode}
          style={{ width: 420 }}
          options={[
            ...view.ratios.map((r) => ({ value: r.code, label: `${r.code} — ${r.label}` })),
            ...view.indicators
              .filter((i) => i.additive)
              .map((i) => ({ value: i.code, label: `${i.code} — ${i.label}` })),
          ]}
        />
        <Select
          aria-label="So sánh giữa"
          value={tier}
          onChange={setTier}
          style={{ width: 200 }}
          options={[
            ...view.tiers.map((t) => ({ value: t.tier, label: `Các đơn vị ${t.label.toLowerCase()}` })),
            { value: 'tiers', label: 'Các cấp' },
          ]}
        />
      </Space>
      {c && option && (
        <Card size="small" title={c.label}>
          <EChart
            option={option}
            height={300}
            label={`Biểu đồ so sánh ${c.label}; cột đỏ là đơn vị khác xa các đơn vị cùng cấp`}
          />
          <Typography.Paragraph className="compare-summary">{c.summaryText}</Typography.Paragraph>
          {c.bars.some((b) => b.outlier) && (
            <Typography.Paragraph>
              Khác xa các đơn vị cùng cấp:{' '}
              {c.bars
                .filter((b) => b.outlier)
                .map((b) => `${b.label} (${b.valueText})`)
                .join('; ')}
              .
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </div>
  );
}

function Inputs({ period, view, onSaved }: { period: string; view: NumbersView; onSaved: (v: NumbersView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ key: string; value: string; note: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = async (v: { key: string; value: string; note: string }) => {
    setError(null);
    try {
      onSaved(await api().setProvinceInput({ period, key: v.key, valueText: v.value, note: v.note }));
      void message.success(`Đã ghi số liệu ${v.key}.`);
      form.resetFields(['value', 'note']);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="inputs">
      <Card size="small" title="Nhập số liệu cấp tỉnh">
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)} className="input-form">
          <Form.Item name="key" label="Chỉ tiêu" initialValue={view.inputKeys[0]?.key}>
            <Select
              aria-label="Chỉ tiêu nhập số liệu"
              showSearch
              optionFilterProp="label"
              options={view.inputKeys.map((k) => ({ value: k.key, label: `${k.key} — ${k.label} (${k.unit})` }))}
            />
          </Form.Item>
          <Form.Item name="value" label="Giá trị" rules={[{ required: true, message: 'Hãy nhập giá trị.' }]}>
            <Input placeholder="ví dụ 12 hoặc 85,5" maxLength={50} />
          </Form.Item>
          <Form.Item name="note" label="Nguồn số liệu" rules={[{ required: true, message: 'Hãy ghi nguồn số liệu.' }]}>
            <Input placeholder="Quyết định số …/QĐ-BNV ngày …" maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            Ghi số liệu
          </Button>
          {error && (
            <Typography.Paragraph type="danger" role="alert" className="input-error">
              {error}
            </Typography.Paragraph>
          )}
        </Form>
      </Card>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={view.inputs}
        locale={{ emptyText: 'Chưa nhập số liệu cấp tỉnh nào.' }}
        className="inputs-table"
        columns={[
          { title: 'Mã', dataIndex: 'key', width: 70 },
          { title: 'Chỉ tiêu', dataIndex: 'label' },
          { title: 'Giá trị', dataIndex: 'valueText', width: 110, align: 'right' },
          { title: 'Nguồn', dataIndex: 'note' },
          { title: 'Người ghi', dataIndex: 'byText', width: 170 },
        ]}
      />
    </div>
  );
}

/** "Số liệu": every indicator by province and tier, ratios, targets, comparison, province inputs. */
export default function NumbersScreen() {
  const period = usePeriodCode();
  const { message } = App.useApp();
  const [loaded, , set] = useLoad(() => api().getNumbers({ period }), [period]);
  const [drill, setDrill] = useState<{ code: string; scope: TierCode | 'province' } | null>(null);
  const [tab, setTab] = useState('chi-tieu');
  const workbook = useJob(period, 'workbook');
  const view = loaded.state === 'ready' ? loaded.value : null;
  const exportWorkbook = async () => {
    const path = await api().chooseSavePath({
      kind: 'xlsx',
      title: 'Lưu bảng tổng hợp',
      defaultName: `TongHop_${period}.xlsx`,
    });
    if (!path) return;
    const s = await workbook.run(() => api().startWorkbook({ period, path }));
    if (s?.state === 'done') void message.success(outcomeOf(s, 'workbook').message);
  };
  return (
    <Page
      title="Số liệu"
      loading={loaded.state === 'loading'}
      loadingText={CONSOLIDATING}
      wide
      intro={view ? `${view.targetsText} · mã dữ liệu ${view.datasetCode}` : undefined}
      extra={
        <Button onClick={() => void exportWorkbook()} disabled={workbook.running}>
          Xuất bảng tổng hợp Excel…
        </Button>
      }
    >
      <JobProgress job={workbook} label="Tiến độ xuất bảng tổng hợp" />
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'chi-tieu',
              label: 'Chỉ tiêu',
              children: <Indicators view={view} onOpen={(code, scope) => setDrill({ code, scope })} />,
            },
            {
              key: 'ty-le',
              label: 'Tỷ lệ',
              children: (
                <Table<RatioRow>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={view.ratios}
                  className="ratios-table"
                  columns={[
                    {
                      title: 'Tỷ lệ',
                      render: (_, r) => (
                        <div>
                          {r.label}
                          <div className="muted">{r.formulaText}</div>
                        </div>
                      ),
                    },
                    { title: 'Toàn tỉnh', dataIndex: 'provinceText', width: 110, align: 'right' },
                    ...view.tiers.map((t, i) => ({
                      title: t.label,
                      key: t.tier,
                      width: 100,
                      align: 'right' as const,
                      render: (_: unknown, r: RatioRow) => r.tiers[i]?.text,
                    })),
                  ]}
                />
              ),
            },
            { key: 'muc-tieu', label: 'Mục tiêu', children: <Targets view={view} /> },
            { key: 'so-sanh', label: 'So sánh', children: <Compare period={period} view={view} /> },
            {
              key: 'cap-tinh',
              label: 'Số liệu cấp tỉnh',
              children: <Inputs period={period} view={view} onSaved={set} />,
            },
          ]}
        />
      )}
      <Drilldown period={period} open={drill} onClose={() => setDrill(null)} />
    </Page>
  );
}
