/**
 * In-memory datasets for tests and benchmarks: figures with provenance, and random
 * returns that satisfy every rule of the built-in form. No files are written.
 */
import { loadDefaultForm, type Form, type Tier } from '../form/index.js';
import type { CellValue } from '../model/index.js';
import type { Dataset } from '../model/consolidation.js';
import { findPeriod, type Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { Rng } from '../sample/random.js';

/** Row of an indicator in a generated return: its position in the form, below a header. */
export function rowOf(form: Form, code: string): number {
  return 5 + form.indicators.findIndex((i) => i.code === code);
}

/** A figure of unit `unit` as the importer would keep it, from `<unit>.xlsx!Số liệu!E<row>`. */
export function cv(form: Form, unit: string, code: string, value: number, decimals = 0): CellValue {
  return {
    code,
    value,
    decimals,
    source: {
      file: `${unit}.xlsx`,
      sha256: 'ab'.repeat(32),
      sheet: 'Số liệu',
      cell: `E${rowOf(form, code)}`,
      raw: String(value),
    },
  };
}

/** A figure given as a plain number, or with the decimals a stated percentage shows. */
export type Fig = number | { value: number; decimals: number };

/** Turn plain numbers into CellValues with provenance. */
export function unitValues(form: Form, unit: string, figs: Record<string, Fig>): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [code, f] of Object.entries(figs)) {
    out[code] =
      typeof f === 'number'
        ? cv(form, unit, code, f, Number.isInteger(f) ? 0 : 2)
        : cv(form, unit, code, f.value, f.decimals);
  }
  return out;
}

/** A dataset from plain figures per unit code. */
export function makeDataset(opts: {
  units: Unit[];
  values: Record<string, Record<string, Fig>>;
  period?: Period;
  form?: Form;
  provinceInputs?: Dataset['provinceInputs'];
  resolutions?: Dataset['resolutions'];
  previous?: { period: Period; values: Record<string, Record<string, Fig>> };
}): Dataset {
  const form = opts.form ?? loadDefaultForm();
  const convert = (v: Record<string, Record<string, Fig>>): Dataset['values'] =>
    Object.fromEntries(Object.entries(v).map(([u, figs]) => [u, unitValues(form, u, figs)]));
  const ds: Dataset = {
    period: opts.period ?? (findPeriod('NQ08-SK2023') as Period),
    form,
    units: opts.units,
    values: convert(opts.values),
    importFindings: [],
    provinceInputs: opts.provinceInputs ?? [],
    resolutions: opts.resolutions ?? {},
  };
  if (opts.previous) ds.previous = { period: opts.previous.period, values: convert(opts.previous.values) };
  return ds;
}

/** A deterministic random source in [0, 1) (the sample generator's mulberry32). */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/**
 * Random figures for one unit of `tier` that satisfy all 31 rules of the built-in form,
 * restricted to the indicators the tier fills. Stated percentages show two decimals.
 */
export function consistentFigures(form: Form, tier: Tier, rand: () => number): Record<string, Fig> {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const upTo = (n: number): number => int(0, n);
  const split = (total: number, k: number): number[] => {
    const parts: number[] = [];
    let left = total;
    for (let i = 0; i < k - 1; i++) {
      const p = upTo(left);
      parts.push(p);
      left -= p;
    }
    parts.push(left);
    return parts;
  };
  const f: Record<string, Fig> = {};
  f.TT03 = int(100, 2000);
  f.TT04 = int(Math.floor(f.TT03 / 2), f.TT03);
  for (const c of ['TT01', 'TT02', 'TT05', 'TT06', 'KT01', 'KT02', 'TC04', 'TC05', 'TC06']) f[c] = int(0, 40);
  f.KT03 = int(0, 60);
  f.KT04 = upTo(f.KT03);
  f.TC02 = int(0, 10);
  f.TC03 = int(0, 20);
  f.TC01 = f.TC02 + f.TC03;
  f.TTHC01 = int(50, 400);
  f.TTHC02 = upTo(f.TTHC01);
  f.TTHC03 = int(500, 5000);
  f.TTHC04 = int(Math.floor(f.TTHC03 / 2), f.TTHC03);
  f.TTHC05 = {
    value: Math.round((10000 * (f.TTHC03 - f.TTHC04)) / f.TTHC03) / 100,
    decimals: 2,
  };
  f.TTHC06 = int(0, 500) * 100_000;
  f.TTHC07 = int(1000, 20000);
  f.TTHC08 = int(Math.floor(f.TTHC07 * 0.8), f.TTHC07);
  f.TTHC09 = upTo(f.TTHC07 - f.TTHC08);
  f.TTHC11 = int(100, 5000);
  f.TTHC10 = upTo(f.TTHC11);
  f.TTHC13 = int(100, 5000);
  f.TTHC12 = upTo(f.TTHC13);
  f.TTHC14 = upTo(f.TTHC07);
  f.TTHC15 = int(0, 50);
  f.TTHC16 = upTo(f.TTHC15);
  f.TTHC17 = int(0, 3000);
  f.TTHC18 = int(0, 1000) * 10_000;
  f.DVC01 = int(0, 100);
  f.DVC02 = int(0, 100);
  f.DVC03 = f.DVC01 + f.DVC02;
  f.DVC04 = f.DVC03 + int(0, 50);
  f.TCBM01 = int(5, 30);
  f.TCBM02 = int(Math.floor(f.TCBM01 / 2), f.TCBM01);
  f.TCBM03 = f.TCBM01 - f.TCBM02;
  [f.TCBM05, f.TCBM06, f.TCBM07, f.TCBM08] = split(int(0, 40), 4) as [number, number, number, number];
  f.TCBM04 = f.TCBM05 + f.TCBM06 + f.TCBM07 + f.TCBM08;
  f.BC01 = int(50, 500);
  f.BC03 = upTo(Math.floor(f.BC01 / 10));
  f.BC02 = f.BC01 - f.BC03;
  f.BC04 = upTo(f.BC02);
  f.BC05 = int(100, 3000);
  f.BC07 = upTo(Math.floor(f.BC05 / 10));
  f.BC06 = f.BC05 - f.BC07;
  f.BC08 = f.BC03 + f.BC07;
  for (const c of ['CV01', 'CV02', 'CV03', 'CV04', 'CV06', 'CV07', 'CV08']) f[c] = int(0, 60);
  f.CV05 = (f.CV06 as number) + (f.CV07 as number);
  const cv10 = int(50, 3000);
  f.CV10 = cv10;
  f.CV11 = upTo(cv10);
  f.CV12 = upTo(cv10);
  [f.CV13, f.CV14, f.CV15, f.CV16, f.CV17] = split(cv10, 5) as [number, number, number, number, number];
  [f.CV18, f.CV19, f.CV20, f.CV21] = split(cv10, 4) as [number, number, number, number];
  [f.CV22, f.CV23, f.CV24, f.CV25] = split(upTo(cv10), 4) as [number, number, number, number];
  [f.KL02, f.KL03, f.KL04, f.KL05, f.KL06, f.KL07] = split(int(0, 20), 6) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  f.KL01 = f.KL02 + f.KL03 + f.KL04 + f.KL05 + f.KL06 + f.KL07;
  f.TCC01 = int(1000, 100000);
  f.TCC02 = upTo(f.TCC01);
  f.CQS01 = int(1000, 30000);
  f.CQS02 = upTo(f.CQS01);
  f.CQS03 = int(100, 5000);
  f.CQS04 = upTo(f.CQS03);
  f.CQS05 = int(5, 40);
  f.CQS06 = upTo(f.CQS05);
  f.CQS07 = int(0, 200);
  f.CQS08 = int(0, 300);
  const filled = new Set(form.indicators.filter((i) => i.tiers.includes(tier)).map((i) => i.code));
  return Object.fromEntries(Object.entries(f).filter(([c]) => filled.has(c)));
}

/** A register of `n` units spread over the period's tiers (codes S0001…, H0001…, X0001…). */
export function makeUnits(n: number, tiers: Tier[] = ['so', 'huyen', 'xa']): Unit[] {
  const prefix: Record<Tier, string> = { so: 'S', huyen: 'H', xa: 'X' };
  return Array.from({ length: n }, (_, i) => {
    const tier = tiers[i % tiers.length] as Tier;
    const code = `${prefix[tier]}${String(i + 1).padStart(4, '0')}`;
    return { code, name: `Đơn vị ${code}`, tier };
  });
}

/** A dataset of consistent random returns for the given units (every rule holds everywhere). */
export function consistentDataset(units: Unit[], seed = 1, period?: Period): Dataset {
  const form = loadDefaultForm();
  const rand = rng(seed);
  const values: Record<string, Record<string, Fig>> = {};
  for (const u of units) values[u.code] = consistentFigures(form, u.tier, rand);
  return makeDataset({ units, values, form, ...(period ? { period } : {}) });
}
