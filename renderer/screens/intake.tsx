import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ImportedFileView, ImportOutcome, StartImportRequest } from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { CompareFiles } from '../components/compare-files.js';
import { DropZone } from '../components/drop-zone.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { useJob } from '../hooks.js';
import { usePeriodCode, usePeriodContext } from '../period.js';

const STATUS_COLORS: Record<ImportedFileView['status'], string> = {
  imported: 'green',
  rejected: 'red',
  duplicate: 'orange',
  superseded: 'default',
  same: 'default',
  skipped: 'default',
};

/** Files of a drop, folders walked (one level: a folder's own files). */
async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items]
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return [...dt.files];
  const out: File[] = [];
  const fileOf = (e: FileSystemFileEntry) => new Promise<File>((ok, fail) => e.file(ok, fail));
  for (const e of entries) {
    if (e.isFile) out.push(await fileOf(e as FileSystemFileEntry));
    else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const f of batch) if (f.isFile) out.push(await fileOf(f as FileSystemFileEntry));
      }
    }
  }
  return out;
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Hand dropped files to the engine in batches of a few MB. */
async function stage(files: File[]): Promise<string[]> {
  const ids: string[] = [];
  let batch: Array<{ name: string; base64: string; modifiedAt?: string }> = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    ids.push(...(await api().stageFiles({ files: batch })).map((s) => s.id));
    batch = [];
    size = 0;
  };
  for (const f of files) {
    const base64 = toBase64(await f.arrayBuffer());
    batch.push({
      name: f.name,
      base64,
      ...(f.lastModified ? { modifiedAt: new Date(f.lastModified).toISOString() } : {}),
    });
    size += base64.length;
    if (size > 6_000_000) await flush();
  }
  await flush();
  return ids;
}

function Outcome(props: {
  outcome: ImportOutcome;
  period: string;
  onCompare: (unit: string) => void;
  onSwitch: (code: string, sha: string[]) => void;
}) {
  const { outcome } = props;
  return (
    <div className="outcome">
      {outcome.otherPeriods.map((o) => (
        <Alert
          key={o.code}
          type="warning"
          showIcon
          className="other-period"
          role="alert"
          title={`${o.files.length} tệp ghi kỳ báo cáo ${o.code}${o.title ? ` (${o.title})` : ''}, không phải kỳ ${props.period} đang mở.`}
          description={
            o.known
              ? `Các tệp: ${o.files.join(', ')}.`
              : `Kỳ ${o.code} chưa có trong ứng dụng: hãy tạo kỳ này ở màn hình Kỳ báo cáo, rồi nhập lại các tệp.`
          }
          action={
            o.known ? (
              <Button size="small" type="primary" onClick={() => props.onSwitch(o.code, o.sha256)}>
                Chuyển sang kỳ {o.code} và nhập các tệp này
              </Button>
            ) : undefined
          }
        />
      ))}
      {outcome.emptyMessage && <Alert type="info" showIcon title={outcome.emptyMessage} role="alert" />}
      {outcome.duplicateUnits.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`Có ${outcome.duplicateUnits.length} đơn vị gửi nhiều tệp khác nhau: cần so sánh và chọn một tệp.`}
          action={
            <Space wrap>
              {outcome.duplicateUnits.map((u) => (
                <Button key={u} size="small" onClick={() => props.onCompare(u)}>
                  So sánh tệp của {u}
                </Button>
              ))}
            </Space>
          }
        />
      )}
      <Typography.Paragraph strong className="import-summary">
        {outcome.summaryText}
      </Typography.Paragraph>
      <Table<ImportedFileView>
        size="small"
        rowKey={(r, i) => `${r.name}-${i ?? 0}`}
        dataSource={outcome.files}
        // A folder of hundreds: 25 rows a page, so that showing the outcome is not one long frame.
        pagination={outcome.files.length > 50 ? { pageSize: 25, showSizeChanger: false } : false}
        className="import-files"
        columns={[
          {
            title: 'Tệp',
            width: 280,
            render: (_, f) => (
              <div>
                <div className="file-name">{f.name}</div>
                {f.from && <div className="muted">từ {f.from}</div>}
              </div>
            ),
          },
          {
            title: 'Kết quả',
            width: 110,
            render: (_, f) => <Tag color={STATUS_COLORS[f.status]}>{f.statusLabel}</Tag>,
          },
          { title: 'Nội dung', dataIndex: 'message' },
          {
            title: 'Ngày nhận / sửa tệp',
            width: 170,
            render: (_, f) => (
              <div className="dates">
                {f.receivedLabel && <div>Nhận: {f.receivedLabel}</div>}
                {f.modifiedLabel && <div className="muted">Tệp sửa: {f.modifiedLabel}</div>}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}

/** "Tiếp nhận": drop or choose returns, folders or emails; k/n progress; one sentence per file. */
export default function IntakeScreen() {
  const period = usePeriodCode();
  const { open, refresh } = usePeriodContext();
  const job = useJob(period, 'import', () => refresh());
  const [received, setReceived] = useState<Dayjs | null>(null);
  const [stagingError, setStagingError] = useState<string | null>(null);
  const [comparing, setComparing] = useState<string | null>(null);
  const outcome = job.status?.state === 'done' ? outcomeOf(job.status, 'import') : null;

  const start = (req: Omit<StartImportRequest, 'period' | 'receivedDate'>, p = period) =>
    job.run(() =>
      api().startImport({ period: p, ...req, ...(received ? { receivedDate: received.format('YYYY-MM-DD') } : {}) }),
    );

  const onDrop = async (data: DataTransfer) => {
    setStagingError(null);
    try {
      const files = await droppedFiles(data);
      if (files.length === 0) {
        setStagingError('Không có tệp nào trong những gì vừa thả vào (thư mục trống?).');
        return;
      }
      const staged = await stage(files);
      await start({ staged });
    } catch (err) {
      setStagingError(messageOf(err));
    }
  };
  const chooseFiles = async () => {
    const paths = await api().chooseFiles({ kind: 'returns', multiple: true, title: 'Chọn các tệp báo cáo' });
    if (paths.length) await start({ paths });
  };
  const chooseFolder = async () => {
    const folder = await api().chooseFolder({ title: 'Chọn thư mục chứa báo cáo của các đơn vị' });
    if (folder) await start({ paths: [folder] });
  };
  const switchPeriod = async (code: string, sha256: string[]) => {
    const from = period;
    await open(code);
    await start({ fromPeriod: { period: from, sha256 } }, code);
  };

  return (
    <Page
      title="Tiếp nhận"
      intro="Kéo thả tệp Excel, thư mục hoặc thư điện tử (.eml, .msg) của đơn vị vào đây. Ngày nhận là ngày nhập, trừ khi ghi ngày khác; ngày sửa của tệp chỉ để tham khảo."
    >
      <DropZone
        label="Vùng thả tệp báo cáo: kéo thả tệp hoặc thư mục vào đây, hoặc nhấn Enter để chọn tệp"
        icon={InboxOutlined}
        title="Kéo thả tệp báo cáo, thư mục hoặc thư điện tử vào đây"
        hint="Tệp .xlsx của đơn vị; thư .eml, .msg có tệp đính kèm"
        disabled={job.running}
        onDrop={onDrop}
        onChoose={chooseFiles}
        testId="drop-zone"
      />
      <Space className="toolbar" wrap>
        <Button onClick={() => void chooseFiles()} disabled={job.running}>
          Chọn tệp…
        </Button>
        <Button onClick={() => void chooseFolder()} disabled={job.running}>
          Chọn thư mục…
        </Button>
        <label className="inline-field">
          <span>Ngày nhận (nếu không phải hôm nay)</span>
          <DatePicker
            aria-label="Ngày nhận"
            format="DD/MM/YYYY"
            placeholder="Hôm nay"
            value={received}
            onChange={(d) => setReceived(d)}
          />
        </label>
      </Space>
      {stagingError && <Alert type="error" showIcon title={stagingError} role="alert" />}
      <JobProgress job={job} label="Tiến độ nhập tệp" />
      {outcome && (
        <Outcome
          outcome={outcome}
          period={period}
          onCompare={setComparing}
          onSwitch={(code, sha) => void switchPeriod(code, sha)}
        />
      )}
      <CompareFiles
        period={period}
        unit={comparing}
        onClose={() => setComparing(null)}
        onChosen={() => {
          setComparing(null);
          refresh();
        }}
      />
    </Page>
  );
}
