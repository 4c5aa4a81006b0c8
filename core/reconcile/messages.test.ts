/** The sentences of findings, piece by piece: names, cells, and each rule shape. */
import { describe, expect, it } from 'vitest';
import { loadDefaultForm, parseExpr, type Rule } from '../form/index.js';
import { cellsPhrase, figValue, indicatorName, percentBody, ruleFailureBody, type Fig } from './messages.js';
import { ruleShape } from './shapes.js';

const form = loadDefaultForm();
const label = (code: string): string => form.indicatorByCode.get(code)?.label ?? '';
const rule = (expr: string, id = 'R99'): Rule => ({
  id,
  source: expr,
  expr: parseExpr(expr),
  severity: 'error',
  label: 'quy tắc thử',
  refs: [...new Set(expr.match(/[A-Z][A-Z0-9_]*\d+/g) ?? [])],
});
const figs = (...f: Fig[]): Map<string, Fig> => new Map(f.map((x) => [x.code, x]));

describe('indicatorName', () => {
  it('reads "Trong đó: …" labels as "Số …", and lower-cases the first letter mid-sentence unless an acronym', () => {
    expect(label('CV11')).toBe('Trong đó: nữ');
    expect(indicatorName(form, 'CV11')).toBe('Số nữ');
    expect(indicatorName(form, 'CV11', true)).toBe('số nữ');
    expect(indicatorName(form, 'TC02')).toBe('Số Nghị quyết của Hội đồng nhân dân');
    expect(indicatorName(form, 'KL01')).toBe(label('KL01'));
    expect(indicatorName(form, 'KL01', true)).toBe(label('KL01').charAt(0).toLowerCase() + label('KL01').slice(1));
    expect(indicatorName(form, 'ZZ01')).toBe('ZZ01');
    expect(indicatorName(form, 'ZZ01', true)).toBe('ZZ01'); // "Z" then "Z": an acronym stays
    expect(indicatorName(form, 'X', true)).toBe('X');
  });
});

describe('figValue', () => {
  it('writes a figure in its indicator’s notation', () => {
    expect(figValue(form, 'KL01', 1668)).toBe('1.668');
    expect(figValue(form, 'TTHC05', 37.3649)).toBe('37,36%');
    expect(figValue(form, 'TTHC06', 10741056503)).toBe('10.741.056.503');
    expect(figValue(form, 'ZZ01', 2.5)).toBe('2,5');
  });
});

describe('cellsPhrase', () => {
  const f = (cell?: string, sheet = 'Số liệu'): Fig => ({ code: 'X', value: 1, sheet, ...(cell ? { cell } : {}) });
  it('is empty when no figure has a cell', () => {
    expect(cellsPhrase([])).toBe('');
    expect(cellsPhrase([{ code: 'X', value: 1 }])).toBe('');
  });
  it('lists one or two cells, leaving out figures without one', () => {
    expect(cellsPhrase([f('E61')])).toBe('ô E61');
    expect(cellsPhrase([{ code: 'X', value: 1 }, f('E61')])).toBe('ô E61');
    expect(cellsPhrase([f('E30'), f('E31')])).toBe('ô E30, E31');
  });
  it('writes three or more consecutive cells of one column as a range', () => {
    expect(cellsPhrase([f('E62'), f('E63'), f('E64')])).toBe('ô E62–E64');
    expect(cellsPhrase([f('AA10'), f('AA11'), f('AA12'), f('AA13')])).toBe('ô AA10–AA13');
  });
  it('lists them when they are not consecutive, not in one column, not on one sheet, or not A1 addresses', () => {
    expect(cellsPhrase([f('E62'), f('E64'), f('E65')])).toBe('ô E62, E64, E65');
    expect(cellsPhrase([f('E63'), f('E62'), f('E64')])).toBe('ô E63, E62, E64');
    expect(cellsPhrase([f('E62'), f('F63'), f('E64')])).toBe('ô E62, F63, E64');
    expect(cellsPhrase([f('E62'), f('E63', 'Phụ lục'), f('E64')])).toBe('ô E62, Phụ lục!E63, E64');
    expect(cellsPhrase([f('xE1'), f('xE2'), f('xE3')])).toBe('ô xE1, xE2, xE3');
    expect(cellsPhrase([f('E1x'), f('E2x'), f('E3x')])).toBe('ô E1x, E2x, E3x');
  });
});

describe('ruleFailureBody, by shape', () => {
  const c = (code: string, value: number, cell?: string): Fig => ({
    code,
    value,
    ...(cell ? { sheet: 'Số liệu', cell } : {}),
  });

  it('a total against its parts', () => {
    const r = rule('KL01 == KL02 + KL03');
    expect(
      ruleFailureBody(form, r, ruleShape(form, r), figs(c('KL01', 5, 'E61'), c('KL02', 1, 'E62'), c('KL03', 3, 'E63'))),
    ).toBe(`${label('KL01')} (ô E61) là 5 nhưng tổng các chỉ tiêu thành phần KL02 + KL03 (ô E62, E63) là 4.`);
  });

  it('a difference', () => {
    const r = rule('BC03 == BC01 - BC02');
    expect(ruleFailureBody(form, r, ruleShape(form, r), figs(c('BC03', 9), c('BC01', 100), c('BC02', 95)))).toBe(
      `${label('BC03')} là 9 nhưng BC01 − BC02 là 100 − 95 = 5.`,
    );
  });

  it('one part, or a sum of parts, over the whole', () => {
    const one = rule('TT04 <= TT03');
    expect(ruleFailureBody(form, one, ruleShape(form, one), figs(c('TT04', 12, 'E8'), c('TT03', 10, 'E7')))).toBe(
      `${label('TT04')} (ô E8) là 12, lớn hơn ${indicatorName(form, 'TT03', true)} (ô E7) là 10.`,
    );
    const sum = rule('TTHC08 + TTHC09 <= TTHC07');
    expect(
      ruleFailureBody(
        form,
        sum,
        ruleShape(form, sum),
        figs(c('TTHC08', 7, 'E30'), c('TTHC09', 5, 'E31'), c('TTHC07', 10, 'E29')),
      ),
    ).toBe(`Tổng TTHC08 + TTHC09 (ô E30, E31) là 12, lớn hơn ${indicatorName(form, 'TTHC07', true)} (ô E29) là 10.`);
  });

  it('a part over a share of the whole', () => {
    const r = rule('BC03 <= 0.1 * BC01');
    expect(ruleFailureBody(form, r, ruleShape(form, r), figs(c('BC03', 15, 'E50'), c('BC01', 100, 'E48')))).toBe(
      `${label('BC03')} (ô E50) là 15, vượt 10% của ${indicatorName(form, 'BC01', true)} (ô E48) là 100 (10% là 10).`,
    );
  });

  it('any other condition, with each figure', () => {
    const r = rule('KL01 != KL02');
    expect(ruleFailureBody(form, r, ruleShape(form, r), figs(c('KL01', 5, 'E61'), c('KL02', 5)))).toBe(
      'Không thỏa mãn điều kiện KL01 != KL02 với KL01 = 5 (ô E61); KL02 = 5.',
    );
    // A figure that is not there is shown as such, never as 0.
    expect(ruleFailureBody(form, r, ruleShape(form, r), figs(c('KL01', 5)))).toBe(
      'Không thỏa mãn điều kiện KL01 != KL02 với KL01 = 5; KL02 = —.',
    );
  });
});

describe('percentBody', () => {
  const stated: Fig = { code: 'TTHC05', value: 2.3, sheet: 'Số liệu', cell: 'E27' };
  const parts: Fig[] = [
    { code: 'TTHC03', value: 2632, sheet: 'Số liệu', cell: 'E25' },
    { code: 'TTHC04', value: 2572, sheet: 'Số liệu', cell: 'E26' },
  ];
  const head = `${label('TTHC05')} (ô E27) ghi 2,3% nhưng tính từ 100 * (TTHC03 - TTHC04) / TTHC03 (ô E25, E26) được 2,28%`;
  const body = (verdict: 'imprecise' | 'truncated' | 'wrong', value = 2.3, decimals = 1) =>
    percentBody(
      form,
      verdict,
      { ...stated, value },
      decimals,
      '100 * (TTHC03 - TTHC04) / TTHC03',
      (100 * 60) / 2632,
      parts,
    );

  it('says what is wrong in each case', () => {
    expect(body('imprecise')).toBe(`${head}: đề nghị ghi đủ hai chữ số thập phân.`);
    expect(body('truncated', 2.2)).toBe(
      `${head.replace('ghi 2,3%', 'ghi 2,2%')}: số đã bị cắt bớt chữ số thay vì làm tròn (làm tròn đúng là 2,3%).`,
    );
    expect(body('wrong', 2.5, 2)).toBe(`${head.replace('ghi 2,3%', 'ghi 2,50%')}.`);
  });
});

describe('ruleShape', () => {
  const shape = (expr: string) => ruleShape(form, rule(expr));
  it('recognises totals, differences, parts, shares and stated percentages, either way round', () => {
    expect(shape('KL01 == KL02 + KL03')).toEqual({ kind: 'total', total: 'KL01', parts: ['KL02', 'KL03'] });
    expect(shape('KL02 + KL03 == KL01')).toEqual({ kind: 'total', total: 'KL01', parts: ['KL02', 'KL03'] });
    expect(shape('BC03 == BC01 - BC02')).toEqual({ kind: 'diff', result: 'BC03', minuend: 'BC01', subtrahend: 'BC02' });
    expect(shape('BC01 - BC02 == BC03')).toEqual({ kind: 'diff', result: 'BC03', minuend: 'BC01', subtrahend: 'BC02' });
    expect(shape('TT04 <= TT03')).toEqual({ kind: 'leq', parts: ['TT04'], whole: 'TT03' });
    expect(shape('TT03 >= TT04')).toEqual({ kind: 'leq', parts: ['TT04'], whole: 'TT03' });
    expect(shape('BC03 <= 0.1 * BC01')).toEqual({ kind: 'share', part: 'BC03', factor: 0.1, whole: 'BC01' });
    expect(shape('BC03 <= BC01 * 0.1')).toEqual({ kind: 'share', part: 'BC03', factor: 0.1, whole: 'BC01' });
    expect(shape('abs(TTHC05 - TTHC03) <= 0.05')).toMatchObject({ kind: 'percent', stated: 'TTHC05' });
  });

  it('falls back to generic for anything else', () => {
    for (const e of [
      'KL01 == KL02', // one part is no total
      'KL01 == KL02 - 1', // a difference of a reference and a number
      'KL01 == 2 - KL02',
      'KL01 == KL02 * KL03',
      'KL01 <= 5', // no whole
      'KL01 <= KL02 * KL03', // no factor
      'KL01 <= 2 * 3',
      'KL01 <= 2 + KL02', // a number and a reference, but no product: no share
      'KL01 <= KL02 - 2',
      'KL01 <= KL02 / 2',
      'abs(KL01 - KL02) <= 1', // not a percent indicator
      'abs(KL01) <= 1',
      'abs(TTHC05 + TTHC03) <= 1',
      'abs(TTHC05 - TTHC03) <= KL01',
      'KL01 < KL02',
      'KL01 > KL02',
      'KL01 != KL02',
      'KL01 > 0 and KL02 > 0',
      '(KL01 + 1) <= KL02',
    ]) {
      expect(shape(e), e).toEqual({ kind: 'generic' });
    }
  });
});
