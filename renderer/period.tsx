import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PeriodInfo, PeriodOverview } from '../shared-api/app-api.js';
import { api, messageOf } from './api.js';
import { prefetchBoard } from './routes.js';

/** The period the clerk works on, shown at the top of every screen. */
export interface PeriodContextValue {
  /** null before one is opened; undefined while loading. */
  overview: PeriodOverview | null | undefined;
  periods: PeriodInfo[];
  error: string | null;
  open(code: string): Promise<void>;
  /** Read the overview and the list again (after an import, a register change…). */
  refresh(): void;
}

const PeriodContext = createContext<PeriodContextValue | null>(null);

export function PeriodProvider({ children }: { children: ReactNode }) {
  const [overview, setOverview] = useState<PeriodOverview | null | undefined>(undefined);
  const [periods, setPeriods] = useState<PeriodInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api().currentPeriod(), api().listPeriods()]).then(
      ([o, list]) => {
        if (o) prefetchBoard();
        if (!live) return;
        setOverview(o);
        setPeriods(list);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [round]);

  const open = useCallback(async (code: string) => {
    setError(null);
    try {
      setOverview(await api().openPeriod({ period: code }));
      setPeriods(await api().listPeriods());
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  const refresh = useCallback(() => setRound((r) => r + 1), []);

  return (
    <PeriodContext.Provider value={{ overview, periods, error, open, refresh }}>{children}</PeriodContext.Provider>
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
