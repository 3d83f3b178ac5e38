/**
 * Error codes that cross the API boundary. Each transport maps them: the CLI to exit codes,
 * IPC and HTTP to a serialised `{ code, message }`.
 */
export type ErrorCode =
  /** The caller's input is invalid; nothing was changed. */
  | 'invalid-input'
  /** A named thing (file, office, database) does not exist. */
  | 'not-found'
  /** The operation does not apply to this database's role (office or headquarters). */
  | 'wrong-role'
  /** A rule of the plan or of the exchange blocks the operation. */
  | 'rejected'
  /** The database or a file on disk is damaged or from a newer version. */
  | 'storage'
  /** The office's private key is protected by a passphrase that this session has not been given. */
  | 'key-locked'
  /** The installation has no database yet; run the set-up first. */
  | 'setup-required'
  | 'internal';

export class PlannerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlannerError';
  }
}

export function isPlannerError(error: unknown): error is PlannerError {
  return error instanceof PlannerError;
}
