/**
 * Rule and ratio expressions compiled once into plain closures over the parsed AST (no
 * `eval`), with their references resolved up front: reconciling 1,000 units evaluates
 * some 50,000 expressions, and `evaluate` re-walks the tree for its blanks on every call.
 * Same semantics as `evaluate` in core/form: a blank reference → `missing`, a division
 * by zero → `div0`, never 0.
 */
import { exprRefs, type EvalResult, type Expr } from '../form/index.js';

type Get = (code: string) => number;
interface State {
  div0: boolean;
}
type NumFn = (get: Get, st: State) => number;
type BoolFn = (get: Get, st: State) => boolean;

function num(e: Expr): NumFn {
  switch (e.type) {
    case 'num': {
      const v = e.value;
      return () => v;
    }
    case 'ref': {
      const c = e.code;
      return (get) => get(c);
    }
    case 'neg': {
      const a = num(e.arg);
      return (get, st) => -a(get, st);
    }
    case 'abs': {
      const a = num(e.arg);
      return (get, st) => Math.abs(a(get, st));
    }
    case 'arith': {
      const a = num(e.left);
      const b = num(e.right);
      switch (e.op) {
        case '+':
          return (get, st) => a(get, st) + b(get, st);
        case '-':
          return (get, st) => a(get, st) - b(get, st);
        case '*':
          return (get, st) => a(get, st) * b(get, st);
        case '/':
          return (get, st) => {
            const d = b(get, st);
            if (d === 0) {
              st.div0 = true;
              return 0;
            }
            return a(get, st) / d;
          };
      }
      break;
    }
    // Stryker disable next-line ConditionalExpression: without the default case the same throw below is reached
    default:
      break;
  }
  throw new TypeError('a truth value was used where a number is needed');
}

function bool(e: Expr): BoolFn {
  if (e.type === 'logic') {
    const a = bool(e.left);
    const b = bool(e.right);
    // Both sides always run (no short-circuit), as in `evaluate`: a division by zero on either
    // side skips the rule even when the other side alone would decide it.
    return e.op === 'and'
      ? (g, s) => {
          const l = a(g, s);
          const r = b(g, s);
          return l && r;
        }
      : (g, s) => {
          const l = a(g, s);
          const r = b(g, s);
          return l || r;
        };
  }
  if (e.type === 'compare') {
    const a = num(e.left);
    const b = num(e.right);
    switch (e.op) {
      case '==':
        return (g, s) => a(g, s) === b(g, s);
      case '!=':
        return (g, s) => a(g, s) !== b(g, s);
      case '<':
        return (g, s) => a(g, s) < b(g, s);
      case '<=':
        return (g, s) => a(g, s) <= b(g, s);
      case '>':
        return (g, s) => a(g, s) > b(g, s);
      case '>=':
        return (g, s) => a(g, s) >= b(g, s);
    }
  }
  throw new TypeError('a number was used where a truth value is needed');
}

/** An expression ready to evaluate many times. */
export interface Compiled {
  refs: string[];
  run(lookup: (code: string) => number | undefined): EvalResult;
}

/** Compile an expression (a comparison yields `bool`, arithmetic yields `number`). */
export function compile(e: Expr): Compiled {
  const refs = exprRefs(e);
  const isBool = e.type === 'compare' || e.type === 'logic';
  const b = isBool ? bool(e) : undefined;
  const n = isBool ? undefined : num(e);
  return {
    refs,
    run(lookup) {
      let missing: string[] | undefined;
      for (const r of refs) if (lookup(r) === undefined) (missing ??= []).push(r);
      if (missing) return { kind: 'missing', codes: missing };
      const st: State = { div0: false };
      const get = lookup as Get;
      if (b) {
        const value = b(get, st);
        return st.div0 ? { kind: 'div0' } : { kind: 'bool', value };
      }
      const value = (n as NumFn)(get, st);
      return st.div0 ? { kind: 'div0' } : { kind: 'number', value };
    },
  };
}
