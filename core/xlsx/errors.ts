/**
 * Why a file could not be opened as an `.xlsx` workbook. The reader throws
 * {@link XlsxError}; callers turn the code into a message for the user.
 */
export const XLSX_ERROR_CODES = [
  /** Zero bytes. */
  'EMPTY',
  /** Larger than the file-size limit. */
  'TOO_LARGE',
  /** A PDF document. */
  'PDF',
  /** An OLE compound file holding a real Excel 97-2003 workbook. */
  'XLS',
  /** An OLE compound file holding a password-protected (encrypted) OOXML package. */
  'ENCRYPTED',
  /** An OLE compound file that is neither (an old Word document, …). */
  'OLE_OTHER',
  /** An OpenDocument spreadsheet (`mimetype` entry). */
  'ODS',
  /** Not a zip and none of the above. */
  'NOT_ZIP',
  /** Starts like a zip but has no readable central directory (an interrupted download). */
  'TRUNCATED',
  /** ZIP64 archives are refused: no workbook within the limits needs one. */
  'ZIP64',
  /** More entries than allowed. */
  'TOO_MANY_ENTRIES',
  /** Declared or actual uncompressed size above the limit. */
  'TOO_BIG_UNCOMPRESSED',
  /** A large entry compressed more than the allowed ratio (a zip bomb). */
  'COMPRESSION_RATIO',
  /** An absolute, drive-letter or `..` entry name. */
  'BAD_ENTRY_NAME',
  /** An entry encrypted with zip encryption. */
  'ZIP_ENCRYPTED',
  /** An entry inflates to more or fewer bytes than its directory record declares (a lying directory). */
  'SIZE_MISMATCH',
  /** An entry's data does not match its CRC-32: changed or damaged bytes. */
  'CRC_MISMATCH',
  /** Two entries of the same name (compared without regard to case). */
  'DUPLICATE_ENTRY',
  /** An entry fails to inflate, or uses an unknown compression method. */
  'CORRUPT',
  /** A zip, but without a spreadsheet part (a `.docx` renamed, …). */
  'NOT_WORKBOOK',
  /** A needed XML part is not well-formed. */
  'BAD_XML',
] as const;

export type XlsxErrorCode = (typeof XLSX_ERROR_CODES)[number];

/** A workbook that cannot be read; `detail` is English, for logs and tests. */
export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    readonly detail: string,
    /** The zip entry concerned, when there is one. */
    readonly entry?: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'XlsxError';
  }
}
