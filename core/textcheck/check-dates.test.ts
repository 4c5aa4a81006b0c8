/**
 * Check 11: dates — the data's cut-off as a draft states it and the draft's own date against the
 * period's, and an annex's reference against the draft's own date and number.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/load.js';
import { checkDocument, checkText, factsFromForm, type DataFacts, type TextDocument } from './index.js';

const facts = (period?: DataFacts['period']): DataFacts =>
  factsFromForm(loadDefaultForm(), {
    totals: {},
    targets: { met: 0, unmet: 0, total: 9 },
    ...(period ? { period } : {}),
  });
const SK2023 = facts({ shortTitle: 'Sơ kết 2021 - 2023', cutoff: '2023-06-30' });

/** The period findings of a text: [severity, span, computed, suggestion]. */
function dates(text: string, data: DataFacts = SK2023): [string, string, string | null, string | null][] {
  return checkText(text, { data })
    .findings.filter((f) => f.kind === 'date')
    .map((f) => [f.severity, f.text, f.computed, f.suggestion]);
}

const message = (text: string): string =>
  checkText(text, { data: SK2023 }).findings.find((f) => f.kind === 'date')!.message;

describe('check 11: the data’s cut-off', () => {
  it('compares the cut-off a draft states with the period’s, in the way the draft writes its date', () => {
    expect(dates('Báo cáo kết quả sơ kết (số liệu tính đến ngày 30/6/2022) như sau:')).toEqual([
      ['warning', '30/6/2022', '30/06/2023', '30/6/2023'],
    ]);
    expect(dates('Số liệu được chốt đến hết ngày 30 tháng 6 năm 2022.')).toEqual([
      ['warning', '30 tháng 6 năm 2022', '30/06/2023', '30 tháng 6 năm 2023'],
    ]);
    expect(dates('Thời điểm chốt số liệu: 31/12/2022.')).toEqual([
      ['warning', '31/12/2022', '30/06/2023', '30/06/2023'],
    ]);
    expect(dates('Số liệu tính đến ngày 30-6-2021.')).toEqual([['warning', '30-6-2021', '30/06/2023', '30-6-2023']]);
    expect(dates('Số liệu tổng hợp đến tháng 12/2022.')).toEqual([
      ['warning', 'tháng 12/2022', '30/06/2023', 'tháng 6/2023'],
    ]);
    // A date that shows no padding either way is corrected to the app's own "30/06/2023"; one
    // that pads a day or a month below 10 keeps doing so.
    expect(dates('Số liệu tính đến ngày 31/12/2022.')).toEqual([['warning', '31/12/2022', '30/06/2023', '30/06/2023']]);
    expect(dates('Số liệu tính đến ngày 05 tháng 01 năm 2023.')).toEqual([
      ['warning', '05 tháng 01 năm 2023', '30/06/2023', '30 tháng 06 năm 2023'],
    ]);
  });

  it('says a date taken from an earlier report may be why, and gives the period with its cut-off', () => {
    expect(message('Báo cáo kết quả sơ kết (số liệu tính đến ngày 30/6/2022) như sau:')).toBe(
      'Văn bản ghi số liệu tính đến 30/6/2022, nhưng số liệu của kỳ Sơ kết 2021 - 2023 tính đến ngày 30/06/2023 ' +
        '(có thể ngày được chép từ báo cáo kỳ trước); hãy sửa thành 30/6/2023.',
    );
    // A later date is no copy of an earlier report.
    expect(message('Số liệu tính đến ngày 30/9/2023.')).toBe(
      'Văn bản ghi số liệu tính đến 30/9/2023, nhưng số liệu của kỳ Sơ kết 2021 - 2023 tính đến ngày 30/06/2023; ' +
        'hãy sửa thành 30/6/2023.',
    );
  });

  it('agrees with the period’s cut-off in every part a date gives (the report’s own sentence too)', () => {
    expect(
      dates('Nghị quyết số 08-NQ/TU đề ra 9 mục tiêu cụ thể; kết quả thực hiện đến ngày 30/06/2023 như sau:'),
    ).toEqual([['info', '30/06/2023', '30/06/2023', null]]);
    expect(dates('Số liệu tổng hợp đến tháng 6/2023.')).toEqual([['info', 'tháng 6/2023', '30/06/2023', null]]);
    expect(dates('Số liệu tính đến 30/6, toàn tỉnh đã tiếp nhận hồ sơ.')).toEqual([
      ['info', '30/6', '30/06/2023', null],
    ]);
    // Without its year a date is compared by day and month.
    expect(dates('Số liệu tính đến ngày 31/5.')).toEqual([['warning', '31/5', '30/06/2023', '30/6']]);
    expect(message('Số liệu tính đến ngày 30/06/2023.')).toBe(
      'Thời điểm chốt số liệu 30/06/2023 khớp với kỳ Sơ kết 2021 - 2023 (số liệu tính đến ngày 30/06/2023).',
    );
  });

  it('leaves alone what held at another date, a comparison with another cut-off, and a draft checked without data', () => {
    expect(dates('Tính đến ngày 31/12/2022, toàn tỉnh có 35 cơ quan chuyên môn.')).toEqual([]);
    expect(dates('Số hồ sơ tăng 12% so với số liệu tính đến ngày 30/6/2022.')).toEqual([]);
    expect(dates('Cùng kỳ, số liệu tính đến ngày 30/6/2022 là 1.200 hồ sơ.')).toEqual([]);
    expect(dates('Số liệu tính đến ngày 30/6/2022.', facts())).toEqual([]);
    expect(checkText('Số liệu tính đến ngày 30/6/2022.').findings).toEqual([]);
  });
});

describe('check 11: the draft’s own date', () => {
  it('cannot be before the cut-off: a report is not signed before its data exist', () => {
    expect(dates('Lai Châu, ngày 15 tháng 6 năm 2023')).toEqual([['warning', 'ngày 15 tháng 6 năm 2023', null, null]]);
    expect(message('Lai Châu, ngày 15 tháng 6 năm 2023')).toBe(
      'Văn bản đề ngày 15/06/2023, trước ngày chốt số liệu 30/06/2023 của kỳ Sơ kết 2021 - 2023: báo cáo không thể ' +
        'được ký trước khi có số liệu. Hãy sửa ngày của văn bản (hoặc kiểm tra lại kỳ báo cáo đang đối chiếu).',
    );
  });

  it('is said nothing of on or after the cut-off, with its day left blank, or inside a sentence', () => {
    expect(dates('Lai Châu, ngày 20 tháng 7 năm 2023')).toEqual([]);
    expect(dates('Lai Châu, ngày 30 tháng 6 năm 2023')).toEqual([]);
    expect(dates('Lai Châu, ngày    tháng    năm 2023')).toEqual([]);
    expect(dates('Hội nghị được tổ chức tại Lai Châu, ngày 15 tháng 6 năm 2023 với 120 đại biểu.')).toEqual([]);
  });
});

describe('check 11: an annex against the document it is attached to', () => {
  const doc = (header: string, annex: string): string =>
    ['SỞ NỘI VỤ', header, 'Lai Châu, ngày 15 tháng 10 năm 2025', 'BÁO CÁO', 'Phụ lục I', annex].join('\n');
  /** Without the period's data: the document against itself. */
  const own = (text: string): [string, string, string | null, string | null][] =>
    checkText(text)
      .findings.filter((f) => f.kind === 'date')
      .map((f) => [f.severity, f.text, f.computed, f.suggestion]);

  it('gives the date of the document’s own date line, written the way the annex writes it', () => {
    expect(own(doc('Số:     /BC-SNV', '(Kèm theo Báo cáo số      /BC-SNV ngày 18/10/2025)'))).toEqual([
      ['warning', '18/10/2025', '15/10/2025', '15/10/2025'],
    ]);
    expect(own(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số 245/BC-SNV ngày 5/9/2025)'))).toEqual([
      ['warning', '5/9/2025', '15/10/2025', '15/10/2025'],
    ]);
    expect(
      checkText(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số 245/BC-SNV ngày 18/10/2025)')).findings[0]!.message,
    ).toBe(
      'Phụ lục ghi kèm theo văn bản ngày 18/10/2025, nhưng văn bản đề ngày 15/10/2025: hãy sửa thành 15/10/2025 ' +
        '(hoặc sửa ngày của văn bản).',
    );
    expect(own(doc('Số:     /BC-SNV', '(Kèm theo Báo cáo số      /BC-SNV ngày 15/10/2025)'))).toEqual([]);
  });

  it('gives the number of the document’s "Số:" line when both are written', () => {
    expect(own(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số 254/BC-SNV ngày 15/10/2025)'))).toEqual([
      ['warning', '254', '245', '245'],
    ]);
    expect(
      checkText(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số 254/BC-SNV ngày 15/10/2025)')).findings[0]!.message,
    ).toBe('Phụ lục ghi kèm theo văn bản số 254/BC-SNV, nhưng văn bản mang số 245/BC-SNV: hãy sửa cho cùng một số.');
    // A number still to be written on either side is no difference.
    expect(own(doc('Số:     /BC-SNV', '(Kèm theo Báo cáo số 254/BC-SNV ngày 15/10/2025)'))).toEqual([]);
    expect(own(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số      /BC-SNV ngày 15/10/2025)'))).toEqual([]);
  });

  it('a Party document’s number, "Số 15-BC/TU", as its annexes give it', () => {
    const party = (header: string, annex: string): string =>
      ['BAN THƯỜNG VỤ TỈNH ỦY', header, 'Lai Châu, ngày 05 tháng 9 năm 2023', 'BÁO CÁO', annex].join('\n');
    expect(own(party('Số 15-BC/TU', '(Kèm theo Báo cáo số 15-BC/TU ngày 05/9/2023)'))).toEqual([]);
    expect(own(party('Số 15-BC/TU', '(Kèm theo Báo cáo số 16-BC/TU ngày 15/9/2023)'))).toEqual([
      ['warning', '16', '15', '15'],
      ['warning', '15/9/2023', '05/09/2023', '5/9/2023'],
    ]);
    expect(checkText(party('Số 15-BC/TU', '(Kèm theo Báo cáo số 16-BC/TU ngày 05/9/2023)')).findings[0]!.message).toBe(
      'Phụ lục ghi kèm theo văn bản số 16-BC/TU, nhưng văn bản mang số 15-BC/TU: hãy sửa cho cùng một số.',
    );
  });

  it('leaves alone another series’ document, and a file of several documents with different dates', () => {
    expect(own(doc('Số: 245/BC-SNV', '(Kèm theo Báo cáo số 112/BC-UBND ngày 18/10/2025)'))).toEqual([]);
    const two = [
      'Lai Châu, ngày 15 tháng 10 năm 2025',
      'Lai Châu, ngày 20 tháng 10 năm 2025',
      '(Kèm theo Báo cáo số /BC-SNV ngày 18/10/2025)',
    ].join('\n');
    expect(own(two)).toEqual([]);
  });
});

describe('check 11: the date line as Nghị định 30/2020/NĐ-CP writes it', () => {
  const notation = (text: string): [string, string, string | null][] =>
    checkText(text)
      .findings.filter((f) => f.kind === 'notation')
      .map((f) => [f.severity, f.text, f.suggestion]);

  it('a day below 10 and the months 1 and 2 with a leading 0, the other months without', () => {
    expect(notation('Lai Châu, ngày 05 tháng 9 năm 2023')).toEqual([]);
    expect(notation('Lai Châu, ngày 15 tháng 02 năm 2024')).toEqual([]);
    expect(notation('Lai Châu, ngày 5 tháng 9 năm 2023')).toEqual([
      ['warning', 'ngày 5 tháng 9 năm 2023', 'ngày 05 tháng 9 năm 2023'],
    ]);
    expect(notation('Hà Nội, ngày 15 tháng 1 năm 2024')).toEqual([
      ['warning', 'ngày 15 tháng 1 năm 2024', 'ngày 15 tháng 01 năm 2024'],
    ]);
    expect(notation('Lai Châu, ngày 15 tháng 09 năm 2023')).toEqual([
      ['warning', 'ngày 15 tháng 09 năm 2023', 'ngày 15 tháng 9 năm 2023'],
    ]);
    expect(checkText('Lai Châu, ngày 5 tháng 1 năm 2024').findings[0]!.message).toBe(
      'Theo Nghị định 30/2020/NĐ-CP, ngày ban hành văn bản ghi ngày dưới 10 và tháng 1, 2 có thêm số 0 ở trước ' +
        '(các tháng khác thì không): hãy viết "ngày 05 tháng 01 năm 2024".',
    );
  });

  it('in a PDF, where the header’s number and date come as one line', () => {
    expect(notation('Số: 245/BC-SNV Lai Châu, ngày 5 tháng 9 năm 2023')).toEqual([
      ['warning', 'ngày 5 tháng 9 năm 2023', 'ngày 05 tháng 9 năm 2023'],
    ]);
    const pdf = [
      'Số: 245/BC-SNV Lai Châu, ngày 15 tháng 10 năm 2025',
      'BÁO CÁO',
      '(Kèm theo Báo cáo số 245/BC-SNV ngày 18/10/2025)',
    ].join('\n');
    expect(checkText(pdf).findings.map((f) => [f.kind, f.text, f.suggestion])).toEqual([
      ['date', '18/10/2025', '15/10/2025'],
    ]);
  });

  it('is said nothing of inside a sentence, or for a day that is none', () => {
    expect(notation('Hội nghị tổ chức tại Lai Châu, ngày 5 tháng 9 năm 2023 có 120 đại biểu.')).toEqual([]);
    expect(notation('Lai Châu, ngày 45 tháng 9 năm 2023')).toEqual([]);
  });
});

describe('check 11: the title’s review against the period checked against', () => {
  const TK2025 = factsFromForm(loadDefaultForm(), {
    totals: {},
    targets: { met: 0, unmet: 0, total: 9 },
    period: { shortTitle: 'Tổng kết 2021 - 2025', cutoff: '2025-09-30' },
    source: { period: 'NQ08-TK2025', dataset: 'AB12CD' },
  });
  const draft = (...title: string[]): TextDocument => ({
    format: 'docx',
    paragraphs: [
      'UBND TỈNH LAI CHÂU',
      'BÁO CÁO',
      ...title,
      'I. KẾT QUẢ THỰC HIỆN',
      'Toàn tỉnh đã ban hành 412 văn bản.',
    ].map((text) => ({ text, where: 'body' as const })),
    notes: [],
  });
  const sk = draft(
    'Sơ kết 03 năm thực hiện Nghị quyết số 08-NQ/TU về cải cách hành chính',
    'giai đoạn 2021 - 2025 (2021 - 2023)',
  );
  const tk = draft('Tổng kết thực hiện Nghị quyết số 08-NQ/TU về cải cách hành chính giai đoạn 2021 - 2025');

  it('says first that a draft of another review is checked against this period’s data', () => {
    expect(checkDocument(sk, { data: TK2025 }).notes).toEqual([
      'Tiêu đề văn bản là báo cáo sơ kết 2021 - 2023, nhưng văn bản đang được đối chiếu với số liệu kỳ Tổng kết ' +
        '2021 - 2025 (NQ08-TK2025): các số khác số liệu tổng hợp có thể do khác kỳ. Hãy chọn đúng kỳ báo cáo trước khi sửa số liệu.',
    ]);
    expect(checkDocument(tk, { data: SK2023 }).notes).toEqual([
      expect.stringMatching(
        /^Tiêu đề văn bản là báo cáo tổng kết 2021 - 2025, nhưng văn bản đang được đối chiếu với số liệu kỳ Sơ kết 2021 - 2023:/u,
      ),
    ]);
  });

  it('is silent on the right period, without the data, and without a title block', () => {
    expect(checkDocument(tk, { data: TK2025 }).notes).toEqual([]);
    expect(checkDocument(sk, { data: SK2023 }).notes).toEqual([]);
    expect(checkDocument(sk).notes).toEqual([]);
    expect(
      checkText('Sơ kết 03 năm (2021 - 2023): toàn tỉnh đã ban hành 412 văn bản.', { data: TK2025 }).notes,
    ).toEqual([]);
  });
});
