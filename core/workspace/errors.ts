import type { LockState } from './lock.js';

/** A workspace operation that cannot be done; `message` is a Vietnamese sentence for the user. */
export class WorkspaceError extends Error {
  constructor(
    readonly code:
      | 'LOCKED'
      | 'STALE_LOCK'
      | 'LOCK_CHANGED'
      | 'BUSY'
      | 'NOT_FOUND'
      | 'WRONG_PERIOD'
      | 'CORRUPT'
      | 'BAD_INPUT'
      | 'UNKNOWN_SUBMISSION'
      | 'UNKNOWN_FINDING'
      | 'DERIVED_MISSING',
    message: string,
    /** For `LOCKED`, `STALE_LOCK`, `LOCK_CHANGED`: the lock found, so the app can offer to take it over. */
    readonly lock?: LockState,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
