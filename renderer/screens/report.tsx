import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ReportBlockView, ReportDraft, ReportSettingsView } from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { PdfView } from '../components/pdf-view.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';

function SettingsForm({ value, onChange }: { value: ReportSettingsView; onChange: (v: ReportSettingsView) => void }) {
  const set = (p: Partial<ReportSettingsView>) => onChange({ ...value, ...p });
  return (
    <Form layout="vertical" className="report-settings">
      <div className="field-grid">
        <Form.Item label="Số, ký hiệu" htmlFor="rs-number">
          <Input id="rs-number" value={value.number} onChange={(e) => set({ number: e.target.value })} />
        </Form.Item>
        <Form.Item label="Ngày ban hành" htmlFor="rs-date">
          <DatePicker
            id="rs-date"
            format="DD/MM/YYYY"
            value={dayjs(value.date)}
            allowClear={false}
            onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })}
          />
        </Form.Item>
        <Form.Item label="Cơ quan chủ quản" htmlFor="rs-gov">
          <Input id="rs-gov" value={value.governingBody} onChange={(e) => set({ governingBody: e.target.value })} />
        </Form.Item>
        <Form.Item label="Cơ quan ban hành" htmlFor="rs-issuer">
          <Input id="rs-issuer" value={value.issuingBody} onChange={(e) => set({ issuingBody: e.target.value })} />
        </Form.Item>
        <Form.Item label="Địa danh" htmlFor="rs-place">
          <Input id="rs-place" value={value.place} onChange={(e) => set({ place: e.target.value })} />
        </Form.Item>
        <Form.Item label="Họ tên người ký" htmlFor="rs-signer">
          <Input id="rs-signer" value={value.signerName} onChange={(e) => set({ signerName: e.target.value })} />
        </Form.Item>
      </div>
      <Form.Item label="Trích yếu" htmlFor="rs-summary">
        <Input.TextArea
          id="rs-summary"
          autoSize
          value={value.summary}
          onChange={(e) => set({ summary: e.target.value })}
        />
      </Form.Item>
      <Form.Item label="Thẩm quyền, chức vụ người ký (mỗi dòng một dòng in)" htmlFor="rs-authority">
        <Input.TextArea
          id="rs-authority"
          autoSize
          value={value.authority.join('\n')}
          onChange={(e) => set({ authority: e.target.value.split('\n') })}
        />
      </Form.Item>
      <Form.Item label="Nơi nhận (mỗi dòng một nơi)" htmlFor="rs-recipients">
        <Input.TextArea
          id="rs-recipients"
          autoSize={{ minRows: 3 }}
          value={value.recipients.join('\n')}
          onChange={(e) => set({ recipients: e.target.value.split('\n') })}
        />
      </Form.Item>
    </Form>
  );
}

function Editor(props: { draft: ReportDraft; blocks: ReportBlockView[]; onChange: (b: ReportBlockView[]) => void }) {
  const focused = useRef<{ index: number; el: HTMLTextAreaElement | HTMLInputElement } | null>(null);
  const [token, setToken] = useState<string | undefined>(undefined);
  const insert = () => {
    const f = focused.current;
    if (!f || !token) return;
    const b = props.blocks[f.index];
    if (!b || b.type === 'targets-list') return;
    const at = f.el.selectionStart ?? b.text.length;
    const text = b.text.slice(0, at) + token + b.text.slice(f.el.selectionEnd ?? at);
    props.onChange(props.blocks.map((x, i) => (i === f.index ? { ...b, text } : x)));
  };
  const setText = (i: number, text: string) =>
    props.onChange(props.blocks.map((x, j) => (j === i && x.type !== 'targets-list' ? { ...x, text } : x)));
  return (
    <div className="editor">
      <Space.Compact className="insert-row">
        <Select
          aria-label="Trường số liệu để chèn"
          showSearch
          optionFilterProp="label"
          placeholder="Chọn trường số liệu để chèn vào chỗ con trỏ"
          value={token}
          onChange={setToken}
          className="insert-select"
          popupMatchSelectWidth={false}
          options={props.draft.placeholders.map((p) => ({
            value: p.token,
            label: `${p.token} — ${p.label} = ${p.example}`,
          }))}
        />
        <Button onClick={insert} disabled={!token}>
          Chèn
        </Button>
      </Space.Compact>
      <ol className="blocks">
        {props.blocks.map((b, i) => (
          <li key={i} className={`block-${b.type}`}>
            {b.type === 'targets-list' ? (
              <div className="muted">(Danh sách kết quả các mục tiêu, do ứng dụng lập)</div>
            ) : b.type === 'heading' ? (
              <Input
                aria-label={`Đề mục ${i + 1}`}
                value={b.text}
                onFocus={(e) => (focused.current = { index: i, el: e.target })}
                onChange={(e) => setText(i, e.target.value)}
              />
            ) : (
              <Input.TextArea
                aria-label={`Đoạn văn ${i + 1}`}
                autoSize
                value={b.text}
                onFocus={(e) => (focused.current = { index: i, el: e.target })}
                onSelect={(e) => (focused.current = { index: i, el: e.currentTarget })}
                onChange={(e) => setText(i, e.target.value)}
              />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** "Báo cáo": document settings, the editable text with placeholders, gaps and errors, live PDF preview, export. */
export default function ReportScreen() {
  const period = usePeriodCode();
  const { message } = App.useApp();
  const [loaded, , set] = useLoad(() => api().getReportDraft({ period }), [period]);
  const draft = loaded.state === 'ready' ? loaded.value : null;
  const [blocks, setBlocks] = useState<ReportBlockView[] | null>(null);
  const [settings, setSettings] = useState<ReportSettingsView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const preview = useJob(period, 'report-preview');
  const exporting = useJob(period, 'report-export');
  const [pdf, setPdf] = useState<string | null>(null);

  useEffect(() => {
    if (draft && !dirty) {
      setBlocks(draft.blocks);
      setSettings(draft.settings);
    }
  }, [draft, dirty]);

  const refreshPreview = async () => {
    const s = await preview.run(() => api().startReportPreview({ period }));
    if (s?.state === 'done') setPdf(outcomeOf(s, 'report-preview').pdfBase64);
  };
  useEffect(() => {
    if (draft && pdf === null && !preview.running) void refreshPreview();
    // The first preview once the draft is there.
  }, [draft]);

  const save = async (reset = false) => {
    if (!settings || !blocks) return;
    try {
      const r = await api().saveReport(reset ? { period, resetText: true } : { period, settings, blocks });
      if (!r.ok) {
        setProblem(r.message);
        return;
      }
      setProblem(null);
      setDirty(false);
      set(r.draft);
      setBlocks(r.draft.blocks);
      setSettings(r.draft.settings);
      void message.success(reset ? 'Đã trở lại nội dung mặc định.' : 'Đã lưu báo cáo.');
      void refreshPreview();
    } catch (e) {
      setProblem(messageOf(e));
    }
  };
  const exportAs = async (format: 'pdf' | 'docx') => {
    const path = await api().chooseSavePath(
      format === 'pdf'
        ? { kind: 'pdf', title: 'Lưu báo cáo PDF', defaultName: `BaoCao_${period}.pdf` }
        : { kind: 'docx', title: 'Lưu bản Word của báo cáo', defaultName: `BaoCao_${period}.docx` },
    );
    if (!path) return;
    const s = await exporting.run(() => api().startReportExport({ period, path, format }));
    if (s?.state === 'done') void message.success(outcomeOf(s, 'report-export').message);
  };

  return (
    <Page
      title="Báo cáo"
      loading={loaded.state === 'loading'}
      wide
      intro="Sửa thể thức và nội dung; các trường {{…}} lấy số liệu đã tổng hợp. Bản xem trước cập nhật sau mỗi lần lưu."
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => void save()} disabled={!dirty}>
            Lưu và xem trước
          </Button>
          <Button onClick={() => void save(true)} disabled={!draft?.customText}>
            Về nội dung mặc định
          </Button>
          <Button onClick={() => void exportAs('pdf')} disabled={exporting.running || dirty}>
            Xuất PDF…
          </Button>
          <Button onClick={() => void exportAs('docx')} disabled={exporting.running || dirty}>
            Xuất bản Word…
          </Button>
        </Space>
      }
    >
      {loaded.state === 'failed' && <Alert type="error" title={loaded.message} />}
      {problem && <Alert type="error" showIcon title={problem} role="alert" className="report-problem" />}
      {draft?.problem && <Alert type="warning" showIcon title={draft.problem} />}
      {draft && (draft.gaps.length > 0 || draft.openErrors.length > 0) && (
        <Alert
          type={draft.openErrors.length > 0 ? 'error' : 'warning'}
          showIcon
          className="report-checks"
          title={[
            draft.openErrors.length > 0 ? `${draft.openErrors.length} lỗi chưa xử lý (chưa thể ký)` : '',
            draft.gaps.length > 0 ? `${draft.gaps.length} chỗ thiếu số liệu` : '',
          ]
            .filter(Boolean)
            .join('; ')}
          description={
            <div className="check-list">
              {draft.openErrors.length > 0 && (
                <p>
                  <Link to="/doi-chieu">Xem và xử lý các lỗi ở màn hình Đối chiếu</Link>
                </p>
              )}
              {draft.gaps.length > 0 && (
                <details className="gap-details">
                  <summary>Xem từng chỗ thiếu số liệu</summary>
                  <ul>
                    {draft.gaps.map((g, i) => (
                      <li key={i}>{g}</li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          }
        />
      )}
      <JobProgress job={exporting} label="Tiến độ xuất báo cáo" />
      {draft && blocks && settings && (
        <div className="report-split">
          <Card size="small" className="report-edit">
            <Tabs
              items={[
                {
                  key: 'text',
                  label: 'Nội dung',
                  children: (
                    <Editor
                      draft={draft}
                      blocks={blocks}
                      onChange={(b) => {
                        setBlocks(b);
                        setDirty(true);
                      }}
                    />
                  ),
                },
                {
                  key: 'settings',
                  label: 'Thể thức văn bản',
                  children: (
                    <SettingsForm
                      value={settings}
                      onChange={(v) => {
                        setSettings(v);
                        setDirty(true);
                      }}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            className="report-preview"
            title="Bản xem trước"
            extra={
              <Button size="small" onClick={() => void refreshPreview()} disabled={preview.running}>
                Cập nhật
              </Button>
            }
          >
            <JobProgress job={preview} label="Tiến độ dựng bản xem trước" />
            {pdf && <PdfView base64={pdf} label="Bản xem trước báo cáo" />}
          </Card>
        </div>
      )}
    </Page>
  );
}
