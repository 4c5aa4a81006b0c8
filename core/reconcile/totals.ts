/**
 * Additive totals and Σ/Σ ratios per tier and for the province
 * (reconciliation.md, "Where rules run" 2 and "Ratios").
 */
import { evaluate, type Ratio } from '../form/index.js';
import type { CellValue } from '../model/index.js';
import type { RatioValue, ScopeMap, Total } from '../model/consolidation.js';
import { scopeUnits, tiersFilling, type Ctx } from './context.js';

function emptyScopeMap<T>(): ScopeMap<T> {
  return { so: {}, huyen: {}, xa: {}, province: {} };
}

/**
 * Totals of every `aggregate: 'sum'` indicator: the sum over the units that reported it.
 * `of` counts the scope's units whose tier fills the indicator (a commune is not expected
 * to report BC01). A total no unit contributed to is absent, never 0.
 */
export function computeTotals(ctx: Ctx): ScopeMap<Total> {
  const additive = ctx.form.indicators.filter((i) => i.aggregate === 'sum');
  const acc = emptyScopeMap<Total>();
  for (const ind of additive) {
    const tiers = tiersFilling(ctx, [ind.code]);
    for (const t of tiers) acc[t][ind.code] = { value: 0, contributing: 0, of: ctx.byTier[t].length };
    // With no tier filling it nobody contributes, and the total is dropped below.
    acc.province[ind.code] = { value: 0, contributing: 0, of: scopeUnits(ctx, 'province', tiers).length };
  }
  for (const u of ctx.units) {
    const values = ctx.ds.values[u.code] ?? {};
    const tierAcc = acc[u.tier];
    for (const code in values) {
      const t = tierAcc[code];
      const p = acc.province[code];
      if (!t || !p) continue;
      const v = (values[code] as CellValue).value;
      t.value += v;
      t.contributing++;
      p.value += v;
      p.contributing++;
    }
  }
  const totals = emptyScopeMap<Total>();
  for (const scope of ['so', 'huyen', 'xa', 'province'] as const) {
    for (const [code, t] of Object.entries(acc[scope])) if (t.contributing > 0) totals[scope][code] = t;
  }
  return totals;
}

/** One unit's ratio in percent units, or null (a blank figure, or a zero denominator). */
export function unitRatio(ratio: Ratio, values: Record<string, CellValue> | undefined): number | null {
  if (!values) return null;
  const lookup = (c: string): number | undefined => values[c]?.value;
  const num = evaluate(ratio.num, lookup);
  const den = evaluate(ratio.den, lookup);
  return num.kind === 'number' && den.kind === 'number' && den.value !== 0 ? (100 * num.value) / den.value : null;
}

/**
 * Every ratio per tier and for the province as Σ numerator / Σ denominator over the units
 * that reported every figure both sides need — never the mean of the units' percentages,
 * which would weigh a commune handling 10 dossiers like a department handling 10,000.
 */
export function computeRatios(ctx: Ctx): ScopeMap<RatioValue> {
  const ratios = emptyScopeMap<RatioValue>();
  for (const ratio of ctx.form.ratios) {
    const tiers = tiersFilling(ctx, ratio.refs);
    if (tiers.length === 0) continue;
    const province: RatioValue = { value: null, num: 0, den: 0, contributing: 0, of: 0 };
    for (const t of tiers) {
      const r: RatioValue = { value: null, num: 0, den: 0, contributing: 0, of: ctx.byTier[t].length };
      for (const u of ctx.byTier[t]) {
        const p = ctx.ratioParts(ratio, u);
        if (!p) continue;
        r.num += p.num;
        r.den += p.den;
        r.contributing++;
      }
      // With no unit contributing the denominator is 0: no ratio.
      r.value = r.den !== 0 ? (100 * r.num) / r.den : null;
      ratios[t][ratio.code] = r;
      province.num += r.num;
      province.den += r.den;
      province.contributing += r.contributing;
      province.of += r.of;
    }
    province.value = province.den !== 0 ? (100 * province.num) / province.den : null;
    ratios.province[ratio.code] = province;
  }
  return ratios;
}
