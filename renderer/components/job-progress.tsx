import { Alert, Progress } from 'antd';
import type { JobHandle } from '../hooks.js';

/** Determinate progress of a long operation (k/n), and its failure in one sentence. */
export function JobProgress({ job, label }: { job: JobHandle; label: string }) {
  const s = job.status;
  if (job.error) return <Alert type="error" showIcon title={job.error} className="job-alert" role="alert" />;
  if (!job.running || !s) {
    if (job.running) {
      return (
        <div className="job" role="status" aria-live="polite">
          <span className="job-label">Đang bắt đầu…</span>
        </div>
      );
    }
    return null;
  }
  const percent = s.total > 0 ? Math.floor((100 * s.done) / s.total) : 0;
  return (
    <div className="job" role="status" aria-live="polite" aria-busy="true">
      <Progress
        percent={percent}
        status="active"
        aria-label={label}
        format={() => (s.total > 0 ? `${s.done}/${s.total}` : '')}
      />
      <span className="job-label">{s.label}</span>
    </div>
  );
}
