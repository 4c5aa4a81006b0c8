import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { JobKind, JobStatus } from '../shared-api/app-api.js';
import { api, followJob, messageOf } from './api.js';
import type { Early } from './start.js';

/** A value being fetched from the API. */
export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/**
 * Fetch a value from the API when `key` changes and again on `reload`; the previous value
 * stays on screen while a reload runs (no flicker).
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: unknown[],
  /**
   * A first answer asked before the screen mounted (the board at start-up): shown at the first
   * render when it has come already, else awaited instead of asking again.
   */
  first?: () => Early<T> | null,
): [Loaded<T>, () => void, (v: T) => void] {
  const [initial] = useState(() => first?.() ?? null);
  const [loaded, setLoaded] = useState<Loaded<T>>(() =>
    initial?.settled?.ok ? { state: 'ready', value: initial.settled.value } : { state: 'loading' },
  );
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const initialUsed = useRef(false);
  useEffect(() => {
    let live = true;
    const useInitial = initial && !initialUsed.current;
    initialUsed.current = true;
    if (useInitial && initial.settled?.ok) return;
    Promise.resolve()
      .then(() => (useInitial ? initial.promise : loadRef.current()))
      .then(
        (value) => live && setLoaded({ state: 'ready', value }),
        (e: unknown) => live && setLoaded({ state: 'failed', message: messageOf(e) }),
      );
    return () => {
      live = false;
    };
  }, [...key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return [loaded, reload, set];
}

/** A long operation started from a screen: its live status, and a way to start it once. */
export interface JobHandle {
  status: JobStatus | null;
  running: boolean;
  error: string | null;
  /** Start (refused while one runs); resolves with the final status, or null when it could not start. */
  run(start: () => Promise<{ jobId: string }>): Promise<JobStatus | null>;
  clear(): void;
}

/**
 * Follow the long operations of one kind for a period. When the screen is opened again
 * while one still runs (or just finished), it is found again with `activeJobs`.
 */
export function useJob(period: string | undefined, kind: JobKind, onDone?: (s: JobStatus) => void): JobHandle {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const busy = useRef(false);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const follow = useCallback(async (jobId: string) => {
    busy.current = true;
    try {
      // The final status carries the outcome (one row per file: hundreds for a folder), whose
      // screen is rendered as a transition, in slices, so no frame waits for all of it.
      const final = await followJob(jobId, (s) => {
        if (!live.current) return;
        if (s.state === 'running') setStatus(s);
        else startTransition(() => setStatus(s));
      });
      if (live.current) doneRef.current?.(final);
      return final;
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    if (!period) return;
    void api()
      .activeJobs({ period })
      .then((list) => {
        const mine = list.filter((j) => j.kind === kind);
        const running = mine.find((j) => j.state === 'running');
        if (running && !busy.current) void follow(running.jobId);
        // Coming back to a screen shows the last outcome again.
        else if (!running && !busy.current && live.current) setStatus((s) => s ?? mine[mine.length - 1] ?? null);
      })
      .catch(() => undefined);
  }, [period, kind, follow]);

  const run = useCallback(
    async (start: () => Promise<{ jobId: string }>) => {
      if (busy.current) return null;
      busy.current = true;
      setError(null);
      setStatus(null);
      setStarting(true);
      let jobId: string;
      try {
        jobId = (await start()).jobId;
      } catch (e) {
        busy.current = false;
        if (live.current) {
          setError(messageOf(e));
          setStarting(false);
        }
        return null;
      }
      if (live.current) setStarting(false);
      return follow(jobId);
    },
    [follow],
  );

  return {
    status,
    running: starting || status?.state === 'running',
    error: error ?? (status?.state === 'failed' ? (status.message ?? null) : null),
    run,
    clear: () => {
      setStatus(null);
      setError(null);
    },
  };
}
