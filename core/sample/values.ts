/**
 * Realistic, internally consistent figures for the CCHC-NQ08 return, for a mountainous
 * province. With the default register and period NQ08-SK2023 the province totals are
 * those of the real mid-term report (spec/README.md): 118 disciplined (khiển trách 84,
 * cảnh cáo 14, cách chức 07, buộc thôi việc 13), 722 posts cut (công chức 60 of 2.632,
 * viên chức 662 of 15.576), time of reviewed procedures cut by 37,36%. Other registers get
 * the same totals scaled by their number of units. Every rule of the form holds for every unit.
 */
import type { Form, Tier } from '../form/index.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { Rng, apportion, round2 } from './random.js';

/** The seed used when none is given. */
export const DEFAULT_SAMPLE_SEED = 20230630;

/** Units per tier in the default register, for which the reference totals hold. */
const REFERENCE_UNITS: Record<Tier, number> = { so: 21, huyen: 7, xa: 12 };

/** Province totals of the reference case (default register, NQ08-SK2023). */
export const REFERENCE_TOTALS = {
  KL02: 84,
  KL03: 14,
  KL04: 0,
  KL05: 0,
  KL06: 7,
  KL07: 13,
  BC01: 2632,
  BC03: 60,
  BC05: 15576,
  BC07: 662,
  /** Total time of the reviewed procedures before the cut, and the days cut: 7005 / 18750 = 37,36%. */
  TTHC03: 18750,
  TTHC_CUT: 7005,
  TTHC06: 10_741_056_503,
} as const;

type Values = Record<string, number>;

/** The scale of a total for the units present, relative to the reference register. */
function scaleFor(units: Unit[], tiers: Tier[]): number {
  const present = units.filter((u) => tiers.includes(u.tier)).length;
  const reference = tiers.reduce((n, t) => n + REFERENCE_UNITS[t], 0);
  return present / reference;
}

/** The total of a reference figure for the units present (exact for the reference register). */
function scaledTotal(reference: number, units: Unit[], tiers: Tier[]): number {
  return Math.round(reference * scaleFor(units, tiers));
}

const ALL: Tier[] = ['so', 'huyen', 'xa'];
const SO_HUYEN: Tier[] = ['so', 'huyen'];

/** Shares of `total` split over `parts` with random weights around `centre`, summing exactly. */
function split(rng: Rng, total: number, centre: readonly number[]): number[] {
  return apportion(
    total,
    centre.map((c) => c * rng.real(0.75, 1.25)),
  );
}

function byTier<T>(tier: Tier, so: T, huyen: T, xa: T): T {
  return tier === 'so' ? so : tier === 'huyen' ? huyen : xa;
}

/** Staffing (sections F and G) of departments and districts, from the anchored totals. */
function staffing(rng: Rng, units: Unit[], all: Unit[], out: Map<string, Values>): void {
  if (units.length === 0) return;
  const big = (u: Unit): boolean => /giáo dục|y tế/i.test(u.name);
  const wCC = units.map((u) => byTier(u.tier, rng.real(0.5, 1.6), rng.real(1.2, 1.8), 0));
  const wVC = units.map((u) => byTier(u.tier, rng.real(0.1, 1.0) * (big(u) ? 8 : 1), rng.real(5, 9), 0));
  const bc01 = apportion(scaledTotal(REFERENCE_TOTALS.BC01, all, SO_HUYEN), wCC, { mins: units.map(() => 8) });
  const bc03 = apportion(
    scaledTotal(REFERENCE_TOTALS.BC03, all, SO_HUYEN),
    bc01.map((b) => b * rng.real(0.3, 1.7)),
    { caps: bc01.map((b) => Math.floor(0.1 * b)) },
  );
  const bc05 = apportion(scaledTotal(REFERENCE_TOTALS.BC05, all, SO_HUYEN), wVC, { mins: units.map(() => 5) });
  const bc07 = apportion(
    scaledTotal(REFERENCE_TOTALS.BC07, all, SO_HUYEN),
    bc05.map((b) => b * rng.real(0.5, 1.5)),
    { caps: bc05.map((b) => Math.floor(0.1 * b)) },
  );
  units.forEach((u, i) => {
    const v = out.get(u.code) as Values;
    const BC01 = bc01[i] as number;
    const BC03 = bc03[i] as number;
    const BC05 = bc05[i] as number;
    const BC07 = bc07[i] as number;
    v.BC01 = BC01;
    v.BC03 = BC03;
    v.BC02 = BC01 - BC03;
    v.BC04 = v.BC02 - rng.int(0, Math.round(0.06 * v.BC02));
    v.BC05 = BC05;
    v.BC07 = BC07;
    v.BC06 = BC05 - BC07;
    v.BC08 = BC03 + BC07;
    v.CV10 = v.BC04 + v.BC06 - rng.int(0, Math.round(0.05 * v.BC06));
  });
}

/** Everything that does not depend on other units, for one unit. */
function unitValues(rng: Rng, u: Unit, v: Values): void {
  const t = u.tier;
  v.CV10 ??= rng.int(19, 25);
  const staff = v.CV10;

  // A. Direction and communication.
  v.TT01 = byTier(t, rng.int(8, 40), rng.int(15, 45), rng.int(4, 15));
  v.TT02 = byTier(t, rng.int(1, 8), rng.int(3, 12), rng.int(1, 4));
  v.TT03 = staff;
  v.TT04 = staff - rng.int(0, Math.round(0.04 * staff));
  v.TT05 = byTier(t, rng.int(1, 6), rng.int(2, 8), 0);
  v.TT06 = byTier(t, rng.int(5, 60), rng.int(20, 90), rng.int(2, 20));

  // B. Inspection.
  v.KT01 = byTier(t, rng.int(1, 8), rng.int(4, 15), rng.int(1, 3));
  v.KT02 = v.KT01 + rng.int(0, byTier(t, 10, 20, 2));
  v.KT03 = rng.int(0, byTier(t, 25, 40, 8));
  v.KT04 = v.KT03 - rng.int(0, Math.ceil(0.2 * v.KT03));

  // C. Legal documents.
  v.TC02 = rng.int(0, byTier(t, 3, 2, 0));
  v.TC03 = rng.int(0, byTier(t, 8, 6, 0));
  v.TC01 = v.TC02 + v.TC03;
  v.TC04 = v.TC01 + rng.int(0, 5);
  v.TC05 = rng.int(0, 6);
  v.TC06 = rng.int(0, 4);

  // D. Administrative procedures (TTHC03–06 are apportioned across units later).
  v.TTHC01 = byTier(t, rng.int(40, 180), rng.int(210, 290), rng.int(100, 140));
  v.TTHC02 = Math.max(1, Math.round(v.TTHC01 * rng.real(0.15, 0.45)));
  v.TTHC07 = byTier(t, rng.int(300, 6000), rng.int(6000, 20000), rng.int(800, 4000));
  v.TTHC09 = Math.round(v.TTHC07 * rng.real(0.002, 0.03));
  v.TTHC08 = v.TTHC07 - v.TTHC09 - rng.int(0, Math.round(0.02 * v.TTHC07));
  v.TTHC11 = Math.round(v.TTHC07 * rng.real(0.2, 0.5));
  v.TTHC10 = Math.round(v.TTHC11 * rng.real(0.3, 0.8));
  v.TTHC13 = Math.round(v.TTHC07 * rng.real(0.05, 0.3));
  v.TTHC12 = Math.round(v.TTHC13 * rng.real(0.2, 0.7));
  v.TTHC14 = Math.round(v.TTHC07 * rng.real(0.3, 0.9));
  v.TTHC15 = rng.int(0, byTier(t, 12, 20, 5));
  v.TTHC16 = v.TTHC15 - rng.int(0, Math.min(2, v.TTHC15));
  v.TTHC17 = Math.round((v.TTHC10 + v.TTHC12) * rng.real(0.1, 0.5));
  v.TTHC18 = v.TTHC17 * rng.int(2, 20) * 10_000;
  v.DVC04 = Math.round(v.TTHC01 * rng.real(0.6, 0.95));
  v.DVC03 = Math.ceil(v.DVC04 * rng.real(0.82, 1));
  v.DVC01 = Math.round(v.DVC03 * rng.real(0.3, 0.6));
  v.DVC02 = v.DVC03 - v.DVC01;

  // E. Organisation.
  v.TCBM01 = byTier(t, rng.int(5, 12), rng.int(12, 14), 0);
  v.TCBM03 = rng.int(0, 2);
  v.TCBM02 = v.TCBM01 - v.TCBM03;
  v.TCBM04 = byTier(t, /giáo dục|y tế/i.test(u.name) ? rng.int(20, 60) : rng.int(0, 8), rng.int(40, 90), 0);
  const autonomous = Math.ceil(v.TCBM04 * rng.real(0.2, 0.4));
  v.TCBM05 = rng.int(0, Math.min(1, autonomous));
  v.TCBM06 = rng.int(0, autonomous - v.TCBM05);
  v.TCBM07 = autonomous - v.TCBM05 - v.TCBM06;
  v.TCBM08 = v.TCBM04 - autonomous;

  // G. Civil service.
  v.CV01 = rng.int(0, byTier(t, 6, 15, 3));
  v.CV02 = rng.int(0, byTier(t, 4, 8, 2));
  v.CV03 = byTier(t, rng.int(0, 30), rng.int(20, 120), 0);
  v.CV04 = rng.int(0, byTier(t, 5, 10, 0));
  v.CV07 = rng.int(0, byTier(t, 8, 10, 1));
  v.CV06 = rng.int(0, byTier(t, 15, 30, 3));
  v.CV05 = v.CV06 + v.CV07;
  v.CV08 = Math.round(staff * rng.real(0.5, 2.5));
  v.CV11 = Math.round(staff * byTier(t, rng.real(0.4, 0.55), rng.real(0.55, 0.7), rng.real(0.2, 0.4)));
  v.CV12 = Math.round(staff * byTier(t, rng.real(0.2, 0.4), rng.real(0.5, 0.75), rng.real(0.7, 0.95)));
  [v.CV13, v.CV14, v.CV15, v.CV16, v.CV17] = split(
    rng,
    staff,
    byTier(t, [0.14, 0.66, 0.08, 0.08, 0.04], [0.05, 0.6, 0.2, 0.12, 0.03], [0.01, 0.45, 0.14, 0.36, 0.04]),
  ) as [number, number, number, number, number];
  [v.CV18, v.CV19, v.CV20, v.CV21] = split(
    rng,
    staff,
    byTier(t, [0.2, 0.35, 0.25, 0.2], [0.08, 0.3, 0.3, 0.32], [0.04, 0.5, 0.3, 0.16]),
  ) as [number, number, number, number];
  const rated = staff - rng.int(0, Math.round(0.03 * staff));
  [v.CV22, v.CV23, v.CV24, v.CV25] = split(rng, rated, [0.12, 0.7, 0.16, 0.02]) as [number, number, number, number];

  // I. Public finance (million đồng).
  v.TCC01 = byTier(t, rng.int(2_000, 150_000), rng.int(80_000, 400_000), 0);
  v.TCC02 = Math.round(v.TCC01 * rng.real(0.55, 0.97));

  // K. Digital government: work files on the network below 60 % in communes (target MT6 not met there).
  v.CQS01 = byTier(t, rng.int(1_500, 9_000), rng.int(8_000, 25_000), rng.int(1_000, 4_000));
  v.CQS02 = Math.round(v.CQS01 * rng.real(0.8, 0.99));
  v.CQS03 = byTier(t, rng.int(300, 3_000), rng.int(1_500, 6_000), rng.int(200, 1_200));
  v.CQS04 = Math.floor(v.CQS03 * byTier(t, rng.real(0.915, 0.99), rng.real(0.82, 0.95), rng.real(0.4, 0.58)));
  v.CQS05 = byTier(t, rng.int(8, 30), rng.int(20, 45), 0);
  v.CQS06 = Math.min(v.CQS05, Math.ceil(v.CQS05 * rng.real(0.85, 1)));
  v.CQS07 = byTier(t, rng.int(10, 80), rng.int(50, 200), rng.int(5, 25));
  v.CQS08 = Math.min(staff, Math.round(staff * rng.real(0.6, 1)));
}

/** Sections D (time cut) and H (discipline): province totals apportioned over the units. */
function anchored(rng: Rng, units: Unit[], out: Map<string, Values>): void {
  const vals = units.map((u) => out.get(u.code) as Values);

  for (const code of ['KL02', 'KL03', 'KL04', 'KL05', 'KL06', 'KL07'] as const) {
    const weights = vals.map((v) => Math.sqrt(v.CV10 as number) * rng.real(0.3, 1.7));
    apportion(scaledTotal(REFERENCE_TOTALS[code], units, ALL), weights).forEach((n, i) => {
      (vals[i] as Values)[code] = n;
    });
  }
  for (const v of vals) v.KL01 = ['KL02', 'KL03', 'KL04', 'KL05', 'KL06', 'KL07'].reduce((a, c) => a + (v[c] ?? 0), 0);

  const before = apportion(
    scaledTotal(REFERENCE_TOTALS.TTHC03, units, ALL),
    vals.map((v) => (v.TTHC02 as number) * rng.real(8, 20)),
    { mins: vals.map((v) => v.TTHC02 as number) },
  );
  const cutTotal = Math.round(
    (before.reduce((a, b) => a + b, 0) * REFERENCE_TOTALS.TTHC_CUT) / REFERENCE_TOTALS.TTHC03,
  );
  const cut = apportion(
    cutTotal,
    before.map((b) => b * rng.real(0.6, 1.4)),
    { caps: before.map((b) => Math.floor(0.7 * b)) },
  );
  const saved = apportion(
    scaledTotal(REFERENCE_TOTALS.TTHC06, units, ALL),
    cut.map((c) => c * rng.real(0.5, 1.5)),
  );
  vals.forEach((v, i) => {
    v.TTHC03 = before[i] as number;
    v.TTHC04 = (before[i] as number) - (cut[i] as number);
    v.TTHC05 = round2((100 * (cut[i] as number)) / (before[i] as number));
    v.TTHC06 = saved[i] as number;
  });
}

/**
 * Sample figures for every unit of the register whose tier exists in the period:
 * unit code → indicator code → value, with only the indicators of the unit's tier.
 * Deterministic for a given `seed`. Tuned for the CCHC-NQ08 form; an indicator it does
 * not know gets a small whole number.
 */
export function generateSampleValues(
  form: Form,
  period: Period,
  units: Unit[],
  seed: number = DEFAULT_SAMPLE_SEED,
): Record<string, Record<string, number>> {
  const rng = new Rng(seed);
  const present = units.filter((u) => period.tiers.includes(u.tier));
  const out = new Map<string, Values>(present.map((u) => [u.code, {}]));
  staffing(
    rng,
    present.filter((u) => u.tier !== 'xa'),
    present,
    out,
  );
  for (const u of present) unitValues(rng, u, out.get(u.code) as Values);
  anchored(rng, present, out);

  const result: Record<string, Record<string, number>> = {};
  for (const u of present) {
    const all = out.get(u.code) as Values;
    const kept: Record<string, number> = {};
    for (const ind of form.indicators) {
      if (!ind.tiers.includes(u.tier)) continue;
      kept[ind.code] = all[ind.code] ?? (ind.kind === 'percent' ? round2(rng.real(50, 100)) : rng.int(0, 50));
    }
    result[u.code] = kept;
  }
  return result;
}
