/**
 * The compiled rule and ratio expressions agree with the reference evaluator of core/form on
 * every operator, on blanks and on division by zero — case by case and on thousands of
 * generated expressions.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpr, type EvalResult, type Expr } from '../form/index.js';
import { Rng } from '../sample/random.js';
import { compile } from './compile.js';

const run = (src: string, values: Record<string, number>): EvalResult => compile(parseExpr(src)).run((c) => values[c]);

describe('compile: each operator', () => {
  const v = { A: 5, B: 2, C: 0, D: -3, E: 2.5 };
  it.each([
    ['A + B', 7],
    ['A - B', 3],
    ['B - A', -3],
    ['A * B', 10],
    ['A / B', 2.5],
    ['B / A', 0.4],
    ['-A', -5],
    ['-D', 3],
    ['abs(D)', 3],
    ['abs(A)', 5],
    ['abs(B - A)', 3],
    ['A - B * 2', 1],
    ['(A - B) * 2', 6],
    ['A - B - 1', 2],
    ['A / B / 5', 0.5],
    ['100 * (A - B) / A', 60],
    ['E * 4', 10],
    ['7', 7],
  ])('%s = %d', (src, value) => {
    expect(run(src, v)).toEqual({ kind: 'number', value });
  });

  it.each([
    ['A == 5', true],
    ['A == 4', false],
    ['A != 5', false],
    ['A != 4', true],
    ['B < A', true],
    ['A < A', false],
    ['A < B', false],
    ['A <= A', true],
    ['A <= B', false],
    ['B <= A', true],
    ['A > B', true],
    ['A > A', false],
    ['B > A', false],
    ['A >= A', true],
    ['B >= A', false],
    ['A >= B', true],
    ['abs(D) == 3', true],
    ['-D == 3', true],
    ['D == 3', false],
    // and / or: every row of both truth tables
    ['A > B and B > C', true],
    ['A > B and B < C', false],
    ['A < B and B > C', false],
    ['A < B and B < C', false],
    ['A > B or B > C', true],
    ['A > B or B < C', true],
    ['A < B or B > C', true],
    ['A < B or B < C', false],
    ['A < B and B < C or A == 5', true],
    ['A == 5 or A < B and B < C', true],
    ['A < B and (B < C or A == 5)', false],
  ])('%s is %s', (src, value) => {
    expect(run(src, v)).toEqual({ kind: 'bool', value });
  });
});

describe('compile: blanks and division by zero, never 0', () => {
  it('a blank reference is missing, named in the order of the expression, each once', () => {
    expect(run('Z + A + Y + Z == 1', { A: 1 })).toEqual({ kind: 'missing', codes: ['Z', 'Y'] });
    expect(run('A + B', { B: 0 })).toEqual({ kind: 'missing', codes: ['A'] });
    // Missing wins over a division by zero: the figure is not there at all.
    expect(run('A / C + Z', { A: 1, C: 0 })).toEqual({ kind: 'missing', codes: ['Z'] });
    // Zero is a value, not a blank.
    expect(run('C == 0', { C: 0 })).toEqual({ kind: 'bool', value: true });
  });

  it('a division by zero anywhere makes the whole result div0, in numbers and in comparisons', () => {
    expect(run('A / C', { A: 1, C: 0 })).toEqual({ kind: 'div0' });
    expect(run('0 / C', { C: 0 })).toEqual({ kind: 'div0' });
    expect(run('A / C == 0', { A: 1, C: 0 })).toEqual({ kind: 'div0' });
    expect(run('A > 0 or A / C > 1', { A: 1, C: 0 })).toEqual({ kind: 'div0' });
    expect(run('A / C > 1 and A > 0', { A: 1, C: 0 })).toEqual({ kind: 'div0' });
    expect(run('abs(-(A / C)) + 1', { A: 1, C: 0 })).toEqual({ kind: 'div0' });
    expect(run('A / (C - C + 2)', { A: 1, C: 0 })).toEqual({ kind: 'number', value: 0.5 });
  });

  it('each run starts afresh: a division by zero does not stick to the next values', () => {
    const c = compile(parseExpr('A / B'));
    expect(c.run((k) => ({ A: 1, B: 0 })[k])).toEqual({ kind: 'div0' });
    expect(c.run((k) => ({ A: 1, B: 4 })[k])).toEqual({ kind: 'number', value: 0.25 });
  });

  it('lists its references', () => {
    expect(compile(parseExpr('abs(KL01 - KL02) <= 0 or KL01 / KL03 > 2')).refs).toEqual(['KL01', 'KL02', 'KL03']);
  });
});

describe('compile: truth values and numbers are not mixed', () => {
  const pos = 0;
  const A: Expr = { type: 'ref', code: 'A', pos };
  const cmp: Expr = { type: 'compare', op: '>', left: A, right: { type: 'num', value: 1, text: '1', pos }, pos };
  it('refuses a comparison used as a number, and a number used as a truth value', () => {
    expect(() => compile({ type: 'neg', arg: cmp, pos })).toThrow(
      new TypeError('a truth value was used where a number is needed'),
    );
    expect(() => compile({ type: 'logic', op: 'and', left: cmp, right: A, pos })).toThrow(
      new TypeError('a number was used where a truth value is needed'),
    );
  });
});

/** A random expression over A–E with every operator, `bool` at the top or not. */
function randomExpr(rng: Rng, depth: number, bool: boolean): string {
  if (bool) {
    if (depth > 0 && rng.next() < 0.35) {
      const op = rng.pick(['and', 'or']);
      return `(${randomExpr(rng, depth - 1, true)} ${op} ${randomExpr(rng, depth - 1, true)})`;
    }
    const op = rng.pick(['==', '!=', '<', '<=', '>', '>=']);
    return `${randomExpr(rng, depth - 1, false)} ${op} ${randomExpr(rng, depth - 1, false)}`;
  }
  const r = rng.next();
  if (depth <= 0 || r < 0.3) return rng.next() < 0.7 ? rng.pick(['A', 'B', 'C', 'D', 'E']) : String(rng.int(0, 3));
  if (r < 0.4) return `-(${randomExpr(rng, depth - 1, false)})`;
  if (r < 0.5) return `abs(${randomExpr(rng, depth - 1, false)})`;
  const op = rng.pick(['+', '-', '*', '/']);
  return `(${randomExpr(rng, depth - 1, false)} ${op} ${randomExpr(rng, depth - 1, false)})`;
}

describe('compile agrees with evaluate', () => {
  it('on 3,000 generated expressions and values (seeded)', () => {
    const rng = new Rng(20240613);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const src = randomExpr(rng, 4, rng.next() < 0.5);
      const values: Record<string, number> = {};
      for (const c of ['A', 'B', 'C', 'D', 'E']) {
        const r = rng.next();
        if (r < 0.08) continue; // blank
        values[c] =
          r < 0.25 ? 0 : r < 0.5 ? -rng.int(1, 9) : r < 0.75 ? rng.int(1, 9) : Math.round(rng.real(-50, 50) * 4) / 4;
      }
      const e = parseExpr(src);
      const look = (c: string): number | undefined => values[c];
      const got = compile(e).run(look);
      expect(got, `${src} with ${JSON.stringify(values)}`).toEqual(evaluate(e, look));
      const key = got.kind === 'bool' ? `bool:${got.value}` : got.kind;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    // The generator reached every kind of result, often.
    for (const k of ['number', 'bool:true', 'bool:false', 'missing', 'div0'])
      expect(kinds.get(k) ?? 0).toBeGreaterThan(100);
  });
});
