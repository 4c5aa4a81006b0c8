/**
 * The Vietnamese texts of a template: input messages of value cells and the
 * instructions sheet. Kept apart from the workbook code so they can be read as prose.
 */
import type { Form, IndicatorKind, Indicator } from '../form/index.js';
import type { Period } from '../period/index.js';
import { formatDateVN } from '../period/index.js';
import type { Unit } from '../units/index.js';

/** Title (≤ 32 characters, Excel's limit) and text (≤ 255) of a value cell's input message and error alert. */
export interface CellMessages {
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

const BLANK = 'Để trống nếu không có số liệu (ô trống không phải là số 0).';

/** The input message and error alert of a value cell of an indicator. */
export function cellMessages(indicator: Indicator): CellMessages {
  const byKind: Record<IndicatorKind, CellMessages> = {
    count: {
      promptTitle: `${indicator.code} (${indicator.unit})`,
      prompt: `Nhập số nguyên lớn hơn hoặc bằng 0, đơn vị tính: ${indicator.unit}. ${BLANK}`,
      errorTitle: 'Số liệu không hợp lệ',
      error: `Chỉ tiêu ${indicator.code} chỉ nhận số nguyên lớn hơn hoặc bằng 0.`,
    },
    money: {
      promptTitle: `${indicator.code} (${indicator.unit})`,
      prompt: `Nhập số tiền là số nguyên lớn hơn hoặc bằng 0, đơn vị tính: ${indicator.unit}. ${BLANK}`,
      errorTitle: 'Số tiền không hợp lệ',
      error: `Chỉ tiêu ${indicator.code} chỉ nhận số tiền là số nguyên lớn hơn hoặc bằng 0 (${indicator.unit}).`,
    },
    days: {
      promptTitle: `${indicator.code} (ngày)`,
      prompt: `Nhập số ngày là số nguyên lớn hơn hoặc bằng 0. ${BLANK}`,
      errorTitle: 'Số ngày không hợp lệ',
      error: `Chỉ tiêu ${indicator.code} chỉ nhận số ngày là số nguyên lớn hơn hoặc bằng 0.`,
    },
    percent: {
      promptTitle: `${indicator.code} (%)`,
      prompt:
        'Nhập tỷ lệ theo đơn vị phần trăm, từ 0 đến 100, hai chữ số thập phân: 37,36 nghĩa là 37,36%; ' +
        `không nhập 0,3736. ${BLANK}`,
      errorTitle: 'Tỷ lệ không hợp lệ',
      error: `Chỉ tiêu ${indicator.code} là tỷ lệ phần trăm, chỉ nhận số từ 0 đến 100 (37,36 nghĩa là 37,36%).`,
    },
  };
  return byKind[indicator.kind];
}

/** Paragraphs of the `Hướng dẫn` sheet for one unit's template; a paragraph starting with "#" is a heading. */
export function guideParagraphs(form: Form, period: Period, unit: Unit, fileName: string): string[] {
  const tierCodes = new Set(form.indicators.filter((i) => i.tiers.includes(unit.tier)).map((i) => i.code));
  const checks = form.rules
    .filter((r) => r.severity === 'error' && r.refs.every((c) => tierCodes.has(c)))
    .map((r) => `- ${r.label}: ${r.source}.`);
  return [
    '# HƯỚNG DẪN ĐIỀN VÀ GỬI BIỂU MẪU BÁO CÁO CẢI CÁCH HÀNH CHÍNH',
    `Biểu mẫu này dành riêng cho ${unit.name} (mã đơn vị ${unit.code}), kỳ báo cáo ${period.code}: ` +
      `${period.title}. Số liệu tính đến ngày ${formatDateVN(period.cutoff)}.`,
    '# 1. Sheet “Thông tin”',
    'Không sửa mã đơn vị, tên đơn vị, kỳ báo cáo, ngày chốt số liệu và mẫu biểu. ' +
      'Điền họ tên người lập biểu, số điện thoại và họ tên thủ trưởng đơn vị vào các ô màu vàng.',
    '# 2. Sheet “Số liệu”',
    'Nhập số liệu vào cột E (Số liệu), mỗi chỉ tiêu một ô; có thể ghi chú vào cột F (Ghi chú). ' +
      'Không sửa hoặc xóa mã chỉ tiêu ở cột B, không đổi tên sheet, không chèn hoặc xóa dòng. ' +
      'Biểu mẫu chỉ gồm các chỉ tiêu mà đơn vị ' +
      `${form.tiers[unit.tier].toLowerCase()} phải báo cáo.`,
    'Nhập số, không nhập chữ. Các chỉ tiêu đếm (người, hồ sơ, văn bản…), số tiền và số ngày là số nguyên ' +
      'lớn hơn hoặc bằng 0. Nếu phải gõ số dưới dạng chữ thì viết theo cách Việt Nam: dấu chấm phân cách ' +
      'hàng nghìn, dấu phẩy trước phần thập phân (1.668; 10.741.056.503; 37,36). ' +
      'Không viết 1,668 hoặc 1.5 vì không xác định được giá trị.',
    'Chỉ tiêu tỷ lệ (đơn vị tính %) nhập theo đơn vị phần trăm, từ 0 đến 100, lấy hai chữ số thập phân: ' +
      '37,36 nghĩa là 37,36%. Không nhập 0,3736.',
    'Ô để trống nghĩa là đơn vị không có số liệu cho chỉ tiêu đó, không phải là số 0. ' +
      'Nếu số liệu bằng 0 thì nhập số 0.',
    'Các số liệu có liên quan với nhau phải khớp; Sở Nội vụ sẽ kiểm tra các điều kiện sau:',
    ...checks,
    '# 3. Gửi báo cáo',
    `Lưu tệp dưới dạng Excel (.xlsx), giữ nguyên tên tệp ${fileName}, không đặt mật khẩu cho tệp, ` +
      `và gửi về Sở Nội vụ chậm nhất hết ngày ${formatDateVN(period.deadline)}.`,
    'Các sheet được khóa (không có mật khẩu) chỉ để giữ nguyên nhãn và mã chỉ tiêu; ' +
      'các ô cần điền vẫn nhập bình thường.',
  ];
}
