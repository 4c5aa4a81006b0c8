/**
 * The form's rules, evaluated on every unit's return, on every tier's totals and on the
 * province's (reconciliation.md, "Where rules run" 1–2).
 *
 * - A unit is checked only against rules whose every figure its tier fills; a blank figure
 *   or a division by zero skips the rule there, counted in `RuleStat.skipped` / `skippedAt`.
 * - At tier and province level a rule is evaluated on sums over the units that reported
 *   *every* figure of the rule, so partial reporting (KL01 from 38 units, KL02 from 37)
 *   cannot fail it. Rules on a non-additive figure (a stated percentage) run on units only.
 * - A failed total whose contributing units already failed the same rule only restates
 *   those unit findings: it is kept as `info`, naming the units, so that explaining the
 *   unit finding is enough to sign. A total that fails while every unit passes (impossible
 *   for the linear rules of the built-in form, possible for others) keeps the rule's severity.
 */
import { evaluate, printExpr, type Rule, type Scope, type Tier } from '../form/index.js';
import { cellRef, findingId, type CellValue } from '../model/index.js';
import type { RuleStat } from '../model/consolidation.js';
import type { Unit } from '../units/index.js';
import {
  cellFigure,
  scopeKey,
  scopeName,
  tiersFilling,
  unitPrefix,
  unitValues,
  type Ctx,
  type NewFinding,
} from './context.js';
import { guardUnit } from './guard.js';
import { percentBody, ruleFailureBody, type Fig } from './messages.js';
import { judgeStatedPercent } from './percent.js';
import type { Compiled } from './compile.js';
import { ruleShape, type RuleShape } from './shapes.js';

/** Check codes of stated-percentage warnings that are not the rule's own failure. */
export const PERCENT_IMPRECISE = 'PERCENT_IMPRECISE';
export const PERCENT_TRUNCATED = 'PERCENT_TRUNCATED';

type Outcome = 'passed' | 'failed' | 'skipped';

function unitFigs(values: Record<string, CellValue>, codes: string[]): Map<string, Fig> {
  const m = new Map<string, Fig>();
  for (const c of codes) {
    const cv = values[c];
    if (cv) m.set(c, { code: c, value: cv.value, sheet: cv.source.sheet, cell: cv.source.cell });
  }
  return m;
}

function checkUnit(
  ctx: Ctx,
  rule: Rule,
  shape: RuleShape,
  unit: Unit,
  values: Record<string, CellValue>,
  out: NewFinding[],
): Outcome {
  const lookup = (c: string): number | undefined => values[c]?.value;
  const result = (ctx.compiled.get(rule.id) as Compiled).run(lookup);
  if (result.kind === 'missing' || result.kind === 'div0') return 'skipped';

  let check = rule.id;
  let severity = rule.severity;
  let body: string;
  if (shape.kind === 'percent') {
    const computed = evaluate(shape.computed, lookup);
    if (computed.kind !== 'number') return 'skipped';
    const stated = values[shape.stated] as CellValue;
    const verdict = judgeStatedPercent(stated.value, stated.decimals, computed.value);
    if (verdict === 'holds') return 'passed';
    if (verdict !== 'wrong') {
      check = verdict === 'imprecise' ? PERCENT_IMPRECISE : PERCENT_TRUNCATED;
      severity = 'warning';
    }
    const figs = unitFigs(values, rule.refs);
    const parts = rule.refs.filter((c) => c !== shape.stated).map((c) => figs.get(c) as Fig);
    body = percentBody(
      ctx.form,
      verdict,
      figs.get(shape.stated) as Fig,
      stated.decimals,
      printExpr(shape.computed),
      computed.value,
      parts,
    );
  } else {
    // Stryker disable next-line ConditionalExpression: a comparison that is neither missing nor div0 is a truth value
    if (result.kind === 'bool' && result.value) return 'passed';
    body = ruleFailureBody(ctx.form, rule, shape, unitFigs(values, rule.refs));
  }
  const involved = rule.refs.map((c) => values[c] as CellValue);
  const cells = involved.map((cv) => cellRef(cv.source));
  out.push({
    id: findingId(check, unit.code, cells),
    check,
    severity,
    scope: 'unit',
    unit: unit.code,
    tier: unit.tier,
    file: involved[0]?.source.file,
    values: involved.map(cellFigure),
    cells,
    message: `${unitPrefix(unit, values, rule.refs)}${body} (Quy tắc ${rule.id}: ${rule.label}.)`,
  });
  return 'failed';
}

/** Sums of a rule's figures over the units of a scope that reported all of them. */
interface Pool {
  sums: Map<string, number>;
  units: Unit[];
}

function newPool(rule: Rule): Pool {
  return { sums: new Map(rule.refs.map((c) => [c, 0])), units: [] };
}

function addToPool(pool: Pool, rule: Rule, unit: Unit, values: Record<string, CellValue>): void {
  pool.units.push(unit);
  for (const c of rule.refs) pool.sums.set(c, (pool.sums.get(c) as number) + (values[c] as CellValue).value);
}

function checkAggregate(
  ctx: Ctx,
  rule: Rule,
  shape: RuleShape,
  scope: Scope,
  pool: Pool,
  members: number,
  failedUnits: ReadonlySet<string>,
  out: NewFinding[],
): Outcome {
  const eligible = pool.units;
  if (eligible.length === 0) return 'skipped';
  const sums = pool.sums;
  const result = (ctx.compiled.get(rule.id) as Compiled).run((c) => sums.get(c));
  // The pool holds every figure of the rule, so a total is never "missing"; and the result is a truth value.
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (result.kind === 'missing' || result.kind === 'div0') return 'skipped';
  // Stryker disable next-line ConditionalExpression: equivalent, see above
  if (result.kind === 'bool' && result.value) return 'passed';

  const culprits = eligible.filter((u) => failedUnits.has(u.code)).map((u) => u.code);
  const figs = new Map<string, Fig>([...sums].map(([code, value]) => [code, { code, value }]));
  const prefix =
    `Tổng ${scopeName(ctx, scope)} (cộng ${eligible.length}/${members} đơn vị có đủ số liệu ` +
    `của quy tắc ${rule.id}): `;
  const cause =
    culprits.length > 0
      ? ` Sai lệch do số liệu của đơn vị ${culprits.join(', ')} (đã nêu ở từng đơn vị).`
      : ' Không đơn vị nào sai riêng lẻ: cần kiểm tra lại cách cộng.';
  const tier: Tier | undefined = scope === 'province' ? undefined : scope;
  out.push({
    id: findingId(rule.id, scopeKey(scope), []),
    check: rule.id,
    severity: culprits.length > 0 ? 'info' : rule.severity,
    scope,
    ...(tier ? { tier } : {}),
    values: rule.refs.map((code) => ({ code, value: sums.get(code) as number })),
    cells: [],
    message: `${prefix}${ruleFailureBody(ctx.form, rule, shape, figs)}${cause} (Quy tắc ${rule.id}: ${rule.label}.)`,
  });
  return 'failed';
}

/** Run every rule of the form; unit and total findings go to `out`, statistics are returned. */
export function runRules(ctx: Ctx, out: NewFinding[]): RuleStat[] {
  const stats: RuleStat[] = [];
  for (const rule of ctx.form.rules) {
    const stat: RuleStat = { id: rule.id, evaluated: 0, passed: 0, failed: 0, skipped: 0, skippedAt: [] };
    const tally = (o: Outcome, where: string): void => {
      stat.evaluated++;
      stat[o]++;
      if (o === 'skipped') stat.skippedAt.push(where);
    };
    const shape = ruleShape(ctx.form, rule);
    const tiers = tiersFilling(ctx, rule.refs);
    const failedUnits = new Set<string>();
    const additive = rule.refs.every((c) => ctx.form.indicatorByCode.get(c)?.aggregate === 'sum');
    const province = newPool(rule);
    const tierPools: [Tier, Pool][] = [];
    for (const t of tiers) {
      const pool = newPool(rule);
      for (const u of ctx.byTier[t]) {
        const values = unitValues(ctx, u);
        if (!values) continue;
        const o = guardUnit<Outcome>(u, `quy tắc ${rule.id}`, 'skipped', out, () =>
          checkUnit(ctx, rule, shape, u, values, out),
        );
        if (o === 'failed') failedUnits.add(u.code);
        tally(o, u.code);
        if (additive && rule.refs.every((c) => values[c] !== undefined)) {
          addToPool(pool, rule, u, values);
          addToPool(province, rule, u, values);
        }
      }
      tierPools.push([t, pool]);
    }
    if (
      additive &&
      // Stryker disable next-line ConditionalExpression: with no tier there are no pools and no members (→ true)
      tiers.length !== 0
    ) {
      let members = 0;
      for (const [t, pool] of tierPools) {
        // A tier with no unit in the register has no total to check.
        if (ctx.byTier[t].length === 0) continue;
        members += ctx.byTier[t].length;
        tally(checkAggregate(ctx, rule, shape, t, pool, ctx.byTier[t].length, failedUnits, out), scopeKey(t));
      }
      if (members > 0) {
        tally(checkAggregate(ctx, rule, shape, 'province', province, members, failedUnits, out), 'province');
      }
    }
    stats.push(stat);
  }
  return stats;
}
