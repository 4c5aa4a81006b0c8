/**
 * The checks that are not rules of the form: completeness, outliers among peers, moves
 * since the previous period, and totals the department holds from elsewhere.
 */
import { indicatorsForTier, type Ratio, type Tier } from '../form/index.js';
import { formatNumber, formatPercent } from '../numbers/index.js';
import { cellRef, findingId, type CellValue } from '../model/index.js';
import type { ScopeMap, Total } from '../model/consolidation.js';
import { cellFigure, unitPrefix, unitValues, type Ctx, type NewFinding } from './context.js';
import { guardUnit } from './guard.js';
import { cellsPhrase, figValue, indicatorName } from './messages.js';
import type { Unit } from '../units/index.js';

export const MISSING_VALUE = 'MISSING_VALUE';
export const OUTLIER = 'OUTLIER';
export const PREV_JUMP = 'PREV_JUMP';
export const PREV_DECREASE = 'PREV_DECREASE';
export const HELD_TOTAL_MISMATCH = 'HELD_TOTAL_MISMATCH';
export const UNKNOWN_PROVINCE_INPUT = 'UNKNOWN_PROVINCE_INPUT';

/** Up to this many blanks are reported one finding each; more are grouped in one finding per unit. */
const GROUP_BLANKS_ABOVE = 3;

/**
 * Indicator codes of each unit whose cell the importer already reported as unreadable
 * ("1,5" in a count, "-3", a rate of 150, #DIV/0!): the unit filled them, so they are not blanks.
 */
function flaggedOnImport(ctx: Ctx): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of ctx.ds.importFindings) {
    if (f.unit === undefined) continue;
    const set = out.get(f.unit) ?? new Set<string>();
    for (const v of f.values) if (ctx.form.indicatorByCode.has(v.code)) set.add(v.code);
    out.set(f.unit, set);
  }
  return out;
}

/**
 * A figure the unit's tier must fill and left blank. A *warning*, not an error: a blank is
 * not an inconsistency — the total already shows it ("118 — từ 38/40 đơn vị") and an error
 * would block signing the whole province's report over one empty cell; the clerk chases it
 * or explains it. Each blank names its cell (the importer records where an indicator's row was
 * found with its value cell empty); an indicator whose row is missing from the workbook has none.
 * A cell the importer refused as unreadable is its own finding (one slip, one finding): it was
 * filled, so it is never also reported as blank.
 */
export function checkCompleteness(ctx: Ctx, out: NewFinding[]): void {
  const flagged = flaggedOnImport(ctx);
  for (const u of ctx.units) {
    guardUnit(u, 'số liệu bỏ trống', undefined, out, () => completeness(ctx, u, flagged.get(u.code), out));
  }
}

function completeness(ctx: Ctx, u: Unit, seen: Set<string> | undefined, out: NewFinding[]): void {
  const values = unitValues(ctx, u);
  if (!values) return;
  const blank = indicatorsForTier(ctx.form, u.tier).filter((i) => values[i.code] === undefined && !seen?.has(i.code));
  const where = ctx.ds.blanks?.[u.code] ?? {};
  const groups = blank.length > GROUP_BLANKS_ABOVE ? [blank] : blank.map((b) => [b]);
  for (const g of groups) {
    const codes = g.map((i) => i.code);
    const cellOf = (code: string): string => {
      const c = where[code]?.cell;
      return c ? ` (ô ${c})` : '';
    };
    const what =
      g.length === 1
        ? `chỉ tiêu ${codes[0]} "${g[0]?.label}"${cellOf(codes[0] as string)}`
        : `${g.length} chỉ tiêu: ${codes.map((c) => `${c}${cellOf(c)}`).join(', ')}`;
    const sources = codes.map((code) => where[code]);
    out.push({
      id: findingId(MISSING_VALUE, u.code, codes),
      check: MISSING_VALUE,
      severity: 'warning',
      scope: 'unit',
      unit: u.code,
      tier: u.tier,
      file: Object.values(values)[0]?.source.file,
      values: codes.map((code, i) => ({ code, value: null, ...(sources[i] ? { source: sources[i] } : {}) })),
      cells: sources.filter((p) => p !== undefined).map((p) => cellRef(p)),
      message: `${unitPrefix(u, values)}bỏ trống ${what}. Ô trống được hiểu là không có số liệu (không phải số 0); đề nghị đơn vị bổ sung.`,
    });
  }
}

function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const paren = (src: string): string => (src.includes(' ') ? `(${src})` : src);

/** Fewest units of a tier with a value for the robust z-score to mean anything. */
const MIN_PEERS = 5;

/**
 * Among units of one tier, a unit ratio whose robust z-score 0.6745·(x − median)/MAD
 * exceeds `threshold` in absolute value. MAD = 0 (most peers identical) or fewer than
 * five peers with a value: no judgement. A unit must also lie at least `minGap`
 * percentage points from the median: when peers cluster tightly (MAD of 0,3 points) a
 * z-score above 3.5 can mean 99,4 % against 96,7 %, which no clerk should chase.
 */
export function checkOutliers(ctx: Ctx, threshold: number, minGap: number, out: NewFinding[]): void {
  for (const t of ctx.tiers) {
    for (const ratio of ctx.form.ratios) {
      if (!ratio.refs.every((c) => ctx.fills[t].has(c))) continue;
      const points: { unit: (typeof ctx.units)[number]; x: number }[] = [];
      for (const u of ctx.byTier[t]) {
        const p = ctx.ratioParts(ratio, u);
        if (p && p.den !== 0) points.push({ unit: u, x: (100 * p.num) / p.den });
      }
      if (points.length < MIN_PEERS) continue;
      const xs = points.map((p) => p.x).sort((a, b) => a - b);
      const med = median(xs);
      const mad = median(xs.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
      if (mad === 0) continue;
      for (const { unit, x } of points) {
        guardUnit(unit, `so sánh ${ratio.code} với các đơn vị cùng cấp`, undefined, out, () =>
          outlier(ctx, t, ratio, unit, x, { med, mad, peers: points.length }, threshold, minGap, out),
        );
      }
    }
  }
}

function outlier(
  ctx: Ctx,
  t: Tier,
  ratio: Ratio,
  unit: Unit,
  x: number,
  { med, mad, peers }: { med: number; mad: number; peers: number },
  threshold: number,
  minGap: number,
  out: NewFinding[],
): void {
  const z = (0.6745 * (x - med)) / mad;
  if (Math.abs(z) <= threshold || Math.abs(x - med) < minGap) return;
  const values = unitValues(ctx, unit) as Record<string, CellValue>;
  const involved = ratio.refs.map((c) => values[c] as CellValue);
  const cells = involved.map((cv) => cellRef(cv.source));
  const figs = involved.map((cv) => ({
    code: cv.code,
    value: cv.value,
    sheet: cv.source.sheet,
    cell: cv.source.cell,
  }));
  out.push({
    id: findingId(OUTLIER, unit.code, [ratio.code]),
    check: OUTLIER,
    severity: 'warning',
    scope: 'unit',
    unit: unit.code,
    tier: unit.tier,
    file: involved[0]?.source.file,
    values: [{ code: ratio.code, value: x }, ...involved.map(cellFigure)],
    cells,
    message:
      `${unitPrefix(unit, values, ratio.refs)}${ratio.label} là ${formatPercent(x)} ` +
      `(tính từ ${paren(ratio.numSource)} / ${paren(ratio.denSource)}, ${cellsPhrase(figs)}), khác xa các đơn vị ` +
      `cùng ${ctx.form.tiers[t].toLowerCase()} (trung vị của ${formatNumber(peers)} đơn vị là ${formatPercent(med)}). ` +
      `Đề nghị kiểm tra lại số liệu.`,
  });
}

/**
 * Against the previous period's return of the same unit: a figure that moved by more than
 * `factor` either way is a `PREV_JUMP` warning; a cumulative figure that fell is a
 * `PREV_DECREASE` warning (and not also a jump). A move from or to zero has no factor and is
 * not judged as a jump (small counts often start at zero); moves where both figures are
 * below `floor` are noise and ignored.
 */
export function checkPrevious(
  ctx: Ctx,
  factor: number,
  floor: number,
  cumulative: ReadonlySet<string>,
  out: NewFinding[],
): void {
  const prev = ctx.ds.previous;
  if (!prev) return;
  for (const u of ctx.units) {
    guardUnit(u, 'so sánh với kỳ trước', undefined, out, () => previous(ctx, prev, u, factor, floor, cumulative, out));
  }
}

function previous(
  ctx: Ctx,
  prev: NonNullable<Ctx['ds']['previous']>,
  u: Unit,
  factor: number,
  floor: number,
  cumulative: ReadonlySet<string>,
  out: NewFinding[],
): void {
  const now = unitValues(ctx, u);
  const before = prev.values[u.code];
  if (!now || !before) return;
  for (const ind of indicatorsForTier(ctx.form, u.tier)) {
    const a = before[ind.code];
    const b = now[ind.code];
    if (!a || !b) continue;
    let check: string | undefined;
    if (cumulative.has(ind.code) && b.value < a.value) check = PREV_DECREASE;
    else if (a.value !== 0 && b.value !== 0 && Math.max(Math.abs(a.value), Math.abs(b.value)) >= floor) {
      const r = b.value / a.value;
      if (r > factor || r < 1 / factor) check = PREV_JUMP;
    }
    if (!check) continue;
    const cell = cellRef(b.source);
    const was = `${figValue(ctx.form, ind.code, a.value)} (kỳ ${prev.period.code}, tệp ${a.source.file} ô ${a.source.cell})`;
    const is = `${figValue(ctx.form, ind.code, b.value)} (ô ${b.source.cell})`;
    const body =
      check === PREV_DECREASE
        ? `${indicatorName(ctx.form, ind.code)} là số cộng dồn từ đầu thời kỳ nhưng giảm từ ${was} xuống ${is}.`
        : `${indicatorName(ctx.form, ind.code)} thay đổi hơn ${formatNumber(factor)} lần so với kỳ trước: từ ${was} thành ${is}.`;
    out.push({
      id: findingId(check, u.code, [ind.code, cell]),
      check,
      severity: 'warning',
      scope: 'unit',
      unit: u.code,
      tier: u.tier,
      file: b.source.file,
      values: [cellFigure(b), { code: `${ind.code} (kỳ ${prev.period.code})`, value: a.value, source: a.source }],
      cells: [cell],
      message: `${unitPrefix(u, now, [ind.code])}${body} Đề nghị kiểm tra lại.`,
    });
  }
}

/**
 * Province inputs keyed by an indicator code are totals the department holds from another
 * system: any difference from the sum of the units is a finding quoting both numbers and
 * the input's source note. Keys that are neither an input target nor an additive
 * indicator are reported, never silently dropped.
 */
export function checkProvinceInputs(ctx: Ctx, totals: ScopeMap<Total>, out: NewFinding[]): void {
  const inputTargets = new Set(ctx.form.targets.filter((t) => t.input === 'province').map((t) => t.id));
  for (const input of ctx.ds.provinceInputs) {
    if (inputTargets.has(input.key)) continue;
    const ind = ctx.form.indicatorByCode.get(input.key);
    if (!ind || ind.aggregate !== 'sum') {
      out.push({
        id: findingId(UNKNOWN_PROVINCE_INPUT, 'province', [input.key]),
        check: UNKNOWN_PROVINCE_INPUT,
        severity: 'warning',
        scope: 'province',
        values: [{ code: input.key, value: input.value }],
        cells: [],
        message: `Số liệu cấp tỉnh nhập với mã "${input.key}" không phải là chỉ tiêu cộng được hay chỉ tiêu mục tiêu của biểu mẫu nên không được sử dụng.`,
      });
      continue;
    }
    const total = totals.province[input.key];
    const summed = total?.value ?? null;
    if (summed !== null && Math.abs(summed - input.value) < 1e-9) continue;
    const held = figValue(ctx.form, ind.code, input.value);
    const sum =
      total === undefined
        ? 'chưa có đơn vị nào báo cáo chỉ tiêu này'
        : `tổng cộng từ báo cáo của các đơn vị là ${figValue(ctx.form, ind.code, total.value)} (từ ${total.contributing}/${total.of} đơn vị)`;
    out.push({
      id: findingId(HELD_TOTAL_MISMATCH, 'province', [input.key]),
      check: HELD_TOTAL_MISMATCH,
      severity: 'warning',
      scope: 'province',
      values: [
        { code: `${input.key} (số liệu của Sở)`, value: input.value },
        { code: `${input.key} (tổng các đơn vị)`, value: summed },
      ],
      cells: [],
      message: `${indicatorName(ctx.form, ind.code)} (${ind.code}) toàn tỉnh theo số liệu Sở nắm giữ là ${held} (nguồn: ${input.note}), nhưng ${sum}.`,
    });
  }
}
