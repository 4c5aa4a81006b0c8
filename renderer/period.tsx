import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { PeriodInfo, PeriodOverview, WorkspaceLockInfo } from '../shared-api/app-api.js';
import { api, messageOf } from './api.js';
import { prefetchBoard } from './routes.js';
import { startCalls } from './start.js';

/** The period the clerk works on, shown at the top of every screen. */
export interface PeriodContextValue {
  /** null before one is opened; undefined while loading. */
  overview: PeriodOverview | null | undefined;
  periods: PeriodInfo[];
  error: string | null;
  /**
   * When opening the period failed because its workspace is locked (another PC, or one that
   * crashed): who holds it, for the take-over confirmation.
   */
  lock: WorkspaceLockInfo | null;
  open(code: string): Promise<void>;
  /** Take over the stale lock the clerk confirmed, then open its period. */
  takeOver(lock: WorkspaceLockInfo): Promise<void>;
  /** Read the overview and the list again (after an import, a register change…). */
  refresh(): void;
}

const PeriodContext = createContext<PeriodContextValue | null>(null);

export function PeriodProvider({ children }: { children: ReactNode }) {
  // The answers asked at start-up (start.ts): when they are in by the first render, the app
  // opens straight on its screen instead of "Đang mở…" first.
  const [start] = useState(() => startCalls());
  const ready = start?.overview.settled?.ok && start.periods.settled?.ok ? start : null;
  const [overview, setOverview] = useState<PeriodOverview | null | undefined>(() =>
    ready?.overview.settled?.ok ? ready.overview.settled.value : undefined,
  );
  const [periods, setPeriods] = useState<PeriodInfo[]>(() =>
    ready?.periods.settled?.ok ? ready.periods.settled.value : [],
  );
  const [error, setError] = useState<string | null>(null);
  const [lock, setLock] = useState<WorkspaceLockInfo | null>(null);
  const [round, setRound] = useState(0);

  /** After a failure: is the period's workspace locked? Then say who holds it. */
  const failed = useCallback(async (code: string | null, e: unknown) => {
    setError(messageOf(e));
    if (!code) return;
    try {
      setLock(await api().workspaceLock({ period: code }));
    } catch {
      setLock(null);
    }
  }, []);

  const startUsed = useRef(false);
  useEffect(() => {
    let live = true;
    // The first round takes the start-up answers (already shown when they came in time).
    const first = round === 0 && start && !startUsed.current ? start : null;
    startUsed.current = true;
    if (first && first === ready) return;
    const ask = () => Promise.all([api().currentPeriod(), api().listPeriods()]);
    // A start-up answer that failed is asked again part by part: their failure is the one shown.
    const asked = first ? Promise.all([first.overview.promise, first.periods.promise]).catch(ask) : ask();
    asked.then(
      ([o, list]) => {
        if (o) prefetchBoard();
        if (!live) return;
        const apply = () => {
          setOverview(o);
          setPeriods(list);
          setLock(null);
        };
        // A refresh (after an import…) re-renders the open screen: in slices, never one long frame.
        if (round > 0) startTransition(apply);
        else apply();
      },
      async (e: unknown) => {
        if (!live) return;
        // The app still opens: on the periods, with why the last period could not be opened.
        const [settings, list] = await Promise.all([api().getSettings(), api().listPeriods()]).catch(
          () => [null, [] as PeriodInfo[]] as const,
        );
        if (!live) return;
        setOverview(null);
        setPeriods(list);
        await failed(settings?.currentPeriod ?? null, e);
      },
    );
    return () => {
      live = false;
    };
  }, [round]);

  const open = useCallback(
    async (code: string) => {
      setError(null);
      setLock(null);
      try {
        setOverview(await api().openPeriod({ period: code }));
        setPeriods(await api().listPeriods());
      } catch (e) {
        await failed(code, e);
      }
    },
    [failed],
  );

  const takeOver = useCallback(
    async (held: WorkspaceLockInfo) => {
      try {
        await api().takeOverWorkspaceLock({ period: held.period, token: held.token });
      } catch (e) {
        await failed(held.period, e);
        return;
      }
      await open(held.period);
    },
    [failed, open],
  );

  const refresh = useCallback(() => setRound((r) => r + 1), []);

  return (
    <PeriodContext.Provider value={{ overview, periods, error, lock, open, takeOver, refresh }}>
      {children}
    </PeriodContext.Provider>
  );
}

export function usePeriodContext(): PeriodContextValue {
  const v = useContext(PeriodContext);
  if (!v) throw new Error('PeriodProvider missing');
  return v;
}

/** The open period's code (screens that need one are shown only when it is set). */
export function usePeriodCode(): string {
  return usePeriodContext().overview?.period.code ?? '';
}
