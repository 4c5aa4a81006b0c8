import { describe, expect, it } from 'vitest';
import { loadDefaultForm, parseForm } from '../form/index.js';
import { readResourceJson } from '../resources.js';
import type { Unit } from '../units/index.js';
import { reconcile } from './index.js';
import { ruleShape } from './shapes.js';
import { consistentFigures, makeDataset, rng, rowOf, type Fig } from './testing.js';

const form = loadDefaultForm();
const S01: Unit = { code: 'S01', name: 'Sở Nội vụ', tier: 'so' };
const S02: Unit = { code: 'S02', name: 'Sở Tư pháp', tier: 'so' };
const X01: Unit = { code: 'X01', name: 'UBND xã Bản Lang', tier: 'xa', parent: 'H01' };
const cell = (unit: string, code: string): string => `${unit}.xlsx!Số liệu!E${rowOf(form, code)}`;
const num = (f: Fig | undefined): number => (typeof f === 'number' ? f : (f?.value ?? Number.NaN));

/** Change figures so that the rule fails, whatever its shape. */
function breakRule(ruleId: string, f: Record<string, Fig>): void {
  const rule = form.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(ruleId);
  const shape = ruleShape(form, rule);
  switch (shape.kind) {
    case 'total':
      f[shape.total] = num(f[shape.total]) + 1;
      return;
    case 'diff':
      f[shape.result] = num(f[shape.result]) + 1;
      return;
    case 'leq':
      f[shape.parts[0] as string] = num(f[shape.whole]) + 1;
      return;
    case 'share':
      f[shape.whole] = 100;
      f[shape.part] = 11;
      return;
    case 'percent':
      f[shape.stated] = { value: num(f[shape.stated]) + 5, decimals: 2 };
      return;
    case 'generic':
      throw new Error(`no breaker for ${ruleId}`);
  }
}

describe('the 31 rules, each passing and failing on a unit return', () => {
  const base = consistentFigures(form, 'so', rng(11));
  const clean = reconcile(makeDataset({ units: [S01], values: { S01: base } }));

  it('consistent figures pass every rule at unit, tier and province level', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.ruleStats).toHaveLength(31);
    for (const s of clean.ruleStats) {
      // R11 is about a stated percentage, which is not summed: it runs on units only.
      expect(s, s.id).toMatchObject({ evaluated: s.id === 'R11' ? 1 : 3, failed: 0, skipped: 0 });
      expect(s.passed).toBe(s.evaluated);
    }
  });

  it.each(form.rules.map((r) => [r.id, r.severity, r.refs] as const))(
    '%s fails with severity %s',
    (id, severity, refs) => {
      const figs = { ...base };
      breakRule(id, figs);
      const c = reconcile(makeDataset({ units: [S01], values: { S01: figs } }));
      const unitFinding = c.findings.find((f) => f.check === id && f.scope === 'unit');
      expect(unitFinding).toMatchObject({ severity, unit: 'S01', tier: 'so', file: 'S01.xlsx', status: 'open' });
      expect(unitFinding?.cells).toEqual(refs.map((r) => cell('S01', r)));
      expect(unitFinding?.values.map((v) => v.source?.cell)).toEqual(refs.map((r) => `E${rowOf(form, r)}`));
      expect(unitFinding?.message).toMatch(/^Sở Nội vụ \(S01\), tệp S01\.xlsx, trang Số liệu: /);
      expect(unitFinding?.message).toContain(`Quy tắc ${id}:`);
      expect(c.ruleStats.find((s) => s.id === id)?.failed).toBeGreaterThanOrEqual(1);
      if (id !== 'R11') {
        // The totals restate the unit's error: kept as info naming the unit, not a second error.
        const totals = c.findings.filter((f) => f.check === id && f.scope !== 'unit');
        expect(totals.map((f) => [f.scope, f.severity])).toEqual([
          ['so', 'info'],
          ['province', 'info'],
        ]);
        expect(totals[0]?.message).toContain('Sai lệch do số liệu của đơn vị S01');
      }
    },
  );
});

describe('messages name the cells and the figures', () => {
  const kl = { KL01: 5, KL02: 1, KL03: 1, KL04: 1, KL05: 1, KL06: 0, KL07: 0 };

  it('R01: a total against its parts', () => {
    const c = reconcile(makeDataset({ units: [S01], values: { S01: kl } }));
    const f = c.findings.find((x) => x.check === 'R01' && x.scope === 'unit');
    expect(f?.message).toBe(
      `Sở Nội vụ (S01), tệp S01.xlsx, trang Số liệu: Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật ` +
        `(ô E${rowOf(form, 'KL01')}) là 5 nhưng tổng các chỉ tiêu thành phần KL02 + KL03 + KL04 + KL05 + KL06 + KL07 ` +
        `(ô E${rowOf(form, 'KL02')}–E${rowOf(form, 'KL07')}) là 4. ` +
        `(Quy tắc R01: Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật.)`,
    );
    expect(f?.severity).toBe('error');
  });

  it('R06: a part larger than its whole', () => {
    const c = reconcile(makeDataset({ units: [S01], values: { S01: { TT03: 100, TT04: 120 } } }));
    const f = c.findings.find((x) => x.check === 'R06' && x.scope === 'unit');
    expect(f?.message).toContain(
      `Số cán bộ, công chức, viên chức đã tham gia quán triệt (ô E${rowOf(form, 'TT04')}) là 120, ` +
        `lớn hơn tổng số cán bộ, công chức, viên chức thuộc phạm vi quán triệt (ô E${rowOf(form, 'TT03')}) là 100.`,
    );
  });

  it('R03: a difference', () => {
    const c = reconcile(makeDataset({ units: [S01], values: { S01: { BC01: 100, BC02: 90, BC03: 12 } } }));
    const f = c.findings.find((x) => x.check === 'R03' && x.scope === 'unit');
    expect(f?.message).toContain(
      `Số biên chế công chức đã giảm so với năm 2021 (ô E${rowOf(form, 'BC03')}) là 12 nhưng BC01 − BC02 ` +
        `(ô E${rowOf(form, 'BC01')}, E${rowOf(form, 'BC02')}) là 100 − 90 = 10.`,
    );
  });

  it('R31: more than a share of the whole', () => {
    const c = reconcile(makeDataset({ units: [S01], values: { S01: { BC01: 1668, BC02: 1468, BC03: 200 } } }));
    const f = c.findings.find((x) => x.check === 'R31' && x.scope === 'unit');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain(
      `là 200, vượt 10% của biên chế công chức được giao năm 2021 (ô E${rowOf(form, 'BC01')}) là 1.668 (10% là 166,8).`,
    );
  });

  it('a rule of no known shape quotes its condition and figures', () => {
    const json = readResourceJson('form-cchc.json') as {
      rules: { id: string; expr: string; severity: string; label: string }[];
    };
    json.rules = [{ id: 'R90', expr: 'KL01 * 2 >= KL02 or KL01 == 0', severity: 'error', label: 'Quy tắc thử' }];
    const custom = parseForm(json);
    const c = reconcile(makeDataset({ form: custom, units: [S01], values: { S01: { KL01: 1, KL02: 3 } } }));
    const f = c.findings.find((x) => x.check === 'R90' && x.scope === 'unit');
    expect(f?.message).toContain(
      `Không thỏa mãn điều kiện KL01 * 2 >= KL02 or KL01 == 0 với KL01 = 1 (ô E${rowOf(form, 'KL01')}); KL02 = 3 (ô E${rowOf(form, 'KL02')}).`,
    );
  });
});

describe('blanks and where rules run', () => {
  it('a blank figure skips the rule (counted and listed, never passed) and is a completeness warning', () => {
    const c = reconcile(
      makeDataset({ units: [S01], values: { S01: { KL01: 5, KL02: 1, KL04: 1, KL05: 1, KL06: 1, KL07: 0 } } }),
    );
    expect(c.findings.some((f) => f.check === 'R01')).toBe(false);
    expect(c.ruleStats.find((s) => s.id === 'R01')).toEqual({
      id: 'R01',
      evaluated: 3,
      passed: 0,
      failed: 0,
      skipped: 3,
      skippedAt: ['S01', 'tier:so', 'province'],
    });
    const missing = c.findings.find((f) => f.check === 'MISSING_VALUE');
    expect(missing?.severity).toBe('warning');
    expect(missing?.values.map((v) => v.code)).toContain('KL03');
    expect(missing?.message).toMatch(/^Sở Nội vụ \(S01\), tệp S01\.xlsx, trang Số liệu: bỏ trống \d+ chỉ tiêu: .*KL03/);
  });

  it('a few blanks are one finding each, naming the indicator', () => {
    const figs = consistentFigures(form, 'xa', rng(3));
    delete figs.KL05;
    const c = reconcile(makeDataset({ units: [X01], values: { X01: figs } }));
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]).toMatchObject({
      check: 'MISSING_VALUE',
      unit: 'X01',
      values: [{ code: 'KL05', value: null }],
    });
    expect(c.findings[0]?.message).toContain('bỏ trống chỉ tiêu KL05 "Hình thức giáng chức"');
  });

  it('one slip, one finding: a cell refused as unreadable is not also a blank', () => {
    const figs = consistentFigures(form, 'xa', rng(3));
    delete figs.KL05;
    delete figs.TT02;
    const ds = makeDataset({ units: [X01], values: { X01: figs } });
    const src = { file: 'X01.xlsx', sha256: 'ab'.repeat(32), sheet: 'Số liệu', cell: 'E5', raw: '1,5' };
    ds.importFindings = [
      {
        id: 'IMPORT_AMBIGUOUS_NUMBER|X01|X01.xlsx!Số liệu!E5',
        check: 'IMPORT_AMBIGUOUS_NUMBER',
        severity: 'error',
        scope: 'unit',
        unit: 'X01',
        tier: 'xa',
        file: 'X01.xlsx',
        values: [{ code: 'TT02', value: null, source: src }],
        cells: ['X01.xlsx!Số liệu!E5'],
        message: 'Tệp X01.xlsx, trang Số liệu, ô E5 (TT02 – …): giá trị "1,5" không đọc được chắc chắn.',
        status: 'open',
      },
    ];
    const c = reconcile(ds);
    expect(c.findings.map((f) => [f.check, f.values.map((v) => v.code)])).toEqual([
      ['IMPORT_AMBIGUOUS_NUMBER', ['TT02']],
      ['MISSING_VALUE', ['KL05']],
    ]);
  });

  it('a blank names its cell when the importer saw the empty value cell', () => {
    const figs = consistentFigures(form, 'xa', rng(3));
    delete figs.KL05;
    const ds = makeDataset({ units: [X01], values: { X01: figs } });
    const where = { file: 'X01.xlsx', sha256: 'ab'.repeat(32), sheet: 'Số liệu', cell: 'E65', raw: '' };
    ds.blanks = { X01: { KL05: where } };
    const f = reconcile(ds).findings[0];
    expect(f?.message).toContain('bỏ trống chỉ tiêu KL05 "Hình thức giáng chức" (ô E65).');
    expect(f?.cells).toEqual(['X01.xlsx!Số liệu!E65']);
    expect(f?.values).toEqual([{ code: 'KL05', value: null, source: where }]);
  });

  it('a commune is not checked against rules on figures its tier does not fill', () => {
    const c = reconcile(makeDataset({ units: [X01], values: { X01: consistentFigures(form, 'xa', rng(5)) } }));
    expect(c.findings).toEqual([]);
    expect(c.ruleStats.find((s) => s.id === 'R02')).toMatchObject({ evaluated: 0, skipped: 0 });
    expect(c.ruleStats.find((s) => s.id === 'R01')).toMatchObject({ evaluated: 3, passed: 3 });
  });

  it('totals are checked only over units that reported every figure of the rule', () => {
    // S02 reported KL01 alone: the tier's KL01 total includes it, but R01 on totals does not.
    const s01 = { KL01: 4, KL02: 1, KL03: 1, KL04: 1, KL05: 1, KL06: 0, KL07: 0 };
    const c = reconcile(makeDataset({ units: [S01, S02], values: { S01: s01, S02: { KL01: 7 } } }));
    expect(c.totals.so.KL01).toEqual({ value: 11, contributing: 2, of: 2 });
    expect(c.totals.so.KL02).toEqual({ value: 1, contributing: 1, of: 2 });
    expect(c.findings.some((f) => f.check === 'R01')).toBe(false);
    expect(c.ruleStats.find((s) => s.id === 'R01')).toMatchObject({ passed: 3, skipped: 1, skippedAt: ['S02'] });
  });

  it('a total failing while every unit passes keeps the rule severity and says no unit is wrong alone', () => {
    const json = readResourceJson('form-cchc.json') as {
      rules: { id: string; expr: string; severity: string; label: string }[];
    };
    json.rules = [{ id: 'R91', expr: 'KL01 <= 5', severity: 'error', label: 'Tối đa 5 người bị kỷ luật' }];
    const custom = parseForm(json);
    const c = reconcile(
      makeDataset({ form: custom, units: [S01, S02], values: { S01: { KL01: 4 }, S02: { KL01: 3 } } }),
    );
    const tier = c.findings.find((f) => f.check === 'R91' && f.scope === 'so');
    expect(tier).toMatchObject({ severity: 'error', tier: 'so', cells: [], values: [{ code: 'KL01', value: 7 }] });
    expect(tier?.message).toMatch(/^Tổng cấp sở \(cộng 2\/2 đơn vị có đủ số liệu của quy tắc R91\): /);
    expect(tier?.message).toContain('Không đơn vị nào sai riêng lẻ');
  });
});
