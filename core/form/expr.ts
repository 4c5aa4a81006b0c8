/**
 * The rule language of the form: indicator codes, numbers, `+ - * /`, parentheses,
 * `abs(x)`, comparisons `== != < <= > >=`, and `and` / `or`.
 *
 * A recursive-descent parser producing a typed AST, and an evaluator over it.
 * Never `eval`. Errors carry the 1-based column where parsing failed.
 */

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'num'; value: number; text: string; pos: number }
  | { type: 'ref'; code: string; pos: number }
  | { type: 'neg'; arg: Expr; pos: number }
  | { type: 'arith'; op: ArithOp; left: Expr; right: Expr; pos: number }
  | { type: 'compare'; op: CompareOp; left: Expr; right: Expr; pos: number }
  | { type: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr; pos: number }
  | { type: 'abs'; arg: Expr; pos: number };

/** A parse failure: `column` is 1-based within the expression text. */
export class ExprSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${reason} at column ${column} of "${source}"`);
    this.name = 'ExprSyntaxError';
  }
}

type Token =
  | { kind: 'num'; text: string; pos: number }
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

const OPS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)/.exec(src.slice(i));
      const text = (m as RegExpExecArray)[0];
      if (/[A-Za-z_]/.test(src[i + text.length] ?? '')) {
        throw new ExprSyntaxError(src, i + 1, `malformed number "${src.slice(i).split(/\s/)[0]}"`);
      }
      out.push({ kind: 'num', text, pos: i });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprSyntaxError(src, i + 1, `unexpected character "${ch}"`);
    out.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

/** Parse a rule or ratio expression. Throws {@link ExprSyntaxError}. */
export function parseExpr(src: string): Expr {
  const tokens = tokenize(src);
  let k = 0;
  const peek = (): Token => tokens[k] as Token;
  const next = (): Token => tokens[k++] as Token;
  const fail = (t: Token, reason: string): never => {
    throw new ExprSyntaxError(src, t.pos + 1, reason);
  };
  const describe = (t: Token): string => (t.kind === 'end' ? 'end of expression' : `"${t.text}"`);
  const isOp = (t: Token, ...ops: string[]): boolean => t.kind === 'op' && ops.includes(t.text);
  const isWord = (t: Token, w: string): boolean => t.kind === 'ident' && t.text.toLowerCase() === w;

  function orExpr(): Expr {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      const t = next();
      left = { type: 'logic', op: 'or', left, right: andExpr(), pos: t.pos };
    }
    return left;
  }
  function andExpr(): Expr {
    let left = comparison();
    while (isWord(peek(), 'and')) {
      const t = next();
      left = { type: 'logic', op: 'and', left, right: comparison(), pos: t.pos };
    }
    return left;
  }
  function comparison(): Expr {
    const left = additive();
    const t = peek();
    if (isOp(t, '==', '!=', '<', '<=', '>', '>=')) {
      next();
      const right = additive();
      if (isOp(peek(), '==', '!=', '<', '<=', '>', '>=')) fail(peek(), 'chained comparison');
      return { type: 'compare', op: t.text as CompareOp, left, right, pos: t.pos };
    }
    return left;
  }
  function additive(): Expr {
    let left = term();
    while (isOp(peek(), '+', '-')) {
      const t = next();
      left = { type: 'arith', op: t.text as ArithOp, left, right: term(), pos: t.pos };
    }
    return left;
  }
  function term(): Expr {
    let left = unary();
    while (isOp(peek(), '*', '/')) {
      const t = next();
      left = { type: 'arith', op: t.text as ArithOp, left, right: unary(), pos: t.pos };
    }
    return left;
  }
  function unary(): Expr {
    const t = peek();
    if (isOp(t, '-')) {
      next();
      return { type: 'neg', arg: unary(), pos: t.pos };
    }
    return primary();
  }
  function primary(): Expr {
    const t = next();
    if (t.kind === 'num') return { type: 'num', value: Number(t.text), text: t.text, pos: t.pos };
    if (t.kind === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'and' || lower === 'or') fail(t, `expected a value but found "${t.text}"`);
      if (lower === 'abs') {
        if (!isOp(peek(), '(')) fail(peek(), 'expected "(" after abs');
        next();
        const arg = orExpr();
        if (!isOp(peek(), ')')) fail(peek(), `expected ")" but found ${describe(peek())}`);
        next();
        return { type: 'abs', arg, pos: t.pos };
      }
      if (isOp(peek(), '(')) fail(t, `unknown function "${t.text}"`);
      return { type: 'ref', code: t.text, pos: t.pos };
    }
    if (isOp(t, '(')) {
      const inner = orExpr();
      if (!isOp(peek(), ')')) fail(peek(), `expected ")" but found ${describe(peek())}`);
      next();
      return inner;
    }
    return fail(t, `expected a value but found ${describe(t)}`);
  }

  if (peek().kind === 'end') fail(peek(), 'empty expression');
  const e = orExpr();
  if (peek().kind !== 'end') fail(peek(), `unexpected ${describe(peek())}`);
  return e;
}

/** Indicator codes referenced by an expression, in order of first appearance. */
export function exprRefs(e: Expr): string[] {
  const seen: string[] = [];
  const walk = (x: Expr): void => {
    switch (x.type) {
      case 'num':
        return;
      case 'ref':
        if (!seen.includes(x.code)) seen.push(x.code);
        return;
      case 'neg':
      case 'abs':
        return walk(x.arg);
      default:
        walk(x.left);
        walk(x.right);
    }
  };
  walk(e);
  return seen;
}

/** Whether an expression yields a truth value (a comparison or a logical combination). */
export function isBoolean(e: Expr): boolean {
  return e.type === 'compare' || e.type === 'logic';
}

export type EvalResult =
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'missing'; codes: string[] }
  | { kind: 'div0' };

/**
 * Evaluate with `lookup` giving each code's value or `undefined` when blank.
 * A referenced blank yields `missing` (listing every blank code); division by zero
 * yields `div0`. Neither is ever turned into 0.
 */
export function evaluate(e: Expr, lookup: (code: string) => number | undefined): EvalResult {
  const missing = exprRefs(e).filter((c) => lookup(c) === undefined);
  if (missing.length > 0) return { kind: 'missing', codes: missing };
  let divZero = false;
  const num = (x: Expr): number => {
    switch (x.type) {
      case 'num':
        return x.value;
      case 'ref':
        return lookup(x.code) as number;
      case 'neg':
        return -num(x.arg);
      case 'abs':
        return Math.abs(num(x.arg));
      case 'arith': {
        const a = num(x.left);
        const b = num(x.right);
        switch (x.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            if (b === 0) {
              divZero = true;
              return 0;
            }
            return a / b;
        }
        break;
      }
      default:
        throw new TypeError('a truth value was used where a number is needed');
    }
    return 0;
  };
  const bool = (x: Expr): boolean => {
    if (x.type === 'logic') {
      const a = bool(x.left);
      const b = bool(x.right);
      return x.op === 'and' ? a && b : a || b;
    }
    if (x.type === 'compare') {
      const a = num(x.left);
      const b = num(x.right);
      switch (x.op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
      }
    }
    throw new TypeError('a number was used where a truth value is needed');
  };
  if (isBoolean(e)) {
    const value = bool(e);
    return divZero ? { kind: 'div0' } : { kind: 'bool', value };
  }
  const value = num(e);
  return divZero ? { kind: 'div0' } : { kind: 'number', value };
}

/** Print an expression back in canonical form (used in messages and tests). */
export function printExpr(e: Expr): string {
  const prec = (x: Expr): number =>
    x.type === 'logic'
      ? x.op === 'or'
        ? 1
        : 2
      : x.type === 'compare'
        ? 3
        : x.type === 'arith'
          ? x.op === '+' || x.op === '-'
            ? 4
            : 5
          : 6;
  const wrap = (x: Expr, min: number): string => (prec(x) < min ? `(${printExpr(x)})` : printExpr(x));
  switch (e.type) {
    case 'num':
      return e.text;
    case 'ref':
      return e.code;
    case 'neg':
      return `-${wrap(e.arg, 6)}`;
    case 'abs':
      return `abs(${printExpr(e.arg)})`;
    case 'arith':
      return `${wrap(e.left, prec(e))} ${e.op} ${wrap(e.right, prec(e) + 1)}`;
    case 'compare':
      return `${wrap(e.left, 4)} ${e.op} ${wrap(e.right, 4)}`;
    case 'logic':
      return `${wrap(e.left, prec(e))} ${e.op} ${wrap(e.right, prec(e) + 1)}`;
  }
}
