/**
 * The non-rule checks at their edges: how blanks are grouped, the outlier median and its
 * thresholds, moves since the previous period at exactly the factor and the floor, totals
 * the department holds. Whole findings are compared — ids, values, cells and sentences.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefaultForm, parseForm } from '../form/index.js';
import type { Finding } from '../model/index.js';
import { findPeriod, type Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { reconcile } from './index.js';
import { makeDataset, rowOf, type Fig } from './testing.js';

const form = loadDefaultForm();
const SK = findPeriod('NQ08-SK2023') as Period;
const TK = findPeriod('NQ08-TK2025') as Period;
const so = (i: number): Unit => ({ code: `S${String(i).padStart(2, '0')}`, name: `Sở số ${i}`, tier: 'so' });
const only = (fs: Finding[], check: string): Finding[] => fs.filter((f) => f.check === check);
const E = (code: string): string => `E${rowOf(form, code)}`;
const ref = (unit: string, code: string): string => `${unit}.xlsx!Số liệu!${E(code)}`;

/** Every figure a department fills, set to a value that breaks no rule. */
function fullSo(): Record<string, Fig> {
  const v: Record<string, Fig> = {};
  for (const i of form.indicators) if (i.tiers.includes('so')) v[i.code] = 0;
  return v;
}

describe('completeness: blanks one by one up to three, grouped above', () => {
  const blanksAt = (codes: string[]): Finding[] => {
    const values = fullSo();
    for (const c of codes) delete values[c];
    const ds = makeDataset({ units: [so(1)], values: { S01: values } });
    ds.blanks = {
      S01: Object.fromEntries(codes.map((c) => [c, { ...ds.values.S01!.KL01!.source, cell: E(c), raw: '' }])),
    };
    return only(reconcile(ds).findings, 'MISSING_VALUE');
  };

  it('three blanks are three findings, each naming its cell', () => {
    const f = blanksAt(['KL02', 'KL03', 'KL04']);
    expect(f.map((x) => x.id)).toEqual(['MISSING_VALUE|S01|KL02', 'MISSING_VALUE|S01|KL03', 'MISSING_VALUE|S01|KL04']);
    expect(f[0]).toEqual({
      id: 'MISSING_VALUE|S01|KL02',
      check: 'MISSING_VALUE',
      severity: 'warning',
      scope: 'unit',
      unit: 'S01',
      tier: 'so',
      file: 'S01.xlsx',
      values: [{ code: 'KL02', value: null, source: expect.objectContaining({ cell: E('KL02') }) }],
      cells: [ref('S01', 'KL02')],
      message: `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: bỏ trống chỉ tiêu KL02 "${form.indicatorByCode.get('KL02')?.label}" (ô ${E('KL02')}). Ô trống được hiểu là không có số liệu (không phải số 0); đề nghị đơn vị bổ sung.`,
      status: 'open',
    });
  });

  it('two blanks are two findings', () => {
    expect(blanksAt(['KL02', 'KL03']).map((x) => x.id)).toEqual(['MISSING_VALUE|S01|KL02', 'MISSING_VALUE|S01|KL03']);
  });

  it('four blanks are one finding listing each with its cell', () => {
    const f = blanksAt(['KL02', 'KL03', 'KL04', 'TT01']);
    expect(f).toHaveLength(1);
    // In form order.
    expect(f[0]?.id).toBe('MISSING_VALUE|S01|TT01|KL02|KL03|KL04');
    expect(f[0]?.message).toBe(
      `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: bỏ trống 4 chỉ tiêu: TT01 (ô ${E('TT01')}), KL02 (ô ${E('KL02')}), KL03 (ô ${E('KL03')}), KL04 (ô ${E('KL04')}). Ô trống được hiểu là không có số liệu (không phải số 0); đề nghị đơn vị bổ sung.`,
    );
    expect(f[0]?.cells).toEqual(['TT01', 'KL02', 'KL03', 'KL04'].map((c) => ref('S01', c)));
  });

  it('a blank whose row is missing from the workbook has no cell to name; a unit with no figure at all no file', () => {
    const values = fullSo();
    delete values.KL02;
    const f = only(reconcile(makeDataset({ units: [so(1)], values: { S01: values } })).findings, 'MISSING_VALUE');
    expect(f[0]?.message).toContain(`bỏ trống chỉ tiêu KL02 "${form.indicatorByCode.get('KL02')?.label}". Ô trống`);
    expect(f[0]?.cells).toEqual([]);
    const empty = only(reconcile(makeDataset({ units: [so(1)], values: { S01: {} } })).findings, 'MISSING_VALUE');
    expect(empty[0]?.message.startsWith('Sở số 1 (S01): bỏ trống ')).toBe(true);
    expect(empty[0]?.file).toBeUndefined();
  });
});

describe('outliers: the median, the peers, the thresholds', () => {
  /** Units S01… with R_DUNGHAN = x % (TTHC08 = x·10, TTHC09 = 1000 − x·10). */
  const peers = (xs: number[]) => {
    const units = xs.map((_, i) => so(i + 1));
    const values = Object.fromEntries(
      units.map((u, i) => [u.code, { TTHC08: (xs[i] as number) * 10, TTHC09: 1000 - (xs[i] as number) * 10 }]),
    );
    return { units, values };
  };
  const outliers = (xs: number[], opts = {}) => only(reconcile(makeDataset(peers(xs)), opts).findings, 'OUTLIER');

  it('an even number of peers: the median is the mean of the middle two, whatever the order of units', () => {
    const f = outliers([92, 20, 90, 88, 91, 89]);
    expect(f.map((x) => x.unit)).toEqual(['S02']);
    // sorted 20 88 89 90 91 92: median 89,5; deviations 0,5 0,5 1,5 1,5 2,5 69,5: MAD 1,5.
    expect(f[0]).toEqual({
      id: 'OUTLIER|S02|R_DUNGHAN',
      check: 'OUTLIER',
      severity: 'warning',
      scope: 'unit',
      unit: 'S02',
      tier: 'so',
      file: 'S02.xlsx',
      values: [
        { code: 'R_DUNGHAN', value: 20 },
        { code: 'TTHC08', value: 200, source: expect.objectContaining({ cell: E('TTHC08') }) },
        { code: 'TTHC09', value: 800, source: expect.objectContaining({ cell: E('TTHC09') }) },
      ],
      cells: [ref('S02', 'TTHC08'), ref('S02', 'TTHC09')],
      message:
        'Sở số 2 (S02), tệp S02.xlsx, trang Số liệu: Tỷ lệ hồ sơ giải quyết trước và đúng hạn là 20,00% ' +
        `(tính từ TTHC08 / (TTHC08 + TTHC09), ô ${E('TTHC08')}, ${E('TTHC09')}), khác xa các đơn vị cùng cấp sở ` +
        `(trung vị của 6 đơn vị là 89,50%). Đề nghị kiểm tra lại số liệu.`,
      status: 'open',
    });
  });

  it('an odd number of peers: the middle one', () => {
    const f = outliers([92, 20, 90, 88, 91, 89, 95]);
    expect(f.map((x) => x.unit)).toEqual(['S02']);
    expect(f[0]?.message).toContain('(trung vị của 7 đơn vị là 90,00%)');
  });

  it('five peers are enough, four are not', () => {
    expect(outliers([90, 91, 89, 92, 20]).map((x) => x.unit)).toEqual(['S05']);
    expect(outliers([90, 91, 89, 20])).toEqual([]);
  });

  it('a unit with a zero denominator is no peer and no outlier', () => {
    const { units, values } = peers([90, 91, 89, 92, 88, 91]);
    units.push(so(7));
    values.S07 = { TTHC08: 0, TTHC09: 0 };
    expect(only(reconcile(makeDataset({ units, values })).findings, 'OUTLIER')).toEqual([]);
  });

  it('the z threshold and the minimum gap are both inclusive of "not judged"', () => {
    const xs = [92, 20, 90, 88, 91, 89];
    const z = Math.abs((0.6745 * (20 - 89.5)) / 1.5);
    expect(outliers(xs, { outlierThreshold: z })).toEqual([]);
    expect(outliers(xs, { outlierThreshold: z - 1e-6 })).toHaveLength(1);
    expect(outliers(xs, { outlierMinGap: 69.5 })).toHaveLength(1);
    expect(outliers(xs, { outlierMinGap: 69.5 + 1e-6 })).toEqual([]);
  });

  it('a ratio one of whose figures the tier does not fill is not judged there', () => {
    const raw = JSON.parse(readFileSync(new URL('../../resources/form-cchc.json', import.meta.url), 'utf8')) as {
      ratios: unknown[];
    };
    // Communes fill TT03 but not BC03.
    raw.ratios.push({ code: 'R_THU', label: 'Tỷ lệ thử', num: 'BC03', den: 'TT03' });
    const partial = parseForm(raw);
    const xs = [10, 11, 9, 12, 90];
    const units: Unit[] = xs.map((_, i) => ({ code: `X0${i + 1}`, name: `Xã ${i + 1}`, tier: 'xa' }));
    const values = Object.fromEntries(units.map((u, i) => [u.code, { TT03: 100, BC03: xs[i] as number }]));
    expect(only(reconcile(makeDataset({ form: partial, units, values })).findings, 'OUTLIER')).toEqual([]);
  });

  it('only ratios every figure of which the tier fills are judged', () => {
    // Communes do not fill BC01/BC03: figures there (never kept by the importer) are not judged.
    const xs = [10, 11, 9, 12, 90];
    const units: Unit[] = xs.map((_, i) => ({ code: `X0${i + 1}`, name: `Xã ${i + 1}`, tier: 'xa' }));
    const values = Object.fromEntries(units.map((u, i) => [u.code, { BC01: 100, BC03: xs[i] as number }]));
    expect(only(reconcile(makeDataset({ units, values })).findings, 'OUTLIER')).toEqual([]);
  });
});

describe('previous period: exactly the factor, exactly the floor, to and from zero', () => {
  const move = (a: number, b: number, code = 'TT03') =>
    reconcile(
      makeDataset({
        period: TK,
        units: [so(1)],
        values: { S01: { [code]: b } },
        previous: { period: SK, values: { S01: { [code]: a } } },
      }),
    ).findings.filter((f) => f.check.startsWith('PREV_'));

  it('more than three times up or down is a jump; exactly three times is not', () => {
    expect(move(10, 30)).toEqual([]);
    expect(move(30, 10)).toEqual([]);
    expect(move(10, 31).map((f) => f.check)).toEqual(['PREV_JUMP']);
    expect(move(31, 10).map((f) => f.check)).toEqual(['PREV_JUMP']);
  });

  it('judged when the larger figure reaches the floor of 10, ignored below', () => {
    expect(move(2, 10).map((f) => f.check)).toEqual(['PREV_JUMP']);
    expect(move(10, 2).map((f) => f.check)).toEqual(['PREV_JUMP']);
    expect(move(2, 9)).toEqual([]);
  });

  it('a move from or to zero has no factor', () => {
    expect(move(0, 40)).toEqual([]);
    expect(move(40, 0)).toEqual([]);
  });

  it('a cumulative figure that stays the same is no fall; one that falls is, with both cells', () => {
    expect(move(20, 20, 'BC03')).toEqual([]);
    const [f] = move(20, 19, 'BC03');
    expect(f).toEqual({
      id: `PREV_DECREASE|S01|BC03|${ref('S01', 'BC03')}`,
      check: 'PREV_DECREASE',
      severity: 'warning',
      scope: 'unit',
      unit: 'S01',
      tier: 'so',
      file: 'S01.xlsx',
      values: [
        { code: 'BC03', value: 19, source: expect.objectContaining({ cell: E('BC03') }) },
        { code: 'BC03 (kỳ NQ08-SK2023)', value: 20, source: expect.objectContaining({ cell: E('BC03') }) },
      ],
      cells: [ref('S01', 'BC03')],
      message: `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ${form.indicatorByCode.get('BC03')?.label} là số cộng dồn từ đầu thời kỳ nhưng giảm từ 20 (kỳ NQ08-SK2023, tệp S01.xlsx ô ${E('BC03')}) xuống 19 (ô ${E('BC03')}). Đề nghị kiểm tra lại.`,
      status: 'open',
    });
  });

  it('the message names the file and sheet of the figure that moved', () => {
    const ds = makeDataset({
      period: TK,
      units: [so(1)],
      values: { S01: { KL02: 1, TT03: 40 } },
      previous: { period: SK, values: { S01: { TT03: 10 } } },
    });
    const kl = ds.values.S01!.KL02!;
    ds.values.S01!.KL02 = { ...kl, source: { ...kl.source, file: 'khac.xlsx', sheet: 'Phụ lục' } };
    const [f] = reconcile(ds).findings.filter((x) => x.check === 'PREV_JUMP');
    expect(f?.message.startsWith('Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ')).toBe(true);
  });

  it('a jump says by how much, from the previous file and cell to this one', () => {
    const [f] = move(10, 40);
    expect(f?.id).toBe(`PREV_JUMP|S01|TT03|${ref('S01', 'TT03')}`);
    expect(f?.message).toBe(
      `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ${form.indicatorByCode.get('TT03')?.label} thay đổi hơn 3 lần so với kỳ trước: từ 10 (kỳ NQ08-SK2023, tệp S01.xlsx ô ${E('TT03')}) thành 40 (ô ${E('TT03')}). Đề nghị kiểm tra lại.`,
    );
  });
});

describe('province inputs against the units', () => {
  const input = (key: string, value: number) => ({ key, value, note: 'Văn bản số 1', by: 'cv', at: '2023-07-02' });
  const run = (inputs: ReturnType<typeof input>[], values: Record<string, Record<string, Fig>> = {}) =>
    reconcile(makeDataset({ units: [so(1)], values, provinceInputs: inputs })).findings.filter(
      (f) => f.scope === 'province',
    );

  it('the inputs of targets (MT3, MT5, MT8, MT9) are used by the targets, not compared', () => {
    expect(run([input('MT3', 85), input('MT5', 70), input('MT8', 30), input('MT9', 40)])).toEqual([]);
  });

  it('a target judged from a ratio takes no input: its key is reported', () => {
    expect(run([input('MT1', 90)]).map((f) => f.id)).toEqual(['UNKNOWN_PROVINCE_INPUT|province|MT1']);
  });

  it('a key that is neither a target input nor an additive indicator is reported, never used', () => {
    expect(run([input('TTHC05', 37)])).toEqual([
      {
        id: 'UNKNOWN_PROVINCE_INPUT|province|TTHC05',
        check: 'UNKNOWN_PROVINCE_INPUT',
        severity: 'warning',
        scope: 'province',
        values: [{ code: 'TTHC05', value: 37 }],
        cells: [],
        message:
          'Số liệu cấp tỉnh nhập với mã "TTHC05" không phải là chỉ tiêu cộng được hay chỉ tiêu mục tiêu của biểu mẫu nên không được sử dụng.',
        status: 'open',
      },
    ]);
  });

  it('a held total is compared exactly: any difference is a finding with both figures', () => {
    const [f] = run([input('TCC01', 1e-9)], { S01: { TCC01: 0 } });
    expect(f).toEqual({
      id: 'HELD_TOTAL_MISMATCH|province|TCC01',
      check: 'HELD_TOTAL_MISMATCH',
      severity: 'warning',
      scope: 'province',
      values: [
        { code: 'TCC01 (số liệu của Sở)', value: 1e-9 },
        { code: 'TCC01 (tổng các đơn vị)', value: 0 },
      ],
      cells: [],
      message: `${form.indicatorByCode.get('TCC01')?.label} (TCC01) toàn tỉnh theo số liệu Sở nắm giữ là 0 (nguồn: Văn bản số 1), nhưng tổng cộng từ báo cáo của các đơn vị là 0 (từ 1/1 đơn vị).`,
      status: 'open',
    });
    expect(run([input('TCC01', 0)], { S01: { TCC01: 0 } })).toEqual([]);
  });
});
