/**
 * One finding per problem and a bounded number per file: a return with thousands of odd rows
 * costs a few findings, not one per row in every later stage.
 */
import { describe, expect, it } from 'vitest';
import { buildReturn, DATA_PART, mutatePart } from '../../test/fixtures/return-workbook.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { parseReturn } from './index.js';

const form = loadDefaultForm();
const units = loadDefaultUnits();
const period = findPeriod('NQ08-SK2023')!;
const x03 = units.find((u) => u.code === 'X03')!;
const ctx = { form, units, period, fileName: 'X03.xlsx' };

/** A generated return with `rows` more rows appended below its table, from row 1000 on. */
async function withRows(rows: number, row: (r: number, i: number) => string): Promise<Uint8Array> {
  const good = await buildReturn({ form, unit: x03, period, values: { TT01: 7 } });
  const extra: string[] = [];
  for (let i = 0; i < rows; i++) extra.push(row(1000 + i, i));
  return mutatePart(good.bytes, DATA_PART, (x) => x.replace('</sheetData>', `${extra.join('')}</sheetData>`));
}

const codeRow = (r: number, code: string, value: string) =>
  `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>${code}</t></is></c><c r="E${r}"><v>${value}</v></c></row>`;

describe('findings per file', () => {
  it('a code repeated on 20,000 rows is one finding with the count and the first cells', async () => {
    const bytes = await withRows(20_000, (r) => codeRow(r, 'TT01', '1'));
    const r = parseReturn(bytes, ctx);
    expect(r.status).toBe('parsed');
    const dup = r.findings.filter((f) => f.check === 'IMPORT_DUPLICATE_CODE');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.cells).toEqual(['E4', 'E1000', 'E1001', 'E1002', 'E1003'].map((c) => `X03.xlsx!Số liệu!${c}`));
    expect(dup[0]!.message).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E1000 (TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành): ' +
        'mã chỉ tiêu đã có ở ô E4 và lặp lại ở 20.001 dòng (ô E4, E1000, E1001, E1002, E1003, …); ' +
        'không biết số liệu nào đúng nên không dòng nào được tổng hợp. Hãy xoá các dòng trùng.',
    );
    expect(r.values.TT01).toBeUndefined();
    expect(r.findings.length).toBeLessThan(5);
  });

  it('a code on two rows keeps the plain message', async () => {
    const r = parseReturn(await withRows(1, (row) => codeRow(row, 'TT01', '9')), ctx);
    const dup = r.findings.filter((f) => f.check === 'IMPORT_DUPLICATE_CODE');
    expect(dup.map((f) => f.message)).toEqual([
      'Tệp X03.xlsx, trang Số liệu, ô E1000 (TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành): ' +
        'mã chỉ tiêu đã có ở ô E4; không biết số liệu nào đúng nên cả hai đều không được tổng hợp. Hãy xoá dòng trùng.',
    ]);
    expect(dup[0]!.cells).toEqual(['X03.xlsx!Số liệu!E4', 'X03.xlsx!Số liệu!E1000']);
  });

  it('10,000 unknown codes and 10,000 values without a code: 20 findings each, then one summary each', async () => {
    const bytes = await withRows(20_000, (r, i) =>
      i % 2 === 0 ? codeRow(r, `ZZ${i}`, '4') : `<row r="${r}"><c r="E${r}"><v>${i}</v></c></row>`,
    );
    const r = parseReturn(bytes, ctx);
    const count = (check: string) => r.findings.filter((f) => f.check === check).length;
    expect(count('IMPORT_UNKNOWN_CODE')).toBe(20);
    expect(count('IMPORT_VALUE_WITHOUT_CODE')).toBe(20);
    const capped = r.findings.filter((f) => f.check === 'IMPORT_FINDINGS_CAPPED');
    expect(capped.map((f) => [f.severity, f.cells, f.message])).toEqual([
      [
        'error',
        ['X03.xlsx!Số liệu!B1040'],
        'Tệp X03.xlsx: còn 9.980 ô khác có cùng vấn đề (mã chỉ tiêu không có trong biểu mẫu), bắt đầu từ ô B1040; ' +
          'chỉ nêu những ô đầu. Nhiều dòng lạ như vậy thường do gửi nhầm tệp hoặc biểu mẫu đã bị sửa: hãy kiểm tra lại tệp.',
      ],
      [
        'warning',
        ['X03.xlsx!Số liệu!E1041'],
        'Tệp X03.xlsx: còn 9.980 ô khác có cùng vấn đề (có số liệu nhưng dòng không có mã chỉ tiêu), bắt đầu từ ô E1041; ' +
          'chỉ nêu những ô đầu. Nhiều dòng lạ như vậy thường do gửi nhầm tệp hoặc biểu mẫu đã bị sửa: hãy kiểm tra lại tệp.',
      ],
    ]);
    // The return's own figures are read as usual.
    expect(r.values.TT01?.value).toBe(7);
    expect(new Set(r.findings.map((f) => f.id)).size).toBe(r.findings.length);
  });
});
