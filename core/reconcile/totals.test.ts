import { describe, expect, it } from 'vitest';
import { loadDefaultForm, type Scope } from '../form/index.js';
import { findPeriod, type Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { reconcile } from './index.js';
import { consistentDataset, makeDataset, makeUnits, rng } from './testing.js';

const form = loadDefaultForm();

describe('totals', () => {
  it('equal independent sums of generated data, with contributing and register counts', () => {
    const units = makeUnits(40);
    const ds = consistentDataset(units, 99);
    // Blank some figures and drop two returns entirely.
    const rand = rng(5);
    for (const vals of Object.values(ds.values))
      for (const code of Object.keys(vals)) if (rand() < 0.05) delete vals[code];
    delete ds.values[units[3]!.code];
    delete ds.values[units[17]!.code];
    const c = reconcile(ds);

    for (const ind of form.indicators) {
      for (const scope of ['so', 'huyen', 'xa', 'province'] as Scope[]) {
        const members = units.filter((u) => (scope === 'province' || u.tier === scope) && ind.tiers.includes(u.tier));
        let sum = 0;
        let n = 0;
        for (const u of members) {
          const v = ds.values[u.code]?.[ind.code];
          if (v) {
            sum += v.value;
            n++;
          }
        }
        const t = c.totals[scope][ind.code];
        if (ind.aggregate === 'none' || n === 0) expect(t, `${scope} ${ind.code}`).toBeUndefined();
        else expect(t, `${scope} ${ind.code}`).toEqual({ value: sum, contributing: n, of: members.length });
      }
    }
    expect(c.reporting).toEqual({
      so: { reported: 13, of: 14 },
      huyen: { reported: 13, of: 13 },
      xa: { reported: 12, of: 13 },
      province: { reported: 38, of: 40 },
    });
    // A commune does not fill BC01: the province total is out of the 27 so/huyen units.
    expect(c.totals.province.BC01?.of).toBe(27);
    expect(c.totals.xa.BC01).toBeUndefined();
  });

  it('a period without districts leaves their units out of every scope', () => {
    const units = makeUnits(30);
    const c = reconcile(consistentDataset(units, 4, findPeriod('NQ08-TK2025') as Period));
    expect(c.totals.huyen).toEqual({});
    expect(c.ratios.huyen).toEqual({});
    expect(c.reporting.huyen).toEqual({ reported: 0, of: 0 });
    expect(c.reporting.province).toEqual({ reported: 20, of: 20 });
    expect(c.units.map((u) => u.tier)).not.toContain('huyen');
    const kl = units.filter((u) => u.tier !== 'huyen').reduce((s, u) => s + (c.values[u.code]?.KL01?.value ?? 0), 0);
    expect(c.totals.province.KL01?.value).toBe(kl);
  });
});

describe('ratios are Σ numerator / Σ denominator', () => {
  const A: Unit = { code: 'X01', name: 'Xã A', tier: 'xa' };
  const B: Unit = { code: 'X02', name: 'Xã B', tier: 'xa' };
  const C: Unit = { code: 'X03', name: 'Xã C', tier: 'xa' };

  it('not the mean of unit percentages', () => {
    // A: 9 of 10 dossiers on time (90 %); B: 100 of 1.000 (10 %). Mean 50 %, true rate 109/1.010.
    const c = reconcile(
      makeDataset({
        units: [A, B, C],
        values: { X01: { TTHC08: 9, TTHC09: 1 }, X02: { TTHC08: 100, TTHC09: 900 }, X03: { TTHC08: 50 } },
      }),
    );
    const r = c.ratios.xa.R_DUNGHAN;
    expect(r).toMatchObject({ num: 109, den: 1010, contributing: 2, of: 3 });
    expect(r?.value).toBeCloseTo(10.792079, 5);
    const meanOfPercents = (90 + 10) / 2;
    expect(Math.abs((r?.value ?? 0) - meanOfPercents)).toBeGreaterThan(39);
    expect(c.ratios.province.R_DUNGHAN).toEqual(r);
  });

  it('is null, never 0, when the denominators sum to zero or nobody reported', () => {
    const c = reconcile(makeDataset({ units: [A, B], values: { X01: { CQS03: 0, CQS04: 0 }, X02: { KL01: 1 } } }));
    expect(c.ratios.xa.R_HSCV_MANG).toEqual({ value: null, num: 0, den: 0, contributing: 1, of: 2 });
    expect(c.ratios.xa.R_VBDT).toEqual({ value: null, num: 0, den: 0, contributing: 0, of: 2 });
  });
});
