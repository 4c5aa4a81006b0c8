/**
 * The PDF object syntax used by signing: shared with the rest of the engine, see
 * core/pdf/objects.ts. Errors reading a PDF are turned into {@link SignError}s by
 * {@link signErrorOf}.
 */
import { PdfSyntaxError } from '../pdf/objects.js';
import { SignError } from './errors.js';

export {
  decodeString,
  dict,
  hexBytes,
  name,
  num,
  parseValue,
  ref,
  serialize,
  skipWs,
  textString,
  type PdfDict,
  type PdfRef,
  type PdfValue,
} from '../pdf/objects.js';

/** A PDF reading error as a {@link SignError} (other errors are returned as they are). */
export function signErrorOf(e: unknown): unknown {
  if (!(e instanceof PdfSyntaxError)) return e;
  if (e.code === 'PDF_XREF_STREAM')
    return new SignError(
      'PDF_XREF_STREAM',
      'Tệp PDF dùng bảng tham chiếu chéo dạng luồng (xref stream), chưa được hỗ trợ khi ký: hãy xuất lại báo cáo bằng ứng dụng.',
    );
  return new SignError(e.code, e.message);
}
