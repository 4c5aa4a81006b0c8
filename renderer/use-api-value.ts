import { useCallback, useEffect, useState } from 'react';

/** A value being fetched from the API. */
export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** Fetch a value from the API on mount and again on `reload`; `load` is read at those moments only. */
export function useApiValue<T>(load: () => Promise<T>): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(load)
      .then(
        (value) => live && setLoaded({ state: 'ready', value }),
        (e: unknown) => live && setLoaded({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [loaded, reload];
}
