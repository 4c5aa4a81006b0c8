/**
 * Check 8: a change stated with the two figures it lies between — its direction, and its size
 * as a difference, in percentage points, or relative to the earlier figure.
 */
import { describe, expect, it } from 'vitest';
import { checkText } from './index.js';

/** The change findings of a text: [severity, span, stated, computed, suggestion, message]. */
function changes(text: string): [string, string, string | null, string | null, string | null, string][] {
  return checkText(text)
    .findings.filter((f) => f.kind === 'change')
    .map((f) => [f.severity, f.text, f.stated, f.computed, f.suggestion, f.message]);
}

describe('check 8: a change and the figures it lies between', () => {
  it('checks a rate of change against "từ A lên B", and its direction', () => {
    expect(changes('Số hồ sơ tiếp nhận tăng 12,5% (từ 1.600 lên 1.800 hồ sơ).')).toEqual([]);
    expect(changes('Số hồ sơ tiếp nhận tăng 15% (từ 1.600 lên 1.800 hồ sơ).')).toEqual([
      [
        'error',
        '15% (từ 1.600 lên 1.800 hồ sơ)',
        '15%',
        '12,50%',
        '13%',
        'Mức tăng ghi 15% nhưng từ 1.600 lên 1.800 là tăng 12,50%. Đề nghị sửa thành 13%.',
      ],
    ]);
    expect(changes('Số hồ sơ tiếp nhận giảm 12,5% (từ 1.600 lên 1.800 hồ sơ).')).toEqual([
      [
        'error',
        '12,5% (từ 1.600 lên 1.800 hồ sơ)',
        'giảm 12,5%',
        'tăng 12,50%',
        null,
        'Văn bản ghi giảm 12,5% nhưng từ 1.600 lên 1.800 là tăng 12,50%. Đề nghị kiểm tra lại.',
      ],
    ]);
  });

  it('checks a change in percentage points between two rates, and leaves a bare "tăng 2%" between rates alone', () => {
    expect(changes('Tỷ lệ hài lòng tăng từ 93,1% lên 95,2%, tăng 2,1 điểm phần trăm.')).toEqual([]);
    expect(changes('Tỷ lệ hài lòng tăng từ 93,1% lên 95,2%, tăng 3,1 điểm phần trăm.')).toEqual([
      [
        'error',
        '93,1% lên 95,2%, tăng 3,1',
        '3,1',
        '2,1 điểm phần trăm',
        '2,1',
        'Mức tăng ghi 3,1 điểm phần trăm nhưng từ 93,1% lên 95,2% là tăng 2,1 điểm phần trăm. Đề nghị sửa thành 2,1 điểm phần trăm.',
      ],
    ]);
    expect(changes('Tỷ lệ hài lòng tăng từ 93,1% lên 95,2%, tăng 2%.')).toEqual([]);
  });

  it('checks a count against the earlier figure given in brackets after "so với"', () => {
    expect(changes('Đã cấp 1.041 chứng thư số, tăng 141 chứng thư so với năm 2024 (900 chứng thư).')).toEqual([]);
    expect(changes('Đã cấp 1.041 chứng thư số, tăng 15,7% so với cùng kỳ năm 2024 (900 chứng thư).')).toEqual([]);
    expect(changes('Đã cấp 1.041 chứng thư số, tăng 241 chứng thư so với năm 2024 (900 chứng thư).')).toEqual([
      [
        'error',
        '1.041 chứng thư số, tăng 241 chứng thư so với năm 2024 (900 chứng thư)',
        '241',
        '141',
        '141',
        'Mức tăng ghi 241 nhưng từ 900 lên 1.041 là tăng 141. Đề nghị sửa thành 141.',
      ],
    ]);
    expect(
      changes('Thời gian giải quyết trung bình là 5,5 ngày, giảm 2,5 ngày so với năm 2024 (7 ngày).').map((f) => f[5]),
    ).toEqual(['Mức giảm ghi 2,5 nhưng từ 7 xuống 5,5 là giảm 1,5. Đề nghị sửa thành 1,5.']);
    expect(changes('Biên chế giảm từ 2.300 xuống còn 2.250 người, giảm 60 người.').map((f) => f[5])).toEqual([
      'Mức giảm ghi 60 nhưng từ 2.300 xuống 2.250 là giảm 50. Đề nghị sửa thành 50.',
    ]);
  });

  it('checks a multiple ("gấp k lần") against the later figure over the earlier one', () => {
    expect(changes('Đã cấp 1.041 chứng thư số, gấp 1,16 lần so với năm 2024 (900 chứng thư).')).toEqual([]);
    expect(changes('Số hồ sơ trực tuyến tăng gấp 2 lần (từ 20.000 lên 45.210 hồ sơ).')).toEqual([]);
    expect(changes('Đã cấp 1.041 chứng thư số, gấp 1,6 lần so với năm 2024 (900 chứng thư).')).toEqual([
      [
        'error',
        '1.041 chứng thư số, gấp 1,6 lần so với năm 2024 (900 chứng thư)',
        '1,6',
        '1,16',
        '1,2',
        'Văn bản ghi gấp 1,6 lần nhưng 1.041/900 = 1,16 lần. Đề nghị sửa thành 1,2 lần.',
      ],
    ]);
    // A multiple of another quantity, with no earlier figure of the same one.
    expect(changes('Số hồ sơ trực tuyến gấp 3 lần số hồ sơ trực tiếp.')).toEqual([]);
  });

  it('leaves alone what the reader could take either way: score points, mixed money units, another clause', () => {
    expect(changes('Điểm chỉ số tăng từ 85 lên 88 điểm, tăng 3,5%.')).toEqual([]);
    expect(changes('Vốn giải ngân tăng từ 500 triệu đồng lên 2,5 tỷ đồng, tăng 2 tỷ đồng.')).toEqual([]);
    expect(changes('Giải quyết 95 hồ sơ, tăng 12 hồ sơ; trong đó từ 10 lên 15 hồ sơ trực tuyến.')).toEqual([]);
    // A change of another quantity than the figures of the clause.
    expect(changes('Số hồ sơ tăng 500 hồ sơ, số cán bộ từ 20 lên 25 người.')).toEqual([]);
    expect(changes('Số thủ tục tăng 5 thủ tục, từ ngày 01/01/2025 đến nay.')).toEqual([]);
  });
});
