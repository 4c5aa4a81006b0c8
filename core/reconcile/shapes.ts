/**
 * Recognise the shape of a rule expression, so that a failed rule can be explained in a
 * sentence a clerk understands ("… là 5 nhưng tổng các chỉ tiêu thành phần … là 4").
 */
import type { Expr, Form, Rule } from '../form/index.js';

export type RuleShape =
  /** `A == B + C + …` (either side): a total against its parts. */
  | { kind: 'total'; total: string; parts: string[] }
  /** `A == B - C`: a difference. */
  | { kind: 'diff'; result: string; minuend: string; subtrahend: string }
  /** `B + C … <= A` (or `A >= …`): a part, or a sum of parts, cannot exceed the whole. */
  | { kind: 'leq'; parts: string[]; whole: string }
  /** `A <= k * B`: a part cannot exceed a share of the whole (R31). */
  | { kind: 'share'; part: string; factor: number; whole: string }
  /** `abs(P - expr) <= tol` with P a percent indicator: a stated percentage (R11). */
  | { kind: 'percent'; stated: string; computed: Expr }
  | { kind: 'generic' };

/** The codes of `A + B + …` made only of references, or null. */
function sumOfRefs(e: Expr): string[] | null {
  if (e.type === 'ref') return [e.code];
  if (e.type === 'arith' && e.op === '+') {
    const l = sumOfRefs(e.left);
    const r = sumOfRefs(e.right);
    return l && r ? [...l, ...r] : null;
  }
  return null;
}

const refCode = (e: Expr): string | null => (e.type === 'ref' ? e.code : null);

function asDiff(result: Expr, other: Expr): RuleShape | null {
  const r = refCode(result);
  if (!r || other.type !== 'arith' || other.op !== '-') return null;
  const a = refCode(other.left);
  const b = refCode(other.right);
  return a && b ? { kind: 'diff', result: r, minuend: a, subtrahend: b } : null;
}

function asTotal(total: Expr, other: Expr): RuleShape | null {
  const t = refCode(total);
  const parts = sumOfRefs(other);
  return t && parts && parts.length >= 2 ? { kind: 'total', total: t, parts } : null;
}

function asLeq(small: Expr, big: Expr): RuleShape | null {
  const parts = sumOfRefs(small);
  const whole = refCode(big);
  if (parts && whole) return { kind: 'leq', parts, whole };
  const part = refCode(small);
  if (
    part &&
    // Stryker disable next-line ConditionalExpression: only an arithmetic node has op "*" (big.type === 'arith' → true)
    big.type === 'arith' &&
    big.op === '*'
  ) {
    const [k, w] = big.left.type === 'num' ? [big.left, big.right] : [big.right, big.left];
    if (k.type === 'num' && w.type === 'ref') return { kind: 'share', part, factor: k.value, whole: w.code };
  }
  return null;
}

function asPercent(form: Form, left: Expr, right: Expr): RuleShape | null {
  if (left.type !== 'abs' || right.type !== 'num') return null;
  const inner = left.arg;
  if (inner.type !== 'arith' || inner.op !== '-') return null;
  const p = refCode(inner.left);
  if (p && form.indicatorByCode.get(p)?.kind === 'percent')
    return { kind: 'percent', stated: p, computed: inner.right };
  return null;
}

/** Classify a rule; `generic` when no sentence template fits. */
export function ruleShape(form: Form, rule: Rule): RuleShape {
  const e = rule.expr;
  if (e.type !== 'compare') return { kind: 'generic' };
  const { left, right } = e;
  let shape: RuleShape | null = null;
  switch (e.op) {
    case '==':
      shape = asTotal(left, right) ?? asTotal(right, left) ?? asDiff(left, right) ?? asDiff(right, left);
      break;
    case '<=':
      shape = asPercent(form, left, right) ?? asLeq(left, right);
      break;
    case '>=':
      shape = asLeq(right, left);
      break;
    // Stryker disable next-line ConditionalExpression: without the default case the switch ends the same way
    default:
      break;
  }
  return shape ?? { kind: 'generic' };
}
