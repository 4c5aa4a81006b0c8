import { App, Button, Modal, Table, Tag, Typography } from 'antd';
import type { FileComparison } from '../../shared-api/app-api.js';
import { api, messageOf } from '../api.js';
import { useLoad } from '../hooks.js';

/** Several files of one unit side by side (only values that differ), and the choice of one. */
export function CompareFiles(props: {
  period: string;
  unit: string | null;
  onClose: () => void;
  onChosen: () => void;
}) {
  const { message } = App.useApp();
  const { period, unit } = props;
  const [loaded] = useLoad<FileComparison | null>(
    () => (unit ? api().compareFiles({ period, unit }) : Promise.resolve(null)),
    [period, unit],
  );
  const view = loaded.state === 'ready' ? loaded.value : null;
  const choose = async (sha256: string, name: string) => {
    if (!unit) return;
    try {
      await api().chooseFile({ period, unit, sha256 });
      void message.success(`Đã chọn tệp ${name} cho đơn vị ${unit}.`);
      props.onChosen();
    } catch (e) {
      void message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open={unit !== null}
      title={view ? `So sánh các tệp của ${view.unitName} (${view.unit})` : 'So sánh các tệp'}
      onCancel={props.onClose}
      footer={<Button onClick={props.onClose}>Đóng</Button>}
      width={960}
      destroyOnHidden
    >
      {loaded.state === 'failed' && <Typography.Text type="danger">{loaded.message}</Typography.Text>}
      {view && (
        <div className="compare">
          <Typography.Paragraph strong>{view.summaryText}</Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="sha256"
            dataSource={view.files}
            columns={[
              { title: 'Tệp', dataIndex: 'name' },
              { title: 'Ngày nhận', dataIndex: 'receivedLabel', width: 140 },
              { title: 'Sửa lần cuối (theo tệp)', dataIndex: 'modifiedLabel', width: 160 },
              { title: 'Khi đọc', dataIndex: 'findingsText', width: 170 },
              {
                title: '',
                width: 150,
                render: (_, f) =>
                  f.accepted ? (
                    <Tag color="green">Đang dùng</Tag>
                  ) : (
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => void choose(f.sha256, f.name)}
                      aria-label={`Dùng tệp ${f.name}`}
                    >
                      Dùng tệp này
                    </Button>
                  ),
              },
            ]}
          />
          {view.rows.length > 0 && (
            <Table
              className="compare-values"
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={view.rows}
              scroll={{ y: 320 }}
              columns={[
                { title: 'Mã', dataIndex: 'code', width: 80 },
                { title: 'Chỉ tiêu', dataIndex: 'label' },
                ...view.files.map((f, i) => ({
                  title: f.name,
                  key: f.sha256,
                  width: 150,
                  align: 'right' as const,
                  render: (_: unknown, r: FileComparison['rows'][number]) => (
                    <span title={r.cells[i]}>{r.values[i]}</span>
                  ),
                })),
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
