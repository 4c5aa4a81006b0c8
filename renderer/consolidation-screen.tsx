import { useEffect, useState } from 'react';
import type { ConsolidationView, PeriodInfo } from '../shared-api/app-api.js';
import { formatNumber } from '../core/numbers/index.js';
import { api } from './api.js';
import { useApiValue } from './use-api-value.js';

type Run =
  | { state: 'idle' }
  | { state: 'busy'; what: string }
  | { state: 'done'; view: ConsolidationView }
  | { state: 'failed'; message: string };

/** "Tổng hợp": consolidate the sample returns or a folder of returns, and show the outcome. */
export function ConsolidationScreen() {
  const [periods] = useApiValue(() => api().listPeriods());
  return (
    <section aria-labelledby="consolidation-title" className="screen screen-wide">
      <h2 id="consolidation-title">Tổng hợp</h2>
      {periods.state === 'loading' && <p>Đang tải danh sách kỳ báo cáo…</p>}
      {periods.state === 'failed' && <p className="error">{periods.message}</p>}
      {periods.state === 'ready' && <Consolidation periods={periods.value} />}
    </section>
  );
}

function Consolidation({ periods }: { periods: PeriodInfo[] }) {
  const [period, setPeriod] = useState(() => periods[periods.length - 1]?.code ?? '');
  const [faults, setFaults] = useState(true);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const busy = run.state === 'busy';

  useEffect(() => {
    if (!periods.some((p) => p.code === period)) setPeriod(periods[periods.length - 1]?.code ?? '');
  }, [periods, period]);

  const start = async (what: string, work: () => Promise<ConsolidationView | null>) => {
    setRun({ state: 'busy', what });
    try {
      const view = await work();
      setRun(view ? { state: 'done', view } : { state: 'idle' });
    } catch (e) {
      setRun({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const trySample = () => start('Đang tổng hợp…', () => api().trySample({ period, faults }));

  const chooseFolder = () =>
    start('Đang tổng hợp…', async () => {
      const folder = await api().chooseFolder({ title: 'Chọn thư mục chứa báo cáo của các đơn vị' });
      return folder ? api().consolidateFolder({ period, folder }) : null;
    });

  return (
    <>
      <div className="run-bar">
        <label className="field field-period">
          <span>Kỳ báo cáo</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value)} disabled={busy}>
            {periods.map((p) => (
              <option key={p.code} value={p.code}>
                {p.shortTitle} ({p.code})
              </option>
            ))}
          </select>
        </label>
        <div className="run-actions">
          <button type="button" className="primary" onClick={trySample} disabled={busy || !period}>
            Thử với dữ liệu mẫu
          </button>
          <label className="check">
            <input type="checkbox" checked={faults} onChange={(e) => setFaults(e.target.checked)} disabled={busy} />
            Có lỗi cố ý
          </label>
          <span className="run-divider" aria-hidden="true" />
          <button type="button" onClick={chooseFolder} disabled={busy || !period}>
            Chọn thư mục báo cáo…
          </button>
        </div>
      </div>
      <div role="status" aria-live="polite" aria-busy={busy} className="run-status">
        {run.state === 'busy' && <p className="busy">{run.what}</p>}
        {run.state === 'failed' && <p className="error">{run.message}</p>}
        {run.state === 'idle' && (
          <p className="note">
            Chọn kỳ báo cáo, rồi thử với bộ báo cáo mẫu của 40 đơn vị hoặc chọn thư mục chứa các tệp Excel đơn vị đã
            gửi.
          </p>
        )}
      </div>
      {run.state === 'done' && <Outcome view={run.view} />}
    </>
  );
}

function Outcome({ view }: { view: ConsolidationView }) {
  return (
    <div className="outcome">
      <div className="summary">
        <p className="summary-line">
          <strong>{view.summaryText}</strong>
          <span className="summary-sep">·</span>
          <span>{view.targetsText}</span>
        </p>
        <dl className="fact-list">
          <dt>Kỳ báo cáo</dt>
          <dd>{view.period.title}</dd>
          <dt>Thư mục báo cáo</dt>
          <dd className="path">{view.sourceDir}</dd>
          <dt>Thư mục làm việc</dt>
          <dd className="path">{view.workspaceDir}</dd>
        </dl>
      </div>

      <h3>Tình hình nộp báo cáo</h3>
      <UnitsTable view={view} />

      {view.files.length > 0 && (
        <>
          <h3>Tệp không được dùng</h3>
          <ul className="file-list">
            {view.files.map((f) => (
              <li key={f.name}>
                <span className="code">{f.name}</span> — <span className="error">{f.statusLabel}</span>
                {f.message && <div>{f.message}</div>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Mục tiêu của Nghị quyết</h3>
      <p className="targets-line">{view.targetsText}</p>
      <TargetsTable view={view} />

      <h3>Số liệu chính toàn tỉnh</h3>
      <table className="data-table totals-table">
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col" className="num">
              Tổng toàn tỉnh
            </th>
            <th scope="col">Số đơn vị có số liệu</th>
          </tr>
        </thead>
        <tbody>
          {view.keyTotals.map((t) => (
            <tr key={t.code}>
              <td className="code">{t.code}</td>
              <td>{t.label}</td>
              <td className="num">{t.valueText}</td>
              <td>{t.contributingText}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Findings view={view} />
    </div>
  );
}

function UnitsTable({ view }: { view: ConsolidationView }) {
  return (
    <table className="data-table units-table">
      <thead>
        <tr>
          <th scope="col">Mã</th>
          <th scope="col">Đơn vị</th>
          <th scope="col">Cấp</th>
          <th scope="col">Tình trạng</th>
          <th scope="col">Thời điểm nhận</th>
          <th scope="col" className="num">
            Lỗi chưa xử lý
          </th>
        </tr>
      </thead>
      <tbody>
        {view.units.map((u) => (
          <tr key={u.code}>
            <td className="code">{u.code}</td>
            <td>
              {u.name}
              {u.file && <div className="muted path">{u.file}</div>}
            </td>
            <td className="nowrap">{u.tierLabel}</td>
            <td>
              <span className={`badge badge-${u.status}`}>{u.statusLabel}</span>
              {u.statusDetail && <div className="muted status-detail">{u.statusDetail}</div>}
            </td>
            <td className="nowrap">
              {u.receivedLabel ?? '—'}
              {u.late && <span className="late">{u.receivedLabel ? 'Nộp muộn' : 'Quá hạn'}</span>}
            </td>
            <td className={u.openErrors > 0 ? 'num error' : 'num'}>
              {u.openErrors > 0 ? formatNumber(u.openErrors) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TargetsTable({ view }: { view: ConsolidationView }) {
  return (
    <table className="data-table targets-table">
      <thead>
        <tr>
          <th scope="col">Mục tiêu</th>
          <th scope="col">Nội dung</th>
          <th scope="col" className="num">
            Kết quả
          </th>
          <th scope="col">Chỉ tiêu Nghị quyết</th>
          <th scope="col">Đánh giá</th>
        </tr>
      </thead>
      <tbody>
        {view.targets.map((t) => (
          <tr key={t.id}>
            <td className="code">{t.id}</td>
            <td>
              {t.label}
              {t.detailText && <div className="muted">{t.detailText}</div>}
            </td>
            <td className="num">{t.valueText}</td>
            <td className="threshold">{t.thresholdText}</td>
            <td>
              <span className={`badge target-${t.status}`}>{t.statusLabel}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Findings({ view }: { view: ConsolidationView }) {
  return (
    <>
      <h3>Sai sót và lưu ý</h3>
      <p className="note">{view.findingsText}.</p>
      {view.findings.length > 0 && (
        <ul className="findings" aria-label="Danh sách sai sót và lưu ý">
          {view.findings.map((f) => (
            <li key={f.id} className={`finding finding-${f.severity}`}>
              <span className={`badge severity-${f.severity}`}>{f.severityLabel}</span>
              <span className="finding-message">{f.message}</span>
              {f.status !== 'open' && <span className="muted"> ({f.statusLabel})</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
