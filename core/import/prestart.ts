/**
 * An import worker started by the `tonghop` launcher (bin/tonghop.js) before it loads the
 * engine, for `consolidate`: the worker's start-up (a Node isolate and its bundle) then
 * overlaps the loading of the engine instead of following it. The first pool the engine
 * makes takes it over ({@link takePrestartedWorker}) when it was started with the very script
 * and limits the pool would use; otherwise it is stopped and the pool starts its own.
 *
 * The launcher is plain JavaScript outside the bundle, so the hand-over is a record on
 * `globalThis` under {@link PRESTARTED}, of the shape {@link PrestartedWorker}.
 */
import { fileURLToPath } from 'node:url';
import type { ResourceLimits, Worker } from 'node:worker_threads';

export const PRESTARTED = Symbol.for('tonghop.prestartedImportWorker');

export interface PrestartedWorker {
  worker: Worker;
  /** The worker's script, as a file URL (href). */
  script: string;
  /** The limits it was started with. */
  resourceLimits: ResourceLimits;
  /** Set by the launcher's listeners when the worker failed or ended before anyone took it. */
  failed: boolean;
}

type Holder = { [PRESTARTED]?: PrestartedWorker };

/** The same file, however each URL was made (Windows: a drive letter's case, an escape). */
function sameScript(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const [pa, pb] = [fileURLToPath(a), fileURLToPath(b)];
    return process.platform === 'win32' ? pa.toLowerCase() === pb.toLowerCase() : pa === pb;
  } catch {
    return false;
  }
}

/**
 * The prestarted worker if it runs `script` with exactly `limits` and is still alive; it is
 * taken (a second call gets nothing). A worker that does not fit is terminated.
 */
export function takePrestartedWorker(script: string, limits: ResourceLimits): Worker | undefined {
  const holder = globalThis as Holder;
  const p = holder[PRESTARTED];
  if (!p) return undefined;
  delete holder[PRESTARTED];
  const keys = new Set([...Object.keys(limits), ...Object.keys(p.resourceLimits)]) as Set<keyof ResourceLimits>;
  const fits = sameScript(p.script, script) && !p.failed && [...keys].every((k) => p.resourceLimits[k] === limits[k]);
  if (fits) return p.worker;
  void p.worker.terminate();
  return undefined;
}
