/**
 * Long operations (import, templates, PDFs, signing, checklists): each runs in the engine,
 * reports determinate progress (k of n) and is polled by the window with `jobStatus`, so the
 * same API works over Electron IPC, a worker and the HTTP test host. One operation of a kind
 * runs at a time per period: starting it again while it runs is refused.
 */
import type { JobKind, JobOutcome, JobStatus } from '../../shared-api/app-api.js';
import { ApiError } from './errors.js';

/** What a running operation reports. */
export interface JobProgress {
  (done: number, total: number, label: string): void;
}

/** Vietnamese names of the operations, for "already running" messages. */
export const JOB_NAMES: Readonly<Record<JobKind, string>> = {
  templates: 'lập biểu mẫu',
  import: 'nhập tệp',
  packets: 'xuất tệp phản hồi',
  'report-preview': 'dựng bản xem trước báo cáo',
  'report-export': 'xuất báo cáo',
  sign: 'ký số báo cáo',
  checklists: 'in phiếu kiểm tra',
  workbook: 'xuất bảng tổng hợp',
  'text-check': 'kiểm tra văn bản',
};

/** Finished operations are kept this long for a window that polls late. */
const KEEP_MS = 30 * 60_000;
const KEEP_COUNT = 100;

export class JobRegistry {
  private readonly jobs = new Map<string, JobStatus & { finishedAt?: number }>();
  private next = 1;

  /**
   * `onChange` hears every change of a job's status (started, progress, finished), as it
   * happens — even while the work that reports it keeps this thread busy (a PDF layout is
   * synchronous), so a worker can pass progress on to a thread that is free to answer.
   */
  constructor(private readonly onChange?: (status: JobStatus) => void) {}

  private changed(job: JobStatus & { finishedAt?: number }): void {
    if (!this.onChange) return;
    const { finishedAt: _f, outcome: _o, ...status } = job;
    this.onChange(status);
  }

  /**
   * Start `run` now, in the background. Refused (ApiError) while an operation of the same
   * kind runs for the same period. `run` reports progress; its result or its error (a
   * Vietnamese message) becomes the job's outcome.
   */
  start(kind: JobKind, period: string, label: string, run: (progress: JobProgress) => Promise<JobOutcome>): string {
    for (const j of this.jobs.values()) {
      if (j.kind === kind && j.period === period && j.state === 'running') {
        throw new ApiError(`Đang ${JOB_NAMES[kind]} của kỳ ${period} (${j.label}); hãy chờ việc này xong.`);
      }
    }
    this.prune();
    const jobId = `job-${this.next++}-${Date.now().toString(36)}`;
    const job: JobStatus & { finishedAt?: number } = {
      jobId,
      kind,
      period,
      state: 'running',
      done: 0,
      total: 0,
      label,
    };
    this.jobs.set(jobId, job);
    this.changed(job);
    const progress: JobProgress = (done, total, text) => {
      if (job.state !== 'running') return;
      job.done = done;
      job.total = total;
      job.label = text;
      this.changed(job);
    };
    // Start on the next turn so that the caller gets its ticket before any work blocks.
    setImmediate(() => {
      run(progress).then(
        (outcome) => {
          job.state = 'done';
          job.done = Math.max(job.done, job.total);
          job.outcome = outcome;
          job.label = 'Đã xong.';
          job.finishedAt = Date.now();
          this.changed(job);
        },
        (e: unknown) => {
          job.state = 'failed';
          job.message = e instanceof Error ? e.message : String(e);
          job.label = 'Không thực hiện được.';
          job.finishedAt = Date.now();
          this.changed(job);
        },
      );
    });
    return jobId;
  }

  status(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('Không tìm thấy công việc này (có thể ứng dụng đã được mở lại).');
    const { finishedAt: _f, ...status } = job;
    return structuredClone(status);
  }

  /** Operations of a period still running, and the last one of each kind (kept half an hour), newest last. */
  forPeriod(period: string): JobStatus[] {
    const mine = [...this.jobs.values()].filter((j) => j.period === period);
    const lastOfKind = new Map(mine.map((j) => [j.kind, j.jobId]));
    return mine
      .filter((j) => j.state === 'running' || lastOfKind.get(j.kind) === j.jobId)
      .map((j) => this.status(j.jobId));
  }

  /** Whether anything is running (a worker should not be stopped then). */
  busy(): boolean {
    return [...this.jobs.values()].some((j) => j.state === 'running');
  }

  private prune(): void {
    const old = Date.now() - KEEP_MS;
    for (const [id, j] of this.jobs) if (j.finishedAt !== undefined && j.finishedAt < old) this.jobs.delete(id);
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_COUNT))) this.jobs.delete(j.jobId);
  }
}
