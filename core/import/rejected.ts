import type { ParsedReturn } from '../model/index.js';
import type { RejectionCode } from './checks.js';

/** A `rejected` result for a file that could not be read at all (no workbook to look at). */
export function rejectedReturn(
  file: string,
  sha256: string,
  size: number,
  code: RejectionCode,
  message: string,
): ParsedReturn {
  return {
    file,
    sha256,
    size,
    status: 'rejected',
    rejection: { code, message },
    identity: { sources: {} },
    values: {},
    findings: [],
  };
}
