/**
 * The resolution's targets judged from consolidated ratios or province inputs
 * (reconciliation.md, "Targets").
 */
import type { Target, Tier } from '../form/index.js';
import type {
  ProvinceInput,
  RatioValue,
  ScopeMap,
  TargetResult,
  TargetStatus,
  TierTargetResult,
} from '../model/consolidation.js';

/**
 * One value against one threshold. `vuot` when it beats the threshold by `margin` of the
 * threshold (≥ 33 for "≥ 30" with 10 %; for ranks "≤ 50", 45 or better).
 */
export function judge(value: number | null, op: '>=' | '<=', threshold: number, margin: number): TargetStatus {
  if (value === null) return 'thieu-so-lieu';
  const met = op === '>=' ? value >= threshold : value <= threshold;
  if (!met) return 'chua-dat';
  // 80 × 1.1 is 88.00000000000001 in floating point: compare with a hair of slack.
  // Stryker disable next-line EqualityOperator: a value exactly equal to the threshold with its 1e-9 slack never arises
  const beaten = op === '>=' ? value >= threshold * (1 + margin) - 1e-9 : value <= threshold * (1 - margin) + 1e-9;
  return beaten ? 'vuot' : 'dat';
}

function byTierResult(
  target: Target,
  thresholds: Partial<Record<Tier, number>>,
  ratios: ScopeMap<RatioValue>,
  tiers: Tier[],
  margin: number,
): Pick<TargetResult, 'status' | 'byTier' | 'failingTiers'> {
  const byTier: Partial<Record<Tier, TierTargetResult>> = {};
  const statuses: TargetStatus[] = [];
  const failingTiers: Tier[] = [];
  for (const t of tiers) {
    const threshold = thresholds[t];
    if (threshold === undefined) continue;
    const value = target.ratio ? (ratios[t][target.ratio]?.value ?? null) : null;
    const s = judge(value, target.op, threshold, margin);
    statuses.push(s);
    if (s === 'chua-dat') failingTiers.push(t);
    byTier[t] = { value, threshold, met: s === 'thieu-so-lieu' ? null : s !== 'chua-dat' };
  }
  // A failing tier decides; otherwise a tier without data leaves the target unjudged.
  const status: TargetStatus =
    statuses.length === 0 || (statuses.includes('thieu-so-lieu') && failingTiers.length === 0)
      ? 'thieu-so-lieu'
      : failingTiers.length > 0
        ? 'chua-dat'
        : statuses.every((s) => s === 'vuot')
          ? 'vuot'
          : 'dat';
  return { status, byTier, failingTiers };
}

/** Judge every target of the form; tiers absent from the period are ignored. */
export function judgeTargets(
  targets: Target[],
  ratios: ScopeMap<RatioValue>,
  inputs: ProvinceInput[],
  tiers: Tier[],
  margin: number,
): TargetResult[] {
  const inputByKey = new Map(inputs.map((i) => [i.key, i]));
  return targets.map((target): TargetResult => {
    const source = target.input === 'province' ? 'input' : 'ratio';
    const unit = source === 'input' ? (target.unit ?? '') : '%';
    const base = { id: target.id, label: target.label, op: target.op, source, unit } as const;
    if (target.byTier) {
      const value = target.ratio ? (ratios.province[target.ratio]?.value ?? null) : null;
      return { ...base, value, threshold: null, ...byTierResult(target, target.byTier, ratios, tiers, margin) };
    }
    const threshold = target.value ?? 0;
    const value =
      source === 'input'
        ? (inputByKey.get(target.id)?.value ?? null)
        : target.ratio
          ? (ratios.province[target.ratio]?.value ?? null)
          : null;
    return { ...base, value, threshold, status: judge(value, target.op, threshold, margin) };
  });
}
