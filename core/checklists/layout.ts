/**
 * The fixed texts and page frame of the printed checklist (drawn by print.ts).
 */
import { formatCount } from '../numbers/index.js';
import { mm } from '../pdf/units.js';

/** Left, top, right, bottom; the bottom margin holds the footer. */
export const PAGE_MARGINS: [number, number, number, number] = [mm(20), mm(18), mm(15), mm(27)];

export const NO_RETURN_NOTE =
  'Không có số liệu báo cáo sử dụng được để đối chiếu: Đoàn kiểm tra ghi số liệu theo hồ sơ, sổ sách của đơn vị vào bảng dưới đây.';
export const TITLE = 'PHIẾU KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH';
export const PART_TITLES = {
  general: 'I. CÁC NỘI DUNG KIỂM TRA CHUNG',
  figures: 'II. ĐỐI CHIẾU SỐ LIỆU ĐƠN VỊ ĐÃ BÁO CÁO',
  figuresByHand: 'II. SỐ LIỆU GHI NHẬN TẠI ĐƠN VỊ',
  findings: 'III. CÁC PHÁT HIỆN CẦN LÀM RÕ TẠI ĐƠN VỊ',
} as const;

/**
 * A title that never leaves a lone "- 2023)" on its last line: its last `words` words are set
 * as one unbreakable run (a year range such as "2021 - 2023" counts as one word).
 */
export function unbrokenTail(text: string, words = 3): { text: string; noWrap?: boolean }[] {
  const GLUE = '\u2060';
  const tokens = text.replace(/(\d) - (\d)/g, `$1${GLUE}$2`).split(' ');
  const restore = (t: string): string => t.split(GLUE).join(' - ');
  if (tokens.length <= words) return [{ text: restore(tokens.join(' ')), noWrap: true }];
  return [
    { text: `${restore(tokens.slice(0, -words).join(' '))} ` },
    { text: restore(tokens.slice(-words).join(' ')), noWrap: true },
  ];
}

/** "Lai Châu, ngày 05 tháng 9 năm 2023"; without a date, a line to fill in by hand. */
export function dateLine(place: string | undefined, iso: string | undefined): string {
  const where = place ? `${place}, ` : '';
  if (!iso) return `${where}ngày …… tháng …… năm ……`;
  const year = iso.slice(0, 4);
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  return `${where}ngày ${formatCount(day, { leadingZero: true })} tháng ${formatCount(month, { leadingZero: month <= 2 })} năm ${year}`;
}
