import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { BoardRow, BoardView, TierCode, UnitStatusCode } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';
import { CompareFiles } from '../components/compare-files.js';
import type { ChartOption } from '../components/echart.js';
import { Page } from '../components/page.js';
import { useFillHeight } from '../components/size.js';
import { useLoad } from '../hooks.js';
import { usePeriodCode, usePeriodContext } from '../period.js';
import { takeStartBoard } from '../start.js';

// The received-date dialog (and its date picker) loads when first opened.
const ReceivedDate = lazy(() => import('../components/received-date.js'));
// ECharts is a large library: the rows show first, the chart follows in its reserved box.
const EChart = lazy(() => import('../components/echart.js').then((m) => ({ default: m.EChart })));

export const STATUS_COLORS: Record<UnitStatusCode, string> = {
  missing: 'default',
  received: 'blue',
  'has-errors': 'red',
  accepted: 'green',
  duplicate: 'orange',
  rejected: 'magenta',
};

function chartOption(view: BoardView): ChartOption {
  const tiers = view.chart.map((c) => c.tierLabel);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // Four short entries fit the chart's 400 px on one line; narrower, the legend scrolls.
    legend: { top: 0, type: 'scroll', itemWidth: 14, itemHeight: 10, itemGap: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: tiers, inverse: true },
    series: [
      {
        name: 'Đúng hạn',
        type: 'bar',
        stack: 'n',
        data: view.chart.map((c) => c.onTime),
        itemStyle: { color: '#2e7d32' },
      },
      {
        name: 'Nộp muộn',
        type: 'bar',
        stack: 'n',
        data: view.chart.map((c) => c.late),
        itemStyle: { color: '#ef6c00' },
      },
      {
        name: 'Tệp bị từ chối',
        type: 'bar',
        stack: 'n',
        data: view.chart.map((c) => c.rejected),
        itemStyle: { color: '#ad1457' },
      },
      {
        name: 'Chưa nộp',
        type: 'bar',
        stack: 'n',
        data: view.chart.map((c) => c.missing),
        itemStyle: { color: '#9e9e9e' },
      },
    ],
  } as ChartOption;
}

/** "Theo dõi": every unit's status, filters, counts, the submission chart, reminders. */
export default function BoardScreen() {
  const period = usePeriodCode();
  const { refresh } = usePeriodContext();
  const { message } = App.useApp();
  const [loaded, reload, setView] = useLoad(
    () => api().getBoard({ period }),
    [period],
    () => takeStartBoard(period),
  );
  const [status, setStatus] = useState<UnitStatusCode | 'all'>('all');
  const [tier, setTier] = useState<TierCode | 'all'>('all');
  const [search, setSearch] = useState('');
  const [comparing, setComparing] = useState<string | null>(null);
  const [dating, setDating] = useState<BoardRow | null>(null);
  const [tableBox, tableHeight] = useFillHeight(260, 16);
  const view = loaded.state === 'ready' ? loaded.value : null;
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (view?.rows ?? []).filter(
      (r) =>
        (status === 'all' || r.status === status) &&
        (tier === 'all' || r.tier === tier) &&
        (!q || r.code.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)),
    );
  }, [view, status, tier, search]);
  const option = useMemo(() => (view ? chartOption(view) : null), [view]);
  // Once the board's rows are on screen (the frame after they were drawn), what can follow them
  // does: the chart, and the engine making the period's full consolidation ready in its own
  // thread (after a restart the board came from the saved file) so that Đối chiếu and Số liệu
  // open without a reconciliation. Neither ever delays the rows.
  const [settled, setSettled] = useState(false);
  const shown = view !== null;
  useEffect(() => {
    if (!shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setSettled(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [shown]);
  useEffect(() => {
    if (settled && period)
      void api()
        .preparePeriod({ period })
        .catch(() => undefined);
  }, [settled, period]);

  const copyMissing = async () => {
    if (!view) return;
    try {
      await navigator.clipboard.writeText(view.missingListText);
      void message.success(`Đã sao chép danh sách ${view.missingCount} đơn vị chưa nộp.`);
    } catch {
      void message.error('Không sao chép được vào bộ nhớ tạm.');
    }
  };
  const exportMissing = async () => {
    const path = await api().chooseSavePath({
      kind: 'xlsx',
      title: 'Lưu danh sách chưa nộp',
      defaultName: `ChuaNop_${period}.xlsx`,
    });
    if (!path) return;
    try {
      void message.success((await api().exportMissingList({ period, path })).message);
    } catch (e) {
      void message.error(messageOf(e));
    }
  };

  return (
    <Page
      title="Theo dõi"
      loading={loaded.state === 'loading'}
      wide
      intro={view?.summaryText}
      extra={
        <Space wrap>
          <Button onClick={() => void copyMissing()} disabled={!view || view.missingCount === 0}>
            Sao chép danh sách chưa nộp
          </Button>
          <Button onClick={() => void exportMissing()} disabled={!view || view.missingCount === 0}>
            Xuất Excel chưa nộp…
          </Button>
        </Space>
      }
    >
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <>
          <div className="board-top">
            <div className="board-filters">
              <div className="status-chips" role="group" aria-label="Lọc theo tình trạng">
                <Tag.CheckableTag checked={status === 'all'} onChange={() => setStatus('all')}>
                  Tất cả <span className="chip-count">{view.total}</span>
                </Tag.CheckableTag>
                {view.statuses.map((s) => (
                  <Tag.CheckableTag
                    key={s.status}
                    checked={status === s.status}
                    onChange={() => setStatus(status === s.status ? 'all' : s.status)}
                    className={`chip chip-${s.status}`}
                  >
                    {s.label} <span className="chip-count">{s.count}</span>
                  </Tag.CheckableTag>
                ))}
              </div>
              <Space className="toolbar" wrap>
                <Select
                  aria-label="Lọc theo cấp"
                  value={tier}
                  onChange={setTier}
                  style={{ width: 150 }}
                  options={[
                    { value: 'all', label: 'Tất cả các cấp' },
                    ...view.chart.map((c) => ({ value: c.tier, label: c.tierLabel })),
                  ]}
                />
                <Input.Search
                  aria-label="Tìm đơn vị"
                  placeholder="Tìm theo mã hoặc tên"
                  allowClear
                  onChange={(e) => setSearch(e.target.value)}
                  className="search"
                />
                <Typography.Text type="secondary">
                  Hiển thị {rows.length}/{view.total} đơn vị
                </Typography.Text>
              </Space>
              {/* A unit whose only file was refused did send (the header counts it as received):
                  the rate is of units with a file the consolidation can use. */}
              <div className="chart-legend-text">
                Có tệp dùng được:{' '}
                {view.chart.map((c) => (
                  <span key={c.tier}>
                    {c.tierLabel.toLowerCase()} {c.rateText}
                  </span>
                ))}
              </div>
            </div>
            <div className="board-chart" aria-label="Tỷ lệ nộp báo cáo theo cấp">
              {option && (
                <Suspense fallback={<div className="chart" style={{ height: 48 + view.chart.length * 28 }} />}>
                  {settled ? (
                    <EChart
                      option={option}
                      height={48 + view.chart.length * 28}
                      label="Biểu đồ số đơn vị nộp đúng hạn, nộp muộn, có tệp bị từ chối và chưa nộp theo cấp"
                    />
                  ) : (
                    <div className="chart" style={{ height: 48 + view.chart.length * 28 }} />
                  )}
                </Suspense>
              )}
            </div>
          </div>
          <div ref={tableBox}>
            <Table<BoardRow>
              size="small"
              rowKey="code"
              dataSource={rows}
              pagination={false}
              virtual
              scroll={{ y: tableHeight - 40 }}
              className="board-table"
              columns={[
                { title: 'Mã', dataIndex: 'code', width: 64, sorter: (a, b) => a.code.localeCompare(b.code) },
                {
                  title: 'Đơn vị',
                  sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
                  render: (_, r) => (
                    <div>
                      <div>{r.name}</div>
                      {r.file && <div className="muted file-name">{r.file}</div>}
                      {r.note && <div className="note-text">{r.note}</div>}
                    </div>
                  ),
                },
                { title: 'Cấp', dataIndex: 'tierLabel', width: 96 },
                {
                  title: 'Tình trạng',
                  // The widest label, "Nhiều tệp, chưa chọn", is a button (it opens the comparison).
                  width: 172,
                  sorter: (a, b) => a.statusLabel.localeCompare(b.statusLabel, 'vi'),
                  render: (_, r) =>
                    r.status === 'duplicate' ? (
                      <Button
                        size="small"
                        onClick={() => setComparing(r.code)}
                        aria-label={`So sánh tệp của ${r.name}`}
                      >
                        {r.statusLabel}
                      </Button>
                    ) : (
                      <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                    ),
                },
                {
                  title: 'Hạn nộp',
                  width: 112,
                  sorter: (a, b) => Number(a.late) - Number(b.late),
                  render: (_, r) => (
                    <Tag color={r.late ? 'volcano' : r.receivedAt ? 'green' : 'default'}>{r.timelinessLabel}</Tag>
                  ),
                },
                {
                  title: 'Ngày nhận',
                  width: 150,
                  sorter: (a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? ''),
                  render: (_, r) =>
                    r.sha256 ? (
                      <Button
                        type="link"
                        size="small"
                        className="received-edit"
                        onClick={() => setDating(r)}
                        aria-label={`Sửa ngày nhận của ${r.name}`}
                        title="Sửa ngày nhận (ngày của thư điện tử, công văn)"
                      >
                        {r.receivedLabel ?? '—'}
                      </Button>
                    ) : (
                      (r.receivedLabel ?? '—')
                    ),
                },
                {
                  title: 'Lỗi',
                  width: 64,
                  align: 'right',
                  sorter: (a, b) => a.openErrors - b.openErrors,
                  render: (_, r) =>
                    r.openErrors > 0 ? <Typography.Text type="danger">{r.openErrors}</Typography.Text> : '—',
                },
              ]}
            />
          </div>
        </>
      )}
      {dating && (
        <Suspense fallback={null}>
          <ReceivedDate
            period={period}
            row={dating}
            onClose={() => setDating(null)}
            onSaved={(v) => {
              setDating(null);
              setView(v);
              refresh();
            }}
          />
        </Suspense>
      )}
      <CompareFiles
        period={period}
        unit={comparing}
        onClose={() => setComparing(null)}
        onChosen={() => {
          setComparing(null);
          reload();
          refresh();
        }}
      />
    </Page>
  );
}
