/** Why signing or loading a certificate was refused. */
export type SignErrorCode =
  | 'P12_WRONG_PASSWORD'
  | 'P12_CORRUPT'
  | 'P12_NOT_FOUND'
  | 'P12_NO_KEY'
  | 'P12_UNSUPPORTED_KEY'
  | 'OPEN_ERRORS'
  | 'PDF_UNREADABLE'
  | 'PDF_XREF_STREAM'
  | 'PDF_LOCKED'
  | 'PDF_BAD_PAGE'
  | 'SIGNATURE_TOO_LARGE'
  | 'SIGNER_RELEASED';

/** An error whose message is a plain Vietnamese sentence meant for the user. */
export class SignError extends Error {
  readonly code: SignErrorCode;

  constructor(code: SignErrorCode, message: string) {
    super(message);
    this.name = 'SignError';
    this.code = code;
  }
}
