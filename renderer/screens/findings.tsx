import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { FindingDetail, FindingRow, FindingValueView, TierCode } from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { JobProgress } from '../components/job-progress.js';
import { CONSOLIDATING, Page } from '../components/page.js';
import { useFillHeight } from '../components/size.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode, usePeriodContext } from '../period.js';

const SEVERITY_COLORS = { error: 'red', warning: 'orange', info: 'blue' } as const;
const STATUS_COLORS = { open: 'default', explained: 'cyan', fixed: 'green' } as const;

function Neighbours({ v }: { v: FindingValueView }) {
  if (!v.neighbours?.length) return null;
  return (
    <table className="sheet" aria-label={`Các ô quanh ô ${v.cell ?? ''} của trang ${v.sheet ?? ''}`}>
      <tbody>
        {v.neighbours.map((row, i) => (
          <tr key={i}>
            {row.map((c) => (
              <td key={c.ref} className={c.focus ? 'focus' : undefined} title={c.ref}>
                <span className="ref">{c.ref}</span>
                {c.text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Action = 'explain' | 'fixed' | 'correct' | null;

function Detail(props: { period: string; detail: FindingDetail; onChanged: (d: FindingDetail | null) => void }) {
  const { message } = App.useApp();
  const { detail, period } = props;
  const f = detail.finding;
  const [action, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cleared, setCleared] = useState(false);
  const [form] = Form.useForm<{ note: string; code?: string; value?: string; confirmedWith?: string }>();
  const submit = async (v: { note: string; code?: string; value?: string; confirmedWith?: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'explain') props.onChanged(await api().explainFinding({ period, findingId: f.id, note: v.note }));
      if (action === 'fixed') props.onChanged(await api().markFindingFixed({ period, findingId: f.id, note: v.note }));
      if (action === 'correct' && f.unit) {
        const r = await api().correctValue({
          period,
          unit: f.unit,
          code: v.code ?? '',
          valueText: v.value ?? '',
          note: v.note,
          confirmedWith: v.confirmedWith ?? '',
        });
        void message.success(r.message);
        // The finding may be gone with the correction: let the dialog close first.
        setCleared(true);
      }
      setAction(null);
      form.resetFields();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const reopen = async () => {
    try {
      props.onChanged(await api().reopenFinding({ period, findingId: f.id }));
    } catch (e) {
      void message.error(messageOf(e));
    }
  };
  const openFile = async (sha256: string) => {
    const r = await api().openOriginal({ period, sha256 });
    if (!r.ok) void message.error(r.message);
  };
  return (
    <Card
      className="finding-detail"
      size="small"
      title={<span>{f.checkLabel}</span>}
      aria-label="Chi tiết mục đối chiếu"
    >
      <Space wrap className="detail-tags">
        <Tag color={SEVERITY_COLORS[f.severity]}>{f.severityLabel}</Tag>
        <Tag color={STATUS_COLORS[f.status]}>{f.statusLabel}</Tag>
        <Typography.Text type="secondary">{f.scopeLabel}</Typography.Text>
      </Space>
      <Typography.Paragraph className="finding-message">{f.message}</Typography.Paragraph>
      {detail.values.length > 0 && (
        <div className="values">
          {detail.values.map((v, i) => (
            <div key={i} className="value">
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={v.code ? `${v.code} — ${v.label}` : v.label}>
                  <strong>{v.valueText}</strong>
                  {v.correctedFrom !== undefined && <span className="muted"> (đã sửa, tệp ghi {v.correctedFrom})</span>}
                  {v.raw !== undefined && v.raw !== '' && <span className="muted"> · trong ô ghi “{v.raw}”</span>}
                </Descriptions.Item>
                {v.file && (
                  <Descriptions.Item label="Nơi lấy số liệu">
                    {v.file}, trang {v.sheet}, ô {v.cell}{' '}
                    {v.sha256 && (
                      <Button size="small" type="link" onClick={() => void openFile(v.sha256 as string)}>
                        Mở tệp gốc
                      </Button>
                    )}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Neighbours v={v} />
            </div>
          ))}
        </div>
      )}
      {detail.history.length > 0 && (
        <div className="history">
          <Typography.Text strong>Quá trình xử lý</Typography.Text>
          <ul>
            {detail.history.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </div>
      )}
      <Space wrap className="detail-actions">
        {f.status === 'open' ? (
          <>
            <Button onClick={() => setAction('explain')}>Giải trình…</Button>
            <Button onClick={() => setAction('fixed')}>Đánh dấu đã xử lý (tệp mới)…</Button>
            {detail.correctable.length > 0 && <Button onClick={() => setAction('correct')}>Sửa số liệu…</Button>}
          </>
        ) : (
          <Button onClick={() => void reopen()}>Mở lại</Button>
        )}
      </Space>
      <Modal
        open={action !== null}
        title={
          action === 'explain'
            ? 'Giải trình'
            : action === 'fixed'
              ? 'Đánh dấu đã xử lý'
              : 'Sửa số liệu sau khi xác nhận với đơn vị'
        }
        okText="Lưu"
        cancelText="Huỷ"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        afterClose={() => cleared && props.onChanged(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
          {action === 'correct' && (
            <>
              <Form.Item name="code" label="Chỉ tiêu" initialValue={detail.correctable[0]?.code}>
                <Select
                  options={detail.correctable.map((c) => ({
                    value: c.code,
                    label: `${c.code} — ${c.label} (hiện ${c.valueText})`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="value"
                label="Giá trị đúng"
                rules={[{ required: true, message: 'Hãy nhập giá trị đúng.' }]}
              >
                <Input placeholder="ví dụ 1.668 hoặc 37,5" />
              </Form.Item>
              <Form.Item
                name="confirmedWith"
                label="Đã xác nhận với"
                rules={[{ required: true, message: 'Hãy ghi đã xác nhận với ai.' }]}
              >
                <Input placeholder="Họ tên, chức vụ người của đơn vị" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="note"
            label={
              action === 'explain' ? 'Nội dung giải trình' : action === 'fixed' ? 'Đã xử lý bằng cách nào' : 'Lý do sửa'
            }
            rules={[{ required: true, message: 'Hãy ghi nội dung.' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
          </Form.Item>
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

/** "Đối chiếu": findings grouped by unit, filters, the selected one with its cells and actions, packets. */
export default function FindingsScreen() {
  const period = usePeriodCode();
  const { refresh } = usePeriodContext();
  const { message } = App.useApp();
  const [loaded, reload] = useLoad(() => api().getFindings({ period }), [period]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<FindingDetail | null>(null);
  const [severity, setSeverity] = useState<string>('all');
  const [check, setCheck] = useState<string>('all');
  const [status, setStatus] = useState<string>('open');
  const [tier, setTier] = useState<TierCode | 'all'>('all');
  const [listBox, listHeight] = useFillHeight(300, 16);
  const packets = useJob(period, 'packets');
  const view = loaded.state === 'ready' ? loaded.value : null;

  const rows = useMemo(() => {
    const shown = (view?.findings ?? []).filter(
      (f) =>
        (severity === 'all' || f.severity === severity) &&
        (check === 'all' || f.checkGroup === check) &&
        (status === 'all' || f.status === status) &&
        (tier === 'all' || f.tier === tier),
    );
    // Grouped by unit: a unit's findings together, the units in the order of their most
    // serious finding (the engine lists errors first), each unit's own order kept.
    const first = new Map<string, number>();
    shown.forEach((f, i) => first.has(f.scopeLabel) || first.set(f.scopeLabel, i));
    return shown
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (first.get(a.f.scopeLabel) ?? 0) - (first.get(b.f.scopeLabel) ?? 0) || a.i - b.i)
      .map((x, i, all) => ({ ...x.f, groupStart: i === 0 || all[i - 1]?.f.scopeLabel !== x.f.scopeLabel }));
  }, [view, severity, check, status, tier]);

  const select = async (id: string) => {
    setSelected(id);
    try {
      setDetail(await api().getFindingDetail({ period, findingId: id }));
    } catch (e) {
      setDetail(null);
      void message.error(messageOf(e));
    }
  };
  const changed = (d: FindingDetail | null) => {
    setDetail(d);
    reload();
    refresh();
  };
  const exportPackets = async (units?: string[]) => {
    const folder = await api().chooseFolder({ title: 'Chọn thư mục lưu tệp phản hồi' });
    if (!folder) return;
    const s = await packets.run(() => api().startPackets({ period, folder, ...(units ? { units } : {}) }));
    if (s?.state === 'done') void message.success(outcomeOf(s, 'packets').message);
  };
  const tiers = [...new Set((view?.findings ?? []).filter((f) => f.tier).map((f) => `${f.tier}|${f.tierLabel}`))];

  return (
    <Page
      title="Đối chiếu"
      loading={loaded.state === 'loading'}
      loadingText={CONSOLIDATING}
      wide
      intro={view?.summaryText}
      extra={
        <Space wrap>
          {detail?.finding.unit && (
            <Button onClick={() => void exportPackets([detail.finding.unit as string])} disabled={packets.running}>
              Xuất tệp phản hồi của {detail.finding.unit}…
            </Button>
          )}
          <Button onClick={() => void exportPackets()} disabled={packets.running}>
            Xuất tệp phản hồi cho mọi đơn vị có sai sót…
          </Button>
        </Space>
      }
    >
      <JobProgress job={packets} label="Tiến độ xuất tệp phản hồi" />
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <>
          <Space className="toolbar" wrap>
            <Select
              aria-label="Lọc theo mức độ"
              value={severity}
              onChange={setSeverity}
              style={{ width: 140 }}
              options={[
                { value: 'all', label: 'Mọi mức độ' },
                { value: 'error', label: 'Lỗi' },
                { value: 'warning', label: 'Cảnh báo' },
                { value: 'info', label: 'Thông tin' },
              ]}
            />
            <Select
              aria-label="Lọc theo trạng thái"
              value={status}
              onChange={setStatus}
              style={{ width: 160 }}
              options={[
                { value: 'all', label: 'Mọi trạng thái' },
                { value: 'open', label: 'Chưa xử lý' },
                { value: 'explained', label: 'Đã giải trình' },
                { value: 'fixed', label: 'Đã xử lý' },
              ]}
            />
            <Select
              aria-label="Lọc theo quy tắc"
              value={check}
              onChange={setCheck}
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
              options={[
                { value: 'all', label: 'Mọi quy tắc' },
                ...view.checks.map((c) => ({ value: c.group, label: `${c.label} (${c.count})` })),
              ]}
            />
            <Select
              aria-label="Lọc theo cấp"
              value={tier}
              onChange={setTier}
              style={{ width: 140 }}
              options={[
                { value: 'all', label: 'Mọi cấp' },
                ...tiers.map((t) => ({ value: t.split('|')[0] as TierCode, label: t.split('|')[1] })),
              ]}
            />
            <Typography.Text type="secondary">{rows.length} mục</Typography.Text>
          </Space>
          <div className="findings-split">
            <div ref={listBox} className="findings-list">
              <Table<FindingRow & { groupStart: boolean }>
                size="small"
                rowKey="id"
                dataSource={rows}
                pagination={false}
                virtual
                scroll={{ y: listHeight - 40 }}
                locale={{ emptyText: <Empty description="Không có mục nào theo bộ lọc này." /> }}
                rowClassName={(r) =>
                  [r.id === selected ? 'row-selected' : '', r.groupStart ? 'group-start' : ''].join(' ')
                }
                onRow={(r) => ({
                  onClick: () => void select(r.id),
                  onKeyDown: (e) => e.key === 'Enter' && void select(r.id),
                  tabIndex: 0,
                  'aria-selected': r.id === selected,
                })}
                columns={[
                  {
                    title: 'Đơn vị',
                    width: 150,
                    render: (_, r) =>
                      r.groupStart ? (
                        <span className="scope">{r.scopeLabel}</span>
                      ) : (
                        <span className="scope scope-repeat" aria-label={r.scopeLabel}>
                          〃
                        </span>
                      ),
                  },
                  {
                    title: 'Nội dung',
                    render: (_, r) => (
                      <div>
                        <Space size={4} wrap>
                          <Tag color={SEVERITY_COLORS[r.severity]}>{r.severityLabel}</Tag>
                          {r.status !== 'open' && <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>}
                          <span className="check-label">{r.checkLabel}</span>
                        </Space>
                        <div className="finding-text">{r.message}</div>
                      </div>
                    ),
                  },
                ]}
              />
            </div>
            <div className="findings-detail">
              {detail ? (
                <Detail period={period} detail={detail} onChanged={changed} />
              ) : (
                <Empty description="Chọn một mục để xem số liệu, ô nguồn và xử lý." />
              )}
            </div>
          </div>
        </>
      )}
    </Page>
  );
}
