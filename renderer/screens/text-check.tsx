import { DownOutlined, FileSearchOutlined, FileWordOutlined, FileExcelOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { TextCheckView, TextFindingView, WrittenFile } from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { DropZone } from '../components/drop-zone.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { useFillHeight } from '../components/size.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';
import './text-check.css';

type Severity = TextFindingView['severity'];
const SEVERITY_COLORS: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_NAMES: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Whether a key press was meant for a field (typing "n" in a box is not a jump). */
function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The paragraph of a finding, its sentence shaded and the finding's span marked. */
function Passage({ text, f }: { text: string; f: TextFindingView }) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'nearest' });
  }, [f]);
  const s0 = f.sentenceStart >= 0 ? f.sentenceStart : f.start;
  const s1 = f.sentenceStart >= 0 ? f.sentenceStart + f.sentence.length : f.end;
  return (
    <p className="tc-passage" aria-label={`Đoạn văn chứa phát hiện (${f.whereLabel})`}>
      {text.slice(0, s0)}
      <span className="tc-sentence">
        {text.slice(s0, f.start)}
        <mark ref={mark} className={`tc-mark tc-mark-${f.severity}`}>
          {text.slice(f.start, f.end)}
        </mark>
        {text.slice(f.end, s1)}
      </span>
      {text.slice(s1)}
    </p>
  );
}

/**
 * A finding in a table's cell: the table's heading rows and the finding's row, the cell's span
 * marked in its paragraph (the cell's other paragraphs, if any, beside it).
 */
function TableRow({
  text,
  f,
  table,
}: {
  text: string;
  f: TextFindingView;
  table: NonNullable<TextFindingView['tableRow']>;
}) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'nearest' });
  }, [f]);
  const marked = table.row.find((c) => c.column === table.column);
  const at = marked && text ? marked.text.indexOf(text) : -1;
  return (
    <div className="tc-table-wrap">
      <table className="tc-table" aria-label={`Dòng của bảng chứa phát hiện (${f.whereLabel})`}>
        {table.head.length > 0 && (
          <thead>
            {table.head.map((cells, r) => (
              <tr key={r}>
                {cells.map((h) => (
                  <th key={h.column} scope="col" colSpan={h.colSpan} rowSpan={h.rowSpan}>
                    {h.text}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
        )}
        <tbody>
          <tr>
            {table.row.map((cell) => {
              const props = { colSpan: cell.colSpan, rowSpan: cell.rowSpan };
              if (cell !== marked || at < 0)
                return (
                  <td key={cell.column} {...props}>
                    {cell.text}
                  </td>
                );
              return (
                <td key={cell.column} {...props} className="tc-table-cell">
                  {cell.text.slice(0, at + f.start)}
                  <mark ref={mark} className={`tc-mark tc-mark-${f.severity}`}>
                    {cell.text.slice(at + f.start, at + f.end)}
                  </mark>
                  {cell.text.slice(at + f.end)}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Detail(props: {
  f: TextFindingView;
  text: string;
  position: number;
  count: number;
  onPrev: () => void;
  onNext: () => void;
  /** The period whose data the draft was compared with: a unit's kept return is in its workspace. */
  period: string;
}) {
  const { f } = props;
  const { message } = App.useApp();
  const openReturn = async (sha256: string) => {
    const r = await api().openOriginal({ period: props.period, sha256 });
    if (!r.ok) void message.error(r.message);
  };
  return (
    <section className="tc-detail" aria-label="Chi tiết phát hiện" data-testid="tc-detail">
      <header className="tc-detail-head">
        <Space wrap size={6}>
          <Tag color={SEVERITY_COLORS[f.severity]}>{f.severityLabel}</Tag>
          <Typography.Text strong>{f.kindLabel}</Typography.Text>
          <Typography.Text type="secondary">{f.whereLabel}</Typography.Text>
        </Space>
        <Space size={4}>
          <span className="tc-position" aria-live="polite">
            Phát hiện {props.position}/{props.count}
          </span>
          <Button
            size="small"
            icon={<UpOutlined aria-hidden="true" />}
            onClick={props.onPrev}
            disabled={props.position <= 1}
            aria-keyshortcuts="P"
            title="Phát hiện trước (phím P hoặc ↑)"
          >
            Trước
          </Button>
          <Button
            size="small"
            icon={<DownOutlined aria-hidden="true" />}
            onClick={props.onNext}
            disabled={props.position >= props.count}
            aria-keyshortcuts="N"
            title="Phát hiện sau (phím N hoặc ↓)"
          >
            Sau
          </Button>
        </Space>
      </header>
      <Typography.Paragraph className="tc-message">{f.message}</Typography.Paragraph>
      <Descriptions size="small" column={3} bordered className="tc-figures" layout="vertical">
        <Descriptions.Item label="Văn bản ghi">
          <span data-testid="tc-stated">{f.stated ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="Tính lại">
          <span data-testid="tc-computed">{f.computed ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="Đề nghị sửa">
          <strong data-testid="tc-suggestion">{f.suggestion ?? '—'}</strong>
        </Descriptions.Item>
      </Descriptions>
      <div className="tc-quote-head">
        <Typography.Text type="secondary">
          {f.tableRow ? 'Dòng trong bảng (ô có phát hiện được tô):' : 'Câu trong văn bản (đoạn trích được tô):'}
          {f.indicator ? ` · ${subjectOf(f.indicator)}` : ''}
        </Typography.Text>
        {f.original && (
          <Button size="small" type="link" onClick={() => void openReturn(f.original as string)}>
            Mở báo cáo đơn vị gửi
          </Button>
        )}
      </div>
      {f.tableRow ? <TableRow text={props.text} f={f} table={f.tableRow} /> : <Passage text={props.text} f={f} />}
      {f.markedIn && (
        <>
          <div className="tc-quote-head tc-marked-head">
            <Typography.Text type="secondary">Chú thích này thuộc câu ({f.markedIn.whereLabel}):</Typography.Text>
          </div>
          <p className="tc-passage" data-testid="tc-marked-in">
            <span className="tc-sentence">
              {f.markedIn.sentence.slice(0, f.markedIn.at)}
              <sup className="tc-note-mark" aria-label="dấu chú thích">
                *
              </sup>
              {f.markedIn.sentence.slice(f.markedIn.at)}
            </span>
          </p>
        </>
      )}
    </section>
  );
}

/** "Kiểm tra văn bản": a draft's figures checked by the engine; each finding in its sentence; export. */
export default function TextCheckScreen() {
  const period = usePeriodCode();
  const { message } = App.useApp();
  const job = useJob(period, 'text-check');
  const [last] = useLoad(() => api().lastTextCheck({ period }), [period]);
  const [compare, setCompare] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [shown, setShown] = useState<Severity[]>([...SEVERITIES]);
  const [written, setWritten] = useState<WrittenFile | null>(null);
  const [saving, setSaving] = useState(false);
  /** Whether the Word copy gets a comment at each "khớp" (info) finding too: off, so that the comments asking for a correction stand out. */
  const [commentInfo, setCommentInfo] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const [bodyBox, bodyHeight] = useFillHeight(320, 16);

  const fromJob = job.status?.state === 'done' ? outcomeOf(job.status, 'text-check').check : null;
  const view: TextCheckView | null = fromJob ?? (last.state === 'ready' ? last.value : null);
  const findings = useMemo(() => (view?.findings ?? []).filter((f) => shown.includes(f.severity)), [view, shown]);
  const texts = useMemo(() => new Map((view?.paragraphs ?? []).map((p) => [p.index, p.text])), [view]);
  const current = findings[Math.min(selected, findings.length - 1)];

  useEffect(() => {
    setSelected(0);
    setWritten(null);
  }, [view?.id]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, findings]);

  const go = useCallback(
    (to: number) => setSelected(Math.max(0, Math.min(findings.length - 1, to))),
    [findings.length],
  );
  const index = Math.min(selected, Math.max(0, findings.length - 1));

  // N / P jump anywhere on the screen (not while typing in a field).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || inField(e.target) || findings.length === 0) return;
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        go(index + 1);
      } else if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        go(index - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index, findings.length]);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: findings.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    go(to);
  };

  const check = (source: { staged: string } | { path: string }) =>
    job.run(() => api().startTextCheck({ period, compare, ...source }));

  const onDrop = async (data: DataTransfer) => {
    setDropError(null);
    job.clear();
    const files = [...data.files];
    if (files.length !== 1) {
      setDropError(
        files.length === 0
          ? 'Không có tệp nào trong những gì vừa thả vào.'
          : `Đã thả ${files.length} tệp: hãy kéo thả từng văn bản một (${files.map((f) => f.name).join(', ')}).`,
      );
      return;
    }
    const file = files[0] as File;
    try {
      const [staged] = await api().stageFiles({
        files: [{ name: file.name, base64: toBase64(await file.arrayBuffer()) }],
      });
      if (staged) await check({ staged: staged.id });
    } catch (err) {
      setDropError(messageOf(err));
    }
  };
  const choose = async () => {
    if (job.running) return;
    const [path] = await api().chooseFiles({ kind: 'draft', title: 'Chọn văn bản cần kiểm tra số liệu' });
    if (path) await check({ path });
  };

  const stem = (view?.fileName ?? 'van-ban').replace(/\.[^.]*$/, '');
  const save = async (what: 'list' | 'docx') => {
    if (!view || saving) return;
    setSaving(true);
    setWritten(null);
    try {
      const path = await api().chooseSavePath(
        what === 'list'
          ? { kind: 'list', title: 'Lưu danh sách phát hiện', defaultName: `KiemTra_${stem}.xlsx` }
          : { kind: 'docx', title: 'Lưu bản Word có nhận xét', defaultName: `${stem}_nhan-xet.docx` },
      );
      if (!path) return;
      const req = { period, id: view.id, path };
      const w =
        what === 'list'
          ? await api().exportTextCheck(req)
          : await api().annotateDraft({ ...req, withInfo: commentInfo });
      setWritten(w);
    } catch (e) {
      void message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  const openWritten = async () => {
    if (!written) return;
    const r = await api().openPath(written.path);
    if (!r.ok) void message.error(r.message);
  };

  const toggle = (s: Severity) => {
    setSelected(0);
    setShown(shown.includes(s) ? shown.filter((x) => x !== s) : [...shown, s]);
  };

  return (
    <Page
      title="Kiểm tra văn bản"
      wide
      intro="Kiểm tra số liệu trong bản dự thảo báo cáo (Word, PDF có lớp chữ, văn bản thuần): tỷ lệ không khớp phân số, tổng không khớp các phần, tỷ lệ cộng quá 100%, mức tăng, giảm không khớp hai số liệu, bảng (của bản Word, hoặc dựng lại từ trang PDF) có dòng tổng, cột tổng hoặc cột tỷ lệ không khớp, cách viết số, chỗ còn thiếu số liệu, ngày và số của phụ lục khác văn bản; và, nếu chọn, đối chiếu với số liệu tổng hợp của kỳ, số liệu từng đơn vị đã gửi và ngày chốt số liệu của kỳ."
    >
      <div className={view ? 'tc-source tc-source-compact' : 'tc-source'}>
        <DropZone
          className={view ? 'tc-drop tc-drop-compact' : 'tc-drop'}
          label="Vùng thả văn bản cần kiểm tra: kéo thả tệp .docx, .pdf hoặc .txt vào đây, hoặc nhấn Enter để chọn tệp"
          icon={FileSearchOutlined}
          title={
            view ? 'Kéo thả bản dự thảo khác vào đây để kiểm tra' : 'Kéo thả bản dự thảo vào đây, hoặc bấm để chọn tệp'
          }
          hint="Văn bản Word (.docx), PDF có lớp chữ, hoặc tệp văn bản (.txt)"
          disabled={job.running}
          onDrop={onDrop}
          onChoose={choose}
          chooseOnClick
          testId="tc-drop-zone"
        />
        <div className="tc-options">
          <Checkbox checked={compare} onChange={(e) => setCompare(e.target.checked)} disabled={job.running}>
            Đối chiếu với số liệu tổng hợp của kỳ <span className="tc-nowrap">{period}</span>
          </Checkbox>
          <div className="muted">
            Số liệu văn bản nêu cho toàn tỉnh (ví dụ “ban hành 412 văn bản”) được so với tổng của chỉ tiêu tương ứng, và
            “x/9 chỉ tiêu đạt và vượt” với số chỉ tiêu đã đạt.
          </div>
          <Button onClick={() => void choose()} disabled={job.running}>
            Chọn văn bản…
          </Button>
        </div>
      </div>
      {dropError && <Alert type="error" showIcon title={dropError} role="alert" className="job-alert" />}
      <JobProgress job={job} label="Tiến độ kiểm tra văn bản" />
      {last.state === 'failed' && <Alert type="error" showIcon title={last.message} className="job-alert" />}
      {view && (
        <div className="tc-result">
          <div className="tc-summary">
            <div className="tc-summary-info">
              <Typography.Text strong className="tc-summary-text">
                {view.summaryText}
              </Typography.Text>
              <Typography.Text type="secondary">
                {view.formatLabel} · kiểm tra lúc {view.checkedLabel}
                {view.comparedWith
                  ? ` · đối chiếu với ${view.comparedWith}`
                  : ' · không đối chiếu với số liệu tổng hợp'}
              </Typography.Text>
            </div>
            <Space wrap className="tc-actions">
              <Button
                icon={<FileExcelOutlined aria-hidden="true" />}
                onClick={() => void save('list')}
                disabled={saving || view.findings.length === 0}
              >
                Xuất danh sách…
              </Button>
              {view.format === 'docx' && (
                <Button
                  icon={<FileWordOutlined aria-hidden="true" />}
                  onClick={() => void save('docx')}
                  disabled={
                    saving || !view.canAnnotate || (!commentInfo && view.counts.error + view.counts.warning === 0)
                  }
                >
                  Lưu bản Word có nhận xét…
                </Button>
              )}
              {view.format === 'docx' && view.counts.info > 0 && (
                <Checkbox checked={commentInfo} onChange={(e) => setCommentInfo(e.target.checked)} disabled={saving}>
                  Kèm các số khớp ({view.counts.info} thông tin)
                </Checkbox>
              )}
            </Space>
          </div>
          {view.notes.map((n) => (
            <Alert key={n} type="info" showIcon title={n} className="tc-note" />
          ))}
          {written && (
            <Alert
              type="success"
              showIcon
              role="status"
              className="tc-written"
              title={written.message}
              action={
                <Button size="small" onClick={() => void openWritten()}>
                  Mở tệp
                </Button>
              }
              closable
              onClose={() => setWritten(null)}
            />
          )}
          {view.findings.length === 0 ? (
            <Empty description="Không thấy số liệu nào sai hoặc đáng ngờ." />
          ) : (
            <>
              <div className="status-chips tc-filter" role="group" aria-label="Lọc theo mức độ">
                {SEVERITIES.map((s) => (
                  <Tag.CheckableTag key={s} checked={shown.includes(s)} onChange={() => toggle(s)}>
                    {SEVERITY_NAMES[s]} <span className="chip-count">{view.counts[s]}</span>
                  </Tag.CheckableTag>
                ))}
                <Typography.Text type="secondary" className="tc-hint">
                  Chuyển giữa các phát hiện: phím ↑ ↓ trong danh sách, hoặc N (sau) và P (trước).
                </Typography.Text>
              </div>
              <div className="tc-body" ref={bodyBox} style={{ height: bodyHeight }}>
                <ul
                  ref={list}
                  className="tc-list"
                  role="listbox"
                  aria-label="Các phát hiện"
                  tabIndex={0}
                  aria-activedescendant={current ? `tc-f-${current.n}` : undefined}
                  onKeyDown={onListKey}
                >
                  {findings.map((f, i) => (
                    <li
                      key={f.n}
                      id={`tc-f-${f.n}`}
                      role="option"
                      aria-selected={i === index}
                      className={i === index ? 'tc-item tc-item-on' : 'tc-item'}
                      onClick={() => {
                        go(i);
                        list.current?.focus();
                      }}
                    >
                      <div className="tc-item-head">
                        <span className="tc-n">{f.n}.</span>
                        <Tag color={SEVERITY_COLORS[f.severity]}>{f.severityLabel}</Tag>
                        <span className="tc-where">{f.whereLabel}</span>
                        <span className="tc-kind">{f.kindLabel}</span>
                      </div>
                      <div className="tc-span">«{f.text}»</div>
                      {f.suggestion !== null && (
                        <div className="tc-fix">
                          {f.stated ?? ''} → <strong>{f.suggestion}</strong>
                        </div>
                      )}
                    </li>
                  ))}
                  {findings.length === 0 && <li className="tc-none">Không có phát hiện nào ở mức độ đã chọn.</li>}
                </ul>
                {current && (
                  <Detail
                    f={current}
                    text={texts.get(current.paragraph) ?? current.sentence}
                    position={index + 1}
                    count={findings.length}
                    onPrev={() => go(index - 1)}
                    onNext={() => go(index + 1)}
                    period={view.period}
                  />
                )}
              </div>
            </>
          )}
        </div>
      )}
    </Page>
  );
}

/** What a data finding was compared with, in words: an indicator, a rate, a target, the targets' or the units' count. */
function subjectOf(indicator: string): string {
  if (indicator === 'targets') return 'đánh giá các mục tiêu';
  if (indicator === 'units') return 'số đơn vị có số liệu';
  if (/^MT\d+$/.test(indicator)) return `mục tiêu ${indicator}`;
  if (indicator.startsWith('R_')) return `tỷ lệ ${indicator}`;
  return `chỉ tiêu ${indicator}`;
}
