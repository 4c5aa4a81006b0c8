/**
 * Reconciliation at its edges: rules on totals (division by zero, culprits, ids), ratios
 * nobody can compute, targets without data, the order and status of findings, the dataset
 * hash (pinned: it is printed on checklists) and the JSON of cli.md field by field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefaultForm, parseForm, type Form, type Target } from '../form/index.js';
import type { Finding } from '../model/index.js';
import type { Dataset } from '../model/consolidation.js';
import { findPeriod, type Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { consolidationToJson, datasetHash, reconcile } from './index.js';
import { unitPrefix } from './context.js';
import { judgeTargets } from './targets.js';
import { unitRatio } from './totals.js';
import { makeDataset, rowOf } from './testing.js';

const form = loadDefaultForm();
const SK = findPeriod('NQ08-SK2023') as Period;
const so = (i: number): Unit => ({ code: `S${String(i).padStart(2, '0')}`, name: `Sở số ${i}`, tier: 'so' });
const E = (code: string): string => `E${rowOf(form, code)}`;

/** The built-in form with extra rules. */
function formWith(rules: { id: string; expr: string; severity: 'error' | 'warning' | 'info'; label: string }[]): Form {
  const raw = JSON.parse(readFileSync(new URL('../../resources/form-cchc.json', import.meta.url), 'utf8')) as {
    rules: unknown[];
  };
  raw.rules.push(...rules);
  return parseForm(raw);
}

describe('rules with a division', () => {
  const divForm = formWith([{ id: 'R90', expr: 'KL02 / KL03 <= 10', severity: 'error', label: 'thử phép chia' }]);
  it('a zero denominator skips the rule at unit and at total level, never a failure', () => {
    const c = reconcile(
      makeDataset({
        form: divForm,
        units: [so(1), so(2)],
        values: { S01: { KL02: 5, KL03: 0 }, S02: { KL02: 7, KL03: 0 } },
      }),
    );
    expect(c.findings.filter((f) => f.check === 'R90')).toEqual([]);
    expect(c.ruleStats.find((s) => s.id === 'R90')).toEqual({
      id: 'R90',
      evaluated: 4,
      passed: 0,
      failed: 0,
      skipped: 4,
      skippedAt: ['S01', 'S02', 'tier:so', 'province'],
    });
  });

  it('a failure is explained with each figure', () => {
    const c = reconcile(makeDataset({ form: divForm, units: [so(1)], values: { S01: { KL02: 50, KL03: 2 } } }));
    const f = c.findings.filter((x) => x.check === 'R90');
    expect(f.map((x) => [x.id, x.severity, x.scope])).toEqual([
      [`R90|S01|S01.xlsx!Số liệu!${E('KL02')}|S01.xlsx!Số liệu!${E('KL03')}`, 'error', 'unit'],
      ['R90|tier:so', 'info', 'so'],
      ['R90|province', 'info', 'province'],
    ]);
    expect(f[0]?.message).toBe(
      `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: Không thỏa mãn điều kiện KL02 / KL03 <= 10 với KL02 = 50 (ô ${E('KL02')}); KL03 = 2 (ô ${E('KL03')}). (Quy tắc R90: thử phép chia.)`,
    );
  });
});

describe('a rule only where the tier fills every figure of it', () => {
  it('a commune, which does not fill BC01, is not checked against a rule naming it', () => {
    const partial = formWith([{ id: 'R91', expr: 'KL01 <= BC01', severity: 'warning', label: 'thử một phần' }]);
    const c = reconcile(
      makeDataset({
        form: partial,
        units: [so(1), { code: 'X01', name: 'Xã 1', tier: 'xa' }],
        values: { S01: { KL01: 1, BC01: 5 }, X01: { KL01: 3 } },
      }),
    );
    expect(c.ruleStats.find((r) => r.id === 'R91')).toEqual({
      id: 'R91',
      evaluated: 3,
      passed: 3,
      failed: 0,
      skipped: 0,
      skippedAt: [],
    });
  });
});

describe('rules on totals', () => {
  it('a total failing because of its units is information naming them, with the scope and the count of units', () => {
    const c = reconcile(
      makeDataset({
        units: [so(1), so(2), so(3)],
        values: { S01: { TT03: 10, TT04: 12 }, S02: { TT03: 10, TT04: 11 }, S03: { TT03: 10 } },
      }),
    );
    const totals = c.findings.filter((f) => f.check === 'R06' && f.scope !== 'unit');
    expect(totals.map((f) => f.id)).toEqual(['R06|tier:so', 'R06|province']);
    expect(totals[1]).toEqual({
      id: 'R06|province',
      check: 'R06',
      severity: 'info',
      scope: 'province',
      values: [
        { code: 'TT04', value: 23 },
        { code: 'TT03', value: 20 },
      ],
      cells: [],
      message: `Tổng toàn tỉnh (cộng 2/3 đơn vị có đủ số liệu của quy tắc R06): ${form.indicatorByCode.get('TT04')?.label} là 23, lớn hơn tổng số cán bộ, công chức, viên chức thuộc phạm vi quán triệt là 20. Sai lệch do số liệu của đơn vị S01, S02 (đã nêu ở từng đơn vị). (Quy tắc R06: ${form.rules.find((r) => r.id === 'R06')?.label}.)`,
      status: 'open',
    });
    expect(totals[0]).toMatchObject({ tier: 'so', message: expect.stringMatching(/^Tổng cấp sở \(cộng 2\/3 đơn vị/) });
  });

  it('a stated percentage that is off is explained with the cells of its parts', () => {
    const c = reconcile(
      makeDataset({
        units: [so(1)],
        values: { S01: { TTHC03: 2632, TTHC04: 2572, TTHC05: { value: 2.5, decimals: 2 } } },
      }),
    );
    expect(c.findings.find((f) => f.check === 'R11')?.message).toBe(
      `Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ${form.indicatorByCode.get('TTHC05')?.label} (ô ${E('TTHC05')}) ghi 2,50% ` +
        `nhưng tính từ 100 * (TTHC03 - TTHC04) / TTHC03 (ô ${E('TTHC03')}, ${E('TTHC04')}) được 2,28%. ` +
        `(Quy tắc R11: ${form.rules.find((r) => r.id === 'R11')?.label}.)`,
    );
  });

  it('a unit message starts with the file and sheet of the first of the figures named that the unit has', () => {
    const values = makeDataset({ units: [so(1)], values: { S01: { KL01: 3, TT03: 10 } } }).values.S01!;
    values.KL01 = { ...values.KL01!, source: { ...values.KL01!.source, file: 'a.xlsx', sheet: 'Phụ lục' } };
    const ordered = { KL01: values.KL01, TT03: values.TT03! };
    expect(unitPrefix(so(1), ordered, ['ZZ99', 'TT03'])).toBe('Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ');
    expect(unitPrefix(so(1), ordered, ['ZZ99'])).toBe('Sở số 1 (S01), tệp a.xlsx, trang Phụ lục: ');
    expect(unitPrefix(so(1), ordered)).toBe('Sở số 1 (S01), tệp a.xlsx, trang Phụ lục: ');
    expect(unitPrefix(so(1), undefined, ['TT03'])).toBe('Sở số 1 (S01): ');
  });

  it('a unit message names the sheet of the rule’s figures, not of another figure', () => {
    const ds = makeDataset({ units: [so(1)], values: { S01: { KL01: 3, TT03: 10, TT04: 12 } } });
    const kl = ds.values.S01!.KL01!;
    ds.values.S01!.KL01 = { ...kl, source: { ...kl.source, sheet: 'Phụ lục' } };
    // KL01 comes first in the unit's values; R06 is about TT03 and TT04 on "Số liệu".
    ds.values.S01 = { KL01: ds.values.S01!.KL01!, TT03: ds.values.S01!.TT03!, TT04: ds.values.S01!.TT04! };
    const r06 = reconcile(ds).findings.find((f) => f.check === 'R06' && f.scope === 'unit');
    expect(r06?.message.startsWith('Sở số 1 (S01), tệp S01.xlsx, trang Số liệu: ')).toBe(true);
  });
});

describe('ratios', () => {
  it('a unit ratio is null without the unit, with a blank, or with a zero denominator', () => {
    const r = form.ratioByCode.get('R_DUNGHAN')!;
    const values = makeDataset({ units: [so(1)], values: { S01: { TTHC08: 30, TTHC09: 10 } } }).values.S01;
    expect(unitRatio(r, values)).toBe(75);
    expect(unitRatio(r, undefined)).toBeNull();
    expect(unitRatio(r, { TTHC08: values!.TTHC08! })).toBeNull();
    const zero = makeDataset({ units: [so(1)], values: { S01: { TTHC08: 0, TTHC09: 0 } } }).values.S01;
    expect(unitRatio(r, zero)).toBeNull();
  });

  it('summed denominators of zero give no ratio at any level, never 0 or NaN', () => {
    const c = reconcile(
      makeDataset({ units: [so(1), so(2)], values: { S01: { TTHC08: 0, TTHC09: 0 }, S02: { TTHC08: 0, TTHC09: 0 } } }),
    );
    expect(c.ratios.so.R_DUNGHAN).toEqual({ value: null, num: 0, den: 0, contributing: 2, of: 2 });
    expect(c.ratios.province.R_DUNGHAN).toEqual({ value: null, num: 0, den: 0, contributing: 2, of: 2 });
  });

  it('a ratio no tier of the period fills is absent, not null', () => {
    const onlyCommunes: Period = { ...SK, tiers: ['xa'] };
    const c = reconcile(
      makeDataset({ period: onlyCommunes, units: [{ code: 'X01', name: 'Xã 1', tier: 'xa' }], values: {} }),
    );
    expect('R_TUCHU' in c.ratios.province).toBe(false);
    expect('R_DUNGHAN' in c.ratios.province).toBe(true);
  });
});

describe('targets', () => {
  it('a target with thresholds per tier and no tier of them in the period has no data', () => {
    const results = judgeTargets(form.targets, { so: {}, huyen: {}, xa: {}, province: {} }, [], [], 0.1);
    expect(results.find((t) => t.id === 'MT6')).toMatchObject({
      status: 'thieu-so-lieu',
      byTier: {},
      failingTiers: [],
    });
  });

  it('a province input target shows its unit, or none', () => {
    const t: Target = { id: 'MT99', label: 'thử', input: 'province', op: '<=', value: 10 };
    const [r] = judgeTargets([t], { so: {}, huyen: {}, xa: {}, province: {} }, [], ['so'], 0.1);
    expect(r).toEqual({
      id: 'MT99',
      label: 'thử',
      op: '<=',
      source: 'input',
      unit: '',
      value: null,
      threshold: 10,
      status: 'thieu-so-lieu',
    });
  });
});

describe('findings: order, duplicates, statuses', () => {
  const f = (over: Partial<Finding>): Finding => ({
    id: over.check ?? 'X',
    check: 'X',
    severity: 'warning',
    scope: 'file',
    values: [],
    cells: [],
    message: '',
    status: 'open',
    ...over,
  });

  it('units in register order, then unknown units, then tiers, the province, files — whatever the check', () => {
    const ds = makeDataset({ units: [so(1), so(2)], values: {} });
    ds.importFindings = [
      f({ id: 'f-file', check: 'A1', scope: 'file' }),
      f({ id: 'f-province', check: 'A2', scope: 'province' }),
      f({ id: 'f-xa', check: 'A3', scope: 'xa' }),
      f({ id: 'f-so', check: 'A4', scope: 'so' }),
      f({ id: 'f-unknown', check: 'A5', scope: 'unit', unit: 'ZZ' }),
      f({ id: 'f-s02', check: 'Z6', scope: 'unit', unit: 'S02' }),
      f({ id: 'f-s01', check: 'Z7', scope: 'unit', unit: 'S01' }),
    ];
    const order = reconcile(ds)
      .findings.filter((x) => x.id.startsWith('f-'))
      .map((x) => x.id);
    expect(order).toEqual(['f-s01', 'f-s02', 'f-unknown', 'f-so', 'f-xa', 'f-province', 'f-file']);
  });

  it('one finding per id', () => {
    const ds = makeDataset({ units: [so(1)], values: {} });
    ds.importFindings = [f({ id: 'same', message: 'một' }), f({ id: 'same', message: 'hai' })];
    expect(
      reconcile(ds)
        .findings.filter((x) => x.id === 'same')
        .map((x) => x.message),
    ).toEqual(['một']);
  });

  it('"fixed" needs no note', () => {
    const ds = makeDataset({
      units: [so(1)],
      values: {},
      resolutions: { same: { status: 'fixed', note: '', by: 'cv', at: '2023-07-03' } },
    });
    ds.importFindings = [f({ id: 'same' })];
    expect(reconcile(ds).findings.find((x) => x.id === 'same')).toMatchObject({ status: 'fixed', note: '' });
  });
});

/** The hash of `base()` as computed when this test was written. */
const PINNED = '4a9c78dae5b13edde2ec531df0088b37dce0f0cb5ad165694b41a6074b3c2c82';

describe('dataset hash', () => {
  const base = (): Dataset =>
    makeDataset({
      units: [so(1), so(2), { code: 'X01', name: 'Xã 1', tier: 'xa', parent: 'H01' }],
      values: { S01: { KL01: 5, KL02: 3 }, S02: { KL01: 7 } },
      provinceInputs: [
        { key: 'MT8', value: 30, note: 'a', by: 'cv', at: '2023-07-02' },
        { key: 'KL01', value: 12, note: 'b', by: 'cv', at: '2023-07-02' },
      ],
    });

  it('is pinned: the code printed on checklists must not change for the same data', () => {
    expect(datasetHash(base())).toBe(PINNED);
  });

  it('ignores the order of units, values and inputs', () => {
    const b = base();
    b.units = [...b.units].reverse();
    b.values = { S02: b.values.S02!, S01: { KL02: b.values.S01!.KL02!, KL01: b.values.S01!.KL01! } };
    b.provinceInputs = [...b.provinceInputs].reverse();
    expect(datasetHash(b)).toBe(PINNED);
  });

  it('changes with the period, the register, which unit and which indicator holds a figure, and the inputs', () => {
    const changed: [string, (d: Dataset) => void][] = [
      ['period', (d) => (d.period = findPeriod('NQ08-TK2025') as Period)],
      ['unit name', (d) => (d.units[0] = { ...d.units[0]!, name: 'Sở khác' })],
      ['unit tier', (d) => (d.units[0] = { ...d.units[0]!, tier: 'huyen' })],
      ['parent', (d) => (d.units[2] = { ...d.units[2]!, parent: 'H02' })],
      ['figure moved to another unit', (d) => (d.values = { S01: d.values.S01!, S03: d.values.S02! })],
      [
        'figure under another code',
        (d) => (d.values = { S01: d.values.S01!, S02: { KL03: { ...d.values.S02!.KL01!, code: 'KL03' } } }),
      ],
      ['input value', (d) => (d.provinceInputs[0] = { ...d.provinceInputs[0]!, value: 31 })],
      ['input key', (d) => (d.provinceInputs[0] = { ...d.provinceInputs[0]!, key: 'MT9' })],
    ];
    for (const [what, change] of changed) {
      const d = base();
      change(d);
      expect(datasetHash(d), what).not.toBe(PINNED);
    }
  });
});

describe('JSON of the consolidation, field by field', () => {
  it('leaves out what a finding or a target does not have, and keeps what it has', () => {
    const ds = makeDataset({
      units: [so(1)],
      values: { S01: { TT03: 10, TT04: 12 } },
      resolutions: {},
    });
    ds.importFindings = [
      {
        id: 'bare',
        check: 'IMPORT_X',
        severity: 'error',
        scope: 'file',
        values: [],
        cells: [],
        message: 'm',
        status: 'open',
      },
    ];
    ds.resolutions = { bare: { status: 'explained', note: 'đã xem', by: 'cv', at: '2023-07-03' } };
    const j = consolidationToJson(reconcile(ds));
    const bare = j.findings.find((x) => x.id === 'bare');
    expect(bare).toStrictEqual({
      id: 'bare',
      check: 'IMPORT_X',
      severity: 'error',
      scope: 'file',
      cells: [],
      message: 'm',
      status: 'explained',
      note: 'đã xem',
    });
    const r06 = j.findings.find((x) => x.check === 'R06' && x.scope === 'unit');
    expect(Object.keys(r06 ?? {})).toEqual([
      'id',
      'check',
      'severity',
      'scope',
      'unit',
      'tier',
      'file',
      'cells',
      'message',
      'status',
    ]);
    const total = j.findings.find((x) => x.check === 'R06' && x.scope === 'province');
    expect(Object.keys(total ?? {})).toEqual(['id', 'check', 'severity', 'scope', 'cells', 'message', 'status']);
    const tierTotal = j.findings.find((x) => x.check === 'R06' && x.scope === 'so');
    expect(tierTotal?.tier).toBe('so');
    const mt6 = j.targets.find((t) => t.id === 'MT6');
    expect(Object.keys(mt6 ?? {})).toEqual([
      'id',
      'label',
      'status',
      'value',
      'op',
      'threshold',
      'unit',
      'byTier',
      'failingTiers',
    ]);
    expect(Object.keys(j.targets.find((t) => t.id === 'MT1') ?? {})).toEqual([
      'id',
      'label',
      'status',
      'value',
      'op',
      'threshold',
      'unit',
    ]);
  });
});
