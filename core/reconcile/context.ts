/**
 * What every reconciliation step needs, computed once from the dataset: the units of the
 * period's tiers in register order, who reported, which tier fills which indicator.
 */
import type { Form, Ratio, Scope, Tier } from '../form/index.js';
import type { CellValue, Finding, FindingValue } from '../model/index.js';
import type { Dataset } from '../model/consolidation.js';
import type { Unit } from '../units/index.js';
import { compile, type Compiled } from './compile.js';

export interface Ctx {
  ds: Dataset;
  form: Form;
  /** Tiers of the period, in form order. */
  tiers: Tier[];
  /** Units of the register whose tier exists in the period, in register order. */
  units: Unit[];
  unitIndex: ReadonlyMap<string, number>;
  /** Register units of each period tier. */
  byTier: Record<Tier, Unit[]>;
  /** Indicator codes each tier fills. */
  fills: Record<Tier, ReadonlySet<string>>;
  /** Rules and both sides of each ratio, compiled once. */
  compiled: ReadonlyMap<string, Compiled>;
  /** A unit's ratio numerator and denominator (null: a figure is blank), computed once. */
  ratioParts(ratio: Ratio, unit: Unit): { num: number; den: number } | null;
}

/** Build the shared context of one reconciliation. */
export function makeContext(ds: Dataset): Ctx {
  const tiers = (['so', 'huyen', 'xa'] as const).filter((t) => ds.period.tiers.includes(t));
  const units = ds.units.filter((u) => tiers.includes(u.tier));
  const byTier: Record<Tier, Unit[]> = { so: [], huyen: [], xa: [] };
  for (const u of units) byTier[u.tier].push(u);
  const fills = {} as Record<Tier, Set<string>>;
  for (const t of ['so', 'huyen', 'xa'] as const) {
    fills[t] = new Set(ds.form.indicators.filter((i) => i.tiers.includes(t)).map((i) => i.code));
  }
  const compiled = new Map<string, Compiled>();
  for (const r of ds.form.rules) compiled.set(r.id, compile(r.expr));
  for (const r of ds.form.ratios) {
    compiled.set(`${r.code}:num`, compile(r.num));
    compiled.set(`${r.code}:den`, compile(r.den));
  }
  const partsCache = new Map<string, Map<string, { num: number; den: number } | null>>();
  const ratioParts = (ratio: Ratio, unit: Unit): { num: number; den: number } | null => {
    const perUnit = partsCache.get(ratio.code) ?? partsCache.set(ratio.code, new Map()).get(ratio.code)!;
    const hit = perUnit.get(unit.code);
    if (hit !== undefined) return hit;
    const values = ds.values[unit.code];
    let parts: { num: number; den: number } | null = null;
    if (values) {
      const lookup = (c: string): number | undefined => values[c]?.value;
      const n = (compiled.get(`${ratio.code}:num`) as Compiled).run(lookup);
      const d = (compiled.get(`${ratio.code}:den`) as Compiled).run(lookup);
      if (n.kind === 'number' && d.kind === 'number') parts = { num: n.value, den: d.value };
    }
    perUnit.set(unit.code, parts);
    return parts;
  };
  return {
    ds,
    form: ds.form,
    tiers,
    units,
    unitIndex: new Map(units.map((u, i) => [u.code, i])),
    byTier,
    fills,
    compiled,
    ratioParts,
  };
}

/** The accepted values of a unit, or undefined when it has no usable return. */
export function unitValues(ctx: Ctx, unit: Unit): Record<string, CellValue> | undefined {
  return ctx.ds.values[unit.code];
}

/** Period tiers whose units fill every one of `codes`. */
export function tiersFilling(ctx: Ctx, codes: readonly string[]): Tier[] {
  return ctx.tiers.filter((t) => codes.every((c) => ctx.fills[t].has(c)));
}

/** Register units of a scope restricted to the given tiers. */
export function scopeUnits(ctx: Ctx, scope: Scope, tiers: readonly Tier[]): Unit[] {
  if (scope !== 'province') return tiers.includes(scope) ? ctx.byTier[scope] : [];
  return ctx.units.filter((u) => tiers.includes(u.tier));
}

/** "cấp sở", "toàn tỉnh" — a scope named mid-sentence. */
export function scopeName(ctx: Ctx, scope: Scope): string {
  if (scope === 'province') return 'toàn tỉnh';
  const label = ctx.form.tiers[scope];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** "S01" for units, "tier:so", "province" — the key used in finding ids and skip lists. */
export function scopeKey(scope: Scope): string {
  return scope === 'province' ? 'province' : `tier:${scope}`;
}

/** "Sở Nội vụ (S01), tệp S01.xlsx, trang Số liệu: " — how a unit-level message starts. */
// Stryker disable next-line ArrayDeclaration: a default list with a code no form has finds nothing, like the empty one
export function unitPrefix(unit: Unit, values: Record<string, CellValue> | undefined, codes: string[] = []): string {
  const source =
    codes.map((c) => values?.[c]?.source).find((s) => s !== undefined) ??
    (values ? Object.values(values)[0]?.source : undefined);
  const where = source ? `, tệp ${source.file}, trang ${source.sheet}` : '';
  return `${unit.name} (${unit.code})${where}: `;
}

/** A finding value with its provenance, from a unit's cell. */
export function cellFigure(cv: CellValue): FindingValue {
  return { code: cv.code, value: cv.value, source: cv.source };
}

/** Findings raised by a step, before ids are checked and resolutions applied. */
export type NewFinding = Omit<Finding, 'status'>;
