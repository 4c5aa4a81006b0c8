/**
 * The consolidated figures check 7 compares a text with, taken from a period's consolidation
 * (or, in tests, from a form and a few totals).
 */
import type { Form } from '../form/types.js';
import type { Consolidation } from '../model/consolidation.js';
import { datasetCode } from '../checklists/dataset-code.js';
import { unitRatio } from '../reconcile/totals.js';
import { unitCount } from '../report/resolve.js';
import type { DataFacts, UnitFacts } from './types.js';

type Tier = 'so' | 'huyen' | 'xa';

export interface FactsInput {
  /** Province totals of additive indicators by code. */
  totals: Record<string, number>;
  tiers?: Partial<Record<Tier, Record<string, number>>>;
  /** Province ratios in percent units by code. */
  ratios?: Record<string, number>;
  /** Each tier's ratios in percent units by code. */
  tierRatios?: Partial<Record<Tier, Record<string, number>>>;
  /** Targets given as a percentage the department enters (MT3…): their values by target id. */
  inputs?: Record<string, number>;
  targets: { met: number; unmet: number; total: number };
  units?: DataFacts['units'];
  unitFigures?: UnitFacts[];
  source?: DataFacts['source'];
  period?: DataFacts['period'];
}

/** Facts over the form's additive indicators; an indicator without a total is `null` (never 0). */
export function factsFromForm(form: Form, input: FactsInput): DataFacts {
  return {
    indicators: form.indicators
      .filter((i) => i.aggregate === 'sum')
      .map((i) => ({
        code: i.code,
        label: i.label,
        unit: i.unit,
        kind: i.kind,
        province: input.totals[i.code] ?? null,
        tiers: Object.fromEntries(
          (['so', 'huyen', 'xa'] as const).map((t) => [t, input.tiers?.[t]?.[i.code] ?? null]),
        ) as DataFacts['indicators'][number]['tiers'],
      })),
    ratios: [
      ...form.ratios.map((r) => ({
        code: r.code,
        label: r.label,
        also: form.targets.filter((t) => t.ratio === r.code).map((t) => t.label),
        ...termsOf(r),
        province: input.ratios?.[r.code] ?? null,
        tiers: Object.fromEntries(
          (['so', 'huyen', 'xa'] as const).map((t) => [t, input.tierRatios?.[t]?.[r.code] ?? null]),
        ) as DataFacts['ratios'][number]['tiers'],
      })),
      ...form.targets
        .filter((t) => t.input === 'province' && t.unit === '%')
        .map((t) => ({ code: t.id, label: t.label, also: [], province: input.inputs?.[t.id] ?? null, tiers: {} })),
    ],
    targets: input.targets,
    goals: form.targets.map((t) => {
      const ratio = t.ratio ? form.ratios.find((r) => r.code === t.ratio) : undefined;
      return {
        id: t.id,
        label: t.label,
        names: [t.label, ...(ratio ? [ratio.label] : [])],
        op: t.op,
        value: t.value ?? null,
        ...(t.byTier ? { byTier: t.byTier } : {}),
        unit: t.unit ?? '%',
        entered: t.input === 'province' ? (input.inputs?.[t.id] ?? null) : null,
      };
    }),
    ...(input.units ? { units: input.units } : {}),
    ...(input.unitFigures ? { unitFigures: input.unitFigures } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.period ? { period: input.period } : {}),
  };
}

/** "TTHC03 - TTHC04" → [["TTHC03", 1], ["TTHC04", -1]]; an expression that is not such a sum → undefined. */
function linear(expr: string): [string, 1 | -1][] | undefined {
  const parts = expr.trim().split(/\s*([+-])\s*/u);
  const out: [string, 1 | -1][] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const code = parts[i] as string;
    if (!/^[A-Z][A-Z0-9_]*$/u.test(code)) return undefined;
    out.push([code, i > 0 && parts[i - 1] === '-' ? -1 : 1]);
  }
  return out;
}

function termsOf(r: Form['ratios'][number]): { terms?: { num: [string, 1 | -1][]; den: [string, 1 | -1][] } } {
  const num = linear(r.numSource);
  const den = linear(r.denSource);
  return num && den ? { terms: { num, den } } : {};
}

/** Facts of a period's consolidation: what the engine computed, nothing recomputed here. */
export function factsFromConsolidation(c: Consolidation): DataFacts {
  const totals = (scope: 'province' | Tier): Record<string, number> =>
    Object.fromEntries(
      Object.entries(c.totals[scope])
        .filter(([, t]) => t.contributing > 0)
        .map(([code, t]) => [code, t.value]),
    );
  const ratios = (scope: 'province' | Tier): Record<string, number> =>
    Object.fromEntries(
      Object.entries(c.ratios[scope])
        .filter(([, r]) => r.value !== null)
        .map(([code, r]) => [code, r.value as number]),
    );
  return factsFromForm(c.form, {
    totals: totals('province'),
    tiers: { so: totals('so'), huyen: totals('huyen'), xa: totals('xa') },
    ratios: ratios('province'),
    tierRatios: { so: ratios('so'), huyen: ratios('huyen'), xa: ratios('xa') },
    inputs: Object.fromEntries(
      c.targets
        .filter((t) => t.value !== null && c.form.targets.some((f) => f.id === t.id && f.input === 'province'))
        .map((t) => [t.id, t.value as number]),
    ),
    targets: {
      met: c.targetsMet,
      unmet: c.targets.filter((t) => t.status === 'chua-dat').length,
      total: c.targets.length,
    },
    unitFigures: unitFigures(c),
    source: { period: c.period.code, dataset: datasetCode(c.datasetHash) },
    period: { shortTitle: c.period.shortTitle, cutoff: c.period.cutoff },
    units: {
      reported: c.reporting.province.reported,
      all: c.reporting.province.of,
      missing: unitCount(c, 'province', 'missing') ?? 0,
      rejected: unitCount(c, 'province', 'rejected') ?? 0,
      duplicate: unitCount(c, 'province', 'duplicate') ?? 0,
      tiers: Object.fromEntries(
        (['so', 'huyen', 'xa'] as const)
          .filter((t) => c.reporting[t].of > 0)
          .map((t) => [
            t,
            { reported: c.reporting[t].reported, all: c.reporting[t].of, missing: unitCount(c, t, 'missing') ?? 0 },
          ]),
      ),
    },
  });
}

/** Each unit with figures: its additive indicators (with the cell each was read from) and ratios. */
function unitFigures(c: Consolidation): UnitFacts[] {
  const additive = new Set(c.form.indicators.filter((i) => i.aggregate === 'sum').map((i) => i.code));
  const out: UnitFacts[] = [];
  for (const u of c.units) {
    const values = c.values[u.code];
    if (!values) continue;
    const indicators: UnitFacts['indicators'] = {};
    for (const [code, v] of Object.entries(values)) {
      if (!additive.has(code)) continue;
      const s = v.source;
      indicators[code] = {
        value: v.value,
        from: `tệp ${s.file}, trang ${s.sheet}, ô ${s.cell}`,
        sha256: s.sha256,
        ...(v.corrected ? { corrected: true } : {}),
      };
    }
    const ratios: UnitFacts['ratios'] = {};
    for (const r of c.form.ratios) {
      const value = unitRatio(r, values);
      if (value !== null) ratios[r.code] = value;
    }
    out.push({ code: u.code, name: u.name, tier: u.tier, indicators, ratios });
  }
  return out;
}
