/**
 * "Số liệu": every indicator by province and tier, the ratios, the targets (with the numbers
 * their chart needs), the department's own inputs; a total opened into the units that make
 * it; one indicator compared across units or tiers with outliers marked. Every figure is
 * formatted here, by the one Vietnamese formatter.
 */
import type {
  ComparisonView,
  DrilldownView,
  IndicatorRow,
  InputKeyView,
  NumbersView,
  ProvinceInputView,
  RatioRow,
  TargetRow,
  TierCode,
} from '../../shared-api/app-api.js';
import { datasetCode } from '../checklists/dataset-code.js';
import type { Indicator } from '../form/types.js';
import { targetsSentence, type Consolidation, type Total } from '../model/consolidation.js';
import { formatNumber, formatValue } from '../numbers/index.js';
import { unitRatio } from '../reconcile/index.js';
import { dateTimeVN, TARGET_STATUS_LABELS, targetView } from './consolidation-view.js';
import { ApiError } from './errors.js';
import type { PeriodState } from './session.js';

function valueText(ind: Indicator | undefined, v: number): string {
  return ind ? formatValue(v, ind.kind) : formatNumber(v);
}

function totalText(ind: Indicator, t: Total | undefined): string {
  return !t || t.contributing === 0 ? '—' : valueText(ind, t.value);
}

function contributing(t: { contributing: number; of: number } | undefined): string {
  return t ? `${formatNumber(t.contributing)}/${formatNumber(t.of)} đơn vị` : '—';
}

function percentOrDash(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${formatNumber(v, { decimals: 2 })}%`;
}

/** The keys the department may enter: the targets judged from a province input, and held totals. */
export function inputKeys(c: Consolidation): InputKeyView[] {
  const targets = c.form.targets
    .filter((t) => t.input === 'province')
    .map((t): InputKeyView => ({ key: t.id, label: t.label, unit: t.unit ?? '%', kind: 'target' }));
  const held = c.form.indicators
    .filter((i) => i.aggregate === 'sum')
    .map((i): InputKeyView => ({ key: i.code, label: i.label, unit: i.unit, kind: 'held-total' }));
  return [...targets, ...held];
}

export function numbersView(s: PeriodState): NumbersView {
  const c = s.consolidation;
  const tiers = c.period.tiers;
  const indicators: IndicatorRow[] = c.form.indicators.map((ind) => {
    const additive = ind.aggregate === 'sum';
    const prov = c.totals.province[ind.code];
    return {
      code: ind.code,
      label: ind.label,
      section: c.form.sections.find((x) => x.id === ind.section)?.title ?? ind.section,
      unit: ind.unit,
      additive,
      provinceText: additive ? totalText(ind, prov) : 'không cộng',
      tiers: tiers.map((t) => {
        const tt = c.totals[t][ind.code];
        return {
          tier: t,
          text: !ind.tiers.includes(t) ? '' : additive ? totalText(ind, tt) : 'không cộng',
          contributingText: ind.tiers.includes(t) ? contributing(tt) : '',
        };
      }),
      contributingText: additive ? contributing(prov) : '',
    };
  });
  const ratios: RatioRow[] = c.form.ratios.map((r) => {
    const p = c.ratios.province[r.code];
    return {
      code: r.code,
      label: r.label,
      provinceText: percentOrDash(p?.value),
      tiers: tiers.map((t) => ({ tier: t, text: percentOrDash(c.ratios[t][r.code]?.value) })),
      formulaText: p
        ? `(${r.numSource}) / (${r.denSource}) = ${formatNumber(p.num)} / ${formatNumber(p.den)}`
        : `(${r.numSource}) / (${r.denSource})`,
      contributingText: contributing(p),
    };
  });
  const targets: TargetRow[] = c.targets.map((t) => {
    const def = c.form.targets.find((d) => d.id === t.id);
    return {
      ...targetView(t, c.period.tiers, c.form.tiers),
      value: t.value,
      threshold: t.threshold ?? (t.byTier ? Math.max(...Object.values(t.byTier).map((x) => x?.threshold ?? 0)) : null),
      unit: t.unit,
      input: def?.input === 'province',
    };
  });
  const labels = new Map(inputKeys(c).map((k) => [k.key, k]));
  const inputs: ProvinceInputView[] = c.provinceInputs.map((p) => {
    const k = labels.get(p.key);
    const ind = c.form.indicatorByCode.get(p.key);
    return {
      key: p.key,
      label: k?.label ?? p.key,
      valueText:
        k?.unit === 'hạng'
          ? `xếp thứ ${formatNumber(p.value)}`
          : k?.unit === '%'
            ? `${formatNumber(p.value)}%`
            : valueText(ind, p.value),
      note: p.note,
      byText: `${p.by}, ${dateTimeVN(p.at)}`,
    };
  });
  return {
    period: c.period.code,
    tiers: tiers.map((t) => ({ tier: t, label: c.form.tiers[t] })),
    indicators,
    ratios,
    targets,
    targetsText: targetsSentence(c.targets),
    inputs,
    inputKeys: inputKeys(c),
    datasetCode: datasetCode(c.datasetHash),
  };
}

/** The units that make a total, each with its figure and the cell it came from. */
export function drilldownView(s: PeriodState, code: string, scope: TierCode | 'province'): DrilldownView {
  const c = s.consolidation;
  const ind = c.form.indicatorByCode.get(code);
  if (!ind) throw new ApiError(`Không có chỉ tiêu ${code} trong biểu mẫu.`);
  const units = c.units.filter((u) => (scope === 'province' || u.tier === scope) && ind.tiers.includes(u.tier));
  const total = c.totals[scope][code];
  const rows: DrilldownView['rows'] = [];
  const missing: string[] = [];
  for (const u of units) {
    const v = c.values[u.code]?.[code];
    if (!v) {
      missing.push(`${u.name} (${u.code})`);
      continue;
    }
    rows.push({
      unit: u.code,
      unitName: u.name,
      tierLabel: c.form.tiers[u.tier],
      valueText: valueText(ind, v.value),
      file: v.source.file,
      sha256: v.source.sha256,
      cellText: v.source.cell ? `${v.source.sheet}!${v.source.cell}` : '',
      ...(v.corrected
        ? {
            note: `đã sửa từ ${v.corrected.from === null ? 'ô trống' : valueText(ind, v.corrected.from)} (${v.corrected.note})`,
          }
        : {}),
    });
  }
  return {
    code,
    label: ind.label,
    scopeLabel: scope === 'province' ? 'Toàn tỉnh' : c.form.tiers[scope],
    totalText: ind.aggregate === 'sum' ? totalText(ind, total) : 'không cộng',
    contributingText: contributing(total),
    rows,
    missing,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * One indicator (or ratio) across the units of a tier, or across tiers. An outlier is a
 * unit the reconciliation flagged (ratios), or, for a count, one whose robust z-score
 * (median and MAD, as the reconciliation's) passes 3,5.
 */
export function comparisonView(s: PeriodState, code: string, tier?: TierCode): ComparisonView {
  const c = s.consolidation;
  const ind = c.form.indicatorByCode.get(code);
  const ratio = c.form.ratioByCode.get(code);
  if (!ind && !ratio) throw new ApiError(`Không có chỉ tiêu hay tỷ lệ ${code} trong biểu mẫu.`);
  const label = ind?.label ?? ratio?.label ?? code;
  const unit = ind?.unit ?? '%';
  const fmt = (v: number): string => (ind ? valueText(ind, v) : `${formatNumber(v, { decimals: 2 })}%`);
  if (!tier) {
    const bars = c.period.tiers.map((t) => {
      const v = ind
        ? ind.aggregate === 'sum'
          ? c.totals[t][code]?.contributing
            ? c.totals[t][code]!.value
            : null
          : null
        : (c.ratios[t][code]?.value ?? null);
      return { key: t, label: c.form.tiers[t], value: v, valueText: v === null ? '—' : fmt(v), outlier: false };
    });
    return {
      code,
      label,
      unit,
      bars,
      summaryText:
        ind && ind.aggregate !== 'sum' ? 'Chỉ tiêu này không cộng theo cấp.' : `So sánh ${c.period.tiers.length} cấp.`,
    };
  }
  const flagged = new Set(
    c.findings
      .filter((f) => f.check === 'OUTLIER' && f.values[0]?.code === code && f.unit)
      .map((f) => f.unit as string),
  );
  const units = c.units.filter((u) => u.tier === tier);
  const points = units.map((u) => {
    const vals = c.values[u.code];
    const v = ind ? (vals?.[code]?.value ?? null) : ratio ? unitRatio(ratio, vals) : null;
    return { u, v };
  });
  const present = points.filter((p): p is { u: (typeof units)[number]; v: number } => p.v !== null).map((p) => p.v);
  let med = 0;
  let mad = 0;
  if (ind && present.length >= 5) {
    med = median(present);
    mad = median(present.map((x) => Math.abs(x - med)));
  }
  const bars = points.map(({ u, v }) => {
    const z = v !== null && mad > 0 ? Math.abs((0.6745 * (v - med)) / mad) : 0;
    return {
      key: u.code,
      label: u.name,
      value: v,
      valueText: v === null ? '—' : fmt(v),
      outlier: ratio ? flagged.has(u.code) : z > 3.5,
    };
  });
  const outliers = bars.filter((b) => b.outlier).length;
  const med2 = present.length ? median(present) : null;
  return {
    code,
    label,
    unit,
    bars,
    summaryText:
      present.length === 0
        ? 'Chưa đơn vị nào có số liệu.'
        : `Trung vị ${fmt(med2 as number)}; ${formatNumber(present.length)}/${formatNumber(units.length)} đơn vị có số liệu; ${
            outliers === 0
              ? 'không đơn vị nào khác xa các đơn vị cùng cấp'
              : `${formatNumber(outliers)} đơn vị khác xa các đơn vị cùng cấp`
          }.`,
  };
}

export { TARGET_STATUS_LABELS };
