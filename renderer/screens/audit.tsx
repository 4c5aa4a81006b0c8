import { Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { AuditRow } from '../../shared-api/app-api.js';
import { api } from '../api.js';
import { Page } from '../components/page.js';
import { useFillHeight } from '../components/size.js';
import { useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';

/** "Nhật ký": every action of the period, newest first, filterable. */
export default function AuditScreen() {
  const period = usePeriodCode();
  const [loaded] = useLoad(() => api().getAudit({ period }), [period]);
  const [action, setAction] = useState('all');
  const [who, setWho] = useState('all');
  const [q, setQ] = useState('');
  const [box, height] = useFillHeight(300, 16);
  const view = loaded.state === 'ready' ? loaded.value : null;
  const people = useMemo(() => [...new Set((view?.rows ?? []).map((r) => r.by))], [view]);
  const rows = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (view?.rows ?? []).filter(
      (r) =>
        (action === 'all' || r.action === action) &&
        (who === 'all' || r.by === who) &&
        (!s || r.text.toLowerCase().includes(s) || (r.unit ?? '').toLowerCase().includes(s)),
    );
  }, [view, action, who, q]);
  return (
    <Page
      title="Nhật ký"
      wide
      loading={loaded.state === 'loading'}
      intro="Mọi thao tác trên kỳ báo cáo được ghi lại, không sửa xoá được."
    >
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <>
          <Space className="toolbar" wrap>
            <Select
              aria-label="Lọc theo thao tác"
              value={action}
              onChange={setAction}
              style={{ width: 220 }}
              options={[
                { value: 'all', label: 'Mọi thao tác' },
                ...view.actions.map((a) => ({ value: a.action, label: a.label })),
              ]}
            />
            <Select
              aria-label="Lọc theo người thực hiện"
              value={who}
              onChange={setWho}
              style={{ width: 180 }}
              options={[{ value: 'all', label: 'Mọi người' }, ...people.map((p) => ({ value: p, label: p }))]}
            />
            <Input.Search
              aria-label="Tìm trong nhật ký"
              placeholder="Tìm theo nội dung hoặc mã đơn vị"
              allowClear
              onChange={(e) => setQ(e.target.value)}
              className="search"
            />
            <Typography.Text type="secondary">
              {rows.length}/{view.rows.length} mục
            </Typography.Text>
          </Space>
          <div ref={box}>
            <Table<AuditRow>
              size="small"
              rowKey="seq"
              dataSource={rows}
              pagination={false}
              virtual
              scroll={{ y: height - 40 }}
              className="audit-table"
              columns={[
                { title: 'Thời điểm', dataIndex: 'atLabel', width: 136 },
                { title: 'Người thực hiện', dataIndex: 'by', width: 150 },
                { title: 'Thao tác', dataIndex: 'actionLabel', width: 170 },
                { title: 'Nội dung', dataIndex: 'text' },
              ]}
            />
          </div>
        </>
      )}
    </Page>
  );
}
