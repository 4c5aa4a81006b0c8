/**
 * Check 7 on the sentences the consolidated report itself writes about rates by tier and about
 * the resolution's targets: each tier's rate, a target named by its own label, a target the
 * department enters itself, and the targets counted as met, not met and without data.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/load.js';
import { checkDocument, checkText, factsFromForm, type TextFinding } from './index.js';

const facts = factsFromForm(loadDefaultForm(), {
  totals: { CQS03: 66954, CQS04: 58401 },
  ratios: { R_HSCV_MANG: 87.2271, R_CATGIAM_TG: 37.2762, R_TT_TOANTRINH: 50, R_TUCHU: 34.1544 },
  tierRatios: {
    so: { R_HSCV_MANG: 95.3312 },
    huyen: { R_HSCV_MANG: 91.7701 },
    // No commune reported the rate's figures: there is nothing to compare a commune's rate with.
    xa: {},
  },
  inputs: { MT3: 82.5 },
  targets: { met: 4, unmet: 1, total: 9 },
  units: { reported: 39, all: 40, tiers: { so: { reported: 20, all: 21 }, huyen: { reported: 7, all: 7 } } },
});

/** The data findings of a text: [severity, span, computed, suggestion, indicator]. */
function data(text: string): [string, string, string | null, string | null, string | undefined][] {
  return checkText(text, { data: facts })
    .findings.filter((f: TextFinding) => f.kind === 'data')
    .map((f) => [f.severity, f.text, f.computed, f.suggestion, f.indicator]);
}

function messages(text: string): string[] {
  return checkText(text, { data: facts }).findings.map((f) => f.message);
}

describe('check 7: rates by tier', () => {
  it('reads each tier of a list after the rate, and the resolution’s thresholds in brackets as the form’s targets', () => {
    const text =
      '(6) Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng: cấp sở đạt 95,33%, cấp huyện đạt 90,77%, ' +
      'cấp xã mới đạt 46,41% (Nghị quyết số 08-NQ/TU là cấp sở 90%, cấp huyện 80%, cấp xã 60%); chưa đạt ở cấp xã.';
    expect(data(text)).toEqual([
      ['info', '95,33%', '95,33%', null, 'R_HSCV_MANG'],
      ['warning', '90,77%', '91,77%', '91,77%', 'R_HSCV_MANG'],
      ['info', '90%', '90%', null, 'MT6'],
      ['info', '80%', '80%', null, 'MT6'],
      ['info', '60%', '60%', null, 'MT6'],
    ]);
    expect(messages(text)).toContain(
      'Văn bản ghi 90,77% nhưng số liệu tổng hợp của tỷ lệ hồ sơ công việc xử lý trên môi trường mạng (R_HSCV_MANG) ở cấp huyện là 91,77%.',
    );
    expect(messages(text)).toContain(
      'Khớp số liệu tổng hợp: Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng ở cấp sở là 95,33%.',
    );
  });

  it('reads the province’s rate before its breakdown in brackets, and each tier in it', () => {
    const text =
      'Tỷ lệ văn bản đi, đến dưới dạng điện tử đạt 91,28%; tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng ' +
      'đạt 87,32% (cấp sở đạt 95,33%, cấp huyện đạt 91,77%).';
    expect(data(text)).toEqual([
      ['warning', '87,32%', '87,23%', '87,23%', 'R_HSCV_MANG'],
      ['info', '95,33%', '95,33%', null, 'R_HSCV_MANG'],
      ['info', '91,77%', '91,77%', null, 'R_HSCV_MANG'],
    ]);
  });

  it('reads a tier named inside the rate’s name or right after the figure', () => {
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng của cấp huyện đạt 91,8%.')).toEqual([
      ['info', '91,8%', '91,77%', null, 'R_HSCV_MANG'],
    ]);
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 93,33% ở cấp sở.')).toEqual([
      ['warning', '93,33%', '95,33%', '95,33%', 'R_HSCV_MANG'],
    ]);
  });

  it('says nothing of the thresholds to reach, however they are worded', () => {
    expect(
      data(
        'Nghị quyết đề ra tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng: cấp sở đạt 90%, cấp huyện đạt 80%, cấp xã đạt 60%.',
      ),
    ).toEqual([]);
    expect(data('Phấn đấu tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90%.')).toEqual([]);
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng ở cấp sở phải đạt 90% trở lên.')).toEqual([]);
  });

  it('says nothing of a tier without data, of "cấp tỉnh", or of a figure for one year', () => {
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng của cấp xã đạt 50,06%.')).toEqual([]);
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng của cấp tỉnh đạt 50,06%.')).toEqual([]);
    expect(data('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng năm 2022 đạt 70,12%.')).toEqual([]);
  });
});

describe('check 7: the resolution’s targets', () => {
  it('knows a rate by the label of the target judged from it', () => {
    expect(
      data('(1) Tỷ lệ cắt giảm tổng thời gian giải quyết TTHC được rà soát: đạt 37,28% (Nghị quyết là 30%).'),
    ).toEqual([
      ['info', '37,28%', '37,28%', null, 'R_CATGIAM_TG'],
      ['info', '30%', '30%', null, 'MT1'],
    ]);
  });

  it('reads a rate whose name holds a bound ("tự bảo đảm từ 10% chi thường xuyên trở lên")', () => {
    expect(
      data(
        '(4) Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên: đạt 34,15% (Nghị quyết là 17%).',
      ),
    ).toEqual([
      ['info', '34,15%', '34,15%', null, 'R_TUCHU'],
      ['info', '17%', '17%', null, 'MT4'],
    ]);
    expect(
      data('Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên đạt 43,15%; giảm 29 tổ chức.'),
    ).toEqual([['warning', '43,15%', '34,15%', '34,15%', 'R_TUCHU']]);
  });

  it('compares a threshold written as the resolution’s with what the form says the target asks', () => {
    expect(
      data(
        '(1) Tỷ lệ cắt giảm tổng thời gian giải quyết TTHC được rà soát: đạt 37,28% (Nghị quyết số 08-NQ/TU là 33%).',
      ),
    ).toEqual([
      ['info', '37,28%', '37,28%', null, 'R_CATGIAM_TG'],
      ['warning', '33%', '30%', '30%', 'MT1'],
    ]);
    expect(
      messages(
        '(6) Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng: cấp sở đạt 95,33% (Nghị quyết số 08-NQ/TU là cấp sở 90%, cấp xã 65%).',
      ),
    ).toContain(
      'Văn bản ghi mục tiêu của Nghị quyết là 65% nhưng biểu mẫu ghi mục tiêu MT6 (Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng) ở cấp xã là 60%.',
    );
    // A rank: "trong nhóm 50 tỉnh, thành phố dẫn đầu".
    expect(
      data(
        '(8) Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước: hạng 41 (mục tiêu của Nghị quyết số 08-NQ/TU: trong nhóm 55 tỉnh, thành phố dẫn đầu).',
      ),
    ).toEqual([['warning', '55', 'trong nhóm 50 dẫn đầu', '50', 'MT8']]);
    // No target named before it: a percentage of the resolution's, but of which target?
    expect(data('Tỷ lệ hồ sơ trực tuyến toàn trình đạt 50%, chỉ tiêu Nghị quyết đề ra là 80%.')).toEqual([
      ['info', '50%', '50,00%', null, 'R_TT_TOANTRINH'],
    ]);
  });

  it('reads the number of targets set, a rate "mới đạt", and a rank the department entered', () => {
    const ranked = factsFromForm(loadDefaultForm(), {
      totals: {},
      ratios: { R_TUCHU: 15.5912 },
      inputs: { MT8: 45 },
      targets: { met: 4, unmet: 1, total: 9 },
    });
    const got = (text: string): [string, string, string | null, string | undefined][] =>
      checkText(text, { data: ranked })
        .findings.filter((f) => f.kind === 'data')
        .map((f) => [f.severity, f.text, f.suggestion, f.indicator]);
    expect(got('Nghị quyết số 08-NQ/TU đề ra 8 mục tiêu cụ thể; kết quả thực hiện như sau:')).toEqual([
      ['warning', '8', '9', 'targets'],
    ]);
    expect(
      got('(4) Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên: mới đạt 15,95%.'),
    ).toEqual([['warning', '15,95%', '15,59%', 'R_TUCHU']]);
    expect(got('(8) Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước: xếp thứ 48.')).toEqual([
      ['warning', '48', '45', 'MT8'],
    ]);
    expect(got('(8) Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước: xếp thứ 45.')).toEqual([
      ['info', '45', null, 'MT8'],
    ]);
  });

  it('compares a target the department enters with what it entered, not with a rate of similar words', () => {
    const text =
      '(3) Tỷ lệ dịch vụ công trực tuyến toàn trình cung cấp trên nhiều phương tiện, kể cả thiết bị di động: đạt 85,00%.';
    expect(data(text)).toEqual([['warning', '85,00%', '82,50%', '82,50%', 'MT3']]);
  });

  it('counts the targets met, not met and without data apart', () => {
    const right =
      'Đánh giá: 4/9 chỉ tiêu đạt và vượt so với Nghị quyết; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá.';
    expect(data(right)).toEqual([
      ['info', '4/9', '4/9', null, 'targets'],
      ['info', '1', '1', null, 'targets'],
      ['info', '4', '4', null, 'targets'],
    ]);
    // Five "not met" would count the four without data as failures.
    expect(data('Còn 5 mục tiêu chưa đạt so với Nghị quyết.')).toEqual([['warning', '5', '1', '1', 'targets']]);
    expect(data('Còn 2 mục tiêu chưa có số liệu để đánh giá.')).toEqual([['warning', '2', '4', '4', 'targets']]);
    expect(data('Có 5/9 chỉ tiêu chưa đạt.')).toEqual([['warning', '5/9', '1/9', '1/9', 'targets']]);
  });
});

describe('check 7: the units whose returns were consolidated', () => {
  it('compares "báo cáo của a/b cơ quan, đơn vị" with the units that have data, the province’s or a tier’s', () => {
    expect(data('Trên cơ sở báo cáo của 39/40 cơ quan, đơn vị, Sở Nội vụ tổng hợp như sau:')).toEqual([
      ['info', '39/40', '39/40', null, 'units'],
    ]);
    const stale =
      'Trên cơ sở báo cáo của 38/40 cơ quan, đơn vị (số liệu chi tiết tại Phụ lục I), Sở Nội vụ báo cáo như sau.';
    expect(data(stale)).toEqual([['warning', '38/40', '39/40', '39/40', 'units']]);
    expect(messages(stale)).toContain(
      'Văn bản ghi 38/40 cơ quan, đơn vị nhưng theo số liệu tổng hợp, 39/40 đơn vị có số liệu (báo cáo gửi về dùng được).',
    );
    expect(data('Cấp sở 19/21 cơ quan, đơn vị đã gửi báo cáo; cấp huyện 7/7 đơn vị đã gửi báo cáo.')).toEqual([
      ['warning', '19/21', '20/21', '20/21', 'units'],
      ['info', '7/7', '7/7', null, 'units'],
    ]);
  });

  it('leaves other counts of units alone: on time, inspected', () => {
    expect(data('Có 38/40 cơ quan, đơn vị gửi báo cáo đúng hạn.')).toEqual([]);
    expect(data('Đoàn đã kiểm tra 12/40 cơ quan, đơn vị.')).toEqual([]);
    // Another whole in the words of the units that reported: the period's units are 40 (before: silent).
    expect(data('Trên cơ sở báo cáo của 39/41 cơ quan, đơn vị, Sở Nội vụ tổng hợp.')).toEqual([
      ['warning', '39/41', '39/40', '39/40', 'units'],
    ]);
    // Without those words, a fraction of another whole is another count.
    expect(data('Có 39/41 cơ quan, đơn vị đã triển khai.')).toEqual([]);
  });

  it('counts the units that sent nothing, province and tier, and a footnote’s by tier', () => {
    const withMissing = factsFromForm(loadDefaultForm(), {
      totals: {},
      targets: { met: 0, unmet: 0, total: 9 },
      units: {
        reported: 31,
        all: 33,
        missing: 2,
        rejected: 1,
        duplicate: 1,
        tiers: { so: { reported: 19, all: 21, missing: 2 }, xa: { reported: 12, all: 12, missing: 0 } },
      },
    });
    const got = (text: string): [string, string, string | null][] =>
      checkText(text, { data: withMissing })
        .findings.filter((f) => f.kind === 'data')
        .map((f) => [f.severity, f.text, f.suggestion]);
    expect(got('Đến ngày lập báo cáo, còn 2 đơn vị chưa gửi báo cáo.')).toEqual([['info', '2', null]]);
    expect(got('Đến ngày lập báo cáo, còn 5 đơn vị chưa gửi báo cáo.')).toEqual([['warning', '5', '2']]);
    expect(
      checkText('Đến ngày lập báo cáo, còn 5 đơn vị chưa gửi báo cáo.', { data: withMissing }).findings[0]?.message,
    ).toBe(
      'Văn bản ghi 5 đơn vị chưa gửi báo cáo nhưng theo số liệu tiếp nhận, 2 đơn vị chưa gửi báo cáo (không kể đơn vị có tệp bị từ chối hoặc gửi nhiều tệp).',
    );
    expect(got('Cấp xã còn 1 đơn vị chưa nộp báo cáo.')).toEqual([['warning', '1', '0']]);
    // Refused files, several files: as the intake says.
    expect(got('Có 3 đơn vị đã gửi báo cáo nhưng tệp không sử dụng được, phải gửi lại.')).toEqual([
      ['warning', '3', '1'],
    ]);
    expect(got('Có 1 đơn vị gửi nhiều tệp báo cáo khác nhau.')).toEqual([['info', '1', null]]);
    // One unit's own: not the period's count.
    expect(got('UBND huyện Tam Đường còn 2 đơn vị chưa gửi báo cáo.')).toEqual([]);
    const body = 'Trên cơ sở báo cáo của 31/33 cơ quan, đơn vị, Sở Nội vụ tổng hợp như sau:';
    const doc = {
      format: 'docx' as const,
      notes: [],
      paragraphs: [
        { text: body, where: 'body' as const },
        {
          text: 'Cấp sở 19/24 cơ quan, đơn vị; cấp xã 11/12 đơn vị.',
          where: 'footnote' as const,
          mark: { paragraph: 1, at: body.indexOf(',', body.indexOf('31/33')) + ' đơn vị'.length + 9 },
        },
      ],
    };
    expect(
      checkDocument(doc, { data: withMissing }).findings.map((f) => [f.paragraph, f.severity, f.text, f.suggestion]),
    ).toEqual([
      [1, 'info', '31/33', null],
      [2, 'warning', '19/24', '19/21'],
      // Check 3 across the mark: the note's wholes (24 + 12) are more than the 33 it splits.
      [2, 'error', '19/24 cơ quan, đơn vị; cấp xã 11/12', null],
      [2, 'warning', '11/12', '12/12'],
    ]);
  });
});

describe('check 7: a count compared with the province’s total', () => {
  it('names the figure with its counted noun as written, without the punctuation that ends the clause', () => {
    for (const [text, written] of [
      ['Số hồ sơ công việc được xử lý trên môi trường mạng là 58.410 hồ sơ.', '58.410 hồ sơ'],
      ['Số hồ sơ công việc được xử lý trên môi trường mạng đạt 58.410 hồ sơ; tăng so với năm trước.', '58.410 hồ sơ'],
      ['Số hồ sơ công việc được xử lý trên môi trường mạng đạt 58.410 hồ sơ, chiếm phần lớn.', '58.410 hồ sơ'],
      ['Đã xử lý 58.410 hồ sơ công việc trên môi trường mạng.', '58.410 hồ sơ'],
      ['Số hồ sơ công việc được xử lý trên môi trường mạng là 58.410 Hồ sơ.', '58.410 Hồ sơ'],
    ] as const) {
      expect(data(text), text).toEqual([['warning', '58.410', '58.401 hồ sơ', '58.401', 'CQS04']]);
      expect(messages(text), text).toEqual([
        `Văn bản ghi ${written} nhưng số liệu tổng hợp của chỉ tiêu CQS04 (Số hồ sơ công việc được xử lý trên môi trường mạng) là 58.401 hồ sơ.`,
      ]);
    }
  });

  it('takes the label written whole over one that shares only some of its words, and stays silent when a word of the other is written too', () => {
    expect(data('Tổng số hồ sơ công việc là 66.945 hồ sơ.')).toEqual([
      ['warning', '66.945', '66.954 hồ sơ', '66.954', 'CQS03'],
    ]);
    expect(messages('Tổng số hồ sơ công việc là 66.945 hồ sơ.')).toEqual([
      'Văn bản ghi 66.945 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu CQS03 (Tổng số hồ sơ công việc) là 66.954 hồ sơ.',
    ]);
    // Right figures: each named, whichever label shares its words.
    expect(data('Tổng số hồ sơ công việc là 66.954 hồ sơ; xử lý trên môi trường mạng 58.401 hồ sơ.')).toEqual([
      ['info', '66.954', '66.954 hồ sơ', null, 'CQS03'],
      ['info', '58.401', '58.401 hồ sơ', null, 'CQS04'],
    ]);
    // Every word of the total's label, none of the other's qualifier: the total.
    expect(data('Có 60.000 hồ sơ công việc.')).toEqual([['warning', '60.000', '66.954 hồ sơ', '66.954', 'CQS03']]);
    // A word of the other's qualifier ("trên … mạng"): is it the total, or those handled online?
    expect(data('Đã có 60.000 hồ sơ công việc trên mạng.')).toEqual([]);
  });
});

describe('check 7: a count or a rate said of a tier or of one unit', () => {
  const scoped = factsFromForm(loadDefaultForm(), {
    totals: { TTHC07: 177_838, TT01: 884 },
    tiers: { so: { TTHC07: 63_142 }, huyen: { TTHC07: 96_248 }, xa: { TTHC07: 18_448 } },
    targets: { met: 0, unmet: 0, total: 9 },
    unitFigures: [
      {
        code: 'H02',
        name: 'UBND huyện Tam Đường',
        tier: 'huyen',
        indicators: {
          TTHC07: { value: 18_589, from: 'tệp BC_H02.xlsx, trang Số liệu, ô E29' },
          TT01: { value: 23, from: 'tệp BC_H02.xlsx, trang Số liệu, ô E4' },
        },
        ratios: { R_DUNGHAN: 97.8265 },
      },
      {
        code: 'S12',
        name: 'Sở Văn hóa, Thể thao và Du lịch',
        tier: 'so',
        indicators: { TTHC07: { value: 4_107, from: 'tệp BC_S12.xlsx, trang Số liệu, ô E29', corrected: true } },
        ratios: {},
      },
      {
        code: 'S15',
        name: 'Sở Y tế',
        tier: 'so',
        indicators: { TTHC07: { value: 2_210, from: 'tệp BC_S15.xlsx, trang Số liệu, ô E29' } },
        ratios: {},
      },
    ],
  });
  const found = (text: string): [string, string, string | null, string][] =>
    checkText(text, { data: scoped })
      .findings.filter((f) => f.kind === 'data')
      .map((f) => [f.severity, f.text, f.suggestion, f.message]);

  it('a tier named in the figure’s clause: the tier’s total, not the province’s', () => {
    expect(found('Cấp huyện: tiếp nhận 96.249 hồ sơ thủ tục hành chính.')).toEqual([
      [
        'warning',
        '96.249',
        '96.248',
        'Văn bản ghi 96.249 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) ở cấp huyện là 96.248 hồ sơ.',
      ],
    ]);
    // The province first, each tier in the list after it; a clause after ";" is the province's again.
    expect(
      found(
        'Toàn tỉnh tiếp nhận 177.838 hồ sơ thủ tục hành chính (cấp sở 63.142 hồ sơ, cấp huyện 96.248 hồ sơ, cấp xã 18.448 hồ sơ); ' +
          'đã ban hành 884 văn bản chỉ đạo, triển khai cải cách hành chính.',
      ).map((f) => [f[0], f[1]]),
    ).toEqual([
      ['info', '177.838'],
      // The words before the first tier's figure still name the indicator; the later ones say only "hồ sơ".
      ['info', '63.142'],
      ['info', '884'],
    ]);
    expect(found('Trong đó, cấp xã tiếp nhận 18.448 hồ sơ thủ tục hành chính.')[0]?.[3]).toBe(
      'Khớp số liệu tổng hợp: TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) ở cấp xã là 18.448 hồ sơ.',
    );
  });

  it('one unit named in the clause: that unit’s figure, with the cell of its return', () => {
    expect(found('Trong kỳ, huyện Tam Đường tiếp nhận 18.599 hồ sơ thủ tục hành chính.')).toEqual([
      [
        'warning',
        '18.599',
        '18.589',
        'Văn bản ghi 18.599 hồ sơ nhưng số liệu đã nhập của UBND huyện Tam Đường (H02) cho chỉ tiêu TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là 18.589 hồ sơ (tệp BC_H02.xlsx, trang Số liệu, ô E29).',
      ],
    ]);
    // The old tone placement ("Văn hoá") names the unit all the same; a corrected figure says so.
    expect(found('Sở Văn hoá, Thể thao và Du lịch tiếp nhận 4.107 hồ sơ thủ tục hành chính.')[0]?.[3]).toBe(
      'Khớp số liệu đã nhập của Sở Văn hóa, Thể thao và Du lịch (S12): TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là 4.107 hồ sơ (tệp BC_S12.xlsx, trang Số liệu, ô E29; số đã sửa sau khi xác nhận với đơn vị).',
    );
    // Two units in a list: each figure is the unit named in its own words.
    expect(
      found('Sở Y tế tiếp nhận 2.210 hồ sơ thủ tục hành chính, UBND huyện Tam Đường 18.590 hồ sơ.').map((f) => [
        f[0],
        f[1],
        f[2],
      ]),
    ).toEqual([
      ['info', '2.210', null],
      ['warning', '18.590', '18.589'],
    ]);
    expect(found('Tỷ lệ hồ sơ giải quyết trước và đúng hạn của huyện Tam Đường đạt 97,84%.')[0]?.[3]).toBe(
      'Văn bản ghi 97,84% nhưng tỷ lệ hồ sơ giải quyết trước và đúng hạn (R_DUNGHAN) của UBND huyện Tam Đường (H02), tính từ số liệu đã nhập của đơn vị, là 97,83%.',
    );
  });

  it('finds a unit whose name ends in a number by the whole number: "Phường 1" is not in "Phường 10"', () => {
    const wards = factsFromForm(loadDefaultForm(), {
      totals: { TTHC07: 177_838 },
      targets: { met: 0, unmet: 0, total: 9 },
      unitFigures: [1, 10].map((n) => ({
        code: `P${n}`,
        name: `UBND Phường ${n}`,
        tier: 'xa' as const,
        indicators: { TTHC07: { value: 100 + n, from: `tệp P${n}.xlsx, trang Số liệu, ô E29` } },
        ratios: {},
      })),
    });
    const said = (text: string) =>
      checkText(text, { data: wards })
        .findings.filter((f) => f.kind === 'data')
        .map((f) => [f.severity, f.message.replace(/ cho chỉ tiêu.*$/u, '')]);
    expect(said('Trong kỳ, Phường 10 tiếp nhận 110 hồ sơ thủ tục hành chính.')).toEqual([
      [
        'info',
        'Khớp số liệu đã nhập của UBND Phường 10 (P10): TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là 110 hồ sơ (tệp P10.xlsx, trang Số liệu, ô E29).',
      ],
    ]);
    expect(said('Trong kỳ, Phường 1 tiếp nhận 110 hồ sơ thủ tục hành chính.')).toEqual([
      ['warning', 'Văn bản ghi 110 hồ sơ nhưng số liệu đã nhập của UBND Phường 1 (P1)'],
    ]);
  });

  it('follows a unit named in an earlier sentence when the clause refers back to it', () => {
    // "sở", "huyện", "đơn vị này": the unit named before, its figure and its return's cell.
    expect(
      found('Sở Y tế đã triển khai nhiều giải pháp. Trong kỳ, sở tiếp nhận 2.211 hồ sơ thủ tục hành chính.'),
    ).toEqual([
      [
        'warning',
        '2.211',
        '2.210',
        'Văn bản ghi 2.211 hồ sơ nhưng số liệu đã nhập của Sở Y tế (S15) cho chỉ tiêu TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là 2.210 hồ sơ (tệp BC_S15.xlsx, trang Số liệu, ô E29).',
      ],
    ]);
    const heads = (text: string): [string, string][] =>
      found(text).map((f) => [f[0], f[3].replace(/ \([^)]*\)/gu, '').replace(/ là .*$/u, '')]);
    expect(
      heads('UBND huyện Tam Đường tiếp tục cải cách. Huyện đã tiếp nhận 18.589 hồ sơ thủ tục hành chính.'),
    ).toEqual([['info', 'Khớp số liệu đã nhập của UBND huyện Tam Đường: TTHC07']]);
    // The subject carries over the sentence's ";".
    expect(
      heads(
        'UBND huyện Tam Đường tiếp tục cải cách. Huyện đã tiếp nhận 18.589 hồ sơ thủ tục hành chính; ' +
          'ban hành 24 văn bản chỉ đạo, triển khai cải cách hành chính.',
      ),
    ).toEqual([
      ['info', 'Khớp số liệu đã nhập của UBND huyện Tam Đường: TTHC07'],
      ['warning', 'Văn bản ghi 24 văn bản nhưng số liệu đã nhập của UBND huyện Tam Đường cho chỉ tiêu TT01'],
    ]);
    expect(
      heads('Huyện Tam Đường có nhiều cố gắng. Năm qua, đơn vị này tiếp nhận 18.580 hồ sơ thủ tục hành chính.'),
    ).toEqual([
      ['warning', 'Văn bản ghi 18.580 hồ sơ nhưng số liệu đã nhập của UBND huyện Tam Đường cho chỉ tiêu TTHC07'],
    ]);
    expect(
      heads(
        'Đối với huyện Tam Đường, công tác được quan tâm. Tỷ lệ hồ sơ giải quyết trước và đúng hạn của huyện đạt 97,84%.',
      ),
    ).toEqual([
      [
        'warning',
        'Văn bản ghi 97,84% nhưng tỷ lệ hồ sơ giải quyết trước và đúng hạn của UBND huyện Tam Đường, tính từ số liệu đã nhập của đơn vị,',
      ],
    ]);
  });

  it('reads a figure after a unit’s or a tier’s sentence as either that one’s or the province’s, and warns of neither', () => {
    const heads = (text: string): [string, string][] =>
      found(text).map((f) => [f[0], f[3].replace(/ \([^)]*\)/gu, '').replace(/ là .*$/u, '')]);
    const after = (s: string): string => `Sở Y tế đã triển khai nhiều giải pháp. ${s}`;
    // Before, these were compared with the province's total (a false warning for 2.210).
    expect(heads(after('Trong kỳ, tiếp nhận 2.210 hồ sơ thủ tục hành chính.'))).toEqual([
      ['info', 'Khớp số liệu đã nhập của Sở Y tế: TTHC07'],
    ]);
    expect(heads(after('Tổng số hồ sơ thủ tục hành chính đã tiếp nhận là 177.838 hồ sơ.'))).toEqual([
      ['info', 'Khớp số liệu tổng hợp: TTHC07'],
    ]);
    expect(found(after('Trong kỳ, tiếp nhận 5.000 hồ sơ thủ tục hành chính.'))).toEqual([]);
    expect(found(after('Trong kỳ, tiếp nhận tổng số 177.839 hồ sơ thủ tục hành chính.'))).toEqual([]);
    // Said to be the province's, it is the province's: "toàn tỉnh", "các cơ quan, đơn vị".
    expect(heads(after('Toàn tỉnh tiếp nhận tổng số 177.839 hồ sơ thủ tục hành chính.'))).toEqual([
      ['warning', 'Văn bản ghi 177.839 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07'],
    ]);
    expect(heads(after('Các cơ quan, đơn vị đã tiếp nhận tổng số 177.839 hồ sơ thủ tục hành chính.'))).toEqual([
      ['warning', 'Văn bản ghi 177.839 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07'],
    ]);
    // A tier's sentence before: the tier's or the province's.
    const tier = 'Đối với cấp huyện, công tác cải cách được quan tâm. ';
    expect(heads(`${tier}Trong kỳ, tiếp nhận 96.248 hồ sơ thủ tục hành chính.`)).toEqual([
      ['info', 'Khớp số liệu tổng hợp: TTHC07 ở cấp huyện'],
    ]);
    expect(heads(`${tier}Trong kỳ, tiếp nhận 177.838 hồ sơ thủ tục hành chính.`)).toEqual([
      ['info', 'Khớp số liệu tổng hợp: TTHC07'],
    ]);
    expect(found(`${tier}Trong kỳ, tiếp nhận 96.000 hồ sơ thủ tục hành chính.`)).toEqual([]);
    // A unit the register lacks, or words that only look like a reference ("xã hội", "các sở").
    expect(
      found('Sở Tư pháp đã triển khai nhiều giải pháp. Trong kỳ, sở tiếp nhận 1.250 hồ sơ thủ tục hành chính.'),
    ).toEqual([]);
    expect(found(after('Xã hội hóa tiếp nhận 5.000 hồ sơ thủ tục hành chính.'))).toEqual([]);
    // A name in brackets is an aside: the paragraph is still the province's.
    expect(
      heads(
        'Toàn tỉnh có nhiều cố gắng (nổi bật là Sở Y tế). Trong kỳ, tiếp nhận tổng số 177.839 hồ sơ thủ tục hành chính.',
      ),
    ).toEqual([['warning', 'Văn bản ghi 177.839 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07']]);
    // The department writing the report is not what the paragraph is about.
    expect(heads('Sở Nội vụ tổng hợp như sau. Trong kỳ, tiếp nhận tổng số 177.839 hồ sơ thủ tục hành chính.')).toEqual([
      ['warning', 'Văn bản ghi 177.839 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07'],
    ]);
  });

  it('says nothing where the scope is not one: two units for one figure, a unit the data lacks, "cấp tỉnh"', () => {
    expect(found('Sở Y tế và UBND huyện Tam Đường tiếp nhận 20.800 hồ sơ thủ tục hành chính.')).toEqual([]);
    expect(found('Sở Tư pháp tiếp nhận 1.250 hồ sơ thủ tục hành chính.')).toEqual([]);
    expect(found('Cấp tỉnh tiếp nhận 1.250 hồ sơ thủ tục hành chính.')).toEqual([]);
    // The department writing the report names no unit: the province's figure.
    expect(found('Sở Nội vụ tổng hợp: toàn tỉnh tiếp nhận 177.838 hồ sơ thủ tục hành chính.').map((f) => f[0])).toEqual(
      ['info'],
    );
  });
});

describe('check 7: which words name a figure, and what a paragraph goes on about', () => {
  const facts2 = factsFromForm(loadDefaultForm(), {
    totals: { TTHC07: 177_838, TTHC08: 173_903, TTHC09: 2_566, KT01: 198, KT02: 345, KL01: 118, KL07: 13 },
    tiers: { so: { TTHC07: 63_142 }, huyen: { TTHC07: 96_248, KT01: 61 }, xa: { TTHC07: 18_448 } },
    targets: { met: 0, unmet: 0, total: 9 },
    unitFigures: [
      {
        code: 'S15',
        name: 'Sở Y tế',
        tier: 'so',
        indicators: {
          TTHC07: { value: 2_314, from: 'tệp BC_S15.xlsx, trang Số liệu, ô E29', sha256: 'ab'.repeat(32) },
          TTHC08: { value: 2_264, from: 'tệp BC_S15.xlsx, trang Số liệu, ô E30', sha256: 'ab'.repeat(32) },
        },
        ratios: {},
      },
    ],
  });
  const said = (text: string): [string, string, string | undefined][] =>
    checkText(text, { data: facts2 })
      .findings.filter((f) => f.kind === 'data')
      .map((f) => [f.severity, f.text, f.indicator]);

  it('gives the words of a clause opened after a comma to the figure they precede', () => {
    // "đã giải quyết 176.469 hồ sơ" is no indicator's: not "tiếp nhận … hồ sơ thủ tục hành chính" before the comma.
    expect(
      said(
        'Toàn tỉnh đã tiếp nhận 177.838 hồ sơ thủ tục hành chính, đã giải quyết 176.469 hồ sơ, ' +
          'trong đó giải quyết trước và đúng hạn 173.903 hồ sơ, quá hạn 2.566 hồ sơ.',
      ),
    ).toEqual([
      ['info', '177.838', 'TTHC07'],
      ['info', '173.903', 'TTHC08'],
      ['info', '2.566', 'TTHC09'],
    ]);
    // A part said after "trong đó" is not the whole its sentence began with (before: compared with TTHC07).
    expect(
      said('Toàn tỉnh tiếp nhận 177.838 hồ sơ thủ tục hành chính, trong đó tiếp nhận trực tuyến 33.003 hồ sơ.'),
    ).toEqual([['info', '177.838', 'TTHC07']]);
    // Before, 2.314 was read with the next clause's words and compared with the records on time (2.264).
    expect(said('Sở Y tế tiếp nhận 2.314 hồ sơ, giải quyết trước và đúng hạn 2.265 hồ sơ.')).toEqual([
      ['info', '2.314', 'TTHC07'],
      ['warning', '2.265', 'TTHC08'],
    ]);
    // A unit's figure carries the kept return it was read from, for the screen to open; the province's none.
    const originals = checkText(
      'Sở Y tế tiếp nhận 2.314 hồ sơ thủ tục hành chính. Toàn tỉnh tiếp nhận 177.838 hồ sơ thủ tục hành chính.',
      {
        data: facts2,
      },
    ).findings.map((f) => [f.text, f.original]);
    expect(originals).toEqual([
      ['2.314', 'ab'.repeat(32)],
      ['177.838', undefined],
    ]);
    // The words after a figure end with its sentence: the next sentence's "cơ quan, đơn vị", "kỷ luật"
    // do not make it the units inspected (KT02) or the officials disciplined (KL01).
    expect(
      said(
        'Đến ngày lập báo cáo, còn 12 đơn vị chưa gửi báo cáo. Danh sách các cơ quan, đơn vị chưa có số liệu tại Phụ lục II.',
      ),
    ).toEqual([]);
    expect(
      said(
        'Đã tuyển dụng 80 công chức và 262 viên chức, tổng cộng 352 người. Hình thức kỷ luật: khiển trách 84 người.',
      ),
    ).toEqual([]);
    // Inside a bracket, the part's own words name it, not the whole's before the bracket (before: KL01).
    expect(said('Trong kỳ có 118 cán bộ, công chức, viên chức bị xử lý kỷ luật (buộc thôi việc 23 người).')).toEqual([
      ['info', '118', 'KL01'],
      ['warning', '23', 'KL07'],
    ]);
    // A clause that names nothing of its own goes on with the words before it; a label's own comma is no clause.
    expect(said('Kế hoạch đề ra 12 cuộc kiểm tra, đã thực hiện 199 cuộc.')).toEqual([['warning', '199', 'KT01']]);
  });

  it('takes a tier for what follows only when a sentence opens with it, and one of several for none', () => {
    // "cấp xã" qualifies a noun: the next sentence is the province's, and its slip is said.
    expect(
      said(
        'Số lượng cán bộ, công chức cấp xã là 2.150 người. ' +
          'Trong kỳ có 118 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 84, buộc thôi việc 23).',
      ),
    ).toEqual([
      ['info', '118', 'KL01'],
      ['warning', '23', 'KL07'],
    ]);
    // A sentence comparing the tiers is about none of them.
    expect(
      said(
        'Cấp sở tiếp nhận 63.142 hồ sơ thủ tục hành chính, cấp huyện 96.248 hồ sơ. ' +
          'Tổng số hồ sơ thủ tục hành chính đã tiếp nhận là 177.839 hồ sơ.',
      ),
    ).toEqual([
      ['info', '63.142', 'TTHC07'],
      ['info', '96.248', 'TTHC07'],
      ['warning', '177.839', 'TTHC07'],
    ]);
    // "Các huyện", "các xã, phường, thị trấn" name a tier as "cấp huyện" does (before: the province's 198).
    expect(said('Các huyện đã tổ chức 61 cuộc kiểm tra, tự kiểm tra cải cách hành chính.')).toEqual([
      ['info', '61', 'KT01'],
    ]);
    expect(
      checkText('Các huyện, thành phố đã tổ chức 62 cuộc kiểm tra, tự kiểm tra cải cách hành chính.', {
        data: facts2,
      }).findings.map((f) => f.message),
    ).toEqual([
      'Văn bản ghi 62 cuộc nhưng số liệu tổng hợp của chỉ tiêu KT01 (Số cuộc kiểm tra, tự kiểm tra cải cách hành chính) ở cấp huyện là 61 cuộc.',
    ]);
    // One tier opening the sentence: what follows may be that tier's.
    expect(
      said('Đối với cấp huyện, công tác được quan tâm. Tổng số hồ sơ thủ tục hành chính đã tiếp nhận là 96.248 hồ sơ.'),
    ).toEqual([['info', '96.248', 'TTHC07']]);
  });
});

describe('check 7: every figure of the app’s own report is compared (a clerk editing its Word copy)', () => {
  const own = factsFromForm(loadDefaultForm(), {
    totals: {
      TTHC07: 93_630,
      TTHC08: 91_137,
      TTHC09: 1_377,
      TTHC10: 7_210,
      TTHC12: 5_734,
      TTHC15: 169,
      TTHC16: 136,
      TC01: 115,
      TC02: 29,
      TC03: 86,
      TC05: 54,
      TC06: 47,
      CV01: 72,
      CV03: 305,
      BC04: 2_497,
      BC08: 518,
      KL01: 93,
      KL02: 67,
      KL03: 10,
      KL06: 4,
      KL07: 11,
      TTHC01: 3_429,
      KT01: 108,
      KT02: 223,
      TCBM03: 22,
      BC01: 1_797,
      BC03: 40,
      BC07: 478,
      TTHC06: 7_894_678_702,
    },
    ratios: { R_GIAM_CC: 2.2259, R_GIAM_VC: 4.2982 },
    tiers: {
      so: { TTHC01: 2_035, KL01: 84, KT01: 82, KT02: 182 },
      xa: { TTHC01: 1_394, KL01: 9, KT01: 26, KT02: 41 },
    },
    targets: { met: 4, unmet: 1, total: 9 },
  });
  const said = (text: string): [string, string, string | undefined, string | null][] =>
    checkText(text, { data: own })
      .findings.filter((f) => f.kind === 'data')
      .map((f) => [f.severity, f.text, f.indicator, f.suggestion]);

  it('"tiếp nhận … hồ sơ" is every record received, unless a word of a part is written in its clause', () => {
    // The report's own sentence: before, no label was named clearly (three share "tiếp nhận … hồ sơ").
    const sentence = 'Các cơ quan, đơn vị đã tiếp nhận 93.630 hồ sơ; giải quyết trước và đúng hạn 91.137 hồ sơ.';
    expect(said(sentence)).toEqual([
      ['info', '93.630', 'TTHC07', null],
      ['info', '91.137', 'TTHC08', null],
    ]);
    expect(said(sentence.replace('93.630', '95.630'))[0]).toEqual(['warning', '95.630', 'TTHC07', '93.630']);
    expect(checkText('Toàn tỉnh đã tiếp nhận 95.630 hồ sơ.', { data: own }).findings.map((f) => f.message)).toEqual([
      'Văn bản ghi 95.630 hồ sơ nhưng số liệu tổng hợp của chỉ tiêu TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là 93.630 hồ sơ.',
    ]);
    // Online, in part or end to end: not the whole, and not clearly one of the two.
    expect(said('Toàn tỉnh tiếp nhận 5.000 hồ sơ trực tuyến.')).toEqual([]);
    expect(said('Toàn tỉnh tiếp nhận 93.630 hồ sơ, trong đó tiếp nhận trực tuyến 5.000 hồ sơ.')).toEqual([
      ['info', '93.630', 'TTHC07', null],
    ]);
    // Said in full with its qualifier: the part.
    expect(said('Toàn tỉnh tiếp nhận, xử lý trực tuyến toàn trình 5.730 hồ sơ.')).toEqual([
      ['warning', '5.730', 'TTHC12', '5.734'],
    ]);
  });

  it('"viên chức" are the "người làm việc" of BC07, as the form’s own gloss "người làm việc (viên chức)" says', () => {
    // The report's own sentence; before, neither 478 nor its rate was read (no word in common).
    const sentence =
      'So với năm 2021, toàn tỉnh đã giảm 518 biên chế (công chức giảm 40 biên chế, tương ứng 2,23%; ' +
      'viên chức giảm 478 người, tương ứng 4,30%).';
    const all = (text: string): [string, string, string | undefined, string | null][] =>
      checkText(text, { data: own })
        .findings.filter((f) => f.kind === 'data')
        .map((f) => [f.severity, f.text, f.indicator, f.suggestion]);
    expect(all(sentence)).toEqual([
      ['info', '518', 'BC08', null],
      ['info', '40', 'BC03', null],
      ['info', '2,23%', 'R_GIAM_CC', null],
      ['info', '478', 'BC07', null],
      ['info', '4,30%', 'R_GIAM_VC', null],
    ]);
    expect(all(sentence.replace('478 người', '487 người')).slice(3)).toEqual([
      ['warning', '487', 'BC07', '478'],
      ['info', '4,30%', 'R_GIAM_VC', null],
    ]);
    expect(all(sentence.replace('4,30%', '4,03%')).slice(3)).toEqual([
      ['info', '478', 'BC07', null],
      ['warning', '4,03%', 'R_GIAM_VC', '4,30%'],
    ]);
    // "Cán bộ, công chức, viên chức" counted in people is not a reduction: no label of a change is read.
    expect(all('Toàn tỉnh có 12.080 cán bộ, công chức, viên chức tham gia tập huấn.')).toEqual([]);
  });

  it('the words after a comma that opens a clause name the next figure, whichever comma it is', () => {
    // The first comma is inside the counted noun ("phản ánh, kiến nghị"); before, 139 was read with
    // the received ones' words and named nothing.
    expect(
      said('Đã tiếp nhận 169 phản ánh, kiến nghị về quy định hành chính, xử lý xong 139 phản ánh, kiến nghị.'),
    ).toEqual([
      ['info', '169', 'TTHC15', null],
      ['warning', '139', 'TTHC16', '136'],
    ]);
  });

  it('a part in brackets is named by its own label’s words without a counted noun', () => {
    const sentence =
      'Trong kỳ có 93 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 67, cảnh cáo 10, cách chức 04, buộc thôi việc 11).';
    expect(said(sentence).map((f) => f.slice(0, 3))).toEqual([
      ['info', '93', 'KL01'],
      ['info', '67', 'KL02'],
      ['info', '10', 'KL03'],
      ['info', '04', 'KL06'],
      ['info', '11', 'KL07'],
    ]);
    // A list with its counted nouns: the words after a comma are the next item's (before: 76 was
    // read with "cảnh cáo" too and named neither).
    expect(
      said(
        'Các cơ quan, đơn vị đã xử lý kỷ luật 93 cán bộ, công chức, viên chức, trong đó khiển trách 76 người, cảnh cáo 10 người.',
      ),
    ).toEqual([
      ['info', '93', 'KL01', null],
      ['warning', '76', 'KL02', '67'],
      ['info', '10', 'KL03', null],
    ]);
    // "Các sở, ngành" are not the province (nor, for sure, the register's cấp sở): no comparison.
    expect(said('Các sở, ngành đã tiếp nhận 62.266 hồ sơ, giải quyết trước và đúng hạn 60.647 hồ sơ.')).toEqual([]);
    // Before, "khiển trách" and "cách chức" alone were too few words to say a difference.
    expect(said(sentence.replace('67', '60').replace('04', '05'))).toEqual([
      ['info', '93', 'KL01', null],
      ['warning', '60', 'KL02', '67'],
      ['info', '10', 'KL03', null],
      ['warning', '05', 'KL06', '4'],
      ['info', '11', 'KL07', null],
    ]);
    // A word shared by many labels ("công chức") is not a label's own words: "hiện có" is not said.
    expect(said('Toàn tỉnh đã giảm 518 biên chế (công chức 60, viên chức 458).')).toEqual([
      ['info', '518', 'BC08', null],
    ]);
  });

  it('a part’s label names what it counts ("Trong đó: Nghị quyết của Hội đồng nhân dân")', () => {
    expect(
      said(
        'Đã ban hành 115 văn bản quy phạm pháp luật (trong đó có 22 nghị quyết của Hội đồng nhân dân và 86 quyết định của Ủy ban nhân dân).',
      ),
    ).toEqual([
      ['info', '115', 'TC01', null],
      ['warning', '22', 'TC02', '29'],
      ['info', '86', 'TC03', null],
    ]);
  });

  it('nothing between "và" and a figure: the words before the previous figure govern it too', () => {
    expect(said('Công tác tuyển dụng được thực hiện công khai; đã tuyển dụng 75 công chức và 308 viên chức.')).toEqual([
      ['warning', '75', 'CV01', '72'],
      ['warning', '308', 'CV03', '305'],
    ]);
    expect(said('Đã công bố 54 văn bản hết hiệu lực toàn bộ và 40 văn bản hết hiệu lực một phần.')).toEqual([
      ['info', '54', 'TC05', null],
      ['warning', '40', 'TC06', '47'],
    ]);
    // A verb of its own after "và": the figure's own clause.
    expect(
      said('Đã tiếp nhận 169 phản ánh, kiến nghị về quy định hành chính và xử lý xong 139 phản ánh, kiến nghị.'),
    ).toEqual([
      ['info', '169', 'TTHC15', null],
      ['warning', '139', 'TTHC16', '136'],
    ]);
  });

  it('a footnote’s figures are named by the figure its mark follows, tier by tier', () => {
    const body =
      'Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 3.429 thủ tục. ' +
      'Trong kỳ có 93 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 67, cảnh cáo 10, cách chức 04, buộc thôi việc 11).';
    const first = body.indexOf(' thủ tục.') + ' thủ tục'.length;
    const doc = {
      format: 'docx' as const,
      notes: [],
      paragraphs: [
        { text: body, where: 'body' as const },
        {
          text: 'Cấp sở 2.038 thủ tục; cấp xã 1.394 thủ tục.',
          where: 'footnote' as const,
          mark: { paragraph: 1, at: first },
        },
        // Marked after the bracket: about the 93 before it, not the 11 inside it.
        {
          text: 'Cấp sở 87 người; cấp xã 9 người.',
          where: 'footnote' as const,
          mark: { paragraph: 1, at: body.length - 1 },
        },
      ],
    };
    const found = checkDocument(doc, { data: own }).findings;
    // Check 3 across each mark too: the edited tier makes the note add up to more than its figure.
    expect(found.filter((f) => f.kind === 'whole-parts').map((f) => [f.paragraph, f.severity, f.message])).toEqual([
      [
        2,
        'error',
        'Các số theo cấp ở chú thích cộng lại nhiều hơn số ở câu có dấu chú thích: cấp sở 2.038 + cấp xã 1.394 = 3.432, lớn hơn 3.429.',
      ],
      [
        3,
        'error',
        'Các số theo cấp ở chú thích cộng lại nhiều hơn số ở câu có dấu chú thích: cấp sở 87 + cấp xã 9 = 96, lớn hơn 93.',
      ],
    ]);
    const notes = found
      .filter((f) => f.paragraph > 1 && f.kind === 'data')
      .map((f) => [f.paragraph, f.severity, f.text, f.indicator, f.message]);
    expect(notes).toEqual([
      [
        2,
        'warning',
        '2.038',
        'TTHC01',
        'Văn bản ghi 2.038 thủ tục nhưng số liệu tổng hợp của chỉ tiêu TTHC01 (Số thủ tục hành chính thuộc thẩm quyền giải quyết) ở cấp sở là 2.035 thủ tục.',
      ],
      [
        2,
        'info',
        '1.394',
        'TTHC01',
        'Khớp số liệu tổng hợp: TTHC01 (Số thủ tục hành chính thuộc thẩm quyền giải quyết) ở cấp xã là 1.394 thủ tục.',
      ],
      [
        3,
        'warning',
        '87',
        'KL01',
        'Văn bản ghi 87 người nhưng số liệu tổng hợp của chỉ tiêu KL01 (Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật) ở cấp sở là 84 người.',
      ],
      [
        3,
        'info',
        '9',
        'KL01',
        'Khớp số liệu tổng hợp: KL01 (Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật) ở cấp xã là 9 người.',
      ],
    ]);
    // Without its mark, "2.038 thủ tục" of a tier names nothing.
    expect(checkText('Cấp sở 2.038 thủ tục; cấp xã 1.394 thủ tục.', { data: own }).findings).toEqual([]);
  });

  it('the words before a colon name the figures after it that their own words do not', () => {
    expect(
      said(
        'Số cuộc kiểm tra, tự kiểm tra: cấp sở 85, cấp xã 26; số cơ quan, đơn vị được kiểm tra: cấp sở 182, cấp xã 44.',
      ),
    ).toEqual([
      ['warning', '85', 'KT01', '82'],
      ['info', '26', 'KT01', null],
      ['info', '182', 'KT02', null],
      ['warning', '44', 'KT02', '41'],
    ]);
    // Its own words first: "Hình thức kỷ luật: khiển trách 84 người" is not KL01, whatever KL02's figure.
    expect(said('Hình thức kỷ luật: khiển trách 84 người.')).toEqual([['warning', '84', 'KL02', '67']]);
  });

  it('a change a label counts is read with the labels that say it ("giảm"), the form’s baseline year too', () => {
    expect(said('Việc sắp xếp tổ chức bộ máy được triển khai quyết liệt, giảm 25 tổ chức sau sắp xếp.')).toEqual([
      ['warning', '25', 'TCBM03', '22'],
    ]);
    expect(said('So với năm 2021, toàn tỉnh đã giảm 511 biên chế.')).toEqual([['warning', '511', 'BC08', '518']]);
    // Framed by the form's baseline earlier in the sentence: the officials' reduction in brackets is BC03.
    expect(
      said('So với năm 2021, toàn tỉnh đã giảm 518 biên chế (công chức giảm 43 biên chế, tương ứng 2,23%).'),
    ).toEqual([
      ['info', '518', 'BC08', null],
      ['warning', '43', 'BC03', '40'],
      ['info', '2,23%', 'R_GIAM_CC', null],
    ]);
    // A rate said "tương ứng" right after a count: the ratio of that count's indicator alone (R_GIAM_CC of BC03).
    expect(
      said('So với năm 2021, toàn tỉnh đã giảm 518 biên chế (công chức giảm 40 biên chế, tương ứng 2,26%).').at(-1),
    ).toEqual(['warning', '2,26%', 'R_GIAM_CC', '2,23%']);
    // Which reduction? The officials' (BC03) or all (BC08): "công chức" is in the clause.
    expect(said('Tổng biên chế công chức được giao là 2.632 biên chế, giảm 60 biên chế so với năm 2021.')).toEqual([]);
    // A change no label counts, or against another year, is still no total of the data.
    expect(said('Số hồ sơ tiếp nhận tăng 120 hồ sơ so với năm trước.')).toEqual([]);
    expect(said('So với năm 2020, toàn tỉnh đã giảm 511 biên chế.')).toEqual([]);
    // "chức" of "tổ chức" is not "công chức": the reduction in the next clause is still BC08.
    expect(said('Đã giảm 22 tổ chức sau sắp xếp, giảm 518 biên chế so với năm 2021.')).toEqual([
      ['info', '22', 'TCBM03', null],
      ['info', '518', 'BC08', null],
    ]);
    // "thủ tục hành chính" is what every "hồ sơ" is: it does not make the records late TTHC07's.
    expect(said('Vẫn còn 1.370 hồ sơ thủ tục hành chính giải quyết quá hạn.')).toEqual([
      ['warning', '1.370', 'TTHC09', '1.377'],
    ]);
  });

  it('a sum of money written to the đồng is compared to the đồng', () => {
    expect(said('Tiết kiệm chi phí tuân thủ 7.894.678.702 đồng.')).toEqual([['info', '7.894.678.702', 'TTHC06', null]]);
    // Before, a slack of a billionth of the figure let 8 đồng through.
    expect(said('Tiết kiệm chi phí tuân thủ 7.894.678.705 đồng.')).toEqual([
      ['warning', '7.894.678.705', 'TTHC06', '7.894.678.702'],
    ]);
    // Written in tỷ: at the precision written.
    expect(said('Tiết kiệm chi phí tuân thủ 7,89 tỷ đồng.')).toEqual([['info', '7,89', 'TTHC06', null]]);
  });

  it('a share "a/b …, đạt c%" of a ratio of the data: a and b against its numerator and denominator', () => {
    const shares = factsFromForm(loadDefaultForm(), {
      totals: { TTHC08: 91_137, TTHC09: 1_377, TCC01: 1_397_001, TCC02: 1_052_113 },
      ratios: { R_DUNGHAN: 98.5116, R_GIAINGAN: 75.3122 },
      targets: { met: 0, unmet: 0, total: 9 },
    });
    const got = (text: string): [string, string, string | null, string | undefined][] =>
      checkText(text, { data: shares })
        .findings.filter((f) => f.kind === 'data')
        .map((f) => [f.severity, f.text, f.suggestion, f.indicator]);
    expect(got('Giải quyết trước và đúng hạn 91.137/92.514 hồ sơ đã giải quyết, đạt 98,51%.')).toEqual([
      ['info', '91.137/92.514', null, 'R_DUNGHAN'],
    ]);
    // 91.137/92.517 is still 98,51%: check 1 cannot see the edit, the data can.
    expect(got('Giải quyết trước và đúng hạn 91.137/92.517 hồ sơ đã giải quyết, đạt 98,51%.')).toEqual([
      ['warning', '91.137/92.517', '91.137/92.514', 'R_DUNGHAN'],
    ]);
    expect(
      checkText('Vốn đầu tư công đã giải ngân 1.052.116/1.397.001 triệu đồng, đạt 75,31% kế hoạch vốn được giao.', {
        data: shares,
      }).findings.map((f) => f.message),
    ).toEqual([
      'Văn bản ghi 1.052.116/1.397.001 nhưng tỷ lệ giải ngân vốn đầu tư công (R_GIAINGAN) được tính từ 1.052.113/1.397.001 (TCC02 trên TCC01); tử số khác số liệu tổng hợp.',
    ]);
    // Neither part the data's: another share that happens to give the same rate.
    expect(got('Có 197/200 hồ sơ giải quyết đúng hạn, đạt 98,50%.')).toEqual([]);
  });
});
