/** A workspace operation that cannot be done; `message` is a Vietnamese sentence for the user. */
export class WorkspaceError extends Error {
  constructor(
    readonly code:
      | 'LOCKED'
      | 'NOT_FOUND'
      | 'WRONG_PERIOD'
      | 'CORRUPT'
      | 'BAD_INPUT'
      | 'UNKNOWN_SUBMISSION'
      | 'UNKNOWN_FINDING'
      | 'DERIVED_MISSING',
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
