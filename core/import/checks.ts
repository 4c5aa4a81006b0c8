/**
 * Every check code the importer emits, with its severity and the Vietnamese sentence
 * that tells a clerk what is wrong and what to do. Codes are stable: tests, the
 * workspace and the CLI's JSON refer to them.
 */
import type { Severity } from '../form/types.js';
import { formatNumber } from '../numbers/index.js';

/** Where a cell finding points: file, sheet, cell and, for a figure, its indicator. */
export interface CellPlace {
  file: string;
  sheet: string;
  cell: string;
  code?: string;
  label?: string;
}

/**
 * A figure the department enters itself at province level (`tonghop input`, the app's entry
 * form): it is judged like a cell of the same kind, and named by its key instead of a cell.
 */
export interface InputPlace {
  input: string;
  label?: string;
}

/** Where a value finding points: a cell of a return, or a province input. */
export type ValuePlace = CellPlace | InputPlace;

/** A raw value as quoted in a message: invisible characters marked, long text cut. */
export function quoteRaw(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
  const cut = visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
  return `"${cut}"`;
}

function where(p: ValuePlace): string {
  if ('input' in p) return `Số liệu cấp tỉnh ${p.input}${p.label ? ` (${p.label})` : ''}`;
  const ind = p.code ? ` (${p.code}${p.label ? ` – ${p.label}` : ''})` : '';
  return `Tệp ${p.file}, trang ${p.sheet}, ô ${p.cell}${ind}`;
}

function mb(bytes: number): string {
  return `${formatNumber(bytes / (1024 * 1024), { decimals: bytes % (1024 * 1024) === 0 ? 0 : 1 })} MB`;
}

/** Why a whole file was refused (`ParsedReturn.rejection.code`). */
export const REJECTIONS = {
  IMPORT_EMPTY_FILE: (file: string) => `Tệp ${file} rỗng (0 byte). Hãy xin đơn vị gửi lại tệp báo cáo.`,
  IMPORT_FILE_TOO_LARGE: (file: string, size: number, limit: number) =>
    `Tệp ${file} có dung lượng ${mb(size)}, vượt giới hạn ${mb(limit)} của một báo cáo. Hãy kiểm tra lại tệp (có thể đã gửi nhầm tệp khác).`,
  IMPORT_PDF: (file: string) =>
    `Tệp ${file} là tệp PDF, không phải sổ tính Excel. Hãy xin đơn vị gửi tệp biểu mẫu .xlsx đã điền số liệu.`,
  IMPORT_XLS: (file: string) =>
    `Tệp ${file} là định dạng Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
  IMPORT_ENCRYPTED: (file: string) => `Tệp ${file} được đặt mật khẩu. Hãy gỡ mật khẩu rồi gửi lại.`,
  IMPORT_OLE_OTHER: (file: string) =>
    `Tệp ${file} là tài liệu Office đời cũ (không phải sổ tính Excel). Hãy gửi tệp biểu mẫu .xlsx đã điền số liệu.`,
  IMPORT_ODS: (file: string) =>
    `Tệp ${file} là bảng tính OpenDocument (.ods). Hãy mở bằng LibreOffice hoặc Excel và lưu lại dưới dạng .xlsx.`,
  IMPORT_NOT_XLSX: (file: string) =>
    `Tệp ${file} không phải là sổ tính Excel (.xlsx). Hãy xin đơn vị gửi đúng tệp biểu mẫu .xlsx.`,
  IMPORT_TRUNCATED: (file: string) =>
    `Tệp ${file} bị cắt cụt hoặc hỏng (thiếu phần cuối của tệp nén), thường do tải về chưa xong. Hãy tải lại tệp hoặc xin đơn vị gửi lại.`,
  IMPORT_CORRUPT: (file: string, part: string) =>
    `Tệp ${file} bị hỏng: không giải nén được phần ${part}. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_ZIP64: (file: string) =>
    `Tệp ${file} dùng kiểu nén ZIP64 dành cho tệp rất lớn, không phải một báo cáo bình thường. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
  IMPORT_TOO_MANY_ENTRIES: (file: string, limit: number) =>
    `Tệp ${file} chứa quá nhiều thành phần (hơn ${formatNumber(limit)}), không phải một báo cáo bình thường nên không được mở để bảo đảm an toàn.`,
  IMPORT_TOO_BIG_UNCOMPRESSED: (file: string, limit: number) =>
    `Tệp ${file} khi giải nén vượt quá ${mb(limit)}, không phải một báo cáo bình thường nên không được mở để bảo đảm an toàn.`,
  IMPORT_ZIP_BOMB: (file: string, part: string, ratio: number) =>
    `Tệp ${file} có phần ${part} nén với tỉ lệ bất thường (trên ${formatNumber(ratio)} lần), dấu hiệu của tệp độc hại, nên không được mở.`,
  IMPORT_BAD_ENTRY_NAME: (file: string, part: string) =>
    `Tệp ${file} chứa thành phần có tên không an toàn (${quoteRaw(part)}), dấu hiệu của tệp độc hại, nên không được mở.`,
  IMPORT_SIZE_MISMATCH: (file: string, part: string) =>
    `Tệp ${file} bị hỏng hoặc bị sửa: phần ${part} giải nén ra khác với kích thước đã khai báo, nên không được mở.`,
  IMPORT_CRC_MISMATCH: (file: string, part: string) =>
    `Tệp ${file} bị hỏng hoặc bị sửa: dữ liệu của phần ${part} không khớp mã kiểm tra (CRC-32) ghi trong tệp nên không được đọc, để không lấy nhầm số liệu. Hãy xin đơn vị gửi lại tệp.`,
  IMPORT_DUPLICATE_ENTRY: (file: string, part: string) =>
    `Tệp ${file} chứa hai thành phần cùng tên ${quoteRaw(part)}; không biết phần nào là thật nên tệp không được đọc. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_NOT_WORKBOOK: (file: string) =>
    `Tệp ${file} là tệp nén nhưng không chứa sổ tính Excel (có thể là tệp Word hoặc tệp khác bị đổi đuôi). Hãy gửi tệp biểu mẫu .xlsx.`,
  IMPORT_BAD_XML: (file: string, part: string) =>
    `Tệp ${file} bị hỏng: phần ${part} không đúng cấu trúc. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_NO_HEADER: (file: string) =>
    `Tệp ${file} không có dòng tiêu đề cột "Mã chỉ tiêu" và "Số liệu" trong 30 dòng đầu của trang nào, nên không phải là biểu mẫu báo cáo CCHC. Hãy dùng biểu mẫu do Sở Nội vụ gửi.`,
  IMPORT_NO_UNIT_CODE: (file: string) =>
    `Tệp ${file} không ghi "Mã đơn vị" (trang Thông tin), nên không biết báo cáo của đơn vị nào. Hãy ghi mã đơn vị theo danh sách (ví dụ S01) rồi gửi lại.`,
  IMPORT_WORKER_TIMEOUT: (file: string, seconds: number) =>
    `Tệp ${file} đọc quá ${formatNumber(seconds)} giây nên đã dừng; tệp có thể bị hỏng hoặc độc hại. Hãy mở bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_WORKER_MEMORY: (file: string) =>
    `Tệp ${file} cần quá nhiều bộ nhớ để đọc nên đã dừng; tệp có thể bị hỏng hoặc độc hại. Hãy mở bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_WORKER_CRASHED: (file: string) =>
    `Việc đọc tệp ${file} bị dừng đột ngột. Hãy thử lại; nếu vẫn lỗi, hãy mở tệp bằng Excel, lưu lại rồi gửi lại.`,
  IMPORT_READ_FAILED: (file: string) =>
    `Không mở được tệp ${file} trên máy (tệp bị xoá, bị khoá hoặc không có quyền đọc).`,
} as const;

export type RejectionCode = keyof typeof REJECTIONS;

interface CheckDef {
  severity: Severity;
  message: (...args: never[]) => string;
}

/** What a check is about, in a few words, for the summary of findings beyond the limit. */
const CHECK_TOPICS: Readonly<Record<string, string>> = {
  IMPORT_UNKNOWN_CODE: 'mã chỉ tiêu không có trong biểu mẫu',
  IMPORT_VALUE_WITHOUT_CODE: 'có số liệu nhưng dòng không có mã chỉ tiêu',
};

/** Findings about one return (`Finding.check`). */
export const IMPORT_CHECKS = {
  /** A text number that could be read two ways ("1,668" in a count). */
  IMPORT_AMBIGUOUS_NUMBER: {
    severity: 'error',
    message: (p: ValuePlace, raw: string, detail: string, hint: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} không đọc được chắc chắn: ${detail}. ${hint}`,
  },
  /** Text, a boolean or a date where a figure is expected. */
  IMPORT_NOT_A_NUMBER: {
    severity: 'error',
    /** `detail`: why, when there is more to say than "not a number" ("ô định dạng ngày tháng"), else empty. */
    message: (p: ValuePlace, raw: string, detail: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} không phải là số${detail ? ` (${detail})` : ''}. Hãy ghi số, hoặc để trống nếu không có số liệu.`,
  },
  IMPORT_NEGATIVE: {
    severity: 'error',
    message: (p: ValuePlace, raw: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} là số âm; chỉ tiêu này không thể âm. Hãy kiểm tra lại số liệu.`,
  },
  IMPORT_NOT_WHOLE: {
    severity: 'error',
    /** `why`: what must be whole ("chỉ tiêu đếm số lượng phải là số nguyên"). */
    message: (p: ValuePlace, raw: string, why: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} có phần lẻ; ${why}. Hãy kiểm tra lại số liệu.`,
  },
  /** A rank outside 1…the number of provinces ranked (a province input such as MT8). */
  IMPORT_RANK_RANGE: {
    severity: 'error',
    message: (p: ValuePlace, raw: string, provinces: number) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} không phải là một thứ hạng từ 1 đến ${provinces} (số tỉnh, thành phố được xếp hạng). Hãy kiểm tra lại số liệu.`,
  },
  /** More than 15 significant digits, or an integer part beyond 15 digits: not the number typed. */
  IMPORT_UNRELIABLE_NUMBER: {
    severity: 'error',
    message: (p: ValuePlace, raw: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} có hơn 15 chữ số có nghĩa; Excel và ứng dụng chỉ giữ chính xác 15 chữ số nên số này không đọc được chắc chắn. Hãy kiểm tra lại số liệu.`,
  },
  /** More decimals than the indicator allows (`core/import/precision.ts`). */
  IMPORT_TOO_PRECISE: {
    severity: 'error',
    message: (p: ValuePlace, raw: string, decimals: string, max: number) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} có ${decimals} chữ số thập phân, quá mức ${formatNumber(max)} chữ số mà chỉ tiêu này cho phép. Hãy ghi số đã làm tròn.`,
  },
  IMPORT_PERCENT_RANGE: {
    severity: 'error',
    message: (p: ValuePlace, raw: string, shown: string) =>
      `${where(p)}: giá trị ${quoteRaw(raw)} (tức ${shown}) nằm ngoài khoảng 0–100%. Hãy kiểm tra lại số liệu.`,
  },
  IMPORT_FORMULA_NO_CACHE: {
    severity: 'error',
    message: (p: ValuePlace, formula: string) =>
      `${where(p)}: ô có công thức${formula ? ` ${quoteRaw(formula)}` : ''} nhưng chưa có kết quả được lưu. Hãy mở tệp bằng Excel để tính lại, lưu rồi gửi lại, hoặc ghi số trực tiếp.`,
  },
  IMPORT_CACHED_ERROR: {
    severity: 'error',
    message: (p: ValuePlace, raw: string) =>
      `${where(p)}: công thức cho kết quả lỗi ${quoteRaw(raw)}. Hãy sửa công thức hoặc ghi số trực tiếp.`,
  },
  IMPORT_MERGED_CELL: {
    severity: 'error',
    message: (p: CellPlace, range: string) =>
      `${where(p)}: ô nằm trong vùng ô gộp ${range} nên số liệu không đọc được chắc chắn. Hãy bỏ gộp ô và ghi số vào cột "Số liệu".`,
  },
  IMPORT_UNKNOWN_CODE: {
    severity: 'error',
    message: (p: CellPlace, raw: string) =>
      `${where(p)}: mã chỉ tiêu ${quoteRaw(raw)} không có trong biểu mẫu nên dòng này không được tổng hợp. Hãy sửa lại đúng mã chỉ tiêu của biểu mẫu.`,
  },
  IMPORT_TIER_CODE: {
    severity: 'warning',
    message: (p: CellPlace, tierName: string) =>
      `${where(p)}: chỉ tiêu này không thuộc biểu của ${tierName.toLowerCase()} nên số liệu ghi ở đây không được tổng hợp.`,
  },
  /** One finding per duplicated code, however many rows repeat it. */
  IMPORT_DUPLICATE_CODE: {
    severity: 'error',
    message: (p: CellPlace, first: string, count: number, listed: string[]) =>
      count === 2
        ? `${where(p)}: mã chỉ tiêu đã có ở ô ${first}; không biết số liệu nào đúng nên cả hai đều không được tổng hợp. Hãy xoá dòng trùng.`
        : `${where(p)}: mã chỉ tiêu đã có ở ô ${first} và lặp lại ở ${formatNumber(count)} dòng (ô ${listed.join(', ')}${count > listed.length ? ', …' : ''}); không biết số liệu nào đúng nên không dòng nào được tổng hợp. Hãy xoá các dòng trùng.`,
  },
  /** Findings of one check beyond the per-file limit, counted in one finding (severity: that check's). */
  IMPORT_FINDINGS_CAPPED: {
    severity: 'error',
    message: (file: string, count: number, check: string, first: string) =>
      `Tệp ${file}: còn ${formatNumber(count)} ô khác có cùng vấn đề (${CHECK_TOPICS[check] ?? 'lỗi'}), bắt đầu từ ô ${first.split('!').pop()}; chỉ nêu những ô đầu. Nhiều dòng lạ như vậy thường do gửi nhầm tệp hoặc biểu mẫu đã bị sửa: hãy kiểm tra lại tệp.`,
  },
  IMPORT_VALUE_WITHOUT_CODE: {
    severity: 'warning',
    message: (p: CellPlace, raw: string) =>
      `${where(p)}: có số liệu ${quoteRaw(raw)} nhưng dòng không có mã chỉ tiêu nên không được tổng hợp.`,
  },
  IMPORT_UNKNOWN_UNIT: {
    severity: 'error',
    message: (p: CellPlace, raw: string) =>
      `${where(p)}: mã đơn vị ${quoteRaw(raw)} không có trong danh sách đơn vị. Hãy ghi đúng mã đơn vị được giao (ví dụ S01, X12).`,
  },
  IMPORT_PERIOD_MISSING: {
    severity: 'error',
    message: (file: string, expected: string) =>
      `Tệp ${file}: không ghi "Kỳ báo cáo". Hãy ghi kỳ báo cáo ${expected} trên trang Thông tin rồi gửi lại.`,
  },
  IMPORT_PERIOD_MISMATCH: {
    severity: 'error',
    message: (p: CellPlace, raw: string, expected: string) =>
      `${where(p)}: kỳ báo cáo ${quoteRaw(raw)} khác kỳ đang tổng hợp (${expected}). Hãy kiểm tra đơn vị có gửi nhầm báo cáo kỳ khác không.`,
  },
  IMPORT_CUTOFF_MISMATCH: {
    severity: 'warning',
    message: (p: CellPlace, seen: string, expected: string) =>
      `${where(p)}: số liệu tính đến ngày ${seen}, khác ngày chốt số liệu của kỳ báo cáo (${expected}).`,
  },
  IMPORT_CUTOFF_UNREADABLE: {
    severity: 'warning',
    message: (p: CellPlace, raw: string) =>
      `${where(p)}: ngày ${quoteRaw(raw)} không đọc được; hãy ghi theo dạng ngày/tháng/năm, ví dụ 30/06/2023.`,
  },
  /**
   * Same form, another version: a warning. Figures are read by indicator code and each
   * code is checked against this form (unknown codes are errors one by one), so an older
   * template cannot put a figure under the wrong indicator; the clerk should still know.
   */
  IMPORT_FORM_VERSION: {
    severity: 'warning',
    message: (p: CellPlace, raw: string, expected: string) =>
      `${where(p)}: biểu mẫu ${quoteRaw(raw)} khác phiên bản đang dùng (${expected}). Số liệu vẫn được đọc theo mã chỉ tiêu; nên dùng biểu mẫu mới cho lần sau.`,
  },
  /** Another form altogether: the codes may mean something else, so an error. */
  IMPORT_FORM_ID: {
    severity: 'error',
    message: (p: CellPlace, raw: string, expected: string) =>
      `${where(p)}: biểu mẫu ${quoteRaw(raw)} không phải biểu mẫu ${expected}. Hãy dùng đúng biểu mẫu do Sở Nội vụ gửi.`,
  },
} as const satisfies Record<string, CheckDef>;

export type ImportCheckCode = keyof typeof IMPORT_CHECKS;
