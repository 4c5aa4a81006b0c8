import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, indicatorsForTier, loadDefaultForm, type Tier } from '../form/index.js';
import { parseVietnameseNumber } from '../numbers/index.js';
import { findPeriod, type Period } from '../period/index.js';
import { layoutRows, loadExcelJs } from '../templates/index.js';
import { loadDefaultUnits, type Unit } from '../units/index.js';
import {
  generateSampleValues,
  syntheticRegister,
  writeSampleReturns,
  type SampleFault,
  type WriteSampleResult,
} from './index.js';
import { apportion } from './random.js';

const form = loadDefaultForm();
const units = loadDefaultUnits();
const sk2023 = findPeriod('NQ08-SK2023') as Period;
const tk2025 = findPeriod('NQ08-TK2025') as Period;
type Values = Record<string, Record<string, number>>;

/** Every rule for every unit: each must evaluate to true, or be skipped only for codes outside the tier. */
function ruleFailures(values: Values, register: Unit[]): string[] {
  const failures: string[] = [];
  for (const [code, v] of Object.entries(values)) {
    const tier = (register.find((u) => u.code === code) as Unit).tier;
    const tierCodes = new Set(indicatorsForTier(form, tier).map((i) => i.code));
    for (const rule of form.rules) {
      const r = evaluate(rule.expr, (c) => v[c]);
      if (r.kind === 'missing') {
        if (r.codes.some((c) => tierCodes.has(c))) failures.push(`${code} ${rule.id} missing ${r.codes.join(',')}`);
      } else if (r.kind !== 'bool' || !r.value) failures.push(`${code} ${rule.id} ${JSON.stringify(r)}`);
    }
  }
  return failures;
}

function total(values: Values, code: string): number {
  return Object.values(values).reduce((a, v) => a + (v[code] ?? 0), 0);
}

/** A consolidated ratio in percent: sum of numerators over sum of denominators. */
function ratio(values: Values, register: Unit[], code: string, tier?: Tier): number {
  const r = form.ratioByCode.get(code);
  if (!r) throw new Error(code);
  let num = 0;
  let den = 0;
  for (const [unit, v] of Object.entries(values)) {
    if (tier && register.find((u) => u.code === unit)?.tier !== tier) continue;
    const n = evaluate(r.num, (c) => v[c]);
    const d = evaluate(r.den, (c) => v[c]);
    if (n.kind === 'number' && d.kind === 'number') {
      num += n.value;
      den += d.value;
    }
  }
  return (100 * num) / den;
}

async function open(path: string): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

/** The value of a sheet-qualified cell ("Số liệu!E61") of a workbook. */
function at(wb: Workbook, ref: string): unknown {
  const [sheet, cell] = ref.split('!') as [string, string];
  return wb.getWorksheet(sheet)?.getCell(cell).value;
}

describe('apportion', () => {
  it('splits a total exactly, within minimums and caps', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(60, [5, 5, 5], { caps: [2, 100, 100] })).toEqual([2, 29, 29]);
    expect(apportion(7, [1, 0, 1], { mins: [0, 3, 0] })).toEqual([2, 3, 2]);
    expect(() => apportion(10, [1, 1], { caps: [3, 3] })).toThrow(/caps too small/);
  });
});

describe('generateSampleValues, default register, NQ08-SK2023', () => {
  const values = generateSampleValues(form, sk2023, units);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSampleValues(form, sk2023, units)).toEqual(values);
    expect(generateSampleValues(form, sk2023, units, 7)).not.toEqual(values);
  });

  it('gives each unit exactly the indicators of its tier, as whole numbers except percentages', () => {
    expect(Object.keys(values)).toEqual(units.map((u) => u.code));
    for (const u of units) {
      const v = values[u.code] as Record<string, number>;
      expect(Object.keys(v)).toEqual(indicatorsForTier(form, u.tier).map((i) => i.code));
      for (const [code, n] of Object.entries(v)) {
        expect(n).toBeGreaterThanOrEqual(0);
        if (form.indicatorByCode.get(code)?.kind === 'percent') expect(n).toBeLessThanOrEqual(100);
        else expect(Number.isInteger(n)).toBe(true);
      }
    }
    expect(Object.keys(values.S01 as object)).toHaveLength(95);
  });

  it('satisfies all 31 rules for every unit, warnings included', () => {
    expect(form.rules).toHaveLength(31);
    expect(ruleFailures(values, units)).toEqual([]);
    for (const v of Object.values(values)) {
      const cut = (100 * ((v.TTHC03 as number) - (v.TTHC04 as number))) / (v.TTHC03 as number);
      expect(v.TTHC05).toBe(Math.round(cut * 100) / 100);
    }
  });

  it('reproduces the province totals of the real report', () => {
    expect(total(values, 'KL01')).toBe(118);
    expect(['KL02', 'KL03', 'KL04', 'KL05', 'KL06', 'KL07'].map((c) => total(values, c))).toEqual([
      84, 14, 0, 0, 7, 13,
    ]);
    expect(total(values, 'BC08')).toBe(722);
    expect(total(values, 'BC03')).toBe(60);
    expect(total(values, 'BC01')).toBe(2632);
    expect(total(values, 'BC07')).toBe(662);
    expect(total(values, 'BC05')).toBe(15576);
    expect(total(values, 'TTHC06')).toBe(10_741_056_503);
    expect(ratio(values, units, 'R_GIAM_CC').toFixed(4)).toBe('2.2796');
    expect(ratio(values, units, 'R_GIAM_VC').toFixed(2)).toBe('4.25');
    expect(ratio(values, units, 'R_CATGIAM_TG').toFixed(2)).toBe('37.36');
  });

  it('meets most targets but not MT6 for communes', () => {
    expect(ratio(values, units, 'R_CATGIAM_TG')).toBeGreaterThanOrEqual(30); // MT1
    expect(ratio(values, units, 'R_DVC')).toBeGreaterThanOrEqual(80); // MT2
    expect(ratio(values, units, 'R_TUCHU')).toBeGreaterThanOrEqual(17); // MT4
    expect(ratio(values, units, 'R_BAOCAO')).toBeGreaterThanOrEqual(80); // MT7
    expect(ratio(values, units, 'R_HSCV_MANG', 'so')).toBeGreaterThanOrEqual(90);
    expect(ratio(values, units, 'R_HSCV_MANG', 'huyen')).toBeGreaterThanOrEqual(80);
    expect(ratio(values, units, 'R_HSCV_MANG', 'xa')).toBeLessThan(60);
  });
});

describe('other registers and periods', () => {
  it('builds registers with the default tier proportions', () => {
    const r = syntheticRegister(200);
    expect(r).toHaveLength(200);
    expect(['so', 'huyen', 'xa'].map((t) => r.filter((u) => u.tier === t).length)).toEqual([105, 35, 60]);
    expect(r[0]).toEqual({ code: 'S0001', name: 'Sở số 1', tier: 'so' });
    expect(r.find((u) => u.tier === 'xa')).toEqual({
      code: 'X0001',
      name: 'UBND xã số 1',
      tier: 'xa',
      parent: 'H0001',
    });
    expect(new Set(syntheticRegister(1000).map((u) => u.code)).size).toBe(1000);
  });

  it('keeps every rule true for 1,000 units and for a period without districts', () => {
    const big = syntheticRegister(1000);
    const v = generateSampleValues(form, sk2023, big);
    expect(Object.keys(v)).toHaveLength(1000);
    expect(ruleFailures(v, big)).toEqual([]);
    expect(total(v, 'KL01')).toBe(2950); // 118 × 1000 / 40
    expect(ratio(v, big, 'R_CATGIAM_TG').toFixed(2)).toBe('37.36');

    for (const n of [1, 2, 3, 5, 8, 13]) {
      const small = syntheticRegister(n);
      const sv = generateSampleValues(form, sk2023, small, n);
      expect(Object.keys(sv)).toHaveLength(n);
      expect(ruleFailures(sv, small)).toEqual([]);
    }

    const later = generateSampleValues(form, tk2025, units);
    expect(Object.keys(later)).toHaveLength(33);
    expect(Object.keys(later).some((c) => c.startsWith('H'))).toBe(false);
    expect(ruleFailures(later, units)).toEqual([]);
  });
});

describe('writeSampleReturns', () => {
  let dir: string;
  let clean: WriteSampleResult;
  let faulty: WriteSampleResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cchc-sample-'));
    clean = await writeSampleReturns({ form, period: sk2023, units, outDir: join(dir, 'clean') });
    faulty = await writeSampleReturns({ form, period: sk2023, units, outDir: join(dir, 'faults'), faults: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses faults when the period has fewer than four units', async () => {
    await expect(
      writeSampleReturns({ form, period: sk2023, units: units.slice(0, 3), outDir: join(dir, 'few'), faults: true }),
    ).rejects.toThrow('Cần ít nhất 4 đơn vị trong kỳ NQ08-SK2023 để tạo các lỗi cố ý của bộ báo cáo mẫu.');
  });

  it('writes every unit’s template filled with its figures; a few typed as Vietnamese text', async () => {
    expect(clean.files).toHaveLength(40);
    expect(clean.faults).toEqual([]);
    expect(clean.values).toEqual(generateSampleValues(form, sk2023, units));
    expect(clean.textValues.map((t) => `${t.unit} ${t.code}`)).toEqual([
      'S03 CQS01',
      'S03 TTHC06',
      'S03 TTHC05',
      'X02 CQS01',
      'X02 TTHC06',
    ]);
    for (const t of clean.textValues) {
      const parsed = parseVietnameseNumber(t.raw);
      expect(parsed).toMatchObject({ ok: true, value: t.value });
    }
    expect(clean.textValues[0]?.raw).toMatch(/^\d{1,3}(\.\d{3})+$/);

    for (const f of clean.files) {
      expect(basename(f.path)).toBe(`BC_CCHC_${f.unit}_NQ08-SK2023.xlsx`);
      const unit = units.find((u) => u.code === f.unit) as Unit;
      const wb = await open(f.path);
      const info = wb.getWorksheet('Thông tin');
      expect(info?.getCell('B4').value).toBe(unit.code);
      expect(info?.getCell('B6').value).toBe('NQ08-SK2023');
      for (const cell of ['B8', 'B9', 'B10']) expect(String(info?.getCell(cell).value)).toMatch(/\S \S/);
      expect(String(info?.getCell('B9').value)).toMatch(/^0\d{3,4} \d{3} \d{3}$/);
      const data = wb.getWorksheet('Số liệu');
      for (const [code, row] of layoutRows(form, unit.tier).rowByCode) {
        const typed = clean.textValues.find((t) => t.unit === unit.code && t.code === code);
        expect(data?.getCell(`B${row}`).value).toBe(code);
        expect(data?.getCell(`E${row}`).value).toBe(typed ? typed.raw : clean.values[unit.code]?.[code]);
      }
    }
  });

  it('with faults, writes exactly the four slips in four units, in the cells named', async () => {
    expect(faulty.faults.map((f) => [f.unit, f.kind, f.code, f.cell, f.raw])).toEqual([
      ['X03', 'discipline-total', 'KL01', 'Số liệu!E61', String((clean.values.X03?.KL01 as number) + 1)],
      ['S02', 'rate-over-100', 'TTHC05', `Số liệu!E${layoutRows(form, 'so').rowByCode.get('TTHC05')}`, '112.5'],
      [
        'H01',
        'ambiguous-text-number',
        'TTHC17',
        `Số liệu!E${layoutRows(form, 'huyen').rowByCode.get('TTHC17')}`,
        '1,668',
      ],
      ['S05', 'wrong-period', undefined, 'Thông tin!B6', 'NQ08-TK2025'],
    ]);
    expect(faulty.faults[3]?.detail).toBe('Kỳ báo cáo ghi NQ08-TK2025 thay vì NQ08-SK2023.');
    const path = (f: SampleFault): string => faulty.files.find((x) => x.unit === f.unit)?.path as string;
    const [discipline, rate, ambiguous, period] = faulty.faults as [SampleFault, SampleFault, SampleFault, SampleFault];

    const x03 = await open(path(discipline));
    const kl01 = at(x03, 'Số liệu!E61') as number;
    const parts = [62, 63, 64, 65, 66, 67].map((r) => at(x03, `Số liệu!E${r}`) as number);
    expect(at(x03, 'Số liệu!B62')).toBe('KL02');
    expect(kl01).toBe(parts.reduce((a, b) => a + b, 0) + 1);

    expect(at(await open(path(rate)), rate.cell as string)).toBe(112.5);

    const h01 = await open(path(ambiguous));
    expect(at(h01, ambiguous.cell as string)).toBe('1,668');
    expect(faulty.values.H01?.TTHC17).toBe(1668);
    expect(parseVietnameseNumber('1,668')).toMatchObject({ ok: false, reason: 'ambiguous' });

    const s05 = await open(path(period));
    expect(at(s05, 'Thông tin!B6')).toBe('NQ08-TK2025');
    expect(at(s05, 'Thông tin!B4')).toBe('S05');

    // Everything else is as in the fault-free run.
    const { H01: h, ...rest } = faulty.values;
    const { H01: hClean, ...restClean } = clean.values;
    expect(rest).toEqual(restClean);
    expect({ ...h, TTHC17: 0 }).toEqual({ ...hClean, TTHC17: 0 });
    expect(faulty.textValues).toEqual(clean.textValues);
  });
});
