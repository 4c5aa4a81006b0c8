/** Setting a period up through the same API the window uses, for tests about later steps. */
import type { JobStatus } from '../../shared-api/app-api.js';
import type { Host } from './host.js';

/** Call the host's API from the test (as the page would). Throws the Vietnamese message. */
export async function callApi<T>(host: Host, method: string, arg?: unknown): Promise<T> {
  const r = await fetch(new URL('/api', host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, arg }),
  });
  const reply = (await r.json()) as { ok: boolean; value?: T; message?: string };
  if (!reply.ok) throw new Error(reply.message);
  return reply.value as T;
}

/** Run a job to its end. */
export async function runJob(host: Host, method: string, arg: unknown): Promise<JobStatus> {
  const { jobId } = await callApi<{ jobId: string }>(host, method, arg);
  for (;;) {
    const s = await callApi<JobStatus>(host, 'jobStatus', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Open a period and import a folder into it. */
export async function seedPeriod(host: Host, period: string, folder: string): Promise<JobStatus> {
  await callApi(host, 'openPeriod', { period });
  return runJob(host, 'startImport', { period, paths: [folder] });
}
