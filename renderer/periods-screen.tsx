import { api } from './api.js';
import { useApiValue } from './use-api-value.js';

/** The built-in reporting periods. */
export function PeriodsScreen() {
  const [periods] = useApiValue(() => api().listPeriods());
  return (
    <section aria-labelledby="periods-title" className="screen">
      <h2 id="periods-title">Kỳ báo cáo</h2>
      {periods.state === 'loading' && <p>Đang tải danh sách kỳ báo cáo…</p>}
      {periods.state === 'failed' && <p className="error">{periods.message}</p>}
      {periods.state === 'ready' && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Mã kỳ</th>
              <th scope="col">Kỳ báo cáo</th>
              <th scope="col">Số liệu tính đến</th>
              <th scope="col">Hạn nộp</th>
              <th scope="col">Các cấp báo cáo</th>
            </tr>
          </thead>
          <tbody>
            {periods.value.map((p) => (
              <tr key={p.code}>
                <td className="code">{p.code}</td>
                <td>
                  <strong>{p.shortTitle}</strong>
                  <div className="muted">{p.title}</div>
                </td>
                <td className="date">{p.cutoffLabel}</td>
                <td className="date">{p.deadlineLabel}</td>
                <td>{p.tiers.map((t) => t.label).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
