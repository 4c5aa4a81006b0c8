/**
 * What keeps one unit's data from stopping the consolidation of all the others:
 * - values reconcile cannot use (not finite, beyond 15 digits, more decimals than the
 *   indicator allows — a derived cache written by an older importer can hold them) are left
 *   out with an error finding on their cell;
 * - a check that fails on one unit's figures becomes an error finding for that unit, and
 *   the other units are checked as usual;
 * - a total or a ratio's sum beyond 2^53, where doubles stop counting in ones, is an error
 *   finding rather than a silently rounded figure.
 */
import type { Scope } from '../form/index.js';
import { MAX_DECIMALS, MAX_MAGNITUDE } from '../import/precision.js';
import { cellRef, findingId, type CellValue } from '../model/index.js';
import type { Dataset, RatioValue, ScopeMap, Total } from '../model/consolidation.js';
import { formatNumber } from '../numbers/index.js';
import type { Unit } from '../units/index.js';
import { scopeKey, scopeName, unitPrefix, type Ctx, type NewFinding } from './context.js';
import { figValue, indicatorName } from './messages.js';

export const UNUSABLE_VALUE = 'UNUSABLE_VALUE';
export const CHECK_FAILED = 'CHECK_FAILED';
export const TOTAL_UNSAFE = 'TOTAL_UNSAFE';

/** Why a kept value cannot be reconciled, or undefined when it can. */
function unusable(ds: Dataset, v: CellValue): string | undefined {
  try {
    return why(ds, v);
  } catch {
    return 'không đọc được';
  }
}

function why(ds: Dataset, v: CellValue): string | undefined {
  const kind = ds.form.indicatorByCode.get(v.code)?.kind ?? 'count';
  // Number.isFinite is false for anything but a finite number (a string, null, NaN, ±Infinity).
  if (!Number.isFinite(v.value)) return 'không phải là một số';
  if (Math.abs(v.value) >= MAX_MAGNITUDE) return 'có hơn 15 chữ số nên không chính xác';
  if (kind === 'count' && !Number.isInteger(v.value)) return 'có phần lẻ trong chỉ tiêu đếm số lượng';
  if (!Number.isInteger(v.decimals) || v.decimals < 0 || v.decimals > MAX_DECIMALS[kind]) {
    return `có quá nhiều chữ số thập phân (tối đa ${MAX_DECIMALS[kind]})`;
  }
  return undefined;
}

/**
 * The dataset with every value reconcile cannot use left out, each with an error finding.
 * The importer never keeps such a value; this guards against data written by older versions.
 */
export function screenValues(ds: Dataset, out: NewFinding[]): Dataset {
  let values: Dataset['values'] | undefined;
  for (const [unitCode, unitValues] of Object.entries(ds.values)) {
    for (const [code, v] of Object.entries(unitValues)) {
      const reason = unusable(ds, v);
      if (reason === undefined) continue;
      values ??= Object.fromEntries(Object.entries(ds.values).map(([u, vs]) => [u, { ...vs }]));
      delete values[unitCode]![code];
      const unit = ds.units.find((u) => u.code === unitCode);
      const cell = v.source ? cellRef(v.source) : undefined;
      out.push({
        id: findingId(UNUSABLE_VALUE, unitCode, [code, ...(cell ? [cell] : [])]),
        check: UNUSABLE_VALUE,
        severity: 'error',
        scope: 'unit',
        unit: unitCode,
        ...(unit ? { tier: unit.tier } : {}),
        ...(v.source ? { file: v.source.file } : {}),
        values: [{ code, value: null, ...(v.source ? { source: v.source } : {}) }],
        cells: cell ? [cell] : [],
        message:
          `${unit ? unitPrefix(unit, unitValues, [code]) : `${unitCode}: `}số liệu ${code}` +
          `${v.source ? ` ở ô ${v.source.cell}` : ''} ${reason} nên không được tổng hợp. ` +
          'Hãy dựng lại dữ liệu từ tệp gốc (lệnh rebuild) hoặc đề nghị đơn vị sửa lại.',
      });
    }
  }
  return values ? { ...ds, values } : ds;
}

/**
 * Run one unit's part of a check; if it throws, the unit gets an error finding naming the
 * check and `fallback` is returned, so that the other units are still checked.
 */
export function guardUnit<T>(unit: Unit, what: string, fallback: T, out: NewFinding[], fn: () => T): T {
  try {
    return fn();
  } catch {
    out.push({
      id: findingId(CHECK_FAILED, unit.code, [what]),
      check: CHECK_FAILED,
      severity: 'error',
      scope: 'unit',
      unit: unit.code,
      tier: unit.tier,
      values: [],
      cells: [],
      message:
        `${unit.name} (${unit.code}): không thực hiện được phép kiểm tra ${what} trên số liệu của đơn vị ` +
        '(số liệu bất thường). Số liệu của các đơn vị khác vẫn được tổng hợp; hãy kiểm tra lại tệp của đơn vị ' +
        'và báo cho người quản trị ứng dụng.',
    });
    return fallback;
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Totals and ratio sums beyond 2^53 − 1: error findings naming the biggest contributions.
 * (Every double beyond 2^53 − 1 is a whole number, so the figures print without decimals.)
 */
export function checkUnsafeSums(
  ctx: Ctx,
  totals: ScopeMap<Total>,
  ratios: ScopeMap<RatioValue>,
  out: NewFinding[],
): void {
  const scopes: Scope[] = ['so', 'huyen', 'xa', 'province'];
  const biggest = (scope: Scope, codes: string[]): string => {
    const figures: { unit: Unit; cv: CellValue }[] = [];
    for (const u of ctx.units) {
      if (scope !== 'province' && u.tier !== scope) continue;
      for (const code of codes) {
        const cv = ctx.ds.values[u.code]?.[code];
        if (cv) figures.push({ unit: u, cv });
      }
    }
    figures.sort((a, b) => Math.abs(b.cv.value) - Math.abs(a.cv.value));
    return figures
      .slice(0, 3)
      .map((f) => `${f.unit.code} ${f.cv.code} ô ${f.cv.source.cell} = ${figValue(ctx.form, f.cv.code, f.cv.value)}`)
      .join('; ');
  };
  const push = (scope: Scope, key: string, what: string, value: number, codes: string[]): void => {
    out.push({
      id: findingId(TOTAL_UNSAFE, scopeKey(scope), [key]),
      check: TOTAL_UNSAFE,
      severity: 'error',
      scope,
      ...(scope !== 'province' ? { tier: scope } : {}),
      values: [{ code: key, value }],
      cells: [],
      message:
        `${what} ${scopeName(ctx, scope)} là ${formatNumber(value)}, vượt ${formatNumber(SAFE)} — ` +
        'giới hạn mà máy tính cộng chính xác đến từng đơn vị — nên tổng này không đáng tin cậy. ' +
        `Số liệu lớn nhất: ${biggest(scope, codes)}. Hãy kiểm tra lại số liệu của các đơn vị.`,
    });
  };
  for (const scope of scopes) {
    for (const [code, t] of Object.entries(totals[scope])) {
      if (Math.abs(t.value) > SAFE)
        push(scope, code, `Số liệu tổng hợp của chỉ tiêu ${indicatorName(ctx.form, code)} (${code})`, t.value, [code]);
    }
    for (const [code, r] of Object.entries(ratios[scope])) {
      const ratio = ctx.form.ratioByCode.get(code);
      const side = Math.abs(r.num) > SAFE ? r.num : Math.abs(r.den) > SAFE ? r.den : undefined;
      if (side !== undefined && ratio)
        push(scope, code, `Tổng tử số hoặc mẫu số của ${ratio.label} (${code})`, side, ratio.refs);
    }
  }
}
