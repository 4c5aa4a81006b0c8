import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { PeriodInfo, RegisterUnitView, RegisterView, TierCode } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';
import { Page } from '../components/page.js';
import { useLoad } from '../hooks.js';
import { usePeriodContext } from '../period.js';

interface PeriodForm {
  code: string;
  title: string;
  shortTitle?: string;
  resolution: string;
  cutoff: Dayjs;
  deadline: Dayjs;
}

function CreatePeriod({ onCreated }: { onCreated: (p: PeriodInfo) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<PeriodForm>();
  const submit = async (v: PeriodForm) => {
    setBusy(true);
    setError(null);
    try {
      const p = await api().createPeriod({
        code: v.code,
        title: v.title,
        ...(v.shortTitle ? { shortTitle: v.shortTitle } : {}),
        resolution: v.resolution,
        cutoff: v.cutoff.format('YYYY-MM-DD'),
        deadline: v.deadline.format('YYYY-MM-DD'),
      });
      setOpen(false);
      form.resetFields();
      onCreated(p);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        Tạo kỳ báo cáo
      </Button>
      <Modal
        title="Tạo kỳ báo cáo"
        open={open}
        okText="Tạo kỳ"
        cancelText="Huỷ"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="code"
            label="Mã kỳ"
            rules={[{ required: true, message: 'Hãy nhập mã kỳ, ví dụ NQ08-2026.' }]}
          >
            <Input placeholder="NQ08-2026" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="title"
            label="Tên kỳ báo cáo"
            rules={[{ required: true, message: 'Hãy nhập tên kỳ báo cáo.' }]}
          >
            <Input.TextArea autoSize maxLength={300} placeholder="Báo cáo kết quả cải cách hành chính năm 2026" />
          </Form.Item>
          <Form.Item name="shortTitle" label="Tên ngắn (hiện trong danh sách)">
            <Input maxLength={100} placeholder="Năm 2026" />
          </Form.Item>
          <Form.Item
            name="resolution"
            label="Nghị quyết được đánh giá"
            initialValue="Nghị quyết số 08-NQ/TU"
            rules={[{ required: true, message: 'Hãy nhập tên nghị quyết.' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item
              name="cutoff"
              label="Ngày chốt số liệu"
              rules={[{ required: true, message: 'Hãy chọn ngày chốt số liệu.' }]}
            >
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
            </Form.Item>
            <Form.Item
              name="deadline"
              label="Hạn nộp báo cáo"
              rules={[{ required: true, message: 'Hãy chọn hạn nộp.' }]}
            >
              <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">
            Các cấp báo cáo theo ngày chốt số liệu: từ 01/07/2025 không còn cấp huyện.
          </Typography.Paragraph>
          {error && (
            <Typography.Paragraph type="danger" role="alert">
              {error}
            </Typography.Paragraph>
          )}
        </Form>
      </Modal>
    </>
  );
}

const TIER_OPTIONS: Array<{ value: TierCode; label: string }> = [
  { value: 'so', label: 'Cấp sở' },
  { value: 'huyen', label: 'Cấp huyện' },
  { value: 'xa', label: 'Cấp xã' },
];

function Register({ period }: { period: PeriodInfo }) {
  const { message } = App.useApp();
  const { refresh } = usePeriodContext();
  const [loaded, , set] = useLoad(() => api().getRegister({ period: period.code }), [period.code]);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<RegisterUnitView | null>(null);
  const [newName, setNewName] = useState('');
  const [addForm] = Form.useForm<{ code: string; name: string; tier: TierCode }>();
  const view: RegisterView | null = loaded.state === 'ready' ? loaded.value : null;

  const act = async (work: () => Promise<RegisterView>, done: string) => {
    try {
      set(await work());
      refresh();
      void message.success(done);
      return true;
    } catch (e) {
      void message.error(messageOf(e));
      return false;
    }
  };

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (view?.units ?? []).filter(
      (u) => !q || u.code.toLowerCase().includes(q) || u.name.toLowerCase().includes(q),
    );
  }, [view, search]);

  const importExcel = async () => {
    const [path] = await api().chooseFiles({ kind: 'register', title: 'Chọn tệp Excel danh sách đơn vị' });
    if (!path) return;
    try {
      const r = await api().importRegister({ period: period.code, path });
      set(r.register);
      refresh();
      void message.success(r.message);
    } catch (e) {
      void message.error(messageOf(e));
    }
  };
  const exportExcel = async () => {
    const path = await api().chooseSavePath({
      kind: 'xlsx',
      title: 'Lưu danh sách đơn vị',
      defaultName: `DanhSachDonVi_${period.code}.xlsx`,
    });
    if (!path) return;
    try {
      void message.success((await api().exportRegister({ period: period.code, path })).message);
    } catch (e) {
      void message.error(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="register-title" className="block">
      <div className="block-head">
        <Typography.Title level={3} id="register-title">
          Danh sách đơn vị của kỳ {period.shortTitle}
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => setAdding(true)} icon={<PlusOutlined />}>
            Thêm đơn vị
          </Button>
          <Button onClick={() => void importExcel()}>Nhập từ Excel…</Button>
          <Button onClick={() => void exportExcel()}>Xuất ra Excel…</Button>
        </Space>
      </div>
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <>
          <Space className="toolbar" wrap>
            <Typography.Text strong data-testid="register-summary">
              {view.summaryText}
            </Typography.Text>
            {!view.edited && <Tag>Danh sách mặc định</Tag>}
            <Input.Search
              aria-label="Tìm đơn vị"
              placeholder="Tìm theo mã hoặc tên"
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              className="search"
            />
          </Space>
          <Table<RegisterUnitView>
            size="small"
            rowKey="code"
            dataSource={rows}
            pagination={false}
            virtual
            scroll={{ y: 420 }}
            className="register-table"
            columns={[
              { title: 'Mã', dataIndex: 'code', width: 90 },
              { title: 'Tên đơn vị', dataIndex: 'name' },
              { title: 'Cấp', dataIndex: 'tierLabel', width: 110 },
              {
                title: 'Theo dõi',
                width: 200,
                render: (_, u) =>
                  u.inPeriod ? (
                    <Switch
                      checked={u.active}
                      aria-label={`Theo dõi ${u.name}`}
                      checkedChildren="Đang theo dõi"
                      unCheckedChildren="Ngừng"
                      onChange={(active) =>
                        void act(
                          () => api().updateUnit({ period: period.code, code: u.code, active }),
                          active ? `Đã theo dõi lại ${u.name}.` : `Đã ngừng theo dõi ${u.name}.`,
                        )
                      }
                    />
                  ) : (
                    <Typography.Text type="secondary">{u.stateLabel}</Typography.Text>
                  ),
              },
              {
                title: '',
                width: 100,
                render: (_, u) => (
                  <Button
                    size="small"
                    aria-label={`Đổi tên ${u.name}`}
                    onClick={() => {
                      setRenaming(u);
                      setNewName(u.name);
                    }}
                  >
                    Đổi tên
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
      <Modal
        title="Thêm đơn vị"
        open={adding}
        okText="Thêm"
        cancelText="Huỷ"
        onCancel={() => setAdding(false)}
        onOk={() => addForm.submit()}
        destroyOnHidden
      >
        <Form
          form={addForm}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) =>
            void act(() => api().addUnit({ period: period.code, ...v }), `Đã thêm đơn vị ${v.name}.`).then(
              (ok) => ok && setAdding(false),
            )
          }
        >
          <Form.Item name="code" label="Mã đơn vị" rules={[{ required: true, message: 'Hãy nhập mã đơn vị.' }]}>
            <Input maxLength={20} placeholder="X13" />
          </Form.Item>
          <Form.Item name="name" label="Tên đơn vị" rules={[{ required: true, message: 'Hãy nhập tên đơn vị.' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="tier" label="Cấp" initialValue={period.tiers[period.tiers.length - 1]?.tier}>
            <Select options={TIER_OPTIONS.filter((t) => period.tiers.some((x) => x.tier === t.value))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={renaming ? `Đổi tên ${renaming.code}` : ''}
        open={renaming !== null}
        okText="Lưu"
        cancelText="Huỷ"
        onCancel={() => setRenaming(null)}
        onOk={() =>
          renaming &&
          void act(
            () => api().updateUnit({ period: period.code, code: renaming.code, name: newName }),
            `Đã đổi tên đơn vị ${renaming.code}.`,
          ).then((ok) => ok && setRenaming(null))
        }
      >
        <label className="field">
          <span>Tên mới</span>
          <Input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={300} />
        </label>
      </Modal>
    </section>
  );
}

/** "Kỳ báo cáo": the periods, a new one, and the open period's register of units. */
export default function PeriodsScreen() {
  const { overview, periods, open, refresh } = usePeriodContext();
  const current = overview?.period.code;
  const currentInfo = periods.find((p) => p.code === current);
  return (
    <Page
      title="Kỳ báo cáo"
      intro="Mỗi kỳ có ngày chốt số liệu, hạn nộp và danh sách đơn vị riêng. Mở một kỳ để làm việc với kỳ đó."
      extra={<CreatePeriod onCreated={(p) => void open(p.code).then(refresh)} />}
    >
      <Table<PeriodInfo>
        size="middle"
        rowKey="code"
        dataSource={periods}
        pagination={false}
        className="periods-table"
        columns={[
          {
            title: 'Kỳ báo cáo',
            render: (_, p) => (
              <div>
                <strong>{p.shortTitle}</strong> <Typography.Text type="secondary">({p.code})</Typography.Text>
                <div className="muted">{p.title}</div>
              </div>
            ),
          },
          { title: 'Chốt số liệu', dataIndex: 'cutoffLabel', width: 120 },
          { title: 'Hạn nộp', dataIndex: 'deadlineLabel', width: 110 },
          {
            title: 'Các cấp',
            width: 130,
            render: (_, p) => p.tiers.map((t) => t.label.replace('Cấp ', '')).join(', '),
          },
          {
            title: '',
            width: 150,
            render: (_, p) =>
              p.code === current ? (
                <Tag color="blue">Đang mở</Tag>
              ) : (
                <Button aria-label={`Mở kỳ ${p.code}`} onClick={() => void open(p.code)}>
                  Mở kỳ này
                </Button>
              ),
          },
        ]}
      />
      {currentInfo && <Register period={currentInfo} />}
    </Page>
  );
}
