/**
 * Resolving placeholders against a consolidation: every figure goes through
 * core/numbers; a missing figure becomes a visible gap and a finding, never 0.
 */
import type { Scope, Target } from '../form/types.js';
import { intakeOf, type Consolidation, type TargetResult, type TargetStatus } from '../model/consolidation.js';
import { findingId, type Finding } from '../model/index.js';
import { formatCount, formatMoney, formatNumber, formatPercent, formatValue } from '../numbers/index.js';
import { formatDateVN } from '../period/index.js';
import { TIER_NAMES, type AnnexName, type Placeholder, type UnitsField } from './placeholders.js';

/** A resolved piece of text: a figure, or a gap where the figure is missing. */
export type Resolved = { ok: true; text: string } | { ok: false; text: string };

export const STATUS_TEXT: Record<TargetStatus, string> = {
  dat: 'đạt',
  vuot: 'vượt',
  'chua-dat': 'chưa đạt',
  'thieu-so-lieu': 'chưa có số liệu',
};

/**
 * The gap printed in place of a missing figure: "[thiếu số liệu: KL01 cấp sở]". `what` names the
 * figure for a reader — its code in the form (which the clerk finds in the returns and the
 * findings) and the tier it is of, never the template's field syntax ("so:KL01").
 */
export function gapText(what: string): string {
  return `[thiếu số liệu: ${what}]`;
}

/** A figure's code with its tier, as a gap names it: "KL01" for the province, "KL01 cấp sở". */
export function gapName(code: string, scope: Scope): string {
  return scope === 'province' ? code : `${code} ${TIER_NAMES[scope]}`;
}

function scopeName(scope: Scope): string {
  return scope === 'province' ? 'toàn tỉnh' : TIER_NAMES[scope];
}

/** What a gap of this placeholder names ("KL01 cấp sở", "MT3", "số đơn vị cấp xã"). */
function gapNameOf(ph: Placeholder, source: string): string {
  switch (ph.kind) {
    case 'total':
    case 'ratio':
    case 'fraction':
    case 'part':
      return gapName(ph.code, ph.scope);
    case 'target':
      return ph.id;
    case 'units':
      return `số đơn vị ${scopeName(ph.scope)}`;
    case 'annex':
      return ph.name === 'units' ? 'phụ lục số liệu các đơn vị' : 'phụ lục đơn vị chưa có số liệu';
    default:
      return source;
  }
}

/** Collects the REPORT_MISSING_VALUE findings of one render, one per placeholder. */
export class MissingValues {
  private readonly byId = new Map<string, Finding>();

  /**
   * @param annexes How each annex the text may cite is numbered in this report ("Phụ lục II");
   *   an annex the report does not have is absent.
   */
  constructor(
    private readonly c: Consolidation,
    readonly annexes: Partial<Record<AnnexName, string>> = {},
  ) {}

  add(source: string, scope: Scope, what: string, where: string): void {
    const id = findingId('REPORT_MISSING_VALUE', scope, [source]);
    if (this.byId.has(id)) return;
    this.byId.set(id, {
      id,
      check: 'REPORT_MISSING_VALUE',
      severity: 'warning',
      scope,
      ...(scope !== 'province' ? { tier: scope } : {}),
      values: [{ code: source, value: null }],
      cells: [],
      message: `Báo cáo thiếu số liệu ${what} của ${scopeName(scope)} (trường "{{${source}}}", ${where}); văn bản để trống chỗ này thay vì ghi 0.`,
      status: 'open',
    });
  }

  list(): Finding[] {
    return [...this.byId.values()];
  }

  get consolidation(): Consolidation {
    return this.c;
  }
}

function percentOrRank(value: number, t: Target): string {
  return t.unit === 'hạng' ? formatNumber(value, { decimals: 0 }) : formatPercent(value);
}

/** The resolution's threshold as quoted in reports ("30%", "cấp sở 90%, cấp huyện 80%"). */
export function thresholdText(t: Target, c: Consolidation): string {
  const pct = (v: number): string => (t.unit === 'hạng' ? formatNumber(v) : `${formatNumber(v)}%`);
  if (t.byTier) {
    return c.period.tiers
      .filter((tier) => t.byTier?.[tier] !== undefined)
      .map((tier) => `${TIER_NAMES[tier]} ${pct(t.byTier?.[tier] ?? 0)}`)
      .join(', ');
  }
  return pct(t.value ?? 0);
}

/** How many units of a scope are in each situation (from the intake, else from who has figures). */
export function unitCount(c: Consolidation, scope: Scope, field: UnitsField): number | undefined {
  const r = c.reporting[scope];
  if (!r) return undefined;
  switch (field) {
    case 'reported':
      return r.reported;
    case 'all':
      return r.of;
    case 'unused':
      return r.of - r.reported;
    default: {
      const members = c.units.filter((u) => scope === 'province' || u.tier === scope);
      return members.filter((u) => !c.values[u.code] && intakeOf(c, u.code).status === field).length;
    }
  }
}

/** Counts of targets: met (đạt and vượt), unmet (chưa đạt), without data, all. */
export function targetCount(c: Consolidation, field: 'met' | 'unmet' | 'nodata' | 'total'): number {
  switch (field) {
    case 'met':
      return c.targets.filter((t) => t.status === 'dat' || t.status === 'vuot').length;
    case 'unmet':
      return c.targets.filter((t) => t.status === 'chua-dat').length;
    case 'nodata':
      return c.targets.filter((t) => t.status === 'thieu-so-lieu').length;
    case 'total':
      return c.targets.length;
  }
}

/** A figure as plain digits in Vietnamese notation (whole numbers without decimals). */
function plainNumber(n: number): string {
  return formatNumber(n, Number.isInteger(n) ? { decimals: 0 } : {});
}

/**
 * The number a placeholder stands for, for `[[if …]]`: counts, totals, ratios, target values;
 * null when the figure is missing or the placeholder is not a number (labels, dates).
 */
export function placeholderNumber(ph: Placeholder, c: Consolidation): number | null {
  switch (ph.kind) {
    case 'total': {
      const t = c.totals[ph.scope]?.[ph.code];
      return t && t.contributing > 0 ? t.value : null;
    }
    case 'ratio':
    case 'fraction':
    case 'part':
      return c.ratios[ph.scope]?.[ph.code]?.value ?? null;
    case 'targets':
      return targetCount(c, ph.field);
    case 'units':
      return unitCount(c, ph.scope, ph.field) ?? null;
    case 'target':
      return ph.field === 'value' ? (targetResult(c, ph.id)?.value ?? null) : null;
    case 'annex':
    case 'period':
      return null;
  }
}

function targetDef(c: Consolidation, id: string): Target | undefined {
  return c.form.targets.find((t) => t.id === id);
}

function targetResult(c: Consolidation, id: string): TargetResult | undefined {
  return c.targets.find((t) => t.id === id);
}

/** Resolve one placeholder. `where` names the block for the finding's message. */
export function resolvePlaceholder(ph: Placeholder, source: string, mv: MissingValues, where: string): Resolved {
  const c = mv.consolidation;
  const missing = (scope: Scope, what: string): Resolved => {
    mv.add(source, scope, what, where);
    return { ok: false, text: gapText(gapNameOf(ph, source)) };
  };
  switch (ph.kind) {
    case 'total': {
      const ind = c.form.indicatorByCode.get(ph.code);
      const total = c.totals[ph.scope]?.[ph.code];
      const what = `${ph.code}${ind ? ` (${ind.label})` : ''}`;
      if (!ind || !total || total.contributing === 0) return missing(ph.scope, what);
      if (ph.style === 'count2') return { ok: true, text: formatCount(total.value, { leadingZero: true }) };
      if (ph.style === 'money') return { ok: true, text: formatMoney(total.value, ind.unit) };
      return { ok: true, text: formatValue(total.value, ind.kind) };
    }
    case 'ratio':
    case 'fraction':
    case 'part': {
      const r = c.ratios[ph.scope]?.[ph.code];
      const ratio = c.form.ratioByCode.get(ph.code);
      if (!r || r.value === null) return missing(ph.scope, `${ph.code}${ratio ? ` (${ratio.label})` : ''}`);
      const rate = formatPercent(r.value);
      if (ph.kind === 'ratio') return { ok: true, text: rate };
      // The figures printed are the very numerator and denominator the rate is computed from.
      const noun = ph.noun ? ` ${ph.noun}` : '';
      if (ph.kind === 'part') return { ok: true, text: `${plainNumber(r.num)}${noun}, tương ứng ${rate}` };
      return { ok: true, text: `${plainNumber(r.num)}/${plainNumber(r.den)}${noun}, đạt ${rate}` };
    }
    case 'annex': {
      const name = mv.annexes[ph.name];
      if (!name)
        return missing(
          'province',
          ph.name === 'units' ? 'phụ lục số liệu các đơn vị' : 'phụ lục đơn vị chưa có số liệu',
        );
      // "Phụ lục II" is never split across two lines.
      return { ok: true, text: name.replace(/ /g, '\u00a0') };
    }
    case 'target': {
      const def = targetDef(c, ph.id);
      const res = targetResult(c, ph.id);
      if (!def) return missing('province', `mục tiêu ${ph.id}`);
      switch (ph.field) {
        case 'label':
          return { ok: true, text: def.label };
        case 'threshold':
          return { ok: true, text: thresholdText(def, c) };
        case 'status':
          return { ok: true, text: STATUS_TEXT[res?.status ?? 'thieu-so-lieu'] };
        case 'value':
          if (!res || res.value === null) return missing('province', `mục tiêu ${ph.id} (${def.label})`);
          return { ok: true, text: percentOrRank(res.value, def) };
      }
      break;
    }
    case 'targets':
      return { ok: true, text: formatNumber(targetCount(c, ph.field), { decimals: 0 }) };
    case 'units': {
      const n = unitCount(c, ph.scope, ph.field);
      if (n === undefined) return missing(ph.scope, 'số đơn vị');
      return { ok: true, text: formatNumber(n, { decimals: 0 }) };
    }
    case 'period': {
      const p = c.period;
      const text =
        ph.field === 'cutoff' || ph.field === 'deadline'
          ? formatDateVN(p[ph.field])
          : ph.field === 'title.lower'
            ? p.title.charAt(0).toLowerCase() + p.title.slice(1)
            : p[ph.field];
      return { ok: true, text };
    }
  }
  return missing('province', source);
}
