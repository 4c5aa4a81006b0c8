import type { AppApi, JobOutcome, JobStatus } from '../shared-api/app-api.js';

declare global {
  interface Window {
    /** The app's API, exposed by the Electron preload (or by the browser test host). */
    readonly tonghop: AppApi;
  }
}

/** The app's API. The renderer talks to nothing else. */
export function api(): AppApi {
  const bound = window.tonghop as AppApi | undefined;
  if (!bound) throw new Error('Không kết nối được với ứng dụng: hãy mở giao diện này từ ứng dụng Tổng hợp CCHC.');
  return bound;
}

/** The Vietnamese message of a failed call. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Poll a long operation until it ends, reporting each status. Resolves with the final status. */
export async function followJob(jobId: string, onStatus: (s: JobStatus) => void): Promise<JobStatus> {
  for (;;) {
    const s = await api().jobStatus({ jobId });
    onStatus(s);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The outcome of a finished job of the expected kind, or throw its message. */
export function outcomeOf<K extends JobOutcome['kind']>(s: JobStatus, kind: K): Extract<JobOutcome, { kind: K }> {
  if (s.state === 'failed') throw new Error(s.message ?? 'Không thực hiện được.');
  const o = s.outcome;
  if (!o || o.kind !== kind) throw new Error('Kết quả không đúng loại.');
  return o as Extract<JobOutcome, { kind: K }>;
}
