/**
 * The window's first question to the engine, asked the moment the page starts: a small module
 * of its own (loaded `async` by index.html, before the app's bundle is even parsed), so that
 * the current period, the list of periods and the period's board (`startView`, one answer)
 * travel while the bundle loads and renders its frame, instead of after its first render. The app takes the answers from here
 * (`PeriodProvider`, the board), once; every later call goes to the API as usual.
 *
 * It imports nothing of the app but the API accessor.
 */
import type { BoardView, PeriodInfo, PeriodOverview } from '../shared-api/app-api.js';
import { api } from './api.js';

/** A call made early: its promise, and its outcome once it has settled (read synchronously at the first render). */
export interface Early<T> {
  promise: Promise<T>;
  settled?: { ok: true; value: T } | { ok: false; error: unknown };
}

function early<T>(promise: Promise<T>): Early<T> {
  const e: Early<T> = { promise };
  promise.then(
    (value) => (e.settled = { ok: true, value }),
    (error: unknown) => (e.settled = { ok: false, error }),
  );
  return e;
}

export interface StartCalls {
  overview: Early<PeriodOverview | null>;
  periods: Early<PeriodInfo[]>;
  /** The open period's board (null when no period is open). */
  board: Early<{ period: string; view: BoardView } | null>;
}

function ask(): StartCalls | null {
  try {
    // One call: its answer does not wait for the bundle to be parsed before the board is asked.
    const view = api().startView();
    return {
      overview: early(view.then((v) => v.overview)),
      periods: early(view.then((v) => v.periods)),
      board: early(
        view.then((v) => (v.overview && v.board ? { period: v.overview.period.code, view: v.board } : null)),
      ),
    };
  } catch {
    // No API (the page opened outside the app): the app says so when it asks again.
    return null;
  }
}

const calls = ask();
let boardTaken = false;

/** The start-up answers about the periods, for the app's first render (null: ask again). */
export function startCalls(): Pick<StartCalls, 'overview' | 'periods'> | null {
  return calls;
}

/**
 * Another screen was shown first: what it does (an import, an explanation…) may change the board,
 * so the board asked at start-up is not used any more.
 */
export function expireStartBoard(): void {
  boardTaken = true;
}

/** The board asked at start-up, for the first showing of that period's board only (null: ask again). */
export function takeStartBoard(period: string): Early<BoardView> | null {
  if (!calls || boardTaken) return null;
  boardTaken = true;
  const b = calls.board;
  if (b.settled) {
    return b.settled.ok && b.settled.value?.period === period
      ? { promise: Promise.resolve(b.settled.value.view), settled: { ok: true, value: b.settled.value.view } }
      : null;
  }
  // Still on its way: a failed or other period's answer is asked again.
  const again = () => api().getBoard({ period });
  return early(
    b.promise.then(
      (x) => (x?.period === period ? x.view : again()),
      () => again(),
    ),
  );
}
